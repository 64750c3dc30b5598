/**
 * Validates an incoming bearer token: a JWT checked with jose against the issuer's JWKS (issuer,
 * audience, `exp` required, `nbf`, configurable clock skew, asymmetric algorithms only, `kid`
 * required), or an opaque token checked by RFC 7662 introspection.
 */
import type { KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { decodeProtectedHeader, errors as joseErrors, jwtVerify } from 'jose';
import type { OIDCValidatorConfig } from '../../../lib/runconfig/types.ts';
import { parseGoDuration } from '../shared/duration.ts';
import { HttpClient, isLoopbackHost } from '../shared/http-client.ts';
import type { Env } from '../shared/secrets.ts';
import { OidcDiscovery } from './discovery.ts';
import type { LocalKeyProvider } from './embedded.ts';
import { TokenIntrospector } from './introspection.ts';
import { ALLOWED_JWS_ALGORITHMS, JwksCache } from './jwks.ts';

/** Environment variable with the introspection client secret (never in the RunConfig). */
export const OIDC_CLIENT_SECRET_ENV = 'TOOLHIVE_OIDC_CLIENT_SECRET';

/** Tokens longer than this are refused before any parsing (8 KiB stays under Node's header limit). */
export const DEFAULT_MAX_TOKEN_BYTES = 8 * 1024;

export interface TokenValidatorConfig {
  issuer: string;
  audience?: string;
  jwksUrl?: string;
  introspectionUrl?: string;
  clientId?: string;
  clientSecret?: string;
  /** PEM bundle (file path) trusted for discovery, JWKS and introspection. */
  caCertPath?: string;
  /** File whose content is sent as a bearer token on discovery and JWKS fetches (kube API server). */
  authTokenFile?: string;
  allowPrivateIp?: boolean;
  insecureAllowHttp?: boolean;
  resourceUrl?: string;
  scopes?: string[];
  clockSkewSeconds?: number;
  maxTokenBytes?: number;
}

/** Maps ToolHive's `oidc_config` (Go field names) plus our env-delivered secret to the validator config. */
export function tokenValidatorConfigFromRunConfig(oidc: OIDCValidatorConfig, env: Env): TokenValidatorConfig {
  const skew =
    oidc.ClockSkew === undefined || oidc.ClockSkew === '' ? 0 : parseGoDuration(oidc.ClockSkew) / 1000;
  if (!Number.isFinite(skew) || skew < 0)
    throw new Error(`oidc_config.ClockSkew must be a non-negative duration`);
  const secret = env[OIDC_CLIENT_SECRET_ENV] || oidc.ClientSecret || undefined;
  return {
    issuer: (oidc.Issuer ?? '').trim(),
    ...(oidc.Audience ? { audience: oidc.Audience } : {}),
    ...(oidc.JWKSURL ? { jwksUrl: oidc.JWKSURL } : {}),
    ...(oidc.IntrospectionURL ? { introspectionUrl: oidc.IntrospectionURL } : {}),
    ...(oidc.ClientID ? { clientId: oidc.ClientID } : {}),
    ...(secret ? { clientSecret: secret } : {}),
    ...(oidc.CACertPath ? { caCertPath: oidc.CACertPath } : {}),
    ...(oidc.AuthTokenFile ? { authTokenFile: oidc.AuthTokenFile } : {}),
    ...(oidc.AllowPrivateIP ? { allowPrivateIp: true } : {}),
    ...(oidc.InsecureAllowHTTP ? { insecureAllowHttp: true } : {}),
    ...(oidc.ResourceURL ? { resourceUrl: oidc.ResourceURL } : {}),
    ...(oidc.Scopes && oidc.Scopes.length > 0 ? { scopes: oidc.Scopes } : {}),
    clockSkewSeconds: skew,
    ...(oidc.MaxTokenBytes ? { maxTokenBytes: oidc.MaxTokenBytes } : {}),
  };
}

/** Why a token was refused; `code` is the RFC 6750 error code. */
export class TokenError extends Error {
  override name = 'TokenError';
  readonly code: 'invalid_request' | 'invalid_token';
  constructor(message: string, code: 'invalid_request' | 'invalid_token' = 'invalid_token') {
    super(message);
    this.code = code;
  }
}

export interface ValidatedToken {
  claims: Record<string, unknown>;
  /** How the token was checked. */
  kind: 'jwt' | 'introspection';
}

function requireSecureUrl(label: string, url: string, insecureAllowHttp: boolean): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`${label} is not a valid URL: ${url}`);
  }
  if (
    parsed.protocol !== 'https:' &&
    !(parsed.protocol === 'http:' && (insecureAllowHttp || isLoopbackHost(parsed.hostname)))
  ) {
    throw new Error(`${label} must use https (set InsecureAllowHTTP for development): ${url}`);
  }
  return parsed;
}

function looksLikeJwt(token: string): boolean {
  const parts = token.split('.');
  if (parts.length !== 3) return false;
  try {
    decodeProtectedHeader(token);
    return true;
  } catch {
    return false;
  }
}

function describeJoseError(err: unknown): string {
  if (err instanceof joseErrors.JWTExpired) return 'token expired';
  if (err instanceof joseErrors.JWTClaimValidationFailed) {
    switch (err.claim) {
      case 'iss':
        return 'invalid issuer';
      case 'aud':
        return 'invalid audience';
      case 'nbf':
        return 'token not yet valid';
      case 'exp':
        return 'token has no expiry';
      default:
        return `invalid claim ${err.claim}`;
    }
  }
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) return 'signature verification failed';
  if (err instanceof joseErrors.JOSEAlgNotAllowed) return 'signing algorithm not allowed';
  if (err instanceof joseErrors.JOSEError) return 'malformed token';
  return err instanceof Error ? err.message : 'invalid token';
}

/** The verified-token cache key: the tail of a JWT's signature (see `TokenValidator.verified`). */
function cacheKeyOf(token: string): string {
  return token.length > 64 ? token.slice(-43) : token;
}

export class TokenValidator {
  readonly config: TokenValidatorConfig;
  private readonly http: HttpClient;
  private readonly discovery: OidcDiscovery | undefined;
  private readonly jwks: JwksCache | undefined;
  private readonly introspector: TokenIntrospector | undefined;
  private readonly now: () => number;
  /**
   * JWTs already verified, by exact token string: clients send the same token on every request,
   * and a WebCrypto signature check costs ~150 µs. An entry lives at most 60 s and never past the
   * token's own `exp`; time claims are checked again on every hit, and a hit whose signing key
   * has left the JWKS (a rotation) is verified afresh. Introspection answers are never cached.
   *
   * Keyed by the token's last characters (its signature's tail), and a hit must equal the whole
   * token: hashing a fresh ~1 KB header string for a Map lookup cost more than everything else
   * auth does for a cached token, while comparing two equal strings is one memcmp.
   */
  private readonly verified = new Map<
    string,
    { token: string; claims: Record<string, unknown>; until: number; kid: string }
  >();
  private readonly maxVerified = 10_000;

  private readonly cacheVerified: boolean;
  /** An embedded authorization server's keys: its tokens verify in-process, before any JWKS. */
  private readonly localKeys: LocalKeyProvider | undefined;

  constructor(
    config: TokenValidatorConfig,
    options: {
      readFile?: (p: string) => string;
      now?: () => number;
      cacheVerified?: boolean;
      localKeys?: LocalKeyProvider;
    } = {},
  ) {
    if (!config.issuer && !config.jwksUrl && !config.introspectionUrl) {
      throw new Error('oidc_config needs an Issuer, a JWKSURL or an IntrospectionURL');
    }
    this.config = config;
    this.localKeys = options.localKeys;
    this.now = options.now ?? Date.now;
    this.cacheVerified = options.cacheVerified !== false;
    const read = options.readFile ?? ((p: string) => readFileSync(p, 'utf8'));
    const insecure = config.insecureAllowHttp === true;
    const urls = [config.issuer, config.jwksUrl, config.introspectionUrl].filter((u): u is string => !!u);
    const hosts = urls.map(
      (u, i) =>
        requireSecureUrl(['issuer', 'JWKS URL', 'introspection URL'][i] ?? 'URL', u, insecure).hostname,
    );
    // Like ToolHive's host-scoped client: loopback issuers (development) and explicit opt-ins may
    // reach private addresses; everything else is refused to stop server-side request forgery.
    const allowPrivate = config.allowPrivateIp === true || insecure || hosts.every((h) => isLoopbackHost(h));
    this.http = new HttpClient({
      ...(config.caCertPath ? { ca: read(config.caCertPath) } : {}),
      blockPrivateAddresses: !allowPrivate,
      timeoutMs: 10_000,
    });
    const authHeaders = config.authTokenFile
      ? () => ({ authorization: `Bearer ${read(config.authTokenFile!).trim()}` })
      : undefined;
    if (config.issuer && !config.jwksUrl) {
      this.discovery = new OidcDiscovery({
        http: this.http,
        issuer: config.issuer,
        ...(authHeaders ? { headers: authHeaders } : {}),
      });
    }
    if (config.jwksUrl || this.discovery) {
      const discovery = this.discovery;
      this.jwks = new JwksCache({
        http: this.http,
        url: async () => {
          if (config.jwksUrl) return config.jwksUrl;
          const uri = (await discovery!.document()).jwks_uri!;
          requireSecureUrl(
            'discovered jwks_uri',
            uri,
            insecure || isLoopbackHost(new URL(config.issuer).hostname),
          );
          return uri;
        },
        ...(authHeaders ? { headers: authHeaders } : {}),
        now: this.now,
      });
    }
    if (config.introspectionUrl) {
      this.introspector = new TokenIntrospector({
        http: this.http,
        url: config.introspectionUrl,
        ...(config.clientId ? { clientId: config.clientId } : {}),
        ...(config.clientSecret ? { clientSecret: config.clientSecret } : {}),
      });
    }
  }

  /**
   * The claims of a JWT verified before and still good, without a signature check or a
   * promise; `undefined` when the token must go through `validate`. Throws when the cached
   * token has expired meanwhile.
   */
  validateCached(token: string): ValidatedToken | undefined {
    // An exact match of a string that was checked in full before needs no other check.
    const hit = this.cacheVerified ? this.verified.get(cacheKeyOf(token)) : undefined;
    if (!hit || hit.token !== token) return undefined;
    const now = this.now();
    if (hit.until > now && (this.localKeys?.has(hit.kid) || this.jwks?.has(hit.kid))) {
      this.checkTimes(hit.claims, now);
      return { claims: hit.claims, kind: 'jwt' };
    }
    return undefined;
  }

  async validate(token: string): Promise<ValidatedToken> {
    const max = this.config.maxTokenBytes ?? DEFAULT_MAX_TOKEN_BYTES;
    if (token.length > max) throw new TokenError(`token exceeds ${max} bytes`);
    if (!/^[\x21-\x7e]+$/.test(token)) throw new TokenError('malformed token');
    const cached = this.validateCached(token);
    if (cached) return cached;
    const now = this.now();
    if (looksLikeJwt(token)) {
      const key = cacheKeyOf(token);
      if (this.verified.get(key)?.token === token) this.verified.delete(key);
      const { claims, kid } = await this.validateJwt(token);
      const exp = typeof claims.exp === 'number' ? claims.exp * 1000 : now;
      if (this.cacheVerified) {
        if (this.verified.size >= this.maxVerified) this.verified.delete(this.verified.keys().next().value!);
        this.verified.set(key, { token, claims, until: Math.min(exp, now + 60_000), kid });
      }
      return { claims, kind: 'jwt' };
    }
    if (!this.introspector) throw new TokenError('malformed token');
    let claims: Record<string, unknown>;
    try {
      claims = await this.introspector.introspect(token);
    } catch (err) {
      throw new TokenError(`introspection failed: ${(err as Error).message}`);
    }
    this.checkIntrospectedClaims(claims);
    return { claims, kind: 'introspection' };
  }

  private async validateJwt(token: string): Promise<{ claims: Record<string, unknown>; kid: string }> {
    const header = decodeProtectedHeader(token);
    const alg = header.alg;
    if (typeof alg !== 'string' || !(ALLOWED_JWS_ALGORITHMS as readonly string[]).includes(alg)) {
      throw new TokenError(
        `unexpected signing method: ${typeof alg === 'string' ? alg.slice(0, 16) : 'none'}`,
      );
    }
    if (typeof header.kid !== 'string' || header.kid === '') throw new TokenError('token header missing kid');
    const kid = header.kid;
    let key: Awaited<ReturnType<JwksCache['key']>> | KeyObject;
    if (this.localKeys?.has(kid)) {
      const local = this.localKeys.verificationKey(kid, alg);
      if (!local) throw new TokenError(`key ${kid.slice(0, 64)} is not for ${alg}`);
      key = local;
    } else {
      if (!this.jwks) throw new TokenError('no JWKS configured to verify JWTs');
      try {
        key = await this.jwks.key(kid, alg);
      } catch (err) {
        throw new TokenError((err as Error).message.replace(kid, kid.slice(0, 64)));
      }
    }
    try {
      const { payload } = await jwtVerify(token, key, {
        algorithms: [alg],
        ...(this.config.issuer ? { issuer: this.config.issuer } : {}),
        ...(this.config.audience ? { audience: this.config.audience } : {}),
        clockTolerance: this.config.clockSkewSeconds ?? 0,
        requiredClaims: ['exp'],
        currentDate: new Date(this.now()),
      });
      return { claims: payload as Record<string, unknown>, kid };
    } catch (err) {
      throw new TokenError(describeJoseError(err));
    }
  }

  /** `exp` and `nbf` against the clock, for cached verifications. */
  private checkTimes(claims: Record<string, unknown>, nowMs: number): void {
    const skew = this.config.clockSkewSeconds ?? 0;
    const nowSec = nowMs / 1000;
    if (typeof claims.exp !== 'number' || claims.exp + skew <= nowSec) throw new TokenError('token expired');
    if (typeof claims.nbf === 'number' && claims.nbf - skew > nowSec)
      throw new TokenError('token not yet valid');
  }

  /** Introspection answers get the checks ToolHive applies to them: exp, iss and aud. */
  private checkIntrospectedClaims(claims: Record<string, unknown>): void {
    const skew = this.config.clockSkewSeconds ?? 0;
    const nowSec = this.now() / 1000;
    const exp = claims.exp;
    if (typeof exp !== 'number' || exp + skew <= nowSec) throw new TokenError('token expired');
    if (typeof claims.nbf === 'number' && claims.nbf - skew > nowSec)
      throw new TokenError('token not yet valid');
    // RFC 7662 makes `iss` optional; when the server states one it must be ours.
    if (this.config.issuer && typeof claims.iss === 'string' && claims.iss !== this.config.issuer)
      throw new TokenError('invalid issuer');
    if (this.config.audience) {
      const aud = claims.aud;
      const list = Array.isArray(aud) ? aud : typeof aud === 'string' ? [aud] : [];
      if (!list.includes(this.config.audience)) throw new TokenError('invalid audience');
    }
  }

  close(): void {
    this.http.close();
  }
}
