/**
 * Lazy OIDC discovery (`<issuer>/.well-known/openid-configuration`) with ToolHive's retry shape:
 * up to three attempts with a backoff of 500 ms doubling to 2 s, 5 s per attempt. A failure is not
 * remembered: the next request tries again, so a proxy that starts before its issuer recovers on
 * its own.
 */
import type { HttpClient } from '../shared/http-client.ts';

export interface DiscoveryDocument {
  issuer?: string;
  jwks_uri?: string;
  introspection_endpoint?: string;
}

export interface DiscoveryOptions {
  http: HttpClient;
  issuer: string;
  headers?: () => Record<string, string>;
  attempts?: number;
  initialBackoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export class OidcDiscovery {
  private doc: DiscoveryDocument | undefined;
  private inflight: Promise<DiscoveryDocument> | undefined;

  private readonly options: DiscoveryOptions;

  constructor(options: DiscoveryOptions) {
    this.options = options;
  }

  document(): Promise<DiscoveryDocument> {
    if (this.doc) return Promise.resolve(this.doc);
    if (!this.inflight) {
      this.inflight = this.discover().finally(() => {
        this.inflight = undefined;
      });
    }
    return this.inflight;
  }

  private async discover(): Promise<DiscoveryDocument> {
    const url = `${this.options.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
    const attempts = this.options.attempts ?? 3;
    const sleep = this.options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    let backoff = this.options.initialBackoffMs ?? 500;
    let lastError: unknown;
    for (let i = 0; i < attempts; i++) {
      try {
        const res = await this.options.http.request({
          url,
          headers: { accept: 'application/json', ...this.options.headers?.() },
          timeoutMs: 5_000,
          maxResponseBytes: 1 << 20,
        });
        if (res.status !== 200) throw new Error(`discovery endpoint answered HTTP ${res.status}`);
        const doc = res.json() as DiscoveryDocument;
        if (typeof doc.jwks_uri !== 'string' || doc.jwks_uri === '')
          throw new Error('discovery document has no jwks_uri');
        this.doc = doc;
        return doc;
      } catch (err) {
        lastError = err;
        if (i < attempts - 1) {
          await sleep(backoff);
          backoff = Math.min(backoff * 2, 2_000);
        }
      }
    }
    throw new Error(`OIDC discovery failed: ${(lastError as Error)?.message ?? String(lastError)}`);
  }
}
