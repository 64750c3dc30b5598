/**
 * Harness of the attack suite: the real `proxyrunner run --config FILE -- COMMAND` process,
 * configured only through ToolHive's RunConfig keys, in front of a real stdio MCP server (or
 * `--target URL` in front of an HTTP one), a local OIDC issuer with jose-signed tokens, and raw
 * HTTP on 127.0.0.1 so that inputs no SDK client would produce can be sent.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunConfig } from '../../../lib/runconfig/types.ts';
import { freePort } from '../../support/ports.ts';
import { EVERYTHING, post, waitFor } from '../helpers.ts';
import { runConfig } from '../policy/support/runconfig.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const CLI = join(ROOT, 'cli', 'main.ts');

export interface RunningProxy {
  readonly base: string;
  readonly url: string;
  readonly port: number;
  readonly dir: string;
  /** Everything the proxy process wrote on stdout and stderr. */
  output(): string;
  /** Parsed audit events written so far (`audit_config.logFile`, when one was configured). */
  audit(): Array<Record<string, unknown>>;
  /** Whether the process is still running (a crash would make it false). */
  alive(): boolean;
  stop(): Promise<void>;
}

/**
 * Starts `proxyrunner run --config FILE -- node server-everything stdio` (or `--target URL`).
 * An `audit_config` without a `logFile` gets one in the temporary directory.
 */
export async function startProxy(
  rc: Partial<RunConfig>,
  opts: { target?: string; command?: string[]; env?: NodeJS.ProcessEnv } = {},
): Promise<RunningProxy> {
  const dir = mkdtempSync(join(tmpdir(), 'thv-attack-'));
  const port = await freePort();
  const auditFile = join(dir, 'audit.log');
  const config = runConfig({
    name: 'everything',
    transport: opts.target ? 'streamable-http' : 'stdio',
    port,
    ...rc,
    ...(rc.audit_config ? { audit_config: { logFile: auditFile, ...rc.audit_config } } : {}),
  });
  const file = join(dir, 'runconfig.json');
  writeFileSync(file, JSON.stringify(config));
  const args = [CLI, 'proxyrunner', 'run', '--config', file];
  if (opts.target) args.push('--target', opts.target);
  else args.push('--', ...(opts.command ?? [process.execPath, EVERYTHING, 'stdio']));
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...opts.env },
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  await waitFor(() => output.includes('proxying') || child.exitCode !== null, 30_000);
  if (child.exitCode !== null) throw new Error(`proxyrunner exited: ${output}`);
  const base = `http://127.0.0.1:${port}`;
  return {
    base,
    url: `${base}/mcp`,
    port,
    dir,
    output: () => output,
    audit: () => {
      let text = '';
      try {
        text = readFileSync(auditFile, 'utf8');
      } catch {
        return [];
      }
      // The proxy may be mid-write: only complete lines are events.
      return text
        .slice(0, text.lastIndexOf('\n') + 1)
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    },
    alive: () => child.exitCode === null && child.signalCode === null,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((r) => child.once('exit', () => r()));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface RawResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  json(): Record<string, unknown>;
}

/** A JSON-RPC POST with the headers a streamable-HTTP client sends, overridable. */
export async function rpc(
  url: string,
  body: string | object,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  const r = await post(url, body, headers, { signal: AbortSignal.timeout(20_000) });
  return { ...r, json: () => jsonOf(r.text) };
}

export async function send(url: string, init: RequestInit): Promise<RawResponse> {
  const res = await fetch(url, { signal: AbortSignal.timeout(20_000), ...init });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => jsonOf(text) };
}

/** The JSON-RPC message of a reply body, whether plain JSON or one SSE `message` event. */
export function jsonOf(text: string): Record<string, unknown> {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) return JSON.parse(trimmed) as Record<string, unknown>;
  const data = trimmed
    .split('\n')
    .filter((l) => l.startsWith('data:'))
    .map((l) => l.slice(5).trim())
    .filter((l) => l.startsWith('{'));
  if (data.length === 0) throw new Error(`no JSON in reply: ${text.slice(0, 200)}`);
  return JSON.parse(data[data.length - 1]!) as Record<string, unknown>;
}

/**
 * A request with raw header lines (repeated headers, odd casing), written on a socket so that
 * nothing normalises it on the way; resolves with the status code and body.
 */
export function rawHttp(
  port: number,
  head: string[],
  body = '',
): Promise<{ status: number; text: string; head: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (d) => (data += d));
    // A server that refuses a request before reading all of it (431 for an oversized head)
    // answers and closes; the unread bytes then make the kernel reset the connection. The
    // answer already read is the result, the reset is not an error of the server.
    socket.on('error', (err) => (/^HTTP\/1\.1 \d{3}/.test(data) ? undefined : reject(err)));
    socket.on('close', () => {
      const split = data.indexOf('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0);
      resolve({ status, head: data.slice(0, split), text: split === -1 ? '' : data.slice(split + 4) });
    });
    socket.setTimeout(20_000, () => socket.destroy(new Error('raw request timed out')));
    const lines = [...head, `Content-Length: ${Buffer.byteLength(body)}`, 'Connection: close', '', body];
    socket.write(lines.join('\r\n'));
  });
}

/** A GET that returns once the response head arrives (SSE streams never end on their own). */
export function openStream(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Record<string, unknown>; events: string[]; close(): void }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'GET', headers }, (res) => {
      const events: string[] = [];
      res.setEncoding('utf8');
      res.on('data', (d: string) => events.push(d));
      res.on('error', () => undefined);
      resolve({ status: res.statusCode ?? 0, headers: res.headers, events, close: () => req.destroy() });
    });
    req.on('error', reject);
    req.end();
  });
}

export const INIT = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'attack', version: '1' } },
};

/** Opens a 2025-11-25 session for the bearer token; returns its id. */
export async function openSession(url: string, token?: string): Promise<string> {
  const auth: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const r = await rpc(url, INIT, auth);
  if (r.status !== 200) throw new Error(`initialize answered ${r.status}: ${r.text}`);
  const sid = r.headers.get('mcp-session-id');
  if (!sid) throw new Error('no Mcp-Session-Id');
  await rpc(url, { jsonrpc: '2.0', method: 'notifications/initialized' }, { ...auth, 'mcp-session-id': sid });
  return sid;
}

export function call(id: number | string, name: string, args: Record<string, unknown> = {}): object {
  return { jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args } };
}
