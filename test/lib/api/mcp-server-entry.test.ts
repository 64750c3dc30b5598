import { describe, expect, it } from 'vitest';
import { kindByName } from '../../../lib/api/kinds.ts';
import { mcpServerEntryKind as kind } from '../../../lib/api/mcp-server-entry.ts';
import { toCustomResourceDefinition } from '../../../lib/schema/crd.ts';
import { celRules, columns, preserved, schemaAt, versionSummary } from './schema-paths.ts';

describe('MCPServerEntry kind', () => {
  it('is registered under ToolHive names', () => {
    expect(kindByName('MCPServerEntry')).toBe(kind);
    expect(toCustomResourceDefinition(kind).spec.names).toMatchObject({
      kind: 'MCPServerEntry',
      listKind: 'MCPServerEntryList',
      plural: 'mcpserverentries',
      singular: 'mcpserverentry',
      shortNames: ['mcpentry'],
      categories: ['toolhive'],
    });
  });

  it('stores v1beta1 and serves a deprecated v1alpha1 alias', () => {
    expect(versionSummary(kind).map((v) => [v.name, v.storage, v.deprecated])).toEqual([
      ['v1alpha1', false, true],
      ['v1beta1', true, false],
    ]);
  });

  it('shows phase, transport, remote URL and group', () => {
    expect(columns(kind)).toEqual([
      'Phase=.status.phase(string)',
      'Transport=.spec.transport(string)',
      'Remote URL=.spec.remoteUrl(string)',
      'Group=.spec.groupRef.name(string)',
      'Age=.metadata.creationTimestamp(date)',
    ]);
  });

  it('requires group, URL and an explicit transport', () => {
    expect(schemaAt(kind, 'spec').required).toEqual(['groupRef', 'remoteUrl', 'transport']);
    expect(schemaAt(kind, 'spec.transport').default).toBeUndefined();
    expect(schemaAt(kind, 'spec.transport').enum).toEqual(['sse', 'streamable-http']);
    expect(schemaAt(kind, 'spec.groupRef.name').minLength).toBe(1);
  });

  it('reads the CA bundle from an atomic ConfigMap key selector', () => {
    expect(schemaAt(kind, 'spec.caBundleRef.configMapRef')).toMatchObject({
      required: ['key'],
      'x-kubernetes-map-type': 'atomic',
    });
    expect(schemaAt(kind, 'spec.caBundleRef.configMapRef.name').default).toBe('');
  });

  it('starts Pending and has no CEL rules', () => {
    expect(schemaAt(kind, 'status.phase')).toMatchObject({
      default: 'Pending',
      enum: ['Valid', 'Pending', 'Failed'],
    });
    expect(celRules(kind, 'spec')).toEqual([]);
  });

  it('keeps unknown fields only where ToolHive does', () => {
    expect(preserved(kind)).toEqual([]);
  });
});
