/**
 * Sessions: the Redis store against a real redis-server, two proxy replicas sharing it with a
 * session (and its backend pod pin) moving between them, recovery when the pinned pod goes
 * away, the sliding TTL, and the capacity limit.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PodTarget } from '../../proxyrunner/backend/targets.ts';
import { createProxy, type McpProxy } from '../../proxyrunner/proxy.ts';
import { RedisSessionStore } from '../../proxyrunner/session/redis.ts';
import { HttpBackendForwarder } from '../../proxyrunner/upstream/http-forward.ts';
import { startRedis, type TestRedis } from '../support/redis.ts';
import { connectClient, post, startEverythingHttp, startStdioProxy } from './helpers.ts';

type Server = Awaited<ReturnType<typeof startEverythingHttp>>;

describe('Redis session store', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startRedis({ password: 'test-password' });
  });
  afterAll(async () => {
    await redis.stop();
  });

  it('stores ToolHive-shaped records with a sliding TTL', async () => {
    const store = new RedisSessionStore({
      address: redis.address,
      password: 'test-password',
      keyPrefix: 'test:s:',
    });
    try {
      const record = {
        id: 'abc',
        type: 'streamable' as const,
        createdAt: Date.now(),
        metadata: { backend_url: 'x' },
      };
      expect(await store.create(record, 2_000)).toBe(true);
      expect(await store.create(record, 2_000)).toBe(false);
      await new Promise((r) => setTimeout(r, 1_200));
      expect((await store.get('abc', 2_000))?.metadata.backend_url).toBe('x');
      await new Promise((r) => setTimeout(r, 1_200));
      // Still there: the read above restarted the two-second clock.
      expect(await store.get('abc', 2_000)).toBeDefined();
      await store.update({ ...record, metadata: { backend_url: 'y' } }, 2_000);
      expect((await store.get('abc', 2_000))?.metadata.backend_url).toBe('y');
      await store.delete('abc');
      expect(await store.get('abc', 2_000)).toBeUndefined();
      await store.create({ ...record, id: 'short' }, 1_000);
      await new Promise((r) => setTimeout(r, 2_200));
      expect(await store.get('short', 1_000)).toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it('refuses a wrong password', async () => {
    const store = new RedisSessionStore({ address: redis.address, password: 'wrong' });
    try {
      await expect(store.get('x', 1_000)).rejects.toThrow();
    } finally {
      await store.close();
    }
  });
});

describe('two proxy replicas sharing Redis, sessions pinned to backend pods', () => {
  let redis: TestRedis;
  const pods: Server[] = [];
  let alive: Server[] = [];
  const proxies: McpProxy[] = [];
  const urls: string[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    pods.push(await startEverythingHttp('streamableHttp'), await startEverythingHttp('streamableHttp'));
    alive = [...pods];
    for (let i = 0; i < 2; i++) {
      // The headless Service's DNS answer: the pods that are still running (ports differ here
      // because every test pod listens on 127.0.0.1).
      const target = new PodTarget({
        resolve: async () => alive.map((p) => `127.0.0.1:${p.port}`),
        port: 0,
        fallbackHost: '127.0.0.1',
        description: 'test pods',
      });
      const forwarder = new HttpBackendForwarder({ target, transport: 'streamable-http' });
      const proxy = createProxy({
        backend: { kind: 'http', forwarder, transport: 'streamable-http' },
        sessionStore: new RedisSessionStore({ address: redis.address }),
      });
      const { port } = await proxy.listen(0);
      proxies.push(proxy);
      urls.push(`http://127.0.0.1:${port}/mcp`);
    }
  });

  afterAll(async () => {
    for (const p of proxies) await p.shutdown(500);
    for (const p of pods) await p.stop();
    await redis.stop();
  });

  it('serves a session on either replica and recovers when its pod goes away', async () => {
    const first = await connectClient(urls[0]!);
    const transport = (first as unknown as { transport: StreamableHTTPClientTransport }).transport;
    const sessionId = transport.sessionId!;
    expect(sessionId).toBeDefined();
    expect(JSON.stringify(await first.callTool({ name: 'echo', arguments: { message: 'on A' } }))).toContain(
      'on A',
    );

    // The same session, continued through the other replica.
    const second = new Client({ name: 'moved', version: '1.0.0' });
    await second.connect(new StreamableHTTPClientTransport(new URL(urls[1]!), { sessionId }));
    expect(JSON.stringify(await second.callTool({ name: 'echo', arguments: { message: 'on B' } }))).toContain(
      'on B',
    );

    // Kill the pod the session is pinned to: the next call is re-pinned and still answered.
    const pinned = await new RedisSessionStore({ address: redis.address }).get(sessionId, 60_000);
    const pinnedPod = pods.find((p) => p.base === pinned?.metadata.backend_url)!;
    expect(pinnedPod).toBeDefined();
    alive = pods.filter((p) => p !== pinnedPod);
    await pinnedPod.stop();
    expect(
      JSON.stringify(await second.callTool({ name: 'echo', arguments: { message: 'after' } })),
    ).toContain('after');
    expect(transport.sessionId).toBe(sessionId);
    await first.close();
    await second.close();
  });
});

describe('session TTL and capacity', () => {
  it('expires idle sessions', async () => {
    const px = await startStdioProxy({ sessionTtlMs: 300 });
    try {
      const init = await post(px.url, {
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'c', version: '1' } },
      });
      const sid = init.headers.get('mcp-session-id')!;
      expect(sid).toBeTruthy();
      await new Promise((r) => setTimeout(r, 1_000));
      px.proxy.sessions.reap();
      const res = await post(
        px.url,
        { jsonrpc: '2.0', id: 2, method: 'tools/list' },
        { 'mcp-session-id': sid },
      );
      expect(res.status).toBe(404);
    } finally {
      await px.close();
    }
  });

  it('refuses new sessions past capacity with 503 and Retry-After', async () => {
    const px = await startStdioProxy({ sessionCapacity: 2 });
    try {
      const a = await connectClient(px.url);
      const b = await connectClient(px.url);
      const init = {
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'c', version: '1' } },
      };
      const refused = await post(px.url, init);
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('5');
      expect(refused.json()).toMatchObject({ id: 1, error: { code: -32000 } });
      // Existing sessions are unaffected, and closing one frees a slot.
      expect(JSON.stringify(await a.callTool({ name: 'echo', arguments: { message: 'x' } }))).toContain(
        'Echo: x',
      );
      await (b as unknown as { transport: StreamableHTTPClientTransport }).transport.terminateSession();
      expect((await post(px.url, init)).status).toBe(200);
      await a.close();
      await b.close();
    } finally {
      await px.close();
    }
  });
});
