/**
 * Runs the policy middlewares around forwarding (proxyrunner/middleware/types.ts): `onRequest`
 * outermost first, `onResponse` innermost first, `onComplete` for every middleware once per
 * request whatever happened. With no middlewares every step is a cheap no-op, so the hot path
 * pays nothing for an empty chain.
 */
import type { Middleware, MiddlewareRoute, Outcome, Rejection, RequestContext } from '../middleware/types.ts';
import type { JsonRpcResponse } from '../protocol/jsonrpc.ts';

type MaybePromise<T> = T | Promise<T>;

export interface ChainRejection {
  readonly rejection: Rejection;
  readonly by: string;
}

export class Chain {
  readonly middlewares: readonly Middleware[];
  private readonly withRequest: readonly Middleware[];
  private readonly withResponse: readonly Middleware[];
  private readonly withComplete: readonly Middleware[];
  readonly routes: readonly MiddlewareRoute[];
  /** How many leading `onRequest` hooks read only the request head (see Middleware.headersOnly). */
  readonly headCount: number;

  constructor(middlewares: readonly Middleware[]) {
    this.middlewares = middlewares;
    this.withRequest = middlewares.filter((m) => m.onRequest);
    // Innermost first, like nested HTTP handlers unwinding.
    this.withResponse = middlewares.filter((m) => m.onResponse).reverse();
    this.withComplete = middlewares.filter((m) => m.onComplete);
    this.routes = middlewares.flatMap((m) => m.routes ?? []);
    const firstBodyHook = this.withRequest.findIndex((m) => m.headersOnly !== true);
    this.headCount = firstBodyHook === -1 ? this.withRequest.length : firstBodyHook;
  }

  get empty(): boolean {
    return this.middlewares.length === 0;
  }

  /**
   * Runs `onRequest` hooks in order; the first rejection stops the chain. With `afterHead` the
   * leading head-only hooks are skipped: `beforeHead` already ran them. The answer is synchronous
   * while every hook answers synchronously (a cached token, a cached decision), so the hot path
   * does not wait a microtask per hook.
   */
  before(ctx: RequestContext, afterHead = false): MaybePromise<ChainRejection | undefined> {
    return this.run(ctx, afterHead ? this.headCount : 0, this.withRequest.length);
  }

  /** Runs the leading hooks that need only the request head (origin, auth), before the body is read. */
  beforeHead(ctx: RequestContext): MaybePromise<ChainRejection | undefined> {
    return this.run(ctx, 0, this.headCount);
  }

  private run(ctx: RequestContext, from: number, to: number): MaybePromise<ChainRejection | undefined> {
    for (let i = from; i < to; i++) {
      const m = this.withRequest[i]!;
      const answer = m.onRequest!(ctx);
      if (answer instanceof Promise) return this.finish(ctx, answer, m, i + 1, to);
      if (answer) return { rejection: answer, by: m.name };
    }
    return undefined;
  }

  /** The rest of `run` once a hook has answered with a promise. */
  private async finish(
    ctx: RequestContext,
    pending: Promise<Rejection | undefined>,
    from: Middleware,
    next: number,
    to: number,
  ): Promise<ChainRejection | undefined> {
    const rejection = await pending;
    if (rejection) return { rejection, by: from.name };
    return this.run(ctx, next, to);
  }

  /** Whether some middleware wants to see (and possibly rewrite) this request's response. */
  wantsResponse(ctx: RequestContext): boolean {
    for (const m of this.withResponse) {
      if (m.wantsResponse ? m.wantsResponse(ctx) : true) return true;
    }
    return false;
  }

  async after(ctx: RequestContext, response: JsonRpcResponse): Promise<JsonRpcResponse> {
    let current = response;
    for (const m of this.withResponse) {
      if (m.wantsResponse && !m.wantsResponse(ctx)) continue;
      current = await m.onResponse!(ctx, current);
    }
    return current;
  }

  complete(ctx: RequestContext, outcome: Outcome): void {
    for (const m of this.withComplete) {
      try {
        m.onComplete!(ctx, outcome);
      } catch (err) {
        // onComplete must not throw; one broken audit sink must not break the others.
        console.error(`middleware ${m.name} onComplete failed: ${err instanceof Error ? err.message : err}`);
      }
    }
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.middlewares.map((m) => m.close?.()));
  }
}

/** The route serving `path`, if any middleware claims it (exact, or prefix ending in `/`). */
export function findRoute(routes: readonly MiddlewareRoute[], path: string): MiddlewareRoute | undefined {
  for (const r of routes) {
    if (r.path.endsWith('/') ? path.startsWith(r.path) : path === r.path) return r;
  }
  return undefined;
}
