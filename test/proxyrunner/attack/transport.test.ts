/**
 * The transport edges of the real proxy process: DNS-rebinding guards, the legacy SSE endpoints,
 * GET/DELETE on /mcp, and what is served without a token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestIssuer } from '../policy/support/oidc-issuer.ts';
import {
  INIT,
  openSession,
  openStream,
  type RunningProxy,
  rawHttp,
  rpc,
  send,
  startProxy,
} from './support.ts';

const AUD = 'mcp-everything';
let issuer: TestIssuer;
let proxy: RunningProxy;
let token: string;

beforeAll(async () => {
  issuer = await TestIssuer.start();
  proxy = await startProxy({ oidc_config: { Issuer: issuer.url, Audience: AUD }, audit_config: {} });
  token = await issuer.token({ sub: 'alice' }, { audience: AUD });
});

afterAll(async () => {
  await proxy?.stop();
  await issuer?.stop();
});

describe('DNS rebinding (loopback bind, no allowed_origins)', () => {
  it('refuses foreign origins, several Origin headers and a foreign Host with 403', async () => {
    const auth = { authorization: `Bearer ${token}` };
    for (const origin of ['http://evil.example', 'null', `http://127.0.0.1:${proxy.port}.evil.example`]) {
      const r = await rpc(proxy.url, INIT, { ...auth, origin });
      expect(r.status, origin).toBe(403);
      expect((r.json().error as { code: number }).code).toBe(-32600);
    }
    expect((await rpc(proxy.url, INIT, { ...auth, origin: `http://localhost:${proxy.port}` })).status).toBe(
      200,
    );
    const two = await rawHttp(
      proxy.port,
      [
        'POST /mcp HTTP/1.1',
        `Host: 127.0.0.1:${proxy.port}`,
        'Content-Type: application/json',
        `Authorization: Bearer ${token}`,
        `Origin: http://127.0.0.1:${proxy.port}`,
        'Origin: http://evil.example',
      ],
      JSON.stringify(INIT),
    );
    expect(two.status).toBe(403);
    const host = await rawHttp(
      proxy.port,
      [
        'POST /mcp HTTP/1.1',
        'Host: evil.example',
        'Content-Type: application/json',
        `Authorization: Bearer ${token}`,
      ],
      JSON.stringify(INIT),
    );
    expect(host.status).toBe(403);
  });
});

describe('GET and DELETE on /mcp', () => {
  it('need a token, a session id and (for GET) Accept: text/event-stream', async () => {
    const sid = await openSession(proxy.url, token);
    expect((await send(proxy.url, { method: 'DELETE', headers: { 'mcp-session-id': sid } })).status).toBe(
      401,
    );
    const anon = await openStream(proxy.url, { 'mcp-session-id': sid, accept: 'text/event-stream' });
    anon.close();
    expect(anon.status).toBe(401);
    // As Alice, with the session id when one is given.
    const statusAs = async (method: string, sessionId?: string) =>
      (
        await send(proxy.url, {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            ...(sessionId === undefined ? {} : { 'mcp-session-id': sessionId }),
          },
        })
      ).status;
    expect(await statusAs('DELETE')).toBe(400);
    expect(await statusAs('DELETE', '00000000-0000-4000-8000-000000000000')).toBe(404);
    expect(await statusAs('GET', sid)).toBe(406);
    expect(await statusAs('DELETE', sid)).toBe(204);
    expect(await statusAs('DELETE', sid)).toBe(404);
  });
});

describe('legacy SSE endpoints', () => {
  it('GET /sse and POST /messages need a token; a message needs a known session', async () => {
    const anon = await openStream(`${proxy.base}/sse`, { accept: 'text/event-stream' });
    anon.close();
    expect(anon.status).toBe(401);
    const auth = { authorization: `Bearer ${token}` };
    expect((await rpc(`${proxy.base}/messages?session_id=x`, INIT)).status).toBe(401);
    expect((await rpc(`${proxy.base}/messages`, INIT, auth)).status).toBe(400);
    expect(
      (await rpc(`${proxy.base}/messages?session_id=00000000-0000-4000-8000-000000000000`, INIT, auth))
        .status,
    ).toBe(404);
    expect((await send(`${proxy.base}/sse`, { method: 'POST', headers: auth, body: '{}' })).status).toBe(405);
    expect((await send(`${proxy.base}/messages?session_id=x`, { method: 'GET', headers: auth })).status).toBe(
      405,
    );
  });
});

describe('what answers without a token', () => {
  it('health and RFC 9728 metadata only, with nothing secret in them', async () => {
    const health = await send(`${proxy.base}/health`, {});
    expect(health.status).toBe(200);
    const meta = await send(`${proxy.base}/.well-known/oauth-protected-resource/mcp`, {});
    expect(meta.status).toBe(200);
    expect(meta.json()).toMatchObject({
      authorization_servers: [issuer.url],
      bearer_methods_supported: ['header'],
    });
    for (const r of [health, meta]) expect(r.text).not.toMatch(/secret|password|eyJ/i);
    expect((await send(`${proxy.base}/.well-known/other`, {})).status).toBe(404);
    for (const path of ['/', '/metrics', '/admin'])
      expect((await send(`${proxy.base}${path}`, {})).status, path).toBe(404);
    // GET /mcp without a token: 401 before any verdict on its headers, as in ToolHive.
    expect((await send(proxy.url, {})).status).toBe(401);
    expect((await send(proxy.url, { method: 'DELETE' })).status).toBe(401);
  });
});
