import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../operator/kube/types.ts';
import { findCondition } from '../../../operator/status/conditions.ts';
import { type Harness, startHarness } from '../support/harness.ts';

let h: Harness;
afterEach(() => h?.stop());

function st(kind: string, name: string): Record<string, unknown> {
  return (h.get(kind, name)?.status ?? {}) as Record<string, unknown>;
}

const server = (
  name: string,
  spec: Record<string, unknown> = {},
  annotations?: Record<string, string>,
): KubeObject => ({
  apiVersion: 'toolhive.stacklok.dev/v1beta1',
  kind: 'MCPServer',
  metadata: { name, namespace: 'ns', ...(annotations ? { annotations } : {}) },
  spec: { image: 'ghcr.io/example/fetch:1.0', transport: 'streamable-http', ...spec },
});

const toolConfig = (tools: string[]): KubeObject => ({
  apiVersion: 'toolhive.stacklok.dev/v1beta1',
  kind: 'MCPToolConfig',
  metadata: { name: 'tools', namespace: 'ns' },
  spec: { toolsFilter: tools },
});

function template(dep: KubeObject | undefined) {
  if (!dep) throw new Error('no Deployment');
  return (dep.spec as { template: { metadata: { annotations: Record<string, string> } } }).template.metadata;
}

function children(): string[] {
  const kinds = [
    'ServiceAccount',
    'Role',
    'RoleBinding',
    'ConfigMap',
    'Deployment',
    'StatefulSet',
    'Service',
  ];
  return kinds.flatMap((k) =>
    h.cluster
      .dump(h.type(k), 'ns')
      .filter((o) => o.metadata.ownerReferences?.some((r) => r.kind === 'MCPServer'))
      .map((o) => `${k}/${o.metadata.name}`),
  );
}

function pod(name: string, labels: Record<string, string>, status: Record<string, unknown>): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'ns', labels },
    spec: { containers: [{ name: 'c', image: 'x' }] },
    status,
  };
}

const proxyLabels = (name: string) => ({
  app: 'mcpserver',
  'app.kubernetes.io/name': 'mcpserver',
  'app.kubernetes.io/instance': name,
  toolhive: 'true',
  'toolhive-name': name,
});

describe('MCPServer', () => {
  it('renders every child with a controller owner reference, reports status, then writes nothing', async () => {
    h = await startHarness();
    h.create(toolConfig(['fetch']));
    h.create(server('fetch', { toolConfigRef: { name: 'tools' } }));
    await h.settle();
    expect(children().sort()).toEqual(
      [
        'ConfigMap/fetch-runconfig',
        'Deployment/fetch',
        'Role/fetch-proxy-runner',
        'RoleBinding/fetch-proxy-runner',
        'Service/mcp-fetch',
        'Service/mcp-fetch-headless',
        'Service/mcp-fetch-proxy',
        'ServiceAccount/fetch-proxy-runner',
        'ServiceAccount/fetch-sa',
        'StatefulSet/fetch',
      ].sort(),
    );
    const dep = h.get('Deployment', 'fetch')!;
    expect(dep.metadata.ownerReferences?.[0]).toMatchObject({
      kind: 'MCPServer',
      name: 'fetch',
      controller: true,
      blockOwnerDeletion: true,
    });
    expect(h.cluster.managersOf(h.type('Deployment'), 'ns', 'fetch')).toHaveProperty('toolhive-operator');
    const status = st('MCPServer', 'fetch');
    expect(status).toMatchObject({
      phase: 'Pending',
      message: 'MCP server is being created',
      readyReplicas: 0,
      observedGeneration: 1,
      url: 'http://mcp-fetch-proxy.ns.svc.cluster.local:8080/mcp',
      toolConfigHash: st('MCPToolConfig', 'tools').configHash,
    });
    expect(findCondition(status.conditions, 'Ready')).toMatchObject({ status: 'False', reason: 'NotReady' });
    expect(h.get('MCPServer', 'fetch')!.metadata.finalizers).toEqual([
      'mcpserver.toolhive.stacklok.dev/finalizer',
    ]);

    // Zero-write steady state: a resync and a full relist of everything write nothing.
    const writes = h.writes();
    for (const kind of ['MCPServer', 'Deployment', 'StatefulSet', 'ConfigMap', 'Service']) {
      h.manager.informers.informer(h.type(kind)).resync();
      h.manager.informers.informer(h.type(kind)).relist();
    }
    await h.settle();
    expect(h.writes()).toBe(writes);
  });

  it('reports pods as they are: pending without a kubelet, running, failed', async () => {
    h = await startHarness();
    h.create(server('fetch'));
    await h.settle();
    h.create(pod('fetch-abc', proxyLabels('fetch'), {}));
    await h.settle();
    expect(st('MCPServer', 'fetch')).toMatchObject({ phase: 'Pending', message: 'MCP server is starting' });
    h.cluster.mergePatch(
      h.type('Pod'),
      'ns',
      'fetch-abc',
      { status: { phase: 'Running', containerStatuses: [{ name: 'c', ready: true }] } },
      'kubelet',
      'status',
    );
    await h.settle();
    expect(st('MCPServer', 'fetch')).toMatchObject({
      phase: 'Ready',
      message: 'MCP server is running',
      readyReplicas: 1,
    });
    expect(findCondition(st('MCPServer', 'fetch').conditions, 'Ready')).toMatchObject({
      status: 'True',
      reason: 'Ready',
    });
    h.cluster.mergePatch(
      h.type('Pod'),
      'ns',
      'fetch-abc',
      {
        status: {
          containerStatuses: [
            { name: 'c', ready: false, state: { waiting: { reason: 'CrashLoopBackOff' } } },
          ],
        },
      },
      'kubelet',
      'status',
    );
    await h.settle();
    expect(st('MCPServer', 'fetch')).toMatchObject({
      phase: 'Failed',
      message: 'MCP server pod failed: CrashLoopBackOff',
    });
  });

  it('rolls the Deployment when a referenced config or Secret changes, and only then', async () => {
    h = await startHarness();
    h.create(toolConfig(['fetch']));
    h.create({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'gh', namespace: 'ns' },
      data: { token: 'YQ==' },
    });
    h.create(server('fetch', { toolConfigRef: { name: 'tools' }, secrets: [{ name: 'gh', key: 'token' }] }));
    await h.settle();
    const first = { ...template(h.get('Deployment', 'fetch')).annotations };
    const firstSts = { ...(template(h.get('StatefulSet', 'fetch')).annotations ?? {}) };

    h.cluster.mergePatch(h.type('MCPToolConfig'), 'ns', 'tools', {
      spec: { toolsFilter: ['fetch', 'more'] },
    });
    await h.settle();
    const second = template(h.get('Deployment', 'fetch')).annotations;
    expect(second).not.toEqual(first);
    expect(st('MCPServer', 'fetch').toolConfigHash).toBe(st('MCPToolConfig', 'tools').configHash);

    h.cluster.mergePatch(h.type('Secret'), 'ns', 'gh', { data: { token: 'Yg==' } });
    await h.settle();
    expect(template(h.get('StatefulSet', 'fetch')).annotations).not.toEqual(firstSts);

    // An unrelated ConfigMap changing rolls nothing.
    const writes = h.writes();
    h.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'unrelated', namespace: 'ns' },
      data: { a: 'b' },
    });
    await h.settle();
    expect(h.writes()).toBe(writes);
  });

  it('fails on a missing reference with backoff, and recovers by itself when it appears', async () => {
    h = await startHarness();
    h.create(server('fetch', { toolConfigRef: { name: 'tools' } }));
    await h.settle();
    expect(st('MCPServer', 'fetch')).toMatchObject({
      phase: 'Failed',
      message: 'MCPToolConfig tools not found',
    });
    expect(children()).toEqual([]);
    // Retried with backoff: no write while nothing changes.
    const writes = h.writes();
    await h.advance(100);
    await h.advance(200);
    expect(h.writes()).toBe(writes);
    h.create(toolConfig(['fetch']));
    await h.settle();
    expect(st('MCPServer', 'fetch')).toMatchObject({
      phase: 'Pending',
      message: 'MCP server is being created',
    });
    expect(children()).toContain('Deployment/fetch');
  });

  it('blocks only the workload with an invalid podTemplateSpec', async () => {
    h = await startHarness();
    h.create(server('bad', { podTemplateSpec: { spec: { containers: 'mcp' } } }));
    h.create(
      server('good', { podTemplateSpec: { metadata: { annotations: { 'prometheus.io/scrape': 'true' } } } }),
    );
    await h.settle();
    expect(st('MCPServer', 'bad')).toMatchObject({
      phase: 'Failed',
      message:
        'Invalid PodTemplateSpec: podTemplateSpec.spec.containers: expected an array, got string "mcp"',
    });
    expect(findCondition(st('MCPServer', 'bad').conditions, 'PodTemplateValid')).toMatchObject({
      status: 'False',
      reason: 'InvalidPodTemplateSpec',
    });
    expect(h.get('Deployment', 'bad')).toBeUndefined();
    expect(findCondition(st('MCPServer', 'good').conditions, 'PodTemplateValid')).toMatchObject({
      status: 'True',
      reason: 'ValidPodTemplateSpec',
      message: 'PodTemplateSpec is valid',
    });
    expect(h.get('Deployment', 'good')).toBeDefined();
  });

  it('deletes its children when deleted (owner references), after reporting Terminating', async () => {
    h = await startHarness();
    h.create(server('fetch'));
    await h.settle();
    expect(children().length).toBeGreaterThan(5);
    h.cluster.delete(h.type('MCPServer'), 'ns', 'fetch');
    await h.settle();
    expect(h.get('MCPServer', 'fetch')).toBeUndefined();
    expect(children()).toEqual([]);
  });

  it('prunes objects a spec change no longer renders', async () => {
    h = await startHarness();
    h.create(server('fetch'));
    await h.settle();
    expect(h.get('ServiceAccount', 'fetch-sa')).toBeDefined();
    h.cluster.mergePatch(h.type('MCPServer'), 'ns', 'fetch', { spec: { serviceAccount: 'own-sa' } });
    await h.settle();
    expect(h.get('ServiceAccount', 'fetch-sa')).toBeUndefined();
  });

  it('caps stdio replicas, reports Stopped when scaled to zero', async () => {
    h = await startHarness();
    h.create(server('io', { transport: 'stdio', replicas: 3 }));
    await h.settle();
    expect(findCondition(st('MCPServer', 'io').conditions, 'StdioReplicaCapped')).toMatchObject({
      status: 'True',
      reason: 'StdioTransportCapAt1',
    });
    expect((h.get('Deployment', 'io')!.spec as { replicas: number }).replicas).toBe(1);
    h.cluster.mergePatch(h.type('MCPServer'), 'ns', 'io', { spec: { replicas: 0 } });
    await h.settle();
    expect(st('MCPServer', 'io')).toMatchObject({
      phase: 'Stopped',
      message: 'MCP server is stopped (scaled to zero)',
    });
  });

  it('processes restart annotations once: rolling stamps the pod template, immediate deletes pods', async () => {
    h = await startHarness();
    h.create(server('fetch', {}, { 'mcpserver.toolhive.stacklok.dev/restarted-at': '2026-01-01T10:00:00Z' }));
    await h.settle();
    expect(
      template(h.get('Deployment', 'fetch')).annotations['mcpserver.toolhive.stacklok.dev/restarted-at'],
    ).toBe('2026-01-01T10:00:00Z');
    expect(
      h.get('MCPServer', 'fetch')!.metadata.annotations?.[
        'mcpserver.toolhive.stacklok.dev/last-processed-restart'
      ],
    ).toBe('2026-01-01T10:00:00Z');
    const writes = h.writes();
    h.manager.informers.informer(h.type('MCPServer')).resync();
    await h.settle();
    expect(h.writes()).toBe(writes);

    h.create(pod('fetch-1', proxyLabels('fetch'), {}));
    await h.settle();
    h.cluster.mergePatch(h.type('MCPServer'), 'ns', 'fetch', {
      metadata: {
        annotations: {
          'mcpserver.toolhive.stacklok.dev/restarted-at': '2026-01-02T10:00:00Z',
          'mcpserver.toolhive.stacklok.dev/restart-strategy': 'immediate',
        },
      },
    });
    await h.settle();
    expect(h.get('Pod', 'fetch-1')).toBeUndefined();
    // The rolling stamp stays: an immediate restart does not roll the Deployment too.
    expect(
      template(h.get('Deployment', 'fetch')).annotations['mcpserver.toolhive.stacklok.dev/restarted-at'],
    ).toBe('2026-01-01T10:00:00Z');
  });
});
