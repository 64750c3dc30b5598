/** Sessions in this process's memory: the default for a single replica. */
import type { SessionRecord, SessionStore } from './types.ts';

interface Entry {
  record: SessionRecord;
  expiresAt: number;
}

export class MemorySessionStore implements SessionStore {
  private readonly entries = new Map<string, Entry>();
  private readonly sweeper: NodeJS.Timeout;
  onExpired?: (id: string) => void;

  constructor(sweepIntervalMs = 30_000) {
    this.sweeper = setInterval(() => this.sweep(), sweepIntervalMs);
    this.sweeper.unref();
  }

  get size(): number {
    return this.entries.size;
  }

  async create(record: SessionRecord, ttlMs: number): Promise<boolean> {
    if (this.entries.has(record.id)) return false;
    this.entries.set(record.id, { record, expiresAt: Date.now() + ttlMs });
    return true;
  }

  async get(id: string, ttlMs: number): Promise<SessionRecord | undefined> {
    const e = this.entries.get(id);
    if (!e) return undefined;
    const now = Date.now();
    if (e.expiresAt <= now) {
      this.expire(id);
      return undefined;
    }
    e.expiresAt = now + ttlMs;
    return e.record;
  }

  async update(record: SessionRecord, ttlMs: number): Promise<void> {
    const e = this.entries.get(record.id);
    if (!e) return;
    e.record = record;
    e.expiresAt = Date.now() + ttlMs;
  }

  async delete(id: string): Promise<void> {
    this.entries.delete(id);
  }

  sweep(now = Date.now()): void {
    for (const [id, e] of this.entries) if (e.expiresAt <= now) this.expire(id);
  }

  private expire(id: string): void {
    this.entries.delete(id);
    this.onExpired?.(id);
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    this.entries.clear();
  }
}
