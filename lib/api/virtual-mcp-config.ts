/**
 * The Virtual MCP server configuration (`VirtualMCPConfig`, ToolHive's vMCP `config.Config`):
 * backends and how their tools are aggregated, composite tools, timeouts and health checks, the
 * optimizer, code mode, audit and telemetry. It is `VirtualMCPServer.spec.config`, the model the
 * VirtualMcpChart renders into the vMCP ConfigMap, and what the vMCP runtime loads.
 *
 * The root keeps unknown fields (so newer runtime settings pass through an older CRD), while
 * every nested block is pruned and validated as usual, exactly as in ToolHive.
 */
import {
  array,
  boolean,
  describe,
  int32,
  int64,
  integer,
  map,
  object,
  req,
  rule,
  string,
} from '../schema/dsl.ts';
import { compositeToolConfig } from './shared/composite-tool.ts';
import { duration } from './shared/duration.ts';
import { rateLimitConfig } from './shared/rate-limit.ts';
import { toolConfigRef } from './shared/refs.ts';
import { toolOverride } from './shared/tool-override.ts';
import { vmcpIncomingAuthConfig, vmcpOutgoingAuthConfig } from './virtual-mcp-config-auth.ts';

const strings = (description: string) => array(string(), { description });

// ---- backends and aggregation ---------------------------------------------------------------

const staticBackendConfig = object(
  {
    caBundlePath: string({ description: 'CA bundle for TLS to the backend; only for type entry.' }),
    metadata: map(string(), {
      description: 'Free-form labels of the backend; the key "group" is set by vMCP.',
    }),
    name: req(string({ description: 'Backend name, as the MCPGroup member is named.' })),
    transport: req(
      string({ enum: ['sse', 'streamable-http'], description: 'MCP transport of the backend.' }),
    ),
    type: string({
      enum: ['entry', ''],
      description: 'entry for an MCPServerEntry (a remote server reached directly); empty otherwise.',
    }),
    url: req(string({ pattern: '^https?://', description: 'Base URL of the backend MCP endpoint.' })),
  },
  {
    name: 'StaticBackendConfig',
    description: 'A backend listed in the config, for outgoingAuth source inline (no Kubernetes API access).',
  },
);

const workloadToolConfig = object(
  {
    excludeAll: boolean({
      description: 'Hide every tool of this backend from clients; composite tools can still call them.',
    }),
    filter: strings(
      'Tools advertised to clients; the others stay callable by composite tools. Ignored with toolConfigRef.',
    ),
    overrides: map(toolOverride, {
      description: 'Renames and new descriptions by original tool name, applied before conflict resolution.',
    }),
    toolConfigRef: describe(toolConfigRef, 'An MCPToolConfig to take filter and overrides from instead.'),
    workload: req(string({ description: 'Name of the backend this entry applies to.' })),
  },
  { name: 'WorkloadToolConfig', description: 'Tool filtering and overrides for one backend.' },
);

const conflictResolutionConfig = object(
  {
    prefixFormat: string({
      default: '{workload}_',
      description:
        'Prefix put before tool names with the prefix strategy (and before prompt names); {workload} is the backend name.',
    }),
    priorityOrder: strings(
      'Backends in priority order for the priority strategy; the first one with a tool wins.',
    ),
  },
  { name: 'ConflictResolutionConfig', description: 'Settings of the conflict resolution strategy.' },
);

const aggregationConfig = object(
  {
    conflictResolution: string({
      default: 'prefix',
      enum: ['prefix', 'priority', 'manual'],
      description:
        'How two backends offering the same tool name are reconciled: prefix every tool with its backend, ' +
        'keep the backend first in priorityOrder, or resolve every conflict by hand with overrides.',
    }),
    conflictResolutionConfig: describe(conflictResolutionConfig, 'Settings of the chosen strategy.'),
    defaultToolVisibility: string({
      enum: ['allow', 'deny'],
      description: 'Whether backends without an entry in tools advertise their tools. Empty means allow.',
    }),
    excludeAllTools: boolean({
      description: 'Hide every backend tool from clients, e.g. to offer only composite tools.',
    }),
    tools: array(workloadToolConfig, { description: 'Per-backend filters and overrides.' }),
  },
  {
    name: 'AggregationConfig',
    description: 'How backend tools are merged into one list. Hidden tools stay callable by composite tools.',
  },
);

const compositeToolRef = object(
  {
    name: req(
      string({ description: 'Name of the VirtualMCPCompositeToolDefinition in the same namespace.' }),
    ),
  },
  { name: 'CompositeToolRef', description: 'A reference to a VirtualMCPCompositeToolDefinition.' },
);

// ---- operations -----------------------------------------------------------------------------

const circuitBreakerConfig = object(
  {
    enabled: boolean({ default: false, description: 'Stop calling a backend after repeated failures.' }),
    failureThreshold: integer({ default: 5, minimum: 1, description: 'Failures that open the circuit.' }),
    timeout: duration({
      default: '60s',
      description: 'How long the circuit stays open before a backend is tried again; at least 1s.',
      validations: [rule("self == '' || duration(self) >= duration('1s')", 'timeout must be >= 1s')],
    }),
  },
  { name: 'CircuitBreakerConfig', description: 'Circuit breaker per backend.' },
);

const failureHandlingConfig = object(
  {
    circuitBreaker: describe(circuitBreakerConfig, 'Circuit breaker per backend.'),
    healthCheckInterval: duration({ default: '30s', description: 'Time between backend health checks.' }),
    healthCheckTimeout: duration({ default: '10s', description: 'Longest time one health check may take.' }),
    partialFailureMode: string({
      default: 'fail',
      enum: ['fail', 'best_effort'],
      description:
        'fail rejects a request when a backend it needs is down; best_effort uses the backends that are up.',
    }),
    statusReportingInterval: duration({
      default: '30s',
      description: 'How often the runtime writes backend health to the VirtualMCPServer status.',
    }),
    unhealthyThreshold: integer({
      default: 3,
      description: 'Consecutive failed checks before a backend is unhealthy.',
    }),
  },
  { name: 'FailureHandlingConfig', description: 'Health checks and what happens when backends fail.' },
);

const timeoutConfig = object(
  {
    default: duration({ default: '30s', description: 'Timeout of a backend request.' }),
    perWorkload: map(duration({ description: 'Timeout for this backend.' }), {
      description: 'Timeouts by backend name, overriding default.',
    }),
  },
  { name: 'TimeoutConfig', description: 'Backend request timeouts.' },
);

const operationalConfig = object(
  {
    failureHandling: describe(failureHandlingConfig, 'Health checks and failure handling.'),
    logLevel: string({ enum: ['debug'], description: 'debug turns on debug logging. Empty means info.' }),
    timeouts: describe(timeoutConfig, 'Backend request timeouts.'),
  },
  { name: 'OperationalConfig', description: 'Timeouts, health checks and logging.' },
);

// ---- optional features ----------------------------------------------------------------------

const DECIMAL_PATTERN = '^([0-9]*[.])?[0-9]+$';

const optimizerConfig = object(
  {
    embeddingHeaders: map(
      string({ minLength: 1, maxLength: 8192, pattern: String.raw`^[^\x00-\x08\x0A-\x1F\x7F]*$` }),
      {
        maxProperties: 32,
        description:
          'Extra headers sent to an openai embedding service. Plain text, so no secrets; Authorization ' +
          'comes from OPENAI_API_KEY.',
      },
    ),
    embeddingModel: string({
      description: 'Model requested from an openai embedding service; required with openai.',
    }),
    embeddingProvider: string({
      default: 'tei',
      enum: ['tei', 'openai'],
      description: 'API of the embedding service: Text Embeddings Inference or OpenAI-compatible.',
    }),
    embeddingService: string({
      description:
        'Base URL of the embedding service. With spec.embeddingServerRef the operator fills it in.',
    }),
    embeddingServiceTimeout: duration({ default: '30s', description: 'Timeout of an embedding request.' }),
    hybridSearchSemanticRatio: string({
      pattern: DECIMAL_PATTERN,
      description: 'Share of semantic versus keyword results, "0.0" to "1.0". Empty means "0.5".',
    }),
    maxToolsToReturn: integer({
      minimum: 1,
      maximum: 50,
      description: 'Most tools one find_tool search returns. Empty means 8.',
    }),
    semanticDistanceThreshold: string({
      pattern: DECIMAL_PATTERN,
      description: 'Largest semantic distance kept, "0" (identical) to "2". Empty means "1.0".',
    }),
  },
  {
    name: 'OptimizerConfig',
    description:
      'Offer only find_tool and call_tool instead of every backend tool, so models search tools on demand.',
    validations: [
      rule(
        "!has(self.embeddingHeaders) || (has(self.embeddingProvider) && self.embeddingProvider == 'openai')",
        "embeddingHeaders is only supported when embeddingProvider is 'openai'",
      ),
      rule(
        String.raw`!has(self.embeddingHeaders) || self.embeddingHeaders.all(k, k.matches('^[!#$%&\\x27*+.^_\\x60|~0-9A-Za-z-]+$') && !(k.lowerAscii() in ['authorization', 'content-type']))`,
        'embeddingHeaders names must be valid HTTP header names and must not include Authorization or Content-Type',
      ),
    ],
  },
);

const codeModeConfig = object(
  {
    enabled: boolean({ description: 'Offer the execute_tool_script tool.' }),
    parallelMaxConcurrency: integer({
      default: 10,
      minimum: 1,
      description: 'Most tool calls a script runs at once with parallel().',
    }),
    stepLimit: int64({
      default: 100000,
      minimum: 1,
      description: 'Most Starlark execution steps per script.',
    }),
    toolCallTimeout: duration({ default: '30s', description: 'Timeout of each tool call made by a script.' }),
  },
  {
    name: 'CodeModeConfig',
    description:
      'Code mode: clients submit a Starlark script that calls several tools in one request; each call is ' +
      'authorized on its own.',
  },
);

const auditConfig = object(
  {
    component: string({ description: 'Component name written in audit events.' }),
    detectApplicationErrors: boolean({
      default: true,
      description: 'Inspect JSON-RPC responses so application errors are audited as failures.',
    }),
    enabled: boolean({ default: false, description: 'Write an audit event per MCP request.' }),
    eventTypes: strings('Event types to audit. Empty means all.'),
    excludeEventTypes: strings('Event types not to audit; wins over eventTypes.'),
    includeRequestData: boolean({ default: false, description: 'Include request bodies in events.' }),
    includeResponseData: boolean({ default: false, description: 'Include response bodies in events.' }),
    logFile: string({ description: 'File to write events to. Empty means standard output.' }),
    maxDataSize: integer({ default: 1024, description: 'Most bytes of request or response data per event.' }),
    maxDelegationDepth: integer({
      default: 10,
      minimum: 1,
      description: 'Most nested RFC 8693 "act" entries recorded for a delegated caller.',
    }),
  },
  { name: 'VirtualMCPAuditConfig', description: 'Audit logging of MCP requests.' },
);

const telemetryConfig = object(
  {
    caCertPath: string({ description: 'CA bundle for TLS to the OTLP endpoint.' }),
    customAttributes: map(string(), { description: 'Resource attributes added to every signal.' }),
    enablePrometheusMetricsPath: boolean({
      default: false,
      description: 'Serve Prometheus /metrics on the diagnostics port.',
    }),
    endpoint: string({ description: 'OTLP endpoint (host:port).' }),
    environmentVariables: strings('Environment variables recorded as resource attributes.'),
    headers: map(string(), { description: 'Headers sent to the OTLP endpoint.' }),
    insecure: boolean({ default: false, description: 'Use plain HTTP to the OTLP endpoint.' }),
    metricsEnabled: boolean({ default: false, description: 'Export metrics over OTLP.' }),
    metricsOnTransportPort: boolean({ description: 'Also serve /metrics on the MCP port.' }),
    prometheusPort: integer({ description: 'Port of the Prometheus endpoint. Empty means 9464.' }),
    samplingRate: string({ default: '0.05', description: 'Share of traces sampled, "0.0" to "1.0".' }),
    serviceName: string({ description: 'OpenTelemetry service name. Empty means the server name.' }),
    serviceVersion: string({
      description: 'OpenTelemetry service version. Empty means the ToolHive version.',
    }),
    tracingEnabled: boolean({ default: false, description: 'Export traces over OTLP.' }),
    useLegacyAttributes: boolean({
      default: true,
      description: 'Also emit the attribute names used before MCP semconv.',
    }),
  },
  {
    name: 'VirtualMCPTelemetryConfig',
    description: 'OpenTelemetry settings. Ignored by the operator, which uses spec.telemetryConfigRef.',
  },
);

const sessionStorageConfig = object(
  {
    address: string({ description: 'Redis host:port; required with provider redis.' }),
    db: int32({ default: 0, minimum: 0, description: 'Redis database number.' }),
    keyPrefix: string({ description: 'Prefix of every Redis key.' }),
    provider: req(string({ enum: ['memory', 'redis'], description: 'Session store backend.' })),
  },
  {
    name: 'VirtualMCPSessionStorageConfig',
    description:
      'Session store. Filled in by the operator from spec.sessionStorage; the Redis password comes from ' +
      'THV_SESSION_REDIS_PASSWORD.',
  },
);

// ---- the whole config -----------------------------------------------------------------------

export const virtualMcpConfig = object(
  {
    aggregation: describe(aggregationConfig, 'How backend tools are merged, filtered and renamed.'),
    audit: describe(auditConfig, 'Audit logging.'),
    backends: array(staticBackendConfig, {
      description:
        "Backends listed explicitly (static mode; the operator writes the group's members here for outgoingAuth source inline). Empty means discovered from the group.",
    }),
    codeMode: describe(codeModeConfig, 'Server-side scripts that call several tools at once.'),
    compositeToolRefs: array(compositeToolRef, {
      description: 'VirtualMCPCompositeToolDefinitions in the same namespace to offer as tools.',
    }),
    compositeTools: array(compositeToolConfig, { description: 'Composite tool workflows defined inline.' }),
    groupRef: string({
      description: 'Name of the MCPGroup of backends. Set by the operator from spec.groupRef.',
    }),
    incomingAuth: describe(
      vmcpIncomingAuthConfig,
      'Client authentication. Replaced by the operator from spec.incomingAuth.',
    ),
    metadata: map(string(), { description: 'Free-form metadata of the server.' }),
    name: string({ description: 'Name of the Virtual MCP server.' }),
    operational: describe(operationalConfig, 'Timeouts, health checks and logging.'),
    optimizer: describe(optimizerConfig, 'Tool search instead of the full tool list.'),
    outgoingAuth: describe(
      vmcpOutgoingAuthConfig,
      'Backend authentication. Replaced by the operator from spec.outgoingAuth.',
    ),
    passthroughHeaders: array(string(), {
      listType: 'atomic',
      description: 'Client request headers forwarded to every backend. spec.passthroughHeaders wins.',
    }),
    rateLimiting: describe(rateLimitConfig, 'Rate limits; need spec.sessionStorage with provider redis.'),
    sessionStorage: describe(
      sessionStorageConfig,
      'Session store; set by the operator from spec.sessionStorage.',
    ),
    telemetry: describe(
      telemetryConfig,
      'OpenTelemetry for a standalone vMCP; use spec.telemetryConfigRef on a cluster.',
    ),
  },
  {
    name: 'VirtualMCPConfig',
    preserveUnknownFields: true,
    description:
      'Configuration of the Virtual MCP server runtime. Unknown top-level fields are kept and passed to the runtime.',
  },
);
