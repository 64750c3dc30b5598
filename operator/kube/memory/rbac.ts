/**
 * RBAC for the in-memory cluster: given the Roles, ClusterRoles and bindings an install renders
 * (the OperatorChart), decides each request of one ServiceAccount the way the API server's RBAC
 * authorizer does, and fails the rest with the API server's 403 message. Plugged in as the
 * cluster's fault injector, it lets tests prove the operator needs no right the chart does not
 * grant, in cluster and in namespace scope.
 */
import { KubeApiError } from '../errors.ts';
import type { KubeObject, ResourceType } from '../types.ts';

export interface PolicyRule {
  apiGroups?: readonly string[];
  resources?: readonly string[];
  verbs: readonly string[];
  resourceNames?: readonly string[];
}

export interface RbacRequest {
  /** An RBAC verb: get, list, watch, create, update, patch, delete. */
  verb: string;
  resource: Pick<ResourceType, 'group' | 'plural' | 'namespaced'>;
  subresource?: string | undefined;
  /** Undefined for cluster-scoped resources and requests across all namespaces. */
  namespace?: string | undefined;
  name?: string | undefined;
}

export interface ServiceAccountRef {
  name: string;
  namespace: string;
}

function matches(list: readonly string[] | undefined, value: string): boolean {
  return (list ?? []).some((v) => v === '*' || v === value);
}

function ruleAllows(rule: PolicyRule, req: RbacRequest): boolean {
  if (!matches(rule.verbs, req.verb)) return false;
  if (!matches(rule.apiGroups, req.resource.group)) return false;
  const full = req.subresource ? `${req.resource.plural}/${req.subresource}` : req.resource.plural;
  const resourceOk = (rule.resources ?? []).some(
    (r) => r === '*' || r === full || (req.subresource !== undefined && r === `*/${req.subresource}`),
  );
  if (!resourceOk) return false;
  if (rule.resourceNames && rule.resourceNames.length > 0)
    return req.name !== undefined && req.verb !== 'create' && rule.resourceNames.includes(req.name);
  return true;
}

interface Binding {
  /** Undefined: a ClusterRoleBinding (everywhere); else a RoleBinding in that namespace. */
  namespace: string | undefined;
  rules: readonly PolicyRule[];
}

/** The rules bound to one ServiceAccount, from rendered RBAC objects. */
export class RbacPolicy {
  private readonly bindings: Binding[];
  readonly user: string;

  constructor(objects: readonly KubeObject[], subject: ServiceAccountRef) {
    this.user = `system:serviceaccount:${subject.namespace}:${subject.name}`;
    const rulesOf = (kind: string, name: string, namespace?: string): readonly PolicyRule[] =>
      (objects.find(
        (o) =>
          o.kind === kind &&
          o.metadata.name === name &&
          (kind === 'ClusterRole' || o.metadata.namespace === namespace),
      )?.rules ?? []) as PolicyRule[];
    this.bindings = [];
    for (const b of objects) {
      if (b.kind !== 'ClusterRoleBinding' && b.kind !== 'RoleBinding') continue;
      const subjects = (b.subjects ?? []) as { kind: string; name: string; namespace?: string }[];
      if (
        !subjects.some(
          (s) => s.kind === 'ServiceAccount' && s.name === subject.name && s.namespace === subject.namespace,
        )
      )
        continue;
      const ref = b.roleRef as { kind: string; name: string };
      const namespace = b.kind === 'RoleBinding' ? b.metadata.namespace : undefined;
      this.bindings.push({ namespace, rules: rulesOf(ref.kind, ref.name, namespace) });
    }
  }

  allows(req: RbacRequest): boolean {
    return this.bindings.some(
      (b) =>
        // A RoleBinding grants only namespaced requests inside its namespace.
        (b.namespace === undefined || (req.resource.namespaced && req.namespace === b.namespace)) &&
        b.rules.some((r) => ruleAllows(r, req)),
    );
  }

  /** The API server's Forbidden error for `req`. */
  forbidden(req: RbacRequest): KubeApiError {
    const group = req.resource.group;
    const full = req.subresource ? `${req.resource.plural}/${req.subresource}` : req.resource.plural;
    const qualified = group === '' ? req.resource.plural : `${req.resource.plural}.${group}`;
    const what = req.name !== undefined ? `${qualified} "${req.name}"` : qualified;
    const where =
      req.namespace !== undefined && req.resource.namespaced
        ? `in the namespace "${req.namespace}"`
        : 'at the cluster scope';
    return new KubeApiError(
      403,
      'Forbidden',
      `${what} is forbidden: User "${this.user}" cannot ${req.verb} resource "${full}" in API group "${group}" ${where}`,
    );
  }
}
