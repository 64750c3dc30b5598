/**
 * OAuth clients: RFC 7591 registration rules (ToolHive's `ValidateDCRRequest`), client secrets
 * (server-generated, stored only as SHA-256, compared in constant time) and client
 * authentication at the token endpoint (`none`, `client_secret_basic`, `client_secret_post`).
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { OAuthError, type Params } from './http.ts';
import type { AuthServerStorage, ClientAuthMethod, ClientRecord } from './storage/types.ts';
import { isLoopbackHostname, redirectUriProblem } from './urls.ts';

export const MAX_REDIRECT_URIS = 10;
export const MAX_CLIENT_NAME = 256;
export const MAX_SOFTWARE_ID = 256;
/** ToolHive's `DefaultDCRClientTTL`: registrations idle this long are forgotten. */
export const DCR_CLIENT_TTL_MS = 30 * 24 * 3_600_000;

const DEFAULT_GRANT_TYPES = ['authorization_code', 'refresh_token'];
const DEFAULT_RESPONSE_TYPES = ['code'];
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function secretMatches(secret: string, hash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(hash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** 256 bits from the CSPRNG, as ToolHive's `GenerateClientSecret`. */
export function generateClientSecret(): string {
  return randomBytes(32).toString('base64url');
}

export class RegistrationError extends OAuthError {
  constructor(code: 'invalid_redirect_uri' | 'invalid_client_metadata', description: string) {
    super(code, description, 400);
  }
}

export interface RegistrationRequest {
  readonly redirectUris: string[];
  readonly clientName?: string;
  readonly softwareId?: string;
  readonly authMethod: ClientAuthMethod;
  readonly grantTypes: string[];
  readonly responseTypes: string[];
  readonly scopes: string[] | undefined;
}

function stringArray(v: unknown, field: string): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))
    throw new RegistrationError('invalid_client_metadata', `${field} must be an array of strings`);
  return v as string[];
}

function optionalString(v: unknown, field: string): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string')
    throw new RegistrationError('invalid_client_metadata', `${field} must be a string`);
  return v;
}

/** `scope` is a space-separated string in RFC 7591; some clients send an array. */
function scopeList(v: unknown): string[] | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const list = typeof v === 'string' ? v.split(' ').filter((s) => s !== '') : stringArray(v, 'scope');
  for (const s of list ?? [])
    if (!SCOPE_TOKEN.test(s))
      throw new RegistrationError('invalid_client_metadata', `invalid scope token: ${s}`);
  return list;
}

/** Confidential clients are restricted to https, non-loopback redirect URIs (server policy). */
export function confidentialRedirectProblem(
  uris: readonly string[],
  method: string,
): RegistrationError | undefined {
  for (const uri of uris) {
    const p = redirectUriProblem(uri, false);
    if (p) return new RegistrationError('invalid_redirect_uri', p);
    if (isLoopbackHostname(new URL(uri).hostname))
      return new RegistrationError(
        'invalid_redirect_uri',
        `token_endpoint_auth_method '${method}' requires https non-loopback redirect_uris; native and loopback clients must use 'none' (offending redirect_uri: ${uri})`,
      );
  }
  return undefined;
}

export function parseRegistration(body: unknown, allowConfidential: boolean): RegistrationRequest {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw new RegistrationError('invalid_client_metadata', 'invalid JSON request body');
  const b = body as Record<string, unknown>;
  const redirectUris = stringArray(b.redirect_uris, 'redirect_uris') ?? [];
  if (redirectUris.length === 0)
    throw new RegistrationError('invalid_redirect_uri', 'redirect_uris is required');
  if (redirectUris.length > MAX_REDIRECT_URIS)
    throw new RegistrationError(
      'invalid_redirect_uri',
      `too many redirect_uris (maximum ${MAX_REDIRECT_URIS})`,
    );
  for (const uri of redirectUris) {
    const p = redirectUriProblem(uri, true);
    if (p) throw new RegistrationError('invalid_redirect_uri', p);
  }
  const clientName = optionalString(b.client_name, 'client_name');
  if (clientName && clientName.length > MAX_CLIENT_NAME)
    throw new RegistrationError(
      'invalid_client_metadata',
      `client_name too long (maximum ${MAX_CLIENT_NAME} characters)`,
    );
  const softwareId = optionalString(b.software_id, 'software_id');
  if (softwareId && softwareId.length > MAX_SOFTWARE_ID)
    throw new RegistrationError(
      'invalid_client_metadata',
      `software_id too long (maximum ${MAX_SOFTWARE_ID} characters)`,
    );
  if (softwareId && !/^[\x20-\x7e]+$/.test(softwareId))
    throw new RegistrationError(
      'invalid_client_metadata',
      'software_id must contain only printable ASCII characters',
    );

  // RFC 7591 defaults an omitted method to client_secret_basic; like ToolHive we default to
  // `none`, because MCP clients are public PKCE clients and a silent confidential default would
  // leave them unable to redeem codes.
  const method = optionalString(b.token_endpoint_auth_method, 'token_endpoint_auth_method') ?? 'none';
  if (method !== 'none' && method !== 'client_secret_basic' && method !== 'client_secret_post')
    throw new RegistrationError(
      'invalid_client_metadata',
      `unsupported token_endpoint_auth_method: ${method}`,
    );
  if (method !== 'none') {
    if (!allowConfidential)
      throw new RegistrationError(
        'invalid_client_metadata',
        "this authorization server only supports token_endpoint_auth_method 'none'",
      );
    const problem = confidentialRedirectProblem(redirectUris, method);
    if (problem) throw problem;
  }

  const grantTypes = stringArray(b.grant_types, 'grant_types') ?? [...DEFAULT_GRANT_TYPES];
  const effectiveGrants = grantTypes.length > 0 ? grantTypes : [...DEFAULT_GRANT_TYPES];
  if (!effectiveGrants.includes('authorization_code'))
    throw new RegistrationError('invalid_client_metadata', "grant_types must include 'authorization_code'");
  for (const g of effectiveGrants)
    if (!DEFAULT_GRANT_TYPES.includes(g))
      throw new RegistrationError('invalid_client_metadata', `unsupported grant_type: ${g}`);
  const responseTypes = stringArray(b.response_types, 'response_types') ?? [...DEFAULT_RESPONSE_TYPES];
  const effectiveResponses = responseTypes.length > 0 ? responseTypes : [...DEFAULT_RESPONSE_TYPES];
  if (!effectiveResponses.includes('code'))
    throw new RegistrationError('invalid_client_metadata', "response_types must include 'code'");
  for (const r of effectiveResponses)
    if (r !== 'code')
      throw new RegistrationError('invalid_client_metadata', `unsupported response_type: ${r}`);

  return {
    redirectUris,
    ...(clientName ? { clientName } : {}),
    ...(softwareId ? { softwareId } : {}),
    authMethod: method,
    grantTypes: [...new Set(effectiveGrants)],
    responseTypes: [...new Set(effectiveResponses)],
    scopes: scopeList(b.scope),
  };
}

/** Requested scopes checked against the server's; none requested means ToolHive's defaults. */
export function registeredScopes(
  requested: readonly string[] | undefined,
  supported: readonly string[],
  defaults: readonly string[],
  baseline: readonly string[],
): string[] {
  let scopes: string[];
  if (requested && requested.length > 0) {
    for (const s of requested)
      if (!supported.includes(s))
        throw new RegistrationError('invalid_client_metadata', `unsupported scope: ${s}`);
    scopes = [...new Set(requested)];
  } else {
    for (const s of defaults)
      if (!supported.includes(s))
        throw new RegistrationError('invalid_client_metadata', `default scope not supported by server: ${s}`);
    scopes = [...defaults];
  }
  for (const s of baseline) if (!scopes.includes(s)) scopes.push(s);
  return scopes;
}

export function newClientId(): string {
  return randomUUID();
}

function invalidClient(description: string, basic: boolean): OAuthError {
  return new OAuthError(
    'invalid_client',
    description,
    401,
    basic ? { 'WWW-Authenticate': 'Basic realm="oauth"' } : {},
  );
}

/** `Authorization: Basic` credentials (RFC 6749 §2.3.1: both parts form-urlencoded). */
function basicCredentials(headers: IncomingHttpHeaders): { id: string; secret: string } | undefined {
  const h = headers.authorization;
  if (!h) return undefined;
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(h);
  if (!m) throw invalidClient('Client authentication failed (unsupported authorization header).', true);
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw invalidClient('Client authentication failed (malformed basic credentials).', true);
  try {
    return {
      id: decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' ')),
      secret: decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' ')),
    };
  } catch {
    throw invalidClient('Client authentication failed (malformed basic credentials).', true);
  }
}

/** Identifies and authenticates the client of a token request. */
export async function authenticateClient(
  headers: IncomingHttpHeaders,
  params: Params,
  storage: AuthServerStorage,
): Promise<ClientRecord> {
  const basic = basicCredentials(headers);
  const formId = params.get('client_id');
  const formSecret = params.get('client_secret');
  if (basic && formSecret)
    throw new OAuthError('invalid_request', 'The request used more than one client authentication method.');
  if (basic && formId && formId !== basic.id)
    throw new OAuthError(
      'invalid_request',
      'The client_id in the body does not match the authenticated client.',
    );
  const clientId = basic?.id ?? formId;
  if (!clientId) throw invalidClient('Client authentication failed (no client_id).', false);
  const client = await storage.getClient(clientId);
  if (!client) throw invalidClient('Client authentication failed (unknown client).', !!basic);
  if (client.tokenEndpointAuthMethod === 'none') return client;
  const used: ClientAuthMethod | undefined = basic
    ? 'client_secret_basic'
    : formSecret
      ? 'client_secret_post'
      : undefined;
  const presented = basic?.secret ?? formSecret;
  if (!used || presented === undefined || !client.secretHash)
    throw invalidClient('Client authentication failed (client credentials required).', !!basic);
  if (client.tokenEndpointAuthMethod !== 'any' && client.tokenEndpointAuthMethod !== used)
    throw invalidClient(
      `Client authentication failed (the client is registered for ${client.tokenEndpointAuthMethod}).`,
      !!basic,
    );
  if (!secretMatches(presented, client.secretHash))
    throw invalidClient('Client authentication failed (invalid client secret).', !!basic);
  return client;
}
