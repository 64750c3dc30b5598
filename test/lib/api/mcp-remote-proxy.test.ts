import { describe, expect, it } from 'vitest';
import { kindByName } from '../../../lib/api/kinds.ts';
import { mcpRemoteProxyKind as kind } from '../../../lib/api/mcp-remote-proxy.ts';
import { toCustomResourceDefinition } from '../../../lib/schema/crd.ts';
import { celRules, columns, preserved, schemaAt, versionSummary } from './schema-paths.ts';

describe('MCPRemoteProxy kind', () => {
  it('is registered under ToolHive names', () => {
    expect(kindByName('MCPRemoteProxy')).toBe(kind);
    const crd = toCustomResourceDefinition(kind);
    expect(crd.metadata.name).toBe('mcpremoteproxies.toolhive.stacklok.dev');
    expect(crd.spec.names).toMatchObject({
      kind: 'MCPRemoteProxy',
      listKind: 'MCPRemoteProxyList',
      plural: 'mcpremoteproxies',
      singular: 'mcpremoteproxy',
      shortNames: ['rp', 'mcprp'],
      categories: ['toolhive'],
    });
  });

  it('stores v1beta1 and serves a deprecated v1alpha1 alias', () => {
    expect(versionSummary(kind).map((v) => [v.name, v.storage, v.deprecated])).toEqual([
      ['v1alpha1', false, true],
      ['v1beta1', true, false],
    ]);
  });

  it('has the printer columns of kubectl get rp', () => {
    expect(columns(kind)).toEqual([
      'Phase=.status.phase(string)',
      'Remote URL=.spec.remoteUrl(string)',
      'URL=.status.url(string)',
      "Ready=.status.conditions[?(@.type=='Ready')].status(string)",
      'Age=.metadata.creationTimestamp(date)',
    ]);
  });

  it('requires an http(s) remote URL and defaults to streamable-http on port 8080', () => {
    expect(schemaAt(kind, 'spec').required).toEqual(['remoteUrl']);
    expect(schemaAt(kind, 'spec.remoteUrl').pattern).toBe('^https?://');
    expect(schemaAt(kind, 'spec.transport')).toMatchObject({
      default: 'streamable-http',
      enum: ['sse', 'streamable-http'],
    });
    expect(schemaAt(kind, 'spec.proxyPort').default).toBe(8080);
    expect(schemaAt(kind, 'spec.allowPrivateEndpoint').default).toBe(false);
  });

  it('has no fields of a server it does not run', () => {
    const fields = Object.keys(schemaAt(kind, 'spec').properties ?? {});
    for (const absent of ['image', 'env', 'secrets', 'volumes', 'rateLimiting', 'webhookConfigRef']) {
      expect(fields).not.toContain(absent);
    }
  });

  it('keys secret-backed headers by header name', () => {
    expect(schemaAt(kind, 'spec.headerForward.addHeadersFromSecret')).toMatchObject({
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['headerName'],
    });
    expect(schemaAt(kind, 'spec.headerForward.addHeadersFromSecret.[].headerName')).toMatchObject({
      minLength: 1,
      maxLength: 255,
    });
  });

  it('carries the authz exclusivity rule and the nested rules', () => {
    expect(celRules(kind, 'spec')).toEqual([
      [
        '!(has(self.authzConfig) && has(self.authzConfigRef))',
        'authzConfig and authzConfigRef are mutually exclusive; use authzConfigRef to reference a shared MCPAuthzConfig',
      ],
    ]);
    expect(celRules(kind, 'spec.authzConfig').map(([, m]) => m)).toEqual([
      "configMap must be set when type is 'configMap', and must not be set otherwise",
      "inline must be set when type is 'inline', and must not be set otherwise",
    ]);
    expect(celRules(kind, 'spec.sessionStorage').map(([, m]) => m)).toEqual(['address is required']);
  });

  it('reports an external URL but no replica count', () => {
    expect(schemaAt(kind, 'status.phase').enum).toEqual(['Pending', 'Ready', 'Failed', 'Terminating']);
    expect(schemaAt(kind, 'status.externalUrl').type).toBe('string');
    expect(Object.keys(schemaAt(kind, 'status').properties ?? {})).not.toContain('readyReplicas');
  });

  it('keeps unknown fields only where ToolHive does', () => {
    expect(preserved(kind)).toEqual(['spec.podTemplateSpec']);
  });
});
