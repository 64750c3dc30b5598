/**
 * One reconciler for the six shared config kinds (MCPToolConfig, MCPOIDCConfig,
 * MCPTelemetryConfig, MCPWebhookConfig, MCPAuthzConfig, MCPExternalAuthConfig), parameterised
 * per kind as ToolHive's controllers are: a finalizer, a `Valid` condition, `status.configHash`
 * and `observedGeneration`, and deletion blocked (`DeletionBlocked`/`ReferencedByWorkloads`,
 * re-checked every 30 s) while workloads in the namespace still reference the config.
 *
 * Workloads are not rolled from here: each workload controller watches the configs it
 * references and re-renders when their spec changes.
 */
import type {
  ControllerSpec,
  ReconcileRequest,
  ReconcileResult,
  Reconciler,
  WatchSpec,
} from '../controller/controller.ts';
import type { KubeObject, ResourceType } from '../kube/types.ts';
import type { Conditions } from '../status/conditions.ts';
import { writeStatus } from '../status/status-patch.ts';
import { IDENTITY_SYNTHESIZED, identitySynthesizedCondition } from './auth-server-conditions.ts';
import {
  type ConfigProblem,
  validateAuthzConfig,
  validateExternalAuthConfig,
  validateOidcConfig,
  validateTelemetryConfig,
  validateWebhookConfig,
} from './config-validation.ts';
import {
  addFinalizer,
  conditionsOf,
  configHash,
  FIELD_MANAGER,
  type ReconcileContext,
  removeFinalizer,
} from './context.ts';
import { type ConfigRole, referencedNames } from './references.ts';

export interface ConfigKindSpec {
  kind: string;
  /** Controller name, e.g. `mcptoolconfig`. */
  name: string;
  finalizer: string;
  role: ConfigRole;
  validReason: string;
  invalidReason: string;
  /** A message (reason `invalidReason`), a problem with its own reason, or undefined if valid. */
  validate: (obj: KubeObject) => string | ConfigProblem | undefined;
  /** Advisory conditions recomputed on every status write, valid or not. */
  advisories?: (obj: KubeObject, conditions: Conditions) => void;
  /** Workload kinds whose references block deletion. */
  blockingKinds: readonly string[];
  blockedMessage: (refs: { kind: string; name: string }[]) => string;
}

/** Go's `%v` of `[]WorkloadReference{Kind, Name}`: `[{MCPServer a} {MCPServer b}]`. */
const goStructList = (refs: { kind: string; name: string }[]) =>
  `Cannot delete: referenced by workloads: [${refs.map((r) => `{${r.kind} ${r.name}}`).join(' ')}]`;

export const CONFIG_KINDS: readonly ConfigKindSpec[] = [
  {
    kind: 'MCPToolConfig',
    name: 'mcptoolconfig',
    finalizer: 'toolhive.stacklok.dev/toolconfig-finalizer',
    role: 'toolConfig',
    validReason: 'ValidationSucceeded',
    invalidReason: 'ValidationFailed',
    validate: () => undefined,
    blockingKinds: ['MCPServer'],
    blockedMessage: goStructList,
  },
  {
    kind: 'MCPExternalAuthConfig',
    name: 'mcpexternalauthconfig',
    finalizer: 'mcpexternalauthconfig.toolhive.stacklok.dev/finalizer',
    role: 'externalAuthConfig',
    validReason: 'ValidationSucceeded',
    invalidReason: 'ValidationFailed',
    validate: validateExternalAuthConfig,
    advisories: externalAuthAdvisories,
    blockingKinds: ['MCPServer', 'MCPRemoteProxy'],
    blockedMessage: goStructList,
  },
  {
    kind: 'MCPOIDCConfig',
    name: 'mcpoidcconfig',
    finalizer: 'mcpoidcconfig.toolhive.stacklok.dev/finalizer',
    role: 'oidcConfig',
    validReason: 'ConfigValid',
    invalidReason: 'ConfigInvalid',
    validate: validateOidcConfig,
    blockingKinds: ['MCPServer', 'VirtualMCPServer', 'MCPRemoteProxy'],
    blockedMessage: goStructList,
  },
  {
    kind: 'MCPTelemetryConfig',
    name: 'mcptelemetryconfig',
    finalizer: 'mcptelemetryconfig.toolhive.stacklok.dev/finalizer',
    role: 'telemetryConfig',
    validReason: 'ValidationSucceeded',
    invalidReason: 'ValidationFailed',
    validate: validateTelemetryConfig,
    blockingKinds: ['MCPServer', 'MCPRemoteProxy', 'VirtualMCPServer'],
    blockedMessage: (refs) =>
      `cannot delete: still referenced by MCPServer(s): [${refs.map((r) => `${r.kind}/${r.name}`).join(' ')}]`,
  },
  {
    kind: 'MCPWebhookConfig',
    name: 'mcpwebhookconfig',
    finalizer: 'mcpwebhookconfig.toolhive.stacklok.dev/finalizer',
    role: 'webhookConfig',
    validReason: 'ValidationSucceeded',
    invalidReason: 'ValidationFailed',
    validate: validateWebhookConfig,
    blockingKinds: ['MCPServer'],
    blockedMessage: goStructList,
  },
  {
    kind: 'MCPAuthzConfig',
    name: 'mcpauthzconfig',
    finalizer: 'mcpauthzconfig.toolhive.stacklok.dev/finalizer',
    role: 'authzConfig',
    validReason: 'ConfigValid',
    invalidReason: 'ConfigInvalid',
    validate: validateAuthzConfig,
    blockingKinds: ['MCPServer', 'MCPRemoteProxy', 'VirtualMCPServer'],
    blockedMessage: goStructList,
  },
];

/**
 * MCPExternalAuthConfig's `IdentitySynthesized`: only for type embeddedAuthServer, removed for
 * every other type (ToolHive's `applyIdentitySynthesizedCondition`).
 */
function externalAuthAdvisories(obj: KubeObject, conditions: Conditions): void {
  const spec = (obj.spec ?? {}) as {
    type?: string;
    embeddedAuthServer?: Parameters<typeof identitySynthesizedCondition>[0];
  };
  if (spec.type !== 'embeddedAuthServer' || !spec.embeddedAuthServer) {
    conditions.remove(IDENTITY_SYNTHESIZED);
    return;
  }
  conditions.set(identitySynthesizedCondition(spec.embeddedAuthServer, 'spec.embeddedAuthServer'));
}

const DELETION_BLOCKED_REQUEUE_MS = 30_000;

export class ConfigKindReconciler implements Reconciler {
  readonly spec: ConfigKindSpec;
  readonly type: ResourceType;
  private readonly ctx: ReconcileContext;

  constructor(ctx: ReconcileContext, spec: ConfigKindSpec) {
    this.ctx = ctx;
    this.spec = spec;
    this.type = ctx.resources.toolhive(spec.kind);
  }

  /** Workloads in the namespace that reference this config, sorted by kind then name. */
  referrers(namespace: string, name: string): { kind: string; name: string }[] {
    const out: { kind: string; name: string }[] = [];
    for (const kind of this.spec.blockingKinds) {
      for (const w of this.ctx.cache.list(this.ctx.resources.toolhive(kind), namespace)) {
        if (referencedNames(kind, w, this.spec.role).includes(name))
          out.push({ kind, name: w.metadata.name! });
      }
    }
    return out.sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
  }

  async reconcile(req: ReconcileRequest): Promise<ReconcileResult | undefined> {
    let obj = this.ctx.cache.get(this.type, req.namespace, req.name);
    if (!obj) return undefined;
    const { finalizer } = this.spec;

    if (obj.metadata.deletionTimestamp) {
      if (!obj.metadata.finalizers?.includes(finalizer)) return undefined;
      const refs = this.referrers(req.namespace, req.name);
      const conditions = conditionsOf(this.ctx, obj);
      if (refs.length > 0) {
        const wasBlocked = conditions.isTrue('DeletionBlocked');
        conditions.set({
          type: 'DeletionBlocked',
          status: true,
          reason: 'ReferencedByWorkloads',
          message: this.spec.blockedMessage(refs),
        });
        await this.writeStatus(obj, { conditions: conditions.toArray() });
        if (!wasBlocked) {
          await this.ctx.events.record(
            obj,
            'Warning',
            'DeletionBlocked',
            // Go's %v of []WorkloadReference, as ToolHive's event says it.
            `deletion blocked while still referenced by workloads: [${refs.map((r) => `{${r.kind} ${r.name}}`).join(' ')}]`,
            'Delete',
          );
        }
        return { requeueAfter: DELETION_BLOCKED_REQUEUE_MS };
      }
      await removeFinalizer(this.ctx, this.type, obj, finalizer);
      return undefined;
    }

    obj = await addFinalizer(this.ctx, this.type, obj, finalizer);

    const conditions = conditionsOf(this.ctx, obj);
    const wasInvalid = conditions.get('Valid')?.status === 'False';
    const problem = this.spec.validate(obj);
    const status = (obj.status ?? {}) as Record<string, unknown>;
    this.spec.advisories?.(obj, conditions);
    if (problem !== undefined) {
      const { reason = this.spec.invalidReason, message: error } =
        typeof problem === 'string' ? { message: problem } : problem;
      conditions.set({ type: 'Valid', status: false, reason, message: error });
      await this.writeStatus(obj, {
        conditions: conditions.toArray(),
        observedGeneration: obj.metadata.generation,
        ...(status.configHash !== undefined ? { configHash: status.configHash } : {}),
      });
      if (!wasInvalid) {
        await this.ctx.events.record(
          obj,
          'Warning',
          'ConfigInvalid',
          `spec validation failed: ${error}`,
          'Validate',
        );
      }
      // Not retried: the user has to fix the spec, which is a new event.
      return undefined;
    }
    conditions.set({
      type: 'Valid',
      status: true,
      reason: this.spec.validReason,
      message: 'Spec validation passed',
    });
    conditions.remove('DeletionBlocked');
    await this.writeStatus(obj, {
      conditions: conditions.toArray(),
      configHash: configHash(obj.spec),
      observedGeneration: obj.metadata.generation,
    });
    if (wasInvalid) {
      await this.ctx.events.record(obj, 'Normal', 'ConfigValid', 'spec validation passed', 'Validate');
    }
    return undefined;
  }

  private async writeStatus(obj: KubeObject, desired: Record<string, unknown>): Promise<void> {
    await writeStatus(this.ctx.client, this.type, obj, desired, { fieldManager: FIELD_MANAGER });
  }
}

/** The controller for one config kind: its own objects, plus the workloads that reference it. */
export function configKindController(ctx: ReconcileContext, spec: ConfigKindSpec): ControllerSpec {
  const reconciler = new ConfigKindReconciler(ctx, spec);
  const watches: WatchSpec[] = spec.blockingKinds.map((kind) => ({
    type: ctx.resources.toolhive(kind),
    // A referencing workload changing or going away can unblock a pending deletion.
    map: (w: KubeObject) =>
      referencedNames(kind, w, spec.role).map((name) => ({ namespace: w.metadata.namespace ?? '', name })),
  }));
  return { name: spec.name, primary: reconciler.type, watches, reconciler };
}
