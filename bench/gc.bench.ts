/**
 * `npm run bench gc`: does a proxy go back to its steady state after a full GC?
 *
 * A long-running proxy meets a full (mark-compact) collection sooner or later: when its old
 * generation fills, or when it goes idle and V8's memory reducer runs. A benchmark of a few
 * seconds may never see one. This one forces one inside each process (through the inspector)
 * while the process is under load, and compares before and after:
 *
 * - CPU per request, of which on V8's worker threads (parallel and concurrent GC);
 * - bytes per request that outlive young-generation collections, from V8's sampling heap
 *   profiler. In a healthy proxy almost nothing a request allocates lives that long.
 *
 * Each process is its own baseline: the ratio after / before. Two demo servers show the
 * mechanism in isolation: requests in flight kept in a `Map` keyed by a counter, as the stdio
 * mux once did, against an `InFlightTable`. Obsolete Map tables point at their successors, so
 * objects of finished requests stay reachable from the old generation (see
 * proxyrunner/upstream/in-flight-table.ts); the Map server's requests outlive young GCs about
 * ten times as often. In the proxy runner, whose requests hold far more, the same chains turned
 * every request's objects into old-generation garbage after the first full GC (measured on the
 * build before the change: 61 → 5,043 bytes per request outliving young GCs, CPU per request
 * ×1.53). The real proxy runner, bare and with the full policy chain in front of a stdio
 * server-everything, should now show no lasting change.
 */
import type { ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../test/support/ports.ts';
import { Inspector } from './support/inspector.ts';
import {
  cliProxy,
  fullChainRunConfig,
  issuer,
  load,
  openSession,
  otlpSink,
  threadCpuMs,
  withoutPolicy,
} from './support/mcp-load.ts';
import { buildCli, launch, stop } from './support/processes.ts';

const WARM_UP_MS = 3_000;
const ROUND_MS = 2_000;
const SAMPLED_MS = 1_500;
/** Load between the forced GC and the measurement: a healthy process recovers within it. */
const SETTLE_MS = 1_000;

interface Phase {
  readonly cpuUs: number;
  readonly v8WorkersUs: number;
  readonly survivingBytes: number;
}

interface Target {
  readonly name: string;
  readonly child: ChildProcess;
  readonly port: number;
  readonly inspectPort: number;
  readonly session?: string;
}

/** CPU per request over one round of load, and the part on V8's worker threads. */
async function cpuPerRequest(t: Target, token: string): Promise<{ cpuUs: number; v8WorkersUs: number }> {
  const before = threadCpuMs(t.child.pid);
  const { count } = await load(t.port, token, ROUND_MS, t.session);
  const after = threadCpuMs(t.child.pid);
  const cpu = after.rest + after.v8Workers - before.rest - before.v8Workers;
  return { cpuUs: (cpu * 1000) / count, v8WorkersUs: ((after.v8Workers - before.v8Workers) * 1000) / count };
}

/**
 * Bytes per request outliving young GCs over one round, then a round of load unmeasured: the
 * sampling profiler makes V8 drop optimized code, which has to be rebuilt before CPU is measured.
 */
async function survivingBytesPerRequest(t: Target, token: string): Promise<number> {
  const inspector = await Inspector.connect(t.inspectPort);
  try {
    let count = 0;
    const bytes = await inspector.bytesSurvivingYoungGc(async () => {
      count = (await load(t.port, token, SAMPLED_MS, t.session)).count;
    });
    await load(t.port, token, SETTLE_MS, t.session);
    return bytes / count;
  } finally {
    inspector.close();
  }
}

async function measure(t: Target, token: string): Promise<Phase> {
  const cpu = await cpuPerRequest(t, token);
  return { ...cpu, survivingBytes: await survivingBytesPerRequest(t, token) };
}

async function fullGc(t: Target): Promise<void> {
  const inspector = await Inspector.connect(t.inspectPort);
  try {
    await inspector.collectGarbage();
  } finally {
    inspector.close();
  }
}

async function demo(pending: 'map' | 'table'): Promise<Target> {
  const port = await freePort();
  const inspectPort = await freePort();
  const child = await launch(
    [`--inspect=127.0.0.1:${inspectPort}`, join(import.meta.dirname, 'support', 'pending-demo-server.ts')],
    port,
    { PORT: String(port), PENDING: pending },
  );
  const name =
    pending === 'map'
      ? 'demo server, requests in flight in a Map keyed by a counter (baseline)'
      : 'demo server, requests in flight in an InFlightTable';
  return { name, child, port, inspectPort };
}

async function main(): Promise<void> {
  buildCli();
  const idp = await issuer();
  const otlp = await otlpSink();
  const token = await idp.token('RS256');
  const rc = fullChainRunConfig(idp.url, otlp.port);
  const proxy = async (name: string, config: typeof rc): Promise<Target> => {
    const inspectPort = await freePort();
    const { port, child } = await cliProxy(config, [`--inspect=127.0.0.1:${inspectPort}`]);
    return { name, child, port, inspectPort, session: await openSession(port, token) };
  };
  const starts: Array<() => Promise<Target>> = [
    () => demo('map'),
    () => demo('table'),
    () => proxy('proxy runner, stdio server-everything, no policy', withoutPolicy(rc)),
    () => proxy('proxy runner, stdio server-everything, full chain', rc),
  ];

  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}\n`,
  );
  console.log(
    '| process | CPU µs per request, before → after a full GC | after / before | of which V8 worker threads, before → after | bytes per request outliving young GCs, before → after |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: |');
  // One process at a time: the others would only compete for the two cores.
  for (const start of starts) {
    const t = await start();
    try {
      await load(t.port, token, WARM_UP_MS, t.session);
      const before = await measure(t, token);
      await fullGc(t);
      await load(t.port, token, SETTLE_MS, t.session);
      const after = await measure(t, token);
      console.log(
        `| ${t.name} | ${before.cpuUs.toFixed(1)} → ${after.cpuUs.toFixed(1)} | ${(after.cpuUs / before.cpuUs).toFixed(2)} | ${before.v8WorkersUs.toFixed(1)} → ${after.v8WorkersUs.toFixed(1)} | ${before.survivingBytes.toFixed(0)} → ${after.survivingBytes.toFixed(0)} |`,
      );
    } finally {
      await stop(t.child);
    }
  }
  otlp.close();
  idp.close();
}

await main();
