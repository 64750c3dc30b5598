import { describe, expect, it } from 'vitest';
import { kindByName } from '../../../lib/api/kinds.ts';
import { mcpTelemetryConfigKind as kind } from '../../../lib/api/mcp-telemetry-config.ts';
import { toCustomResourceDefinition } from '../../../lib/schema/crd.ts';
import { celRules, columns, preserved, schemaAt, versionSummary } from './schema-paths.ts';

describe('MCPTelemetryConfig kind', () => {
  it('is registered under ToolHive names', () => {
    expect(kindByName('MCPTelemetryConfig')).toBe(kind);
    expect(toCustomResourceDefinition(kind).spec.names).toMatchObject({
      kind: 'MCPTelemetryConfig',
      plural: 'mcptelemetryconfigs',
      shortNames: ['mcpotel'],
      categories: ['toolhive'],
    });
  });

  it('stores v1beta1 and serves a deprecated v1alpha1 alias', () => {
    expect(versionSummary(kind).map((v) => [v.name, v.storage, v.deprecated])).toEqual([
      ['v1alpha1', false, true],
      ['v1beta1', true, false],
    ]);
  });

  it('shows endpoint, validity and the two boolean export switches', () => {
    expect(columns(kind)).toEqual([
      'Endpoint=.spec.openTelemetry.endpoint(string)',
      "Valid=.status.conditions[?(@.type=='Valid')].status(string)",
      'Tracing=.spec.openTelemetry.tracing.enabled(boolean)',
      'Metrics=.spec.openTelemetry.metrics.enabled(boolean)',
      'Age=.metadata.creationTimestamp(date)',
    ]);
  });

  it('defaults everything off except the legacy attributes, and samples 5%', () => {
    expect(schemaAt(kind, 'spec.openTelemetry.enabled').default).toBe(false);
    expect(schemaAt(kind, 'spec.openTelemetry.insecure').default).toBe(false);
    expect(schemaAt(kind, 'spec.openTelemetry.useLegacyAttributes').default).toBe(true);
    expect(schemaAt(kind, 'spec.openTelemetry.tracing.samplingRate')).toMatchObject({
      default: '0.05',
      pattern: '^(0(\\.\\d+)?|1(\\.0+)?)$',
    });
    expect(schemaAt(kind, 'spec.prometheus.enabled').default).toBe(false);
  });

  it('keeps plaintext and secret headers apart', () => {
    expect(schemaAt(kind, 'spec.openTelemetry.sensitiveHeaders')).toMatchObject({
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['name'],
    });
    expect(schemaAt(kind, 'spec.openTelemetry.sensitiveHeaders.[]').required).toEqual([
      'name',
      'secretKeyRef',
    ]);
    expect(celRules(kind, 'spec.openTelemetry')).toEqual([
      [
        '!has(self.headers) || !has(self.sensitiveHeaders) || self.sensitiveHeaders.all(sh, !(sh.name in self.headers))',
        'a header name cannot appear in both headers and sensitiveHeaders',
      ],
    ]);
  });

  it('keeps unknown fields only where ToolHive does', () => {
    expect(preserved(kind)).toEqual([]);
  });
});
