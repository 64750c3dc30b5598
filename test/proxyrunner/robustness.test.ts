/**
 * Robustness: a backend that writes garbage, per-request timeouts, a backend crash and
 * restart, and graceful shutdown of the real `proxyrunner run` process on SIGTERM.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { describe, expect, it } from 'vitest';
import { freePort } from '../support/ports.ts';
import { connectClient, EVERYTHING, post, startStdioProxy, waitFor } from './helpers.ts';

const RAW_SERVER = join(import.meta.dirname, 'fixtures', 'raw-server.ts');
const CLI = join(import.meta.dirname, '..', '..', 'cli', 'main.ts');

function text(result: unknown): string {
  return (result as { content: Array<{ text?: string }> }).content.map((c) => c.text ?? '').join('');
}

describe('a backend that misbehaves', () => {
  it('skips garbage on stdout, times out a garbled answer, and keeps serving everyone', async () => {
    const px = await startStdioProxy({ command: [process.execPath, RAW_SERVER], requestTimeoutMs: 1_500 });
    try {
      const a = await connectClient(px.url, { name: 'a' });
      const b = await connectClient(px.url, { name: 'b' });
      const garbled = post(
        px.url,
        { jsonrpc: '2.0', id: 'g1', method: 'tools/call', params: { name: 'garble', arguments: {} } },
        {
          'mcp-session-id': (a as unknown as { transport: StreamableHTTPClientTransport }).transport
            .sessionId!,
          accept: 'application/json',
        },
      );
      // While one request waits for an answer that will never parse, others are served.
      const [ra, rb] = await Promise.all([
        a.callTool({ name: 'echo', arguments: { message: 'a' } }),
        b.callTool({ name: 'echo', arguments: { message: 'b' } }),
      ]);
      expect(text(ra)).toBe('echo: a');
      expect(text(rb)).toBe('echo: b');
      const timedOut = await garbled;
      expect(timedOut.status).toBe(504);
      expect(timedOut.json()).toMatchObject({ id: 'g1', error: { code: -32000, message: 'Timeout' } });
      expect(text(await b.callTool({ name: 'echo', arguments: { message: 'after' } }))).toBe('echo: after');
      await a.close();
      await b.close();
    } finally {
      await px.close();
    }
  });

  it('answers a timed-out request with 504 and a JSON-RPC error when nothing was streamed yet', async () => {
    const px = await startStdioProxy({ command: [process.execPath, RAW_SERVER], requestTimeoutMs: 500 });
    try {
      const res = await fetch(px.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
        body: JSON.stringify({
          jsonrpc: '2.0',
          id: 9,
          method: 'tools/call',
          params: { name: 'slow', arguments: { ms: 3_000 } },
        }),
      });
      // Nothing came before the timeout, so the reply is still plain JSON.
      expect(res.status).toBe(504);
      expect(await res.json()).toMatchObject({ id: 9, error: { code: -32000, message: 'Timeout' } });
    } finally {
      await px.close();
    }
  });
});

describe('backend crash and restart', () => {
  it('fails the in-flight call, restarts the server, replays the handshake and serves the same session', async () => {
    const px = await startStdioProxy();
    try {
      const client = await connectClient(px.url);
      const before = px.pipe.pid;
      const inFlight = client
        .callTool({ name: 'trigger-long-running-operation', arguments: { duration: 5, steps: 5 } })
        .then(
          () => new Error('should have failed'),
          (err: unknown) => err,
        );
      await new Promise((r) => setTimeout(r, 300));
      px.pipe.kill('SIGKILL');
      expect(String(await inFlight)).toMatch(/Backend connection lost/);
      await waitFor(() => px.pipe.isUp && px.pipe.pid !== before);
      // The same session keeps working against the new process.
      expect(text(await client.callTool({ name: 'echo', arguments: { message: 'again' } }))).toBe(
        'Echo: again',
      );
      const tools = await client.listTools();
      expect(tools.tools.length).toBeGreaterThan(5);
      await client.close();
    } finally {
      await px.close();
    }
  });
});

describe('SIGTERM', () => {
  async function startCli(port: number): Promise<{ child: ChildProcess; output: () => string }> {
    const child = spawn(
      process.execPath,
      [CLI, 'proxyrunner', 'run', '--port', String(port), '--', process.execPath, EVERYTHING, 'stdio'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout!.on('data', (d) => {
      output += d;
    });
    child.stderr!.on('data', (d) => {
      output += d;
    });
    await waitFor(() => output.includes('proxying'), 20_000);
    return { child, output: () => output };
  }

  it('lets an in-flight call finish, refuses new work, and exits 0', async () => {
    const port = await freePort();
    const { child, output } = await startCli(port);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const url = `http://127.0.0.1:${port}/mcp`;
      const client = await connectClient(url);
      const call = client.callTool(
        { name: 'trigger-long-running-operation', arguments: { duration: 1.5, steps: 3 } },
        undefined,
        { timeout: 30_000 },
      );
      await new Promise((r) => setTimeout(r, 300));
      child.kill('SIGTERM');
      const result = await call;
      expect(text(result)).toContain('Long running operation completed');
      expect(await exited).toBe(0);
      expect(output()).toContain('SIGTERM: draining');
      await expect(fetch(url, { method: 'POST', body: '{}' })).rejects.toThrow();
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
