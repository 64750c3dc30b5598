/**
 * `grant_type=authorization_code` (RFC 6749 §4.1.3 with PKCE, RFC 7636 §4.6). The code is
 * redeemed atomically before anything else is checked, so it can never be used twice, even by
 * two replicas at once; a second use is answered with `invalid_grant` and revokes what the first
 * use issued (RFC 6749 §4.1.2): the refresh token family and the upstream token session.
 */
import { grantsRefresh, issueAccessToken, tokenResponse } from '../access-tokens.ts';
import type { AuthServerContext } from '../context.ts';
import { CODE_REPLAY_WINDOW_MS } from '../handlers/callback.ts';
import { checkResource } from '../handlers/resource.ts';
import { invalidGrant, invalidRequest, type Params } from '../http.ts';
import { CODE_PREFIX, REFRESH_PREFIX } from '../opaque-tokens.ts';
import { isValidVerifier, verifierMatches } from '../pkce.ts';
import type { ClientRecord, GrantSession } from '../storage/types.ts';
import { matchRedirectUri } from '../urls.ts';

const INVALID_CODE =
  'The provided authorization grant (e.g., authorization code, resource owner credentials) or refresh token is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.';

export async function authorizationCodeGrant(
  ctx: AuthServerContext,
  client: ClientRecord,
  p: Params,
): Promise<Record<string, unknown>> {
  const code = p.get('code');
  if (!code) throw invalidRequest("The request is missing the 'code' parameter.");
  const signature = ctx.opaque.verify(code, CODE_PREFIX);
  if (!signature) throw invalidGrant(INVALID_CODE);
  const redemption = await ctx.storage.redeemAuthCode(signature, CODE_REPLAY_WINDOW_MS);
  if (redemption.kind === 'unknown') throw invalidGrant(INVALID_CODE);
  const record = redemption.record;
  if (redemption.kind === 'replayed') {
    ctx.logger.warn('authorization code replayed; revoking the tokens issued for it', {
      client_id: client.clientId,
    });
    await ctx.storage.revokeRefreshFamily(record.session.requestId);
    await ctx.storage.deleteUpstreamTokens(record.session.sessionId);
    throw invalidGrant('The authorization code has already been used.');
  }
  const now = ctx.now();
  if (record.expiresAt <= now) throw invalidGrant('The authorization code has expired.');
  if (record.session.clientId !== client.clientId)
    throw invalidGrant(
      'The OAuth 2.0 Client ID from this request does not match the one from the authorize request.',
    );
  const redirectUri = p.get('redirect_uri');
  if (redirectUri === undefined) {
    // Omitting it is only fine when the client could omit it at /oauth/authorize too.
    if (client.redirectUris.length !== 1 || client.redirectUris[0] !== record.redirectUri)
      throw invalidRequest("The request is missing the 'redirect_uri' parameter.");
  } else if (
    redirectUri !== record.redirectUri &&
    !(
      client.tokenEndpointAuthMethod === 'none' &&
      matchRedirectUri([record.redirectUri], redirectUri, false) !== undefined
    )
  ) {
    throw invalidGrant(
      'The "redirect_uri" from this request does not match the one from the authorize request.',
    );
  }
  const verifier = p.get('code_verifier');
  if (!verifier) throw invalidGrant('The PKCE code verifier must be at least 43 characters.');
  if (!isValidVerifier(verifier)) throw invalidGrant('The PKCE code verifier has an invalid format.');
  if (!verifierMatches(verifier, record.pkceChallenge))
    throw invalidGrant('The PKCE code challenge did not match the code verifier.');

  const requested = checkResource(p.all('resource'), ctx.settings.allowedAudiences, client);
  if (requested && record.resource && requested !== record.resource)
    throw invalidGrant('The resource does not match the one from the authorize request.');
  const resource =
    requested ??
    record.resource ??
    (ctx.settings.allowedAudiences.length === 1 ? ctx.settings.allowedAudiences[0] : undefined);
  const session: GrantSession = { ...record.session, grantedAudience: resource ? [resource] : [] };

  const access = await issueAccessToken(ctx.keys, session, {
    issuer: ctx.settings.issuer,
    lifetimeMs: ctx.settings.accessTokenLifespanMs,
    now,
  });
  let refreshToken: string | undefined;
  if (grantsRefresh(session.grantedScopes)) {
    const minted = ctx.opaque.mint(REFRESH_PREFIX);
    const expiresAt = now + ctx.settings.refreshTokenLifespanMs;
    await ctx.storage.createRefreshToken(minted.signature, { session, expiresAt });
    await ctx.storage.extendUpstreamSession(session.sessionId, expiresAt);
    refreshToken = minted.token;
  }
  return tokenResponse(access, session.grantedScopes, refreshToken);
}
