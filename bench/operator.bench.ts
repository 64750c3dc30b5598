/**
 * Operator benchmark: 1,000 MCPServers (streamable-http, each referencing one shared
 * MCPToolConfig) converge against an in-memory cluster.
 *
 * - in-process: operator and in-memory cluster in one process, KubeClient calls in memory;
 * - over HTTP: the cluster in a child process behind the fake API server, the operator here
 *   through the HTTP client (this process's memory is then the operator's own), once with Node's
 *   defaults and once with the NODE_OPTIONS the OperatorChart gives the operator Deployment
 *   (plus any flag sets in BENCH_FLAGS, separated by `;`).
 *
 * Reported per configuration, as medians over BENCH_RUNS runs (default 3, interleaved so load
 * drifts hit every configuration alike): time to converge (every server reconciled: status
 * written for its generation and its Deployment applied), the operator's CPU time for it (less
 * sensitive than wall time to other jobs on the machine), reconciles and API writes per MCPServer
 * for the first convergence, writes for a full resync + relist afterwards (goal 0), and the
 * operator's RSS at 1,000 servers once settled and at its peak (goal <= 200 MiB). The baseline
 * measured in the same run is rendering the same 1,000 charts with nothing applied.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { OPERATOR_NODE_OPTIONS } from '../constructs/operator-chart.ts';
import { renderWorkload } from '../constructs/render.ts';
import { ObjectIndex } from '../lib/resolve/source.ts';
import { HttpKubeClient } from '../operator/kube/http-client.ts';
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
  /** User + system CPU of this process while converging. */
  cpuMs: number;
  reconciles: number;
  writesFirst: number;
  writesResync: number;
  /** After convergence and a full GC. */
  rssMiB: number;
  /** The largest RSS the process reached. */
  peakRssMiB: number;
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
  const cpu0 = process.cpuUsage();
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
  const cpu = process.cpuUsage(cpu0);
  const writesFirst = writeCount(operator.metrics.apiRequests);
  const reconciles = operator.metrics.reconcileTotal.sum((l) => l.controller === 'mcpserver');
  globalThis.gc?.();
  const rssMiB = process.memoryUsage().rss / 2 ** 20;
  // maxRSS is in KiB.
  const peakRssMiB = process.resourceUsage().maxRSS / 1024;
  if (process.env.BENCH_DEBUG)
    console.error(JSON.stringify(process.memoryUsage()), operator.manager.informers.size, reconciles);
  for (const inf of ['MCPServer', 'MCPToolConfig'])
    operator.manager.informers.informer(resources.toolhive(inf)).resync();
  for (const t of resources.all()) operator.manager.informers.informer(t).relist();
  await new Promise((r) => setTimeout(r, 200));
  await operator.manager.settled();
  const writesResync = writeCount(operator.metrics.apiRequests) - writesFirst;
  await operator.stop();
  return {
    convergeMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    reconciles,
    writesFirst,
    writesResync,
    rssMiB,
    peakRssMiB,
  };
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
  const connection = {
    server: url,
    source: 'benchmark API server',
    tls: () => ({}),
    headers: async () => ({ Authorization: 'Bearer t' }),
  };
  const client = new HttpKubeClient(connection);
  const seeder = new HttpKubeClient(connection);
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

interface Config {
  name: string;
  mode: 'in-process' | 'http';
  flags: string[];
}

const chartFlags = OPERATOR_NODE_OPTIONS.split(' ').filter(Boolean);
const configs: Config[] = [
  { name: 'in-process, Node defaults (cluster in the same heap)', mode: 'in-process', flags: [] },
  { name: 'over HTTP, Node defaults', mode: 'http', flags: [] },
  { name: `over HTTP, chart NODE_OPTIONS \`${OPERATOR_NODE_OPTIONS}\``, mode: 'http', flags: chartFlags },
  ...(process.env.BENCH_FLAGS ?? '')
    .split(';')
    .map((f) => f.trim())
    .filter(Boolean)
    .map((f): Config => ({ name: `over HTTP, \`${f}\``, mode: 'http', flags: f.split(/\s+/) })),
];
const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

const loadBefore = load();
const renders: number[] = [];
const results = new Map<Config, Figures[]>(configs.map((c) => [c, []]));
for (let r = 0; r < runs; r++) {
  renders.push(baselineRenderMs());
  for (const c of configs) results.get(c)!.push(await measure(c.mode, c.flags));
}
const renderMs = median(renders);
console.log(
  `${N} MCPServers, ${runs} run(s) per configuration, medians; load average ${loadBefore} before, ${load()} after.`,
);
console.log(
  `Baseline: rendering the same ${N} charts alone took ${(renderMs / 1000).toFixed(1)} s (${(renderMs / N).toFixed(2)} ms each).\n`,
);
console.log(
  '| configuration | converge | operator CPU | converge vs render | reconciles/server | writes/server (first) | writes/server (resync) | RSS settled | RSS peak |',
);
console.log('|---|---|---|---|---|---|---|---|---|');
for (const c of configs) {
  const fs = results.get(c)!;
  const m = (k: keyof Figures) => median(fs.map((f) => f[k]));
  const worst = (k: keyof Figures) => Math.max(...fs.map((f) => f[k]));
  console.log(
    `| ${c.name} | ${(m('convergeMs') / 1000).toFixed(1)} s | ${(m('cpuMs') / 1000).toFixed(1)} s | ${(m('convergeMs') / renderMs).toFixed(1)}× | ${(m('reconciles') / N).toFixed(1)} | ${(worst('writesFirst') / N).toFixed(2)} | ${(worst('writesResync') / N).toFixed(2)} | ${m('rssMiB').toFixed(0)} MiB | ${m('peakRssMiB').toFixed(0)} MiB |`,
  );
}
