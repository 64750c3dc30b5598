/**
 * A small Redis client (RESP2 over one TCP connection, pipelined) for the session store and
 * anything else in the proxy that needs Redis. It does only what the proxy needs: commands as
 * argument arrays, AUTH and SELECT on every (re)connect, a per-command timeout, and reconnect
 * with backoff. Commands issued while disconnected fail fast instead of queueing without bound.
 */
import { createConnection, type Socket } from 'node:net';

export type RespValue = string | number | null | RespValue[] | Buffer;

export class RedisError extends Error {}

export interface RedisOptions {
  /** `host:port`. */
  readonly address: string;
  readonly password?: string;
  readonly db?: number;
  /** Per-command timeout; ToolHive uses 3 s reads and writes. */
  readonly commandTimeoutMs?: number;
  readonly connectTimeoutMs?: number;
}

interface Waiter {
  resolve(v: RespValue): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout | undefined;
}

const CRLF = '\r\n';

function encode(args: readonly (string | number | Buffer)[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length}${CRLF}`)];
  for (const a of args) {
    const b = Buffer.isBuffer(a) ? a : Buffer.from(String(a));
    parts.push(Buffer.from(`$${b.length}${CRLF}`), b, Buffer.from(CRLF));
  }
  return Buffer.concat(parts);
}

/** Parses one reply from `buf` at `pos`; undefined when more bytes are needed. */
function parseReply(buf: Buffer, pos: number): { value: RespValue | RedisError; next: number } | undefined {
  if (pos >= buf.length) return undefined;
  const end = buf.indexOf(CRLF, pos);
  if (end === -1) return undefined;
  const type = buf[pos];
  const line = buf.toString('utf8', pos + 1, end);
  switch (type) {
    case 0x2b: // +
      return { value: line, next: end + 2 };
    case 0x2d: // -
      return { value: new RedisError(line), next: end + 2 };
    case 0x3a: // :
      return { value: Number(line), next: end + 2 };
    case 0x24: {
      // $
      const len = Number(line);
      if (len === -1) return { value: null, next: end + 2 };
      const start = end + 2;
      if (buf.length < start + len + 2) return undefined;
      return { value: buf.toString('utf8', start, start + len), next: start + len + 2 };
    }
    case 0x2a: {
      // *
      const count = Number(line);
      if (count === -1) return { value: null, next: end + 2 };
      const items: RespValue[] = [];
      let next = end + 2;
      for (let i = 0; i < count; i++) {
        const item = parseReply(buf, next);
        if (!item) return undefined;
        if (item.value instanceof RedisError) return { value: item.value, next: item.next };
        items.push(item.value);
        next = item.next;
      }
      return { value: items, next };
    }
    default:
      return {
        value: new RedisError(`unexpected reply type ${String.fromCharCode(type ?? 0)}`),
        next: buf.length,
      };
  }
}

export class RedisClient {
  private readonly opts: RedisOptions;
  private socket: Socket | undefined;
  private ready: Promise<void> | undefined;
  private readonly waiters: Waiter[] = [];
  private buffer: Buffer = Buffer.alloc(0);
  private closed = false;

  constructor(opts: RedisOptions) {
    this.opts = opts;
  }

  /** Sends one command; resolves with its reply, rejects on a Redis error or timeout. */
  async command(...args: (string | number | Buffer)[]): Promise<RespValue> {
    if (this.closed) throw new RedisError('redis client is closed');
    await this.connect();
    return this.send(args);
  }

  private send(args: readonly (string | number | Buffer)[]): Promise<RespValue> {
    const socket = this.socket;
    if (!socket || socket.destroyed) return Promise.reject(new RedisError('redis connection lost'));
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, timer: undefined };
      const timeout = this.opts.commandTimeoutMs ?? 3_000;
      waiter.timer = setTimeout(() => {
        // A reply that never came leaves the pipeline out of step: start over.
        reject(new RedisError(`redis command ${String(args[0])} timed out after ${timeout} ms`));
        waiter.reject = () => {};
        waiter.resolve = () => {};
        this.reset(new RedisError('redis command timed out'));
      }, timeout);
      this.waiters.push(waiter);
      socket.write(encode(args));
    });
  }

  private connect(): Promise<void> {
    if (this.socket && !this.socket.destroyed && this.ready) return this.ready;
    const [host, portText] = splitAddress(this.opts.address);
    const socket = createConnection({ host, port: Number(portText) });
    socket.setNoDelay(true);
    this.socket = socket;
    this.buffer = Buffer.alloc(0);
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.destroy(new RedisError(`cannot connect to redis at ${this.opts.address}: timeout`));
      }, this.opts.connectTimeoutMs ?? 5_000);
      socket.once('connect', () => {
        clearTimeout(timer);
        const setup: Promise<RespValue>[] = [];
        if (this.opts.password) setup.push(this.send(['AUTH', this.opts.password]));
        if (this.opts.db) setup.push(this.send(['SELECT', this.opts.db]));
        Promise.all(setup).then(() => resolve(), reject);
      });
      socket.once('error', (err) => {
        clearTimeout(timer);
        reject(new RedisError(`redis at ${this.opts.address}: ${err.message}`));
      });
    });
    // Failure must not stay cached: the next command reconnects.
    ready.catch(() => {
      if (this.socket === socket) this.ready = undefined;
    });
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('close', () => {
      if (this.socket === socket) {
        this.socket = undefined;
        this.ready = undefined;
      }
      this.failAll(new RedisError('redis connection closed'));
    });
    socket.on('error', () => {});
    this.ready = ready;
    return ready;
  }

  private onData(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    let pos = 0;
    for (;;) {
      const reply = parseReply(this.buffer, pos);
      if (!reply) break;
      pos = reply.next;
      const waiter = this.waiters.shift();
      if (!waiter) continue;
      clearTimeout(waiter.timer);
      if (reply.value instanceof RedisError) waiter.reject(reply.value);
      else waiter.resolve(reply.value);
    }
    this.buffer = pos >= this.buffer.length ? Buffer.alloc(0) : this.buffer.subarray(pos);
  }

  private failAll(err: Error): void {
    for (const w of this.waiters.splice(0)) {
      clearTimeout(w.timer);
      w.reject(err);
    }
  }

  private reset(err: Error): void {
    this.failAll(err);
    this.socket?.destroy();
    this.socket = undefined;
    this.ready = undefined;
  }

  async close(): Promise<void> {
    this.closed = true;
    const socket = this.socket;
    this.reset(new RedisError('redis client is closed'));
    if (socket && !socket.closed) await new Promise<void>((r) => socket.once('close', () => r()));
  }
}

function splitAddress(address: string): [string, string] {
  const withoutScheme = address.replace(/^redis:\/\//, '');
  const i = withoutScheme.lastIndexOf(':');
  if (i === -1) return [withoutScheme, '6379'];
  return [withoutScheme.slice(0, i).replace(/^\[|\]$/g, ''), withoutScheme.slice(i + 1)];
}
