/**
 * How requests ended, as audit records them: refusals written by a middleware (a tool filter's
 * `tool not found` with HTTP 200, a 401 from auth), JSON-RPC errors from the backend on the stdio
 * path and on the forwarded HTTP path, and gateway failures. The outcome must match ToolHive's
 * classification: 2xx with a JSON-RPC error is `application_error`, 401/403 `denied`, other 4xx
 * `failure`, 5xx `error`.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedTarget } from '../../proxyrunner/backend/targets.ts';
import { buildMiddlewares } from '../../proxyrunner/middleware/chain.ts';
import { createProxy, type McpProxy } from '../../proxyrunner/proxy.ts';
import { HttpBackendForwarder } from '../../proxyrunner/upstream/http-forward.ts';
import { post, type StdioProxy, startStdioProxy } from './helpers.ts';
import { runConfig } from './policy/support/runconfig.ts';

interface AuditLine {
  type: string;
  outcome: string;
  target?: Record<string, string>;
  metadata?: { extra: Record<string, unknown> };
}

const INIT = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 't', version: '1' } },
};

async function session(url: string): Promise<Record<string, string>> {
  const init = await post(url, INIT);
  const sid = init.headers.get('mcp-session-id')!;
  const headers = { 'mcp-session-id': sid, 'mcp-protocol-version': '2025-11-25' };
  await post(url, { jsonrpc: '2.0', method: 'notifications/initialized' }, headers);
  return headers;
}

function call(id: number, name: string, args: Record<string, unknown> = {}) {
  return { jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args } };
}

/** The audit lines for one request, found by its X-Request-ID. */
function linesFor(lines: string[], requestId: string): AuditLine[] {
  return lines
    .map((l) => JSON.parse(l) as AuditLine & { source: { extra: { request_id?: string } } })
    .filter((e) => e.source.extra.request_id === requestId);
}

describe('audit outcomes over the stdio data path', () => {
  const lines: string[] = [];
  let p: StdioProxy;
  let headers: Record<string, string>;

  beforeAll(async () => {
    const chain = await buildMiddlewares(
      runConfig({ audit_config: {}, tools_filter: ['echo'], transport: 'stdio' }),
      { auditSink: (l) => lines.push(l), skipTypes: new Set(['origin', 'mcp-parser']) },
    );
    p = await startStdioProxy({ middlewares: chain.middlewares });
    headers = await session(p.url);
  });
  afterAll(async () => {
    await p?.close();
  });

  it("records a tool filter's refusal (HTTP 200, tool not found) as application_error", async () => {
    const res = await post(p.url, call(5, 'get-sum', { a: 1, b: 2 }), {
      ...headers,
      'x-request-id': 'r-filter',
    });
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ error: { code: -32602, message: 'tool not found' } });
    const [event] = linesFor(lines, 'r-filter');
    expect(event).toMatchObject({
      type: 'mcp_tool_call',
      outcome: 'application_error',
      target: { name: 'get-sum', type: 'tool' },
    });
    expect(event!.metadata!.extra).toMatchObject({
      jsonrpc_error_code: -32602,
      jsonrpc_error_message: 'tool not found',
    });
    expect(event!.metadata!.extra.response_size_bytes).toBe(Buffer.byteLength(res.text));
  });

  it('records an allowed call as success and a refusal before a session as failure', async () => {
    await post(p.url, call(6, 'echo', { message: 'hi' }), { ...headers, 'x-request-id': 'r-ok' });
    expect(linesFor(lines, 'r-ok')[0]).toMatchObject({ type: 'mcp_tool_call', outcome: 'success' });
    const gone = await post(p.url, call(7, 'echo', { message: 'hi' }), {
      'mcp-session-id': '00000000-0000-4000-8000-000000000000',
      'x-request-id': 'r-404',
    });
    expect(gone.status).toBe(404);
    expect(linesFor(lines, 'r-404')[0]).toMatchObject({ outcome: 'failure' });
  });
});

describe('audit outcomes over the forwarded HTTP path', () => {
  const lines: string[] = [];
  let backend: Server;
  let proxy: McpProxy;
  let url: string;

  beforeAll(async () => {
    // A JSON-answering MCP server: errors for unknown tools, with a long message so the error
    // member is found in a prefix of a body larger than the 512 bytes ToolHive inspects.
    backend = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const msg = JSON.parse(body) as { id?: number; method: string; params?: { name?: string } };
        if (msg.id === undefined) {
          res.writeHead(202).end();
          return;
        }
        const reply =
          msg.method === 'initialize'
            ? {
                result: {
                  protocolVersion: '2025-11-25',
                  capabilities: { tools: {} },
                  serverInfo: { name: 'json', version: '1' },
                },
              }
            : msg.params?.name === 'ok'
              ? {
                  result: {
                    content: [{ type: 'text', text: 'fine' }],
                    structuredContent: { error: { code: 1 } },
                  },
                }
              : {
                  error: {
                    code: -32602,
                    message: `Unknown tool ${msg.params?.name}`,
                    data: 'x'.repeat(2000),
                  },
                };
        res.writeHead(200, {
          'content-type': 'application/json',
          ...(msg.method === 'initialize' ? { 'mcp-session-id': randomUUID() } : {}),
        });
        res.end(JSON.stringify({ jsonrpc: '2.0', id: msg.id, ...reply }));
      });
    });
    await new Promise<void>((r) => backend.listen(0, '127.0.0.1', r));
    const target = `http://127.0.0.1:${(backend.address() as AddressInfo).port}/mcp`;
    const chain = await buildMiddlewares(
      runConfig({
        audit_config: {},
        telemetry_config: {
          tracingEnabled: false,
          metricsEnabled: false,
          enablePrometheusMetricsPath: true,
          useLegacyAttributes: false,
        },
      }),
      {
        auditSink: (l) => lines.push(l),
        skipTypes: new Set(['origin', 'mcp-parser']),
      },
    );
    proxy = createProxy({
      backend: {
        kind: 'http',
        forwarder: new HttpBackendForwarder({
          target: new FixedTarget(target, false),
          transport: 'streamable-http',
        }),
        transport: 'streamable-http',
      },
      middlewares: chain.middlewares,
    });
    const address = await proxy.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${address.port}/mcp`;
  });
  afterAll(async () => {
    await proxy?.shutdown(1_000);
    await new Promise((r) => backend?.close(r));
  });

  it('finds the JSON-RPC error in a streamed-through JSON body', async () => {
    const headers = await session(url);
    const res = await post(url, call(3, 'nope'), { ...headers, 'x-request-id': 'h-err' });
    expect(res.status).toBe(200);
    const [event] = linesFor(lines, 'h-err');
    expect(event).toMatchObject({ type: 'mcp_tool_call', outcome: 'application_error' });
    expect(event!.metadata!.extra).toMatchObject({
      jsonrpc_error_code: -32602,
      jsonrpc_error_message: 'Unknown tool nope',
      response_size_bytes: Buffer.byteLength(res.text),
    });
    // An "error" inside a result is not a JSON-RPC error.
    await post(url, call(4, 'ok'), { ...headers, 'x-request-id': 'h-ok' });
    expect(linesFor(lines, 'h-ok')[0]).toMatchObject({ outcome: 'success' });
    // Metrics count the JSON-RPC error as an error too.
    const metrics = await (await fetch(url.replace('/mcp', '/metrics'))).text();
    expect(metrics).toMatch(
      /toolhive_mcp_tool_calls_total\{server="everything",tool="nope",status="error"\} 1/,
    );
    expect(metrics).toMatch(
      /toolhive_mcp_tool_calls_total\{server="everything",tool="ok",status="success"\} 1/,
    );
  });

  it('records a backend that is gone as error (502)', async () => {
    const headers = await session(url);
    await new Promise((r) => backend.close(r));
    backend.closeAllConnections();
    const res = await post(url, call(8, 'ok'), { ...headers, 'x-request-id': 'h-502' });
    expect(res.status).toBe(502);
    const [event] = linesFor(lines, 'h-502');
    expect(event).toMatchObject({ outcome: 'error' });
  });
});
