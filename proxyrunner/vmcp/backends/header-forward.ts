/**
 * Per-backend header forwarding (ToolHive's `pkg/vmcp/headerforward`): the literal and
 * Secret-backed headers an MCPServerEntry's `spec.headerForward` asks for, added to every HTTP
 * request the vMCP sends to that backend (capability listing and health checks, calls, GET
 * streams, session DELETEs).
 *
 * Where the configuration comes from depends on the mode, as in ToolHive:
 * - static mode (`backends` in the config): the operator renders one JSON manifest per entry as
 *   `TOOLHIVE_HEADER_FORWARD_<NORMALIZED_ENTRY>` on the vMCP container, read here at startup and
 *   matched to the static backend whose normalized name it carries;
 * - discovered mode: the entry's own `spec.headerForward`, read with the entry.
 * Either way a Secret-backed header carries only an identifier (`HEADER_FORWARD_<H>_<ENTRY>`); its
 * value is the env var `TOOLHIVE_SECRET_<identifier>` the operator fills from the Secret with
 * `secretKeyRef` (ToolHive's environment secrets provider).
 *
 * Restricted names (Host, hop-by-hop, Content-Length, X-Forwarded-*, …) and secrets missing from
 * the environment are refused when the backend is set up: every request to that backend then fails
 * with the reason, rather than going out without the header. Values are never logged.
 */

import { normalizeForEnvVar } from '../../../lib/k8s/env.ts';
import {
  HEADER_FORWARD_MANIFEST_ENV_PREFIX,
  type VmcpHeaderForwardConfig,
} from '../../../lib/vmcp-config/build.ts';
import { RESTRICTED_HEADERS, SECRET_ENV_PREFIX } from '../../config/header-forward.ts';

/** ToolHive's `vmcp.HeaderForwardConfig` (the manifest's JSON shape). */
export type HeaderForwardConfig = VmcpHeaderForwardConfig;

export class HeaderForwardError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HeaderForwardError';
  }
}

/** Go's `http.CanonicalHeaderKey` for the names in messages (`x-api-key` → `X-Api-Key`). */
export function canonicalHeaderName(name: string): string {
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) return name;
  return name
    .split('-')
    .map((w) => (w ? w[0]!.toUpperCase() + w.slice(1).toLowerCase() : w))
    .join('-');
}

function stringMap(v: unknown): Record<string, string> | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object');
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (typeof x !== 'string') throw new Error(`${k}: not a string`);
    out[k] = x;
  }
  return out;
}

/**
 * `readHeaderForwardFromEnv`: the manifests the operator put on the pod, by normalized owner
 * name. A manifest that does not parse is logged (by name, never its value) and skipped.
 */
export function readHeaderForwardFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  log: (msg: string) => void = () => undefined,
): Map<string, HeaderForwardConfig> {
  const out = new Map<string, HeaderForwardConfig>();
  for (const name of Object.keys(env).sort()) {
    if (!name.startsWith(HEADER_FORWARD_MANIFEST_ENV_PREFIX)) continue;
    const value = env[name];
    if (value === undefined) continue;
    const owner = name.slice(HEADER_FORWARD_MANIFEST_ENV_PREFIX.length);
    let cfg: HeaderForwardConfig;
    try {
      const parsed = JSON.parse(value) as Record<string, unknown>;
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        throw new Error('not a JSON object');
      const plain = stringMap(parsed.addPlaintextHeaders);
      const secret = stringMap(parsed.addHeadersFromSecret);
      cfg = {
        ...(plain ? { addPlaintextHeaders: plain } : {}),
        ...(secret ? { addHeadersFromSecret: secret } : {}),
      };
    } catch (err) {
      log(
        `invalid headerForward manifest in ${name}, skipping: ${err instanceof Error ? err.message : String(err)}`,
      );
      continue;
    }
    out.set(owner, cfg);
  }
  return out;
}

/** The manifest for a static backend: the one whose env var suffix is its normalized name. */
export function headerForwardForBackend(
  manifests: ReadonlyMap<string, HeaderForwardConfig>,
  backend: string,
): HeaderForwardConfig | undefined {
  return manifests.get(normalizeForEnvVar(backend));
}

/**
 * `resolveHeaderForward`: the headers to add (lower-case names), secrets read from the
 * environment. Throws `HeaderForwardError` — with ToolHive's messages, naming the backend and the
 * header but never a value or the secret identifier — for a restricted name or a missing secret.
 */
export function resolveHeaderForward(
  cfg: HeaderForwardConfig | undefined,
  env: Readonly<Record<string, string | undefined>>,
  backend: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  if (!cfg) return out;
  const refuse = (name: string, why: string): HeaderForwardError =>
    new HeaderForwardError(
      `backend ${JSON.stringify(backend)}: header ${JSON.stringify(canonicalHeaderName(name))} ${why}`,
    );
  const check = (name: string): string => {
    const lower = name.toLowerCase();
    if (RESTRICTED_HEADERS.has(lower)) throw refuse(name, 'is restricted and cannot be forwarded');
    return lower;
  };
  for (const [name, value] of Object.entries(cfg.addPlaintextHeaders ?? {})) out[check(name)] = value;
  for (const [name, identifier] of Object.entries(cfg.addHeadersFromSecret ?? {})) {
    const key = check(name);
    const value = identifier ? env[`${SECRET_ENV_PREFIX}${identifier}`] : undefined;
    if (!value) throw refuse(name, 'secret not found in pod environment');
    out[key] = value;
  }
  return out;
}
