/**
 * Parity with ToolHive for MCPRemoteProxy: cmd/thv-operator/controllers/mcpremoteproxy_controller.go,
 * mcpremoteproxy_deployment.go and mcpremoteproxy_runconfig.go. Expectations come from
 * toolhive-expected.ts or are written out here with the ToolHive function they come from.
 */
import { createHash } from 'node:crypto';
import { App } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { McpRemoteProxyChart } from '../../constructs/mcp-remote-proxy-chart.ts';
import { renderMcpRemoteProxy } from '../../constructs/render.ts';
import type { KubeObject } from '../../lib/api/meta.ts';
import type { MCPRemoteProxyResource } from '../../lib/workload/kinds.ts';
import { apiVersion, find, type Json, kindsAndNames } from './helpers.ts';
import {
  CONTAINER_SECURITY_CONTEXT,
  labelsForMCPRemoteProxy,
  labelsForRemoteProxyRunConfig,
  POD_SECURITY_CONTEXT,
  REMOTE_PROXY_PROBES,
  REMOTE_PROXY_RBAC_RULES,
  roleBinding,
} from './toolhive-expected.ts';

const NS = 'platform-tools';

function proxy(
  name: string,
  spec: Partial<NonNullable<MCPRemoteProxyResource['spec']>>,
): MCPRemoteProxyResource {
  return {
    apiVersion,
    kind: 'MCPRemoteProxy',
    metadata: { name, namespace: NS },
    spec: { remoteUrl: 'https://mcp.example.com/mcp', ...spec } as NonNullable<
      MCPRemoteProxyResource['spec']
    >,
  };
}

const ref = (kind: string, name: string, spec: unknown) =>
  ({ apiVersion, kind, metadata: { name, namespace: NS }, spec }) as never;

function render(p: MCPRemoteProxyResource, references: unknown[] = [], opts: Json = {}): KubeObject[] {
  return renderMcpRemoteProxy({ proxy: p, references: references as never, ...opts });
}
const pod = (objects: KubeObject[], name: string): Json =>
  find(objects, 'Deployment', name).spec.template.spec;
const envOf = (c: Json): Record<string, Json> =>
  Object.fromEntries((c.env ?? []).map((e: Json) => [e.name, e.value ?? e.valueFrom]));
const runConfigOf = (objects: KubeObject[], name: string): Json =>
  JSON.parse(find(objects, 'ConfigMap', `${name}-runconfig`).data['runconfig.json']);

describe('MCPRemoteProxy defaults', () => {
  const objects = render(proxy('linear', {}));
  const labels = labelsForMCPRemoteProxy('linear');

  it('creates RBAC `<name>-remote-proxy-runner`, `<name>-runconfig`, Deployment and `mcp-<name>-remote-proxy`', () => {
    expect(kindsAndNames(objects)).toEqual([
      'ServiceAccount/linear-remote-proxy-runner',
      'Role/linear-remote-proxy-runner',
      'RoleBinding/linear-remote-proxy-runner',
      'ConfigMap/linear-runconfig',
      'Deployment/linear',
      'Service/mcp-linear-remote-proxy',
    ]);
    expect(find(objects, 'Role', 'linear-remote-proxy-runner').rules).toEqual(REMOTE_PROXY_RBAC_RULES);
    const rb = find(objects, 'RoleBinding', 'linear-remote-proxy-runner');
    expect({ roleRef: rb.roleRef, subjects: rb.subjects }).toEqual(
      roleBinding('linear-remote-proxy-runner', NS),
    );
  });

  it('builds the Deployment as deploymentForMCPRemoteProxy does', () => {
    const d = find(objects, 'Deployment', 'linear');
    expect(d.metadata.labels).toEqual(labels);
    expect(d.metadata.annotations).toBeUndefined();
    expect(d.spec.replicas).toBeUndefined();
    expect(d.spec.selector).toEqual({ matchLabels: labels });
    expect(d.spec.template.metadata.labels).toEqual(labels);
    // The runconfig checksum, and no mcpserver-generation annotation.
    expect(Object.keys(d.spec.template.metadata.annotations)).toEqual([
      'toolhive.stacklok.dev/runconfig-checksum',
    ]);
    const p = d.spec.template.spec;
    expect(p.serviceAccountName).toBe('linear-remote-proxy-runner');
    expect(p.terminationGracePeriodSeconds).toBeUndefined();
    expect(p.securityContext).toEqual(POD_SECURITY_CONTEXT);
    const [c] = p.containers;
    expect(c.name).toBe('toolhive');
    expect(c.ports).toEqual([{ containerPort: 8080, name: 'http', protocol: 'TCP' }]);
    expect(c.startupProbe).toEqual(REMOTE_PROXY_PROBES.startupProbe);
    expect(c.livenessProbe).toEqual(REMOTE_PROXY_PROBES.livenessProbe);
    expect(c.readinessProbe).toEqual(REMOTE_PROXY_PROBES.readinessProbe);
    expect(c.securityContext).toEqual(CONTAINER_SECURITY_CONTEXT);
    expect(c.resources).toBeUndefined();
    expect(c.volumeMounts).toEqual([{ name: 'runconfig', mountPath: '/etc/runconfig', readOnly: true }]);
    expect(p.volumes).toEqual([{ name: 'runconfig', configMap: { name: 'linear-runconfig' } }]);
    // Deliberate: ToolHive passes ["run", "--foreground=true", "placeholder-for-remote-proxy"],
    // whose last two the runner ignores; the toolhive-ts image needs the subcommand.
    expect(c.args).toEqual(['proxyrunner', 'run']);
  });

  it('writes the Service with the remote-proxy labels and ClientIP affinity', () => {
    const svc = find(objects, 'Service', 'mcp-linear-remote-proxy');
    expect(svc.metadata.labels).toEqual(labels);
    expect(svc.spec).toEqual({
      selector: labels,
      sessionAffinity: 'ClientIP',
      ports: [{ name: 'http', port: 8080, targetPort: 8080, protocol: 'TCP' }],
    });
  });

  it('writes the RunConfig keys of createRunConfigFromMCPRemoteProxy, without target_port', () => {
    const cm = find(objects, 'ConfigMap', 'linear-runconfig');
    expect(cm.metadata.labels).toEqual(labelsForRemoteProxyRunConfig('linear'));
    const rc = runConfigOf(objects, 'linear');
    expect(rc).toMatchObject({
      schema_version: 'v0.1.0',
      image: '',
      remote_url: 'https://mcp.example.com/mcp',
      name: 'linear',
      transport: 'streamable-http',
      host: '0.0.0.0',
      port: 8080,
    });
    // WithTransportAndPorts(transport, port, 0): target_port is `omitempty`.
    expect('target_port' in rc).toBe(false);
  });

  it('reports the status URL createProxyServiceURL writes (no path)', () => {
    const chart = new McpRemoteProxyChart(new App({ outdir: 'unused' }), 'c', {
      proxy: proxy('linear', { proxyPort: 9000 }),
    });
    expect(chart.url).toBe(`http://mcp-linear-remote-proxy.${NS}.svc.cluster.local:9000`);
  });
});

describe('MCPRemoteProxy options', () => {
  it('skips RBAC when spec.serviceAccount is set and runs as it', () => {
    const objects = render(proxy('sa', { serviceAccount: 'mine' }));
    expect(kindsAndNames(objects).filter((n) => n.includes('remote-proxy-runner'))).toEqual([]);
    expect(pod(objects, 'sa').serviceAccountName).toBe('mine');
  });

  it('sets replicas from spec.replicas, sessionAffinity and resources', () => {
    const objects = render(
      proxy('r', {
        replicas: 3,
        sessionAffinity: 'None',
        resources: { limits: { memory: '256Mi' } },
      }),
    );
    expect(find(objects, 'Deployment', 'r').spec.replicas).toBe(3);
    expect(find(objects, 'Service', 'mcp-r-remote-proxy').spec.sessionAffinity).toBe('None');
    expect(pod(objects, 'r').containers[0].resources).toEqual({ limits: { memory: '256Mi' } });
  });

  it('forwards secret headers as TOOLHIVE_SECRET_HEADER_FORWARD_<HEADER>_<OWNER> (wirefmt.SecretEnvVarName)', () => {
    const objects = render(
      proxy('my-proxy', {
        headerForward: {
          addPlaintextHeaders: { 'X-Tenant': 'platform' },
          addHeadersFromSecret: [
            { headerName: 'X-Api-Key', valueSecretRef: { name: 'key', key: 'k' } },
            // NormalizeForEnvVar maps anything outside [A-Z0-9_] to `_`.
            { headerName: 'X-Org.Id', valueSecretRef: { name: 'org', key: 'id' } },
          ],
        },
      }),
    );
    const env = envOf(pod(objects, 'my-proxy').containers[0]);
    expect(env.TOOLHIVE_SECRETS_PROVIDER).toBe('environment');
    expect(env.TOOLHIVE_SECRET_HEADER_FORWARD_X_API_KEY_MY_PROXY).toEqual({
      secretKeyRef: { name: 'key', key: 'k' },
    });
    expect(env.TOOLHIVE_SECRET_HEADER_FORWARD_X_ORG_ID_MY_PROXY).toEqual({
      secretKeyRef: { name: 'org', key: 'id' },
    });
    expect(runConfigOf(objects, 'my-proxy').header_forward).toEqual({
      add_plaintext_headers: { 'X-Tenant': 'platform' },
      add_headers_from_secret: {
        'X-Api-Key': 'HEADER_FORWARD_X_API_KEY_MY_PROXY',
        'X-Org.Id': 'HEADER_FORWARD_X_ORG_ID_MY_PROXY',
      },
    });
  });

  it('passes a bearer token as TOOLHIVE_SECRET_<secret> (GenerateBearerTokenEnvVar)', () => {
    const objects = render(proxy('b', { externalAuthConfigRef: { name: 'bearer' } }), [
      ref('MCPExternalAuthConfig', 'bearer', {
        type: 'bearerToken',
        bearerToken: { tokenSecretRef: { name: 'upstream-token', key: 'token' } },
      }),
    ]);
    const env = envOf(pod(objects, 'b').containers[0]);
    expect(env['TOOLHIVE_SECRET_upstream-token']).toEqual({
      secretKeyRef: { name: 'upstream-token', key: 'token' },
    });
    expect(env.TOOLHIVE_SECRETS_PROVIDER).toBe('environment');
    // addBearerTokenConfig: the CLI secret format, resolved from that env var.
    expect(runConfigOf(objects, 'b').remote_auth_config).toEqual({
      bearer_token: 'upstream-token,target=bearer_token',
    });
  });

  it('mounts authz, OIDC and telemetry CA bundles like the MCPServer proxy', () => {
    const objects = render(
      proxy('m', {
        oidcConfigRef: { name: 'idp', audience: 'a' },
        telemetryConfigRef: { name: 'otel' },
        authzConfig: { type: 'inline', inline: { policies: ['permit(principal, action, resource);'] } },
      }),
      [
        ref('MCPOIDCConfig', 'idp', {
          type: 'inline',
          inline: { issuer: 'https://idp.example.com', caBundleRef: { configMapRef: { name: 'idp-ca' } } },
        }),
        ref('MCPTelemetryConfig', 'otel', {
          openTelemetry: { enabled: true, caBundleRef: { configMapRef: { name: 'otel-ca' } } },
        }),
      ],
    );
    const names = pod(objects, 'm').volumes.map((v: Json) => v.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'runconfig',
        'authz-config',
        'oidc-ca-bundle-idp-ca',
        'otel-ca-bundle-otel-ca',
      ]),
    );
    expect(find(objects, 'ConfigMap', 'm-authz-inline').metadata.labels).toEqual({
      ...labelsForMCPRemoteProxy('m'),
      'toolhive.stacklok.io/authz': 'inline',
    });
  });

  it('hashes the user podTemplateSpec as checksum.HashRawJSON does and merges it strategically', () => {
    const podTemplateSpec = {
      spec: { containers: [{ name: 'toolhive', resources: { limits: { memory: '1Gi' } } }] },
      metadata: { annotations: { note: 'a<b&c' } },
    };
    const objects = render(proxy('p', { podTemplateSpec }));
    const d = find(objects, 'Deployment', 'p');
    // Go's json.Marshal: keys sorted, `<`, `>` and `&` escaped as \u003c, \u003e and \u0026.
    const goJson =
      '{"metadata":{"annotations":{"note":"a\\u003cb\\u0026c"}},"spec":{"containers":[{"name":"toolhive","resources":{"limits":{"memory":"1Gi"}}}]}}';
    expect(d.metadata.annotations['toolhive.stacklok.io/podtemplatespec-hash']).toBe(
      createHash('sha256').update(goJson).digest('hex'),
    );
    expect(d.spec.template.metadata.annotations.note).toBe('a<b&c');
    expect(d.spec.template.spec.containers[0].resources).toEqual({ limits: { memory: '1Gi' } });
    expect(d.spec.template.spec.containers[0].name).toBe('toolhive');
  });

  it('keeps an explicit sessionStorage from falling back to the cluster Redis (populateScalingConfigForRemoteProxy)', () => {
    const opts = { defaultRedis: { address: 'redis.shared:6379', secretName: 'shared-redis' } };
    const memory = render(proxy('mem', { sessionStorage: { provider: 'memory' } }), [], opts);
    expect(runConfigOf(memory, 'mem').scaling_config).toBeUndefined();
    expect(envOf(pod(memory, 'mem').containers[0]).THV_SESSION_REDIS_PASSWORD).toBeUndefined();
    const unset = render(proxy('def', {}), [], opts);
    expect(runConfigOf(unset, 'def').scaling_config).toEqual({
      session_redis: { address: 'redis.shared:6379' },
    });
    const own = render(
      proxy('own', { sessionStorage: { provider: 'redis', address: 'r:6379', db: 2, keyPrefix: 'p:' } }),
      [],
      opts,
    );
    expect(runConfigOf(own, 'own').scaling_config).toEqual({
      session_redis: { address: 'r:6379', db: 2, key_prefix: 'p:' },
    });
  });
});
