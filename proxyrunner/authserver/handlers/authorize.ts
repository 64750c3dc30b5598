/**
 * `GET /oauth/authorize`: checks the client's authorization request and sends the user's browser
 * to the first upstream identity provider. Until the redirect URI is known to belong to the
 * client, errors are answered here (never redirected: no open redirect); after that they go
 * back to the client as RFC 6749 §4.1.2.1 errors with its `state` and our `iss` (RFC 9207).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthServerContext } from '../context.ts';
import {
  clientRedirect,
  invalidRequest,
  invalidScope,
  OAuthError,
  Params,
  redirect,
  serverError,
  writeOAuthError,
} from '../http.ts';
import { challengeFor, isValidChallenge, newVerifier, PKCE_METHOD } from '../pkce.ts';
import type { ClientRecord, PendingAuthorization } from '../storage/types.ts';
import { matchRedirectUri } from '../urls.ts';
import { checkResource } from './resource.ts';

/** ToolHive's `DefaultPendingAuthorizationTTL`: a login must finish within ten minutes. */
export const PENDING_TTL_MS = 10 * 60_000;
/** fosite's minimum entropy of `state`. */
const MIN_STATE_LENGTH = 8;

/** A random URL-safe string for states and nonces. */
export function randomToken(): string {
  return randomBytes(24).toString('base64url');
}

/** The validated parts of an authorization request. */
interface AuthorizeRequest {
  readonly client: ClientRecord;
  readonly redirectUri: string;
  readonly state: string;
  readonly challenge: string;
  readonly scopes: string[];
  readonly resource?: string;
}

/** Errors that may be sent back to a verified redirect URI. */
function validate(
  ctx: AuthServerContext,
  p: Params,
  client: ClientRecord,
  redirectUri: string,
): AuthorizeRequest {
  const state = p.get('state') ?? '';
  const responseType = p.get('response_type');
  if (responseType !== 'code' || !client.responseTypes.includes('code'))
    throw new OAuthError(
      'unsupported_response_type',
      `The authorization server does not support obtaining a token using response type '${responseType ?? ''}'.`,
    );
  const mode = p.get('response_mode');
  if (mode !== undefined && mode !== 'query')
    throw new OAuthError('unsupported_response_mode', `The response mode '${mode}' is not supported.`);
  if (state.length < MIN_STATE_LENGTH)
    throw new OAuthError(
      'invalid_state',
      `Request parameter 'state' must be at least be ${MIN_STATE_LENGTH} characters long to ensure sufficient entropy.`,
    );
  const challenge = p.get('code_challenge');
  if (!challenge)
    throw invalidRequest(
      'Clients must include a code_challenge when performing the authorize code flow, but it is missing.',
    );
  const method = p.get('code_challenge_method') ?? 'plain';
  if (method !== PKCE_METHOD)
    throw invalidRequest('Clients must use code_challenge_method=S256, plain is not allowed.');
  if (!isValidChallenge(challenge))
    throw invalidRequest(
      'The code_challenge must be the 43-character base64url SHA-256 of the code verifier.',
    );
  const scopes = [...new Set((p.get('scope') ?? '').split(' ').filter((s) => s !== ''))];
  for (const s of scopes)
    if (!client.scopes.includes(s))
      throw invalidScope(`The OAuth 2.0 Client is not allowed to request scope '${s}'.`);
  const resource = checkResource(p.all('resource'), ctx.settings.allowedAudiences, client);
  return { client, redirectUri, state, challenge, scopes, ...(resource ? { resource } : {}) };
}

export async function handleAuthorize(
  ctx: AuthServerContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  let p: Params;
  try {
    p = new Params(url.searchParams, ['resource']);
  } catch (err) {
    return writeOAuthError(res, err as OAuthError);
  }
  const clientId = p.get('client_id');
  if (!clientId)
    return writeOAuthError(res, invalidRequest("The request is missing the 'client_id' parameter."));
  let client: ClientRecord | undefined;
  try {
    client = await ctx.storage.getClient(clientId);
  } catch (err) {
    ctx.logger.error('client lookup failed', { error: (err as Error).message });
    return writeOAuthError(res, serverError('The authorization server could not look up the client.'));
  }
  if (!client)
    return writeOAuthError(
      res,
      new OAuthError('invalid_client', 'Client authentication failed (unknown client).', 401),
    );
  const requested =
    p.get('redirect_uri') ?? (client.redirectUris.length === 1 ? client.redirectUris[0] : undefined);
  if (!requested)
    return writeOAuthError(res, invalidRequest("The request is missing the 'redirect_uri' parameter."));
  // Loopback redirects may vary the port (RFC 8252 §7.3), for public clients only.
  if (!matchRedirectUri(client.redirectUris, requested, client.tokenEndpointAuthMethod === 'none'))
    return writeOAuthError(
      res,
      invalidRequest(
        "The 'redirect_uri' parameter does not match any of the OAuth 2.0 Client's pre-registered redirect urls.",
      ),
    );

  const toClient = (err: OAuthError): void =>
    redirect(
      res,
      clientRedirect(requested, {
        error: err.code,
        error_description: err.description,
        state: p.get('state'),
        iss: ctx.settings.issuer,
      }),
    );

  let ar: AuthorizeRequest;
  try {
    ar = validate(ctx, p, client, requested);
  } catch (err) {
    if (err instanceof OAuthError) return toClient(err);
    throw err;
  }

  const first = ctx.upstreams[0]!;
  const upstreamState = randomToken();
  const verifier = newVerifier();
  const nonce = randomToken();
  const pending: PendingAuthorization = {
    clientId: client.clientId,
    redirectUri: ar.redirectUri,
    state: ar.state,
    pkceChallenge: ar.challenge,
    pkceMethod: PKCE_METHOD,
    scopes: ar.scopes,
    ...(ar.resource ? { resource: ar.resource } : {}),
    upstreamPkceVerifier: verifier,
    upstreamNonce: nonce,
    upstreamProviderName: first.name,
    // The token session every leg of this login stores its upstream tokens under.
    sessionId: randomUUID(),
    createdAt: ctx.now(),
  };
  let location: string;
  try {
    location = await first.authorizationUrl(upstreamState, challengeFor(verifier), nonce);
    await ctx.storage.storePending(upstreamState, pending, PENDING_TTL_MS);
  } catch (err) {
    ctx.logger.error('cannot start the upstream login', {
      upstream: first.name,
      error: (err as Error).message,
    });
    return toClient(
      serverError('The authorization server could not start the login at the identity provider.'),
    );
  }
  ctx.logger.debug('authorize request accepted', { client_id: client.clientId, upstream: first.name });
  redirect(res, location, 302);
}
