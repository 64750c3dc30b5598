/**
 * Session hijacking: a caller with a valid token of their own presents another user's
 * `Mcp-Session-Id` (or legacy `session_id`). ToolHive's proxy runner would serve it (only its
 * vMCP binds sessions to `iss`+`sub`); toolhive-ts binds them everywhere (session/binding.ts) and
 * refuses with 403, without ending the owner's session.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEverythingHttp, waitFor } from '../helpers.ts';
import { TestIssuer } from '../policy/support/oidc-issuer.ts';
import { call, INIT, openSession, openStream, type RunningProxy, rpc, send, startProxy } from './support.ts';

const AUD = 'mcp-everything';
let issuer: TestIssuer;
let stdio: RunningProxy;
let http: RunningProxy;
let anonymous: RunningProxy;
let backend: Awaited<ReturnType<typeof startEverythingHttp>>;
let alice: string;
let bob: string;

beforeAll(async () => {
  issuer = await TestIssuer.start();
  backend = await startEverythingHttp('streamableHttp');
  const oidc = { Issuer: issuer.url, Audience: AUD };
  [stdio, http, anonymous] = await Promise.all([
    startProxy({ oidc_config: oidc, audit_config: {} }),
    startProxy({ oidc_config: oidc, audit_config: {} }, { target: `${backend.base}/mcp` }),
    startProxy({}),
  ]);
  alice = await issuer.token({ sub: 'alice' }, { audience: AUD });
  bob = await issuer.token({ sub: 'bob' }, { audience: AUD });
});

afterAll(async () => {
  await Promise.all([stdio?.stop(), http?.stop(), anonymous?.stop()]);
  await backend?.stop();
  await issuer?.stop();
});

const as = (token: string, sid?: string): Record<string, string> => ({
  authorization: `Bearer ${token}`,
  ...(sid ? { 'mcp-session-id': sid } : {}),
});

function hijackSuite(name: string, proxy: () => RunningProxy) {
  describe(`streamable HTTP sessions (${name})`, () => {
    it('refuses another user’s session id on POST, GET, DELETE and notifications, and keeps the session', async () => {
      const p = proxy();
      const sid = await openSession(p.url, alice);
      const r = await rpc(p.url, call(2, 'echo', { message: 'x' }), as(bob, sid));
      expect(r.status).toBe(403);
      expect(r.json()).toMatchObject({ id: 2, error: { code: 403 } });
      expect(r.text).not.toContain('Echo');
      // A handshake naming her session either is refused or opens a session of Bob's own (HTTP
      // backends: ToolHive strips the client's session id from initialize).
      const reinit = await rpc(p.url, { ...INIT, id: 3 }, as(bob, sid));
      if (reinit.status !== 403) {
        expect(reinit.status).toBe(200);
        expect(reinit.headers.get('mcp-session-id')).not.toBe(sid);
      }
      expect(
        (
          await rpc(
            p.url,
            { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 1 } },
            as(bob, sid),
          )
        ).status,
      ).toBe(403);
      expect((await rpc(p.url, { jsonrpc: '2.0', id: 9, result: {} }, as(bob, sid))).status).toBe(403);
      const stream = await openStream(p.url, { ...as(bob, sid), accept: 'text/event-stream' });
      stream.close();
      expect(stream.status).toBe(403);
      expect((await send(p.url, { method: 'DELETE', headers: as(bob, sid) })).status).toBe(403);

      // Alice is unaffected: her session still works, and she alone can end it.
      const mine = await rpc(p.url, call(4, 'echo', { message: 'mine' }), as(alice, sid));
      expect(mine.status).toBe(200);
      expect(mine.text).toContain('Echo: mine');
      const own = await openStream(p.url, { ...as(alice, sid), accept: 'text/event-stream' });
      own.close();
      expect(own.status).toBe(200);
      const ended = await send(p.url, { method: 'DELETE', headers: as(alice, sid) });
      expect([200, 204]).toContain(ended.status); // an HTTP server's own answer is passed on
      expect((await rpc(p.url, call(5, 'echo', { message: 'gone' }), as(alice, sid))).status).toBe(404);
    });

    it('a new token of the same user (same iss and sub) keeps the session', async () => {
      const p = proxy();
      const sid = await openSession(p.url, alice);
      const refreshed = await issuer.token(
        { sub: 'alice', jti: 'refreshed' },
        { audience: AUD, expiresIn: 600 },
      );
      expect((await rpc(p.url, call(6, 'echo', { message: 'again' }), as(refreshed, sid))).status).toBe(200);
      const impostor = await issuer.token({ sub: 'alice' }, { audience: 'mcp-other' });
      expect((await rpc(p.url, call(7, 'echo', { message: 'x' }), as(impostor, sid))).status).toBe(401);
    });

    it('unknown and malformed session ids are 404, never another session', async () => {
      const p = proxy();
      for (const sid of ['00000000-0000-4000-8000-000000000000', 'x', '../../x', 'a'.repeat(300)]) {
        const r = await rpc(p.url, call(8, 'echo', { message: 'x' }), as(alice, sid));
        expect(r.status, sid).toBe(404);
        expect((r.json().error as { code: number }).code).toBe(-32001);
      }
    });

    it('audits hijack attempts as denied', async () => {
      const denied = proxy()
        .audit()
        .filter((e) => e.outcome === 'denied' && (e.subjects as Record<string, string>).user_id === 'bob');
      expect(denied.length).toBeGreaterThanOrEqual(5);
    });
  });
}

hijackSuite('stdio server', () => stdio);
hijackSuite('streamable-HTTP server', () => http);

describe('legacy SSE sessions', () => {
  it('refuses POST /messages for another user’s session_id', async () => {
    const stream = await openStream(`${stdio.base}/sse`, { ...as(alice), accept: 'text/event-stream' });
    try {
      expect(stream.status).toBe(200);
      await waitFor(() => stream.events.join('').includes('session_id='));
      const endpoint = /data: (\S+)/.exec(stream.events.join(''))![1]!;
      const url = new URL(endpoint, stdio.base).toString();
      const stolen = await rpc(url, INIT, as(bob));
      expect(stolen.status).toBe(403);
      const own = await rpc(url, INIT, as(alice));
      expect(own.status).toBe(202);
      await waitFor(() => stream.events.join('').includes('serverInfo'));
    } finally {
      stream.close();
    }
  });
});

describe('without authentication', () => {
  it('sessions work as before (every caller is the same local user)', async () => {
    const sid = await openSession(anonymous.url);
    const r = await rpc(anonymous.url, call(1, 'echo', { message: 'anon' }), { 'mcp-session-id': sid });
    expect(r.status).toBe(200);
    expect((await send(anonymous.url, { method: 'DELETE', headers: { 'mcp-session-id': sid } })).status).toBe(
      204,
    );
  });
});
