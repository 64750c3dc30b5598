/**
 * The `auth` middleware: every request carries `Authorization: Bearer <token>` that validates,
 * or it is refused with 401, an RFC 6750 JSON body and a `WWW-Authenticate` challenge naming the
 * RFC 9728 metadata document. Without an OIDC config every request gets ToolHive's synthetic
 * local-user identity instead.
 */
import type { Logger } from '../shared/logger.ts';
import type { Identity, Middleware, Rejection, RequestContext } from '../types.ts';
import { type LocalKeyProvider, TSID_CLAIM, type UpstreamTokenReader } from './embedded.ts';
import { identityFromClaims, localUserIdentity } from './identity.ts';
import {
  bearerChallenge,
  metadataUrlFor,
  protectedResourceRoutes,
  resourceFromRequest,
} from './resource-metadata.ts';
import { TokenError, TokenValidator, type TokenValidatorConfig } from './token-validator.ts';

export const AUTH_MIDDLEWARE = 'auth';

/**
 * The bearer token of a request, or why there is none. ToolHive's `ExtractBearerToken`: the
 * header must start with exactly `Bearer ` (case-sensitive, as ToolHive reads RFC 6750), the
 * token is the rest of the header, and the query string and body are never looked at.
 *
 * Safety fix beyond ToolHive: a request with more than one `Authorization` header is refused.
 * Go and Node both read the first one, but an intermediary (a gateway, a WAF, the backend if a
 * header ever leaked through) may read another, and a credential nobody can attribute
 * unambiguously must not authenticate anyone. The data path passes every copy as an array
 * (http/context.ts).
 */
export function extractBearerToken(ctx: RequestContext): string | TokenError {
  const raw = ctx.http.headers.authorization as string | string[] | undefined;
  if (Array.isArray(raw) && raw.length > 1)
    return new TokenError('multiple authorization headers', 'invalid_request');
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value) return new TokenError('authorization header required', 'invalid_request');
  if (!value.startsWith(BEARER_PREFIX))
    return new TokenError(
      "invalid authorization header format, expected 'Bearer <token>'",
      'invalid_request',
    );
  const token = value.slice(BEARER_PREFIX.length);
  if (token.trim() === '') return new TokenError('empty token in authorization header', 'invalid_request');
  return token;
}

const BEARER_PREFIX = 'Bearer ';

export interface AuthMiddlewareOptions {
  logger: Logger;
  now?: () => number;
  readFile?: (p: string) => string;
  /** An embedded authorization server's keys, to verify its tokens without fetching a JWKS. */
  localKeys?: LocalKeyProvider;
  /** An embedded authorization server's token sessions: loads upstream tokens for a `tsid`. */
  upstreamTokens?: UpstreamTokenReader;
}

export class AuthMiddleware implements Middleware {
  readonly name = AUTH_MIDDLEWARE;
  readonly headersOnly = true;
  readonly routes;
  readonly validator: TokenValidator;
  private readonly logger: Logger;
  private readonly identities = new WeakMap<object, Identity>();
  private readonly upstreamTokens: UpstreamTokenReader | undefined;

  constructor(config: TokenValidatorConfig, options: AuthMiddlewareOptions) {
    this.validator = new TokenValidator(config, {
      ...(options.now ? { now: options.now } : {}),
      ...(options.readFile ? { readFile: options.readFile } : {}),
      ...(options.localKeys ? { localKeys: options.localKeys } : {}),
    });
    this.logger = options.logger;
    this.upstreamTokens = options.upstreamTokens;
    this.routes = protectedResourceRoutes({
      issuer: config.issuer,
      ...(config.resourceUrl ? { resourceUrl: config.resourceUrl } : {}),
      ...(config.scopes ? { scopes: config.scopes } : {}),
    });
  }

  /** Synchronous for a token verified before (the usual case), so the chain need not wait. */
  onRequest(ctx: RequestContext): Rejection | undefined | Promise<Rejection | undefined> {
    const token = extractBearerToken(ctx);
    if (token instanceof TokenError) return this.reject(ctx, token);
    let cached: Record<string, unknown> | undefined;
    try {
      cached = this.validator.validateCached(token)?.claims;
    } catch (err) {
      return this.refused(ctx, err);
    }
    return cached ? this.accept(ctx, token, cached) : this.verify(ctx, token);
  }

  private async verify(ctx: RequestContext, token: string): Promise<Rejection | undefined> {
    let claims: Record<string, unknown>;
    try {
      ({ claims } = await this.validator.validate(token));
    } catch (err) {
      return this.refused(ctx, err);
    }
    return this.accept(ctx, token, claims);
  }

  private refused(ctx: RequestContext, err: unknown): Rejection {
    const e = err instanceof TokenError ? err : new TokenError('token validation failed');
    if (!(err instanceof TokenError)) this.logger.warn('token validation error', { error: err as Error });
    return this.reject(ctx, e);
  }

  private accept(
    ctx: RequestContext,
    token: string,
    claims: Record<string, unknown>,
  ): Rejection | undefined | Promise<Rejection | undefined> {
    try {
      // Cached verifications return the same claims object: reuse its identity (and whatever
      // downstream caches keyed on it).
      let identity = this.identities.get(claims);
      if (!identity) {
        identity = identityFromClaims(claims, token);
        this.identities.set(claims, identity);
      }
      ctx.identity = identity;
    } catch (err) {
      return this.reject(ctx, new TokenError(`invalid authentication claims: ${(err as Error).message}`));
    }
    const tsid = claims[TSID_CLAIM];
    if (this.upstreamTokens && typeof tsid === 'string' && tsid !== '')
      return this.loadUpstreamTokens(ctx, tsid);
    return undefined;
  }

  /**
   * The embedded authorization server's upstream tokens for the token session, into the
   * Identity (ToolHive: a storage failure is 503, a failed upstream refresh 401, so the client
   * logs in again). A fresh Identity per request: the tokens change when they are refreshed.
   */
  private async loadUpstreamTokens(ctx: RequestContext, tsid: string): Promise<Rejection | undefined> {
    let loaded: Awaited<ReturnType<UpstreamTokenReader['credentials']>>;
    try {
      loaded = await this.upstreamTokens!.credentials(tsid);
    } catch (err) {
      this.logger.warn('upstream token storage unavailable', {
        error: (err as Error).message,
        request_id: ctx.requestId,
      });
      return {
        status: 503,
        headers: { 'content-type': 'application/json', 'retry-after': '1' },
        body: {
          error: 'temporarily_unavailable',
          error_description: 'authentication service temporarily unavailable',
        },
      };
    }
    if (loaded.failed.length > 0) {
      this.logger.warn('upstream token refresh failed; returning 401', { providers: loaded.failed });
      return this.reject(
        ctx,
        new TokenError('upstream token is no longer valid; re-authentication required'),
      );
    }
    const access: Record<string, string> = {};
    const id: Record<string, string> = {};
    for (const [provider, c] of loaded.credentials) {
      if (c.accessToken) access[provider] = c.accessToken;
      if (c.idToken) id[provider] = c.idToken;
    }
    ctx.identity = { ...ctx.identity!, upstreamTokens: access, upstreamIdTokens: id };
    return undefined;
  }

  /** The 401 ToolHive writes, with the challenge MCP clients use to discover the authorization server. */
  reject(ctx: RequestContext, err: TokenError): Rejection {
    const cfg = this.validator.config;
    const resource = cfg.resourceUrl ?? resourceFromRequest(ctx.http.headers, ctx.http.path);
    const description = err.code === 'invalid_token' ? `Invalid token: ${err.message}` : err.message;
    this.logger.debug('request refused by auth', {
      reason: err.message,
      path: ctx.http.path,
      request_id: ctx.requestId,
    });
    return {
      status: 401,
      headers: {
        'www-authenticate': bearerChallenge({
          realm: cfg.issuer,
          resourceMetadata: metadataUrlFor(resource),
          scopes: cfg.scopes,
          error: err.code,
          errorDescription: err.message,
        }),
        'content-type': 'application/json',
      },
      body: { error: err.code, error_description: description },
    };
  }

  async close(): Promise<void> {
    this.validator.close();
  }
}

/** No OIDC configured: every request runs as the local user (ToolHive warns loudly; so do we). */
export class LocalUserAuthMiddleware implements Middleware {
  readonly name = AUTH_MIDDLEWARE;
  readonly headersOnly = true;
  private readonly now: () => number;

  constructor(logger: Logger, now: () => number = Date.now) {
    this.now = now;
    logger.warn(
      'no authentication configured: every request is accepted with a synthetic local-user identity; configure oidc_config to enforce authentication',
    );
  }
  onRequest(ctx: RequestContext): undefined {
    ctx.identity = localUserIdentity(this.now);
    return undefined;
  }
}
