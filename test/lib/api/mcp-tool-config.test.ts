import { describe, expect, it } from 'vitest';
import { kindByName } from '../../../lib/api/kinds.ts';
import { mcpToolConfigKind as kind } from '../../../lib/api/mcp-tool-config.ts';
import { toCustomResourceDefinition } from '../../../lib/schema/crd.ts';
import { generateTypeScript } from '../../../lib/schema/typescript.ts';
import { celRules, columns, preserved, schemaAt, versionSummary } from './schema-paths.ts';

describe('MCPToolConfig kind', () => {
  it('is registered under ToolHive names', () => {
    expect(kindByName('MCPToolConfig')).toBe(kind);
    expect(toCustomResourceDefinition(kind).spec.names).toMatchObject({
      kind: 'MCPToolConfig',
      plural: 'mcptoolconfigs',
      shortNames: ['tc', 'toolconfig'],
      categories: ['toolhive'],
    });
  });

  it('stores v1beta1 and serves a deprecated v1alpha1 alias', () => {
    expect(versionSummary(kind).map((v) => [v.name, v.storage, v.deprecated])).toEqual([
      ['v1alpha1', false, true],
      ['v1beta1', true, false],
    ]);
  });

  it('shows the Valid condition', () => {
    expect(columns(kind)).toEqual([
      "Valid=.status.conditions[?(@.type=='Valid')].status(string)",
      'Age=.metadata.creationTimestamp(date)',
    ]);
  });

  it('treats the filter as a set and overrides as a map of optional fields', () => {
    expect(schemaAt(kind, 'spec.toolsFilter')['x-kubernetes-list-type']).toBe('set');
    const override = schemaAt(kind, 'spec.toolsOverride.{}');
    expect(Object.keys(override.properties ?? {})).toEqual(['annotations', 'description', 'name']);
    expect(override.required).toBeUndefined();
    // Every annotation is optional without a default: absent keeps the backend's value.
    const hints = schemaAt(kind, 'spec.toolsOverride.{}.annotations').properties ?? {};
    expect(Object.values(hints).every((h) => h.default === undefined)).toBe(true);
    expect(celRules(kind, 'spec')).toEqual([]);
  });

  it('reports a config hash and names the override types after ToolHive', () => {
    expect(Object.keys(schemaAt(kind, 'status').properties ?? {})).toEqual([
      'conditions',
      'configHash',
      'observedGeneration',
    ]);
    const ts = generateTypeScript([kind]);
    expect(ts).toContain('export interface ToolOverride {');
    expect(ts).toContain('export interface ToolAnnotationsOverride {');
    expect(ts).toContain('toolsOverride?: Record<string, ToolOverride>;');
  });

  it('keeps unknown fields only where ToolHive does', () => {
    expect(preserved(kind)).toEqual([]);
  });
});
