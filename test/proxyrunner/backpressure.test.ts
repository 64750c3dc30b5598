/**
 * Slow clients on GET streams: a client that stops reading must not make the proxy buffer
 * without bound, and must not hold up anyone else. Over a message-level backend the proxy cuts
 * the stream once too much is unread; over an HTTP backend it stops reading from the backend
 * (backpressure reaches the server).
 */
import { createServer, type ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FixedTarget } from '../../proxyrunner/backend/targets.ts';
import { createProxy } from '../../proxyrunner/proxy.ts';
import { HttpBackendForwarder } from '../../proxyrunner/upstream/http-forward.ts';
import { post, startStdioProxy, waitFor } from './helpers.ts';

const SERVER = join(import.meta.dirname, 'fixtures', 'notify-server.ts');
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const INIT = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 't', version: '1' } },
};

/** A GET stream opened on a raw socket that reads nothing until told to. */
function stalledGet(
  port: number,
  sessionId: string | undefined,
  path = '/mcp',
): Promise<{ socket: Socket; drain(): Promise<number> }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAccept: text/event-stream\r\n` +
          (sessionId ? `Mcp-Session-Id: ${sessionId}\r\nMcp-Protocol-Version: 2025-11-25\r\n` : '') +
          '\r\n',
      );
      // Read the response head, then stop reading altogether.
      socket.once('data', () => {
        socket.pause();
        resolve({
          socket,
          // Reads whatever is left until the proxy ends the stream; returns the byte count.
          drain: () =>
            new Promise((done) => {
              let bytes = 0;
              socket.on('data', (c: Buffer) => {
                bytes += c.length;
              });
              socket.once('close', () => done(bytes));
              socket.resume();
            }),
        });
      });
    });
    socket.once('error', reject);
  });
}

async function session(url: string): Promise<Record<string, string>> {
  const init = await post(url, INIT);
  const h = { 'mcp-session-id': init.headers.get('mcp-session-id')!, 'mcp-protocol-version': '2025-11-25' };
  await post(url, { jsonrpc: '2.0', method: 'notifications/initialized' }, h);
  return h;
}

describe('a client that stops reading its GET stream', () => {
  it('is cut off past the unread limit while other sessions keep being served (message backend)', async () => {
    const LIMIT = 256 * 1024;
    const p = await startStdioProxy({ command: [process.execPath, SERVER], maxStreamBufferBytes: LIMIT });
    cleanups.push(() => p.close());
    const port = Number(new URL(p.url).port);
    const slow = await session(p.url);
    await post(
      p.url,
      { jsonrpc: '2.0', id: 2, method: 'resources/subscribe', params: { uri: 'test://counter' } },
      slow,
    );
    const stalled = await stalledGet(port, slow['mcp-session-id']!);
    const other = await session(p.url);

    // 40 MiB of notifications for the stalled client, far beyond what loopback sockets absorb.
    const PAD = 64 * 1024;
    const BATCHES = 20;
    const PER_BATCH = 32;
    let id = 10;
    for (let b = 0; b < BATCHES; b++) {
      const flood = await post(
        p.url,
        {
          jsonrpc: '2.0',
          id: id++,
          method: 'tools/call',
          params: { name: 'announce', arguments: { from: b * PER_BATCH, count: PER_BATCH, pad: PAD } },
        },
        other,
      );
      expect(flood.status).toBe(200);
      // Everyone else is answered promptly throughout.
      const ping = await post(p.url, { jsonrpc: '2.0', id: id++, method: 'tools/list' }, other);
      expect(ping.status).toBe(200);
      expect(ping.json()).toMatchObject({ result: { tools: [{ name: 'announce' }] } });
    }
    const flooded = BATCHES * PER_BATCH * PAD;
    // The stalled stream was ended by the proxy: reading now yields only what was in flight
    // (kernel socket buffers plus at most the unread limit), then the end.
    const received = await stalled.drain();
    expect(received).toBeLessThan(flooded / 2);
  });

  for (const transport of ['streamable-http', 'sse'] as const) {
    it(`stops reading from a ${transport} backend instead of buffering, and forwards other requests`, async () => {
      let blocked = false;
      let drained = 0;
      let written = 0;
      let lastDrainAt = Date.now();
      let streamRes: ServerResponse | undefined;
      const backend = createServer((req, res) => {
        if (req.method === 'GET') {
          streamRes = res;
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          if (transport === 'sse') res.write('event: endpoint\ndata: /messages?sessionId=flood-1\n\n');
          const frame = `event: message\ndata: ${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/message', params: { data: 'x'.repeat(16 * 1024) } })}\n\n`;
          const pump = () => {
            while (!res.destroyed) {
              written += frame.length;
              if (!res.write(frame)) {
                blocked = true;
                res.once('drain', () => {
                  blocked = false;
                  drained++;
                  lastDrainAt = Date.now();
                  pump();
                });
                return;
              }
            }
          };
          pump();
          return;
        }
        let body = '';
        req.on('data', (c) => (body += c));
        req.on('end', () => {
          const msg = JSON.parse(body) as { id?: number; method: string };
          if (msg.id === undefined || transport === 'sse') {
            res.writeHead(202).end('Accepted');
            return;
          }
          const result =
            msg.method === 'initialize'
              ? { protocolVersion: '2025-11-25', capabilities: {}, serverInfo: { name: 'b', version: '1' } }
              : { tools: [] };
          res.writeHead(200, { 'content-type': 'application/json', 'mcp-session-id': crypto.randomUUID() });
          res.end(JSON.stringify({ jsonrpc: '2.0', id: msg.id, result }));
        });
      });
      await new Promise<void>((r) => backend.listen(0, '127.0.0.1', r));
      cleanups.push(async () => {
        streamRes?.destroy();
        backend.closeAllConnections();
        await new Promise<void>((r) => backend.close(() => r()));
      });
      const path = transport === 'sse' ? '/sse' : '/mcp';
      const target = `http://127.0.0.1:${(backend.address() as { port: number }).port}${path}`;
      const proxy = createProxy({
        backend: {
          kind: 'http',
          forwarder: new HttpBackendForwarder({ target: new FixedTarget(target, false), transport }),
          transport,
        },
      });
      const port = (await proxy.listen(0)).port;
      cleanups.push(() => proxy.shutdown(500).then(() => undefined));
      const url = `http://127.0.0.1:${port}/mcp`;
      const slow = transport === 'sse' ? undefined : await session(url);
      const stalled = await stalledGet(port, slow?.['mcp-session-id'], path);

      // The backend's writes back up for good once the socket buffers between it, the proxy and
      // the client are full: the proxy stopped reading from it rather than buffering in memory.
      await waitFor(() => blocked && Date.now() - lastDrainAt > 500, 30_000);
      expect(written).toBeLessThan(256 * 1024 * 1024);
      const drainsWhileBlocked = drained;
      for (let i = 0; i < 5; i++) {
        const res =
          transport === 'sse'
            ? await post(`http://127.0.0.1:${port}/messages?sessionId=flood-1`, {
                jsonrpc: '2.0',
                method: 'notifications/initialized',
              })
            : await post(url, { jsonrpc: '2.0', id: 10 + i, method: 'tools/list' }, await session(url));
        expect(res.status).toBeLessThan(300);
      }
      expect(blocked).toBe(true);

      // Once the client reads again, data flows again.
      stalled.socket.on('data', () => {});
      stalled.socket.resume();
      await waitFor(() => drained > drainsWhileBlocked);
      stalled.socket.destroy();
    });
  }
});
