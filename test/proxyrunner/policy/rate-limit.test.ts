import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunConfig } from '../../../lib/runconfig/types.ts';
import { buildMiddlewares, type PolicyChain } from '../../../proxyrunner/middleware/chain.ts';
import type { Identity } from '../../../proxyrunner/middleware/types.ts';
import { startRedis, type TestRedis } from '../../support/redis.ts';
import { fakeBackend, runChain } from './support/chain-runner.ts';
import { requestContext, rpc, toolCall } from './support/context.ts';
import { captureLogs } from './support/logs.ts';
import { expectNoSecrets } from './support/secrets-scan.ts';

const logs = captureLogs('rate-limit');
const audit: string[] = [];
let redis: TestRedis;

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis.stop();
  expectNoSecrets(logs.lines);
});

let serverSeq = 0;
function rc(extra: Partial<RunConfig>): RunConfig {
  return {
    schema_version: 'v0.1.0',
    image: 'x',
    name: `srv-${++serverSeq}`,
    transport: 'stdio',
    host: '127.0.0.1',
    port: 8080,
    rate_limit_namespace: 'team-a',
    scaling_config: { session_redis: { address: redis.address } },
    audit_config: {},
    ...extra,
  };
}

const user = (sub: string): Identity => ({ subject: sub, claims: { sub } });

async function call(chain: PolicyChain, tool: string, who: string, id = 1) {
  const ctx = requestContext({ message: toolCall(tool, {}, id) });
  // Stand in for incoming auth so buckets are per user.
  const withIdentity = [
    {
      name: 'test-auth',
      onRequest: (c: typeof ctx) => {
        c.identity = user(who);
        return undefined;
      },
    },
    ...chain.middlewares.filter((m) => m.name !== 'auth'),
  ];
  return runChain(withIdentity, ctx, fakeBackend());
}

describe('token buckets in Redis', () => {
  it('a shared bucket limits all users together; 429 carries Retry-After and ToolHive’s body', async () => {
    const chain = await buildMiddlewares(
      rc({ rate_limit_config: { shared: { maxTokens: 3, refillPeriod: '1h' } } }),
      { logger: logs.logger, auditSink: (l) => audit.push(l) },
    );
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await call(chain, 'echo', i % 2 ? 'alice' : 'bob')).status);
    expect(statuses).toEqual([200, 200, 200]);
    const limited = await call(chain, 'echo', 'carol', 42);
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('1200');
    expect(limited.body).toEqual({
      jsonrpc: '2.0',
      id: 42,
      error: { code: 429, message: 'Rate limit exceeded', data: { retryAfterSeconds: 1200 } },
    });
    expect(JSON.parse(audit[audit.length - 1]!)).toMatchObject({ type: 'mcp_tool_call', outcome: 'failure' });
    // Only tools/call is metered.
    const list = await runChain(
      chain.middlewares,
      requestContext({ message: rpc('tools/list') }),
      fakeBackend(),
    );
    expect(list.status).toBe(200);
    await chain.close();
  });

  it('per-user buckets are independent; per-tool buckets apply on top', async () => {
    const chain = await buildMiddlewares(
      rc({
        rate_limit_config: {
          perUser: { maxTokens: 2, refillPeriod: '1h' },
          tools: [{ name: 'printEnv', shared: { maxTokens: 1, refillPeriod: '1h' } }],
        },
      }),
      { logger: logs.logger },
    );
    expect((await call(chain, 'echo', 'alice')).status).toBe(200);
    expect((await call(chain, 'echo', 'alice')).status).toBe(200);
    expect((await call(chain, 'echo', 'alice')).status).toBe(429);
    expect((await call(chain, 'echo', 'bob')).status).toBe(200);
    expect((await call(chain, 'printEnv', 'bob')).status).toBe(200);
    // bob still has a personal token, but printEnv's shared bucket is empty.
    expect((await call(chain, 'printEnv', 'dave')).status).toBe(429);
    await chain.close();
  });

  it('uses ToolHive’s key layout so replicas share the buckets', async () => {
    const rcfg = rc({ rate_limit_config: { perUser: { maxTokens: 1, refillPeriod: '10s' } } });
    const a = await buildMiddlewares(rcfg, { logger: logs.logger });
    const b = await buildMiddlewares(rcfg, { logger: logs.logger });
    expect((await call(a, 'echo', 'erin')).status).toBe(200);
    expect((await call(b, 'echo', 'erin')).status).toBe(429);
    const client = new Redis(redis.port, '127.0.0.1');
    const key = `thv:rl:{team-a:${rcfg.name}}:user:erin`;
    expect(await client.hgetall(key)).toMatchObject({
      tokens: expect.any(String),
      last_refill: expect.any(String),
    });
    expect(await client.ttl(key)).toBeGreaterThan(0);
    expect(await client.ttl(key)).toBeLessThanOrEqual(20);
    client.disconnect();
    await a.close();
    await b.close();
  });

  it('refills over time', async () => {
    const chain = await buildMiddlewares(
      rc({ rate_limit_config: { shared: { maxTokens: 1, refillPeriod: '1s' } } }),
      { logger: logs.logger },
    );
    expect((await call(chain, 'echo', 'x')).status).toBe(200);
    const second = await call(chain, 'echo', 'x');
    expect(second.status).toBe(429);
    expect(second.headers['retry-after']).toBe('1');
    await new Promise((r) => setTimeout(r, 1_200));
    expect((await call(chain, 'echo', 'x')).status).toBe(200);
    await chain.close();
  });
});

describe('when Redis is unreachable', () => {
  const unreachable = (policy?: 'fail-open' | 'fail-closed', env: Record<string, string> = {}) =>
    buildMiddlewares(
      rc({
        scaling_config: { session_redis: { address: '127.0.0.1:1' } },
        rate_limit_config: { shared: { maxTokens: 1, refillPeriod: '1h' } },
        ...(policy ? { rate_limit_failure_policy: policy } : {}),
      }),
      { logger: logs.logger, env, redisStartupWaitMs: 200 },
    );

  it('fails open by default, as ToolHive does', async () => {
    const chain = await unreachable();
    for (let i = 0; i < 3; i++) expect((await call(chain, 'echo', 'x')).status).toBe(200);
    expect(logs.lines.some((l) => l.includes('rate limit check failed, allowing request'))).toBe(true);
    await chain.close();
  });

  it('fails closed with 503 when configured to', async () => {
    const chain = await unreachable('fail-closed');
    const r = await call(chain, 'echo', 'x', 8);
    expect(r.status).toBe(503);
    expect(r.body).toEqual({
      jsonrpc: '2.0',
      id: 8,
      error: { code: -32000, message: 'Rate limiter unavailable' },
    });
    await chain.close();
  });

  it('the environment variable overrides the RunConfig', async () => {
    const chain = await unreachable('fail-open', { TOOLHIVE_RATE_LIMIT_FAILURE_POLICY: 'fail-closed' });
    expect((await call(chain, 'echo', 'x')).status).toBe(503);
    await chain.close();
  });

  it('applies the policy when Redis goes away mid-run', async () => {
    const own = await startRedis();
    const chain = await buildMiddlewares(
      rc({
        scaling_config: { session_redis: { address: own.address } },
        rate_limit_config: { shared: { maxTokens: 100, refillPeriod: '1h' } },
        rate_limit_failure_policy: 'fail-closed',
      }),
      { logger: logs.logger },
    );
    expect((await call(chain, 'echo', 'x')).status).toBe(200);
    await own.stop();
    expect((await call(chain, 'echo', 'x')).status).toBe(503);
    await chain.close();
  });
});
