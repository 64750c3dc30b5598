/**
 * From the RunConfig's `embedded_auth_server_config` to the settings the server runs with:
 * durations parsed and bounded, defaults applied, secrets read from the files and environment
 * variables the config names, and every rule ToolHive checks at startup (`RunConfig.Validate`,
 * `Config.Validate`) checked here, so a bad config stops the process with a clear message
 * instead of failing logins later. Nothing read here is ever logged.
 */
import type {
  EmbeddedAuthServerRunConfig,
  OAuth2UpstreamRunConfig,
  OIDCUpstreamRunConfig,
  UpstreamRunConfig,
  UserInfoRunConfig,
} from '../../lib/runconfig/authserver.ts';
import { AUTHSERVER_DEFAULT_SCOPES } from '../../lib/runconfig/authserver.ts';
import { RESERVED_AUTHORIZATION_PARAMS } from '../../lib/runconfig/authserver-validation.ts';
import { parseGoDuration } from '../middleware/shared/duration.ts';
import type { Env } from '../middleware/shared/secrets.ts';
import {
  audienceProblem,
  endpointProblem,
  isLoopbackHostname,
  issuerProblem,
  redirectUriProblem,
} from './urls.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** ToolHive's lifetime bounds (pkg/authserver/server/provider.go). */
export const LIFESPAN_BOUNDS = {
  access: { min: MINUTE, max: DAY, default: HOUR },
  refresh: { min: HOUR, max: 30 * DAY, default: 7 * DAY },
  authCode: { min: 30_000, max: 10 * MINUTE, default: 10 * MINUTE },
  delegation: { max: DAY, default: 15 * MINUTE },
} as const;

const UPSTREAM_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const SUBJECT_CLAIM = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
/** Delegate-client secrets come from operators, not from us: demand DCR-secret entropy. */
const MIN_DELEGATE_SECRET_LENGTH = 32;

export interface UserInfoSettings {
  readonly endpointUrl: string;
  readonly method: 'GET' | 'POST';
  readonly headers: Readonly<Record<string, string>>;
  readonly subjectFields: readonly string[];
  readonly nameFields: readonly string[];
  readonly emailFields: readonly string[];
}

interface CommonUpstreamSettings {
  readonly name: string;
  readonly clientId: string;
  readonly clientSecret?: string;
  readonly redirectUri: string;
  readonly scopes: readonly string[];
  readonly additionalParams: Readonly<Record<string, string>>;
  readonly allowPrivateIps: boolean;
  readonly insecureAllowHttp: boolean;
}

export interface OidcUpstreamSettings extends CommonUpstreamSettings {
  readonly type: 'oidc';
  readonly issuer: string;
  readonly subjectClaim: string;
}

export interface OAuth2UpstreamSettings extends CommonUpstreamSettings {
  readonly type: 'oauth2';
  readonly authorizationEndpoint: string;
  readonly tokenEndpoint: string;
  readonly userInfo?: UserInfoSettings;
  readonly tokenResponseMapping?: {
    readonly accessTokenPath: string;
    readonly scopePath: string;
    readonly refreshTokenPath: string;
    readonly expiresInPath: string;
  };
  readonly identityFromToken?: {
    readonly subjectPath: string;
    readonly namePath?: string;
    readonly emailPath?: string;
  };
}

export type UpstreamSettings = OidcUpstreamSettings | OAuth2UpstreamSettings;

export interface DelegateClientSettings {
  readonly clientId: string;
  readonly secret: string;
  readonly scopes: readonly string[];
  readonly audiences: readonly string[];
}

export interface TrustedIssuerSettings {
  readonly issuerUrl: string;
  readonly expectedAudience: string;
  readonly jwksUrl?: string;
  readonly insecureAllowHttp: boolean;
  readonly allowPrivateIps: boolean;
  readonly actorClaim: string;
  readonly allowedActors: readonly string[];
  readonly allowedDelegateClients: readonly string[];
  readonly allowMayAct: boolean;
}

export interface AuthServerSettings {
  readonly issuer: string;
  /** Base of the advertised authorization endpoint (`authorization_endpoint_base_url`). */
  readonly authorizationBase: string;
  readonly accessTokenLifespanMs: number;
  readonly refreshTokenLifespanMs: number;
  readonly authCodeLifespanMs: number;
  readonly delegationLifespanMs: number;
  readonly upstreams: readonly UpstreamSettings[];
  readonly scopesSupported: readonly string[];
  readonly baselineClientScopes: readonly string[];
  readonly allowedAudiences: readonly string[];
  readonly insecureAllowHttp: boolean;
  readonly allowConfidentialClientRegistration: boolean;
  readonly forceConfidentialRedirectUris: readonly string[];
  readonly delegateClients: readonly DelegateClientSettings[];
  readonly trustedIssuers: readonly TrustedIssuerSettings[];
  readonly disableUpstreamTokenInjection: boolean;
}

export class AuthServerSettingsError extends Error {
  override name = 'AuthServerSettingsError';
}

function fail(message: string): never {
  throw new AuthServerSettingsError(message);
}

function lifespan(
  value: string | undefined,
  bounds: { min?: number; max: number; default: number },
  what: string,
): number {
  if (!value) return bounds.default;
  let ms: number;
  try {
    ms = parseGoDuration(value);
  } catch {
    return fail(`invalid ${what} "${value}"`);
  }
  if (ms === 0) return bounds.default;
  if (ms < (bounds.min ?? 0) || ms > bounds.max)
    fail(`${what} must be between ${formatMs(bounds.min ?? 0)} and ${formatMs(bounds.max)}`);
  return ms;
}

function formatMs(ms: number): string {
  if (ms % HOUR === 0) return `${ms / HOUR}h0m0s`;
  if (ms % MINUTE === 0) return `${ms / MINUTE}m0s`;
  return `${ms / 1000}s`;
}

export interface SecretReader {
  readonly env: Env;
  readonly readFile: (path: string) => string;
}

/** A secret named by file (trimmed) or environment variable; `undefined` when neither is set. */
export function readSecret(
  file: string | undefined,
  envVar: string | undefined,
  src: SecretReader,
  what: string,
) {
  if (file) {
    try {
      return src.readFile(file).trim();
    } catch (err) {
      return fail(`failed to read ${what} file ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
    }
  }
  if (envVar) {
    const v = src.env[envVar];
    if (v === undefined || v === '') fail(`environment variable "${envVar}" is not set (${what})`);
    return v;
  }
  return undefined;
}

function checkAdditionalParams(params: Record<string, string> | undefined): Record<string, string> {
  for (const k of Object.keys(params ?? {}))
    if (RESERVED_AUTHORIZATION_PARAMS.has(k))
      fail(`reserved parameter "${k}" is managed by the framework and cannot be overridden`);
  return { ...(params ?? {}) };
}

function checkRedirect(uri: string, insecure: boolean): void {
  if (insecure) {
    let u: URL | undefined;
    try {
      u = new URL(uri);
    } catch {
      u = undefined;
    }
    if (!u) fail(`invalid redirect_uri "${uri}"`);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') fail('redirect_uri must use http or https scheme');
    return;
  }
  const problem = redirectUriProblem(uri, false);
  if (problem) fail(problem);
}

function userInfoSettings(u: UserInfoRunConfig): UserInfoSettings {
  const method = (u.http_method || 'GET').toUpperCase();
  if (method !== 'GET' && method !== 'POST')
    fail(`userinfo http_method must be GET or POST, got "${u.http_method}"`);
  if (!u.endpoint_url) fail('userinfo endpoint_url is required');
  return {
    endpointUrl: u.endpoint_url,
    method,
    headers: { ...(u.additional_headers ?? {}) },
    subjectFields: u.field_mapping?.subject_fields?.length ? u.field_mapping.subject_fields : ['sub'],
    nameFields: u.field_mapping?.name_fields?.length ? u.field_mapping.name_fields : ['name'],
    emailFields: u.field_mapping?.email_fields?.length ? u.field_mapping.email_fields : ['email'],
  };
}

function oidcSettings(
  name: string,
  c: OIDCUpstreamRunConfig,
  issuer: string,
  globalInsecure: boolean,
  src: SecretReader,
): OidcUpstreamSettings {
  const insecure = globalInsecure || c.insecure_allow_http === true;
  if (!c.issuer_url) fail('issuer is required for OIDC providers');
  const problem = endpointProblem(c.issuer_url, insecure);
  if (problem) fail(`invalid issuer URL: ${problem}`);
  if (c.subject_claim && !SUBJECT_CLAIM.test(c.subject_claim))
    fail(
      `subject_claim "${c.subject_claim}" must be a claim name: start with a letter or underscore and use only letters, digits, and underscores`,
    );
  if (!c.client_id) fail('client_id is required');
  const scopes = c.scopes?.length ? [...c.scopes] : ['openid', 'offline_access'];
  if (!scopes.includes('openid'))
    fail('openid scope is required for OIDC provider; use an oauth2 upstream for pure OAuth 2.0 flows');
  const redirectUri = c.redirect_uri || `${issuer}/oauth/callback`;
  checkRedirect(redirectUri, insecure);
  const secret = readSecret(c.client_secret_file, c.client_secret_env_var, src, 'OIDC client secret');
  return {
    type: 'oidc',
    name,
    issuer: c.issuer_url,
    clientId: c.client_id,
    ...(secret ? { clientSecret: secret } : {}),
    redirectUri,
    scopes,
    additionalParams: checkAdditionalParams(c.additional_authorization_params),
    subjectClaim: c.subject_claim || 'sub',
    allowPrivateIps: c.allow_private_ips === true,
    insecureAllowHttp: insecure,
  };
}

function oauth2Settings(
  name: string,
  c: OAuth2UpstreamRunConfig,
  issuer: string,
  globalInsecure: boolean,
  src: SecretReader,
): OAuth2UpstreamSettings {
  const insecure = globalInsecure || c.insecure_allow_http === true;
  if (c.dcr_config)
    fail(
      'dcr_config (RFC 7591 registration at the upstream) is not supported by toolhive-ts; register a client and set client_id',
    );
  if (!c.client_id) fail('oauth2 upstream: either client_id or dcr_config is required');
  if (!c.authorization_endpoint) fail('authorization_endpoint is required for OAuth2 providers');
  let problem = endpointProblem(c.authorization_endpoint, insecure);
  if (problem) fail(`invalid authorization_endpoint: ${problem}`);
  if (!c.token_endpoint) fail('token_endpoint is required for OAuth2 providers');
  problem = endpointProblem(c.token_endpoint, insecure);
  if (problem) fail(`invalid token_endpoint: ${problem}`);
  const redirectUri = c.redirect_uri || `${issuer}/oauth/callback`;
  checkRedirect(redirectUri, insecure);
  const userInfo = c.userinfo ? userInfoSettings(c.userinfo) : undefined;
  if (userInfo) {
    problem = endpointProblem(userInfo.endpointUrl, insecure);
    if (problem) fail(`invalid userinfo endpoint_url: ${problem}`);
  }
  const m = c.token_response_mapping;
  if (m && !m.access_token_path)
    fail('token_response_mapping.access_token_path is required when token_response_mapping is set');
  const ift = c.identity_from_token;
  if (ift && !ift.subject_path)
    fail(
      'oauth2 upstream: identity_from_token.subject_path must not be empty when identity_from_token is configured',
    );
  const secret = readSecret(c.client_secret_file, c.client_secret_env_var, src, 'OAuth2 client secret');
  return {
    type: 'oauth2',
    name,
    authorizationEndpoint: c.authorization_endpoint,
    tokenEndpoint: c.token_endpoint,
    clientId: c.client_id,
    ...(secret ? { clientSecret: secret } : {}),
    redirectUri,
    scopes: [...(c.scopes ?? [])],
    additionalParams: checkAdditionalParams(c.additional_authorization_params),
    ...(userInfo ? { userInfo } : {}),
    ...(m
      ? {
          tokenResponseMapping: {
            accessTokenPath: m.access_token_path,
            scopePath: m.scope_path || 'scope',
            refreshTokenPath: m.refresh_token_path || 'refresh_token',
            expiresInPath: m.expires_in_path || 'expires_in',
          },
        }
      : {}),
    ...(ift
      ? {
          identityFromToken: {
            subjectPath: ift.subject_path,
            ...(ift.name_path ? { namePath: ift.name_path } : {}),
            ...(ift.email_path ? { emailPath: ift.email_path } : {}),
          },
        }
      : {}),
    allowPrivateIps: c.allow_private_ips === true,
    insecureAllowHttp: insecure,
  };
}

function upstreamSettings(
  rcs: readonly UpstreamRunConfig[],
  issuer: string,
  insecure: boolean,
  src: SecretReader,
): UpstreamSettings[] {
  if (rcs.length === 0) fail('at least one upstream is required');
  const seen = new Set<string>();
  return rcs.map((u, i) => {
    let name = u.name ?? '';
    if (rcs.length === 1) name ||= 'default';
    else if (name === '')
      fail(`upstream[${i}]: name must be explicitly set when multiple upstreams are configured`);
    else if (name === 'default')
      fail(`upstream[${i}]: name "default" is reserved for single-upstream configs; use a descriptive name`);
    if (!UPSTREAM_NAME.test(name))
      fail(
        `upstream[${i}]: name "${name}" must match ${UPSTREAM_NAME.source} (lowercase alphanumeric and hyphens)`,
      );
    if (seen.has(name)) fail(`duplicate upstream name: "${name}"`);
    seen.add(name);
    try {
      if (u.type === 'oidc') {
        if (!u.oidc_config) fail('oidc_config is required for OIDC provider');
        if (u.oauth2_config) fail(`oauth2_config must not be set when type is "oidc"`);
        return oidcSettings(name, u.oidc_config, issuer, insecure, src);
      }
      if (u.type === 'oauth2') {
        if (!u.oauth2_config) fail('oauth2_config is required for OAuth2 provider');
        if (u.oidc_config) fail(`oidc_config must not be set when type is "oauth2"`);
        return oauth2Settings(name, u.oauth2_config, issuer, insecure, src);
      }
      return fail(`unsupported provider type: "${String(u.type)}"`);
    } catch (err) {
      if (err instanceof AuthServerSettingsError) fail(`upstream "${name}": ${err.message}`);
      throw err;
    }
  });
}

function subsetOf(subset: readonly string[], superset: readonly string[], field: string): void {
  for (const s of subset)
    if (!superset.includes(s)) fail(`${field} contains "${s}" which is not in scopes_supported`);
}

/** ToolHive's `ValidateConfidentialClientTransport`: client secrets never over cleartext HTTP. */
function checkConfidentialTransport(rc: EmbeddedAuthServerRunConfig, confidential: boolean): void {
  if (!confidential) return;
  if (rc.insecure_allow_http)
    fail(
      'allow_confidential_client_registration cannot be combined with insecure_allow_http: confidential clients would send secrets over cleartext HTTP',
    );
  if (rc.insecure_allow_confidential_over_loopback_http) return;
  let u: URL | undefined;
  try {
    u = new URL(rc.issuer);
  } catch {
    return;
  }
  if (u.protocol === 'http:' && isLoopbackHostname(u.hostname))
    fail(
      `allow_confidential_client_registration cannot be combined with a plain-HTTP loopback issuer ("${rc.issuer}") unless insecure_allow_confidential_over_loopback_http is set: confidential clients would send secrets over cleartext HTTP`,
    );
}

function trustedIssuerSettings(rc: EmbeddedAuthServerRunConfig): TrustedIssuerSettings[] {
  const seen = new Set<string>();
  return (rc.trusted_issuers ?? []).map((t) => {
    const where = `trusted_issuers: issuer_url "${t.issuer_url}"`;
    // A trusted issuer is someone else's: no loopback exemption, trailing slash allowed.
    const problem = issuerProblem(t.issuer_url, t.insecure_allow_http === true, true);
    if (problem) fail(`${where}: ${problem}`);
    if (t.issuer_url.startsWith('http:') && !t.insecure_allow_http)
      fail(`${where}: http scheme requires insecure_allow_http`);
    if (t.issuer_url === rc.issuer) fail(`${where}: must not be this server's own issuer`);
    if (seen.has(t.issuer_url)) fail(`${where}: duplicate issuer`);
    seen.add(t.issuer_url);
    if (t.allow_private_ips && !t.jwks_url)
      fail(
        `${where}: allow_private_ips requires jwks_url to be set explicitly; otherwise OIDC discovery — fetched from the external issuer — would choose the private target`,
      );
    if (t.jwks_url) {
      const p = endpointProblem(t.jwks_url, t.insecure_allow_http === true);
      if (p) fail(`trusted_issuers: jwks_url "${t.jwks_url}": ${p}`);
    }
    if (t.actor_matcher)
      fail(`${where}: actor_matcher (a CEL expression) is not supported by toolhive-ts; use allowed_actors`);
    if (t.jwt_bearer_grant) fail(`${where}: jwt_bearer_grant (RFC 7523) is not supported by toolhive-ts`);
    if (!t.expected_audience) fail(`${where}: expected_audience is required`);
    const delegates = t.allowed_delegate_clients ?? [];
    if (delegates.length === 0) fail(`${where}: allowed_delegate_clients is required`);
    if (delegates.includes('*') && delegates.length > 1)
      fail(`${where}: allowed_delegate_clients must not combine the wildcard "*" with specific client IDs`);
    if (t.allow_may_act && delegates.includes('*'))
      fail(
        `${where}: allow_may_act must not be enabled when allowed_delegate_clients contains the wildcard "*"`,
      );
    const reserved = [
      'sub',
      'iss',
      'aud',
      'exp',
      'iat',
      'nbf',
      'jti',
      'name',
      'email',
      'scope',
      'scp',
      'may_act',
    ];
    if (t.actor_claim && reserved.includes(t.actor_claim))
      fail(
        `${where}: actorClaim must name a readable claim; use client_id or a non-reserved claim such as azp, appid, or cid`,
      );
    return {
      issuerUrl: t.issuer_url,
      expectedAudience: t.expected_audience,
      ...(t.jwks_url ? { jwksUrl: t.jwks_url } : {}),
      insecureAllowHttp: t.insecure_allow_http === true,
      allowPrivateIps: t.allow_private_ips === true,
      actorClaim: t.actor_claim || 'azp',
      allowedActors: [...(t.allowed_actors ?? [])],
      allowedDelegateClients: [...delegates],
      allowMayAct: t.allow_may_act === true,
    };
  });
}

export function resolveAuthServerSettings(
  rc: EmbeddedAuthServerRunConfig,
  src: SecretReader,
): AuthServerSettings {
  const insecure = rc.insecure_allow_http === true;
  const issuerIssue = issuerProblem(rc.issuer ?? '', insecure);
  if (issuerIssue) fail(`issuer: ${issuerIssue}`);
  const issuer = rc.issuer;
  if (rc.authorization_endpoint_base_url) {
    const p = issuerProblem(rc.authorization_endpoint_base_url, insecure);
    if (p) fail(`authorization_endpoint_base_url: ${p}`);
  }
  if (rc.cimd?.enabled)
    fail('cimd (client ID metadata documents) is not supported by toolhive-ts; clients register with DCR');

  const audiences = rc.allowed_audiences ?? [];
  if (audiences.length === 0)
    fail(
      'at least one allowed audience is required for MCP compliance (RFC 8707 resource parameter validation)',
    );
  for (const a of audiences) {
    if (!a) fail('allowed_audiences must not contain an empty audience');
    const p = audienceProblem(a);
    if (p) fail(`allowed_audiences contains invalid audience "${a}": ${p}`);
  }

  const scopesSupported = rc.scopes_supported?.length
    ? [...rc.scopes_supported]
    : [...AUTHSERVER_DEFAULT_SCOPES];
  const baseline = [...(rc.baseline_client_scopes ?? [])];
  subsetOf(baseline, scopesSupported, 'baseline_client_scopes');

  const l = rc.token_lifespans ?? {};
  const B = LIFESPAN_BOUNDS;
  const accessTokenLifespanMs = lifespan(l.access_token_lifespan, B.access, 'access token lifespan');
  const refreshTokenLifespanMs = lifespan(l.refresh_token_lifespan, B.refresh, 'refresh token lifespan');
  const authCodeLifespanMs = lifespan(l.auth_code_lifespan, B.authCode, 'authorization code lifespan');
  const delegationLifespanMs = lifespan(
    rc.delegation_token_lifespan,
    B.delegation,
    'delegation token lifespan',
  );

  const delegateClients: DelegateClientSettings[] = [];
  const ids = new Set<string>();
  for (const c of rc.delegate_clients ?? []) {
    if (!c.client_id) fail('delegate_clients: client_id is required');
    if (ids.has(c.client_id)) fail(`delegate_clients: duplicate client_id "${c.client_id}"`);
    ids.add(c.client_id);
    if (!c.client_secret_file && !c.client_secret_env_var)
      fail(
        `delegate_clients: client_id "${c.client_id}": client_secret_file or client_secret_env_var is required`,
      );
    if (!c.scopes?.length) fail(`delegate_clients: client_id "${c.client_id}": scopes is required`);
    subsetOf(c.scopes, scopesSupported, `delegate_clients[${c.client_id}].scopes`);
    if (!c.audiences?.length) fail(`delegate_clients: client_id "${c.client_id}": audiences is required`);
    for (const a of c.audiences)
      if (!audiences.includes(a))
        fail(`delegate_clients: client_id "${c.client_id}": audience "${a}" is not in allowed_audiences`);
    const secret =
      readSecret(c.client_secret_file, c.client_secret_env_var, src, 'delegate client secret') ?? '';
    if (secret.length < MIN_DELEGATE_SECRET_LENGTH)
      fail(
        `delegate_clients: client_id "${c.client_id}": resolved client secret must be at least ${MIN_DELEGATE_SECRET_LENGTH} characters`,
      );
    delegateClients.push({
      clientId: c.client_id,
      secret,
      scopes: [...c.scopes],
      audiences: [...c.audiences],
    });
  }

  const allowConfidential = rc.allow_confidential_client_registration === true;
  checkConfidentialTransport(rc, allowConfidential || delegateClients.length > 0);
  const forced = rc.force_confidential_redirect_uris ?? [];
  if (forced.length > 0) {
    if (!allowConfidential)
      fail('force_confidential_redirect_uris requires allow_confidential_client_registration to be true');
    for (const uri of forced) {
      const p = redirectUriProblem(uri, false);
      if (p) fail(`force_confidential_redirect_uris: "${uri}": ${p}`);
      if (isLoopbackHostname(new URL(uri).hostname))
        fail(
          `force_confidential_redirect_uris: "${uri}" must not be a loopback redirect URI; a loopback client is a public client by construction and must not be issued a secret`,
        );
    }
  }

  const trustedIssuers = trustedIssuerSettings(rc);

  const storageType = rc.storage?.type || 'memory';
  if (storageType !== 'memory' && storageType !== 'redis') fail(`unsupported storage type: ${storageType}`);

  return {
    issuer,
    authorizationBase: rc.authorization_endpoint_base_url || issuer,
    accessTokenLifespanMs,
    refreshTokenLifespanMs,
    authCodeLifespanMs,
    delegationLifespanMs,
    upstreams: upstreamSettings(rc.upstreams ?? [], issuer, insecure, src),
    scopesSupported,
    baselineClientScopes: baseline,
    allowedAudiences: [...audiences],
    insecureAllowHttp: insecure,
    allowConfidentialClientRegistration: allowConfidential,
    forceConfidentialRedirectUris: [...forced],
    delegateClients,
    trustedIssuers,
    disableUpstreamTokenInjection: rc.disable_upstream_token_injection === true,
  };
}
