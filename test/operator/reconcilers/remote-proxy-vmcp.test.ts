import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../operator/kube/types.ts';
import { findCondition } from '../../../operator/status/conditions.ts';
import { type Harness, startHarness } from '../support/harness.ts';

let h: Harness;
afterEach(() => h?.stop());

function st(kind: string, name: string): Record<string, unknown> {
  return (h.get(kind, name)?.status ?? {}) as Record<string, unknown>;
}

const proxy = (spec: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'toolhive.stacklok.dev/v1beta1',
  kind: 'MCPRemoteProxy',
  metadata: { name: 'linear', namespace: 'ns' },
  spec: { remoteUrl: 'https://mcp.linear.app/sse', transport: 'sse', ...spec },
});

const vmcp = (spec: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'toolhive.stacklok.dev/v1beta1',
  kind: 'VirtualMCPServer',
  metadata: { name: 'hub', namespace: 'ns' },
  spec: { groupRef: { name: 'tools' }, incomingAuth: { type: 'anonymous' }, ...spec },
});

describe('MCPRemoteProxy', () => {
  it('renders its children and reports the URL and pod-less status', async () => {
    h = await startHarness();
    h.create(proxy());
    await h.settle();
    expect(h.get('Deployment', 'linear')).toBeDefined();
    expect(h.get('Service', 'mcp-linear-remote-proxy')).toBeDefined();
    expect(h.get('ConfigMap', 'linear-runconfig')).toBeDefined();
    expect(st('MCPRemoteProxy', 'linear')).toMatchObject({
      phase: 'Pending',
      message: 'No pods found for remote proxy',
      url: 'http://mcp-linear-remote-proxy.ns.svc.cluster.local:8080',
    });
    expect(findCondition(st('MCPRemoteProxy', 'linear').conditions, 'ConfigurationValid')).toMatchObject({
      status: 'True',
      reason: 'ConfigurationValid',
    });
    const writes = h.writes();
    h.manager.informers.informer(h.type('MCPRemoteProxy')).resync();
    await h.settle();
    expect(h.writes()).toBe(writes);
  });

  it('refuses an internal URL and a missing header Secret, and recovers when fixed', async () => {
    h = await startHarness();
    h.create(
      proxy({
        remoteUrl: 'http://localhost:9000/mcp',
        headerForward: {
          addHeadersFromSecret: [{ headerName: 'X-Key', valueSecretRef: { name: 'key', key: 'v' } }],
        },
      }),
    );
    await h.settle();
    expect(st('MCPRemoteProxy', 'linear')).toMatchObject({ phase: 'Failed' });
    expect(findCondition(st('MCPRemoteProxy', 'linear').conditions, 'ConfigurationValid')).toMatchObject({
      status: 'False',
      reason: 'RemoteURLInvalid',
    });
    h.cluster.mergePatch(h.type('MCPRemoteProxy'), 'ns', 'linear', {
      spec: { remoteUrl: 'https://mcp.linear.app/sse' },
    });
    await h.settle();
    expect(findCondition(st('MCPRemoteProxy', 'linear').conditions, 'ConfigurationValid')?.reason).toBe(
      'HeaderSecretNotFound',
    );
    h.create({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'key', namespace: 'ns' },
      data: { v: 'eA==' },
    });
    await h.settle();
    expect(st('MCPRemoteProxy', 'linear')).toMatchObject({ phase: 'Pending' });
    expect(h.get('Deployment', 'linear')).toBeDefined();
  });
});

describe('VirtualMCPServer', () => {
  it('waits for its group, then renders and creates the HMAC Secret once', async () => {
    h = await startHarness();
    h.create(vmcp());
    await h.settle();
    expect(st('VirtualMCPServer', 'hub')).toMatchObject({
      phase: 'Failed',
      message: 'Referenced MCPGroup tools not found',
    });

    h.create({
      apiVersion: 'toolhive.stacklok.dev/v1beta1',
      kind: 'MCPGroup',
      metadata: { name: 'tools', namespace: 'ns' },
      spec: {},
    });
    await h.settle();
    expect(st('VirtualMCPServer', 'hub')).toMatchObject({
      phase: 'Pending',
      message: 'No pods found for Virtual MCP server',
      url: 'http://vmcp-hub.ns.svc.cluster.local:4483',
    });
    expect(h.get('Service', 'vmcp-hub')).toBeDefined();
    expect(h.get('ConfigMap', 'hub-vmcp-config')).toBeDefined();
    const secret = h.get('Secret', 'hub-hmac-secret')!;
    expect(Buffer.from((secret.data as Record<string, string>)['hmac-secret']!, 'base64')).toHaveLength(32);
    expect(secret.metadata.ownerReferences?.[0]).toMatchObject({
      kind: 'VirtualMCPServer',
      controller: true,
    });

    // With discovered outgoing auth the vMCP finds members at run time: a new member re-renders
    // the workload but changes none of its objects.
    const quiet = h.writes();
    h.create({
      apiVersion: 'toolhive.stacklok.dev/v1beta1',
      kind: 'MCPServer',
      metadata: { name: 'fetch', namespace: 'ns' },
      spec: { image: 'ghcr.io/example/fetch:1', transport: 'streamable-http', groupRef: { name: 'tools' } },
    });
    await h.settle();
    expect(h.get('ConfigMap', 'hub-vmcp-config')).toBeDefined();
    expect(h.writes() - quiet).toBeGreaterThan(0); // the new MCPServer's own children and status
    expect(h.get('Secret', 'hub-hmac-secret')!.metadata.resourceVersion).toBe(
      secret.metadata.resourceVersion,
    );

    const writes = h.writes();
    h.manager.informers.informer(h.type('VirtualMCPServer')).resync();
    h.manager.informers.informer(h.type('Secret')).relist();
    await h.settle();
    expect(h.writes()).toBe(writes);
  });

  it('is Ready with a ready pod, Degraded when the runtime reports unhealthy backends, and keeps runtime status', async () => {
    h = await startHarness();
    h.create({
      apiVersion: 'toolhive.stacklok.dev/v1beta1',
      kind: 'MCPGroup',
      metadata: { name: 'tools', namespace: 'ns' },
      spec: {},
    });
    h.create(vmcp());
    await h.settle();
    const labels = {
      app: 'virtualmcpserver',
      'app.kubernetes.io/name': 'virtualmcpserver',
      'app.kubernetes.io/instance': 'hub',
      toolhive: 'true',
      'toolhive-name': 'hub',
    };
    h.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'hub-1', namespace: 'ns', labels },
      spec: { containers: [{ name: 'vmcp', image: 'x' }] },
    });
    h.cluster.mergePatch(
      h.type('Pod'),
      'ns',
      'hub-1',
      { status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] } },
      'kubelet',
      'status',
    );
    await h.settle();
    expect(st('VirtualMCPServer', 'hub')).toMatchObject({
      phase: 'Ready',
      message: 'Virtual MCP server is running',
    });

    h.cluster.mergePatch(
      h.type('VirtualMCPServer'),
      'ns',
      'hub',
      {
        status: {
          backendCount: 2,
          discoveredBackends: [
            { name: 'a', status: 'ready' },
            { name: 'b', status: 'unavailable' },
          ],
        },
      },
      'vmcp',
      'status',
    );
    await h.settle();
    expect(st('VirtualMCPServer', 'hub')).toMatchObject({ phase: 'Degraded', backendCount: 2 });
    expect(findCondition(st('VirtualMCPServer', 'hub').conditions, 'Ready')).toMatchObject({
      reason: 'BackendsDegraded',
    });
  });
});
