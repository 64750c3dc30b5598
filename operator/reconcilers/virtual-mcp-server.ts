/**
 * VirtualMCPServer: no finalizer. Checks the spec, group, composite tool definitions, embedding
 * server and config refs (ToolHive's conditions), creates the session HMAC Secret once (random,
 * so never rendered), renders VirtualMcpChart (which, with inline outgoing auth, writes the
 * group's members into the vMCP config as static backends, so membership changes roll it),
 * applies and prunes, and reports status from pods (PodReady) and the backend health the vMCP
 * runtime itself writes into status.
 */
import { randomBytes } from 'node:crypto';
import type { KubeObject } from '../../lib/api/meta.ts';
import { secretRefNames } from '../../lib/resolve/workloads.ts';
import {
  virtualMcpServerLabels,
  virtualMcpServerNames,
  virtualMcpServerUrl,
} from '../../lib/workload/names.ts';
import type {
  ControllerSpec,
  ReconcileRequest,
  ReconcileResult,
  Reconciler,
} from '../controller/controller.ts';
import { CORE } from '../kube/resources.ts';
import type { ResourceType } from '../kube/types.ts';
import type { Conditions } from '../status/conditions.ts';
import { INSTANCE_LABEL, matchingPods, podReady } from '../status/pods.ts';
import { writeStatus } from '../status/status-patch.ts';
import { conditionsOf, FIELD_MANAGER, type ReconcileContext } from './context.ts';
import type { WorkloadOptions } from './index.ts';
import { missingRef, unusableRef, waitingFor } from './messages.ts';
import { podTemplateError } from './pod-template.ts';
import { referencedNames } from './references.ts';
import { checkVmcpAuth } from './vmcp-auth.ts';
import { MEMBER_KINDS, setAuthConfiguredCondition, setOutgoingAuthConditions } from './vmcp-outgoing-auth.ts';
import {
  CHILD_TYPES,
  checkConfigRefs,
  referenceWatches,
  sessionStorageCondition,
  settleEmbeddedAuth,
  WorkloadError,
} from './workload.ts';
import { WorkloadApplier } from './workload-applier.ts';

/** Status the vMCP runtime writes; the operator leaves it alone. */
const RUNTIME_FIELDS = ['discoveredBackends', 'backendCount'];
const EMBEDDING_REQUEUE_MS = 30_000;
const HMAC_KEY = 'hmac-secret';
/** Group members by the MCPExternalAuthConfig they name. */
const MEMBER_AUTH_INDEX = 'vmcp:externalAuthConfig';

interface VmcpSpec {
  groupRef?: { name?: string };
  replicas?: number;
  sessionStorage?: { provider?: string };
  podTemplateSpec?: unknown;
  embeddingServerRef?: { name?: string };
  config?: { compositeToolRefs?: { name: string }[] };
}

export function virtualMcpInputs(obj: KubeObject): { secrets: string[]; configMaps: string[] } {
  const spec = (obj.spec ?? {}) as { incomingAuth?: { authzConfig?: { configMap?: { name?: string } } } };
  const cm = spec.incomingAuth?.authzConfig?.configMap?.name;
  return { secrets: [...new Set(secretRefNames(spec))].sort(), configMaps: cm ? [cm] : [] };
}

export class VirtualMcpServerReconciler implements Reconciler {
  readonly type: ResourceType;
  private readonly ctx: ReconcileContext;
  private readonly applier: WorkloadApplier;
  /** HMAC Secrets already checked, by uid → resourceVersion (checking needs a read). */
  private readonly checkedHmac = new Map<string, string>();
  /** uid → the generation last warned about the deprecated primaryUpstreamProvider. */
  private readonly deprecationWarned = new Map<string, number | undefined>();

  constructor(ctx: ReconcileContext, opts: WorkloadOptions) {
    this.ctx = ctx;
    this.type = ctx.resources.toolhive('VirtualMCPServer');
    this.applier = new WorkloadApplier(ctx, opts);
  }

  async reconcile(req: ReconcileRequest): Promise<ReconcileResult | undefined> {
    const obj = this.ctx.cache.get(this.type, req.namespace, req.name);
    if (!obj || obj.metadata.deletionTimestamp) {
      this.applier.forget(req.namespace, req.name);
      if (obj?.metadata.uid) this.deprecationWarned.delete(obj.metadata.uid);
      return undefined;
    }
    const spec = (obj.spec ?? {}) as VmcpSpec;
    const name = obj.metadata.name!;
    const ns = obj.metadata.namespace!;
    const c = conditionsOf(this.ctx, obj);
    const base = { observedGeneration: obj.metadata.generation, url: virtualMcpServerUrl(name, ns) };
    const fail = async (
      phase: 'Failed' | 'Pending',
      message: string,
      extra: Record<string, unknown> = {},
    ) => {
      await this.write(obj, { ...base, ...extra, phase, message, conditions: c.toArray() });
    };

    const groupName = spec.groupRef?.name ?? '';
    if (!groupName) {
      c.set({
        type: 'Valid',
        status: false,
        reason: 'ValidationFailed',
        message: 'spec.groupRef.name is required',
      });
      await fail('Failed', 'spec.groupRef.name is required');
      return undefined;
    }
    c.set({ type: 'Valid', status: true, reason: 'ValidationSucceeded', message: 'Spec validation passed' });
    c.set(sessionStorageCondition(spec.replicas, spec.sessionStorage));

    const templateError = podTemplateError(spec.podTemplateSpec);
    if (spec.podTemplateSpec !== undefined) {
      c.set(
        templateError
          ? {
              type: 'PodTemplateSpecValid',
              status: false,
              reason: 'InvalidPodTemplateSpec',
              message: `Failed to parse PodTemplateSpec: ${templateError}`,
            }
          : {
              type: 'PodTemplateSpecValid',
              status: true,
              reason: 'PodTemplateSpecValid',
              message: 'PodTemplateSpec is valid',
            },
      );
    } else {
      c.remove('PodTemplateSpecValid');
    }
    if (templateError) {
      await fail('Failed', `Invalid PodTemplateSpec: ${templateError}`);
      return undefined;
    }

    const group = this.ctx.cache.get(this.ctx.resources.toolhive('MCPGroup'), ns, groupName);
    const groupPhase = (group?.status as { phase?: string } | undefined)?.phase;
    if (!group) {
      const message = missingRef(
        `Referenced MCPGroup ${groupName} not found`,
        'spec.groupRef.name',
        'MCPGroup',
        groupName,
        ns,
      );
      c.set({ type: 'GroupRefValidated', status: false, reason: 'GroupRefNotFound', message });
      await fail('Failed', message);
      throw new WorkloadError(message);
    }
    if (groupPhase !== 'Ready') {
      const message = waitingFor(
        `Referenced MCPGroup ${groupName} is not ready (phase: ${groupPhase ?? ''})`,
        'spec.groupRef.name',
      );
      c.set({ type: 'GroupRefValidated', status: false, reason: 'GroupRefNotReady', message });
      await fail('Pending', message);
      throw new WorkloadError(message);
    }
    c.set({
      type: 'GroupRefValidated',
      status: true,
      reason: 'GroupRefValid',
      message: `MCPGroup ${groupName} is valid and ready`,
    });

    const compositeError = this.compositeTools(obj, c);
    if (compositeError) {
      await fail('Failed', compositeError);
      throw new WorkloadError(compositeError);
    }

    const embedding = spec.embeddingServerRef?.name;
    if (embedding) {
      const es = this.ctx.cache.get(this.ctx.resources.toolhive('EmbeddingServer'), ns, embedding);
      const esStatus = (es?.status ?? {}) as { phase?: string; readyReplicas?: number };
      if (!es) {
        const message = missingRef(
          `EmbeddingServer ${embedding} not found`,
          'spec.embeddingServerRef.name',
          'EmbeddingServer',
          embedding,
          ns,
        );
        c.set({ type: 'EmbeddingServerReady', status: false, reason: 'EmbeddingServerNotFound', message });
        await fail('Failed', message);
        throw new WorkloadError(message);
      }
      if (esStatus.phase !== 'Ready' || (esStatus.readyReplicas ?? 0) < 1) {
        c.set({
          type: 'EmbeddingServerReady',
          status: false,
          reason: 'EmbeddingServerNotReady',
          message: `EmbeddingServer ${embedding} is not ready`,
        });
        await fail('Pending', 'Waiting for EmbeddingServer to become ready');
        return { requeueAfter: EMBEDDING_REQUEUE_MS };
      }
      c.set({
        type: 'EmbeddingServerReady',
        status: true,
        reason: 'EmbeddingServerReady',
        message: `EmbeddingServer ${embedding} is ready`,
      });
    } else {
      c.remove('EmbeddingServerReady');
    }

    const auth = checkVmcpAuth(obj, c);
    // Once per spec generation (ToolHive: while the generation is not yet observed).
    const uid = obj.metadata.uid ?? '';
    if (!auth.deprecatedPrimary) this.deprecationWarned.delete(uid);
    else if (this.deprecationWarned.get(uid) !== obj.metadata.generation) {
      this.deprecationWarned.set(uid, obj.metadata.generation);
      await this.ctx.events.record(
        obj,
        'Warning',
        'AuthzPrimaryUpstreamProviderDeprecated',
        'spec.incomingAuth.authzConfig.inline.primaryUpstreamProvider is deprecated; move the value to spec.authServerConfig.primaryUpstreamProvider',
        'ResolvePrimaryUpstreamProvider',
      );
    }
    if (auth.error) {
      // Not retried: the user has to fix the spec.
      await fail('Failed', auth.error);
      return undefined;
    }

    const refs = checkConfigRefs(this.ctx, 'VirtualMCPServer', obj, c);
    setOutgoingAuthConditions(this.ctx, obj, c);
    try {
      if (refs.error) throw new WorkloadError(refs.error);
      const before = c.get('AuthConfigured');
      const secretsProblem = setAuthConfiguredCondition(this.ctx, obj, c);
      if (secretsProblem) {
        // A Warning event when the problem is new, not on every retry.
        if (before?.status !== 'False' || before.message !== secretsProblem)
          await this.ctx.events.record(
            obj,
            'Warning',
            'SecretValidationFailed',
            `Secret validation failed: ${secretsProblem}`,
            'ValidateSecrets',
          );
        throw new WorkloadError(secretsProblem);
      }
      await this.ensureHmacSecret(obj);
      await this.applier.sync(obj);
      settleEmbeddedAuth(c, auth, 'built');
    } catch (err) {
      if (!(err instanceof WorkloadError)) throw err;
      settleEmbeddedAuth(c, auth, err.embeddedAuthOutcome);
      c.set({
        type: 'Ready',
        status: false,
        reason:
          err.embeddedAuth?.source === 'authServerConfig' ? 'AuthServerConfigInvalid' : 'DeploymentNotReady',
        message: err.message,
      });
      await fail('Failed', err.message, refs.hashes);
      throw err;
    }
    await this.write(obj, { ...base, ...refs.hashes, ...this.observe(obj, c), conditions: c.toArray() });
    return undefined;
  }

  private compositeTools(obj: KubeObject, c: Conditions): string | undefined {
    const names = referencedNames('VirtualMCPServer', obj, 'compositeTool');
    if (names.length === 0) {
      c.remove('CompositeToolRefsValidated');
      return undefined;
    }
    const type = this.ctx.resources.toolhive('VirtualMCPCompositeToolDefinition');
    for (const n of names) {
      const def = this.ctx.cache.get(type, obj.metadata.namespace, n);
      if (!def) {
        const message = missingRef(
          `Referenced VirtualMCPCompositeToolDefinition ${n} not found`,
          'spec.config.compositeToolRefs',
          'VirtualMCPCompositeToolDefinition',
          n,
          obj.metadata.namespace ?? '',
        );
        c.set({
          type: 'CompositeToolRefsValidated',
          status: false,
          reason: 'CompositeToolRefNotFound',
          message,
        });
        return message;
      }
      const st = (def.status ?? {}) as { validationStatus?: string; validationErrors?: string[] };
      if (st.validationStatus === 'Invalid') {
        const message = unusableRef(
          `VirtualMCPCompositeToolDefinition ${n} is invalid: ${(st.validationErrors ?? []).join('; ')}`,
          'spec.config.compositeToolRefs',
          'VirtualMCPCompositeToolDefinition',
          n,
        );
        c.set({
          type: 'CompositeToolRefsValidated',
          status: false,
          reason: 'CompositeToolRefInvalid',
          message,
        });
        return message;
      }
    }
    c.set({
      type: 'CompositeToolRefsValidated',
      status: true,
      reason: 'CompositeToolRefsValid',
      message: 'All referenced composite tool definitions are valid',
    });
    return undefined;
  }

  /**
   * `<name>-hmac-secret`: created once with 32 random bytes, never rotated. An existing one must
   * be controlled by this VirtualMCPServer and hold exactly 32 non-zero bytes.
   */
  private async ensureHmacSecret(obj: KubeObject): Promise<void> {
    const name = virtualMcpServerNames(obj.metadata.name!).hmacSecret;
    const ns = obj.metadata.namespace!;
    const cached = this.ctx.cache.get(CORE.Secret, ns, name);
    if (!cached) {
      await this.ctx.client
        .create(
          CORE.Secret,
          {
            apiVersion: 'v1',
            kind: 'Secret',
            metadata: {
              name,
              namespace: ns,
              labels: {
                'app.kubernetes.io/name': 'virtualmcpserver',
                'app.kubernetes.io/instance': obj.metadata.name!,
                'app.kubernetes.io/component': 'session-security',
                'app.kubernetes.io/managed-by': 'toolhive-operator',
              },
              annotations: { 'toolhive.stacklok.dev/purpose': 'hmac-secret-for-session-token-binding' },
              ownerReferences: [
                {
                  apiVersion: obj.apiVersion,
                  kind: obj.kind,
                  name: obj.metadata.name!,
                  uid: obj.metadata.uid!,
                  controller: true,
                  blockOwnerDeletion: true,
                },
              ],
            },
            type: 'Opaque',
            data: { [HMAC_KEY]: randomBytes(32).toString('base64') },
          },
          { fieldManager: FIELD_MANAGER },
        )
        .catch((err: unknown) => {
          // Created meanwhile (by an earlier run whose event has not arrived yet): checked next time.
          if ((err as { code?: number }).code !== 409) throw err;
        });
      return;
    }
    const owned = cached.metadata.ownerReferences?.some((r) => r.uid === obj.metadata.uid && r.controller);
    if (!owned) throw new WorkloadError(`Secret ${name} exists but is not owned by this VirtualMCPServer`);
    if (this.checkedHmac.get(cached.metadata.uid!) === cached.metadata.resourceVersion) return;
    const live = await this.ctx.client.get(CORE.Secret, ns, name);
    const bytes = Buffer.from(
      String((live?.data as Record<string, string> | undefined)?.[HMAC_KEY] ?? ''),
      'base64',
    );
    if (bytes.length !== 32 || bytes.every((b) => b === 0)) {
      throw new WorkloadError(`Secret ${name} must hold exactly 32 non-zero bytes in key ${HMAC_KEY}`);
    }
    this.checkedHmac.set(cached.metadata.uid!, cached.metadata.resourceVersion!);
  }

  private observe(obj: KubeObject, c: Conditions): Record<string, unknown> {
    const pods = matchingPods(
      this.ctx.cache.labelled(CORE.Pod, obj.metadata.namespace, INSTANCE_LABEL, obj.metadata.name!),
      virtualMcpServerLabels(obj.metadata.name!),
    ).filter((p) => !p.metadata.deletionTimestamp);
    const ready = pods.filter(podReady).length;
    const failed = pods.filter(
      (p) => (p.status as { phase?: string } | undefined)?.phase === 'Failed',
    ).length;
    if (ready === 0) {
      if (failed > 0) {
        c.set({
          type: 'Ready',
          status: false,
          reason: 'DeploymentFailed',
          message: 'Virtual MCP server failed to start',
        });
        return { phase: 'Failed', message: 'Virtual MCP server failed to start' };
      }
      const message =
        pods.length === 0 ? 'No pods found for Virtual MCP server' : 'Virtual MCP server is starting';
      c.set({ type: 'Ready', status: false, reason: 'DeploymentNotReady', message });
      return { phase: 'Pending', message };
    }
    const backends =
      ((obj.status ?? {}) as { discoveredBackends?: { status?: string }[] }).discoveredBackends ?? [];
    const healthy = (b: { status?: string }) => b.status === 'ready' || b.status === 'unauthenticated';
    if (backends.length > 0 && backends.every((b) => !healthy(b))) {
      c.set({
        type: 'Ready',
        status: false,
        reason: 'BackendsUnavailable',
        message: 'All backends are unavailable',
      });
      return { phase: 'Degraded', message: 'All backends are unavailable' };
    }
    if (backends.some((b) => !healthy(b))) {
      c.set({
        type: 'Ready',
        status: false,
        reason: 'BackendsDegraded',
        message: 'Some backends are unavailable',
      });
      return { phase: 'Degraded', message: 'Some backends are unavailable' };
    }
    c.set({ type: 'Ready', status: true, reason: 'DeploymentReady', message: 'Deployment is ready' });
    return { phase: 'Ready', message: 'Virtual MCP server is running' };
  }

  private async write(obj: KubeObject, desired: Record<string, unknown>): Promise<void> {
    await writeStatus(this.ctx.client, this.type, obj, desired, {
      fieldManager: FIELD_MANAGER,
      foreign: RUNTIME_FIELDS,
      optimistic: true,
    });
  }
}

export function virtualMcpServerController(ctx: ReconcileContext, opts: WorkloadOptions): ControllerSpec {
  const reconciler = new VirtualMcpServerReconciler(ctx, opts);
  const vmcps = reconciler.type;
  const inGroup = (ns: string, group: string) =>
    ctx.cache
      .list(vmcps, ns)
      .filter((v) => referencedNames('VirtualMCPServer', v, 'group').includes(group))
      .map((v) => ({ namespace: ns, name: v.metadata.name! }));
  for (const kind of MEMBER_KINDS)
    ctx.cache.index(ctx.resources.toolhive(kind), MEMBER_AUTH_INDEX, (m) =>
      referencedNames(kind, m, 'externalAuthConfig'),
    );
  return {
    name: 'virtualmcpserver',
    primary: vmcps,
    reconciler,
    owns: CHILD_TYPES.map((type) => ({ type })),
    watches: [
      ...referenceWatches(
        ctx,
        'VirtualMCPServer',
        [
          'group',
          'oidcConfig',
          'authzConfig',
          'telemetryConfig',
          'externalAuthConfig',
          'toolConfig',
          'compositeTool',
          'embeddingServer',
        ],
        virtualMcpInputs,
      ),
      {
        // An auth config a member of the group names (`DiscoveredAuthConfig-<member>`; with
        // inline outgoing auth its strategy and secrets are in the rendered vMCP config too).
        type: ctx.resources.toolhive('MCPExternalAuthConfig'),
        map: (cfg: KubeObject) => {
          const ns = cfg.metadata.namespace ?? '';
          return MEMBER_KINDS.flatMap((kind) =>
            ctx.cache
              .byIndex(ctx.resources.toolhive(kind), MEMBER_AUTH_INDEX, ns, cfg.metadata.name!)
              .flatMap((m) => referencedNames(kind, m, 'group').flatMap((g) => inGroup(ns, g))),
          );
        },
      },
      // Members of the group: their changes feed the rendered vMCP config (with inline outgoing
      // auth, its static backends).
      ...MEMBER_KINDS.map((kind) => ({
        type: ctx.resources.toolhive(kind),
        map: (m: KubeObject) =>
          referencedNames(kind, m, 'group').flatMap((g) => inGroup(m.metadata.namespace ?? '', g)),
      })),
      {
        type: CORE.Pod,
        map: (p: KubeObject) =>
          p.metadata.labels?.app === 'virtualmcpserver' && p.metadata.labels['app.kubernetes.io/instance']
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
