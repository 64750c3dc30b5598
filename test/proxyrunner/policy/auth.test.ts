import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { base64url, exportSPKI, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthMiddleware } from '../../../proxyrunner/middleware/auth/middleware.ts';
import { tokenValidatorConfigFromRunConfig } from '../../../proxyrunner/middleware/auth/token-validator.ts';
import type { Rejection } from '../../../proxyrunner/middleware/types.ts';
import { requestContext } from './support/context.ts';
import { captureLogs } from './support/logs.ts';
import { TestIssuer } from './support/oidc-issuer.ts';
import { expectNoSecrets, registerSecret } from './support/secrets-scan.ts';
import { createTestPki, type TestPki } from './support/tls.ts';

const AUDIENCE = 'mcp-everything';
const logs = captureLogs('auth');

let issuer: TestIssuer;
let auth: AuthMiddleware;

beforeAll(async () => {
  issuer = await TestIssuer.start({ algs: ['RS256', 'ES256', 'PS256', 'EdDSA'] });
  auth = new AuthMiddleware(
    tokenValidatorConfigFromRunConfig(
      {
        Issuer: issuer.url,
        Audience: AUDIENCE,
        ResourceURL: 'https://mcp.example.test/mcp',
        Scopes: ['openid', 'mcp'],
      },
      {},
    ),
    { logger: logs.logger },
  );
});

afterAll(async () => {
  await auth.close();
  await issuer.stop();
  expectNoSecrets(logs.lines);
});

async function run(token?: string, headers: Record<string, string> = {}) {
  const ctx = requestContext({ ...(token !== undefined ? { token } : {}), headers });
  const rejection = await auth.onRequest(ctx);
  return { ctx, rejection };
}

function expect401(rejection: Rejection | undefined, error = 'invalid_token'): void {
  expect(rejection?.status).toBe(401);
  const challenge = rejection?.headers?.['www-authenticate'] ?? '';
  expect(challenge).toMatch(/^Bearer /);
  expect(challenge).toContain(`realm="${issuer.url}"`);
  expect(challenge).toContain(
    'resource_metadata="https://mcp.example.test/.well-known/oauth-protected-resource/mcp"',
  );
  expect(challenge).toContain('scope="openid mcp"');
  expect(challenge).toContain(`error="${error}"`);
  expect((rejection?.body as { error?: string } | undefined)?.error).toBe(error);
}

function unsigned(header: Record<string, unknown>, payload: Record<string, unknown>): string {
  const enc = (o: unknown) => base64url.encode(JSON.stringify(o));
  return registerSecret(`${enc(header)}.${enc(payload)}.`);
}

describe('valid tokens', () => {
  it('accepts RS256, ES256, PS256 and EdDSA tokens and builds the identity', async () => {
    for (const key of issuer.keys) {
      const token = await issuer.token(
        { sub: 'alice', name: 'Alice', email: 'alice@example.test', groups: ['eng'] },
        { audience: AUDIENCE, key },
      );
      const { ctx, rejection } = await run(token);
      expect(rejection, key.alg).toBeUndefined();
      expect(ctx.identity).toMatchObject({
        subject: 'alice',
        name: 'Alice',
        email: 'alice@example.test',
        token,
      });
      expect(ctx.identity?.claims.groups).toEqual(['eng']);
    }
  });

  it('accepts an audience list that contains ours and records the act chain', async () => {
    const token = await issuer.token(
      { act: { sub: 'agent-1', iss: 'https://agents.test', act: { sub: 'agent-0' } } },
      { audience: ['other', AUDIENCE] },
    );
    const { ctx, rejection } = await run(token);
    expect(rejection).toBeUndefined();
    expect(ctx.identity?.delegation).toEqual([
      { sub: 'agent-1', iss: 'https://agents.test' },
      { sub: 'agent-0' },
    ]);
  });

  it('fetches the JWKS once for many validations', async () => {
    const before = issuer.jwksRequests;
    for (let i = 0; i < 5; i++)
      expect((await run(await issuer.token({}, { audience: AUDIENCE }))).rejection).toBeUndefined();
    expect(issuer.jwksRequests - before).toBe(0);
  });
});

describe('JWT attack matrix: every case is a 401 with WWW-Authenticate', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const cases: Array<[string, () => Promise<string>]> = [
    ['expired', () => issuer.token({ exp: now() - 60 }, { audience: AUDIENCE })],
    ['not yet valid', () => issuer.token({ nbf: now() + 3600 }, { audience: AUDIENCE })],
    ['no expiry', () => issuer.token({}, { audience: AUDIENCE, noExp: true })],
    ['wrong issuer', () => issuer.token({ iss: 'https://evil.example.test' }, { audience: AUDIENCE })],
    ['wrong audience', () => issuer.token({}, { audience: 'something-else' })],
    ["another server's audience", () => issuer.token({}, { audience: 'mcp-other-server' })],
    ['no audience', () => issuer.token({})],
    ['unknown kid', () => issuer.token({}, { audience: AUDIENCE, header: { kid: 'no-such-key' } })],
    [
      'no kid',
      async () => {
        const key = issuer.keys[0]!;
        const t = await new SignJWT({ iss: issuer.url, sub: 'x', aud: AUDIENCE, exp: now() + 300 })
          .setProtectedHeader({ alg: key.alg })
          .sign(key.privateKey);
        return registerSecret(t);
      },
    ],
    [
      'alg none',
      async () =>
        unsigned(
          { alg: 'none', kid: issuer.keys[0]!.kid },
          { iss: issuer.url, sub: 'x', aud: AUDIENCE, exp: now() + 300 },
        ),
    ],
    [
      'HS256 signed with the RSA public key',
      async () => {
        const key = issuer.keys.find((k) => k.alg === 'RS256')!;
        const { importJWK } = await import('jose');
        const pem = await exportSPKI(
          (await importJWK(key.publicJwk, 'RS256')) as Parameters<typeof exportSPKI>[0],
        );
        const t = await new SignJWT({ iss: issuer.url, sub: 'x', aud: AUDIENCE, exp: now() + 300 })
          .setProtectedHeader({ alg: 'HS256', kid: key.kid })
          .sign(new TextEncoder().encode(pem));
        return registerSecret(t);
      },
    ],
    [
      'tampered payload',
      async () => {
        const t = await issuer.token({ sub: 'bob', role: 'user' }, { audience: AUDIENCE });
        const [h, , s] = t.split('.');
        const forged = base64url.encode(
          JSON.stringify({ iss: issuer.url, sub: 'bob', role: 'admin', aud: AUDIENCE, exp: now() + 300 }),
        );
        return registerSecret(`${h}.${forged}.${s}`);
      },
    ],
    [
      'signature from another key with a known kid',
      async () => {
        const other = await TestIssuer.start();
        const t = await other.token(
          { iss: issuer.url },
          { audience: AUDIENCE, header: { kid: issuer.keys[0]!.kid } },
        );
        await other.stop();
        return t;
      },
    ],
    ['oversized token', async () => issuer.token({ pad: 'x'.repeat(9000) }, { audience: AUDIENCE })],
    ['garbage', async () => registerSecret('not-a-jwt-and-no-introspection')],
    ['JWT without sub', () => issuer.token({ sub: undefined }, { audience: AUDIENCE })],
  ];
  for (const [name, make] of cases) {
    it(name, async () => {
      const { ctx, rejection } = await run(await make());
      expect401(rejection);
      expect(ctx.identity).toBeUndefined();
    });
  }

  it('missing Authorization header', async () => {
    expect401((await run()).rejection, 'invalid_request');
  });

  it('a non-Bearer scheme', async () => {
    expect401((await run(undefined, { authorization: 'Basic dXNlcjpwYXNz' })).rejection, 'invalid_request');
  });
});

describe('key rotation', () => {
  it('refetches the JWKS when a token names a new kid, and refuses retired keys', async () => {
    const rotating = await TestIssuer.start();
    const mw = new AuthMiddleware(
      tokenValidatorConfigFromRunConfig({ Issuer: rotating.url, Audience: AUDIENCE }, {}),
      { logger: logs.logger },
    );
    const old = await rotating.token({}, { audience: AUDIENCE });
    expect(await mw.onRequest(requestContext({ token: old }))).toBeUndefined();
    await rotating.rotate('ES256');
    await new Promise((r) => setTimeout(r, 1100)); // past the refetch cooldown
    const fresh = await rotating.token({}, { audience: AUDIENCE });
    expect(await mw.onRequest(requestContext({ token: fresh }))).toBeUndefined();
    // The old key was removed from the JWKS: tokens signed with it no longer validate.
    expect((await mw.onRequest(requestContext({ token: old })))?.status).toBe(401);
    await mw.close();
    await rotating.stop();
  });
});

describe('verified-token cache', () => {
  it('serves repeated tokens from cache but still refuses them once expired', async () => {
    let now = Date.now();
    const { TokenValidator } = await import('../../../proxyrunner/middleware/auth/token-validator.ts');
    const v = new TokenValidator({ issuer: issuer.url, audience: AUDIENCE }, { now: () => now });
    const token = await issuer.token({ exp: Math.floor(now / 1000) + 5 }, { audience: AUDIENCE });
    const before = issuer.jwksRequests;
    expect((await v.validate(token)).claims.sub).toBe('user-1');
    expect((await v.validate(token)).claims.sub).toBe('user-1');
    now += 10_000;
    await expect(v.validate(token)).rejects.toThrow('token expired');
    expect(issuer.jwksRequests - before).toBeLessThanOrEqual(1);
    v.close();
  });

  it('never serves a different token from the cache, even one carrying the cached signature', async () => {
    const { TokenValidator } = await import('../../../proxyrunner/middleware/auth/token-validator.ts');
    const v = new TokenValidator({ issuer: issuer.url, audience: AUDIENCE });
    const token = await issuer.token({}, { audience: AUDIENCE });
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
    const forged = [
      header,
      Buffer.from(JSON.stringify({ ...claims, sub: 'admin' })).toString('base64url'),
      signature,
    ].join('.');
    expect((await v.validate(token)).claims.sub).toBe('user-1');
    await expect(v.validate(forged)).rejects.toThrow();
    expect(v.validateCached(forged)).toBeUndefined();
    expect((await v.validate(token)).claims.sub).toBe('user-1');
    v.close();
  });
});

describe('clock skew', () => {
  it('accepts a just-expired token only within the configured skew', async () => {
    const exp = Math.floor(Date.now() / 1000) - 10;
    const token = await issuer.token({ exp }, { audience: AUDIENCE });
    const lenient = new AuthMiddleware(
      tokenValidatorConfigFromRunConfig({ Issuer: issuer.url, Audience: AUDIENCE, ClockSkew: '1m' }, {}),
      { logger: logs.logger },
    );
    expect(await lenient.onRequest(requestContext({ token }))).toBeUndefined();
    expect((await auth.onRequest(requestContext({ token })))?.status).toBe(401);
    await lenient.close();
  });
});

describe('RFC 7662 introspection of opaque tokens', () => {
  let intro: TestIssuer;
  let mw: AuthMiddleware;
  beforeAll(async () => {
    intro = await TestIssuer.start({
      introspection: { clientId: 'proxy', clientSecret: registerSecret('introspection-client-secret') },
    });
    mw = new AuthMiddleware(
      tokenValidatorConfigFromRunConfig(
        {
          Issuer: intro.url,
          Audience: AUDIENCE,
          IntrospectionURL: intro.introspectionUrl,
          ClientID: 'proxy',
        },
        { TOOLHIVE_OIDC_CLIENT_SECRET: 'introspection-client-secret' },
      ),
      { logger: logs.logger },
    );
  });
  afterAll(async () => {
    await mw.close();
    await intro.stop();
  });

  it('accepts an active token and uses its claims', async () => {
    const token = intro.opaqueToken('opaque-active-0001', true, {
      sub: 'carol',
      aud: AUDIENCE,
      exp: Math.floor(Date.now() / 1000) + 60,
      scope: 'mcp',
    });
    const ctx = requestContext({ token });
    expect(await mw.onRequest(ctx)).toBeUndefined();
    expect(ctx.identity?.subject).toBe('carol');
  });

  it('refuses inactive, expired, foreign-audience and unknown tokens', async () => {
    const exp = Math.floor(Date.now() / 1000) + 60;
    const tokens = [
      intro.opaqueToken('opaque-inactive-01', false, { sub: 'x', aud: AUDIENCE, exp }),
      intro.opaqueToken('opaque-expired-001', true, { sub: 'x', aud: AUDIENCE, exp: exp - 3600 }),
      intro.opaqueToken('opaque-foreign-aud', true, { sub: 'x', aud: 'other', exp }),
      registerSecret('opaque-never-issued'),
    ];
    for (const token of tokens) expect((await mw.onRequest(requestContext({ token })))?.status).toBe(401);
  });
});

describe('Kubernetes service-account tokens (MCPOIDCConfig kubernetesServiceAccount)', () => {
  let pki: TestPki;
  let kube: TestIssuer;
  beforeAll(async () => {
    pki = createTestPki();
    kube = await TestIssuer.start({
      tls: { cert: pki.serverCert, key: pki.serverKey },
      requireBearer: registerSecret('projected-sa-token-of-the-proxy'),
    });
  });
  afterAll(async () => {
    await kube.stop();
    pki.cleanup();
  });

  it('discovers the API server JWKS over TLS with the cluster CA and the pod token', async () => {
    const tokenFile = join(pki.dir, 'sa-token');
    writeFileSync(tokenFile, 'projected-sa-token-of-the-proxy\n');
    const mw = new AuthMiddleware(
      tokenValidatorConfigFromRunConfig(
        {
          Issuer: kube.url,
          Audience: AUDIENCE,
          CACertPath: pki.caCertPath,
          AuthTokenFile: tokenFile,
          AllowPrivateIP: true,
        },
        {},
      ),
      { logger: logs.logger },
    );
    const sa = await kube.token(
      { sub: 'system:serviceaccount:agents:runner', 'kubernetes.io': { namespace: 'agents' } },
      { audience: AUDIENCE },
    );
    const ctx = requestContext({ token: sa });
    expect(await mw.onRequest(ctx)).toBeUndefined();
    expect(ctx.identity?.subject).toBe('system:serviceaccount:agents:runner');
    await mw.close();
  });

  it('fails closed without the cluster CA', async () => {
    const mw = new AuthMiddleware(
      tokenValidatorConfigFromRunConfig({ Issuer: kube.url, Audience: AUDIENCE }, {}),
      { logger: logs.logger },
    );
    const sa = await kube.token({}, { audience: AUDIENCE });
    expect((await mw.onRequest(requestContext({ token: sa })))?.status).toBe(401);
    await mw.close();
  });
});

describe('RFC 9728 protected resource metadata', () => {
  it('serves the document on the well-known path and its path-suffixed form', async () => {
    const { createServer } = await import('node:http');
    const route = auth.routes[0]!;
    const suffixed = auth.routes[1]!;
    const server = createServer((req, res) => {
      (req.url!.length > route.path.length ? suffixed : route).handle(req, res);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    for (const path of [route.path, `${route.path}/mcp`]) {
      const res = await fetch(`http://127.0.0.1:${port}${path}`, {
        headers: { origin: 'http://localhost:6274' },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:6274');
      expect(await res.json()).toEqual({
        resource: 'https://mcp.example.test/mcp',
        authorization_servers: [issuer.url],
        bearer_methods_supported: ['header'],
        scopes_supported: ['openid', 'mcp'],
      });
    }
    server.close();
  });

  it('rejects insecure issuer URLs at startup', () => {
    expect(
      () =>
        new AuthMiddleware(tokenValidatorConfigFromRunConfig({ Issuer: 'http://idp.example.test' }, {}), {
          logger: logs.logger,
        }),
    ).toThrow(/https/);
  });
});
