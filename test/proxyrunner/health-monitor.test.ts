/**
 * Periodic health checks of HTTP backends (ToolHive's transparent-proxy health monitor): pings
 * start after the first handshake, `/health` reports the last one, a backend that goes away and
 * comes back is seen both ways, and one that stays away past the failure threshold stops the
 * proxy process (exit 1, so Kubernetes restarts it). Intervals come from ToolHive's env knobs,
 * shortened here.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pingSettingsFromEnv } from '../../proxyrunner/backend/ping-monitor.ts';
import { chooseBackend, startBackend } from '../../proxyrunner/config/backend.ts';
import { normaliseRunConfig } from '../../proxyrunner/config/runconfig.ts';
import { createProxy, type McpProxy } from '../../proxyrunner/proxy.ts';
import { freePort } from '../support/ports.ts';
import { post, waitFor } from './helpers.ts';

const KNOBS = {
  TOOLHIVE_HEALTH_CHECK_INTERVAL: '100ms',
  TOOLHIVE_HEALTH_CHECK_PING_TIMEOUT: '500ms',
  TOOLHIVE_HEALTH_CHECK_RETRY_DELAY: '50ms',
  TOOLHIVE_HEALTH_CHECK_FAILURE_THRESHOLD: '3',
};

interface Seen {
  method: string;
  url: string;
  body: string;
}

/** A JSON-answering MCP server on a fixed port that can be stopped and started again. */
class FlakyServer {
  readonly port: number;
  readonly seen: Seen[] = [];
  private server: Server | undefined;

  constructor(port: number) {
    this.port = port;
  }

  async start(): Promise<void> {
    this.server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        this.seen.push({ method: req.method ?? '', url: req.url ?? '', body });
        if (req.method !== 'POST') {
          res.writeHead(404).end();
          return;
        }
        const msg = JSON.parse(body || '{}') as { id?: number; method?: string };
        if (msg.id === undefined) {
          res.writeHead(202).end();
          return;
        }
        const result =
          msg.method === 'initialize'
            ? { protocolVersion: '2025-11-25', capabilities: {}, serverInfo: { name: 'flaky', version: '1' } }
            : {};
        res.writeHead(200, { 'content-type': 'application/json', 'mcp-session-id': crypto.randomUUID() });
        res.end(JSON.stringify({ jsonrpc: '2.0', id: msg.id, result }));
      });
    });
    await new Promise<void>((r) => this.server!.listen(this.port, '127.0.0.1', r));
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    if (!s) return;
    const closed = new Promise<void>((r) => s.close(() => r()));
    s.closeAllConnections();
    await closed;
  }
}

const INIT = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 't', version: '1' } },
};

interface Health {
  status: string;
  mcp: { available: boolean; error?: string; response_time_ms?: number; last_checked: string };
}

async function health(base: string): Promise<{ code: number; body: Health }> {
  const res = await fetch(`${base}/health`);
  return { code: res.status, body: (await res.json()) as Health };
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function proxyFor(server: FlakyServer, extra: Record<string, unknown> = {}) {
  const rc = normaliseRunConfig({ name: 'flaky', transport: 'streamable-http', ...extra });
  const choice = chooseBackend(rc, {
    command: [],
    target: `http://127.0.0.1:${server.port}/mcp`,
    transport: 'streamable-http',
    env: {},
  });
  // In-process tests only watch /health: never give up, however slow the machine is.
  const backend = await startBackend(choice, rc, {
    ...KNOBS,
    TOOLHIVE_HEALTH_CHECK_FAILURE_THRESHOLD: '100000',
  });
  const fatal: string[] = [];
  backend.onFatal?.((reason) => fatal.push(reason));
  const proxy: McpProxy = createProxy({ backend, stateless: rc.stateless ?? false });
  const base = `http://127.0.0.1:${(await proxy.listen(0)).port}`;
  cleanups.push(() => proxy.shutdown(500).then(() => undefined));
  return { base, fatal };
}

describe('health monitor of an HTTP backend', () => {
  it("reads ToolHive's env knobs, keeping defaults for bad values", () => {
    const warnings: string[] = [];
    expect(pingSettingsFromEnv(KNOBS)).toEqual({
      intervalMs: 100,
      pingTimeoutMs: 500,
      retryDelayMs: 50,
      failureThreshold: 3,
    });
    expect(
      pingSettingsFromEnv(
        { TOOLHIVE_HEALTH_CHECK_INTERVAL: 'soon', TOOLHIVE_HEALTH_CHECK_FAILURE_THRESHOLD: '0' },
        (w) => warnings.push(w),
      ),
    ).toEqual({ intervalMs: 10_000, pingTimeoutMs: 5_000, retryDelayMs: 5_000, failureThreshold: 5 });
    expect(warnings).toHaveLength(2);
  });

  it('pings only after the handshake, and /health follows a backend that goes away and comes back', async () => {
    const server = new FlakyServer(await freePort());
    await server.start();
    cleanups.push(() => server.stop());
    const { base, fatal } = await proxyFor(server);

    // Not initialized yet: no pings, /health reports the last request (none failed).
    await new Promise((r) => setTimeout(r, 300));
    expect(server.seen.filter((s) => s.method === 'GET')).toHaveLength(0);
    expect((await health(base)).body.mcp.available).toBe(true);

    expect((await post(`${base}/mcp`, INIT)).status).toBe(200);
    await waitFor(async () => (await health(base)).body.mcp.response_time_ms !== undefined);
    // ToolHive's pinger: GET on the server itself.
    expect(server.seen.some((s) => s.method === 'GET' && s.url === '/')).toBe(true);

    await server.stop();
    await waitFor(async () => (await health(base)).body.mcp.available === false);
    const down = await health(base);
    expect(down.code).toBe(200);
    expect(down.body.status).toBe('degraded');
    expect(down.body.mcp.error).toMatch(/ECONNREFUSED|connect/);

    await server.start();
    await waitFor(async () => (await health(base)).body.mcp.available === true);
    const up = await health(base);
    expect(up.body.status).toBe('healthy');
    expect(up.body.mcp.error).toBeUndefined();
    expect(fatal).toEqual([]);
  });

  it('pings a stateless server with a POST ping to its MCP endpoint', async () => {
    const server = new FlakyServer(await freePort());
    await server.start();
    cleanups.push(() => server.stop());
    const { base } = await proxyFor(server, { stateless: true });
    const modern = await post(
      `${base}/mcp`,
      {
        jsonrpc: '2.0',
        id: 2,
        method: 'tools/list',
        params: {
          _meta: {
            'io.modelcontextprotocol/protocolVersion': '2026-07-28',
            'io.modelcontextprotocol/clientInfo': { name: 't', version: '1' },
            'io.modelcontextprotocol/clientCapabilities': {},
          },
        },
      },
      { 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/list' },
    );
    expect(modern.status).toBe(200);
    await waitFor(() => server.seen.some((s) => s.method === 'POST' && s.body.includes('"method":"ping"')));
    expect(server.seen.find((s) => s.body.includes('"method":"ping"'))!.url).toBe('/mcp');
  });

  it('stops the proxy process (exit 1) after the failure threshold', async () => {
    const server = new FlakyServer(await freePort());
    await server.start();
    cleanups.push(() => server.stop());
    const port = await freePort();
    const root = join(import.meta.dirname, '..', '..');
    const child: ChildProcess = spawn(
      process.execPath,
      [
        join(root, 'cli', 'main.ts'),
        'proxyrunner',
        'run',
        '--transport',
        'streamable-http',
        '--target',
        `http://127.0.0.1:${server.port}/mcp`,
        '--port',
        String(port),
      ],
      { cwd: root, env: { ...process.env, ...KNOBS }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    cleanups.push(async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    });
    await waitFor(() => stderr.includes('proxying'), 30_000);
    expect((await post(`http://127.0.0.1:${port}/mcp`, INIT)).status).toBe(200);
    await waitFor(() => server.seen.some((s) => s.method === 'GET'));
    await server.stop();
    expect(await exited).toBe(1);
    expect(stderr).toMatch(/failed 3 health checks in a row/);
  });
});
