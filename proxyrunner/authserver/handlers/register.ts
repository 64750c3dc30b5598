/**
 * `POST /oauth/register`: RFC 7591 dynamic client registration, unauthenticated as MCP clients
 * expect, hence rate limited and capped. Public clients by default; confidential ones only when
 * allowed (and then only with https, non-loopback redirect URIs). A client secret is generated
 * here, returned once, and stored only as a hash.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AUTHSERVER_DEFAULT_SCOPES } from '../../../lib/runconfig/authserver.ts';
import {
  confidentialRedirectProblem,
  DCR_CLIENT_TTL_MS,
  generateClientSecret,
  hashSecret,
  newClientId,
  parseRegistration,
  RegistrationError,
  registeredScopes,
} from '../clients.ts';
import type { AuthServerContext } from '../context.ts';
import {
  allowCors,
  BodyTooLargeError,
  mediaType,
  noStore,
  OAuthError,
  readBody,
  writeJson,
  writeOAuthError,
} from '../http.ts';
import type { TokenBucket } from '../rate-limit.ts';
import type { ClientAuthMethod, ClientRecord } from '../storage/types.ts';

/** Registered clients kept at most (expired registrations do not count). */
export const MAX_DCR_CLIENTS = 10_000;

export async function handleRegister(
  ctx: AuthServerContext,
  limiter: TokenBucket,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (allowCors(req, res, 'POST, OPTIONS')) return;
  if (!limiter.take()) {
    req.resume();
    res.statusCode = 429;
    res.setHeader('Retry-After', '1');
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.end('rate limit exceeded, retry later\n');
    return;
  }
  try {
    if (!mediaType(req).startsWith('application/json')) {
      req.resume();
      throw new RegistrationError('invalid_client_metadata', 'Content-Type must be application/json');
    }
    let raw: Buffer;
    try {
      raw = await readBody(req);
    } catch (err) {
      if (err instanceof BodyTooLargeError) throw new OAuthError('invalid_client_metadata', err.message, 413);
      throw err;
    }
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new RegistrationError('invalid_client_metadata', 'invalid JSON request body');
    }
    const s = ctx.settings;
    const reg = parseRegistration(body, s.allowConfidentialClientRegistration);
    const scopes = registeredScopes(
      reg.scopes,
      s.scopesSupported,
      AUTHSERVER_DEFAULT_SCOPES,
      s.baselineClientScopes,
    );

    // A client that declares itself public but registers an operator-listed redirect URI gets a
    // secret anyway (RFC 7591 §3.2.1 lets the server substitute metadata): some MCP clients ask
    // for "none" and then refuse to work without a secret. Exact matches only.
    let method: ClientAuthMethod = reg.authMethod;
    const forced =
      method === 'none'
        ? reg.redirectUris.find((u) => s.forceConfidentialRedirectUris.includes(u))
        : undefined;
    if (forced) {
      method = 'client_secret_post';
      const problem = confidentialRedirectProblem(reg.redirectUris, method);
      if (problem) throw problem;
    }

    if ((await ctx.storage.countDcrClients()) >= MAX_DCR_CLIENTS) {
      noStore(res);
      return writeJson(
        res,
        503,
        { error: 'server_error', error_description: 'client registration capacity reached; try again later' },
        { 'Retry-After': '3600' },
      );
    }

    const clientId = newClientId();
    const secret = method === 'none' ? undefined : generateClientSecret();
    const now = ctx.now();
    const client: ClientRecord = {
      clientId,
      ...(secret ? { secretHash: hashSecret(secret) } : {}),
      // A forced client's credential presentation is unknown in advance: accept either method.
      tokenEndpointAuthMethod: forced ? 'any' : method,
      redirectUris: reg.redirectUris,
      grantTypes: reg.grantTypes,
      responseTypes: reg.responseTypes,
      scopes,
      audiences: [...s.allowedAudiences],
      ...(reg.clientName ? { clientName: reg.clientName } : {}),
      ...(reg.softwareId ? { softwareId: reg.softwareId } : {}),
      dcrIssued: true,
      createdAt: now,
    };
    await ctx.storage.registerClient(client, DCR_CLIENT_TTL_MS);
    if (forced) ctx.logger.warn('DCR: forcing confidential client registration', { client_id: clientId });
    ctx.logger.debug('registered new DCR client', {
      client_id: clientId,
      token_endpoint_auth_method: method,
    });
    noStore(res);
    writeJson(res, 201, {
      client_id: clientId,
      client_id_issued_at: Math.floor(now / 1000),
      redirect_uris: reg.redirectUris,
      ...(reg.clientName ? { client_name: reg.clientName } : {}),
      token_endpoint_auth_method: method,
      grant_types: reg.grantTypes,
      response_types: reg.responseTypes,
      scope: scopes.join(' '),
      // Returned exactly once; 0 = does not expire (use keeps the registration alive).
      ...(secret ? { client_secret: secret, client_secret_expires_at: 0 } : {}),
    });
  } catch (err) {
    if (err instanceof OAuthError) return writeOAuthError(res, err);
    ctx.logger.error('client registration failed', { error: (err as Error).message });
    writeOAuthError(res, new OAuthError('server_error', 'failed to register client', 500));
  }
}
