/**
 * Talking to an upstream token endpoint: form-encoded requests with the client credentials in
 * the body (ToolHive's `AuthStyleInParams`), bounded responses, and parsing of standard or (with
 * `token_response_mapping`) non-standard token responses. Error messages carry the OAuth error
 * code and the HTTP status, never a response body, which could echo a credential.
 */
import type { HttpClient } from '../../middleware/shared/http-client.ts';
import type { OAuth2UpstreamSettings } from '../config.ts';
import { valueAt } from './json-path.ts';
import { UpstreamError, type UpstreamTokenSet } from './types.ts';

export const MAX_UPSTREAM_RESPONSE_BYTES = 1 << 20;

export interface TokenEndpointClient {
  readonly http: HttpClient;
  readonly tokenEndpoint: string;
  readonly clientId: string;
  readonly clientSecret?: string;
  readonly mapping?: OAuth2UpstreamSettings['tokenResponseMapping'];
  readonly now: () => number;
}

export interface TokenResponse {
  readonly tokens: UpstreamTokenSet;
  /** The whole response body, for identity-from-token extraction. */
  readonly raw: Record<string, unknown>;
}

export async function requestTokens(
  c: TokenEndpointClient,
  params: Record<string, string>,
): Promise<TokenResponse> {
  const form = new URLSearchParams({ ...params, client_id: c.clientId });
  if (c.clientSecret) form.set('client_secret', c.clientSecret);
  let res: Awaited<ReturnType<HttpClient['request']>>;
  try {
    res = await c.http.request({
      url: c.tokenEndpoint,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form.toString(),
      maxResponseBytes: MAX_UPSTREAM_RESPONSE_BYTES,
    });
  } catch (err) {
    throw new UpstreamError(`token request failed: ${(err as Error).name}`);
  }
  let body: unknown;
  try {
    body = res.json();
  } catch {
    body = undefined;
  }
  const obj = body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : undefined;
  if (res.status !== 200) {
    const code =
      typeof obj?.error === 'string' && /^[\x20-\x7e]{1,64}$/.test(obj.error) ? obj.error : undefined;
    throw new UpstreamError(
      code ? `token request failed: ${code}` : `token request failed with status ${res.status}`,
      code,
    );
  }
  if (!obj) throw new UpstreamError('token response is not a JSON object');
  return { tokens: parseTokens(obj, c.mapping, c.now()), raw: obj };
}

function stringAt(obj: unknown, path: string): string {
  const v = valueAt(obj, path);
  return typeof v === 'string' ? v : '';
}

function parseTokens(
  obj: Record<string, unknown>,
  mapping: OAuth2UpstreamSettings['tokenResponseMapping'],
  now: number,
): UpstreamTokenSet {
  const accessToken = stringAt(obj, mapping?.accessTokenPath ?? 'access_token');
  if (!accessToken) throw new UpstreamError('token response missing access_token');
  // A mapped response describes its own shape; otherwise the type must be bearer (RFC 6750).
  if (!mapping) {
    const type = obj.token_type;
    if (type !== undefined && (typeof type !== 'string' || type.toLowerCase() !== 'bearer'))
      throw new UpstreamError(`unexpected token_type: expected "Bearer", got "${String(type).slice(0, 32)}"`);
  }
  const rawExpiry = valueAt(obj, mapping?.expiresInPath ?? 'expires_in');
  const seconds =
    typeof rawExpiry === 'number' ? rawExpiry : typeof rawExpiry === 'string' ? Number(rawExpiry) : 0;
  return {
    accessToken,
    refreshToken: stringAt(obj, mapping?.refreshTokenPath ?? 'refresh_token'),
    idToken: typeof obj.id_token === 'string' ? obj.id_token : '',
    expiresAt: Number.isFinite(seconds) && seconds > 0 ? now + seconds * 1000 : 0,
  };
}
