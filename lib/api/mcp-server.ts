/**
 * MCPServer: one containerized MCP server behind ToolHive's proxy runner. The proxy runner
 * Deployment fronts the server (stdio attach, or HTTP for sse/streamable-http) and applies the
 * middleware chain: authentication, authorization, audit, tool filtering, webhooks, telemetry
 * and rate limiting.
 */
import { array, boolean, describe, int32, int64, object, req, rule, string } from '../schema/dsl.ts';
import { AGE_COLUMN, betaWithAlphaAlias, type KindDefinition } from '../schema/kind.ts';
import { AUTHZ_EXCLUSIVE_RULE, authzConfig } from './shared/authz.ts';
import { conditions, envList, podTemplateSpec, resourceRequirements } from './shared/core.ts';
import { proxyResourceOverrides } from './shared/proxy-overrides.ts';
import { rateLimitConfig } from './shared/rate-limit.ts';
import {
  auditConfig,
  authServerRef,
  authzConfigRef,
  externalAuthConfigRef,
  groupRef,
  oidcConfigRef,
  telemetryConfigRef,
  toolConfigRef,
  webhookConfigRef,
} from './shared/refs.ts';
import { rateLimitNeedsRedisRule, sessionStorageConfig } from './shared/session-storage.ts';
import {
  hashField,
  phaseColumn,
  port,
  proxyPort,
  READY_CONDITION_COLUMN,
  replicaCount,
  sessionAffinity,
} from './shared/workload.ts';

/** Rules that tie per-user rate limits to an authenticated caller (ToolHive's order). */
const PER_USER_NEEDS_AUTH_RULES = [
  rule(
    '!(has(self.rateLimiting) && has(self.rateLimiting.perUser)) || has(self.oidcConfigRef) || has(self.externalAuthConfigRef)',
    'rateLimiting.perUser requires authentication (oidcConfigRef or externalAuthConfigRef)',
  ),
  rule(
    '!has(self.rateLimiting) || !has(self.rateLimiting.tools) || self.rateLimiting.tools.all(t, !has(t.perUser)) || has(self.oidcConfigRef) || has(self.externalAuthConfigRef)',
    'per-tool perUser rate limiting requires authentication (oidcConfigRef or externalAuthConfigRef)',
  ),
];

const hostPathVolume = object(
  {
    hostPath: req(string({ description: 'Path on the node to mount.' })),
    mountPath: req(string({ description: 'Path inside the MCP server container.' })),
    name: req(string({ description: 'Name of the volume; unique within the list.' })),
    readOnly: boolean({ default: false, description: 'Mount the volume read-only.' }),
  },
  { name: 'Volume', description: 'A host path mounted into the MCP server container.' },
);

const secretRef = object(
  {
    key: req(string({ description: 'Key within the Secret.' })),
    name: req(string({ description: 'Name of the Secret, in the same namespace.' })),
    targetEnvName: string({
      description:
        'Environment variable that receives the value in the MCP server container. Empty means the key.',
    }),
  },
  {
    name: 'SecretRef',
    description: 'A Secret key exposed to the MCP server as an environment variable (never to the proxy).',
  },
);

const permissionProfileRef = object(
  {
    key: string({ description: 'Key of the ConfigMap holding the profile JSON; only with type configmap.' }),
    name: req(
      string({
        description:
          'Built-in profile name ("none" or "network") or, with type configmap, the ConfigMap name.',
      }),
    ),
    type: req(
      string({
        default: 'builtin',
        enum: ['builtin', 'configmap'],
        description: 'Whether the profile is built in or read from a ConfigMap.',
      }),
    ),
  },
  {
    name: 'PermissionProfileRef',
    description: 'The file system and network permissions the MCP server container gets.',
  },
);

const spec = object(
  {
    args: array(string(), { listType: 'atomic', description: 'Extra arguments passed to the MCP server.' }),
    audit: describe(auditConfig, 'Audit logging of the MCP requests this server handles.'),
    authServerRef: describe(
      authServerRef,
      'Embedded OAuth authorization server that authenticates MCP clients of this server.',
    ),
    authzConfig: describe(authzConfig, 'Cedar authorization for this server. Exclusive with authzConfigRef.'),
    authzConfigRef: describe(
      authzConfigRef,
      'Shared MCPAuthzConfig to authorize requests with. Exclusive with authzConfig.',
    ),
    backendReplicas: replicaCount('MCP server backend pods'),
    endpointPrefix: string({
      description: 'Path prefix put in front of SSE endpoint URLs, for ingresses that strip a prefix.',
    }),
    env: envList('Environment variables of the MCP server container.'),
    externalAuthConfigRef: describe(
      externalAuthConfigRef,
      'MCPExternalAuthConfig describing how the proxy authenticates to the MCP server (e.g. token exchange).',
    ),
    groupRef: describe(groupRef, 'MCPGroup this server belongs to, for aggregation by a VirtualMCPServer.'),
    image: req(string({ description: 'Container image of the MCP server.' })),
    mcpPort: port({
      description: 'Port the MCP server listens on (sse, streamable-http). Empty means 8080.',
    }),
    oidcConfigRef: describe(
      oidcConfigRef,
      'MCPOIDCConfig that validates client tokens. Without it (and without authServerRef) the proxy ' +
        'accepts every request unauthenticated.',
    ),
    permissionProfile: describe(permissionProfileRef, 'Permission profile of the MCP server container.'),
    podTemplateSpec: podTemplateSpec('mcp'),
    proxyMode: string({
      default: 'streamable-http',
      enum: ['sse', 'streamable-http'],
      description: 'Protocol the proxy offers clients for a stdio server; ignored for other transports.',
    }),
    proxyPort: proxyPort('Port the proxy runner Service listens on.'),
    rateLimiting: describe(
      rateLimitConfig,
      'Token-bucket rate limits for this server. Needs Redis session storage; per-user limits need authentication.',
    ),
    replicas: replicaCount('proxy runner pods'),
    resourceOverrides: describe(
      proxyResourceOverrides,
      'Metadata and settings merged into the generated objects.',
    ),
    resources: describe(resourceRequirements, 'Compute resources of the MCP server container.'),
    secrets: array(secretRef, {
      listType: 'map',
      listMapKeys: ['name'],
      description: 'Secret keys injected into the MCP server container as environment variables.',
    }),
    serviceAccount: string({
      description: 'Existing ServiceAccount for the MCP server. Empty means one is created for it.',
    }),
    sessionAffinity: sessionAffinity(),
    sessionStorage: describe(sessionStorageConfig, 'Session store shared by the proxy replicas.'),
    telemetryConfigRef: describe(
      telemetryConfigRef,
      'MCPTelemetryConfig with the OpenTelemetry and Prometheus settings.',
    ),
    toolConfigRef: describe(
      toolConfigRef,
      'MCPToolConfig that filters and renames the tools of this server.',
    ),
    transport: string({
      default: 'stdio',
      enum: ['stdio', 'streamable-http', 'sse'],
      description: 'How the proxy talks to the MCP server: its stdin/stdout, or HTTP.',
    }),
    trustProxyHeaders: boolean({
      default: false,
      description:
        'Build endpoint URLs from X-Forwarded-* headers; enable only behind a trusted reverse proxy.',
    }),
    volumes: array(hostPathVolume, {
      listType: 'map',
      listMapKeys: ['name'],
      description: 'Host paths mounted into the MCP server container.',
    }),
    webhookConfigRef: describe(
      webhookConfigRef,
      'MCPWebhookConfig with validating and mutating webhooks for requests.',
    ),
  },
  {
    name: 'MCPServerSpec',
    description: 'Desired state of an MCPServer.',
    validations: [
      AUTHZ_EXCLUSIVE_RULE,
      rateLimitNeedsRedisRule('rateLimiting', "rateLimiting requires sessionStorage with provider 'redis'"),
      ...PER_USER_NEEDS_AUTH_RULES,
    ],
  },
);

const status = object(
  {
    authServerConfigHash: hashField('the referenced embedded auth server config'),
    authzConfigHash: hashField('the referenced MCPAuthzConfig'),
    conditions: conditions(),
    externalAuthConfigHash: hashField('the referenced MCPExternalAuthConfig'),
    message: string({ description: 'Human-readable detail of the current phase.' }),
    observedGeneration: int64({ description: 'The .metadata.generation the status was computed from.' }),
    oidcConfigHash: hashField('the referenced MCPOIDCConfig'),
    phase: string({
      enum: ['Pending', 'Ready', 'Failed', 'Terminating', 'Stopped'],
      description: 'Lifecycle phase; Stopped when the proxy is scaled to zero.',
    }),
    readyReplicas: int32({ description: 'Number of ready proxy runner pods.' }),
    telemetryConfigHash: hashField('the referenced MCPTelemetryConfig'),
    toolConfigHash: hashField('the referenced MCPToolConfig'),
    url: string({ description: 'In-cluster URL clients use to reach the server through the proxy.' }),
    webhookConfigHash: hashField('the referenced MCPWebhookConfig'),
  },
  { name: 'MCPServerStatus', description: 'Observed state of an MCPServer.' },
);

export const mcpServerKind: KindDefinition = {
  kind: 'MCPServer',
  listKind: 'MCPServerList',
  plural: 'mcpservers',
  singular: 'mcpserver',
  shortNames: ['mcpserver', 'mcpservers'],
  categories: ['toolhive'],
  versions: betaWithAlphaAlias({
    kind: 'MCPServer',
    description: 'MCPServer runs an MCP server in a container behind the ToolHive proxy runner.',
  }),
  printerColumns: [
    phaseColumn('Status'),
    READY_CONDITION_COLUMN,
    { name: 'Replicas', type: 'integer', jsonPath: '.status.readyReplicas' },
    { name: 'URL', type: 'string', jsonPath: '.status.url' },
    AGE_COLUMN,
  ],
  spec,
  status,
};
