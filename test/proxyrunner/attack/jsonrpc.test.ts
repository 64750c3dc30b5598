/**
 * Hostile and broken input on the streamable HTTP endpoint of the real proxy process: every one
 * must get a proper HTTP status with a JSON-RPC error body (never a crash, a hang or a 500), and
 * nothing ambiguous may reach the MCP server.
 */
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestIssuer } from '../policy/support/oidc-issuer.ts';
import { call, INIT, openSession, type RunningProxy, rawHttp, rpc, send, startProxy } from './support.ts';

const AUD = 'mcp-everything';
let issuer: TestIssuer;
let proxy: RunningProxy; // OIDC + Cedar + audit
let open: RunningProxy; // no policy at all: what the MCP server itself answers
let auth: Record<string, string>;

beforeAll(async () => {
  issuer = await TestIssuer.start();
  [proxy, open] = await Promise.all([
    startProxy({
      oidc_config: { Issuer: issuer.url, Audience: AUD },
      authz_config: {
        version: '1.0',
        type: 'cedarv1',
        cedar: { policies: ['permit(principal, action == Action::"call_tool", resource == Tool::"echo");'] },
      },
      audit_config: {},
    }),
    startProxy({}),
  ]);
  const token = await issuer.token({ sub: 'alice' }, { audience: AUD });
  const sid = await openSession(proxy.url, token);
  auth = { authorization: `Bearer ${token}`, 'mcp-session-id': sid };
});

afterAll(async () => {
  await proxy?.stop();
  await open?.stop();
  await issuer?.stop();
});

function expectRpcError(
  r: { status: number; json(): Record<string, unknown> },
  status: number,
  code: number,
) {
  expect(r.status).toBe(status);
  const body = r.json();
  expect(body.jsonrpc).toBe('2.0');
  expect((body.error as { code: number }).code).toBe(code);
}

describe('bodies that are not one JSON-RPC message', () => {
  it('malformed, truncated or empty JSON: 400 -32700', async () => {
    for (const body of ['{bad json', '{"jsonrpc":"2.0","id":1,"method":"ping"', '', '\u0000', '{"a":1}}']) {
      expectRpcError(await rpc(proxy.url, body, auth), 400, -32700);
    }
  });

  it('valid JSON that is not a JSON-RPC message: 400 -32600', async () => {
    const bodies: unknown[] = [
      null,
      42,
      '"ping"',
      {},
      { jsonrpc: '1.0', id: 1, method: 'ping' },
      { id: 1, method: 'ping' },
      { jsonrpc: '2.0', id: 1, method: 42 },
      { jsonrpc: '2.0', id: 1, method: '' },
      { jsonrpc: '2.0', id: 1, method: 'tools/call', params: ['echo'] },
      { jsonrpc: '2.0', id: 1, method: 'tools/call', params: 'echo' },
    ];
    for (const b of bodies) expectRpcError(await rpc(proxy.url, JSON.stringify(b), auth), 400, -32600);
  });

  it('JSON-RPC batches are refused whole (400 -32600), allowed and denied calls alike, as ToolHive does', async () => {
    const before = proxy.audit().filter((e) => e.type === 'mcp_tool_call').length;
    for (const batch of [
      [call(1, 'echo', { message: 'a' }), call(2, 'get-env')],
      [call(3, 'get-env')],
      [call(4, 'echo', { message: 'b' })],
      [],
      [{ jsonrpc: '2.0', method: 'notifications/initialized' }],
    ]) {
      const r = await rpc(proxy.url, batch, auth);
      expectRpcError(r, 400, -32600);
      expect(r.text).not.toContain('Echo:');
    }
    // No call of a batch was run, so none was audited as a tool call.
    expect(proxy.audit().filter((e) => e.type === 'mcp_tool_call').length).toBe(before);
  });

  it('id must be a string or a number; the id sent is the id answered', async () => {
    for (const id of [null, true, { a: 1 }, [1]])
      expectRpcError(await rpc(proxy.url, { jsonrpc: '2.0', id, method: 'ping' }, auth), 400, -32600);
    for (const id of ['abc', 0, -7, 1.5, 'x'.repeat(200), 9007199254740991]) {
      const r = await rpc(proxy.url, { jsonrpc: '2.0', id, method: 'ping' }, auth);
      expect(r.status).toBe(200);
      expect(r.json().id).toBe(id);
    }
  });

  it('notifications get 202 and no body; a stray response without a session is refused', async () => {
    const r = await rpc(
      proxy.url,
      { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 99 } },
      auth,
    );
    expect(r.status).toBe(202);
    expect(r.text).toBe('');
    const token = auth.authorization!;
    expectRpcError(
      await rpc(proxy.url, { jsonrpc: '2.0', id: 5, result: {} }, { authorization: token }),
      400,
      -32600,
    );
  });
});

describe('members JSON-RPC does not define', () => {
  it('are dropped on the way to a stdio server, which answers at once (ToolHive re-encodes too)', async () => {
    const started = Date.now();
    const ping = await rpc(proxy.url, { jsonrpc: '2.0', id: 11, method: 'ping', extra: { x: 1 } }, auth);
    expect(ping.status).toBe(200);
    expect(ping.json()).toMatchObject({ id: 11, result: {} });
    const echo = await rpc(proxy.url, { ...call(12, 'echo', { message: 'extra' }), trace: 'abc' }, auth);
    expect(echo.text).toContain('Echo: extra');
    const note = await rpc(proxy.url, { jsonrpc: '2.0', method: 'notifications/initialized', junk: 1 }, auth);
    expect(note.status).toBe(202);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('ambiguous JSON (parser differentials)', () => {
  it('refuses duplicate member names anywhere in the message', async () => {
    const bodies = [
      '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","name":"get-env","arguments":{}}}',
      '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","\\u006eame":"get-env"}}',
      '{"jsonrpc":"2.0","id":1,"method":"ping","method":"tools/call","params":{"name":"get-env"}}',
      '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"message":"a","message":"b"}}}',
    ];
    for (const body of bodies) {
      const r = await rpc(proxy.url, body, auth);
      expectRpcError(r, 400, -32600);
      expect(r.text).not.toContain('Echo:');
    }
  });

  it('refuses member names that differ only in case (Go decoders fold them into one field)', async () => {
    const bodies = [
      '{"jsonrpc":"2.0","id":1,"method":"ping","Method":"tools/call","params":{"name":"get-env"}}',
      '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","Name":"get-env","arguments":{"message":"x"}}}',
      '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","NAME":"get-env","arguments":{"message":"x"}}}',
      // U+017F LATIN SMALL LETTER LONG S folds to "s" in Go's EqualFold.
      '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"message":"x"},"argumentſ":{"message":"y"}}}',
    ];
    for (const body of bodies) {
      const r = await rpc(proxy.url, body, auth);
      expectRpcError(r, 400, -32600);
      expect(r.text).toMatch(/differ only in case/);
    }
  });

  it('refuses absurdly deep nesting with 400 (not a 500), and keeps ordinary depth', async () => {
    for (const depth of [1_001, 20_000, 200_000]) {
      const deep = `${'['.repeat(depth)}1${']'.repeat(depth)}`;
      const body = `{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"echo","arguments":{"message":"x","deep":${deep}}}}`;
      expectRpcError(await rpc(proxy.url, body, auth), 400, -32600);
    }
    const ok = `${'{"a":'.repeat(100)}1${'}'.repeat(100)}`;
    const r = await rpc(
      proxy.url,
      `{"jsonrpc":"2.0","id":8,"method":"tools/call","params":{"name":"echo","arguments":{"message":"fine","extra":${ok}}}}`,
      auth,
    );
    expect(r.status).toBe(200);
    expect(r.text).toContain('Echo: fine');
  });
});

describe('HTTP framing', () => {
  it('Content-Type must be application/json (parameters and case aside): 415 -32600', async () => {
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' });
    for (const ct of [
      'text/plain',
      'application/jsonx',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'text/json',
    ])
      expectRpcError(await rpc(proxy.url, body, { ...auth, 'content-type': ct }), 415, -32600);
    const none = await send(proxy.url, { method: 'POST', headers: auth, body: new Blob([body]) });
    expect(none.status).toBe(415);
    for (const ct of [
      'application/json; charset=utf-8',
      'Application/JSON',
      'application/json;charset=UTF-8',
    ])
      expect((await rpc(proxy.url, body, { ...auth, 'content-type': ct })).status).toBe(200);
  });

  it('without an Accept header a request is answered with plain JSON (ToolHive is lenient too)', async () => {
    for (const accept of [undefined, 'application/json', '*/*', 'text/html']) {
      const headers: Record<string, string> = { ...auth, 'content-type': 'application/json' };
      if (accept) headers.accept = accept;
      const r = await send(proxy.url, {
        method: 'POST',
        headers,
        body: JSON.stringify(call(1, 'echo', { message: 'hi' })),
      });
      expect(r.status, accept).toBe(200);
      expect(r.headers.get('content-type')).toMatch(/^application\/json/);
      expect(r.text).toContain('Echo: hi');
    }
    const sse = await rpc(proxy.url, call(2, 'echo', { message: 'sse' }), {
      ...auth,
      accept: 'text/event-stream',
    });
    expect(sse.status).toBe(200);
    expect(sse.text).toContain('Echo: sse');
  });

  it('a GET without Accept: text/event-stream is 406; unknown HTTP methods 405', async () => {
    expect(
      (await send(proxy.url, { method: 'GET', headers: { ...auth, accept: 'application/json' } })).status,
    ).toBe(406);
    for (const method of ['PUT', 'PATCH'])
      expect((await send(proxy.url, { method, headers: auth, body: '{}' })).status).toBe(405);
  });

  it('bodies over 8 MiB get 413 -32600, with or without Content-Length, and the connection closes', async () => {
    // A declared length over the limit is answered before the body is sent.
    const declared = await new Promise<string>((resolve, reject) => {
      const socket = connect(proxy.port, '127.0.0.1');
      let data = '';
      socket.setEncoding('utf8');
      socket.on('data', (d) => (data += d));
      socket.on('error', reject);
      socket.on('close', () => resolve(data));
      socket.write(
        [
          'POST /mcp HTTP/1.1',
          'Host: 127.0.0.1',
          'Content-Type: application/json',
          `Authorization: ${auth.authorization}`,
          `Content-Length: ${9 << 20}`,
          '',
          '{"jsonrpc":',
        ].join('\r\n'),
      );
    });
    expect(declared).toMatch(/^HTTP\/1\.1 413/);
    expect(declared.toLowerCase()).toContain('connection: close');
    expect(declared).toContain('"code":-32600');
    const huge = `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"message":"${'x'.repeat(9 << 20)}"}}}`;
    // Sent whole, the upload may be cut short by the 413 and the closed connection.
    const whole = await rpc(proxy.url, huge, auth).catch(() => undefined);
    if (whole) expectRpcError(whole, 413, -32600);
    const chunked = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = httpRequest(
        proxy.url,
        {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
        },
        (res) => {
          let text = '';
          res.on('data', (d) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', (err) => reject(err));
      for (let i = 0; i < 10; i++) req.write('x'.repeat(1 << 20));
      req.end();
    }).catch((err: Error) => ({ status: -1, text: err.message }));
    // Either the 413 arrives, or the connection is cut while we are still uploading.
    expect([413, -1]).toContain(chunked.status);
    // Unauthenticated and over the limit: the limit comes first, as in ToolHive.
    const anon = await rpc(proxy.url, huge, {}).catch(() => undefined);
    if (anon) expect(anon.status).toBe(413);
  });

  it('an unauthenticated client gets 401 whatever its body, before any JSON verdict', async () => {
    for (const body of [
      '{bad json',
      '[{"jsonrpc":"2.0","id":1,"method":"ping"}]',
      '{"jsonrpc":"2.0","id":1,"method":"ping","Method":"x"}',
    ])
      expect((await rpc(proxy.url, body)).status).toBe(401);
    expect((await rpc(proxy.url, '{}', { 'content-type': 'text/plain' })).status).toBe(401);
  });
});

describe('methods', () => {
  it('with Cedar, unknown methods and case variants of known ones are denied (403, JSON-RPC 403)', async () => {
    for (const method of [
      'Tools/Call',
      'TOOLS/CALL',
      'tools/call ',
      'tools//call',
      'foo/bar',
      'sampling/createMessage',
      'tasks/list',
    ])
      expectRpcError(
        await rpc(proxy.url, { jsonrpc: '2.0', id: 1, method, params: { name: 'get-env' } }, auth),
        403,
        403,
      );
  });

  it('without policy, the MCP server answers unknown methods itself (-32601)', async () => {
    const sid = await openSession(open.url);
    const r = await rpc(
      open.url,
      { jsonrpc: '2.0', id: 3, method: 'Tools/Call', params: { name: 'echo' } },
      { 'mcp-session-id': sid },
    );
    expect(r.status).toBe(200);
    expect((r.json().error as { code: number }).code).toBe(-32601);
  });
});

describe('after all of that', () => {
  it('the proxy is still up and serving, and a burst of garbage changes nothing', async () => {
    const junk = ['{', '[]', 'null', '{"jsonrpc":"2.0"}', `${'['.repeat(5000)}`];
    await Promise.all(Array.from({ length: 60 }, (_, i) => rpc(proxy.url, junk[i % junk.length]!, auth)));
    const r = await rpc(proxy.url, call(99, 'echo', { message: 'still here' }), auth);
    expect(r.status).toBe(200);
    expect(r.text).toContain('still here');
    expect(proxy.alive()).toBe(true);
    expect(open.alive()).toBe(true);
    expect(proxy.output()).not.toMatch(/RangeError|Maximum call stack|TypeError/);
  });

  it('a raw request with junk headers is answered, not dropped', async () => {
    const r = await rawHttp(
      proxy.port,
      [
        'POST /mcp HTTP/1.1',
        'Host: 127.0.0.1',
        'Content-Type: application/json',
        'Mcp-Session-Id: ../../etc/passwd',
        `Authorization: ${auth.authorization}`,
      ],
      JSON.stringify(INIT).replace('"id":1', '"id":2').replace('initialize', 'tools/list'),
    );
    expect(r.status).toBe(404);
  });
});
