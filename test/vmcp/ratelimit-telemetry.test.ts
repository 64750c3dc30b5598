/**
 * `rateLimiting` and `telemetry` applied by `vmcp serve`: token buckets in a real Redis, metered
 * per tool under the names clients see after conflict resolution (and under the inner tool's name
 * for the optimizer's `call_tool`), per user from the OIDC subject; spans exported to a local
 * OTLP receiver and Prometheus metrics at `/metrics`. Config problems are refused at load.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfigText, resolveConfig } from '../../proxyrunner/vmcp/config/load.ts';
import { type RunningVmcp, startVmcp } from '../../proxyrunner/vmcp/server/serve.ts';
import { TestIssuer } from '../proxyrunner/policy/support/oidc-issuer.ts';
import { OtlpReceiver } from '../support/otlp-receiver.ts';
import { startRedis, type TestRedis } from '../support/redis.ts';
import { type RunningBackend, startFixture, text, z } from './support/backends.ts';

type Json = Record<string, unknown>;

async function session(url: string, token: string) {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json',
    authorization: `Bearer ${token}`,
  };
  let id = 0;
  const init = await fetch(url, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: ++id,
      method: 'initialize',
      params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 't', version: '1' } },
    }),
  });
  await init.text();
  headers['mcp-session-id'] = init.headers.get('mcp-session-id')!;
  headers['mcp-protocol-version'] = '2025-11-25';
  return async (name: string, args: Json = {}) => {
    const res = await fetch(url, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: ++id,
        method: 'tools/call',
        params: { name, arguments: args },
      }),
    });
    return {
      status: res.status,
      retryAfter: res.headers.get('retry-after'),
      body: (await res.json()) as { result?: Json; error?: { code: number; message: string; data?: Json } },
    };
  };
}

function config(issuer: string, redis: string, backends: Record<string, string>, extra = ''): string {
  return `
name: metered
groupRef: g
incomingAuth:
  type: oidc
  oidc: {issuer: "${issuer}", audience: vmcp, clientId: "", insecureAllowHttp: true, jwksAllowPrivateIp: true}
outgoingAuth: {source: inline, default: {type: unauthenticated}}
sessionStorage: {provider: redis, address: "${redis}"}
backends:
${Object.entries(backends)
  .map(([n, u]) => `  - {name: ${n}, url: "${u}", transport: streamable-http}`)
  .join('\n')}
${extra}`;
}

describe('vmcp rate limiting and telemetry', () => {
  let issuer: TestIssuer;
  let redis: TestRedis;
  let otlp: OtlpReceiver;
  let a: RunningBackend;
  let b: RunningBackend;
  let vmcp: RunningVmcp;
  let optimized: RunningVmcp;

  beforeAll(async () => {
    [issuer, redis, otlp] = await Promise.all([TestIssuer.start(), startRedis(), new OtlpReceiver().start()]);
    const tools = (who: string) => [
      { name: 'echo', input: { text: z.string() }, handler: (x: Json) => text(`${who}: ${String(x.text)}`) },
      { name: 'status', handler: () => text(`${who} ok`) },
    ];
    [a, b] = await Promise.all([
      startFixture({ name: 'a', tools: tools('a') }),
      startFixture({ name: 'b', tools: tools('b') }),
    ]);
    // Both backends have `echo`: conflict resolution names them a_echo and b_echo.
    const settings = resolveConfig(
      parseConfigText(
        config(
          issuer.url,
          redis.address,
          { a: a.url, b: b.url },
          `
rateLimiting:
  perUser: {maxTokens: 4, refillPeriod: 1h}
  tools:
    - name: a_echo
      shared: {maxTokens: 2, refillPeriod: 1h}
telemetry:
  endpoint: "${otlp.url}"
  insecure: true
  tracingEnabled: true
  samplingRate: "1.0"
  enablePrometheusMetricsPath: true
  serviceName: metered-vmcp
`,
        ),
      ),
      { env: {} },
    );
    vmcp = await startVmcp(settings, {
      port: 0,
      log: () => undefined,
      env: { VMCP_NAMESPACE: 'team-a', TOOLHIVE_OTEL_HEADER_X_API_KEY: 'collector-key' },
    });
    const withOptimizer = resolveConfig(
      parseConfigText(
        config(
          issuer.url,
          redis.address,
          { a: a.url },
          `
name: optimized
optimizer: {}
rateLimiting:
  tools:
    - name: a_status
      shared: {maxTokens: 1, refillPeriod: 1h}
`,
        ).replace('name: metered', ''),
      ),
      { env: {} },
    );
    optimized = await startVmcp(withOptimizer, { port: 0, log: () => undefined });
  });

  afterAll(async () => {
    await vmcp?.close();
    await optimized?.close();
    await Promise.all([a?.stop(), b?.stop()]);
    await otlp?.stop();
    await redis?.stop();
    await issuer?.stop();
  });

  it('meters a tool by its resolved name, shared across users, with 429 and Retry-After', async () => {
    const alice = await session(vmcp.url, await issuer.token({ sub: 'alice' }, { audience: 'vmcp' }));
    const bob = await session(vmcp.url, await issuer.token({ sub: 'bob' }, { audience: 'vmcp' }));
    expect((await alice('a_echo', { text: '1' })).status).toBe(200);
    expect((await bob('a_echo', { text: '2' })).status).toBe(200);
    const refused = await alice('a_echo', { text: '3' });
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(refused.body.error).toMatchObject({ code: 429, message: 'Rate limit exceeded' });
    expect(refused.body.error?.data?.retryAfterSeconds).toBe(Number(refused.retryAfter));
    // The other backend's echo is another tool: not limited by a_echo's bucket.
    expect((await bob('b_echo', { text: '4' })).status).toBe(200);
    // Buckets live in Redis under ToolHive's keys, scoped by namespace and server.
    const keys = await redisKeys(redis.port);
    expect(keys).toContain('thv:rl:{team-a:metered}:shared:tool:a_echo');
    expect(keys).toContain('thv:rl:{team-a:metered}:user:alice');
  });

  it('meters each user on their own', async () => {
    const carol = await session(vmcp.url, await issuer.token({ sub: 'carol' }, { audience: 'vmcp' }));
    for (let i = 0; i < 4; i++) expect((await carol('b_status')).status).toBe(200);
    expect((await carol('b_status')).status).toBe(429);
    const dave = await session(vmcp.url, await issuer.token({ sub: 'dave' }, { audience: 'vmcp' }));
    expect((await dave('b_status')).status).toBe(200);
  });

  it('meters call_tool under the inner tool’s name', async () => {
    const erin = await session(optimized.url, await issuer.token({ sub: 'erin' }, { audience: 'vmcp' }));
    const first = await erin('call_tool', { tool_name: 'a_status', parameters: {} });
    expect(first.status).toBe(200);
    expect(JSON.stringify(first.body.result)).toContain('a ok');
    const second = await erin('call_tool', { tool_name: 'a_status', parameters: {} });
    expect(second.status).toBe(429);
    // find_tool is not a tool call of a backend: never metered.
    for (let i = 0; i < 3; i++)
      expect((await erin('find_tool', { tool_description: 'status', tool_keywords: [] })).status).toBe(200);
  });

  it('exports spans and serves metrics, with the collector header from the environment', async () => {
    const frank = await session(vmcp.url, await issuer.token({ sub: 'frank' }, { audience: 'vmcp' }));
    expect((await frank('b_echo', { text: 'traced' })).status).toBe(200);
    await vmcp.proxy.shutdown(1_000); // flushes the exporter
    const spans = otlp.spans();
    const call = spans.find((s) => s.name === 'tools/call b_echo');
    expect(call).toBeDefined();
    const attrs = Object.fromEntries(
      // biome-ignore lint/suspicious/noExplicitAny: OTLP JSON
      call.attributes.map((a: any) => [a.key, Object.values(a.value)[0]]),
    );
    expect(attrs).toMatchObject({ 'mcp.server.name': 'metered', 'gen_ai.tool.name': 'b_echo' });
    const resource = otlp.exports[0]!.body.resourceSpans as Array<{ resource: { attributes: Json[] } }>;
    expect(JSON.stringify(resource[0]!.resource)).toContain('metered-vmcp');
    expect(otlp.exports[0]!.headers['x-api-key']).toBe('collector-key');
  });
});

describe('metrics of the vmcp', () => {
  it('counts tool calls under resolved names and rate limit decisions', async () => {
    const [issuer, redis] = await Promise.all([TestIssuer.start(), startRedis()]);
    const backend = await startFixture({ name: 'a', tools: [{ name: 'ping', handler: () => text('pong') }] });
    const vmcp = await startVmcp(
      resolveConfig(
        parseConfigText(
          config(
            issuer.url,
            redis.address,
            { a: backend.url },
            `
rateLimiting: {tools: [{name: a_ping, shared: {maxTokens: 1, refillPeriod: 1h}}]}
telemetry: {enablePrometheusMetricsPath: true}
`,
          ),
        ),
        { env: {} },
      ),
      { port: 0, log: () => undefined },
    );
    try {
      const call = await session(vmcp.url, await issuer.token({ sub: 'gina' }, { audience: 'vmcp' }));
      expect((await call('a_ping')).status).toBe(200);
      expect((await call('a_ping')).status).toBe(429);
      const metrics = await (await fetch(vmcp.url.replace('/mcp', '/metrics'))).text();
      expect(metrics).toMatch(
        /toolhive_mcp_tool_calls_total\{server="metered",tool="a_ping",status="success"\} 1/,
      );
      expect(metrics).toMatch(
        /toolhive_mcp_tool_calls_total\{server="metered",tool="a_ping",status="error"\} 1/,
      );
      expect(metrics).toMatch(/toolhive_rate_limit_decisions_total\{[^}]*decision="rejected"[^}]*\} 1/);
    } finally {
      await vmcp.close();
      await backend.stop();
      await redis.stop();
      await issuer.stop();
    }
  });
});

describe('rate limiting config', () => {
  const base = (
    extra: string,
    auth = 'anonymous',
    storage = 'sessionStorage: {provider: redis, address: "127.0.0.1:1"}',
  ) =>
    `name: x\nincomingAuth: {type: ${auth}}\n${storage}\nbackends: [{name: a, url: "http://127.0.0.1:1/mcp", transport: streamable-http}]\n${extra}`;

  it('needs Redis session storage, and OIDC for per-user buckets', () => {
    expect(() =>
      resolveConfig(
        parseConfigText(base('rateLimiting: {shared: {maxTokens: 1, refillPeriod: 1m}}', 'anonymous', '')),
        {
          env: {},
        },
      ),
    ).toThrow(/rateLimiting: requires sessionStorage with provider 'redis'/);
    expect(() =>
      resolveConfig(parseConfigText(base('rateLimiting: {perUser: {maxTokens: 1, refillPeriod: 1m}}')), {
        env: {},
      }),
    ).toThrow(/rateLimiting.perUser: per-user rate limits require incomingAuth.type oidc/);
    expect(() =>
      resolveConfig(parseConfigText(base('rateLimiting: {shared: {maxTokens: 1, refillPeriod: soon}}')), {
        env: {},
      }),
    ).toThrow(/rateLimiting.shared.refillPeriod: invalid duration/);
  });
});

/** KEYS * over a raw RESP connection. */
async function redisKeys(port: number): Promise<string[]> {
  const { createConnection } = await import('node:net');
  return new Promise((resolve, reject) => {
    const s = createConnection({ host: '127.0.0.1', port }, () => s.write('*2\r\n$4\r\nKEYS\r\n$1\r\n*\r\n'));
    let data = '';
    s.on('data', (c) => {
      data += c;
      const lines = data.split('\r\n');
      const count = Number(lines[0]!.slice(1));
      if (lines.length >= 1 + count * 2) {
        s.destroy();
        resolve(
          lines
            .slice(1)
            .filter((_, i) => i % 2 === 1)
            .slice(0, count),
        );
      }
    });
    s.on('error', reject);
  });
}
