/**
 * VirtualMCPServer: one MCP endpoint in front of every backend of an MCPGroup (MCPServers,
 * MCPRemoteProxies, MCPServerEntries). It discovers the backends, merges their tools (resolving
 * name conflicts), adds composite tools, and authenticates clients and itself to each backend.
 *
 * The Kubernetes-facing settings live in `spec`; `spec.config` is the runtime configuration
 * model (`VirtualMCPConfig`), of which the operator overwrites the auth, group and session
 * storage parts from `spec`.
 */
import { array, describe, int32, integer, map, object, req, rule, string } from '../schema/dsl.ts';
import { AGE_COLUMN, betaWithAlphaAlias, type KindDefinition } from '../schema/kind.ts';
import { AUTHZ_EXCLUSIVE_RULE, authzConfig } from './shared/authz.ts';
import { conditions, podTemplateSpec } from './shared/core.ts';
import { embeddedAuthServerConfig } from './shared/embedded-auth-server.ts';
import { imagePullSecrets } from './shared/image-pull-secrets.ts';
import {
  authzConfigRef,
  embeddingServerRef,
  externalAuthConfigRef,
  groupRef,
  oidcConfigRef,
  telemetryConfigRef,
} from './shared/refs.ts';
import { sessionStorageConfig } from './shared/session-storage.ts';
import { observedGeneration } from './shared/status.ts';
import {
  hashField,
  phaseColumn,
  READY_CONDITION_COLUMN,
  replicaCount,
  sessionAffinity,
} from './shared/workload.ts';
import { virtualMcpConfig } from './virtual-mcp-config.ts';

const incomingAuthConfig = object(
  {
    authzConfig: describe(
      authzConfig,
      'Cedar authorization inline or from a ConfigMap. Not with authzConfigRef.',
    ),
    authzConfigRef: describe(
      authzConfigRef,
      'A shared MCPAuthzConfig (Cedar only) in the same namespace. Not with authzConfig.',
    ),
    oidcConfigRef: describe(
      oidcConfigRef,
      'The MCPOIDCConfig that validates client tokens; required with type oidc.',
    ),
    type: req(
      string({
        enum: ['anonymous', 'oidc'],
        description: 'How clients authenticate. There is no default: write anonymous to allow everyone.',
      }),
    ),
  },
  {
    name: 'IncomingAuthConfig',
    description: 'How MCP clients authenticate to the Virtual MCP server, and what they may do.',
    validations: [
      rule(
        "self.type == 'oidc' ? has(self.oidcConfigRef) : true",
        'spec.incomingAuth.oidcConfigRef is required when type is oidc',
      ),
      AUTHZ_EXCLUSIVE_RULE,
    ],
  },
);

const backendAuthConfig = object(
  {
    externalAuthConfigRef: describe(
      externalAuthConfigRef,
      'The MCPExternalAuthConfig to use; only with type externalAuthConfigRef.',
    ),
    type: req(
      string({
        enum: ['discovered', 'externalAuthConfigRef'],
        description:
          "discovered uses the backend's own externalAuthConfigRef; externalAuthConfigRef names one here.",
      }),
    ),
  },
  { name: 'BackendAuthConfig', description: 'How the Virtual MCP server authenticates to a backend.' },
);

const outgoingAuthConfig = object(
  {
    backends: map(backendAuthConfig, {
      description: 'Per-backend settings by backend name; they win over default.',
    }),
    default: describe(backendAuthConfig, 'Settings for backends without an entry in backends.'),
    source: string({
      default: 'discovered',
      enum: ['discovered', 'inline'],
      description:
        "discovered: the vMCP finds the group's members and their spec.externalAuthConfigRef at run time (its Role reads them). inline: the operator writes the members, with their own auth configs, into the vMCP config as static backends; default and backends apply on top.",
    }),
  },
  { name: 'OutgoingAuthConfig', description: 'How the Virtual MCP server authenticates to its backends.' },
);

const discoveredBackend = object(
  {
    authConfigRef: string({ description: 'The MCPExternalAuthConfig found on the backend, if any.' }),
    authType: string({ description: 'Type of the authentication used towards the backend.' }),
    circuitBreakerState: string({
      enum: ['closed', 'open', 'half-open'],
      description: 'State of the circuit breaker; empty when it is disabled.',
    }),
    circuitLastChanged: string({
      format: 'date-time',
      description: 'When the circuit breaker state last changed.',
    }),
    consecutiveFailures: integer({ description: 'Failed health checks in a row.' }),
    lastHealthCheck: string({ format: 'date-time', description: 'When the backend was last checked.' }),
    mcpRevision: string({ description: 'MCP protocol revision the backend negotiated, e.g. 2025-11-25.' }),
    message: string({ description: 'Details of the backend status.' }),
    name: req(string({ description: 'Name of the backend resource.' })),
    status: string({ description: 'ready, degraded, unavailable, unauthenticated or unknown.' }),
    url: string({ description: 'URL the Virtual MCP server reaches the backend at.' }),
  },
  { name: 'DiscoveredBackend', description: 'A backend found in the group, with its health.' },
);

export const virtualMcpServerKind: KindDefinition = {
  kind: 'VirtualMCPServer',
  listKind: 'VirtualMCPServerList',
  plural: 'virtualmcpservers',
  singular: 'virtualmcpserver',
  shortNames: ['vmcp', 'virtualmcp'],
  categories: ['toolhive'],
  versions: betaWithAlphaAlias({
    kind: 'VirtualMCPServer',
    description:
      'VirtualMCPServer serves the tools of every backend in an MCPGroup through one MCP endpoint.',
  }),
  printerColumns: [
    { ...phaseColumn('Phase'), description: 'Lifecycle phase' },
    { name: 'URL', type: 'string', jsonPath: '.status.url', description: 'In-cluster URL of the server' },
    {
      name: 'Backends',
      type: 'integer',
      jsonPath: '.status.backendCount',
      description: 'Backends that can be routed to',
    },
    { ...AGE_COLUMN, description: 'Time since creation' },
    READY_CONDITION_COLUMN,
  ],
  spec: object(
    {
      authServerConfig: describe(
        embeddedAuthServerConfig,
        'Run an embedded OAuth authorization server as the OIDC issuer of this server; its issuer must match ' +
          'the MCPOIDCConfig of incomingAuth.',
      ),
      config: describe(
        virtualMcpConfig,
        'Runtime configuration: aggregation, composite tools, timeouts, optimizer, …',
      ),
      embeddingServerRef: describe(
        embeddingServerRef,
        'The EmbeddingServer the optimizer uses; setting it turns the optimizer on.',
      ),
      groupRef: req(describe(groupRef, 'The MCPGroup whose members are the backends.')),
      imagePullSecrets: imagePullSecrets(
        'Pull secrets for the pod and its ServiceAccount; merged by name with podTemplateSpec ones.',
      ),
      incomingAuth: req(describe(incomingAuthConfig, 'Client authentication and authorization.')),
      outgoingAuth: describe(outgoingAuthConfig, 'Authentication to the backends. Absent means discovered.'),
      passthroughHeaders: array(string(), {
        listType: 'atomic',
        description:
          'Client request headers forwarded to every backend (e.g. an API key). Hop-by-hop and X-Forwarded-* ' +
          'headers are refused.',
      }),
      podTemplateSpec: podTemplateSpec('vmcp'),
      replicas: replicaCount('vMCP pods (more than one needs Redis session storage)'),
      serviceAccount: string({
        description: 'Existing ServiceAccount to run as. Empty means one is created.',
      }),
      serviceType: string({
        default: 'ClusterIP',
        enum: ['ClusterIP', 'NodePort', 'LoadBalancer'],
        description: 'Type of the Service in front of the server.',
      }),
      sessionAffinity: sessionAffinity(),
      sessionStorage: describe(
        sessionStorageConfig,
        'Where sessions live, so several replicas can serve them.',
      ),
      telemetryConfigRef: describe(telemetryConfigRef, 'A shared MCPTelemetryConfig in the same namespace.'),
    },
    {
      name: 'VirtualMCPServerSpec',
      description: 'Desired state of a VirtualMCPServer.',
      validations: [
        rule(
          "!has(self.config) || !has(self.config.rateLimiting) || (has(self.sessionStorage) && self.sessionStorage.provider == 'redis')",
          "config.rateLimiting requires sessionStorage with provider 'redis'",
        ),
        rule(
          "!(has(self.config) && has(self.config.rateLimiting) && has(self.config.rateLimiting.perUser)) || (has(self.incomingAuth) && self.incomingAuth.type == 'oidc')",
          'config.rateLimiting.perUser requires incomingAuth.type oidc',
        ),
        rule(
          "!has(self.config) || !has(self.config.rateLimiting) || !has(self.config.rateLimiting.tools) || self.config.rateLimiting.tools.all(t, !has(t.perUser)) || (has(self.incomingAuth) && self.incomingAuth.type == 'oidc')",
          'per-tool perUser rate limiting requires incomingAuth.type oidc',
        ),
        rule(
          "!(has(self.embeddingServerRef) && has(self.config) && has(self.config.optimizer) && has(self.config.optimizer.embeddingProvider) && self.config.optimizer.embeddingProvider == 'openai')",
          "embeddingServerRef provisions a managed TEI server and cannot be combined with optimizer.embeddingProvider 'openai'; openai mode uses embeddingService directly",
        ),
      ],
    },
  ),
  status: object(
    {
      authzConfigHash: hashField('the referenced MCPAuthzConfig spec'),
      backendCount: int32({ description: 'Backends that can be routed to (ready or unauthenticated).' }),
      conditions: conditions('Ready, Degraded, BackendsDiscovered and reference validation conditions.'),
      discoveredBackends: array(discoveredBackend, {
        listType: 'map',
        listMapKeys: ['name'],
        description: 'Backends found in the group, with their health (written by the vMCP pod).',
      }),
      message: string({ description: 'Details of the phase.' }),
      observedGeneration: observedGeneration(),
      oidcConfigHash: hashField('the referenced MCPOIDCConfig spec'),
      phase: string({
        default: 'Pending',
        enum: ['Pending', 'Ready', 'Degraded', 'Failed'],
        description: 'Pending until ready; Degraded when it serves but some backends are unhealthy.',
      }),
      telemetryConfigHash: hashField('the referenced MCPTelemetryConfig spec'),
      url: string({ description: 'In-cluster URL of the MCP endpoint.' }),
    },
    { name: 'VirtualMCPServerStatus', description: 'Observed state of a VirtualMCPServer.' },
  ),
};
