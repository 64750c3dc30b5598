/**
 * The operator killed at any point converges on restart, with no duplicate and no orphan: a
 * first operator dies after a given number of writes (mid-reconcile), a second one takes over.
 */
import { describe, expect, it } from 'vitest';
import { KubeApiError } from '../../operator/kube/errors.ts';
import { MemoryCluster } from '../../operator/kube/memory-cluster.ts';
import type { KubeClient, KubeObject } from '../../operator/kube/types.ts';
import { silentLogger } from '../../operator/observe/logger.ts';
import { Operator } from '../../operator/operator.ts';
import { ManualClock } from '../../operator/util/clock.ts';

/** A client that stops working for good after `budget` writes, like a process killed mid-way. */
function dying(inner: KubeClient, budget: number): KubeClient {
  let left = budget;
  const write =
    <A extends unknown[], R>(fn: (...a: A) => Promise<R>) =>
    (...a: A): Promise<R> => {
      if (left-- <= 0) return Promise.reject(new KubeApiError(503, 'ServiceUnavailable', 'operator killed'));
      return fn(...a);
    };
  const dead = () => left <= 0;
  return {
    get: (...a) =>
      dead()
        ? Promise.reject(new KubeApiError(503, 'ServiceUnavailable', 'operator killed'))
        : inner.get(...a),
    list: (...a) => inner.list(...a),
    watch: (...a) => inner.watch(...a),
    create: write(inner.create.bind(inner)),
    replace: write(inner.replace.bind(inner)),
    apply: write(inner.apply.bind(inner)),
    mergePatch: write(inner.mergePatch.bind(inner)),
    delete: write(inner.delete.bind(inner)),
  };
}

function operator(cluster: MemoryCluster, clock: ManualClock, client: KubeClient): Operator {
  return new Operator({
    client,
    resources: cluster.resources,
    clock,
    log: silentLogger,
    namespaces: [],
    identity: 'test',
    backoff: { baseMs: 100, maxMs: 1000 },
  });
}

const objects: KubeObject[] = [
  {
    apiVersion: 'toolhive.stacklok.dev/v1beta1',
    kind: 'MCPGroup',
    metadata: { name: 'g', namespace: 'ns' },
    spec: {},
  },
  {
    apiVersion: 'toolhive.stacklok.dev/v1beta1',
    kind: 'MCPServer',
    metadata: { name: 'a', namespace: 'ns' },
    spec: { image: 'x:1', transport: 'streamable-http', groupRef: { name: 'g' } },
  },
  {
    apiVersion: 'toolhive.stacklok.dev/v1beta1',
    kind: 'VirtualMCPServer',
    metadata: { name: 'v', namespace: 'ns' },
    spec: { groupRef: { name: 'g' }, incomingAuth: { type: 'anonymous' } },
  },
];

function snapshot(cluster: MemoryCluster): string[] {
  const kinds = [
    'ServiceAccount',
    'Role',
    'RoleBinding',
    'ConfigMap',
    'Secret',
    'Deployment',
    'StatefulSet',
    'Service',
  ];
  return kinds.flatMap((k) =>
    cluster
      .dump(cluster.resources.all().find((t) => t.kind === k && t.group !== 'events.k8s.io')!, 'ns')
      .map((o) => {
        expect(o.metadata.ownerReferences?.filter((r) => r.controller)).toHaveLength(1);
        return `${k}/${o.metadata.name}`;
      }),
  );
}

async function converge(cluster: MemoryCluster, clock: ManualClock, client: KubeClient): Promise<Operator> {
  const op = operator(cluster, clock, client);
  await op.start();
  await op.manager.settled();
  await clock.advance(2000);
  await op.manager.settled();
  return op;
}

describe('operator killed mid-reconcile', () => {
  it('converges on restart to exactly the objects an uninterrupted run creates', async () => {
    const reference = new MemoryCluster({ clock: new ManualClock() });
    for (const o of objects) reference.create(reference.resources.forObject(o), o);
    const ok = await converge(reference, reference.clock as ManualClock, reference.client());
    ok.manager.stop();
    const expected = snapshot(reference).sort();
    expect(expected.length).toBeGreaterThan(10);

    for (const budget of [1, 5, 9, 14, 20]) {
      const clock = new ManualClock();
      const cluster = new MemoryCluster({ clock });
      for (const o of objects) cluster.create(cluster.resources.forObject(o), o);
      const first = await converge(cluster, clock, dying(cluster.client(), budget));
      first.manager.stop();
      const second = await converge(cluster, clock, cluster.client());
      expect(snapshot(cluster).sort(), `killed after ${budget} writes`).toEqual(expected);
      const server = cluster.get(cluster.resources.toolhive('MCPServer'), 'ns', 'a');
      expect((server.status as { phase?: string }).phase).toBe('Pending');
      second.manager.stop();
    }
  });
});
