/** The session store a RunConfig asks for: memory, or Redis (`scaling_config.session_redis`). */
import { RUNCONFIG_ENV, type RunConfig } from '../../lib/runconfig/types.ts';
import { MemorySessionStore } from '../session/memory.ts';
import { RedisSessionStore } from '../session/redis.ts';
import type { SessionStore } from '../session/types.ts';

export function sessionStoreFor(rc: RunConfig, env: NodeJS.ProcessEnv = process.env): SessionStore {
  const redis = rc.scaling_config?.session_redis;
  if (!redis?.address) return new MemorySessionStore();
  const password = env[RUNCONFIG_ENV.sessionRedisPassword];
  return new RedisSessionStore({
    address: redis.address,
    ...(password ? { password } : {}),
    ...(redis.db !== undefined ? { db: redis.db } : {}),
    ...(redis.key_prefix ? { keyPrefix: redis.key_prefix } : {}),
  });
}
