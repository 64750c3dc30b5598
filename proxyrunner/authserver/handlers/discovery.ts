/**
 * Discovery: RFC 8414 authorization server metadata, the OIDC discovery document (MCP clients
 * use either) and the JWKS with every key that may have signed a live token. Public, cacheable
 * for an hour, readable from browsers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthServerContext } from '../context.ts';
import { TOKEN_EXCHANGE_GRANT } from '../grants/token-exchange.ts';
import { allowCors, writeJson } from '../http.ts';

const CACHE = { 'Cache-Control': 'public, max-age=3600' };

export function authorizationServerMetadata(ctx: AuthServerContext): Record<string, unknown> {
  const s = ctx.settings;
  const confidential = s.allowConfidentialClientRegistration || s.delegateClients.length > 0;
  return {
    issuer: s.issuer,
    authorization_endpoint: `${s.authorizationBase}/oauth/authorize`,
    token_endpoint: `${s.issuer}/oauth/token`,
    jwks_uri: `${s.issuer}/.well-known/jwks.json`,
    registration_endpoint: `${s.issuer}/oauth/register`,
    response_types_supported: ['code'],
    scopes_supported: [...s.scopesSupported],
    grant_types_supported: ['authorization_code', 'refresh_token', TOKEN_EXCHANGE_GRANT],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: confidential
      ? ['none', 'client_secret_basic', 'client_secret_post']
      : ['none'],
    // RFC 9207: our authorization responses name us, a defence against mix-up attacks.
    authorization_response_iss_parameter_supported: true,
  };
}

/** A public, cacheable JSON document, readable from browsers. */
function publicJson(req: IncomingMessage, res: ServerResponse, body: () => unknown): void {
  req.resume();
  if (allowCors(req, res, 'GET, OPTIONS')) return;
  writeJson(res, 200, body(), CACHE);
}

export function handleAuthorizationServerMetadata(
  ctx: AuthServerContext,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  publicJson(req, res, () => authorizationServerMetadata(ctx));
}

export function handleOpenIdConfiguration(
  ctx: AuthServerContext,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  publicJson(req, res, () => ({
    ...authorizationServerMetadata(ctx),
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ctx.keys.algorithms(),
  }));
}

export function handleJwks(ctx: AuthServerContext, req: IncomingMessage, res: ServerResponse): void {
  publicJson(req, res, () => ctx.keys.jwks());
}
