/**
 * Sessions in Redis, in ToolHive's format so a mixed fleet could share them: key
 * `<prefix><id>`, value `{"id","type","created_at","updated_at","data","metadata"}`, written with
 * `SET … EX` and read with `GETEX … EX` (the sliding window); Redis expires them.
 */
import { RedisClient } from '../redis/client.ts';
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
  private readonly client: RedisClient;
  private readonly prefix: string;

  constructor(opts: RedisSessionStoreOptions) {
    const prefix = opts.keyPrefix ?? DEFAULT_KEY_PREFIX;
    if (!prefix.endsWith(':')) throw new Error(`session key prefix must end with ":" (got "${prefix}")`);
    this.prefix = prefix;
    const clientOpts: { address: string; password?: string; db?: number } = { address: opts.address };
    if (opts.password) clientOpts.password = opts.password;
    if (opts.db) clientOpts.db = opts.db;
    this.client = new RedisClient(clientOpts);
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
    const reply = await this.client.command(
      'SET',
      this.prefix + record.id,
      this.encode(record),
      'EX',
      ttlSeconds(ttlMs),
      'NX',
    );
    return reply === 'OK';
  }

  async get(id: string, ttlMs: number): Promise<SessionRecord | undefined> {
    const reply = await this.client.command('GETEX', this.prefix + id, 'EX', ttlSeconds(ttlMs));
    return typeof reply === 'string' ? this.decode(reply) : undefined;
  }

  async update(record: SessionRecord, ttlMs: number): Promise<void> {
    await this.client.command(
      'SET',
      this.prefix + record.id,
      this.encode(record),
      'EX',
      ttlSeconds(ttlMs),
      'XX',
    );
  }

  async delete(id: string): Promise<void> {
    await this.client.command('DEL', this.prefix + id);
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
