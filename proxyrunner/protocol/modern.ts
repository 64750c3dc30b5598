/**
 * Serving 2026-07-28 clients from a server that only speaks 2025-11-25 (reference/mcp-protocol.md
 * §3.3 (c), §3.6 pitfall 6): results get the `resultType` discriminator, cacheable results the
 * cache hints, every result the server's identity, and `server/discover` is answered from the
 * server's `initialize` result.
 */
import { CACHEABLE_METHODS, META_SERVER_INFO, MODERN_VERSION } from './revision.ts';

type Params = Record<string, unknown>;

function obj(v: unknown): Params | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Params) : undefined;
}

/** Adds, in place, what a modern result needs and a legacy server does not send. */
export function modernizeResult(method: string, result: Params, serverInfo: unknown): void {
  if (typeof result !== 'object' || result === null) return;
  if (result.resultType === undefined) result.resultType = 'complete';
  if (CACHEABLE_METHODS.has(method) && result.resultType === 'complete') {
    // No hint from the server: "stale at once" and never shared across callers.
    if (result.ttlMs === undefined) result.ttlMs = 0;
    if (result.cacheScope === undefined) result.cacheScope = 'private';
  }
  if (serverInfo !== undefined) {
    const meta = obj(result._meta);
    if (!meta) result._meta = { [META_SERVER_INFO]: serverInfo };
    else if (!(META_SERVER_INFO in meta)) meta[META_SERVER_INFO] = serverInfo;
  }
}

/** A `DiscoverResult` built from a legacy `InitializeResult`. */
export function discoverFromInitialize(init: Params | undefined): Params {
  const result: Params = {
    supportedVersions: [MODERN_VERSION],
    capabilities: obj(init?.capabilities) ?? {},
    resultType: 'complete',
    ttlMs: 0,
    cacheScope: 'private',
  };
  if (typeof init?.instructions === 'string') result.instructions = init.instructions;
  if (init?.serverInfo !== undefined) result._meta = { [META_SERVER_INFO]: init.serverInfo };
  return result;
}

/** The handshake a proxy sends on its own behalf to a legacy server. */
export const PROXY_INITIALIZE_PARAMS: Readonly<Params> = {
  protocolVersion: '2025-11-25',
  capabilities: {},
  clientInfo: { name: 'toolhive-ts-proxy', version: '1' },
};
