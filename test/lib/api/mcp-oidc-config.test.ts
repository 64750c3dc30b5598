import { describe, expect, it } from 'vitest';
import { kindByName } from '../../../lib/api/kinds.ts';
import { mcpOidcConfigKind as kind } from '../../../lib/api/mcp-oidc-config.ts';
import { toCustomResourceDefinition } from '../../../lib/schema/crd.ts';
import { celRules, columns, preserved, schemaAt, versionSummary } from './schema-paths.ts';

describe('MCPOIDCConfig kind', () => {
  it('is registered under ToolHive names', () => {
    expect(kindByName('MCPOIDCConfig')).toBe(kind);
    expect(toCustomResourceDefinition(kind).spec.names).toMatchObject({
      kind: 'MCPOIDCConfig',
      plural: 'mcpoidcconfigs',
      shortNames: ['mcpoidc'],
      categories: ['toolhive'],
    });
  });

  it('stores v1beta1 and serves a deprecated v1alpha1 alias', () => {
    expect(versionSummary(kind).map((v) => [v.name, v.storage, v.deprecated])).toEqual([
      ['v1alpha1', false, true],
      ['v1beta1', true, false],
    ]);
  });

  it('shows the source type and the Valid condition', () => {
    expect(columns(kind)).toEqual([
      'Source=.spec.type(string)',
      "Valid=.status.conditions[?(@.type=='Valid')].status(string)",
      'Age=.metadata.creationTimestamp(date)',
    ]);
  });

  it('requires a type without defaulting it, and an issuer for inline providers', () => {
    expect(schemaAt(kind, 'spec').required).toEqual(['type']);
    expect(schemaAt(kind, 'spec.type')).toMatchObject({ enum: ['kubernetesServiceAccount', 'inline'] });
    expect(schemaAt(kind, 'spec.type').default).toBeUndefined();
    expect(schemaAt(kind, 'spec.inline').required).toEqual(['issuer']);
  });

  it('defaults the cluster issuer and the private-IP and HTTP switches off', () => {
    expect(schemaAt(kind, 'spec.kubernetesServiceAccount.issuer').default).toBe(
      'https://kubernetes.default.svc',
    );
    expect(schemaAt(kind, 'spec.kubernetesServiceAccount.useClusterAuth').default).toBeUndefined();
    for (const flag of ['insecureAllowHTTP', 'jwksAllowPrivateIP', 'protectedResourceAllowPrivateIP']) {
      expect(schemaAt(kind, `spec.inline.${flag}`).default).toBe(false);
    }
  });

  it('makes type a discriminator with the ToolHive messages', () => {
    expect(celRules(kind, 'spec')).toEqual([
      [
        "self.type == 'kubernetesServiceAccount' ? has(self.kubernetesServiceAccount) : !has(self.kubernetesServiceAccount)",
        "kubernetesServiceAccount must be set when type is 'kubernetesServiceAccount', and must not be set otherwise",
      ],
      [
        "self.type == 'inline' ? has(self.inline) : !has(self.inline)",
        "inline must be set when type is 'inline', and must not be set otherwise",
      ],
    ]);
  });

  it('keeps unknown fields only where ToolHive does', () => {
    expect(preserved(kind)).toEqual([]);
  });
});
