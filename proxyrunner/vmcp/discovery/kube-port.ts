/**
 * The part of the operator's KubeClient port (operator/kube/types.ts) the vMCP needs: get, list
 * and watch the group's members and their config objects, and merge-patch the VirtualMCPServer
 * status. Declared structurally so the client-node adapter and the in-memory cluster both fit.
 */
import type { KubeObject } from '../../../lib/api/meta.ts';

export interface ResourceType {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly plural: string;
  readonly namespaced: boolean;
  readonly statusSubresource: boolean;
}

export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK';
  object: KubeObject;
}

export interface KubePort {
  get(type: ResourceType, namespace: string | undefined, name: string): Promise<KubeObject | undefined>;
  list(
    type: ResourceType,
    opts?: { namespace?: string },
  ): Promise<{ items: KubeObject[]; resourceVersion: string }>;
  watch(
    type: ResourceType,
    opts: { namespace?: string; resourceVersion: string; allowBookmarks?: boolean },
    sink: { event(ev: WatchEvent): void; done(err?: unknown): void },
  ): { stop(): void };
  mergePatch(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    patch: Record<string, unknown>,
    opts?: { fieldManager?: string; subresource?: 'status' },
  ): Promise<KubeObject>;
}

const thv = (kind: string, plural: string, statusSubresource = true): ResourceType => ({
  group: 'toolhive.stacklok.dev',
  version: 'v1beta1',
  kind,
  plural,
  namespaced: true,
  statusSubresource,
});

export const RESOURCES = {
  mcpServer: thv('MCPServer', 'mcpservers'),
  mcpRemoteProxy: thv('MCPRemoteProxy', 'mcpremoteproxies'),
  mcpServerEntry: thv('MCPServerEntry', 'mcpserverentries'),
  mcpGroup: thv('MCPGroup', 'mcpgroups'),
  mcpExternalAuthConfig: thv('MCPExternalAuthConfig', 'mcpexternalauthconfigs'),
  mcpToolConfig: thv('MCPToolConfig', 'mcptoolconfigs'),
  virtualMcpServer: thv('VirtualMCPServer', 'virtualmcpservers'),
  compositeToolDefinition: thv('VirtualMCPCompositeToolDefinition', 'virtualmcpcompositetooldefinitions'),
  configMap: {
    group: '',
    version: 'v1',
    kind: 'ConfigMap',
    plural: 'configmaps',
    namespaced: true,
    statusSubresource: false,
  },
} as const satisfies Record<string, ResourceType>;
