import { describe, expect, it } from 'vitest';
import {
  APPLIED_HASH_ANNOTATION,
  ApplyEngine,
  MANAGED_BY_LABEL,
} from '../../../operator/apply/apply-engine.ts';
import { isSubset } from '../../../operator/apply/compare.ts';
import { InformerSet, withoutManagedFields } from '../../../operator/controller/cache.ts';
import { InstrumentedKubeClient, writeCount } from '../../../operator/kube/instrumented.ts';
import { MemoryCluster } from '../../../operator/kube/memory-cluster.ts';
import { CORE } from '../../../operator/kube/resources.ts';
import type { KubeObject } from '../../../operator/kube/types.ts';
import { silentLogger } from '../../../operator/observe/logger.ts';
import { Counter } from '../../../operator/observe/metrics.ts';
import { ManualClock } from '../../../operator/util/clock.ts';

const settle = () => new Promise<void>((r) => setImmediate(r));

async function setup() {
  const clock = new ManualClock();
  const cluster = new MemoryCluster({ clock });
  const requests = new Counter('r', 'r', ['verb', 'resource', 'code']);
  const client = new InstrumentedKubeClient(cluster.client(), requests);
  const informers = new InformerSet({
    client,
    resources: cluster.resources,
    clock,
    log: silentLogger,
    namespaces: [],
  });
  for (const t of [CORE.Deployment, CORE.ConfigMap, CORE.Service]) informers.informer(t);
  informers.start();
  await informers.synced();
  const engine = new ApplyEngine({
    client,
    live: informers,
    resources: cluster.resources,
    fieldManager: 'toolhive-operator',
    log: silentLogger,
    cached: () => true,
  });
  const owner = cluster.create(cluster.resources.toolhive('MCPGroup'), {
    apiVersion: 'toolhive.stacklok.dev/v1beta1',
    kind: 'MCPGroup',
    metadata: { name: 'owner', namespace: 'ns' },
  });
  return { cluster, engine, owner, writes: () => writeCount(requests), informers };
}

const deployment = (image: string, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'app', namespace: 'ns', labels: { app: 'x' } },
  spec: {
    selector: { matchLabels: { app: 'x' } },
    template: {
      metadata: { labels: { app: 'x' } },
      spec: {
        containers: [
          {
            name: 'c',
            image,
            resources: { limits: { cpu: '1000m', memory: '1024Mi' } },
            ports: [{ containerPort: 80 }],
          },
        ],
      },
    },
    ...extra,
  },
});

const configMap = (name: string, data: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'ns' },
  data,
});

describe('ApplyEngine', () => {
  it('applies with an owner reference and writes nothing the second time, despite server defaults', async () => {
    const { cluster, engine, owner, writes } = await setup();
    const desired = [configMap('cfg', { a: '1' }), deployment('img:1')];
    expect((await engine.apply(owner, desired)).writes).toBe(2);
    const live = cluster.get(CORE.Deployment, 'ns', 'app');
    expect(live.metadata.ownerReferences).toEqual([
      {
        apiVersion: owner.apiVersion,
        kind: 'MCPGroup',
        name: 'owner',
        uid: owner.metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    expect(live.metadata.labels?.[MANAGED_BY_LABEL]).toBe('toolhive-operator');
    expect(live.metadata.annotations?.[APPLIED_HASH_ANNOTATION]).toMatch(/^[0-9a-f]{20}$/);
    await settle();
    const before = writes();
    expect((await engine.apply(owner, desired)).writes).toBe(0);
    expect(writes()).toBe(before);
  });

  it('re-applies after drift and when a field is no longer rendered', async () => {
    const { cluster, engine, owner } = await setup();
    await engine.apply(owner, [deployment('img:1', { replicas: 2 })]);
    await settle();
    cluster.mergePatch(CORE.Deployment, 'ns', 'app', { spec: { replicas: 5 } }, 'kubectl-scale');
    await settle();
    expect((await engine.apply(owner, [deployment('img:1', { replicas: 2 })])).writes).toBe(1);
    expect((cluster.get(CORE.Deployment, 'ns', 'app').spec as { replicas: number }).replicas).toBe(2);
    await settle();
    // No longer setting replicas: SSA drops our value and the server default applies.
    expect((await engine.apply(owner, [deployment('img:1')])).writes).toBe(1);
    expect((cluster.get(CORE.Deployment, 'ns', 'app').spec as { replicas: number }).replicas).toBe(1);
  });

  it('prunes owned objects that are no longer rendered, and nothing else', async () => {
    const { cluster, engine, owner } = await setup();
    await engine.apply(owner, [configMap('keep', {}), configMap('drop', {})]);
    // Owned by the same owner but not created by the operator: never pruned.
    cluster.create(CORE.ConfigMap, {
      ...configMap('foreign', {}),
      metadata: {
        name: 'foreign',
        namespace: 'ns',
        ownerReferences: [
          {
            apiVersion: owner.apiVersion,
            kind: 'MCPGroup',
            name: 'owner',
            uid: owner.metadata.uid!,
            controller: true,
          },
        ],
      },
    });
    await settle();
    expect(await engine.prune(owner, [configMap('keep', {})], [CORE.ConfigMap])).toBe(1);
    expect(
      cluster
        .dump(CORE.ConfigMap, 'ns')
        .map((o) => o.metadata.name)
        .sort(),
    ).toEqual(['foreign', 'keep']);
  });
});

describe('InformerSet', () => {
  it('caches objects without managedFields, and Secrets as digests of their data', async () => {
    const { cluster, informers } = await setup();
    const secrets = informers.informer(CORE.Secret);
    secrets.start();
    cluster.create(CORE.Secret, {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's', namespace: 'ns' },
      data: { token: 'c2VjcmV0' },
    });
    await secrets.synced();
    await settle();
    const cached = secrets.get('ns', 's')!;
    // Real API servers send managedFields on every object; the cache drops them.
    expect(
      withoutManagedFields({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'c', managedFields: [{}] },
      }).metadata,
    ).toEqual({ name: 'c' });
    expect(Object.keys(cached.data as object)).toEqual(['token']);
    expect((cached.data as Record<string, string>).token).not.toBe('c2VjcmV0');
    expect((cached.data as Record<string, string>).token).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('isSubset', () => {
  it('treats canonicalised quantities as equal', () => {
    expect(
      isSubset(
        { resources: { limits: { cpu: '1000m', memory: '1024Mi' } } },
        { resources: { limits: { cpu: '1', memory: '1Gi' } } },
      ),
    ).toBe(true);
    expect(
      isSubset({ resources: { limits: { cpu: '500m' } } }, { resources: { limits: { cpu: '1' } } }),
    ).toBe(false);
  });

  it('compares lists by position and length, and empty lists against absent ones', () => {
    expect(isSubset({ a: [{ x: 1 }] }, { a: [{ x: 1, y: 2 }] })).toBe(true);
    expect(isSubset({ a: [{ x: 1 }] }, { a: [{ x: 1 }, { x: 2 }] })).toBe(false);
    expect(isSubset({ a: [] }, {})).toBe(true);
    expect(isSubset({ a: [] }, { a: [1] })).toBe(false);
    expect(isSubset({ a: {} }, { a: { extra: 1 } })).toBe(true);
  });
});
