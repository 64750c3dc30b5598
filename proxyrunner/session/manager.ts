/**
 * Session lifecycle on top of a store: ids, the inactivity TTL, and a capacity. Past the capacity
 * new sessions are refused (the front end answers 503 with Retry-After) instead of the process
 * growing until it is killed. Sessions this replica has seen are tracked locally so that state
 * kept beside them (stdio routing, streams) is dropped when they end or go quiet, whichever
 * store holds them.
 */
import { randomUUID } from 'node:crypto';
import type { SessionRecord, SessionStore, SessionType } from './types.ts';

export const DEFAULT_SESSION_TTL_MS = 2 * 60 * 60 * 1000;
export const DEFAULT_SESSION_CAPACITY = 100_000;

export class SessionStoreUnavailableError extends Error {}

export interface SessionManagerOptions {
  readonly store: SessionStore;
  readonly ttlMs?: number;
  readonly capacity?: number;
}

/** Visible ASCII, bounded: what the spec allows in `Mcp-Session-Id`, and all we store. */
const VALID_ID = /^[\x21-\x7e]{1,256}$/;

export class SessionManager {
  readonly store: SessionStore;
  readonly ttlMs: number;
  readonly capacity: number;
  /** Last time this replica saw each session it knows of. */
  private readonly local = new Map<string, number>();
  private readonly closedListeners: Array<(id: string) => void> = [];
  private readonly reaper: NodeJS.Timeout;

  constructor(opts: SessionManagerOptions) {
    this.store = opts.store;
    this.ttlMs = opts.ttlMs ?? DEFAULT_SESSION_TTL_MS;
    this.capacity = opts.capacity ?? DEFAULT_SESSION_CAPACITY;
    this.store.onExpired = (id) => this.forget(id);
    this.reaper = setInterval(() => this.reap(), Math.min(60_000, Math.max(1_000, this.ttlMs / 2)));
    this.reaper.unref();
  }

  /** Sessions this replica holds state for. */
  get localCount(): number {
    return this.local.size;
  }

  get full(): boolean {
    return this.local.size >= this.capacity;
  }

  onClosed(listener: (id: string) => void): void {
    this.closedListeners.push(listener);
  }

  isValidId(id: string): boolean {
    return VALID_ID.test(id);
  }

  /** A new session, or undefined when this replica is at capacity. */
  async create(
    type: SessionType,
    metadata: Record<string, string> = {},
    id: string = randomUUID(),
  ): Promise<SessionRecord | undefined> {
    if (this.full) return undefined;
    const record: SessionRecord = { id, type, createdAt: Date.now(), metadata };
    let created: boolean;
    try {
      created = await this.store.create(record, this.ttlMs);
    } catch (err) {
      throw new SessionStoreUnavailableError(String(err));
    }
    if (!created) throw new Error(`session id ${id} already exists`);
    this.local.set(id, Date.now());
    return record;
  }

  async get(id: string): Promise<SessionRecord | undefined> {
    if (!VALID_ID.test(id)) return undefined;
    let record: SessionRecord | undefined;
    try {
      record = await this.store.get(id, this.ttlMs);
    } catch (err) {
      throw new SessionStoreUnavailableError(String(err));
    }
    if (record) this.local.set(id, Date.now());
    else if (this.local.has(id)) this.forget(id);
    return record;
  }

  async update(record: SessionRecord): Promise<void> {
    try {
      await this.store.update(record, this.ttlMs);
    } catch (err) {
      throw new SessionStoreUnavailableError(String(err));
    }
  }

  async delete(id: string): Promise<void> {
    try {
      await this.store.delete(id);
    } finally {
      this.forget(id);
    }
  }

  /** Drops local state for sessions not seen here for a TTL (they expired in a shared store). */
  reap(now = Date.now()): void {
    for (const [id, seen] of this.local) if (now - seen > this.ttlMs) this.forget(id);
  }

  private forget(id: string): void {
    if (!this.local.delete(id)) return;
    for (const l of this.closedListeners) l(id);
  }

  async close(): Promise<void> {
    clearInterval(this.reaper);
    await this.store.close();
  }
}
