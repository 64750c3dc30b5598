/**
 * EmbeddingServer: a HuggingFace Text Embeddings Inference server, run as a StatefulSet with an
 * optional model cache volume. A VirtualMCPServer's tool optimizer uses it to rank tools by
 * meaning (`spec.embeddingServerRef`).
 */
import { array, boolean, describe, int32, map, object, string } from '../schema/dsl.ts';
import { AGE_COLUMN, betaWithAlphaAlias, type KindDefinition } from '../schema/kind.ts';
import {
  envList,
  podTemplateSpec,
  resourceMetadataOverrides,
  resourceRequirements,
  secretKeyRef,
} from './shared/core.ts';
import { servingWorkloadStatus } from './shared/status.ts';
import { phaseColumn, port } from './shared/workload.ts';

const modelCacheConfig = object(
  {
    accessMode: string({
      default: 'ReadWriteOnce',
      enum: ['ReadWriteOnce', 'ReadWriteMany', 'ReadOnlyMany'],
      description: 'Access mode of the cache PersistentVolumeClaim.',
    }),
    enabled: boolean({ default: true, description: 'Keep downloaded models on a PersistentVolumeClaim.' }),
    size: string({ default: '10Gi', description: 'Size of the cache volume, as a Kubernetes quantity.' }),
    storageClassName: string({
      description: 'Storage class of the cache volume. Empty means the cluster default.',
    }),
  },
  {
    name: 'ModelCacheConfig',
    description:
      'A volume that keeps downloaded models across pod restarts. Without it models are fetched on every start.',
  },
);

const embeddingStatefulSetOverrides = object(
  {
    annotations: map(string(), { description: 'Annotations to add or override on the StatefulSet.' }),
    labels: map(string(), { description: 'Labels to add or override on the StatefulSet.' }),
    podTemplateMetadataOverrides: describe(
      resourceMetadataOverrides,
      'Labels and annotations for the pods of the StatefulSet.',
    ),
  },
  {
    name: 'EmbeddingStatefulSetOverrides',
    description: 'Metadata overrides for the StatefulSet and its pods.',
  },
);

const embeddingResourceOverrides = object(
  {
    persistentVolumeClaim: describe(
      resourceMetadataOverrides,
      'Labels and annotations for the model cache claim.',
    ),
    service: describe(resourceMetadataOverrides, 'Labels and annotations for the Service.'),
    statefulSet: describe(embeddingStatefulSetOverrides, 'Labels and annotations for the StatefulSet.'),
  },
  {
    name: 'EmbeddingResourceOverrides',
    description: 'Labels and annotations merged into the objects the operator creates.',
  },
);

const spec = object(
  {
    args: array(string(), {
      listType: 'atomic',
      description: 'Extra arguments for the inference server, e.g. --max-batch-tokens.',
    }),
    env: envList('Environment variables of the embedding container.'),
    hfTokenSecretRef: describe(
      secretKeyRef,
      'Secret key holding a HuggingFace token, for gated or private models and higher download limits.',
    ),
    image: string({
      default: 'ghcr.io/huggingface/text-embeddings-inference:cpu-latest',
      description: 'Text Embeddings Inference image; pick a GPU build for GPU nodes.',
    }),
    imagePullPolicy: string({
      default: 'IfNotPresent',
      enum: ['Always', 'Never', 'IfNotPresent'],
      description: 'When the kubelet pulls the image.',
    }),
    model: string({
      default: 'BAAI/bge-small-en-v1.5',
      description: 'HuggingFace model ID of the embedding model to serve.',
    }),
    modelCache: describe(modelCacheConfig, 'Persistent model cache; absent means no cache.'),
    podTemplateSpec: podTemplateSpec('embedding'),
    port: port({
      default: 8080,
      description: 'Port the inference server listens on and its Service exposes.',
    }),
    replicas: int32({ default: 1, minimum: 1, description: 'Number of inference server pods.' }),
    resourceOverrides: describe(embeddingResourceOverrides, 'Metadata merged into the generated objects.'),
    resources: describe(resourceRequirements, 'Compute resources of the embedding container.'),
  },
  {
    name: 'EmbeddingServerSpec',
    description: 'Desired state of an EmbeddingServer. Every field has a default.',
  },
);

export const embeddingServerKind: KindDefinition = {
  kind: 'EmbeddingServer',
  listKind: 'EmbeddingServerList',
  plural: 'embeddingservers',
  singular: 'embeddingserver',
  shortNames: ['emb', 'embedding'],
  categories: ['toolhive'],
  versions: betaWithAlphaAlias({
    kind: 'EmbeddingServer',
    description:
      'EmbeddingServer runs a text embeddings inference server for the Virtual MCP tool optimizer.',
  }),
  printerColumns: [
    phaseColumn('Status'),
    { name: 'Model', type: 'string', jsonPath: '.spec.model' },
    { name: 'Ready', type: 'integer', jsonPath: '.status.readyReplicas' },
    { name: 'URL', type: 'string', jsonPath: '.status.url' },
    AGE_COLUMN,
  ],
  spec,
  status: servingWorkloadStatus({
    typeName: 'EmbeddingServerStatus',
    kind: 'EmbeddingServer',
    phases: ['Pending', 'Downloading', 'Ready', 'Failed', 'Terminating'],
    phaseDescription: 'Lifecycle phase; Downloading while the model is fetched.',
    urlDescription: 'In-cluster URL of the embeddings endpoint.',
  }),
};
