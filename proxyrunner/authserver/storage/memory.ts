/**
 * In-memory storage: maps with expiry times and a periodic sweep. Single replica only — a second
 * proxy replica would not see logins, codes or upstream tokens the first one holds (use Redis).
 * Every method is synchronous underneath, so each call is atomic in Node's single thread.
 */
import {
  type AuthCodeRecord,
  type AuthServerStorage,
  type ClientRecord,
  type CodeRedemption,
  type PendingAuthorization,
  type ProviderIdentity,
  type RefreshRotation,
  type RefreshTokenRecord,
  type UpstreamTokens,
  type UserRecord,
  upstreamTokensRetainUntil,
} from './types.ts';

interface Expiring<T> {
  value: T;
  /** 0 = never. */
  expiresAt: number;
}

const SWEEP_INTERVAL_MS = 5 * 60_000;

export class MemoryStorage implements AuthServerStorage {
  private readonly now: () => number;
  private readonly clients = new Map<string, Expiring<ClientRecord>>();
  private readonly pending = new Map<string, Expiring<PendingAuthorization>>();
  private readonly codes = new Map<string, Expiring<{ record: AuthCodeRecord; used: boolean }>>();
  private readonly refresh = new Map<string, Expiring<{ record: RefreshTokenRecord; active: boolean }>>();
  private readonly families = new Map<string, Set<string>>();
  /** sessionId → providerId → tokens. */
  private readonly upstream = new Map<string, Map<string, Expiring<UpstreamTokens>>>();
  private readonly users = new Map<string, UserRecord>();
  private readonly identities = new Map<string, ProviderIdentity>();
  private readonly locks = new Map<string, Expiring<string>>();
  private readonly timer: NodeJS.Timeout;

  constructor(options: { now?: () => number; sweepIntervalMs?: number } = {}) {
    this.now = options.now ?? Date.now;
    this.timer = setInterval(() => this.sweep(), options.sweepIntervalMs ?? SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  private live<T>(map: Map<string, Expiring<T>>, key: string): T | undefined {
    const e = map.get(key);
    if (!e) return undefined;
    if (e.expiresAt !== 0 && this.now() >= e.expiresAt) {
      map.delete(key);
      return undefined;
    }
    return e.value;
  }

  private expiry(ttlMs: number | undefined): number {
    return ttlMs === undefined || ttlMs <= 0 ? 0 : this.now() + ttlMs;
  }

  async registerClient(client: ClientRecord, ttlMs?: number): Promise<void> {
    this.clients.set(client.clientId, { value: client, expiresAt: this.expiry(ttlMs) });
  }

  async getClient(clientId: string): Promise<ClientRecord | undefined> {
    return this.live(this.clients, clientId);
  }

  async renewClient(clientId: string, ttlMs: number): Promise<void> {
    const e = this.clients.get(clientId);
    if (e?.value.dcrIssued && this.live(this.clients, clientId)) e.expiresAt = this.expiry(ttlMs);
  }

  async countDcrClients(): Promise<number> {
    let n = 0;
    for (const id of [...this.clients.keys()]) if (this.live(this.clients, id)?.dcrIssued) n++;
    return n;
  }

  async storePending(state: string, pending: PendingAuthorization, ttlMs: number): Promise<void> {
    this.pending.set(state, { value: pending, expiresAt: this.expiry(ttlMs) });
  }

  async takePending(state: string): Promise<PendingAuthorization | undefined> {
    const value = this.live(this.pending, state);
    this.pending.delete(state);
    return value;
  }

  async createAuthCode(signature: string, record: AuthCodeRecord): Promise<void> {
    this.codes.set(signature, { value: { record, used: false }, expiresAt: record.expiresAt });
  }

  async redeemAuthCode(signature: string, replayWindowMs: number): Promise<CodeRedemption> {
    const entry = this.live(this.codes, signature);
    if (!entry) return { kind: 'unknown' };
    if (entry.used) return { kind: 'replayed', record: entry.record };
    entry.used = true;
    // Kept past its own expiry so a replay is still recognised (and answered with revocation).
    const e = this.codes.get(signature)!;
    e.expiresAt = Math.max(e.expiresAt, this.now() + replayWindowMs);
    return { kind: 'ok', record: entry.record };
  }

  async createRefreshToken(signature: string, record: RefreshTokenRecord): Promise<void> {
    this.refresh.set(signature, { value: { record, active: true }, expiresAt: record.expiresAt });
    const family = this.families.get(record.session.requestId) ?? new Set<string>();
    this.families.set(record.session.requestId, family);
    family.add(signature);
  }

  async rotateRefreshToken(signature: string): Promise<RefreshRotation> {
    const entry = this.live(this.refresh, signature);
    if (!entry) return { kind: 'unknown' };
    if (!entry.active) return { kind: 'reused', record: entry.record };
    entry.active = false;
    return { kind: 'ok', record: entry.record };
  }

  async revokeRefreshFamily(requestId: string): Promise<void> {
    for (const sig of this.families.get(requestId) ?? []) {
      const e = this.refresh.get(sig);
      if (e) e.value.active = false;
    }
  }

  async storeUpstreamTokens(sessionId: string, tokens: UpstreamTokens): Promise<void> {
    const rows = this.upstream.get(sessionId) ?? new Map<string, Expiring<UpstreamTokens>>();
    this.upstream.set(sessionId, rows);
    rows.set(tokens.providerId, { value: tokens, expiresAt: upstreamTokensRetainUntil(tokens) });
  }

  async getUpstreamTokens(sessionId: string, providerId: string): Promise<UpstreamTokens | undefined> {
    const rows = this.upstream.get(sessionId);
    return rows ? this.live(rows, providerId) : undefined;
  }

  async getAllUpstreamTokens(sessionId: string): Promise<Map<string, UpstreamTokens>> {
    const out = new Map<string, UpstreamTokens>();
    const rows = this.upstream.get(sessionId);
    if (!rows) return out;
    for (const provider of [...rows.keys()]) {
      const t = this.live(rows, provider);
      if (t) out.set(provider, t);
    }
    if (rows.size === 0) this.upstream.delete(sessionId);
    return out;
  }

  async deleteUpstreamTokens(sessionId: string): Promise<void> {
    this.upstream.delete(sessionId);
  }

  async extendUpstreamSession(sessionId: string, until: number): Promise<void> {
    const rows = this.upstream.get(sessionId);
    if (!rows) return;
    for (const [provider, e] of rows) {
      if (!this.live(rows, provider)) continue;
      const value = { ...e.value, sessionExpiresAt: Math.max(e.value.sessionExpiresAt, until) };
      rows.set(provider, { value, expiresAt: upstreamTokensRetainUntil(value) });
    }
  }

  async latestUpstreamTokensForUser(userId: string, providerId: string): Promise<UpstreamTokens | undefined> {
    let best: UpstreamTokens | undefined;
    for (const rows of this.upstream.values()) {
      const e = rows.get(providerId);
      if (!e || (e.expiresAt !== 0 && this.now() >= e.expiresAt) || e.value.userId !== userId) continue;
      if (!best || laterExpiry(e.value, best)) best = e.value;
    }
    return best;
  }

  async getProviderIdentity(
    providerId: string,
    providerSubject: string,
  ): Promise<ProviderIdentity | undefined> {
    return this.identities.get(identityKey(providerId, providerSubject));
  }

  async createUserWithIdentity(user: UserRecord, identity: ProviderIdentity): Promise<ProviderIdentity> {
    const key = identityKey(identity.providerId, identity.providerSubject);
    const existing = this.identities.get(key);
    if (existing) return existing;
    this.users.set(user.id, user);
    this.identities.set(key, identity);
    return identity;
  }

  async touchProviderIdentity(providerId: string, providerSubject: string, at: number): Promise<void> {
    const key = identityKey(providerId, providerSubject);
    const existing = this.identities.get(key);
    if (existing) this.identities.set(key, { ...existing, lastUsedAt: at });
  }

  async acquireLock(name: string, token: string, ttlMs: number): Promise<boolean> {
    if (this.live(this.locks, name) !== undefined) return false;
    this.locks.set(name, { value: token, expiresAt: this.expiry(ttlMs) });
    return true;
  }

  async releaseLock(name: string, token: string): Promise<void> {
    if (this.locks.get(name)?.value === token) this.locks.delete(name);
  }

  async health(): Promise<void> {}

  async close(): Promise<void> {
    clearInterval(this.timer);
  }

  /** Drops everything expired; lookups also expire lazily, this only bounds memory. */
  sweep(): void {
    const now = this.now();
    const drop = <T>(m: Map<string, Expiring<T>>) => {
      for (const [k, e] of m) if (e.expiresAt !== 0 && now >= e.expiresAt) m.delete(k);
    };
    drop(this.clients);
    drop(this.pending);
    drop(this.codes);
    drop(this.refresh);
    drop(this.locks);
    for (const [requestId, family] of this.families) {
      for (const sig of family) if (!this.refresh.has(sig)) family.delete(sig);
      if (family.size === 0) this.families.delete(requestId);
    }
    for (const [sid, rows] of this.upstream) {
      drop(rows);
      if (rows.size === 0) this.upstream.delete(sid);
    }
  }
}

function identityKey(providerId: string, subject: string): string {
  return `${providerId.length}:${providerId}:${subject}`;
}

/** Non-expiring rows win; otherwise the later access token expiry. */
function laterExpiry(a: UpstreamTokens, b: UpstreamTokens): boolean {
  if (a.expiresAt === 0) return b.expiresAt !== 0;
  if (b.expiresAt === 0) return false;
  return a.expiresAt > b.expiresAt;
}
