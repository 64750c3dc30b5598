/**
 * The authorization server's building blocks on their own: startup validation of the RunConfig
 * (ToolHive's rules and messages), signing keys from every PEM flavour with rotation, HMAC
 * tokens with secret rotation, PKCE, redirect URI matching.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import type { EmbeddedAuthServerRunConfig } from '../../../lib/runconfig/authserver.ts';
import { resolveAuthServerSettings } from '../../../proxyrunner/authserver/config.ts';
import { KeySet } from '../../../proxyrunner/authserver/keys.ts';
import { CODE_PREFIX, OpaqueTokens, REFRESH_PREFIX } from '../../../proxyrunner/authserver/opaque-tokens.ts';
import { challengeFor, isValidVerifier, verifierMatches } from '../../../proxyrunner/authserver/pkce.ts';
import { matchRedirectUri, redirectUriProblem } from '../../../proxyrunner/authserver/urls.ts';

const dir = mkdtempSync(join(tmpdir(), 'thv-as-units-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function rc(over: Partial<EmbeddedAuthServerRunConfig> = {}): EmbeddedAuthServerRunConfig {
  return {
    schema_version: 'v0.1.0',
    issuer: 'https://mcp.example.com',
    allowed_audiences: ['https://mcp.example.com/mcp'],
    upstreams: [{ type: 'oidc', oidc_config: { issuer_url: 'https://idp.example.com', client_id: 'c' } }],
    ...over,
  };
}
const resolve = (c: EmbeddedAuthServerRunConfig, env: Record<string, string> = {}) =>
  resolveAuthServerSettings(c, { env, readFile: () => 'file-secret' });

describe('startup validation', () => {
  it('applies ToolHive defaults', () => {
    const s = resolve(rc());
    expect(s).toMatchObject({
      accessTokenLifespanMs: 3_600_000,
      refreshTokenLifespanMs: 7 * 24 * 3_600_000,
      authCodeLifespanMs: 600_000,
      delegationLifespanMs: 900_000,
      scopesSupported: ['openid', 'profile', 'email', 'offline_access'],
      authorizationBase: 'https://mcp.example.com',
    });
    expect(s.upstreams[0]).toMatchObject({
      name: 'default',
      scopes: ['openid', 'offline_access'],
      redirectUri: 'https://mcp.example.com/oauth/callback',
    });
  });

  it.each([
    [{ issuer: 'http://mcp.example.com' }, 'http scheme is only allowed for localhost'],
    [{ issuer: 'https://mcp.example.com/' }, 'must not have trailing slash'],
    [{ issuer: 'https://mcp.example.com?x=1' }, 'must not contain query component'],
    [{ issuer: 'https://user:pw@mcp.example.com' }, 'must not contain userinfo'],
    [{ allowed_audiences: [] }, 'at least one allowed audience is required'],
    [{ allowed_audiences: ['not a uri'] }, 'allowed_audiences contains invalid audience'],
    [
      { token_lifespans: { access_token_lifespan: '48h' } },
      'access token lifespan must be between 1m0s and 24h0m0s',
    ],
    [
      { token_lifespans: { refresh_token_lifespan: '10m' } },
      'refresh token lifespan must be between 1h0m0s and 720h0m0s',
    ],
    [
      { token_lifespans: { auth_code_lifespan: '1h' } },
      'authorization code lifespan must be between 30s and 10m0s',
    ],
    [
      { baseline_client_scopes: ['admin'] },
      'baseline_client_scopes contains "admin" which is not in scopes_supported',
    ],
    [{ upstreams: [] }, 'at least one upstream is required'],
    [
      {
        upstreams: [
          {
            name: 'Bad_Name',
            type: 'oidc' as const,
            oidc_config: { issuer_url: 'https://i', client_id: 'c' },
          },
        ],
      },
      'must match',
    ],
    [
      {
        upstreams: [
          { name: 'a', type: 'oidc' as const, oidc_config: { issuer_url: 'https://i', client_id: 'c' } },
          { name: 'a', type: 'oidc' as const, oidc_config: { issuer_url: 'https://i', client_id: 'c' } },
        ],
      },
      'duplicate upstream name',
    ],
    [
      {
        upstreams: [
          {
            type: 'oidc' as const,
            oidc_config: {
              issuer_url: 'https://i',
              client_id: 'c',
              additional_authorization_params: { state: 'x' },
            },
          },
        ],
      },
      'reserved parameter "state"',
    ],
    [
      {
        upstreams: [
          { type: 'oidc' as const, oidc_config: { issuer_url: 'http://idp.example.com', client_id: 'c' } },
        ],
      },
      'must use https',
    ],
    [
      {
        upstreams: [
          {
            type: 'oidc' as const,
            oidc_config: { issuer_url: 'https://i', client_id: 'c', client_secret_env_var: 'MISSING' },
          },
        ],
      },
      'environment variable "MISSING" is not set',
    ],
    [
      { allow_confidential_client_registration: true, insecure_allow_http: true },
      'cannot be combined with insecure_allow_http',
    ],
    [
      { force_confidential_redirect_uris: ['https://app.example/cb'] },
      'requires allow_confidential_client_registration',
    ],
    [{ cimd: { enabled: true } }, 'not supported by toolhive-ts'],
    [
      {
        delegate_clients: [
          {
            client_id: 'd',
            client_secret_env_var: 'D',
            scopes: ['openid'],
            audiences: ['https://mcp.example.com/mcp'],
          },
        ],
      },
      'at least 32 characters',
    ],
  ])('refuses %j', (over, message) => {
    expect(() => resolve(rc(over as Partial<EmbeddedAuthServerRunConfig>), { D: 'short' })).toThrow(message);
  });

  it('accepts http on loopback, and elsewhere only with insecure_allow_http', () => {
    expect(() =>
      resolve(rc({ issuer: 'http://127.0.0.1:8080', allowed_audiences: ['http://127.0.0.1:8080/mcp'] })),
    ).not.toThrow();
    expect(() => resolve(rc({ issuer: 'http://mcp.svc:8080', insecure_allow_http: true }))).not.toThrow();
  });
});

describe('signing keys', () => {
  const pem = (
    k: { privateKey: { export(o: { type: 'sec1' | 'pkcs8' | 'pkcs1'; format: 'pem' }): unknown } },
    type: 'sec1' | 'pkcs8' | 'pkcs1',
  ) => k.privateKey.export({ type, format: 'pem' }) as string;
  const files: Record<string, string> = {
    'ec-sec1.pem': pem(generateKeyPairSync('ec', { namedCurve: 'prime256v1' }), 'sec1'),
    'ec384.pem': pem(generateKeyPairSync('ec', { namedCurve: 'secp384r1' }), 'pkcs8'),
    'rsa-pkcs1.pem': pem(generateKeyPairSync('rsa', { modulusLength: 2048 }), 'pkcs1'),
    'ed25519.pem': pem(generateKeyPairSync('ed25519'), 'pkcs8'),
    'rsa-small.pem': pem(generateKeyPairSync('rsa', { modulusLength: 1024 }), 'pkcs1'),
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const read = (p: string) => readFileSync(p, 'utf8');

  it.each([
    ['ec-sec1.pem', 'ES256'],
    ['ec384.pem', 'ES384'],
    ['rsa-pkcs1.pem', 'RS256'],
    ['ed25519.pem', 'EdDSA'],
  ])('loads %s as %s and signs verifiable tokens with a thumbprint kid', async (file, alg) => {
    const keys = await KeySet.fromFiles(dir, file, [], read);
    expect(keys.signing.alg).toBe(alg);
    expect(keys.signing.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const again = await KeySet.fromFiles(dir, file, [], read);
    expect(again.signing.kid).toBe(keys.signing.kid);
    const token = await keys.sign({ sub: 'x', exp: Math.floor(Date.now() / 1000) + 60 });
    expect(decodeProtectedHeader(token)).toMatchObject({ alg, kid: keys.signing.kid });
    await expect(jwtVerify(token, keys.verificationKey(keys.signing.kid, alg)!)).resolves.toBeTruthy();
  });

  it('refuses RSA keys under 2048 bits and files that are not keys, naming only the file', async () => {
    await expect(KeySet.fromFiles(dir, 'rsa-small.pem', [], read)).rejects.toThrow(
      /below minimum required 2048 bits/,
    );
    writeFileSync(join(dir, 'junk.pem'), 'hmac-looking-secret-material');
    await expect(KeySet.fromFiles(dir, 'junk.pem', [], read)).rejects.toThrow(
      /junk\.pem: not a PEM private key$/,
    );
  });

  it('publishes fallback keys so tokens signed before a rotation still verify', async () => {
    const old = await KeySet.fromFiles(dir, 'ec-sec1.pem', [], read);
    const rotated = await KeySet.fromFiles(dir, 'rsa-pkcs1.pem', ['ec-sec1.pem'], read);
    expect(rotated.signing.alg).toBe('RS256');
    expect(rotated.jwks().keys.map((k) => k.kid)).toEqual([rotated.signing.kid, old.signing.kid]);
    expect(rotated.verificationKey(old.signing.kid, 'ES256')).toBeDefined();
    expect(rotated.verificationKey(old.signing.kid, 'RS256')).toBeUndefined();
    expect(JSON.stringify(rotated.jwks())).not.toContain('"d"');
  });
});

describe('HMAC tokens', () => {
  it('verifies its own tokens, refuses tampering and other prefixes, and survives a secret rotation', () => {
    const s1 = Buffer.alloc(32, 1);
    const s2 = Buffer.alloc(32, 2);
    const before = new OpaqueTokens(s1);
    const { token, signature } = before.mint(CODE_PREFIX);
    expect(before.verify(token, CODE_PREFIX)).toBe(signature);
    expect(before.verify(token, REFRESH_PREFIX)).toBeUndefined();
    expect(
      before.verify(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, CODE_PREFIX),
    ).toBeUndefined();
    const after = new OpaqueTokens(s2, [s1]);
    expect(after.verify(token, CODE_PREFIX)).toBe(signature);
    expect(new OpaqueTokens(s2).verify(token, CODE_PREFIX)).toBeUndefined();
    expect(() => new OpaqueTokens(Buffer.alloc(31))).toThrow(/at least 32 bytes/);
  });
});

describe('PKCE and redirect URIs', () => {
  it('checks S256 verifiers (RFC 7636 appendix B)', () => {
    const v = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
    expect(challengeFor(v)).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
    expect(verifierMatches(v, 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM')).toBe(true);
    expect(isValidVerifier('short')).toBe(false);
  });

  it('matches exactly, with the RFC 8252 loopback port exception for public clients only', () => {
    const reg = ['http://127.0.0.1/cb', 'https://app.example/cb', 'http://localhost/cb'];
    expect(matchRedirectUri(reg, 'https://app.example/cb', false)).toBe('https://app.example/cb');
    expect(matchRedirectUri(reg, 'https://app.example/cb/', false)).toBeUndefined();
    expect(matchRedirectUri(reg, 'http://127.0.0.1:5555/cb', true)).toBe('http://127.0.0.1/cb');
    expect(matchRedirectUri(reg, 'http://localhost:5555/cb', true)).toBe('http://localhost/cb');
    expect(matchRedirectUri(reg, 'http://127.0.0.1:5555/cb', false)).toBeUndefined();
    expect(matchRedirectUri(reg, 'http://127.0.0.1:5555/cb?x=1', true)).toBeUndefined();
    expect(matchRedirectUri(reg, 'https://app.example:444/cb', true)).toBeUndefined();
    expect(redirectUriProblem('cursor://callback', true)).toBeUndefined();
    expect(redirectUriProblem('http://10.0.0.1/cb', true)).toMatch(/loopback/);
  });
});
