/**
 * The environment of a local MCP server (laptop mode, `-- COMMAND ARGS…`): the proxy's own
 * environment, as mcp-proxy and supergateway pass it (the server may need PATH, HOME, its own
 * API keys), minus the credentials that are the proxy's alone, plus the RunConfig's `env_vars`.
 *
 * Without this the server inherited `THV_SESSION_REDIS_PASSWORD`, the OIDC and token-exchange
 * client secrets, `TOOLHIVE_SECRET_*` header values and the like, and any server with a tool
 * that reads its environment (server-everything's `get-env`, a shell tool) handed them to every
 * client. In ToolHive the server runs in its own container with only what its RunConfig gives
 * it; in a cluster our charts do the same (Decision 9), and this keeps laptop mode to that rule.
 */
import type { RunConfig } from '../../lib/runconfig/types.ts';

/** Variables that only ever carry the proxy's credentials. */
const PROXY_SECRETS = new Set([
  'THV_SESSION_REDIS_PASSWORD',
  'TOOLHIVE_OIDC_CLIENT_SECRET',
  'TOOLHIVE_REMOTE_AUTH_BEARER_TOKEN',
  'OTEL_EXPORTER_OTLP_HEADERS',
  'VMCP_OIDC_CLIENT_SECRET',
  'VMCP_SESSION_HMAC_SECRET',
]);

/** Prefixes of families of such variables (secret providers, per-name client secrets). */
const PROXY_SECRET_PREFIXES = [
  'TOOLHIVE_SECRET_',
  'TOOLHIVE_TOKEN_EXCHANGE_CLIENT_SECRET',
  'TOOLHIVE_OTEL_HEADER_',
  'TOOLHIVE_HEADER_INJECTION_VALUE',
  'TOOLHIVE_UPSTREAM_CLIENT_SECRET',
  'TOOLHIVE_UPSTREAM_DCR_',
  'TOOLHIVE_DELEGATE_CLIENT_SECRET',
  'TOOLHIVE_XAA_',
  'TOOLHIVE_AUTH_SERVER_REDIS_',
  'TOOLHIVE_AS_REDIS_',
];

/** Names of variables a RunConfig points its own secrets at (`*_env_var` keys). */
function referencedSecretVars(value: unknown, out: Set<string>, depth = 0): Set<string> {
  if (depth > 20 || typeof value !== 'object' || value === null) return out;
  for (const [k, v] of Object.entries(value)) {
    if (k.endsWith('_env_var') && typeof v === 'string' && v !== '') out.add(v);
    else referencedSecretVars(v, out, depth + 1);
  }
  return out;
}

/** Whether a variable of the proxy's environment is withheld from the MCP server. */
export function isProxySecret(name: string, referenced: ReadonlySet<string> = new Set()): boolean {
  return (
    PROXY_SECRETS.has(name) || referenced.has(name) || PROXY_SECRET_PREFIXES.some((p) => name.startsWith(p))
  );
}

export function childEnvironment(parent: NodeJS.ProcessEnv, rc: RunConfig): NodeJS.ProcessEnv {
  const referenced = referencedSecretVars(rc, new Set());
  const out: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(parent)) {
    if (value !== undefined && !isProxySecret(name, referenced)) out[name] = value;
  }
  // What the RunConfig gives the server explicitly is the server's.
  return { ...out, ...(rc.env_vars ?? {}) };
}
