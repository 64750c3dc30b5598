/**
 * The ioredis client for Redis storage, from the RunConfig's `storage.redis_config`: a standalone
 * server, a Redis Cluster (`cluster_mode`) or a Sentinel-managed master, ACL credentials from
 * the environment variables the config names, TLS with an optional CA file, and the dial and
 * read timeouts. Commands fail fast while Redis is unreachable (no offline queue), so a storage
 * outage surfaces as a 503 instead of requests piling up.
 */
import type { ConnectionOptions } from 'node:tls';
import { Cluster, Redis, type RedisOptions } from 'ioredis';
import type { RedisRunConfig, RedisTLSRunConfig } from '../../../lib/runconfig/authserver.ts';
import { parseGoDuration } from '../../middleware/shared/duration.ts';
import type { Env } from '../../middleware/shared/secrets.ts';
import type { RedisCommander } from './redis.ts';

export interface RedisConnection {
  readonly commander: RedisCommander;
  /** Resolves once connected, or rejects after the dial timeout. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

function hostPort(addr: string, defaultPort: number): { host: string; port: number } {
  const m = /^\[?([^\]]+?)\]?:(\d+)$/.exec(addr.trim());
  return m ? { host: m[1]!, port: Number(m[2]) } : { host: addr.trim(), port: defaultPort };
}

function durationMs(value: string | undefined, fallback: number, what: string): number {
  if (!value) return fallback;
  try {
    return parseGoDuration(value);
  } catch {
    throw new Error(`invalid ${what} "${value}"`);
  }
}

function envValue(env: Env, name: string, what: string): string {
  const v = env[name];
  if (v === undefined) throw new Error(`environment variable "${name}" is not set (${what})`);
  return v;
}

function tlsOptions(
  cfg: RedisTLSRunConfig | undefined,
  readFile: (p: string) => string,
): ConnectionOptions | undefined {
  if (!cfg) return undefined;
  let ca: string | undefined;
  if (cfg.ca_cert_file) {
    try {
      ca = readFile(cfg.ca_cert_file);
    } catch (err) {
      throw new Error(
        `failed to read Redis CA cert file ${cfg.ca_cert_file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`,
      );
    }
  }
  return {
    ...(ca ? { ca } : {}),
    rejectUnauthorized: cfg.insecure_skip_verify !== true,
    minVersion: 'TLSv1.2',
  };
}

export function connectRedis(
  cfg: RedisRunConfig,
  env: Env,
  readFile: (p: string) => string,
): RedisConnection {
  if (cfg.auth_type && cfg.auth_type !== 'aclUser')
    throw new Error(`unsupported redis auth_type "${cfg.auth_type}" (only aclUser)`);
  const acl = cfg.acl_user_config;
  if (!acl?.password_env_var) throw new Error('acl user config is required');
  const username = acl.username_env_var ? envValue(env, acl.username_env_var, 'Redis username') : undefined;
  const password = envValue(env, acl.password_env_var, 'Redis password');
  const dialMs = durationMs(cfg.dial_timeout, 5_000, 'dial_timeout');
  const readMs = durationMs(cfg.read_timeout, 3_000, 'read_timeout');
  const tls = tlsOptions(cfg.tls, readFile);
  const base: RedisOptions = {
    ...(username ? { username } : {}),
    password,
    connectTimeout: dialMs,
    commandTimeout: readMs,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    lazyConnect: false,
    retryStrategy: (times: number) => Math.min(times * 200, 2_000),
    ...(tls ? { tls } : {}),
  };

  let client: Redis | Cluster;
  if (cfg.sentinel_config) {
    const sc = cfg.sentinel_config;
    if (!sc.sentinel_addrs?.length) throw new Error('sentinel_config.sentinel_addrs is empty');
    const sentinelTls = tlsOptions(cfg.sentinel_tls, readFile);
    client = new Redis({
      ...base,
      sentinels: sc.sentinel_addrs.map((a) => hostPort(a, 26379)),
      name: sc.master_name,
      db: sc.db ?? 0,
      ...(sentinelTls ? { enableTLSForSentinelMode: true, sentinelTLS: sentinelTls } : {}),
    });
  } else if (cfg.cluster_mode) {
    if (!cfg.addr) throw new Error('clusterMode requires addr to be set');
    client = new Cluster([hostPort(cfg.addr, 6379)], {
      redisOptions: base,
      enableOfflineQueue: false,
      clusterRetryStrategy: (times: number) => Math.min(times * 200, 2_000),
    });
  } else {
    if (!cfg.addr) throw new Error('one of addr or sentinel_config is required for Redis storage');
    client = new Redis({ ...base, ...hostPort(cfg.addr, 6379) });
  }
  // Connection errors are reported per command as storage errors; the event would only repeat them.
  client.on('error', () => undefined);

  return {
    commander: { call: (command, ...args) => client.call(command, ...args) },
    ready: () =>
      new Promise<void>((resolve, reject) => {
        if (client.status === 'ready') return resolve();
        const timer = setTimeout(() => {
          client.off('ready', onReady);
          reject(new Error(`cannot reach Redis within ${dialMs} ms`));
        }, dialMs);
        const onReady = () => {
          clearTimeout(timer);
          resolve();
        };
        client.once('ready', onReady);
      }),
    close: async () => {
      client.disconnect();
    },
  };
}
