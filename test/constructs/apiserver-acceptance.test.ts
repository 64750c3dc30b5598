/**
 * Would a real API server accept what we render? The OpenAPI schema check (k8s-schema.ts) covers
 * types and unknown fields; `lib/k8s/acceptance.ts` covers what it misses: names per kind, label
 * and annotation syntax, selectors against templates, ports, env, volumes, probes, RBAC, and the
 * API versions of Kubernetes 1.26. This suite first pins the checker to verdicts of the
 * Kubernetes validation code, then runs both checks over everything in dist/, `render` of every
 * file in examples/, a matrix of chart options, and workload names at and past their limits.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { readObjects } from '../../cli/render.ts';
import {
  renderAll,
  renderEmbeddingServer,
  renderMcpRemoteProxy,
  renderMcpServer,
  renderRegistry,
  renderVirtualMcpServer,
} from '../../constructs/render.ts';
import type { KubeObject } from '../../lib/api/meta.ts';
import { acceptanceProblems, acceptanceReport } from '../../lib/k8s/acceptance.ts';
import { ObjectIndex } from '../../lib/resolve/source.ts';
import { validateResource as validateCustomResource } from '../../lib/validate/index.ts';
import { k8sSchemaProblems } from '../support/k8s-schema.ts';
import { apiVersion, find, type Json } from './helpers.ts';

const root = join(import.meta.dirname, '..', '..');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((e) => {
      const p = join(dir, e);
      return statSync(p).isDirectory() ? yamlFiles(p) : p.endsWith('.yaml') ? [p] : [];
    });
}

/**
 * Everything an API server dry run would object to: the OpenAPI schema of a built-in kind, or
 * our CRDs' schema and CEL rules for a custom resource, and the acceptance rules.
 */
function problems(objects: readonly Json[]): string[] {
  return objects.flatMap((o) => {
    const schema = o.apiVersion?.startsWith('toolhive.stacklok.dev/')
      ? validateCustomResource(o).errors.map((e) => e.message)
      : k8sSchemaProblems(o);
    return [...schema.map((m) => `${o.kind}/${o.metadata?.name}: ${m}`), ...acceptanceReport(o)];
  });
}

const messages = (obj: Json) => acceptanceProblems(obj).map((p) => `${p.severity}: ${p.message}`);

const pod = (extra: Json = {}) => ({
  metadata: { labels: { app: 'a' } },
  spec: { containers: [{ name: 'c', image: 'i', ...extra }] },
});
const deployment = (template: Json = pod(), selector: Json = { matchLabels: { app: 'a' } }) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'd', namespace: 'ns' },
  spec: { selector, template },
});
const service = (name: string, spec: Json = { ports: [{ name: 'http', port: 80 }] }) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'ns' },
  spec,
});

describe('the acceptance checker agrees with Kubernetes 1.26 validation', () => {
  it('accepts valid objects', () => {
    expect(messages(deployment())).toEqual([]);
    expect(messages(service('mcp-fetch-proxy'))).toEqual([]);
  });

  it('requires Service names to be DNS-1035 labels (ValidateServiceName)', () => {
    expect(messages(service(`mcp-${'a'.repeat(60)}`))).toEqual([
      `rejected: metadata.name: Invalid value: "mcp-${'a'.repeat(60)}": must be no more than 63 characters`,
    ]);
    expect(messages(service('1password'))[0]).toMatch(/start with an alphabetic character/);
    expect(messages(service('a.b'))[0]).toMatch(/DNS-1035 label/);
  });

  it('checks label keys and values on objects, templates and selectors (ValidateLabels)', () => {
    const long = 'x'.repeat(64);
    const d = deployment({ metadata: { labels: { app: 'a', team: long } }, spec: pod().spec });
    expect(messages(d)).toEqual([
      `rejected: spec.template.metadata.labels: Invalid value: "${long}": must be no more than 63 characters`,
    ]);
    expect(messages({ ...service('s'), metadata: { name: 's', labels: { 'bad key!': 'v' } } })[0]).toMatch(
      /^rejected: metadata.labels: Invalid value: "bad key!": name part must consist of/,
    );
  });

  it('rejects a template whose labels do not match the selector (ValidateDeploymentSpec)', () => {
    const m = messages(deployment(pod(), { matchLabels: { app: 'b' } }));
    expect(m).toHaveLength(1);
    expect(m[0]).toMatch(
      /^rejected: spec.template.metadata.labels: Invalid value: .*`selector` does not match template `labels`$/,
    );
  });

  it('checks container port names (IsValidPortName) and numbers', () => {
    const m = messages(deployment(pod({ ports: [{ name: 'metrics-exporter-port', containerPort: 70000 }] })));
    expect(m).toContain(
      'rejected: spec.template.spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
    );
    expect(m).toContain(
      'rejected: spec.template.spec.containers[0].ports[0].name: Invalid value: "metrics-exporter-port": must be no more than 15 characters',
    );
  });

  it('checks env var names with v1.26’s rule (IsEnvVarName) and flags duplicates', () => {
    const m = messages(
      deployment(
        pod({
          env: [
            { name: '1X', value: 'a' },
            { name: 'A', value: 'b' },
            { name: 'A', value: 'c' },
          ],
        }),
      ),
    );
    expect(m[0]).toMatch(
      /^rejected: spec.template.spec.containers\[0\].env\[0\].name: Invalid value: "1X": a valid environment variable name/,
    );
    expect(m[1]).toBe('warning: spec.template.spec.containers[0].env[2].name: Duplicate value: "A"');
  });

  it('checks volume names, mounts and items (ValidateVolumes, ValidateVolumeMounts)', () => {
    const template = {
      ...pod({ volumeMounts: [{ name: 'missing', mountPath: '/m' }] }),
      spec: {
        ...pod().spec,
        containers: [{ name: 'c', image: 'i', volumeMounts: [{ name: 'missing', mountPath: '/m' }] }],
        volumes: [
          { name: 'v', emptyDir: {} },
          { name: 'v', configMap: { name: 'cm', items: [{ key: 'k', path: '../x' }] } },
        ],
      },
    };
    const m = messages(deployment(template));
    expect(m).toContain('rejected: spec.template.spec.volumes[1].name: Duplicate value: "v"');
    expect(m).toContain(
      'rejected: spec.template.spec.volumes[1].configMap.items[0].path: Invalid value: "../x": must not contain \'..\'',
    );
    expect(m).toContain(
      'rejected: spec.template.spec.containers[0].volumeMounts[0].name: Not found: "missing"',
    );
  });

  it('checks Service ports: names when several, duplicates, target ports (ValidateService)', () => {
    const m = messages(
      service('s', {
        ports: [
          { port: 80, targetPort: 'http' },
          { name: 'b', port: 80, targetPort: 'x--y' },
        ],
      }),
    );
    expect(m).toContain('rejected: spec.ports[0].name: Required value');
    expect(m).toContain('rejected: spec.ports[1]: Duplicate value: "80/TCP"');
    expect(m).toContain(
      'rejected: spec.ports[1].targetPort: Invalid value: "x--y": must not contain consecutive hyphens',
    );
  });

  it('knows which API versions Kubernetes 1.26 serves', () => {
    for (const [v, k] of [
      ['extensions/v1beta1', 'Ingress'],
      ['policy/v1beta1', 'PodSecurityPolicy'],
      ['autoscaling/v2beta2', 'HorizontalPodAutoscaler'],
      ['batch/v1beta1', 'CronJob'],
      ['toolhive.stacklok.dev/v1beta1', 'MCPWebhookConfig'],
    ])
      expect(messages({ apiVersion: v, kind: k, metadata: { name: 'x' } })[0]).toMatch(
        /is registered for version/,
      );
    expect(messages({ apiVersion, kind: 'MCPServer', metadata: { name: 'x', namespace: 'ns' } })).toEqual([]);
  });

  it('flags RBAC rules on resources that do not exist, which grant nothing', () => {
    const role = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'r', namespace: 'ns' },
      rules: [{ apiGroups: ['apps'], resources: ['statefulset'], verbs: ['get', 'lsit'] }],
    };
    const m = messages(role);
    expect(m.some((x) => x.startsWith('broken: rules[0].verbs: Unsupported value: "lsit"'))).toBe(true);
    expect(m.some((x) => x.startsWith('broken: rules[0].resources: Unsupported value: "statefulset"'))).toBe(
      true,
    );
  });

  it('flags StatefulSet names whose pods could not be labelled (controller-revision-hash ≤ 63)', () => {
    const sts = {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'a'.repeat(53), namespace: 'ns' },
      spec: { serviceName: 's', selector: { matchLabels: { app: 'a' } }, template: pod() },
    };
    expect(messages(sts)[0]).toMatch(/^broken: metadata.name: .*must be no more than 52 characters/);
    expect(messages({ ...sts, metadata: { name: 'a'.repeat(52), namespace: 'ns' } })).toEqual([]);
  });
});

describe('everything in dist/ is accepted', () => {
  const files = yamlFiles(join(root, 'dist'));

  it.each(files.map((f) => f.slice(root.length + 1)))('%s', (file) => {
    const objects = parseAllDocuments(readFileSync(join(root, file), 'utf8'))
      .map((d) => d.toJS())
      .filter((d) => d !== null);
    expect(objects.length).toBeGreaterThan(0);
    // CRDs are checked by the CRD schema tests; the rest by both checks here.
    expect(problems(objects.filter((o) => o.kind !== 'CustomResourceDefinition'))).toEqual([]);
    for (const o of objects.filter((x) => x.kind === 'CustomResourceDefinition'))
      expect(acceptanceReport(o), o.metadata.name).toEqual([]);
  });
});

describe('render of every examples/ file is accepted', () => {
  /** Examples using features toolhive-ts does not render yet (test/cli/render.test.ts). */
  const UNSUPPORTED = new Set<string>([]);
  const files = yamlFiles(join(root, 'examples')).map((f) => f.slice(root.length + 1));

  it.each(files)('%s', (file) => {
    const input = readObjects(join(root, file));
    const { rendered, failures } = renderAll(input, new ObjectIndex(input, 'default'));
    if (UNSUPPORTED.has(file)) {
      expect(failures.length).toBeGreaterThan(0);
      return;
    }
    expect(failures).toEqual([]);
    // The custom resources themselves, as kubectl would apply them.
    expect(
      input.flatMap((o) => acceptanceReport({ ...o, metadata: { namespace: 'default', ...o.metadata } })),
    ).toEqual([]);
    expect(problems(rendered.flatMap((r) => r.objects))).toEqual([]);
  });
});

const NS = 'acceptance';
const cr = (kind: string, name: string, spec: Json) => ({
  apiVersion,
  kind,
  metadata: { name, namespace: NS },
  spec,
});

describe('a matrix of chart options renders only acceptable objects', () => {
  const refs = [
    cr('MCPOIDCConfig', 'idp', {
      type: 'inline',
      inline: {
        issuer: 'https://idp.example.com',
        clientSecretRef: { name: 'idp', key: 'secret' },
        caBundleRef: { configMapRef: { name: 'idp-ca' } },
      },
    }),
    cr('MCPTelemetryConfig', 'otel', {
      openTelemetry: {
        enabled: true,
        endpoint: 'otel:4318',
        sensitiveHeaders: [{ name: 'x-api-key', secretKeyRef: { name: 'otel', key: 'k' } }],
        caBundleRef: { configMapRef: { name: 'otel-ca' } },
      },
    }),
    cr('MCPToolConfig', 'tools', { toolsFilter: ['a'] }),
    cr('MCPWebhookConfig', 'hooks', {
      validating: [
        {
          name: 'policy',
          url: 'https://hooks.example.com/v',
          hmacSecretRef: { name: 'hook', key: 'hmac' },
          tlsConfig: {
            caSecretRef: { name: 'hook', key: 'ca' },
            clientCertSecretRef: { name: 'hook', key: 'crt' },
            clientKeySecretRef: { name: 'hook', key: 'key' },
          },
        },
      ],
    }),
  ].map((o) => (o.kind === 'MCPWebhookConfig' ? { ...o, apiVersion: 'toolhive.stacklok.dev/v1alpha1' } : o));

  const servers: Array<[string, Json]> = [];
  for (const transport of ['stdio', 'sse', 'streamable-http'])
    for (const proxyMode of ['sse', 'streamable-http'])
      servers.push([
        `${transport}/${proxyMode}`,
        {
          image: 'ghcr.io/example/server:1',
          transport,
          proxyMode,
          replicas: 2,
          backendReplicas: 2,
          oidcConfigRef: { name: 'idp', audience: 'a' },
          telemetryConfigRef: { name: 'otel' },
          toolConfigRef: { name: 'tools' },
          webhookConfigRef: { name: 'hooks' },
          authzConfig: { type: 'inline', inline: { policies: ['permit(principal, action, resource);'] } },
          permissionProfile: { type: 'configmap', name: 'profiles', key: 'p.json' },
          secrets: [{ name: 's', key: 'k', targetEnvName: 'TOKEN' }],
          env: [{ name: 'LOG', value: 'x' }],
          volumes: [{ name: 'data', hostPath: '/srv', mountPath: '/data' }],
          sessionStorage: { provider: 'redis', address: 'r:6379', passwordRef: { name: 'r', key: 'p' } },
          resourceOverrides: {
            proxyDeployment: {
              labels: { team: 'a' },
              podTemplateMetadataOverrides: { annotations: { note: 'x' } },
              env: [{ name: 'EXTRA', value: '1' }],
              imagePullSecrets: [{ name: 'regcred' }],
            },
            proxyService: { annotations: { lb: 'internal' } },
          },
          podTemplateSpec: {
            metadata: { labels: { team: 'a' } },
            spec: {
              containers: [{ name: 'mcp', resources: { limits: { memory: '1Gi' } } }],
              volumes: [{ name: 'cache', emptyDir: {} }],
            },
          },
        },
      ]);

  it.each(servers)('MCPServer %s', (_, spec) => {
    const objects = renderMcpServer({
      server: cr('MCPServer', 'matrix', spec) as never,
      references: refs as never,
      defaultImagePullSecrets: ['cluster'],
      defaultRedis: { address: 'redis:6379', secretName: 'redis' },
    });
    expect(problems(objects)).toEqual([]);
  });

  it('MCPRemoteProxy with header forwarding, auth and a pod template', () => {
    const objects = renderMcpRemoteProxy({
      proxy: cr('MCPRemoteProxy', 'remote', {
        remoteUrl: 'https://mcp.example.com/mcp',
        oidcConfigRef: { name: 'idp', audience: 'a' },
        telemetryConfigRef: { name: 'otel' },
        headerForward: {
          addPlaintextHeaders: { 'X-T': 'a' },
          addHeadersFromSecret: [{ headerName: 'X-Org.Id', valueSecretRef: { name: 'h', key: 'k' } }],
        },
        podTemplateSpec: { spec: { tolerations: [{ key: 'k', operator: 'Exists' }] } },
      }) as never,
      references: refs as never,
    });
    expect(problems(objects)).toEqual([]);
  });

  it('VirtualMCPServer with every member kind and auth source', () => {
    const objects = renderVirtualMcpServer({
      server: cr('VirtualMCPServer', 'gw', {
        groupRef: { name: 'g' },
        incomingAuth: { type: 'oidc', oidcConfigRef: { name: 'idp', audience: 'a' } },
        telemetryConfigRef: { name: 'otel' },
        serviceType: 'LoadBalancer',
        imagePullSecrets: [{ name: 'regcred' }],
      }) as never,
      references: [
        ...refs,
        cr('MCPGroup', 'g', {}),
        cr('MCPServer', 's1', { image: 'i', groupRef: { name: 'g' }, externalAuthConfigRef: { name: 'te' } }),
        cr('MCPRemoteProxy', 'r1', { remoteUrl: 'https://r.example.com', groupRef: { name: 'g' } }),
        cr('MCPServerEntry', `e${'x'.repeat(60)}`, {
          remoteUrl: 'https://e.example.com',
          transport: 'sse',
          groupRef: { name: 'g' },
          caBundleRef: { configMapRef: { name: 'e-ca' } },
          headerForward: {
            addHeadersFromSecret: [{ headerName: 'X-Key', valueSecretRef: { name: 'e', key: 'k' } }],
          },
        }),
        cr('MCPExternalAuthConfig', 'te', {
          type: 'tokenExchange',
          tokenExchange: { tokenUrl: 'https://sts.example.com', clientSecretRef: { name: 'te', key: 'cs' } },
        }),
      ] as never,
    });
    expect(problems(objects)).toEqual([]);
  });

  it('EmbeddingServer with cache and overrides, and MCPRegistry with pgpass', () => {
    expect(
      problems(
        renderEmbeddingServer({
          server: cr('EmbeddingServer', 'emb', {
            modelCache: { enabled: true },
            resourceOverrides: { statefulSet: { labels: { team: 'ml' } } },
          }) as never,
        }),
      ),
    ).toEqual([]);
    expect(
      problems(
        renderRegistry({
          registry: cr('MCPRegistry', 'reg', {
            configYAML: 'a: 1',
            pgpassSecretRef: { name: 'pg', key: '.pgpass' },
          }) as never,
        }),
      ),
    ).toEqual([]);
  });
});

/**
 * The longest name each workload kind can take: ToolHive derives longer names from it
 * (`mcp-<name>-headless` and friends, label values, StatefulSet pod labels). ToolHive does not
 * check them; the API server then rejects the derived object at reconcile time. We fail render.
 */
describe('workload names at and past the longest the derived objects allow', () => {
  const name = (n: number) => `w${'x'.repeat(n - 1)}`;
  const cases: Array<[string, number, (n: string) => KubeObject[]]> = [
    [
      'MCPServer (HTTP: mcp-<name>-headless)',
      50,
      (n) =>
        renderMcpServer({
          server: cr('MCPServer', n, { image: 'i', transport: 'streamable-http' }) as never,
        }),
    ],
    [
      'MCPServer (stdio: StatefulSet <name>)',
      52,
      (n) => renderMcpServer({ server: cr('MCPServer', n, { image: 'i', transport: 'stdio' }) as never }),
    ],
    [
      'MCPRemoteProxy (mcp-<name>-remote-proxy)',
      46,
      (n) =>
        renderMcpRemoteProxy({
          proxy: cr('MCPRemoteProxy', n, { remoteUrl: 'https://x.example.com' }) as never,
        }),
    ],
    [
      'VirtualMCPServer (vmcp-<name>)',
      58,
      (n) =>
        renderVirtualMcpServer({
          server: cr('VirtualMCPServer', n, {
            groupRef: { name: 'g' },
            incomingAuth: { type: 'anonymous' },
          }) as never,
          references: [cr('MCPGroup', 'g', {})] as never,
        }),
    ],
    [
      'MCPRegistry (label <name>-registry-api)',
      50,
      (n) => renderRegistry({ registry: cr('MCPRegistry', n, { configYAML: 'a: 1' }) as never }),
    ],
    [
      'EmbeddingServer (StatefulSet <name>)',
      52,
      (n) => renderEmbeddingServer({ server: cr('EmbeddingServer', n, {}) as never }),
    ],
  ];

  it.each(cases)('%s: %i characters', (_, max, render) => {
    expect(problems(render(name(max)))).toEqual([]);
    expect(() => render(name(max + 1))).toThrow(`Shorten metadata.name to at most ${max} characters.`);
    expect(() => render(name(63))).toThrow(/would not accept/);
  });

  it('reports every derived object that is too long, with the API server’s words', () => {
    const n = name(63);
    expect(() =>
      renderMcpServer({ server: cr('MCPServer', n, { image: 'i', transport: 'sse' }) as never }),
    ).toThrow(
      `Service "mcp-${n}-headless": metadata.name: Invalid value: "mcp-${n}-headless": must be no more than 63 characters`,
    );
  });

  it('rejects a name the API server takes for the resource but not for its Service', () => {
    expect(() => renderEmbeddingServer({ server: cr('EmbeddingServer', '1embed', {}) as never })).toThrow(
      /Service "1embed": metadata.name: Invalid value: "1embed": a DNS-1035 label/,
    );
  });
});

/**
 * Fields the API server refuses to change on update: a StatefulSet's selector, serviceName and
 * volumeClaimTemplates, a Deployment's selector. They must depend on the resource's name only,
 * or a spec change would make every later apply fail.
 */
describe('immutable fields depend only on the resource name', () => {
  const variants: Json[] = [
    { image: 'a', transport: 'stdio' },
    { image: 'b', transport: 'sse', proxyPort: 9000, mcpPort: 9001, replicas: 3, backendReplicas: 2 },
    {
      image: 'c',
      transport: 'streamable-http',
      serviceAccount: 'x',
      podTemplateSpec: { metadata: { labels: { team: 'z' } } },
      resourceOverrides: {
        proxyDeployment: { labels: { a: 'b' }, podTemplateMetadataOverrides: { labels: { c: 'd' } } },
      },
    },
  ];

  it('MCPServer: Deployment selector, StatefulSet selector and serviceName', () => {
    const fields = variants.map((spec) => {
      const objects = renderMcpServer({ server: cr('MCPServer', 'same', spec) as never });
      const sts = find(objects, 'StatefulSet', 'same');
      return {
        deployment: find(objects, 'Deployment', 'same').spec.selector,
        sts: sts.spec.selector,
        serviceName: sts.spec.serviceName,
        claims: sts.spec.volumeClaimTemplates,
      };
    });
    for (const f of fields) expect(f).toEqual(fields[0]);
  });

  it('EmbeddingServer: selector and serviceName; the model cache claim follows spec.modelCache', () => {
    // Changing modelCache (size, access mode, class) changes volumeClaimTemplates, which the API
    // server refuses on update: as in ToolHive, the StatefulSet must be recreated for it.
    const a = find(
      renderEmbeddingServer({ server: cr('EmbeddingServer', 'e', {}) as never }),
      'StatefulSet',
      'e',
    );
    const b = find(
      renderEmbeddingServer({ server: cr('EmbeddingServer', 'e', { replicas: 3, port: 9000 }) as never }),
      'StatefulSet',
      'e',
    );
    expect(b.spec.selector).toEqual(a.spec.selector);
    expect(b.spec.serviceName).toEqual(a.spec.serviceName);
    expect(b.spec.volumeClaimTemplates).toEqual(a.spec.volumeClaimTemplates);
  });
});
