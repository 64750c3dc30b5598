/**
 * The example fleet from ToolHive's "MCP Servers in Kubernetes" blog post, as custom resources in
 * namespace `platform-tools`: Grafana (streamable HTTP, a Secret-backed token), GitHub (stdio, a
 * Secret), fetch (filtered by an MCPToolConfig), Linear through an MCPRemoteProxy, all in the
 * MCPGroup `platform-tools`, behind the VirtualMCPServer `platform-tools-vmcp` with OIDC from
 * the shared MCPOIDCConfig `corporate-idp` and telemetry from `shared-otel`.
 *
 * The Secrets `grafana-token`, `github-token` and `corporate-idp-client` are not here: their
 * values never belong in Git. Create them in the cluster (or with External Secrets).
 */
import type {
  MCPGroupResource,
  MCPOIDCConfigResource,
  MCPRemoteProxyResource,
  MCPServerResource,
  MCPTelemetryConfigResource,
  MCPToolConfigResource,
  VirtualMCPServerResource,
} from '../../lib/workload/kinds.ts';

export const NAMESPACE = 'platform-tools';
const apiVersion = 'toolhive.stacklok.dev/v1beta1';
const metadata = (name: string) => ({ name, namespace: NAMESPACE });
const group = { name: 'platform-tools' };

export const platformTools: MCPGroupResource = {
  apiVersion,
  kind: 'MCPGroup',
  metadata: metadata('platform-tools'),
  spec: { description: 'Tools the platform team offers to every engineer' },
};

export const corporateIdp: MCPOIDCConfigResource = {
  apiVersion,
  kind: 'MCPOIDCConfig',
  metadata: metadata('corporate-idp'),
  spec: {
    type: 'inline',
    inline: {
      issuer: 'https://idp.example.com/realms/platform',
      clientId: 'platform-tools',
      clientSecretRef: { name: 'corporate-idp-client', key: 'client-secret' },
    },
  },
};

export const sharedOtel: MCPTelemetryConfigResource = {
  apiVersion,
  kind: 'MCPTelemetryConfig',
  metadata: metadata('shared-otel'),
  spec: {
    openTelemetry: {
      enabled: true,
      endpoint: 'otel-collector.observability.svc.cluster.local:4317',
      insecure: true,
      tracing: { enabled: true, samplingRate: '0.1' },
      metrics: { enabled: true },
    },
    prometheus: { enabled: true },
  },
};

export const fetchTools: MCPToolConfigResource = {
  apiVersion,
  kind: 'MCPToolConfig',
  metadata: metadata('fetch-tools'),
  spec: {
    toolsFilter: ['fetch'],
    toolsOverride: { fetch: { description: 'Fetch a public web page and return it as Markdown' } },
  },
};

export const grafana: MCPServerResource = {
  apiVersion,
  kind: 'MCPServer',
  metadata: metadata('grafana'),
  spec: {
    image: 'grafana/mcp-grafana:latest',
    transport: 'streamable-http',
    mcpPort: 8000,
    proxyPort: 8080,
    env: [{ name: 'GRAFANA_URL', value: 'https://grafana.example.com' }],
    secrets: [{ name: 'grafana-token', key: 'token', targetEnvName: 'GRAFANA_SERVICE_ACCOUNT_TOKEN' }],
    resources: { limits: { cpu: '200m', memory: '256Mi' }, requests: { cpu: '50m', memory: '128Mi' } },
    groupRef: group,
    oidcConfigRef: { name: 'corporate-idp', audience: 'grafana-mcp' },
    telemetryConfigRef: { name: 'shared-otel', serviceName: 'grafana-mcp' },
  },
};

export const github: MCPServerResource = {
  apiVersion,
  kind: 'MCPServer',
  metadata: metadata('github'),
  spec: {
    image: 'ghcr.io/github/github-mcp-server:latest',
    transport: 'stdio',
    proxyMode: 'streamable-http',
    secrets: [{ name: 'github-token', key: 'token', targetEnvName: 'GITHUB_PERSONAL_ACCESS_TOKEN' }],
    resources: { limits: { cpu: '200m', memory: '256Mi' }, requests: { cpu: '50m', memory: '128Mi' } },
    groupRef: group,
    oidcConfigRef: { name: 'corporate-idp', audience: 'github-mcp' },
    telemetryConfigRef: { name: 'shared-otel' },
  },
};

export const fetchServer: MCPServerResource = {
  apiVersion,
  kind: 'MCPServer',
  metadata: metadata('fetch'),
  spec: {
    image: 'ghcr.io/stackloklabs/gofetch/server:latest',
    transport: 'streamable-http',
    mcpPort: 8080,
    groupRef: group,
    toolConfigRef: { name: 'fetch-tools' },
    telemetryConfigRef: { name: 'shared-otel' },
  },
};

export const linear: MCPRemoteProxyResource = {
  apiVersion,
  kind: 'MCPRemoteProxy',
  metadata: metadata('linear'),
  spec: {
    remoteUrl: 'https://mcp.linear.example.com/mcp',
    proxyPort: 8080,
    transport: 'streamable-http',
    groupRef: group,
    oidcConfigRef: { name: 'corporate-idp', audience: 'linear-mcp' },
    telemetryConfigRef: { name: 'shared-otel' },
  },
};

export const platformToolsVmcp: VirtualMCPServerResource = {
  apiVersion,
  kind: 'VirtualMCPServer',
  metadata: metadata('platform-tools-vmcp'),
  spec: {
    groupRef: group,
    incomingAuth: { type: 'oidc', oidcConfigRef: { name: 'corporate-idp', audience: 'platform-tools' } },
    // Inline (ToolHive's static mode): the chart writes the members into the vMCP's config, so
    // dist/ alone — applied by Argo CD with no operator and no CRs — gives a working endpoint.
    outgoingAuth: { source: 'inline' },
    telemetryConfigRef: { name: 'shared-otel', serviceName: 'platform-tools-vmcp' },
    config: { aggregation: { conflictResolution: 'prefix' } },
  },
};

/** Everything, config resources first (the order `kubectl apply` should see them in). */
export const FLEET = [
  platformTools,
  corporateIdp,
  sharedOtel,
  fetchTools,
  grafana,
  github,
  fetchServer,
  linear,
  platformToolsVmcp,
] as const;
