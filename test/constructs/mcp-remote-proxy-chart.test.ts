import { describe, expect, it } from 'vitest';
import { McpRemoteProxyChart } from '../../constructs/mcp-remote-proxy-chart.ts';
import { renderChart, renderMcpRemoteProxy } from '../../constructs/render.ts';
import type { MCPRemoteProxyResource } from '../../lib/workload/kinds.ts';
import { apiVersion, expectValidK8s, find, type Json, kindsAndNames, yaml } from './helpers.ts';

const linear: MCPRemoteProxyResource = {
  apiVersion,
  kind: 'MCPRemoteProxy',
  metadata: { name: 'linear', namespace: 'platform-tools' },
  spec: {
    remoteUrl: 'https://mcp.linear.example.com/mcp',
    proxyPort: 8080,
    headerForward: {
      addPlaintextHeaders: { 'X-Tenant': 'platform' },
      addHeadersFromSecret: [{ headerName: 'X-Api-Key', valueSecretRef: { name: 'linear-key', key: 'key' } }],
    },
    podTemplateSpec: {
      spec: { containers: [{ name: 'toolhive', resources: { limits: { memory: '1Gi' } } }] },
    },
  },
};

describe('McpRemoteProxyChart', () => {
  const objects = renderMcpRemoteProxy({ proxy: linear });

  it('matches the snapshot', async () => {
    await expect(yaml(objects)).toMatchFileSnapshot('__snapshots__/mcp-remote-proxy.yaml');
  });

  it("renders ToolHive's objects and names", () => {
    expect(kindsAndNames(objects)).toEqual([
      'ServiceAccount/linear-remote-proxy-runner',
      'Role/linear-remote-proxy-runner',
      'RoleBinding/linear-remote-proxy-runner',
      'ConfigMap/linear-runconfig',
      'Deployment/linear',
      'Service/mcp-linear-remote-proxy',
    ]);
    expectValidK8s(objects);
  });

  it('labels and selects with the remote-proxy labels; readiness waits 15s', () => {
    const d = find(objects, 'Deployment', 'linear');
    const labels = {
      app: 'mcpremoteproxy',
      'app.kubernetes.io/name': 'mcpremoteproxy',
      'app.kubernetes.io/instance': 'linear',
      toolhive: 'true',
      'toolhive-name': 'linear',
    };
    expect(d.spec.selector.matchLabels).toEqual(labels);
    expect(find(objects, 'Service', 'mcp-linear-remote-proxy').spec.selector).toEqual(labels);
    const c = d.spec.template.spec.containers[0];
    expect(c.readinessProbe.initialDelaySeconds).toBe(15);
    expect(c.args).toEqual(['proxyrunner', 'run']);
    expect(d.spec.template.spec.terminationGracePeriodSeconds).toBeUndefined();
  });

  it('applies the user pod template as a strategic merge patch and records its hash', () => {
    const d = find(objects, 'Deployment', 'linear');
    const c = d.spec.template.spec.containers[0];
    expect(c.resources).toEqual({ limits: { memory: '1Gi' } });
    expect(c.image).toMatch(/toolhive-ts/);
    expect(d.metadata.annotations['toolhive.stacklok.io/podtemplatespec-hash']).toMatch(/^[0-9a-f]{64}$/);
  });

  it('forwards secret headers through secretKeyRef env, never through the RunConfig', () => {
    const rc = JSON.parse(find(objects, 'ConfigMap', 'linear-runconfig').data['runconfig.json']);
    expect(rc).toMatchObject({
      remote_url: 'https://mcp.linear.example.com/mcp',
      transport: 'streamable-http',
      port: 8080,
    });
    expect(rc.header_forward).toEqual({
      add_plaintext_headers: { 'X-Tenant': 'platform' },
      add_headers_from_secret: { 'X-Api-Key': 'HEADER_FORWARD_X_API_KEY_LINEAR' },
    });
    const env = find(objects, 'Deployment', 'linear').spec.template.spec.containers[0].env;
    expect(
      env.find((e: Json) => e.name === 'TOOLHIVE_SECRET_HEADER_FORWARD_X_API_KEY_LINEAR').valueFrom,
    ).toEqual({
      secretKeyRef: { name: 'linear-key', key: 'key' },
    });
    expect(env.find((e: Json) => e.name === 'TOOLHIVE_SECRETS_PROVIDER').value).toBe('environment');
  });

  it('skips RBAC when a ServiceAccount is given, and fails synth with the construct path on bad input', () => {
    const withSa = renderMcpRemoteProxy({
      proxy: {
        ...linear,
        spec: { ...linear.spec, remoteUrl: linear.spec?.remoteUrl ?? '', serviceAccount: 'mine' },
      },
    });
    expect(kindsAndNames(withSa)).not.toContain('Role/linear-remote-proxy-runner');
    expect(find(withSa, 'Deployment', 'linear').spec.template.spec.serviceAccountName).toBe('mine');
    expect(() =>
      renderChart(
        (app) => new McpRemoteProxyChart(app, 'bad', { proxy: { ...linear, spec: undefined } as Json }),
      ),
    ).toThrow('bad: invalid MCPRemoteProxy "linear": spec: Required value');
  });
});
