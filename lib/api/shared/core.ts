/**
 * Small schema blocks that ToolHive's kinds share with each other or borrow from core/v1 and
 * meta/v1: secret and config map references, env vars, resource requirements, metadata
 * overrides and the standard `conditions` list.
 */
import { array, boolean, describe, int64, map, object, req, string } from '../../schema/dsl.ts';

/** ToolHive's own `SecretKeyRef`: both fields required, no `optional`. */
export const secretKeyRef = object(
  {
    key: req(string({ description: 'Key within the Secret.' })),
    name: req(string({ description: 'Name of the Secret, in the same namespace.' })),
  },
  { name: 'SecretKeyRef', description: 'A key in a Secret in the same namespace.' },
);

/** core/v1 `ConfigMapKeySelector` (atomic map type, name defaults to ""). */
export const configMapKeySelector = object(
  {
    key: req(string({ description: 'The key to select.' })),
    name: string({
      default: '',
      description:
        'Name of the ConfigMap. Effectively required; empty is allowed only for backwards compatibility.',
    }),
    optional: boolean({ description: 'Whether the ConfigMap or its key may be missing.' }),
  },
  { name: 'ConfigMapKeySelector', mapType: 'atomic', description: 'Selects a key of a ConfigMap.' },
);

/** core/v1 `LocalObjectReference`. */
export const localObjectReference = object(
  {
    name: string({
      default: '',
      description:
        'Name of the referent. Effectively required; empty is allowed only for backwards compatibility.',
    }),
  },
  {
    name: 'LocalObjectReference',
    mapType: 'atomic',
    description: 'A reference to an object in the same namespace, by name.',
  },
);

/** A literal environment variable (no `valueFrom`). */
export const envVar = object(
  {
    name: req(string({ description: 'Name of the environment variable.' })),
    value: req(string({ description: 'Value of the environment variable.' })),
  },
  { name: 'EnvVar', description: 'A literal environment variable.' },
);

/** `env: []EnvVar` as a list map keyed by name. */
export function envList(description: string) {
  return array(envVar, { description, listType: 'map', listMapKeys: ['name'] });
}

const resourceList = object(
  {
    cpu: string({ description: 'CPU in cores, as a Kubernetes quantity (e.g. "500m").' }),
    memory: string({ description: 'Memory in bytes, as a Kubernetes quantity (e.g. "64Mi").' }),
  },
  { name: 'ResourceList', description: 'CPU and memory amounts.' },
);

/** ToolHive's simplified resource requirements: plain strings, not int-or-string quantities. */
export const resourceRequirements = object(
  {
    limits: describe(resourceList, 'The most compute resources the container may use.'),
    requests: describe(resourceList, 'The compute resources the container is guaranteed.'),
  },
  { name: 'ResourceRequirements', description: 'Compute resources of a container.' },
);

export const resourceMetadataOverrides = object(
  {
    annotations: map(string(), { description: 'Annotations to add or override on the resource.' }),
    labels: map(string(), { description: 'Labels to add or override on the resource.' }),
  },
  {
    name: 'ResourceMetadataOverrides',
    description: 'Labels and annotations to merge into a generated object.',
  },
);

/** Raw pod template: the API server keeps it as is; the operator parses it at reconcile time. */
export function podTemplateSpec(containerName: string) {
  return object(
    {},
    {
      preserveUnknownFields: true,
      description:
        'A PodTemplateSpec merged into the generated pod template. Kept as is by the API server and ' +
        `checked when the workload is reconciled. The container to patch is named "${containerName}".`,
    },
  );
}

/** meta/v1 `Condition`, exactly as the upstream CRD generators emit it. */
export const condition = object(
  {
    lastTransitionTime: req(
      string({
        format: 'date-time',
        description: 'When the condition last changed from one status to another.',
      }),
    ),
    message: req(
      string({ maxLength: 32768, description: 'Human-readable details of the transition; may be empty.' }),
    ),
    observedGeneration: int64({
      minimum: 0,
      description: 'The .metadata.generation the condition was computed from.',
    }),
    reason: req(
      string({
        maxLength: 1024,
        minLength: 1,
        pattern: '^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$',
        description: 'Programmatic CamelCase identifier of the reason for the last transition.',
      }),
    ),
    status: req(string({ enum: ['True', 'False', 'Unknown'], description: 'Status of the condition.' })),
    type: req(
      string({
        maxLength: 316,
        pattern:
          '^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$',
        description: 'Type of the condition, CamelCase or foo.example.com/CamelCase.',
      }),
    ),
  },
  { name: 'Condition', description: 'One aspect of the current state of the object.' },
);

export function conditions(description = 'Observations of the current state of the object.') {
  return array(condition, { description, listType: 'map', listMapKeys: ['type'] });
}
