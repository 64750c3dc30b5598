/**
 * Who the user is, from an upstream userinfo endpoint: the access token as bearer, GET or POST,
 * extra headers (GitHub wants its own Accept), and a field mapping for providers whose answer
 * is not OIDC-shaped (`id` instead of `sub`, `login` instead of `name`).
 */
import type { HttpClient } from '../../middleware/shared/http-client.ts';
import type { UserInfoSettings } from '../config.ts';
import { stringValueAt } from './json-path.ts';
import { MAX_UPSTREAM_RESPONSE_BYTES } from './token-endpoint.ts';
import { UpstreamError } from './types.ts';

export interface UserInfo {
  readonly subject: string;
  readonly name?: string;
  readonly email?: string;
  readonly claims: Record<string, unknown>;
}

function first(claims: Record<string, unknown>, fields: readonly string[]): string | undefined {
  for (const f of fields) {
    const v = stringValueAt(claims, f);
    if (v) return v;
  }
  return undefined;
}

/** Configured headers, lower-cased; they may not replace the bearer token. */
function extraHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers))
    if (k.toLowerCase() !== 'authorization') out[k.toLowerCase()] = v;
  return out;
}

export async function fetchUserInfo(
  http: HttpClient,
  cfg: UserInfoSettings,
  accessToken: string,
): Promise<UserInfo> {
  let res: Awaited<ReturnType<HttpClient['request']>>;
  try {
    res = await http.request({
      url: cfg.endpointUrl,
      method: cfg.method,
      headers: {
        accept: 'application/json',
        ...extraHeaders(cfg.headers),
        authorization: `Bearer ${accessToken}`,
      },
      maxResponseBytes: MAX_UPSTREAM_RESPONSE_BYTES,
    });
  } catch (err) {
    throw new UpstreamError(`userinfo request failed: ${(err as Error).name}`);
  }
  if (res.status !== 200) throw new UpstreamError(`userinfo request failed with status ${res.status}`);
  let claims: unknown;
  try {
    claims = res.json();
  } catch {
    throw new UpstreamError('failed to parse userinfo response');
  }
  if (claims === null || typeof claims !== 'object' || Array.isArray(claims))
    throw new UpstreamError('userinfo response is not a JSON object');
  const c = claims as Record<string, unknown>;
  const subject = first(c, cfg.subjectFields);
  if (!subject) throw new UpstreamError('userinfo response missing required subject claim');
  const name = first(c, cfg.nameFields);
  const email = first(c, cfg.emailFields);
  return { subject, ...(name ? { name } : {}), ...(email ? { email } : {}), claims: c };
}
