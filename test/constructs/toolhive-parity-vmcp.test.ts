/**
 * Parity with ToolHive for VirtualMCPServer: cmd/thv-operator/controllers/virtualmcpserver_deployment.go,
 * virtualmcpserver_vmcpconfig.go, virtualmcpserver_controller.go and pkg/vmcpconfig/converter.go.
 */
import { createHash } from 'node:crypto';
import { App } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderVirtualMcpServer } from '../../constructs/render.ts';
import { VirtualMcpChart } from '../../constructs/virtual-mcp-chart.ts';
import type { KubeObject } from '../../lib/api/meta.ts';
import type { VirtualMCPServerResource } from '../../lib/workload/kinds.ts';
import { apiVersion, find, type Json, kindsAndNames } from './helpers.ts';
import {
  CONTAINER_SECURITY_CONTEXT,
  labelsForVirtualMCPServer,
  labelsForVmcpConfig,
  POD_SECURITY_CONTEXT,
  REQUIRED_PROXY_ENV,
  roleBinding,
  VMCP_DISCOVERED_RBAC_RULES,
  VMCP_INLINE_RBAC_RULES,
  VMCP_PROBES,
} from './toolhive-expected.ts';

const NS = 'platform-tools';
const obj = (kind: string, name: string, spec: unknown) =>
  ({ apiVersion, kind, metadata: { name, namespace: NS }, spec }) as never;

function vmcp(
  name: string,
  spec: Partial<NonNullable<VirtualMCPServerResource['spec']>>,
): VirtualMCPServerResource {
  return {
    apiVersion,
    kind: 'VirtualMCPServer',
    metadata: { name, namespace: NS },
    spec: { groupRef: { name: 'tools' }, incomingAuth: { type: 'anonymous' }, ...spec } as NonNullable<
      VirtualMCPServerResource['spec']
    >,
  };
}

const group = obj('MCPGroup', 'tools', {});
function render(v: VirtualMCPServerResource, references: unknown[] = [], opts: Json = {}): KubeObject[] {
  return renderVirtualMcpServer({ server: v, references: [group, ...references] as never, ...opts });
}
const container = (objects: KubeObject[], name: string): Json =>
  find(objects, 'Deployment', name).spec.template.spec.containers[0];
const envOf = (c: Json): Record<string, Json> =>
  Object.fromEntries((c.env ?? []).map((e: Json) => [e.name, e.value ?? e.valueFrom]));
const configOf = (objects: KubeObject[], name: string): Json =>
  parse(find(objects, 'ConfigMap', `${name}-vmcp-config`).data['config.yaml']);

describe('VirtualMCPServer defaults', () => {
  const objects = render(vmcp('gw', {}));
  const labels = labelsForVirtualMCPServer('gw');

  it('creates RBAC `<name>-vmcp`, ConfigMap `<name>-vmcp-config`, Deployment `<name>`, Service `vmcp-<name>`', () => {
    // Deliberate: no Secret `<name>-hmac-secret` (random bytes; the operator creates it).
    expect(kindsAndNames(objects)).toEqual([
      'ServiceAccount/gw-vmcp',
      'Role/gw-vmcp',
      'RoleBinding/gw-vmcp',
      'ConfigMap/gw-vmcp-config',
      'Deployment/gw',
      'Service/vmcp-gw',
    ]);
    // outgoingAuth.source defaults to discovered.
    expect(find(objects, 'Role', 'gw-vmcp').rules).toEqual(VMCP_DISCOVERED_RBAC_RULES);
    const rb = find(objects, 'RoleBinding', 'gw-vmcp');
    expect({ roleRef: rb.roleRef, subjects: rb.subjects }).toEqual(roleBinding('gw-vmcp', NS));
  });

  it('labels the config ConfigMap and checksums it onto the pod template (runconfig-checksum key)', () => {
    const cm = find(objects, 'ConfigMap', 'gw-vmcp-config');
    expect(cm.metadata.labels).toEqual(labelsForVmcpConfig('gw'));
    const sum = cm.metadata.annotations['toolhive.stacklok.dev/content-checksum'];
    expect(sum).toMatch(/^[0-9a-f]{64}$/);
    const tpl = find(objects, 'Deployment', 'gw').spec.template;
    expect(tpl.metadata.annotations).toEqual({ 'toolhive.stacklok.dev/runconfig-checksum': sum });
  });

  it('builds the Deployment as deploymentForVirtualMCPServer does', () => {
    const d = find(objects, 'Deployment', 'gw');
    expect(d.metadata.labels).toEqual(labels);
    expect(d.metadata.annotations).toBeUndefined();
    expect(d.spec.replicas).toBeUndefined();
    expect(d.spec.selector).toEqual({ matchLabels: labels });
    expect(d.spec.template.metadata.labels).toEqual(labels);
    const pod = d.spec.template.spec;
    expect(pod.terminationGracePeriodSeconds).toBe(30);
    expect(pod.serviceAccountName).toBe('gw-vmcp');
    expect(pod.securityContext).toEqual(POD_SECURITY_CONTEXT);
    const c = pod.containers[0];
    expect(c.name).toBe('vmcp');
    expect(c.imagePullPolicy).toBe('IfNotPresent');
    // ToolHive: ["serve", "--config=…", "--host=0.0.0.0", "--port=4483"]; the one
    // toolhive-ts image takes the `vmcp` subcommand first (documented).
    expect(c.args).toEqual([
      'vmcp',
      'serve',
      '--config=/etc/vmcp-config/config.yaml',
      '--host=0.0.0.0',
      '--port=4483',
    ]);
    expect(c.ports).toEqual([{ containerPort: 4483, name: 'http', protocol: 'TCP' }]);
    expect(c.livenessProbe).toEqual(VMCP_PROBES.livenessProbe);
    expect(c.readinessProbe).toEqual(VMCP_PROBES.readinessProbe);
    expect(c.startupProbe).toBeUndefined();
    expect(c.resources).toEqual({
      requests: { cpu: '100m', memory: '128Mi' },
      limits: { cpu: '500m', memory: '512Mi' },
    });
    expect(c.securityContext).toEqual(CONTAINER_SECURITY_CONTEXT);
    expect(c.volumeMounts).toEqual([{ name: 'vmcp-config', mountPath: '/etc/vmcp-config', readOnly: true }]);
    expect(pod.volumes).toEqual([{ name: 'vmcp-config', configMap: { name: 'gw-vmcp-config' } }]);
  });

  it('sets VMCP_NAME, VMCP_NAMESPACE, the HMAC secret and the required env', () => {
    const env = envOf(container(objects, 'gw'));
    expect(env.VMCP_NAME).toBe('gw');
    expect(env.VMCP_NAMESPACE).toBe(NS);
    expect(env.VMCP_SESSION_HMAC_SECRET).toEqual({
      secretKeyRef: { name: 'gw-hmac-secret', key: 'hmac-secret' },
    });
    for (const e of REQUIRED_PROXY_ENV) expect(env[e.name]).toBe(e.value);
    expect(Object.keys(env).sort()).toEqual(
      [
        'VMCP_NAME',
        'VMCP_NAMESPACE',
        'VMCP_SESSION_HMAC_SECRET',
        ...REQUIRED_PROXY_ENV.map((e) => e.name),
      ].sort(),
    );
  });

  it('writes the Service `vmcp-<name>` on port 4483', () => {
    const svc = find(objects, 'Service', 'vmcp-gw');
    expect(svc.metadata.labels).toEqual(labels);
    expect(svc.spec).toEqual({
      type: 'ClusterIP',
      selector: labels,
      sessionAffinity: 'ClientIP',
      ports: [{ name: 'http', port: 4483, targetPort: 4483, protocol: 'TCP' }],
    });
  });

  it('reports status.url http://vmcp-<name>.<ns>.svc.cluster.local:4483 (createVmcpServiceURL)', () => {
    const chart = new VirtualMcpChart(new App({ outdir: 'unused' }), 'c', {
      server: vmcp('gw', {}),
      references: [group],
    });
    expect(chart.url).toBe(`http://vmcp-gw.${NS}.svc.cluster.local:4483`);
  });

  it('writes config.yaml with the converter’s keys and defaults', () => {
    const cfg = configOf(objects, 'gw');
    expect(cfg).toMatchObject({
      name: 'gw',
      groupRef: 'tools',
      incomingAuth: { type: 'anonymous' },
      outgoingAuth: { source: 'discovered' },
      aggregation: {
        conflictResolution: 'prefix',
        conflictResolutionConfig: { prefixFormat: '{workload}_' },
      },
      operational: {
        timeouts: { default: '30s' },
        failureHandling: {
          healthCheckInterval: '30s',
          unhealthyThreshold: 3,
          statusReportingInterval: '30s',
          partialFailureMode: 'fail',
          circuitBreaker: { enabled: false, failureThreshold: 5 },
        },
      },
    });
  });
});

describe('VirtualMCPServer options', () => {
  it('uses the inline Role for outgoingAuth.source inline, and no RBAC with spec.serviceAccount', () => {
    const member = obj('MCPServer', 'fetch', { image: 'fetch', groupRef: { name: 'tools' } });
    const inline = render(vmcp('i', { outgoingAuth: { source: 'inline' } }), [member]);
    expect(find(inline, 'Role', 'i-vmcp').rules).toEqual(VMCP_INLINE_RBAC_RULES);
    const own = render(vmcp('o', { serviceAccount: 'mine' }));
    expect(kindsAndNames(own).some((n) => n.endsWith('o-vmcp'))).toBe(false);
    expect(find(own, 'Deployment', 'o').spec.template.spec.serviceAccountName).toBe('mine');
  });

  it('sets serviceType, sessionAffinity, replicas and --debug', () => {
    const objects = render(
      vmcp('s', {
        serviceType: 'LoadBalancer',
        sessionAffinity: 'None',
        replicas: 2,
        config: { operational: { logLevel: 'debug' } } as never,
      }),
    );
    const svc = find(objects, 'Service', 'vmcp-s');
    expect(svc.spec.type).toBe('LoadBalancer');
    expect(svc.spec.sessionAffinity).toBe('None');
    expect(find(objects, 'Deployment', 's').spec.replicas).toBe(2);
    expect(container(objects, 's').args.at(-1)).toBe('--debug');
  });

  it('hashes podTemplateSpec and the merged pull secrets as ToolHive does (sorted, Go JSON)', () => {
    const objects = render(
      vmcp('h', {
        imagePullSecrets: [{ name: 'zeta' }],
        podTemplateSpec: { spec: { nodeSelector: { pool: 'mcp' } } },
      }),
      [],
      { defaultImagePullSecrets: ['alpha'] },
    );
    const d = find(objects, 'Deployment', 'h');
    const sha = (s: string) => createHash('sha256').update(s).digest('hex');
    expect(d.metadata.annotations).toEqual({
      'toolhive.stacklok.io/podtemplatespec-hash': sha('{"spec":{"nodeSelector":{"pool":"mcp"}}}'),
      // imagePullSecretsHash: json.Marshal of the list sorted by name.
      'toolhive.stacklok.io/imagepullsecrets-hash': sha('[{"name":"alpha"},{"name":"zeta"}]'),
    });
    // CR entries first, then the defaults (imagepullsecrets.Defaults.Merge).
    expect(d.spec.template.spec.imagePullSecrets).toEqual([{ name: 'zeta' }, { name: 'alpha' }]);
    expect(d.spec.template.spec.nodeSelector).toEqual({ pool: 'mcp' });
    expect(find(objects, 'ServiceAccount', 'h-vmcp').imagePullSecrets).toEqual([
      { name: 'zeta' },
      { name: 'alpha' },
    ]);
  });

  it('passes the OIDC client secret as VMCP_OIDC_CLIENT_SECRET and mounts its CA bundle', () => {
    const objects = render(
      vmcp('a', { incomingAuth: { type: 'oidc', oidcConfigRef: { name: 'idp', audience: 'vmcp' } } }),
      [
        obj('MCPOIDCConfig', 'idp', {
          type: 'inline',
          inline: {
            issuer: 'https://idp.example.com',
            clientId: 'vmcp',
            clientSecretRef: { name: 'idp-secret', key: 'cs' },
            caBundleRef: { configMapRef: { name: 'idp-ca' } },
          },
        }),
      ],
    );
    const c = container(objects, 'a');
    expect(envOf(c).VMCP_OIDC_CLIENT_SECRET).toEqual({ secretKeyRef: { name: 'idp-secret', key: 'cs' } });
    expect(c.volumeMounts).toContainEqual({
      name: 'oidc-ca-bundle-idp-ca',
      mountPath: '/config/certs/idp-ca',
      readOnly: true,
    });
    const cfg = configOf(objects, 'a');
    expect(cfg.incomingAuth).toMatchObject({
      type: 'oidc',
      oidc: {
        issuer: 'https://idp.example.com',
        clientId: 'vmcp',
        clientSecretEnv: 'VMCP_OIDC_CLIENT_SECRET',
        audience: 'vmcp',
      },
    });
  });

  it('passes telemetry env and the Redis password; an explicit sessionStorage keeps the cluster default’s password out', () => {
    const objects = render(
      vmcp('t', {
        telemetryConfigRef: { name: 'otel' },
        sessionStorage: { provider: 'redis', address: 'r:6379', passwordRef: { name: 'redis', key: 'pw' } },
      }),
      [obj('MCPTelemetryConfig', 'otel', { openTelemetry: { enabled: true, endpoint: 'otel:4318' } })],
      { defaultRedis: { address: 'shared:6379', secretName: 'shared' } },
    );
    const env = envOf(container(objects, 't'));
    expect(env.OTEL_RESOURCE_ATTRIBUTES).toBe(`service.name=t,service.namespace=${NS}`);
    expect(env.THV_SESSION_REDIS_PASSWORD).toEqual({ secretKeyRef: { name: 'redis', key: 'pw' } });
    expect(configOf(objects, 't').sessionStorage).toEqual({ provider: 'redis', address: 'r:6379' });
  });
});

describe('VirtualMCPServer group members', () => {
  const members = [
    obj('MCPServer', 'fetch', {
      image: 'fetch',
      transport: 'streamable-http',
      groupRef: { name: 'tools' },
      externalAuthConfigRef: { name: 'te-auth' },
    }),
    obj('MCPRemoteProxy', 'linear', {
      remoteUrl: 'https://mcp.linear.example.com/mcp',
      groupRef: { name: 'tools' },
      externalAuthConfigRef: { name: 'hdr.auth' },
    }),
    obj('MCPServerEntry', 'docs', {
      remoteUrl: 'https://docs.example.com/mcp',
      transport: 'streamable-http',
      groupRef: { name: 'tools' },
      caBundleRef: { configMapRef: { name: 'docs-ca', key: 'root.pem' } },
      headerForward: {
        addPlaintextHeaders: { 'X-Tenant': 'acme' },
        addHeadersFromSecret: [{ headerName: 'X-Api-Key', valueSecretRef: { name: 'docs-key', key: 'k' } }],
      },
    }),
    obj('MCPServerEntry', `e${'x'.repeat(60)}`, {
      remoteUrl: 'https://long.example.com/mcp',
      transport: 'sse',
      groupRef: { name: 'tools' },
      caBundleRef: { configMapRef: { name: 'long-ca' } },
    }),
    obj('MCPExternalAuthConfig', 'te-auth', {
      type: 'tokenExchange',
      tokenExchange: { tokenUrl: 'https://sts.example.com', clientSecretRef: { name: 'te', key: 'cs' } },
    }),
    obj('MCPExternalAuthConfig', 'hdr.auth', {
      type: 'headerInjection',
      headerInjection: { headerName: 'X-Key', valueSecretRef: { name: 'hdr', key: 'v' } },
    }),
    obj('MCPExternalAuthConfig', 'xaa-auth', {
      type: 'xaa',
      xaa: {
        idpTokenUrl: 'https://idp.example.com/token',
        idpClientId: 'i',
        idpClientSecretRef: { name: 'xaa-idp', key: 's' },
        targetTokenUrl: 'https://as.example.com/token',
        targetClientId: 't',
        targetClientSecretRef: { name: 'xaa-target', key: 's' },
        targetAudience: 'https://as.example.com',
      },
    }),
  ];

  it('mounts discovered members’ auth secrets under names of the config (GenerateUnique*EnvVarName)', () => {
    const objects = render(vmcp('g', {}), members);
    const env = envOf(container(objects, 'g'));
    expect(env.TOOLHIVE_TOKEN_EXCHANGE_CLIENT_SECRET_TE_AUTH).toEqual({
      secretKeyRef: { name: 'te', key: 'cs' },
    });
    // envVarSanitizer: `.` is not a valid env var character in ToolHive's names.
    expect(env.TOOLHIVE_HEADER_INJECTION_VALUE_HDR_AUTH).toEqual({ secretKeyRef: { name: 'hdr', key: 'v' } });
  });

  it('mounts XAA client secrets (xaaSecretEnvVars) of a discovered member', () => {
    const objects = render(vmcp('x', {}), [
      ...members,
      obj('MCPServer', 'xaa-server', {
        image: 'x',
        groupRef: { name: 'tools' },
        externalAuthConfigRef: { name: 'xaa-auth' },
      }),
    ]);
    const env = envOf(container(objects, 'x'));
    expect(env.TOOLHIVE_XAA_IDP_CLIENT_SECRET_XAA_AUTH).toEqual({
      secretKeyRef: { name: 'xaa-idp', key: 's' },
    });
    expect(env.TOOLHIVE_XAA_TARGET_CLIENT_SECRET_XAA_AUTH).toEqual({
      secretKeyRef: { name: 'xaa-target', key: 's' },
    });
  });

  it('mounts, for inline outgoing auth, the secrets of the member strategies config.yaml carries (ToolHive does not)', () => {
    // Deliberate difference: ToolHive embeds the members' strategies in the static config in
    // inline mode too (processOutgoingAuth) but mounts their secrets only in discovered mode
    // (buildOutgoingAuthEnvVars), so the env vars the config names are empty at run time.
    const objects = render(vmcp('n', { outgoingAuth: { source: 'inline' } }), members);
    const env = envOf(container(objects, 'n'));
    expect(env.TOOLHIVE_TOKEN_EXCHANGE_CLIENT_SECRET_TE_AUTH).toEqual({
      secretKeyRef: { name: 'te', key: 'cs' },
    });
    expect(env.TOOLHIVE_HEADER_INJECTION_VALUE_HDR_AUTH).toEqual({ secretKeyRef: { name: 'hdr', key: 'v' } });
    // A member whose auth spec.outgoingAuth.backends overrides keeps its own config's secret out.
    const overridden = render(
      vmcp('o', {
        outgoingAuth: {
          source: 'inline',
          backends: {
            fetch: { type: 'discovered' },
            linear: { type: 'externalAuthConfigRef', externalAuthConfigRef: { name: 'te-auth' } },
          },
        },
      }),
      members,
    );
    const names = Object.keys(envOf(container(overridden, 'o')));
    expect(names).toContain('TOOLHIVE_TOKEN_EXCHANGE_CLIENT_SECRET_TE_AUTH');
    expect(names).not.toContain('TOOLHIVE_HEADER_INJECTION_VALUE_HDR_AUTH');
  });

  it('emits the entries’ header-forward manifest and secret env vars (buildHeaderForwardEnvVarsForEntries)', () => {
    const objects = render(vmcp('g', {}), members);
    const env = envOf(container(objects, 'g'));
    // json.Marshal of vmcp.HeaderForwardConfig: keys sorted, original header names kept.
    expect(env.TOOLHIVE_HEADER_FORWARD_DOCS).toBe(
      '{"addPlaintextHeaders":{"X-Tenant":"acme"},"addHeadersFromSecret":{"X-Api-Key":"HEADER_FORWARD_X_API_KEY_DOCS"}}',
    );
    expect(env.TOOLHIVE_SECRET_HEADER_FORWARD_X_API_KEY_DOCS).toEqual({
      secretKeyRef: { name: 'docs-key', key: 'k' },
    });
  });

  it('mounts the entries’ CA bundles as caBundleVolumeName and buildCABundleVolumesForEntries do', () => {
    const objects = render(vmcp('g', {}), members);
    const pod = find(objects, 'Deployment', 'g').spec.template.spec;
    const vols = Object.fromEntries(pod.volumes.map((v: Json) => [v.name, v]));
    const mounts = Object.fromEntries(pod.containers[0].volumeMounts.map((m: Json) => [m.name, m]));
    expect(vols['ca-bundle-docs']).toEqual({
      name: 'ca-bundle-docs',
      configMap: { name: 'docs-ca', items: [{ key: 'root.pem', path: 'root.pem' }] },
    });
    expect(mounts['ca-bundle-docs']).toEqual({
      name: 'ca-bundle-docs',
      mountPath: '/etc/toolhive/ca-bundles/docs',
      readOnly: true,
    });
    // Over 63 characters: the name truncated to 44, then `-` and the first 8 hex of its SHA-256.
    const long = `e${'x'.repeat(60)}`;
    const suffix = createHash('sha256').update(long).digest('hex').slice(0, 8);
    const volName = `ca-bundle-${long.slice(0, 44)}-${suffix}`;
    expect(vols[volName]).toEqual({
      name: volName,
      configMap: { name: 'long-ca', items: [{ key: 'ca.crt', path: 'ca.crt' }] },
    });
    expect(mounts[volName].mountPath).toBe(`/etc/toolhive/ca-bundles/${long}`);
  });
});
