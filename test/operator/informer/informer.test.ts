import { describe, expect, it } from 'vitest';
import { type Change, Informer } from '../../../operator/informer/informer.ts';
import { KubeApiError } from '../../../operator/kube/errors.ts';
import { MemoryCluster } from '../../../operator/kube/memory-cluster.ts';
import { CORE } from '../../../operator/kube/resources.ts';
import type { KubeObject } from '../../../operator/kube/types.ts';
import { createLogger, silentLogger } from '../../../operator/observe/logger.ts';
import { Counter } from '../../../operator/observe/metrics.ts';
import { ManualClock } from '../../../operator/util/clock.ts';

const cm = (name: string, ns = 'ns'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: ns },
  data: {},
});

function setup(opts: { namespaces?: string[]; bookmarkIntervalMs?: number; watchdogMs?: number } = {}) {
  const clock = new ManualClock();
  const cluster = new MemoryCluster({ clock, bookmarkIntervalMs: opts.bookmarkIntervalMs ?? 60_000 });
  const restarts = new Counter('r', 'r', ['resource', 'cause']);
  const informer = new Informer({
    client: cluster.client(),
    type: CORE.ConfigMap,
    namespaces: opts.namespaces,
    clock,
    log: process.env.DBG ? createLogger({ level: 'debug' }) : silentLogger,
    restarts,
    resyncMs: 60_000,
    relistMs: 0,
    watchdogMs: opts.watchdogMs ?? 180_000,
    random: () => 0,
  });
  const changes: string[] = [];
  informer.onChange((c: Change) => changes.push(`${c.type}:${c.object.metadata.name}`));
  return { clock, cluster, informer, changes, restarts };
}

const settle = () => new Promise<void>((r) => setImmediate(r));

describe('Informer', () => {
  it('lists, then follows the watch', async () => {
    const { cluster, informer, changes } = setup();
    cluster.create(CORE.ConfigMap, cm('a'));
    informer.start();
    await informer.synced();
    cluster.create(CORE.ConfigMap, cm('b'));
    cluster.mergePatch(CORE.ConfigMap, 'ns', 'a', { data: { k: 'v' } });
    cluster.delete(CORE.ConfigMap, 'ns', 'b');
    await settle();
    expect(changes).toEqual(['add:a', 'add:b', 'update:a', 'delete:b']);
    expect(informer.get('ns', 'a')?.data).toEqual({ k: 'v' });
    informer.stop();
    expect(cluster.openWatches).toBe(0);
  });

  it("lists in pages and watches from the first page's resourceVersion, missing nothing", async () => {
    const clock = new ManualClock();
    const cluster = new MemoryCluster({ clock });
    for (const n of ['a', 'b', 'c', 'd', 'e']) cluster.create(CORE.ConfigMap, cm(n));
    const lists: (string | undefined)[] = [];
    let changedMidList = false;
    cluster.faults = (req) => {
      if (req.verb !== 'list') return undefined;
      lists.push(req.namespace);
      // Between the first and second page, an object already listed changes and one is added.
      if (lists.length === 2 && !changedMidList) {
        changedMidList = true;
        cluster.mergePatch(CORE.ConfigMap, 'ns', 'a', { data: { k: 'late' } });
        cluster.create(CORE.ConfigMap, cm('f'));
      }
      return undefined;
    };
    const informer = new Informer({
      client: cluster.client(),
      type: CORE.ConfigMap,
      clock,
      log: silentLogger,
      relistMs: 0,
      resyncMs: 0,
      pageSize: 2,
      random: () => 0,
    });
    informer.start();
    await informer.synced();
    await settle();
    expect(lists.length).toBeGreaterThanOrEqual(3);
    expect(
      informer
        .list()
        .map((o) => o.metadata.name)
        .sort(),
    ).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(informer.get('ns', 'a')?.data).toEqual({ k: 'late' });
    informer.stop();
  });

  it('keeps indexes current through adds, updates, deletes and relists, per namespace', async () => {
    const { cluster, informer } = setup();
    const labelled = (name: string, app: string, ns = 'ns') => ({
      ...cm(name, ns),
      metadata: { name, namespace: ns, labels: { app } },
    });
    cluster.create(CORE.ConfigMap, labelled('a', 'x'));
    informer.start();
    await informer.synced();
    // Added after the first list: built from what is cached.
    informer.addIndex('app', (o) => (o.metadata.labels?.app ? [o.metadata.labels.app] : []));
    cluster.create(CORE.ConfigMap, labelled('b', 'x'));
    cluster.create(CORE.ConfigMap, labelled('c', 'x', 'other'));
    await settle();
    const names = (ns: string, v: string) =>
      informer
        .byIndex('app', ns, v)
        .map((o) => o.metadata.name)
        .sort();
    expect(names('ns', 'x')).toEqual(['a', 'b']);
    expect(names('other', 'x')).toEqual(['c']);
    cluster.mergePatch(CORE.ConfigMap, 'ns', 'a', { metadata: { labels: { app: 'y' } } });
    cluster.delete(CORE.ConfigMap, 'ns', 'b');
    await settle();
    expect(names('ns', 'x')).toEqual([]);
    expect(names('ns', 'y')).toEqual(['a']);
    informer.relist();
    await settle();
    expect(names('ns', 'y')).toEqual(['a']);
    expect(() => informer.byIndex('missing', 'ns', 'x')).toThrow('no index missing');
    informer.stop();
  });

  it('resumes after a dropped watch with backoff, without missing changes', async () => {
    const { clock, cluster, informer, changes, restarts } = setup();
    informer.start();
    await informer.synced();
    await settle();
    cluster.dropWatches();
    await settle();
    cluster.create(CORE.ConfigMap, cm('while-down'));
    expect(cluster.openWatches).toBe(0);
    await clock.advance(250);
    expect(cluster.openWatches).toBe(1);
    await settle();
    expect(changes).toEqual(['add:while-down']);
    expect(restarts.get({ resource: 'configmaps', cause: 'error' })).toBe(1);
    informer.stop();
  });

  it('relists on 410 Gone and emits what changed meanwhile', async () => {
    const { clock, cluster, informer, changes, restarts } = setup();
    cluster.create(CORE.ConfigMap, cm('stays'));
    cluster.create(CORE.ConfigMap, cm('goes'));
    informer.start();
    await informer.synced();
    await settle();
    // Connection lost; meanwhile objects change and history is compacted.
    cluster.dropWatches();
    cluster.delete(CORE.ConfigMap, 'ns', 'goes');
    cluster.create(CORE.ConfigMap, cm('new'));
    cluster.compactHistory();
    await settle();
    await clock.advance(250);
    await settle();
    await clock.advance(0);
    await settle();
    expect(restarts.get({ resource: 'configmaps', cause: 'gone' })).toBe(1);
    expect(changes).toEqual(['add:goes', 'add:stays', 'add:new', 'delete:goes']);
    expect(
      informer
        .list()
        .map((o) => o.metadata.name)
        .sort(),
    ).toEqual(['new', 'stays']);
    informer.stop();
  });

  it('retries a failing list with backoff until it succeeds', async () => {
    const { clock, cluster, informer } = setup();
    let failures = 3;
    cluster.faults = (r) =>
      r.verb === 'list' && failures-- > 0 ? new KubeApiError(503, 'ServiceUnavailable', 'down') : undefined;
    informer.start();
    await settle();
    expect(informer.hasSynced).toBe(false);
    await clock.advance(250 + 500 + 1000);
    await informer.synced();
    expect(informer.hasSynced).toBe(true);
    informer.stop();
  });

  it('restarts a watch that went silent (watchdog), and bookmarks keep it alive', async () => {
    const silent = setup({ bookmarkIntervalMs: 10 * 60_000, watchdogMs: 30_000 });
    silent.informer.start();
    await silent.informer.synced();
    await settle();
    await silent.clock.advance(30_000);
    expect(silent.restarts.get({ resource: 'configmaps', cause: 'watchdog' })).toBe(1);
    expect(silent.cluster.openWatches).toBe(1);
    silent.informer.stop();

    const chatty = setup({ bookmarkIntervalMs: 10_000, watchdogMs: 35_000 });
    chatty.informer.start();
    await chatty.informer.synced();
    await settle();
    await chatty.clock.advance(90_000);
    expect(chatty.restarts.get({ resource: 'configmaps', cause: 'watchdog' })).toBe(0);
    chatty.informer.stop();
  });

  it('re-watches at once after a normal server timeout', async () => {
    const { clock, cluster, informer, restarts } = setup();
    informer.start();
    await informer.synced();
    await settle();
    await clock.advance(300_000);
    expect(restarts.get({ resource: 'configmaps', cause: 'closed' })).toBe(1);
    expect(cluster.openWatches).toBe(1);
    informer.stop();
  });

  it('watches several namespaces into one cache, and resyncs every cached object', async () => {
    const { clock, cluster, informer } = setup({ namespaces: ['a', 'b'] });
    cluster.create(CORE.ConfigMap, cm('x', 'a'));
    cluster.create(CORE.ConfigMap, cm('y', 'b'));
    cluster.create(CORE.ConfigMap, cm('z', 'c'));
    const resynced: string[] = [];
    informer.onResync((o) => resynced.push(o.metadata.name!));
    informer.start();
    await informer.synced();
    expect(
      informer
        .list()
        .map((o) => o.metadata.name)
        .sort(),
    ).toEqual(['x', 'y']);
    await clock.advance(60_000);
    expect(resynced.sort()).toEqual(['x', 'y']);
    informer.stop();
  });
});
