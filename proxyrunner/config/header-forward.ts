/**
 * RunConfig `header_forward` for remote proxies: fixed headers added to every upstream request.
 * Secret-backed values come from `TOOLHIVE_SECRET_<identifier>` environment variables, as
 * ToolHive's environment secrets provider reads them. Headers that would let a config hijack the
 * connection or spoof the client are refused (ToolHive's list); values are never logged.
 */
import type { HeaderForwardConfig } from '../../lib/runconfig/types.ts';

/** ToolHive's `middleware.RestrictedHeaders`, lower case: never set from configuration. */
export const RESTRICTED_HEADERS: ReadonlySet<string> = new Set([
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

export const SECRET_ENV_PREFIX = 'TOOLHIVE_SECRET_';

export function resolveHeaderForward(
  cfg: HeaderForwardConfig | undefined,
  env: NodeJS.ProcessEnv,
): Record<string, string> {
  const out: Record<string, string> = {};
  if (!cfg) return out;
  const set = (name: string, value: string) => {
    const lower = name.toLowerCase();
    if (RESTRICTED_HEADERS.has(lower)) throw new Error(`header_forward may not set the ${name} header`);
    if (lower === 'authorization') {
      console.error(`header_forward sets Authorization on every request to the remote server`);
    }
    out[lower] = value;
  };
  for (const [name, value] of Object.entries(cfg.add_plaintext_headers ?? {})) set(name, value);
  for (const [name, identifier] of Object.entries(cfg.add_headers_from_secret ?? {})) {
    const value = env[`${SECRET_ENV_PREFIX}${identifier}`];
    if (value === undefined) {
      throw new Error(
        `header_forward secret for ${name} is missing (${SECRET_ENV_PREFIX}${identifier} is not set)`,
      );
    }
    set(name, value);
  }
  return out;
}
