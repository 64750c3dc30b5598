/**
 * ToolHive's RunConfig (`pkg/runner.RunConfig`, schema v0.1.0): the file a proxy runner reads
 * from `/etc/runconfig/runconfig.json`. The McpServerChart and McpRemoteProxyChart write it into
 * a ConfigMap; `toolhive-ts proxyrunner run` reads it. Keys are ToolHive's, snake_case, except
 * where ToolHive itself nests camelCase (audit, telemetry) or Go field names (`oidc_config`).
 *
 * Secrets never appear here. Values such as the token-exchange client secret or the Redis
 * password reach the proxy as environment variables from `secretKeyRef`s (see `RUNCONFIG_ENV`).
 */

import type { EmbeddedAuthServerRunConfig } from './authserver.ts';

export const RUNCONFIG_SCHEMA_VERSION = 'v0.1.0';
/** Where the operator mounts the RunConfig ConfigMap, and where `proxyrunner run` looks first. */
export const RUNCONFIG_PATHS = [
  '/etc/runconfig/runconfig.json',
  '/etc/toolhive/runconfig.json',
  './runconfig.json',
] as const;
export const RUNCONFIG_CONFIGMAP_KEY = 'runconfig.json';

/** Environment variables that carry what the RunConfig must not contain. */
export const RUNCONFIG_ENV = {
  /** Password of the Redis session store (and of the rate limiter, which shares it). */
  sessionRedisPassword: 'THV_SESSION_REDIS_PASSWORD',
  /** Client secret for RFC 8693 token exchange. */
  tokenExchangeClientSecret: 'TOOLHIVE_TOKEN_EXCHANGE_CLIENT_SECRET',
  /** Client secret for OIDC token introspection. */
  oidcClientSecret: 'TOOLHIVE_OIDC_CLIENT_SECRET',
  /** MCPServer generation, from the pod annotation via the downward API. */
  mcpServerGeneration: 'THV_MCPSERVER_GENERATION',
  /** Bind address override. */
  proxyHost: 'TOOLHIVE_PROXY_HOST',
  debug: 'TOOLHIVE_DEBUG',
} as const;

export type TransportType = 'stdio' | 'sse' | 'streamable-http';
export type ProxyMode = 'sse' | 'streamable-http';

/** `auth.TokenValidatorConfig`: no JSON tags in ToolHive, so the keys are Go field names. */
export interface OIDCValidatorConfig {
  Issuer: string;
  Audience?: string;
  JWKSURL?: string;
  ClientID?: string;
  /** Never written by our constructs; the proxy reads `TOOLHIVE_OIDC_CLIENT_SECRET`. */
  ClientSecret?: string;
  CACertPath?: string;
  AuthTokenFile?: string;
  AllowPrivateIP?: boolean;
  InsecureAllowHTTP?: boolean;
  IntrospectionURL?: string;
  ResourceURL?: string;
  Scopes?: string[];
  /** toolhive-ts extension: leeway for `exp`/`nbf` as a Go duration (ToolHive has none; default 0). */
  ClockSkew?: string;
  /** toolhive-ts extension: longest bearer token accepted, in bytes (default 8192). */
  MaxTokenBytes?: number;
}

/** `authz.Config` with the Cedar authorizer (`type: cedarv1`) or an HTTP PDP (`httpv1`). */
export type AuthzConfig =
  | {
      version: string;
      type: 'cedarv1';
      cedar: {
        policies: string[];
        entities_json?: string;
        primary_upstream_provider?: string;
        group_claim_name?: string;
        role_claim_name?: string;
        group_entity_type?: string;
        multi_valued_claims?: string[];
      };
    }
  | {
      version: string;
      type: 'httpv1';
      pdp: {
        http: { url: string; timeout?: number; insecure_skip_verify?: boolean };
        claim_mapping?: 'mpe' | 'standard';
        context?: { include_args?: boolean; include_operation?: boolean };
      };
    };

/** `audit.Config` (camelCase keys in ToolHive). */
export interface AuditConfig {
  enabled?: boolean;
  component?: string;
  eventTypes?: string[];
  excludeEventTypes?: string[];
  includeRequestData?: boolean;
  includeResponseData?: boolean;
  detectApplicationErrors?: boolean;
  maxDataSize?: number;
  maxDelegationDepth?: number;
  logFile?: string;
}

/** `telemetry.Config` (camelCase keys in ToolHive). */
export interface TelemetryConfig {
  endpoint?: string;
  serviceName?: string;
  serviceVersion?: string;
  tracingEnabled: boolean;
  metricsEnabled: boolean;
  samplingRate?: string;
  headers?: Record<string, string>;
  insecure?: boolean;
  enablePrometheusMetricsPath?: boolean;
  prometheusPort?: number;
  metricsOnTransportPort?: boolean;
  environmentVariables?: string[];
  customAttributes?: Record<string, string>;
  useLegacyAttributes: boolean;
  caCertPath?: string;
}

/** RFC 8693 token exchange toward the backend (`tokenexchange.Config`). */
export interface TokenExchangeConfig {
  token_url: string;
  client_id: string;
  /** Never written by our constructs; the proxy reads `TOOLHIVE_TOKEN_EXCHANGE_CLIENT_SECRET`. */
  client_secret?: string;
  audience?: string;
  scopes?: string[];
  subject_token_type?: string;
  header_strategy?: 'replace' | 'custom';
  external_token_header_name?: string;
}

export interface RateLimitBucket {
  maxTokens: number;
  refillPeriod: string;
}

/** Same shape as the CRD's `rateLimiting` (camelCase, as ToolHive embeds the CRD type). */
export interface RateLimitConfig {
  shared?: RateLimitBucket;
  perUser?: RateLimitBucket;
  tools?: Array<{ name: string; shared?: RateLimitBucket; perUser?: RateLimitBucket }>;
}

export interface WebhookTLSConfig {
  ca_bundle_path?: string;
  client_cert_path?: string;
  client_key_path?: string;
  insecure_skip_verify?: boolean;
}

/** `webhook.Config`. `timeout` is a Go duration string or nanoseconds. */
export interface WebhookConfig {
  name: string;
  url: string;
  timeout?: string | number;
  failure_policy: 'fail' | 'ignore';
  tls_config?: WebhookTLSConfig;
  /** Absolute path of a file holding the HMAC secret, read on every call. */
  hmac_secret_ref?: string;
}

export interface ToolOverride {
  name?: string;
  description?: string;
  /**
   * MCPToolConfig annotation overrides; an absent field keeps the backend's value. ToolHive's
   * proxy runner drops these (only its vMCP applies them); toolhive-ts applies them everywhere.
   */
  annotations?: {
    title?: string;
    readOnlyHint?: boolean;
    destructiveHint?: boolean;
    idempotentHint?: boolean;
    openWorldHint?: boolean;
  };
}

/**
 * `remote.Config`, reduced to what a proxy needs to authenticate to its backend. Values are
 * secret references, never secrets: `bearer_token` is `"<secret>,target=bearer_token"` resolved
 * from env `TOOLHIVE_SECRET_<secret>`, `bearer_token_file` a mounted file.
 */
export interface RemoteAuthConfig {
  bearer_token?: string;
  bearer_token_file?: string;
  [key: string]: unknown;
}

/** `upstreamswap.Config`: which embedded-AS upstream token to inject, and where. */
export interface UpstreamSwapConfig {
  header_strategy?: 'replace' | 'custom';
  custom_header_name?: string;
  provider_name: string;
}

export interface HeaderForwardConfig {
  add_plaintext_headers?: Record<string, string>;
  /** Header name → environment variable (ours) or secret name holding its value. */
  add_headers_from_secret?: Record<string, string>;
}

export interface ScalingConfig {
  backend_replicas?: number | null;
  session_redis?: { address: string; db?: number; key_prefix?: string };
}

export interface MiddlewareConfig {
  type: string;
  parameters: Record<string, unknown>;
}

/** `permissions.Profile`. */
export interface PermissionProfile {
  name?: string;
  read?: string[];
  write?: string[];
  network?: {
    mode?: string;
    outbound?: { insecure_allow_all?: boolean; allow_host?: string[]; allow_port?: number[] };
    inbound?: { allow_host?: string[] };
  };
  privileged?: boolean;
}

/** `awssts.Config`: SigV4 signing with credentials from AssumeRoleWithWebIdentity. */
export interface AWSStsConfig {
  region: string;
  service?: string;
  fallback_role_arn?: string;
  role_mappings?: Array<{ claim?: string; matcher?: string; role_arn: string; priority?: number }>;
  role_claim?: string;
  session_duration?: number;
  session_name_claim?: string;
  subject_provider_name?: string;
}

export interface RunConfig {
  schema_version: string;
  mcpserver_generation?: number;
  image: string;
  remote_url?: string;
  /**
   * MCPRemoteProxy `allowPrivateEndpoint`: the proxy may connect to a remote URL that resolves to
   * a private (RFC 1918, ULA) or cluster-internal address. Loopback and link-local stay refused.
   * Not a ToolHive key (ToolHive checks only at reconcile time); ToolHive ignores it.
   */
  allow_private_endpoint?: boolean;
  cmd_args?: string[];
  name: string;
  container_name?: string;
  base_name?: string;
  group?: string;

  transport: TransportType;
  host: string;
  port: number;
  target_port?: number;
  target_host?: string;
  proxy_mode?: ProxyMode;
  allowed_origins?: string[];
  trust_proxy_headers?: boolean;
  strict_protocol_validation?: boolean;
  stateless?: boolean;
  /** Go duration; empty means 2h. */
  session_ttl?: string;
  endpoint_prefix?: string;

  permission_profile_name_or_path?: string;
  permission_profile?: PermissionProfile | null;
  env_vars?: Record<string, string>;
  secrets?: string[];
  volumes?: string[];
  container_labels?: Record<string, string>;
  k8s_pod_template_patch?: string;
  debug?: boolean;

  oidc_config?: OIDCValidatorConfig;
  /** `WithOIDCConfig` copies the OIDC CA bundle path and JWKS token file here too. */
  thv_ca_bundle?: string;
  jwks_auth_token_file?: string;
  authz_config?: AuthzConfig;
  authz_config_path?: string;
  audit_config?: AuditConfig;
  audit_config_path?: string;
  telemetry_config?: TelemetryConfig;
  token_exchange_config?: TokenExchangeConfig;
  remote_auth_config?: RemoteAuthConfig;
  upstream_swap_config?: UpstreamSwapConfig;
  aws_sts_config?: AWSStsConfig;
  rate_limit_config?: RateLimitConfig;
  rate_limit_namespace?: string;
  /**
   * toolhive-ts extension: what rate limiting does when Redis cannot be reached. `fail-open`
   * (ToolHive's only behaviour, the default) lets the call through; `fail-closed` refuses it with
   * 503. Env `TOOLHIVE_RATE_LIMIT_FAILURE_POLICY` overrides it.
   */
  rate_limit_failure_policy?: 'fail-open' | 'fail-closed';
  tools_filter?: string[];
  tools_override?: Record<string, ToolOverride>;
  header_forward?: HeaderForwardConfig;
  validating_webhooks?: WebhookConfig[];
  mutating_webhooks?: WebhookConfig[];
  /** `authserver.RunConfig`: the embedded OAuth authorization server (lib/runconfig/authserver.ts). */
  embedded_auth_server_config?: EmbeddedAuthServerRunConfig;
  scaling_config?: ScalingConfig;
  middleware_configs?: MiddlewareConfig[];
  additional_middleware_configs?: MiddlewareConfig[];
}
