/**
 * The real `toolhive-ts operator` process against an HTTP API server: kubeconfig loading, the
 * client-node adapter, health and readiness, metrics, JSON logs, leader election and a clean
 * shutdown on SIGTERM.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryCluster } from '../../operator/kube/memory-cluster.ts';
import { CORE } from '../../operator/kube/resources.ts';
import { LEASE_NAME } from '../../operator/leader/lease-elector.ts';
import { FakeApiServer } from '../support/fake-apiserver.ts';
import { freePort } from '../support/ports.ts';

const root = new URL('../../', import.meta.url).pathname;

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  ms = 15_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function httpStatus(url: string): Promise<number | undefined> {
  try {
    return (await fetch(url)).status;
  } catch {
    return undefined;
  }
}

describe('toolhive-ts operator (process)', () => {
  let api: FakeApiServer | undefined;
  let child: ChildProcess | undefined;
  afterEach(async () => {
    child?.kill('SIGKILL');
    await api?.stop();
  });

  it('serves probes and metrics, logs JSON, holds the lease, reconciles and stops on SIGTERM', async () => {
    const cluster = new MemoryCluster();
    api = new FakeApiServer(cluster);
    await api.start();
    const dir = mkdtempSync(join(tmpdir(), 'thv-op-'));
    const kubeconfig = api.writeKubeconfig(join(dir, 'config'));
    const [metricsPort, healthPort] = [await freePort(), await freePort()];
    const lines: string[] = [];
    child = spawn(
      process.execPath,
      [
        join(root, 'cli/main.ts'),
        'operator',
        '--leader-elect',
        `--metrics-bind-address=127.0.0.1:${metricsPort}`,
        `--health-probe-bind-address=127.0.0.1:${healthPort}`,
      ],
      {
        env: {
          ...process.env,
          KUBECONFIG: kubeconfig,
          POD_NAMESPACE: 'toolhive-system',
          WATCH_NAMESPACE: 'team-a',
          // Cluster scope only: with WATCH_NAMESPACE the operator says why it does not start it.
          TOOLHIVE_ENABLE_STORAGE_VERSION_MIGRATOR: 'true',
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    child.stdout!.on('data', (b: Buffer) => lines.push(...b.toString().split('\n').filter(Boolean)));
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));

    await until('readyz', async () =>
      (await httpStatus(`http://127.0.0.1:${healthPort}/readyz`)) === 200 ? true : undefined,
    );
    expect(await httpStatus(`http://127.0.0.1:${healthPort}/healthz`)).toBe(200);

    const toolConfigs = cluster.resources.toolhive('MCPToolConfig');
    cluster.create(toolConfigs, {
      apiVersion: 'toolhive.stacklok.dev/v1beta1',
      kind: 'MCPToolConfig',
      metadata: { name: 'tools', namespace: 'team-a' },
      spec: { toolsFilter: ['fetch'] },
    });
    cluster.create(toolConfigs, {
      apiVersion: 'toolhive.stacklok.dev/v1beta1',
      kind: 'MCPToolConfig',
      metadata: { name: 'elsewhere', namespace: 'team-b' },
      spec: {},
    });
    await until(
      'the config to be reconciled',
      () =>
        (cluster.get(toolConfigs, 'team-a', 'tools').status as { configHash?: string } | undefined)
          ?.configHash,
    );
    // WATCH_NAMESPACE=team-a: other namespaces are not touched.
    expect(cluster.get(toolConfigs, 'team-b', 'elsewhere').status).toBeUndefined();

    const lease = cluster.get(CORE.Lease, 'toolhive-system', LEASE_NAME);
    expect((lease.spec as { holderIdentity: string }).holderIdentity).toMatch(/_\d+$/);

    const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(metrics).toMatch(
      /controller_runtime_reconcile_total\{controller="mcptoolconfig",result="success"\} \d+/,
    );
    expect(metrics).toMatch(
      /rest_client_requests_total\{verb="patch",resource="mcptoolconfigs",code="200"\} \d+/,
    );
    expect(metrics).toContain('workqueue_depth{name="mcpgroup"}');

    const logs = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logs.find((l) => l.msg === 'became leader')).toMatchObject({ level: 'info', lease: LEASE_NAME });
    expect(logs.find((l) => String(l.msg).startsWith('storage-version migrator not started'))).toMatchObject({
      level: 'warn',
      namespaces: ['team-a'],
    });
    expect(api.requests.some((r) => r.path.includes('customresourcedefinitions'))).toBe(false);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    child = undefined;
    // The lease was released for a successor.
    expect(
      (cluster.get(CORE.Lease, 'toolhive-system', LEASE_NAME).spec as { holderIdentity?: string })
        .holderIdentity ?? '',
    ).toBe('');
  });
});
