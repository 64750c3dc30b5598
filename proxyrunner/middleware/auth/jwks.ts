/**
 * A JWKS cache with key rotation. Keys are fetched on first use, refreshed in the background
 * once they are older than `maxAgeMs`, and refetched at once when a token names a `kid` the cache
 * does not hold (a rotation), at most once per `cooldownMs` so a stream of tokens with made-up
 * key ids cannot turn the proxy into a JWKS flooder; the same bound holds while the first fetch
 * keeps failing. Concurrent refreshes share one fetch. A failed refresh keeps serving the keys
 * already held.
 */
import { importJWK, type JWK } from 'jose';
import type { HttpClient } from '../shared/http-client.ts';

/** Asymmetric JWS algorithms accepted for access tokens; HMAC and `none` never are. */
export const ALLOWED_JWS_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
] as const;

export interface JwksSourceOptions {
  http: HttpClient;
  /** Resolves the JWKS URL (it may come from OIDC discovery). */
  url: () => Promise<string>;
  /** Extra request headers, e.g. a service-account bearer token for the kube API server. */
  headers?: () => Record<string, string>;
  maxAgeMs?: number;
  cooldownMs?: number;
  now?: () => number;
}

type ImportedKey = Awaited<ReturnType<typeof importJWK>>;

interface CachedKey {
  jwk: JWK;
  imported: Map<string, Promise<ImportedKey>>;
}

export class JwksCache {
  private keys = new Map<string, CachedKey>();
  private fetchedAt = Number.NEGATIVE_INFINITY;
  private lastAttempt = Number.NEGATIVE_INFINITY;
  private inflight: Promise<void> | undefined;
  private readonly maxAgeMs: number;
  private readonly cooldownMs: number;
  private readonly now: () => number;

  private readonly options: JwksSourceOptions;

  constructor(options: JwksSourceOptions) {
    this.options = options;
    this.maxAgeMs = options.maxAgeMs ?? 10 * 60_000;
    this.cooldownMs = options.cooldownMs ?? 1_000;
    this.now = options.now ?? Date.now;
  }

  /** The verification key for `kid` and `alg`, or an Error saying why there is none. */
  async key(kid: string, alg: string): Promise<ImportedKey> {
    const now = this.now();
    if (this.fetchedAt === Number.NEGATIVE_INFINITY) {
      // Never fetched successfully: fetch now, but while the issuer keeps failing no more than
      // once per cooldown, or every request (unauthenticated ones included) became a JWKS fetch.
      if (this.inflight === undefined && now - this.lastAttempt < this.cooldownMs)
        throw new Error('JWKS not available yet');
      await this.refresh();
    } else if (now - this.fetchedAt > this.maxAgeMs) void this.refresh().catch(() => undefined);
    let entry = this.keys.get(kid);
    if (!entry && now - this.lastAttempt >= this.cooldownMs) {
      await this.refresh().catch(() => undefined);
      entry = this.keys.get(kid);
    }
    if (!entry) throw new Error(`key ID ${kid} not found in JWKS`);
    if (entry.jwk.alg !== undefined && entry.jwk.alg !== alg) {
      throw new Error(`key ${kid} is for ${entry.jwk.alg}, token uses ${alg}`);
    }
    if (entry.jwk.use !== undefined && entry.jwk.use !== 'sig')
      throw new Error(`key ${kid} is not a signing key`);
    let imported = entry.imported.get(alg);
    if (!imported) {
      imported = importJWK(entry.jwk, alg);
      entry.imported.set(alg, imported);
      imported.catch(() => entry.imported.delete(alg));
    }
    return imported;
  }

  /** Whether the key set currently holds `kid`. */
  has(kid: string): boolean {
    return this.keys.has(kid);
  }

  /** Fetches the key set now (coalescing concurrent callers). */
  refresh(): Promise<void> {
    if (this.inflight) return this.inflight;
    this.lastAttempt = this.now();
    this.inflight = this.fetch().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  private async fetch(): Promise<void> {
    const url = await this.options.url();
    const res = await this.options.http.request({
      url,
      headers: { accept: 'application/json', ...this.options.headers?.() },
      maxResponseBytes: 1 << 20,
    });
    if (res.status !== 200) throw new Error(`JWKS endpoint answered HTTP ${res.status}`);
    const body = res.json() as { keys?: unknown };
    if (!Array.isArray(body.keys)) throw new Error('JWKS document has no keys array');
    const next = new Map<string, CachedKey>();
    for (const k of body.keys as JWK[]) {
      if (typeof k !== 'object' || k === null || typeof k.kid !== 'string') continue;
      // Symmetric keys in a JWKS would let anyone who reads it mint tokens: never use them.
      if (k.kty === 'oct') continue;
      const previous = this.keys.get(k.kid);
      next.set(
        k.kid,
        previous && JSON.stringify(previous.jwk) === JSON.stringify(k)
          ? previous
          : { jwk: k, imported: new Map() },
      );
    }
    this.keys = next;
    this.fetchedAt = this.now();
  }
}
