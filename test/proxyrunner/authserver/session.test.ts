/**
 * Lifetimes on a controlled clock: access tokens expire at their lifetime, a token session ends
 * with its refresh token (access tokens still in date then carry no upstream credentials), a
 * refresh extends the session, and codes expire after their lifespan. Memory storage, whose
 * expiry follows the same clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSecrets } from '../policy/support/secrets-scan.ts';
import { type EchoBackend, startEchoBackend } from './support/echo-backend.ts';
import { type AuthProxy, startAuthProxy } from './support/harness.ts';
import { TestIdp } from './support/idp.ts';
import { fullLogin, login, pkce, REDIRECT_URI, register, token, whoami } from './support/oauth-client.ts';

const HOUR = 3_600_000;
let offset = 0;
const now = () => Date.now() + offset;

let idp: TestIdp;
let backend: EchoBackend;
let px: AuthProxy;

beforeAll(async () => {
  // The upstream's tokens outlive everything here: only our own lifetimes are under test.
  idp = await TestIdp.start({ expiresIn: 30 * 24 * 3600 });
  backend = await startEchoBackend();
  px = await startAuthProxy({
    idp,
    backendUrl: backend.url,
    logSuite: 'authserver-session',
    deps: { now, authServer: { registration: { perSecond: 1000, burst: 1000 } } },
    authServer: (as) => {
      as.token_lifespans = {
        access_token_lifespan: '2h',
        refresh_token_lifespan: '1h',
        auth_code_lifespan: '30s',
      };
    },
  });
});

afterAll(async () => {
  await px?.close();
  await backend?.stop();
  await idp?.stop();
  expectNoSecrets(px.logs);
});

describe('lifetimes', () => {
  it('expires access tokens at their lifetime', async () => {
    offset = 0;
    const { accessToken } = await fullLogin(px.base);
    offset = 2 * HOUR + 60_000;
    const r = await whoami(px.url, accessToken);
    expect(r.status).toBe(401);
    expect(r.reply.headers.get('www-authenticate')).toContain('token expired');
  });

  it('ends the token session with the refresh token: later requests carry no upstream token', async () => {
    offset = 0;
    const { accessToken, refreshToken, clientId } = await fullLogin(px.base);
    offset = HOUR / 2;
    expect((await whoami(px.url, accessToken)).status).toBe(200);
    offset = HOUR + 60_000;
    // Our access token is still in date (2 h), but its session is over.
    const r = await whoami(px.url, accessToken);
    expect(r.status).toBe(401);
    expect(r.reply.headers.get('www-authenticate')).toContain('invalid_token');
    const refresh = await token(px.base, {
      grant_type: 'refresh_token',
      refresh_token: refreshToken!,
      client_id: clientId,
    });
    expect(refresh.json.error).toBe('invalid_grant');
  });

  it('extends the session on every refresh', async () => {
    offset = 0;
    const first = await fullLogin(px.base);
    offset = 50 * 60_000;
    const r1 = await token(px.base, {
      grant_type: 'refresh_token',
      refresh_token: first.refreshToken!,
      client_id: first.clientId,
    });
    expect(r1.status).toBe(200);
    offset = 100 * 60_000;
    // Past the first refresh token's hour, within the second's.
    expect((await whoami(px.url, r1.json.access_token as string)).status).toBe(200);
    const r2 = await token(px.base, {
      grant_type: 'refresh_token',
      refresh_token: r1.json.refresh_token as string,
      client_id: first.clientId,
    });
    expect(r2.status).toBe(200);
  });

  it('refuses an authorization code after its lifespan', async () => {
    offset = 0;
    const clientId = (await register(px.base)).json.client_id as string;
    const { verifier, challenge } = pkce();
    const { code } = await login(px.base, { clientId, challenge });
    offset = 31_000;
    const r = await token(px.base, {
      grant_type: 'authorization_code',
      code: code!,
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier,
      client_id: clientId,
    });
    expect(r.json.error).toBe('invalid_grant');
  });
});
