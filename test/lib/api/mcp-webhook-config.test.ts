import { describe, expect, it } from 'vitest';
import { kindByName } from '../../../lib/api/kinds.ts';
import { mcpWebhookConfigKind as kind } from '../../../lib/api/mcp-webhook-config.ts';
import { toCustomResourceDefinition } from '../../../lib/schema/crd.ts';
import { celRules, columns, preserved, schemaAt, versionSummary } from './schema-paths.ts';

describe('MCPWebhookConfig kind', () => {
  it('is registered under ToolHive names', () => {
    expect(kindByName('MCPWebhookConfig')).toBe(kind);
    const crd = toCustomResourceDefinition(kind);
    expect(crd.spec.names).toMatchObject({
      kind: 'MCPWebhookConfig',
      plural: 'mcpwebhookconfigs',
      shortNames: ['mwc'],
      categories: ['toolhive'],
    });
    expect(crd.metadata.labels).toEqual({ 'toolhive.stacklok.dev/auto-migrate-storage-version': 'true' });
  });

  it('serves and stores v1alpha1 only, not deprecated', () => {
    expect(versionSummary(kind)).toEqual([
      { name: 'v1alpha1', served: true, storage: true, deprecated: false, warning: undefined },
    ]);
  });

  it('shows the Valid condition', () => {
    expect(columns(kind)).toEqual([
      "Valid=.status.conditions[?(@.type=='Valid')].status(string)",
      'Age=.metadata.creationTimestamp(date)',
    ]);
  });

  it('describes each webhook with the same schema in both lists', () => {
    expect(schemaAt(kind, 'spec.validating.[]')).toEqual(schemaAt(kind, 'spec.mutating.[]'));
    expect(schemaAt(kind, 'spec.validating')['x-kubernetes-list-type']).toBeUndefined();
    expect(schemaAt(kind, 'spec.validating.[]').required).toEqual(['name', 'url']);
    expect(schemaAt(kind, 'spec.validating.[].name')).toMatchObject({ minLength: 1, maxLength: 63 });
    expect(schemaAt(kind, 'spec.validating.[].url').format).toBe('uri');
    expect(schemaAt(kind, 'spec.validating.[].timeout').format).toBe('duration');
    expect(schemaAt(kind, 'spec.validating.[].failurePolicy')).toMatchObject({
      default: 'fail',
      enum: ['fail', 'ignore'],
    });
  });

  it('requires at least one webhook', () => {
    expect(celRules(kind, 'spec')).toEqual([
      [
        '(has(self.validating) ? size(self.validating) : 0) + (has(self.mutating) ? size(self.mutating) : 0) > 0',
        'at least one validating or mutating webhook must be defined',
      ],
    ]);
  });

  it('keeps unknown fields only where ToolHive does', () => {
    expect(preserved(kind)).toEqual([]);
  });
});
