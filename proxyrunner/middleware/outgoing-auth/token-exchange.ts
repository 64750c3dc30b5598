/**
 * RFC 8693 token exchange (pkg/oauthproto/tokenexchange): trades the caller's token for one the
 * backend accepts. Exchanged tokens are cached per subject token, audience and scopes until
 * shortly before they expire (ToolHive exchanges on every request; caching is ours), so a busy
 * session does not hammer the token endpoint. The cache key is a hash; tokens are never logged.
 * The Virtual MCP server can hold one exchanger per backend.
 */
import { createHash } from 'node:crypto';
import type { TokenExchangeConfig } from '../../../lib/runconfig/types.ts';
import { HttpClient } from '../shared/http-client.ts';

export const TOKEN_EXCHANGE_GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
export const TOKEN_TYPE_ACCESS = 'urn:ietf:params:oauth:token-type:access_token';
export const TOKEN_EXCHANGE_CLIENT_SECRET_ENV = 'TOOLHIVE_TOKEN_EXCHANGE_CLIENT_SECRET';

/** `access_token` → `urn:ietf:params:oauth:token-type:access_token`, and so on. */
export function normalizeTokenType(t: string | undefined): string {
  if (!t) return TOKEN_TYPE_ACCESS;
  if (t.startsWith('urn:ietf:params:oauth:token-type:')) return t;
  if (t === 'access_token' || t === 'id_token' || t === 'jwt') return `urn:ietf:params:oauth:token-type:${t}`;
  throw new Error(`invalid subject token type "${t}"`);
}

export interface ExchangeSettings {
  tokenUrl: string;
  clientId?: string;
  clientSecret?: string;
  audience?: string;
  scopes?: readonly string[];
  resource?: string;
  subjectTokenType: string;
  /** Refresh this long before expiry. */
  refreshSkewMs?: number;
  /** Used when the endpoint states no `expires_in`. */
  defaultLifetimeMs?: number;
  maxEntries?: number;
  timeoutMs?: number;
}

export function exchangeSettingsFromRunConfig(
  c: TokenExchangeConfig,
  clientSecret: string | undefined,
): ExchangeSettings {
  if (!c.token_url) throw new Error('token_exchange_config.token_url is required');
  return {
    tokenUrl: c.token_url,
    ...(c.client_id ? { clientId: c.client_id } : {}),
    ...(clientSecret ? { clientSecret } : {}),
    ...(c.audience ? { audience: c.audience } : {}),
    ...(c.scopes && c.scopes.length > 0 ? { scopes: c.scopes } : {}),
    subjectTokenType: normalizeTokenType(c.subject_token_type),
  };
}

export class TokenExchangeError extends Error {
  override name = 'TokenExchangeError';
}

interface CacheEntry {
  token: string;
  refreshAt: number;
}

export class TokenExchanger {
  private readonly settings: ExchangeSettings;
  private readonly http: HttpClient;
  private readonly now: () => number;
  private readonly cache = new Map<string, CacheEntry>();
  private readonly inflight = new Map<string, Promise<string>>();
  /** Requests actually sent to the token endpoint (for tests and metrics). */
  exchanges = 0;

  constructor(settings: ExchangeSettings, opts: { http?: HttpClient; now?: () => number } = {}) {
    new URL(settings.tokenUrl);
    this.settings = settings;
    this.http =
      opts.http ?? new HttpClient({ timeoutMs: settings.timeoutMs ?? 10_000, maxResponseBytes: 64 * 1024 });
    this.now = opts.now ?? Date.now;
  }

  private key(subjectToken: string): string {
    const s = this.settings;
    return createHash('sha256')
      .update(`${subjectToken}\0${s.audience ?? ''}\0${(s.scopes ?? []).join(' ')}\0${s.resource ?? ''}`)
      .digest('base64url');
  }

  /** A token for the backend, from the cache while it is fresh. */
  async exchange(subjectToken: string): Promise<string> {
    const key = this.key(subjectToken);
    const hit = this.cache.get(key);
    if (hit && hit.refreshAt > this.now()) return hit.token;
    const pending = this.inflight.get(key);
    if (pending) return pending;
    const p = this.fetch(subjectToken, key).finally(() => this.inflight.delete(key));
    this.inflight.set(key, p);
    return p;
  }

  private async fetch(subjectToken: string, key: string): Promise<string> {
    const s = this.settings;
    const form = new URLSearchParams({
      grant_type: TOKEN_EXCHANGE_GRANT,
      subject_token: subjectToken,
      subject_token_type: s.subjectTokenType,
      requested_token_type: TOKEN_TYPE_ACCESS,
    });
    if (s.audience) form.set('audience', s.audience);
    if (s.scopes && s.scopes.length > 0) form.set('scope', s.scopes.join(' '));
    if (s.resource) form.set('resource', s.resource);
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    };
    if (s.clientId && s.clientSecret) {
      headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(s.clientId)}:${encodeURIComponent(s.clientSecret)}`).toString('base64')}`;
    } else if (s.clientId) {
      form.set('client_id', s.clientId);
    }
    this.exchanges++;
    let res: Awaited<ReturnType<HttpClient['request']>>;
    try {
      res = await this.http.request({ url: s.tokenUrl, method: 'POST', headers, body: form.toString() });
    } catch (err) {
      throw new TokenExchangeError(`token exchange request failed: ${(err as Error).message}`);
    }
    let body: Record<string, unknown>;
    try {
      body = res.json() as Record<string, unknown>;
    } catch {
      throw new TokenExchangeError(`token endpoint answered HTTP ${res.status} without JSON`);
    }
    if (res.status !== 200) {
      throw new TokenExchangeError(
        `token endpoint answered HTTP ${res.status}${typeof body.error === 'string' ? ` (${body.error})` : ''}`,
      );
    }
    const token = body.access_token;
    if (typeof token !== 'string' || token === '')
      throw new TokenExchangeError('token endpoint answer has no access_token');
    const lifetime =
      typeof body.expires_in === 'number' && body.expires_in > 0
        ? body.expires_in * 1000
        : (s.defaultLifetimeMs ?? 60_000);
    // Refresh 30 s before expiry, or at 90 % of the lifetime for short-lived tokens.
    const skew = Math.min(s.refreshSkewMs ?? 30_000, lifetime * 0.1);
    this.remember(key, { token, refreshAt: this.now() + lifetime - skew });
    return token;
  }

  private remember(key: string, entry: CacheEntry): void {
    const max = this.settings.maxEntries ?? 10_000;
    if (this.cache.size >= max) {
      const now = this.now();
      for (const [k, v] of this.cache) if (v.refreshAt <= now) this.cache.delete(k);
      if (this.cache.size >= max) this.cache.delete(this.cache.keys().next().value!);
    }
    this.cache.set(key, entry);
  }

  close(): void {
    this.http.close();
  }
}
