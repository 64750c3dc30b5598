/**
 * Policy in front of HTTP MCP servers (`proxyrunner run --config FILE --target URL`), where the
 * proxy forwards bytes and the server parses them itself: the chain must see every message the
 * server will act on, whatever path, content type or query it arrives with, and rewritten
 * answers must still be well-formed HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEverythingHttp, waitFor } from '../helpers.ts';
import { TestIssuer } from '../policy/support/oidc-issuer.ts';
import { call, openSession, openStream, type RunningProxy, rpc, startProxy } from './support.ts';

const AUD = 'mcp-everything';
let issuer: TestIssuer;
let streamable: Awaited<ReturnType<typeof startEverythingHttp>>;
let sseServer: Awaited<ReturnType<typeof startEverythingHttp>>;
let filtered: RunningProxy; // tools_filter only
let guarded: RunningProxy; // OIDC + Cedar + tools_filter
let sse: RunningProxy; // an SSE server behind OIDC + tools_filter

beforeAll(async () => {
  issuer = await TestIssuer.start();
  [streamable, sseServer] = await Promise.all([
    startEverythingHttp('streamableHttp'),
    startEverythingHttp('sse'),
  ]);
  const oidc = { Issuer: issuer.url, Audience: AUD };
  [filtered, guarded, sse] = await Promise.all([
    startProxy({ tools_filter: ['echo'] }, { target: `${streamable.base}/mcp` }),
    startProxy(
      {
        oidc_config: oidc,
        tools_filter: ['echo', 'get-sum'],
        authz_config: {
          version: '1.0',
          type: 'cedarv1',
          cedar: {
            policies: ['permit(principal, action == Action::"call_tool", resource == Tool::"echo");'],
          },
        },
        audit_config: {},
      },
      { target: `${streamable.base}/mcp` },
    ),
    startProxy(
      { transport: 'sse', oidc_config: oidc, tools_filter: ['echo'] },
      { target: `${sseServer.base}/sse` },
    ),
  ]);
});

afterAll(async () => {
  await Promise.all([filtered?.stop(), guarded?.stop(), sse?.stop()]);
  await Promise.all([streamable?.stop(), sseServer?.stop()]);
  await issuer?.stop();
});

const toolNames = (text: string) => [...text.matchAll(/"name":"([^"]+)","title"/g)].map((m) => m[1]);

describe('a streamable-HTTP server behind a tool filter', () => {
  it('answers a filtered tools/list streamed as SSE completely (no stale Content-Length)', async () => {
    const sid = await openSession(filtered.url);
    const r = await rpc(
      filtered.url,
      { jsonrpc: '2.0', id: 1, method: 'tools/list' },
      { 'mcp-session-id': sid },
    );
    expect(r.status).toBe(200);
    expect(toolNames(r.text)).toEqual(['echo']);
  });

  it('applies the filter on every path the server answers MCP on', async () => {
    const sid = await openSession(filtered.url);
    for (const path of ['/MCP', '/mcp/', '/Mcp/', '/mcp?x=1']) {
      const hidden = await rpc(`${filtered.base}${path}`, call(2, 'get-env'), { 'mcp-session-id': sid });
      expect(hidden.text, path).not.toMatch(/PATH|HOME/);
      // server-everything answers MCP on all of these paths (Express routing): were it not to,
      // the filter would not be exercised at all, so the 200s are asserted.
      expect(hidden.status, path).toBe(200);
      expect(hidden.json().error, path).toEqual({ code: -32602, message: 'tool not found' });
      const list = await rpc(
        `${filtered.base}${path}`,
        { jsonrpc: '2.0', id: 3, method: 'tools/list' },
        { 'mcp-session-id': sid },
      );
      expect(list.status, path).toBe(200);
      expect(toolNames(list.text), path).toEqual(['echo']);
    }
  });

  it('refuses an MCP message smuggled under another content type, passes other bodies', async () => {
    const sid = await openSession(filtered.url);
    for (const path of ['/MCP', '/mcp/', '/other']) {
      const r = await rpc(`${filtered.base}${path}`, JSON.stringify(call(4, 'get-env')), {
        'mcp-session-id': sid,
        'content-type': 'text/plain',
      });
      expect(r.status, path).toBe(415);
      const cased = await rpc(
        `${filtered.base}${path}`,
        '{"jsonrpc":"2.0","id":5,"Method":"tools/call","params":{"name":"get-env"}}',
        {
          'mcp-session-id': sid,
          'content-type': 'application/x-www-form-urlencoded',
        },
      );
      expect(cased.status, path).toBe(415);
    }
    // Not an MCP message: forwarded, and the server answers as it likes.
    const form = await rpc(`${filtered.base}/other`, 'grant_type=client_credentials', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(form.status).toBe(404);
  });
});

describe('a streamable-HTTP server behind OIDC and Cedar', () => {
  it('enforces authorization on other paths too, and needs a token there as well', async () => {
    const token = await issuer.token({ sub: 'alice' }, { audience: AUD });
    const sid = await openSession(guarded.url, token);
    const auth = { authorization: `Bearer ${token}`, 'mcp-session-id': sid };
    for (const path of ['/mcp', '/MCP', '/mcp/']) {
      const denied = await rpc(`${guarded.base}${path}`, call(1, 'get-sum', { a: 1, b: 2 }), auth);
      expect(denied.status, path).toBe(403);
      const list = await rpc(`${guarded.base}${path}`, { jsonrpc: '2.0', id: 2, method: 'tools/list' }, auth);
      expect(list.status, path).toBe(200);
      expect(toolNames(list.text), path).toEqual(['echo']);
      expect(
        (await rpc(`${guarded.base}${path}`, call(3, 'echo', { message: 'x' }), { 'mcp-session-id': sid }))
          .status,
      ).toBe(401);
    }
    // A non-JSON POST can carry no decision: ToolHive's authz answers it 400, so do we (or 415).
    const odd = await rpc(`${guarded.base}/MCP`, 'hello', { ...auth, 'content-type': 'text/plain' });
    expect([400, 415]).toContain(odd.status);
  });
});

describe('a legacy SSE server', () => {
  it('refuses a message whose query names more than one session', async () => {
    const alice = await issuer.token({ sub: 'alice' }, { audience: AUD });
    const stream = await openStream(`${sse.base}/sse`, {
      authorization: `Bearer ${alice}`,
      accept: 'text/event-stream',
    });
    try {
      expect(stream.status).toBe(200);
      await waitFor(() => stream.events.join('').includes('sessionId='));
      const endpoint = /data: (\S+)/.exec(stream.events.join(''))![1]!;
      const own = new URL(endpoint, sse.base);
      const sid = own.searchParams.get('sessionId')!;
      const init = {
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'x', version: '1' } },
      };
      const auth = { authorization: `Bearer ${alice}` };
      for (const q of [
        `sessionId=${sid}&sessionId=other`,
        `sessionId=${sid}&session_id=other`,
        `session_id=other&sessionId=${sid}`,
      ]) {
        const r = await rpc(`${sse.base}${own.pathname}?${q}`, init, auth);
        expect(r.status, q).toBe(400);
      }
      expect((await rpc(own.toString(), init, auth)).status).toBe(202);
      await waitFor(() => stream.events.join('').includes('serverInfo'));
      // And the tool filter applies to what the SSE server answers.
      expect((await rpc(own.toString(), { jsonrpc: '2.0', id: 2, method: 'tools/list' }, auth)).status).toBe(
        202,
      );
      await waitFor(() => stream.events.join('').includes('"id":2'));
      const listEvent = stream.events
        .join('')
        .split('\n\n')
        .find((e) => e.includes('"id":2'))!;
      expect(toolNames(listEvent)).toEqual(['echo']);
    } finally {
      stream.close();
    }
  });
});
