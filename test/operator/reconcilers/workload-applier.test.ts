/**
 * WorkloadApplier skips render → apply → prune only while nothing the render depended on has
 * changed: the workload's generation and metadata, every object the charts read (present or
 * absent), and each child as applied.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CORE } from '../../../operator/kube/resources.ts';
import { CHILD_TYPES } from '../../../operator/reconcilers/workload.ts';
import { WorkloadApplier } from '../../../operator/reconcilers/workload-applier.ts';
import { type Harness, startHarness } from '../support/harness.ts';

let h: Harness | undefined;
afterEach(() => h?.stop());

async function setup() {
  h = await startHarness({ controllers: [] });
  const applier = new WorkloadApplier(h.ctx, {});
  // No controllers run here: start the informers a reconcile of an MCPServer reads.
  for (const t of [h.type('MCPServer'), h.type('MCPToolConfig'), ...CHILD_TYPES]) h.ctx.cache.informer(t);
  await h.ctx.cache.synced();
  h.create({
    apiVersion: 'toolhive.stacklok.dev/v1beta1',
    kind: 'MCPToolConfig',
    metadata: { name: 'tools', namespace: 'ns' },
    spec: { toolsFilter: ['fetch'] },
  });
  h.create({
    apiVersion: 'toolhive.stacklok.dev/v1beta1',
    kind: 'MCPServer',
    metadata: { name: 'fetch', namespace: 'ns' },
    spec: {
      image: 'ghcr.io/example/fetch:1.0',
      transport: 'streamable-http',
      toolConfigRef: { name: 'tools' },
      secrets: [{ name: 'gh', key: 'token' }],
    },
  });
  const harness = h;
  const server = () => harness.ctx.cache.get(harness.type('MCPServer'), 'ns', 'fetch')!;
  const sync = async (extra?: string) => {
    await harness.settle();
    await applier.sync(server(), extra !== undefined ? { extra } : {});
    await harness.settle();
  };
  await sync();
  await sync();
  return { harness, applier, sync, server };
}

describe('WorkloadApplier', () => {
  it('renders once while nothing changes, and writes nothing the second time', async () => {
    const { harness, applier, sync } = await setup();
    const rendered = applier.rendered;
    const writes = harness.writes();
    await sync();
    await sync();
    expect(applier.rendered).toBe(rendered);
    expect(harness.writes()).toBe(writes);
    expect(harness.get('Deployment', 'fetch')).toBeDefined();
  });

  it('renders again when a referenced object changes or appears', async () => {
    const { harness, applier, sync } = await setup();
    let rendered = applier.rendered;
    harness.cluster.mergePatch(harness.type('MCPToolConfig'), 'ns', 'tools', {
      spec: { toolsFilter: ['x'] },
    });
    await sync();
    expect(applier.rendered).toBe(++rendered);
    // The Secret was absent when rendered: its creation matters too (it feeds a rollout hash).
    const before = JSON.stringify(harness.get('StatefulSet', 'fetch')?.spec);
    harness.create({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'gh', namespace: 'ns' },
      data: { token: 'YQ==' },
    });
    await sync();
    expect(applier.rendered).toBe(++rendered);
    expect(JSON.stringify(harness.get('StatefulSet', 'fetch')?.spec)).not.toBe(before);
  });

  it('renders again when a child is edited or deleted, restoring it', async () => {
    const { harness, applier, sync } = await setup();
    const rendered = applier.rendered;
    harness.cluster.mergePatch(
      CORE.Service,
      'ns',
      'mcp-fetch-proxy',
      { spec: { sessionAffinity: 'None' } },
      'someone',
    );
    await sync();
    expect(applier.rendered).toBe(rendered + 1);
    expect(
      (harness.get('Service', 'mcp-fetch-proxy')?.spec as { sessionAffinity?: string } | undefined)
        ?.sessionAffinity,
    ).toBe('ClientIP');
    harness.cluster.delete(CORE.ConfigMap, 'ns', 'fetch-runconfig');
    await sync();
    expect(applier.rendered).toBe(rendered + 2);
    expect(harness.get('ConfigMap', 'fetch-runconfig')).toBeDefined();
  });

  it('renders again for a new generation, new annotations or a new extra key, and after forget', async () => {
    const { harness, applier, sync } = await setup();
    let rendered = applier.rendered;
    harness.cluster.mergePatch(harness.type('MCPServer'), 'ns', 'fetch', { spec: { proxyPort: 9090 } });
    await sync();
    expect(applier.rendered).toBe(++rendered);
    harness.cluster.mergePatch(harness.type('MCPServer'), 'ns', 'fetch', {
      metadata: { annotations: { team: 'a' } },
    });
    await sync();
    expect(applier.rendered).toBe(++rendered);
    // Status writes do not count: they are no input to the charts.
    harness.cluster.mergePatch(
      harness.type('MCPServer'),
      'ns',
      'fetch',
      { status: { phase: 'Pending' } },
      'x',
      'status',
    );
    await sync();
    expect(applier.rendered).toBe(rendered);
    await sync('2026-01-01T00:00:00Z');
    expect(applier.rendered).toBe(++rendered);
    applier.forget('ns', 'fetch');
    expect(applier.size).toBe(0);
    await sync('2026-01-01T00:00:00Z');
    expect(applier.rendered).toBe(++rendered);
  });
});
