import { describe, expect, it } from 'vitest';
import { kindByName } from '../../../lib/api/kinds.ts';
import { mcpExternalAuthConfigKind } from '../../../lib/api/mcp-external-auth-config.ts';
import { virtualMcpCompositeToolDefinitionKind } from '../../../lib/api/virtual-mcp-composite-tool-definition.ts';
import { virtualMcpServerKind as kind } from '../../../lib/api/virtual-mcp-server.ts';
import { toCustomResourceDefinition } from '../../../lib/schema/crd.ts';
import { typeNameOf } from '../../../lib/schema/dsl.ts';
import { generateTypeScript } from '../../../lib/schema/typescript.ts';
import { celMessages, celRules, preserved, schemaAt } from './schema-paths.ts';

const DURATION = '^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$';

/** A schema without any description, to compare two uses of one block structurally. */
function structure(node: unknown): unknown {
  return JSON.parse(JSON.stringify(node), (k, v) => (k === 'description' ? undefined : v));
}

describe('VirtualMCPServer kind', () => {
  it('is registered with its names, short names and category', () => {
    expect(kindByName('VirtualMCPServer')).toBe(kind);
    expect(kind.plural).toBe('virtualmcpservers');
    expect(kind.shortNames).toEqual(['vmcp', 'virtualmcp']);
    expect(kind.categories).toEqual(['toolhive']);
  });

  it('serves v1beta1 as storage and v1alpha1 as a deprecated alias with the same schema', () => {
    const crd = toCustomResourceDefinition(kind);
    expect(crd.spec.versions.map((v) => [v.name, v.storage, v.deprecated ?? false])).toEqual([
      ['v1alpha1', false, true],
      ['v1beta1', true, false],
    ]);
    const [alpha, beta] = crd.spec.versions.map((v) => v.schema.openAPIV3Schema.properties);
    expect(alpha).toEqual(beta);
  });

  it('prints Phase, URL, Backends, Age and Ready', () => {
    expect(kind.printerColumns.map((c) => [c.name, c.type, c.jsonPath])).toEqual([
      ['Phase', 'string', '.status.phase'],
      ['URL', 'string', '.status.url'],
      ['Backends', 'integer', '.status.backendCount'],
      ['Age', 'date', '.metadata.creationTimestamp'],
      ['Ready', 'string', ".status.conditions[?(@.type=='Ready')].status"],
    ]);
  });

  it('requires groupRef and incomingAuth, whose type has no default', () => {
    expect(kind.spec.required).toEqual(['groupRef', 'incomingAuth']);
    expect(schemaAt(kind, 'spec.incomingAuth').required).toEqual(['type']);
    expect(schemaAt(kind, 'spec.incomingAuth.type')).toEqual(
      expect.objectContaining({ enum: ['anonymous', 'oidc'] }),
    );
    expect(schemaAt(kind, 'spec.incomingAuth.type').default).toBeUndefined();
  });

  it('fills the Service and outgoing auth defaults', () => {
    expect(schemaAt(kind, 'spec.serviceType').default).toBe('ClusterIP');
    expect(schemaAt(kind, 'spec.sessionAffinity').default).toBe('ClientIP');
    expect(schemaAt(kind, 'spec.outgoingAuth.source')).toMatchObject({
      default: 'discovered',
      enum: ['discovered', 'inline'],
    });
    expect(schemaAt(kind, 'spec.outgoingAuth.backends.{}.type').enum).toEqual([
      'discovered',
      'externalAuthConfigRef',
    ]);
    expect(schemaAt(kind, 'status.phase')).toMatchObject({
      default: 'Pending',
      enum: ['Pending', 'Ready', 'Degraded', 'Failed'],
    });
  });

  it('carries the spec-level CEL rules in ToolHive order', () => {
    expect(celMessages(kind, 'spec')).toEqual([
      "config.rateLimiting requires sessionStorage with provider 'redis'",
      'config.rateLimiting.perUser requires incomingAuth.type oidc',
      'per-tool perUser rate limiting requires incomingAuth.type oidc',
      "embeddingServerRef provisions a managed TEI server and cannot be combined with optimizer.embeddingProvider 'openai'; openai mode uses embeddingService directly",
    ]);
    expect(celRules(kind, 'spec')[0]?.[0]).toBe(
      "!has(self.config) || !has(self.config.rateLimiting) || (has(self.sessionStorage) && self.sessionStorage.provider == 'redis')",
    );
  });

  it('carries the incoming auth, authz, session storage and rate limit rules', () => {
    expect(celRules(kind, 'spec.incomingAuth')).toEqual([
      [
        "self.type == 'oidc' ? has(self.oidcConfigRef) : true",
        'spec.incomingAuth.oidcConfigRef is required when type is oidc',
      ],
      [
        '!(has(self.authzConfig) && has(self.authzConfigRef))',
        'authzConfig and authzConfigRef are mutually exclusive; use authzConfigRef to reference a shared MCPAuthzConfig',
      ],
    ]);
    expect(celMessages(kind, 'spec.incomingAuth.authzConfig')).toEqual([
      "configMap must be set when type is 'configMap', and must not be set otherwise",
      "inline must be set when type is 'inline', and must not be set otherwise",
    ]);
    expect(celMessages(kind, 'spec.sessionStorage')).toEqual(['address is required']);
    expect(celMessages(kind, 'spec.config.rateLimiting')).toEqual([
      'at least one of shared, perUser, or tools must be configured',
    ]);
    expect(celMessages(kind, 'spec.config.rateLimiting.tools.[]')).toEqual([
      'at least one of shared or perUser must be configured',
    ]);
  });

  it('carries the optimizer and circuit breaker rules of the runtime config', () => {
    expect(celRules(kind, 'spec.config.optimizer')).toEqual([
      [
        "!has(self.embeddingHeaders) || (has(self.embeddingProvider) && self.embeddingProvider == 'openai')",
        "embeddingHeaders is only supported when embeddingProvider is 'openai'",
      ],
      [
        "!has(self.embeddingHeaders) || self.embeddingHeaders.all(k, k.matches('^[!#$%&\\\\x27*+.^_\\\\x60|~0-9A-Za-z-]+$') && !(k.lowerAscii() in ['authorization', 'content-type']))",
        'embeddingHeaders names must be valid HTTP header names and must not include Authorization or Content-Type',
      ],
    ]);
    expect(celRules(kind, 'spec.config.operational.failureHandling.circuitBreaker.timeout')).toEqual([
      ["self == '' || duration(self) >= duration('1s')", 'timeout must be >= 1s'],
    ]);
  });

  it('keeps unknown fields only at the config root, the pod template and the free-form workflow parts', () => {
    expect(preserved(kind)).toEqual([
      'spec.config',
      'spec.config.compositeTools.[].output.properties.{}.default',
      'spec.config.compositeTools.[].output.properties.{}.properties',
      'spec.config.compositeTools.[].parameters',
      'spec.config.compositeTools.[].steps.[].arguments',
      'spec.config.compositeTools.[].steps.[].defaultResults',
      'spec.config.compositeTools.[].steps.[].schema',
      'spec.config.compositeTools.[].steps.[].step',
      'spec.podTemplateSpec',
    ]);
  });

  it('fills the runtime config defaults', () => {
    const config = 'spec.config';
    expect(schemaAt(kind, `${config}.aggregation.conflictResolution`)).toMatchObject({
      default: 'prefix',
      enum: ['prefix', 'priority', 'manual'],
    });
    expect(schemaAt(kind, `${config}.aggregation.conflictResolutionConfig.prefixFormat`).default).toBe(
      '{workload}_',
    );
    expect(schemaAt(kind, `${config}.aggregation.defaultToolVisibility`).default).toBeUndefined();
    expect(schemaAt(kind, `${config}.operational.timeouts.default`)).toMatchObject({
      default: '30s',
      pattern: DURATION,
    });
    expect(schemaAt(kind, `${config}.operational.timeouts.perWorkload.{}`).pattern).toBe(DURATION);
    expect(schemaAt(kind, `${config}.operational.failureHandling.partialFailureMode`).default).toBe('fail');
    expect(schemaAt(kind, `${config}.operational.failureHandling.unhealthyThreshold`).default).toBe(3);
    expect(schemaAt(kind, `${config}.optimizer.embeddingProvider`).default).toBe('tei');
    expect(schemaAt(kind, `${config}.optimizer.maxToolsToReturn`)).toMatchObject({ minimum: 1, maximum: 50 });
    expect(schemaAt(kind, `${config}.codeMode.stepLimit`)).toMatchObject({
      default: 100000,
      format: 'int64',
    });
    expect(schemaAt(kind, `${config}.audit.maxDataSize`).default).toBe(1024);
    expect(schemaAt(kind, `${config}.telemetry.samplingRate`).default).toBe('0.05');
    expect(schemaAt(kind, `${config}.backends.[]`).required).toEqual(['name', 'transport', 'url']);
    expect(schemaAt(kind, `${config}.backends.[].type`).enum).toEqual(['entry', '']);
  });

  it('shares the embedded auth server with MCPExternalAuthConfig and the workflow with the composite tool kind', () => {
    expect(structure(schemaAt(kind, 'spec.authServerConfig'))).toEqual(
      structure(schemaAt(mcpExternalAuthConfigKind, 'spec.embeddedAuthServer')),
    );
    expect(structure(schemaAt(kind, 'spec.config.compositeTools.[]'))).toEqual(
      structure(virtualMcpCompositeToolDefinitionKind.spec),
    );
  });

  it('names the runtime config model for the vMCP runtime and the chart', () => {
    const config = kind.spec.properties?.config;
    expect(config && typeNameOf(config)).toBe('VirtualMCPConfig');
    const ts = generateTypeScript([kind]);
    for (const name of [
      'VirtualMCPConfig',
      'AggregationConfig',
      'WorkloadToolConfig',
      'CompositeToolConfig',
      'WorkflowStepConfig',
      'OperationalConfig',
      'OptimizerConfig',
      'BackendAuthStrategy',
      'VirtualMCPIncomingAuthConfig',
      'VirtualMCPOutgoingAuthConfig',
      'IncomingAuthConfig',
      'OutgoingAuthConfig',
      'DiscoveredBackend',
    ]) {
      expect(ts).toContain(`export interface ${name} {`);
    }
    expect(ts).toContain('config?: VirtualMCPConfig;');
  });
});
