/**
 * Sessions in Redis, in ToolHive's format so a mixed fleet could share them: key
 * `<prefix><id>`, value `{"id","type","created_at","updated_at","data","metadata"}`, written with
 * `SET … EX` and read with `GETEX … EX` (the sliding window); Redis expires them.
 */
import { Redis } from 'ioredis';
import type { SessionRecord, SessionStore, SessionType } from './types.ts';

export const DEFAULT_KEY_PREFIX = 'thv:proxy:session:';

export interface RedisSessionStoreOptions {
  readonly address: string;
  readonly password?: string;
  readonly db?: number;
  readonly keyPrefix?: string;
}

interface Stored {
  id: string;
  type: SessionType;
  created_at: string;
  updated_at: string;
  data: unknown;
  metadata: Record<string, string>;
}

function ttlSeconds(ttlMs: number): number {
  return Math.max(1, Math.ceil(ttlMs / 1000));
}

export class RedisSessionStore implements SessionStore {
  private readonly client: Redis;
  private readonly prefix: string;

  constructor(opts: RedisSessionStoreOptions) {
    const prefix = opts.keyPrefix ?? DEFAULT_KEY_PREFIX;
    if (!prefix.endsWith(':')) throw new Error(`session key prefix must end with ":" (got "${prefix}")`);
    this.prefix = prefix;
    const [host, port] = splitAddress(opts.address);
    this.client = new Redis({
      host,
      port,
      db: opts.db ?? 0,
      ...(opts.password ? { password: opts.password } : {}),
      // ToolHive's timeouts (dial 5 s, read/write 3 s). Commands issued while (re)connecting
      // wait at most the command timeout, then the request gets "session store unavailable".
      connectTimeout: 5_000,
      commandTimeout: 3_000,
      maxRetriesPerRequest: 1,
      retryStrategy: (times: number) => Math.min(times * 200, 2_000),
    });
    // Failures surface on the commands that hit them; the connection retries on its own.
    this.client.on('error', () => undefined);
  }

  private encode(record: SessionRecord): string {
    const now = new Date().toISOString();
    const stored: Stored = {
      id: record.id,
      type: record.type,
      created_at: new Date(record.createdAt).toISOString(),
      updated_at: now,
      data: null,
      metadata: { ...record.metadata },
    };
    return JSON.stringify(stored);
  }

  private decode(text: string): SessionRecord | undefined {
    try {
      const s = JSON.parse(text) as Stored;
      return {
        id: s.id,
        type: s.type,
        createdAt: Date.parse(s.created_at) || Date.now(),
        metadata: s.metadata ?? {},
      };
    } catch {
      return undefined;
    }
  }

  async create(record: SessionRecord, ttlMs: number): Promise<boolean> {
    const reply = await this.client.set(
      this.prefix + record.id,
      this.encode(record),
      'EX',
      ttlSeconds(ttlMs),
      'NX',
    );
    return reply === 'OK';
  }

  async get(id: string, ttlMs: number): Promise<SessionRecord | undefined> {
    const reply = await this.client.getex(this.prefix + id, 'EX', ttlSeconds(ttlMs));
    return typeof reply === 'string' ? this.decode(reply) : undefined;
  }

  async update(record: SessionRecord, ttlMs: number): Promise<void> {
    await this.client.set(this.prefix + record.id, this.encode(record), 'EX', ttlSeconds(ttlMs), 'XX');
  }

  async delete(id: string): Promise<void> {
    await this.client.del(this.prefix + id);
  }

  async close(): Promise<void> {
    this.client.disconnect();
  }
}

/** `host:port` (or `redis://host:port`, `[v6]:port`); the port defaults to 6379. */
function splitAddress(address: string): [string, number] {
  const bare = address.replace(/^redis:\/\//, '');
  const i = bare.lastIndexOf(':');
  if (i === -1 || bare.endsWith(']')) return [bare.replace(/^\[|\]$/g, ''), 6379];
  return [bare.slice(0, i).replace(/^\[|\]$/g, ''), Number(bare.slice(i + 1))];
}
