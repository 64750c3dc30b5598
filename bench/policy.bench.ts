/**
 * `npm run bench policy`: what the policy chain costs, measured in one run.
 *
 * 1. `tools/call` req/s through the real proxy (streamable HTTP front end, a server-everything
 *    stdio child behind it), bare vs the full chain (auth + authz + audit + tool filter +
 *    telemetry), same backend, interleaved rounds, keep-alive clients over loopback. Each call
 *    carries different arguments, as real agents' calls do.
 * 2. The same through a minimal in-process proxy whose backend answers at once, driving the
 *    data path's `Chain` engine: an upper bound on the chain's share, since any real backend and
 *    a real front end only add work that the chain does not change.
 * 3. JWT validations per second with a warm JWKS (RS256 and ES256), sequential and 16 in flight.
 *
 * The proxy runs in this process, so the process runs with the V8 flags the charts give the
 * proxy runner (lib/k8s/env.ts), or with `BENCH_NODE_OPTIONS` when that is set.
 */
import { type ChildProcess, spawnSync } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { PROXY_NODE_OPTIONS } from '../lib/k8s/env.ts';
import type { RunConfig } from '../lib/runconfig/types.ts';
import { Chain } from '../proxyrunner/chain/chain.ts';
import { DATA_PATH_MIDDLEWARES } from '../proxyrunner/chain/policy.ts';
import { outcomeOf } from '../proxyrunner/http/context.ts';
import { TokenValidator } from '../proxyrunner/middleware/auth/token-validator.ts';
import { buildMiddlewares } from '../proxyrunner/middleware/chain.ts';
import { silentLogger } from '../proxyrunner/middleware/shared/logger.ts';
import type { RequestContext } from '../proxyrunner/middleware/types.ts';
import type { JsonRpcMessage, JsonRpcRequest, JsonRpcResponse } from '../proxyrunner/protocol/jsonrpc.ts';
import {
  childPids,
  cliProxy,
  fullChainRunConfig,
  issuer,
  listen,
  load,
  openSession,
  otlpSink,
  processCpuMs,
  withoutPolicy,
} from './support/mcp-load.ts';
import { buildCli, stop } from './support/processes.ts';
import { median } from './support/rounds.ts';

const ROUNDS = 8;
const ROUND_MS = 1_500;
const WARM_UP_MS = 3_000;

/**
 * One request through `chain` as the data path drives it (proxyrunner/frontend/intake.ts): the
 * head hooks before the body is parsed, the body hooks, an instant backend answering `echo`, the
 * response hooks when one wants the response, completion. Hooks that answer synchronously are
 * not awaited, as on the data path. Returns what goes back to the client.
 */
async function throughChain(
  chain: Chain,
  ctx: RequestContext,
  body: string,
): Promise<{ status: number; text: string }> {
  let rejected = chain.beforeHead(ctx);
  if (rejected instanceof Promise) rejected = await rejected;
  if (!rejected) {
    ctx.message = JSON.parse(body) as JsonRpcMessage;
    rejected = chain.before(ctx, true);
    if (rejected instanceof Promise) rejected = await rejected;
  }
  if (rejected) {
    const { rejection, by } = rejected;
    const text = JSON.stringify(rejection.body);
    chain.complete(ctx, outcomeOf(ctx, rejection.status, { rejectedBy: by, responseBytes: text.length }));
    return { status: rejection.status, text };
  }
  let response: JsonRpcResponse = {
    jsonrpc: '2.0',
    id: (ctx.message as JsonRpcRequest).id,
    result: { content: [{ type: 'text', text: 'ok' }] },
  };
  if (chain.wantsResponse(ctx)) response = await chain.after(ctx, response);
  const text = JSON.stringify(response);
  chain.complete(ctx, outcomeOf(ctx, 200, { responseBytes: text.length, response }));
  return { status: 200, text };
}

/** The policy middlewares of `rc` as the data path runs them (it parses and routes itself). */
function buildChain(rc: RunConfig, auditSink: (line: string) => void) {
  return buildMiddlewares(rc, { logger: silentLogger, auditSink, skipTypes: DATA_PATH_MIDDLEWARES });
}

/** A minimal in-process proxy with an instant backend: one JSON-RPC POST per request, through `chain`. */
async function proxy(chain: Chain) {
  let seq = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const ctx: RequestContext = {
        requestId: String(++seq),
        startedAt: Date.now(),
        http: {
          method: req.method ?? 'POST',
          path: '/mcp',
          query: '',
          headers: req.headers,
          remoteAddress: req.socket.remoteAddress ?? '',
        },
        transport: 'streamable-http',
        serverName: 'bench',
        upstreamHeaders: {},
        state: new Map(),
      };
      const sid = req.headers['mcp-session-id'];
      if (typeof sid === 'string') ctx.sessionId = sid;
      const { status, text } = await throughChain(chain, ctx, Buffer.concat(chunks).toString('utf8'));
      res.writeHead(status, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(text),
      });
      res.end(text);
    });
  });
  const port = await listen(server);
  return { port, close: () => server.close() };
}

/**
 * CPU µs per `tools/call` the middlewares of `rc` take when driven through `Chain` as the data
 * path drives it, each call with its own arguments. The median of 5 runs of 20,000 calls after a
 * warm-up.
 */
async function chainCpuPerRequest(rc: RunConfig, token: string): Promise<number> {
  const built = await buildChain(rc, () => {});
  const chain = new Chain(built.middlewares);
  const headers = {
    host: '127.0.0.1:8080',
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    authorization: `Bearer ${token}`,
    'mcp-session-id': 'c0ffee00-1111-2222-3333-444455556666',
    'mcp-protocol-version': '2025-11-25',
  };
  let seq = 0;
  const one = async () => {
    const n = ++seq;
    const ctx: RequestContext = {
      requestId: String(n),
      startedAt: Date.now(),
      http: { method: 'POST', path: '/mcp', query: '', headers: { ...headers }, remoteAddress: '127.0.0.1' },
      transport: 'streamable-http',
      serverName: 'bench',
      upstreamHeaders: {},
      state: new Map(),
      sessionId: headers['mcp-session-id'],
    };
    const body = `{"jsonrpc":"2.0","id":${n},"method":"tools/call","params":{"name":"echo","arguments":{"message":"call ${n}"}}}`;
    const { status } = await throughChain(chain, ctx, body);
    if (status !== 200) throw new Error(`refused by the chain: HTTP ${status}`);
  };
  for (let i = 0; i < 20_000; i++) await one();
  const runs: number[] = [];
  for (let r = 0; r < 5; r++) {
    globalThis.gc?.();
    const before = process.cpuUsage();
    for (let i = 0; i < 20_000; i++) await one();
    const used = process.cpuUsage(before);
    runs.push((used.user + used.system) / 20_000);
  }
  await built.close();
  return median(runs);
}

/**
 * Bare and full measured in adjacent pairs, alternating which goes first (ABBA), after a warm-up
 * of each: a drift in the machine's load hits both sides of a pair alike, so the median of the
 * pairs' ratios is steadier than a ratio of medians.
 */
async function pairedRounds(
  bare: (ms: number) => Promise<{ rps: number }>,
  full: (ms: number) => Promise<{ rps: number }>,
): Promise<{ bare: number[]; full: number[]; ratio: number }> {
  // Warm-up: JWKS fetched, caches filled, JIT warm, on both sides.
  await bare(WARM_UP_MS);
  await full(WARM_UP_MS);
  const out = { bare: [] as number[], full: [] as number[] };
  for (let i = 0; i < ROUNDS; i++) {
    if (i % 2 === 0) {
      out.bare.push((await bare(ROUND_MS)).rps);
      out.full.push((await full(ROUND_MS)).rps);
    } else {
      out.full.push((await full(ROUND_MS)).rps);
      out.bare.push((await bare(ROUND_MS)).rps);
    }
  }
  return { ...out, ratio: median(out.full.map((f, i) => f / out.bare[i]!)) };
}

/**
 * A load run that also records CPU µs per request of the proxy process and of the stdio server
 * it runs: when the two sides differ, this tells whether the proxy or its server moved.
 */
function withProxyCpu(
  child: ChildProcess,
  run: (ms: number) => Promise<{ rps: number; count: number }>,
  into: { proxy: number[]; server: number[] },
): (ms: number) => Promise<{ rps: number; count: number }> {
  const server = childPids(child.pid)[0];
  return async (ms) => {
    const before = processCpuMs(child.pid);
    const serverBefore = processCpuMs(server);
    const r = await run(ms);
    into.proxy.push(((processCpuMs(child.pid) - before) * 1000) / r.count);
    into.server.push(((processCpuMs(server) - serverBefore) * 1000) / r.count);
    return r;
  };
}

async function main(): Promise<void> {
  buildCli();
  const idp = await issuer();
  const otlp = await otlpSink();
  const rc = fullChainRunConfig(idp.url, otlp.port);
  let auditBytes = 0;
  const chain = await buildChain(rc, (line) => {
    auditBytes += line.length;
  });
  const bare = await proxy(new Chain([]));
  const full = await proxy(new Chain(chain.middlewares));
  const token = await idp.token('RS256');

  // The real proxy: two `proxyrunner run --config` processes from the build, as a deployment
  // runs them, one with no policy and one with the full chain, in front of the same stdio
  // server. Only the load generator runs in this process. Audit lines go to the proxy's stdout.
  const realBare = await cliProxy(withoutPolicy(rc));
  const realFull = await cliProxy(rc);
  const bareSid = await openSession(realBare.port, token);
  const fullSid = await openSession(realFull.port, token);
  const realCpu = {
    bare: { proxy: [] as number[], server: [] as number[] },
    full: { proxy: [] as number[], server: [] as number[] },
  };
  const real = await pairedRounds(
    withProxyCpu(realBare.child, (ms) => load(realBare.port, token, ms, bareSid), realCpu.bare),
    withProxyCpu(realFull.child, (ms) => load(realFull.port, token, ms, fullSid), realCpu.full),
  );
  // The warm-up's figures are the first ones; the rounds' are the rest.
  const cpuBare = median(realCpu.bare.proxy.slice(1));
  const cpuFull = median(realCpu.full.proxy.slice(1));
  const serverBare = median(realCpu.bare.server.slice(1));
  const serverFull = median(realCpu.full.server.slice(1));
  await stop(realBare.child);
  await stop(realFull.child);
  const inProcess = await pairedRounds(
    (ms) => load(bare.port, token, ms),
    (ms) => load(full.port, token, ms),
  );
  const rb = median(real.bare);
  const rf = median(real.full);
  const b = median(inProcess.bare);
  const f = median(inProcess.full);

  const jwt: Record<string, { seq: number; par: number }> = {};
  for (const [label, alg, cacheVerified] of [
    ['RS256, signature verified every time', 'RS256', false],
    ['ES256, signature verified every time', 'ES256', false],
    ['RS256, repeated token (verified-token cache)', 'RS256', true],
  ] as const) {
    const validator = new TokenValidator({ issuer: idp.url, audience: 'mcp-bench' }, { cacheVerified });
    const t = await idp.token(alg);
    await validator.validate(t);
    let n = 0;
    let start = performance.now();
    while (performance.now() - start < 1_500) {
      await validator.validate(t);
      n++;
    }
    const seq = (n * 1000) / (performance.now() - start);
    n = 0;
    start = performance.now();
    const end = start + 1_500;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (performance.now() < end) {
          await validator.validate(t);
          n++;
        }
      }),
    );
    jwt[label] = { seq, par: (n * 1000) / (performance.now() - start) };
    validator.close();
  }

  const pct = (1 - inProcess.ratio) * 100;
  console.log(`V8 flags: ${process.execArgv.join(' ') || '(defaults)'}\n`);
  console.log('| measurement | value |');
  console.log('| --- | --- |');
  const realPct = (1 - real.ratio) * 100;
  console.log(
    `| real proxy + server-everything (stdio), bare, tools/call req/s (median of ${ROUNDS}) | ${rb.toFixed(0)} |`,
  );
  console.log(
    `| real proxy + server-everything, full chain (auth + authz + audit + tool filter + telemetry) | ${rf.toFixed(0)} |`,
  );
  console.log(
    `| real proxy: full / bare, median of the ${ROUNDS} paired rounds' ratios | ${real.ratio.toFixed(3)} |`,
  );
  console.log(`| real proxy: chain cost | ${realPct.toFixed(1)} % (goal ≤ 15 %) |`);
  console.log(
    `| real proxy process CPU per request, bare / full chain (median of ${ROUNDS}) | ${cpuBare.toFixed(0)} µs / ${cpuFull.toFixed(0)} µs (+${((cpuFull / cpuBare - 1) * 100).toFixed(0)} %) |`,
  );
  console.log(
    `| its stdio server's CPU per request, bare / full chain (median of ${ROUNDS}) | ${serverBare.toFixed(0)} µs / ${serverFull.toFixed(0)} µs |`,
  );
  console.log(`| in-process backend (upper bound), bare req/s | ${b.toFixed(0)} |`);
  console.log(`| in-process backend, full chain req/s | ${f.toFixed(0)} |`);
  console.log(`| in-process backend: chain cost (median of paired ratios) | ${pct.toFixed(1)} % |`);
  for (const [label, r] of Object.entries(jwt)) {
    console.log(
      `| JWT validations/s, warm JWKS, ${label}: sequential / 16 in flight | ${r.seq.toFixed(0)} / ${r.par.toFixed(0)} |`,
    );
  }
  // Where the chain's time goes: the CPU each policy adds per request, alone (behind OIDC, which
  // the others need for an identity), measured by driving the chain directly, without HTTP.
  const bareConfig = withoutPolicy(rc);
  const oidc = { oidc_config: rc.oidc_config! };
  const configs: Array<[string, Partial<RunConfig>]> = [
    ['OIDC (JWT, warm JWKS), over no chain', oidc],
    ['Cedar authz, over OIDC', { ...oidc, authz_config: rc.authz_config! }],
    ['audit, over OIDC', { ...oidc, audit_config: rc.audit_config! }],
    ['tool filter, over OIDC', { ...oidc, tools_filter: rc.tools_filter! }],
    ['telemetry, over OIDC', { ...oidc, telemetry_config: rc.telemetry_config! }],
    ['full chain, over no chain', rc],
  ];
  const cpu = new Map<string, number>();
  const cpuOf = async (extra: Partial<RunConfig>) => {
    const key = JSON.stringify(extra);
    if (!cpu.has(key)) cpu.set(key, await chainCpuPerRequest({ ...bareConfig, ...extra }, token));
    return cpu.get(key)!;
  };
  console.log('\n| CPU per request through the chain alone (no HTTP), median of 5 | µs added |');
  console.log('| --- | ---: |');
  const none = await cpuOf({});
  for (const [label, extra] of configs) {
    const base = label.endsWith('over OIDC') ? await cpuOf(oidc) : none;
    console.log(`| ${label} | ${((await cpuOf(extra)) - base).toFixed(2)} |`);
  }
  console.log(`| (no chain: the harness itself) | ${none.toFixed(2)} |`);

  const fmt = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');
  console.log(`\nrounds, real proxy bare: ${fmt(real.bare)}; full: ${fmt(real.full)}`);
  console.log(
    `proxy CPU µs per request, warm-up then rounds, bare: ${fmt(realCpu.bare.proxy)}; full: ${fmt(realCpu.full.proxy)}`,
  );
  console.log(
    `stdio server CPU µs per request, warm-up then rounds, bare: ${fmt(realCpu.bare.server)}; full: ${fmt(realCpu.full.server)}`,
  );
  console.log(
    `rounds, in-process bare: ${fmt(inProcess.bare)}; full: ${fmt(inProcess.full)}; audit bytes: ${auditBytes}`,
  );

  await chain.close();
  bare.close();
  full.close();
  otlp.close();
  idp.close();
}

const flags = (process.env.BENCH_NODE_OPTIONS ?? PROXY_NODE_OPTIONS).split(/\s+/).filter(Boolean);
if (flags.every((f) => process.execArgv.includes(f))) await main();
else {
  const child = spawnSync(process.execPath, [...process.execArgv, ...flags, import.meta.filename], {
    stdio: 'inherit',
  });
  process.exit(child.status ?? 1);
}
