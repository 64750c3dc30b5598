/**
 * The RunConfig's middleware list, split between what the data path does itself and the policy
 * chain (auth, authz, audit, tool filter, webhooks, outgoing auth, telemetry, rate limits).
 * `buildPolicyMiddlewares` is the seam the policy chain plugs into; a RunConfig asking for a
 * middleware nobody implements is refused at startup, never served without it.
 */
import type { RunConfig } from '../../lib/runconfig/types.ts';
import { buildMiddlewares } from '../middleware/chain.ts';
import type { Middleware } from '../middleware/types.ts';

/** Middleware types the data path implements itself (body limit, parser, origin, …). */
export const DATA_PATH_MIDDLEWARES: ReadonlySet<string> = new Set([
  'bodylimit',
  'mcp-parser',
  'origin',
  'recovery',
  'header-forward',
  // Anonymous usage reporting to Stacklok: this implementation never phones home.
  'usagemetrics',
]);

export type PolicyBuilder = (rc: RunConfig, hooks?: PolicyHooks) => Promise<Middleware[]>;

/** What the data path lends the policy chain. */
export interface PolicyHooks {
  /** Live sessions of this proxy, exported as `toolhive_mcp_active_sessions`. */
  readonly activeSessions?: () => number;
}

/**
 * The policy chain (proxyrunner/middleware/chain.ts) for this RunConfig, without the steps the
 * data path implements itself. Types nobody implements are refused at startup.
 */
export const buildPolicyMiddlewares: PolicyBuilder = async (rc, hooks = {}) => {
  const chain = await buildMiddlewares(rc, {
    skipTypes: DATA_PATH_MIDDLEWARES,
    ...(hooks.activeSessions ? { activeSessions: hooks.activeSessions } : {}),
  });
  return chain.middlewares;
};
