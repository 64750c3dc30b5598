/**
 * A session's standalone stream (GET /mcp) that a client can resume (reference/mcp-protocol.md
 * §1.4): every event carries an id `<stream>.<seq>`, unique within the session, and recent
 * events are kept so that a client reconnecting with `GET` + `Last-Event-ID` gets what it missed,
 * and only what belongs to this stream.
 *
 * The logical stream outlives its HTTP connection for a short resume window: events that arrive
 * while the client is reconnecting are kept for it. When the window passes without a reconnect
 * the stream ends for good. Memory is bounded three ways: events per stream, bytes per stream,
 * and bytes across all streams of the process (past that, new events still go out live but are
 * not kept for replay).
 */
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { JsonRpcMessage } from '../protocol/jsonrpc.ts';
import { SSE_HEADERS, SSE_KEEPALIVE } from '../protocol/sse.ts';
import type { SessionChannel } from '../upstream/types.ts';

export interface ReplayLimits {
  /** Most events kept per stream. */
  readonly maxEvents: number;
  /** Most bytes of events kept per stream. */
  readonly maxBytes: number;
  /** Most bytes of events kept across every stream of the process. */
  readonly maxTotalBytes: number;
  /** How long a stream whose connection dropped waits for the client to resume it. */
  readonly resumeWindowMs: number;
  /** The `retry:` hint sent to clients: how soon to reconnect, in ms. */
  readonly retryMs: number;
}

export const DEFAULT_REPLAY_LIMITS: ReplayLimits = {
  maxEvents: 256,
  maxBytes: 256 * 1024,
  maxTotalBytes: 32 * 1024 * 1024,
  resumeWindowMs: 30_000,
  retryMs: 1_000,
};

/** Bytes held for replay by all streams together, against `maxTotalBytes`. */
export class ReplayBudget {
  private used = 0;
  readonly max: number;
  constructor(max: number) {
    this.max = max;
  }
  get bytes(): number {
    return this.used;
  }
  /** Takes `n` bytes if there is room. */
  take(n: number): boolean {
    if (this.used + n > this.max) return false;
    this.used += n;
    return true;
  }
  give(n: number): void {
    this.used -= n;
  }
}

interface Kept {
  readonly seq: number;
  readonly frame: string;
}

export interface ResumableStreamOptions {
  readonly limits: ReplayLimits;
  readonly budget: ReplayBudget;
  readonly keepAliveMs: number;
  /** Unread bytes past which a connection is cut (the client resumes from its last event). */
  readonly maxUnreadBytes: number;
  /** Called once when the stream ends for good (not when a connection merely drops). */
  readonly onEnd: () => void;
}

/** `<stream>.<seq>` → its parts, or undefined for an id this proxy did not make. */
export function parseEventId(id: string): { stream: string; seq: number } | undefined {
  const m = /^([0-9a-f]{16})\.(\d{1,15})$/.exec(id);
  return m ? { stream: m[1]!, seq: Number(m[2]) } : undefined;
}

export class ResumableStream {
  readonly id = randomBytes(8).toString('hex');
  /** The channel the message handler pushes to, stable across reconnections. */
  readonly channel: SessionChannel;
  private readonly o: ResumableStreamOptions;
  private readonly kept: Kept[] = [];
  private keptBytes = 0;
  private seq = 0;
  private res: ServerResponse | undefined;
  private keepAlive: NodeJS.Timeout | undefined;
  private window: NodeJS.Timeout | undefined;
  private ended = false;

  constructor(o: ResumableStreamOptions) {
    this.o = o;
    this.channel = { push: (msg) => this.push(msg) };
  }

  get connected(): boolean {
    return this.res !== undefined;
  }

  /** Events currently kept for replay (for tests and diagnostics). */
  get keptEvents(): number {
    return this.kept.length;
  }

  /**
   * Serves the stream on `res`: a priming event (id and `retry`, no data) so the client can
   * resume from the start, then whatever was kept after `afterSeq` (a resume), then live events.
   * A connection still open is replaced.
   */
  connect(res: ServerResponse, afterSeq?: number): void {
    if (this.ended) throw new Error('stream has ended');
    this.detachConnection(true);
    clearTimeout(this.window);
    this.window = undefined;
    this.res = res;
    res.writeHead(200, SSE_HEADERS);
    // On a resume the priming id is where the client stands, so that dropping again before the
    // replay arrives loses nothing.
    res.write(`id: ${this.id}.${afterSeq ?? this.seq}\nretry: ${this.o.limits.retryMs}\ndata: \n\n`);
    if (afterSeq !== undefined) for (const k of this.kept) if (k.seq > afterSeq) res.write(k.frame);
    this.keepAlive = setInterval(() => {
      if (!res.destroyed) res.write(SSE_KEEPALIVE);
    }, this.o.keepAliveMs);
    res.once('close', () => {
      if (this.res !== res) return;
      this.detachConnection(false);
      // Keep the stream (and what arrives meanwhile) for a client that comes back.
      this.window = setTimeout(() => this.end(), this.o.limits.resumeWindowMs);
      this.window.unref();
    });
  }

  /** Whether `seq` can be resumed from: it was sent on this stream. */
  canResume(seq: number): boolean {
    return !this.ended && seq <= this.seq;
  }

  private push(msg: JsonRpcMessage): void {
    if (this.ended) return;
    const seq = ++this.seq;
    const frame = `event: message\nid: ${this.id}.${seq}\ndata: ${JSON.stringify(msg)}\n\n`;
    this.keep(seq, frame);
    const res = this.res;
    if (!res || res.destroyed) return;
    if (res.writableLength > this.o.maxUnreadBytes) {
      // A client that does not read is cut off rather than buffered without bound; it can
      // resume from the last event it did read.
      res.destroy();
      return;
    }
    res.write(frame);
  }

  private keep(seq: number, frame: string): void {
    const bytes = frame.length;
    const { maxEvents, maxBytes } = this.o.limits;
    // An event that could never be kept must not flush the history that can.
    if (bytes > maxBytes || bytes > this.o.budget.max) return;
    while (this.kept.length > 0 && (this.kept.length >= maxEvents || this.keptBytes + bytes > maxBytes)) {
      this.dropOldest();
    }
    // Past the process-wide budget, make room from this stream's own history; failing that the
    // event goes out live only.
    while (!this.o.budget.take(bytes)) {
      if (this.kept.length === 0) return;
      this.dropOldest();
    }
    this.kept.push({ seq, frame });
    this.keptBytes += bytes;
  }

  private dropOldest(): void {
    const k = this.kept.shift()!;
    this.keptBytes -= k.frame.length;
    this.o.budget.give(k.frame.length);
  }

  private detachConnection(closeIt: boolean): void {
    clearInterval(this.keepAlive);
    this.keepAlive = undefined;
    const res = this.res;
    this.res = undefined;
    if (closeIt && res && !res.destroyed) res.end();
  }

  /** Ends the stream for good: closes the connection and frees what was kept. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.window);
    this.detachConnection(true);
    while (this.kept.length > 0) this.dropOldest();
    this.o.onEnd();
  }
}
