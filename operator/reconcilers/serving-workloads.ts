/**
 * The two workloads with no proxy in front: MCPRegistry (deprecated kind; RegistryChart: the
 * registry API Deployment and Service) and EmbeddingServer (EmbeddingServerChart: a StatefulSet
 * with an optional model cache, and a Service). Both keep a finalizer, as ToolHive's do, and
 * report status from their Deployment or StatefulSet status.
 */
import { embeddingServerUrl, registryNames, registryUrl } from '../../lib/workload/names.ts';
import type { ApplyEngine } from '../apply/apply-engine.ts';
import type {
  ControllerSpec,
  ReconcileRequest,
  ReconcileResult,
  Reconciler,
} from '../controller/controller.ts';
import { CORE } from '../kube/resources.ts';
import type { KubeObject, ResourceType } from '../kube/types.ts';
import type { Conditions } from '../status/conditions.ts';
import { writeStatus } from '../status/status-patch.ts';
import {
  addFinalizer,
  conditionsOf,
  FIELD_MANAGER,
  type ReconcileContext,
  removeFinalizer,
} from './context.ts';
import type { WorkloadOptions } from './index.ts';
import { podTemplateError } from './pod-template.ts';
import { applyEngine, applyRendered, CHILD_TYPES, render, WorkloadError } from './workload.ts';

const REGISTRY_FINALIZER = 'mcpregistry.toolhive.stacklok.dev/finalizer';
const EMBEDDING_FINALIZER = 'embeddingserver.toolhive.stacklok.dev/finalizer';
const REGISTRY_PENDING_REQUEUE_MS = 30_000;

interface WorkloadStatus {
  readyReplicas?: number;
  replicas?: number;
}

abstract class ServingReconciler implements Reconciler {
  readonly type: ResourceType;
  protected readonly ctx: ReconcileContext;
  protected readonly opts: WorkloadOptions;
  protected readonly engine: ApplyEngine;
  protected abstract readonly finalizer: string;

  constructor(ctx: ReconcileContext, opts: WorkloadOptions, kind: string) {
    this.ctx = ctx;
    this.opts = opts;
    this.type = ctx.resources.toolhive(kind);
    this.engine = applyEngine(ctx, ctx.resources);
  }

  protected async write(obj: KubeObject, desired: Record<string, unknown>): Promise<boolean> {
    return (
      (await writeStatus(this.ctx.client, this.type, obj, desired, { fieldManager: FIELD_MANAGER })) !== obj
    );
  }

  protected abstract terminating(obj: KubeObject, c: Conditions): Promise<void>;
  protected abstract run(obj: KubeObject, c: Conditions): Promise<ReconcileResult | undefined>;

  async reconcile(req: ReconcileRequest): Promise<ReconcileResult | undefined> {
    let obj = this.ctx.cache.get(this.type, req.namespace, req.name);
    if (!obj) return undefined;
    const c = conditionsOf(this.ctx, obj);
    if (obj.metadata.deletionTimestamp) {
      if (!obj.metadata.finalizers?.includes(this.finalizer)) return undefined;
      await this.terminating(obj, c);
      await removeFinalizer(this.ctx, this.type, obj, this.finalizer);
      return undefined;
    }
    obj = await addFinalizer(this.ctx, this.type, obj, this.finalizer);
    return this.run(obj, c);
  }
}

export class McpRegistryReconciler extends ServingReconciler {
  protected readonly finalizer = REGISTRY_FINALIZER;

  constructor(ctx: ReconcileContext, opts: WorkloadOptions) {
    super(ctx, opts, 'MCPRegistry');
  }

  protected async terminating(obj: KubeObject, c: Conditions): Promise<void> {
    c.set({ type: 'Ready', status: false, reason: 'NotReady', message: 'MCPRegistry is being terminated' });
    await this.write(obj, {
      ...((obj.status ?? {}) as object),
      phase: 'Terminating',
      message: 'MCPRegistry is being terminated',
      conditions: c.toArray(),
    });
  }

  protected async run(obj: KubeObject, c: Conditions): Promise<ReconcileResult | undefined> {
    const spec = (obj.spec ?? {}) as { podTemplateSpec?: unknown };
    const observedGeneration = obj.metadata.generation;
    const previous = (obj.status as { observedGeneration?: number } | undefined)?.observedGeneration;
    if (previous !== observedGeneration) {
      await this.ctx.events.record(
        obj,
        'Warning',
        'MCPRegistryDeprecated',
        'MCPRegistry is deprecated and will be removed in a future release; install the ToolHive registry server via the toolhive-registry-server Helm chart instead',
      );
    }
    const fail = async (reason: string, message: string) => {
      c.set({ type: 'Ready', status: false, reason, message });
      await this.write(obj, {
        observedGeneration,
        phase: 'Failed',
        message,
        readyReplicas: 0,
        conditions: c.toArray(),
      });
    };
    const templateError = podTemplateError(spec.podTemplateSpec);
    if (spec.podTemplateSpec !== undefined) {
      c.set(
        templateError
          ? {
              type: 'PodTemplateValid',
              status: false,
              reason: 'InvalidPodTemplateSpec',
              message: templateError,
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
      await fail('NotReady', `Invalid PodTemplateSpec: ${templateError}`);
      return undefined;
    }
    try {
      await applyRendered(this.engine, obj, render(this.ctx, obj, this.opts));
    } catch (err) {
      if (!(err instanceof WorkloadError)) throw err;
      await fail('ValidationFailed', `Spec validation failed: ${err.message}`);
      throw err;
    }
    const name = obj.metadata.name!;
    const ns = obj.metadata.namespace!;
    const dep = this.ctx.cache.get(CORE.Deployment, ns, registryNames(name).api);
    const ready = ((dep?.status ?? {}) as WorkloadStatus).readyReplicas ?? 0;
    if (ready > 0) {
      c.set({
        type: 'Ready',
        status: true,
        reason: 'Ready',
        message: 'Registry API is ready and serving requests',
      });
      await this.write(obj, {
        observedGeneration,
        phase: 'Ready',
        message: 'Registry API is ready and serving requests',
        readyReplicas: ready,
        url: registryUrl(name, ns),
        conditions: c.toArray(),
      });
      return undefined;
    }
    c.set({
      type: 'Ready',
      status: false,
      reason: 'NotReady',
      message: 'Registry API deployment is not ready yet',
    });
    await this.write(obj, {
      observedGeneration,
      phase: 'Pending',
      message: 'Registry API deployment is not ready yet',
      readyReplicas: 0,
      conditions: c.toArray(),
    });
    return { requeueAfter: REGISTRY_PENDING_REQUEUE_MS };
  }
}

export class EmbeddingServerReconciler extends ServingReconciler {
  protected readonly finalizer = EMBEDDING_FINALIZER;

  constructor(ctx: ReconcileContext, opts: WorkloadOptions) {
    super(ctx, opts, 'EmbeddingServer');
  }

  protected async terminating(obj: KubeObject, c: Conditions): Promise<void> {
    const changed = await this.write(obj, {
      ...((obj.status ?? {}) as object),
      phase: 'Terminating',
      message: 'Embedding server is being terminated',
      conditions: c.toArray(),
    });
    if (changed)
      await this.ctx.events.record(obj, 'Normal', 'Deleted', 'Embedding server is being deleted', 'Delete');
  }

  protected async run(obj: KubeObject, c: Conditions): Promise<ReconcileResult | undefined> {
    const spec = (obj.spec ?? {}) as { podTemplateSpec?: unknown; port?: number };
    const name = obj.metadata.name!;
    const ns = obj.metadata.namespace!;
    const base = {
      observedGeneration: obj.metadata.generation,
      url: embeddingServerUrl(name, ns, spec.port ?? 8080),
    };
    const templateError = podTemplateError(spec.podTemplateSpec);
    c.set(
      templateError
        ? {
            type: 'PodTemplateValid',
            status: false,
            reason: 'InvalidPodTemplateSpec',
            message: templateError,
          }
        : {
            type: 'PodTemplateValid',
            status: true,
            reason: 'ValidPodTemplateSpec',
            message:
              spec.podTemplateSpec === undefined ? 'No PodTemplateSpec provided' : 'PodTemplateSpec is valid',
          },
    );
    if (templateError) {
      const changed = await this.write(obj, {
        ...base,
        phase: 'Failed',
        message: `Invalid PodTemplateSpec: ${templateError}`,
        readyReplicas: 0,
        conditions: c.toArray(),
      });
      if (changed) await this.ctx.events.record(obj, 'Warning', 'ValidationFailed', templateError);
      return undefined;
    }
    try {
      await applyRendered(this.engine, obj, render(this.ctx, obj, this.opts));
    } catch (err) {
      if (!(err instanceof WorkloadError)) throw err;
      await this.write(obj, {
        ...base,
        phase: 'Failed',
        message: err.message,
        readyReplicas: 0,
        conditions: c.toArray(),
      });
      throw err;
    }
    const sts = this.ctx.cache.get(CORE.StatefulSet, ns, name);
    const st = (sts?.status ?? {}) as WorkloadStatus;
    const ready = st.readyReplicas ?? 0;
    // Downloading: pods exist but none is ready yet (the model is being fetched). Without a
    // kubelet a workload stays here, which is what ToolHive's chainsaw tests accept.
    const [phase, message] =
      ready > 0
        ? ['Ready', 'Embedding server is running']
        : (st.replicas ?? 0) > 0
          ? ['Downloading', 'Downloading embedding model']
          : ['Pending', 'Waiting for statefulset'];
    await this.write(obj, { ...base, phase, message, readyReplicas: ready, conditions: c.toArray() });
    return undefined;
  }
}

export function mcpRegistryController(ctx: ReconcileContext, opts: WorkloadOptions): ControllerSpec {
  const reconciler = new McpRegistryReconciler(ctx, opts);
  return {
    name: 'mcpregistry',
    primary: reconciler.type,
    reconciler,
    owns: CHILD_TYPES.map((type) => ({ type })),
  };
}

export function embeddingServerController(ctx: ReconcileContext, opts: WorkloadOptions): ControllerSpec {
  const reconciler = new EmbeddingServerReconciler(ctx, opts);
  return {
    name: 'embeddingserver',
    primary: reconciler.type,
    reconciler,
    owns: CHILD_TYPES.map((type) => ({ type })),
  };
}
