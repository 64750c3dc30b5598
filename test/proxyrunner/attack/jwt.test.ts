/**
 * Attacks on incoming authentication, against the real `proxyrunner run --config` process with
 * an `oidc_config` pointing at a local issuer (discovery + JWKS on 127.0.0.1), tokens signed
 * with jose. Every refusal must be a 401 with an RFC 6750 body and a `WWW-Authenticate`
 * challenge, audited as `denied`, with no token in the audit log or the process output.
 */

import { createPublicKey } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestIssuer } from '../policy/support/oidc-issuer.ts';
import { expectNoSecrets, registerSecret } from '../policy/support/secrets-scan.ts';
import { INIT, type RunningProxy, rawHttp, rpc, startProxy } from './support.ts';

const AUD = 'mcp-everything';
let issuer: TestIssuer;
let proxy: RunningProxy;
let skewed: RunningProxy;

beforeAll(async () => {
  issuer = await TestIssuer.start();
  await issuer.addKey('ES256'); // two keys: a token without `kid` must not be tried against each
  proxy = await startProxy({
    oidc_config: { Issuer: issuer.url, Audience: AUD, Scopes: ['openid'] },
    audit_config: { includeRequestData: true },
  });
  skewed = await startProxy({
    oidc_config: { Issuer: issuer.url, Audience: AUD, ClockSkew: '60s' },
  });
});

afterAll(async () => {
  const outputs = [proxy?.output() ?? '', skewed?.output() ?? ''].join('\n');
  const audit = (proxy?.audit() ?? []).map((e) => JSON.stringify(e));
  await proxy?.stop();
  await skewed?.stop();
  await issuer?.stop();
  expectNoSecrets(outputs.split('\n'));
  expectNoSecrets(audit);
});

const now = () => Math.floor(Date.now() / 1000);
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

async function expect401(p: RunningProxy, headers: Record<string, string>, what: string, code?: string) {
  const r = await rpc(p.url, INIT, headers);
  expect(r.status, what).toBe(401);
  const challenge = r.headers.get('www-authenticate') ?? '';
  expect(challenge, what).toMatch(/^Bearer realm="http:\/\/127\.0\.0\.1:\d+", resource_metadata="/);
  const body = r.json();
  expect(body.error, what).toBe(code ?? 'invalid_token');
  expect(typeof body.error_description, what).toBe('string');
  return r;
}

describe('bearer token extraction (ToolHive ExtractBearerToken)', () => {
  it('accepts a valid token', async () => {
    const token = await issuer.token({ sub: 'alice' }, { audience: AUD });
    expect((await rpc(proxy.url, INIT, { authorization: `Bearer ${token}` })).status).toBe(200);
  });

  it('refuses a missing header, other schemes and a lowercase `bearer` (case-sensitive prefix)', async () => {
    const token = await issuer.token({ sub: 'alice' }, { audience: AUD });
    await expect401(proxy, {}, 'missing', 'invalid_request');
    await expect401(proxy, { authorization: `bearer ${token}` }, 'lowercase', 'invalid_request');
    await expect401(proxy, { authorization: `BEARER ${token}` }, 'uppercase', 'invalid_request');
    await expect401(proxy, { authorization: `Basic ${token}` }, 'basic', 'invalid_request');
    await expect401(proxy, { authorization: `Bearer${token}` }, 'no space', 'invalid_request');
    await expect401(proxy, { authorization: 'Bearer ' }, 'empty', 'invalid_request');
    await expect401(proxy, { authorization: token }, 'bare token', 'invalid_request');
    // Two spaces: the token is " <jwt>", which is no token at all.
    await expect401(proxy, { authorization: `Bearer  ${token}` }, 'two spaces');
  });

  it('never reads a token from the query string, a cookie or the body', async () => {
    const token = await issuer.token({ sub: 'alice' }, { audience: AUD });
    for (const q of ['access_token', 'token', 'authorization']) {
      const r = await rpc(`${proxy.url}?${q}=${token}`, INIT);
      expect(r.status, q).toBe(401);
    }
    expect((await rpc(proxy.url, INIT, { cookie: `access_token=${token}` })).status).toBe(401);
    const withBody = { ...INIT, params: { ...INIT.params, access_token: token } };
    expect((await rpc(proxy.url, withBody)).status).toBe(401);
  });

  it('refuses more than one Authorization header, whichever comes first', async () => {
    const token = await issuer.token({ sub: 'alice' }, { audience: AUD });
    const head = (first: string, second: string) => [
      'POST /mcp HTTP/1.1',
      `Host: 127.0.0.1:${proxy.port}`,
      'Content-Type: application/json',
      'Accept: application/json, text/event-stream',
      `Authorization: ${first}`,
      `Authorization: ${second}`,
    ];
    const body = JSON.stringify(INIT);
    for (const [a, b] of [
      [`Bearer ${token}`, 'Bearer garbage'],
      ['Bearer garbage', `Bearer ${token}`],
      [`Bearer ${token}`, `Bearer ${token}`],
    ]) {
      const r = await rawHttp(proxy.port, head(a!, b!), body);
      expect(r.status).toBe(401);
      expect(r.head.toLowerCase()).toContain('www-authenticate: bearer');
      expect(r.text).toContain('multiple authorization headers');
    }
  });

  it('refuses an oversized token with 401, and a head over 1 MiB with 431, without dying', async () => {
    const big = await issuer.token({ pad: 'x'.repeat(9_000) }, { audience: AUD });
    await expect401(proxy, { authorization: `Bearer ${big}` }, 'oversized');
    const r = await rawHttp(
      proxy.port,
      [
        'POST /mcp HTTP/1.1',
        'Host: 127.0.0.1',
        'Content-Type: application/json',
        `Authorization: Bearer ${'a'.repeat(1_100_000)}`,
      ],
      JSON.stringify(INIT),
    );
    expect(r.status).toBe(431);
    expect(proxy.alive()).toBe(true);
  });
});

describe('signature and algorithm attacks', () => {
  it('refuses alg none, with or without a signature', async () => {
    const claims = { iss: issuer.url, sub: 'admin', aud: AUD, exp: now() + 60 };
    for (const alg of ['none', 'None', 'NONE', 'nOnE']) {
      const unsigned = registerSecret(
        `${b64({ alg, kid: issuer.keys[0]!.kid, typ: 'JWT' })}.${b64(claims)}.`,
      );
      await expect401(proxy, { authorization: `Bearer ${unsigned}` }, alg);
      await expect401(proxy, { authorization: `Bearer ${unsigned}c2ln` }, `${alg} with signature`);
    }
  });

  it('refuses HS256 signed with the RSA public key as the secret (key confusion)', async () => {
    const key = issuer.keys[0]!;
    const claims = { iss: issuer.url, sub: 'admin', aud: AUD, exp: now() + 60 };
    const pem = createPublicKey({ key: key.publicJwk as never, format: 'jwk' })
      .export({ type: 'spki', format: 'pem' })
      .toString();
    for (const secret of [pem, JSON.stringify(key.publicJwk), key.publicJwk.n!]) {
      for (const alg of ['HS256', 'HS384', 'HS512']) {
        const forged = registerSecret(
          await new SignJWT(claims)
            .setProtectedHeader({ alg, kid: key.kid })
            .sign(new TextEncoder().encode(secret)),
        );
        const r = await expect401(proxy, { authorization: `Bearer ${forged}` }, alg);
        expect(r.headers.get('www-authenticate')).toContain('signing method');
      }
    }
  });

  it('refuses a tampered payload and a token signed by a key that is not the issuer’s', async () => {
    const good = await issuer.token({ sub: 'alice' }, { audience: AUD });
    const [h, , s] = good.split('.');
    const tampered = registerSecret(
      `${h}.${b64({ iss: issuer.url, sub: 'admin', aud: AUD, exp: now() + 60 })}.${s}`,
    );
    await expect401(proxy, { authorization: `Bearer ${tampered}` }, 'tampered');
    const { privateKey } = await generateKeyPair('RS256');
    const impostor = registerSecret(
      await new SignJWT({ iss: issuer.url, sub: 'admin', aud: AUD, exp: now() + 60 })
        .setProtectedHeader({ alg: 'RS256', kid: issuer.keys[0]!.kid })
        .sign(privateKey),
    );
    await expect401(proxy, { authorization: `Bearer ${impostor}` }, 'impostor');
    // The same key id, but the token claims the other family of algorithm.
    const es = issuer.keys[1]!;
    const mixed = registerSecret(
      await new SignJWT({ iss: issuer.url, sub: 'admin', aud: AUD, exp: now() + 60 })
        .setProtectedHeader({ alg: 'ES256', kid: issuer.keys[0]!.kid })
        .sign(es.privateKey),
    );
    await expect401(proxy, { authorization: `Bearer ${mixed}` }, 'alg/key mismatch');
  });

  it('ignores keys offered by the token itself (jwk, jku, x5u headers)', async () => {
    let fetched = 0;
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'evil', alg: 'RS256' };
    const evil: Server = createServer((_req, res) => {
      fetched++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((r) => evil.listen(0, '127.0.0.1', () => r()));
    const evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}/jwks`;
    try {
      const claims = { iss: issuer.url, sub: 'admin', aud: AUD, exp: now() + 60 };
      for (const header of [{ jwk }, { jku: evilUrl }, { x5u: evilUrl }]) {
        const token = registerSecret(
          await new SignJWT(claims)
            .setProtectedHeader({ alg: 'RS256', kid: 'evil', ...header })
            .sign(privateKey),
        );
        await expect401(proxy, { authorization: `Bearer ${token}` }, Object.keys(header)[0]!);
      }
      expect(fetched).toBe(0);
    } finally {
      await new Promise<void>((r) => evil.close(() => r()));
    }
  });

  it('answers a kid full of line breaks and non-ASCII with a clean 401, not a 500 (header injection)', async () => {
    for (const kid of ['a\r\nSet-Cookie: stolen=1', 'ü€\u0000', '"quoted\\"', 'x'.repeat(5000)]) {
      const token = await issuer.token({}, { audience: AUD, header: { kid } });
      const r = await expect401(
        proxy,
        { authorization: `Bearer ${token}` },
        JSON.stringify(kid).slice(0, 20),
      );
      expect(r.headers.get('set-cookie')).toBeNull();
      expect(r.headers.get('www-authenticate')!.length).toBeLessThan(1024);
    }
  });

  it('refuses a token without kid when the issuer has several keys', async () => {
    for (const key of issuer.keys) {
      const token = registerSecret(
        await new SignJWT({ iss: issuer.url, sub: 'x', aud: AUD, exp: now() + 60 })
          .setProtectedHeader({ alg: key.alg })
          .sign(key.privateKey),
      );
      const r = await expect401(proxy, { authorization: `Bearer ${token}` }, key.alg);
      expect(r.json().error_description).toMatch(/kid/);
    }
  });
});

describe('claims', () => {
  it('refuses a wrong or missing issuer and audience', async () => {
    const cases: Record<string, Promise<string>> = {
      'wrong iss': issuer.token({ iss: 'https://evil.example.test' }, { audience: AUD }),
      'iss with trailing slash': issuer.token({ iss: `${issuer.url}/` }, { audience: AUD }),
      'no iss': issuer.token({ iss: undefined }, { audience: AUD }),
      'wrong aud': issuer.token({}, { audience: 'mcp-other-server' }),
      'aud prefix': issuer.token({}, { audience: `${AUD}-evil` }),
      'no aud': issuer.token({}),
    };
    for (const [what, token] of Object.entries(cases))
      await expect401(proxy, { authorization: `Bearer ${await token}` }, what);
    const many = await issuer.token({}, { audience: ['other', AUD] });
    expect((await rpc(proxy.url, INIT, { authorization: `Bearer ${many}` })).status).toBe(200);
  });

  it('requires exp, and applies exp and nbf with no leeway by default (ToolHive)', async () => {
    const t = now();
    await expect401(
      proxy,
      { authorization: `Bearer ${await issuer.token({}, { audience: AUD, noExp: true })}` },
      'no exp',
    );
    await expect401(
      proxy,
      { authorization: `Bearer ${await issuer.token({ exp: t - 5 }, { audience: AUD })}` },
      'expired',
    );
    await expect401(
      proxy,
      { authorization: `Bearer ${await issuer.token({ nbf: t + 30 }, { audience: AUD })}` },
      'nbf',
    );
    await expect401(
      proxy,
      { authorization: `Bearer ${await issuer.token({ exp: String(t + 60) as never }, { audience: AUD })}` },
      'exp as a string',
    );
  });

  it('with oidc_config.ClockSkew, tolerates that much and no more', async () => {
    const t = now();
    const ok = async (claims: Record<string, unknown>) =>
      (
        await rpc(skewed.url, INIT, {
          authorization: `Bearer ${await issuer.token(claims, { audience: AUD })}`,
        })
      ).status;
    expect(await ok({ exp: t - 20 })).toBe(200);
    expect(await ok({ nbf: t + 20 })).toBe(200);
    expect(await ok({ exp: t - 120 })).toBe(401);
    expect(await ok({ nbf: t + 120 })).toBe(401);
  });
});

describe('the JWKS', () => {
  it('answers unknown key ids without a refresh storm, and picks up a rotated key', async () => {
    const before = issuer.jwksRequests;
    const forged = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        issuer.token({}, { audience: AUD, header: { kid: `made-up-${i}` } }),
      ),
    );
    const statuses = await Promise.all(
      forged.map((t) => rpc(proxy.url, INIT, { authorization: `Bearer ${t}` })),
    );
    expect(statuses.every((r) => r.status === 401)).toBe(true);
    expect(issuer.jwksRequests - before).toBeLessThanOrEqual(2);
    // A real rotation: the new key is fetched on first sight of its kid (after the cooldown).
    await new Promise((r) => setTimeout(r, 1_100));
    const fresh = await issuer.addKey('RS256');
    const token = await issuer.token({ sub: 'alice' }, { audience: AUD, key: fresh });
    expect((await rpc(proxy.url, INIT, { authorization: `Bearer ${token}` })).status).toBe(200);
  });
});

describe('an issuer that is down', () => {
  it('is not asked for its JWKS once per request', async () => {
    let fetches = 0;
    const down: Server = createServer((_req, res) => {
      fetches++;
      res.writeHead(503).end();
    });
    await new Promise<void>((r) => down.listen(0, '127.0.0.1', () => r()));
    const jwks = `http://127.0.0.1:${(down.address() as AddressInfo).port}/jwks`;
    const p = await startProxy({ oidc_config: { Issuer: issuer.url, JWKSURL: jwks, Audience: AUD } });
    try {
      const token = await issuer.token({ sub: 'alice' }, { audience: AUD });
      for (let i = 0; i < 30; i++) {
        const r = await rpc(p.url, INIT, { authorization: `Bearer ${token}` });
        expect(r.status).toBe(401);
      }
      expect(fetches).toBeLessThanOrEqual(3);
    } finally {
      await p.stop();
      await new Promise<void>((r) => down.close(() => r()));
    }
  });
});

describe('audit of refusals', () => {
  it('records every refused request as denied, with the MCP method, and never the token', async () => {
    const events = proxy.audit();
    const denied = events.filter((e) => e.outcome === 'denied');
    expect(denied.length).toBeGreaterThan(20);
    expect(denied.every((e) => (e.target as Record<string, string>).method === 'initialize')).toBe(true);
    expect(denied.every((e) => e.type === 'mcp_initialize')).toBe(true);
    expect(events.some((e) => e.outcome === 'success')).toBe(true);
    expect(JSON.stringify(events)).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
  });
});
