/** Every controller the operator runs, in one list. */
import type { ControllerSpec } from '../controller/controller.ts';
import { compositeToolDefinitionController } from './composite-tool-definition.ts';
import { CONFIG_KINDS, configKindController } from './config-kind.ts';
import type { ReconcileContext } from './context.ts';
import { mcpGroupController } from './mcp-group.ts';
import { mcpRemoteProxyController } from './mcp-remote-proxy.ts';
import { mcpServerController } from './mcp-server.ts';
import { mcpServerEntryController } from './mcp-server-entry.ts';
import { embeddingServerController, mcpRegistryController } from './serving-workloads.ts';
import { virtualMcpServerController } from './virtual-mcp-server.ts';

/** Operator-wide rendering settings (ToolHive's operator environment variables). */
export interface WorkloadOptions {
  images?: { runner?: string; vmcp?: string; registryApi?: string };
  proxyHost?: string;
  defaultImagePullSecrets?: string[];
  defaultRedis?: { address: string; secretName?: string; secretKey?: string };
  openShift?: boolean;
}

export function allControllers(ctx: ReconcileContext, workload: WorkloadOptions = {}): ControllerSpec[] {
  return [
    ...CONFIG_KINDS.map((spec) => configKindController(ctx, spec)),
    mcpGroupController(ctx),
    mcpServerEntryController(ctx),
    compositeToolDefinitionController(ctx),
    mcpServerController(ctx, workload),
    mcpRemoteProxyController(ctx, workload),
    virtualMcpServerController(ctx, workload),
    mcpRegistryController(ctx, workload),
    embeddingServerController(ctx, workload),
  ];
}
