/**
 * The `ratelimit` middleware: only `tools/call` is metered. A refused call gets HTTP 429,
 * `Retry-After` and ToolHive's JSON-RPC error 429 "Rate limit exceeded". When Redis cannot be
 * reached the failure policy decides: `fail-open` (ToolHive's behaviour, the default) lets the
 * call through, `fail-closed` refuses it with 503.
 */
import type { JsonRpcId } from '../../protocol/jsonrpc.ts';
import type { Logger } from '../shared/logger.ts';
import { rateLimitedLog } from '../shared/logger.ts';
import { mcpOf } from '../shared/mcp-request.ts';
import { jsonRpcRejection } from '../shared/replies.ts';
import type { Middleware, Rejection, RequestContext } from '../types.ts';
import type { RateLimiter } from './limiter.ts';

export const RATE_LIMIT_MIDDLEWARE = 'ratelimit';
export const RATE_LIMIT_FAILURE_POLICY_ENV = 'TOOLHIVE_RATE_LIMIT_FAILURE_POLICY';
export type RateLimitFailurePolicy = 'fail-open' | 'fail-closed';

export interface RateLimitObserver {
  decision(outcome: 'allowed' | 'rejected', rejectedBy?: string): void;
  redisError(failOpen: boolean): void;
}

export class RateLimitMiddleware implements Middleware {
  readonly name = RATE_LIMIT_MIDDLEWARE;
  private readonly limiter: RateLimiter;
  private readonly failurePolicy: RateLimitFailurePolicy;
  private readonly logger: Logger;
  private readonly logOnce = rateLimitedLog(30_000);
  private readonly observer: RateLimitObserver | undefined;
  private readonly onClose: (() => Promise<void>) | undefined;

  constructor(
    limiter: RateLimiter,
    opts: {
      failurePolicy: RateLimitFailurePolicy;
      logger: Logger;
      observer?: RateLimitObserver;
      onClose?: () => Promise<void>;
    },
  ) {
    this.limiter = limiter;
    this.failurePolicy = opts.failurePolicy;
    this.logger = opts.logger;
    this.observer = opts.observer;
    this.onClose = opts.onClose;
  }

  async onRequest(ctx: RequestContext): Promise<Rejection | undefined> {
    const mcp = mcpOf(ctx);
    if (mcp?.method !== 'tools/call') return undefined;
    // The local user (no OIDC) is a user too, as in ToolHive.
    return this.check(mcp.resourceId, ctx.identity?.subject, mcp.id);
  }

  /**
   * Meters one call of `tool` by `user` (undefined: shared buckets only). Returns the refusal
   * to write, or undefined when the call may go on. The Virtual MCP server calls this itself
   * with the tool name it resolved.
   */
  async check(
    tool: string | undefined,
    user: string | undefined,
    id: JsonRpcId | undefined,
  ): Promise<Rejection | undefined> {
    let decision: Awaited<ReturnType<RateLimiter['allow']>>;
    try {
      decision = await this.limiter.allow(tool, user);
    } catch (err) {
      const failOpen = this.failurePolicy === 'fail-open';
      this.observer?.redisError(failOpen);
      this.logOnce('redis', () =>
        this.logger.warn(
          failOpen
            ? 'rate limit check failed, allowing request'
            : 'rate limit check failed, refusing request',
          {
            error: (err as Error).message,
            failure_policy: this.failurePolicy,
          },
        ),
      );
      if (failOpen) return undefined;
      return jsonRpcRejection(503, id, -32000, 'Rate limiter unavailable', undefined, {
        'retry-after': '1',
      });
    }
    this.observer?.decision(decision.allowed ? 'allowed' : 'rejected', decision.rejectedBy);
    if (decision.allowed) return undefined;
    const retry = decision.retryAfterSeconds ?? 1;
    return jsonRpcRejection(
      429,
      id,
      429,
      'Rate limit exceeded',
      { retryAfterSeconds: retry },
      { 'retry-after': String(retry) },
    );
  }

  async close(): Promise<void> {
    await this.onClose?.();
  }
}
