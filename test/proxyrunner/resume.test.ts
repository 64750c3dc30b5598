/**
 * Resumable GET streams (reference/mcp-protocol.md §1.4): events carry ids, a client that
 * reconnects with `Last-Event-ID` gets what it missed (and only that), the kept history is
 * bounded per stream and per process, and a stream not resumed within its window is gone. Also
 * the SDK client, which resumes on its own after its connection is cut.
 */

import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { ResourceUpdatedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReplayLimits } from '../../proxyrunner/frontend/resumable-stream.ts';
import { connectClient, post, type StdioProxy, startStdioProxy, waitFor } from './helpers.ts';

const SERVER = join(import.meta.dirname, 'fixtures', 'notify-server.ts');
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function start(replay: Partial<ReplayLimits> = {}): Promise<StdioProxy> {
  const p = await startStdioProxy({ command: [process.execPath, SERVER], replay });
  cleanups.push(() => p.close());
  return p;
}

interface Event {
  id?: string;
  data: string;
}

/** A raw GET stream, read event by event. */
class Stream {
  private readonly ctl = new AbortController();
  private buffer = '';
  private readonly events: Event[] = [];
  private waiting: (() => void) | undefined;
  status = 0;

  static async open(url: string, headers: Record<string, string>): Promise<Stream> {
    const s = new Stream();
    const res = await fetch(url, {
      headers: { accept: 'text/event-stream', ...headers },
      signal: s.ctl.signal,
    });
    s.status = res.status;
    void s.read(res.body!);
    return s;
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of body) {
        this.buffer += decoder.decode(chunk, { stream: true });
        for (let i = this.buffer.indexOf('\n\n'); i !== -1; i = this.buffer.indexOf('\n\n')) {
          const block = this.buffer.slice(0, i);
          this.buffer = this.buffer.slice(i + 2);
          if (block.startsWith(':')) continue;
          const e: Event = { data: '' };
          for (const line of block.split('\n')) {
            if (line.startsWith('id: ')) e.id = line.slice(4);
            if (line.startsWith('data: ')) e.data += line.slice(6);
          }
          this.events.push(e);
          this.waiting?.();
        }
      }
    } catch {
      // aborted
    }
  }

  /** The next `n` events. */
  async take(n: number): Promise<Event[]> {
    while (this.events.length < n) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`only ${this.events.length} of ${n} events`)),
          15_000,
        );
        this.waiting = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return this.events.splice(0, n);
  }

  get pending(): number {
    return this.events.length;
  }

  close(): void {
    this.ctl.abort();
  }
}

async function session(url: string): Promise<Record<string, string>> {
  const init = await post(url, {
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 't', version: '1' } },
  });
  const headers = {
    'mcp-session-id': init.headers.get('mcp-session-id')!,
    'mcp-protocol-version': '2025-11-25',
  };
  await post(url, { jsonrpc: '2.0', method: 'notifications/initialized' }, headers);
  await post(
    url,
    { jsonrpc: '2.0', id: 2, method: 'resources/subscribe', params: { uri: 'test://counter' } },
    headers,
  );
  return headers;
}

let nextId = 100;
async function announce(url: string, headers: Record<string, string>, from: number, count: number, pad = 0) {
  const res = await post(
    url,
    {
      jsonrpc: '2.0',
      id: nextId++,
      method: 'tools/call',
      params: { name: 'announce', arguments: { from, count, pad } },
    },
    headers,
  );
  expect(res.status).toBe(200);
}

const titles = (events: Event[]) =>
  events.map((e) => (JSON.parse(e.data) as { params: { _meta: { title: string } } }).params._meta.title);

describe('resumable GET streams', () => {
  it('replays what a reconnecting client missed, then goes on live', async () => {
    const p = await start();
    const headers = await session(p.url);
    const first = await Stream.open(p.url, headers);
    expect(first.status).toBe(200);
    const [priming] = await first.take(1);
    expect(priming!.data).toBe('');
    expect(priming!.id).toMatch(/^[0-9a-f]{16}\.0$/);

    await announce(p.url, headers, 1, 2);
    const live = await first.take(2);
    expect(titles(live)).toEqual(['n1', 'n2']);
    const streamId = priming!.id!.split('.')[0];
    expect(live.map((e) => e.id)).toEqual([`${streamId}.1`, `${streamId}.2`]);
    first.close();

    // Missed while disconnected.
    await announce(p.url, headers, 3, 3);
    const resumed = await Stream.open(p.url, { ...headers, 'last-event-id': live[1]!.id! });
    const [again, ...replayed] = await resumed.take(4);
    expect(again!.id).toBe(`${streamId}.2`);
    expect(titles(replayed)).toEqual(['n3', 'n4', 'n5']);
    await announce(p.url, headers, 6, 1);
    const [six] = await resumed.take(1);
    expect(six!.id).toBe(`${streamId}.6`);
    expect(titles([six!])).toEqual(['n6']);

    // Resuming from an earlier event replays from there, and never another stream's events.
    resumed.close();
    const older = await Stream.open(p.url, { ...headers, 'last-event-id': `${streamId}.4` });
    expect(titles((await older.take(3)).slice(1))).toEqual(['n5', 'n6']);
    older.close();

    // An id the proxy did not issue starts a new stream with nothing replayed.
    const fresh = await Stream.open(p.url, { ...headers, 'last-event-id': 'somewhere-else-7' });
    const [newPriming] = await fresh.take(1);
    expect(newPriming!.id).not.toContain(streamId);
    expect(newPriming!.id).toMatch(/\.0$/);
    await new Promise((r) => setTimeout(r, 100));
    expect(fresh.pending).toBe(0);
    fresh.close();
  });

  it('keeps a bounded history per stream and per process', async () => {
    const p = await start({ maxEvents: 3 });
    const headers = await session(p.url);
    const s = await Stream.open(p.url, headers);
    const [priming] = await s.take(1);
    s.close();
    await announce(p.url, headers, 1, 10);
    const resumed = await Stream.open(p.url, { ...headers, 'last-event-id': priming!.id! });
    expect(titles((await resumed.take(4)).slice(1))).toEqual(['n8', 'n9', 'n10']);
    resumed.close();

    // A process-wide budget of about three small events: larger history is not kept at all.
    const q = await start({ maxTotalBytes: 500 });
    const h2 = await session(q.url);
    const t = await Stream.open(q.url, h2);
    const [p2] = await t.take(1);
    t.close();
    await announce(q.url, h2, 1, 10);
    await announce(q.url, h2, 11, 1, 1000); // larger than the whole budget: live only
    const r2 = await Stream.open(q.url, { ...h2, 'last-event-id': p2!.id! });
    const replayed = titles((await r2.take(4)).slice(1));
    expect(replayed).toEqual(['n8', 'n9', 'n10']);
    await new Promise((r) => setTimeout(r, 100));
    expect(r2.pending).toBe(0);
    r2.close();
  });

  it('forgets a stream not resumed within its window', async () => {
    const p = await start({ resumeWindowMs: 100 });
    const headers = await session(p.url);
    const s = await Stream.open(p.url, headers);
    const [priming] = await s.take(1);
    s.close();
    await announce(p.url, headers, 1, 1);
    await new Promise((r) => setTimeout(r, 500));
    const late = await Stream.open(p.url, { ...headers, 'last-event-id': priming!.id! });
    const [fresh] = await late.take(1);
    expect(fresh!.id).not.toBe(priming!.id);
    await new Promise((r) => setTimeout(r, 100));
    expect(late.pending).toBe(0);
    late.close();
  });
});

/** A TCP relay in front of the proxy whose connections can be cut, as a network drop would. */
async function relay(port: number): Promise<{ port: number; cut(): void; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = createConnection({ host: '127.0.0.1', port });
    sockets.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as { port: number }).port,
    cut: () => {
      for (const s of sockets) s.destroy();
      sockets.clear();
    },
    close: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

describe('the SDK client resumes on its own', () => {
  it('gets every notification once, in order, across a dropped connection', async () => {
    const p = await start();
    const r = await relay(Number(new URL(p.url).port));
    cleanups.push(() => r.close());
    const client = await connectClient(`http://127.0.0.1:${r.port}/mcp`);
    cleanups.push(() => client.close());
    const seen: string[] = [];
    client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => {
      seen.push(String(n.params._meta?.title));
    });
    await client.subscribeResource({ uri: 'test://counter' });
    // The SDK opens its GET stream in the background once initialized.
    const other = await session(p.url);
    // Warm-up: announce until the SDK's stream delivers ("n0" may then arrive more than once).
    await waitFor(async () => {
      await announce(p.url, other, 0, 1);
      return seen.length > 0;
    });
    const counted = () => seen.filter((t) => t !== 'n0');
    await announce(p.url, other, 1, 2);
    await waitFor(() => counted().length === 2);
    r.cut();
    await announce(p.url, other, 3, 3);
    await waitFor(() => counted().length >= 5);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(counted()).toEqual(['n1', 'n2', 'n3', 'n4', 'n5']);
  });
});
