/**
 * The embedded authorization server in a proxy runner's policy chain, over loopback HTTP: an
 * MCP client registers, logs in through a local upstream OIDC provider, calls the backend with
 * the token it got, and the backend receives the user's upstream token instead. Refresh with
 * rotation, upstream refresh on expiry, and the attacks the OAuth RFCs name, each refused with
 * the error they prescribe.
 */

import { generateKeyPairSync } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSecrets } from '../policy/support/secrets-scan.ts';
import { type EchoBackend, startEchoBackend } from './support/echo-backend.ts';
import { type AuthProxy, startAuthProxy } from './support/harness.ts';
import { TestIdp } from './support/idp.ts';
import {
  authorizeUrl,
  fullLogin,
  hop,
  login,
  pkce,
  REDIRECT_URI,
  register,
  token,
  whoami,
} from './support/oauth-client.ts';

let idp: TestIdp;
let backend: EchoBackend;
let px: AuthProxy;

beforeAll(async () => {
  idp = await TestIdp.start();
  backend = await startEchoBackend();
  px = await startAuthProxy({
    idp,
    backendUrl: backend.url,
    deps: { authServer: { registration: { perSecond: 1000, burst: 1000 } } },
    logSuite: 'authserver-flow',
  });
});

afterAll(async () => {
  await px?.close();
  await backend?.stop();
  await idp?.stop();
  expectNoSecrets(px.logs);
});

describe('discovery', () => {
  it('serves RFC 8414 and OIDC metadata (also path-suffixed) and a JWKS of ES256 keys', async () => {
    for (const path of [
      '/.well-known/oauth-authorization-server',
      '/.well-known/oauth-authorization-server/mcp',
      '/.well-known/openid-configuration',
    ]) {
      const res = await fetch(`${px.base}${path}`);
      expect(res.status, path).toBe(200);
      const doc = (await res.json()) as Record<string, unknown>;
      expect(doc).toMatchObject({
        issuer: px.base,
        authorization_endpoint: `${px.base}/oauth/authorize`,
        token_endpoint: `${px.base}/oauth/token`,
        registration_endpoint: `${px.base}/oauth/register`,
        jwks_uri: `${px.base}/.well-known/jwks.json`,
        response_types_supported: ['code'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['none'],
        scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      });
      expect(doc.grant_types_supported).toContain('refresh_token');
    }
    const oidc = (await (await fetch(`${px.base}/.well-known/openid-configuration`)).json()) as Record<
      string,
      unknown
    >;
    expect(oidc.id_token_signing_alg_values_supported).toEqual(['ES256']);
    const jwks = (await (await fetch(`${px.base}/.well-known/jwks.json`)).json()) as {
      keys: Array<Record<string, unknown>>;
    };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(jwks.keys[0]!.d).toBeUndefined();
  });

  it('points unauthenticated MCP clients at the authorization server', async () => {
    const r = await whoami(px.url, undefined);
    expect(r.status).toBe(401);
    const challenge = r.reply.headers.get('www-authenticate') ?? '';
    expect(challenge).toContain(`resource_metadata="${px.base}/.well-known/oauth-protected-resource/mcp"`);
    const prm = (await (await fetch(`${px.base}/.well-known/oauth-protected-resource/mcp`)).json()) as Record<
      string,
      unknown
    >;
    expect(prm).toMatchObject({ resource: `${px.base}/mcp`, authorization_servers: [px.base] });
  });
});

describe('dynamic client registration', () => {
  it('registers a public client with ToolHive defaults', async () => {
    const r = await register(px.base);
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({
      redirect_uris: [REDIRECT_URI],
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      scope: 'openid profile email offline_access',
    });
    expect(r.json.client_secret).toBeUndefined();
    expect(typeof r.json.client_id).toBe('string');
  });

  it.each([
    [{ redirect_uris: [] }, 'invalid_redirect_uri'],
    [{ redirect_uris: ['http://attacker.example/cb'] }, 'invalid_redirect_uri'],
    [{ redirect_uris: ['https://app.example/cb#frag'] }, 'invalid_redirect_uri'],
    [{ redirect_uris: ['javascript:alert(1)'] }, 'invalid_redirect_uri'],
    [{ token_endpoint_auth_method: 'client_secret_basic' }, 'invalid_client_metadata'],
    [{ grant_types: ['refresh_token'] }, 'invalid_client_metadata'],
    [{ grant_types: ['authorization_code', 'implicit'] }, 'invalid_client_metadata'],
    [{ response_types: ['token'] }, 'invalid_client_metadata'],
    [{ scope: 'openid admin' }, 'invalid_client_metadata'],
  ])('refuses %j with %s', async (body, error) => {
    const r = await register(px.base, body);
    expect(r.status).toBe(400);
    expect(r.json.error).toBe(error);
  });

  it('refuses bodies that are not JSON', async () => {
    const res = await fetch(`${px.base}/oauth/register`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'redirect_uris=x',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe('invalid_client_metadata');
  });
});

describe('login', () => {
  it('walks client → authorization server → upstream → callback → client, with PKCE and nonce upstream', async () => {
    const clientId = (await register(px.base)).json.client_id as string;
    const { challenge } = pkce();
    const before = idp.authorizeRequests.length;
    const result = await login(px.base, { clientId, challenge, state: 'client-state-xyz', scope: 'openid' });
    expect(result.hops[0]!.status).toBe(302);
    const upstream = idp.authorizeRequests[before]!;
    expect(upstream.get('client_id')).toBe(idp.clientId);
    expect(upstream.get('redirect_uri')).toBe(`${px.base}/oauth/callback`);
    expect(upstream.get('code_challenge_method')).toBe('S256');
    expect(upstream.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Neither the client's challenge nor its state travels upstream.
    expect(upstream.get('code_challenge')).not.toBe(challenge);
    expect(upstream.get('state')).not.toBe('client-state-xyz');
    expect(upstream.get('nonce')).toBeTruthy();
    expect(upstream.get('scope')).toBe('openid offline_access');
    expect(result.hops.at(-1)!.status).toBe(303);
    expect(result.redirect.searchParams.get('state')).toBe('client-state-xyz');
    expect(result.redirect.searchParams.get('iss')).toBe(px.base);
    expect(result.code).toMatch(/^thv_ac_/);
  });

  it('issues RFC 9068 access tokens bound to the resource, with tsid, and refresh tokens for offline_access', async () => {
    const { accessToken, refreshToken, reply, clientId } = await fullLogin(px.base, {
      resource: `${px.base}/mcp`,
    });
    expect(reply.json).toMatchObject({
      token_type: 'bearer',
      expires_in: 3600,
      scope: 'openid offline_access',
    });
    expect(reply.headers.get('cache-control')).toBe('no-store');
    expect(refreshToken).toMatch(/^thv_rt_/);
    expect(decodeProtectedHeader(accessToken)).toMatchObject({ alg: 'ES256', typ: 'at+jwt' });
    const claims = decodeJwt(accessToken);
    expect(claims).toMatchObject({
      iss: px.base,
      aud: [`${px.base}/mcp`],
      client_id: clientId,
      scp: ['openid', 'offline_access'],
      name: 'Alice',
      email: 'alice@example.com',
    });
    expect(claims.sub).toMatch(/^[0-9a-f-]{36}$/);
    expect(typeof claims.tsid).toBe('string');
  });

  it('injects the upstream access token toward the backend, never our own token', async () => {
    const { accessToken } = await fullLogin(px.base);
    const upstreamToken = idp.issuedAccessTokens.at(-1)!;
    const r = await whoami(px.url, accessToken, { cookie: 'session=browser-cookie' });
    expect(r.status).toBe(200);
    expect(r.headers!.authorization).toBe(`Bearer ${upstreamToken}`);
    expect(JSON.stringify(backend.seen.slice(-2))).not.toContain(accessToken);
  });

  it('keeps one user id per upstream identity across logins', async () => {
    const a = decodeJwt((await fullLogin(px.base)).accessToken);
    const b = decodeJwt((await fullLogin(px.base)).accessToken);
    expect(a.sub).toBe(b.sub);
    expect(a.tsid).not.toBe(b.tsid);
  });

  it('answers an upstream refusal with access_denied at the client, keeping its state', async () => {
    const clientId = (await register(px.base)).json.client_id as string;
    idp.denyNext = true;
    const result = await login(px.base, { clientId, challenge: pkce().challenge, state: 'keep-this-state' });
    expect(result.redirect.searchParams.get('error')).toBe('access_denied');
    expect(result.redirect.searchParams.get('state')).toBe('keep-this-state');
    expect(result.code).toBeUndefined();
  });

  it('fails the login when the upstream ID token carries another nonce', async () => {
    const clientId = (await register(px.base)).json.client_id as string;
    idp.forgedNonce = 'not-the-nonce-we-sent';
    try {
      const result = await login(px.base, { clientId, challenge: pkce().challenge });
      expect(result.redirect.searchParams.get('error')).toBe('server_error');
      expect(result.code).toBeUndefined();
    } finally {
      idp.forgedNonce = undefined;
    }
  });
});

describe('refresh', () => {
  it('rotates refresh tokens; reusing one revokes the family and the upstream session', async () => {
    const first = await fullLogin(px.base);
    const r1 = await token(px.base, {
      grant_type: 'refresh_token',
      refresh_token: first.refreshToken!,
      client_id: first.clientId,
    });
    expect(r1.status).toBe(200);
    expect(r1.json.refresh_token).not.toBe(first.refreshToken);
    expect(decodeJwt(r1.json.access_token as string).tsid).toBe(decodeJwt(first.accessToken).tsid);
    expect((await whoami(px.url, r1.json.access_token as string)).status).toBe(200);

    const reuse = await token(px.base, {
      grant_type: 'refresh_token',
      refresh_token: first.refreshToken!,
      client_id: first.clientId,
    });
    expect(reuse.status).toBe(400);
    expect(reuse.json.error).toBe('invalid_grant');
    // The family is gone: the legitimate successor no longer works either…
    const successor = await token(px.base, {
      grant_type: 'refresh_token',
      refresh_token: r1.json.refresh_token as string,
      client_id: first.clientId,
    });
    expect(successor.json.error).toBe('invalid_grant');
    // …and access tokens of the session no longer carry upstream credentials.
    const r = await whoami(px.url, r1.json.access_token as string);
    expect(r.status).toBe(401);
    expect(r.reply.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });

  it('refuses a refresh token of another client, a tampered one, and scope escalation', async () => {
    const a = await fullLogin(px.base);
    const b = (await register(px.base)).json.client_id as string;
    const other = await token(px.base, {
      grant_type: 'refresh_token',
      refresh_token: a.refreshToken!,
      client_id: b,
    });
    expect(other.json.error).toBe('invalid_grant');
    const c = await fullLogin(px.base);
    const tampered = `${c.refreshToken!.slice(0, -2)}AA`;
    expect(
      (await token(px.base, { grant_type: 'refresh_token', refresh_token: tampered, client_id: c.clientId }))
        .json.error,
    ).toBe('invalid_grant');
    const up = await token(px.base, {
      grant_type: 'refresh_token',
      refresh_token: c.refreshToken!,
      client_id: c.clientId,
      scope: 'openid profile',
    });
    expect(up.json.error).toBe('invalid_scope');
  });

  it('refreshes an expired upstream access token on the next request', async () => {
    idp.expiresIn = 1;
    try {
      const { accessToken } = await fullLogin(px.base);
      const loginToken = idp.issuedAccessTokens.at(-1)!;
      await new Promise((r) => setTimeout(r, 1_200));
      const refreshes = idp.stats.refreshes;
      const r = await whoami(px.url, accessToken);
      expect(r.status).toBe(200);
      expect(idp.stats.refreshes).toBeGreaterThan(refreshes);
      expect(r.headers!.authorization).toBe(`Bearer ${idp.issuedAccessTokens.at(-1)}`);
      expect(r.headers!.authorization).not.toBe(`Bearer ${loginToken}`);
    } finally {
      idp.expiresIn = 3600;
    }
  });

  it('asks the client to log in again when the upstream refuses the refresh', async () => {
    idp.expiresIn = 1;
    try {
      const { accessToken } = await fullLogin(px.base);
      await new Promise((r) => setTimeout(r, 1_200));
      idp.refuseRefresh = true;
      const r = await whoami(px.url, accessToken);
      expect(r.status).toBe(401);
      expect(r.reply.headers.get('www-authenticate')).toContain('upstream token is no longer valid');
    } finally {
      idp.refuseRefresh = false;
      idp.expiresIn = 3600;
    }
  });
});

describe('attacks on /oauth/authorize', () => {
  let clientId: string;
  beforeAll(async () => {
    clientId = (await register(px.base)).json.client_id as string;
  });

  it('never redirects to an unregistered redirect URI or for an unknown client', async () => {
    const wrong = await hop(
      authorizeUrl(px.base, {
        clientId,
        challenge: pkce().challenge,
        redirectUri: 'https://evil.example/cb',
      }),
    );
    expect(wrong.status).toBe(400);
    expect(wrong.location).toBeUndefined();
    expect(JSON.parse(wrong.body!).error).toBe('invalid_request');
    const unknown = await hop(
      authorizeUrl(px.base, { clientId: 'no-such-client', challenge: pkce().challenge }),
    );
    expect(unknown.status).toBe(401);
    expect(unknown.location).toBeUndefined();
    expect(JSON.parse(unknown.body!).error).toBe('invalid_client');
  });

  it('lets a loopback client change its port (RFC 8252) but nothing else', async () => {
    const moved = 'http://127.0.0.1:49999/callback';
    const ok = await hop(
      authorizeUrl(px.base, { clientId, challenge: pkce().challenge, redirectUri: moved }),
    );
    expect(ok.status).toBe(302);
    const otherPath = await hop(
      authorizeUrl(px.base, {
        clientId,
        challenge: pkce().challenge,
        redirectUri: 'http://127.0.0.1:33418/other',
      }),
    );
    expect(otherPath.status).toBe(400);
  });

  it.each([
    ['no PKCE challenge', { challenge: undefined }, 'invalid_request'],
    ['the plain PKCE method', { method: 'plain' }, 'invalid_request'],
    ['a malformed challenge', { challenge: 'short' }, 'invalid_request'],
    ['a short state', { state: 'abc' }, 'invalid_state'],
    ['an unregistered scope', { scope: 'openid admin' }, 'invalid_scope'],
    ['a foreign resource', { resource: 'https://other.example/mcp' }, 'invalid_target'],
    ['another response type', { extra: { response_type: 'token' } }, 'invalid_request'],
  ])('redirects %s back as %s', async (_name, change, error) => {
    const p = { clientId, challenge: pkce().challenge, state: 'state-for-error', ...change } as Parameters<
      typeof authorizeUrl
    >[1];
    const h = await hop(authorizeUrl(px.base, p));
    if (h.status === 400) {
      // A repeated parameter is refused before the redirect URI is trusted.
      expect(JSON.parse(h.body!).error).toBe(error);
      return;
    }
    expect(h.status).toBe(303);
    const back = new URL(h.location!);
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT_URI);
    expect(back.searchParams.get('error')).toBe(error);
    expect(back.searchParams.get('iss')).toBe(px.base);
  });
});

describe('attacks on /oauth/callback', () => {
  it('refuses unknown and replayed states', async () => {
    expect((await hop(`${px.base}/oauth/callback?code=x&state=never-issued`)).status).toBe(400);
    const clientId = (await register(px.base)).json.client_id as string;
    const first = await hop(authorizeUrl(px.base, { clientId, challenge: pkce().challenge }));
    const upstream = await hop(first.location!);
    const callback = upstream.location!;
    expect((await hop(callback)).status).toBe(303);
    expect((await hop(callback)).status).toBe(400);
  });
});

describe('attacks on /oauth/token', () => {
  async function codeFor(clientId: string, challenge: string): Promise<string> {
    const r = await login(px.base, { clientId, challenge, scope: 'openid offline_access' });
    return r.code!;
  }

  it('refuses a wrong or missing PKCE verifier, and the code is then burnt', async () => {
    const clientId = (await register(px.base)).json.client_id as string;
    const { verifier, challenge } = pkce();
    const code = await codeFor(clientId, challenge);
    const base = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, client_id: clientId };
    const wrong = await token(px.base, { ...base, code_verifier: pkce().verifier });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error).toBe('invalid_grant');
    expect((await token(px.base, { ...base, code_verifier: verifier })).json.error).toBe('invalid_grant');
    const code2 = await codeFor(clientId, challenge);
    expect((await token(px.base, { ...base, code: code2 })).json.error).toBe('invalid_grant');
  });

  it('refuses a replayed code and revokes what the first redemption issued', async () => {
    const clientId = (await register(px.base)).json.client_id as string;
    const { verifier, challenge } = pkce();
    const code = await codeFor(clientId, challenge);
    const form = {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      client_id: clientId,
      code_verifier: verifier,
    };
    const first = await token(px.base, form);
    expect(first.status).toBe(200);
    const replay = await token(px.base, form);
    expect(replay.status).toBe(400);
    expect(replay.json.error).toBe('invalid_grant');
    const refresh = await token(px.base, {
      grant_type: 'refresh_token',
      refresh_token: first.json.refresh_token as string,
      client_id: clientId,
    });
    expect(refresh.json.error).toBe('invalid_grant');
    expect((await whoami(px.url, first.json.access_token as string)).status).toBe(401);
  });

  it('refuses a code at another redirect URI, for another client, or tampered', async () => {
    const clientId = (await register(px.base)).json.client_id as string;
    const otherClient = (await register(px.base)).json.client_id as string;
    const { verifier, challenge } = pkce();
    const send = async (over: Record<string, string>) =>
      (
        await token(px.base, {
          grant_type: 'authorization_code',
          code: await codeFor(clientId, challenge),
          redirect_uri: REDIRECT_URI,
          client_id: clientId,
          code_verifier: verifier,
          ...over,
        })
      ).json.error;
    expect(await send({ redirect_uri: 'http://127.0.0.1:33418/elsewhere' })).toBe('invalid_grant');
    expect(await send({ client_id: otherClient })).toBe('invalid_grant');
    expect(await send({ code: `thv_ac_${'A'.repeat(43)}.${'B'.repeat(43)}` })).toBe('invalid_grant');
    expect(await send({ client_id: 'unknown-client' })).toBe('invalid_client');
  });

  it('answers malformed requests as RFC 6749 §5.2 prescribes', async () => {
    const json = await fetch(`${px.base}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(json.status).toBe(400);
    expect(((await json.json()) as { error: string }).error).toBe('invalid_request');
    const clientId = (await register(px.base)).json.client_id as string;
    expect((await token(px.base, { client_id: clientId })).json.error).toBe('invalid_request');
    expect((await token(px.base, { grant_type: 'password', client_id: clientId })).json.error).toBe(
      'unauthorized_client',
    );
    expect(
      (await token(px.base, { grant_type: ['authorization_code', 'refresh_token'], client_id: clientId }))
        .json.error,
    ).toBe('invalid_request');
    expect((await token(px.base, { grant_type: 'client_credentials', client_id: 'nobody' })).status).toBe(
      401,
    );
  });
});

describe('attacks on the protected MCP endpoint', () => {
  it('refuses tampered, foreign-key and unsigned copies of our tokens', async () => {
    const { accessToken } = await fullLogin(px.base);
    const [h, p, s] = accessToken.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...claims, sub: 'admin' })).toString('base64url')}.${s}`;
    expect((await whoami(px.url, tampered)).status).toBe(401);
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const kid = (decodeProtectedHeader(accessToken).kid as string) ?? '';
    const forged = await new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid }).sign(privateKey);
    expect((await whoami(px.url, forged)).status).toBe(401);
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', kid })).toString('base64url')}.${p}.`;
    expect((await whoami(px.url, none)).status).toBe(401);
  });
});
