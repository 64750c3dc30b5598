/**
 * What the workload reconcilers (MCPServer, MCPRemoteProxy, VirtualMCPServer) share: the cache
 * as the charts' ObjectSource, the informers children live in, the checks of referenced config
 * resources (conditions and `*ConfigHash` status fields, as ToolHive writes them), and the
 * render options and the apply engine (workload-applier.ts does render → apply → prune).
 */
import type { RenderOptions } from '../../constructs/shared/options.ts';
import type { KubeObject } from '../../lib/api/meta.ts';
import type { EmbeddedAuthServerConfig } from '../../lib/api/types.generated.ts';
import type { ObjectSource } from '../../lib/resolve/source.ts';
import { secretRefNames } from '../../lib/resolve/workloads.ts';
import {
  EMBEDDED_AUTH_SERVER,
  embeddedAuthServerProblem,
} from '../../lib/runconfig/authserver-validation.ts';
import { ApplyEngine } from '../apply/apply-engine.ts';
import type { WatchSpec } from '../controller/controller.ts';
import { informerSpecFor } from '../controller/informer-specs.ts';
import { CORE, type ResourceRegistry } from '../kube/resources.ts';
import type { ResourceType } from '../kube/types.ts';
import type { ConditionInput, Conditions } from '../status/conditions.ts';
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
  /** Set when an embedded authorization server's configuration is what failed to build. */
  readonly embeddedAuth: { source: EmbeddedAuthSource; message: string } | undefined;
  constructor(message: string, retry = true, embeddedAuth?: { source: EmbeddedAuthSource; message: string }) {
    super(message);
    this.name = 'WorkloadError';
    this.retry = retry;
    this.embeddedAuth = embeddedAuth;
  }

  /** How building the embedded authorization server went, as far as this error tells. */
  get embeddedAuthOutcome(): EmbeddedAuthOutcome {
    return this.embeddedAuth ?? 'unknown';
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

/** Where an embedded authorization server's configuration came from (ToolHive's names). */
export type EmbeddedAuthSource = 'authServerRef' | 'externalAuthConfigRef' | 'authServerConfig';

/**
 * A reference whose checks passed but whose embedded authorization server is only fully
 * validated by building it, which the render does: its condition is settled afterwards
 * (`settleEmbeddedAuth`).
 */
export interface DeferredCondition {
  source: EmbeddedAuthSource;
  type: string;
  /** The reason when building the configuration fails (ToolHive's `InvalidConfig` family). */
  invalidReason: string;
  /** The condition when it builds; undefined removes it. */
  valid: ConditionInput | undefined;
}

export interface RefCheck {
  /** `*ConfigHash` status fields (undefined = clear). */
  hashes: Record<string, string | undefined>;
  /** The first failure, which makes the workload Failed. */
  error?: string;
  deferred: DeferredCondition[];
}

function configStatus(obj: KubeObject | undefined): { configHash?: string; conditions?: unknown } {
  return (obj?.status ?? {}) as { configHash?: string; conditions?: unknown };
}

type Problem = { reason: string; message: string };

function upstreamCount(cfg: KubeObject | undefined): number {
  const e = (cfg?.spec as { embeddedAuthServer?: { upstreamProviders?: unknown[] } } | undefined)
    ?.embeddedAuthServer;
  return e?.upstreamProviders?.length ?? 0;
}

/** MCPServer and MCPRemoteProxy run one upstream; ToolHive's text, then the fix. */
function multiUpstream(kind: string, cfgName: string, n: number, field: string): Problem {
  return {
    reason: 'MultiUpstreamNotSupported',
    message:
      `${kind} supports only one upstream provider (found ${n}); use VirtualMCPServer for multi-upstream: ` +
      `keep one entry in spec.embeddedAuthServer.upstreamProviders of MCPExternalAuthConfig "${cfgName}", ` +
      `or change ${field}`,
  };
}

/** ToolHive's `handleExternalAuthConfig` checks (MCPServer, MCPRemoteProxy). */
function externalAuthProblem(
  kind: string,
  ns: string,
  name: string,
  cfg: KubeObject | undefined,
): Problem | undefined {
  const field = refField(kind, 'externalAuthConfig');
  if (!cfg) {
    return {
      reason: 'ExternalAuthConfigNotFound',
      message: missingRef(
        `MCPExternalAuthConfig '${name}' not found in namespace '${ns}'`,
        field,
        'MCPExternalAuthConfig',
        name,
        ns,
      ),
    };
  }
  // The referenced config's own Valid=False, mirrored (e.g. EnterpriseRequired).
  const valid = findCondition(configStatus(cfg).conditions, 'Valid');
  if (valid?.status === 'False') {
    return {
      reason: valid.reason || 'InvalidExternalAuthConfig',
      message: unusableRef(
        `MCPExternalAuthConfig ${name} is invalid: ${valid.message}`,
        field,
        'MCPExternalAuthConfig',
        name,
      ),
    };
  }
  const n = upstreamCount(cfg);
  if (n > 1) return multiUpstream(kind, name, n, field);
  return undefined;
}

/** ToolHive's `handleAuthServerRef` checks (MCPServer, MCPRemoteProxy). */
function authServerRefProblem(
  kind: string,
  ns: string,
  name: string,
  refKind: string,
  cfg: KubeObject | undefined,
): Problem | undefined {
  if (refKind !== 'MCPExternalAuthConfig') {
    return {
      reason: 'AuthServerRefInvalidKind',
      message: `unsupported authServerRef kind ${JSON.stringify(refKind)}: only MCPExternalAuthConfig is supported; set spec.authServerRef.kind to MCPExternalAuthConfig`,
    };
  }
  if (!cfg) {
    return {
      reason: 'AuthServerRefNotFound',
      message: missingRef(
        `MCPExternalAuthConfig '${name}' not found in namespace '${ns}'`,
        'spec.authServerRef.name',
        'MCPExternalAuthConfig',
        name,
        ns,
      ),
    };
  }
  const type = String((cfg.spec as { type?: string } | undefined)?.type);
  if (type !== 'embeddedAuthServer') {
    return {
      reason: 'AuthServerRefInvalidType',
      message:
        `authServerRef '${name}' has type ${JSON.stringify(type)}, but only embeddedAuthServer is supported: ` +
        `spec.authServerRef.name must name an MCPExternalAuthConfig of type embeddedAuthServer ` +
        `(reference a ${type} config through spec.externalAuthConfigRef instead)`,
    };
  }
  const n = upstreamCount(cfg);
  if (n > 1) return multiUpstream(kind, name, n, 'spec.authServerRef.name');
  // What would make building the server fail (ToolHive: when the render builds it), judged here
  // from the referenced spec itself so the reason does not wait for the config's own status.
  const embedded = (cfg.spec as { embeddedAuthServer?: Partial<EmbeddedAuthServerConfig> } | undefined)
    ?.embeddedAuthServer;
  const invalid = embedded ? embeddedAuthServerProblem(embedded, EMBEDDED_AUTH_SERVER) : undefined;
  if (invalid) {
    return {
      reason: 'AuthServerRefInvalidConfig',
      message: unusableRef(
        `MCPExternalAuthConfig '${name}' is invalid: ${invalid}`,
        'spec.authServerRef.name',
        'MCPExternalAuthConfig',
        name,
      ),
    };
  }
  return undefined;
}

/**
 * How the render that builds a workload's embedded authorization server went: built (or
 * unchanged since it last built), failed for a reason in the configuration from `source`, or
 * not known (the render did not run, or failed for another reason).
 */
export type EmbeddedAuthOutcome = 'built' | 'unknown' | { source: EmbeddedAuthSource; message: string };

/**
 * Settles the conditions `checkConfigRefs` deferred: ToolHive's `InvalidConfig` /
 * `AuthServerRefInvalidConfig` when building the embedded authorization server from that
 * reference failed, the valid condition when it built. When it is not known, an earlier
 * `InvalidConfig` for the same generation stays (as ToolHive keeps it while nothing it depends
 * on changed), so a failing workload does not flap between the two.
 */
export function settleEmbeddedAuth(
  c: Conditions,
  refs: Pick<RefCheck, 'deferred'>,
  outcome: EmbeddedAuthOutcome,
): void {
  for (const d of refs.deferred) {
    if (typeof outcome === 'object' && outcome.source === d.source) {
      c.set({ type: d.type, status: false, reason: d.invalidReason, message: outcome.message });
      continue;
    }
    const current = c.get(d.type);
    if (
      outcome !== 'built' &&
      current?.status === 'False' &&
      current.reason === d.invalidReason &&
      current.observedGeneration === c.observedGeneration
    )
      continue;
    if (d.valid) c.set(d.valid);
    else c.remove(d.type);
  }
}

/**
 * ToolHive's advisory `SessionStorageWarning` (MCPServer, MCPRemoteProxy, VirtualMCPServer):
 * True when several replicas would not share sessions, False otherwise.
 */
export function sessionStorageCondition(
  replicas: number | undefined,
  storage: { provider?: string } | undefined,
): ConditionInput {
  const type = 'SessionStorageWarning';
  if ((replicas ?? 0) <= 1) {
    return {
      type,
      status: false,
      reason: 'SessionStorageWarningNotApplicable',
      message: 'session storage warning is not active',
    };
  }
  return storage?.provider !== 'redis'
    ? {
        type,
        status: true,
        reason: 'SessionStorageMissingForReplicas',
        message:
          'replicas > 1 but sessionStorage.provider is not redis; sessions are not shared across replicas: ' +
          'set spec.sessionStorage.provider to redis (with its address), or spec.replicas to 1',
      }
    : {
        type,
        status: false,
        reason: 'SessionStorageConfigured',
        message: 'Redis session storage is configured',
      };
}

/** The OIDC CA bundle's longest ConfigMap name: its volume name `oidc-ca-bundle-<name>` fits 63. */
const MAX_CA_BUNDLE_CONFIGMAP_NAME = 63 - 'oidc-ca-bundle-'.length;

/**
 * ToolHive's `CABundleRefValidated` for MCPServer and MCPRemoteProxy: the CA bundle ConfigMap
 * of the inline MCPOIDCConfig the workload references. Advisory: it does not stop the reconcile.
 * Removed when the OIDC config has no CA bundle; left as it is while the OIDC config is missing
 * (`OIDCConfigRefValidated` reports that).
 */
export function setCaBundleRefCondition(ctx: ReconcileContext, obj: KubeObject, c: Conditions): void {
  const type = 'CABundleRefValidated';
  const ns = obj.metadata.namespace ?? '';
  const oidcName = (obj.spec as { oidcConfigRef?: { name?: string } } | undefined)?.oidcConfigRef?.name;
  if (!oidcName) {
    c.remove(type);
    return;
  }
  const oidc = ctx.cache.get(ctx.resources.toolhive('MCPOIDCConfig'), ns, oidcName);
  if (!oidc) return;
  const ref = caBundleConfigMapRef(oidc);
  if (!ref) {
    c.remove(type);
    return;
  }
  const of = `of MCPOIDCConfig "${oidcName}"`;
  const field = `spec.inline.caBundleRef.configMapRef`;
  const name = ref.name ?? '';
  if (name === '') {
    c.set({
      type,
      status: false,
      reason: 'CABundleRefInvalid',
      message: `configMapRef.name must be specified: set ${field}.name ${of}`,
    });
    return;
  }
  if (name.length > MAX_CA_BUNDLE_CONFIGMAP_NAME) {
    c.set({
      type,
      status: false,
      reason: 'CABundleRefInvalid',
      message: `configMapRef.name ${JSON.stringify(name)} is too long (${name.length} chars); maximum is ${MAX_CA_BUNDLE_CONFIGMAP_NAME} characters to fit in Kubernetes volume name: use a shorter ConfigMap name in ${field}.name ${of}`,
    });
    return;
  }
  const cm = ctx.cache.get(CORE.ConfigMap, ns, name);
  if (!cm) {
    c.set({
      type,
      status: false,
      reason: 'CABundleRefNotFound',
      message: missingRef(
        `CA bundle ConfigMap '${name}' not found in namespace '${ns}'`,
        `${field}.name ${of}`,
        'ConfigMap',
        name,
        ns,
      ),
    });
    return;
  }
  const key = ref.key || 'ca.crt';
  if (!Object.hasOwn((cm.data ?? {}) as object, key)) {
    c.set({
      type,
      status: false,
      reason: 'CABundleRefInvalid',
      message: `Key '${key}' not found in ConfigMap '${name}': add key ${key} to ConfigMap "${name}", or change ${field}.key ${of}`,
    });
    return;
  }
  c.set({
    type,
    status: true,
    reason: 'CABundleRefValid',
    message: `CA bundle ConfigMap '${name}' is valid (key: ${key})`,
  });
}

/** The CA bundle ConfigMap reference of an inline MCPOIDCConfig, if it has one. */
function caBundleConfigMapRef(oidc: KubeObject): { name?: string; key?: string } | undefined {
  const spec = oidc.spec as
    | { type?: string; inline?: { caBundleRef?: { configMapRef?: { name?: string; key?: string } } } }
    | undefined;
  return spec?.type === 'inline' ? spec.inline?.caBundleRef?.configMapRef : undefined;
}

/**
 * ToolHive's advisory `AuthzPrimaryUpstreamProviderIgnored` (MCPServer, MCPRemoteProxy): the
 * deprecated `spec.authzConfig.inline.primaryUpstreamProvider` does nothing on these kinds.
 */
export function setPrimaryUpstreamIgnoredCondition(kind: string, obj: KubeObject, c: Conditions): void {
  const type = 'AuthzPrimaryUpstreamProviderIgnored';
  const provider = (
    obj.spec as { authzConfig?: { inline?: { primaryUpstreamProvider?: string } } } | undefined
  )?.authzConfig?.inline?.primaryUpstreamProvider;
  if (!provider) {
    c.remove(type);
    return;
  }
  c.set({
    type,
    status: true,
    reason: 'PrimaryUpstreamProviderIgnored',
    message:
      `spec.authzConfig.inline.primaryUpstreamProvider=${JSON.stringify(provider)} has no effect on ${kind}; ` +
      'the field only takes effect on VirtualMCPServer with an embedded auth server; remove it from spec.authzConfig.inline',
  });
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
  const out: RefCheck = { hashes: {}, deferred: [] };
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
      const problem = externalAuthProblem(kind, ns, ext, t);
      if (problem) {
        c.set({ type: 'ExternalAuthConfigValidated', status: false, ...problem });
        fail(problem.message);
      } else {
        // MCPServer writes no True condition here (ToolHive removes it); MCPRemoteProxy does.
        out.deferred.push({
          source: 'externalAuthConfigRef',
          type: 'ExternalAuthConfigValidated',
          invalidReason: 'InvalidConfig',
          valid:
            kind === 'MCPRemoteProxy'
              ? {
                  type: 'ExternalAuthConfigValidated',
                  status: true,
                  reason: 'ExternalAuthConfigValid',
                  message: `MCPExternalAuthConfig '${ext}' is valid`,
                }
              : undefined,
        });
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

    const authServerRef = spec.authServerRef as { kind?: string; name?: string } | undefined;
    if (authServerRef?.name) {
      const refKind = authServerRef.kind ?? 'MCPExternalAuthConfig';
      const t =
        refKind === 'MCPExternalAuthConfig' ? lookup('externalAuthConfig', authServerRef.name) : undefined;
      const problem = authServerRefProblem(kind, ns, authServerRef.name, refKind, t);
      if (problem) {
        c.set({ type: 'AuthServerRefValidated', status: false, ...problem });
        fail(problem.message);
      } else {
        out.deferred.push({
          source: 'authServerRef',
          type: 'AuthServerRefValidated',
          invalidReason: 'AuthServerRefInvalidConfig',
          valid: {
            type: 'AuthServerRefValidated',
            status: true,
            reason: 'AuthServerRefValid',
            message: `AuthServerRef '${authServerRef.name}' is valid`,
          },
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
  // What a referenced MCPOIDCConfig reads (its CA bundle ConfigMap, its client Secret): their
  // changes reach the workload through the OIDC config (`CABundleRefValidated`, `AuthConfigured`).
  const viaOidc = roles.includes('oidcConfig');
  const oidcType = ctx.resources.toolhive('MCPOIDCConfig');
  if (viaOidc) {
    ctx.cache.index(oidcType, 'input:ConfigMap', (o) => {
      const name = caBundleConfigMapRef(o)?.name;
      return name ? [name] : [];
    });
    ctx.cache.index(oidcType, 'input:Secret', (o) => [...new Set(secretRefNames(o.spec))]);
  }
  const viaOidcReferrers = (index: string, o: KubeObject) =>
    viaOidc
      ? ctx.cache
          .byIndex(oidcType, index, o.metadata.namespace, o.metadata.name!)
          .flatMap((oidc) => referrers('ref:oidcConfig', oidc))
      : [];
  ctx.cache.index(self, 'input:Secret', (w) => inputs(w).secrets);
  ctx.cache.index(self, 'input:ConfigMap', (w) => inputs(w).configMaps);
  watches.push(
    {
      type: CORE.Secret,
      informer: informerSpecFor(CORE.Secret),
      map: (o) => [...referrers('input:Secret', o), ...viaOidcReferrers('input:Secret', o)],
    },
    {
      type: CORE.ConfigMap,
      informer: informerSpecFor(CORE.ConfigMap),
      map: (o) => [...referrers('input:ConfigMap', o), ...viaOidcReferrers('input:ConfigMap', o)],
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
