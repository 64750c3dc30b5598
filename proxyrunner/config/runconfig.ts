/**
 * Reading a RunConfig the way `thv-proxyrunner` does (reference/toolhive-dataplane.md §1):
 * the first existing of ToolHive's paths, unknown keys ignored, `proxy_mode` normalised, the
 * session TTL parsed as a Go duration (invalid or negative is a startup error).
 */
import { existsSync, readFileSync } from 'node:fs';
import { RUNCONFIG_PATHS, type RunConfig } from '../../lib/runconfig/types.ts';
import { DEFAULT_SESSION_TTL_MS } from '../session/manager.ts';
import { parseGoDuration } from './duration.ts';

export function findRunConfigPath(paths: readonly string[] = RUNCONFIG_PATHS): string | undefined {
  return paths.find((p) => existsSync(p));
}

export function readRunConfig(path: string): RunConfig {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read RunConfig ${path}: ${err instanceof Error ? err.message : err}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`RunConfig ${path} is not a JSON object`);
  }
  return normaliseRunConfig(value as Partial<RunConfig>);
}

export function normaliseRunConfig(rc: Partial<RunConfig>): RunConfig {
  const transport = rc.transport ?? 'streamable-http';
  if (!['stdio', 'sse', 'streamable-http'].includes(transport)) {
    throw new Error(`RunConfig transport "${transport}" is not one of stdio, sse, streamable-http`);
  }
  const out: RunConfig = {
    ...rc,
    schema_version: rc.schema_version ?? 'v0.1.0',
    image: rc.image ?? '',
    name: rc.name ?? 'mcp',
    transport,
    host: rc.host ?? '127.0.0.1',
    port: rc.port ?? 8080,
  };
  // For HTTP transports the client-facing protocol is the backend's own.
  out.proxy_mode = transport === 'stdio' ? (rc.proxy_mode ?? 'streamable-http') : transport;
  return out;
}

export function sessionTtlMs(rc: RunConfig): number {
  if (rc.session_ttl === undefined || rc.session_ttl === '') return DEFAULT_SESSION_TTL_MS;
  const ms = parseGoDuration(rc.session_ttl);
  if (ms === undefined || ms <= 0) throw new Error(`invalid session_ttl "${rc.session_ttl}"`);
  return ms;
}

/** `TOOLHIVE_PROXY_REQUEST_TIMEOUT` (Go duration), else 60 s. */
export function requestTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.TOOLHIVE_PROXY_REQUEST_TIMEOUT;
  if (text === undefined || text === '') return 60_000;
  const ms = parseGoDuration(text);
  if (ms === undefined || ms <= 0) throw new Error(`invalid TOOLHIVE_PROXY_REQUEST_TIMEOUT "${text}"`);
  return ms;
}
