import { afterEach, describe, expect, it } from 'vitest';
import { findCondition } from '../../../operator/status/conditions.ts';
import { type Harness, startHarness } from '../support/harness.ts';

let h: Harness;
afterEach(() => h?.stop());

function st(kind: string, name: string): Record<string, unknown> {
  return (h.get(kind, name)?.status ?? {}) as Record<string, unknown>;
}

const group = (name: string) => ({
  apiVersion: 'toolhive.stacklok.dev/v1beta1',
  kind: 'MCPGroup',
  metadata: { name, namespace: 'ns' },
  spec: {},
});

const member = (kind: string, name: string, groupName: string, spec: Record<string, unknown> = {}) => ({
  apiVersion: 'toolhive.stacklok.dev/v1beta1',
  kind,
  metadata: { name, namespace: 'ns' },
  spec: { groupRef: { name: groupName }, ...spec },
});

describe('MCPGroup', () => {
  it('lists its members, sorted, with counts, and follows membership changes', async () => {
    h = await startHarness({ controllers: ['mcpgroup'] });
    h.create(group('tools'));
    h.create(member('MCPServer', 'zeta', 'tools', { image: 'x:1' }));
    h.create(member('MCPServer', 'alpha', 'tools', { image: 'x:1' }));
    h.create(member('MCPServer', 'other', 'elsewhere', { image: 'x:1' }));
    h.create(member('MCPRemoteProxy', 'linear', 'tools', { remoteUrl: 'https://mcp.linear.app/sse' }));
    await h.settle();
    expect(st('MCPGroup', 'tools')).toMatchObject({
      phase: 'Ready',
      servers: ['alpha', 'zeta'],
      serverCount: 2,
      remoteProxies: ['linear'],
      remoteProxyCount: 1,
      entries: [],
      entryCount: 0,
      observedGeneration: 1,
    });
    expect(findCondition(st('MCPGroup', 'tools').conditions, 'MCPServersChecked')).toMatchObject({
      status: 'True',
      reason: 'ListMCPServersCheckSucceeded',
    });
    expect(h.get('MCPGroup', 'tools')!.metadata.finalizers).toEqual([
      'toolhive.stacklok.dev/mcpgroup-finalizer',
    ]);

    h.cluster.delete(h.type('MCPServer'), 'ns', 'zeta');
    await h.settle();
    expect(st('MCPGroup', 'tools')).toMatchObject({ servers: ['alpha'], serverCount: 1 });

    // A member's own status changing does not touch the group.
    const writes = h.writes();
    h.cluster.mergePatch(h.type('MCPServer'), 'ns', 'alpha', { status: { phase: 'Ready' } }, 'x', 'status');
    await h.settle();
    expect(h.writes()).toBe(writes);
  });

  it('tells members when it is deleted, without blocking the deletion', async () => {
    h = await startHarness({ controllers: ['mcpgroup'] });
    h.create(group('tools'));
    h.create(member('MCPServer', 'a', 'tools', { image: 'x:1' }));
    await h.settle();
    h.cluster.delete(h.type('MCPGroup'), 'ns', 'tools');
    await h.settle();
    expect(h.get('MCPGroup', 'tools')).toBeUndefined();
    expect(findCondition(st('MCPServer', 'a').conditions, 'GroupRefValidated')).toMatchObject({
      status: 'False',
      reason: 'GroupRefNotFound',
      message: 'Referenced MCPGroup is being deleted',
    });
  });
});

describe('MCPServerEntry', () => {
  const entry = (spec: Record<string, unknown> = {}) =>
    member('MCPServerEntry', 'remote', 'tools', {
      remoteUrl: 'https://mcp.example.com/mcp',
      transport: 'streamable-http',
      ...spec,
    });

  it('is Valid when every reference holds', async () => {
    h = await startHarness({ controllers: ['mcpgroup', 'mcpserverentry'] });
    h.create(group('tools'));
    h.create(entry());
    await h.settle();
    expect(st('MCPServerEntry', 'remote')).toMatchObject({ phase: 'Valid', observedGeneration: 1 });
    const conds = st('MCPServerEntry', 'remote').conditions;
    expect(findCondition(conds, 'Valid')).toMatchObject({ status: 'True', reason: 'ConfigValid' });
    expect(findCondition(conds, 'GroupRefValidated')).toMatchObject({ reason: 'GroupRefIsValid' });
    expect(findCondition(conds, 'ExternalAuthConfigValidated')).toMatchObject({
      reason: 'AuthConfigNotConfigured',
    });
    expect(findCondition(conds, 'HeaderSecretRefsValidated')).toBeUndefined();
  });

  it('fails on a missing reference and recovers by itself when it appears', async () => {
    h = await startHarness({ controllers: ['mcpgroup', 'mcpserverentry'] });
    h.create(group('tools'));
    h.create(
      entry({
        headerForward: {
          addHeadersFromSecret: [{ headerName: 'X-Api-Key', valueSecretRef: { name: 'api', key: 'token' } }],
        },
      }),
    );
    await h.settle();
    expect(st('MCPServerEntry', 'remote').phase).toBe('Failed');
    expect(
      findCondition(st('MCPServerEntry', 'remote').conditions, 'HeaderSecretRefsValidated'),
    ).toMatchObject({
      status: 'False',
      reason: 'HeaderSecretNotFound',
      message:
        'Secret "api" referenced for header "X-Api-Key" not found: create Secret "api" in namespace "ns", or change spec.headerForward.addHeadersFromSecret[0].valueSecretRef.name',
    });
    h.create({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'api', namespace: 'ns' },
      data: { other: 'eA==' },
    });
    await h.settle();
    expect(
      findCondition(st('MCPServerEntry', 'remote').conditions, 'HeaderSecretRefsValidated')?.message,
    ).toBe(
      'Secret "api" has no key "token" referenced for header "X-Api-Key": add the key to the Secret, or change spec.headerForward.addHeadersFromSecret[0].valueSecretRef.key',
    );
    h.cluster.mergePatch(h.type('Secret'), 'ns', 'api', { data: { token: 'dA==' } });
    await h.settle();
    expect(st('MCPServerEntry', 'remote').phase).toBe('Valid');
  });

  it('refuses private endpoints unless allowed', async () => {
    h = await startHarness({ controllers: ['mcpgroup', 'mcpserverentry'] });
    h.create(group('tools'));
    h.create(entry({ remoteUrl: 'http://10.1.2.3:8080/mcp' }));
    await h.settle();
    expect(findCondition(st('MCPServerEntry', 'remote').conditions, 'RemoteURLValidated')).toMatchObject({
      status: 'False',
      reason: 'RemoteURLInvalid',
      message:
        'remote URL host is not allowed: IP address 10.1.2.3 falls within blocked range 10.0.0.0/8: set spec.allowPrivateEndpoint: true to reach a private address, or change spec.remoteUrl',
    });
    h.cluster.mergePatch(h.type('MCPServerEntry'), 'ns', 'remote', { spec: { allowPrivateEndpoint: true } });
    await h.settle();
    expect(st('MCPServerEntry', 'remote').phase).toBe('Valid');
    h.cluster.mergePatch(h.type('MCPServerEntry'), 'ns', 'remote', {
      spec: { remoteUrl: 'http://169.254.169.254/latest' },
    });
    await h.settle();
    expect(st('MCPServerEntry', 'remote').phase).toBe('Failed');
  });
});

describe('VirtualMCPCompositeToolDefinition', () => {
  it('writes validation status ToolHive leaves empty', async () => {
    h = await startHarness({ controllers: ['virtualmcpcompositetooldefinition'] });
    h.create(`
apiVersion: toolhive.stacklok.dev/v1beta1
kind: VirtualMCPCompositeToolDefinition
metadata: {name: good, namespace: ns}
spec:
  name: deploy_and_verify
  steps:
    - {id: deploy, tool: k8s.apply}
    - {id: verify, tool: k8s.get, dependsOn: [deploy]}
`);
    h.create(`
apiVersion: toolhive.stacklok.dev/v1beta1
kind: VirtualMCPCompositeToolDefinition
metadata: {name: bad, namespace: ns}
spec:
  name: broken
  steps:
    - {id: a, tool: invalid-no-dot, dependsOn: [b]}
    - {id: b, tool: x.y, dependsOn: [a]}
    - {id: b, tool: x.z}
`);
    h.create({
      apiVersion: 'toolhive.stacklok.dev/v1beta1',
      kind: 'VirtualMCPServer',
      metadata: { name: 'v', namespace: 'ns' },
      spec: {
        groupRef: { name: 'g' },
        incomingAuth: { type: 'anonymous' },
        config: { compositeToolRefs: [{ name: 'good' }] },
      },
    });
    await h.settle();
    expect(st('VirtualMCPCompositeToolDefinition', 'good')).toMatchObject({
      validationStatus: 'Valid',
      referencingVirtualServers: ['v'],
    });
    const bad = st('VirtualMCPCompositeToolDefinition', 'bad');
    expect(bad.validationStatus).toBe('Invalid');
    expect(bad.validationErrors).toEqual([
      'spec.steps[0].tool: step "a": tool "invalid-no-dot" must be in the form <workload>.<tool>',
      'spec.steps[2].id: duplicate step id "b"; step ids must be unique',
      'spec.steps[].dependsOn: dependency cycle: a -> b -> a; remove one of these dependencies',
    ]);
    expect(findCondition(bad.conditions, 'WorkflowValidated')).toMatchObject({
      status: 'False',
      reason: 'ValidationFailed',
    });
    expect(
      findCondition(st('VirtualMCPCompositeToolDefinition', 'good').conditions, 'WorkflowValidated'),
    ).toMatchObject({ status: 'True', reason: 'ValidationSuccess' });
  });

  it('uses ToolHive’s DependencyCycle reason when a cycle is the only problem', async () => {
    h = await startHarness({ controllers: ['virtualmcpcompositetooldefinition'] });
    h.create(`
apiVersion: toolhive.stacklok.dev/v1beta1
kind: VirtualMCPCompositeToolDefinition
metadata: {name: loop, namespace: ns}
spec:
  name: loop
  steps:
    - {id: a, tool: x.a, dependsOn: [b]}
    - {id: b, tool: x.b, dependsOn: [a]}
`);
    await h.settle();
    const c = findCondition(st('VirtualMCPCompositeToolDefinition', 'loop').conditions, 'WorkflowValidated');
    expect(c).toMatchObject({ status: 'False', reason: 'DependencyCycle' });
    expect(c?.message).toContain('dependency cycle: a -> b -> a; remove one of these dependencies');
  });
});
