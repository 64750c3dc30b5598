/**
 * Offline validation of rendered objects against the Kubernetes OpenAPI schema of their kind:
 * kubernetes-models' compiled validators check types, required fields and formats, and the
 * client-node model attribute maps catch unknown fields (what `kubectl apply --validate=strict`
 * and a server-side dry run would reject).
 */
import * as k8s from '@kubernetes/client-node';
import { CustomResourceDefinition } from 'kubernetes-models/apiextensions.k8s.io/v1/CustomResourceDefinition';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { ClusterRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole';
import { ClusterRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding';
import { Role } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import { RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';

interface Validating {
  validate(): void;
}
type ModelCtor = new (data: never) => Validating;

const MODELS: Record<string, [ModelCtor, string]> = {
  'apps/v1/Deployment': [Deployment as unknown as ModelCtor, 'V1Deployment'],
  'apps/v1/StatefulSet': [StatefulSet as unknown as ModelCtor, 'V1StatefulSet'],
  'v1/ConfigMap': [ConfigMap as unknown as ModelCtor, 'V1ConfigMap'],
  'v1/Secret': [Secret as unknown as ModelCtor, 'V1Secret'],
  'v1/Service': [Service as unknown as ModelCtor, 'V1Service'],
  'v1/ServiceAccount': [ServiceAccount as unknown as ModelCtor, 'V1ServiceAccount'],
  'v1/Namespace': [Namespace as unknown as ModelCtor, 'V1Namespace'],
  'rbac.authorization.k8s.io/v1/Role': [Role as unknown as ModelCtor, 'V1Role'],
  'rbac.authorization.k8s.io/v1/RoleBinding': [RoleBinding as unknown as ModelCtor, 'V1RoleBinding'],
  'rbac.authorization.k8s.io/v1/ClusterRole': [ClusterRole as unknown as ModelCtor, 'V1ClusterRole'],
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': [
    ClusterRoleBinding as unknown as ModelCtor,
    'V1ClusterRoleBinding',
  ],
  'apiextensions.k8s.io/v1/CustomResourceDefinition': [
    CustomResourceDefinition as unknown as ModelCtor,
    'V1CustomResourceDefinition',
  ],
};

interface Attr {
  baseName: string;
  type: string;
}
const models = k8s as unknown as Record<string, { getAttributeTypeMap?: () => Attr[] } | undefined>;

/** Fields under which any JSON is allowed (schemas, free-form objects). */
const OPEN_TYPES = new Set(['any', 'object', 'V1JSONSchemaProps', 'RuntimeRawExtension']);

function unknownFields(value: unknown, type: string, path: string, out: string[]): void {
  if (value === null || value === undefined) return;
  const array = /^Array<(.+)>$/.exec(type);
  if (array) {
    if (Array.isArray(value))
      value.forEach((v, i) => {
        unknownFields(v, array[1] as string, `${path}[${i}]`, out);
      });
    return;
  }
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) {
    if (typeof value === 'object')
      for (const [k, v] of Object.entries(value)) unknownFields(v, map[1] as string, `${path}.${k}`, out);
    return;
  }
  if (OPEN_TYPES.has(type)) return;
  const model = models[type];
  if (!model?.getAttributeTypeMap || typeof value !== 'object' || Array.isArray(value)) return;
  const attrs = model.getAttributeTypeMap();
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const attr = attrs.find((a) => a.baseName === k);
    if (!attr) out.push(`${path}.${k}: unknown field`);
    else unknownFields(v, attr.type, `${path}.${k}`, out);
  }
}

/** Problems with one object; empty when the API server would accept its shape. */
export function k8sSchemaProblems(obj: {
  apiVersion: string;
  kind: string;
  [field: string]: unknown;
}): string[] {
  const entry = MODELS[`${obj.apiVersion}/${obj.kind}`];
  if (!entry) return [`no schema known for ${obj.apiVersion} ${obj.kind}`];
  const [Model, clientModel] = entry;
  const problems: string[] = [];
  try {
    new Model(obj as never).validate();
  } catch (err) {
    problems.push(err instanceof Error ? err.message : String(err));
  }
  unknownFields(obj, clientModel, obj.kind, problems);
  return problems;
}
