/**
 * The names, labels, annotation keys and status URLs ToolHive gives the objects each workload
 * creates. They are part of the API: clients, tests and the vMCP discovery read them, so they
 * are kept exactly as ToolHive spells them (see reference/toolhive-controllers.md §17).
 */

export const ANNOTATIONS = {
  /** ToolHive's checksum of a generated ConfigMap's data and labels. */
  contentChecksum: 'toolhive.stacklok.dev/content-checksum',
  /** Pod-template annotation carrying the RunConfig / vMCP config ConfigMap checksum. */
  runConfigChecksum: 'toolhive.stacklok.dev/runconfig-checksum',
  /** Deployment annotation: hash of the user's podTemplateSpec. */
  podTemplateSpecHash: 'toolhive.stacklok.io/podtemplatespec-hash',
  /** Deployment annotation (vMCP): hash of the merged image pull secrets. */
  imagePullSecretsHash: 'toolhive.stacklok.io/imagepullsecrets-hash',
  /** Registry pod-template annotation: hash of the whole MCPRegistry spec. */
  registryConfigHash: 'toolhive.stacklok.dev/config-hash',
  /**
   * Ours, not ToolHive's (content-hash rollouts): hashes of the referenced config resources'
   * specs, and of the Secrets and ConfigMaps a pod consumes when their content is known.
   */
  configRefsChecksum: 'toolhive.stacklok.dev/config-refs-checksum',
  secretsChecksum: 'toolhive.stacklok.dev/secrets-checksum',
  configMapsChecksum: 'toolhive.stacklok.dev/configmaps-checksum',
} as const;

export const MANAGED_BY = 'toolhive-operator';

function workloadLabels(app: string, name: string): Record<string, string> {
  return {
    app,
    'app.kubernetes.io/name': app,
    'app.kubernetes.io/instance': name,
    toolhive: 'true',
    'toolhive-name': name,
  };
}

/** `labelsForMCPServer`: proxy Deployment, its pods and the proxy Service. */
export function mcpServerLabels(name: string): Record<string, string> {
  return workloadLabels('mcpserver', name);
}

export function mcpRemoteProxyLabels(name: string): Record<string, string> {
  return workloadLabels('mcpremoteproxy', name);
}

export function virtualMcpServerLabels(name: string): Record<string, string> {
  return workloadLabels('virtualmcpserver', name);
}

export const mcpServerNames = (name: string) => ({
  deployment: name,
  statefulSet: name,
  proxyService: `mcp-${name}-proxy`,
  headlessService: `mcp-${name}-headless`,
  backendService: `mcp-${name}`,
  runConfigMap: `${name}-runconfig`,
  authzInlineConfigMap: `${name}-authz-inline`,
  proxyRunnerServiceAccount: `${name}-proxy-runner`,
  mcpServiceAccount: `${name}-sa`,
});

export const mcpRemoteProxyNames = (name: string) => ({
  deployment: name,
  service: `mcp-${name}-remote-proxy`,
  runConfigMap: `${name}-runconfig`,
  authzInlineConfigMap: `${name}-authz-inline`,
  serviceAccount: `${name}-remote-proxy-runner`,
});

export const virtualMcpServerNames = (name: string) => ({
  deployment: name,
  service: `vmcp-${name}`,
  configMap: `${name}-vmcp-config`,
  hmacSecret: `${name}-hmac-secret`,
  serviceAccount: `${name}-vmcp`,
  authzInlineConfigMap: `${name}-vmcp-authz-inline`,
});

export const registryNames = (name: string) => ({
  api: `${name}-api`,
  configMap: `${name}-registry-server-config`,
  serviceAccount: `${name}-registry-api`,
});

export const embeddingServerNames = (name: string) => ({
  statefulSet: name,
  service: name,
  modelCacheClaim: 'model-cache',
});

/** Labels of the RunConfig ConfigMap of an MCPServer or MCPRemoteProxy. */
export function runConfigLabels(
  kind: 'mcp-server' | 'mcp-remote-proxy',
  name: string,
): Record<string, string> {
  return {
    'toolhive.stacklok.io/component': 'run-config',
    [`toolhive.stacklok.io/${kind}`]: name,
    'toolhive.stacklok.io/managed-by': MANAGED_BY,
  };
}

export function vmcpConfigLabels(name: string): Record<string, string> {
  return {
    'toolhive.stacklok.io/component': 'vmcp-config',
    'toolhive.stacklok.io/virtual-mcp-server': name,
    'toolhive.stacklok.io/managed-by': MANAGED_BY,
  };
}

/** `labelsForRegistryAPI`. */
export function registryApiLabels(name: string, resourceName = `${name}-api`): Record<string, string> {
  return {
    'app.kubernetes.io/name': resourceName,
    'app.kubernetes.io/component': 'registry-api',
    'app.kubernetes.io/managed-by': MANAGED_BY,
    'toolhive.stacklok.io/registry-name': name,
  };
}

export function registryApiSelector(name: string): Record<string, string> {
  return { 'app.kubernetes.io/name': `${name}-api`, 'app.kubernetes.io/component': 'registry-api' };
}

export function embeddingServerLabels(name: string): Record<string, string> {
  return {
    'app.kubernetes.io/name': 'embeddingserver',
    'app.kubernetes.io/instance': name,
    'app.kubernetes.io/component': 'embedding-server',
    'app.kubernetes.io/managed-by': MANAGED_BY,
  };
}

/**
 * The proxy runner's `container_labels` (ToolHive's standard labels), which are also the labels
 * of the MCP server's StatefulSet and backend Services.
 */
export function containerLabels(name: string, transport: string, proxyPort: number): Record<string, string> {
  return {
    toolhive: 'true',
    'toolhive-name': name,
    'toolhive-basename': name,
    'toolhive-transport': transport,
    'toolhive-port': String(proxyPort),
  };
}

const svc = (service: string, namespace: string, port: number) =>
  `http://${service}.${namespace}.svc.cluster.local:${port}`;

/** `status.url` of an MCPServer: `/sse#<name>` for SSE clients, `/mcp` for streamable HTTP. */
export function mcpServerUrl(name: string, namespace: string, proxyPort: number, proxyMode: string): string {
  const base = svc(`mcp-${name}-proxy`, namespace, proxyPort);
  return proxyMode === 'sse' ? `${base}/sse#${name}` : `${base}/mcp`;
}

export function mcpRemoteProxyUrl(name: string, namespace: string, proxyPort: number): string {
  return svc(`mcp-${name}-remote-proxy`, namespace, proxyPort);
}

export const VMCP_PORT = 4483;

export function virtualMcpServerUrl(name: string, namespace: string): string {
  return svc(`vmcp-${name}`, namespace, VMCP_PORT);
}

/** Note: no `.svc.cluster.local`, as ToolHive writes it. */
export function registryUrl(name: string, namespace: string): string {
  return `http://${name}-api.${namespace}:8080`;
}

export function embeddingServerUrl(name: string, namespace: string, port: number): string {
  return svc(name, namespace, port);
}
