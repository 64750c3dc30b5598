/**
 * Which buckets apply to a call (pkg/ratelimit/limiter.go): the server-wide shared bucket, the
 * tool's shared bucket, the caller's server-wide bucket and the caller's per-tool bucket.
 */
import type { RateLimitBucket, RateLimitConfig } from '../../../lib/runconfig/types.ts';
import { parseGoDuration } from '../shared/duration.ts';
import {
  consumeAll,
  makeBucket,
  type RedisCommander,
  retryAfterSeconds,
  type TokenBucket,
} from './buckets.ts';

export type RateLimitScope = 'shared' | 'per_user';
export type RateLimitOperation = 'server' | 'tool';

export interface RateLimitDecision {
  allowed: boolean;
  retryAfterSeconds?: number;
  /** `<scope>_<operation>` of the bucket that refused, e.g. `per_user_tool`. */
  rejectedBy?: string;
}

interface BucketSpec {
  maxTokens: number;
  refillPeriodMs: number;
}

function spec(b: RateLimitBucket, what: string): BucketSpec {
  if (!Number.isInteger(b.maxTokens) || b.maxTokens < 1)
    throw new Error(`${what}: maxTokens must be >= 1, got ${b.maxTokens}`);
  const ms = parseGoDuration(b.refillPeriod);
  if (!(ms > 0)) throw new Error(`${what}: refillPeriod must be positive, got ${b.refillPeriod}`);
  return { maxTokens: b.maxTokens, refillPeriodMs: ms };
}

export function validateRateLimitConfig(c: RateLimitConfig): void {
  if (!c.shared && !c.perUser && !(c.tools && c.tools.length > 0))
    throw new Error('at least one of shared, perUser, or tools must be configured');
  for (const t of c.tools ?? []) {
    if (!t.name) throw new Error('rate limit tool name is required');
    if (!t.shared && !t.perUser)
      throw new Error(`tool "${t.name}": at least one of shared or perUser must be configured`);
  }
}

export class RateLimiter {
  private readonly redis: RedisCommander;
  private readonly namespace: string;
  private readonly serverName: string;
  private readonly shared?: TokenBucket;
  private readonly perUser?: BucketSpec;
  private readonly toolShared = new Map<string, TokenBucket>();
  private readonly toolPerUser = new Map<string, BucketSpec>();

  constructor(redis: RedisCommander, namespace: string, serverName: string, config: RateLimitConfig) {
    validateRateLimitConfig(config);
    this.redis = redis;
    this.namespace = namespace;
    this.serverName = serverName;
    if (config.shared) {
      const s = spec(config.shared, 'shared');
      this.shared = makeBucket(namespace, serverName, 'shared', s.maxTokens, s.refillPeriodMs);
    }
    if (config.perUser) this.perUser = spec(config.perUser, 'perUser');
    for (const t of config.tools ?? []) {
      if (t.shared) {
        const s = spec(t.shared, `tool "${t.name}" shared`);
        this.toolShared.set(
          t.name,
          makeBucket(namespace, serverName, `shared:tool:${t.name}`, s.maxTokens, s.refillPeriodMs),
        );
      }
      if (t.perUser) this.toolPerUser.set(t.name, spec(t.perUser, `tool "${t.name}" perUser`));
    }
  }

  /** Consumes a token for a `tools/call` of `tool` by `userId`; throws when Redis fails. */
  async allow(tool: string | undefined, userId: string | undefined): Promise<RateLimitDecision> {
    const checks: Array<{ bucket: TokenBucket; id: string }> = [];
    if (this.shared) checks.push({ bucket: this.shared, id: 'shared_server' });
    const ts = tool ? this.toolShared.get(tool) : undefined;
    if (ts) checks.push({ bucket: ts, id: 'shared_tool' });
    if (userId) {
      if (this.perUser) {
        checks.push({
          bucket: makeBucket(
            this.namespace,
            this.serverName,
            `user:${userId}`,
            this.perUser.maxTokens,
            this.perUser.refillPeriodMs,
          ),
          id: 'per_user_server',
        });
      }
      const tu = tool ? this.toolPerUser.get(tool) : undefined;
      if (tu) {
        checks.push({
          bucket: makeBucket(
            this.namespace,
            this.serverName,
            `user-tool:${tool}:${userId}`,
            tu.maxTokens,
            tu.refillPeriodMs,
          ),
          id: 'per_user_tool',
        });
      }
    }
    if (checks.length === 0) return { allowed: true };
    const rejected = await consumeAll(
      this.redis,
      checks.map((c) => c.bucket),
    );
    if (rejected < 0) return { allowed: true };
    const c = checks[rejected]!;
    return { allowed: false, retryAfterSeconds: retryAfterSeconds(c.bucket), rejectedBy: c.id };
  }
}
