import { describe, expect, it } from 'vitest';
import { kindByName } from '../../../lib/api/kinds.ts';
import { mcpServerKind as kind } from '../../../lib/api/mcp-server.ts';
import { toCustomResourceDefinition } from '../../../lib/schema/crd.ts';
import { celRules, columns, preserved, schemaAt, versionSummary } from './schema-paths.ts';

describe('MCPServer kind', () => {
  it('is registered under ToolHive names', () => {
    expect(kindByName('MCPServer')).toBe(kind);
    const crd = toCustomResourceDefinition(kind);
    expect(crd.metadata.name).toBe('mcpservers.toolhive.stacklok.dev');
    expect(crd.spec.names).toMatchObject({
      kind: 'MCPServer',
      listKind: 'MCPServerList',
      plural: 'mcpservers',
      singular: 'mcpserver',
      shortNames: ['mcpserver', 'mcpservers'],
      categories: ['toolhive'],
    });
  });

  it('stores v1beta1 and serves a deprecated v1alpha1 alias', () => {
    expect(versionSummary(kind)).toEqual([
      {
        name: 'v1alpha1',
        served: true,
        storage: false,
        deprecated: true,
        warning: 'toolhive.stacklok.dev/v1alpha1 is deprecated; use v1beta1',
      },
      { name: 'v1beta1', served: true, storage: true, deprecated: false, warning: undefined },
    ]);
  });

  it('has the printer columns of kubectl get mcpserver', () => {
    expect(columns(kind)).toEqual([
      'Status=.status.phase(string)',
      "Ready=.status.conditions[?(@.type=='Ready')].status(string)",
      'Replicas=.status.readyReplicas(integer)',
      'URL=.status.url(string)',
      'Age=.metadata.creationTimestamp(date)',
    ]);
  });

  it('requires only the image and defaults transport, proxy mode, port and affinity', () => {
    expect(schemaAt(kind, 'spec').required).toEqual(['image']);
    expect(schemaAt(kind, 'spec.transport')).toMatchObject({
      default: 'stdio',
      enum: ['stdio', 'streamable-http', 'sse'],
    });
    expect(schemaAt(kind, 'spec.proxyMode').default).toBe('streamable-http');
    expect(schemaAt(kind, 'spec.proxyPort')).toMatchObject({ default: 8080, minimum: 1, maximum: 65535 });
    expect(schemaAt(kind, 'spec.mcpPort').default).toBeUndefined();
    expect(schemaAt(kind, 'spec.sessionAffinity').default).toBe('ClientIP');
    expect(schemaAt(kind, 'spec.permissionProfile.type').default).toBe('builtin');
    expect(schemaAt(kind, 'spec.replicas')).toMatchObject({ format: 'int32', minimum: 0 });
    expect(schemaAt(kind, 'spec.replicas').default).toBeUndefined();
  });

  it('keys secrets, env and volumes by name and keeps podTemplateSpec raw', () => {
    for (const list of ['secrets', 'env', 'volumes']) {
      expect(schemaAt(kind, `spec.${list}`)).toMatchObject({
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-list-map-keys': ['name'],
      });
    }
    expect(schemaAt(kind, 'spec.podTemplateSpec')).toEqual(
      expect.objectContaining({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true }),
    );
    expect(schemaAt(kind, 'spec.podTemplateSpec').properties).toBeUndefined();
  });

  it('carries the spec CEL rules with ToolHive messages, in order', () => {
    expect(celRules(kind, 'spec').map(([, message]) => message)).toEqual([
      'authzConfig and authzConfigRef are mutually exclusive; use authzConfigRef to reference a shared MCPAuthzConfig',
      "rateLimiting requires sessionStorage with provider 'redis'",
      'rateLimiting.perUser requires authentication (oidcConfigRef or externalAuthConfigRef)',
      'per-tool perUser rate limiting requires authentication (oidcConfigRef or externalAuthConfigRef)',
    ]);
    expect(celRules(kind, 'spec')[1]?.[0]).toBe(
      "!has(self.rateLimiting) || (has(self.sessionStorage) && self.sessionStorage.provider == 'redis')",
    );
    expect(celRules(kind, 'spec.sessionStorage')).toEqual([
      ["self.provider == 'redis' ? has(self.address) : true", 'address is required'],
    ]);
    expect(celRules(kind, 'spec.rateLimiting.tools.[]').map(([, m]) => m)).toEqual([
      'at least one of shared or perUser must be configured',
    ]);
    expect(celRules(kind, 'spec.authzConfig')).toHaveLength(2);
  });

  it('reports a Stopped phase and the config hashes in status', () => {
    expect(schemaAt(kind, 'status.phase').enum).toEqual([
      'Pending',
      'Ready',
      'Failed',
      'Terminating',
      'Stopped',
    ]);
    for (const hash of ['tool', 'externalAuth', 'authServer', 'authz', 'oidc', 'telemetry', 'webhook']) {
      expect(schemaAt(kind, `status.${hash}ConfigHash`).type).toBe('string');
    }
  });

  it('keeps unknown fields only where ToolHive does', () => {
    expect(preserved(kind)).toEqual(['spec.podTemplateSpec']);
  });
});
