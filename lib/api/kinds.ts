/**
 * Every kind of group toolhive.stacklok.dev, in one list. The CRD generator, the TypeScript
 * generator, the validator and the operator all iterate over this.
 */
import type { KindDefinition } from '../schema/kind.ts';
import { embeddingServerKind } from './embedding-server.ts';
import { mcpAuthzConfigKind } from './mcp-authz-config.ts';
import { mcpExternalAuthConfigKind } from './mcp-external-auth-config.ts';
import { mcpGroupKind } from './mcp-group.ts';
import { mcpOidcConfigKind } from './mcp-oidc-config.ts';
import { mcpRegistryKind } from './mcp-registry.ts';
import { mcpRemoteProxyKind } from './mcp-remote-proxy.ts';
import { mcpServerKind } from './mcp-server.ts';
import { mcpServerEntryKind } from './mcp-server-entry.ts';
import { mcpTelemetryConfigKind } from './mcp-telemetry-config.ts';
import { mcpToolConfigKind } from './mcp-tool-config.ts';
import { mcpWebhookConfigKind } from './mcp-webhook-config.ts';
import { virtualMcpCompositeToolDefinitionKind } from './virtual-mcp-composite-tool-definition.ts';
import { virtualMcpServerKind } from './virtual-mcp-server.ts';

export const KINDS: readonly KindDefinition[] = [
  mcpGroupKind,
  mcpServerKind,
  mcpRemoteProxyKind,
  mcpServerEntryKind,
  mcpToolConfigKind,
  mcpOidcConfigKind,
  mcpTelemetryConfigKind,
  mcpWebhookConfigKind,
  mcpAuthzConfigKind,
  mcpExternalAuthConfigKind,
  embeddingServerKind,
  mcpRegistryKind,
  virtualMcpCompositeToolDefinitionKind,
  virtualMcpServerKind,
];

export function kindByName(kind: string): KindDefinition | undefined {
  return KINDS.find((k) => k.kind === kind);
}
