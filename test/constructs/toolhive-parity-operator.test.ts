/**
 * Parity of OperatorChart with ToolHive's `toolhive-operator` Helm chart (deploy/charts/operator:
 * values.yaml, templates/*, the helm-unittest suite) and the chainsaw setup asserts
 * (test/e2e/chainsaw/operator/{single,multi}-tenancy/setup).
 */
import { describe, expect, it } from 'vitest';
import { OperatorChart } from '../../constructs/operator-chart.ts';
import { renderChart } from '../../constructs/render.ts';
import { find, type Json } from './helpers.ts';
import { OPERATOR_LEADER_ELECTION_RULES, OPERATOR_MANAGER_ROLE_RULES } from './toolhive-expected.ts';

const render = (props: ConstructorParameters<typeof OperatorChart>[2] = {}) =>
  renderChart((app) => new OperatorChart(app, 'operator', props));
const SUBJECT = { kind: 'ServiceAccount', name: 'toolhive-operator', namespace: 'toolhive-system' };
const SELECTOR = {
  'app.kubernetes.io/name': 'toolhive-operator',
  'app.kubernetes.io/instance': 'toolhive-operator',
  'app.kubernetes.io/part-of': 'toolhive-operator',
};

describe('OperatorChart, cluster scope (chainsaw single-tenancy/setup)', () => {
  const objects = render();

  it('renders ClusterRole toolhive-operator-manager-role with exactly ToolHive’s rules and no labels', () => {
    const role = find(objects, 'ClusterRole', 'toolhive-operator-manager-role');
    expect(role.rules).toEqual(OPERATOR_MANAGER_ROLE_RULES);
    expect(role.metadata.labels).toBeUndefined();
  });

  it('binds it with ClusterRoleBinding toolhive-operator-manager-rolebinding (toolhive.labels)', () => {
    const b = find(objects, 'ClusterRoleBinding', 'toolhive-operator-manager-rolebinding');
    expect(b.metadata.labels).toEqual({ app: 'toolhive', 'app.kubernetes.io/name': 'toolhive' });
    expect(b.roleRef).toEqual({
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      name: 'toolhive-operator-manager-role',
    });
    expect(b.subjects).toEqual([SUBJECT]);
  });

  it('creates ServiceAccount toolhive-operator with the chart’s labels and automount', () => {
    const sa = find(objects, 'ServiceAccount', 'toolhive-operator');
    expect(sa.metadata.namespace).toBe('toolhive-system');
    expect(sa.metadata.labels).toEqual({
      'app.kubernetes.io/name': 'toolhive-operator',
      'app.kubernetes.io/part-of': 'toolhive-operator',
    });
    expect(sa.automountServiceAccountToken).toBe(true);
  });

  it('renders the leader-election Role and RoleBinding of values.yaml', () => {
    const role = find(objects, 'Role', 'toolhive-operator-leader-election-role');
    expect(role.metadata.namespace).toBe('toolhive-system');
    expect(role.rules).toEqual(OPERATOR_LEADER_ELECTION_RULES);
    const b = find(objects, 'RoleBinding', 'toolhive-operator-leader-election-rolebinding');
    expect(b.roleRef).toEqual({
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'Role',
      name: 'toolhive-operator-leader-election-role',
    });
    expect(b.subjects).toEqual([SUBJECT]);
  });

  it('runs Deployment toolhive-operator as the chart does (default_install, probes, security_context, selector_labels tests)', () => {
    const d = find(objects, 'Deployment', 'toolhive-operator');
    expect(d.metadata.namespace).toBe('toolhive-system');
    expect(d.spec.replicas).toBe(1);
    expect(d.spec.selector).toEqual({ matchLabels: SELECTOR });
    // selector_labels_test: the selector is a subset of the pod labels.
    expect(d.spec.template.metadata.labels).toMatchObject(SELECTOR);
    const pod = d.spec.template.spec;
    expect(pod.serviceAccountName).toBe('toolhive-operator');
    expect(pod.terminationGracePeriodSeconds).toBe(10);
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    const [c] = pod.containers;
    expect(c.name).toBe('manager');
    expect(c.imagePullPolicy).toBe('IfNotPresent');
    expect(c.args).toContain('--leader-elect');
    expect(c.ports).toEqual([
      { containerPort: 8080, name: 'metrics', protocol: 'TCP' },
      { containerPort: 8081, name: 'health', protocol: 'TCP' },
    ]);
    expect(c.livenessProbe).toEqual({
      httpGet: { path: '/healthz', port: 'health' },
      initialDelaySeconds: 15,
      periodSeconds: 20,
    });
    expect(c.readinessProbe).toEqual({
      httpGet: { path: '/readyz', port: 'health' },
      initialDelaySeconds: 5,
      periodSeconds: 10,
    });
    expect(c.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      runAsUser: 1000,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    const env = Object.fromEntries(c.env.map((e: Json) => [e.name, e.value ?? e.valueFrom]));
    expect(env).toMatchObject({
      UNSTRUCTURED_LOGS: 'false',
      POD_NAMESPACE: { fieldRef: { fieldPath: 'metadata.namespace' } },
      TOOLHIVE_ENABLE_STORAGE_VERSION_MIGRATOR: 'true',
      TOOLHIVE_PROXY_HOST: '0.0.0.0',
    });
    for (const name of ['TOOLHIVE_RUNNER_IMAGE', 'VMCP_IMAGE', 'TOOLHIVE_REGISTRY_API_IMAGE'])
      expect(env[name]).toEqual(expect.any(String));
    // default_install_test: no WATCH_NAMESPACE and no default pull secrets by default.
    expect(env.WATCH_NAMESPACE).toBeUndefined();
    expect(env.TOOLHIVE_DEFAULT_IMAGE_PULL_SECRETS).toBeUndefined();
  });

  it('passes default pull secrets and Redis as the chart does (default_image_pull_secrets, default_redis tests)', () => {
    const d = find(
      render({
        defaultImagePullSecrets: ['regcred', 'otherscred'],
        defaultRedis: { address: 'redis:6379', secretName: 'redis' },
        env: [
          { name: 'TOOLHIVE_PROXY_HOST', value: 'user' },
          { name: 'EXTRA', value: '1' },
        ],
      }),
      'Deployment',
      'toolhive-operator',
    );
    const env = d.spec.template.spec.containers[0].env as Json[];
    const byName = Object.fromEntries(env.map((e) => [e.name, e.value]));
    expect(byName.TOOLHIVE_DEFAULT_IMAGE_PULL_SECRETS).toBe('regcred,otherscred');
    expect(byName.TOOLHIVE_DEFAULT_REDIS_ADDR).toBe('redis:6379');
    expect(byName.TOOLHIVE_DEFAULT_REDIS_SECRET_NAME).toBe('redis');
    expect(byName.TOOLHIVE_DEFAULT_REDIS_SECRET_KEY).toBe('redis-password');
    // env_precedence_test: user env first; the chart's own variables win on a collision.
    expect(env[0]).toEqual({ name: 'EXTRA', value: '1' });
    expect(byName.TOOLHIVE_PROXY_HOST).toBe('0.0.0.0');
  });
});

describe('OperatorChart, namespace scope (chainsaw multi-tenancy/setup, namespace_scope_test)', () => {
  const objects = render({ scope: 'namespace', namespaces: ['toolhive-system', 'team-a'] });

  it('sets WATCH_NAMESPACE to the allow list and turns the storage-version migrator off', () => {
    const env = Object.fromEntries(
      find(objects, 'Deployment', 'toolhive-operator').spec.template.spec.containers[0].env.map((e: Json) => [
        e.name,
        e.value,
      ]),
    );
    expect(env.WATCH_NAMESPACE).toBe('toolhive-system,team-a');
    expect(env.TOOLHIVE_ENABLE_STORAGE_VERSION_MIGRATOR).toBe('false');
  });

  it('binds toolhive-operator-manager-rolebinding in every allowed namespace to the operator SA', () => {
    const bindings = objects.filter(
      (o) => o.kind === 'RoleBinding' && o.metadata.name === 'toolhive-operator-manager-rolebinding',
    ) as Json[];
    expect(bindings.map((b) => b.metadata.namespace)).toEqual(['toolhive-system', 'team-a']);
    for (const b of bindings) {
      expect(b.subjects).toEqual([SUBJECT]);
      expect(b.metadata.labels).toEqual({ app: 'toolhive', 'app.kubernetes.io/name': 'toolhive' });
    }
  });

  it('binds a namespaced Role with the manager rules instead of the ClusterRole (documented)', () => {
    // ToolHive still installs the ClusterRole and binds it per namespace (roleRef kind
    // ClusterRole); ours holds no cluster-wide rights in namespace scope. The Role has the
    // ClusterRole's rules minus those on cluster-scoped CRDs.
    expect(objects.some((o) => o.kind === 'ClusterRole' || o.kind === 'ClusterRoleBinding')).toBe(false);
    for (const ns of ['toolhive-system', 'team-a']) {
      const role = objects.find(
        (o) =>
          o.kind === 'Role' &&
          o.metadata.name === 'toolhive-operator-manager-role' &&
          o.metadata.namespace === ns,
      ) as Json;
      expect(role.rules).toEqual(
        OPERATOR_MANAGER_ROLE_RULES.filter((r) => !r.apiGroups.includes('apiextensions.k8s.io')),
      );
      const b = objects.find(
        (o) =>
          o.kind === 'RoleBinding' &&
          o.metadata.name === 'toolhive-operator-manager-rolebinding' &&
          o.metadata.namespace === ns,
      ) as Json;
      expect(b.roleRef).toEqual({
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'Role',
        name: 'toolhive-operator-manager-role',
      });
    }
  });

  it('refuses the storage-version migrator outside cluster scope (validate-features.yaml)', () => {
    expect(() => render({ scope: 'namespace', namespaces: ['a'], storageVersionMigrator: true })).toThrow(
      /storageVersionMigrator requires scope "cluster"/,
    );
  });
});
