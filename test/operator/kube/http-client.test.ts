import { createServer } from 'node:http';
import { KubeConfig } from '@kubernetes/client-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientNodeConnection } from '../../../operator/kube/client-node.ts';
import { KubeApiError } from '../../../operator/kube/errors.ts';
import { HttpKubeClient } from '../../../operator/kube/http-client.ts';
import { MemoryCluster } from '../../../operator/kube/memory-cluster.ts';
import { CORE, ResourceRegistry } from '../../../operator/kube/resources.ts';
import type { KubeObject, WatchEvent } from '../../../operator/kube/types.ts';
import { FakeApiServer } from '../../support/fake-apiserver.ts';

const GROUP = ResourceRegistry.standard().toolhive('MCPGroup');

const cm = (name: string, data: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'ns', labels: { app: 'x' } },
  data,
});

function until(check: () => boolean, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () => {
      if (check()) return resolve();
      if (Date.now() - started > 5000) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(poll, 5);
    };
    poll();
  });
}

describe('HttpKubeClient against an HTTP API server', () => {
  let cluster: MemoryCluster;
  let api: FakeApiServer;
  let client: HttpKubeClient;

  beforeEach(async () => {
    cluster = new MemoryCluster();
    api = new FakeApiServer(cluster);
    await api.start();
    client = new HttpKubeClient(api.connection());
  });
  afterEach(async () => {
    client.close();
    await api.stop();
  });

  it("sends the connection's credentials", async () => {
    await client.get(CORE.ConfigMap, 'ns', 'a');
    expect(api.requests.at(-1)?.authorization).toBe('Bearer fake-token');
  });

  it('lists page by page with limit and continue', async () => {
    for (const n of ['a', 'b', 'c', 'd', 'e']) await client.create(CORE.ConfigMap, cm(n));
    const names: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await client.list(CORE.ConfigMap, {
        namespace: 'ns',
        limit: 2,
        ...(token ? { continue: token } : {}),
      });
      names.push(...page.items.map((o) => o.metadata.name!));
      token = page.continue;
      pages++;
    } while (token);
    expect(names).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(pages).toBe(3);
    expect(api.requests.filter((r) => r.query.limit === '2')).toHaveLength(3);
  });

  it('creates, reads and lists with plain JSON objects', async () => {
    const created = await client.create(CORE.ConfigMap, cm('a', { k: 'v' }));
    expect(created.metadata.uid).toBeDefined();
    const got = await client.get(CORE.ConfigMap, 'ns', 'a');
    expect(typeof got?.metadata.creationTimestamp).toBe('string');
    expect(await client.get(CORE.ConfigMap, 'ns', 'missing')).toBeUndefined();
    const list = await client.list(CORE.ConfigMap, { namespace: 'ns', labelSelector: 'app=x' });
    expect(list.items.map((o) => [o.apiVersion, o.kind, o.metadata.name])).toEqual([
      ['v1', 'ConfigMap', 'a'],
    ]);
    expect(list.resourceVersion).toBe(cluster.resourceVersion);
    expect(api.requests.at(-1)).toMatchObject({
      path: '/api/v1/namespaces/ns/configmaps',
      query: { labelSelector: 'app=x' },
    });
  });

  it('server-side applies with the apply content type, field manager and force', async () => {
    await client.apply(CORE.ConfigMap, cm('a', { k: 'v' }), {
      fieldManager: 'toolhive-operator',
      force: true,
    });
    const req = api.requests.at(-1)!;
    expect(req).toMatchObject({
      method: 'PATCH',
      path: '/api/v1/namespaces/ns/configmaps/a',
      contentType: 'application/apply-patch+yaml',
      query: { fieldManager: 'toolhive-operator', force: 'true' },
    });
    expect(cluster.managersOf(CORE.ConfigMap, 'ns', 'a')).toMatchObject({
      'toolhive-operator': ['data.k', 'metadata.labels.app'],
    });
  });

  it('merge-patches the status subresource', async () => {
    await client.create(GROUP, {
      apiVersion: 'toolhive.stacklok.dev/v1beta1',
      kind: 'MCPGroup',
      metadata: { name: 'g', namespace: 'ns' },
      spec: {},
    });
    const out = await client.mergePatch(
      GROUP,
      'ns',
      'g',
      { status: { phase: 'Ready' } },
      { subresource: 'status' },
    );
    expect(out.status).toEqual({ phase: 'Ready' });
    expect(api.requests.at(-1)).toMatchObject({
      path: '/apis/toolhive.stacklok.dev/v1beta1/namespaces/ns/mcpgroups/g/status',
      contentType: 'application/merge-patch+json',
    });
  });

  it('maps API failures to KubeApiError codes', async () => {
    const first = await client.create(CORE.ConfigMap, cm('a'));
    await expect(client.create(CORE.ConfigMap, cm('a'))).rejects.toMatchObject({
      code: 409,
      reason: 'AlreadyExists',
    });
    await client.mergePatch(CORE.ConfigMap, 'ns', 'a', { data: { x: 'y' } });
    await expect(client.replace(CORE.ConfigMap, first)).rejects.toMatchObject({
      code: 409,
      reason: 'Conflict',
    });
    cluster.faults = (r) =>
      r.verb === 'get' ? new KubeApiError(500, 'InternalError', 'etcd down') : undefined;
    await expect(client.get(CORE.ConfigMap, 'ns', 'a')).rejects.toMatchObject({
      code: 500,
      message: 'etcd down',
    });
    cluster.faults = undefined;
    await expect(client.delete(CORE.ConfigMap, 'ns', 'a', { uid: 'not-it' })).rejects.toMatchObject({
      code: 409,
    });
    expect(await client.delete(CORE.ConfigMap, 'ns', 'a', { uid: first.metadata.uid! })).toBe(true);
    expect(await client.delete(CORE.ConfigMap, 'ns', 'a')).toBe(false);
  });

  it('turns a refused connection into a retryable 503', async () => {
    await api.stop();
    await expect(client.get(CORE.ConfigMap, 'ns', 'a')).rejects.toMatchObject({ code: 503 });
  });

  it('streams watch events and bookmarks, and reports 410 for a compacted resourceVersion', async () => {
    const start = cluster.resourceVersion;
    const events: WatchEvent[] = [];
    const ends: unknown[] = [];
    const handle = client.watch(
      CORE.ConfigMap,
      { namespace: 'ns', resourceVersion: start, allowBookmarks: true },
      { event: (e) => events.push(e), done: (e) => ends.push(e ?? 'closed') },
    );
    await until(() => cluster.openWatches === 1, 'the watch to open');
    await client.create(CORE.ConfigMap, cm('a'));
    await client.delete(CORE.ConfigMap, 'ns', 'a');
    await until(() => events.length === 2, 'two events');
    expect(events.map((e) => e.type)).toEqual(['ADDED', 'DELETED']);
    expect(api.requests.find((r) => r.query.watch === 'true')?.query).toMatchObject({
      allowWatchBookmarks: 'true',
      resourceVersion: start,
    });
    handle.stop();

    cluster.compactHistory();
    const gone: unknown[] = [];
    client.watch(CORE.ConfigMap, { resourceVersion: start }, { event: () => {}, done: (e) => gone.push(e) });
    await until(() => gone.length === 1, 'the watch to end');
    expect(gone[0]).toBeInstanceOf(KubeApiError);
    expect((gone[0] as KubeApiError).code).toBe(410);
    expect(ends).toEqual([]);
  });

  it('ends a watch when the connection drops', async () => {
    const ends: unknown[] = [];
    client.watch(
      CORE.ConfigMap,
      { resourceVersion: cluster.resourceVersion },
      { event: () => {}, done: (e) => ends.push(e ?? 'closed') },
    );
    await until(() => cluster.openWatches === 1, 'the watch to open');
    api.cutStreams();
    await until(() => ends.length === 1, 'the watch to end');
  });

  it('discovers served kinds', async () => {
    expect(await client.servedKinds('toolhive.stacklok.dev', 'v1beta1')).toContain('MCPGroup');
    expect(await client.servedKinds('example.com', 'v1')).toEqual(new Set());
  });

  it('sends a request again once when a pooled connection turns out closed', async () => {
    // A server that drops every connection on its second request, as one closing idle
    // keep-alive connections races a client reusing them.
    const perSocket = new WeakMap<object, number>();
    const server = createServer((req, res) => {
      const n = (perSocket.get(req.socket) ?? 0) + 1;
      perSocket.set(req.socket, n);
      if (n > 1) {
        req.socket.destroy();
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ metadata: { name: 'ok' } }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const flaky = new HttpKubeClient({
      server: `http://127.0.0.1:${port}`,
      source: 'test',
      tls: () => ({}),
      headers: async () => ({}),
    });
    try {
      for (let i = 0; i < 3; i++)
        expect((await flaky.get(CORE.ConfigMap, 'ns', 'a'))?.metadata.name).toBe('ok');
    } finally {
      flaky.close();
      await new Promise((r) => server.close(r));
    }
  });

  it('authenticates through client-node for kubeconfigs it hands over', async () => {
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'fake', server: api.url, skipTLSVerify: true }],
      users: [{ name: 'basic', username: 'admin', password: 'secret' }],
      contexts: [{ name: 'fake', cluster: 'fake', user: 'basic' }],
      currentContext: 'fake',
    });
    const viaClientNode = new HttpKubeClient(clientNodeConnection(kc));
    await viaClientNode.create(CORE.ConfigMap, cm('a'));
    viaClientNode.close();
    expect(api.requests.at(-1)?.authorization).toBe(
      `Basic ${Buffer.from('admin:secret').toString('base64')}`,
    );
    expect((await client.get(CORE.ConfigMap, 'ns', 'a'))?.metadata.name).toBe('a');
  });
});
