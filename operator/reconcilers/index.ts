/** Every controller the operator runs, in one list. */
import type { ControllerSpec } from '../controller/controller.ts';
import { compositeToolDefinitionController } from './composite-tool-definition.ts';
import { CONFIG_KINDS, configKindController } from './config-kind.ts';
import type { ReconcileContext } from './context.ts';
import { mcpGroupController } from './mcp-group.ts';
import { mcpServerEntryController } from './mcp-server-entry.ts';

export function allControllers(ctx: ReconcileContext): ControllerSpec[] {
  return [
    ...CONFIG_KINDS.map((spec) => configKindController(ctx, spec)),
    mcpGroupController(ctx),
    mcpServerEntryController(ctx),
    compositeToolDefinitionController(ctx),
  ];
}
