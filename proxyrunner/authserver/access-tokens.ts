/**
 * Access tokens: RFC 9068 JWTs signed with our key. Besides the registered claims they carry
 * `client_id`, the scopes (as fosite's `scp` list, which ToolHive issues, and as RFC 9068's
 * `scope` string), the user's `name` and `email` from the upstream login, and `tsid`, the token
 * session the proxy loads the upstream tokens of. Delegated tokens (RFC 8693) carry `act`
 * instead of `tsid`: they are not linked to upstream tokens.
 */
import { randomUUID } from 'node:crypto';
import { TSID_CLAIM } from '../middleware/auth/embedded.ts';
import type { KeySet } from './keys.ts';
import type { GrantSession } from './storage/types.ts';

export interface IssuedAccessToken {
  readonly token: string;
  readonly expiresIn: number;
}

export interface AccessTokenOptions {
  readonly issuer: string;
  readonly lifetimeMs: number;
  readonly now: number;
  /** RFC 8693 actor chain of a delegated token. */
  readonly act?: Record<string, unknown>;
  /** Scopes of this token when narrower than the session's (a scoped-down refresh). */
  readonly scopes?: readonly string[];
  readonly audience?: readonly string[];
}

export async function issueAccessToken(
  keys: KeySet,
  session: GrantSession,
  o: AccessTokenOptions,
): Promise<IssuedAccessToken> {
  const iat = Math.floor(o.now / 1000);
  const expiresIn = Math.max(1, Math.floor(o.lifetimeMs / 1000));
  const scopes = [...(o.scopes ?? session.grantedScopes)];
  const token = await keys.sign({
    iss: o.issuer,
    sub: session.subject,
    aud: [...(o.audience ?? session.grantedAudience)],
    iat,
    nbf: iat,
    exp: iat + expiresIn,
    jti: randomUUID(),
    client_id: session.clientId,
    scp: scopes,
    ...(scopes.length > 0 ? { scope: scopes.join(' ') } : {}),
    ...(session.sessionId ? { [TSID_CLAIM]: session.sessionId } : {}),
    ...(session.name ? { name: session.name } : {}),
    ...(session.email ? { email: session.email } : {}),
    ...(o.act ? { act: o.act } : {}),
  });
  return { token, expiresIn };
}

/** The successful token response (RFC 6749 §5.1), never cached. */
export function tokenResponse(
  access: IssuedAccessToken,
  scopes: readonly string[],
  refreshToken?: string,
  extra: Record<string, string> = {},
): Record<string, unknown> {
  return {
    access_token: access.token,
    token_type: 'bearer',
    expires_in: access.expiresIn,
    ...(scopes.length > 0 ? { scope: scopes.join(' ') } : {}),
    ...(refreshToken ? { refresh_token: refreshToken } : {}),
    ...extra,
  };
}

/** fosite issues refresh tokens only when one of these scopes was granted. */
export const REFRESH_SCOPES: readonly string[] = ['offline', 'offline_access'];

export function grantsRefresh(scopes: readonly string[]): boolean {
  return scopes.some((s) => REFRESH_SCOPES.includes(s));
}
