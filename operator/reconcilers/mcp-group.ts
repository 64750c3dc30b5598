/**
 * MCPGroup: membership status. Members declare the group (`spec.groupRef`); the group lists
 * them, sorted, with counts. Deleting a group is not blocked, but its members are told
 * (`GroupRefValidated` False/`GroupRefNotFound`) before the finalizer goes.
 */
import type {
  ControllerSpec,
  ReconcileRequest,
  ReconcileResult,
  Reconciler,
} from '../controller/controller.ts';
import type { KubeObject, ResourceType } from '../kube/types.ts';
import { writeStatus } from '../status/status-patch.ts';
import {
  addFinalizer,
  conditionsOf,
  FIELD_MANAGER,
  type ReconcileContext,
  removeFinalizer,
} from './context.ts';
import { referencedNames } from './references.ts';

export const MCPGROUP_FINALIZER = 'toolhive.stacklok.dev/mcpgroup-finalizer';
const MEMBER_KINDS = ['MCPServer', 'MCPRemoteProxy', 'MCPServerEntry'] as const;

export class McpGroupReconciler implements Reconciler {
  readonly type: ResourceType;
  private readonly ctx: ReconcileContext;

  constructor(ctx: ReconcileContext) {
    this.ctx = ctx;
    this.type = ctx.resources.toolhive('MCPGroup');
  }

  members(kind: string, namespace: string, group: string): KubeObject[] {
    return this.ctx.cache
      .list(this.ctx.resources.toolhive(kind), namespace)
      .filter((m) => referencedNames(kind, m, 'group').includes(group))
      .sort((a, b) => a.metadata.name!.localeCompare(b.metadata.name!));
  }

  async reconcile(req: ReconcileRequest): Promise<ReconcileResult | undefined> {
    let group = this.ctx.cache.get(this.type, req.namespace, req.name);
    if (!group) return undefined;

    if (group.metadata.deletionTimestamp) {
      if (!group.metadata.finalizers?.includes(MCPGROUP_FINALIZER)) return undefined;
      for (const kind of MEMBER_KINDS) {
        const type = this.ctx.resources.toolhive(kind);
        for (const member of this.members(kind, req.namespace, req.name)) {
          const conditions = conditionsOf(this.ctx, member);
          conditions.set({
            type: 'GroupRefValidated',
            status: false,
            reason: 'GroupRefNotFound',
            message: 'Referenced MCPGroup is being deleted',
          });
          await writeStatus(
            this.ctx.client,
            type,
            member,
            { conditions: conditions.toArray() },
            {
              fieldManager: FIELD_MANAGER,
              foreign: Object.keys((member.status ?? {}) as object).filter((k) => k !== 'conditions'),
            },
          );
        }
      }
      await removeFinalizer(this.ctx, this.type, group, MCPGROUP_FINALIZER);
      return undefined;
    }

    group = await addFinalizer(this.ctx, this.type, group, MCPGROUP_FINALIZER);
    const names = (kind: string) => this.members(kind, req.namespace, req.name).map((m) => m.metadata.name!);
    const servers = names('MCPServer');
    const remoteProxies = names('MCPRemoteProxy');
    const entries = names('MCPServerEntry');
    const conditions = conditionsOf(this.ctx, group);
    conditions.set({
      type: 'MCPServersChecked',
      status: true,
      reason: 'ListMCPServersCheckSucceeded',
      message: 'Successfully listed MCPServers, MCPRemoteProxies, and MCPServerEntries in namespace',
    });
    await writeStatus(
      this.ctx.client,
      this.type,
      group,
      {
        conditions: conditions.toArray(),
        observedGeneration: group.metadata.generation,
        phase: 'Ready',
        servers,
        serverCount: servers.length,
        remoteProxies,
        remoteProxyCount: remoteProxies.length,
        entries,
        entryCount: entries.length,
      },
      { fieldManager: FIELD_MANAGER },
    );
    return undefined;
  }
}

export function mcpGroupController(ctx: ReconcileContext): ControllerSpec {
  const reconciler = new McpGroupReconciler(ctx);
  return {
    name: 'mcpgroup',
    primary: reconciler.type,
    reconciler,
    watches: MEMBER_KINDS.map((kind) => ({
      type: ctx.resources.toolhive(kind),
      map: (m: KubeObject) =>
        referencedNames(kind, m, 'group').map((name) => ({ namespace: m.metadata.namespace ?? '', name })),
      // Membership changes only when a member appears, goes, or moves to another group.
      filter: (old: KubeObject | undefined, m: KubeObject) =>
        old === undefined ||
        referencedNames(kind, old, 'group').join() !== referencedNames(kind, m, 'group').join(),
    })),
  };
}
