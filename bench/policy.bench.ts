/**
 * `npm run bench policy`: what the policy chain costs, measured in one run.
 *
 * 1. `tools/call` req/s through the real proxy (streamable HTTP front end, a server-everything
 *    stdio child behind it), bare vs the full chain (auth + authz + audit + tool filter +
 *    telemetry), same backend, interleaved rounds, keep-alive clients over loopback. Each call
 *    carries different arguments, as real agents' calls do.
 * 2. The same through a minimal in-process proxy whose backend answers at once: an upper bound
 *    on the chain's share, since any real backend only adds latency.
 * 3. JWT validations per second with a warm JWKS (RS256 and ES256), sequential and 16 in flight.
 *
 * The proxy runs in this process, so the process runs with the V8 flags the charts give the
 * proxy runner (lib/k8s/env.ts), or with `BENCH_NODE_OPTIONS` when that is set.
 */
import { type ChildProcess, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import {
  Agent,
  createServer,
  type IncomingMessage,
  request,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { PROXY_NODE_OPTIONS } from '../lib/k8s/env.ts';
import type { RunConfig } from '../lib/runconfig/types.ts';
import { Chain } from '../proxyrunner/chain/chain.ts';
import { DATA_PATH_MIDDLEWARES } from '../proxyrunner/chain/policy.ts';
import { outcomeOf } from '../proxyrunner/http/context.ts';
import { TokenValidator } from '../proxyrunner/middleware/auth/token-validator.ts';
import { buildMiddlewares } from '../proxyrunner/middleware/chain.ts';
import { silentLogger } from '../proxyrunner/middleware/shared/logger.ts';
import type { Middleware, RequestContext } from '../proxyrunner/middleware/types.ts';
import type { JsonRpcMessage, JsonRpcResponse } from '../proxyrunner/protocol/jsonrpc.ts';
import { fakeBackend, runChain } from '../test/proxyrunner/policy/support/chain-runner.ts';
import { freePort } from '../test/support/ports.ts';
import { buildCli, CLI, EVERYTHING, launch, stop } from './support/processes.ts';

const ROUNDS = 8;
const ROUND_MS = 1_500;
const WARM_UP_MS = 3_000;
const CONCURRENCY = 16;

function listen(server: Server): Promise<number> {
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r((server.address() as AddressInfo).port)));
}

/** A local issuer: discovery and JWKS for one RS256 and one ES256 key. */
async function issuer() {
  const keys = await Promise.all(
    ['RS256', 'ES256'].map(async (alg, i) => {
      const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
      return {
        alg,
        kid: `k${i}`,
        privateKey,
        jwk: { ...(await exportJWK(publicKey)), kid: `k${i}`, alg, use: 'sig' },
      };
    }),
  );
  let url = '';
  const server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/.well-known/openid-configuration')
      res.end(JSON.stringify({ issuer: url, jwks_uri: `${url}/jwks` }));
    else res.end(JSON.stringify({ keys: keys.map((k) => k.jwk) }));
  });
  url = `http://127.0.0.1:${await listen(server)}`;
  const token = (alg: string) => {
    const k = keys.find((x) => x.alg === alg)!;
    return new SignJWT({ sub: 'bench-user', name: 'Bench', groups: ['eng'] })
      .setProtectedHeader({ alg, kid: k.kid })
      .setIssuer(url)
      .setAudience('mcp-bench')
      .setExpirationTime('1h')
      .sign(k.privateKey);
  };
  return { url, token, close: () => server.close() };
}

/** The proxy under test: one JSON-RPC POST per request, run through `middlewares`. */
async function proxy(middlewares: readonly Middleware[]) {
  const backend = fakeBackend({ tools: [{ name: 'echo' }, { name: 'add' }] });
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
        message: JSON.parse(Buffer.concat(chunks).toString('utf8')) as JsonRpcMessage,
        upstreamHeaders: {},
        state: new Map(),
      };
      backend.calls.length = 0;
      const r = await runChain(middlewares, ctx, backend);
      res.writeHead(r.status, { 'content-type': 'application/json', ...r.headers });
      res.end(JSON.stringify(r.body));
    });
  });
  const port = await listen(server);
  return { port, close: () => server.close() };
}

/**
 * CPU µs per `tools/call` the middlewares of `rc` take when driven through `Chain` as the data
 * path drives it (head hooks, body hooks, completion), each call with its own arguments. The
 * median of 5 runs of 20,000 calls after a warm-up.
 */
async function chainCpuPerRequest(rc: RunConfig, token: string): Promise<number> {
  const built = await buildMiddlewares(rc, {
    logger: silentLogger,
    auditSink: () => {},
    skipTypes: DATA_PATH_MIDDLEWARES,
  });
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
    if (await chain.beforeHead(ctx)) throw new Error('refused by a head hook');
    ctx.message = JSON.parse(
      `{"jsonrpc":"2.0","id":${n},"method":"tools/call","params":{"name":"echo","arguments":{"message":"call ${n}"}}}`,
    ) as JsonRpcMessage;
    if (await chain.before(ctx, true)) throw new Error('refused by a body hook');
    let response: JsonRpcResponse = {
      jsonrpc: '2.0',
      id: n,
      result: { content: [{ type: 'text', text: 'ok' }] },
    };
    if (chain.wantsResponse(ctx)) response = await chain.after(ctx, response);
    chain.complete(ctx, outcomeOf(ctx, 200, { responseBytes: 64, response }));
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

/** `proxyrunner run --config` for `rc` in front of a stdio server-everything, on a free port. */
async function cliProxy(rc: RunConfig): Promise<{ port: number; child: ChildProcess }> {
  const port = await freePort();
  const file = join(mkdtempSync(join(tmpdir(), 'policy-bench-')), 'runconfig.json');
  writeFileSync(file, JSON.stringify({ ...rc, port }));
  const child = await launch(
    [CLI, 'proxyrunner', 'run', '--config', file, '--', process.execPath, EVERYTHING, 'stdio'],
    port,
  );
  return { port, child };
}

/** Opens an MCP session on the real proxy (initialize + initialized); returns its id. */
async function openSession(port: number, token: string): Promise<string> {
  const h = {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    authorization: `Bearer ${token}`,
  };
  const init = await fetch(`http://127.0.0.1:${port}/mcp`, {
    method: 'POST',
    headers: h,
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 0,
      method: 'initialize',
      params: {
        protocolVersion: '2025-11-25',
        capabilities: {},
        clientInfo: { name: 'bench', version: '1' },
      },
    }),
  });
  await init.text();
  const sid = init.headers.get('mcp-session-id');
  if (init.status !== 200 || !sid) throw new Error(`initialize failed: HTTP ${init.status}`);
  const note = await fetch(`http://127.0.0.1:${port}/mcp`, {
    method: 'POST',
    headers: { ...h, 'mcp-session-id': sid, 'mcp-protocol-version': '2025-11-25' },
    body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }),
  });
  await note.text();
  return sid;
}

/** `ms` of back-to-back `tools/call`s from `CONCURRENCY` clients: req/s and how many completed. */
async function load(
  port: number,
  token: string,
  ms: number,
  session?: string,
): Promise<{ rps: number; count: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    authorization: `Bearer ${token}`,
    ...(session ? { 'mcp-session-id': session, 'mcp-protocol-version': '2025-11-25' } : {}),
  };
  const deadline = Date.now() + ms;
  let done = 0;
  let failed = 0;
  let seq = 0;
  const one = () =>
    new Promise<void>((resolve) => {
      // Every call has its own arguments and id, as an agent's calls do: nothing on the path
      // (least of all an authorization cache) may count on repeats.
      const n = ++seq;
      const body = `{"jsonrpc":"2.0","id":${n},"method":"tools/call","params":{"name":"echo","arguments":{"message":"call ${n}"}}}`;
      const r = request(
        {
          host: '127.0.0.1',
          port,
          path: '/mcp',
          method: 'POST',
          agent,
          headers: { ...headers, 'content-length': String(body.length) },
        },
        (res) => {
          if (res.statusCode !== 200) failed++;
          res.resume();
          res.on('end', () => resolve());
        },
      );
      r.on('error', () => {
        failed++;
        resolve();
      });
      r.end(body);
    });
  const started = Date.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < deadline) {
        await one();
        done++;
      }
    }),
  );
  agent.destroy();
  if (failed > 0) throw new Error(`${failed} requests failed`);
  return { rps: (done * 1000) / (Date.now() - started), count: done };
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

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** User + system CPU milliseconds a process has used (Linux /proc). */
function processCpuMs(pid: number | undefined): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name; utime and stime are the 14th and 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

/** A load run that also records the proxy process's CPU µs per request into `into`. */
function withProxyCpu(
  child: ChildProcess,
  run: (ms: number) => Promise<{ rps: number; count: number }>,
  into: number[],
): (ms: number) => Promise<{ rps: number; count: number }> {
  return async (ms) => {
    const before = processCpuMs(child.pid);
    const r = await run(ms);
    into.push(((processCpuMs(child.pid) - before) * 1000) / r.count);
    return r;
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function main(): Promise<void> {
  buildCli();
  const idp = await issuer();
  const otlp = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end('{}'));
  });
  const otlpPort = await listen(otlp);
  const rc: RunConfig = {
    schema_version: 'v0.1.0',
    image: 'bench',
    name: 'bench',
    transport: 'stdio',
    host: '127.0.0.1',
    port: 8080,
    oidc_config: { Issuer: idp.url, Audience: 'mcp-bench' },
    authz_config: {
      version: '1.0',
      type: 'cedarv1',
      cedar: {
        policies: [
          'permit(principal in THVGroup::"eng", action == Action::"call_tool", resource == Tool::"echo");',
          'forbid(principal, action, resource == Tool::"add");',
        ],
      },
    },
    audit_config: { component: 'bench' },
    tools_filter: ['echo', 'add'],
    telemetry_config: {
      endpoint: `127.0.0.1:${otlpPort}`,
      insecure: true,
      tracingEnabled: true,
      metricsEnabled: true,
      enablePrometheusMetricsPath: true,
      samplingRate: '0.05',
      useLegacyAttributes: false,
    },
  };
  let auditBytes = 0;
  const chain = await buildMiddlewares(rc, {
    logger: silentLogger,
    auditSink: (line) => {
      auditBytes += line.length;
    },
  });
  const bare = await proxy([]);
  const full = await proxy(chain.middlewares);
  const token = await idp.token('RS256');

  // The real proxy: two `proxyrunner run --config` processes from the build, as a deployment
  // runs them, one with no policy and one with the full chain, in front of the same stdio
  // server. Only the load generator runs in this process. Audit lines go to the proxy's stdout.
  const realBare = await cliProxy({
    ...rc,
    oidc_config: undefined,
    authz_config: undefined,
    audit_config: undefined,
    tools_filter: undefined,
    telemetry_config: undefined,
  });
  const realFull = await cliProxy(rc);
  const bareSid = await openSession(realBare.port, token);
  const fullSid = await openSession(realFull.port, token);
  const realCpu = { bare: [] as number[], full: [] as number[] };
  const real = await pairedRounds(
    withProxyCpu(realBare.child, (ms) => load(realBare.port, token, ms, bareSid), realCpu.bare),
    withProxyCpu(realFull.child, (ms) => load(realFull.port, token, ms, fullSid), realCpu.full),
  );
  // The warm-up's figures are the first ones; the rounds' are the rest.
  const cpuBare = median(realCpu.bare.slice(1));
  const cpuFull = median(realCpu.full.slice(1));
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
  const without: Partial<RunConfig> = {
    oidc_config: undefined,
    authz_config: undefined,
    audit_config: undefined,
    tools_filter: undefined,
    telemetry_config: undefined,
  };
  const oidc = { oidc_config: rc.oidc_config! };
  const configs: Array<[string, Partial<RunConfig>]> = [
    ['OIDC (JWT, warm JWKS), over no chain', oidc],
    ['Cedar authz, over OIDC', { ...oidc, authz_config: rc.authz_config! }],
    ['audit, over OIDC', { ...oidc, audit_config: rc.audit_config! }],
    ['tool filter, over OIDC', { ...oidc, tools_filter: rc.tools_filter! }],
    ['telemetry, over OIDC', { ...oidc, telemetry_config: rc.telemetry_config! }],
    [
      'full chain, over no chain',
      {
        oidc_config: rc.oidc_config!,
        authz_config: rc.authz_config!,
        audit_config: rc.audit_config!,
        tools_filter: rc.tools_filter!,
        telemetry_config: rc.telemetry_config!,
      },
    ],
  ];
  const cpu = new Map<string, number>();
  const cpuOf = async (extra: Partial<RunConfig>) => {
    const key = JSON.stringify(extra);
    if (!cpu.has(key)) cpu.set(key, await chainCpuPerRequest({ ...rc, ...without, ...extra }, token));
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
    `proxy CPU µs per request, warm-up then rounds, bare: ${fmt(realCpu.bare)}; full: ${fmt(realCpu.full)}`,
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
