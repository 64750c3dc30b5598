import { describe, expect, it } from 'vitest';
import { renderMcpServer } from '../../constructs/render.ts';
import type { MCPServerResource } from '../../lib/workload/kinds.ts';
import { allStrings, apiVersion, expectValidK8s, find, type Json, kindsAndNames, yaml } from './helpers.ts';

const NS = 'platform-tools';

function server(spec: MCPServerResource['spec'], name = 'grafana'): MCPServerResource {
  return { apiVersion, kind: 'MCPServer', metadata: { name, namespace: NS }, spec };
}

const grafana = server({
  image: 'grafana/mcp-grafana:latest',
  transport: 'streamable-http',
  mcpPort: 8000,
  proxyPort: 8080,
  env: [{ name: 'GRAFANA_URL', value: 'https://grafana.example.com' }],
  secrets: [{ name: 'grafana-token', key: 'token', targetEnvName: 'GRAFANA_SERVICE_ACCOUNT_TOKEN' }],
  resources: { limits: { cpu: '200m', memory: '256Mi' }, requests: { cpu: '50m', memory: '128Mi' } },
});

const BASE_LABELS = {
  app: 'mcpserver',
  'app.kubernetes.io/name': 'mcpserver',
  'app.kubernetes.io/instance': 'grafana',
  toolhive: 'true',
  'toolhive-name': 'grafana',
};

describe('McpServerChart (streamable-http)', () => {
  const objects = renderMcpServer({ server: grafana });

  it('matches the snapshot', async () => {
    await expect(yaml(objects)).toMatchFileSnapshot('__snapshots__/mcp-server-streamable-http.yaml');
  });

  it('renders every object ToolHive and its proxy runner create, with their names', () => {
    expect(kindsAndNames(objects)).toEqual([
      'ServiceAccount/grafana-proxy-runner',
      'Role/grafana-proxy-runner',
      'RoleBinding/grafana-proxy-runner',
      'ServiceAccount/grafana-sa',
      'ConfigMap/grafana-runconfig',
      'Deployment/grafana',
      'Service/mcp-grafana-proxy',
      'StatefulSet/grafana',
      'Service/mcp-grafana-headless',
      'Service/mcp-grafana',
    ]);
    for (const o of objects) expect(o.metadata.namespace).toBe(NS);
  });

  it('passes the Kubernetes schema of every kind', () => expectValidK8s(objects));

  it('uses ToolHive labels and explicit selectors on the proxy', () => {
    const d = find(objects, 'Deployment', 'grafana');
    expect(d.metadata.labels).toEqual(BASE_LABELS);
    expect(d.spec.selector.matchLabels).toEqual(BASE_LABELS);
    expect(d.spec.template.metadata.labels).toEqual(BASE_LABELS);
    expect(d.spec.replicas).toBeUndefined();
    const svc = find(objects, 'Service', 'mcp-grafana-proxy');
    expect(svc.spec.selector).toEqual(BASE_LABELS);
    expect(svc.spec.sessionAffinity).toBe('ClientIP');
    expect(svc.spec.ports).toEqual([{ name: 'http', port: 8080, targetPort: 8080, protocol: 'TCP' }]);
    expect(JSON.stringify(objects)).not.toContain('cdk8s.io/metadata.addr');
  });

  it('runs the proxy with ToolHive probes, security context and the RunConfig mount', () => {
    const pod = find(objects, 'Deployment', 'grafana').spec.template.spec;
    expect(pod.serviceAccountName).toBe('grafana-proxy-runner');
    expect(pod.terminationGracePeriodSeconds).toBe(30);
    expect(pod.securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 1000,
      runAsGroup: 1000,
      fsGroup: 1000,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    const [c] = pod.containers;
    expect(c.name).toBe('toolhive');
    expect(c.args).toEqual(['proxyrunner', 'run', 'grafana/mcp-grafana:latest']);
    expect(c.ports).toEqual([{ containerPort: 8080, name: 'http', protocol: 'TCP' }]);
    expect(c.startupProbe).toEqual({
      httpGet: { path: '/health', port: 'http' },
      periodSeconds: 5,
      timeoutSeconds: 3,
      failureThreshold: 18,
    });
    expect(c.livenessProbe).toMatchObject({ initialDelaySeconds: 30, periodSeconds: 10, timeoutSeconds: 5 });
    expect(c.readinessProbe).toMatchObject({ initialDelaySeconds: 5, periodSeconds: 5, timeoutSeconds: 3 });
    expect(c.securityContext).toEqual({
      privileged: false,
      runAsNonRoot: true,
      runAsUser: 1000,
      runAsGroup: 1000,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      seccompProfile: { type: 'RuntimeDefault' },
      capabilities: { drop: ['ALL'] },
    });
    expect(c.resources).toEqual({
      limits: { cpu: '200m', memory: '256Mi' },
      requests: { cpu: '50m', memory: '128Mi' },
    });
    expect(c.volumeMounts).toEqual([{ name: 'runconfig', mountPath: '/etc/runconfig', readOnly: true }]);
    expect(pod.volumes).toEqual([{ name: 'runconfig', configMap: { name: 'grafana-runconfig' } }]);
    expect(c.env.map((e: Json) => e.name)).toEqual([
      'HOME',
      'NODE_OPTIONS',
      'TOOLHIVE_RUNTIME',
      'UNSTRUCTURED_LOGS',
      'XDG_CONFIG_HOME',
    ]);
  });

  it('gives the proxy runner a Role that only reads pods and attaches', () => {
    expect(find(objects, 'Role', 'grafana-proxy-runner').rules).toEqual([
      { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: [''], resources: ['pods/attach'], verbs: ['create', 'get'] },
    ]);
    const rb = find(objects, 'RoleBinding', 'grafana-proxy-runner');
    expect(rb.roleRef).toEqual({
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'Role',
      name: 'grafana-proxy-runner',
    });
    expect(rb.subjects).toEqual([{ kind: 'ServiceAccount', name: 'grafana-proxy-runner', namespace: NS }]);
  });

  it('writes the RunConfig ToolHive writes, with the checksum on the pod template', () => {
    const cm = find(objects, 'ConfigMap', 'grafana-runconfig');
    expect(cm.metadata.labels).toEqual({
      'toolhive.stacklok.io/component': 'run-config',
      'toolhive.stacklok.io/mcp-server': 'grafana',
      'toolhive.stacklok.io/managed-by': 'toolhive-operator',
    });
    const rc = JSON.parse(cm.data['runconfig.json']);
    expect(rc).toMatchObject({
      schema_version: 'v0.1.0',
      image: 'grafana/mcp-grafana:latest',
      name: 'grafana',
      transport: 'streamable-http',
      host: '0.0.0.0',
      port: 8080,
      target_port: 8000,
      proxy_mode: 'streamable-http',
      env_vars: {
        GRAFANA_URL: 'https://grafana.example.com',
        MCP_TRANSPORT: 'streamable-http',
        MCP_PORT: '8000',
        FASTMCP_PORT: '8000',
      },
      container_labels: {
        toolhive: 'true',
        'toolhive-name': 'grafana',
        'toolhive-basename': 'grafana',
        'toolhive-transport': 'streamable-http',
        'toolhive-port': '8080',
      },
    });
    const checksum = cm.metadata.annotations['toolhive.stacklok.dev/content-checksum'];
    expect(checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(
      find(objects, 'Deployment', 'grafana').spec.template.metadata.annotations[
        'toolhive.stacklok.dev/runconfig-checksum'
      ],
    ).toBe(checksum);
  });

  it('runs the MCP server in its StatefulSet, with its secret as secretKeyRef env there only', () => {
    const sts = find(objects, 'StatefulSet', 'grafana');
    const labels = {
      toolhive: 'true',
      'toolhive-name': 'grafana',
      'toolhive-basename': 'grafana',
      'toolhive-transport': 'streamable-http',
      'toolhive-port': '8080',
      app: 'grafana',
    };
    expect(sts.metadata.labels).toEqual(labels);
    expect(sts.spec.selector.matchLabels).toEqual({ app: 'grafana' });
    expect(sts.spec.serviceName).toBe('grafana');
    expect(sts.spec.replicas).toBeUndefined();
    const pod = sts.spec.template.spec;
    expect(sts.spec.template.metadata.labels).toEqual(labels);
    expect(pod.serviceAccountName).toBe('grafana-sa');
    expect(pod.restartPolicy).toBe('Always');
    const mcp = pod.containers.find((c: Json) => c.name === 'mcp');
    expect(mcp.image).toBe('grafana/mcp-grafana:latest');
    expect(mcp.stdin).toBe(false);
    expect(mcp.ports).toBeUndefined();
    expect(mcp.env).toEqual([
      { name: 'FASTMCP_PORT', value: '8000' },
      {
        name: 'GRAFANA_SERVICE_ACCOUNT_TOKEN',
        valueFrom: { secretKeyRef: { name: 'grafana-token', key: 'token' } },
      },
      { name: 'GRAFANA_URL', value: 'https://grafana.example.com' },
      { name: 'MCP_HOST', value: '0.0.0.0' },
      { name: 'MCP_PORT', value: '8000' },
      { name: 'MCP_TRANSPORT', value: 'streamable-http' },
    ]);
    // The proxy never sees the MCP server's secret.
    expect(JSON.stringify(find(objects, 'Deployment', 'grafana'))).not.toContain('grafana-token');
    expect(JSON.stringify(find(objects, 'ConfigMap', 'grafana-runconfig'))).not.toContain('grafana-token');
  });

  it('renders the headless and ClusterIP backend Services the proxy runner would apply', () => {
    const headless = find(objects, 'Service', 'mcp-grafana-headless');
    expect(headless.spec).toEqual({
      type: 'ClusterIP',
      clusterIP: 'None',
      selector: { app: 'grafana' },
      ports: [{ name: 'port-8000', port: 8000, targetPort: 8000, protocol: 'TCP' }],
    });
    expect(find(objects, 'Service', 'mcp-grafana').spec).toEqual({
      type: 'ClusterIP',
      sessionAffinity: 'ClientIP',
      sessionAffinityConfig: { clientIP: { timeoutSeconds: 1800 } },
      selector: { app: 'grafana' },
      ports: [{ name: 'port-8000', port: 8000, targetPort: 8000, protocol: 'TCP' }],
    });
  });

  it('renders byte-identical output for identical input', () => {
    expect(yaml(renderMcpServer({ server: grafana }))).toBe(yaml(objects));
  });
});

describe('McpServerChart (stdio)', () => {
  const github = server(
    {
      image: 'ghcr.io/github/github-mcp-server:latest',
      transport: 'stdio',
      proxyMode: 'sse',
      replicas: 3,
      backendReplicas: 1,
      secrets: [{ name: 'github-token', key: 'token' }],
      serviceAccount: 'github-bot',
      podTemplateSpec: {
        metadata: { annotations: { 'prometheus.io/scrape': 'true' } },
        spec: {
          nodeSelector: { pool: 'mcp' },
          containers: [
            {
              name: 'mcp',
              resources: { limits: { memory: '512Mi' } },
              env: [{ name: 'LOG', value: 'debug' }],
            },
          ],
        },
      },
    },
    'github',
  );
  const objects = renderMcpServer({ server: github });

  it('matches the snapshot', async () => {
    await expect(yaml(objects)).toMatchFileSnapshot('__snapshots__/mcp-server-stdio.yaml');
  });

  it('passes the Kubernetes schema', () => expectValidK8s(objects));

  it('has no backend Services and no default ServiceAccount when one is given', () => {
    expect(kindsAndNames(objects)).not.toContain('Service/mcp-github');
    expect(kindsAndNames(objects)).not.toContain('Service/mcp-github-headless');
    expect(kindsAndNames(objects)).not.toContain('ServiceAccount/github-sa');
  });

  it('caps stdio proxies at one replica and honours backendReplicas', () => {
    expect(find(objects, 'Deployment', 'github').spec.replicas).toBe(1);
    expect(find(objects, 'StatefulSet', 'github').spec.replicas).toBe(1);
  });

  it('attaches stdin and merges the user pod template into the StatefulSet', () => {
    const tpl = find(objects, 'StatefulSet', 'github').spec.template;
    expect(tpl.metadata.annotations['prometheus.io/scrape']).toBe('true');
    expect(tpl.spec.nodeSelector).toEqual({ pool: 'mcp' });
    expect(tpl.spec.serviceAccountName).toBe('github-bot');
    const mcp = tpl.spec.containers.find((c: Json) => c.name === 'mcp');
    expect(mcp.stdin).toBe(true);
    expect(mcp.tty).toBe(false);
    expect(mcp.resources).toEqual({ limits: { memory: '512Mi' } });
    expect(mcp.env.map((e: Json) => e.name)).toEqual(['LOG', 'MCP_TRANSPORT', 'token']);
    expect(mcp.env.find((e: Json) => e.name === 'token').valueFrom.secretKeyRef).toEqual({
      name: 'github-token',
      key: 'token',
    });
  });

  it('writes the SSE proxy mode into the RunConfig', () => {
    const rc = JSON.parse(find(objects, 'ConfigMap', 'github-runconfig').data['runconfig.json']);
    expect(rc.proxy_mode).toBe('sse');
    expect(rc.env_vars).toEqual({ MCP_TRANSPORT: 'stdio' });
    expect(rc.scaling_config).toEqual({ backend_replicas: 1 });
  });
});

describe('McpServerChart (sse)', () => {
  const objects = renderMcpServer({
    server: server({ image: 'ghcr.io/example/yardstick:1.1.1', transport: 'sse', mcpPort: 9000 }, 'st-sse'),
  });
  it('exposes the container port on the MCP container for SSE only', () => {
    const mcp = find(objects, 'StatefulSet', 'st-sse').spec.template.spec.containers[0];
    expect(mcp.ports).toEqual([{ containerPort: 9000, protocol: 'TCP' }]);
    expectValidK8s(objects);
  });
});

describe('McpServerChart with config references', () => {
  const refs = [
    {
      apiVersion,
      kind: 'MCPOIDCConfig',
      metadata: { name: 'idp', namespace: NS },
      spec: {
        type: 'inline',
        inline: {
          issuer: 'https://idp.example.com',
          clientId: 'c',
          clientSecretRef: { name: 'idp-client', key: 'secret' },
          caBundleRef: { configMapRef: { name: 'idp-ca', key: 'ca.crt' } },
        },
      },
    },
    {
      apiVersion,
      kind: 'MCPTelemetryConfig',
      metadata: { name: 'otel', namespace: NS },
      spec: {
        openTelemetry: {
          enabled: true,
          endpoint: 'https://otel.example.com:4318',
          sensitiveHeaders: [{ name: 'x-api-key', secretKeyRef: { name: 'otel-key', key: 'key' } }],
          tracing: { enabled: true, samplingRate: '0.2' },
        },
      },
    },
    {
      apiVersion,
      kind: 'MCPToolConfig',
      metadata: { name: 'tools', namespace: NS },
      spec: { toolsFilter: ['query'], toolsOverride: { query: { name: 'grafana_query' } } },
    },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'idp-client', namespace: NS },
      data: { secret: Buffer.from('s3cr3t-value').toString('base64') },
    },
  ] as const;
  const withRefs = server({
    ...grafana.spec,
    image: 'grafana/mcp-grafana:latest',
    oidcConfigRef: { name: 'idp', audience: 'grafana' },
    telemetryConfigRef: { name: 'otel' },
    toolConfigRef: { name: 'tools' },
    authzConfig: { type: 'inline', inline: { policies: ['permit(principal, action, resource);'] } },
    audit: { enabled: true },
  });
  const objects = renderMcpServer({ server: withRefs, references: refs });

  it('matches the snapshot', async () => {
    await expect(yaml(objects)).toMatchFileSnapshot('__snapshots__/mcp-server-config-refs.yaml');
  });

  it('passes the Kubernetes schema', () => expectValidK8s(objects));

  it('puts OIDC, telemetry, tools, authz and audit into the RunConfig', () => {
    const rc = JSON.parse(find(objects, 'ConfigMap', 'grafana-runconfig').data['runconfig.json']);
    expect(rc.oidc_config).toEqual({
      Issuer: 'https://idp.example.com',
      Audience: 'grafana',
      ResourceURL: 'http://grafana.platform-tools.svc.cluster.local:8080',
      ClientID: 'c',
      CACertPath: '/config/certs/idp-ca/ca.crt',
    });
    expect(rc.telemetry_config).toMatchObject({
      endpoint: 'otel.example.com:4318',
      tracingEnabled: true,
      samplingRate: '0.2',
      serviceName: 'grafana',
    });
    expect(rc.tools_filter).toEqual(['query']);
    expect(rc.tools_override).toEqual({ query: { name: 'grafana_query' } });
    expect(rc.authz_config.type).toBe('cedarv1');
    expect(rc.audit_config).toMatchObject({ maxDataSize: 1024 });
    expect(rc.middleware_configs).toBeUndefined();
  });

  it('passes secrets to the proxy as secretKeyRef env and CA bundles as volumes', () => {
    const c = find(objects, 'Deployment', 'grafana').spec.template.spec.containers[0];
    const env = Object.fromEntries(c.env.map((e: Json) => [e.name, e]));
    expect(env.TOOLHIVE_OIDC_CLIENT_SECRET.valueFrom.secretKeyRef).toEqual({
      name: 'idp-client',
      key: 'secret',
    });
    expect(env.TOOLHIVE_OTEL_HEADER_X_API_KEY.valueFrom.secretKeyRef).toEqual({
      name: 'otel-key',
      key: 'key',
    });
    expect(env.OTEL_RESOURCE_ATTRIBUTES.value).toBe('service.name=grafana,service.namespace=platform-tools');
    const names = c.env.map((e: Json) => e.name);
    expect(names).toEqual([...names].sort());
    expect(c.volumeMounts.map((m: Json) => m.mountPath)).toEqual([
      '/etc/runconfig',
      '/etc/toolhive/authz',
      '/config/certs/idp-ca',
    ]);
    expect(find(objects, 'ConfigMap', 'grafana-authz-inline').data['authz.json']).toBe(
      '{"cedar":{"entities_json":"[]","policies":["permit(principal, action, resource);"]},"type":"cedarv1","version":"1.0"}',
    );
  });

  it('never puts a Secret value in a ConfigMap, an annotation or an arg', () => {
    const strings = allStrings(objects);
    expect(strings.some((s) => s.includes('s3cr3t-value'))).toBe(false);
    expect(strings.some((s) => s.includes(Buffer.from('s3cr3t-value').toString('base64')))).toBe(false);
  });

  it('reports a missing reference with its field path', () => {
    expect(() => renderMcpServer({ server: withRefs, references: refs.slice(1) })).toThrow(
      'spec.oidcConfigRef.name: MCPOIDCConfig "idp" not found in namespace "platform-tools"',
    );
  });
});
