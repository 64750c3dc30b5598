/**
 * MCPTelemetryConfig: OpenTelemetry export and Prometheus metrics settings shared by
 * workloads. Each workload names itself with `telemetryConfigRef.serviceName`, so the service
 * name is not here.
 */
import { array, boolean, describe, map, object, req, rule, string } from '../schema/dsl.ts';
import { AGE_COLUMN, betaWithAlphaAlias, type KindDefinition } from '../schema/kind.ts';
import { secretKeyRef } from './shared/core.ts';
import { caBundleSource } from './shared/refs.ts';
import { configKindStatus } from './shared/status.ts';
import { VALID_CONDITION_COLUMN } from './shared/workload.ts';

const sensitiveHeader = object(
  {
    name: req(string({ minLength: 1, description: 'HTTP header name, e.g. Authorization.' })),
    secretKeyRef: req(describe(secretKeyRef, 'Secret key holding the header value.')),
  },
  { name: 'SensitiveHeader', description: 'An exporter header whose value comes from a Secret.' },
);

const tracing = object(
  {
    enabled: boolean({ default: false, description: 'Export traces.' }),
    samplingRate: string({
      default: '0.05',
      pattern: '^(0(\\.\\d+)?|1(\\.0+)?)$',
      description: 'Fraction of traces to sample, a decimal from 0 to 1 written as a string.',
    }),
  },
  { name: 'OpenTelemetryTracingConfig', description: 'Trace export.' },
);

const metrics = object(
  { enabled: boolean({ default: false, description: 'Export metrics over OTLP.' }) },
  { name: 'OpenTelemetryMetricsConfig', description: 'Metric export over OTLP.' },
);

const prometheus = object(
  { enabled: boolean({ default: false, description: 'Serve Prometheus metrics on /metrics.' }) },
  { name: 'PrometheusConfig', description: 'A Prometheus scrape endpoint.' },
);

export const mcpTelemetryOTelConfig = object(
  {
    caBundleRef: describe(
      caBundleSource,
      'CA certificates for TLS to the collector. Cannot be combined with insecure.',
    ),
    enabled: boolean({ default: false, description: 'Turn on OpenTelemetry export.' }),
    endpoint: string({
      description: 'OTLP collector endpoint, host:port or URL. Needs tracing or metrics enabled.',
    }),
    headers: map(string(), {
      description: 'Headers with literal values sent to the collector. Put credentials in sensitiveHeaders.',
    }),
    insecure: boolean({ default: false, description: 'Talk to the collector over plain HTTP, without TLS.' }),
    metrics: describe(metrics, 'Metric export.'),
    resourceAttributes: map(string(), {
      description: 'Extra OpenTelemetry resource attributes, e.g. deployment.environment.',
    }),
    sensitiveHeaders: array(sensitiveHeader, {
      listType: 'map',
      listMapKeys: ['name'],
      description: 'Headers sent to the collector whose values come from Secrets.',
    }),
    tracing: describe(tracing, 'Trace export.'),
    useLegacyAttributes: boolean({
      default: true,
      description:
        'Also emit the attribute names used before the OpenTelemetry MCP semantic conventions. The default ' +
        'will change to false.',
    }),
  },
  {
    name: 'MCPTelemetryOTelConfig',
    description: 'OpenTelemetry export settings.',
    validations: [
      rule(
        '!has(self.headers) || !has(self.sensitiveHeaders) || self.sensitiveHeaders.all(sh, !(sh.name in self.headers))',
        'a header name cannot appear in both headers and sensitiveHeaders',
      ),
    ],
  },
);

export const mcpTelemetryConfigKind: KindDefinition = {
  kind: 'MCPTelemetryConfig',
  listKind: 'MCPTelemetryConfigList',
  plural: 'mcptelemetryconfigs',
  singular: 'mcptelemetryconfig',
  shortNames: ['mcpotel'],
  categories: ['toolhive'],
  versions: betaWithAlphaAlias({
    kind: 'MCPTelemetryConfig',
    description: 'MCPTelemetryConfig holds OpenTelemetry and Prometheus settings that workloads share.',
  }),
  printerColumns: [
    { name: 'Endpoint', type: 'string', jsonPath: '.spec.openTelemetry.endpoint' },
    VALID_CONDITION_COLUMN,
    { name: 'Tracing', type: 'boolean', jsonPath: '.spec.openTelemetry.tracing.enabled' },
    { name: 'Metrics', type: 'boolean', jsonPath: '.spec.openTelemetry.metrics.enabled' },
    AGE_COLUMN,
  ],
  spec: object(
    {
      openTelemetry: describe(mcpTelemetryOTelConfig, 'OpenTelemetry export of traces and metrics.'),
      prometheus: describe(prometheus, 'Prometheus metrics endpoint on the workload.'),
    },
    { name: 'MCPTelemetryConfigSpec', description: 'Desired state of an MCPTelemetryConfig.' },
  ),
  status: configKindStatus('MCPTelemetryConfigStatus', 'MCPTelemetryConfig'),
};
