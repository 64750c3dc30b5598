import { describe, expect, it } from 'vitest';
import { RbacPolicy } from '../../../operator/kube/memory/rbac.ts';
import { CORE } from '../../../operator/kube/resources.ts';
import type { KubeObject } from '../../../operator/kube/types.ts';

const sa = { name: 'op', namespace: 'system' };
const subjects = [{ kind: 'ServiceAccount', name: 'op', namespace: 'system' }];

const objects: KubeObject[] = [
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: 'reader' },
    rules: [
      { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list'] },
      {
        apiGroups: ['apiextensions.k8s.io'],
        resources: ['customresourcedefinitions/status'],
        verbs: ['patch'],
      },
    ],
  },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: 'reader' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'reader' },
    subjects,
  },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: { name: 'writer', namespace: 'team-a' },
    rules: [
      { apiGroups: [''], resources: ['pods'], verbs: ['delete'] },
      { apiGroups: ['apiextensions.k8s.io'], resources: ['*'], verbs: ['*'] },
      {
        apiGroups: ['coordination.k8s.io'],
        resources: ['leases'],
        verbs: ['update'],
        resourceNames: ['mine'],
      },
    ],
  },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: 'writer', namespace: 'team-a' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'writer' },
    subjects,
  },
];

describe('RbacPolicy', () => {
  const policy = new RbacPolicy(objects, sa);

  it('grants ClusterRoleBinding rules everywhere and RoleBinding rules in their namespace only', () => {
    expect(policy.allows({ verb: 'list', resource: CORE.ConfigMap })).toBe(true);
    expect(policy.allows({ verb: 'get', resource: CORE.ConfigMap, namespace: 'x', name: 'a' })).toBe(true);
    expect(policy.allows({ verb: 'delete', resource: CORE.Pod, namespace: 'team-a', name: 'p' })).toBe(true);
    expect(policy.allows({ verb: 'delete', resource: CORE.Pod, namespace: 'team-b', name: 'p' })).toBe(false);
    // A RoleBinding never grants cluster-scoped resources, whatever its Role says.
    expect(policy.allows({ verb: 'get', resource: CORE.CustomResourceDefinition, name: 'x' })).toBe(false);
  });

  it('matches subresources and resource names exactly', () => {
    const crd = CORE.CustomResourceDefinition;
    expect(policy.allows({ verb: 'patch', resource: crd, subresource: 'status', name: 'x' })).toBe(true);
    expect(policy.allows({ verb: 'patch', resource: crd, name: 'x' })).toBe(false);
    const lease = { verb: 'update', resource: CORE.Lease, namespace: 'team-a' };
    expect(policy.allows({ ...lease, name: 'mine' })).toBe(true);
    expect(policy.allows({ ...lease, name: 'theirs' })).toBe(false);
  });

  it('fails like the API server', () => {
    expect(
      policy.forbidden({ verb: 'delete', resource: CORE.Pod, namespace: 'team-b', name: 'p' }).message,
    ).toBe(
      'pods "p" is forbidden: User "system:serviceaccount:system:op" cannot delete resource "pods" in API group "" in the namespace "team-b"',
    );
    const err = policy.forbidden({ verb: 'list', resource: CORE.CustomResourceDefinition });
    expect(err.code).toBe(403);
    expect(err.message).toBe(
      'customresourcedefinitions.apiextensions.k8s.io is forbidden: User "system:serviceaccount:system:op" cannot list resource "customresourcedefinitions" in API group "apiextensions.k8s.io" at the cluster scope',
    );
  });
});
