/**
 * The operator holds exactly the rights the OperatorChart grants: the in-memory cluster
 * authorizes every request against the chart's rendered Roles and bindings (as the API server's
 * RBAC authorizer would) while every example is reconciled and an immediate restart deletes
 * pods, in cluster scope and in namespace scope. With ToolHive's own manager role (no pod
 * delete), the immediate restart is refused and the MCPServer says so.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { MANAGER_RULES, OperatorChart, type OperatorChartProps } from '../../constructs/operator-chart.ts';
import { renderChart } from '../../constructs/render.ts';
import { KINDS } from '../../lib/api/kinds.ts';
import { toCustomResourceDefinition } from '../../lib/schema/crd.ts';
import { RbacPolicy } from '../../operator/kube/memory/rbac.ts';
import type { MemoryCluster } from '../../operator/kube/memory-cluster.ts';
import { CORE } from '../../operator/kube/resources.ts';
import type { KubeObject } from '../../operator/kube/types.ts';
import { findCondition } from '../../operator/status/conditions.ts';
import { startPodCreator } from '../support/pod-creator.ts';
import { type Harness, startHarness } from './support/harness.ts';

const root = new URL('../../', import.meta.url).pathname;
const NS = 'team-a';
const OPERATOR = { name: 'toolhive-operator', namespace: 'toolhive-system' };
const RESTARTED_AT = 'mcpserver.toolhive.stacklok.dev/restarted-at';
const STRATEGY = 'mcpserver.toolhive.stacklok.dev/restart-strategy';
const LAST_PROCESSED = 'mcpserver.toolhive.stacklok.dev/last-processed-restart';

function examples(): KubeObject[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.yaml') ? [join(dir, e.name)] : [],
    );
  return walk(join(root, 'examples'))
    .flatMap((f) => parseAllDocuments(readFileSync(f, 'utf8')).map((d) => d.toJSON() as KubeObject | null))
    .filter((o): o is KubeObject => o !== null && typeof o === 'object' && 'kind' in o)
    .map((o) => ({ ...o, metadata: { ...o.metadata, namespace: NS } }));
}

function forbidden(h: Harness): string[] {
  const out: string[] = [];
  h.metrics.apiRequests.sum((l) => {
    if (l.code === '403') out.push(`${l.verb} ${l.resource}`);
    return false;
  });
  return out;
}

let h: Harness | undefined;
let stopPods: (() => void) | undefined;
afterEach(() => {
  stopPods?.();
  h?.stop();
  h = undefined;
});

async function operatorWith(rbac: (cluster: MemoryCluster) => RbacPolicy, namespaces: string[] = []) {
  h = await startHarness({
    namespaces,
    seed: (cluster) => {
      cluster.rbac = rbac(cluster);
      stopPods = startPodCreator(cluster);
    },
  });
  return h;
}

const chartPolicy = (props: OperatorChartProps) => () =>
  new RbacPolicy(
    renderChart((app) => new OperatorChart(app, 'operator', props)),
    OPERATOR,
  );

async function restartImmediately(harness: Harness, name: string, at: string): Promise<void> {
  harness.cluster.mergePatch(harness.type('MCPServer'), NS, name, {
    metadata: { annotations: { [RESTARTED_AT]: at, [STRATEGY]: 'immediate' } },
  });
  await harness.settle();
}

const proxyPods = (harness: Harness, name: string) =>
  harness.cluster
    .dump(harness.type('Pod'), NS)
    .filter(
      (p) =>
        p.metadata.labels?.['app.kubernetes.io/instance'] === name && p.metadata.labels?.app === 'mcpserver',
    );

describe.each([
  ['cluster scope', { scope: 'cluster' } as OperatorChartProps, [] as string[]],
  ['namespace scope', { scope: 'namespace', namespaces: [NS] } as OperatorChartProps, [NS]],
])('the OperatorChart RBAC in %s', (_scope, props, namespaces) => {
  it('is enough to reconcile every example and restart a server immediately', async () => {
    const harness = await operatorWith(chartPolicy(props), namespaces);
    const objects = examples();
    // Examples share some names across files: applied like `kubectl apply`, the last one wins.
    for (const obj of objects)
      harness.cluster.apply(harness.cluster.resources.forObject(obj), obj, 'kubectl', true);
    await harness.settle();
    await harness.advance(60_000);
    expect(forbidden(harness)).toEqual([]);
    const workloads = objects.filter((o) =>
      ['MCPServer', 'MCPRemoteProxy', 'VirtualMCPServer'].includes(o.kind),
    );
    for (const w of workloads) {
      const live = harness.get(w.kind, w.metadata.name!, NS)!;
      expect(
        (live.status as { observedGeneration?: number }).observedGeneration,
        `${w.kind}/${w.metadata.name}`,
      ).toBe(live.metadata.generation);
    }

    const server = workloads.find((w) => w.kind === 'MCPServer')!.metadata.name!;
    const before = proxyPods(harness, server).map((p) => p.metadata.uid);
    expect(before.length).toBeGreaterThan(0);
    await restartImmediately(harness, server, '2026-03-01T10:00:00Z');
    expect(forbidden(harness)).toEqual([]);
    expect(proxyPods(harness, server).filter((p) => before.includes(p.metadata.uid))).toEqual([]);
    expect(harness.get('MCPServer', server, NS)?.metadata.annotations?.[LAST_PROCESSED]).toBe(
      '2026-03-01T10:00:00Z',
    );
  });
});

describe('the storage-version migrator under the cluster-scope RBAC', () => {
  it('re-stores and trims storedVersions without a refused request', async () => {
    const def = KINDS.find((k) => k.kind === 'MCPToolConfig')!;
    h = await startHarness({
      features: { storageVersionMigrator: true },
      controllers: ['storageversionmigrator'],
      seed: (cluster) => {
        cluster.rbac = chartPolicy({ scope: 'cluster' })();
        const crd = toCustomResourceDefinition(def) as unknown as KubeObject;
        cluster.create(CORE.CustomResourceDefinition, crd);
        for (const n of ['a', 'b'])
          cluster.create(cluster.resources.toolhive('MCPToolConfig'), {
            apiVersion: 'toolhive.stacklok.dev/v1beta1',
            kind: 'MCPToolConfig',
            metadata: { name: n, namespace: NS },
            spec: {},
          });
        // As left by an install that once stored v1alpha1.
        cluster.mergePatch(
          CORE.CustomResourceDefinition,
          undefined,
          crd.metadata.name!,
          { status: { storedVersions: ['v1alpha1', 'v1beta1'] } },
          'kube-apiserver',
          'status',
        );
      },
    });
    await h.settle();
    expect(forbidden(h)).toEqual([]);
    const crd = h.cluster.get(
      CORE.CustomResourceDefinition,
      undefined,
      `${def.plural}.toolhive.stacklok.dev`,
    );
    expect((crd.status as { storedVersions: string[] }).storedVersions).toEqual(['v1beta1']);
  });
});

describe('an immediate restart the cluster refuses', () => {
  it('says so in a condition and an event, keeps reconciling, and completes once pods may be deleted', async () => {
    // ToolHive's manager role: pods get/list/watch only.
    const toolhiveRules = MANAGER_RULES.map((r) =>
      r.resources.includes('pods') && r.apiGroups.includes('')
        ? { ...r, verbs: ['get', 'list', 'watch'] }
        : r,
    );
    const objects = renderChart((app) => new OperatorChart(app, 'operator'));
    const role = objects.find((o) => o.kind === 'ClusterRole')!;
    const withToolHiveRole = objects.map((o) => (o === role ? { ...role, rules: toolhiveRules } : o));
    const harness = await operatorWith(() => new RbacPolicy(withToolHiveRole, OPERATOR));
    harness.create({
      apiVersion: 'toolhive.stacklok.dev/v1beta1',
      kind: 'MCPServer',
      metadata: { name: 'fetch', namespace: NS },
      spec: { image: 'ghcr.io/example/fetch:1.0', transport: 'streamable-http' },
    });
    await harness.settle();
    const pods = proxyPods(harness, 'fetch');
    expect(pods.length).toBe(1);

    await restartImmediately(harness, 'fetch', '2026-03-01T10:00:00Z');
    const live = harness.get('MCPServer', 'fetch', NS)!;
    const condition = findCondition((live.status as { conditions?: unknown }).conditions, 'RestartFailed');
    expect(condition).toMatchObject({ status: 'True', reason: 'PodDeleteForbidden' });
    expect(condition?.message).toContain(
      `Immediate restart requested at 2026-03-01T10:00:00Z could not delete pod ${pods[0]!.metadata.name}: pods "${pods[0]!.metadata.name}" is forbidden: User "system:serviceaccount:toolhive-system:toolhive-operator" cannot delete resource "pods" in API group "" in the namespace "team-a"`,
    );
    expect(condition?.message).toContain('Grant the operator\'s ServiceAccount "delete" on pods');
    // Not marked processed, and the rest of the server is still managed.
    expect(live.metadata.annotations?.[LAST_PROCESSED]).toBeUndefined();
    expect((live.status as { phase?: string }).phase).toBe('Pending');
    const events = harness.cluster.dump(
      harness.cluster.resources.require('events.k8s.io', 'Event'),
      NS,
    ) as unknown as {
      reason: string;
      type: string;
    }[];
    expect(events.filter((e) => e.reason === 'RestartFailed')).toEqual([
      expect.objectContaining({ type: 'Warning' }),
    ]);

    // The chart's role (with pod delete) in place: the retry goes through.
    harness.cluster.rbac = chartPolicy({})();
    await harness.advance(30_000);
    const done = harness.get('MCPServer', 'fetch', NS)!;
    expect(done.metadata.annotations?.[LAST_PROCESSED]).toBe('2026-03-01T10:00:00Z');
    expect(
      findCondition((done.status as { conditions?: unknown }).conditions, 'RestartFailed'),
    ).toBeUndefined();
    expect(proxyPods(harness, 'fetch').some((p) => p.metadata.uid === pods[0]!.metadata.uid)).toBe(false);
  });
});
