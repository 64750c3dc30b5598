/**
 * What the workload reconcilers (MCPServer, MCPRemoteProxy, VirtualMCPServer) share: the cache
 * as the charts' ObjectSource, the informers children live in, the checks of referenced config
 * resources (conditions and `*ConfigHash` status fields, as ToolHive writes them), and the
 * render options and the apply engine (workload-applier.ts does render → apply → prune).
 */
import type { RenderOptions } from '../../constructs/shared/options.ts';
import type { KubeObject } from '../../lib/api/meta.ts';
import type { ObjectSource } from '../../lib/resolve/source.ts';
import { ApplyEngine } from '../apply/apply-engine.ts';
import type { WatchSpec } from '../controller/controller.ts';
import { informerSpecFor } from '../controller/informer-specs.ts';
import { CORE, type ResourceRegistry } from '../kube/resources.ts';
import type { ResourceType } from '../kube/types.ts';
import type { Conditions } from '../status/conditions.ts';
import { findCondition } from '../status/conditions.ts';
import { FIELD_MANAGER, type ReconcileContext } from './context.ts';
import type { WorkloadOptions } from './index.ts';
import { missingRef, refField, unusableRef, waitingFor } from './messages.ts';
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

/** Whether children of this kind are in the cache (the operator's own, by the managed-by label). */
export function isCachedChild(type: ResourceType): boolean {
  return CHILD_TYPES.some((c) => c.group === type.group && c.kind === type.kind);
}

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
    const missing = missingRef(
      `MCPToolConfig ${tool} not found`,
      refField(kind, 'toolConfig'),
      'MCPToolConfig',
      tool,
      ns,
    );
    if (!t) fail(missing);
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
              message: missing,
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
    const field = refField(kind, 'telemetryConfig');
    if (!t) {
      const msg = missingRef(
        `MCPTelemetryConfig ${telemetry} not found`,
        field,
        'MCPTelemetryConfig',
        telemetry,
        ns,
      );
      c.set({
        type: 'TelemetryConfigRefValidated',
        status: false,
        reason: 'TelemetryConfigRefNotFound',
        message: msg,
      });
      fail(msg);
    } else if (valid?.status === 'False') {
      const msg = unusableRef(
        `MCPTelemetryConfig ${telemetry} is invalid: ${valid.message}`,
        field,
        'MCPTelemetryConfig',
        telemetry,
      );
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
      const field = refField(kind, 'externalAuthConfig');
      if (!t) {
        const msg = missingRef(
          `MCPExternalAuthConfig ${ext} not found`,
          field,
          'MCPExternalAuthConfig',
          ext,
          ns,
        );
        c.set({
          type: 'ExternalAuthConfigValidated',
          status: false,
          reason: 'ExternalAuthConfigNotFound',
          message: msg,
        });
        fail(msg);
      } else if (valid?.status === 'False') {
        const msg = unusableRef(
          `MCPExternalAuthConfig ${ext} is invalid: ${valid.message}`,
          field,
          'MCPExternalAuthConfig',
          ext,
        );
        c.set({
          type: 'ExternalAuthConfigValidated',
          status: false,
          reason: valid.reason || 'InvalidExternalAuthConfig',
          message: msg,
        });
        fail(msg);
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
      if (!t)
        fail(
          missingRef(
            `MCPWebhookConfig ${webhook} not found`,
            refField(kind, 'webhookConfig'),
            'MCPWebhookConfig',
            webhook,
            ns,
          ),
        );
      hash('webhookConfig', t);
    } else if (kind === 'MCPServer') {
      hash('webhookConfig', undefined);
    }

    const authServer = (spec.authServerRef as { name?: string } | undefined)?.name;
    if (authServer) {
      const t = lookup('externalAuthConfig', authServer);
      const type = (t?.spec as { type?: string } | undefined)?.type;
      if (!t) {
        const msg = missingRef(
          `MCPExternalAuthConfig ${authServer} not found`,
          'spec.authServerRef.name',
          'MCPExternalAuthConfig',
          authServer,
          ns,
        );
        c.set({
          type: 'AuthServerRefValidated',
          status: false,
          reason: 'AuthServerRefNotFound',
          message: msg,
        });
        fail(msg);
      } else if (type !== 'embeddedAuthServer') {
        const msg = `MCPExternalAuthConfig ${authServer} has type ${type}; spec.authServerRef.name must name an MCPExternalAuthConfig of type embeddedAuthServer (use spec.externalAuthConfigRef for type ${type})`;
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
    const field = refField(kind, role);
    if (!t) {
      const msg = missingRef(`${label} ${name} not found`, field, label, name, ns);
      c.set({ type, status: false, reason: `${prefix}NotFound`, message: msg });
      fail(msg);
    } else if (valid?.status !== 'True') {
      const msg = valid
        ? unusableRef(`${label} ${name} is not valid: ${valid.message}`, field, label, name)
        : waitingFor(`${label} ${name} has not been validated yet`, field);
      c.set({ type, status: false, reason: `${prefix}NotValid`, message: msg });
      fail(msg);
    } else {
      c.set({ type, status: true, reason: `${prefix}Valid`, message: `${label} ${name} is valid and ready` });
    }
    hash(role, t);
  }
  return out;
}

/**
 * ToolHive's advisory `GroupRefValidated` for MCPServer and MCPRemoteProxy (removed without a
 * `spec.groupRef`); it never stops the reconcile.
 */
export function setGroupRefCondition(
  ctx: ReconcileContext,
  obj: KubeObject,
  group: string | undefined,
  c: Conditions,
): void {
  if (!group) {
    c.remove('GroupRefValidated');
    return;
  }
  const ns = obj.metadata.namespace ?? '';
  const g = ctx.cache.get(ctx.resources.toolhive('MCPGroup'), ns, group);
  const phase = (g?.status as { phase?: string } | undefined)?.phase;
  c.set(
    !g
      ? {
          type: 'GroupRefValidated',
          status: false,
          reason: 'GroupRefNotFound',
          message: missingRef(
            `MCPGroup '${group}' not found in namespace '${ns}'`,
            'spec.groupRef.name',
            'MCPGroup',
            group,
            ns,
          ),
        }
      : phase !== 'Ready'
        ? {
            type: 'GroupRefValidated',
            status: false,
            reason: 'GroupRefNotReady',
            message: waitingFor(
              `MCPGroup '${group}' is not ready (current phase: ${phase ?? ''})`,
              'spec.groupRef.name',
            ),
          }
        : {
            type: 'GroupRefValidated',
            status: true,
            reason: 'GroupRefIsValid',
            message: `MCPGroup '${group}' is valid and ready`,
          },
  );
}

/**
 * Watches that re-reconcile a workload when something it references changes. The workloads are
 * indexed by what they reference, so an event costs a lookup, not a scan of the namespace.
 */
export function referenceWatches(
  ctx: ReconcileContext,
  kind: string,
  roles: readonly ConfigRole[],
  inputs: (obj: KubeObject) => { secrets: string[]; configMaps: string[] },
): WatchSpec[] {
  const self = ctx.resources.toolhive(kind);
  const referrers = (index: string, o: KubeObject) =>
    ctx.cache
      .byIndex(self, index, o.metadata.namespace, o.metadata.name!)
      .map((w) => ({ namespace: o.metadata.namespace ?? '', name: w.metadata.name! }));
  const watches: WatchSpec[] = roles.map((role) => {
    ctx.cache.index(self, `ref:${role}`, (w) => referencedNames(kind, w, role));
    return {
      type: ctx.resources.toolhive(ROLE_KIND[role]),
      map: (o: KubeObject) => referrers(`ref:${role}`, o),
    };
  });
  ctx.cache.index(self, 'input:Secret', (w) => inputs(w).secrets);
  ctx.cache.index(self, 'input:ConfigMap', (w) => inputs(w).configMaps);
  watches.push(
    {
      type: CORE.Secret,
      informer: informerSpecFor(CORE.Secret),
      map: (o) => referrers('input:Secret', o),
    },
    {
      type: CORE.ConfigMap,
      informer: informerSpecFor(CORE.ConfigMap),
      map: (o) => referrers('input:ConfigMap', o),
      // The operator's own ConfigMaps change with every render; only users' content matters here.
      filter: (old, o) => JSON.stringify(old?.data) !== JSON.stringify(o.data),
    },
  );
  return watches;
}

export function applyEngine(ctx: ReconcileContext, resources: ResourceRegistry): ApplyEngine {
  return new ApplyEngine({
    client: ctx.client,
    live: ctx.cache,
    resources,
    fieldManager: FIELD_MANAGER,
    log: ctx.log,
    cached: isCachedChild,
  });
}
