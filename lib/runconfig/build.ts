/**
 * Building the RunConfig the proxy runner reads, from a resolved MCPServer or MCPRemoteProxy.
 * Follows ToolHive's operator (`createRunConfigFromMCPServer`, `mcpremoteproxy_runconfig.go`)
 * with two deliberate differences: `middleware_configs` is left empty so the proxy runner builds
 * the chain from the typed fields (ToolHive's runner does the same when the list is empty), and
 * `mcpserver_generation` is not written (our runner creates no StatefulSet, so it needs no
 * apply gate, and a generation would roll the proxy on changes that do not concern it).
 */

import type { AuthServerRef } from '../api/types.generated.ts';
import { normalizeForEnvVar } from '../k8s/env.ts';
import type { ResolvedMcpRemoteProxy, ResolvedMcpServer, ResolvedRefs } from '../resolve/resolve.ts';
import type {
  InlineAuthz,
  MCPAuthzConfigResource,
  MCPExternalAuthConfigResource,
  MCPOIDCConfigResource,
  MCPTelemetryConfigResource,
  MCPWebhookConfigResource,
  OIDCConfigRef,
  SessionStorage,
  TelemetryConfigRef,
  WebhookSpec,
} from '../workload/kinds.ts';
import {
  AUTHZ_KEY,
  AUTHZ_MOUNT,
  K8S_DEFAULT_ISSUER,
  K8S_SA_CA,
  K8S_SA_TOKEN,
  oidcCaPath,
  otelCaPath,
  PERMISSION_PROFILE_MOUNT,
  webhookSecretIdentifier,
  webhookSecretPath,
} from '../workload/paths.ts';
import { AUTHSERVER_DEFAULT_SCOPES, AuthServerConfigError, buildAuthServerRunConfig } from './authserver.ts';
import {
  type AuthzConfig,
  type OIDCValidatorConfig,
  type PermissionProfile,
  RUNCONFIG_SCHEMA_VERSION,
  type RunConfig,
  type ScalingConfig,
  type TelemetryConfig,
  type ToolOverride,
  type TransportType,
  type WebhookConfig,
} from './types.ts';

export interface RunConfigOptions {
  /** Bind address written as `host` (ToolHive's `TOOLHIVE_PROXY_HOST`). Default `0.0.0.0`. */
  readonly proxyHost?: string;
  /** Cluster-wide Redis session store used when a workload configures none. */
  readonly defaultRedisAddress?: string;
}

/**
 * A workload spec (with what it references) that cannot become a RunConfig. `source` names the
 * reference whose embedded authorization server configuration is at fault, when that is the
 * problem (ToolHive's `InvalidEmbeddedAuthServerConfigError`).
 */
export class RunConfigError extends Error {
  readonly source: 'authServerRef' | 'externalAuthConfigRef' | undefined;
  constructor(message: string, source?: 'authServerRef' | 'externalAuthConfigRef') {
    super(message);
    this.name = 'RunConfigError';
    this.source = source;
  }
}

const BUILTIN_PROFILES: Record<string, PermissionProfile> = {
  none: {
    name: 'none',
    read: [],
    write: [],
    network: { outbound: { insecure_allow_all: false, allow_host: [], allow_port: [] } },
    privileged: false,
  },
  network: {
    name: 'network',
    read: [],
    write: [],
    network: { outbound: { insecure_allow_all: true, allow_host: [], allow_port: [] } },
    privileged: false,
  },
};

/** `GetEffectiveProxyMode`: HTTP transports proxy as themselves; stdio defaults to streamable-http. */
export function effectiveProxyMode(
  transport: string,
  proxyMode: string | undefined,
): 'sse' | 'streamable-http' {
  if (transport === 'sse' || transport === 'streamable-http') return transport;
  return proxyMode === 'sse' ? 'sse' : 'streamable-http';
}

/** `http://<name>.<ns>.svc.cluster.local:<port>`: ToolHive's default OIDC resource URL (CR name). */
function defaultResourceUrl(name: string, namespace: string, port: number): string {
  return `http://${name}.${namespace}.svc.cluster.local:${port}`;
}

export function buildOidcValidatorConfig(
  cfg: MCPOIDCConfigResource,
  ref: OIDCConfigRef,
  resourceUrl: string,
): OIDCValidatorConfig {
  const spec = cfg.spec;
  const base = { Audience: ref.audience, ResourceURL: ref.resourceUrl || resourceUrl };
  const scopes = ref.scopes && ref.scopes.length > 0 ? { Scopes: [...ref.scopes] } : {};
  if (spec?.type === 'kubernetesServiceAccount') {
    const k = spec.kubernetesServiceAccount ?? {};
    const cluster = k.useClusterAuth ?? true;
    return {
      Issuer: k.issuer || K8S_DEFAULT_ISSUER,
      ...base,
      ...(k.jwksUrl ? { JWKSURL: k.jwksUrl } : {}),
      ...(k.introspectionUrl ? { IntrospectionURL: k.introspectionUrl } : {}),
      ...(cluster ? { CACertPath: K8S_SA_CA, AuthTokenFile: K8S_SA_TOKEN, AllowPrivateIP: true } : {}),
      ...scopes,
    };
  }
  if (spec?.type === 'inline' && spec.inline) {
    const i = spec.inline;
    const ca = i.caBundleRef?.configMapRef;
    return {
      Issuer: i.issuer,
      ...base,
      ...(i.jwksUrl ? { JWKSURL: i.jwksUrl } : {}),
      ...(i.introspectionUrl ? { IntrospectionURL: i.introspectionUrl } : {}),
      ...(i.clientId ? { ClientID: i.clientId } : {}),
      ...(ca?.name ? { CACertPath: oidcCaPath(ca.name, ca.key || undefined) } : {}),
      ...(i.jwksAuthTokenPath ? { AuthTokenFile: i.jwksAuthTokenPath } : {}),
      // `WithOIDCConfig` takes only the JWKS setting; protectedResourceAllowPrivateIP is not the
      // token validator's to use.
      ...(i.jwksAllowPrivateIP ? { AllowPrivateIP: true } : {}),
      ...(i.insecureAllowHTTP ? { InsecureAllowHTTP: true } : {}),
      ...scopes,
    };
  }
  throw new RunConfigError(`MCPOIDCConfig ${cfg.metadata.name}: unknown type "${String(spec?.type)}"`);
}

/** Go's `strconv.FormatFloat(x, 'f', -1, 64)` for a clamped sampling rate. */
function samplingRate(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (Number.isNaN(n)) return undefined;
  return String(Math.min(1, Math.max(0, n)));
}

/** `NormalizeMCPTelemetryConfig`: MCPTelemetryConfig spec → the runtime telemetry config. */
export function buildTelemetryConfig(
  cfg: MCPTelemetryConfigResource,
  ref: TelemetryConfigRef,
  workloadName: string,
): TelemetryConfig {
  const otel = cfg.spec?.openTelemetry;
  const out: TelemetryConfig = { tracingEnabled: false, metricsEnabled: false, useLegacyAttributes: false };
  if (otel?.enabled) {
    if (otel.endpoint) out.endpoint = otel.endpoint.replace(/^https:\/\//, '').replace(/^http:\/\//, '');
    if (otel.insecure) out.insecure = true;
    if (otel.headers && Object.keys(otel.headers).length > 0) out.headers = { ...otel.headers };
    if (otel.resourceAttributes && Object.keys(otel.resourceAttributes).length > 0)
      out.customAttributes = { ...otel.resourceAttributes };
    out.useLegacyAttributes = otel.useLegacyAttributes ?? true;
    out.tracingEnabled = otel.tracing?.enabled ?? false;
    // Only with a tracing block, as NormalizeMCPTelemetryConfig does (0.05 is that block's
    // CRD default).
    if (otel.tracing) {
      const rate = samplingRate(otel.tracing.samplingRate ?? '0.05');
      if (rate !== undefined) out.samplingRate = rate;
    }
    out.metricsEnabled = otel.metrics?.enabled ?? false;
  }
  if (cfg.spec?.prometheus?.enabled) out.enablePrometheusMetricsPath = true;
  out.serviceName = ref.serviceName || workloadName;
  const ca = otel?.caBundleRef?.configMapRef;
  if (ca?.name) out.caCertPath = otelCaPath(ca.name, ca.key || undefined);
  return out;
}

/** Inline Cedar authz, as `addAuthzInlineConfigOptions` writes it. */
export function inlineAuthzConfig(authz: InlineAuthz): AuthzConfig {
  const inline = authz.inline ?? { policies: [] };
  return {
    version: '1.0',
    type: 'cedarv1',
    cedar: {
      policies: [...inline.policies],
      entities_json: inline.entitiesJson ?? '[]',
      ...(authz.groupClaimName ? { group_claim_name: authz.groupClaimName } : {}),
      ...(authz.roleClaimName ? { role_claim_name: authz.roleClaimName } : {}),
      ...(authz.groupEntityType ? { group_entity_type: authz.groupEntityType } : {}),
    },
  };
}

type CedarSettings = Extract<AuthzConfig, { type: 'cedarv1' }>['cedar'];
type PdpSettings = Extract<AuthzConfig, { type: 'httpv1' }>['pdp'];

/** A referenced MCPAuthzConfig wrapped as `{version, type, cedar|pdp: config}`. */
export function authzConfigFromRef(cfg: MCPAuthzConfigResource): AuthzConfig {
  const type = cfg.spec?.type;
  const config = cfg.spec?.config ?? {};
  if (type === 'cedarv1') return { version: '1.0', type, cedar: config as CedarSettings };
  if (type === 'httpv1') return { version: '1.0', type, pdp: config as PdpSettings };
  throw new RunConfigError(
    `MCPAuthzConfig ${cfg.metadata.name}: type "${String(type)}" is not a registered authorizer backend (registered: [cedarv1 httpv1])`,
  );
}

function webhookConfig(kind: 'validating' | 'mutating', spec: WebhookSpec): WebhookConfig {
  const out: WebhookConfig = {
    name: spec.name,
    url: spec.url,
    failure_policy: (spec.failurePolicy ?? 'fail').toLowerCase() as 'fail' | 'ignore',
  };
  if (spec.timeout) out.timeout = spec.timeout;
  if (spec.hmacSecretRef)
    out.hmac_secret_ref = webhookSecretPath(
      webhookSecretIdentifier(kind, spec.name, 'hmac', spec.hmacSecretRef),
      'hmac',
    );
  const tls = spec.tlsConfig;
  if (tls) {
    out.tls_config = {};
    if (tls.insecureSkipVerify) out.tls_config.insecure_skip_verify = true;
    if (tls.caSecretRef)
      out.tls_config.ca_bundle_path = webhookSecretPath(
        webhookSecretIdentifier(kind, spec.name, 'tls_ca', tls.caSecretRef),
        'tls_ca',
      );
    if (tls.clientCertSecretRef && tls.clientKeySecretRef) {
      out.tls_config.client_cert_path = webhookSecretPath(
        webhookSecretIdentifier(kind, spec.name, 'tls_client_cert', tls.clientCertSecretRef),
        'tls_client_cert',
      );
      out.tls_config.client_key_path = webhookSecretPath(
        webhookSecretIdentifier(kind, spec.name, 'tls_client_key', tls.clientKeySecretRef),
        'tls_client_key',
      );
    }
  }
  return out;
}

function addWebhooks(rc: RunConfig, cfg: MCPWebhookConfigResource | undefined): void {
  if (!cfg) return;
  const v = (cfg.spec?.validating ?? []).map((w) => webhookConfig('validating', w));
  const m = (cfg.spec?.mutating ?? []).map((w) => webhookConfig('mutating', w));
  if (v.length > 0) rc.validating_webhooks = v;
  if (m.length > 0) rc.mutating_webhooks = m;
}

const TOKEN_TYPES: Record<string, string> = {
  access_token: 'urn:ietf:params:oauth:token-type:access_token',
  id_token: 'urn:ietf:params:oauth:token-type:id_token',
  jwt: 'urn:ietf:params:oauth:token-type:jwt',
};

/** The outgoing-auth part of an MCPExternalAuthConfig, as the proxy runner consumes it. */
function addExternalAuth(rc: RunConfig, cfg: MCPExternalAuthConfigResource | undefined): void {
  if (!cfg) return;
  const spec = cfg.spec;
  const where = `MCPExternalAuthConfig ${cfg.metadata.name}`;
  switch (spec?.type) {
    case 'tokenExchange': {
      const te = spec.tokenExchange;
      if (!te)
        throw new RunConfigError(`${where}: token exchange configuration is nil for type tokenExchange`);
      const tokenType = te.subjectTokenType
        ? (TOKEN_TYPES[te.subjectTokenType] ?? te.subjectTokenType)
        : undefined;
      rc.token_exchange_config = {
        token_url: te.tokenUrl,
        client_id: te.clientId ?? '',
        ...(te.audience ? { audience: te.audience } : {}),
        ...(te.scopes && te.scopes.length > 0 ? { scopes: [...te.scopes] } : {}),
        ...(tokenType ? { subject_token_type: tokenType } : {}),
        header_strategy: te.externalTokenHeaderName ? 'custom' : 'replace',
        ...(te.externalTokenHeaderName ? { external_token_header_name: te.externalTokenHeaderName } : {}),
      };
      return;
    }
    case 'bearerToken': {
      const ref = spec.bearerToken?.tokenSecretRef;
      if (!ref) throw new RunConfigError(`${where}: bearer token configuration is missing TokenSecretRef`);
      rc.remote_auth_config = { bearer_token: `${ref.name},target=bearer_token` };
      return;
    }
    case 'awsSts': {
      const a = spec.awsSts as
        | {
            region: string;
            service?: string;
            fallbackRoleArn?: string;
            roleMappings?: Array<{ claim?: string; matcher?: string; roleArn: string; priority?: number }>;
            roleClaim?: string;
            sessionDuration?: number;
            sessionNameClaim?: string;
            subjectProviderName?: string;
          }
        | undefined;
      if (!a) throw new RunConfigError(`${where}: awsSts configuration is nil for type awsSts`);
      rc.aws_sts_config = {
        region: a.region,
        service: a.service ?? 'aws-mcp',
        ...(a.fallbackRoleArn ? { fallback_role_arn: a.fallbackRoleArn } : {}),
        ...(a.roleMappings
          ? {
              role_mappings: a.roleMappings.map((m) => ({
                ...(m.claim ? { claim: m.claim } : {}),
                ...(m.matcher ? { matcher: m.matcher } : {}),
                role_arn: m.roleArn,
                ...(m.priority !== undefined ? { priority: m.priority } : {}),
              })),
            }
          : {}),
        role_claim: a.roleClaim ?? 'groups',
        session_duration: a.sessionDuration ?? 3600,
        session_name_claim: a.sessionNameClaim ?? 'sub',
        ...(a.subjectProviderName ? { subject_provider_name: a.subjectProviderName } : {}),
      };
      return;
    }
    // Header injection, upstream inject and XAA are applied by the vMCP, not the proxy; OBO is
    // an enterprise extension the open-source proxy does not run. ToolHive writes nothing here.
    case 'headerInjection':
    case 'unauthenticated':
    case 'upstreamInject':
    case 'xaa':
    case 'obo':
      return;
    // Referenced through externalAuthConfigRef (ToolHive's older path): rendered by
    // addEmbeddedAuthServer as the incoming side, nothing to add for the outgoing one.
    case 'embeddedAuthServer':
      return;
    default:
      throw new RunConfigError(`${where}: unsupported external auth type: ${String(spec?.type)}`);
  }
}

/**
 * Whether the cluster-wide default Redis (`TOOLHIVE_DEFAULT_REDIS_ADDR`) serves a workload's
 * sessions. ToolHive differs per kind: MCPServer and VirtualMCPServer fall back to it whenever the
 * provider is not redis (`populateScalingConfig`, `convertSessionStorage`), MCPRemoteProxy only
 * when `spec.sessionStorage` is unset (`populateScalingConfigForRemoteProxy`).
 */
export function usesDefaultRedis(
  kind: 'MCPServer' | 'MCPRemoteProxy' | 'VirtualMCPServer',
  storage: SessionStorage | undefined,
): boolean {
  return kind === 'MCPRemoteProxy' ? storage === undefined : storage?.provider !== 'redis';
}

/** `scaling_config.session_redis`; `db` and `key_prefix` are `omitempty` in ToolHive's RunConfig. */
function sessionRedis(
  kind: 'MCPServer' | 'MCPRemoteProxy',
  storage: SessionStorage | undefined,
  defaultAddress: string | undefined,
) {
  if (storage?.provider === 'redis' && storage.address) {
    return {
      address: storage.address,
      ...(storage.db ? { db: storage.db } : {}),
      ...(storage.keyPrefix ? { key_prefix: storage.keyPrefix } : {}),
    };
  }
  if (defaultAddress && usesDefaultRedis(kind, storage)) return { address: defaultAddress };
  return undefined;
}

/** The auth, authz, audit, tools and telemetry fields MCPServer and MCPRemoteProxy share. */
function addSharedFields(
  rc: RunConfig,
  spec: {
    audit?: { enabled?: boolean };
    authzConfig?: InlineAuthz;
    oidcConfigRef?: OIDCConfigRef;
    telemetryConfigRef?: TelemetryConfigRef;
    authServerRef?: AuthServerRef;
    externalAuthConfigRef?: unknown;
  },
  refs: ResolvedRefs,
  kind: 'MCPServer' | 'MCPRemoteProxy',
  name: string,
  namespace: string,
  proxyPort: number,
): void {
  const tools = refs.toolConfig?.spec;
  if (tools?.toolsFilter && tools.toolsFilter.length > 0) rc.tools_filter = [...tools.toolsFilter];
  if (tools?.toolsOverride && Object.keys(tools.toolsOverride).length > 0) {
    const overrides: Record<string, ToolOverride> = {};
    for (const tool of Object.keys(tools.toolsOverride).sort()) {
      const o = tools.toolsOverride[tool];
      // An override that only changes annotations means nothing to the proxy, which renames and
      // re-describes tools only (ToolHive's operator rejects it; the vMCP applies annotations).
      if (!o?.name && !o?.description) continue;
      overrides[tool] = {
        ...(o.name ? { name: o.name } : {}),
        ...(o.description ? { description: o.description } : {}),
      };
    }
    if (Object.keys(overrides).length > 0) rc.tools_override = overrides;
  }
  if (spec.oidcConfigRef && refs.oidcConfig) {
    rc.oidc_config = buildOidcValidatorConfig(
      refs.oidcConfig,
      spec.oidcConfigRef,
      defaultResourceUrl(name, namespace, proxyPort),
    );
    if (rc.oidc_config.CACertPath) rc.thv_ca_bundle = rc.oidc_config.CACertPath;
    if (rc.oidc_config.AuthTokenFile) rc.jwks_auth_token_file = rc.oidc_config.AuthTokenFile;
  }
  if (spec.authzConfig?.type === 'inline') rc.authz_config = inlineAuthzConfig(spec.authzConfig);
  // A user ConfigMap is mounted and read by the proxy at start; its content rolls the pod
  // through the configmaps checksum rather than being copied into the RunConfig.
  else if (spec.authzConfig && (spec.authzConfig.type ?? 'configMap') === 'configMap')
    rc.authz_config_path = `${AUTHZ_MOUNT}/${AUTHZ_KEY}`;
  if (refs.authzConfig) rc.authz_config = authzConfigFromRef(refs.authzConfig);
  // `audit.DefaultConfig()`: request and response bodies stay out of the log unless asked for.
  if (spec.audit?.enabled)
    rc.audit_config = {
      includeRequestData: false,
      includeResponseData: false,
      maxDataSize: 1024,
      detectApplicationErrors: true,
    };
  if (spec.telemetryConfigRef && refs.telemetryConfig)
    rc.telemetry_config = buildTelemetryConfig(refs.telemetryConfig, spec.telemetryConfigRef, name);
  addEmbeddedAuthServer(rc, spec.authServerRef, refs, kind, name, namespace);
  addExternalAuth(rc, refs.externalAuthConfig);
  // strip-auth removes the client's credentials; an exchange or SigV4 signing after it would
  // put credentials back, silently defeating the flag (ToolHive refuses the same combination).
  if (rc.embedded_auth_server_config?.disable_upstream_token_injection) {
    if (rc.token_exchange_config)
      throw new RunConfigError(
        'disableUpstreamTokenInjection cannot be combined with token exchange: token exchange would re-add an Authorization header after strip-auth removes it',
      );
    if (rc.aws_sts_config)
      throw new RunConfigError(
        'disableUpstreamTokenInjection cannot be combined with AWS STS: SigV4 signing would re-add credentials after strip-auth removes them',
      );
  }
}

/**
 * The embedded authorization server, from `authServerRef` or (ToolHive's older path) an
 * `externalAuthConfigRef` of type embeddedAuthServer, as `AddAuthServerRefOptions` builds it:
 * tokens are minted for the `oidcConfigRef` resource URL, so audience and resource URL must
 * agree, and the proxy's protected resource metadata advertises the server's scopes.
 */
function addEmbeddedAuthServer(
  rc: RunConfig,
  authServerRef: AuthServerRef | undefined,
  refs: ResolvedRefs,
  kind: 'MCPServer' | 'MCPRemoteProxy',
  name: string,
  namespace: string,
): void {
  const ext = refs.externalAuthConfig;
  const extIsEmbedded = ext?.spec?.type === 'embeddedAuthServer';
  let source: MCPExternalAuthConfigResource | undefined;
  if (authServerRef) {
    if (authServerRef.kind !== 'MCPExternalAuthConfig')
      throw new RunConfigError(
        `unsupported authServerRef kind "${authServerRef.kind}": only MCPExternalAuthConfig is supported`,
      );
    if (extIsEmbedded)
      throw new RunConfigError(
        'conflict: both authServerRef and externalAuthConfigRef reference an embedded auth server; use authServerRef for the embedded auth server and externalAuthConfigRef for outgoing auth only',
      );
    source = refs.authServerConfig;
    if (source && source.spec?.type !== 'embeddedAuthServer')
      throw new RunConfigError(
        `authServerRef must reference a MCPExternalAuthConfig with type "embeddedAuthServer", got "${String(source.spec?.type)}"`,
      );
  } else if (extIsEmbedded) source = ext;
  if (!source) return;
  const from = authServerRef ? 'authServerRef' : 'externalAuthConfigRef';
  const where = `MCPExternalAuthConfig ${source.metadata.name}`;
  const cfg = source.spec?.embeddedAuthServer;
  if (!cfg)
    throw new RunConfigError(
      `${where}: embedded auth server configuration is nil for type embeddedAuthServer`,
      from,
    );
  const upstreams = cfg.upstreamProviders?.length ?? 0;
  if (upstreams > 1)
    throw new RunConfigError(
      `${kind} ${namespace}/${name}: embedded auth server has ${upstreams} upstream providers, but only 1 is supported; use VirtualMCPServer`,
    );
  const oidc = rc.oidc_config;
  if (!oidc)
    throw new RunConfigError(
      `${where}: OIDC config is required for embedded auth server: OIDCConfigRef must be set on the ${kind}`,
      from,
    );
  const resource = oidc.ResourceURL ?? '';
  if (!resource)
    throw new RunConfigError(
      `${where}: OIDC config resourceUrl is required for embedded auth server: set resourceUrl in OIDCConfigRef`,
      from,
    );
  if (!oidc.Audience)
    throw new RunConfigError(
      `${where}: oidcConfigRef.audience is required when an embedded auth server is active; set audience to "${resource}" to match resourceUrl`,
      from,
    );
  if (oidc.Audience !== resource)
    throw new RunConfigError(
      `${where}: oidcConfigRef.audience "${oidc.Audience}" must match resourceUrl "${resource}" when an embedded auth server is active; set audience to "${resource}" or set resourceUrl to match audience`,
      from,
    );
  try {
    rc.embedded_auth_server_config = buildAuthServerRunConfig(
      namespace,
      name,
      cfg,
      [resource],
      oidc.Scopes,
      resource,
    );
  } catch (err) {
    if (!(err instanceof AuthServerConfigError)) throw err;
    throw new RunConfigError(`${where}: failed to build embedded auth server config: ${err.message}`, from);
  }
  // The protected resource metadata advertises what the server issues, offline_access included.
  if (!oidc.Scopes || oidc.Scopes.length === 0)
    oidc.Scopes = [...(rc.embedded_auth_server_config.scopes_supported ?? AUTHSERVER_DEFAULT_SCOPES)];
}

function validateEnvKey(key: string): void {
  if (/[=\n\r]/.test(key))
    throw new RunConfigError(`invalid environment variable name ${JSON.stringify(key)}`);
}

export function buildMcpServerRunConfig(r: ResolvedMcpServer, opts: RunConfigOptions = {}): RunConfig {
  const spec = r.resource.spec;
  if (!spec?.image) throw new RunConfigError('image is required');
  const transport: TransportType = spec.transport ?? 'stdio';
  const proxyPort = spec.proxyPort ?? 8080;
  const mcpPort = spec.mcpPort ?? 8080;
  const envVars: Record<string, string> = {};
  for (const e of spec.env ?? []) {
    validateEnvKey(e.name);
    envVars[e.name] = e.value;
  }
  envVars.MCP_TRANSPORT = transport;
  if (transport !== 'stdio') {
    envVars.MCP_PORT = String(mcpPort);
    envVars.FASTMCP_PORT = String(mcpPort);
  }
  const rc: RunConfig = {
    schema_version: RUNCONFIG_SCHEMA_VERSION,
    image: spec.image,
    name: r.name,
    container_name: r.name,
    base_name: r.name,
    transport,
    host: opts.proxyHost ?? '0.0.0.0',
    port: proxyPort,
    target_port: mcpPort,
    proxy_mode: effectiveProxyMode(transport, spec.proxyMode),
    env_vars: Object.fromEntries(
      Object.keys(envVars)
        .sort()
        .map((k) => [k, envVars[k] as string]),
    ),
    container_labels: {
      toolhive: 'true',
      'toolhive-basename': r.name,
      'toolhive-name': r.name,
      'toolhive-port': String(proxyPort),
      'toolhive-transport': transport,
    },
  };
  if (spec.args && spec.args.length > 0) rc.cmd_args = [...spec.args];
  if (spec.trustProxyHeaders) rc.trust_proxy_headers = true;
  if (spec.endpointPrefix) rc.endpoint_prefix = spec.endpointPrefix;
  if (spec.volumes && spec.volumes.length > 0)
    rc.volumes = spec.volumes.map((v) => `${v.hostPath}:${v.mountPath}${v.readOnly ? ':ro' : ''}`);
  const profile = spec.permissionProfile;
  if (profile?.type === 'configmap') {
    rc.permission_profile_name_or_path = `${PERMISSION_PROFILE_MOUNT}/${profile.key ?? ''}`;
  } else {
    const builtin = profile?.name ?? 'network';
    const resolved = BUILTIN_PROFILES[builtin === 'stdio' ? 'none' : builtin];
    if (!resolved)
      throw new RunConfigError(`spec.permissionProfile.name: unknown builtin profile "${builtin}"`);
    if (profile) rc.permission_profile_name_or_path = builtin;
    rc.permission_profile = resolved;
  }
  addSharedFields(rc, spec, r.refs, 'MCPServer', r.name, r.namespace, proxyPort);
  addWebhooks(rc, r.refs.webhookConfig);
  if (spec.rateLimiting) {
    rc.rate_limit_config = JSON.parse(JSON.stringify(spec.rateLimiting));
    rc.rate_limit_namespace = r.namespace;
  }
  const redis = sessionRedis('MCPServer', spec.sessionStorage, opts.defaultRedisAddress);
  if (spec.backendReplicas !== undefined || redis) {
    const scaling: ScalingConfig = {};
    if (spec.backendReplicas !== undefined) scaling.backend_replicas = spec.backendReplicas;
    if (redis) scaling.session_redis = redis;
    rc.scaling_config = scaling;
  }
  return rc;
}

export function buildMcpRemoteProxyRunConfig(
  r: ResolvedMcpRemoteProxy,
  opts: RunConfigOptions = {},
): RunConfig {
  const spec = r.resource.spec;
  if (!spec?.remoteUrl) throw new RunConfigError('spec.remoteUrl is required');
  const transport = spec.transport ?? 'streamable-http';
  const proxyPort = spec.proxyPort ?? 8080;
  const rc: RunConfig = {
    schema_version: RUNCONFIG_SCHEMA_VERSION,
    image: '',
    remote_url: spec.remoteUrl,
    name: r.name,
    container_name: r.name,
    base_name: r.name,
    transport,
    host: opts.proxyHost ?? '0.0.0.0',
    port: proxyPort,
    // No target_port: ToolHive passes 0, which its `omitempty` tag drops.
    proxy_mode: transport,
    container_labels: {
      toolhive: 'true',
      'toolhive-basename': r.name,
      'toolhive-name': r.name,
      'toolhive-port': String(proxyPort),
      'toolhive-transport': transport,
    },
  };
  // ToolHive checks the URL only when reconciling; our proxy checks it again at startup and on
  // every connect, so it must know whether private and cluster-internal targets are allowed.
  if (spec.allowPrivateEndpoint) rc.allow_private_endpoint = true;
  if (spec.trustProxyHeaders) rc.trust_proxy_headers = true;
  if (spec.endpointPrefix) rc.endpoint_prefix = spec.endpointPrefix;
  const hf = spec.headerForward;
  if (hf && (hf.addPlaintextHeaders || hf.addHeadersFromSecret)) {
    rc.header_forward = {};
    if (hf.addPlaintextHeaders && Object.keys(hf.addPlaintextHeaders).length > 0)
      rc.header_forward.add_plaintext_headers = { ...hf.addPlaintextHeaders };
    if (hf.addHeadersFromSecret && hf.addHeadersFromSecret.length > 0)
      rc.header_forward.add_headers_from_secret = Object.fromEntries(
        hf.addHeadersFromSecret.map((h) => [h.headerName, headerForwardSecretName(h.headerName, r.name)]),
      );
  }
  addSharedFields(rc, spec, r.refs, 'MCPRemoteProxy', r.name, r.namespace, proxyPort);
  const redis = sessionRedis('MCPRemoteProxy', spec.sessionStorage, opts.defaultRedisAddress);
  if (redis) rc.scaling_config = { session_redis: redis };
  return rc;
}

/**
 * The secret-provider name of a forwarded header: the proxy reads its value from env
 * `TOOLHIVE_SECRET_<name>`, which the Deployment fills from the Secret.
 */
export function headerForwardSecretName(header: string, owner: string): string {
  return `HEADER_FORWARD_${normalizeForEnvVar(header)}_${normalizeForEnvVar(owner)}`;
}
