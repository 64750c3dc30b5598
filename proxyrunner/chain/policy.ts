/**
 * The RunConfig's middleware list, split between what the data path does itself and the policy
 * chain (auth, authz, audit, tool filter, webhooks, outgoing auth, telemetry, rate limits).
 * `buildPolicyMiddlewares` is the seam the policy chain plugs into; a RunConfig asking for a
 * policy this build cannot apply is refused at startup, never served without it.
 */
import type { RunConfig } from '../../lib/runconfig/types.ts';
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

/** Policy middleware types the RunConfig asks for, in chain order. */
export function requestedPolicyTypes(rc: RunConfig): string[] {
  const types: string[] = [];
  for (const m of [...(rc.middleware_configs ?? []), ...(rc.additional_middleware_configs ?? [])]) {
    if (!DATA_PATH_MIDDLEWARES.has(m.type)) types.push(m.type);
  }
  if (types.length === 0 && (rc.middleware_configs ?? []).length === 0) {
    // An unpopulated list: the typed fields say what ToolHive would have built.
    if (rc.oidc_config) types.push('auth');
    if (rc.token_exchange_config) types.push('tokenexchange');
    if ((rc.tools_filter ?? []).length > 0 || Object.keys(rc.tools_override ?? {}).length > 0) {
      types.push('tool-filter', 'tool-call-filter');
    }
    if (rc.telemetry_config) types.push('telemetry');
    if (rc.rate_limit_config) types.push('ratelimit');
    if ((rc.mutating_webhooks ?? []).length > 0) types.push('mutating-webhook');
    if ((rc.validating_webhooks ?? []).length > 0) types.push('validating-webhook');
    if (rc.authz_config || rc.authz_config_path) types.push('authorization');
    if (rc.audit_config || rc.audit_config_path) types.push('audit');
  }
  return types;
}

export type PolicyBuilder = (rc: RunConfig) => Promise<Middleware[]>;

/** Default builder: no policy middlewares in this build, so refuse configs that need them. */
export const buildPolicyMiddlewares: PolicyBuilder = async (rc) => {
  const wanted = requestedPolicyTypes(rc);
  if (wanted.length > 0) {
    throw new Error(`the RunConfig asks for middlewares this build does not provide: ${wanted.join(', ')}`);
  }
  return [];
};
