/**
 * Per-backend header forwarding (ToolHive `pkg/vmcp/cli/header_forward_env.go` and
 * `pkg/vmcp/headerforward/transport.go`). The operator renders, for each MCPServerEntry with
 * `spec.headerForward`, a `TOOLHIVE_HEADER_FORWARD_<NORMALIZED_ENTRY>` env var holding a JSON
 * `vmcp.HeaderForwardConfig` — plaintext headers verbatim, secret-backed headers as a secret
 * identifier — and one `TOOLHIVE_SECRET_<identifier>` env var per secret header holding its value.
 * At startup the vMCP resolves them once into a fixed header set for that backend, which is then
 * added to every HTTP request sent to it. Header values are never logged.
 */
import { normalizeForEnvVar } from '../../../lib/k8s/env.ts';

export const MANIFEST_ENV_PREFIX = 'TOOLHIVE_HEADER_FORWARD_';
export const SECRET_ENV_PREFIX = 'TOOLHIVE_SECRET_';

/** `vmcp.HeaderForwardConfig` as the operator serializes it. */
export interface HeaderForwardConfig {
  readonly addPlaintextHeaders?: Readonly<Record<string, string>>;
  /** Header name → secret identifier (resolved from `TOOLHIVE_SECRET_<identifier>`). */
  readonly addHeadersFromSecret?: Readonly<Record<string, string>>;
}

/**
 * `middleware.RestrictedHeaders` (pkg/transport/middleware/header_forward.go), canonical names
 * lowercased: routing, hop-by-hop, request-smuggling and identity-spoofing headers. Authorization
 * is not in ToolHive's list, so it is not refused here either.
 */
export const RESTRICTED_FORWARD_HEADERS: ReadonlySet<string> = new Set([
  'host',
  'connection',
  'keep-alive',
  'te',
  'trailer',
  'upgrade',
  'http2-settings',
  'proxy-authorization',
  'proxy-authenticate',
  'proxy-connection',
  'transfer-encoding',
  'content-length',
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-real-ip',
]);

/** Go's `http.CanonicalHeaderKey` for valid token names: `x-api-key` → `X-Api-Key`. */
export function canonicalHeaderKey(name: string): string {
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) return name;
  return name
    .toLowerCase()
    .split('-')
    .map((p) => (p ? p[0]!.toUpperCase() + p.slice(1) : p))
    .join('-');
}

function stringMap(v: unknown): Record<string, string> | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object');
  for (const x of Object.values(v)) if (typeof x !== 'string') throw new Error('values must be strings');
  return v as Record<string, string>;
}

/**
 * `readHeaderForwardFromEnv`: every `TOOLHIVE_HEADER_FORWARD_<SEGMENT>` env var, keyed by
 * `<SEGMENT>` (the normalized backend name). A malformed manifest is logged (name only) and
 * skipped, as ToolHive does: that backend gets no forwarded headers.
 */
export function readHeaderForwardFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  log: (m: string) => void = () => undefined,
): Map<string, HeaderForwardConfig> {
  const out = new Map<string, HeaderForwardConfig>();
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith(MANIFEST_ENV_PREFIX) || value === undefined) continue;
    const segment = name.slice(MANIFEST_ENV_PREFIX.length);
    try {
      const raw = JSON.parse(value) as Record<string, unknown> | null;
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error('not an object');
      const plain = stringMap(raw.addPlaintextHeaders);
      const secret = stringMap(raw.addHeadersFromSecret);
      out.set(segment, {
        ...(plain ? { addPlaintextHeaders: plain } : {}),
        ...(secret ? { addHeadersFromSecret: secret } : {}),
      });
    } catch (err) {
      log(`invalid headerForward manifest in ${name}, skipping: ${err instanceof Error ? err.message : err}`);
    }
  }
  return out;
}

/**
 * `resolveHeaderForward`: the backend's headers (canonical name → value), plaintext verbatim and
 * secret-backed ones read from `TOOLHIVE_SECRET_<identifier>`. Throws, naming the backend and
 * header (and, for a missing secret, the env var — never a value), when a header is restricted or
 * a secret env var is unset or empty.
 */
export function resolveHeaderForward(
  backend: string,
  cfg: HeaderForwardConfig | undefined,
  env: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (name: string, value: string): void => {
    const canonical = canonicalHeaderKey(name);
    if (RESTRICTED_FORWARD_HEADERS.has(canonical.toLowerCase()))
      throw new Error(`backend "${backend}": header "${canonical}" is restricted and cannot be forwarded`);
    out[canonical] = value;
  };
  for (const [name, value] of Object.entries(cfg?.addPlaintextHeaders ?? {})) add(name, value);
  for (const [name, identifier] of Object.entries(cfg?.addHeadersFromSecret ?? {})) {
    const canonical = canonicalHeaderKey(name);
    if (RESTRICTED_FORWARD_HEADERS.has(canonical.toLowerCase()))
      throw new Error(`backend "${backend}": header "${canonical}" is restricted and cannot be forwarded`);
    if (!identifier) throw new Error(`backend "${backend}": header "${canonical}" names no secret`);
    const variable = `${SECRET_ENV_PREFIX}${identifier}`;
    const value = env[variable];
    if (value === undefined || value === '')
      throw new Error(
        `backend "${backend}": header "${canonical}" secret not found: environment variable ${variable} is not set`,
      );
    out[canonical] = value;
  }
  return out;
}

/** The forwarded headers of one backend by name, from the env; empty when it forwards none. */
export function forwardHeadersFromEnv(
  backend: string,
  manifests: ReadonlyMap<string, HeaderForwardConfig>,
  env: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  return resolveHeaderForward(backend, manifests.get(normalizeForEnvVar(backend)), env);
}
