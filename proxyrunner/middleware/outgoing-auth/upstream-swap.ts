/**
 * Upstream token injection with the embedded authorization server:
 * - `upstreamswap` (ToolHive's pkg/auth/upstreamswap; MCPExternalAuthConfig `upstreamInject`):
 *   the caller's access token from the named upstream identity provider, which the auth
 *   middleware loaded for the token session, goes to the backend as `Authorization: Bearer`
 *   (`header_strategy: replace`) or in a custom header (`custom`). The token the client sent —
 *   ours, minted for the proxy — is never forwarded. No upstream token: 401, log in again.
 * - `strip-auth` (`disable_upstream_token_injection`): the backend gets no credential at all; the
 *   client's Authorization, Cookie and Proxy-Authorization headers are removed once validated.
 */
import type { UpstreamSwapConfig } from '../../../lib/runconfig/types.ts';
import type { Middleware, Rejection, RequestContext } from '../types.ts';

export const UPSTREAM_SWAP_MIDDLEWARE = 'upstreamswap';
export const STRIP_AUTH_MIDDLEWARE = 'strip-auth';

/** Set when upstream swap ran: token exchange then exchanges the upstream token, as in ToolHive. */
export const UPSTREAM_SWAPPED = Symbol('upstream-swapped');

const VALID_HEADER = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export function validateUpstreamSwapConfig(cfg: Partial<UpstreamSwapConfig>): UpstreamSwapConfig {
  if (!cfg.provider_name) throw new Error('invalid upstream swap configuration: provider_name is required');
  const strategy = cfg.header_strategy || 'replace';
  if (strategy !== 'replace' && strategy !== 'custom')
    throw new Error(
      `invalid upstream swap configuration: invalid header_strategy: ${String(strategy)} (valid values: 'replace', 'custom')`,
    );
  if (strategy === 'custom') {
    if (!cfg.custom_header_name)
      throw new Error(
        "invalid upstream swap configuration: custom_header_name must be specified when header_strategy is 'custom'",
      );
    if (!VALID_HEADER.test(cfg.custom_header_name))
      throw new Error(`invalid upstream swap configuration: invalid header name "${cfg.custom_header_name}"`);
  }
  return {
    provider_name: cfg.provider_name,
    header_strategy: strategy,
    ...(strategy === 'custom' ? { custom_header_name: cfg.custom_header_name } : {}),
  };
}

export class UpstreamSwapMiddleware implements Middleware {
  readonly name = UPSTREAM_SWAP_MIDDLEWARE;
  readonly headersOnly = true;
  readonly provider: string;
  private readonly header: string;

  constructor(cfg: UpstreamSwapConfig) {
    const valid = validateUpstreamSwapConfig(cfg);
    this.provider = valid.provider_name;
    this.header =
      valid.header_strategy === 'custom' ? valid.custom_header_name!.toLowerCase() : 'authorization';
  }

  onRequest(ctx: RequestContext): Rejection | undefined {
    const identity = ctx.identity;
    if (!identity) return undefined;
    const token = identity.upstreamTokens?.[this.provider];
    if (!token) {
      return {
        status: 401,
        headers: {
          'www-authenticate':
            'Bearer error="invalid_token", error_description="upstream token is no longer valid; re-authentication required"',
          'content-type': 'application/json',
        },
        body: {
          error: 'invalid_token',
          error_description: 'upstream authentication required',
        },
      };
    }
    ctx.upstreamHeaders[this.header] = `Bearer ${token}`;
    ctx.state.set(UPSTREAM_SWAPPED, true);
    return undefined;
  }
}

export class StripAuthMiddleware implements Middleware {
  readonly name = STRIP_AUTH_MIDDLEWARE;
  readonly headersOnly = true;

  onRequest(ctx: RequestContext): undefined {
    // The request's own headers are what an HTTP backend is sent: remove the credentials there.
    const headers = ctx.http.headers;
    delete headers.authorization;
    delete headers.cookie;
    delete headers['proxy-authorization'];
    delete ctx.upstreamHeaders.authorization;
    return undefined;
  }
}
