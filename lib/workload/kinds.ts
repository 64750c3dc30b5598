/**
 * The parts of ToolHive's kinds that rendering reads, as TypeScript types. They follow the CRD
 * schemas field for field (reference/toolhive-crds.md), so the generated kind types are
 * assignable to them.
 */
import type { ObjectMeta } from '../api/meta.ts';

export interface Resource<K extends string, S> {
  apiVersion: string;
  kind: K;
  metadata: ObjectMeta;
  spec?: S;
  status?: Record<string, unknown>;
}

export interface SecretKeyRef {
  name: string;
  key: string;
}
export interface KeySelector {
  name?: string;
  key: string;
  optional?: boolean;
}
export interface NameRef {
  name: string;
}
export interface EnvVarSpec {
  name: string;
  value: string;
}
export interface Resources {
  limits?: { cpu?: string; memory?: string };
  requests?: { cpu?: string; memory?: string };
}
export interface MetadataOverrides {
  annotations?: Record<string, string>;
  labels?: Record<string, string>;
}
export interface ProxyDeploymentOverrides extends MetadataOverrides {
  env?: EnvVarSpec[];
  imagePullSecrets?: Array<{ name?: string }>;
  podTemplateMetadataOverrides?: MetadataOverrides;
}
export interface ProxyResourceOverrides {
  proxyDeployment?: ProxyDeploymentOverrides;
  proxyService?: MetadataOverrides;
}
export interface OIDCConfigRef {
  name: string;
  audience: string;
  resourceUrl?: string;
  scopes?: string[];
}
export interface TelemetryConfigRef {
  name: string;
  serviceName?: string;
}
export interface AuthServerRef {
  kind: 'MCPExternalAuthConfig';
  name: string;
}
export interface InlineAuthz {
  type: 'configMap' | 'inline';
  configMap?: { name: string; key?: string };
  inline?: { policies: string[]; entitiesJson?: string; primaryUpstreamProvider?: string };
  groupClaimName?: string;
  roleClaimName?: string;
  groupEntityType?: string;
}
export interface SessionStorage {
  provider: 'memory' | 'redis';
  address?: string;
  db?: number;
  keyPrefix?: string;
  passwordRef?: SecretKeyRef;
}
export interface RateLimitBucket {
  maxTokens: number;
  refillPeriod: string;
}
export interface RateLimiting {
  shared?: RateLimitBucket;
  perUser?: RateLimitBucket;
  tools?: Array<{ name: string; shared?: RateLimitBucket; perUser?: RateLimitBucket }>;
}
export interface HeaderForward {
  addPlaintextHeaders?: Record<string, string>;
  addHeadersFromSecret?: Array<{ headerName: string; valueSecretRef: SecretKeyRef }>;
}

export interface MCPServerSpec {
  image: string;
  transport?: 'stdio' | 'sse' | 'streamable-http';
  proxyMode?: 'sse' | 'streamable-http';
  proxyPort?: number;
  mcpPort?: number;
  args?: string[];
  env?: EnvVarSpec[];
  secrets?: Array<{ name: string; key: string; targetEnvName?: string }>;
  volumes?: Array<{ name: string; hostPath: string; mountPath: string; readOnly?: boolean }>;
  permissionProfile?: { type: 'builtin' | 'configmap'; name: string; key?: string };
  podTemplateSpec?: Record<string, unknown>;
  resources?: Resources;
  resourceOverrides?: ProxyResourceOverrides;
  serviceAccount?: string;
  replicas?: number;
  backendReplicas?: number;
  sessionAffinity?: 'ClientIP' | 'None';
  sessionStorage?: SessionStorage;
  rateLimiting?: RateLimiting;
  trustProxyHeaders?: boolean;
  endpointPrefix?: string;
  audit?: { enabled?: boolean };
  authzConfig?: InlineAuthz;
  authzConfigRef?: NameRef;
  oidcConfigRef?: OIDCConfigRef;
  telemetryConfigRef?: TelemetryConfigRef;
  toolConfigRef?: NameRef;
  externalAuthConfigRef?: NameRef;
  authServerRef?: AuthServerRef;
  webhookConfigRef?: NameRef;
  groupRef?: NameRef;
}

export interface MCPRemoteProxySpec {
  remoteUrl: string;
  allowPrivateEndpoint?: boolean;
  transport?: 'sse' | 'streamable-http';
  proxyPort?: number;
  headerForward?: HeaderForward;
  podTemplateSpec?: Record<string, unknown>;
  resources?: Resources;
  resourceOverrides?: ProxyResourceOverrides;
  serviceAccount?: string;
  replicas?: number;
  sessionAffinity?: 'ClientIP' | 'None';
  sessionStorage?: SessionStorage;
  trustProxyHeaders?: boolean;
  endpointPrefix?: string;
  audit?: { enabled?: boolean };
  authzConfig?: InlineAuthz;
  authzConfigRef?: NameRef;
  oidcConfigRef?: OIDCConfigRef;
  telemetryConfigRef?: TelemetryConfigRef;
  toolConfigRef?: NameRef;
  externalAuthConfigRef?: NameRef;
  authServerRef?: AuthServerRef;
  groupRef?: NameRef;
}

export interface MCPServerEntrySpec {
  remoteUrl: string;
  transport: 'sse' | 'streamable-http';
  groupRef: NameRef;
  allowPrivateEndpoint?: boolean;
  externalAuthConfigRef?: NameRef;
  headerForward?: HeaderForward;
  caBundleRef?: { configMapRef?: KeySelector };
}

export interface MCPToolConfigSpec {
  toolsFilter?: string[];
  toolsOverride?: Record<
    string,
    {
      name?: string;
      description?: string;
      annotations?: {
        title?: string;
        readOnlyHint?: boolean;
        destructiveHint?: boolean;
        idempotentHint?: boolean;
        openWorldHint?: boolean;
      };
    }
  >;
}

export interface MCPOIDCConfigSpec {
  type: 'kubernetesServiceAccount' | 'inline';
  kubernetesServiceAccount?: {
    issuer?: string;
    jwksUrl?: string;
    introspectionUrl?: string;
    namespace?: string;
    serviceAccount?: string;
    useClusterAuth?: boolean;
  };
  inline?: {
    issuer: string;
    clientId?: string;
    clientSecretRef?: SecretKeyRef;
    jwksUrl?: string;
    introspectionUrl?: string;
    jwksAuthTokenPath?: string;
    jwksAllowPrivateIP?: boolean;
    protectedResourceAllowPrivateIP?: boolean;
    insecureAllowHTTP?: boolean;
    caBundleRef?: { configMapRef?: KeySelector };
  };
}

export interface MCPTelemetryConfigSpec {
  openTelemetry?: {
    enabled?: boolean;
    endpoint?: string;
    insecure?: boolean;
    headers?: Record<string, string>;
    sensitiveHeaders?: Array<{ name: string; secretKeyRef: SecretKeyRef }>;
    resourceAttributes?: Record<string, string>;
    tracing?: { enabled?: boolean; samplingRate?: string };
    metrics?: { enabled?: boolean };
    useLegacyAttributes?: boolean;
    caBundleRef?: { configMapRef?: KeySelector };
  };
  prometheus?: { enabled?: boolean };
}

export interface MCPAuthzConfigSpec {
  type: string;
  config: Record<string, unknown>;
}

export interface WebhookSpec {
  name: string;
  url: string;
  timeout?: string;
  failurePolicy?: 'fail' | 'ignore';
  tlsConfig?: {
    caSecretRef?: SecretKeyRef;
    clientCertSecretRef?: SecretKeyRef;
    clientKeySecretRef?: SecretKeyRef;
    insecureSkipVerify?: boolean;
  };
  hmacSecretRef?: SecretKeyRef;
}
export interface MCPWebhookConfigSpec {
  validating?: WebhookSpec[];
  mutating?: WebhookSpec[];
}

export interface MCPExternalAuthConfigSpec {
  type: string;
  tokenExchange?: {
    tokenUrl: string;
    audience: string;
    clientId?: string;
    clientSecretRef?: SecretKeyRef;
    scopes?: string[];
    subjectTokenType?: string;
    externalTokenHeaderName?: string;
    subjectProviderName?: string;
  };
  headerInjection?: { headerName: string; valueSecretRef: SecretKeyRef };
  bearerToken?: { tokenSecretRef: SecretKeyRef };
  upstreamInject?: { providerName: string };
  [other: string]: unknown;
}

export interface VirtualMCPServerSpec {
  groupRef: NameRef;
  incomingAuth: {
    type: 'anonymous' | 'oidc';
    oidcConfigRef?: OIDCConfigRef;
    authzConfig?: InlineAuthz;
    authzConfigRef?: NameRef;
  };
  outgoingAuth?: {
    source?: 'discovered' | 'inline';
    default?: { type: 'discovered' | 'externalAuthConfigRef'; externalAuthConfigRef?: NameRef };
    backends?: Record<
      string,
      { type: 'discovered' | 'externalAuthConfigRef'; externalAuthConfigRef?: NameRef }
    >;
  };
  config?: Record<string, unknown>;
  telemetryConfigRef?: TelemetryConfigRef;
  embeddingServerRef?: NameRef;
  authServerConfig?: Record<string, unknown>;
  imagePullSecrets?: Array<{ name?: string }>;
  passthroughHeaders?: string[];
  podTemplateSpec?: Record<string, unknown>;
  replicas?: number;
  serviceAccount?: string;
  serviceType?: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
  sessionAffinity?: 'ClientIP' | 'None';
  sessionStorage?: SessionStorage;
}

export interface EmbeddingServerSpec {
  args?: string[];
  env?: EnvVarSpec[];
  hfTokenSecretRef?: SecretKeyRef;
  image?: string;
  imagePullPolicy?: 'Always' | 'Never' | 'IfNotPresent';
  model?: string;
  modelCache?: {
    enabled?: boolean;
    size?: string;
    accessMode?: 'ReadWriteOnce' | 'ReadWriteMany' | 'ReadOnlyMany';
    storageClassName?: string;
  };
  podTemplateSpec?: Record<string, unknown>;
  port?: number;
  replicas?: number;
  resourceOverrides?: {
    statefulSet?: MetadataOverrides & { podTemplateMetadataOverrides?: MetadataOverrides };
    service?: MetadataOverrides;
    persistentVolumeClaim?: MetadataOverrides;
  };
  resources?: Resources;
}

export interface MCPRegistrySpec {
  configYAML: string;
  displayName?: string;
  imagePullSecrets?: Array<{ name?: string }>;
  pgpassSecretRef?: KeySelector;
  podTemplateSpec?: Record<string, unknown>;
  volumes?: Array<Record<string, unknown>>;
  volumeMounts?: Array<Record<string, unknown>>;
}

export interface CompositeToolDefinitionSpec {
  name: string;
  steps: Array<Record<string, unknown>>;
  [field: string]: unknown;
}

export type MCPServerResource = Resource<'MCPServer', MCPServerSpec>;
export type MCPRemoteProxyResource = Resource<'MCPRemoteProxy', MCPRemoteProxySpec>;
export type MCPServerEntryResource = Resource<'MCPServerEntry', MCPServerEntrySpec>;
export type MCPGroupResource = Resource<'MCPGroup', { description?: string }>;
export type MCPToolConfigResource = Resource<'MCPToolConfig', MCPToolConfigSpec>;
export type MCPOIDCConfigResource = Resource<'MCPOIDCConfig', MCPOIDCConfigSpec>;
export type MCPTelemetryConfigResource = Resource<'MCPTelemetryConfig', MCPTelemetryConfigSpec>;
export type MCPAuthzConfigResource = Resource<'MCPAuthzConfig', MCPAuthzConfigSpec>;
export type MCPWebhookConfigResource = Resource<'MCPWebhookConfig', MCPWebhookConfigSpec>;
export type MCPExternalAuthConfigResource = Resource<'MCPExternalAuthConfig', MCPExternalAuthConfigSpec>;
export type VirtualMCPServerResource = Resource<'VirtualMCPServer', VirtualMCPServerSpec>;
export type EmbeddingServerResource = Resource<'EmbeddingServer', EmbeddingServerSpec>;
export type MCPRegistryResource = Resource<'MCPRegistry', MCPRegistrySpec>;
export type CompositeToolDefinitionResource = Resource<
  'VirtualMCPCompositeToolDefinition',
  CompositeToolDefinitionSpec
>;
