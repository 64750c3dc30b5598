/**
 * What the workload reconcilers (MCPServer, MCPRemoteProxy, VirtualMCPServer) share: the cache
 * as the charts' ObjectSource, the informers children live in, the checks of referenced config
 * resources (conditions and `*ConfigHash` status fields, as ToolHive writes them), and the
 * render → apply → prune step.
 */
import { renderWorkload } from '../../constructs/render.ts';
import type { RenderOptions } from '../../constructs/shared/options.ts';
import type { KubeObject } from '../../lib/api/meta.ts';
import { ResolveError } from '../../lib/resolve/resolve.ts';
import type { ObjectSource } from '../../lib/resolve/source.ts';
import { ApplyEngine } from '../apply/apply-engine.ts';
import type { WatchSpec } from '../controller/controller.ts';
import { informerSpecFor } from '../controller/informer-specs.ts';
import { KubeApiError } from '../kube/errors.ts';
import { CORE, type ResourceRegistry } from '../kube/resources.ts';
import type { ResourceType } from '../kube/types.ts';
import type { Conditions } from '../status/conditions.ts';
import { findCondition } from '../status/conditions.ts';
import { FIELD_MANAGER, type ReconcileContext } from './context.ts';
import type { WorkloadOptions } from './index.ts';
import { type ConfigRole, ROLE_KIND, referencedNames } from './references.ts';

/** The charts read referenced objects from the operator's cache. */
export class CacheSource implements ObjectSource {
  private readonly ctx: ReconcileContext;
  constructor(ctx: ReconcileContext) {
    this.ctx = ctx;
  }
  private type(kind: string): ResourceType | undefined {
    return this.ctx.resources.find('', kind) ?? this.ctx.resources.find('toolhive.stacklok.dev', kind);
  }
  get(kind: string, namespace: string, name: string): KubeObject | undefined {
    const t = this.type(kind);
    return t ? this.ctx.cache.get(t, namespace, name) : undefined;
  }
  list(kind: string, namespace: string): KubeObject[] {
    const t = this.type(kind);
    return t
      ? this.ctx.cache.list(t, namespace).sort((a, b) => a.metadata.name!.localeCompare(b.metadata.name!))
      : [];
  }
}

/** Child kinds the charts render. */
export const CHILD_TYPES: readonly ResourceType[] = [
  CORE.ServiceAccount,
  CORE.Role,
  CORE.RoleBinding,
  CORE.ConfigMap,
  CORE.Secret,
  CORE.Deployment,
  CORE.StatefulSet,
  CORE.Service,
];

export function renderOptions(opts: WorkloadOptions): RenderOptions {
  return {
    images: {
      ...(opts.images?.runner ? { proxyRunner: opts.images.runner } : {}),
      ...(opts.images?.vmcp ? { vmcp: opts.images.vmcp } : {}),
      ...(opts.images?.registryApi ? { registryApi: opts.images.registryApi } : {}),
    },
    ...(opts.openShift ? { openShift: true } : {}),
    ...(opts.defaultImagePullSecrets?.length
      ? { defaultImagePullSecrets: opts.defaultImagePullSecrets }
      : {}),
    ...(opts.proxyHost ? { proxyHost: opts.proxyHost } : {}),
    ...(opts.defaultRedis ? { defaultRedis: opts.defaultRedis } : {}),
  };
}

/** A reconcile problem that puts the workload in phase Failed and retries with backoff. */
export class WorkloadError extends Error {
  readonly retry: boolean;
  constructor(message: string, retry = true) {
    super(message);
    this.name = 'WorkloadError';
    this.retry = retry;
  }
}

/** Status fields that carry the referenced configs' `status.configHash`. */
const HASH_FIELDS: Partial<Record<ConfigRole | 'authServer', string>> = {
  toolConfig: 'toolConfigHash',
  telemetryConfig: 'telemetryConfigHash',
  externalAuthConfig: 'externalAuthConfigHash',
  webhookConfig: 'webhookConfigHash',
  authServer: 'authServerConfigHash',
  oidcConfig: 'oidcConfigHash',
  authzConfig: 'authzConfigHash',
};

interface RefCheck {
  /** `*ConfigHash` status fields (undefined = clear). */
  hashes: Record<string, string | undefined>;
  /** The first failure, which makes the workload Failed. */
  error?: string;
}

function configStatus(obj: KubeObject | undefined): { configHash?: string; conditions?: unknown } {
  return (obj?.status ?? {}) as { configHash?: string; conditions?: unknown };
}

/**
 * Checks the config resources a workload references, in ToolHive's order (tool, telemetry,
 * external auth, webhook, auth server, OIDC, authz), setting ToolHive's conditions and
 * collecting their config hashes.
 */
export function checkConfigRefs(
  ctx: ReconcileContext,
  kind: string,
  obj: KubeObject,
  c: Conditions,
): RefCheck {
  const ns = obj.metadata.namespace ?? '';
  const spec = (obj.spec ?? {}) as Record<string, unknown>;
  const out: RefCheck = { hashes: {} };
  const fail = (msg: string) => {
    out.error ??= msg;
  };
  const lookup = (role: ConfigRole, name: string) =>
    ctx.cache.get(ctx.resources.toolhive(ROLE_KIND[role]), ns, name);
  const one = (role: ConfigRole): string | undefined => {
    if (kind === 'VirtualMCPServer') return referencedNames(kind, obj, role)[0];
    const path: Partial<Record<ConfigRole, string>> = {
      toolConfig: 'toolConfigRef',
      telemetryConfig: 'telemetryConfigRef',
      externalAuthConfig: 'externalAuthConfigRef',
      webhookConfig: 'webhookConfigRef',
      oidcConfig: 'oidcConfigRef',
      authzConfig: 'authzConfigRef',
    };
    const ref = spec[path[role] ?? ''] as { name?: string } | undefined;
    return ref?.name || undefined;
  };
  const hash = (role: ConfigRole | 'authServer', target: KubeObject | undefined) => {
    const field = HASH_FIELDS[role];
    if (field) out.hashes[field] = configStatus(target).configHash;
  };

  // Tool config (MCPServer: hash only; MCPRemoteProxy: also ToolConfigValidated).
  const tool = kind === 'VirtualMCPServer' ? undefined : one('toolConfig');
  if (tool) {
    const t = lookup('toolConfig', tool);
    if (!t) fail(`MCPToolConfig ${tool} not found`);
    if (kind === 'MCPRemoteProxy') {
      c.set(
        t
          ? {
              type: 'ToolConfigValidated',
              status: true,
              reason: 'ToolConfigValid',
              message: `MCPToolConfig ${tool} is valid`,
            }
          : {
              type: 'ToolConfigValidated',
              status: false,
              reason: 'ToolConfigNotFound',
              message: `MCPToolConfig ${tool} not found`,
            },
      );
    }
    hash('toolConfig', t);
  } else {
    if (kind === 'MCPRemoteProxy') c.remove('ToolConfigValidated');
    hash('toolConfig', undefined);
  }

  const telemetry = one('telemetryConfig');
  if (telemetry) {
    const t = lookup('telemetryConfig', telemetry);
    const valid = findCondition(configStatus(t).conditions, 'Valid');
    if (!t) {
      c.set({
        type: 'TelemetryConfigRefValidated',
        status: false,
        reason: 'TelemetryConfigRefNotFound',
        message: `MCPTelemetryConfig ${telemetry} not found`,
      });
      fail(`MCPTelemetryConfig ${telemetry} not found`);
    } else if (valid?.status === 'False') {
      const msg = `MCPTelemetryConfig ${telemetry} is invalid: ${valid.message}`;
      c.set({
        type: 'TelemetryConfigRefValidated',
        status: false,
        reason: 'TelemetryConfigRefInvalid',
        message: msg,
      });
      fail(msg);
    } else {
      c.set({
        type: 'TelemetryConfigRefValidated',
        status: true,
        reason: 'TelemetryConfigRefValid',
        message: `MCPTelemetryConfig ${telemetry} is valid`,
      });
    }
    hash('telemetryConfig', t);
  } else {
    c.remove('TelemetryConfigRefValidated');
    hash('telemetryConfig', undefined);
  }

  if (kind !== 'VirtualMCPServer') {
    const ext = one('externalAuthConfig');
    if (ext) {
      const t = lookup('externalAuthConfig', ext);
      const valid = findCondition(configStatus(t).conditions, 'Valid');
      if (!t) {
        c.set({
          type: 'ExternalAuthConfigValidated',
          status: false,
          reason: 'ExternalAuthConfigNotFound',
          message: `MCPExternalAuthConfig ${ext} not found`,
        });
        fail(`MCPExternalAuthConfig ${ext} not found`);
      } else if (valid?.status === 'False') {
        c.set({
          type: 'ExternalAuthConfigValidated',
          status: false,
          reason: valid.reason || 'InvalidExternalAuthConfig',
          message: valid.message,
        });
        fail(`MCPExternalAuthConfig ${ext} is invalid: ${valid.message}`);
      } else {
        c.remove('ExternalAuthConfigValidated');
      }
      hash('externalAuthConfig', t);
    } else {
      c.remove('ExternalAuthConfigValidated');
      hash('externalAuthConfig', undefined);
    }

    const webhook = kind === 'MCPServer' ? one('webhookConfig') : undefined;
    if (webhook) {
      const t = lookup('webhookConfig', webhook);
      if (!t) fail(`MCPWebhookConfig ${webhook} not found`);
      hash('webhookConfig', t);
    } else if (kind === 'MCPServer') {
      hash('webhookConfig', undefined);
    }

    const authServer = (spec.authServerRef as { name?: string } | undefined)?.name;
    if (authServer) {
      const t = lookup('externalAuthConfig', authServer);
      const type = (t?.spec as { type?: string } | undefined)?.type;
      if (!t) {
        c.set({
          type: 'AuthServerRefValidated',
          status: false,
          reason: 'AuthServerRefNotFound',
          message: `MCPExternalAuthConfig ${authServer} not found`,
        });
        fail(`MCPExternalAuthConfig ${authServer} not found`);
      } else if (type !== 'embeddedAuthServer') {
        const msg = `MCPExternalAuthConfig ${authServer} has type ${type}; authServerRef needs type embeddedAuthServer`;
        c.set({
          type: 'AuthServerRefValidated',
          status: false,
          reason: 'AuthServerRefInvalidType',
          message: msg,
        });
        fail(msg);
      } else {
        c.set({
          type: 'AuthServerRefValidated',
          status: true,
          reason: 'AuthServerRefValid',
          message: `MCPExternalAuthConfig ${authServer} is valid`,
        });
      }
      hash('authServer', t);
    } else {
      c.remove('AuthServerRefValidated');
      hash('authServer', undefined);
    }
  }

  for (const [role, type, label] of [
    ['oidcConfig', 'OIDCConfigRefValidated', 'MCPOIDCConfig'],
    ['authzConfig', 'AuthzConfigRefValidated', 'MCPAuthzConfig'],
  ] as const) {
    const name = one(role);
    const prefix = role === 'oidcConfig' ? 'OIDCConfigRef' : 'AuthzConfigRef';
    if (!name) {
      c.remove(type);
      hash(role, undefined);
      continue;
    }
    const t = lookup(role, name);
    const valid = findCondition(configStatus(t).conditions, 'Valid');
    if (!t) {
      c.set({ type, status: false, reason: `${prefix}NotFound`, message: `${label} ${name} not found` });
      fail(`${label} ${name} not found`);
    } else if (valid?.status !== 'True') {
      const msg = valid ? `${label} ${name} is not valid: ${valid.message}` : `${label} ${name} is not valid`;
      c.set({ type, status: false, reason: `${prefix}NotValid`, message: msg });
      fail(msg);
    } else {
      c.set({ type, status: true, reason: `${prefix}Valid`, message: `${label} ${name} is valid and ready` });
    }
    hash(role, t);
  }
  return out;
}

/** Watches that re-reconcile a workload when something it references changes. */
export function referenceWatches(
  ctx: ReconcileContext,
  kind: string,
  roles: readonly ConfigRole[],
  inputs: (obj: KubeObject) => { secrets: string[]; configMaps: string[] },
): WatchSpec[] {
  const self = ctx.resources.toolhive(kind);
  const referrers = (ns: string, pick: (w: KubeObject) => string[], name: string) =>
    ctx.cache
      .list(self, ns)
      .filter((w) => pick(w).includes(name))
      .map((w) => ({ namespace: ns, name: w.metadata.name! }));
  const watches: WatchSpec[] = roles.map((role) => ({
    type: ctx.resources.toolhive(ROLE_KIND[role]),
    map: (o: KubeObject) =>
      referrers(o.metadata.namespace ?? '', (w) => referencedNames(kind, w, role), o.metadata.name!),
  }));
  watches.push(
    {
      type: CORE.Secret,
      informer: informerSpecFor(CORE.Secret),
      map: (o) => referrers(o.metadata.namespace ?? '', (w) => inputs(w).secrets, o.metadata.name!),
    },
    {
      type: CORE.ConfigMap,
      informer: informerSpecFor(CORE.ConfigMap),
      map: (o) => referrers(o.metadata.namespace ?? '', (w) => inputs(w).configMaps, o.metadata.name!),
      // The operator's own ConfigMaps change with every render; only users' content matters here.
      filter: (old, o) => JSON.stringify(old?.data) !== JSON.stringify(o.data),
    },
  );
  return watches;
}

/** Renders the workload through the same constructs the synth path uses. */
export function render(ctx: ReconcileContext, obj: KubeObject, opts: WorkloadOptions): KubeObject[] {
  try {
    return renderWorkload(obj, new CacheSource(ctx), renderOptions(opts));
  } catch (err) {
    if (err instanceof ResolveError)
      throw new WorkloadError(err.problems.map((p) => `${p.path}: ${p.message}`).join('; '));
    throw new WorkloadError(`Failed to render: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Applies the rendered objects and prunes what is no longer rendered. */
export async function applyRendered(
  engine: ApplyEngine,
  obj: KubeObject,
  objects: KubeObject[],
): Promise<Map<string, KubeObject>> {
  try {
    const { objects: live } = await engine.apply(obj, objects);
    await engine.prune(obj, objects, CHILD_TYPES);
    return live;
  } catch (err) {
    if (err instanceof KubeApiError && (err.code === 422 || err.code === 400)) {
      throw new WorkloadError(`Failed to apply rendered objects: ${err.message}`);
    }
    throw err;
  }
}

export function applyEngine(ctx: ReconcileContext, resources: ResourceRegistry): ApplyEngine {
  return new ApplyEngine({
    client: ctx.client,
    live: ctx.cache,
    resources,
    fieldManager: FIELD_MANAGER,
    log: ctx.log,
    cached: (t) => CHILD_TYPES.some((c) => c.group === t.group && c.kind === t.kind),
  });
}
