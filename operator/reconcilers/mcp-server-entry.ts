/**
 * MCPServerEntry: validation only, no infrastructure. Each reference gets its own condition;
 * `Valid` and `phase: Valid` only when all of them hold (a Virtual MCP server routes only to
 * valid entries). Missing references recover by themselves: the entry is re-checked when the
 * group, auth config, ConfigMap or Secret it names appears.
 */
import type {
  ControllerSpec,
  ReconcileRequest,
  ReconcileResult,
  Reconciler,
  WatchSpec,
} from '../controller/controller.ts';
import { CORE } from '../kube/resources.ts';
import type { KubeObject, ResourceType } from '../kube/types.ts';
import { writeStatus } from '../status/status-patch.ts';
import { conditionsOf, FIELD_MANAGER, type ReconcileContext } from './context.ts';
import { referencedNames } from './references.ts';
import { validateRemoteUrl } from './remote-url.ts';

interface EntrySpec {
  remoteUrl?: string;
  allowPrivateEndpoint?: boolean;
  groupRef?: { name?: string };
  externalAuthConfigRef?: { name?: string };
  caBundleRef?: { configMapRef?: { name?: string; key?: string } };
  headerForward?: {
    addHeadersFromSecret?: { headerName: string; valueSecretRef: { name: string; key: string } }[];
  };
}

/** Names of the Secrets and ConfigMaps an entry reads. */
function entryInputs(entry: KubeObject): { secrets: string[]; configMaps: string[] } {
  const spec = (entry.spec ?? {}) as EntrySpec;
  return {
    secrets: (spec.headerForward?.addHeadersFromSecret ?? [])
      .map((h) => h.valueSecretRef?.name)
      .filter(Boolean),
    configMaps: spec.caBundleRef?.configMapRef?.name ? [spec.caBundleRef.configMapRef.name] : [],
  };
}

export class McpServerEntryReconciler implements Reconciler {
  readonly type: ResourceType;
  private readonly ctx: ReconcileContext;

  constructor(ctx: ReconcileContext) {
    this.ctx = ctx;
    this.type = ctx.resources.toolhive('MCPServerEntry');
  }

  async reconcile(req: ReconcileRequest): Promise<ReconcileResult | undefined> {
    const entry = this.ctx.cache.get(this.type, req.namespace, req.name);
    if (!entry || entry.metadata.deletionTimestamp) return undefined;
    const spec = (entry.spec ?? {}) as EntrySpec;
    const ns = req.namespace;
    const c = conditionsOf(this.ctx, entry);
    const { cache, resources } = this.ctx;

    const urlError = validateRemoteUrl(spec.remoteUrl, spec.allowPrivateEndpoint === true);
    c.set(
      urlError
        ? { type: 'RemoteURLValidated', status: false, reason: 'RemoteURLInvalid', message: urlError }
        : {
            type: 'RemoteURLValidated',
            status: true,
            reason: 'RemoteURLValid',
            message: 'Remote URL is valid',
          },
    );

    const groupName = spec.groupRef?.name ?? '';
    const group = cache.get(resources.toolhive('MCPGroup'), ns, groupName);
    const groupPhase = (group?.status as { phase?: string } | undefined)?.phase;
    if (!group) {
      c.set({
        type: 'GroupRefValidated',
        status: false,
        reason: 'GroupRefNotFound',
        message: `MCPGroup '${groupName}' not found in namespace '${ns}'`,
      });
    } else if (groupPhase !== 'Ready') {
      c.set({
        type: 'GroupRefValidated',
        status: false,
        reason: 'GroupRefNotReady',
        message: `MCPGroup '${groupName}' is not ready (current phase: ${groupPhase ?? ''})`,
      });
    } else {
      c.set({
        type: 'GroupRefValidated',
        status: true,
        reason: 'GroupRefIsValid',
        message: 'Referenced MCPGroup exists and is ready',
      });
    }

    const authName = spec.externalAuthConfigRef?.name;
    if (!authName) {
      c.set({
        type: 'ExternalAuthConfigValidated',
        status: true,
        reason: 'AuthConfigNotConfigured',
        message: 'No external auth config reference configured',
      });
    } else if (!cache.get(resources.toolhive('MCPExternalAuthConfig'), ns, authName)) {
      c.set({
        type: 'ExternalAuthConfigValidated',
        status: false,
        reason: 'AuthConfigNotFound',
        message: 'Referenced MCPExternalAuthConfig not found',
      });
    } else {
      c.set({
        type: 'ExternalAuthConfigValidated',
        status: true,
        reason: 'AuthConfigValid',
        message: 'Referenced MCPExternalAuthConfig exists',
      });
    }

    const caName = spec.caBundleRef?.configMapRef?.name;
    if (!caName) {
      c.set({
        type: 'CABundleRefValidated',
        status: true,
        reason: 'CABundleRefNotConfigured',
        message: 'No CA bundle reference configured',
      });
    } else if (!cache.get(CORE.ConfigMap, ns, caName)) {
      c.set({
        type: 'CABundleRefValidated',
        status: false,
        reason: 'CABundleRefNotFound',
        message: 'Referenced CA bundle ConfigMap not found',
      });
    } else {
      c.set({
        type: 'CABundleRefValidated',
        status: true,
        reason: 'CABundleRefValid',
        message: 'Referenced CA bundle ConfigMap exists',
      });
    }

    const headers = spec.headerForward?.addHeadersFromSecret ?? [];
    if (headers.length === 0) {
      c.remove('HeaderSecretRefsValidated');
    } else {
      const failures: string[] = [];
      for (const h of headers) {
        const secret = cache.get(CORE.Secret, ns, h.valueSecretRef.name);
        if (!secret) {
          failures.push(
            `Secret "${h.valueSecretRef.name}" referenced for header "${h.headerName}" not found`,
          );
        } else if (!Object.hasOwn((secret.data ?? {}) as object, h.valueSecretRef.key)) {
          failures.push(
            `Secret "${h.valueSecretRef.name}" has no key "${h.valueSecretRef.key}" referenced for header "${h.headerName}"`,
          );
        }
      }
      c.set(
        failures.length > 0
          ? {
              type: 'HeaderSecretRefsValidated',
              status: false,
              reason: 'HeaderSecretNotFound',
              message: failures.join('; '),
            }
          : {
              type: 'HeaderSecretRefsValidated',
              status: true,
              reason: 'HeaderSecretsValid',
              message: 'All referenced header Secrets exist with required keys',
            },
      );
    }

    const checks = [
      'RemoteURLValidated',
      'GroupRefValidated',
      'ExternalAuthConfigValidated',
      'CABundleRefValidated',
      'HeaderSecretRefsValidated',
    ];
    const valid = checks.every((t) => c.get(t) === undefined || c.isTrue(t));
    c.set(
      valid
        ? {
            type: 'Valid',
            status: true,
            reason: 'ConfigValid',
            message: 'All referenced resources are valid',
          }
        : {
            type: 'Valid',
            status: false,
            reason: 'ConfigInvalid',
            message: 'One or more referenced resources are missing or invalid',
          },
    );
    await writeStatus(
      this.ctx.client,
      this.type,
      entry,
      {
        conditions: c.toArray(),
        observedGeneration: entry.metadata.generation,
        phase: valid ? 'Valid' : 'Failed',
      },
      { fieldManager: FIELD_MANAGER },
    );
    return undefined;
  }
}

export function mcpServerEntryController(ctx: ReconcileContext): ControllerSpec {
  const reconciler = new McpServerEntryReconciler(ctx);
  const entryType = reconciler.type;
  const referring = (ns: string, pick: (e: KubeObject) => string[], name: string) =>
    ctx.cache
      .list(entryType, ns)
      .filter((e) => pick(e).includes(name))
      .map((e) => ({ namespace: ns, name: e.metadata.name! }));
  const byName = (type: ResourceType, pick: (e: KubeObject) => string[]): WatchSpec => ({
    type,
    map: (o) => referring(o.metadata.namespace ?? '', pick, o.metadata.name!),
  });
  return {
    name: 'mcpserverentry',
    primary: entryType,
    reconciler,
    watches: [
      byName(ctx.resources.toolhive('MCPGroup'), (e) => referencedNames('MCPServerEntry', e, 'group')),
      byName(ctx.resources.toolhive('MCPExternalAuthConfig'), (e) =>
        referencedNames('MCPServerEntry', e, 'externalAuthConfig'),
      ),
      byName(CORE.ConfigMap, (e) => entryInputs(e).configMaps),
      byName(CORE.Secret, (e) => entryInputs(e).secrets),
    ],
  };
}
