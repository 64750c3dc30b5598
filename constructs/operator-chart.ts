/**
 * OperatorChart: the operator's install bundle, the equivalent of ToolHive's `toolhive-operator`
 * Helm chart, and OperatorCrdsChart, the CRDs on their own (ToolHive ships them as a separate
 * chart so they can be upgraded on their own schedule).
 *
 * Cluster scope: a ClusterRole and ClusterRoleBinding. Namespace scope: the operator watches only
 * the allow-listed namespaces (`WATCH_NAMESPACE`) and gets a Role and RoleBinding in each of them,
 * so it holds no cluster-wide rights at all.
 */
import { ApiObject, Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import { KINDS } from '../lib/api/kinds.ts';
import type { EnvVar, PolicyRule, ResourceRequirements } from '../lib/k8s/types.ts';
import { toCustomResourceDefinition } from '../lib/schema/crd.ts';
import type { KindDefinition } from '../lib/schema/kind.ts';
import { type Images, resolveImages } from '../lib/workload/images.ts';

export const OPERATOR_NAME = 'toolhive-operator';
export const MANAGER_ROLE = 'toolhive-operator-manager-role';
export const MANAGER_BINDING = 'toolhive-operator-manager-rolebinding';
export const LEADER_ELECTION_ROLE = 'toolhive-operator-leader-election-role';
export const LEADER_ELECTION_BINDING = 'toolhive-operator-leader-election-rolebinding';

export interface OperatorChartProps {
  /** Namespace the operator runs in. Default `toolhive-system`. */
  readonly namespace?: string;
  /** Render the Namespace object too. Default true. */
  readonly createNamespace?: boolean;
  /** `cluster` (default) watches every namespace; `namespace` only `namespaces`. */
  readonly scope?: 'cluster' | 'namespace';
  /** Allow-list for namespace scope. */
  readonly namespaces?: readonly string[];
  /** Images: the operator's own, and those it writes into workloads. */
  readonly images?: Partial<Images>;
  readonly replicas?: number;
  readonly resources?: ResourceRequirements;
  /** Image pull secrets for the operator pod. */
  readonly imagePullSecrets?: readonly string[];
  /** Cluster-wide pull secrets the operator adds to every workload. */
  readonly defaultImagePullSecrets?: readonly string[];
  /** Cluster-wide Redis session store for workloads that configure none. */
  readonly defaultRedis?: {
    readonly address: string;
    readonly secretName?: string;
    readonly secretKey?: string;
  };
  /** `TOOLHIVE_PROXY_HOST`. Default `0.0.0.0`. */
  readonly proxyHost?: string;
  /** Extra env vars for the operator container (the chart's own win on a name collision). */
  readonly env?: readonly EnvVar[];
  /** The storage-version migrator needs cluster scope. Default: on in cluster scope. */
  readonly storageVersionMigrator?: boolean;
  /** Also render the CRDs into this chart. Default false: use OperatorCrdsChart. */
  readonly includeCrds?: boolean;
  /** The kinds whose CRDs are rendered. Default: every kind in `lib/api`. */
  readonly kinds?: readonly KindDefinition[];
}

const ALL = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];
const READ = ['get', 'list', 'watch'];
const THV = 'toolhive.stacklok.dev';

/** ToolHive's `toolhive-operator-manager-role`, rule for rule (chainsaw compares it exactly). */
export const MANAGER_RULES: readonly PolicyRule[] = [
  {
    apiGroups: [''],
    resources: ['configmaps', 'persistentvolumeclaims', 'secrets', 'serviceaccounts', 'services'],
    verbs: ALL,
  },
  { apiGroups: [''], resources: ['pods'], verbs: READ },
  { apiGroups: [''], resources: ['pods/attach'], verbs: ['create', 'get'] },
  { apiGroups: [''], resources: ['pods/log'], verbs: ['get'] },
  { apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'], verbs: READ },
  {
    apiGroups: ['apiextensions.k8s.io'],
    resources: ['customresourcedefinitions/status'],
    verbs: ['patch', 'update'],
  },
  { apiGroups: ['apps'], resources: ['deployments', 'statefulsets'], verbs: ALL },
  { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ALL },
  { apiGroups: ['events.k8s.io'], resources: ['events'], verbs: ['create', 'patch'] },
  { apiGroups: ['gateway.networking.k8s.io'], resources: ['gateways', 'httproutes'], verbs: READ },
  { apiGroups: ['rbac.authorization.k8s.io'], resources: ['rolebindings', 'roles'], verbs: ALL },
  { apiGroups: [THV], resources: ['*'], verbs: ['get', 'list', 'update'] },
  {
    apiGroups: [THV],
    resources: [
      'embeddingservers',
      'mcpauthzconfigs',
      'mcpexternalauthconfigs',
      'mcpgroups',
      'mcpoidcconfigs',
      'mcpregistries',
      'mcpremoteproxies',
      'mcpservers',
      'mcptoolconfigs',
      'mcpwebhookconfigs',
      'virtualmcpservers',
    ],
    verbs: ALL,
  },
  {
    apiGroups: [THV],
    resources: [
      'embeddingservers/finalizers',
      'mcpauthzconfigs/finalizers',
      'mcpexternalauthconfigs/finalizers',
      'mcpgroups/finalizers',
      'mcpoidcconfigs/finalizers',
      'mcpregistries/finalizers',
      'mcpservers/finalizers',
      'mcptelemetryconfigs/finalizers',
      'mcptoolconfigs/finalizers',
      'mcpwebhookconfigs/finalizers',
    ],
    verbs: ['update'],
  },
  {
    apiGroups: [THV],
    resources: [
      'embeddingservers/status',
      'mcpauthzconfigs/status',
      'mcpexternalauthconfigs/status',
      'mcpgroups/status',
      'mcpoidcconfigs/status',
      'mcpregistries/status',
      'mcpremoteproxies/status',
      'mcpserverentries/status',
      'mcpservers/status',
      'mcptelemetryconfigs/status',
      'mcptoolconfigs/status',
      'mcpwebhookconfigs/status',
      'virtualmcpservers/status',
    ],
    verbs: ['get', 'patch', 'update'],
  },
  {
    apiGroups: [THV],
    resources: ['mcpserverentries', 'virtualmcpcompositetooldefinitions'],
    verbs: READ,
  },
  {
    apiGroups: [THV],
    resources: ['mcptelemetryconfigs'],
    verbs: ['get', 'list', 'patch', 'update', 'watch'],
  },
];

/** The manager rules that make sense inside one namespace (CRDs are cluster-scoped). */
export const NAMESPACED_MANAGER_RULES: readonly PolicyRule[] = MANAGER_RULES.filter(
  (r) => !r.apiGroups.includes('apiextensions.k8s.io'),
);

export const LEADER_ELECTION_RULES: readonly PolicyRule[] = [
  {
    apiGroups: [''],
    resources: ['configmaps'],
    verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'],
  },
  {
    apiGroups: ['coordination.k8s.io'],
    resources: ['leases'],
    verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'],
  },
  { apiGroups: ['events.k8s.io'], resources: ['events'], verbs: ['create', 'patch'] },
];

export const OPERATOR_SELECTOR = {
  'app.kubernetes.io/name': OPERATOR_NAME,
  'app.kubernetes.io/instance': OPERATOR_NAME,
  'app.kubernetes.io/part-of': OPERATOR_NAME,
};

/**
 * Node needs more headroom than ToolHive's Go binary (128Mi limit); the request stays small.
 */
const DEFAULT_RESOURCES: ResourceRequirements = {
  limits: { cpu: '500m', memory: '512Mi' },
  requests: { cpu: '10m', memory: '128Mi' },
};

interface PlainObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly labels?: Record<string, string>;
  };
  readonly [field: string]: unknown;
}

function add(scope: Construct, obj: PlainObject): void {
  const ns = obj.metadata.namespace;
  new ApiObject(scope, `${obj.kind}-${ns ? `${ns}-` : ''}${obj.metadata.name}`, obj as never);
}

export class OperatorCrdsChart extends Chart {
  constructor(scope: Construct, id: string, props: { readonly kinds?: readonly KindDefinition[] } = {}) {
    super(scope, id, { disableResourceNameHashes: true });
    addCrds(this, props.kinds ?? KINDS);
  }
}

function addCrds(scope: Construct, kinds: readonly KindDefinition[]): void {
  for (const def of [...kinds].sort((a, b) => (a.plural < b.plural ? -1 : 1)))
    add(scope, toCustomResourceDefinition(def) as unknown as PlainObject);
}

export class OperatorChart extends Chart {
  constructor(scope: Construct, id: string, props: OperatorChartProps = {}) {
    super(scope, id, { disableResourceNameHashes: true });
    const ns = props.namespace ?? 'toolhive-system';
    const scopeMode = props.scope ?? 'cluster';
    const watched = [...(props.namespaces ?? [])];
    if (scopeMode === 'namespace' && watched.length === 0)
      throw new Error(`${this.node.path}: namespace scope needs at least one namespace in "namespaces"`);
    const migrator = props.storageVersionMigrator ?? scopeMode === 'cluster';
    if (migrator && scopeMode !== 'cluster')
      throw new Error(
        `${this.node.path}: storageVersionMigrator requires scope "cluster": it migrates cluster-scoped CRDs`,
      );
    const images = resolveImages(props.images);
    const subject = { kind: 'ServiceAccount' as const, name: OPERATOR_NAME, namespace: ns };
    const bindingLabels = { app: 'toolhive', 'app.kubernetes.io/name': 'toolhive' };

    if (props.includeCrds) addCrds(this, props.kinds ?? KINDS);
    if (props.createNamespace ?? true)
      add(this, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    add(this, {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: {
        name: OPERATOR_NAME,
        namespace: ns,
        labels: { 'app.kubernetes.io/name': OPERATOR_NAME, 'app.kubernetes.io/part-of': OPERATOR_NAME },
      },
      automountServiceAccountToken: true,
    });
    if (scopeMode === 'cluster') {
      add(this, {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: { name: MANAGER_ROLE },
        rules: MANAGER_RULES,
      });
      add(this, {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: { name: MANAGER_BINDING, labels: bindingLabels },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: MANAGER_ROLE },
        subjects: [subject],
      });
    } else {
      for (const w of watched) {
        add(this, {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'Role',
          metadata: { name: MANAGER_ROLE, namespace: w },
          rules: NAMESPACED_MANAGER_RULES,
        });
        add(this, {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'RoleBinding',
          metadata: { name: MANAGER_BINDING, namespace: w, labels: bindingLabels },
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: MANAGER_ROLE },
          subjects: [subject],
        });
      }
    }
    const commonLabels = { ...OPERATOR_SELECTOR, 'app.kubernetes.io/managed-by': 'toolhive-ts' };
    add(this, {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: LEADER_ELECTION_ROLE, namespace: ns, labels: commonLabels },
      rules: LEADER_ELECTION_RULES,
    });
    add(this, {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: LEADER_ELECTION_BINDING, namespace: ns, labels: commonLabels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: LEADER_ELECTION_ROLE },
      subjects: [subject],
    });

    const chartEnv: EnvVar[] = [
      { name: 'UNSTRUCTURED_LOGS', value: 'false' },
      { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
      { name: 'TOOLHIVE_ENABLE_STORAGE_VERSION_MIGRATOR', value: String(migrator) },
      ...(scopeMode === 'namespace' ? [{ name: 'WATCH_NAMESPACE', value: watched.join(',') }] : []),
      { name: 'TOOLHIVE_RUNNER_IMAGE', value: images.proxyRunner },
      { name: 'VMCP_IMAGE', value: images.vmcp },
      { name: 'TOOLHIVE_PROXY_HOST', value: props.proxyHost ?? '0.0.0.0' },
      { name: 'TOOLHIVE_REGISTRY_API_IMAGE', value: images.registryApi },
      ...(props.defaultImagePullSecrets?.length
        ? [{ name: 'TOOLHIVE_DEFAULT_IMAGE_PULL_SECRETS', value: props.defaultImagePullSecrets.join(',') }]
        : []),
      ...(props.defaultRedis
        ? [
            { name: 'TOOLHIVE_DEFAULT_REDIS_ADDR', value: props.defaultRedis.address },
            ...(props.defaultRedis.secretName
              ? [
                  { name: 'TOOLHIVE_DEFAULT_REDIS_SECRET_NAME', value: props.defaultRedis.secretName },
                  {
                    name: 'TOOLHIVE_DEFAULT_REDIS_SECRET_KEY',
                    value: props.defaultRedis.secretKey ?? 'redis-password',
                  },
                ]
              : []),
          ]
        : []),
    ];
    const chartNames = new Set(chartEnv.map((e) => e.name));
    const env = [...(props.env ?? []).filter((e) => !chartNames.has(e.name)), ...chartEnv];
    add(this, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: OPERATOR_NAME, namespace: ns, labels: commonLabels },
      spec: {
        replicas: props.replicas ?? 1,
        selector: { matchLabels: OPERATOR_SELECTOR },
        template: {
          metadata: { labels: commonLabels },
          spec: {
            serviceAccountName: OPERATOR_NAME,
            ...(props.imagePullSecrets?.length
              ? { imagePullSecrets: props.imagePullSecrets.map((name) => ({ name })) }
              : {}),
            securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
            terminationGracePeriodSeconds: 10,
            containers: [
              {
                name: 'manager',
                image: images.operator,
                imagePullPolicy: 'IfNotPresent',
                args: ['operator', '--leader-elect'],
                ports: [
                  { containerPort: 8080, name: 'metrics', protocol: 'TCP' },
                  { containerPort: 8081, name: 'health', protocol: 'TCP' },
                ],
                env,
                livenessProbe: {
                  httpGet: { path: '/healthz', port: 'health' },
                  initialDelaySeconds: 15,
                  periodSeconds: 20,
                },
                readinessProbe: {
                  httpGet: { path: '/readyz', port: 'health' },
                  initialDelaySeconds: 5,
                  periodSeconds: 10,
                },
                resources: props.resources ?? DEFAULT_RESOURCES,
                securityContext: {
                  allowPrivilegeEscalation: false,
                  readOnlyRootFilesystem: true,
                  runAsNonRoot: true,
                  runAsUser: 1000,
                  capabilities: { drop: ['ALL'] },
                  seccompProfile: { type: 'RuntimeDefault' },
                },
              },
            ],
          },
        },
      },
    });
    add(this, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: `${OPERATOR_NAME}-metrics`, namespace: ns, labels: commonLabels },
      spec: {
        type: 'ClusterIP',
        selector: OPERATOR_SELECTOR,
        ports: [{ name: 'metrics', port: 8080, targetPort: 'metrics', protocol: 'TCP' }],
      },
    });
  }
}
