/**
 * Streamable HTTP front end over a real stdio server-everything, driven by the real SDK client:
 * many clients multiplexed over one child, progress and server→client requests routed to the
 * right client, the policy chain's hooks, and bad input.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { CreateMessageRequestSchema, ProgressNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Middleware, Outcome, RequestContext } from '../../proxyrunner/middleware/types.ts';
import type { JsonRpcResponse } from '../../proxyrunner/protocol/jsonrpc.ts';
import { connectClient, post, type StdioProxy, startStdioProxy } from './helpers.ts';

function text(result: unknown): string {
  const content = (result as { content: Array<{ type: string; text?: string }> }).content;
  return content.map((c) => c.text ?? '').join('');
}

describe('streamable HTTP over a stdio server', () => {
  let px: StdioProxy;
  const clients: Client[] = [];

  beforeAll(async () => {
    px = await startStdioProxy();
  });
  afterAll(async () => {
    await Promise.allSettled(clients.map((c) => c.close()));
    await px.close();
  });

  it('serves the SDK client: initialize, list, call', async () => {
    const client = await connectClient(px.url, {
      capabilities: { sampling: {}, roots: { listChanged: true } },
    });
    clients.push(client);
    expect(client.getServerVersion()?.name).toBe('mcp-servers/everything');
    const tools = await client.listTools();
    expect(tools.tools.map((t) => t.name)).toContain('echo');
    const result = await client.callTool({ name: 'echo', arguments: { message: 'hello' } });
    expect(text(result)).toBe('Echo: hello');
  });

  it('multiplexes many concurrent clients with colliding JSON-RPC ids over one child', async () => {
    const many = await Promise.all(
      Array.from({ length: 8 }, (_, i) => connectClient(px.url, { name: `c${i}` })),
    );
    clients.push(...many);
    const results = await Promise.all(
      many.flatMap((c, i) =>
        Array.from({ length: 5 }, (_, j) =>
          c
            .callTool({ name: 'echo', arguments: { message: `${i}-${j}` } })
            .then((r) => [`${i}-${j}`, text(r)]),
        ),
      ),
    );
    for (const [sent, got] of results) expect(got).toBe(`Echo: ${sent}`);
  });

  it('routes progress notifications to the caller only', async () => {
    const a = await connectClient(px.url, { name: 'progress-a' });
    const b = await connectClient(px.url, { name: 'progress-b' });
    clients.push(a, b);
    const seenA: number[] = [];
    const seenB: number[] = [];
    b.setNotificationHandler(ProgressNotificationSchema, (n) => {
      seenB.push(n.params.progress);
    });
    const result = await a.callTool(
      { name: 'trigger-long-running-operation', arguments: { duration: 0.3, steps: 3 } },
      undefined,
      { onprogress: (p) => seenA.push(p.progress) },
    );
    expect(text(result)).toContain('Long running operation completed');
    expect(seenA.length).toBeGreaterThanOrEqual(3);
    expect(seenB).toEqual([]);
  });

  it('relays a server→client sampling request to the client that caused it', async () => {
    const client = clients[0]!;
    client.setRequestHandler(CreateMessageRequestSchema, async (req) => ({
      model: 'test-model',
      role: 'assistant',
      content: { type: 'text', text: `sampled: ${JSON.stringify(req.params.messages[0]?.content)}` },
    }));
    const result = await client.callTool({
      name: 'trigger-sampling-request',
      arguments: { prompt: 'ping', maxTokens: 5 },
    });
    expect(text(result)).toContain('sampled:');
  });

  it('answers a second client from the cached handshake without a second initialize upstream', async () => {
    const c = await connectClient(px.url, { name: 'late' });
    clients.push(c);
    expect(c.getServerCapabilities()?.tools).toBeDefined();
  });

  it('refuses bad input with a clear status and JSON-RPC error, and keeps serving', async () => {
    const malformed = await post(px.url, '{"jsonrpc":');
    expect(malformed.status).toBe(400);
    expect(malformed.json()).toMatchObject({ error: { code: -32700 } });

    const batch = await post(px.url, [{ jsonrpc: '2.0', id: 1, method: 'ping' }]);
    expect(batch.status).toBe(400);
    expect(batch.json()).toMatchObject({ error: { code: -32600 } });

    const wrongType = await post(px.url, '{}', { 'content-type': 'text/plain' });
    expect(wrongType.status).toBe(415);

    const unknown = await post(
      px.url,
      { jsonrpc: '2.0', id: 7, method: 'tools/list' },
      { 'mcp-session-id': '00000000-0000-4000-8000-000000000000' },
    );
    expect(unknown.status).toBe(404);
    expect(unknown.json()).toMatchObject({ id: 7, error: { code: -32001, message: 'Session not found' } });

    const notRpc = await post(px.url, { hello: 'world' });
    expect(notRpc.status).toBe(400);
    expect(notRpc.json()).toMatchObject({ error: { code: -32600 } });

    const r = await clients[0]!.callTool({ name: 'echo', arguments: { message: 'still here' } });
    expect(text(r)).toBe('Echo: still here');
  });

  it('refuses oversized bodies with 413', async () => {
    const small = await startStdioProxy({ maxBodyBytes: 1024 });
    try {
      const big = await post(small.url, {
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/call',
        params: { name: 'echo', arguments: { message: 'x'.repeat(4096) } },
      });
      expect(big.status).toBe(413);
      expect(big.json()).toMatchObject({ error: { code: -32600 } });
    } finally {
      await small.close();
    }
  });

  it('serves stateless 2026-07-28 requests beside sessions, with resultType added', async () => {
    const meta = {
      'io.modelcontextprotocol/protocolVersion': '2026-07-28',
      'io.modelcontextprotocol/clientCapabilities': {},
    };
    const headers = { 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/call', 'mcp-name': 'echo' };
    const res = await post(
      px.url,
      {
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/call',
        params: { name: 'echo', arguments: { message: 'm' }, _meta: meta },
      },
      headers,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('mcp-session-id')).toBeNull();
    expect(res.json()).toMatchObject({
      id: 1,
      result: { resultType: 'complete', content: [{ text: 'Echo: m' }] },
    });

    const discover = await post(
      px.url,
      { jsonrpc: '2.0', id: 2, method: 'server/discover', params: { _meta: meta } },
      { 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'server/discover' },
    );
    expect(discover.status).toBe(200);
    expect(discover.json()).toMatchObject({
      result: { supportedVersions: ['2026-07-28'], resultType: 'complete' },
    });

    const ping = await post(
      px.url,
      { jsonrpc: '2.0', id: 3, method: 'ping', params: { _meta: meta } },
      { 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'ping' },
    );
    expect(ping.status).toBe(404);
    expect(ping.json()).toMatchObject({ id: 3, error: { code: -32601 } });

    const mismatch = await post(
      px.url,
      { jsonrpc: '2.0', id: 4, method: 'tools/list', params: { _meta: meta } },
      { 'mcp-protocol-version': '2025-11-25', 'mcp-method': 'tools/list' },
    );
    expect(mismatch.status).toBe(400);
    expect(mismatch.json()).toMatchObject({ id: 4, error: { code: -32020 } });
  });
});

describe('policy chain hooks', () => {
  it('runs onRequest in order, onResponse only when wanted, onComplete always', async () => {
    const order: string[] = [];
    const outcomes: Outcome[] = [];
    const deny: Middleware = {
      name: 'authorization',
      onRequest(ctx: RequestContext) {
        order.push(`deny:${ctx.mcp?.method}`);
        if (ctx.mcp?.method === 'tools/call' && ctx.mcp.resourceId === 'get-env') {
          return {
            status: 403,
            body: { jsonrpc: '2.0', id: ctx.mcp.id ?? null, error: { code: -32600, message: 'denied' } },
          };
        }
        return undefined;
      },
      onComplete(_ctx, outcome) {
        outcomes.push(outcome);
      },
    };
    const filter: Middleware = {
      name: 'tool-filter',
      onRequest(ctx) {
        order.push(`filter:${ctx.mcp?.method}`);
        return undefined;
      },
      wantsResponse: (ctx) => ctx.mcp?.method === 'tools/list',
      onResponse(_ctx, response: JsonRpcResponse) {
        if (!('result' in response)) return response;
        const tools = (response.result.tools as Array<{ name: string }>).filter((t) => t.name === 'echo');
        return { ...response, result: { ...response.result, tools } };
      },
    };
    const px = await startStdioProxy({ middlewares: [deny, filter] });
    try {
      const client = await connectClient(px.url);
      const tools = await client.listTools();
      expect(tools.tools.map((t) => t.name)).toEqual(['echo']);
      await expect(client.callTool({ name: 'get-env', arguments: {} })).rejects.toThrow(/403|denied/);
      const ok = await client.callTool({ name: 'echo', arguments: { message: 'x' } });
      expect(text(ok)).toBe('Echo: x');
      expect(order.slice(0, 2)).toEqual(['deny:initialize', 'filter:initialize']);
      expect(outcomes.some((o) => o.status === 403 && o.rejectedBy === 'authorization')).toBe(true);
      // Only the response a middleware asked for was parsed and handed to onComplete.
      const withResponse = outcomes.filter((o) => o.response !== undefined);
      expect(withResponse).toHaveLength(1);
      expect(withResponse[0]!.response).toMatchObject({ result: { tools: [{ name: 'echo' }] } });
      await client.close();
    } finally {
      await px.close();
    }
  });
});
