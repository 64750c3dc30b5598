/**
 * `GET /oauth/callback`: the upstream identity provider sends the user back here. The pending
 * login is taken by its state (once: a replayed callback finds nothing), the upstream code is
 * redeemed with our PKCE verifier, the ID token checked with our nonce, and the upstream tokens
 * stored server-side under the login's token session. With several upstreams (vMCP) the browser
 * then goes to the next one; when all are done the client gets our authorization code.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type AuthServerContext, upstreamByName } from '../context.ts';
import { clientRedirect, OAuthError, redirect, serverError } from '../http.ts';
import { CODE_PREFIX } from '../opaque-tokens.ts';
import { challengeFor, newVerifier } from '../pkce.ts';
import { type PendingAuthorization, type UpstreamTokens, upstreamTokensExpired } from '../storage/types.ts';
import type { UpstreamIdentity } from '../upstream/types.ts';
import { PENDING_TTL_MS, randomToken } from './authorize.ts';

/** How long a redeemed code is remembered, so a replay is recognised (ToolHive: 30 min). */
export const CODE_REPLAY_WINDOW_MS = 30 * 60_000;

function plain(res: ServerResponse, status: number, text: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.end(`${text}\n`);
}

function sendError(
  ctx: AuthServerContext,
  res: ServerResponse,
  pending: PendingAuthorization,
  err: OAuthError,
): void {
  redirect(
    res,
    clientRedirect(pending.redirectUri, {
      error: err.code,
      error_description: err.description,
      state: pending.state,
      iss: ctx.settings.issuer,
    }),
  );
}

/** Our user id for an upstream identity: the linked one, or a new user linked to it. */
async function resolveUser(ctx: AuthServerContext, providerId: string, subject: string): Promise<string> {
  const existing = await ctx.storage.getProviderIdentity(providerId, subject);
  const now = ctx.now();
  if (existing) {
    await ctx.storage.touchProviderIdentity(providerId, subject, now).catch(() => undefined);
    return existing.userId;
  }
  const id = randomUUID();
  const linked = await ctx.storage.createUserWithIdentity(
    { id, createdAt: now },
    { userId: id, providerId, providerSubject: subject, linkedAt: now, lastUsedAt: now },
  );
  return linked.userId;
}

export async function handleCallback(
  ctx: AuthServerContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const q = new URL(req.url ?? '/', 'http://localhost').searchParams;
  const state = q.get('state') ?? '';
  const code = q.get('code') ?? '';
  const upstreamError = q.get('error');

  if (upstreamError) {
    // Reported by the identity provider (the user declined, …): the detail stays in our log.
    ctx.logger.warn('upstream identity provider returned an error', { error: upstreamError.slice(0, 64) });
    const pending = state ? await ctx.storage.takePending(state).catch(() => undefined) : undefined;
    if (!pending) return plain(res, 502, 'upstream authentication failed');
    await ctx.storage.deleteUpstreamTokens(pending.sessionId).catch(() => undefined);
    return sendError(ctx, res, pending, new OAuthError('access_denied', 'upstream authentication failed'));
  }
  if (!state) return plain(res, 400, 'missing state parameter');
  if (!code) return plain(res, 400, 'missing code parameter');

  let pending: PendingAuthorization | undefined;
  try {
    pending = await ctx.storage.takePending(state);
  } catch (err) {
    ctx.logger.error('cannot load the pending authorization', { error: (err as Error).message });
    return plain(res, 503, 'authorization service temporarily unavailable');
  }
  if (!pending || ctx.now() - pending.createdAt > PENDING_TTL_MS)
    return plain(res, 400, 'authorization request not found or expired');

  // Only the provider this leg was sent to may answer it (IdP mix-up defence).
  const upstream = upstreamByName(ctx, pending.upstreamProviderName);
  if (!upstream) return sendError(ctx, res, pending, serverError('upstream provider not configured'));

  let identity: UpstreamIdentity;
  try {
    identity = await upstream.exchangeCode(code, pending.upstreamPkceVerifier, pending.upstreamNonce);
  } catch (err) {
    ctx.logger.warn('upstream code exchange failed', {
      upstream: upstream.name,
      error: (err as Error).message,
    });
    await ctx.storage.deleteUpstreamTokens(pending.sessionId).catch(() => undefined);
    return sendError(ctx, res, pending, serverError('failed to exchange authorization code'));
  }

  try {
    await completeLeg(ctx, res, pending, upstream.name, identity);
  } catch (err) {
    ctx.logger.error('login could not be completed', {
      upstream: upstream.name,
      error: (err as Error).message,
    });
    await ctx.storage.deleteUpstreamTokens(pending.sessionId).catch(() => undefined);
    if (!res.headersSent) sendError(ctx, res, pending, serverError('failed to complete the login'));
  }
}

async function completeLeg(
  ctx: AuthServerContext,
  res: ServerResponse,
  pending: PendingAuthorization,
  providerId: string,
  identity: UpstreamIdentity,
): Promise<void> {
  const firstLeg = !pending.resolvedUserId;
  let subject: string;
  let name: string | undefined;
  let email: string | undefined;
  if (firstLeg) {
    // A synthetic subject changes every login: an ephemeral key, not a user to remember.
    subject = identity.synthetic ? identity.subject : await resolveUser(ctx, providerId, identity.subject);
    name = identity.name;
    email = identity.email;
  } else {
    subject = pending.resolvedUserId!;
    name = pending.resolvedUserName;
    email = pending.resolvedUserEmail;
    if (!identity.synthetic)
      await ctx.storage.touchProviderIdentity(providerId, identity.subject, ctx.now()).catch(() => undefined);
  }

  let refreshToken = identity.tokens.refreshToken;
  if (!refreshToken) {
    // Providers often skip the refresh token on a repeated consent: keep the user's last one.
    const prior = await ctx.storage.latestUpstreamTokensForUser(subject, providerId).catch(() => undefined);
    if (prior?.refreshToken && (identity.synthetic || prior.upstreamSubject === identity.subject))
      refreshToken = prior.refreshToken;
  }
  const row: UpstreamTokens = {
    providerId,
    accessToken: identity.tokens.accessToken,
    refreshToken,
    idToken: identity.tokens.idToken,
    expiresAt: identity.tokens.expiresAt,
    sessionExpiresAt: ctx.now() + ctx.settings.refreshTokenLifespanMs,
    userId: subject,
    upstreamSubject: identity.subject,
    clientId: pending.clientId,
  };
  await ctx.storage.storeUpstreamTokens(pending.sessionId, row);

  const chain = firstLeg ? ctx.upstreams.map((u) => u.name) : validChain(ctx, pending.chainUpstreams);
  const next = await nextMissingUpstream(ctx, pending.sessionId, chain);
  if (next) {
    const nextUpstream = upstreamByName(ctx, next)!;
    const upstreamState = randomToken();
    const verifier = newVerifier();
    const nonce = randomToken();
    const location = await nextUpstream.authorizationUrl(upstreamState, challengeFor(verifier), nonce);
    await ctx.storage.storePending(
      upstreamState,
      {
        ...pending,
        upstreamPkceVerifier: verifier,
        upstreamNonce: nonce,
        upstreamProviderName: next,
        chainUpstreams: chain,
        resolvedUserId: subject,
        ...(name ? { resolvedUserName: name } : {}),
        ...(email ? { resolvedUserEmail: email } : {}),
        createdAt: ctx.now(),
      },
      PENDING_TTL_MS,
    );
    return redirect(res, location, 302);
  }

  // Defence in depth: the identity provider's row must still belong to the carried user.
  if (chain.length > 1) {
    const firstRow = (await ctx.storage.getAllUpstreamTokens(pending.sessionId)).get(chain[0]!);
    if (firstRow && firstRow.userId !== subject)
      throw new Error(`identity mismatch on provider "${chain[0]}"`);
  }

  const client = await ctx.storage.getClient(pending.clientId);
  if (!client) throw new Error('the client of this login is no longer registered');
  const now = ctx.now();
  const { token, signature } = ctx.opaque.mint(CODE_PREFIX);
  await ctx.storage.createAuthCode(signature, {
    session: {
      requestId: randomUUID(),
      clientId: client.clientId,
      subject,
      sessionId: pending.sessionId,
      ...(name ? { name } : {}),
      ...(email ? { email } : {}),
      // Only scopes the client is (still) registered for: a tampered pending row gains nothing.
      grantedScopes: pending.scopes.filter((s) => client.scopes.includes(s)),
      grantedAudience: [],
      authTime: now,
    },
    redirectUri: pending.redirectUri,
    pkceChallenge: pending.pkceChallenge,
    pkceMethod: pending.pkceMethod,
    ...(pending.resource ? { resource: pending.resource } : {}),
    expiresAt: now + ctx.settings.authCodeLifespanMs,
  });
  redirect(
    res,
    clientRedirect(pending.redirectUri, { code: token, state: pending.state, iss: ctx.settings.issuer }),
  );
}

/** A chain carried in a pending row must be an in-order subsequence led by the first upstream. */
function validChain(ctx: AuthServerContext, chain: readonly string[] | undefined): string[] {
  const configured = ctx.upstreams.map((u) => u.name);
  if (!chain || chain.length === 0 || chain[0] !== configured[0])
    throw new Error('subsequent chain leg is missing its computed upstream chain');
  let i = 0;
  for (const name of chain) {
    while (i < configured.length && configured[i] !== name) i++;
    if (i >= configured.length)
      throw new Error(`chain entry "${name}" is unconfigured, out of order, or duplicated`);
    i++;
  }
  return [...chain];
}

/** The first upstream of the chain this session has no live (or refreshable) tokens for. */
async function nextMissingUpstream(
  ctx: AuthServerContext,
  sessionId: string,
  chain: readonly string[],
): Promise<string | undefined> {
  const stored = await ctx.storage.getAllUpstreamTokens(sessionId);
  for (const name of chain) {
    const row = stored.get(name);
    if (!row) return name;
    if (!upstreamTokensExpired(row, ctx.now())) continue;
    try {
      await ctx.upstreamTokens.refresh(sessionId, row);
    } catch {
      return name;
    }
  }
  return undefined;
}
