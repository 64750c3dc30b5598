/**
 * What ToolHive's operator and proxy runner create, transcribed from ToolHive's source (the Go
 * code and its tests, at the mirror's HEAD) so the parity tests compare our output against
 * ToolHive rather than against our own helpers. Each constant cites the file it comes from;
 * paths are relative to the ToolHive repository.
 *
 * Nothing here imports from constructs/ or lib/: a bug in our code must not be able to make
 * its own expectation.
 */

// biome-ignore lint/suspicious/noExplicitAny: deep, loosely typed Kubernetes JSON
export type Json = any;

/** cmd/thv-operator/controllers/mcpserver_controller.go `labelsForMCPServer`. */
export const labelsForMCPServer = (name: string) => ({
  app: 'mcpserver',
  'app.kubernetes.io/name': 'mcpserver',
  'app.kubernetes.io/instance': name,
  toolhive: 'true',
  'toolhive-name': name,
});

/** cmd/thv-operator/controllers/mcpremoteproxy_controller.go `labelsForMCPRemoteProxy`. */
export const labelsForMCPRemoteProxy = (name: string) => ({
  app: 'mcpremoteproxy',
  'app.kubernetes.io/name': 'mcpremoteproxy',
  'app.kubernetes.io/instance': name,
  toolhive: 'true',
  'toolhive-name': name,
});

/** cmd/thv-operator/controllers/virtualmcpserver_controller.go `labelsForVirtualMCPServer`. */
export const labelsForVirtualMCPServer = (name: string) => ({
  app: 'virtualmcpserver',
  'app.kubernetes.io/name': 'virtualmcpserver',
  'app.kubernetes.io/instance': name,
  toolhive: 'true',
  'toolhive-name': name,
});

/** cmd/thv-operator/controllers/embeddingserver_controller.go `labelsForEmbedding`. */
export const labelsForEmbedding = (name: string) => ({
  'app.kubernetes.io/name': 'embeddingserver',
  'app.kubernetes.io/instance': name,
  'app.kubernetes.io/component': 'embedding-server',
  'app.kubernetes.io/managed-by': 'toolhive-operator',
});

/** cmd/thv-operator/pkg/registryapi/types.go `labelsForRegistryAPI`. */
export const labelsForRegistryAPI = (name: string, resourceName: string) => ({
  'app.kubernetes.io/name': resourceName,
  'app.kubernetes.io/component': 'registry-api',
  'app.kubernetes.io/managed-by': 'toolhive-operator',
  'toolhive.stacklok.io/registry-name': name,
});

/** cmd/thv-operator/controllers/mcpserver_runconfig.go `labelsForRunConfig`. */
export const labelsForRunConfig = (server: string) => ({
  'toolhive.stacklok.io/component': 'run-config',
  'toolhive.stacklok.io/mcp-server': server,
  'toolhive.stacklok.io/managed-by': 'toolhive-operator',
});

/** cmd/thv-operator/controllers/mcpremoteproxy_runconfig.go (labels of `<name>-runconfig`). */
export const labelsForRemoteProxyRunConfig = (proxy: string) => ({
  'toolhive.stacklok.io/component': 'run-config',
  'toolhive.stacklok.io/mcp-remote-proxy': proxy,
  'toolhive.stacklok.io/managed-by': 'toolhive-operator',
});

/** cmd/thv-operator/controllers/virtualmcpserver_vmcpconfig.go (labels of `<name>-vmcp-config`). */
export const labelsForVmcpConfig = (vmcp: string) => ({
  'toolhive.stacklok.io/component': 'vmcp-config',
  'toolhive.stacklok.io/virtual-mcp-server': vmcp,
  'toolhive.stacklok.io/managed-by': 'toolhive-operator',
});

/**
 * pkg/labels/labels.go `AddStandardLabels` via pkg/runner/config.go `WithStandardLabels` (port =
 * the proxy port), plus `app` and `toolhive` from pkg/container/kubernetes/client.go
 * `DeployWorkload`: the labels of the runner's StatefulSet, its pods and its two Services.
 */
export const runnerWorkloadLabels = (name: string, transport: string, proxyPort: number) => ({
  app: name,
  toolhive: 'true',
  'toolhive-name': name,
  'toolhive-basename': name,
  'toolhive-transport': transport,
  'toolhive-port': String(proxyPort),
});

/** pkg/container/kubernetes/security.go `BuildPodSecurityContext` (Kubernetes platform). */
export const POD_SECURITY_CONTEXT = {
  runAsNonRoot: true,
  runAsUser: 1000,
  runAsGroup: 1000,
  fsGroup: 1000,
  seccompProfile: { type: 'RuntimeDefault' },
};

/** pkg/container/kubernetes/security.go `BuildContainerSecurityContext` (Kubernetes platform). */
export const CONTAINER_SECURITY_CONTEXT = {
  privileged: false,
  runAsNonRoot: true,
  runAsUser: 1000,
  runAsGroup: 1000,
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  seccompProfile: { type: 'RuntimeDefault' },
  capabilities: { drop: ['ALL'] },
};

/** pkg/container/kubernetes/security.go: OpenShift leaves uid, gid and fsGroup to the SCC. */
export const OPENSHIFT_POD_SECURITY_CONTEXT = {
  runAsNonRoot: true,
  seccompProfile: { type: 'RuntimeDefault' },
};
export const OPENSHIFT_CONTAINER_SECURITY_CONTEXT = {
  privileged: false,
  runAsNonRoot: true,
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  seccompProfile: { type: 'RuntimeDefault' },
  capabilities: { drop: ['ALL'] },
};

const httpGet = (path: string, port: string | number) => ({ httpGet: { path, port } });

/** cmd/thv-operator/controllers/mcpserver_controller.go `deploymentForMCPServer` probes. */
export const MCPSERVER_PROBES = {
  startupProbe: { ...httpGet('/health', 'http'), periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 18 },
  livenessProbe: {
    ...httpGet('/health', 'http'),
    initialDelaySeconds: 30,
    periodSeconds: 10,
    timeoutSeconds: 5,
    failureThreshold: 3,
  },
  readinessProbe: {
    ...httpGet('/health', 'http'),
    initialDelaySeconds: 5,
    periodSeconds: 5,
    timeoutSeconds: 3,
    failureThreshold: 3,
  },
};

/**
 * cmd/thv-operator/controllers/mcpremoteproxy_deployment.go: `BuildHealthProbe("/health",
 * "http", 0, 5, 3, 18)`, `(30, 10, 5, 3)` and readiness `(15, 5, 3, 3)`. A zero initial delay is
 * omitted from the JSON (omitempty), as in our output.
 */
export const REMOTE_PROXY_PROBES = {
  startupProbe: MCPSERVER_PROBES.startupProbe,
  livenessProbe: MCPSERVER_PROBES.livenessProbe,
  readinessProbe: { ...MCPSERVER_PROBES.readinessProbe, initialDelaySeconds: 15 },
};

/** cmd/thv-operator/controllers/virtualmcpserver_deployment.go vmcp probe constants. */
export const VMCP_PROBES = {
  livenessProbe: {
    ...httpGet('/health', 'http'),
    initialDelaySeconds: 30,
    periodSeconds: 10,
    timeoutSeconds: 5,
    failureThreshold: 3,
  },
  readinessProbe: {
    ...httpGet('/readyz', 'http'),
    initialDelaySeconds: 15,
    periodSeconds: 5,
    timeoutSeconds: 3,
    failureThreshold: 3,
  },
};

/** cmd/thv-operator/controllers/embeddingserver_controller.go `buildLivenessProbe`/`buildReadinessProbe`. */
export const embeddingProbes = (port: number) => ({
  livenessProbe: {
    ...httpGet('/health', port),
    initialDelaySeconds: 60,
    periodSeconds: 30,
    timeoutSeconds: 10,
    failureThreshold: 3,
  },
  readinessProbe: {
    ...httpGet('/health', port),
    initialDelaySeconds: 30,
    periodSeconds: 10,
    timeoutSeconds: 5,
    failureThreshold: 3,
  },
});

/** cmd/thv-operator/pkg/registryapi/podtemplatespec.go `BuildRegistryAPIContainer` (health port 8081, types.go). */
export const REGISTRY_PROBES = {
  livenessProbe: { ...httpGet('/health', 8081), initialDelaySeconds: 30, periodSeconds: 10 },
  readinessProbe: { ...httpGet('/readiness', 8081), initialDelaySeconds: 5, periodSeconds: 5 },
};

/**
 * cmd/thv-operator/pkg/controllerutil/resources.go `EnsureRequiredEnvVars`, plus one deliberate
 * difference: NODE_OPTIONS with the V8 settings of our Node processes (ToolHive's are Go).
 */
export const REQUIRED_PROXY_ENV = [
  { name: 'XDG_CONFIG_HOME', value: '/tmp' },
  { name: 'HOME', value: '/tmp' },
  { name: 'TOOLHIVE_RUNTIME', value: 'kubernetes' },
  { name: 'UNSTRUCTURED_LOGS', value: 'false' },
  { name: 'NODE_OPTIONS', value: '--max-semi-space-size=4' },
];

/** cmd/thv-operator/controllers/mcpserver_controller.go `remoteProxyRBACRules` (the remote proxy runner's Role). */
export const REMOTE_PROXY_RBAC_RULES = [
  { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list', 'watch'] },
];

/** cmd/thv-operator/controllers/virtualmcpserver_deployment.go `vmcpDiscoveredRBACRules`. */
export const VMCP_DISCOVERED_RBAC_RULES = [
  { apiGroups: [''], resources: ['configmaps', 'secrets'], verbs: ['get', 'list', 'watch'] },
  {
    apiGroups: ['toolhive.stacklok.dev'],
    resources: [
      'mcpgroups',
      'mcpservers',
      'mcpremoteproxies',
      'mcpserverentries',
      'mcpexternalauthconfigs',
      'mcptoolconfigs',
    ],
    verbs: ['get', 'list', 'watch'],
  },
  { apiGroups: ['toolhive.stacklok.dev'], resources: ['virtualmcpservers'], verbs: ['get'] },
  {
    apiGroups: ['toolhive.stacklok.dev'],
    resources: ['virtualmcpservers/status'],
    verbs: ['update', 'patch'],
  },
];

/** cmd/thv-operator/controllers/virtualmcpserver_deployment.go `vmcpInlineRBACRules`. */
export const VMCP_INLINE_RBAC_RULES = VMCP_DISCOVERED_RBAC_RULES.slice(2);

/** cmd/thv-operator/pkg/registryapi/rbac.go `registryAPIRBACRules`. */
export const REGISTRY_RBAC_RULES = [
  {
    apiGroups: ['toolhive.stacklok.dev'],
    resources: ['mcpservers', 'mcpremoteproxies', 'virtualmcpservers'],
    verbs: ['get', 'list', 'watch'],
  },
  { apiGroups: [''], resources: ['services'], verbs: ['get', 'list', 'watch'] },
  {
    apiGroups: ['gateway.networking.k8s.io'],
    resources: ['httproutes', 'gateways'],
    verbs: ['get', 'list', 'watch'],
  },
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

/**
 * cmd/thv-operator/pkg/kubernetes/rbac/rbac.go `EnsureRBACResources`: the RoleBinding binds a
 * Role of the same name to a ServiceAccount of the same name.
 */
export const roleBinding = (name: string, namespace: string) => ({
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
  subjects: [{ kind: 'ServiceAccount', name, namespace }],
});

/**
 * The runner's backend Services (pkg/container/kubernetes/client.go `applyService`): one port
 * `port-<target>`, selector `{app: <name>}`; the headless one has clusterIP None, the other
 * ClientIP affinity with a 1800 s timeout (`mcpServiceSessionAffinityTimeout`).
 */
export const backendServiceSpec = (name: string, port: number, headless: boolean) => ({
  type: 'ClusterIP',
  ...(headless
    ? { clusterIP: 'None' }
    : { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 1800 } } }),
  selector: { app: name },
  ports: [{ name: `port-${port}`, port, targetPort: port, protocol: 'TCP' }],
});

/** pkg/transport/url.go `GenerateMCPServerURL` with the proxy Service host. */
export function mcpServerStatusUrl(
  name: string,
  ns: string,
  port: number,
  transport: string,
  proxyMode: string | undefined,
): string {
  const base = `http://mcp-${name}-proxy.${ns}.svc.cluster.local:${port}`;
  const sse = transport === 'sse' || (transport === 'stdio' && proxyMode === 'sse');
  return sse ? `${base}/sse#${name}` : `${base}/mcp`;
}

const ALL_VERBS = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];
const READ_VERBS = ['get', 'list', 'watch'];
const THV = 'toolhive.stacklok.dev';

/**
 * deploy/charts/operator/templates/clusterrole/role.yaml (generated from the kubebuilder markers),
 * rule for rule; the chainsaw setup tests compare it exactly, order included.
 */
export const OPERATOR_MANAGER_ROLE_RULES = [
  {
    apiGroups: [''],
    resources: ['configmaps', 'persistentvolumeclaims', 'secrets', 'serviceaccounts', 'services'],
    verbs: ALL_VERBS,
  },
  { apiGroups: [''], resources: ['pods'], verbs: READ_VERBS },
  { apiGroups: [''], resources: ['pods/attach'], verbs: ['create', 'get'] },
  { apiGroups: [''], resources: ['pods/log'], verbs: ['get'] },
  { apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'], verbs: READ_VERBS },
  {
    apiGroups: ['apiextensions.k8s.io'],
    resources: ['customresourcedefinitions/status'],
    verbs: ['patch', 'update'],
  },
  { apiGroups: ['apps'], resources: ['deployments', 'statefulsets'], verbs: ALL_VERBS },
  { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ALL_VERBS },
  { apiGroups: ['events.k8s.io'], resources: ['events'], verbs: ['create', 'patch'] },
  { apiGroups: ['gateway.networking.k8s.io'], resources: ['gateways', 'httproutes'], verbs: READ_VERBS },
  { apiGroups: ['rbac.authorization.k8s.io'], resources: ['rolebindings', 'roles'], verbs: ALL_VERBS },
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
    verbs: ALL_VERBS,
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
    verbs: READ_VERBS,
  },
  {
    apiGroups: [THV],
    resources: ['mcptelemetryconfigs'],
    verbs: ['get', 'list', 'patch', 'update', 'watch'],
  },
];

/** deploy/charts/operator/values.yaml `operator.leaderElectionRole.rules`. */
export const OPERATOR_LEADER_ELECTION_RULES = [
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
