/**
 * `POST /oauth/token`: form-encoded requests only, client authenticated first, then the grant:
 * `authorization_code`, `refresh_token`, or RFC 8693 token exchange. Errors are RFC 6749 §5.2
 * JSON; successful responses are never cached. Client errors are logged at debug level only, so
 * an unauthenticated caller cannot flood the log.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticateClient, DCR_CLIENT_TTL_MS } from '../clients.ts';
import type { AuthServerContext } from '../context.ts';
import { authorizationCodeGrant } from '../grants/authorization-code.ts';
import { refreshTokenGrant } from '../grants/refresh-token.ts';
import { TOKEN_EXCHANGE_GRANT, type TokenExchanger } from '../grants/token-exchange.ts';
import {
  BodyTooLargeError,
  invalidRequest,
  mediaType,
  noStore,
  OAuthError,
  Params,
  readBody,
  serverError,
  temporarilyUnavailable,
  unauthorizedClient,
  writeJson,
  writeOAuthError,
} from '../http.ts';
import { StorageError } from '../storage/types.ts';

export async function handleToken(
  ctx: AuthServerContext,
  exchanger: TokenExchanger,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  try {
    if (mediaType(req) !== 'application/x-www-form-urlencoded') {
      req.resume();
      throw invalidRequest('The request body must be application/x-www-form-urlencoded.');
    }
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch (err) {
      if (err instanceof BodyTooLargeError) throw new OAuthError('invalid_request', err.message, 413);
      throw err;
    }
    const p = new Params(new URLSearchParams(body.toString('utf8')), ['resource', 'audience']);
    const grantType = p.get('grant_type');
    if (!grantType) throw invalidRequest("The request is missing the 'grant_type' parameter.");
    const client = await authenticateClient(req.headers, p, ctx.storage);
    if (!client.grantTypes.includes(grantType))
      throw unauthorizedClient(
        `The OAuth 2.0 Client is not allowed to use authorization grant '${grantType}'.`,
      );
    let response: Record<string, unknown>;
    switch (grantType) {
      case 'authorization_code':
        response = await authorizationCodeGrant(ctx, client, p);
        break;
      case 'refresh_token':
        response = await refreshTokenGrant(ctx, client, p);
        break;
      case TOKEN_EXCHANGE_GRANT:
        response = await exchanger.exchange(client, p);
        break;
      default:
        throw new OAuthError(
          'unsupported_grant_type',
          `The authorization grant type '${grantType}' is not supported by the authorization server.`,
        );
    }
    // Proven use of a registered client: keep its registration alive (best effort).
    if (client.dcrIssued)
      await ctx.storage.renewClient(client.clientId, DCR_CLIENT_TTL_MS).catch(() => undefined);
    noStore(res);
    writeJson(res, 200, response);
  } catch (err) {
    if (err instanceof OAuthError) {
      ctx.logger.debug('token request refused', { error: err.code, reason: err.description });
      return writeOAuthError(res, err);
    }
    if (err instanceof StorageError) {
      ctx.logger.error('token request failed: storage unavailable', { error: err.message });
      return writeOAuthError(res, temporarilyUnavailable('The authorization server storage is unavailable.'));
    }
    ctx.logger.error('token request failed', { error: (err as Error).message });
    writeOAuthError(res, serverError('The authorization server encountered an unexpected error.'));
  }
}
