/**
 * Virtual MCP server benchmark (`npm run bench vmcp`), all in one run:
 *  1. tools/list aggregated over 20 backends (100 tools);
 *  2. a tools/call routed through the vMCP vs the same call made on the backend directly;
 *  3. heap per client session with 1,000 live sessions, each having used one backend
 *     (so each holds a backend session too) — goal ≤ 1 MiB, ToolHive ~15 MiB;
 *  4. RSS while 100,000 sessions are opened, used and closed — goal: flat.
 * Backends run in a child process so only the vMCP is measured here.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { parseConfigText, resolveConfig } from '../proxyrunner/vmcp/config/load.ts';
import { startVmcp } from '../proxyrunner/vmcp/server/serve.ts';

const BACKENDS = 20;
// Smaller runs for a quick check: VMCP_BENCH_SCALE=0.1 npm run bench vmcp
const SCALE = Number(process.env.VMCP_BENCH_SCALE ?? '1');
const LIVE_SESSIONS = Math.round(1_000 * SCALE);
const CHURN_SESSIONS = Math.round(100_000 * SCALE);
const CONCURRENCY = 32;

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const MiB = 1024 * 1024;

const child = spawn(
  process.execPath,
  [new URL('./support/vmcp-backends.ts', import.meta.url).pathname, String(BACKENDS)],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
const ports = JSON.parse(line) as number[];

const settings = resolveConfig(
  parseConfigText(
    JSON.stringify({
      name: 'bench',
      groupRef: 'bench',
      incomingAuth: { type: 'anonymous' },
      outgoingAuth: { source: 'inline', default: { type: 'unauthenticated' } },
      backends: ports.map((p, i) => ({
        name: `b${i}`,
        url: `http://127.0.0.1:${p}/mcp`,
        transport: 'streamable-http',
      })),
      operational: { failureHandling: { healthCheckInterval: '10m', healthCheckTimeout: '10s' } },
    }),
  ),
  { env: {} },
);
const vmcp = await startVmcp(settings, { port: 0, log: () => undefined, sessionCapacity: CHURN_SESSIONS });

const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
let nextId = 1;

async function rpc(url: string, method: string, params: Record<string, unknown>, sid?: string) {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      ...JSON_HEADERS,
      ...(sid ? { 'mcp-session-id': sid, 'mcp-protocol-version': '2025-11-25' } : {}),
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: nextId++, method, params }),
  });
  const text = await res.text();
  const body = text.startsWith('{') ? JSON.parse(text) : JSON.parse(text.split('data: ').pop()!.trim());
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return { sid: res.headers.get('mcp-session-id') ?? sid, result: body.result as Record<string, unknown> };
}

async function open(url: string): Promise<string> {
  const { sid } = await rpc(url, 'initialize', {
    protocolVersion: '2025-11-25',
    capabilities: {},
    clientInfo: { name: 'bench', version: '1' },
  });
  await fetch(url, {
    method: 'POST',
    headers: { ...JSON_HEADERS, 'mcp-session-id': sid!, 'mcp-protocol-version': '2025-11-25' },
    body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }),
  }).then((r) => r.arrayBuffer());
  return sid!;
}

async function close(url: string, sid: string): Promise<void> {
  await fetch(url, { method: 'DELETE', headers: { 'mcp-session-id': sid } }).then((r) => r.arrayBuffer());
}

async function timed(n: number, fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < Math.min(50, n); i++) await fn(); // warm-up
  const t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await fn();
  return Number(process.hrtime.bigint() - t) / 1e6 / n;
}

async function pool(total: number, fn: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < total) await fn(next++);
    }),
  );
}

// 1. tools/list over 20 backends.
const sid = await open(vmcp.url);
const listed = await rpc(vmcp.url, 'tools/list', {}, sid);
const toolCount = (listed.result.tools as unknown[]).length;
const listMs = await timed(500, () => rpc(vmcp.url, 'tools/list', {}, sid));

// 2. routed call vs direct call.
const direct = `http://127.0.0.1:${ports[0]}/mcp`;
const dsid = await open(direct);
const callArgs = { name: 'echo', arguments: { text: 'x' } };
// Alternate rounds so JIT warm-up and machine load fall on both alike.
let directMs = 0;
let routedMs = 0;
for (let round = 0; round < 5; round++) {
  directMs += (await timed(200, () => rpc(direct, 'tools/call', callArgs, dsid))) / 5;
  routedMs +=
    (await timed(200, () => rpc(vmcp.url, 'tools/call', { ...callArgs, name: 'b0_echo' }, sid))) / 5;
}

// 3. memory per live session.
gc();
await new Promise((r) => setTimeout(r, 200));
gc();
const heapBefore = process.memoryUsage().heapUsed;
const live: string[] = [];
await pool(LIVE_SESSIONS, async (i) => {
  const s = await open(vmcp.url);
  await rpc(vmcp.url, 'tools/call', { name: `b${i % BACKENDS}_echo`, arguments: { text: 'x' } }, s);
  live.push(s);
});
gc();
await new Promise((r) => setTimeout(r, 200));
gc();
const perSession = (process.memoryUsage().heapUsed - heapBefore) / LIVE_SESSIONS;
const rssLive = process.memoryUsage().rss;
await pool(live.length, async (i) => close(vmcp.url, live[i]!));

// 4. RSS across 100,000 sessions opened, used and closed.
const samples: Array<{ sessions: number; rssMiB: number }> = [];
const started = Date.now();
await pool(CHURN_SESSIONS, async (i) => {
  const s = await open(vmcp.url);
  // Every tenth session also calls a backend, opening (and later closing) a backend session.
  if (i % 10 === 0)
    await rpc(vmcp.url, 'tools/call', { name: `b${i % BACKENDS}_status`, arguments: { text: 'x' } }, s);
  else await rpc(vmcp.url, 'tools/list', {}, s);
  await close(vmcp.url, s);
  if (i % 10_000 === 0) {
    gc();
    samples.push({ sessions: i, rssMiB: Math.round(process.memoryUsage().rss / MiB) });
  }
});
gc();
samples.push({ sessions: CHURN_SESSIONS, rssMiB: Math.round(process.memoryUsage().rss / MiB) });
const churnSeconds = (Date.now() - started) / 1000;

console.log('| measure | value |');
console.log('| --- | --- |');
console.log(`| tools/list over ${BACKENDS} backends (${toolCount} tools) | ${listMs.toFixed(2)} ms |`);
console.log(`| tools/call direct to the backend | ${directMs.toFixed(2)} ms |`);
console.log(
  `| tools/call routed through vMCP | ${routedMs.toFixed(2)} ms (${(routedMs / directMs).toFixed(2)}× direct) |`,
);
console.log(
  `| heap per live session (${LIVE_SESSIONS}, each with a backend session) | ${(perSession / 1024).toFixed(1)} KiB (goal ≤ 1024 KiB) |`,
);
console.log(`| RSS with ${LIVE_SESSIONS} live sessions | ${Math.round(rssLive / MiB)} MiB |`);
console.log(`| ${CHURN_SESSIONS} sessions opened/used/closed | ${churnSeconds.toFixed(0)} s |`);
console.log(`| RSS during churn (MiB, every 10,000) | ${samples.map((s) => s.rssMiB).join(' → ')} |`);
console.log(`| live client sessions after churn | ${vmcp.handler.sessionCount} |`);

await vmcp.close();
child.kill('SIGTERM');
process.exit(0);
