/**
 * ToolHive's per-workload RBAC (`EnsureRBACResources`): a ServiceAccount, a Role and a
 * RoleBinding, all with the same name, in the workload's namespace.
 */
import type {
  LocalObjectReference,
  PolicyRule,
  Role,
  RoleBinding,
  ServiceAccount,
} from '../../lib/k8s/types.ts';

export function serviceAccount(
  name: string,
  namespace: string,
  pullSecrets: LocalObjectReference[] | undefined,
  labels?: Record<string, string>,
): ServiceAccount {
  return {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name, namespace, ...(labels ? { labels } : {}) },
    ...(pullSecrets ? { imagePullSecrets: pullSecrets } : {}),
  };
}

export function rbacObjects(
  name: string,
  namespace: string,
  rules: readonly PolicyRule[],
  pullSecrets: LocalObjectReference[] | undefined,
  labels?: Record<string, string>,
): [ServiceAccount, Role, RoleBinding] {
  const meta = { name, namespace, ...(labels ? { labels } : {}) };
  return [
    serviceAccount(name, namespace, pullSecrets, labels),
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: meta,
      rules: rules.map((r) => ({
        apiGroups: [...r.apiGroups],
        resources: [...r.resources],
        verbs: [...r.verbs],
      })),
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: meta,
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
      subjects: [{ kind: 'ServiceAccount', name, namespace }],
    },
  ];
}
