/**
 * An OpenID Connect upstream. Endpoints come from discovery (fetched on first use and retried on
 * later logins if the provider was down), checked as ToolHive checks them: the document's issuer
 * must be the configured one and its endpoints must stay on HTTPS (or on loopback for a loopback
 * issuer). The user is whoever the ID token says — signature, issuer, audience, expiry and our
 * nonce verified against the provider's JWKS — never the userinfo endpoint.
 */
import { decodeProtectedHeader, errors as joseErrors, jwtVerify } from 'jose';
import { ALLOWED_JWS_ALGORITHMS, JwksCache } from '../../middleware/auth/jwks.ts';
import type { HttpClient } from '../../middleware/shared/http-client.ts';
import type { OidcUpstreamSettings } from '../config.ts';
import { isLoopbackHostname } from '../urls.ts';
import { authorizationUrl, upstreamHttpClient } from './common.ts';
import { requestTokens, type TokenEndpointClient } from './token-endpoint.ts';
import {
  UpstreamError,
  type UpstreamIdentity,
  type UpstreamProvider,
  type UpstreamTokenSet,
} from './types.ts';

/** go-oidc's allowance for clock differences with the provider. */
const ID_TOKEN_CLOCK_SKEW_S = 300;
const DISCOVERY_RETRY_MS = 5_000;

interface ProviderMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
}

function originProblem(endpoint: string, issuer: string, insecure: boolean): string | undefined {
  let e: URL;
  let i: URL;
  try {
    e = new URL(endpoint);
    i = new URL(issuer);
  } catch {
    return `invalid endpoint URL ${endpoint}`;
  }
  if (isLoopbackHostname(i.hostname))
    return isLoopbackHostname(e.hostname)
      ? undefined
      : `host mismatch: issuer is localhost but endpoint host is "${e.host}"`;
  if (insecure) return undefined;
  return e.protocol === 'https:'
    ? undefined
    : `scheme mismatch: issuer uses HTTPS but endpoint uses "${e.protocol}"`;
}

function validateMetadata(doc: unknown, cfg: OidcUpstreamSettings): ProviderMetadata {
  if (doc === null || typeof doc !== 'object')
    throw new UpstreamError('discovery document is not a JSON object');
  const d = doc as Record<string, unknown>;
  for (const field of ['issuer', 'authorization_endpoint', 'token_endpoint', 'jwks_uri'])
    if (typeof d[field] !== 'string' || d[field] === '')
      throw new UpstreamError(`invalid discovery document: ${field} is required`);
  // OIDC Discovery §4.3: the issuer in the document must be exactly the one asked for.
  if (d.issuer !== cfg.issuer)
    throw new UpstreamError(`discovery document issuer does not match ${cfg.issuer}`);
  for (const field of ['authorization_endpoint', 'token_endpoint', 'jwks_uri', 'userinfo_endpoint']) {
    if (typeof d[field] !== 'string') continue;
    const problem = originProblem(d[field] as string, cfg.issuer, cfg.insecureAllowHttp);
    if (problem) throw new UpstreamError(`${field} origin mismatch: ${problem}`);
  }
  return d as unknown as ProviderMetadata;
}

export class OidcUpstream implements UpstreamProvider {
  readonly type = 'oidc' as const;
  readonly name: string;
  private readonly cfg: OidcUpstreamSettings;
  private readonly http: HttpClient;
  private readonly now: () => number;
  private metadata: ProviderMetadata | undefined;
  private inflight: Promise<ProviderMetadata> | undefined;
  private lastFailure = Number.NEGATIVE_INFINITY;
  private lastError: Error | undefined;
  private jwks: JwksCache | undefined;

  constructor(cfg: OidcUpstreamSettings, now: () => number = Date.now) {
    this.cfg = cfg;
    this.name = cfg.name;
    this.now = now;
    this.http = upstreamHttpClient([cfg.issuer], cfg);
  }

  /** Provider metadata; a failed discovery is retried, but not more than once per 5 s. */
  private discover(): Promise<ProviderMetadata> {
    if (this.metadata) return Promise.resolve(this.metadata);
    if (this.now() - this.lastFailure < DISCOVERY_RETRY_MS && this.lastError)
      return Promise.reject(this.lastError);
    this.inflight ??= (async () => {
      const url = `${this.cfg.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
      try {
        const res = await this.http.request({
          url,
          headers: { accept: 'application/json' },
          timeoutMs: 10_000,
        });
        if (res.status !== 200) throw new UpstreamError(`OIDC discovery answered HTTP ${res.status}`);
        const md = validateMetadata(res.json(), this.cfg);
        this.metadata = md;
        this.jwks = new JwksCache({ http: this.http, url: async () => md.jwks_uri, now: this.now });
        return md;
      } catch (err) {
        this.lastFailure = this.now();
        this.lastError =
          err instanceof UpstreamError
            ? err
            : new UpstreamError(`failed to discover OIDC endpoints: ${(err as Error).message}`);
        throw this.lastError;
      } finally {
        this.inflight = undefined;
      }
    })();
    return this.inflight;
  }

  private async tokenClient(): Promise<TokenEndpointClient> {
    const md = await this.discover();
    return {
      http: this.http,
      tokenEndpoint: md.token_endpoint,
      clientId: this.cfg.clientId,
      ...(this.cfg.clientSecret ? { clientSecret: this.cfg.clientSecret } : {}),
      now: this.now,
    };
  }

  async authorizationUrl(state: string, codeChallenge: string, nonce: string): Promise<string> {
    const md = await this.discover();
    return authorizationUrl(md.authorization_endpoint, {
      clientId: this.cfg.clientId,
      redirectUri: this.cfg.redirectUri,
      scopes: this.cfg.scopes,
      state,
      codeChallenge,
      extra: { ...this.cfg.additionalParams, nonce },
    });
  }

  /** Verifies an ID token for this client; `nonce` must match when given. */
  private async verifyIdToken(idToken: string, nonce: string | undefined): Promise<Record<string, unknown>> {
    await this.discover();
    let header: ReturnType<typeof decodeProtectedHeader>;
    try {
      header = decodeProtectedHeader(idToken);
    } catch {
      throw new UpstreamError('ID token is malformed');
    }
    const alg = header.alg;
    if (typeof alg !== 'string' || !(ALLOWED_JWS_ALGORITHMS as readonly string[]).includes(alg))
      throw new UpstreamError('ID token uses an unsupported signing algorithm');
    if (typeof header.kid !== 'string' || header.kid === '')
      throw new UpstreamError('ID token header missing kid');
    let payload: Record<string, unknown>;
    try {
      const key = await this.jwks!.key(header.kid, alg);
      ({ payload } = await jwtVerify(idToken, key, {
        algorithms: [alg],
        issuer: this.cfg.issuer,
        audience: this.cfg.clientId,
        requiredClaims: ['exp', 'sub'],
        clockTolerance: ID_TOKEN_CLOCK_SKEW_S,
        currentDate: new Date(this.now()),
      }));
    } catch (err) {
      const reason =
        err instanceof joseErrors.JWTExpired
          ? 'expired'
          : err instanceof joseErrors.JWTClaimValidationFailed
            ? `invalid ${err.claim}`
            : err instanceof joseErrors.JWSSignatureVerificationFailed
              ? 'bad signature'
              : 'unverifiable';
      throw new UpstreamError(`failed to verify ID token: ${reason}`);
    }
    if (nonce !== undefined) {
      if (typeof payload.nonce !== 'string' || payload.nonce === '')
        throw new UpstreamError('ID token missing nonce claim when nonce was expected');
      if (payload.nonce !== nonce) throw new UpstreamError('ID token nonce does not match expected value');
    }
    return payload;
  }

  private subjectOf(claims: Record<string, unknown>): string {
    const claim = this.cfg.subjectClaim;
    const v = claims[claim];
    if (v === undefined)
      throw new UpstreamError(`configured subject claim "${claim}" not present in ID token`);
    if (typeof v !== 'string') throw new UpstreamError(`configured subject claim "${claim}" is not a string`);
    if (v === '') throw new UpstreamError(`configured subject claim "${claim}" is empty`);
    return v;
  }

  async exchangeCode(code: string, codeVerifier: string, nonce: string): Promise<UpstreamIdentity> {
    if (!code) throw new UpstreamError('authorization code is required');
    const { tokens } = await requestTokens(await this.tokenClient(), {
      grant_type: 'authorization_code',
      code,
      redirect_uri: this.cfg.redirectUri,
      code_verifier: codeVerifier,
    });
    if (!tokens.idToken) throw new UpstreamError('ID token required for OIDC provider');
    const claims = await this.verifyIdToken(tokens.idToken, nonce);
    return {
      tokens,
      subject: this.subjectOf(claims),
      ...(typeof claims.name === 'string' && claims.name ? { name: claims.name } : {}),
      ...(typeof claims.email === 'string' && claims.email ? { email: claims.email } : {}),
      claims,
      synthetic: false,
    };
  }

  async refresh(refreshToken: string, expectedSubject: string): Promise<UpstreamTokenSet> {
    if (!refreshToken) throw new UpstreamError('refresh token is required');
    const params: Record<string, string> = { grant_type: 'refresh_token', refresh_token: refreshToken };
    if (this.cfg.scopes.length > 0) params.scope = this.cfg.scopes.join(' ');
    const { tokens } = await requestTokens(await this.tokenClient(), params);
    // A rotated ID token must still be about the same user (OIDC Core §12.2).
    if (tokens.idToken) {
      const claims = await this.verifyIdToken(tokens.idToken, undefined);
      if (expectedSubject && this.subjectOf(claims) !== expectedSubject)
        throw new UpstreamError('ID token subject does not match expected value');
    }
    return tokens.refreshToken ? tokens : { ...tokens, refreshToken };
  }

  close(): void {
    this.http.close();
  }
}
