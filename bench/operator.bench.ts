/**
 * Operator benchmark: 1,000 MCPServers (streamable-http, each referencing one shared
 * MCPToolConfig) converge against an in-memory cluster.
 *
 * - in-process: operator and in-memory cluster in one process, KubeClient calls in memory;
 * - over HTTP: the cluster in a child process behind the fake API server, the operator here
 *   through @kubernetes/client-node (this process's RSS is then the operator's own).
 *
 * Reported: time to converge (every server reconciled: status written for its generation and
 * its Deployment applied), API writes per MCPServer for the first convergence and for a full
 * resync + relist afterwards (goal 0), and the operator's RSS at 1,000 servers (goal ≤ 200 MiB).
 * The baseline measured in the same run is rendering the same 1,000 charts with nothing applied.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { KubeConfig } from '@kubernetes/client-node';
import { renderWorkload } from '../constructs/render.ts';
import { ObjectIndex } from '../lib/resolve/source.ts';
import { ClientNodeKubeClient } from '../operator/kube/client-node.ts';
import { writeCount } from '../operator/kube/instrumented.ts';
import { MemoryCluster } from '../operator/kube/memory-cluster.ts';
import { ResourceRegistry } from '../operator/kube/resources.ts';
import type { KubeClient, KubeObject } from '../operator/kube/types.ts';
import { silentLogger } from '../operator/observe/logger.ts';
import { Operator } from '../operator/operator.ts';
import { systemClock } from '../operator/util/clock.ts';

const N = Number(process.env.BENCH_SERVERS ?? 1000);
const NS = 'bench';

const toolConfig: KubeObject = {
  apiVersion: 'toolhive.stacklok.dev/v1beta1',
  kind: 'MCPToolConfig',
  metadata: { name: 'tools', namespace: NS },
  spec: { toolsFilter: ['fetch'] },
};

function server(i: number): KubeObject {
  return {
    apiVersion: 'toolhive.stacklok.dev/v1beta1',
    kind: 'MCPServer',
    metadata: { name: `server-${String(i).padStart(4, '0')}`, namespace: NS },
    spec: {
      image: 'ghcr.io/example/fetch:1.0',
      transport: 'streamable-http',
      toolConfigRef: { name: 'tools' },
    },
  };
}

function baselineRenderMs(): number {
  const source = new ObjectIndex([toolConfig]);
  const t0 = performance.now();
  for (let i = 0; i < N; i++)
    renderWorkload({ ...server(i), metadata: { ...server(i).metadata, uid: `u${i}` } }, source);
  return performance.now() - t0;
}

interface Figures {
  convergeMs: number;
  writesFirst: number;
  writesResync: number;
  rssMiB: number;
}

async function run(client: KubeClient, seed: (objs: KubeObject[]) => Promise<void>): Promise<Figures> {
  const resources = ResourceRegistry.standard();
  const operator = new Operator({
    client,
    resources,
    clock: systemClock,
    log: silentLogger,
    namespaces: [],
    identity: 'bench',
    workers: 8,
  });
  await operator.start();
  await operator.manager.settled();
  const t0 = performance.now();
  await seed([toolConfig, ...Array.from({ length: N }, (_, i) => server(i))]);
  const servers = resources.toolhive('MCPServer');
  for (;;) {
    await operator.manager.settled();
    const list = operator.manager.informers.list(servers, NS);
    const done = list.filter(
      (s) =>
        (s.status as { observedGeneration?: number } | undefined)?.observedGeneration ===
        s.metadata.generation,
    );
    if (list.length === N && done.length === N) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const convergeMs = performance.now() - t0;
  const writesFirst = writeCount(operator.metrics.apiRequests);
  globalThis.gc?.();
  const rssMiB = process.memoryUsage().rss / 2 ** 20;
  if (process.env.BENCH_DEBUG)
    console.error(JSON.stringify(process.memoryUsage()), operator.manager.informers.size);
  for (const inf of ['MCPServer', 'MCPToolConfig'])
    operator.manager.informers.informer(resources.toolhive(inf)).resync();
  for (const t of resources.all()) operator.manager.informers.informer(t).relist();
  await new Promise((r) => setTimeout(r, 200));
  await operator.manager.settled();
  const writesResync = writeCount(operator.metrics.apiRequests) - writesFirst;
  await operator.stop();
  return { convergeMs, writesFirst, writesResync, rssMiB };
}

async function inProcess(): Promise<Figures> {
  const cluster = new MemoryCluster({ historyLimit: 200_000 });
  return run(cluster.client(), async (objs) => {
    for (const o of objs) cluster.create(cluster.resources.forObject(o), o, 'kubectl');
  });
}

async function overHttp(): Promise<Figures> {
  const child = spawn(
    process.execPath,
    [new URL('./support/apiserver-process.ts', import.meta.url).pathname],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve) => createInterface(child.stdout!).once('line', resolve));
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'b', server: url, skipTLSVerify: true }],
    users: [{ name: 'u', token: 't' }],
    contexts: [{ name: 'b', cluster: 'b', user: 'u' }],
    currentContext: 'b',
  });
  const client = new ClientNodeKubeClient(kc);
  const seeder = new ClientNodeKubeClient(kc);
  const resources = ResourceRegistry.standard();
  try {
    return await run(client, async (objs) => {
      for (let i = 0; i < objs.length; i += 50) {
        await Promise.all(objs.slice(i, i + 50).map((o) => seeder.create(resources.forObject(o), o)));
      }
    });
  } finally {
    child.stdin!.end();
  }
}

async function measure(mode: string, nodeFlags: string[] = []): Promise<Figures> {
  // Each mode in a fresh process, so neither heap nor the other's leftovers count.
  const child = spawn(process.execPath, ['--expose-gc', ...nodeFlags, new URL(import.meta.url).pathname], {
    env: { ...process.env, BENCH_MODE: mode },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout!.on('data', (b: Buffer) => {
    out += b.toString();
  });
  await new Promise((resolve) => child.once('exit', resolve));
  return JSON.parse(out.trim().split('\n').at(-1)!) as Figures;
}

const mode = process.env.BENCH_MODE;
if (mode === 'in-process' || mode === 'http') {
  const f = mode === 'in-process' ? await inProcess() : await overHttp();
  console.log(JSON.stringify(f));
  process.exit(0);
}
const renderMs = baselineRenderMs();
const a = await measure('in-process');
const b = await measure('http');
const capped = await measure('http', ['--max-old-space-size=96', '--max-semi-space-size=2']);
const row = (name: string, f: Figures) =>
  `| ${name} | ${(f.convergeMs / 1000).toFixed(1)} s | ${(f.convergeMs / N).toFixed(2)} ms | ${(f.convergeMs / renderMs).toFixed(1)}× | ${(f.writesFirst / N).toFixed(2)} | ${(f.writesResync / N).toFixed(2)} | ${f.rssMiB.toFixed(0)} MiB |`;
console.log(
  `${N} MCPServers; baseline: rendering the same ${N} charts alone took ${(renderMs / 1000).toFixed(1)} s (${(renderMs / N).toFixed(2)} ms each)\n`,
);
console.log(
  '| mode | converge | per server | vs render baseline | writes/server (first) | writes/server (resync) | RSS |',
);
console.log('|---|---|---|---|---|---|---|');
console.log(row('in-process (cluster in the same heap)', a));
console.log(row('over HTTP (operator process only)', b));
console.log(row('over HTTP, heap capped (--max-old-space-size=96)', capped));
