import { describe, expect, it } from 'vitest';
import { embeddingServerKind as kind } from '../../../lib/api/embedding-server.ts';
import { kindByName } from '../../../lib/api/kinds.ts';
import { toCustomResourceDefinition } from '../../../lib/schema/crd.ts';
import { celRules, columns, preserved, schemaAt, versionSummary } from './schema-paths.ts';

describe('EmbeddingServer kind', () => {
  it('is registered under ToolHive names', () => {
    expect(kindByName('EmbeddingServer')).toBe(kind);
    expect(toCustomResourceDefinition(kind).spec.names).toMatchObject({
      kind: 'EmbeddingServer',
      plural: 'embeddingservers',
      shortNames: ['emb', 'embedding'],
      categories: ['toolhive'],
    });
  });

  it('stores v1beta1 and serves a deprecated v1alpha1 alias', () => {
    expect(versionSummary(kind).map((v) => [v.name, v.storage, v.deprecated])).toEqual([
      ['v1alpha1', false, true],
      ['v1beta1', true, false],
    ]);
  });

  it('shows status, model, ready pods and URL', () => {
    expect(columns(kind)).toEqual([
      'Status=.status.phase(string)',
      'Model=.spec.model(string)',
      'Ready=.status.readyReplicas(integer)',
      'URL=.status.url(string)',
      'Age=.metadata.creationTimestamp(date)',
    ]);
  });

  it('defaults every spec field a server needs', () => {
    expect(schemaAt(kind, 'spec').required).toBeUndefined();
    expect(schemaAt(kind, 'spec.model').default).toBe('BAAI/bge-small-en-v1.5');
    expect(schemaAt(kind, 'spec.image').default).toBe(
      'ghcr.io/huggingface/text-embeddings-inference:cpu-latest',
    );
    expect(schemaAt(kind, 'spec.imagePullPolicy').default).toBe('IfNotPresent');
    expect(schemaAt(kind, 'spec.port')).toMatchObject({ default: 8080, minimum: 1, maximum: 65535 });
    // Unlike the proxy workloads, at least one replica and a default of one.
    expect(schemaAt(kind, 'spec.replicas')).toMatchObject({ default: 1, minimum: 1, format: 'int32' });
    expect(schemaAt(kind, 'spec.modelCache.enabled').default).toBe(true);
    expect(schemaAt(kind, 'spec.modelCache.size').default).toBe('10Gi');
    expect(schemaAt(kind, 'spec.modelCache.accessMode').default).toBe('ReadWriteOnce');
    expect(celRules(kind, 'spec')).toEqual([]);
  });

  it('overrides the StatefulSet, Service and cache claim, not a Deployment', () => {
    expect(Object.keys(schemaAt(kind, 'spec.resourceOverrides').properties ?? {})).toEqual([
      'persistentVolumeClaim',
      'service',
      'statefulSet',
    ]);
    expect(schemaAt(kind, 'spec.podTemplateSpec')['x-kubernetes-preserve-unknown-fields']).toBe(true);
  });

  it('has a Downloading phase', () => {
    expect(schemaAt(kind, 'status.phase').enum).toEqual([
      'Pending',
      'Downloading',
      'Ready',
      'Failed',
      'Terminating',
    ]);
    expect(schemaAt(kind, 'status.phase').default).toBeUndefined();
  });

  it('keeps unknown fields only where ToolHive does', () => {
    expect(preserved(kind)).toEqual(['spec.podTemplateSpec']);
  });
});
