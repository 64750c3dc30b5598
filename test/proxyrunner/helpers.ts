/**
 * Shared test fixtures for the proxy runner: real MCP servers from npm, the proxy on a free
 * loopback port, and SDK clients. Everything started here is stopped by the returned `close`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ChildPipe } from '../../proxyrunner/backend/child.ts';
import type { Middleware } from '../../proxyrunner/middleware/types.ts';
import { createProxy, type McpProxy, type ProxyOptions } from '../../proxyrunner/proxy.ts';
import { StdioMultiplexer } from '../../proxyrunner/upstream/stdio-mux.ts';
import { freePort } from '../support/ports.ts';

const requireFrom = createRequire(import.meta.url);
/** server-everything's entry script (`node EVERYTHING stdio|sse|streamableHttp`). */
export const EVERYTHING = requireFrom.resolve('@modelcontextprotocol/server-everything/dist/index.js');

export interface StdioProxy {
  readonly url: string;
  readonly base: string;
  readonly proxy: McpProxy;
  readonly pipe: ChildPipe;
  readonly mux: StdioMultiplexer;
  close(): Promise<void>;
}

export async function startStdioProxy(
  extra: Partial<ProxyOptions> & { middlewares?: Middleware[]; command?: string[] } = {},
): Promise<StdioProxy> {
  const [command, ...args] = extra.command ?? [process.execPath, EVERYTHING, 'stdio'];
  const pipe = new ChildPipe({ command: command!, args, stderr: 'ignore', restartInitialMs: 50 });
  const mux = new StdioMultiplexer(pipe, { onGarbage: () => {} });
  await mux.start();
  const proxy = createProxy({ ...extra, backend: { kind: 'messages', handler: mux, transport: 'stdio' } });
  const address = await proxy.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${address.port}`;
  return {
    url: `${base}/mcp`,
    base,
    proxy,
    pipe,
    mux,
    close: async () => {
      await proxy.shutdown(1_000);
    },
  };
}

export interface ClientOptions {
  readonly capabilities?: Record<string, unknown>;
  readonly name?: string;
}

export async function connectClient(url: string, opts: ClientOptions = {}): Promise<Client> {
  const client = new Client(
    { name: opts.name ?? 'test-client', version: '1.0.0' },
    { capabilities: opts.capabilities ?? {} },
  );
  await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  return client;
}

/** Starts server-everything over HTTP (`sse` or `streamableHttp`) on a free port. */
export async function startEverythingHttp(
  mode: 'sse' | 'streamableHttp',
): Promise<{ port: number; base: string; child: ChildProcess; stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, [EVERYTHING, mode], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  const base = `http://127.0.0.1:${port}`;
  await waitFor(async () => {
    try {
      const res = await fetch(`${base}/${mode === 'sse' ? 'sse' : 'mcp'}`, {
        method: mode === 'sse' ? 'GET' : 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
        ...(mode === 'sse' ? { signal: AbortSignal.timeout(1_000) } : { body: '{}' }),
      });
      await res.body?.cancel();
      return true;
    } catch {
      return false;
    }
  }, 20_000);
  return {
    port,
    base,
    child,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Polls `check` until it returns true, or throws after `timeoutMs`. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A raw JSON-RPC POST, for the cases SDK clients never produce; `init` adds fetch options. */
export async function post(
  url: string,
  body: string | object,
  headers: Record<string, string> = {},
  init: RequestInit = {},
): Promise<{ status: number; headers: Headers; text: string; json: () => unknown }> {
  const res = await fetch(url, {
    ...init,
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) };
}
