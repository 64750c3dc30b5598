import { describe, expect, it } from 'vitest';
import { KubeApiError } from '../../../operator/kube/errors.ts';
import { MemoryCluster } from '../../../operator/kube/memory-cluster.ts';
import { CORE, ResourceRegistry } from '../../../operator/kube/resources.ts';
import type { KubeObject, WatchEvent } from '../../../operator/kube/types.ts';
import { ManualClock } from '../../../operator/util/clock.ts';

const GROUP = ResourceRegistry.standard().toolhive('MCPGroup');

function group(name: string, extra: Partial<KubeObject> = {}): KubeObject {
  return {
    apiVersion: 'toolhive.stacklok.dev/v1beta1',
    kind: 'MCPGroup',
    metadata: { name, namespace: 'ns' },
    spec: { description: 'd' },
    ...extra,
  };
}

function cm(
  name: string,
  data: Record<string, string>,
  extra: Partial<KubeObject['metadata']> = {},
): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'ns', ...extra }, data };
}

function expectApiError(fn: () => unknown, code: number): KubeApiError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(KubeApiError);
    expect((err as KubeApiError).code).toBe(code);
    return err as KubeApiError;
  }
  throw new Error(`expected API error ${code}`);
}

async function collect(cluster: MemoryCluster, fromRv: string, selector?: string) {
  const events: WatchEvent[] = [];
  const ends: unknown[] = [];
  const handle = cluster.watch(
    CORE.ConfigMap,
    { resourceVersion: fromRv, namespace: 'ns', ...(selector ? { labelSelector: selector } : {}) },
    { event: (e) => events.push(e), done: (err) => ends.push(err ?? 'closed') },
  );
  return { events, ends, handle };
}

const tick = () => new Promise<void>((r) => setImmediate(r));

describe('MemoryCluster', () => {
  it('bumps resourceVersion on every change and generation on spec changes only', () => {
    const c = new MemoryCluster();
    const created = c.create(GROUP, group('g'));
    expect(created.metadata.generation).toBe(1);
    expect(created.metadata.uid).toMatch(/-/);
    const withLabel = c.mergePatch(GROUP, 'ns', 'g', { metadata: { labels: { a: 'b' } } });
    expect(Number(withLabel.metadata.resourceVersion)).toBeGreaterThan(
      Number(created.metadata.resourceVersion),
    );
    expect(withLabel.metadata.generation).toBe(1);
    const withSpec = c.mergePatch(GROUP, 'ns', 'g', { spec: { description: 'e' } });
    expect(withSpec.metadata.generation).toBe(2);
    // A write that changes nothing keeps the resourceVersion.
    const same = c.mergePatch(GROUP, 'ns', 'g', { spec: { description: 'e' } });
    expect(same.metadata.resourceVersion).toBe(withSpec.metadata.resourceVersion);
  });

  it('rejects stale updates and duplicate creates with 409', () => {
    const c = new MemoryCluster();
    const first = c.create(GROUP, group('g'));
    expectApiError(() => c.create(GROUP, group('g')), 409);
    c.mergePatch(GROUP, 'ns', 'g', { spec: { description: 'x' } });
    const stale = { ...first, spec: { description: 'y' } };
    expect(expectApiError(() => c.update(GROUP, stale), 409).message).toMatch(/has been modified/);
    expectApiError(
      () => c.mergePatch(GROUP, 'ns', 'g', { metadata: { resourceVersion: first.metadata.resourceVersion } }),
      409,
    );
  });

  it('keeps status and spec apart through the status subresource', () => {
    const c = new MemoryCluster();
    c.create(GROUP, group('g', { status: { phase: 'Ready' } }));
    expect(c.get(GROUP, 'ns', 'g').status).toBeUndefined();
    const s = c.mergePatch(
      GROUP,
      'ns',
      'g',
      { status: { phase: 'Ready' }, spec: { description: 'ignored' } },
      'op',
      'status',
    );
    expect(s.status).toEqual({ phase: 'Ready' });
    expect(s.spec).toEqual({ description: 'd' });
    expect(s.metadata.generation).toBe(1);
    const m = c.mergePatch(GROUP, 'ns', 'g', { status: { phase: 'Failed' }, spec: { description: 'z' } });
    expect(m.status).toEqual({ phase: 'Ready' });
    expect(m.spec).toEqual({ description: 'z' });
  });

  it('holds objects with finalizers until the last finalizer is removed', () => {
    const c = new MemoryCluster();
    c.create(GROUP, group('g', { metadata: { name: 'g', namespace: 'ns', finalizers: ['x/f'] } }));
    c.delete(GROUP, 'ns', 'g');
    const deleting = c.get(GROUP, 'ns', 'g');
    expect(deleting.metadata.deletionTimestamp).toBeDefined();
    expect(deleting.metadata.generation).toBe(2);
    expect(
      expectApiError(
        () => c.mergePatch(GROUP, 'ns', 'g', { metadata: { finalizers: ['x/f', 'y/new'] } }),
        422,
      ).message,
    ).toMatch(/no new finalizers/);
    c.mergePatch(GROUP, 'ns', 'g', { metadata: { finalizers: null } });
    expectApiError(() => c.get(GROUP, 'ns', 'g'), 404);
  });

  it('collects dependents whose owners are gone, and drops dangling references of shared ones', () => {
    const c = new MemoryCluster();
    const a = c.create(GROUP, group('a'));
    const b = c.create(GROUP, group('b'));
    const ref = (o: KubeObject) => ({
      apiVersion: o.apiVersion,
      kind: o.kind,
      name: o.metadata.name!,
      uid: o.metadata.uid!,
      controller: false,
    });
    c.create(CORE.ConfigMap, cm('only-a', {}, { ownerReferences: [ref(a)] }));
    c.create(CORE.ConfigMap, cm('both', {}, { ownerReferences: [ref(a), ref(b)] }));
    c.create(CORE.ConfigMap, cm('fin', {}, { ownerReferences: [ref(a)], finalizers: ['keep'] }));
    c.delete(GROUP, 'ns', 'a');
    expectApiError(() => c.get(CORE.ConfigMap, 'ns', 'only-a'), 404);
    expect(c.get(CORE.ConfigMap, 'ns', 'both').metadata.ownerReferences?.map((r) => r.name)).toEqual(['b']);
    expect(c.get(CORE.ConfigMap, 'ns', 'fin').metadata.deletionTimestamp).toBeDefined();
    // An object created with an owner that no longer exists is collected at once.
    c.create(CORE.ConfigMap, cm('late', {}, { ownerReferences: [ref(a)] }));
    expectApiError(() => c.get(CORE.ConfigMap, 'ns', 'late'), 404);
  });

  it('empties a deleted namespace, waits for finalizers, then removes it', () => {
    const c = new MemoryCluster();
    c.create(CORE.Namespace, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ns' } });
    c.create(CORE.ConfigMap, cm('plain', {}));
    c.create(GROUP, group('held', { metadata: { name: 'held', namespace: 'ns', finalizers: ['x/f'] } }));
    c.delete(CORE.Namespace, undefined, 'ns');
    expect(c.get(CORE.Namespace, undefined, 'ns').status).toEqual({ phase: 'Terminating' });
    expectApiError(() => c.get(CORE.ConfigMap, 'ns', 'plain'), 404);
    expect(expectApiError(() => c.create(CORE.ConfigMap, cm('late', {})), 403).message).toContain(
      'being terminated',
    );
    c.mergePatch(GROUP, 'ns', 'held', { metadata: { finalizers: null } });
    expectApiError(() => c.get(CORE.Namespace, undefined, 'ns'), 404);
  });

  it('deletes only the object with the given uid', () => {
    const c = new MemoryCluster();
    c.create(CORE.ConfigMap, cm('x', {}));
    expectApiError(() => c.delete(CORE.ConfigMap, 'ns', 'x', { uid: 'other' }), 409);
  });

  describe('server-side apply', () => {
    it('removes fields the manager stopped applying, keeps fields others own', () => {
      const c = new MemoryCluster();
      c.apply(CORE.ConfigMap, cm('x', { a: '1', b: '2' }), 'op', true);
      c.mergePatch(CORE.ConfigMap, 'ns', 'x', { data: { c: '3' } }, 'user');
      const out = c.apply(CORE.ConfigMap, cm('x', { a: '1' }), 'op', true);
      expect(out.data).toEqual({ a: '1', c: '3' });
      expect(c.managersOf(CORE.ConfigMap, 'ns', 'x')).toEqual({ op: ['data.a'], user: ['data.c'] });
    });

    it('reports conflicts with other managers unless forced', () => {
      const c = new MemoryCluster();
      c.apply(CORE.ConfigMap, cm('x', { a: '1' }), 'op', true);
      c.mergePatch(CORE.ConfigMap, 'ns', 'x', { data: { a: 'edited' } }, 'kubectl-edit');
      const err = expectApiError(() => c.apply(CORE.ConfigMap, cm('x', { a: '1' }), 'op', false), 409);
      expect(err.message).toContain('conflict with "kubectl-edit": .data.a');
      expect(c.apply(CORE.ConfigMap, cm('x', { a: '1' }), 'op', true).data).toEqual({ a: '1' });
      expect(c.managersOf(CORE.ConfigMap, 'ns', 'x')).toEqual({ op: ['data.a'] });
    });

    it('is a no-op (same resourceVersion) when nothing changes, even with server defaults', () => {
      const c = new MemoryCluster();
      const dep: KubeObject = {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'd', namespace: 'ns' },
        spec: {
          selector: { matchLabels: { app: 'd' } },
          template: {
            metadata: { labels: { app: 'd' } },
            spec: { containers: [{ name: 'c', image: 'img:1', ports: [{ containerPort: 80 }] }] },
          },
        },
      };
      const first = c.apply(CORE.Deployment, dep, 'op', true);
      expect(first.spec).toMatchObject({ replicas: 1, revisionHistoryLimit: 10 });
      const again = c.apply(CORE.Deployment, dep, 'op', true);
      expect(again.metadata.resourceVersion).toBe(first.metadata.resourceVersion);
      expect(again.metadata.generation).toBe(1);
    });
  });

  describe('watch', () => {
    it('streams changes after a resourceVersion, with selector transitions', async () => {
      const c = new MemoryCluster();
      const start = c.resourceVersion;
      c.create(CORE.ConfigMap, cm('x', {}, { labels: { app: 'a' } }));
      const w = await collect(c, start, 'app=a');
      c.mergePatch(CORE.ConfigMap, 'ns', 'x', { data: { k: 'v' } });
      c.mergePatch(CORE.ConfigMap, 'ns', 'x', { metadata: { labels: { app: 'b' } } });
      c.mergePatch(CORE.ConfigMap, 'ns', 'x', { metadata: { labels: { app: 'a' } } });
      c.delete(CORE.ConfigMap, 'ns', 'x');
      await tick();
      expect(w.events.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED', 'ADDED', 'DELETED']);
      w.handle.stop();
    });

    it('answers 410 Gone for a compacted resourceVersion', async () => {
      const c = new MemoryCluster({ historyLimit: 2 });
      const start = c.resourceVersion;
      for (let i = 0; i < 4; i++) c.create(CORE.ConfigMap, cm(`x${i}`, {}));
      const w = await collect(c, start);
      await tick();
      expect(w.events).toEqual([]);
      expect((w.ends[0] as KubeApiError).code).toBe(410);
    });

    it('sends bookmarks and ends at the server timeout', async () => {
      const clock = new ManualClock();
      const c = new MemoryCluster({ clock, bookmarkIntervalMs: 1000 });
      const events: WatchEvent[] = [];
      const ends: unknown[] = [];
      c.watch(
        CORE.ConfigMap,
        { resourceVersion: c.resourceVersion, allowBookmarks: true, timeoutSeconds: 5 },
        { event: (e) => events.push(e), done: (e) => ends.push(e ?? 'closed') },
      );
      c.create(CORE.ConfigMap, cm('x', {}));
      await clock.advance(1000);
      expect(events.map((e) => e.type)).toEqual(['ADDED', 'BOOKMARK']);
      expect(events[1]!.object.metadata.resourceVersion).toBe(c.resourceVersion);
      await clock.advance(4000);
      expect(ends).toEqual(['closed']);
      expect(c.openWatches).toBe(0);
    });
  });

  it('registers custom resources from CRDs and serves every version', () => {
    const c = new MemoryCluster({ resources: new ResourceRegistry(Object.values(CORE)) });
    c.create(CORE.CustomResourceDefinition, {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.example.com' },
      spec: {
        group: 'example.com',
        names: { kind: 'Widget', plural: 'widgets' },
        scope: 'Namespaced',
        versions: [
          { name: 'v1alpha1', served: true, storage: false },
          { name: 'v1', served: true, storage: true, subresources: { status: {} } },
        ],
      },
    });
    const widget = c.resources.require('example.com', 'Widget');
    expect(c.servedVersions(widget)).toEqual(['v1alpha1', 'v1']);
    c.create(widget, {
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'w', namespace: 'ns' },
    });
    const alpha = c.resources.forObject({ apiVersion: 'example.com/v1alpha1', kind: 'Widget' });
    expect(c.get(alpha, 'ns', 'w').apiVersion).toBe('example.com/v1alpha1');
    expect(c.get(CORE.CustomResourceDefinition, undefined, 'widgets.example.com').status).toMatchObject({
      conditions: expect.arrayContaining([expect.objectContaining({ type: 'Established', status: 'True' })]),
    });
  });
});
