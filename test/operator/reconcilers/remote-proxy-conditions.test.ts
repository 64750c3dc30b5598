/**
 * MCPRemoteProxy conditions ToolHive writes from its spec validation and advisories:
 * `ConfigurationValid`/`ExternalAuthConfigNotFound`, `SessionStorageWarning` with all three
 * reasons, and `PodTemplateValid` with its Warning event.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../operator/kube/types.ts';
import { findCondition } from '../../../operator/status/conditions.ts';
import { type Harness, startHarness } from '../support/harness.ts';

let h: Harness;
afterEach(() => h?.stop());

const proxy = (spec: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'toolhive.stacklok.dev/v1beta1',
  kind: 'MCPRemoteProxy',
  metadata: { name: 'p', namespace: 'ns' },
  spec: { remoteUrl: 'https://mcp.example.com/mcp', ...spec },
});

const cond = (type: string) =>
  findCondition(
    (h.get('MCPRemoteProxy', 'p')?.status as { conditions?: unknown } | undefined)?.conditions,
    type,
  );
const patch = (p: Record<string, unknown>) => h.cluster.mergePatch(h.type('MCPRemoteProxy'), 'ns', 'p', p);

function events(): { reason: string; type: string; note: string }[] {
  return h.cluster.dump(h.cluster.resources.require('events.k8s.io', 'Event'), 'ns') as unknown as {
    reason: string;
    type: string;
    note: string;
  }[];
}

describe('MCPRemoteProxy ConfigurationValid', () => {
  it('is False/ExternalAuthConfigNotFound with a Warning event until the referenced config exists', async () => {
    h = await startHarness();
    h.create(proxy({ externalAuthConfigRef: { name: 'exchange' } }));
    await h.settle();
    const c = cond('ConfigurationValid');
    expect(c).toMatchObject({ status: 'False', reason: 'ExternalAuthConfigNotFound' });
    expect(c?.message).toContain('referenced MCPExternalAuthConfig exchange not found');
    expect(c?.message).toContain(
      'create MCPExternalAuthConfig "exchange" in namespace "ns", or change spec.externalAuthConfigRef.name',
    );
    expect(cond('ExternalAuthConfigValidated')).toMatchObject({
      status: 'False',
      reason: 'ExternalAuthConfigNotFound',
    });
    expect(cond('AuthConfigured')).toMatchObject({ status: 'False', reason: 'AuthInvalid' });
    expect(events().filter((e) => e.reason === 'ExternalAuthConfigNotFound')).toHaveLength(1);
    expect(h.get('Deployment', 'p')).toBeUndefined();

    h.create({
      apiVersion: 'toolhive.stacklok.dev/v1beta1',
      kind: 'MCPExternalAuthConfig',
      metadata: { name: 'exchange', namespace: 'ns' },
      spec: { type: 'unauthenticated' },
    });
    await h.settle();
    expect(cond('ConfigurationValid')).toMatchObject({ status: 'True', reason: 'ConfigurationValid' });
    expect(cond('ExternalAuthConfigValidated')).toMatchObject({
      status: 'True',
      reason: 'ExternalAuthConfigValid',
    });
    expect(cond('AuthConfigured')).toBeUndefined();
    expect(h.get('Deployment', 'p')).toBeDefined();
  });
});

describe('MCPRemoteProxy SessionStorageWarning', () => {
  it('is True for several replicas without Redis, False/SessionStorageConfigured with it, NotApplicable for one', async () => {
    h = await startHarness();
    h.create(proxy({ replicas: 3 }));
    await h.settle();
    const warning = cond('SessionStorageWarning');
    expect(warning).toMatchObject({ status: 'True', reason: 'SessionStorageMissingForReplicas' });
    expect(warning?.message).toContain('sessions are not shared across replicas');
    expect(warning?.message).toContain('spec.sessionStorage.provider');
    expect(h.get('Deployment', 'p')).toBeDefined();

    patch({ spec: { sessionStorage: { provider: 'redis', address: 'redis.ns.svc:6379' } } });
    await h.settle();
    expect(cond('SessionStorageWarning')).toMatchObject({
      status: 'False',
      reason: 'SessionStorageConfigured',
      message: 'Redis session storage is configured',
    });

    patch({ spec: { replicas: 1 } });
    await h.settle();
    expect(cond('SessionStorageWarning')).toMatchObject({
      status: 'False',
      reason: 'SessionStorageWarningNotApplicable',
    });
  });
});

describe('MCPRemoteProxy PodTemplateValid', () => {
  it('blocks the deployment with ToolHive’s message and a Warning event, and recovers when fixed', async () => {
    h = await startHarness();
    h.create(proxy({ podTemplateSpec: { spec: { containers: 'toolhive' } } }));
    await h.settle();
    const c = cond('PodTemplateValid');
    expect(c).toMatchObject({ status: 'False', reason: 'InvalidPodTemplateSpec' });
    expect(c?.message).toMatch(/^Failed to parse PodTemplateSpec: .*\. Deployment blocked until fixed\.$/);
    expect(c?.message).toContain('spec.podTemplateSpec.spec.containers');
    expect(events().filter((e) => e.reason === 'InvalidPodTemplateSpec')).toHaveLength(1);
    expect(h.get('Deployment', 'p')).toBeUndefined();

    const writes = h.writes();
    h.manager.informers.informer(h.type('MCPRemoteProxy')).resync();
    await h.settle();
    expect(h.writes()).toBe(writes);

    patch({ spec: { podTemplateSpec: { spec: { containers: [{ name: 'toolhive', env: [] }] } } } });
    await h.settle();
    expect(cond('PodTemplateValid')).toMatchObject({ status: 'True', reason: 'ValidPodTemplateSpec' });
    expect(h.get('Deployment', 'p')).toBeDefined();
  });
});
