/**
 * The embedded authorization server's part of the RunConfig (`embedded_auth_server_config`,
 * ToolHive's `authserver.RunConfig`) and how ToolHive's operator builds it from an
 * `EmbeddedAuthServerConfig` (`BuildAuthServerRunConfig` in controllerutil/authserver.go).
 *
 * The file holds no secret: signing keys and HMAC secrets are files mounted from Secrets, client
 * secrets and Redis credentials are environment variables filled from `secretKeyRef`s. The pod
 * side (volumes, mounts, env) is described by `authServerVolumes` and `authServerEnv` so the
 * RunConfig and the pod agree on every path and variable name.
 */
import type {
  EmbeddedAuthServerConfig,
  OAuth2UpstreamConfig,
  OIDCUpstreamConfig,
  RedisTLSConfig,
  SecretKeyRef,
  UpstreamProviderConfig,
  UserInfoConfig,
} from '../api/types.generated.ts';
import {
  type AuthServerConfigLocation,
  EMBEDDED_AUTH_SERVER,
  embeddedAuthServerBuildProblem,
  embeddedAuthServerProblem,
} from './authserver-validation.ts';

export const AUTHSERVER_SCHEMA_VERSION = 'v0.1.0';

/** Mount points and file names ToolHive's operator uses for the auth server's Secrets. */
export const AUTHSERVER_KEYS_MOUNT = '/etc/toolhive/authserver/keys';
export const AUTHSERVER_HMAC_MOUNT = '/etc/toolhive/authserver/hmac';
export const AUTHSERVER_REDIS_TLS_MOUNT = '/etc/toolhive/authserver/redis-tls';
export const authServerKeyFile = (i: number): string => `key-${i}.pem`;
export const authServerHmacFile = (i: number): string => `hmac-${i}`;

/** Environment variables that carry the auth server's secrets (never the RunConfig). */
export const AUTHSERVER_ENV = {
  redisUsername: 'TOOLHIVE_AUTH_SERVER_REDIS_USERNAME',
  redisPassword: 'TOOLHIVE_AUTH_SERVER_REDIS_PASSWORD',
  upstreamClientSecretPrefix: 'TOOLHIVE_UPSTREAM_CLIENT_SECRET',
  upstreamDcrTokenPrefix: 'TOOLHIVE_UPSTREAM_DCR_INITIAL_ACCESS_TOKEN',
  delegateClientSecretPrefix: 'TOOLHIVE_DELEGATE_CLIENT_SECRET',
} as const;

/** ToolHive's `DefaultScopes`: what a client gets when it registers without asking for scopes. */
export const AUTHSERVER_DEFAULT_SCOPES: readonly string[] = ['openid', 'profile', 'email', 'offline_access'];
export const DEFAULT_SENTINEL_PORT = 26379;

export interface SigningKeyRunConfig {
  key_dir?: string;
  signing_key_file?: string;
  fallback_key_files?: string[];
}

export interface TokenLifespanRunConfig {
  access_token_lifespan?: string;
  refresh_token_lifespan?: string;
  auth_code_lifespan?: string;
}

export interface UserInfoFieldMappingRunConfig {
  subject_fields?: string[];
  name_fields?: string[];
  email_fields?: string[];
}

export interface UserInfoRunConfig {
  endpoint_url: string;
  http_method?: string;
  additional_headers?: Record<string, string>;
  field_mapping?: UserInfoFieldMappingRunConfig;
}

export interface OIDCUpstreamRunConfig {
  issuer_url: string;
  client_id: string;
  client_secret_file?: string;
  client_secret_env_var?: string;
  redirect_uri?: string;
  scopes?: string[];
  userinfo_override?: UserInfoRunConfig;
  additional_authorization_params?: Record<string, string>;
  subject_claim?: string;
  allow_private_ips?: boolean;
  insecure_allow_http?: boolean;
}

export interface TokenResponseMappingRunConfig {
  access_token_path: string;
  scope_path?: string;
  refresh_token_path?: string;
  expires_in_path?: string;
}

export interface IdentityFromTokenRunConfig {
  subject_path: string;
  name_path?: string;
  email_path?: string;
}

export interface DCRUpstreamRunConfig {
  discovery_url?: string;
  registration_endpoint?: string;
  initial_access_token_file?: string;
  initial_access_token_env_var?: string;
  software_id?: string;
  software_statement?: string;
}

export interface OAuth2UpstreamRunConfig {
  authorization_endpoint: string;
  token_endpoint: string;
  client_id: string;
  client_secret_file?: string;
  client_secret_env_var?: string;
  redirect_uri?: string;
  scopes?: string[];
  userinfo?: UserInfoRunConfig;
  token_response_mapping?: TokenResponseMappingRunConfig;
  identity_from_token?: IdentityFromTokenRunConfig;
  additional_authorization_params?: Record<string, string>;
  dcr_config?: DCRUpstreamRunConfig;
  allow_private_ips?: boolean;
  insecure_allow_http?: boolean;
}

export interface UpstreamRunConfig {
  /** Empty means `default` when it is the only upstream. */
  name?: string;
  type: 'oidc' | 'oauth2';
  oidc_config?: OIDCUpstreamRunConfig;
  oauth2_config?: OAuth2UpstreamRunConfig;
}

export interface RedisTLSRunConfig {
  insecure_skip_verify?: boolean;
  ca_cert_file?: string;
}

export interface RedisRunConfig {
  addr?: string;
  cluster_mode?: boolean;
  sentinel_config?: { master_name: string; sentinel_addrs: string[]; db?: number };
  /** Always `aclUser`. */
  auth_type: string;
  acl_user_config?: { username_env_var: string; password_env_var: string };
  /** `thv:auth:{<namespace>:<name>}:`: one Redis hash slot per server. */
  key_prefix: string;
  dial_timeout?: string;
  read_timeout?: string;
  write_timeout?: string;
  tls?: RedisTLSRunConfig;
  sentinel_tls?: RedisTLSRunConfig;
}

export interface AuthServerStorageRunConfig {
  type?: 'memory' | 'redis' | string;
  redis_config?: RedisRunConfig;
}

export interface CIMDRunConfig {
  enabled: boolean;
  cache_max_size?: number;
  cache_fallback_ttl?: string;
}

export interface DelegateClientRunConfig {
  client_id: string;
  client_secret_file?: string;
  client_secret_env_var?: string;
  scopes: string[];
  audiences: string[];
}

export interface TrustedIssuerRunConfig {
  issuer_url: string;
  expected_audience: string;
  jwks_url?: string;
  insecure_allow_http?: boolean;
  allow_private_ips?: boolean;
  actor_claim?: string;
  allowed_actors?: string[];
  actor_matcher?: string;
  allowed_delegate_clients?: string[];
  allow_may_act?: boolean;
  jwt_bearer_grant?: {
    max_assertion_age: string;
    subject_bindings: Array<{ subject: string; allowed_resources: string[] }>;
    accepted_audiences?: string[];
  };
}

/** `authserver.RunConfig`. */
export interface EmbeddedAuthServerRunConfig {
  schema_version: string;
  issuer: string;
  authorization_endpoint_base_url?: string;
  signing_key_config?: SigningKeyRunConfig;
  hmac_secret_files?: string[];
  token_lifespans?: TokenLifespanRunConfig;
  delegation_token_lifespan?: string;
  upstreams: UpstreamRunConfig[];
  scopes_supported?: string[];
  baseline_client_scopes?: string[];
  allowed_audiences: string[];
  storage?: AuthServerStorageRunConfig;
  disable_upstream_token_injection?: boolean;
  cimd?: CIMDRunConfig;
  insecure_allow_http?: boolean;
  trusted_issuers?: TrustedIssuerRunConfig[];
  allow_confidential_client_registration?: boolean;
  force_confidential_redirect_uris?: string[];
  insecure_allow_confidential_over_loopback_http?: boolean;
  delegate_clients?: DelegateClientRunConfig[];
}

export class AuthServerConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthServerConfigError';
  }
}

/** `thv:auth:{<ns>:<name>}:`: the hash tag keeps one server's keys in one Redis Cluster slot. */
export function authServerKeyPrefix(namespace: string, name: string): string {
  return `thv:auth:{${namespace}:${name}}:`;
}

/** `acme-idp` → `ACME_IDP`, the suffix of an upstream's secret env vars. */
function envSuffix(name: string): string {
  return name.toUpperCase().replace(/-/g, '_');
}

export function upstreamClientSecretEnv(upstream: string): string {
  return `${AUTHSERVER_ENV.upstreamClientSecretPrefix}_${envSuffix(upstream)}`;
}
export function upstreamDcrTokenEnv(upstream: string): string {
  return `${AUTHSERVER_ENV.upstreamDcrTokenPrefix}_${envSuffix(upstream)}`;
}
/** Indexed by list position, so a client id never shapes an env var name. */
export function delegateClientSecretEnv(index: number): string {
  return `${AUTHSERVER_ENV.delegateClientSecretPrefix}_${index}`;
}

/** `{resourceURL}/oauth/callback`, the redirect URI an upstream gets when none is configured. */
export function defaultRedirectUri(resourceUrl: string): string {
  return `${resourceUrl.replace(/\/+$/, '')}/oauth/callback`;
}

function userInfoRunConfig(u: UserInfoConfig): UserInfoRunConfig {
  const out: UserInfoRunConfig = { endpoint_url: u.endpointUrl };
  if (u.httpMethod) out.http_method = u.httpMethod;
  if (u.additionalHeaders && Object.keys(u.additionalHeaders).length > 0)
    out.additional_headers = { ...u.additionalHeaders };
  const m = u.fieldMapping;
  if (m) {
    out.field_mapping = {
      ...(m.subjectFields?.length ? { subject_fields: [...m.subjectFields] } : {}),
      ...(m.nameFields?.length ? { name_fields: [...m.nameFields] } : {}),
      ...(m.emailFields?.length ? { email_fields: [...m.emailFields] } : {}),
    };
  }
  return out;
}

function oidcUpstream(name: string, c: OIDCUpstreamConfig, resourceUrl: string): OIDCUpstreamRunConfig {
  const redirect = c.redirectUri || (resourceUrl ? defaultRedirectUri(resourceUrl) : '');
  return {
    issuer_url: c.issuerUrl,
    client_id: c.clientId,
    ...(c.clientSecretRef ? { client_secret_env_var: upstreamClientSecretEnv(name) } : {}),
    ...(redirect ? { redirect_uri: redirect } : {}),
    ...(c.scopes?.length ? { scopes: [...c.scopes] } : {}),
    ...(c.userInfoOverride ? { userinfo_override: userInfoRunConfig(c.userInfoOverride) } : {}),
    ...(c.additionalAuthorizationParams && Object.keys(c.additionalAuthorizationParams).length > 0
      ? { additional_authorization_params: { ...c.additionalAuthorizationParams } }
      : {}),
    ...(c.subjectClaim ? { subject_claim: c.subjectClaim } : {}),
  };
}

function oauth2Upstream(name: string, c: OAuth2UpstreamConfig, resourceUrl: string): OAuth2UpstreamRunConfig {
  // The CEL rule, enforced again for objects that reached the store without admission.
  if (!!c.clientId === !!c.dcrConfig)
    throw new AuthServerConfigError('exactly one of clientId or dcrConfig must be set');
  if (c.dcrConfig && c.clientSecretRef)
    throw new AuthServerConfigError(
      'clientSecretRef must not be set when dcrConfig is set; the client_secret is obtained at runtime via Dynamic Client Registration',
    );
  const redirect = c.redirectUri || (resourceUrl ? defaultRedirectUri(resourceUrl) : '');
  const out: OAuth2UpstreamRunConfig = {
    authorization_endpoint: c.authorizationEndpoint,
    token_endpoint: c.tokenEndpoint,
    client_id: c.clientId ?? '',
    ...(c.clientSecretRef ? { client_secret_env_var: upstreamClientSecretEnv(name) } : {}),
    ...(redirect ? { redirect_uri: redirect } : {}),
    ...(c.scopes?.length ? { scopes: [...c.scopes] } : {}),
    ...(c.userInfo ? { userinfo: userInfoRunConfig(c.userInfo) } : {}),
  };
  const m = c.tokenResponseMapping;
  if (m)
    out.token_response_mapping = {
      access_token_path: m.accessTokenPath,
      ...(m.scopePath ? { scope_path: m.scopePath } : {}),
      ...(m.refreshTokenPath ? { refresh_token_path: m.refreshTokenPath } : {}),
      ...(m.expiresInPath ? { expires_in_path: m.expiresInPath } : {}),
    };
  const ift = c.identityFromToken;
  if (ift)
    out.identity_from_token = {
      subject_path: ift.subjectPath,
      ...(ift.namePath ? { name_path: ift.namePath } : {}),
      ...(ift.emailPath ? { email_path: ift.emailPath } : {}),
    };
  if (c.additionalAuthorizationParams && Object.keys(c.additionalAuthorizationParams).length > 0)
    out.additional_authorization_params = { ...c.additionalAuthorizationParams };
  const d = c.dcrConfig;
  if (d)
    out.dcr_config = {
      ...(d.discoveryUrl ? { discovery_url: d.discoveryUrl } : {}),
      ...(d.registrationEndpoint ? { registration_endpoint: d.registrationEndpoint } : {}),
      ...(d.initialAccessTokenRef ? { initial_access_token_env_var: upstreamDcrTokenEnv(name) } : {}),
      ...(d.softwareId ? { software_id: d.softwareId } : {}),
      ...(d.softwareStatement ? { software_statement: d.softwareStatement } : {}),
    };
  if (c.insecureAllowHTTP) out.insecure_allow_http = true;
  if (c.allowPrivateIPs) out.allow_private_ips = true;
  return out;
}

function upstreamRunConfig(p: UpstreamProviderConfig, resourceUrl: string): UpstreamRunConfig {
  try {
    if (p.type === 'oidc' && p.oidcConfig)
      return { name: p.name, type: 'oidc', oidc_config: oidcUpstream(p.name, p.oidcConfig, resourceUrl) };
    if (p.type === 'oauth2' && p.oauth2Config)
      return {
        name: p.name,
        type: 'oauth2',
        oauth2_config: oauth2Upstream(p.name, p.oauth2Config, resourceUrl),
      };
  } catch (err) {
    throw new AuthServerConfigError(`upstream "${p.name}": ${(err as Error).message}`);
  }
  throw new AuthServerConfigError(
    `upstream "${p.name}": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)`,
  );
}

function redisTls(cfg: RedisTLSConfig | undefined, sentinel: boolean): RedisTLSRunConfig | undefined {
  if (!cfg) return undefined;
  return {
    ...(cfg.insecureSkipVerify ? { insecure_skip_verify: true } : {}),
    ...(cfg.caCertSecretRef
      ? { ca_cert_file: `${AUTHSERVER_REDIS_TLS_MOUNT}/${sentinel ? 'sentinel-ca.crt' : 'ca.crt'}` }
      : {}),
  };
}

function storageRunConfig(
  namespace: string,
  name: string,
  cfg: EmbeddedAuthServerConfig,
): AuthServerStorageRunConfig | undefined {
  const s = cfg.storage;
  if (!s || (s.type ?? 'memory') === 'memory') return undefined;
  if (s.type !== 'redis') throw new AuthServerConfigError(`unsupported storage type: ${String(s.type)}`);
  const r = s.redis;
  if (!r) throw new AuthServerConfigError('redis config is required when storage type is redis');
  if (r.addr && r.sentinelConfig)
    throw new AuthServerConfigError('addr and sentinelConfig are mutually exclusive for Redis storage');
  if (!r.addr && !r.sentinelConfig)
    throw new AuthServerConfigError(
      'one of addr (standalone or cluster) or sentinelConfig (Sentinel) is required for Redis storage',
    );
  if (!r.aclUserConfig?.passwordSecretRef)
    throw new AuthServerConfigError('ACL user config is required for Redis storage');
  const out: RedisRunConfig = {
    ...(r.addr ? { addr: r.addr } : {}),
    ...(r.clusterMode ? { cluster_mode: true } : {}),
    auth_type: 'aclUser',
    acl_user_config: {
      username_env_var: r.aclUserConfig.usernameSecretRef ? AUTHSERVER_ENV.redisUsername : '',
      password_env_var: AUTHSERVER_ENV.redisPassword,
    },
    key_prefix: authServerKeyPrefix(namespace, name),
    dial_timeout: r.dialTimeout ?? '5s',
    read_timeout: r.readTimeout ?? '3s',
    write_timeout: r.writeTimeout ?? '3s',
  };
  const tls = redisTls(r.tls, false);
  if (tls) out.tls = tls;
  const sc = r.sentinelConfig;
  if (sc) {
    let addrs = sc.sentinelAddrs ?? [];
    if (addrs.length === 0) {
      const svc = sc.sentinelService;
      if (!svc) throw new AuthServerConfigError('either sentinelAddrs or sentinelService must be specified');
      addrs = [
        `${svc.name}.${svc.namespace || namespace}.svc.cluster.local:${svc.port || DEFAULT_SENTINEL_PORT}`,
      ];
    }
    out.sentinel_config = {
      master_name: sc.masterName,
      sentinel_addrs: [...addrs],
      ...(sc.db ? { db: sc.db } : {}),
    };
    const stls = redisTls(r.sentinelTls, true);
    if (stls) out.sentinel_tls = stls;
  }
  return { type: 'redis', redis_config: out };
}

/** Where the configuration and the workload's OIDC settings are, for the messages of a failed build. */
export interface AuthServerBuildFields {
  readonly location: AuthServerConfigLocation;
  /** The workload field that sets the resource URL (the allowed audience). */
  readonly audienceField: string;
  /** The workload field that sets the supported scopes. */
  readonly scopesField: string;
}

const WORKLOAD_OIDC_REF: AuthServerBuildFields = {
  location: EMBEDDED_AUTH_SERVER,
  audienceField: 'spec.oidcConfigRef.resourceUrl',
  scopesField: 'spec.oidcConfigRef.scopes',
};

/**
 * `BuildAuthServerRunConfig`: the CRD config as the RunConfig the proxy runner (or vMCP) reads.
 * `allowedAudiences`, `scopesSupported` and `resourceUrl` come from the caller, as in ToolHive:
 * MCPServer and MCPRemoteProxy take them from their `oidcConfigRef`, the vMCP from its incoming
 * OIDC settings. A configuration that fails `embeddedAuthServerProblem` or, with what the caller
 * supplies, `embeddedAuthServerBuildProblem` throws `AuthServerConfigError`.
 */
export function buildAuthServerRunConfig(
  namespace: string,
  name: string,
  cfg: EmbeddedAuthServerConfig,
  allowedAudiences: readonly string[],
  scopesSupported: readonly string[] | undefined,
  resourceUrl: string,
  fields: AuthServerBuildFields = WORKLOAD_OIDC_REF,
): EmbeddedAuthServerRunConfig {
  const problem =
    embeddedAuthServerProblem(cfg, fields.location) ??
    embeddedAuthServerBuildProblem(
      cfg,
      {
        allowedAudiences,
        scopesSupported: scopesSupported?.length ? scopesSupported : AUTHSERVER_DEFAULT_SCOPES,
        audienceField: fields.audienceField,
        scopesField: fields.scopesField,
      },
      fields.location,
    );
  if (problem) throw new AuthServerConfigError(problem);
  const out: EmbeddedAuthServerRunConfig = {
    schema_version: AUTHSERVER_SCHEMA_VERSION,
    issuer: cfg.issuer,
    upstreams: [],
    allowed_audiences: [...allowedAudiences],
  };
  if (cfg.authorizationEndpointBaseUrl)
    out.authorization_endpoint_base_url = cfg.authorizationEndpointBaseUrl;
  if (scopesSupported && scopesSupported.length > 0) out.scopes_supported = [...scopesSupported];
  if (cfg.baselineClientScopes?.length) out.baseline_client_scopes = [...cfg.baselineClientScopes];
  cfg.delegateClients?.forEach((c, i) => {
    const ref = c.clientSecretRef as SecretKeyRef | undefined;
    if (!ref?.name || !ref.key)
      throw new AuthServerConfigError(
        `delegateClients[${i}].clientSecretRef.name and clientSecretRef.key are required`,
      );
    out.delegate_clients ??= [];
    out.delegate_clients.push({
      client_id: c.clientId,
      client_secret_env_var: delegateClientSecretEnv(i),
      scopes: [...c.scopes],
      audiences: [...c.audiences],
    });
  });
  if (cfg.trustedIssuers?.length)
    out.trusted_issuers = cfg.trustedIssuers.map((t) => ({
      issuer_url: t.issuerUrl,
      expected_audience: t.expectedAudience ?? '',
      ...(t.jwksUrl ? { jwks_url: t.jwksUrl } : {}),
      ...(t.insecureAllowHTTP ? { insecure_allow_http: true } : {}),
      ...(t.allowPrivateIPs ? { allow_private_ips: true } : {}),
      ...(t.actorClaim ? { actor_claim: t.actorClaim } : {}),
      ...(t.allowedActors?.length ? { allowed_actors: [...t.allowedActors] } : {}),
      ...(t.actorMatcher ? { actor_matcher: t.actorMatcher } : {}),
      ...(t.allowedDelegateClients?.length
        ? { allowed_delegate_clients: [...t.allowedDelegateClients] }
        : {}),
      ...(t.allowMayAct ? { allow_may_act: true } : {}),
      ...(t.jwtBearerGrant
        ? {
            jwt_bearer_grant: {
              max_assertion_age: t.jwtBearerGrant.maxAssertionAge,
              subject_bindings: t.jwtBearerGrant.subjectBindings.map((b) => ({
                subject: b.subject,
                allowed_resources: [...b.allowedResources],
              })),
              ...(t.jwtBearerGrant.acceptedAudiences?.length
                ? { accepted_audiences: [...t.jwtBearerGrant.acceptedAudiences] }
                : {}),
            },
          }
        : {}),
    }));
  const keys = cfg.signingKeySecretRefs ?? [];
  if (keys.length > 0)
    out.signing_key_config = {
      key_dir: AUTHSERVER_KEYS_MOUNT,
      signing_key_file: authServerKeyFile(0),
      ...(keys.length > 1
        ? { fallback_key_files: keys.slice(1).map((_, i) => authServerKeyFile(i + 1)) }
        : {}),
    };
  const hmacs = cfg.hmacSecretRefs ?? [];
  if (hmacs.length > 0)
    out.hmac_secret_files = hmacs.map((_, i) => `${AUTHSERVER_HMAC_MOUNT}/${authServerHmacFile(i)}`);
  const l = cfg.tokenLifespans;
  if (l)
    out.token_lifespans = {
      ...(l.accessTokenLifespan ? { access_token_lifespan: l.accessTokenLifespan } : {}),
      ...(l.refreshTokenLifespan ? { refresh_token_lifespan: l.refreshTokenLifespan } : {}),
      ...(l.authCodeLifespan ? { auth_code_lifespan: l.authCodeLifespan } : {}),
    };
  out.upstreams = cfg.upstreamProviders.map((p) => upstreamRunConfig(p, resourceUrl));
  const storage = storageRunConfig(namespace, name, cfg);
  if (storage) out.storage = storage;
  if (cfg.disableUpstreamTokenInjection) out.disable_upstream_token_injection = true;
  if (cfg.insecureAllowHTTP) out.insecure_allow_http = true;
  if (cfg.allowConfidentialClientRegistration) out.allow_confidential_client_registration = true;
  if (cfg.forceConfidentialRedirectUris?.length)
    out.force_confidential_redirect_uris = [...cfg.forceConfidentialRedirectUris];
  if (cfg.insecureAllowConfidentialOverLoopbackHTTP)
    out.insecure_allow_confidential_over_loopback_http = true;
  if (cfg.cimd?.enabled)
    out.cimd = {
      enabled: true,
      ...(cfg.cimd.cacheMaxSize ? { cache_max_size: cfg.cimd.cacheMaxSize } : {}),
      ...(cfg.cimd.cacheFallbackTtl ? { cache_fallback_ttl: cfg.cimd.cacheFallbackTtl } : {}),
    };
  return out;
}

/**
 * ToolHive's `SyntheticIdentityUpstreams`: the OAuth2 upstreams with neither `userInfo` nor
 * `identityFromToken`, for which the auth server synthesizes a subject from the access token
 * (no name, no email). Sorted by name, each with its index in `upstreamProviders`. OIDC upstreams
 * never count: their subject comes from the ID token.
 */
export function syntheticIdentityUpstreams(
  cfg: Pick<EmbeddedAuthServerConfig, 'upstreamProviders'> | undefined,
): { name: string; index: number }[] {
  const out: { name: string; index: number }[] = [];
  (cfg?.upstreamProviders ?? []).forEach((p, index) => {
    if (p.type !== 'oauth2' || !p.oauth2Config) return;
    if (!p.oauth2Config.userInfo && !p.oauth2Config.identityFromToken) out.push({ name: p.name, index });
  });
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** First upstream's name (`default` when unnamed): the provider tokens are injected from. */
export function firstUpstreamName(cfg: Pick<EmbeddedAuthServerRunConfig, 'upstreams'>): string {
  return cfg.upstreams[0]?.name || 'default';
}

export interface SecretFile {
  readonly volume: string;
  readonly secret: SecretKeyRef;
  /** File name inside the mount directory. */
  readonly file: string;
  readonly mountPath: string;
}

/** `GenerateAuthServerVolumes`: one read-only (0400) file per signing key, HMAC secret and Redis CA. */
export function authServerSecretFiles(cfg: EmbeddedAuthServerConfig): SecretFile[] {
  const out: SecretFile[] = [];
  (cfg.signingKeySecretRefs ?? []).forEach((ref, i) => {
    const file = authServerKeyFile(i);
    out.push({
      volume: `authserver-signing-key-${i}`,
      secret: ref,
      file,
      mountPath: `${AUTHSERVER_KEYS_MOUNT}/${file}`,
    });
  });
  (cfg.hmacSecretRefs ?? []).forEach((ref, i) => {
    const file = authServerHmacFile(i);
    out.push({
      volume: `authserver-hmac-secret-${i}`,
      secret: ref,
      file,
      mountPath: `${AUTHSERVER_HMAC_MOUNT}/${file}`,
    });
  });
  const redis = cfg.storage?.redis;
  if (redis?.tls?.caCertSecretRef)
    out.push({
      volume: 'redis-tls-ca-master',
      secret: redis.tls.caCertSecretRef,
      file: 'ca.crt',
      mountPath: `${AUTHSERVER_REDIS_TLS_MOUNT}/ca.crt`,
    });
  if (redis?.sentinelTls?.caCertSecretRef)
    out.push({
      volume: 'redis-tls-ca-sentinel',
      secret: redis.sentinelTls.caCertSecretRef,
      file: 'sentinel-ca.crt',
      mountPath: `${AUTHSERVER_REDIS_TLS_MOUNT}/sentinel-ca.crt`,
    });
  return out;
}

/** `GenerateAuthServerEnvVars`: env var name → the Secret key that fills it. */
export function authServerSecretEnv(
  cfg: EmbeddedAuthServerConfig,
): Array<{ env: string; secret: SecretKeyRef }> {
  const out: Array<{ env: string; secret: SecretKeyRef }> = [];
  for (const p of cfg.upstreamProviders) {
    const clientSecret = p.type === 'oidc' ? p.oidcConfig?.clientSecretRef : p.oauth2Config?.clientSecretRef;
    if (clientSecret) out.push({ env: upstreamClientSecretEnv(p.name), secret: clientSecret });
    const iat = p.type === 'oauth2' ? p.oauth2Config?.dcrConfig?.initialAccessTokenRef : undefined;
    if (iat) out.push({ env: upstreamDcrTokenEnv(p.name), secret: iat });
  }
  cfg.delegateClients?.forEach((c, i) => {
    if (c.clientSecretRef) out.push({ env: delegateClientSecretEnv(i), secret: c.clientSecretRef });
  });
  const acl = cfg.storage?.type === 'redis' ? cfg.storage.redis?.aclUserConfig : undefined;
  if (acl?.usernameSecretRef) out.push({ env: AUTHSERVER_ENV.redisUsername, secret: acl.usernameSecretRef });
  if (acl?.passwordSecretRef) out.push({ env: AUTHSERVER_ENV.redisPassword, secret: acl.passwordSecretRef });
  return out;
}
