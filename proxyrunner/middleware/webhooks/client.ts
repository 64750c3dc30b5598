/**
 * One webhook endpoint (pkg/webhook/client.go): the request envelope, HMAC signing, TLS with a
 * CA bundle and client certificate, the timeout, the 1 MiB answer cap, and the error classes
 * the failure policy acts on.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import type { WebhookConfig } from '../../../lib/runconfig/types.ts';
import { parseDurationOrNanos } from '../shared/duration.ts';
import { HttpClient, HttpTimeoutError } from '../shared/http-client.ts';
import { type Env, resolveSecret } from '../shared/secrets.ts';
import type { Identity } from '../types.ts';
import { SIGNATURE_HEADER, sign, TIMESTAMP_HEADER } from './signing.ts';

export const WEBHOOK_API_VERSION = 'v0.1.0';
export const DEFAULT_TIMEOUT_MS = 10_000;
export const MIN_TIMEOUT_MS = 1_000;
export const MAX_TIMEOUT_MS = 30_000;
export const MAX_WEBHOOK_BYTES = 1 << 20;

export type WebhookErrorKind = 'timeout' | 'network' | 'invalid-response' | 'always-deny';

/** A webhook call that produced no usable answer. `always-deny` (HTTP 422) ignores the failure policy. */
export class WebhookError extends Error {
  override name = 'WebhookError';
  readonly kind: WebhookErrorKind;
  constructor(kind: WebhookErrorKind, message: string) {
    super(message);
    this.kind = kind;
  }
}

export interface WebhookRequestContext {
  server_name: string;
  backend_server?: string;
  namespace?: string;
  source_ip: string;
  transport: string;
}

export interface WebhookAnswer {
  version?: string;
  uid?: string;
  allowed: boolean;
  code?: number;
  message?: string;
  reason?: string;
  details?: Record<string, string>;
  patch_type?: string;
  patch?: unknown;
}

export interface NormalizedWebhook {
  name: string;
  url: string;
  timeoutMs: number;
  failurePolicy: 'fail' | 'ignore';
}

export function normalizeWebhook(c: WebhookConfig): NormalizedWebhook {
  if (!c.name) throw new Error('webhook name is required');
  if (!c.url) throw new Error(`webhook "${c.name}": URL is required`);
  let url: URL;
  try {
    url = new URL(c.url);
  } catch {
    throw new Error(`webhook "${c.name}": URL is invalid`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && c.tls_config?.insecure_skip_verify)) {
    throw new Error(
      `webhook "${c.name}": URL must use HTTPS (set insecure_skip_verify to allow HTTP for development/in-cluster use)`,
    );
  }
  const policy = c.failure_policy ?? 'fail';
  if (policy !== 'fail' && policy !== 'ignore')
    throw new Error(`webhook "${c.name}": failure_policy must be "fail" or "ignore", got "${policy}"`);
  const timeoutMs = parseDurationOrNanos(c.timeout, DEFAULT_TIMEOUT_MS) || DEFAULT_TIMEOUT_MS;
  if (timeoutMs < MIN_TIMEOUT_MS || timeoutMs > MAX_TIMEOUT_MS)
    throw new Error(`webhook "${c.name}": timeout must be between 1s and 30s`);
  const tls = c.tls_config;
  if (tls && !!tls.client_cert_path !== !!tls.client_key_path) {
    throw new Error(
      `webhook "${c.name}": both client_cert_path and client_key_path must be provided for mTLS`,
    );
  }
  return { name: c.name, url: c.url, timeoutMs, failurePolicy: policy };
}

/** What the webhook learns about the caller: never the token. */
export function principalInfo(identity: Identity | undefined): Record<string, unknown> | null {
  if (!identity) return null;
  return {
    sub: identity.subject,
    platform_user_id: identity.subject,
    ...(identity.name ? { name: identity.name } : {}),
    ...(identity.email ? { email: identity.email } : {}),
    ...(identity.groups && identity.groups.length > 0 ? { groups: identity.groups } : {}),
    claims: identity.claims,
    ...(identity.delegation && identity.delegation.length > 0
      ? { delegation: { chain: identity.delegation } }
      : {}),
  };
}

export class WebhookClient {
  readonly config: NormalizedWebhook;
  private readonly http: HttpClient;
  private readonly secretRef: string | undefined;
  private readonly staticSecret: string | undefined;
  private readonly readFile: (p: string) => string;

  constructor(
    raw: WebhookConfig,
    env: Env,
    readFile: (p: string) => string = (p) => readFileSync(p, 'utf8'),
  ) {
    this.config = normalizeWebhook(raw);
    this.readFile = readFile;
    const tls = raw.tls_config;
    this.http = new HttpClient({
      ...(tls?.ca_bundle_path ? { ca: readFile(tls.ca_bundle_path) } : {}),
      ...(tls?.client_cert_path ? { cert: readFile(tls.client_cert_path) } : {}),
      ...(tls?.client_key_path ? { key: readFile(tls.client_key_path) } : {}),
      ...(tls?.insecure_skip_verify ? { insecureSkipVerify: true } : {}),
      timeoutMs: this.config.timeoutMs,
      maxResponseBytes: MAX_WEBHOOK_BYTES,
    });
    this.secretRef = raw.hmac_secret_ref || undefined;
    // A secret name (env) is resolved once; a mounted file is read per call so rotation applies.
    if (this.secretRef && !isAbsolute(this.secretRef))
      this.staticSecret = resolveSecret(this.secretRef, { env });
    else if (this.secretRef) resolveSecret(this.secretRef, { env, readFile });
  }

  private secret(): string | undefined {
    if (!this.secretRef) return undefined;
    if (this.staticSecret !== undefined) return this.staticSecret;
    const s = resolveSecret(this.secretRef, { env: {}, readFile: this.readFile });
    if (s === '') throw new WebhookError('network', 'resolved HMAC secret is empty');
    return s;
  }

  async call(
    mcpRequest: unknown,
    principal: Record<string, unknown> | null,
    context: WebhookRequestContext,
    now: () => Date = () => new Date(),
  ): Promise<WebhookAnswer> {
    const uid = randomUUID();
    const body = JSON.stringify({
      version: WEBHOOK_API_VERSION,
      uid,
      timestamp: now().toISOString(),
      principal,
      mcp_request: mcpRequest,
      context,
    });
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json',
    };
    let secret: string | undefined;
    try {
      secret = this.secret();
    } catch (err) {
      throw err instanceof WebhookError
        ? err
        : new WebhookError('network', `failed to resolve HMAC secret: ${(err as Error).message}`);
    }
    if (secret) {
      const ts = Math.floor(now().getTime() / 1000);
      headers[SIGNATURE_HEADER] = sign(secret, ts, body);
      headers[TIMESTAMP_HEADER] = String(ts);
    }
    let res: Awaited<ReturnType<HttpClient['request']>>;
    try {
      res = await this.http.request({ url: this.config.url, method: 'POST', headers, body });
    } catch (err) {
      if (err instanceof HttpTimeoutError)
        throw new WebhookError('timeout', `webhook ${this.config.name} timed out`);
      throw new WebhookError('network', `webhook ${this.config.name}: ${(err as Error).message}`);
    }
    if (res.status === 422)
      throw new WebhookError('always-deny', `webhook ${this.config.name} returned HTTP 422`);
    if (res.status >= 500)
      throw new WebhookError('network', `webhook ${this.config.name} returned HTTP ${res.status}`);
    if (res.status !== 200)
      throw new WebhookError('invalid-response', `webhook ${this.config.name} returned HTTP ${res.status}`);
    let answer: unknown;
    try {
      answer = res.json();
    } catch {
      throw new WebhookError('invalid-response', `webhook ${this.config.name} returned invalid JSON`);
    }
    if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) {
      throw new WebhookError('invalid-response', `webhook ${this.config.name} answer is not an object`);
    }
    // As in ToolHive, anything but an explicit `allowed: true` denies.
    const a = answer as Record<string, unknown>;
    return { ...(a as unknown as WebhookAnswer), allowed: a.allowed === true };
  }

  close(): void {
    this.http.close();
  }
}
