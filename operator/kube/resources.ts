/**
 * The REST resources the operator uses: the built-in kinds its workloads are made of, and every
 * ToolHive kind from the kinds registry in lib/api. Looking a kind up here replaces discovery
 * for the operator's own requests (discovery is still used to check the CRDs are installed).
 */
import { KINDS } from '../../lib/api/kinds.ts';
import type { KindDefinition } from '../../lib/schema/kind.ts';
import { API_GROUP, storageVersion } from '../../lib/schema/kind.ts';
import { apiVersionOf, type ResourceType } from './types.ts';

function builtin(
  group: string,
  version: string,
  kind: string,
  plural: string,
  namespaced = true,
  statusSubresource = false,
): ResourceType {
  return { group, version, kind, plural, namespaced, statusSubresource };
}

export const CORE = {
  Namespace: builtin('', 'v1', 'Namespace', 'namespaces', false, true),
  Pod: builtin('', 'v1', 'Pod', 'pods', true, true),
  Service: builtin('', 'v1', 'Service', 'services', true, true),
  ConfigMap: builtin('', 'v1', 'ConfigMap', 'configmaps'),
  Secret: builtin('', 'v1', 'Secret', 'secrets'),
  ServiceAccount: builtin('', 'v1', 'ServiceAccount', 'serviceaccounts'),
  PersistentVolumeClaim: builtin('', 'v1', 'PersistentVolumeClaim', 'persistentvolumeclaims', true, true),
  Event: builtin('', 'v1', 'Event', 'events'),
  /** events.k8s.io/v1 Event: what the operator records (ToolHive's RBAC grants this group). */
  EventV1: builtin('events.k8s.io', 'v1', 'Event', 'events'),
  Deployment: builtin('apps', 'v1', 'Deployment', 'deployments', true, true),
  StatefulSet: builtin('apps', 'v1', 'StatefulSet', 'statefulsets', true, true),
  ReplicaSet: builtin('apps', 'v1', 'ReplicaSet', 'replicasets', true, true),
  Role: builtin('rbac.authorization.k8s.io', 'v1', 'Role', 'roles'),
  RoleBinding: builtin('rbac.authorization.k8s.io', 'v1', 'RoleBinding', 'rolebindings'),
  ClusterRole: builtin('rbac.authorization.k8s.io', 'v1', 'ClusterRole', 'clusterroles', false),
  ClusterRoleBinding: builtin(
    'rbac.authorization.k8s.io',
    'v1',
    'ClusterRoleBinding',
    'clusterrolebindings',
    false,
  ),
  Lease: builtin('coordination.k8s.io', 'v1', 'Lease', 'leases'),
  HorizontalPodAutoscaler: builtin(
    'autoscaling',
    'v2',
    'HorizontalPodAutoscaler',
    'horizontalpodautoscalers',
    true,
    true,
  ),
  CustomResourceDefinition: builtin(
    'apiextensions.k8s.io',
    'v1',
    'CustomResourceDefinition',
    'customresourcedefinitions',
    false,
    true,
  ),
} as const satisfies Record<string, ResourceType>;

/** The resource of a ToolHive kind at its storage version (the version the operator reads and writes). */
export function toolhiveResource(def: KindDefinition): ResourceType {
  return {
    group: API_GROUP,
    version: storageVersion(def),
    kind: def.kind,
    plural: def.plural,
    namespaced: true,
    statusSubresource: true,
  };
}

export class ResourceRegistry {
  private readonly byKind = new Map<string, ResourceType>();

  constructor(types: Iterable<ResourceType>) {
    for (const t of types) this.add(t);
  }

  /** Built-ins plus every kind in lib/api's registry. */
  static standard(kinds: readonly KindDefinition[] = KINDS): ResourceRegistry {
    return new ResourceRegistry([...Object.values(CORE), ...kinds.map(toolhiveResource)]);
  }

  add(type: ResourceType): void {
    this.byKind.set(`${type.group}/${type.kind}`, type);
  }

  all(): ResourceType[] {
    return [...this.byKind.values()];
  }

  /** The resource for a ToolHive kind name, e.g. `MCPServer`. */
  toolhive(kind: string): ResourceType {
    return this.require(API_GROUP, kind);
  }

  find(group: string, kind: string): ResourceType | undefined {
    return this.byKind.get(`${group}/${kind}`);
  }

  require(group: string, kind: string): ResourceType {
    const t = this.find(group, kind);
    if (!t) throw new Error(`unknown resource kind ${group === '' ? 'core' : group}/${kind}`);
    return t;
  }

  /** The resource an object belongs to, from its apiVersion and kind (any served version). */
  forObject(obj: { apiVersion: string; kind: string }): ResourceType {
    const slash = obj.apiVersion.indexOf('/');
    const group = slash < 0 ? '' : obj.apiVersion.slice(0, slash);
    const version = slash < 0 ? obj.apiVersion : obj.apiVersion.slice(slash + 1);
    const t = this.require(group, obj.kind);
    return t.version === version ? t : { ...t, version };
  }
}

export { apiVersionOf };
