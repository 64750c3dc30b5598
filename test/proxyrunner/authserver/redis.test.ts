/**
 * Two proxy replicas sharing one Redis (with an ACL user, as the operator configures it): a
 * login started on one finishes on the other, a code is redeemed once across both, tokens and
 * upstream tokens work on either, ToolHive's key layout holds, and when Redis goes away requests
 * needing it get 503 rather than being let through.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTHSERVER_ENV } from '../../../lib/runconfig/authserver.ts';
import { freePort } from '../../support/ports.ts';
import { startRedis, type TestRedis } from '../../support/redis.ts';
import { expectNoSecrets, registerSecret } from '../policy/support/secrets-scan.ts';
import { type EchoBackend, startEchoBackend } from './support/echo-backend.ts';
import { type AuthProxy, startAuthProxy } from './support/harness.ts';
import { TestIdp } from './support/idp.ts';
import {
  authorizeUrl,
  fullLogin,
  hop,
  pkce,
  REDIRECT_URI,
  register,
  token,
  whoami,
} from './support/oauth-client.ts';

const PREFIX = 'thv:auth:{team:crm}:';
const REDIS_USER = 'toolhive-auth';
const REDIS_PASSWORD = registerSecret(`redis-pw-${Math.random().toString(36).slice(2)}`);

let redis: TestRedis;
let admin: Redis;
let idp: TestIdp;
let backend: EchoBackend;
let a: AuthProxy;
let b: AuthProxy;
let shared: string;

beforeAll(async () => {
  redis = await startRedis();
  admin = new Redis({ port: redis.port, host: '127.0.0.1', lazyConnect: true });
  await admin.connect();
  await admin.call('ACL', 'SETUSER', REDIS_USER, 'on', `>${REDIS_PASSWORD}`, '~thv:auth:*', '+@all');
  idp = await TestIdp.start();
  backend = await startEchoBackend();
  shared = mkdtempSync(join(tmpdir(), 'thv-as-shared-'));
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  writeFileSync(join(shared, 'key-0.pem'), privateKey.export({ type: 'sec1', format: 'pem' }));
  writeFileSync(join(shared, 'hmac-0'), registerSecret(`shared-hmac-${'y'.repeat(40)}`));
  const portA = await freePort();
  const issuer = `http://127.0.0.1:${portA}`;
  const replica = async (port: number) =>
    startAuthProxy({
      idp,
      backendUrl: backend.url,
      port,
      logSuite: 'authserver-redis',
      env: { [AUTHSERVER_ENV.redisUsername]: REDIS_USER, [AUTHSERVER_ENV.redisPassword]: REDIS_PASSWORD },
      deps: { authServer: { registration: { perSecond: 1000, burst: 1000 } } },
      runConfig: (rc) => {
        // Both replicas are one server: one issuer, one resource, one key, one HMAC secret.
        rc.oidc_config = {
          ...rc.oidc_config!,
          Issuer: issuer,
          Audience: `${issuer}/mcp`,
          ResourceURL: `${issuer}/mcp`,
        };
        const as = rc.embedded_auth_server_config!;
        as.issuer = issuer;
        as.allowed_audiences = [`${issuer}/mcp`];
        as.upstreams[0]!.oidc_config!.redirect_uri = `${issuer}/oauth/callback`;
        as.signing_key_config = { key_dir: shared, signing_key_file: 'key-0.pem' };
        as.hmac_secret_files = [join(shared, 'hmac-0')];
        as.storage = {
          type: 'redis',
          redis_config: {
            addr: redis.address,
            auth_type: 'aclUser',
            acl_user_config: {
              username_env_var: AUTHSERVER_ENV.redisUsername,
              password_env_var: AUTHSERVER_ENV.redisPassword,
            },
            key_prefix: PREFIX,
            dial_timeout: '2s',
            read_timeout: '1s',
          },
        };
      },
    });
  a = await replica(portA);
  b = await replica(await freePort());
});

afterAll(async () => {
  await a?.close();
  await b?.close();
  admin?.disconnect();
  await redis?.stop();
  await backend?.stop();
  await idp?.stop();
  rmSync(shared, { recursive: true, force: true });
  expectNoSecrets([...a.logs, ...b.logs]);
});

describe('two replicas, one Redis', () => {
  it('finishes on replica A a login started on replica B, and redeems its code on B', async () => {
    const clientId = (await register(b.base)).json.client_id as string;
    const { verifier, challenge } = pkce();
    // Started at B: the pending login lives in Redis; the provider sends the browser to A.
    const start = await hop(authorizeUrl(b.base, { clientId, challenge, scope: 'openid offline_access' }));
    expect(start.status).toBe(302);
    const upstream = await hop(start.location!);
    expect(upstream.location!.startsWith(`${a.base}/oauth/callback`)).toBe(true);
    const callback = await hop(upstream.location!);
    expect(callback.status).toBe(303);
    const code = registerSecret(new URL(callback.location!).searchParams.get('code')!);
    const reply = await token(b.base, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier,
      client_id: clientId,
    });
    expect(reply.status).toBe(200);
    const access = reply.json.access_token as string;
    // Either replica validates the token and injects the upstream token from Redis.
    for (const px of [a, b]) {
      const r = await whoami(px.url, access);
      expect(r.status).toBe(200);
      expect(r.headers!.authorization).toMatch(/^Bearer ey/);
    }
    // Refresh on A, rotation seen by B.
    const refreshed = await token(a.base, {
      grant_type: 'refresh_token',
      refresh_token: reply.json.refresh_token as string,
      client_id: clientId,
    });
    expect(refreshed.status).toBe(200);
    const reuse = await token(b.base, {
      grant_type: 'refresh_token',
      refresh_token: reply.json.refresh_token as string,
      client_id: clientId,
    });
    expect(reuse.json.error).toBe('invalid_grant');
  });

  it('redeems a code exactly once when both replicas race for it', async () => {
    const clientId = (await register(a.base)).json.client_id as string;
    const { verifier, challenge } = pkce();
    const start = await hop(authorizeUrl(a.base, { clientId, challenge }));
    const callback = await hop((await hop(start.location!)).location!);
    const code = registerSecret(new URL(callback.location!).searchParams.get('code')!);
    const form = {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier,
      client_id: clientId,
    };
    const replies = await Promise.all([
      token(a.base, form),
      token(b.base, form),
      token(a.base, form),
      token(b.base, form),
    ]);
    expect(replies.filter((r) => r.status === 200)).toHaveLength(1);
    for (const r of replies.filter((x) => x.status !== 200)) expect(r.json.error).toBe('invalid_grant');
  });

  it("keeps ToolHive's key layout under the hash-tagged prefix", async () => {
    const login = await fullLogin(a.base);
    const { sub, tsid } = decodeJwt(login.accessToken) as { sub: string; tsid: string };
    const keys = (await admin.keys('*')).sort();
    expect(keys.every((k) => k.startsWith(PREFIX))).toBe(true);
    const expected = [
      `${PREFIX}client:${login.clientId}`,
      `${PREFIX}upstream:${tsid}:corporate`,
      `${PREFIX}upstream:idx:${tsid}`,
      `${PREFIX}user:upstream:${sub}`,
      `${PREFIX}user:providers:${sub}`,
      `${PREFIX}user:${sub}`,
      `${PREFIX}provider:9:corporate:${idp.user.sub}`,
    ];
    for (const k of expected) expect(keys, k).toContain(k);
    expect(keys.some((k) => k.startsWith(`${PREFIX}authcode:`))).toBe(true);
    expect(keys.some((k) => k.startsWith(`${PREFIX}invalidated:`))).toBe(true);
    expect(keys.some((k) => k.startsWith(`${PREFIX}refresh:`))).toBe(true);
    expect(keys.some((k) => k.startsWith(`${PREFIX}reqid:refresh:`))).toBe(true);
    expect(keys.some((k) => k.startsWith(`${PREFIX}pending:`))).toBe(false);
    // Nothing stored can be presented: codes and refresh tokens are keyed by their HMAC.
    expect(keys.join('\n')).not.toContain(login.refreshToken!);
    const row = JSON.parse((await admin.get(`${PREFIX}upstream:${tsid}:corporate`))!);
    expect(row).toMatchObject({ providerId: 'corporate', userId: sub, upstreamSubject: idp.user.sub });
    expect(await admin.pttl(`${PREFIX}upstream:${tsid}:corporate`)).toBeGreaterThan(6 * 24 * 3_600_000);
  });

  it('answers 503 when Redis is gone instead of letting requests through', async () => {
    const login = await fullLogin(a.base);
    await redis.stop();
    const r = await whoami(a.url, login.accessToken);
    expect(r.status).toBe(503);
    const t = await token(a.base, {
      grant_type: 'refresh_token',
      refresh_token: login.refreshToken!,
      client_id: login.clientId,
    });
    expect(t.status).toBe(503);
    expect(t.json.error).toBe('temporarily_unavailable');
  });
});
