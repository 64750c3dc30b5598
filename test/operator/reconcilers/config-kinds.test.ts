import { afterEach, describe, expect, it } from 'vitest';
import { findCondition } from '../../../operator/status/conditions.ts';
import { type Harness, startHarness } from '../support/harness.ts';

let h: Harness;
afterEach(() => h?.stop());

const toolConfig = (name: string, tools: string[]) => `
apiVersion: toolhive.stacklok.dev/v1beta1
kind: MCPToolConfig
metadata: {name: ${name}, namespace: ns}
spec: {toolsFilter: [${tools.join(', ')}]}
`;

const server = (name: string, refs: Record<string, unknown>) => ({
  apiVersion: 'toolhive.stacklok.dev/v1beta1',
  kind: 'MCPServer',
  metadata: { name, namespace: 'ns' },
  spec: { image: 'ghcr.io/example/fetch:1', ...refs },
});

describe('config kinds', () => {
  it('add a finalizer, a Valid condition, configHash and observedGeneration; then write nothing', async () => {
    h = await startHarness({ controllers: ['mcptoolconfig'] });
    h.create(toolConfig('tools', ['fetch']));
    await h.settle();
    const tc = h.get('MCPToolConfig', 'tools')!;
    expect(tc.metadata.finalizers).toEqual(['toolhive.stacklok.dev/toolconfig-finalizer']);
    const status = tc.status as { configHash: string; observedGeneration: number; conditions: unknown };
    expect(status.configHash).toMatch(/^[0-9a-f]{1,8}$/);
    expect(status.observedGeneration).toBe(1);
    expect(findCondition(status.conditions, 'Valid')).toMatchObject({
      status: 'True',
      reason: 'ValidationSucceeded',
      message: 'Spec validation passed',
      observedGeneration: 1,
    });

    // Steady state: resync and relist issue no write.
    const before = h.writes();
    h.manager.informers.informer(h.type('MCPToolConfig')).resync();
    h.manager.informers.informer(h.type('MCPToolConfig')).relist();
    await h.settle();
    expect(h.writes()).toBe(before);

    // A spec change changes the hash.
    h.cluster.mergePatch(h.type('MCPToolConfig'), 'ns', 'tools', {
      spec: { toolsFilter: ['fetch', 'other'] },
    });
    await h.settle();
    const after = h.get('MCPToolConfig', 'tools')!.status as {
      configHash: string;
      observedGeneration: number;
    };
    expect(after.configHash).not.toBe(status.configHash);
    expect(after.observedGeneration).toBe(2);
  });

  it('reports an invalid spec with the kind-specific reason and recovers when fixed', async () => {
    h = await startHarness({ controllers: ['mcpoidcconfig'] });
    h.create(`
apiVersion: toolhive.stacklok.dev/v1beta1
kind: MCPOIDCConfig
metadata: {name: idp, namespace: ns}
spec: {type: inline, inline: {issuer: "http://idp.example.com"}}
`);
    await h.settle();
    let valid = findCondition(st('MCPOIDCConfig', 'idp').conditions, 'Valid');
    expect(valid).toMatchObject({ status: 'False', reason: 'ConfigInvalid' });
    expect(valid?.message).toContain('uses HTTP scheme, which is insecure');
    expect(h.cluster.dump(h.type('Event'), 'ns').length + eventsV1(h).length).toBeGreaterThan(0);
    expect(eventsV1(h).map((e) => e.reason)).toEqual(['ConfigInvalid']);

    h.cluster.mergePatch(h.type('MCPOIDCConfig'), 'ns', 'idp', {
      spec: { inline: { issuer: 'https://idp.example.com' } },
    });
    await h.settle();
    valid = findCondition(st('MCPOIDCConfig', 'idp').conditions, 'Valid');
    expect(valid).toMatchObject({ status: 'True', reason: 'ConfigValid' });
    expect(st('MCPOIDCConfig', 'idp').configHash).toBeDefined();
    expect(
      eventsV1(h)
        .map((e) => e.reason)
        .sort(),
    ).toEqual(['ConfigInvalid', 'ConfigValid']);
  });

  it('blocks deletion while a workload references the config, and lets it go once the reference is gone', async () => {
    h = await startHarness({ controllers: ['mcptoolconfig'] });
    h.create(toolConfig('tools', ['fetch']));
    h.create(server('a', { toolConfigRef: { name: 'tools' } }));
    h.create(server('b', { toolConfigRef: { name: 'tools' } }));
    await h.settle();
    h.cluster.delete(h.type('MCPToolConfig'), 'ns', 'tools');
    await h.settle();
    const blocked = h.get('MCPToolConfig', 'tools')!;
    expect(blocked.metadata.deletionTimestamp).toBeDefined();
    expect(
      findCondition((blocked.status as { conditions?: unknown }).conditions, 'DeletionBlocked'),
    ).toMatchObject({
      status: 'True',
      reason: 'ReferencedByWorkloads',
      message: 'Cannot delete: referenced by workloads: [{MCPServer a} {MCPServer b}]',
    });
    const blockedEvents = eventsV1(h).filter((e) => e.reason === 'DeletionBlocked');
    expect(blockedEvents).toHaveLength(1);
    expect((blockedEvents[0] as unknown as { note: string }).note).toBe(
      'deletion blocked while still referenced by workloads: [{MCPServer a} {MCPServer b}]',
    );

    // Re-checked every 30 s without writing again while nothing changes.
    const writes = h.writes();
    await h.advance(30_000);
    expect(h.writes()).toBe(writes);

    h.cluster.delete(h.type('MCPServer'), 'ns', 'a');
    await h.settle();
    expect(h.get('MCPToolConfig', 'tools')).toBeDefined();
    h.cluster.mergePatch(h.type('MCPServer'), 'ns', 'b', { spec: { toolConfigRef: null } });
    await h.settle();
    expect(h.get('MCPToolConfig', 'tools')).toBeUndefined();
  });

  it('uses the telemetry kind’s own blocked message and counts every workload kind that references it', async () => {
    h = await startHarness({ controllers: ['mcptelemetryconfig'] });
    h.create(`
apiVersion: toolhive.stacklok.dev/v1beta1
kind: MCPTelemetryConfig
metadata: {name: otel, namespace: ns}
spec: {openTelemetry: {endpoint: "otel:4317", tracing: {enabled: true}}}
`);
    h.create(server('s', { telemetryConfigRef: { name: 'otel' } }));
    h.create({
      apiVersion: 'toolhive.stacklok.dev/v1beta1',
      kind: 'VirtualMCPServer',
      metadata: { name: 'v', namespace: 'ns' },
      spec: {
        groupRef: { name: 'g' },
        incomingAuth: { type: 'anonymous' },
        telemetryConfigRef: { name: 'otel' },
      },
    });
    await h.settle();
    h.cluster.delete(h.type('MCPTelemetryConfig'), 'ns', 'otel');
    await h.settle();
    expect(findCondition(st('MCPTelemetryConfig', 'otel').conditions, 'DeletionBlocked')?.message).toBe(
      'cannot delete: still referenced by MCPServer(s): [MCPServer/s VirtualMCPServer/v]',
    );
  });

  it('validates each config kind', async () => {
    h = await startHarness({
      controllers: ['mcptelemetryconfig', 'mcpauthzconfig', 'mcpwebhookconfig', 'mcpexternalauthconfig'],
    });
    h.create(`
apiVersion: toolhive.stacklok.dev/v1beta1
kind: MCPTelemetryConfig
metadata: {name: otel, namespace: ns}
spec: {openTelemetry: {endpoint: "otel:4317"}}
`);
    h.create(`
apiVersion: toolhive.stacklok.dev/v1beta1
kind: MCPAuthzConfig
metadata: {name: authz, namespace: ns}
spec: {type: cedarv1, config: {policies: []}}
`);
    h.create(`
apiVersion: toolhive.stacklok.dev/v1alpha1
kind: MCPWebhookConfig
metadata: {name: hooks, namespace: ns}
spec: {validating: [{name: v, url: "https://hooks.example.com/v"}]}
`);
    h.create(`
apiVersion: toolhive.stacklok.dev/v1beta1
kind: MCPExternalAuthConfig
metadata: {name: ext, namespace: ns}
spec: {type: unauthenticated}
`);
    await h.settle();
    const valid = (kind: string, name: string) => findCondition(st(kind, name).conditions, 'Valid');
    expect(valid('MCPTelemetryConfig', 'otel')).toMatchObject({
      status: 'False',
      reason: 'ValidationFailed',
      message:
        'endpoint requires at least one of tracing or metrics to be enabled: set spec.openTelemetry.tracing.enabled or spec.openTelemetry.metrics.enabled to true, or remove spec.openTelemetry.endpoint',
    });
    expect(valid('MCPAuthzConfig', 'authz')).toMatchObject({ status: 'False', reason: 'ConfigInvalid' });
    expect(valid('MCPAuthzConfig', 'authz')?.message).toBe(
      'cedarv1 configuration requires at least one policy in config.policies (spec.config.policies)',
    );
    expect(valid('MCPWebhookConfig', 'hooks')).toMatchObject({
      status: 'True',
      reason: 'ValidationSucceeded',
    });
    expect(valid('MCPExternalAuthConfig', 'ext')).toMatchObject({
      status: 'True',
      reason: 'ValidationSucceeded',
    });
  });
});

function st(kind: string, name: string): Record<string, unknown> {
  return (h.get(kind, name)?.status ?? {}) as Record<string, unknown>;
}

function eventsV1(h: Harness) {
  return h.cluster.dump(h.cluster.resources.require('events.k8s.io', 'Event'), 'ns') as unknown as {
    reason: string;
  }[];
}
