/**
 * Parity with ToolHive for MCPServer: the objects ToolHive's operator creates
 * (cmd/thv-operator/controllers/mcpserver_controller.go, mcpserver_runconfig.go) and those its
 * proxy runner applies at run time (pkg/container/kubernetes/client.go), field by field.
 * Expectations come from toolhive-expected.ts (transcribed from ToolHive), never from our own
 * helpers. Where we deliberately differ (docs/constructs.md, "Compatibility with ToolHive"), the
 * test asserts our documented behaviour and says so.
 */
import { App } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { McpServerChart } from '../../constructs/mcp-server-chart.ts';
import { renderMcpServer } from '../../constructs/render.ts';
import type { KubeObject } from '../../lib/api/meta.ts';
import type { MCPServerResource } from '../../lib/workload/kinds.ts';
import { apiVersion, find, type Json, kindsAndNames } from './helpers.ts';
import {
  backendServiceSpec,
  CONTAINER_SECURITY_CONTEXT,
  labelsForMCPServer,
  labelsForRunConfig,
  MCPSERVER_PROBES,
  mcpServerStatusUrl,
  OPENSHIFT_CONTAINER_SECURITY_CONTEXT,
  OPENSHIFT_POD_SECURITY_CONTEXT,
  POD_SECURITY_CONTEXT,
  REQUIRED_PROXY_ENV,
  roleBinding,
  runnerWorkloadLabels,
} from './toolhive-expected.ts';

const NS = 'toolhive-system';
const YARDSTICK = 'ghcr.io/stackloklabs/yardstick/yardstick-server:1.1.1';

function server(name: string, spec: NonNullable<MCPServerResource['spec']>): MCPServerResource {
  return { apiVersion, kind: 'MCPServer', metadata: { name, namespace: NS }, spec };
}

const configRef = (kind: string, name: string, spec: unknown) =>
  ({ apiVersion, kind, metadata: { name, namespace: NS }, spec }) as never;

function render(s: MCPServerResource, references: unknown[] = [], opts: Json = {}): KubeObject[] {
  return renderMcpServer({ server: s, references: references as never, ...opts });
}

const runConfigOf = (objects: KubeObject[], name: string): Json =>
  JSON.parse(find(objects, 'ConfigMap', `${name}-runconfig`).data['runconfig.json']);
const proxyPod = (objects: KubeObject[], name: string): Json =>
  find(objects, 'Deployment', name).spec.template.spec;
const envOf = (c: Json): Record<string, Json> =>
  Object.fromEntries((c.env ?? []).map((e: Json) => [e.name, e.value ?? e.valueFrom]));

/**
 * The chainsaw scenario `single-tenancy/test-scenarios/sse` (test/e2e/chainsaw/operator/…/sse),
 * the reference's §16 worked example.
 */
describe('MCPServer st-sse (chainsaw sse scenario)', () => {
  const objects = render(
    server('st-sse', {
      image: YARDSTICK,
      transport: 'sse',
      proxyPort: 8080,
      mcpPort: 8080,
      serviceAccount: 'st-sse-sa',
      env: [{ name: 'TRANSPORT', value: 'sse' }],
      permissionProfile: { type: 'builtin', name: 'network' },
      resources: { limits: { cpu: '100m', memory: '128Mi' }, requests: { cpu: '50m', memory: '64Mi' } },
    }),
  );
  const labels = labelsForMCPServer('st-sse');

  it('creates the objects ToolHive and its runner create, under the same names', () => {
    // Operator: RBAC `<name>-proxy-runner` (no `<name>-sa`: serviceAccount is given),
    // `<name>-runconfig`, Deployment `<name>`, Service `mcp-<name>-proxy`. Runner: StatefulSet
    // `<name>`, Services `mcp-<name>-headless` and `mcp-<name>` (client.go ensureBackendServices).
    expect(kindsAndNames(objects).sort()).toEqual(
      [
        'ServiceAccount/st-sse-proxy-runner',
        'Role/st-sse-proxy-runner',
        'RoleBinding/st-sse-proxy-runner',
        'ConfigMap/st-sse-runconfig',
        'Deployment/st-sse',
        'Service/mcp-st-sse-proxy',
        'StatefulSet/st-sse',
        'Service/mcp-st-sse-headless',
        'Service/mcp-st-sse',
      ].sort(),
    );
  });

  it('labels and selects the proxy Deployment like labelsForMCPServer', () => {
    const d = find(objects, 'Deployment', 'st-sse');
    expect(d.metadata.labels).toEqual(labels);
    expect(d.metadata.annotations).toBeUndefined();
    expect(d.spec.replicas).toBeUndefined(); // nil: API default 1, HPA-friendly
    expect(d.spec.selector).toEqual({ matchLabels: labels });
    expect(d.spec.template.metadata.labels).toEqual(labels);
  });

  it('runs container toolhive with ToolHive port, probes, resources and security contexts', () => {
    const pod = proxyPod(objects, 'st-sse');
    expect(pod.serviceAccountName).toBe('st-sse-proxy-runner');
    expect(pod.terminationGracePeriodSeconds).toBe(30);
    expect(pod.securityContext).toEqual(POD_SECURITY_CONTEXT);
    expect(pod.containers).toHaveLength(1);
    const c = pod.containers[0];
    expect(c.name).toBe('toolhive');
    expect(c.ports).toEqual([{ containerPort: 8080, name: 'http', protocol: 'TCP' }]);
    expect(c.startupProbe).toEqual(MCPSERVER_PROBES.startupProbe);
    expect(c.livenessProbe).toEqual(MCPSERVER_PROBES.livenessProbe);
    expect(c.readinessProbe).toEqual(MCPSERVER_PROBES.readinessProbe);
    expect(c.resources).toEqual({
      limits: { cpu: '100m', memory: '128Mi' },
      requests: { cpu: '50m', memory: '64Mi' },
    });
    expect(c.securityContext).toEqual(CONTAINER_SECURITY_CONTEXT);
    expect(c.volumeMounts).toEqual([{ name: 'runconfig', mountPath: '/etc/runconfig', readOnly: true }]);
    expect(pod.volumes).toEqual([{ name: 'runconfig', configMap: { name: 'st-sse-runconfig' } }]);
  });

  it('sets the env ToolHive sets (EnsureRequiredEnvVars), sorted by name', () => {
    // Deliberate difference: no THV_MCPSERVER_GENERATION (we write no generation; see docs).
    const c = proxyPod(objects, 'st-sse').containers[0];
    expect(c.env).toEqual([...REQUIRED_PROXY_ENV].sort((a, b) => (a.name < b.name ? -1 : 1)));
  });

  it('runs the proxy runner with the image as last argument and no pod patch (documented)', () => {
    // ToolHive: ["run", "--k8s-pod-patch=…", image]. Ours renders the StatefulSet itself, so
    // there is no patch, and the one toolhive-ts image needs the `proxyrunner` subcommand.
    expect(proxyPod(objects, 'st-sse').containers[0].args).toEqual(['proxyrunner', 'run', YARDSTICK]);
  });

  it('annotates the pod template with the RunConfig checksum under ToolHive’s key', () => {
    const cm = find(objects, 'ConfigMap', 'st-sse-runconfig');
    const ann = find(objects, 'Deployment', 'st-sse').spec.template.metadata.annotations;
    expect(ann['toolhive.stacklok.dev/runconfig-checksum']).toBe(
      cm.metadata.annotations['toolhive.stacklok.dev/content-checksum'],
    );
    expect(ann['toolhive.stacklok.dev/runconfig-checksum']).toMatch(/^[0-9a-f]{64}$/);
  });

  it('writes the proxy Service mcp-<name>-proxy as serviceForMCPServer does', () => {
    const svc = find(objects, 'Service', 'mcp-st-sse-proxy');
    expect(svc.metadata.labels).toEqual(labels);
    expect(svc.spec).toEqual({
      selector: labels,
      sessionAffinity: 'ClientIP',
      ports: [{ name: 'http', port: 8080, targetPort: 8080, protocol: 'TCP' }],
    });
  });

  it('writes the RunConfig ConfigMap with ToolHive labels and keys', () => {
    const cm = find(objects, 'ConfigMap', 'st-sse-runconfig');
    expect(cm.metadata.labels).toEqual(labelsForRunConfig('st-sse'));
    const rc = runConfigOf(objects, 'st-sse');
    // chainsaw: `jq -e '.schema_version and .image and .name and .transport'`, `.transport == "sse"`.
    expect(rc).toMatchObject({
      schema_version: 'v0.1.0',
      image: YARDSTICK,
      name: 'st-sse',
      container_name: 'st-sse',
      base_name: 'st-sse',
      transport: 'sse',
      host: '0.0.0.0',
      port: 8080,
      target_port: 8080,
      proxy_mode: 'sse',
      permission_profile_name_or_path: 'network',
      env_vars: { TRANSPORT: 'sse', MCP_TRANSPORT: 'sse', MCP_PORT: '8080', FASTMCP_PORT: '8080' },
      container_labels: {
        toolhive: 'true',
        'toolhive-name': 'st-sse',
        'toolhive-basename': 'st-sse',
        'toolhive-transport': 'sse',
        'toolhive-port': '8080',
      },
    });
    expect(rc.permission_profile.name).toBe('network');
  });

  it('gives the proxy-runner SA, Role and RoleBinding one name, bound to each other', () => {
    const rb = find(objects, 'RoleBinding', 'st-sse-proxy-runner');
    expect({ roleRef: rb.roleRef, subjects: rb.subjects }).toEqual(roleBinding('st-sse-proxy-runner', NS));
    // Labels are nil on these (rbac.EnsureRBACResources).
    for (const kind of ['ServiceAccount', 'Role', 'RoleBinding'])
      expect(find(objects, kind, 'st-sse-proxy-runner').metadata.labels).toBeUndefined();
  });

  it('narrows the proxy-runner Role to reading and attaching to pods (documented)', () => {
    // ToolHive's defaultRBACRules also let the runner create StatefulSets and Services, read
    // logs and ConfigMaps; our runner creates nothing (ARCHITECTURE decision 4).
    expect(find(objects, 'Role', 'st-sse-proxy-runner').rules).toEqual([
      { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: [''], resources: ['pods/attach'], verbs: ['create', 'get'] },
    ]);
  });

  it('renders the runner’s StatefulSet as DeployWorkload applies it', () => {
    const sts = find(objects, 'StatefulSet', 'st-sse');
    const workload = runnerWorkloadLabels('st-sse', 'sse', 8080);
    expect(sts.metadata.labels).toEqual(workload);
    expect(sts.spec.selector).toEqual({ matchLabels: { app: 'st-sse' } });
    expect(sts.spec.serviceName).toBe('st-sse');
    expect(sts.spec.replicas).toBeUndefined();
    expect(sts.spec.template.metadata.labels).toEqual(workload);
    const pod = sts.spec.template.spec;
    // chainsaw asserts the StatefulSet pod runs as spec.serviceAccount.
    expect(pod.serviceAccountName).toBe('st-sse-sa');
    expect(pod.restartPolicy).toBe('Always');
    expect(pod.securityContext).toEqual(POD_SECURITY_CONTEXT);
    const [mcp] = pod.containers;
    expect(mcp.name).toBe('mcp');
    expect(mcp.image).toBe(YARDSTICK);
    expect(mcp.stdin).toBe(false);
    expect(mcp.tty).toBe(false);
    expect(mcp.securityContext).toEqual(CONTAINER_SECURITY_CONTEXT);
    // Ports on the MCP container for SSE only (configureContainerPorts), no name.
    expect(mcp.ports).toEqual([{ containerPort: 8080, protocol: 'TCP' }]);
    // env_vars sorted by key (buildSortedEnvVarList), plus setup.go's MCP_HOST; see docs for its value.
    expect(mcp.env.map((e: Json) => e.name)).toEqual([
      'FASTMCP_PORT',
      'MCP_HOST',
      'MCP_PORT',
      'MCP_TRANSPORT',
      'TRANSPORT',
    ]);
    expect(envOf(mcp)).toMatchObject({ MCP_PORT: '8080', FASTMCP_PORT: '8080', MCP_TRANSPORT: 'sse' });
  });

  it('renders the headless and ClusterIP backend Services as applyService does', () => {
    const workload = runnerWorkloadLabels('st-sse', 'sse', 8080);
    for (const [name, headless] of [
      ['mcp-st-sse-headless', true],
      ['mcp-st-sse', false],
    ] as const) {
      const svc = find(objects, 'Service', name);
      expect(svc.metadata.labels).toEqual(workload);
      expect(svc.spec).toEqual(backendServiceSpec('st-sse', 8080, headless));
    }
  });
});

describe('MCPServer transport × proxyMode', () => {
  const cases = [
    { transport: 'stdio', proxyMode: 'sse', backend: false, stsPorts: false },
    { transport: 'stdio', proxyMode: 'streamable-http', backend: false, stsPorts: false },
    { transport: 'stdio', proxyMode: undefined, backend: false, stsPorts: false },
    { transport: 'sse', proxyMode: undefined, backend: true, stsPorts: true },
    { transport: 'streamable-http', proxyMode: undefined, backend: true, stsPorts: false },
    // The CRD lets proxyMode be set on an HTTP transport; GetEffectiveProxyMode ignores it.
    { transport: 'streamable-http', proxyMode: 'sse', backend: true, stsPorts: false },
  ] as const;

  it.each(cases)('$transport / proxyMode $proxyMode', ({ transport, proxyMode, backend, stsPorts }) => {
    const name = 'yardstick';
    const objects = render(
      server(name, {
        image: YARDSTICK,
        transport,
        ...(proxyMode ? { proxyMode } : {}),
        proxyPort: 8081,
        mcpPort: 9090,
      }),
    );
    const effective = transport === 'stdio' ? (proxyMode ?? 'streamable-http') : transport;
    const rc = runConfigOf(objects, name);
    expect(rc.transport).toBe(transport);
    expect(rc.proxy_mode).toBe(effective);
    expect(rc.port).toBe(8081);
    expect(rc.target_port).toBe(9090);
    // setup.go: MCP_PORT and FASTMCP_PORT only for HTTP transports, from the target port.
    expect(rc.env_vars).toEqual(
      transport === 'stdio'
        ? { MCP_TRANSPORT: 'stdio' }
        : { MCP_TRANSPORT: transport, MCP_PORT: '9090', FASTMCP_PORT: '9090' },
    );
    // Proxy Service and container listen on the proxy port.
    expect(find(objects, 'Service', `mcp-${name}-proxy`).spec.ports).toEqual([
      { name: 'http', port: 8081, targetPort: 8081, protocol: 'TCP' },
    ]);
    expect(proxyPod(objects, name).containers[0].ports).toEqual([
      { containerPort: 8081, name: 'http', protocol: 'TCP' },
    ]);
    const mcp = find(objects, 'StatefulSet', name).spec.template.spec.containers[0];
    expect(mcp.stdin).toBe(transport === 'stdio');
    expect(mcp.ports).toEqual(stsPorts ? [{ containerPort: 9090, protocol: 'TCP' }] : undefined);
    expect(find(objects, 'StatefulSet', name).metadata.labels['toolhive-transport']).toBe(transport);
    const names = kindsAndNames(objects);
    expect(names.includes(`Service/mcp-${name}-headless`)).toBe(backend);
    expect(names.includes(`Service/mcp-${name}`)).toBe(backend);
    if (backend)
      expect(find(objects, 'Service', `mcp-${name}`).spec).toEqual(backendServiceSpec(name, 9090, false));
  });

  it.each(cases)('status URL for $transport / proxyMode $proxyMode', ({ transport, proxyMode }) => {
    const s = server('fetch', { image: YARDSTICK, transport, ...(proxyMode ? { proxyMode } : {}) });
    const chart = renderMcpServerChart(s);
    expect(chart.url).toBe(mcpServerStatusUrl('fetch', NS, 8080, transport, proxyMode));
  });
});

function renderMcpServerChart(s: MCPServerResource): McpServerChart {
  return new McpServerChart(new App({ outdir: 'unused' }), 'c', { server: s });
}

describe('MCPServer replicas', () => {
  it('caps a stdio proxy at one replica (resolveDeploymentReplicas) and keeps HTTP replicas', () => {
    const stdio = render(server('s', { image: YARDSTICK, transport: 'stdio', replicas: 3 }));
    expect(find(stdio, 'Deployment', 's').spec.replicas).toBe(1);
    const http = render(server('h', { image: YARDSTICK, transport: 'streamable-http', replicas: 3 }));
    expect(find(http, 'Deployment', 'h').spec.replicas).toBe(3);
    const zero = render(server('z', { image: YARDSTICK, transport: 'stdio', replicas: 0 }));
    expect(find(zero, 'Deployment', 'z').spec.replicas).toBe(0);
  });

  it('sets StatefulSet replicas and scaling_config.backend_replicas only when backendReplicas is set', () => {
    const objects = render(
      server('b', { image: YARDSTICK, transport: 'streamable-http', backendReplicas: 2 }),
    );
    expect(find(objects, 'StatefulSet', 'b').spec.replicas).toBe(2);
    expect(runConfigOf(objects, 'b').scaling_config).toEqual({ backend_replicas: 2 });
    const none = render(server('n', { image: YARDSTICK, transport: 'streamable-http' }));
    expect(find(none, 'StatefulSet', 'n').spec.replicas).toBeUndefined();
    expect(runConfigOf(none, 'n').scaling_config).toBeUndefined();
  });
});

describe('MCPServer resourceOverrides', () => {
  const objects = render(
    server('o', {
      image: YARDSTICK,
      transport: 'streamable-http',
      resourceOverrides: {
        proxyDeployment: {
          labels: { team: 'a', app: 'hijack' },
          annotations: { 'example.com/owner': 'a' },
          podTemplateMetadataOverrides: {
            labels: { tier: 'proxy', toolhive: 'false' },
            annotations: { 'prometheus.io/scrape': 'true' },
          },
          env: [
            { name: 'LOG_LEVEL', value: 'debug' },
            { name: 'HOME', value: '/home/proxy' },
          ],
          imagePullSecrets: [{ name: 'regcred' }],
        },
        proxyService: { labels: { exposed: 'yes' }, annotations: { 'example.com/lb': 'internal' } },
      },
    }),
    [],
    { defaultImagePullSecrets: ['cluster-cred', 'regcred'] },
  );
  const labels = labelsForMCPServer('o');

  it('merges override labels under the operator’s (MergeLabels: defaults win)', () => {
    const d = find(objects, 'Deployment', 'o');
    expect(d.metadata.labels).toEqual({ ...labels, team: 'a' });
    expect(d.metadata.annotations).toEqual({ 'example.com/owner': 'a' });
    expect(d.spec.selector.matchLabels).toEqual(labels);
    expect(d.spec.template.metadata.labels).toEqual({ ...labels, tier: 'proxy' });
    expect(d.spec.template.metadata.annotations['prometheus.io/scrape']).toBe('true');
    const svc = find(objects, 'Service', 'mcp-o-proxy');
    expect(svc.metadata.labels).toEqual({ ...labels, exposed: 'yes' });
    expect(svc.metadata.annotations).toEqual({ 'example.com/lb': 'internal' });
    expect(svc.spec.selector).toEqual(labels);
  });

  it('adds override env, where a user value wins over a required default (EnsureRequiredEnvVars)', () => {
    const env = envOf(proxyPod(objects, 'o').containers[0]);
    expect(env.LOG_LEVEL).toBe('debug');
    expect(env.HOME).toBe('/home/proxy');
    expect(env.XDG_CONFIG_HOME).toBe('/tmp');
  });

  it('merges pull secrets: the resource’s first, then cluster defaults, no duplicates', () => {
    const expected = [{ name: 'regcred' }, { name: 'cluster-cred' }];
    expect(proxyPod(objects, 'o').imagePullSecrets).toEqual(expected);
    // imagePullSecretsForMCPServer feeds the Deployment, the runner SA and `<name>-sa`.
    expect(find(objects, 'ServiceAccount', 'o-proxy-runner').imagePullSecrets).toEqual(expected);
    expect(find(objects, 'ServiceAccount', 'o-sa').imagePullSecrets).toEqual(expected);
  });
});

describe('MCPServer podTemplateSpec, secrets and serviceAccount', () => {
  const objects = render(
    server('github', {
      image: 'ghcr.io/github/github-mcp-server:latest',
      transport: 'stdio',
      secrets: [
        { name: 'github-token', key: 'token', targetEnvName: 'GITHUB_PERSONAL_ACCESS_TOKEN' },
        { name: 'other', key: 'API_KEY' },
      ],
      podTemplateSpec: {
        metadata: {
          labels: { 'example.com/team': 'dev', app: 'user-app' },
          annotations: {
            'prometheus.io/scrape': 'true',
            'test.toolhive.stacklok.dev/custom-annotation': 'v',
          },
        },
        spec: {
          serviceAccountName: 'ignored',
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          containers: [
            { name: 'mcp', env: [{ name: 'EXTRA', value: '1' }], resources: { limits: { cpu: '1' } } },
          ],
        },
      },
    }),
  );

  it('puts the secrets into the MCP pod only, as secretKeyRef env (PodTemplateSpecBuilder.WithSecrets)', () => {
    const mcp = find(objects, 'StatefulSet', 'github').spec.template.spec.containers[0];
    expect(envOf(mcp).GITHUB_PERSONAL_ACCESS_TOKEN).toEqual({
      secretKeyRef: { name: 'github-token', key: 'token' },
    });
    // targetEnvName defaults to the key.
    expect(envOf(mcp).API_KEY).toEqual({ secretKeyRef: { name: 'other', key: 'API_KEY' } });
    expect(envOf(mcp).EXTRA).toBe('1');
    expect(mcp.resources).toEqual({ limits: { cpu: '1' } });
    const proxyEnv = envOf(proxyPod(objects, 'github').containers[0]);
    expect(proxyEnv.GITHUB_PERSONAL_ACCESS_TOKEN).toBeUndefined();
  });

  it('copies the user template metadata to the StatefulSet pods; the runner’s labels win', () => {
    // chainsaw `pod-annotations`: the StatefulSet template carries the user annotations.
    const tpl = find(objects, 'StatefulSet', 'github').spec.template;
    expect(tpl.metadata.annotations).toMatchObject({
      'prometheus.io/scrape': 'true',
      'test.toolhive.stacklok.dev/custom-annotation': 'v',
    });
    // ensurePodTemplateConfig merges containerLabels over the patch labels.
    expect(tpl.metadata.labels).toEqual({
      ...runnerWorkloadLabels('github', 'stdio', 8080),
      'example.com/team': 'dev',
    });
    expect(tpl.spec.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux' });
    // WithServiceAccount: spec.serviceAccount, else `<name>-sa`, over the template's own.
    expect(tpl.spec.serviceAccountName).toBe('github-sa');
  });

  it('creates `<name>-sa` only without spec.serviceAccount, and the runner RBAC always', () => {
    expect(kindsAndNames(objects)).toContain('ServiceAccount/github-sa');
    const own = render(server('g2', { image: YARDSTICK, serviceAccount: 'custom' }));
    expect(kindsAndNames(own)).not.toContain('ServiceAccount/g2-sa');
    expect(kindsAndNames(own)).toContain('ServiceAccount/g2-proxy-runner');
    expect(find(own, 'StatefulSet', 'g2').spec.template.spec.serviceAccountName).toBe('custom');
    expect(proxyPod(own, 'g2').serviceAccountName).toBe('g2-proxy-runner');
  });

  it('fills unset security-context fields of a user MCP container with the defaults', () => {
    const objs = render(
      server('sc', {
        image: YARDSTICK,
        podTemplateSpec: {
          spec: {
            securityContext: { runAsUser: 2000 },
            containers: [{ name: 'mcp', securityContext: { readOnlyRootFilesystem: false } }],
          },
        },
      }),
    );
    const pod = find(objs, 'StatefulSet', 'sc').spec.template.spec;
    expect(pod.securityContext).toEqual({ ...POD_SECURITY_CONTEXT, runAsUser: 2000 });
    expect(pod.containers[0].securityContext).toEqual({
      ...CONTAINER_SECURITY_CONTEXT,
      readOnlyRootFilesystem: false,
    });
  });
});

describe('MCPServer on OpenShift', () => {
  const objects = render(server('os', { image: YARDSTICK, transport: 'sse' }), [], { openShift: true });
  it('leaves uid, gid and fsGroup to the SCC on proxy and MCP pods', () => {
    const pod = proxyPod(objects, 'os');
    expect(pod.securityContext).toEqual(OPENSHIFT_POD_SECURITY_CONTEXT);
    expect(pod.containers[0].securityContext).toEqual(OPENSHIFT_CONTAINER_SECURITY_CONTEXT);
    const sts = find(objects, 'StatefulSet', 'os').spec.template.spec;
    expect(sts.securityContext).toEqual(OPENSHIFT_POD_SECURITY_CONTEXT);
    expect(sts.containers[0].securityContext).toEqual(OPENSHIFT_CONTAINER_SECURITY_CONTEXT);
  });
});

describe('MCPServer config references', () => {
  const oidc = configRef('MCPOIDCConfig', 'idp', {
    type: 'inline',
    inline: {
      issuer: 'https://idp.example.com',
      clientId: 'mcp',
      clientSecretRef: { name: 'idp-client', key: 'secret' },
      caBundleRef: { configMapRef: { name: 'idp-ca' } },
    },
  });
  const telemetry = configRef('MCPTelemetryConfig', 'otel', {
    openTelemetry: {
      enabled: true,
      endpoint: 'https://otel.example.com:4318',
      sensitiveHeaders: [{ name: 'x-api-key', secretKeyRef: { name: 'otel-key', key: 'key' } }],
      caBundleRef: { configMapRef: { name: 'otel-ca', key: 'bundle.pem' } },
    },
  });
  const tools = configRef('MCPToolConfig', 'tools', {
    toolsFilter: ['echo'],
    toolsOverride: { echo: { name: 'say', description: 'Says' } },
  });
  const objects = render(
    server('ref', {
      image: YARDSTICK,
      transport: 'streamable-http',
      oidcConfigRef: { name: 'idp', audience: 'mcp' },
      telemetryConfigRef: { name: 'otel', serviceName: 'ref-svc' },
      toolConfigRef: { name: 'tools' },
      authzConfig: { type: 'inline', inline: { policies: ['permit(principal, action, resource);'] } },
      permissionProfile: { type: 'configmap', name: 'profiles', key: 'strict.json' },
    }),
    [oidc, telemetry, tools],
  );
  const c = proxyPod(objects, 'ref').containers[0];
  const env = envOf(c);

  it('passes the inline OIDC client secret as TOOLHIVE_OIDC_CLIENT_SECRET', () => {
    expect(env.TOOLHIVE_OIDC_CLIENT_SECRET).toEqual({ secretKeyRef: { name: 'idp-client', key: 'secret' } });
  });

  it('passes telemetry resource attributes and sensitive headers (GenerateOpenTelemetryEnvVarsFromRef)', () => {
    expect(env.OTEL_RESOURCE_ATTRIBUTES).toBe(`service.name=ref-svc,service.namespace=${NS}`);
    expect(env.TOOLHIVE_OTEL_HEADER_X_API_KEY).toEqual({ secretKeyRef: { name: 'otel-key', key: 'key' } });
  });

  it('mounts CA bundles, authz and the permission profile with ToolHive names and paths', () => {
    const pod = proxyPod(objects, 'ref');
    const volumes = Object.fromEntries(pod.volumes.map((v: Json) => [v.name, v]));
    const mounts = Object.fromEntries(c.volumeMounts.map((m: Json) => [m.name, m]));
    // oidc_volumes.go AddOIDCConfigRefCABundleVolumes: items key→key (default ca.crt).
    expect(volumes['oidc-ca-bundle-idp-ca']).toEqual({
      name: 'oidc-ca-bundle-idp-ca',
      configMap: { name: 'idp-ca', items: [{ key: 'ca.crt', path: 'ca.crt' }] },
    });
    expect(mounts['oidc-ca-bundle-idp-ca']).toEqual({
      name: 'oidc-ca-bundle-idp-ca',
      mountPath: '/config/certs/idp-ca',
      readOnly: true,
    });
    // telemetry_volumes.go AddTelemetryCABundleVolumes.
    expect(volumes['otel-ca-bundle-otel-ca']).toEqual({
      name: 'otel-ca-bundle-otel-ca',
      configMap: { name: 'otel-ca', items: [{ key: 'bundle.pem', path: 'bundle.pem' }] },
    });
    expect(mounts['otel-ca-bundle-otel-ca'].mountPath).toBe('/config/certs/otel/otel-ca');
    // authz.go GenerateAuthzVolumeConfig (inline).
    expect(volumes['authz-config']).toEqual({
      name: 'authz-config',
      configMap: { name: 'ref-authz-inline', items: [{ key: 'authz.json', path: 'authz.json' }] },
    });
    expect(mounts['authz-config']).toEqual({
      name: 'authz-config',
      mountPath: '/etc/toolhive/authz',
      readOnly: true,
    });
    expect(volumes['permission-profile']).toEqual({
      name: 'permission-profile',
      configMap: { name: 'profiles' },
    });
    expect(mounts['permission-profile']).toEqual({
      name: 'permission-profile',
      mountPath: '/etc/toolhive/profiles',
      readOnly: true,
    });
    // runconfig first, as ToolHive appends it first.
    expect(pod.volumes[0].name).toBe('runconfig');
  });

  it('writes the inline authz ConfigMap `<name>-authz-inline` with ToolHive’s labels and JSON', () => {
    const cm = find(objects, 'ConfigMap', 'ref-authz-inline');
    expect(cm.metadata.labels).toEqual({
      ...labelsForMCPServer('ref'),
      'toolhive.stacklok.io/authz': 'inline',
    });
    expect(JSON.parse(cm.data['authz.json'])).toEqual({
      version: '1.0',
      type: 'cedarv1',
      cedar: { policies: ['permit(principal, action, resource);'], entities_json: '[]' },
    });
  });

  it('writes the RunConfig keys the operator derives from the references', () => {
    const rc = runConfigOf(objects, 'ref');
    expect(rc.tools_filter).toEqual(['echo']);
    expect(rc.tools_override).toEqual({ echo: { name: 'say', description: 'Says' } });
    expect(rc.permission_profile_name_or_path).toBe('/etc/toolhive/profiles/strict.json');
    expect(rc.oidc_config).toMatchObject({
      Issuer: 'https://idp.example.com',
      Audience: 'mcp',
      ClientID: 'mcp',
      CACertPath: '/config/certs/idp-ca/ca.crt',
      // oidc/resolver.go createServiceURL: the CR name, not the proxy Service.
      ResourceURL: `http://ref.${NS}.svc.cluster.local:8080`,
    });
    expect(rc.telemetry_config).toMatchObject({
      endpoint: 'otel.example.com:4318',
      serviceName: 'ref-svc',
      caCertPath: '/config/certs/otel/otel-ca/bundle.pem',
    });
    expect(rc.authz_config).toMatchObject({ version: '1.0', type: 'cedarv1' });
    // No secret value and no secret env name in the RunConfig.
    expect(JSON.stringify(rc)).not.toContain('idp-client');
  });

  it('writes the inline policy ConfigMap byte for byte as EnsureAuthzConfigMap (Go JSON, no claim fields)', () => {
    const objs = render(
      server('cedar', {
        image: YARDSTICK,
        authzConfig: {
          type: 'inline',
          groupClaimName: 'groups',
          inline: { policies: ['permit(principal, action, resource) when { principal.a && principal.b };'] },
        },
      }),
    );
    expect(find(objs, 'ConfigMap', 'cedar-authz-inline').data).toEqual({
      'authz.json':
        '{"cedar":{"entities_json":"[]","policies":["permit(principal, action, resource) when { principal.a \\u0026\\u0026 principal.b };"]},"type":"cedarv1","version":"1.0"}',
    });
    // The claim mapping reaches the proxy through the RunConfig (BuildInlineCedarAuthzConfig).
    expect(runConfigOf(objs, 'cedar').authz_config.cedar.group_claim_name).toBe('groups');
  });

  it('normalizes telemetry as NormalizeMCPTelemetryConfig does (sampling rate only with a tracing block)', () => {
    const tel = (openTelemetry: Json) =>
      runConfigOf(
        render(server('t', { image: YARDSTICK, telemetryConfigRef: { name: 'otel' } }), [
          configRef('MCPTelemetryConfig', 'otel', { openTelemetry }),
        ]),
        't',
      ).telemetry_config;
    const none = tel({ enabled: true, endpoint: 'http://otel:4318' });
    expect(none.endpoint).toBe('otel:4318');
    expect(none.samplingRate).toBeUndefined();
    expect(none.serviceName).toBe('t');
    expect(tel({ enabled: true, tracing: { enabled: true } }).samplingRate).toBe('0.05');
    expect(tel({ enabled: true, tracing: { enabled: true, samplingRate: '1.0' } }).samplingRate).toBe('1');
  });

  it('maps OIDC settings as WithOIDCConfig does (only the JWKS private-IP switch, CA bundle copied)', () => {
    const withOidc = (inline: Json) =>
      runConfigOf(
        render(server('o', { image: YARDSTICK, oidcConfigRef: { name: 'p', audience: 'a' } }), [
          configRef('MCPOIDCConfig', 'p', {
            type: 'inline',
            inline: { issuer: 'https://idp.example.com', ...inline },
          }),
        ]),
        'o',
      );
    expect(withOidc({ protectedResourceAllowPrivateIP: true }).oidc_config.AllowPrivateIP).toBeUndefined();
    expect(withOidc({ jwksAllowPrivateIP: true }).oidc_config.AllowPrivateIP).toBe(true);
    const rc = withOidc({ caBundleRef: { configMapRef: { name: 'ca' } }, jwksAuthTokenPath: '/var/token' });
    expect(rc.thv_ca_bundle).toBe('/config/certs/ca/ca.crt');
    expect(rc.jwks_auth_token_file).toBe('/var/token');
    // kubernetesServiceAccount with cluster auth: the SA CA and token, private IPs allowed.
    const sa = runConfigOf(
      render(server('k', { image: YARDSTICK, oidcConfigRef: { name: 'k8s', audience: 'a' } }), [
        configRef('MCPOIDCConfig', 'k8s', { type: 'kubernetesServiceAccount', kubernetesServiceAccount: {} }),
      ]),
      'k',
    );
    expect(sa.oidc_config).toMatchObject({
      Issuer: 'https://kubernetes.default.svc',
      CACertPath: '/var/run/secrets/kubernetes.io/serviceaccount/ca.crt',
      AuthTokenFile: '/var/run/secrets/kubernetes.io/serviceaccount/token',
      AllowPrivateIP: true,
    });
  });

  it('mounts a ConfigMap authz policy with its key as authz.json', () => {
    const objs = render(
      server('cm', {
        image: YARDSTICK,
        authzConfig: { type: 'configMap', configMap: { name: 'policies', key: 'cedar.json' } },
      }),
    );
    const vol = proxyPod(objs, 'cm').volumes.find((v: Json) => v.name === 'authz-config');
    expect(vol).toEqual({
      name: 'authz-config',
      configMap: { name: 'policies', items: [{ key: 'cedar.json', path: 'authz.json' }] },
    });
    expect(kindsAndNames(objs)).not.toContain('ConfigMap/cm-authz-inline');
  });

  it('passes a token-exchange client secret as TOOLHIVE_TOKEN_EXCHANGE_CLIENT_SECRET', () => {
    const objs = render(server('te', { image: YARDSTICK, externalAuthConfigRef: { name: 'te' } }), [
      configRef('MCPExternalAuthConfig', 'te', {
        type: 'tokenExchange',
        tokenExchange: {
          tokenUrl: 'https://sts.example.com/token',
          clientId: 'c',
          clientSecretRef: { name: 'te-secret', key: 'client-secret' },
          audience: 'backend',
        },
      }),
    ]);
    expect(envOf(proxyPod(objs, 'te').containers[0]).TOOLHIVE_TOKEN_EXCHANGE_CLIENT_SECRET).toEqual({
      secretKeyRef: { name: 'te-secret', key: 'client-secret' },
    });
    expect(runConfigOf(objs, 'te').token_exchange_config).toMatchObject({
      token_url: 'https://sts.example.com/token',
      client_id: 'c',
      audience: 'backend',
      header_strategy: 'replace',
    });
  });

  it('passes the Redis session password as THV_SESSION_REDIS_PASSWORD', () => {
    const objs = render(
      server('r', {
        image: YARDSTICK,
        transport: 'streamable-http',
        sessionStorage: {
          provider: 'redis',
          address: 'redis:6379',
          passwordRef: { name: 'redis', key: 'pw' },
        },
      }),
    );
    expect(envOf(proxyPod(objs, 'r').containers[0]).THV_SESSION_REDIS_PASSWORD).toEqual({
      secretKeyRef: { name: 'redis', key: 'pw' },
    });
    // SessionRedisConfig.DB is `omitempty`: db 0 is not written.
    expect(runConfigOf(objs, 'r').scaling_config).toEqual({ session_redis: { address: 'redis:6379' } });
  });

  it('mounts hostPath volumes (spec.volumes) on the MCP pod, and lists them in the RunConfig', () => {
    // Deliberate difference: ToolHive mounts them on the proxy pod, which never reads them;
    // its runner's StatefulSet ignores them. We mount them where the MCP server runs.
    const objs = render(
      server('v', {
        image: YARDSTICK,
        volumes: [{ name: 'data', hostPath: '/srv/data', mountPath: '/data', readOnly: true }],
      }),
    );
    expect(runConfigOf(objs, 'v').volumes).toEqual(['/srv/data:/data:ro']);
    const pod = find(objs, 'StatefulSet', 'v').spec.template.spec;
    expect(pod.volumes).toEqual([{ name: 'data', hostPath: { path: '/srv/data' } }]);
    expect(pod.containers[0].volumeMounts).toEqual([{ name: 'data', mountPath: '/data', readOnly: true }]);
  });
});
