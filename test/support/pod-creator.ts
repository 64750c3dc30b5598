/**
 * What kube-controller-manager does for Deployments and StatefulSets on a cluster without a
 * kubelet, reduced to what status computation sees: each workload gets `replicas` pods carrying
 * its pod-template labels, owned by it, that stay Pending forever. Used to rehearse the e2e suite
 * against the fake API server; never part of the operator.
 */
import type { MemoryCluster } from '../../operator/kube/memory-cluster.ts';
import { CORE } from '../../operator/kube/resources.ts';
import type { KubeObject } from '../../operator/kube/types.ts';

interface WorkloadSpec {
  replicas?: number;
  template?: { metadata?: { labels?: Record<string, string> } };
}

export function startPodCreator(cluster: MemoryCluster): () => void {
  const sync = (kind: 'Deployment' | 'StatefulSet', obj: KubeObject) => {
    const spec = (obj.spec ?? {}) as WorkloadSpec;
    const want = obj.metadata.deletionTimestamp ? 0 : (spec.replicas ?? 1);
    const ns = obj.metadata.namespace!;
    const owned = cluster
      .dump(CORE.Pod, ns)
      .filter((p) => p.metadata.ownerReferences?.some((r) => r.uid === obj.metadata.uid));
    for (let i = owned.length; i < want; i++) {
      const name =
        kind === 'StatefulSet'
          ? `${obj.metadata.name}-${i}`
          : `${obj.metadata.name}-${obj.metadata.uid!.slice(0, 5)}-${i}`;
      try {
        cluster.create(CORE.Pod, {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: {
            name,
            namespace: ns,
            labels: spec.template?.metadata?.labels ?? {},
            ownerReferences: [
              {
                apiVersion: 'apps/v1',
                kind,
                name: obj.metadata.name!,
                uid: obj.metadata.uid!,
                controller: true,
              },
            ],
          },
          spec: { containers: [{ name: 'c', image: 'pending' }] },
        });
      } catch {
        // exists already
      }
    }
    for (const extra of owned.slice(want)) cluster.delete(CORE.Pod, ns, extra.metadata.name!);
  };
  const handles = (['Deployment', 'StatefulSet'] as const).map((kind) =>
    cluster.watch(
      CORE[kind],
      { resourceVersion: '0' },
      {
        event: (ev) => {
          if (ev.type !== 'DELETED') sync(kind, ev.object);
        },
        done: () => {},
      },
    ),
  );
  return () => {
    for (const h of handles) h.stop();
  };
}
