import { afterEach, describe, expect, it } from 'vitest';
import { findCondition } from '../../../operator/status/conditions.ts';
import { type Harness, startHarness } from '../support/harness.ts';

let h: Harness;
afterEach(() => h?.stop());

function st(kind: string, name: string): Record<string, unknown> {
  return (h.get(kind, name)?.status ?? {}) as Record<string, unknown>;
}

describe('EmbeddingServer', () => {
  it('renders its StatefulSet and Service and reports Pending, Downloading, Ready from the StatefulSet', async () => {
    h = await startHarness();
    h.create({
      apiVersion: 'toolhive.stacklok.dev/v1beta1',
      kind: 'EmbeddingServer',
      metadata: { name: 'emb', namespace: 'ns' },
      spec: { modelCache: { enabled: true } },
    });
    await h.settle();
    expect(h.get('StatefulSet', 'emb')).toBeDefined();
    expect(h.get('Service', 'emb')).toBeDefined();
    expect(h.get('EmbeddingServer', 'emb')!.metadata.finalizers).toEqual([
      'embeddingserver.toolhive.stacklok.dev/finalizer',
    ]);
    expect(st('EmbeddingServer', 'emb')).toMatchObject({
      phase: 'Pending',
      message: 'Waiting for statefulset',
      url: 'http://emb.ns.svc.cluster.local:8080',
    });
    expect(findCondition(st('EmbeddingServer', 'emb').conditions, 'PodTemplateValid')?.message).toBe(
      'No PodTemplateSpec provided',
    );
    // The controller manager created the pod; no kubelet runs it.
    h.cluster.mergePatch(
      h.type('StatefulSet'),
      'ns',
      'emb',
      { status: { replicas: 1, readyReplicas: 0 } },
      'kcm',
      'status',
    );
    await h.settle();
    expect(st('EmbeddingServer', 'emb')).toMatchObject({
      phase: 'Downloading',
      message: 'Downloading embedding model',
    });
    h.cluster.mergePatch(
      h.type('StatefulSet'),
      'ns',
      'emb',
      { status: { replicas: 1, readyReplicas: 1 } },
      'kcm',
      'status',
    );
    await h.settle();
    expect(st('EmbeddingServer', 'emb')).toMatchObject({ phase: 'Ready', readyReplicas: 1 });
    const writes = h.writes();
    h.manager.informers.informer(h.type('EmbeddingServer')).resync();
    await h.settle();
    expect(h.writes()).toBe(writes);
    h.cluster.delete(h.type('EmbeddingServer'), 'ns', 'emb');
    await h.settle();
    expect(h.get('EmbeddingServer', 'emb')).toBeUndefined();
    expect(h.get('StatefulSet', 'emb')).toBeUndefined();
  });
});

const registry = () => ({
  apiVersion: 'toolhive.stacklok.dev/v1beta1',
  kind: 'MCPRegistry',
  metadata: { name: 'reg', namespace: 'ns' },
  spec: { configYAML: 'registryName: test\n' },
});

describe('MCPRegistry', () => {
  it('renders the registry API and reports Ready with the URL once the Deployment is ready', async () => {
    h = await startHarness();
    h.create(registry());
    await h.settle();
    expect(h.get('Deployment', 'reg-api')).toBeDefined();
    expect(h.get('ConfigMap', 'reg-registry-server-config')).toBeDefined();
    expect(st('MCPRegistry', 'reg')).toMatchObject({
      phase: 'Pending',
      message: 'Registry API deployment is not ready yet',
      readyReplicas: 0,
    });
    h.cluster.mergePatch(
      h.type('Deployment'),
      'ns',
      'reg-api',
      { status: { readyReplicas: 1 } },
      'kcm',
      'status',
    );
    await h.settle();
    expect(st('MCPRegistry', 'reg')).toMatchObject({
      phase: 'Ready',
      message: 'Registry API is ready and serving requests',
      url: 'http://reg-api.ns:8080',
      readyReplicas: 1,
    });
    const events = h.cluster.dump(h.cluster.resources.require('events.k8s.io', 'Event'), 'ns') as unknown as {
      reason: string;
    }[];
    expect(events.filter((e) => e.reason === 'MCPRegistryDeprecated')).toHaveLength(1);
  });

  it('starts the registry API at one replica and leaves the count to an HPA afterwards', async () => {
    h = await startHarness();
    h.create(registry());
    await h.settle();
    const replicas = () =>
      (h.get('Deployment', 'reg-api')?.spec as { replicas?: number } | undefined)?.replicas;
    expect(replicas()).toBe(1);
    expect(h.cluster.managersOf(h.type('Deployment'), 'ns', 'reg-api')['toolhive-operator']).not.toContain(
      'spec.replicas',
    );
    // An HPA scales it; a spec change and a resync re-render and apply, and the count stays.
    h.cluster.mergePatch(
      h.type('Deployment'),
      'ns',
      'reg-api',
      { spec: { replicas: 4 } },
      'horizontal-pod-autoscaler',
    );
    h.cluster.mergePatch(h.type('MCPRegistry'), 'ns', 'reg', {
      spec: { configYAML: 'registryName: other\n' },
    });
    await h.settle();
    h.manager.informers.informer(h.type('MCPRegistry')).resync();
    await h.settle();
    expect(replicas()).toBe(4);
    const data = h.get('ConfigMap', 'reg-registry-server-config')?.data as Record<string, string>;
    expect(data['config.yaml']).toContain('other');
  });
});
