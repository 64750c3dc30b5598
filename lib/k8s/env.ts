/** Environment-variable lists: building, de-duplicating and sorting them deterministically. */
import type { EnvVar } from './types.ts';

/** A `secretKeyRef` env var: the only way a Secret value reaches a container we render. */
export function secretEnv(name: string, secretName: string, key: string): EnvVar {
  return { name, valueFrom: { secretKeyRef: { name: secretName, key } } };
}

/**
 * V8 settings for the proxy and vMCP processes: a young generation of at most 4 MiB per
 * semi-space (V8's default grows to 16 MiB). They make mostly short-lived garbage; with the
 * defaults RSS climbs under sustained load (63 → 138 MiB over 100,000 sessions in the proxy
 * benchmark) although the live heap stays flat, and with this it stays within a few MiB
 * (docs/proxyrunner.md, Performance). A container's own NODE_OPTIONS wins. V8 flags that Node
 * refuses in NODE_OPTIONS are set by the processes themselves (proxyrunner/runtime-flags.ts).
 */
export const PROXY_NODE_OPTIONS = '--max-semi-space-size=4';

/**
 * ToolHive's `EnsureRequiredEnvVars`, appended to every proxy and vMCP container: a writable
 * HOME on a read-only root file system, the runtime, and structured logs; and our Node settings.
 */
export function withRequiredProxyEnv(env: EnvVar[]): EnvVar[] {
  const out = [...env];
  const has = (n: string) => out.some((e) => e.name === n);
  for (const [name, value] of [
    ['XDG_CONFIG_HOME', '/tmp'],
    ['HOME', '/tmp'],
    ['TOOLHIVE_RUNTIME', 'kubernetes'],
    ['UNSTRUCTURED_LOGS', 'false'],
    ['NODE_OPTIONS', PROXY_NODE_OPTIONS],
  ] as const) {
    if (!has(name)) out.push({ name, value });
  }
  if (out.some((e) => e.name.startsWith('TOOLHIVE_SECRET_')) && !has('TOOLHIVE_SECRETS_PROVIDER')) {
    out.push({ name: 'TOOLHIVE_SECRETS_PROVIDER', value: 'environment' });
  }
  return out;
}

/** Last definition of each name wins (as in a container), then sorted by name. */
export function sortedEnv(env: readonly EnvVar[]): EnvVar[] {
  const byName = new Map<string, EnvVar>();
  for (const e of env) byName.set(e.name, e);
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * `X-Api-Key` → `X_API_KEY`, as ToolHive names OTLP header env vars
 * (`normalizeHeaderEnvVarName`: upper case, `-` → `_`).
 */
export function headerEnvSuffix(header: string): string {
  return header.toUpperCase().replace(/-/g, '_');
}

/**
 * ToolHive's `wirefmt.NormalizeForEnvVar`, used in every header-forward env var name: upper case,
 * `-` → `_`, and anything else outside `[A-Z0-9_]` → `_`, so any HTTP header name gives a valid
 * env var name.
 */
export function normalizeForEnvVar(s: string): string {
  return s
    .replace(/-/g, '_')
    .toUpperCase()
    .replace(/[^A-Z0-9_]/g, '_');
}
