/**
 * `grant_type=refresh_token` with rotation (OAuth 2.1 §4.3.1): every use returns a new refresh
 * token and retires the old one. Presenting a retired token again means it leaked (or a client
 * raced itself): the whole family is revoked and the token session's upstream tokens deleted, so
 * access tokens already issued from it stop carrying upstream credentials too. A refresh also
 * moves the end of the token session to the new refresh token's expiry.
 */
import { issueAccessToken, tokenResponse } from '../access-tokens.ts';
import type { AuthServerContext } from '../context.ts';
import { invalidGrant, invalidRequest, invalidScope, invalidTarget, type Params } from '../http.ts';
import { REFRESH_PREFIX } from '../opaque-tokens.ts';
import type { ClientRecord, GrantSession } from '../storage/types.ts';

const INVALID_REFRESH = 'The refresh token is invalid, expired or revoked.';

export async function refreshTokenGrant(
  ctx: AuthServerContext,
  client: ClientRecord,
  p: Params,
): Promise<Record<string, unknown>> {
  const presented = p.get('refresh_token');
  if (!presented) throw invalidRequest("The request is missing the 'refresh_token' parameter.");
  const signature = ctx.opaque.verify(presented, REFRESH_PREFIX);
  if (!signature) throw invalidGrant(INVALID_REFRESH);
  const rotation = await ctx.storage.rotateRefreshToken(signature);
  if (rotation.kind === 'unknown') throw invalidGrant(INVALID_REFRESH);
  const old = rotation.record;
  if (rotation.kind === 'reused') {
    ctx.logger.warn('refresh token reused; revoking its token family', { client_id: client.clientId });
    await ctx.storage.revokeRefreshFamily(old.session.requestId);
    await ctx.storage.deleteUpstreamTokens(old.session.sessionId);
    throw invalidGrant('The refresh token has already been used.');
  }
  const now = ctx.now();
  if (old.expiresAt <= now) throw invalidGrant(INVALID_REFRESH);
  if (old.session.clientId !== client.clientId)
    throw invalidGrant(
      'The OAuth 2.0 Client ID from this request does not match the ID during the initial token issuance.',
    );

  // A client may ask for less than it was granted, never more (RFC 6749 §6).
  const scopeParam = p.get('scope');
  let scopes = old.session.grantedScopes;
  if (scopeParam !== undefined) {
    const requested = [...new Set(scopeParam.split(' ').filter((s) => s !== ''))];
    for (const s of requested)
      if (!old.session.grantedScopes.includes(s))
        throw invalidScope(`The requested scope '${s}' was not granted by the resource owner.`);
    scopes = requested;
  }
  const resources = p.all('resource');
  if (resources.length > 1) throw invalidTarget('Multiple resource parameters are not supported');
  if (resources[0] !== undefined && !old.session.grantedAudience.includes(resources[0]))
    throw invalidTarget(`Resource "${resources[0]}" was not granted to this refresh token`);

  // The family keeps the originally granted scopes; a narrower request narrows this token only.
  const session: GrantSession = old.session;
  const access = await issueAccessToken(ctx.keys, session, {
    issuer: ctx.settings.issuer,
    lifetimeMs: ctx.settings.accessTokenLifespanMs,
    now,
    scopes,
    ...(resources[0] ? { audience: [resources[0]] } : {}),
  });
  const minted = ctx.opaque.mint(REFRESH_PREFIX);
  const expiresAt = now + ctx.settings.refreshTokenLifespanMs;
  await ctx.storage.createRefreshToken(minted.signature, { session, expiresAt });
  await ctx.storage.extendUpstreamSession(session.sessionId, expiresAt);
  return tokenResponse(access, scopes, minted.token);
}
