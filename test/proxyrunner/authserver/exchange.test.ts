/**
 * Confidential clients: RFC 8693 token exchange by a configured delegate client (for a user's
 * token of ours, and for a trusted external issuer's token), confidential dynamic registration,
 * client authentication failures, and the registration rate limit.
 */
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestIssuer } from '../policy/support/oidc-issuer.ts';
import { expectNoSecrets, registerSecret } from '../policy/support/secrets-scan.ts';
import { type EchoBackend, startEchoBackend } from './support/echo-backend.ts';
import { type AuthProxy, startAuthProxy } from './support/harness.ts';
import { TestIdp } from './support/idp.ts';
import { fullLogin, login, pkce, register, token, whoami } from './support/oauth-client.ts';

const EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ACCESS = 'urn:ietf:params:oauth:token-type:access_token';
const DELEGATE_SECRET = registerSecret(`delegate-${'s'.repeat(40)}`);
const basic = (id: string, secret: string) => ({
  authorization: `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`,
});

let idp: TestIdp;
let external: TestIssuer;
let backend: EchoBackend;
let px: AuthProxy;
let strict: AuthProxy;

beforeAll(async () => {
  idp = await TestIdp.start();
  external = await TestIssuer.start();
  backend = await startEchoBackend();
  px = await startAuthProxy({
    idp,
    backendUrl: backend.url,
    logSuite: 'authserver-exchange',
    env: { TOOLHIVE_DELEGATE_CLIENT_SECRET_0: DELEGATE_SECRET },
    deps: { authServer: { registration: { perSecond: 1000, burst: 1000 } } },
    authServer: (as) => {
      const resource = as.allowed_audiences[0]!;
      // Client secrets over plain HTTP are only acceptable on loopback, and only when asked for.
      as.insecure_allow_confidential_over_loopback_http = true;
      as.allow_confidential_client_registration = true;
      as.delegate_clients = [
        {
          client_id: 'agent',
          client_secret_env_var: 'TOOLHIVE_DELEGATE_CLIENT_SECRET_0',
          scopes: ['openid', 'email'],
          audiences: [resource],
        },
      ];
      as.trusted_issuers = [
        {
          issuer_url: external.url,
          expected_audience: 'https://corp.example/api',
          jwks_url: external.jwksUrl,
          insecure_allow_http: true,
          allow_private_ips: true,
          allowed_actors: ['agent-app'],
          allowed_delegate_clients: ['agent'],
        },
      ];
    },
  });
  strict = await startAuthProxy({
    idp,
    backendUrl: backend.url,
    logSuite: 'authserver-exchange',
    deps: { authServer: { registration: { perSecond: 0.001, burst: 2 } } },
  });
});

afterAll(async () => {
  await px?.close();
  await strict?.close();
  await backend?.stop();
  await external?.stop();
  await idp?.stop();
  expectNoSecrets([...px.logs, ...strict.logs]);
});

describe('RFC 8693 token exchange', () => {
  it('lets a delegate client act for the user with a short-lived token that records who acts', async () => {
    const user = await fullLogin(px.base);
    const r = await token(
      px.base,
      {
        grant_type: EXCHANGE,
        subject_token: user.accessToken,
        subject_token_type: ACCESS,
        scope: 'openid',
        resource: `${px.base}/mcp`,
      },
      basic('agent', DELEGATE_SECRET),
    );
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ issued_token_type: ACCESS, token_type: 'bearer', scope: 'openid' });
    expect(r.json.refresh_token).toBeUndefined();
    expect(r.json.expires_in as number).toBeLessThanOrEqual(15 * 60);
    const claims = decodeJwt(r.json.access_token as string);
    const original = decodeJwt(user.accessToken);
    expect(claims).toMatchObject({
      sub: original.sub,
      client_id: 'agent',
      aud: [`${px.base}/mcp`],
      act: { iss: px.base, sub: 'agent' },
    });
    expect(claims.tsid).toBeUndefined();
    // A delegated token carries no token session: no upstream credential is injected for it.
    expect((await whoami(px.url, r.json.access_token as string)).status).toBe(401);
  });

  it('exchanges a trusted issuer token from an allowed actor, namespacing the subject', async () => {
    const subject = await external.token(
      { sub: 'ext-user', azp: 'agent-app', scope: 'openid' },
      { audience: ['https://corp.example/api', `${px.base}/mcp`] },
    );
    const r = await token(
      px.base,
      { grant_type: EXCHANGE, subject_token: subject, subject_token_type: ACCESS, scope: 'openid' },
      basic('agent', DELEGATE_SECRET),
    );
    expect(r.status).toBe(200);
    expect(decodeJwt(r.json.access_token as string)).toMatchObject({
      sub: `${external.url}#ext-user`,
      act: { iss: px.base, sub: 'agent', act: { iss: external.url, sub: 'agent-app' } },
    });
    const foreignActor = await external.token(
      { sub: 'ext-user', azp: 'someone-else' },
      { audience: ['https://corp.example/api', `${px.base}/mcp`] },
    );
    const refused = await token(
      px.base,
      { grant_type: EXCHANGE, subject_token: foreignActor, subject_token_type: ACCESS },
      basic('agent', DELEGATE_SECRET),
    );
    expect(refused.json.error).toBe('invalid_grant');
  });

  it.each([
    ['a scope the subject token lacks', { scope: 'email' }, 'invalid_scope'],
    ['a scope the client lacks', { scope: 'offline_access' }, 'invalid_scope'],
    ['an audience the client may not use', { audience: 'https://elsewhere.example' }, 'invalid_request'],
    [
      'an ID token as the requested type',
      { requested_token_type: 'urn:ietf:params:oauth:token-type:id_token' },
      'invalid_request',
    ],
    ['an unknown subject token type', { subject_token_type: 'urn:x' }, 'invalid_request'],
    ['a garbage subject token', { subject_token: 'not-a-token' }, 'invalid_request'],
  ])('refuses %s', async (_name, over, error) => {
    const user = await fullLogin(px.base);
    const r = await token(
      px.base,
      { grant_type: EXCHANGE, subject_token: user.accessToken, subject_token_type: ACCESS, ...over },
      basic('agent', DELEGATE_SECRET),
    );
    expect(r.status).toBe(400);
    expect(r.json.error).toBe(error);
  });

  it('refuses public clients and wrong secrets', async () => {
    const user = await fullLogin(px.base);
    const form = { grant_type: EXCHANGE, subject_token: user.accessToken, subject_token_type: ACCESS };
    expect((await token(px.base, { ...form, client_id: user.clientId })).json.error).toBe(
      'unauthorized_client',
    );
    const wrong = await token(px.base, form, basic('agent', 'not-the-secret'));
    expect(wrong.status).toBe(401);
    expect(wrong.json.error).toBe('invalid_client');
    expect(wrong.headers.get('www-authenticate')).toContain('Basic');
  });
});

describe('confidential dynamic registration', () => {
  it('issues a secret once, to https non-loopback redirect URIs only, and requires it', async () => {
    const refused = await register(px.base, { token_endpoint_auth_method: 'client_secret_basic' });
    expect(refused.json.error).toBe('invalid_redirect_uri');
    const reg = await register(px.base, {
      redirect_uris: ['https://app.example/cb'],
      token_endpoint_auth_method: 'client_secret_basic',
    });
    expect(reg.status).toBe(201);
    expect(reg.json.client_secret_expires_at).toBe(0);
    const clientId = reg.json.client_id as string;
    const secret = reg.json.client_secret as string;
    const { verifier, challenge } = pkce();
    const result = await login(
      px.base,
      { clientId, challenge, redirectUri: 'https://app.example/cb' },
      'https://app.example/cb',
    );
    const form = {
      grant_type: 'authorization_code',
      code: result.code!,
      redirect_uri: 'https://app.example/cb',
      code_verifier: verifier,
    };
    // Secret in the body when registered for Basic: refused.
    expect((await token(px.base, { ...form, client_id: clientId, client_secret: secret })).status).toBe(401);
    const ok = await token(px.base, form, basic(clientId, secret));
    expect(ok.status).toBe(200);
    // The discovery document now advertises secret-based client authentication.
    const meta = (await (await fetch(`${px.base}/.well-known/oauth-authorization-server`)).json()) as Record<
      string,
      unknown
    >;
    expect(meta.token_endpoint_auth_methods_supported).toEqual([
      'none',
      'client_secret_basic',
      'client_secret_post',
    ]);
  });
});

describe('registration rate limit', () => {
  it('answers 429 with Retry-After past the burst', async () => {
    expect((await register(strict.base)).status).toBe(201);
    expect((await register(strict.base)).status).toBe(201);
    const res = await fetch(`${strict.base}/oauth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ redirect_uris: ['http://127.0.0.1:1/cb'] }),
    });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('1');
  });
});
