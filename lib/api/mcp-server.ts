/**
 * MCPServer: one containerized MCP server behind ToolHive's proxy runner. The proxy runner
 * Deployment fronts the server (its stdin/stdout for stdio, HTTP for sse and streamable-http)
 * and applies the middleware chain: authentication, authorization, audit, tool filtering,
 * webhooks, telemetry and rate limiting.
 */
import { array, boolean, describe, int32, object, req, rule, string } from '../schema/dsl.ts';
import { AGE_COLUMN, betaWithAlphaAlias, type KindDefinition } from '../schema/kind.ts';
import { AUTHZ_EXCLUSIVE_RULE } from './shared/authz.ts';
import { envList } from './shared/core.ts';
import { proxyRunnerSpecFields, proxyRunnerStatusFields } from './shared/proxy-runner.ts';
import { rateLimitConfig } from './shared/rate-limit.ts';
import { webhookConfigRef } from './shared/refs.ts';
import { rateLimitNeedsRedisRule } from './shared/session-storage.ts';
import { hashField, phaseColumn, port, READY_CONDITION_COLUMN, replicaCount } from './shared/workload.ts';

/** Per-user buckets need a caller identity, so they need some form of authentication. */
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
    key: string({
      description: 'Key of the ConfigMap entry holding the profile JSON; only with type configmap.',
    }),
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
    description: 'The file system and network permissions of the MCP server container.',
  },
);

const spec = object(
  {
    ...proxyRunnerSpecFields({
      backend: 'the MCP server',
      containerName: 'mcp',
      resourcesOf: 'the MCP server container',
      serviceAccountOf: 'the MCP server',
    }),
    args: array(string(), { listType: 'atomic', description: 'Extra arguments passed to the MCP server.' }),
    backendReplicas: replicaCount('MCP server backend pods'),
    env: envList('Environment variables of the MCP server container.'),
    image: req(string({ description: 'Container image of the MCP server.' })),
    mcpPort: port({
      description: 'Port the MCP server listens on (sse and streamable-http transports). Empty means 8080.',
    }),
    permissionProfile: describe(permissionProfileRef, 'Permission profile of the MCP server container.'),
    proxyMode: string({
      default: 'streamable-http',
      enum: ['sse', 'streamable-http'],
      description: 'Protocol the proxy offers clients for a stdio server; ignored for other transports.',
    }),
    rateLimiting: describe(
      rateLimitConfig,
      'Token-bucket rate limits. Needs Redis session storage; per-user limits need authentication.',
    ),
    secrets: array(secretRef, {
      listType: 'map',
      listMapKeys: ['name'],
      description: 'Secret keys injected into the MCP server container as environment variables.',
    }),
    transport: string({
      default: 'stdio',
      enum: ['stdio', 'streamable-http', 'sse'],
      description: 'How the proxy talks to the MCP server: over its stdin/stdout, or over HTTP.',
    }),
    volumes: array(hostPathVolume, {
      listType: 'map',
      listMapKeys: ['name'],
      description: 'Host paths mounted into the MCP server container.',
    }),
    webhookConfigRef: describe(
      webhookConfigRef,
      'MCPWebhookConfig with validating and mutating webhooks called for each request.',
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
    ...proxyRunnerStatusFields(),
    phase: string({
      enum: ['Pending', 'Ready', 'Failed', 'Terminating', 'Stopped'],
      description: 'Lifecycle phase; Stopped when the proxy is scaled to zero.',
    }),
    readyReplicas: int32({ description: 'Number of ready proxy runner pods.' }),
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
