/**
 * MCPRegistry: runs ToolHive's registry API server from a complete config file. The kind is
 * deprecated in favour of the toolhive-registry-server Helm chart but still reconciled, so both
 * served versions carry a removal warning.
 */

import { array, boolean, describe, object, req, string } from '../schema/dsl.ts';
import type { JSONSchemaProps } from '../schema/json-schema.ts';
import { AGE_COLUMN, betaWithAlphaAlias, type KindDefinition } from '../schema/kind.ts';
import { podTemplateSpec } from './shared/core.ts';
import { imagePullSecrets } from './shared/image-pull-secrets.ts';
import { servingWorkloadStatus } from './shared/status.ts';
import { phaseColumn, READY_CONDITION_COLUMN } from './shared/workload.ts';

export const MCP_REGISTRY_DEPRECATION_WARNING =
  'MCPRegistry is deprecated and will be removed in a future release; install the ToolHive registry ' +
  'server via the toolhive-registry-server Helm chart (https://github.com/stacklok/toolhive-registry-server) instead';

/** core/v1 `SecretKeySelector` (atomic map type, name defaults to ""). */
const secretKeySelector = object(
  {
    key: req(string({ description: 'The key of the Secret to select.' })),
    name: string({
      default: '',
      description:
        'Name of the Secret. Effectively required; empty is allowed only for backwards compatibility.',
    }),
    optional: boolean({ description: 'Whether the Secret or its key may be missing.' }),
  },
  { name: 'SecretKeySelector', mapType: 'atomic', description: 'Selects a key of a Secret.' },
);

/**
 * A list of raw Kubernetes objects (Volume, VolumeMount) kept as written: neither the list nor its
 * items have a schema, and the operator parses them when it reconciles.
 */
function rawObjectList(description: string): JSONSchemaProps {
  const anyItem: JSONSchemaProps = { 'x-kubernetes-preserve-unknown-fields': true };
  return {
    ...array(anyItem, { listType: 'atomic', description }),
    'x-kubernetes-preserve-unknown-fields': true,
  };
}

const spec = object(
  {
    configYAML: req(
      string({
        minLength: 1,
        description:
          'The complete config.yaml of the registry server, mounted at /config/config.yaml and not checked ' +
          'by the operator. It lands in a ConfigMap: refer to credentials by file path and mount them with ' +
          'volumes, or use pgpassSecretRef.',
      }),
    ),
    displayName: string({ description: 'Human-readable name of the registry.' }),
    imagePullSecrets: imagePullSecrets(
      'Pull secrets for the registry image, set on the Deployment and on the generated ServiceAccount.',
    ),
    pgpassSecretRef: describe(
      secretKeySelector,
      'Secret key holding a PostgreSQL .pgpass file. An init container copies it with mode 0600 for the ' +
        'non-root server and PGPASSFILE points at the copy.',
    ),
    podTemplateSpec: podTemplateSpec('registry-api'),
    volumeMounts: rawObjectList(
      'Extra core/v1 VolumeMounts for the registry-api container; paths must match the files configYAML names.',
    ),
    volumes: rawObjectList(
      'Extra core/v1 Volumes for the registry pod: Secrets, ConfigMaps, PVCs and the like.',
    ),
  },
  { name: 'MCPRegistrySpec', description: 'Desired state of an MCPRegistry.' },
);

export const mcpRegistryKind: KindDefinition = {
  kind: 'MCPRegistry',
  listKind: 'MCPRegistryList',
  plural: 'mcpregistries',
  singular: 'mcpregistry',
  shortNames: ['mcpreg', 'registry'],
  categories: ['toolhive'],
  versions: betaWithAlphaAlias({
    kind: 'MCPRegistry',
    description:
      'MCPRegistry runs the ToolHive registry API server. Deprecated: use the toolhive-registry-server chart.',
    warning: MCP_REGISTRY_DEPRECATION_WARNING,
    deprecateStorage: true,
  }),
  printerColumns: [
    phaseColumn('Status'),
    READY_CONDITION_COLUMN,
    { name: 'Replicas', type: 'integer', jsonPath: '.status.readyReplicas' },
    { name: 'URL', type: 'string', jsonPath: '.status.url' },
    AGE_COLUMN,
  ],
  spec,
  status: servingWorkloadStatus({
    typeName: 'MCPRegistryStatus',
    kind: 'MCPRegistry',
    phases: ['Pending', 'Ready', 'Failed', 'Terminating'],
    phaseDescription: 'Lifecycle phase of the registry API server.',
    urlDescription: 'In-cluster URL of the registry API.',
  }),
};
