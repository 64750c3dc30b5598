/**
 * VirtualMCPCompositeToolDefinition: ToolHive defines the status fields but never writes them.
 * This controller does: it checks the workflow (unique step ids, known dependencies, no cycles,
 * tool steps naming `<workload>.<tool>`, elicitation steps with a message) and records
 * `validationStatus`, `validationErrors`, `referencingVirtualServers` and the
 * `WorkflowValidated` condition. A VirtualMCPServer refuses a definition marked Invalid.
 */
import type {
  ControllerSpec,
  ReconcileRequest,
  ReconcileResult,
  Reconciler,
} from '../controller/controller.ts';
import type { KubeObject, ResourceType } from '../kube/types.ts';
import { writeStatus } from '../status/status-patch.ts';
import { conditionsOf, FIELD_MANAGER, type ReconcileContext } from './context.ts';
import { referencedNames } from './references.ts';

interface Step {
  id?: string;
  type?: string;
  tool?: string;
  message?: string;
  dependsOn?: string[];
}

export function validateWorkflow(spec: { steps?: Step[] } | undefined): string[] {
  const steps = spec?.steps ?? [];
  const errors: string[] = [];
  if (steps.length === 0) errors.push('spec.steps: workflow must have at least one step');
  const ids = new Set<string>();
  for (const [i, s] of steps.entries()) {
    const id = s.id ?? '';
    if (ids.has(id)) errors.push(`spec.steps[${i}].id: duplicate step id "${id}"; step ids must be unique`);
    ids.add(id);
    const type = s.type ?? 'tool';
    if (type === 'tool' && !/^[^.\s]+\.[^\s]+$/.test(s.tool ?? '')) {
      errors.push(
        `spec.steps[${i}].tool: step "${id}": tool "${s.tool ?? ''}" must be in the form <workload>.<tool>`,
      );
    }
    if (type === 'elicitation' && !s.message)
      errors.push(`spec.steps[${i}].message: step "${id}": elicitation steps need a message`);
  }
  for (const [i, s] of steps.entries()) {
    for (const dep of s.dependsOn ?? []) {
      if (!ids.has(dep))
        errors.push(`spec.steps[${i}].dependsOn: step "${s.id ?? ''}" depends on unknown step "${dep}"`);
    }
  }
  // Depth-first search for a cycle through dependsOn.
  const deps = new Map<string, string[]>();
  for (const s of steps) deps.set(s.id ?? '', [...(deps.get(s.id ?? '') ?? []), ...(s.dependsOn ?? [])]);
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, path: string[]): string | undefined => {
    if (state.get(id) === 'done') return undefined;
    if (state.get(id) === 'visiting') return [...path.slice(path.indexOf(id)), id].join(' -> ');
    state.set(id, 'visiting');
    for (const d of deps.get(id) ?? []) {
      if (!deps.has(d)) continue;
      const cycle = visit(d, [...path, id]);
      if (cycle) return cycle;
    }
    state.set(id, 'done');
    return undefined;
  };
  for (const id of deps.keys()) {
    const cycle = visit(id, []);
    if (cycle) {
      errors.push(`spec.steps[].dependsOn: dependency cycle: ${cycle}; remove one of these dependencies`);
      break;
    }
  }
  return errors;
}

export class CompositeToolDefinitionReconciler implements Reconciler {
  readonly type: ResourceType;
  private readonly ctx: ReconcileContext;

  constructor(ctx: ReconcileContext) {
    this.ctx = ctx;
    this.type = ctx.resources.toolhive('VirtualMCPCompositeToolDefinition');
  }

  async reconcile(req: ReconcileRequest): Promise<ReconcileResult | undefined> {
    const def = this.ctx.cache.get(this.type, req.namespace, req.name);
    if (!def || def.metadata.deletionTimestamp) return undefined;
    const errors = validateWorkflow(def.spec as { steps?: Step[] });
    const referencing = this.ctx.cache
      .list(this.ctx.resources.toolhive('VirtualMCPServer'), req.namespace)
      .filter((v) => referencedNames('VirtualMCPServer', v, 'compositeTool').includes(req.name))
      .map((v) => v.metadata.name!)
      .sort();
    const c = conditionsOf(this.ctx, def);
    // ToolHive declares these reasons but writes none of them.
    c.set(
      errors.length === 0
        ? {
            type: 'WorkflowValidated',
            status: true,
            reason: 'ValidationSuccess',
            message: 'Workflow definition is valid',
          }
        : {
            type: 'WorkflowValidated',
            status: false,
            reason: errors.every((e) => e.includes('dependency cycle'))
              ? 'DependencyCycle'
              : 'ValidationFailed',
            message: errors.join('; '),
          },
    );
    await writeStatus(
      this.ctx.client,
      this.type,
      def,
      {
        conditions: c.toArray(),
        observedGeneration: def.metadata.generation,
        validationStatus: errors.length === 0 ? 'Valid' : 'Invalid',
        ...(errors.length > 0 ? { validationErrors: errors } : {}),
        ...(referencing.length > 0 ? { referencingVirtualServers: referencing } : {}),
      },
      // ToolHive's manager role grants `update` on every toolhive kind but no `patch` on this
      // kind's status (ToolHive never writes it), so the status is PUT.
      { fieldManager: FIELD_MANAGER, put: true },
    );
    return undefined;
  }
}

export function compositeToolDefinitionController(ctx: ReconcileContext): ControllerSpec {
  const reconciler = new CompositeToolDefinitionReconciler(ctx);
  return {
    name: 'virtualmcpcompositetooldefinition',
    primary: reconciler.type,
    reconciler,
    watches: [
      {
        type: ctx.resources.toolhive('VirtualMCPServer'),
        map: (v: KubeObject) =>
          referencedNames('VirtualMCPServer', v, 'compositeTool').map((name) => ({
            namespace: v.metadata.namespace ?? '',
            name,
          })),
      },
    ],
  };
}
