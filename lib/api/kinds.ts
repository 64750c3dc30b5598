/**
 * Every kind of group toolhive.stacklok.dev, in one list. The CRD generator, the TypeScript
 * generator, the validator and the operator all iterate over this.
 */
import type { KindDefinition } from '../schema/kind.ts';
import { mcpExternalAuthConfigKind } from './mcp-external-auth-config.ts';
import { mcpGroupKind } from './mcp-group.ts';
import { virtualMcpCompositeToolDefinitionKind } from './virtual-mcp-composite-tool-definition.ts';
import { virtualMcpServerKind } from './virtual-mcp-server.ts';

export const KINDS: readonly KindDefinition[] = [
  mcpGroupKind,
  mcpExternalAuthConfigKind,
  virtualMcpCompositeToolDefinitionKind,
  virtualMcpServerKind,
];

export function kindByName(kind: string): KindDefinition | undefined {
  return KINDS.find((k) => k.kind === kind);
}
