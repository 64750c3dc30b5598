/**
 * Token buckets in Redis (pkg/ratelimit/internal/bucket): each bucket is a hash
 * `{tokens, last_refill(µs)}` under `thv:rl:{<namespace>:<server>}:<suffix>`. One Lua script
 * refills every bucket that applies to a call with Redis's own clock, and consumes a token from
 * each only if all have one, so replicas share the limits exactly.
 */
import { createHash } from 'node:crypto';

export const CONSUME_ALL_SCRIPT = `
local numBuckets = tonumber(ARGV[1])
local timeResp = redis.call('TIME')
local now = tonumber(timeResp[1]) * 1000000 + tonumber(timeResp[2])
local refilled = {}
local rejectIdx = 0
for i = 1, numBuckets do
    local key = KEYS[i]
    local maxTokens = tonumber(ARGV[1 + i])
    local refillRate = tonumber(ARGV[1 + numBuckets + i])
    local data = redis.call('HMGET', key, 'tokens', 'last_refill')
    local tokens = tonumber(data[1])
    local lastRefill = tonumber(data[2])
    if tokens == nil then
        refilled[i] = maxTokens
    else
        local elapsedSec = math.max(0, (now - lastRefill) / 1000000)
        refilled[i] = math.min(maxTokens, tokens + elapsedSec * refillRate)
    end
    if refilled[i] < 1 and rejectIdx == 0 then
        rejectIdx = i
    end
end
if rejectIdx ~= 0 then
    for i = 1, numBuckets do
        local expireSec = tonumber(ARGV[1 + 2 * numBuckets + i])
        redis.call('HSET', KEYS[i], 'tokens', refilled[i], 'last_refill', now)
        redis.call('EXPIRE', KEYS[i], expireSec)
    end
    return rejectIdx
end
for i = 1, numBuckets do
    local expireSec = tonumber(ARGV[1 + 2 * numBuckets + i])
    redis.call('HSET', KEYS[i], 'tokens', refilled[i] - 1, 'last_refill', now)
    redis.call('EXPIRE', KEYS[i], expireSec)
end
return 0
`;

export interface TokenBucket {
  key: string;
  maxTokens: number;
  /** Tokens per second. */
  refillRate: number;
  expireSeconds: number;
}

export function keyPrefix(namespace: string, serverName: string): string {
  return `thv:rl:{${namespace}:${serverName}}:`;
}

export function makeBucket(
  namespace: string,
  serverName: string,
  suffix: string,
  maxTokens: number,
  refillPeriodMs: number,
): TokenBucket {
  const refillSec = refillPeriodMs / 1000;
  return {
    key: keyPrefix(namespace, serverName) + suffix,
    maxTokens,
    refillRate: maxTokens / refillSec,
    expireSeconds: Math.ceil(2 * refillSec),
  };
}

/** Seconds until one token is back: at least 1, rounded up. */
export function retryAfterSeconds(b: TokenBucket): number {
  return Math.max(1, Math.ceil(1 / b.refillRate));
}

/**
 * The one Redis operation the limiter needs: a command as an argument list. Any client fits,
 * ioredis (`call`) or the proxy's own RESP client (`command`); errors must reject.
 */
export interface RedisCommander {
  command(...args: Array<string | number>): Promise<unknown>;
}

const CONSUME_ALL_SHA = createHash('sha1').update(CONSUME_ALL_SCRIPT).digest('hex');

/** Index of the first bucket that refused, or -1 when all had a token (and each lost one). */
export async function consumeAll(redis: RedisCommander, buckets: readonly TokenBucket[]): Promise<number> {
  if (buckets.length === 0) return -1;
  const n = buckets.length;
  const args: Array<string | number> = [n, ...buckets.map((b) => b.key), n];
  for (const b of buckets) args.push(b.maxTokens);
  for (const b of buckets) args.push(b.refillRate.toFixed(6));
  for (const b of buckets) args.push(b.expireSeconds);
  let result: unknown;
  try {
    result = await redis.command('EVALSHA', CONSUME_ALL_SHA, ...args);
  } catch (err) {
    // First use on this server (or after SCRIPT FLUSH): send the script itself once.
    if (!String((err as Error).message).includes('NOSCRIPT')) throw err;
    result = await redis.command('EVAL', CONSUME_ALL_SCRIPT, ...args);
  }
  const r = Number(result);
  if (!Number.isInteger(r)) throw new Error(`unexpected rate limit script result ${String(result)}`);
  return r === 0 ? -1 : r - 1;
}
