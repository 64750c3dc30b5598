/**
 * A held-out set: the resources of ToolHive's chainsaw end-to-end scenarios
 * (test/e2e/chainsaw/operator/{single,multi}-tenancy/test-scenarios), written here as plain CR
 * YAML and rendered the way `toolhive-ts render` does. Each scenario's asserts on the objects
 * the operator and the proxy runner create are checked with chainsaw's semantics: every field
 * given must be present and equal, arrays compare by position and length. Status fields are the
 * operator's, not the render's, so they are not asserted here.
 */
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { renderAll } from '../../constructs/render.ts';
import type { KubeObject } from '../../lib/api/meta.ts';
import { ObjectIndex } from '../../lib/resolve/source.ts';
import type { Json } from './helpers.ts';

function render(yaml: string): KubeObject[] {
  const input = parseAllDocuments(yaml)
    .map((d) => d.toJS())
    .filter((d) => d !== null) as KubeObject[];
  const { rendered, failures } = renderAll(input, new ObjectIndex(input, 'default'));
  expect(failures).toEqual([]);
  return rendered.flatMap((r) => r.objects);
}

/** Chainsaw's assert: `expected` is a partial object; arrays must match in length and order. */
function matches(actual: Json, expected: Json, path = ''): string[] {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length)
      return [`${path}: expected an array of ${expected.length}, got ${JSON.stringify(actual)}`];
    return expected.flatMap((e, i) => matches(actual[i], e, `${path}[${i}]`));
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') return [`${path}: missing`];
    return Object.entries(expected).flatMap(([k, v]) => matches(actual[k], v, `${path}.${k}`));
  }
  return actual === expected
    ? []
    : [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
}

function assertObject(objects: KubeObject[], expected: Json): void {
  const found = objects.find(
    (o) =>
      o.kind === expected.kind &&
      o.apiVersion === expected.apiVersion &&
      o.metadata.name === expected.metadata.name &&
      o.metadata.namespace === expected.metadata.namespace,
  );
  expect(found, `${expected.kind} ${expected.metadata.namespace}/${expected.metadata.name}`).toBeDefined();
  expect(matches(found, expected)).toEqual([]);
}

const YARDSTICK = 'ghcr.io/stackloklabs/yardstick/yardstick-server:1.1.1';

function mcpServer(name: string, ns: string, spec: string): string {
  return `apiVersion: toolhive.stacklok.dev/v1beta1
kind: MCPServer
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  image: ${YARDSTICK}
  permissionProfile:
    type: builtin
    name: network
  resources:
    limits: {cpu: 100m, memory: 128Mi}
    requests: {cpu: 50m, memory: 64Mi}
${spec}`;
}

/** common/proxyrunner-{role,rolebinding,serviceaccount}.yaml, with ToolHive's six rules. */
function proxyRunnerRbac(objects: KubeObject[], prefix: string, ns: string): void {
  assertObject(objects, {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name: `${prefix}-proxy-runner`, namespace: ns },
  });
  assertObject(objects, {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: `${prefix}-proxy-runner`, namespace: ns },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: `${prefix}-proxy-runner` },
    subjects: [{ kind: 'ServiceAccount', name: `${prefix}-proxy-runner`, namespace: ns }],
  });
  // The Role exists under ToolHive's name; its rules are deliberately narrower (the chart
  // renders the StatefulSet and Services the runner would create), so chainsaw's exact rule
  // list is not ours: see docs/constructs.md.
  assertObject(objects, {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: { name: `${prefix}-proxy-runner`, namespace: ns },
  });
}

/** common/proxy-svc-loadbalancer.yaml selects the proxy pods by these three labels. */
function loadBalancerSelectsProxy(objects: KubeObject[], prefix: string, ns: string): void {
  const selector = {
    app: 'mcpserver',
    'app.kubernetes.io/name': 'mcpserver',
    'app.kubernetes.io/instance': prefix,
  };
  const d = objects.find(
    (o) => o.kind === 'Deployment' && o.metadata.name === prefix && o.metadata.namespace === ns,
  ) as Json;
  expect(d.spec.template.metadata.labels).toMatchObject(selector);
  expect(d.spec.template.spec.containers[0].ports).toContainEqual({
    containerPort: 8080,
    name: 'http',
    protocol: 'TCP',
  });
}

function backendServices(objects: KubeObject[], name: string, ns: string): void {
  assertObject(objects, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: `mcp-${name}-headless`, namespace: ns },
  });
  assertObject(objects, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: `mcp-${name}`, namespace: ns },
    spec: {
      type: 'ClusterIP',
      sessionAffinity: 'ClientIP',
      sessionAffinityConfig: { clientIP: { timeoutSeconds: 1800 } },
    },
  });
}

describe('single-tenancy scenarios (namespace toolhive-system)', () => {
  const ns = 'toolhive-system';

  it('sse (st-sse, with its own service account)', () => {
    const objects = render(
      mcpServer(
        'st-sse',
        ns,
        `  transport: sse
  serviceAccount: st-sse-sa
  env: [{name: TRANSPORT, value: sse}]
  proxyPort: 8080
  mcpPort: 8080`,
      ),
    );
    assertObject(objects, {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'st-sse', namespace: ns },
      spec: { template: { spec: { serviceAccountName: 'st-sse-sa' } } },
    });
    backendServices(objects, 'st-sse', ns);
    assertObject(objects, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'st-sse', namespace: ns },
    });
    assertObject(objects, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'mcp-st-sse-proxy', namespace: ns },
    });
    proxyRunnerRbac(objects, 'st-sse', ns);
    loadBalancerSelectsProxy(objects, 'st-sse', ns);
  });

  it('streamable-http (st-streamable-http, the operator-created <name>-sa)', () => {
    const objects = render(
      mcpServer(
        'st-streamable-http',
        ns,
        `  transport: streamable-http
  env: [{name: TRANSPORT, value: streamable-http}]
  proxyPort: 8080
  mcpPort: 8080`,
      ),
    );
    assertObject(objects, {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'st-streamable-http', namespace: ns },
      spec: { template: { spec: { serviceAccountName: 'st-streamable-http-sa' } } },
    });
    assertObject(objects, {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'st-streamable-http-sa', namespace: ns },
    });
    backendServices(objects, 'st-streamable-http', ns);
    assertObject(objects, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'mcp-st-streamable-http-proxy', namespace: ns },
    });
    proxyRunnerRbac(objects, 'st-streamable-http', ns);
    loadBalancerSelectsProxy(objects, 'st-streamable-http', ns);
  });

  it.each([
    ['st-stdio', 'sse'],
    ['st-stdio-streamable-http', 'streamable-http'],
  ])('%s (stdio, proxyMode %s): no backend Services', (name, proxyMode) => {
    const objects = render(
      mcpServer(name, ns, `  transport: stdio\n  proxyMode: ${proxyMode}\n  proxyPort: 8080`),
    );
    assertObject(objects, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: `mcp-${name}-proxy`, namespace: ns },
    });
    assertObject(objects, { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name, namespace: ns } });
    expect(objects.filter((o) => o.kind === 'Service').map((o) => o.metadata.name)).toEqual([
      `mcp-${name}-proxy`,
    ]);
    proxyRunnerRbac(objects, name, ns);
    loadBalancerSelectsProxy(objects, name, ns);
  });

  it('pod-annotations: the StatefulSet template carries the podTemplateSpec annotations', () => {
    const objects = render(
      mcpServer(
        'st-pod-annotations',
        ns,
        `  transport: stdio
  proxyMode: sse
  podTemplateSpec:
    metadata:
      annotations:
        test.toolhive.stacklok.dev/custom-annotation: custom-value-123
        prometheus.io/scrape: "true"
        prometheus.io/port: "9090"`,
      ),
    );
    assertObject(objects, {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'st-pod-annotations', namespace: ns },
      spec: {
        template: {
          metadata: {
            annotations: {
              'test.toolhive.stacklok.dev/custom-annotation': 'custom-value-123',
              'prometheus.io/scrape': 'true',
              'prometheus.io/port': '9090',
            },
          },
        },
      },
    });
  });

  it('mcpwebhookconfig: renders once the referenced v1alpha1 MCPWebhookConfig exists', () => {
    const objects = render(`${mcpServer(
      'missing-webhook-server',
      ns,
      `  transport: streamable-http
  proxyPort: 8080
  mcpPort: 8080
  webhookConfigRef: {name: non-existent-webhook-config}`,
    )}
---
apiVersion: toolhive.stacklok.dev/v1alpha1
kind: MCPWebhookConfig
metadata: {name: non-existent-webhook-config, namespace: ${ns}}
spec:
  validating: [{name: validate-1, url: "https://validate.example.com"}]
  mutating: [{name: mutate-1, url: "https://mutate.example.com"}]`);
    const rc = JSON.parse(
      (objects.find((o) => o.metadata.name === 'missing-webhook-server-runconfig') as Json).data[
        'runconfig.json'
      ],
    );
    expect(rc.validating_webhooks.map((w: Json) => w.name)).toEqual(['validate-1']);
    expect(rc.mutating_webhooks.map((w: Json) => w.name)).toEqual(['mutate-1']);
  });

  it.each([
    ['st-embedding-basic', ''],
    ['st-embedding-cache', '  modelCache: {enabled: true, size: "5Gi", accessMode: ReadWriteOnce}\n'],
  ])('embeddingserver %s: StatefulSet, Service ClusterIP 8080 -> 8080', (name, extra) => {
    const objects = render(`apiVersion: toolhive.stacklok.dev/v1beta1
kind: EmbeddingServer
metadata: {name: ${name}, namespace: ${ns}}
spec:
  model: sentence-transformers/paraphrase-MiniLM-L3-v2
  image: ghcr.io/huggingface/text-embeddings-inference:cpu-latest
  imagePullPolicy: IfNotPresent
  port: 8080
  replicas: 1
  env: [{name: RUST_LOG, value: info}]
${extra}`);
    assertObject(objects, { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name, namespace: ns } });
    const svc = objects.find((o) => o.kind === 'Service' && o.metadata.name === name) as Json;
    // chainsaw: type ClusterIP (the API default when unset) and ports [{port: 8080, targetPort: 8080}].
    expect(svc.spec.type ?? 'ClusterIP').toBe('ClusterIP');
    expect(matches(svc, { spec: { ports: [{ port: 8080, targetPort: 8080 }] } })).toEqual([]);
    if (extra) {
      // The claim the scenario waits for is model-cache-<name>-0, from the template `model-cache`.
      const sts = objects.find((o) => o.kind === 'StatefulSet') as Json;
      expect(sts.spec.volumeClaimTemplates[0].metadata.name).toBe('model-cache');
      expect(sts.spec.template.metadata.labels['app.kubernetes.io/instance']).toBe(name);
    }
  });

  it('vmcp/basic: a VirtualMCPServer with OIDC incoming auth renders', () => {
    const objects = render(`apiVersion: toolhive.stacklok.dev/v1beta1
kind: MCPGroup
metadata: {name: test-group, namespace: vmcp-crd}
---
apiVersion: toolhive.stacklok.dev/v1beta1
kind: MCPOIDCConfig
metadata: {name: test-vmcp-oidc, namespace: vmcp-crd}
spec: {type: inline, inline: {issuer: "https://auth.example.com"}}
---
apiVersion: toolhive.stacklok.dev/v1beta1
kind: VirtualMCPServer
metadata: {name: test-vmcp, namespace: vmcp-crd}
spec:
  groupRef: {name: test-group}
  config: {aggregation: {conflictResolution: prefix}}
  incomingAuth: {type: oidc, oidcConfigRef: {name: test-vmcp-oidc, audience: virtual-mcp}}
  outgoingAuth: {source: discovered}`);
    assertObject(objects, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'test-vmcp', namespace: 'vmcp-crd' },
    });
    assertObject(objects, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'vmcp-test-vmcp', namespace: 'vmcp-crd' },
      spec: { ports: [{ name: 'http', port: 4483, targetPort: 4483, protocol: 'TCP' }] },
    });
    assertObject(objects, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'test-vmcp-vmcp-config', namespace: 'vmcp-crd' },
    });
  });
});

describe('multi-tenancy scenarios (MCPServer yardstick in test-namespace)', () => {
  const ns = 'test-namespace';
  it.each([
    ['sse', 'transport: sse', true],
    ['stdio', 'transport: stdio\n  proxyMode: sse', false],
    ['stdio-streamable-http', 'transport: stdio\n  proxyMode: streamable-http', false],
    ['streamable-http', 'transport: streamable-http', true],
  ])('%s', (_, transport, http) => {
    const objects = render(mcpServer('yardstick', ns, `  ${transport}\n  proxyPort: 8080\n  mcpPort: 8080`));
    assertObject(objects, {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'yardstick', namespace: ns },
    });
    assertObject(objects, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'yardstick', namespace: ns },
    });
    assertObject(objects, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'mcp-yardstick-proxy', namespace: ns },
    });
    if (http) backendServices(objects, 'yardstick', ns);
    proxyRunnerRbac(objects, 'yardstick', ns);
    loadBalancerSelectsProxy(objects, 'yardstick', ns);
    // The scenario's script: jq -e '.schema_version and .image and .name and .transport'.
    const rc = JSON.parse(
      (objects.find((o) => o.metadata.name === 'yardstick-runconfig') as Json).data['runconfig.json'],
    );
    expect(rc.schema_version && rc.image && rc.name && rc.transport).toBeTruthy();
  });
});
