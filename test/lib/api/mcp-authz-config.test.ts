import { describe, expect, it } from 'vitest';
import { kindByName } from '../../../lib/api/kinds.ts';
import { mcpAuthzConfigKind as kind } from '../../../lib/api/mcp-authz-config.ts';
import { toCustomResourceDefinition } from '../../../lib/schema/crd.ts';
import { celRules, columns, preserved, schemaAt, versionSummary } from './schema-paths.ts';

describe('MCPAuthzConfig kind', () => {
  it('is registered under ToolHive names', () => {
    expect(kindByName('MCPAuthzConfig')).toBe(kind);
    expect(toCustomResourceDefinition(kind).spec.names).toMatchObject({
      kind: 'MCPAuthzConfig',
      plural: 'mcpauthzconfigs',
      shortNames: ['authzcfg'],
      categories: ['toolhive'],
    });
  });

  it('stores v1beta1 and serves a deprecated v1alpha1 alias', () => {
    expect(versionSummary(kind).map((v) => [v.name, v.storage, v.deprecated])).toEqual([
      ['v1alpha1', false, true],
      ['v1beta1', true, false],
    ]);
  });

  it('shows the backend type and the Valid condition', () => {
    expect(columns(kind)).toEqual([
      'Type=.spec.type(string)',
      "Valid=.status.conditions[?(@.type=='Valid')].status(string)",
      'Age=.metadata.creationTimestamp(date)',
    ]);
  });

  it('requires a backend type and keeps its config as given', () => {
    expect(schemaAt(kind, 'spec').required).toEqual(['config', 'type']);
    expect(schemaAt(kind, 'spec.type')).toMatchObject({ type: 'string', minLength: 1 });
    expect(schemaAt(kind, 'spec.type').enum).toBeUndefined();
    const config = schemaAt(kind, 'spec.config');
    expect(config['x-kubernetes-preserve-unknown-fields']).toBe(true);
    expect(config.properties).toBeUndefined();
    expect(celRules(kind, 'spec')).toEqual([]);
  });

  it('keeps unknown fields only where ToolHive does', () => {
    expect(preserved(kind)).toEqual(['spec.config']);
  });
});
