import { describe, expect, it } from 'vitest';
import { kindByName } from '../../../lib/api/kinds.ts';
import { mcpRegistryKind as kind, MCP_REGISTRY_DEPRECATION_WARNING } from '../../../lib/api/mcp-registry.ts';
import { toCustomResourceDefinition } from '../../../lib/schema/crd.ts';
import { celRules, columns, preserved, schemaAt, versionSummary } from './schema-paths.ts';

describe('MCPRegistry kind', () => {
  it('is registered under ToolHive names', () => {
    expect(kindByName('MCPRegistry')).toBe(kind);
    expect(toCustomResourceDefinition(kind).spec.names).toMatchObject({
      kind: 'MCPRegistry',
      plural: 'mcpregistries',
      shortNames: ['mcpreg', 'registry'],
      categories: ['toolhive'],
    });
  });

  it('deprecates both served versions with the removal warning', () => {
    expect(MCP_REGISTRY_DEPRECATION_WARNING).toMatch(/^MCPRegistry is deprecated and will be removed/);
    expect(versionSummary(kind)).toEqual([
      {
        name: 'v1alpha1',
        served: true,
        storage: false,
        deprecated: true,
        warning: MCP_REGISTRY_DEPRECATION_WARNING,
      },
      {
        name: 'v1beta1',
        served: true,
        storage: true,
        deprecated: true,
        warning: MCP_REGISTRY_DEPRECATION_WARNING,
      },
    ]);
  });

  it('has the printer columns of kubectl get mcpreg', () => {
    expect(columns(kind)).toEqual([
      'Status=.status.phase(string)',
      "Ready=.status.conditions[?(@.type=='Ready')].status(string)",
      'Replicas=.status.readyReplicas(integer)',
      'URL=.status.url(string)',
      'Age=.metadata.creationTimestamp(date)',
    ]);
  });

  it('requires a non-empty config file', () => {
    expect(schemaAt(kind, 'spec').required).toEqual(['configYAML']);
    expect(schemaAt(kind, 'spec.configYAML').minLength).toBe(1);
    expect(celRules(kind, 'spec')).toEqual([]);
  });

  it('keeps volumes and mounts as raw objects in atomic lists', () => {
    for (const list of ['volumes', 'volumeMounts']) {
      const node = schemaAt(kind, `spec.${list}`);
      expect(node).toMatchObject({
        type: 'array',
        'x-kubernetes-list-type': 'atomic',
        'x-kubernetes-preserve-unknown-fields': true,
      });
      expect(node.items).toEqual({ 'x-kubernetes-preserve-unknown-fields': true });
    }
  });

  it('selects the pgpass file with a core SecretKeySelector', () => {
    expect(schemaAt(kind, 'spec.pgpassSecretRef')).toMatchObject({
      required: ['key'],
      'x-kubernetes-map-type': 'atomic',
    });
    expect(Object.keys(schemaAt(kind, 'spec.pgpassSecretRef').properties ?? {})).toEqual([
      'key',
      'name',
      'optional',
    ]);
    expect(schemaAt(kind, 'spec.imagePullSecrets')['x-kubernetes-list-type']).toBe('atomic');
  });

  it('keeps unknown fields only where ToolHive does', () => {
    expect(preserved(kind)).toEqual([
      'spec.podTemplateSpec',
      'spec.volumeMounts',
      'spec.volumeMounts.[]',
      'spec.volumes',
      'spec.volumes.[]',
    ]);
  });
});
