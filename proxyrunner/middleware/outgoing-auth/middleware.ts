/**
 * Outgoing authentication toward the backend: what the data path puts on the forwarded request.
 * - `tokenexchange`: RFC 8693 exchange of the caller's token; `Authorization: Bearer <t>` or a
 *   custom header (`external_token_header_name`).
 * - `header-forward`: fixed headers and headers whose values come from secrets (MCPExternalAuthConfig
 *   `headerInjection`, RunConfig `header_forward`).
 * - `bearer-token`: a static bearer token from a secret (MCPExternalAuthConfig `bearerToken`,
 *   RunConfig `remote_auth_config.bearer_token[_file]`).
 * The client's own `Authorization` header is never forwarded unless one of these sets it.
 */
import type { Logger } from '../shared/logger.ts';
import { jsonRpcRejection } from '../shared/replies.ts';
import type { Middleware, Rejection, RequestContext } from '../types.ts';
import type { TokenExchanger } from './token-exchange.ts';
import { UPSTREAM_SWAPPED } from './upstream-swap.ts';

export const TOKEN_EXCHANGE_MIDDLEWARE = 'tokenexchange';
export const HEADER_FORWARD_MIDDLEWARE = 'header-forward';
export const BEARER_TOKEN_MIDDLEWARE = 'bearer-token';

/**
 * The token to exchange: the caller's, or — after upstream swap put the upstream identity
 * provider's token on the request — that one (ToolHive exchanges whatever bearer the request
 * carries at this point; with a custom swap header there is none, and nothing is exchanged).
 */
function subjectToken(ctx: RequestContext): string | undefined {
  if (!ctx.state.has(UPSTREAM_SWAPPED)) return ctx.identity?.token;
  const m = /^Bearer (.+)$/.exec(ctx.upstreamHeaders.authorization ?? '');
  return m?.[1];
}

export class TokenExchangeMiddleware implements Middleware {
  readonly name = TOKEN_EXCHANGE_MIDDLEWARE;
  readonly exchanger: TokenExchanger;
  private readonly headerName: string;
  private readonly logger: Logger;

  constructor(
    exchanger: TokenExchanger,
    opts: { headerStrategy?: 'replace' | 'custom'; externalTokenHeaderName?: string; logger: Logger },
  ) {
    this.exchanger = exchanger;
    if (opts.headerStrategy === 'custom' && !opts.externalTokenHeaderName) {
      throw new Error('external_token_header_name is required when header_strategy is "custom"');
    }
    this.headerName =
      opts.headerStrategy === 'custom' ? opts.externalTokenHeaderName!.toLowerCase() : 'authorization';
    this.logger = opts.logger;
  }

  async onRequest(ctx: RequestContext): Promise<Rejection | undefined> {
    const subject = subjectToken(ctx);
    // No caller token (anonymous): nothing to exchange, as in ToolHive.
    if (!subject) return undefined;
    try {
      const token = await this.exchanger.exchange(subject);
      ctx.upstreamHeaders[this.headerName] = `Bearer ${token}`;
      return undefined;
    } catch (err) {
      this.logger.warn('token exchange failed', { error: (err as Error).message, request_id: ctx.requestId });
      return {
        status: 401,
        headers: {
          'www-authenticate': 'Bearer error="invalid_token", error_description="Token exchange failed"',
          'content-type': 'application/json',
        },
        body: jsonRpcRejection(401, ctx.mcp?.id, -32001, 'Token exchange failed').body,
      };
    }
  }

  async close(): Promise<void> {
    this.exchanger.close();
  }
}

/** Sets fixed upstream headers; values were resolved from secrets at startup and are never logged. */
export class HeaderForwardMiddleware implements Middleware {
  readonly name: string;
  private readonly headers: ReadonlyArray<[string, string]>;

  constructor(headers: Readonly<Record<string, string>>, name = HEADER_FORWARD_MIDDLEWARE) {
    this.name = name;
    const reserved = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'mcp-session-id']);
    this.headers = Object.entries(headers).map(([k, v]) => {
      const lower = k.toLowerCase();
      if (!/^[!#$%&'*+.^_`|~0-9a-z-]+$/.test(lower)) throw new Error(`invalid header name "${k}"`);
      if (reserved.has(lower)) throw new Error(`header "${k}" cannot be injected`);
      if (/[\r\n]/.test(v)) throw new Error(`value of header "${k}" contains a line break`);
      return [lower, v];
    });
  }

  onRequest(ctx: RequestContext): undefined {
    for (const [k, v] of this.headers) ctx.upstreamHeaders[k] = v;
    return undefined;
  }
}
