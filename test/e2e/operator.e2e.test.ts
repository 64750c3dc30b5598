/**
 * End to end against the cluster in KUBECONFIG (skipped without one). Written for a bare
 * kube-apiserver (v1.26 or newer) with the controller manager and no kubelet: pods are created
 * but never run, so workloads must report Pending with "is starting" messages — never Ready.
 *
 * Installs the CRDs, runs `toolhive-ts operator` as a separate process watching a fresh
 * namespace, applies every example, and checks: children and status; a config change rolls the
 * Deployment (content hash); deleting a referenced config is blocked; deleting a workload
 * removes its children; a restarted operator writes nothing.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { loadConnection } from '../../operator/kube/connection.ts';
import { HttpKubeClient } from '../../operator/kube/http-client.ts';
import { CORE, ResourceRegistry } from '../../operator/kube/resources.ts';
import type { KubeObject } from '../../operator/kube/types.ts';
import { findCondition } from '../../operator/status/conditions.ts';
import { freePort } from '../support/ports.ts';
import { until } from './until.ts';

const root = new URL('../../', import.meta.url).pathname;
const enabled = Boolean(process.env.KUBECONFIG);
const MANAGER = 'toolhive-e2e';

function yamlDocs(file: string): KubeObject[] {
  return parseAllDocuments(readFileSync(file, 'utf8'))
    .map((d) => d.toJSON() as KubeObject | null)
    .filter((o): o is KubeObject => o !== null && typeof o === 'object' && 'kind' in o);
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.yaml') ? [join(dir, e.name)] : [],
  );
}

interface RunningOperator {
  child: ChildProcess;
  metricsPort: number;
  exited: Promise<number | null>;
}

async function startOperator(namespace: string): Promise<RunningOperator> {
  const [metricsPort, healthPort] = [await freePort(), await freePort()];
  const child = spawn(
    process.execPath,
    [
      join(root, 'cli/main.ts'),
      'operator',
      '--leader-elect',
      `--metrics-bind-address=127.0.0.1:${metricsPort}`,
      `--health-probe-bind-address=127.0.0.1:${healthPort}`,
    ],
    {
      env: { ...process.env, WATCH_NAMESPACE: namespace, POD_NAMESPACE: namespace, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await until(
    'operator readiness',
    async () => (await fetch(`http://127.0.0.1:${healthPort}/readyz`)).status === 200,
    120_000,
  );
  return { child, metricsPort, exited };
}

async function metrics(op: RunningOperator): Promise<string> {
  return (await fetch(`http://127.0.0.1:${op.metricsPort}/metrics`)).text();
}

/** Writes the operator made to its workloads' world (leader-election Lease renewals excluded). */
function workloadWrites(text: string): number {
  let total = 0;
  for (const m of text.matchAll(
    /^rest_client_requests_total\{verb="(\w+)",resource="([\w.]+)",code="\d+"\} (\d+)/gm,
  )) {
    if (['create', 'update', 'patch', 'apply', 'delete'].includes(m[1]!) && m[2] !== 'leases')
      total += Number(m[3]);
  }
  return total;
}

function reconciles(text: string): number {
  let total = 0;
  for (const m of text.matchAll(/^controller_runtime_reconcile_total\{[^}]*\} (\d+)/gm))
    total += Number(m[1]);
  return total;
}

/** Waits until the operator has stopped reconciling for a few seconds. */
async function quiet(op: RunningOperator): Promise<void> {
  let last = -1;
  let stableSince = Date.now();
  await until(
    'the operator to go quiet',
    async () => {
      const n = reconciles(await metrics(op));
      if (n !== last) {
        last = n;
        stableSince = Date.now();
        return false;
      }
      return Date.now() - stableSince > 5_000;
    },
    180_000,
  );
}

describe.skipIf(!enabled)('operator against a real API server', () => {
  const resources = ResourceRegistry.standard();
  const namespace = `thv-e2e-${Date.now().toString(36)}`;
  let client: HttpKubeClient;
  let op: RunningOperator | undefined;
  const type = (kind: string) => resources.all().find((t) => t.kind === kind && t.group !== 'events.k8s.io')!;
  const get = (kind: string, name: string) => client.get(type(kind), namespace, name);
  const status = async (kind: string, name: string) =>
    ((await get(kind, name))?.status ?? {}) as Record<string, unknown>;
  const apply = (obj: KubeObject) =>
    client.apply(
      resources.forObject(obj),
      { ...obj, metadata: { ...obj.metadata, namespace } },
      { fieldManager: MANAGER, force: true },
    );

  beforeAll(async () => {
    client = new HttpKubeClient(await loadConnection(process.env));
    for (const file of readdirSync(join(root, 'crds')).filter((f) => f.endsWith('.yaml'))) {
      for (const crd of yamlDocs(join(root, 'crds', file))) {
        await client.apply(CORE.CustomResourceDefinition, crd, { fieldManager: MANAGER, force: true });
        await until(`CRD ${crd.metadata.name} established`, async () => {
          const live = await client.get(CORE.CustomResourceDefinition, undefined, crd.metadata.name!);
          return (
            findCondition((live?.status as { conditions?: unknown } | undefined)?.conditions, 'Established')
              ?.status === 'True'
          );
        });
      }
    }
    await client.create(CORE.Namespace, {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: namespace },
    });
    op = await startOperator(namespace);
  });

  afterAll(async () => {
    if (client) {
      // Delete the namespace while the operator still runs, so it can release its finalizers.
      await client.delete(CORE.Namespace, undefined, namespace).catch(() => false);
      await until(
        'the namespace to go',
        async () => (await client.get(CORE.Namespace, undefined, namespace)) === undefined,
        120_000,
      ).catch(() => undefined);
    }
    op?.child.kill('SIGTERM');
    await op?.exited;
  });

  it('reconciles every example into children and truthful status', async () => {
    const examples = walk(join(root, 'examples')).flatMap(yamlDocs);
    for (const obj of examples) await apply(obj);
    const workloads = examples.filter((o) =>
      ['MCPServer', 'MCPRemoteProxy', 'VirtualMCPServer'].includes(o.kind),
    );
    expect(workloads.length).toBeGreaterThan(0);
    for (const w of workloads) {
      const st = await until(`${w.kind}/${w.metadata.name} status`, async () => {
        const s = await status(w.kind, w.metadata.name!);
        const live = await get(w.kind, w.metadata.name!);
        return s.phase && s.observedGeneration === live?.metadata.generation ? s : undefined;
      });
      // No kubelet: nothing may claim to be running.
      expect(st.phase, `${w.kind}/${w.metadata.name}: ${String(st.message)}`).not.toBe('Ready');
    }
    for (const kind of [
      'MCPToolConfig',
      'MCPOIDCConfig',
      'MCPTelemetryConfig',
      'MCPAuthzConfig',
      'MCPWebhookConfig',
    ]) {
      for (const c of examples.filter((o) => o.kind === kind)) {
        await until(`${kind}/${c.metadata.name} Valid`, async () =>
          findCondition((await status(kind, c.metadata.name!)).conditions, 'Valid'),
        );
      }
    }
  });

  it('runs an MCPServer: children with owner references, Pending while pods cannot start', async () => {
    await apply({
      apiVersion: 'toolhive.stacklok.dev/v1beta1',
      kind: 'MCPToolConfig',
      metadata: { name: 'e2e-tools' },
      spec: { toolsFilter: ['fetch'] },
    });
    await apply({
      apiVersion: 'toolhive.stacklok.dev/v1beta1',
      kind: 'MCPServer',
      metadata: { name: 'e2e-fetch' },
      spec: {
        image: 'ghcr.io/stackloklabs/gofetch/server:1.0.0',
        transport: 'streamable-http',
        toolConfigRef: { name: 'e2e-tools' },
      },
    });
    const server = await until('the MCPServer to be reconciled', async () => {
      const s = await get('MCPServer', 'e2e-fetch');
      return (s?.status as { url?: string } | undefined)?.url ? s : undefined;
    });
    for (const [kind, name] of [
      ['Deployment', 'e2e-fetch'],
      ['StatefulSet', 'e2e-fetch'],
      ['Service', 'mcp-e2e-fetch-proxy'],
      ['Service', 'mcp-e2e-fetch'],
      ['Service', 'mcp-e2e-fetch-headless'],
      ['ConfigMap', 'e2e-fetch-runconfig'],
      ['ServiceAccount', 'e2e-fetch-proxy-runner'],
      ['Role', 'e2e-fetch-proxy-runner'],
      ['RoleBinding', 'e2e-fetch-proxy-runner'],
    ] as const) {
      const child = await until(`${kind}/${name}`, () => get(kind, name));
      expect(child.metadata.ownerReferences).toContainEqual(
        expect.objectContaining({
          kind: 'MCPServer',
          name: 'e2e-fetch',
          uid: server.metadata.uid,
          controller: true,
        }),
      );
    }
    // The controller manager creates the proxy pod; without a kubelet it stays Pending.
    const st = await until('the pods to be seen', async () => {
      const s = await status('MCPServer', 'e2e-fetch');
      return s.message === 'MCP server is starting' ? s : undefined;
    });
    expect(st).toMatchObject({
      phase: 'Pending',
      readyReplicas: 0,
      url: `http://mcp-e2e-fetch-proxy.${namespace}.svc.cluster.local:8080/mcp`,
      toolConfigHash: (await status('MCPToolConfig', 'e2e-tools')).configHash,
    });
    expect(findCondition(st.conditions, 'Ready')).toMatchObject({ status: 'False', reason: 'NotReady' });
  });

  it('rolls the Deployment when the referenced config changes', async () => {
    const annotations = async () => {
      const dep = await get('Deployment', 'e2e-fetch');
      return (
        (dep?.spec as { template?: { metadata?: { annotations?: Record<string, string> } } } | undefined)
          ?.template?.metadata?.annotations ?? {}
      );
    };
    const before = await annotations();
    await apply({
      apiVersion: 'toolhive.stacklok.dev/v1beta1',
      kind: 'MCPToolConfig',
      metadata: { name: 'e2e-tools' },
      spec: { toolsFilter: ['fetch', 'fetch_html'] },
    });
    const after = await until('a new pod-template hash', async () => {
      const a = await annotations();
      return JSON.stringify(a) !== JSON.stringify(before) ? a : undefined;
    });
    expect(Object.keys(after).some((k) => after[k] !== before[k])).toBe(true);
  });

  it('blocks deleting a referenced config, then deletes a workload with its children', async () => {
    await client.delete(type('MCPToolConfig'), namespace, 'e2e-tools');
    const blocked = await until('DeletionBlocked', async () =>
      findCondition((await status('MCPToolConfig', 'e2e-tools')).conditions, 'DeletionBlocked'),
    );
    expect(blocked).toMatchObject({ status: 'True', reason: 'ReferencedByWorkloads' });
    expect((await get('MCPToolConfig', 'e2e-tools'))?.metadata.deletionTimestamp).toBeDefined();

    await client.delete(type('MCPServer'), namespace, 'e2e-fetch');
    await until('the MCPServer to go', async () => (await get('MCPServer', 'e2e-fetch')) === undefined);
    for (const [kind, name] of [
      ['Deployment', 'e2e-fetch'],
      ['StatefulSet', 'e2e-fetch'],
      ['Service', 'mcp-e2e-fetch-proxy'],
      ['ConfigMap', 'e2e-fetch-runconfig'],
    ] as const) {
      await until(
        `${kind}/${name} to be garbage-collected`,
        async () => (await get(kind, name)) === undefined,
        120_000,
      );
    }
    await until(
      'the config deletion to complete',
      async () => (await get('MCPToolConfig', 'e2e-tools')) === undefined,
    );
  });

  it('writes nothing after a restart', async () => {
    await quiet(op!);
    op!.child.kill('SIGTERM');
    expect(await op!.exited).toBe(0);
    op = await startOperator(namespace);
    await quiet(op);
    const text = await metrics(op);
    expect(reconciles(text)).toBeGreaterThan(0);
    expect(workloadWrites(text)).toBe(0);
  });
});
