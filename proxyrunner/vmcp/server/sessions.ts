/**
 * Client sessions of the 2025-11-25 era on this replica: ids minted at `initialize`, dropped after
 * `ttlMs` without use (sliding) or when `capacity` is reached by the least recently used one,
 * and on DELETE. Dropping a session closes its backend sessions through `onClosed`.
 */
import { randomUUID } from 'node:crypto';

export class SessionTable {
  private readonly ttlMs: number;
  private readonly capacity: number;
  /** Insertion order is recency order: a touched id is moved to the end. */
  private readonly lastUsed = new Map<string, number>();
  private readonly onClosed: (id: string) => void;
  private sweeper: NodeJS.Timeout | undefined;

  constructor(opts: { ttlMs: number; capacity: number; onClosed: (id: string) => void }) {
    this.ttlMs = opts.ttlMs;
    this.capacity = opts.capacity;
    this.onClosed = opts.onClosed;
    this.sweeper = setInterval(() => this.sweep(), Math.min(60_000, Math.max(1000, this.ttlMs / 4)));
    this.sweeper.unref();
  }

  get size(): number {
    return this.lastUsed.size;
  }

  create(): string {
    if (this.lastUsed.size >= this.capacity) {
      // Evict the least recently used session rather than refuse the newcomer.
      const oldest = this.lastUsed.keys().next().value;
      if (oldest !== undefined) this.delete(oldest);
    }
    const id = randomUUID();
    this.lastUsed.set(id, Date.now());
    return id;
  }

  /** Whether the session exists; refreshes its clock. */
  touch(id: string): boolean {
    const t = this.lastUsed.get(id);
    if (t === undefined) return false;
    if (Date.now() - t > this.ttlMs) {
      this.delete(id);
      return false;
    }
    this.lastUsed.delete(id);
    this.lastUsed.set(id, Date.now());
    return true;
  }

  delete(id: string): void {
    if (this.lastUsed.delete(id)) this.onClosed(id);
  }

  sweep(): void {
    const now = Date.now();
    for (const [id, t] of this.lastUsed) {
      if (now - t <= this.ttlMs) break; // the rest were used more recently
      this.delete(id);
    }
  }

  close(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = undefined;
    for (const id of [...this.lastUsed.keys()]) this.delete(id);
  }
}
