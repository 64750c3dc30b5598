/**
 * Proxy data path, measured in one run on this machine:
 *
 * 1. `tools/call echo` through our proxy, supergateway and mcp-proxy, each fronting the same
 *    stdio server-everything, and straight to server-everything's own streamable-HTTP server
 *    ("direct"), through a bare node:http reverse proxy (the floor for any Node hop on this
 *    machine) and through our proxy in front of it ("ours → HTTP"), at 1, 8 and 32
 *    concurrent sessions: requests per second, p50 and p99 latency, and the proxy's RSS
 *    (the proxy process alone; MCP server children not counted).
 * 2. Our proxy's RSS per idle session at 1,000 and 10,000 sessions, and its RSS while 100,000
 *    sessions are opened and closed one after another (it must not grow).
 *
 *   npm run bench proxy            (PROXY_BENCH_SECONDS=N per cell, default 5)
 */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { freePort } from '../test/support/ports.ts';
import { buildCli, CLI, EVERYTHING, launch, NODE_OPTIONS, stop } from './support/processes.ts';

const ROOT = join(import.meta.dirname, '..');
const SUPERGATEWAY = join(ROOT, 'node_modules', 'supergateway', 'dist', 'index.js');
const MCP_PROXY = join(ROOT, 'node_modules', 'mcp-proxy', 'dist', 'bin', 'mcp-proxy.mjs');
const SECONDS = Number(process.env.PROXY_BENCH_SECONDS ?? '5');
const CONCURRENCY = [1, 8, 32];

buildCli();

/**
 * RSS once the process has settled: V8 shrinks its heap (the "memory reducer") a few seconds
 * after allocation stops, so a sample taken mid-load measures garbage not yet collected.
 */
async function settledRssKiB(pid: number | undefined): Promise<number> {
  let last = rssKiB(pid);
  for (let i = 0; i < 10; i++) {
    await new Promise((r) => setTimeout(r, 2_000));
    const now = rssKiB(pid);
    if (Math.abs(now - last) <= last * 0.01) return now;
    last = now;
  }
  return last;
}

function rssKiB(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
}

// ---------------------------------------------------------------------------- MCP over raw HTTP

const agent = new Agent({ keepAlive: true, maxSockets: 256 });

interface Reply {
  status: number;
  sessionId: string | undefined;
  body: string;
}

function post(url: string, body: string, sessionId?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'content-length': Buffer.byteLength(body),
    };
    if (sessionId !== undefined) {
      headers['mcp-session-id'] = sessionId;
      headers['mcp-protocol-version'] = '2025-11-25';
    }
    const req = request(url, { method: 'POST', headers, agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        text += c;
      });
      res.on('end', () => {
        const sid = res.headers['mcp-session-id'];
        resolve({
          status: res.statusCode ?? 0,
          sessionId: typeof sid === 'string' ? sid : undefined,
          body: text,
        });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

function del(url: string, sessionId: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'DELETE', headers: { 'mcp-session-id': sessionId }, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

const INIT = JSON.stringify({
  jsonrpc: '2.0',
  id: 0,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'bench', version: '1' } },
});
const INITIALIZED = JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' });

async function openSession(url: string): Promise<string> {
  const init = await post(url, INIT);
  if (init.status !== 200 || init.sessionId === undefined) {
    throw new Error(`initialize failed: HTTP ${init.status} ${init.body.slice(0, 200)}`);
  }
  const note = await post(url, INITIALIZED, init.sessionId);
  if (note.status >= 300) throw new Error(`initialized failed: HTTP ${note.status}`);
  return init.sessionId;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

/** `sessions` clients, each calling echo back to back for `seconds`. */
async function load(url: string, sessions: number, seconds: number): Promise<LoadResult> {
  const ids = await Promise.all(Array.from({ length: sessions }, () => openSession(url)));
  const latencies: number[] = [];
  let errors = 0;
  const run = async (sid: string, until: number, record: boolean) => {
    let n = 1;
    while (performance.now() < until) {
      const body = `{"jsonrpc":"2.0","id":${n++},"method":"tools/call","params":{"name":"echo","arguments":{"message":"bench"}}}`;
      const t0 = performance.now();
      const reply = await post(url, body, sid);
      const dt = performance.now() - t0;
      if (reply.status !== 200 || !reply.body.includes('Echo: bench')) errors++;
      else if (record) latencies.push(dt);
    }
  };
  // One second of warm-up, then the measured window.
  await Promise.all(ids.map((sid) => run(sid, performance.now() + 1_000, false)));
  const start = performance.now();
  await Promise.all(ids.map((sid) => run(sid, start + seconds * 1_000, true)));
  const elapsed = (performance.now() - start) / 1_000;
  await Promise.all(ids.map((sid) => del(url, sid).catch(() => 0)));
  latencies.sort((a, b) => a - b);
  return {
    rps: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors,
  };
}

// ---------------------------------------------------------------------------- systems

interface System {
  readonly name: string;
  start(): Promise<{ url: string; proxy: ChildProcess; stop(): Promise<void> }>;
}

const stdioServer = `${process.execPath} ${EVERYTHING} stdio`;

/** A proxy started with `args(port, target)` in front of server-everything's streamable HTTP. */
async function behindHttpServer(
  args: (port: number, target: string) => string[],
): Promise<{ url: string; proxy: ChildProcess; stop(): Promise<void> }> {
  const backendPort = await freePort();
  const server = await launch([EVERYTHING, 'streamableHttp'], backendPort, { PORT: String(backendPort) });
  const port = await freePort();
  const proxy = await launch(args(port, `http://127.0.0.1:${backendPort}/mcp`), port);
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    proxy,
    stop: async () => {
      await stop(proxy);
      await stop(server);
    },
  };
}

const systems: System[] = [
  {
    name: 'ours (stdio)',
    async start() {
      const port = await freePort();
      const proxy = await launch(
        [CLI, 'proxyrunner', 'run', '--port', String(port), '--', process.execPath, EVERYTHING, 'stdio'],
        port,
      );
      return { url: `http://127.0.0.1:${port}/mcp`, proxy, stop: () => stop(proxy) };
    },
  },
  {
    name: 'mcp-proxy (stdio)',
    async start() {
      const port = await freePort();
      const proxy = await launch(
        [
          MCP_PROXY,
          '--port',
          String(port),
          '--host',
          '127.0.0.1',
          '--server',
          'stream',
          '--',
          process.execPath,
          EVERYTHING,
          'stdio',
        ],
        port,
      );
      return { url: `http://127.0.0.1:${port}/mcp`, proxy, stop: () => stop(proxy) };
    },
  },
  {
    name: 'supergateway (stdio)',
    async start() {
      const port = await freePort();
      const proxy = await launch(
        [
          SUPERGATEWAY,
          '--stdio',
          stdioServer,
          '--outputTransport',
          'streamableHttp',
          '--stateful',
          '--port',
          String(port),
          '--logLevel',
          'none',
        ],
        port,
      );
      return { url: `http://127.0.0.1:${port}/mcp`, proxy, stop: () => stop(proxy) };
    },
  },
  {
    name: 'direct HTTP',
    async start() {
      const port = await freePort();
      const server = await launch([EVERYTHING, 'streamableHttp'], port, { PORT: String(port) });
      return { url: `http://127.0.0.1:${port}/mcp`, proxy: server, stop: () => stop(server) };
    },
  },
  {
    name: 'bare node:http proxy → HTTP',
    start: () =>
      behindHttpServer((port, target) => [
        join(ROOT, 'bench', 'support', 'bare-http-proxy.ts'),
        String(port),
        target,
      ]),
  },
  {
    name: 'ours → HTTP',
    start: () =>
      behindHttpServer((port, target) => [
        CLI,
        'proxyrunner',
        'run',
        '--transport',
        'streamable-http',
        '--target',
        target,
        '--port',
        String(port),
      ]),
  },
];

// ---------------------------------------------------------------------------- run

const fmt = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : '–');

console.log(
  `tools/call echo, ${SECONDS} s per cell after 1 s of warm-up, node ${process.version}, NODE_OPTIONS="${NODE_OPTIONS}", load ${loadAverage()}`,
);
const results = new Map<string, Map<number, LoadResult & { rssMiB: number }>>();
for (const system of systems) {
  const running = await system.start();
  const row = new Map<number, LoadResult & { rssMiB: number }>();
  try {
    for (const c of CONCURRENCY) {
      const r = await load(running.url, c, SECONDS);
      row.set(c, { ...r, rssMiB: rssKiB(running.proxy.pid) / 1024 });
    }
  } finally {
    await running.stop();
  }
  results.set(system.name, row);
}

const header = [
  'system',
  ...CONCURRENCY.flatMap((c) => [`${c}s req/s`, `${c}s p50 ms`, `${c}s p99 ms`]),
  'RSS MiB',
  'errors',
];
const rows = [...results].map(([name, row]) => [
  name,
  ...CONCURRENCY.flatMap((c) => {
    const r = row.get(c)!;
    return [fmt(r.rps, 0), fmt(r.p50), fmt(r.p99)];
  }),
  fmt(Math.max(...CONCURRENCY.map((c) => row.get(c)!.rssMiB)), 1),
  String(CONCURRENCY.reduce((n, c) => n + row.get(c)!.errors, 0)),
]);
printTable(header, rows);

const ours = results.get('ours (stdio)')!.get(32)!;
const mcpProxy = results.get('mcp-proxy (stdio)')!.get(32)!;
const direct = results.get('direct HTTP')!;
const passthrough = results.get('ours → HTTP')!;
console.log('\nGoals');
console.log(`  32 sessions, req/s vs mcp-proxy: ${fmt(ours.rps / mcpProxy.rps)}× (goal ≥ 2×)`);
console.log(`  32 sessions, p99 vs mcp-proxy:   ${fmt(ours.p99 / mcpProxy.p99)}× (goal ≤ 0.5×)`);
const bare = results.get('bare node:http proxy → HTTP')!;
for (const c of CONCURRENCY) {
  console.log(
    `  HTTP passthrough, ${c} session(s): +${fmt(passthrough.get(c)!.p50 - direct.get(c)!.p50)} ms p50 over direct (goal ≤ 0.5 ms); ` +
      `a bare node:http proxy adds +${fmt(bare.get(c)!.p50 - direct.get(c)!.p50)} ms here, ours +${fmt(passthrough.get(c)!.p50 - bare.get(c)!.p50)} ms over it`,
  );
}

// ---------------------------------------------------------------------------- idle sessions

console.log('\nIdle sessions (ours, stdio)');
{
  const port = await freePort();
  const proxy = await launch(
    [CLI, 'proxyrunner', 'run', '--port', String(port), '--', process.execPath, EVERYTHING, 'stdio'],
    port,
  );
  const url = `http://127.0.0.1:${port}/mcp`;
  const open = async (count: number) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i += 16) {
      ids.push(
        ...(await Promise.all(Array.from({ length: Math.min(16, count - i) }, () => openSession(url)))),
      );
    }
    return ids;
  };
  await open(200); // warm-up: JIT, buffers, the cached handshake
  const base = await settledRssKiB(proxy.pid);
  let held: string[] = [];
  for (const target of [1_000, 10_000]) {
    held = held.concat(await open(target - held.length));
    const rss = await settledRssKiB(proxy.pid);
    console.log(
      `  ${target.toLocaleString('en')} idle sessions: RSS ${fmt(rss / 1024, 1)} MiB, ${fmt((rss - base) / target, 1)} KiB per session (goal ≤ 64)`,
    );
  }
  await stop(proxy);
}

console.log('\n100,000 sequential sessions (initialize, initialized, one call, DELETE), ours, stdio');
{
  const port = await freePort();
  const proxy = await launch(
    [CLI, 'proxyrunner', 'run', '--port', String(port), '--', process.execPath, EVERYTHING, 'stdio'],
    port,
  );
  const url = `http://127.0.0.1:${port}/mcp`;
  const call =
    '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"message":"x"}}}';
  const marks: string[] = [];
  let done = 0;
  const worker = async (total: number) => {
    while (done < total) {
      done++;
      const sid = await openSession(url);
      await post(url, call, sid);
      await del(url, sid);
    }
  };
  const started = performance.now();
  marks.push(`at start: ${fmt((await settledRssKiB(proxy.pid)) / 1024, 1)} MiB`);
  for (const checkpoint of [10_000, 50_000, 100_000]) {
    await Promise.all(Array.from({ length: 4 }, () => worker(checkpoint)));
    marks.push(
      `after ${checkpoint.toLocaleString('en')}: ${fmt((await settledRssKiB(proxy.pid)) / 1024, 1)} MiB`,
    );
  }
  console.log(
    `  RSS (settled) ${marks.join(', ')} (${fmt((performance.now() - started) / 1000, 0)} s, load ${loadAverage()})`,
  );
  await stop(proxy);
}
agent.destroy();

function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

function printTable(head: string[], body: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  console.log(line(head));
  console.log(
    `|${widths.map((w, i) => (i === 0 ? `${'-'.repeat(w + 1)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
  );
  for (const r of body) console.log(line(r));
}
