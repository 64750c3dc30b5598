/**
 * MCPServer: ToolHive's controller flow (finalizer, restart annotations, advisory conditions,
 * config-ref checks and hashes, pod-template check, status from pods), except that every object
 * comes from McpServerChart — GitOps-complete (the MCP server's StatefulSet and Services too),
 * server-side applied and pruned — and rollouts follow content hashes.
 */
import type { KubeObject } from '../../lib/api/meta.ts';
import { secretRefNames } from '../../lib/resolve/workloads.ts';
import { mcpServerLabels, mcpServerNames, mcpServerUrl } from '../../lib/workload/names.ts';
import type {
  ControllerSpec,
  ReconcileRequest,
  ReconcileResult,
  Reconciler,
} from '../controller/controller.ts';
import { isConflict, isForbidden } from '../kube/errors.ts';
import { CORE } from '../kube/resources.ts';
import type { ResourceType } from '../kube/types.ts';
import type { Conditions } from '../status/conditions.ts';
import { countPods, INSTANCE_LABEL, matchingPods } from '../status/pods.ts';
import { writeStatus } from '../status/status-patch.ts';
import { parseTime } from '../util/micro-time.ts';
import {
  addFinalizer,
  conditionsOf,
  FIELD_MANAGER,
  type ReconcileContext,
  removeFinalizer,
} from './context.ts';
import type { WorkloadOptions } from './index.ts';
import { podTemplateError } from './pod-template.ts';
import {
  CHILD_TYPES,
  checkConfigRefs,
  referenceWatches,
  sessionStorageCondition,
  setCaBundleRefCondition,
  setGroupRefCondition,
  setPrimaryUpstreamIgnoredCondition,
  settleEmbeddedAuth,
  WorkloadError,
} from './workload.ts';
import { WorkloadApplier } from './workload-applier.ts';

export const MCPSERVER_FINALIZER = 'mcpserver.toolhive.stacklok.dev/finalizer';
export const RESTARTED_AT = 'mcpserver.toolhive.stacklok.dev/restarted-at';
export const RESTART_STRATEGY = 'mcpserver.toolhive.stacklok.dev/restart-strategy';
export const LAST_PROCESSED_RESTART = 'mcpserver.toolhive.stacklok.dev/last-processed-restart';

interface ServerSpec {
  transport?: string;
  proxyMode?: string;
  proxyPort?: number;
  replicas?: number;
  groupRef?: { name?: string };
  podTemplateSpec?: unknown;
  sessionStorage?: { provider?: string };
  rateLimiting?: { perUser?: unknown; tools?: { perUser?: unknown }[] };
  oidcConfigRef?: unknown;
  externalAuthConfigRef?: unknown;
  secrets?: { name: string }[];
}

/** Secrets and ConfigMaps the server's pods read (their change rolls the workload). */
export function mcpServerInputs(obj: KubeObject): { secrets: string[]; configMaps: string[] } {
  const spec = (obj.spec ?? {}) as ServerSpec & {
    permissionProfile?: { type?: string; name?: string };
    authzConfig?: { type?: string; configMap?: { name?: string } };
  };
  const secrets = new Set<string>([...(spec.secrets ?? []).map((s) => s.name), ...secretRefNames(spec)]);
  const configMaps = new Set<string>();
  if (spec.authzConfig?.type === 'configMap' && spec.authzConfig.configMap?.name)
    configMaps.add(spec.authzConfig.configMap.name);
  if (spec.permissionProfile?.type === 'configmap' && spec.permissionProfile.name)
    configMaps.add(spec.permissionProfile.name);
  return { secrets: [...secrets].sort(), configMaps: [...configMaps].sort() };
}

/** ToolHive's effective proxy mode: the transport itself for HTTP transports. */
function proxyModeOf(spec: ServerSpec): string {
  const transport = spec.transport ?? 'stdio';
  return transport === 'stdio' ? (spec.proxyMode ?? 'streamable-http') : transport;
}

export class McpServerReconciler implements Reconciler {
  readonly type: ResourceType;
  private readonly ctx: ReconcileContext;
  private readonly applier: WorkloadApplier;

  constructor(ctx: ReconcileContext, opts: WorkloadOptions) {
    this.ctx = ctx;
    this.type = ctx.resources.toolhive('MCPServer');
    this.applier = new WorkloadApplier(ctx, opts);
  }

  async reconcile(req: ReconcileRequest): Promise<ReconcileResult | undefined> {
    let obj = this.ctx.cache.get(this.type, req.namespace, req.name);
    if (!obj || obj.metadata.deletionTimestamp) this.applier.forget(req.namespace, req.name);
    if (!obj) return undefined;
    const c = conditionsOf(this.ctx, obj);

    if (obj.metadata.deletionTimestamp) {
      if (!obj.metadata.finalizers?.includes(MCPSERVER_FINALIZER)) return undefined;
      c.set({ type: 'Ready', status: false, reason: 'NotReady', message: 'MCP server is being terminated' });
      await this.write(obj, {
        ...this.keep(obj),
        phase: 'Terminating',
        message: 'MCP server is being terminated',
        conditions: c.toArray(),
      });
      // Children carry owner references: the garbage collector removes them.
      await removeFinalizer(this.ctx, this.type, obj, MCPSERVER_FINALIZER);
      return undefined;
    }
    obj = await addFinalizer(this.ctx, this.type, obj, MCPSERVER_FINALIZER);
    const spec = (obj.spec ?? {}) as ServerSpec;
    const name = obj.metadata.name!;
    const ns = obj.metadata.namespace!;

    const restart = await this.restartRequest(obj);
    if (restart.record) obj = restart.record;
    if (restart.failure) c.set({ type: 'RestartFailed', status: true, ...restart.failure });
    else c.remove('RestartFailed');

    this.advisoryConditions(obj, spec, c);

    const base = {
      observedGeneration: obj.metadata.generation,
      url: mcpServerUrl(name, ns, spec.proxyPort ?? 8080, proxyModeOf(spec)),
    };
    const templateError = podTemplateError(spec.podTemplateSpec);
    if (spec.podTemplateSpec !== undefined) {
      c.set(
        templateError
          ? {
              type: 'PodTemplateValid',
              status: false,
              reason: 'InvalidPodTemplateSpec',
              message: `Failed to parse PodTemplateSpec: ${templateError}. Deployment blocked until fixed.`,
            }
          : {
              type: 'PodTemplateValid',
              status: true,
              reason: 'ValidPodTemplateSpec',
              message: 'PodTemplateSpec is valid',
            },
      );
    } else {
      c.remove('PodTemplateValid');
    }
    if (templateError) {
      const message = `Invalid PodTemplateSpec: ${templateError}`;
      c.set({ type: 'Ready', status: false, reason: 'NotReady', message });
      const changed = await this.write(obj, {
        ...base,
        phase: 'Failed',
        message,
        readyReplicas: 0,
        conditions: c.toArray(),
      });
      if (changed) await this.ctx.events.record(obj, 'Warning', 'InvalidPodTemplateSpec', message);
      // Not retried: the user has to fix the spec.
      return undefined;
    }

    const refs = checkConfigRefs(this.ctx, 'MCPServer', obj, c);
    try {
      if (refs.error) throw new WorkloadError(refs.error);
      await this.applier.sync(obj, {
        adjust: (objects) => this.carryRestart(objects, name, restart.rollingValue),
        extra: restart.rollingValue ?? '',
      });
      settleEmbeddedAuth(c, refs, 'built');
    } catch (err) {
      if (!(err instanceof WorkloadError)) throw err;
      settleEmbeddedAuth(c, refs, err.embeddedAuthOutcome);
      c.set({ type: 'Ready', status: false, reason: 'NotReady', message: err.message });
      const changed = await this.write(obj, {
        ...base,
        ...refs.hashes,
        phase: 'Failed',
        message: err.message,
        readyReplicas: 0,
        conditions: c.toArray(),
      });
      if (changed) await this.ctx.events.record(obj, 'Warning', 'ReconcileFailed', err.message);
      throw err;
    }

    const observed = this.observe(obj, c);
    const changed = await this.write(obj, { ...base, ...refs.hashes, ...observed, conditions: c.toArray() });
    if (restart.failure) {
      // The workload itself is reconciled; the restart is retried with backoff until it works.
      if (changed) await this.ctx.events.record(obj, 'Warning', 'RestartFailed', restart.failure.message);
      throw new Error(restart.failure.message);
    }
    return restart.requeue ? { requeueAfter: 0 } : undefined;
  }

  /** Status fields this controller does not recompute but must not drop. */
  private keep(obj: KubeObject): Record<string, unknown> {
    const { phase: _p, message: _m, conditions: _c, ...rest } = (obj.status ?? {}) as Record<string, unknown>;
    return rest;
  }

  private async write(obj: KubeObject, desired: Record<string, unknown>): Promise<boolean> {
    const after = await writeStatus(this.ctx.client, this.type, obj, desired, {
      fieldManager: FIELD_MANAGER,
    });
    return after !== obj;
  }

  private advisoryConditions(obj: KubeObject, spec: ServerSpec, c: Conditions): void {
    setGroupRefCondition(this.ctx, obj, spec.groupRef?.name, c);
    setCaBundleRefCondition(this.ctx, obj, c);
    setPrimaryUpstreamIgnoredCondition('MCPServer', obj, c);
    const stdio = (spec.transport ?? 'stdio') === 'stdio';
    c.set(
      stdio && (spec.replicas ?? 0) > 1
        ? {
            type: 'StdioReplicaCapped',
            status: true,
            reason: 'StdioTransportCapAt1',
            message:
              'stdio transport requires exactly 1 replica; deployment will use 1 regardless of spec.replicas',
          }
        : {
            type: 'StdioReplicaCapped',
            status: false,
            reason: 'StdioReplicaCapNotActive',
            message: 'stdio replica cap is not active',
          },
    );
    c.set(sessionStorageCondition(spec.replicas, spec.sessionStorage));
    const rl = spec.rateLimiting;
    if (!rl) {
      c.set({
        type: 'RateLimitConfigValid',
        status: true,
        reason: 'RateLimitNotApplicable',
        message: 'rate limiting is not configured',
      });
    } else if (
      (rl.perUser || rl.tools?.some((t) => t.perUser)) &&
      !spec.oidcConfigRef &&
      !spec.externalAuthConfigRef
    ) {
      c.set({
        type: 'RateLimitConfigValid',
        status: false,
        reason: 'PerUserRequiresAuth',
        message:
          'perUser rate limiting requires authentication to be enabled (oidcConfigRef or externalAuthConfigRef)',
      });
    } else {
      c.set({
        type: 'RateLimitConfigValid',
        status: true,
        reason: 'RateLimitConfigValid',
        message: 'rate limit configuration is valid',
      });
    }
  }

  /**
   * Restart annotations. A `restarted-at` newer than `last-processed-restart` is processed once:
   * rolling (default) stamps it on the proxy pod template; immediate deletes the proxy pods.
   * The stamp is carried over on later renders, so it stays put until the next restart.
   */
  private async restartRequest(obj: KubeObject): Promise<{
    record?: KubeObject;
    rollingValue?: string;
    requeue: boolean;
    /** An immediate restart that could not delete the pods: stays requested, retried. */
    failure?: { reason: string; message: string };
  }> {
    const ann = obj.metadata.annotations ?? {};
    const name = obj.metadata.name!;
    const ns = obj.metadata.namespace!;
    const live = this.ctx.cache.get(CORE.Deployment, ns, mcpServerNames(name).deployment);
    const stamped = (
      live?.spec as { template?: { metadata?: { annotations?: Record<string, string> } } } | undefined
    )?.template?.metadata?.annotations?.[RESTARTED_AT];
    const requested = ann[RESTARTED_AT];
    const last = ann[LAST_PROCESSED_RESTART];
    const newer = requested !== undefined && (last === undefined || parseTime(requested) > parseTime(last));
    if (!newer || Number.isNaN(parseTime(requested)))
      return { ...(stamped ? { rollingValue: stamped } : {}), requeue: false };
    const strategy = ann[RESTART_STRATEGY] ?? 'rolling';
    if (strategy === 'immediate') {
      const failure = await this.deleteProxyPods(name, ns, requested);
      if (failure) return { ...(stamped ? { rollingValue: stamped } : {}), requeue: false, failure };
    }
    const record = await this.ctx.client.mergePatch(this.type, ns, name, {
      metadata: {
        annotations: { [LAST_PROCESSED_RESTART]: requested },
        resourceVersion: obj.metadata.resourceVersion,
      },
    });
    await this.ctx.events.record(
      obj,
      'Normal',
      'RestartTriggered',
      `${strategy} restart requested at ${requested}`,
    );
    const rollingValue = strategy === 'immediate' ? stamped : requested;
    return { record, ...(rollingValue ? { rollingValue } : {}), requeue: true };
  }

  /** The immediate restart: deletes the proxy pods (their Deployment recreates them). */
  private async deleteProxyPods(
    name: string,
    ns: string,
    requested: string,
  ): Promise<{ reason: string; message: string } | undefined> {
    for (const pod of matchingPods(
      this.ctx.cache.labelled(CORE.Pod, ns, INSTANCE_LABEL, name),
      mcpServerLabels(name),
    )) {
      try {
        await this.ctx.client.delete(CORE.Pod, ns, pod.metadata.name!, { uid: pod.metadata.uid! });
      } catch (err) {
        // 409: the uid precondition failed, so that pod was already replaced.
        if (isConflict(err)) continue;
        const detail = err instanceof Error ? err.message : String(err);
        return isForbidden(err)
          ? {
              reason: 'PodDeleteForbidden',
              message: `Immediate restart requested at ${requested} could not delete pod ${pod.metadata.name}: ${detail}. Grant the operator's ServiceAccount "delete" on pods (the OperatorChart's manager role does), or set ${RESTART_STRATEGY} to "rolling".`,
            }
          : {
              reason: 'PodDeleteFailed',
              message: `Immediate restart requested at ${requested} could not delete pod ${pod.metadata.name}: ${detail}; retrying.`,
            };
      }
    }
    return undefined;
  }

  private carryRestart(objects: KubeObject[], name: string, value: string | undefined): void {
    if (!value) return;
    const dep = objects.find(
      (o) => o.kind === 'Deployment' && o.metadata.name === mcpServerNames(name).deployment,
    );
    const tpl = (
      dep?.spec as { template?: { metadata?: { annotations?: Record<string, string> } } } | undefined
    )?.template;
    if (!tpl) return;
    tpl.metadata = {
      ...(tpl.metadata ?? {}),
      annotations: { ...(tpl.metadata?.annotations ?? {}), [RESTARTED_AT]: value },
    };
  }

  /** Phase, message, readyReplicas and Ready from the observed Deployment, pods and StatefulSet. */
  private observe(obj: KubeObject, c: Conditions): Record<string, unknown> {
    const name = obj.metadata.name!;
    const ns = obj.metadata.namespace!;
    const names = mcpServerNames(name);
    const dep = this.ctx.cache.get(CORE.Deployment, ns, names.deployment);
    const notReady = (phase: string, message: string, readyReplicas = 0) => {
      c.set({ type: 'Ready', status: false, reason: 'NotReady', message });
      return { phase, message, readyReplicas };
    };
    if ((dep?.spec as { replicas?: number } | undefined)?.replicas === 0) {
      return notReady('Stopped', 'MCP server is stopped (scaled to zero)');
    }
    const pods = countPods(
      matchingPods(this.ctx.cache.labelled(CORE.Pod, ns, INSTANCE_LABEL, name), mcpServerLabels(name)),
    );
    if (pods.total === 0) return notReady('Pending', 'MCP server is being created');
    if (pods.running > 0 && !this.ctx.cache.get(CORE.StatefulSet, ns, names.statefulSet)) {
      return notReady(
        'Pending',
        'MCP server proxy is running; recreating missing workload StatefulSet',
        pods.running,
      );
    }
    if (pods.running > 0) {
      c.set({ type: 'Ready', status: true, reason: 'Ready', message: 'MCP server is running' });
      return { phase: 'Ready', message: 'MCP server is running', readyReplicas: pods.running };
    }
    if (pods.failed > 0) return notReady('Failed', `MCP server pod failed: ${pods.failureReason}`);
    if (pods.pending > 0) return notReady('Pending', 'MCP server is starting');
    return notReady('Pending', 'No healthy pods found');
  }
}

export function mcpServerController(ctx: ReconcileContext, opts: WorkloadOptions): ControllerSpec {
  const reconciler = new McpServerReconciler(ctx, opts);
  return {
    name: 'mcpserver',
    primary: reconciler.type,
    reconciler,
    owns: CHILD_TYPES.map((type) => ({ type })),
    watches: [
      ...referenceWatches(
        ctx,
        'MCPServer',
        [
          'toolConfig',
          'oidcConfig',
          'telemetryConfig',
          'authzConfig',
          'externalAuthConfig',
          'webhookConfig',
          'group',
        ],
        mcpServerInputs,
      ),
      {
        // Proxy pods: status follows them.
        type: CORE.Pod,
        map: (p) =>
          p.metadata.labels?.app === 'mcpserver' && p.metadata.labels['app.kubernetes.io/instance']
            ? [
                {
                  namespace: p.metadata.namespace ?? '',
                  name: p.metadata.labels['app.kubernetes.io/instance'],
                },
              ]
            : [],
      },
    ],
  };
}
