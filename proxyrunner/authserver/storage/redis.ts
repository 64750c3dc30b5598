/**
 * Redis storage, shared by every replica of a proxy (or vMCP) so any of them can finish a login,
 * redeem a code, rotate a refresh token or inject an upstream token. Values are JSON; each
 * operation that must happen once (redeeming a code, rotating a refresh token, taking a pending
 * login) is a single command or Lua script, so two replicas racing cannot both win.
 */
import type { RedisKeys } from './keys.ts';
import {
  type AuthCodeRecord,
  type AuthServerStorage,
  type ClientRecord,
  type CodeRedemption,
  type PendingAuthorization,
  type ProviderIdentity,
  type RefreshRotation,
  type RefreshTokenRecord,
  StorageError,
  type UpstreamTokens,
  type UserRecord,
  upstreamTokensRetainUntil,
} from './types.ts';

/** The one method the storage needs from a client (ioredis `Redis` and `Cluster` both have it). */
export interface RedisCommander {
  call(command: string, ...args: Array<string | number>): Promise<unknown>;
}

const REDEEM_CODE = `
local v = redis.call('GET', KEYS[1])
if not v then return false end
if redis.call('EXISTS', KEYS[2]) == 1 then return {'replayed', v} end
redis.call('SET', KEYS[2], '1', 'PX', ARGV[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl >= 0 and ttl < tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {'ok', v}`;

const CREATE_REFRESH = `
redis.call('HSET', KEYS[1], 'data', ARGV[1], 'active', '1')
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('SADD', KEYS[2], ARGV[3])
local t = redis.call('PTTL', KEYS[2])
if t < tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[2], ARGV[2]) end
return 1`;

const ROTATE_REFRESH = `
local v = redis.call('HGET', KEYS[1], 'data')
if not v then return false end
if redis.call('HGET', KEYS[1], 'active') == '1' then
  redis.call('HSET', KEYS[1], 'active', '0')
  return {'ok', v}
end
return {'reused', v}`;

const REVOKE_FAMILY = `
local members = redis.call('SMEMBERS', KEYS[1])
for _, sig in ipairs(members) do
  local k = ARGV[1] .. sig
  if redis.call('EXISTS', k) == 1 then redis.call('HSET', k, 'active', '0') end
end
return #members`;

/**
 * Writes one upstream row and keeps the session index and the user's reverse index pointing at
 * it. The indexes must outlive every row they name, so their expiry only ever moves later.
 * ARGV: row JSON, ttl ms, user id, user index prefix.
 */
const STORE_UPSTREAM = `
local oldUser = ''
local existing = redis.call('GET', KEYS[1])
if existing then
  local ok, decoded = pcall(cjson.decode, existing)
  if ok and type(decoded) == 'table' and type(decoded.userId) == 'string' then oldUser = decoded.userId end
end
local ttl = tonumber(ARGV[2])
if ttl > 0 then redis.call('SET', KEYS[1], ARGV[1], 'PX', ttl) else redis.call('SET', KEYS[1], ARGV[1]) end
local function keep(key)
  local existed = redis.call('EXISTS', key)
  redis.call('SADD', key, KEYS[1])
  local t = redis.call('PTTL', key)
  if ttl == 0 then redis.call('PERSIST', key)
  elseif existed == 0 or (t >= 0 and t < ttl) then redis.call('PEXPIRE', key, ttl) end
end
keep(KEYS[2])
if oldUser ~= '' and oldUser ~= ARGV[3] then redis.call('SREM', ARGV[4] .. oldUser, KEYS[1]) end
if ARGV[3] ~= '' then keep(ARGV[4] .. ARGV[3]) end
return 1`;

/** Moves sessionExpiresAt of every row of a session later, and their expiry with it. */
const EXTEND_SESSION = `
local members = redis.call('SMEMBERS', KEYS[1])
local until_ms = tonumber(ARGV[1])
local now_ms = tonumber(ARGV[2])
local longest = 0
for _, key in ipairs(members) do
  local v = redis.call('GET', key)
  if v then
    local ok, row = pcall(cjson.decode, v)
    if ok and type(row) == 'table' then
      if (row.sessionExpiresAt or 0) < until_ms then row.sessionExpiresAt = until_ms end
      local retain = row.sessionExpiresAt - now_ms
      if retain > 0 then
        redis.call('SET', key, cjson.encode(row), 'PX', retain)
        if retain > longest then longest = retain end
      end
    end
  end
end
if longest > 0 then
  local t = redis.call('PTTL', KEYS[1])
  if t >= 0 and t < longest then redis.call('PEXPIRE', KEYS[1], longest) end
end
return #members`;

const CREATE_USER = `
local existing = redis.call('GET', KEYS[1])
if existing then return existing end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('SET', KEYS[2], ARGV[2])
redis.call('SADD', KEYS[3], KEYS[1])
return ARGV[1]`;

const TOUCH_IDENTITY = `
local v = redis.call('GET', KEYS[1])
if not v then return 0 end
local ok, row = pcall(cjson.decode, v)
if not ok or type(row) ~= 'table' then return 0 end
row.lastUsedAt = tonumber(ARGV[1])
redis.call('SET', KEYS[1], cjson.encode(row), 'KEEPTTL')
return 1`;

const RELEASE_LOCK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

export class RedisStorage implements AuthServerStorage {
  private readonly redis: RedisCommander;
  private readonly keys: RedisKeys;
  private readonly now: () => number;
  private readonly onClose: () => Promise<void>;

  constructor(
    redis: RedisCommander,
    keys: RedisKeys,
    options: { now?: () => number; onClose?: () => Promise<void> } = {},
  ) {
    this.redis = redis;
    this.keys = keys;
    this.now = options.now ?? Date.now;
    this.onClose = options.onClose ?? (async () => undefined);
  }

  private async cmd(command: string, ...args: Array<string | number>): Promise<unknown> {
    try {
      return await this.redis.call(command, ...args);
    } catch (err) {
      // Never the arguments: they may hold tokens.
      throw new StorageError(`redis ${command} failed: ${(err as Error).message}`);
    }
  }

  private eval(script: string, keys: string[], args: Array<string | number>): Promise<unknown> {
    return this.cmd('EVAL', script, keys.length, ...keys, ...args);
  }

  private ttlUntil(at: number): number {
    return Math.max(1, Math.ceil(at - this.now()));
  }

  async registerClient(client: ClientRecord, ttlMs?: number): Promise<void> {
    const key = this.keys.client(client.clientId);
    if (ttlMs && ttlMs > 0) {
      await this.cmd('SET', key, JSON.stringify(client), 'PX', ttlMs);
      if (client.dcrIssued)
        await this.cmd('ZADD', this.keys.dcrClients(), this.now() + ttlMs, client.clientId);
    } else await this.cmd('SET', key, JSON.stringify(client));
  }

  async getClient(clientId: string): Promise<ClientRecord | undefined> {
    const v = await this.cmd('GET', this.keys.client(clientId));
    return typeof v === 'string' ? (JSON.parse(v) as ClientRecord) : undefined;
  }

  async renewClient(clientId: string, ttlMs: number): Promise<void> {
    const client = await this.getClient(clientId);
    // Pre-provisioned clients carry no TTL and must never get one.
    if (!client?.dcrIssued) return;
    await this.cmd('PEXPIRE', this.keys.client(clientId), ttlMs);
    await this.cmd('ZADD', this.keys.dcrClients(), this.now() + ttlMs, clientId);
  }

  async countDcrClients(): Promise<number> {
    await this.cmd('ZREMRANGEBYSCORE', this.keys.dcrClients(), '-inf', this.now());
    return Number(await this.cmd('ZCARD', this.keys.dcrClients()));
  }

  async storePending(state: string, pending: PendingAuthorization, ttlMs: number): Promise<void> {
    await this.cmd('SET', this.keys.pending(state), JSON.stringify(pending), 'PX', ttlMs);
  }

  async takePending(state: string): Promise<PendingAuthorization | undefined> {
    const v = await this.cmd('GETDEL', this.keys.pending(state));
    return typeof v === 'string' ? (JSON.parse(v) as PendingAuthorization) : undefined;
  }

  async createAuthCode(signature: string, record: AuthCodeRecord): Promise<void> {
    await this.cmd(
      'SET',
      this.keys.authCode(signature),
      JSON.stringify(record),
      'PX',
      this.ttlUntil(record.expiresAt),
    );
  }

  async redeemAuthCode(signature: string, replayWindowMs: number): Promise<CodeRedemption> {
    const r = await this.eval(
      REDEEM_CODE,
      [this.keys.authCode(signature), this.keys.invalidated(signature)],
      [replayWindowMs],
    );
    if (!Array.isArray(r)) return { kind: 'unknown' };
    const record = JSON.parse(String(r[1])) as AuthCodeRecord;
    if (record.expiresAt <= this.now() && r[0] === 'ok') return { kind: 'unknown' };
    return r[0] === 'ok' ? { kind: 'ok', record } : { kind: 'replayed', record };
  }

  async createRefreshToken(signature: string, record: RefreshTokenRecord): Promise<void> {
    await this.eval(
      CREATE_REFRESH,
      [this.keys.refresh(signature), this.keys.refreshFamily(record.session.requestId)],
      [JSON.stringify(record), this.ttlUntil(record.expiresAt), signature],
    );
  }

  async rotateRefreshToken(signature: string): Promise<RefreshRotation> {
    const r = await this.eval(ROTATE_REFRESH, [this.keys.refresh(signature)], []);
    if (!Array.isArray(r)) return { kind: 'unknown' };
    const record = JSON.parse(String(r[1])) as RefreshTokenRecord;
    return r[0] === 'ok' ? { kind: 'ok', record } : { kind: 'reused', record };
  }

  async revokeRefreshFamily(requestId: string): Promise<void> {
    await this.eval(REVOKE_FAMILY, [this.keys.refreshFamily(requestId)], [this.keys.refreshPrefix()]);
  }

  async storeUpstreamTokens(sessionId: string, tokens: UpstreamTokens): Promise<void> {
    await this.eval(
      STORE_UPSTREAM,
      [this.keys.upstream(sessionId, tokens.providerId), this.keys.upstreamIndex(sessionId)],
      [
        JSON.stringify(tokens),
        upstreamTokensRetainUntil(tokens) === 0 ? 0 : this.ttlUntil(upstreamTokensRetainUntil(tokens)),
        tokens.userId,
        this.keys.userUpstreamPrefix(),
      ],
    );
  }

  async getUpstreamTokens(sessionId: string, providerId: string): Promise<UpstreamTokens | undefined> {
    const v = await this.cmd('GET', this.keys.upstream(sessionId, providerId));
    return typeof v === 'string' ? (JSON.parse(v) as UpstreamTokens) : undefined;
  }

  /** The rows an index set names that `keep` accepts; names of expired rows are pruned from it. */
  private async indexedRows(index: string, keep: (key: string) => boolean): Promise<UpstreamTokens[]> {
    const members = ((await this.cmd('SMEMBERS', index)) as string[]).filter(keep);
    if (members.length === 0) return [];
    const values = (await this.cmd('MGET', ...members)) as Array<string | null>;
    const gone = members.filter((_, i) => typeof values[i] !== 'string');
    if (gone.length > 0) await this.cmd('SREM', index, ...gone);
    return values
      .filter((v): v is string => typeof v === 'string')
      .map((v) => JSON.parse(v) as UpstreamTokens);
  }

  async getAllUpstreamTokens(sessionId: string): Promise<Map<string, UpstreamTokens>> {
    const own = this.keys.upstream(sessionId, '');
    const rows = await this.indexedRows(this.keys.upstreamIndex(sessionId), (k) => k.startsWith(own));
    return new Map(rows.map((t) => [t.providerId, t]));
  }

  async deleteUpstreamTokens(sessionId: string): Promise<void> {
    const index = this.keys.upstreamIndex(sessionId);
    const own = this.keys.upstream(sessionId, '');
    const members = ((await this.cmd('SMEMBERS', index)) as string[]).filter((k) => k.startsWith(own));
    await this.cmd('DEL', index, ...members);
  }

  async extendUpstreamSession(sessionId: string, until: number): Promise<void> {
    await this.eval(EXTEND_SESSION, [this.keys.upstreamIndex(sessionId)], [until, this.now()]);
  }

  async latestUpstreamTokensForUser(userId: string, providerId: string): Promise<UpstreamTokens | undefined> {
    const rowPrefix = `${this.keys.prefix}upstream:`;
    const rows = await this.indexedRows(
      this.keys.userUpstream(userId),
      (k) => k.startsWith(rowPrefix) && k.endsWith(`:${providerId}`),
    );
    let best: UpstreamTokens | undefined;
    for (const t of rows)
      if (t.providerId === providerId && t.userId === userId && (!best || laterExpiry(t, best))) best = t;
    return best;
  }

  async getProviderIdentity(
    providerId: string,
    providerSubject: string,
  ): Promise<ProviderIdentity | undefined> {
    const v = await this.cmd('GET', this.keys.provider(providerId, providerSubject));
    return typeof v === 'string' ? (JSON.parse(v) as ProviderIdentity) : undefined;
  }

  async createUserWithIdentity(user: UserRecord, identity: ProviderIdentity): Promise<ProviderIdentity> {
    const v = await this.eval(
      CREATE_USER,
      [
        this.keys.provider(identity.providerId, identity.providerSubject),
        this.keys.user(user.id),
        this.keys.userProviders(user.id),
      ],
      [JSON.stringify(identity), JSON.stringify(user)],
    );
    return JSON.parse(String(v)) as ProviderIdentity;
  }

  async touchProviderIdentity(providerId: string, providerSubject: string, at: number): Promise<void> {
    await this.eval(TOUCH_IDENTITY, [this.keys.provider(providerId, providerSubject)], [at]);
  }

  async acquireLock(name: string, token: string, ttlMs: number): Promise<boolean> {
    return (await this.cmd('SET', this.keys.lock(name), token, 'PX', ttlMs, 'NX')) === 'OK';
  }

  async releaseLock(name: string, token: string): Promise<void> {
    await this.eval(RELEASE_LOCK, [this.keys.lock(name)], [token]);
  }

  async health(): Promise<void> {
    await this.cmd('PING');
  }

  async close(): Promise<void> {
    await this.onClose();
  }
}

function laterExpiry(a: UpstreamTokens, b: UpstreamTokens): boolean {
  if (a.expiresAt === 0) return b.expiresAt !== 0;
  if (b.expiresAt === 0) return false;
  return a.expiresAt > b.expiresAt;
}
