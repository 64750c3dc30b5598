/**
 * MCPRemoteProxy: no finalizer (owner references clean up). Validation of the remote URL and the
 * Secrets and ConfigMaps it names (`ConfigurationValid`), group and config-ref checks, then
 * McpRemoteProxyChart rendered, applied and pruned; phase from the proxy pods' phases.
 */
import type { KubeObject } from '../../lib/api/meta.ts';
import { secretRefNames } from '../../lib/resolve/workloads.ts';
import { mcpRemoteProxyLabels, mcpRemoteProxyUrl } from '../../lib/workload/names.ts';
import type {
  ControllerSpec,
  ReconcileRequest,
  ReconcileResult,
  Reconciler,
} from '../controller/controller.ts';
import { CORE } from '../kube/resources.ts';
import type { ResourceType } from '../kube/types.ts';
import type { Conditions } from '../status/conditions.ts';
import { INSTANCE_LABEL, matchingPods } from '../status/pods.ts';
import { writeStatus } from '../status/status-patch.ts';
import { conditionsOf, FIELD_MANAGER, type ReconcileContext } from './context.ts';
import type { WorkloadOptions } from './index.ts';
import { missingRef } from './messages.ts';
import { podTemplateError } from './pod-template.ts';
import { remoteUrlProblem } from './remote-url.ts';
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

interface ProxySpec {
  remoteUrl?: string;
  allowPrivateEndpoint?: boolean;
  proxyPort?: number;
  replicas?: number;
  groupRef?: { name?: string };
  podTemplateSpec?: unknown;
  sessionStorage?: { provider?: string };
  externalAuthConfigRef?: { name?: string };
  authzConfig?: { type?: string; configMap?: { name?: string; key?: string } };
  headerForward?: {
    addHeadersFromSecret?: { headerName: string; valueSecretRef: { name: string; key: string } }[];
  };
}

export function mcpRemoteProxyInputs(obj: KubeObject): { secrets: string[]; configMaps: string[] } {
  const spec = (obj.spec ?? {}) as ProxySpec;
  const configMaps =
    spec.authzConfig?.type === 'configMap' && spec.authzConfig.configMap?.name
      ? [spec.authzConfig.configMap.name]
      : [];
  return { secrets: [...new Set(secretRefNames(spec))].sort(), configMaps };
}

export class McpRemoteProxyReconciler implements Reconciler {
  readonly type: ResourceType;
  private readonly ctx: ReconcileContext;
  private readonly applier: WorkloadApplier;

  constructor(ctx: ReconcileContext, opts: WorkloadOptions) {
    this.ctx = ctx;
    this.type = ctx.resources.toolhive('MCPRemoteProxy');
    this.applier = new WorkloadApplier(ctx, opts);
  }

  /** ToolHive's validateSpec: the first problem, with its condition reason. */
  private validate(obj: KubeObject): { reason: string; message: string } | undefined {
    const spec = (obj.spec ?? {}) as ProxySpec;
    const ns = obj.metadata.namespace!;
    const ext = spec.externalAuthConfigRef?.name;
    if (ext && !this.ctx.cache.get(this.ctx.resources.toolhive('MCPExternalAuthConfig'), ns, ext)) {
      return {
        reason: 'ExternalAuthConfigNotFound',
        message: missingRef(
          `referenced MCPExternalAuthConfig ${ext} not found`,
          'spec.externalAuthConfigRef.name',
          'MCPExternalAuthConfig',
          ext,
          ns,
        ),
      };
    }
    const url = remoteUrlProblem(spec.remoteUrl, spec.allowPrivateEndpoint === true);
    if (url) return { reason: 'RemoteURLInvalid', message: url };
    const cm = spec.authzConfig?.type === 'configMap' ? spec.authzConfig.configMap : undefined;
    if (cm?.name) {
      const found = this.ctx.cache.get(CORE.ConfigMap, ns, cm.name);
      if (!found)
        return {
          reason: 'AuthzConfigMapNotFound',
          message: missingRef(
            `authorization ConfigMap ${cm.name} not found`,
            'spec.authzConfig.configMap.name',
            'ConfigMap',
            cm.name,
            ns,
          ),
        };
      const key = cm.key ?? 'authz.json';
      if (!Object.hasOwn((found.data ?? {}) as object, key)) {
        return {
          reason: 'AuthzConfigMapInvalid',
          message: `authorization ConfigMap ${cm.name} has no key ${key}: add it to the ConfigMap, or set spec.authzConfig.configMap.key to the key that holds the policy`,
        };
      }
    }
    for (const [i, h] of (spec.headerForward?.addHeadersFromSecret ?? []).entries()) {
      const secret = this.ctx.cache.get(CORE.Secret, ns, h.valueSecretRef.name);
      if (!secret || !Object.hasOwn((secret.data ?? {}) as object, h.valueSecretRef.key)) {
        const field = `spec.headerForward.addHeadersFromSecret[${i}].valueSecretRef`;
        return {
          reason: 'HeaderSecretNotFound',
          message: `secret ${h.valueSecretRef.name} with key ${h.valueSecretRef.key} for header ${h.headerName} not found: ${
            secret
              ? `add key ${h.valueSecretRef.key} to Secret "${h.valueSecretRef.name}", or change ${field}.key`
              : `create Secret "${h.valueSecretRef.name}" in namespace "${ns}", or change ${field}.name`
          }`,
        };
      }
    }
    return undefined;
  }

  async reconcile(req: ReconcileRequest): Promise<ReconcileResult | undefined> {
    const obj = this.ctx.cache.get(this.type, req.namespace, req.name);
    if (!obj || obj.metadata.deletionTimestamp) {
      this.applier.forget(req.namespace, req.name);
      return undefined;
    }
    const spec = (obj.spec ?? {}) as ProxySpec;
    const name = obj.metadata.name!;
    const ns = obj.metadata.namespace!;
    const c = conditionsOf(this.ctx, obj);
    const base = {
      observedGeneration: obj.metadata.generation,
      url: mcpRemoteProxyUrl(name, ns, spec.proxyPort ?? 8080),
    };

    const invalid = this.validate(obj);
    if (invalid) {
      const message = `Validation failed: ${invalid.message}`;
      c.set({ type: 'ConfigurationValid', status: false, reason: invalid.reason, message: invalid.message });
      c.set({ type: 'Ready', status: false, reason: 'NotReady', message });
      c.set({ type: 'AuthConfigured', status: false, reason: 'AuthInvalid', message: invalid.message });
      if (invalid.reason === 'ExternalAuthConfigNotFound') {
        c.set({ type: 'ExternalAuthConfigValidated', status: false, ...invalid });
      }
      const changed = await this.write(obj, { ...base, phase: 'Failed', message, conditions: c.toArray() });
      if (changed) await this.ctx.events.record(obj, 'Warning', invalid.reason, invalid.message);
      throw new WorkloadError(message);
    }
    c.set({
      type: 'ConfigurationValid',
      status: true,
      reason: 'ConfigurationValid',
      message: 'All configuration validations passed',
    });
    c.remove('AuthConfigured');

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
      c.set({ type: 'Ready', status: false, reason: 'DeploymentNotReady', message });
      const changed = await this.write(obj, { ...base, phase: 'Failed', message, conditions: c.toArray() });
      if (changed) await this.ctx.events.record(obj, 'Warning', 'InvalidPodTemplateSpec', message);
      // Not retried: the user has to fix the spec.
      return undefined;
    }

    setGroupRefCondition(this.ctx, obj, spec.groupRef?.name, c);
    setCaBundleRefCondition(this.ctx, obj, c);
    setPrimaryUpstreamIgnoredCondition('MCPRemoteProxy', obj, c);
    c.set(sessionStorageCondition(spec.replicas, spec.sessionStorage));

    const refs = checkConfigRefs(this.ctx, 'MCPRemoteProxy', obj, c);
    try {
      if (refs.error) throw new WorkloadError(refs.error);
      await this.applier.sync(obj);
      settleEmbeddedAuth(c, refs, 'built');
    } catch (err) {
      if (!(err instanceof WorkloadError)) throw err;
      settleEmbeddedAuth(c, refs, err.embeddedAuthOutcome);
      c.set({ type: 'Ready', status: false, reason: 'NotReady', message: err.message });
      await this.write(obj, {
        ...base,
        ...refs.hashes,
        phase: 'Failed',
        message: err.message,
        conditions: c.toArray(),
      });
      throw err;
    }
    await this.write(obj, { ...base, ...refs.hashes, ...this.observe(name, ns, c), conditions: c.toArray() });
    return undefined;
  }

  /** ToolHive looks at pod phases only. */
  private observe(name: string, ns: string, c: Conditions): Record<string, unknown> {
    const pods = matchingPods(
      this.ctx.cache.labelled(CORE.Pod, ns, INSTANCE_LABEL, name),
      mcpRemoteProxyLabels(name),
    ).filter((p) => !p.metadata.deletionTimestamp);
    const phases = pods.map((p) => (p.status as { phase?: string } | undefined)?.phase ?? 'Pending');
    if (phases.some((p) => p === 'Running' || p === 'Succeeded')) {
      c.set({
        type: 'Ready',
        status: true,
        reason: 'DeploymentReady',
        message: 'Deployment is ready and running',
      });
      return { phase: 'Ready', message: 'Remote proxy is running' };
    }
    if (phases.some((p) => p === 'Failed')) {
      c.set({
        type: 'Ready',
        status: false,
        reason: 'DeploymentNotReady',
        message: 'Remote proxy failed to start',
      });
      return { phase: 'Failed', message: 'Remote proxy failed to start' };
    }
    if (phases.length > 0) {
      c.set({
        type: 'Ready',
        status: false,
        reason: 'DeploymentNotReady',
        message: 'Remote proxy is starting',
      });
      return { phase: 'Pending', message: 'Remote proxy is starting' };
    }
    c.set({ type: 'Ready', status: false, reason: 'DeploymentNotReady', message: 'No pods found' });
    return { phase: 'Pending', message: 'No pods found for remote proxy' };
  }

  private async write(obj: KubeObject, desired: Record<string, unknown>): Promise<boolean> {
    const after = await writeStatus(this.ctx.client, this.type, obj, desired, {
      fieldManager: FIELD_MANAGER,
    });
    return after !== obj;
  }
}

export function mcpRemoteProxyController(ctx: ReconcileContext, opts: WorkloadOptions): ControllerSpec {
  const reconciler = new McpRemoteProxyReconciler(ctx, opts);
  return {
    name: 'mcpremoteproxy',
    primary: reconciler.type,
    reconciler,
    owns: CHILD_TYPES.map((type) => ({ type })),
    watches: [
      ...referenceWatches(
        ctx,
        'MCPRemoteProxy',
        ['toolConfig', 'oidcConfig', 'telemetryConfig', 'authzConfig', 'externalAuthConfig', 'group'],
        mcpRemoteProxyInputs,
      ),
      {
        type: CORE.Pod,
        map: (p) =>
          p.metadata.labels?.app === 'mcpremoteproxy' && p.metadata.labels['app.kubernetes.io/instance']
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
