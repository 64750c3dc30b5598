/**
 * Load on a real proxy process, as the policy and GC benchmarks drive it: a local OIDC issuer,
 * an MCP session, back-to-back `tools/call`s from keep-alive clients (each with its own
 * arguments), and the CPU the proxy process spent, read from /proc.
 */
import { type ChildProcess, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { RunConfig } from '../../lib/runconfig/types.ts';
import { freePort } from '../../test/support/ports.ts';
import { CLI, EVERYTHING, launch } from './processes.ts';

/** Clients sending at once in `load`. */
export const CONCURRENCY = 16;

export function listen(server: Server): Promise<number> {
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r((server.address() as AddressInfo).port)));
}

/** A local issuer: discovery and JWKS for one RS256 and one ES256 key; tokens for `mcp-bench`. */
export async function issuer() {
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

/**
 * The RunConfig of the full chain the benchmarks measure: OIDC against `issuerUrl`, Cedar, audit
 * to stdout, a tool filter, and telemetry (5 % of spans over OTLP to `otlpPort`, Prometheus
 * metrics), in front of a stdio server.
 */
export function fullChainRunConfig(issuerUrl: string, otlpPort: number): RunConfig {
  return {
    schema_version: 'v0.1.0',
    image: 'bench',
    name: 'bench',
    transport: 'stdio',
    host: '127.0.0.1',
    port: 8080,
    oidc_config: { Issuer: issuerUrl, Audience: 'mcp-bench' },
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
}

/** `rc` with every policy removed: the bare proxy. */
export function withoutPolicy(rc: RunConfig): RunConfig {
  return {
    ...rc,
    oidc_config: undefined,
    authz_config: undefined,
    audit_config: undefined,
    tools_filter: undefined,
    telemetry_config: undefined,
  };
}

/**
 * `proxyrunner run --config` for `rc` in front of a stdio server-everything, on a free port;
 * `nodeArgs` go to the proxy's Node before the script (e.g. `--inspect`).
 */
export async function cliProxy(
  rc: RunConfig,
  nodeArgs: readonly string[] = [],
): Promise<{ port: number; child: ChildProcess }> {
  const port = await freePort();
  const file = join(mkdtempSync(join(tmpdir(), 'mcp-bench-')), 'runconfig.json');
  writeFileSync(file, JSON.stringify({ ...rc, port }));
  const child = await launch(
    [...nodeArgs, CLI, 'proxyrunner', 'run', '--config', file, '--', process.execPath, EVERYTHING, 'stdio'],
    port,
  );
  return { port, child };
}

/** An OTLP/HTTP receiver that accepts and drops everything; returns its port. */
export async function otlpSink(): Promise<{ port: number; close: () => void }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end('{}'));
  });
  return { port: await listen(server), close: () => server.close() };
}

/** Opens an MCP session on the proxy (initialize + initialized); returns its id. */
export async function openSession(port: number, token: string): Promise<string> {
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

let seq = 0;

/** `ms` of back-to-back `tools/call`s from `CONCURRENCY` clients: req/s and how many completed. */
export async function load(
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

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

function statCpuMs(statFile: string): number {
  const stat = readFileSync(statFile, 'utf8');
  // Fields after the parenthesised command name; utime and stime are the 14th and 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

/** User + system CPU milliseconds a process has used, all its threads (Linux /proc). */
export function processCpuMs(pid: number | undefined): number {
  return statCpuMs(`/proc/${pid}/stat`);
}

/** The processes `pid` started (its stdio server, for a proxy), from /proc. */
export function childPids(pid: number | undefined): number[] {
  return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
}

/**
 * CPU milliseconds of a Node process split by thread: V8's worker threads (parallel and
 * concurrent GC, background compilation) and the rest (the event loop, mostly).
 */
export function threadCpuMs(pid: number | undefined): { v8Workers: number; rest: number } {
  let v8Workers = 0;
  let rest = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    let name: string;
    let ms: number;
    try {
      name = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8');
      ms = statCpuMs(`/proc/${pid}/task/${tid}/stat`);
    } catch {
      continue; // the thread ended meanwhile
    }
    if (name.startsWith('V8Worker')) v8Workers += ms;
    else rest += ms;
  }
  return { v8Workers, rest };
}
