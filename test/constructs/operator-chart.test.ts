import { App } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { MANAGER_RULES, OperatorChart, OperatorCrdsChart } from '../../constructs/operator-chart.ts';
import { renderChart } from '../../constructs/render.ts';
import { KINDS } from '../../lib/api/kinds.ts';
import type { KubeObject } from '../../lib/api/meta.ts';
import { expectValidK8s, find, type Json, kindsAndNames, yaml } from './helpers.ts';

const render = (props: ConstructorParameters<typeof OperatorChart>[2] = {}) =>
  renderChart((app) => new OperatorChart(app, 'operator', props));

describe('OperatorChart', () => {
  const objects = render();

  it('matches the snapshot (cluster scope)', async () => {
    await expect(yaml(objects)).toMatchFileSnapshot('__snapshots__/operator-cluster.yaml');
  });

  it('renders the install bundle in cluster scope', () => {
    expect(kindsAndNames(objects)).toEqual([
      'Namespace/toolhive-system',
      'ServiceAccount/toolhive-operator',
      'ClusterRole/toolhive-operator-manager-role',
      'ClusterRoleBinding/toolhive-operator-manager-rolebinding',
      'Role/toolhive-operator-leader-election-role',
      'RoleBinding/toolhive-operator-leader-election-rolebinding',
      'Deployment/toolhive-operator',
      'Service/toolhive-operator-metrics',
    ]);
    expectValidK8s(objects);
    expect(find(objects, 'ClusterRole', 'toolhive-operator-manager-role').rules).toEqual(MANAGER_RULES);
    expect(find(objects, 'ClusterRoleBinding', 'toolhive-operator-manager-rolebinding').subjects).toEqual([
      { kind: 'ServiceAccount', name: 'toolhive-operator', namespace: 'toolhive-system' },
    ]);
  });

  it('runs the operator with its env, probes and selector', () => {
    const d = find(objects, 'Deployment', 'toolhive-operator');
    expect(d.spec.selector.matchLabels).toEqual({
      'app.kubernetes.io/name': 'toolhive-operator',
      'app.kubernetes.io/instance': 'toolhive-operator',
      'app.kubernetes.io/part-of': 'toolhive-operator',
    });
    const c = d.spec.template.spec.containers[0];
    expect(c.args).toEqual(['operator', '--leader-elect']);
    const env = Object.fromEntries(c.env.map((e: Json) => [e.name, e]));
    expect(env.POD_NAMESPACE.valueFrom.fieldRef.fieldPath).toBe('metadata.namespace');
    expect(env.WATCH_NAMESPACE).toBeUndefined();
    expect(env.TOOLHIVE_RUNNER_IMAGE.value).toBe(c.image);
    expect(env.TOOLHIVE_ENABLE_STORAGE_VERSION_MIGRATOR.value).toBe('true');
    expect(c.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'health' });
  });

  it('in namespace scope binds a Role per allowed namespace and sets WATCH_NAMESPACE', () => {
    const ns = render({
      scope: 'namespace',
      namespaces: ['team-a', 'team-b'],
      images: {
        operator: 'registry.example.com/toolhive-ts:dev',
        proxyRunner: 'registry.example.com/runner:dev',
      },
      replicas: 2,
    });
    expectValidK8s(ns);
    expect(kindsAndNames(ns).filter((n) => n.startsWith('Cluster'))).toEqual([]);
    const roles = ns.filter((o) => o.kind === 'Role' && o.metadata.name === 'toolhive-operator-manager-role');
    expect(roles.map((r) => r.metadata.namespace)).toEqual(['team-a', 'team-b']);
    const d = find(ns, 'Deployment', 'toolhive-operator');
    const env = Object.fromEntries(
      d.spec.template.spec.containers[0].env.map((e: Json) => [e.name, e.value]),
    );
    expect(env.WATCH_NAMESPACE).toBe('team-a,team-b');
    expect(env.TOOLHIVE_ENABLE_STORAGE_VERSION_MIGRATOR).toBe('false');
    expect(env.TOOLHIVE_RUNNER_IMAGE).toBe('registry.example.com/runner:dev');
    expect(d.spec.template.spec.containers[0].image).toBe('registry.example.com/toolhive-ts:dev');
    expect(d.spec.replicas).toBe(2);
    expect(() => render({ scope: 'namespace' })).toThrow('namespace scope needs at least one namespace');
  });

  it('renders the CRDs separately, one per kind', () => {
    const app = new App({ outdir: 'unused' });
    const crds = new OperatorCrdsChart(app, 'crds').toJson() as KubeObject[];
    expect(crds.map((c) => c.metadata.name).sort()).toEqual(
      KINDS.map((k) => `${k.plural}.toolhive.stacklok.dev`).sort(),
    );
    expectValidK8s(crds);
    expect(render().some((o) => o.kind === 'CustomResourceDefinition')).toBe(false);
  });
});
