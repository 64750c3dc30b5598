import { describe, expect, it } from 'vitest';
import { renderEmbeddingServer } from '../../constructs/render.ts';
import { apiVersion, expectValidK8s, find, kindsAndNames, yaml } from './helpers.ts';

describe('EmbeddingServerChart', () => {
  const objects = renderEmbeddingServer({
    server: {
      apiVersion,
      kind: 'EmbeddingServer',
      metadata: { name: 'embeddings', namespace: 'platform-tools' },
      spec: {
        modelCache: { size: '5Gi' },
        hfTokenSecretRef: { name: 'hf', key: 'token' },
        env: [{ name: 'RUST_LOG', value: 'info' }],
      },
    },
  });

  it('matches the snapshot', async () => {
    await expect(yaml(objects)).toMatchFileSnapshot('__snapshots__/embedding-server.yaml');
  });

  it("renders ToolHive's StatefulSet and Service with the defaults", () => {
    expect(kindsAndNames(objects)).toEqual(['StatefulSet/embeddings', 'Service/embeddings']);
    expectValidK8s(objects);
    const sts = find(objects, 'StatefulSet', 'embeddings');
    const c = sts.spec.template.spec.containers[0];
    expect(c.name).toBe('embedding');
    expect(c.image).toBe('ghcr.io/huggingface/text-embeddings-inference:cpu-latest');
    expect(c.args).toEqual(['--model-id', 'BAAI/bge-small-en-v1.5', '--port', '8080']);
    expect(c.env.map((e: { name: string }) => e.name)).toEqual([
      'MODEL_ID',
      'HF_TOKEN',
      'RUST_LOG',
      'HF_HOME',
    ]);
    expect(c.livenessProbe).toMatchObject({
      httpGet: { path: '/health', port: 8080 },
      initialDelaySeconds: 60,
    });
    expect(sts.spec.volumeClaimTemplates[0].metadata.name).toBe('model-cache');
    expect(sts.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe('5Gi');
    expect(find(objects, 'Service', 'embeddings').spec.ports).toEqual([
      { name: 'http', port: 8080, targetPort: 8080, protocol: 'TCP' },
    ]);
  });
});
