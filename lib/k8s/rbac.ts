/** The RBAC rules each workload's own ServiceAccount gets. */
import type { PolicyRule } from './types.ts';

const READ = ['get', 'list', 'watch'];
const ALL = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];

/**
 * Our proxy runner's Role (deliberately narrower than ToolHive's `defaultRBACRules`): the charts
 * render the MCP server's StatefulSet and Services, so the runner only finds the backend pod and
 * attaches to its stdio. It creates nothing.
 */
export const PROXY_RUNNER_RULES: readonly PolicyRule[] = [
  { apiGroups: [''], resources: ['pods'], verbs: READ },
  { apiGroups: [''], resources: ['pods/attach'], verbs: ['create', 'get'] },
];

/** ToolHive's MCPRemoteProxy Role. */
export const REMOTE_PROXY_RULES: readonly PolicyRule[] = [
  { apiGroups: [''], resources: ['configmaps'], verbs: READ },
  { apiGroups: [''], resources: ['secrets'], verbs: READ },
];

const THV = 'toolhive.stacklok.dev';

/** VirtualMCPServer Role, by `outgoingAuth.source`. */
export function vmcpRules(source: 'discovered' | 'inline'): PolicyRule[] {
  const own = [
    { apiGroups: [THV], resources: ['virtualmcpservers'], verbs: ['get'] },
    { apiGroups: [THV], resources: ['virtualmcpservers/status'], verbs: ['update', 'patch'] },
  ];
  if (source === 'inline') return own;
  return [
    { apiGroups: [''], resources: ['configmaps', 'secrets'], verbs: READ },
    {
      apiGroups: [THV],
      resources: [
        'mcpgroups',
        'mcpservers',
        'mcpremoteproxies',
        'mcpserverentries',
        'mcpexternalauthconfigs',
        'mcptoolconfigs',
      ],
      verbs: READ,
    },
    ...own,
  ];
}

/** MCPRegistry API server Role. */
export const REGISTRY_API_RULES: readonly PolicyRule[] = [
  { apiGroups: [THV], resources: ['mcpservers', 'mcpremoteproxies', 'virtualmcpservers'], verbs: READ },
  { apiGroups: [''], resources: ['services'], verbs: READ },
  { apiGroups: ['gateway.networking.k8s.io'], resources: ['httproutes', 'gateways'], verbs: READ },
  { apiGroups: [''], resources: ['configmaps'], verbs: ALL },
  { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ALL },
  { apiGroups: ['events.k8s.io'], resources: ['events'], verbs: ['create', 'patch'] },
];
