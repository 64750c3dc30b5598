/**
 * Outgoing auth per backend (dataplane §4.6): the strategy configured inline (`outgoingAuth`),
 * or discovered from the backend's MCPExternalAuthConfig, turned into headers for each request.
 * RFC 8693 token exchange results are cached per (backend, caller token, audience) until shortly
 * before they expire — ToolHive exchanges on every request.
 */
import { createHash } from 'node:crypto';
import type { BackendAuthStrategy } from '../../../lib/api/types.generated.ts';
import type { Identity } from '../../middleware/types.ts';
import type { OutgoingAuthSettings } from '../config/model.ts';

/** Refresh a cached token this long before it expires. */
export const TOKEN_EXPIRY_SKEW_MS = 30_000;
const CACHE_LIMIT = 10_000;

export class OutgoingAuthError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutgoingAuthError';
  }
}

interface CachedToken {
  readonly token: string;
  readonly expiresAt: number;
}

export class OutgoingAuth {
  private readonly settings: OutgoingAuthSettings;
  /** Strategies found on discovered backends (MCPExternalAuthConfig), by backend name. */
  private readonly discovered = new Map<string, BackendAuthStrategy>();
  private readonly cache = new Map<string, CachedToken>();
  private readonly env: Readonly<Record<string, string | undefined>>;
  private readonly fetchFn: typeof fetch;
  /** Exchanges performed (for tests and metrics). */
  exchanges = 0;

  /**
   * With an embedded authorization server: the upstream whose token a token exchange presents
   * when its strategy names none (ToolHive's `InjectSubjectProviderNames`, the first upstream).
   */
  private readonly defaultSubjectProvider: string | undefined;

  constructor(
    settings: OutgoingAuthSettings,
    opts: {
      env?: Readonly<Record<string, string | undefined>>;
      fetch?: typeof fetch;
      defaultSubjectProvider?: string;
    } = {},
  ) {
    this.settings = settings;
    this.env = opts.env ?? process.env;
    this.fetchFn = opts.fetch ?? fetch;
    this.defaultSubjectProvider = opts.defaultSubjectProvider;
  }

  setDiscovered(backend: string, strategy: BackendAuthStrategy | undefined): void {
    if (strategy) this.discovered.set(backend, strategy);
    else this.discovered.delete(backend);
  }

  strategyFor(backend: string): BackendAuthStrategy | undefined {
    const inline = this.settings.backends.get(backend);
    if (inline) return inline;
    if (this.settings.source === 'discovered') {
      const d = this.discovered.get(backend);
      if (d) return d;
    }
    return this.settings.default;
  }

  /** Whether the headers depend on who calls (so lists must not be shared across callers). */
  perUser(backend: string): boolean {
    const t = this.strategyFor(backend)?.type;
    return t !== undefined && t !== 'unauthenticated' && t !== 'header_injection';
  }

  /** Headers for a request to `backend` on behalf of `identity` (none for health checks). */
  async headersFor(backend: string, identity?: Identity): Promise<Record<string, string>> {
    const s = this.strategyFor(backend);
    if (!s || s.type === 'unauthenticated') return {};
    switch (s.type) {
      case 'header_injection': {
        const hi = s.headerInjection!;
        const value = hi.headerValue || (hi.headerValueEnv ? (this.env[hi.headerValueEnv] ?? '') : '');
        return { [hi.headerName.toLowerCase()]: value };
      }
      case 'token_exchange':
        return this.tokenExchange(backend, s, identity);
      case 'upstream_inject': {
        // The caller's token from that upstream, loaded for its token session by incoming auth.
        if (!identity) return {};
        const provider = s.upstreamInject?.providerName ?? '';
        const token = identity.upstreamTokens?.[provider];
        if (!token)
          throw new OutgoingAuthError(
            `backend ${backend}: no ${provider} token for this session (upstream_inject needs the embedded authorization server and a login through "${provider}")`,
          );
        return { authorization: `Bearer ${token}` };
      }
      default:
        throw new OutgoingAuthError(
          `backend ${backend}: outgoing auth type ${s.type} is not supported by this runtime`,
        );
    }
  }

  private async tokenExchange(
    backend: string,
    s: BackendAuthStrategy,
    identity: Identity | undefined,
  ): Promise<Record<string, string>> {
    const te = s.tokenExchange!;
    const secret = te.clientSecret || (te.clientSecretEnv ? this.env[te.clientSecretEnv] : undefined);
    // With an embedded authorization server the subject is an upstream identity provider's token.
    const provider = te.subjectProviderName || this.defaultSubjectProvider;
    const subject =
      provider && identity?.upstreamTokens ? identity.upstreamTokens[provider] : identity?.token;
    const audience = te.audience ?? '';
    let key: string;
    const form = new URLSearchParams();
    if (subject) {
      key = `${backend}:${createHash('sha256').update(subject).digest('hex')}:${audience}`;
      form.set('grant_type', 'urn:ietf:params:oauth:grant-type:token-exchange');
      form.set('subject_token', subject);
      form.set('subject_token_type', te.subjectTokenType || 'urn:ietf:params:oauth:token-type:access_token');
      form.set('requested_token_type', 'urn:ietf:params:oauth:token-type:access_token');
    } else if (te.clientId && secret) {
      // No caller (health checks): ToolHive uses client credentials when it has them.
      key = `${backend}:client:${audience}`;
      form.set('grant_type', 'client_credentials');
    } else {
      return {};
    }
    const cached = this.cache.get(key);
    if (cached && cached.expiresAt - TOKEN_EXPIRY_SKEW_MS > Date.now()) {
      return { authorization: `Bearer ${cached.token}` };
    }
    if (audience) form.set('audience', audience);
    if (te.scopes && te.scopes.length > 0) form.set('scope', te.scopes.join(' '));
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    };
    if (te.clientId) {
      headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(te.clientId)}:${encodeURIComponent(secret ?? '')}`).toString('base64')}`;
    }
    this.exchanges++;
    let res: Response;
    try {
      res = await this.fetchFn(te.tokenUrl, {
        method: 'POST',
        headers,
        body: form,
        signal: AbortSignal.timeout(10_000),
      });
    } catch (err) {
      throw new OutgoingAuthError(`backend ${backend}: token exchange failed: ${(err as Error).message}`);
    }
    const body = (await res.json().catch(() => ({}))) as {
      access_token?: string;
      expires_in?: number;
      error?: string;
    };
    if (!res.ok || !body.access_token) {
      throw new OutgoingAuthError(
        `backend ${backend}: token exchange failed: HTTP ${res.status} ${body.error ?? ''}`.trim(),
      );
    }
    const ttl = typeof body.expires_in === 'number' ? body.expires_in * 1000 : 5 * 60_000;
    if (this.cache.size >= CACHE_LIMIT) {
      const now = Date.now();
      for (const [k, v] of this.cache) if (v.expiresAt <= now) this.cache.delete(k);
      if (this.cache.size >= CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value!);
    }
    this.cache.set(key, { token: body.access_token, expiresAt: Date.now() + ttl });
    return { authorization: `Bearer ${body.access_token}` };
  }
}
