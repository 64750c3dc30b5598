import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunConfig } from '../../../lib/runconfig/types.ts';
import { buildMiddlewares, type PolicyChain } from '../../../proxyrunner/middleware/chain.ts';
import { TelemetryMiddleware } from '../../../proxyrunner/middleware/telemetry/middleware.ts';
import type {
  FinishedSpan,
  OtlpTraceExporter,
} from '../../../proxyrunner/middleware/telemetry/otlp-exporter.ts';
import {
  parseTraceparent,
  sampleRoot,
  shouldSample,
} from '../../../proxyrunner/middleware/telemetry/trace-context.ts';
import { OtlpReceiver } from '../../support/otlp-receiver.ts';
import { fakeBackend, runChain } from './support/chain-runner.ts';
import { requestContext, rpc, toolCall } from './support/context.ts';
import { captureLogs } from './support/logs.ts';
import { expectNoSecrets, registerSecret } from './support/secrets-scan.ts';

const logs = captureLogs('telemetry');
const COLLECTOR_TOKEN = registerSecret('otlp-collector-api-key-777');

// biome-ignore lint/suspicious/noExplicitAny: OTLP JSON is walked freely in assertions
type Json = any;

let otlp: OtlpReceiver;
let chain: PolicyChain;
let sessions = 3;

beforeAll(async () => {
  otlp = await new OtlpReceiver().start();
  const rc: RunConfig = {
    schema_version: 'v0.1.0',
    image: 'x',
    name: 'everything',
    transport: 'stdio',
    host: '127.0.0.1',
    port: 8080,
    telemetry_config: {
      endpoint: otlp.url,
      insecure: true,
      tracingEnabled: true,
      metricsEnabled: true,
      enablePrometheusMetricsPath: true,
      samplingRate: '1.0',
      useLegacyAttributes: true,
      customAttributes: { 'deployment.environment': 'test' },
    },
    tools_filter: ['echo'],
  };
  chain = await buildMiddlewares(rc, {
    logger: logs.logger,
    env: { OTEL_EXPORTER_OTLP_HEADERS: `x-api-key=${COLLECTOR_TOKEN}` },
    activeSessions: () => sessions,
  });
});
afterAll(async () => {
  await chain.close();
  await otlp.stop();
  expectNoSecrets(logs.lines);
});

function telemetry(): TelemetryMiddleware {
  return chain.middlewares.find((m) => m.name === 'telemetry') as TelemetryMiddleware;
}

describe('traces over OTLP/HTTP', () => {
  it('exports one server span per request, named after the MCP method and target, parented by traceparent', async () => {
    const parent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const before = BigInt(Date.now() - 1) * 1_000_000n;
    await runChain(
      chain.middlewares,
      requestContext({ message: toolCall('echo', { message: 'x' }, 11), headers: { traceparent: parent } }),
      fakeBackend(),
    );
    const metaParent = '00-11111111111111111111111111111111-2222222222222222-01';
    await runChain(
      chain.middlewares,
      requestContext({
        message: {
          jsonrpc: '2.0',
          id: 12,
          method: 'tools/list',
          params: { _meta: { traceparent: metaParent } },
        },
        headers: { traceparent: parent },
      }),
      fakeBackend({ tools: [{ name: 'echo' }] }),
    );
    await telemetry().close(); // flushes the batch
    const after = BigInt(Date.now() + 1) * 1_000_000n;
    for (const span of otlp.spans()) {
      // Wall-clock nanoseconds, as decimal strings (OTLP/JSON), ending no earlier than they start.
      const start = BigInt(span.startTimeUnixNano as string);
      const end = BigInt(span.endTimeUnixNano as string);
      expect(start >= before && start <= end && end <= after).toBe(true);
    }
    expect(otlp.exports[0]!.headers['x-api-key']).toBe(COLLECTOR_TOKEN);
    const resource = otlp.exports[0]!.body.resourceSpans[0].resource.attributes as Json[];
    expect(resource).toEqual(
      expect.arrayContaining([
        { key: 'service.name', value: { stringValue: 'thv-everything' } },
        { key: 'deployment.environment', value: { stringValue: 'test' } },
      ]),
    );
    const [call, list] = otlp.spans();
    expect(call).toMatchObject({
      name: 'tools/call echo',
      kind: 2,
      traceId: '0af7651916cd43dd8448eb211c80319c',
      parentSpanId: 'b7ad6b7169203331',
      status: { code: 1 },
    });
    const attrs = Object.fromEntries(
      (call.attributes as Json[]).map((a) => [a.key, Object.values(a.value)[0]]),
    );
    expect(attrs).toMatchObject({
      'mcp.method.name': 'tools/call',
      'gen_ai.tool.name': 'echo',
      'gen_ai.operation.name': 'execute_tool',
      'jsonrpc.request.id': '11',
      'mcp.server.name': 'everything',
      'network.transport': 'pipe',
      'http.response.status_code': '200',
      'mcp.method': 'tools/call',
    });
    // params._meta.traceparent wins over the HTTP header (MCP convention).
    expect(list).toMatchObject({
      name: 'tools/list',
      traceId: '11111111111111111111111111111111',
      parentSpanId: '2222222222222222',
    });
  });

  it('stamps a span with the system clock at its start, not with the monotonic clock since the process began', () => {
    const exported: FinishedSpan[] = [];
    const t = new TelemetryMiddleware({
      serverName: 's',
      transport: 'stdio',
      samplingRate: 1,
      useLegacyAttributes: false,
      exporter: { export: (span: FinishedSpan) => exported.push(span) } as unknown as OtlpTraceExporter,
    });
    // The wall clock has moved since the process started (an NTP step, a resumed VM).
    const wall = Date.now() + 3_600_000;
    const now = vi.spyOn(Date, 'now').mockReturnValue(wall);
    const ctx = requestContext({ message: toolCall('echo', {}, 1) });
    try {
      t.onRequest(ctx);
    } finally {
      now.mockRestore();
    }
    t.onComplete(ctx, { status: 200, durationMs: 1, responseBytes: 0 });
    expect(exported).toHaveLength(1);
    const start = exported[0]!.startTimeUnixNano;
    expect(start).toBe(BigInt(wall) * 1_000_000n);
    expect(exported[0]!.endTimeUnixNano >= start).toBe(true);
  });

  it('samples roots by trace id and follows the parent’s decision', () => {
    expect(shouldSample(0, 'f'.repeat(32), undefined)).toBe(false);
    expect(shouldSample(1, '0'.repeat(32), undefined)).toBe(true);
    expect(shouldSample(0.5, `${'0'.repeat(16)}${'0'.repeat(16)}`, undefined)).toBe(true);
    expect(shouldSample(0.5, `${'0'.repeat(16)}${'f'.repeat(16)}`, undefined)).toBe(false);
    expect(
      shouldSample(
        0,
        'a'.repeat(32),
        parseTraceparent('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01'),
      ),
    ).toBe(true);
    expect(parseTraceparent('00-00000000000000000000000000000000-b7ad6b7169203331-01')).toBeUndefined();
  });

  it('draws sampled root trace ids at the configured ratio, each one the ratio sampler keeps', () => {
    expect(Array.from({ length: 1_000 }, () => sampleRoot(0)).filter(Boolean)).toEqual([]);
    const all = Array.from({ length: 1_000 }, () => sampleRoot(1));
    expect(all.every((id) => id !== undefined && /^[0-9a-f]{32}$/.test(id))).toBe(true);
    expect(new Set(all).size).toBe(1_000);
    const draws = 40_000;
    const kept = Array.from({ length: draws }, () => sampleRoot(0.25)).filter((id) => id !== undefined);
    expect(kept.length / draws).toBeGreaterThan(0.23);
    expect(kept.length / draws).toBeLessThan(0.27);
    for (const id of kept) expect(shouldSample(0.25, id, undefined)).toBe(true);
  });
});

describe('Prometheus metrics', () => {
  it('counts requests and durations by MCP method, tool and outcome, with ToolHive’s names', async () => {
    await runChain(chain.middlewares, requestContext({ message: toolCall('echo', {}, 1) }), fakeBackend());
    await runChain(
      chain.middlewares,
      requestContext({ message: toolCall('printEnv', {}, 2) }),
      fakeBackend(),
    );
    await runChain(chain.middlewares, requestContext({ message: rpc('tools/list', {}, 3) }), fakeBackend());
    // A backend's JSON-RPC error in a 200 reply.
    await runChain(
      chain.middlewares,
      requestContext({ message: rpc('prompts/get', { name: 'greet' }, 4) }),
      () => ({ jsonrpc: '2.0', id: 4, error: { code: -32602, message: 'no such prompt' } }),
    );
    const route = telemetry().routes.find((r) => r.path === '/metrics')!;
    const server = createServer((req, res) => void route.handle(req, res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const text = await (
      await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`)
    ).text();
    server.close();
    expect(text).toMatch(
      /toolhive_mcp_requests_total\{[^}]*mcp_method="tools\/call"[^}]*mcp_resource_id="echo"[^}]*\} [1-9]/,
    );
    expect(text).toMatch(/toolhive_mcp_request_duration_seconds_bucket\{[^}]*mcp_method="tools\/list"/);
    expect(text).toMatch(
      /mcp_server_operation_duration_seconds_count\{[^}]*mcp_method_name="tools\/call"[^}]*gen_ai_tool_name="echo"/,
    );
    expect(text).toMatch(
      /toolhive_mcp_tool_calls_total\{server="everything",tool="echo",status="success"\} [1-9]/,
    );
    // Every label of the operation histogram, in the place its value is given.
    expect(text).toContain(
      'mcp_server_operation_duration_seconds_count{mcp_method_name="tools/call",jsonrpc_protocol_version="2.0",network_transport="pipe",gen_ai_operation_name="execute_tool",gen_ai_tool_name="echo"} ',
    );
    expect(text).toContain(
      'mcp_server_operation_duration_seconds_count{mcp_method_name="prompts/get",jsonrpc_protocol_version="2.0",network_transport="pipe",gen_ai_prompt_name="greet",error_type="-32602"} 1\n',
    );
    expect(text).toContain(
      'toolhive_mcp_requests_total{method="POST",status_code="200",status="error",mcp_method="prompts/get",mcp_resource_id="greet",server="everything",transport="stdio"} 1\n',
    );
    // printEnv was refused by the tool filter (HTTP 200 with a JSON-RPC error) before telemetry.
    expect(text).not.toMatch(/tool="printEnv"/);
    expect(text).toMatch(
      /toolhive_mcp_active_connections\{server="everything",transport="stdio",connection_type="http"\} 0/,
    );
    sessions = 5;
    expect(await chain.metrics!.text()).toMatch(
      /toolhive_mcp_active_sessions\{server="everything",transport="stdio"\} 5/,
    );
  });
});
