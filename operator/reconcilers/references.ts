/**
 * Who references whom, read straight off the workload specs (the operator's equivalent of
 * ToolHive's field indexes). Every ToolHive reference is by name in the same namespace.
 */
import type { KubeObject } from '../kube/types.ts';

export type ConfigRole =
  | 'toolConfig'
  | 'oidcConfig'
  | 'telemetryConfig'
  | 'authzConfig'
  | 'externalAuthConfig'
  | 'webhookConfig'
  | 'group'
  | 'compositeTool'
  | 'embeddingServer';

/** The config kind each role points at. */
export const ROLE_KIND: Record<ConfigRole, string> = {
  toolConfig: 'MCPToolConfig',
  oidcConfig: 'MCPOIDCConfig',
  telemetryConfig: 'MCPTelemetryConfig',
  authzConfig: 'MCPAuthzConfig',
  externalAuthConfig: 'MCPExternalAuthConfig',
  webhookConfig: 'MCPWebhookConfig',
  group: 'MCPGroup',
  compositeTool: 'VirtualMCPCompositeToolDefinition',
  embeddingServer: 'EmbeddingServer',
};

type Obj = Record<string, unknown>;

function at(root: unknown, ...path: string[]): unknown {
  let cur = root;
  for (const p of path) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Obj)[p];
  }
  return cur;
}

function nameAt(root: unknown, ...path: string[]): string[] {
  const v = at(root, ...path, 'name');
  return typeof v === 'string' && v !== '' ? [v] : [];
}

function unique(names: string[]): string[] {
  return [...new Set(names)].sort();
}

/** Names of the `role` objects that workload `obj` (of `kind`) references. */
export function referencedNames(kind: string, obj: KubeObject, role: ConfigRole): string[] {
  const spec = obj.spec;
  switch (kind) {
    case 'MCPServer':
    case 'MCPRemoteProxy':
      switch (role) {
        case 'toolConfig':
          return nameAt(spec, 'toolConfigRef');
        case 'oidcConfig':
          return nameAt(spec, 'oidcConfigRef');
        case 'telemetryConfig':
          return nameAt(spec, 'telemetryConfigRef');
        case 'authzConfig':
          return nameAt(spec, 'authzConfigRef');
        case 'externalAuthConfig': {
          const authServer = at(spec, 'authServerRef', 'kind');
          return unique([
            ...nameAt(spec, 'externalAuthConfigRef'),
            ...(authServer === undefined || authServer === 'MCPExternalAuthConfig'
              ? nameAt(spec, 'authServerRef')
              : []),
          ]);
        }
        case 'webhookConfig':
          return kind === 'MCPServer' ? nameAt(spec, 'webhookConfigRef') : [];
        case 'group':
          return nameAt(spec, 'groupRef');
        default:
          return [];
      }
    case 'VirtualMCPServer':
      switch (role) {
        case 'oidcConfig':
          return nameAt(spec, 'incomingAuth', 'oidcConfigRef');
        case 'authzConfig':
          return nameAt(spec, 'incomingAuth', 'authzConfigRef');
        case 'telemetryConfig':
          return nameAt(spec, 'telemetryConfigRef');
        case 'group':
          return nameAt(spec, 'groupRef');
        case 'embeddingServer':
          return nameAt(spec, 'embeddingServerRef');
        case 'externalAuthConfig': {
          const backends = (at(spec, 'outgoingAuth', 'backends') ?? {}) as Obj;
          return unique([
            ...nameAt(spec, 'outgoingAuth', 'default', 'externalAuthConfigRef'),
            ...Object.values(backends).flatMap((b) => nameAt(b, 'externalAuthConfigRef')),
          ]);
        }
        case 'toolConfig': {
          const tools = at(spec, 'config', 'aggregation', 'tools');
          return unique(Array.isArray(tools) ? tools.flatMap((t) => nameAt(t, 'toolConfigRef')) : []);
        }
        case 'compositeTool': {
          const refs = at(spec, 'config', 'compositeToolRefs');
          return unique(Array.isArray(refs) ? refs.flatMap((r) => nameAt(r)) : []);
        }
        default:
          return [];
      }
    case 'MCPServerEntry':
      switch (role) {
        case 'externalAuthConfig':
          return nameAt(spec, 'externalAuthConfigRef');
        case 'group':
          return nameAt(spec, 'groupRef');
        default:
          return [];
      }
    default:
      return [];
  }
}
