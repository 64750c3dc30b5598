import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderVirtualMcpServer } from '../../constructs/render.ts';
import { FLEET, platformToolsVmcp } from '../../examples/fleet/fleet.ts';
import { expectValidK8s, find, type Json, kindsAndNames, yaml } from './helpers.ts';

describe('VirtualMcpChart', () => {
  const objects = renderVirtualMcpServer({ server: platformToolsVmcp, references: [...FLEET] });

  it('matches the snapshot', async () => {
    await expect(yaml(objects)).toMatchFileSnapshot('__snapshots__/virtual-mcp.yaml');
  });

  it("renders ToolHive's objects, names and port", () => {
    expect(kindsAndNames(objects)).toEqual([
      'ServiceAccount/platform-tools-vmcp-vmcp',
      'Role/platform-tools-vmcp-vmcp',
      'RoleBinding/platform-tools-vmcp-vmcp',
      'ConfigMap/platform-tools-vmcp-vmcp-config',
      'Deployment/platform-tools-vmcp',
      'Service/vmcp-platform-tools-vmcp',
    ]);
    expectValidK8s(objects);
    expect(find(objects, 'Service', 'vmcp-platform-tools-vmcp').spec.ports).toEqual([
      { name: 'http', port: 4483, targetPort: 4483, protocol: 'TCP' },
    ]);
  });

  it('runs vmcp serve with the config mounted, HMAC and OIDC secrets from secretKeyRefs', () => {
    const pod = find(objects, 'Deployment', 'platform-tools-vmcp').spec.template.spec;
    const c = pod.containers[0];
    expect(c.name).toBe('vmcp');
    expect(c.args).toEqual([
      'vmcp',
      'serve',
      '--config=/etc/vmcp-config/config.yaml',
      '--host=0.0.0.0',
      '--port=4483',
    ]);
    expect(c.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
    expect(c.startupProbe).toBeUndefined();
    const env = Object.fromEntries(c.env.map((e: Json) => [e.name, e]));
    expect(env.VMCP_SESSION_HMAC_SECRET.valueFrom.secretKeyRef).toEqual({
      name: 'platform-tools-vmcp-hmac-secret',
      key: 'hmac-secret',
    });
    expect(env.VMCP_OIDC_CLIENT_SECRET.valueFrom.secretKeyRef).toEqual({
      name: 'corporate-idp-client',
      key: 'client-secret',
    });
    expect(env.VMCP_NAMESPACE.value).toBe('platform-tools');
  });

  it("writes ToolHive's vMCP config with the group, OIDC and aggregation defaults", () => {
    const cm = find(objects, 'ConfigMap', 'platform-tools-vmcp-vmcp-config');
    const config = parse(cm.data['config.yaml']);
    expect(config).toMatchObject({
      name: 'platform-tools-vmcp',
      groupRef: 'platform-tools',
      incomingAuth: {
        type: 'oidc',
        oidc: {
          issuer: 'https://idp.example.com/realms/platform',
          audience: 'platform-tools',
          clientSecretEnv: 'VMCP_OIDC_CLIENT_SECRET',
        },
      },
      outgoingAuth: { source: 'inline' },
      aggregation: {
        conflictResolution: 'prefix',
        conflictResolutionConfig: { prefixFormat: '{workload}_' },
      },
      operational: { timeouts: { default: '30s' } },
    });
    // Inline outgoing auth: the members are in the config, so the fleet needs no discovery.
    expect(config.backends.map((b: { name: string; url: string }) => `${b.name} ${b.url}`)).toEqual([
      'fetch http://mcp-fetch-proxy.platform-tools.svc.cluster.local:8080/mcp',
      'github http://mcp-github-proxy.platform-tools.svc.cluster.local:8080/mcp',
      'grafana http://mcp-grafana-proxy.platform-tools.svc.cluster.local:8080/mcp',
      'linear http://mcp-linear-remote-proxy.platform-tools.svc.cluster.local:8080',
    ]);
    expect(cm.data['config.yaml']).not.toMatch(/client-secret|secretKeyRef/);
    expect(
      find(objects, 'Deployment', 'platform-tools-vmcp').spec.template.metadata.annotations[
        'toolhive.stacklok.dev/runconfig-checksum'
      ],
    ).toBe(cm.metadata.annotations['toolhive.stacklok.dev/content-checksum']);
  });

  it('reports a missing group with its field path', () => {
    expect(() =>
      renderVirtualMcpServer({
        server: platformToolsVmcp,
        references: FLEET.filter((o) => o.kind !== 'MCPGroup'),
      }),
    ).toThrow('spec.groupRef.name: MCPGroup "platform-tools" not found');
  });
});
