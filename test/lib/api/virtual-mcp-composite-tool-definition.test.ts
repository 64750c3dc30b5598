import { describe, expect, it } from 'vitest';
import { kindByName } from '../../../lib/api/kinds.ts';
import { virtualMcpCompositeToolDefinitionKind as kind } from '../../../lib/api/virtual-mcp-composite-tool-definition.ts';
import { toCustomResourceDefinition } from '../../../lib/schema/crd.ts';
import { typeNameOf } from '../../../lib/schema/dsl.ts';
import { generateTypeScript } from '../../../lib/schema/typescript.ts';
import { preserved, schemaAt } from './schema-paths.ts';

describe('VirtualMCPCompositeToolDefinition kind', () => {
  it('is registered with its names, short names and category', () => {
    expect(kindByName('VirtualMCPCompositeToolDefinition')).toBe(kind);
    expect(kind.plural).toBe('virtualmcpcompositetooldefinitions');
    expect(kind.shortNames).toEqual(['vmcpctd', 'compositetool']);
    expect(kind.categories).toEqual(['toolhive']);
  });

  it('serves v1beta1 as storage and v1alpha1 as a deprecated alias', () => {
    const crd = toCustomResourceDefinition(kind);
    expect(crd.spec.versions.map((v) => [v.name, v.storage, v.deprecated ?? false])).toEqual([
      ['v1alpha1', false, true],
      ['v1beta1', true, false],
    ]);
  });

  it('prints Workflow, Status, Age and Ready, in that order', () => {
    expect(kind.printerColumns.map((c) => [c.name, c.type, c.jsonPath])).toEqual([
      ['Workflow', 'string', '.spec.name'],
      ['Status', 'string', '.status.validationStatus'],
      ['Age', 'date', '.metadata.creationTimestamp'],
      ['Ready', 'string', ".status.conditions[?(@.type=='Ready')].status"],
    ]);
  });

  it('is the CompositeToolConfig schema: name and steps required, each step needs an id', () => {
    expect(typeNameOf(kind.spec)).toBe('CompositeToolConfig');
    expect(kind.spec.required).toEqual(['name', 'steps']);
    expect(schemaAt(kind, 'spec.steps.[]').required).toEqual(['id']);
    expect(schemaAt(kind, 'spec.output').required).toEqual(['properties']);
    expect(schemaAt(kind, 'spec.output.properties.{}').required).toEqual(['type']);
  });

  it('defaults step type to tool and every error or elicitation action to abort', () => {
    const step = 'spec.steps.[]';
    expect(schemaAt(kind, `${step}.type`)).toMatchObject({
      default: 'tool',
      enum: ['tool', 'elicitation', 'forEach'],
    });
    expect(schemaAt(kind, `${step}.onError.action`)).toMatchObject({
      default: 'abort',
      enum: ['abort', 'continue', 'retry'],
    });
    for (const handler of ['onCancel', 'onDecline']) {
      expect(schemaAt(kind, `${step}.${handler}.action`)).toMatchObject({
        default: 'abort',
        enum: ['skip_remaining', 'abort', 'continue'],
      });
    }
    // ToolHive's own examples use onError.maxRetries; the schema field is retryCount.
    expect(Object.keys(schemaAt(kind, `${step}.onError`).properties ?? {})).toEqual([
      'action',
      'retryCount',
      'retryDelay',
    ]);
  });

  it('checks durations with the Go duration pattern', () => {
    for (const path of ['timeout', 'steps.[].timeout', 'steps.[].onError.retryDelay']) {
      expect(schemaAt(kind, `spec.${path}`).pattern).toBe('^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$');
    }
  });

  it('keeps unknown fields exactly where ToolHive does', () => {
    expect(preserved(kind)).toEqual([
      'spec.output.properties.{}.default',
      'spec.output.properties.{}.properties',
      'spec.parameters',
      'spec.steps.[].arguments',
      'spec.steps.[].defaultResults',
      'spec.steps.[].schema',
      'spec.steps.[].step',
    ]);
    // defaultResults and output defaults take any JSON value, not only objects.
    expect(schemaAt(kind, 'spec.steps.[].defaultResults').type).toBeUndefined();
    expect(schemaAt(kind, 'spec.output.properties.{}.default').type).toBeUndefined();
    expect(schemaAt(kind, 'spec.parameters').type).toBe('object');
  });

  it('has no CEL rules: workflows are validated by the vMCP runtime', () => {
    expect(JSON.stringify(toCustomResourceDefinition(kind))).not.toContain('x-kubernetes-validations');
  });

  it('reports the validation outcome in status', () => {
    expect(schemaAt(kind, 'status.validationStatus').enum).toEqual(['Valid', 'Invalid', 'Unknown']);
    expect(schemaAt(kind, 'status.referencingVirtualServers')['x-kubernetes-list-type']).toBe('set');
    expect(schemaAt(kind, 'status.validationErrors')['x-kubernetes-list-type']).toBe('atomic');
  });

  it('generates typed workflow interfaces', () => {
    const ts = generateTypeScript([kind]);
    expect(ts).toContain('spec?: CompositeToolConfig;');
    expect(ts).toContain('steps: Array<WorkflowStepConfig>;');
    expect(ts).toContain('defaultResults?: unknown;');
    expect(ts).toContain('type?: "tool" | "elicitation" | "forEach";');
  });
});
