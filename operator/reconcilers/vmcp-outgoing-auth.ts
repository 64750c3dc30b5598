/**
 * VirtualMCPServer conditions about the credentials it uses: `AuthConfigured` (the Secrets its
 * incoming OIDC client and delegate clients read, ToolHive's `ensureAuthSecretsValid`) and one
 * condition per outgoing auth config (ToolHive's `setAuthConfigConditions`): `DefaultAuthConfig`,
 * `BackendAuthConfig-<backend>` for `spec.outgoingAuth.backends`, and
 * `DiscoveredAuthConfig-<backend>` for group members with an `externalAuthConfigRef`.
 */
import { authStrategy, VmcpConfigError } from '../../lib/vmcp-config/build.ts';
import { CORE } from '../kube/resources.ts';
import type { KubeObject } from '../kube/types.ts';
import type { Conditions } from '../status/conditions.ts';
import { findCondition } from '../status/conditions.ts';
import type { ReconcileContext } from './context.ts';
import { missingRef, unusableRef } from './messages.ts';
import { referencedNames } from './references.ts';

type Problem = { reason: string; message: string };

interface BackendAuth {
  type?: string;
  externalAuthConfigRef?: { name?: string };
}

interface VmcpSpec {
  groupRef?: { name?: string };
  incomingAuth?: { oidcConfigRef?: { name?: string } };
  authServerConfig?: {
    delegateClients?: { clientId?: string; clientSecretRef?: { name?: string; key?: string } }[];
  };
  outgoingAuth?: { default?: BackendAuth; backends?: Record<string, BackendAuth> };
}

/** The kinds that join an MCPGroup, so a VirtualMCPServer's backends. */
export const MEMBER_KINDS = ['MCPServer', 'MCPRemoteProxy', 'MCPServerEntry'] as const;
const MEMBER_GROUP_INDEX = 'vmcp:group';

/**
 * ToolHive's `AuthConfigured`: True/AuthValid when the Secrets the vMCP's incoming OIDC client
 * and its delegate clients read exist with their keys, False/AuthInvalid otherwise. Returns the
 * problem, which blocks the workload (retried).
 */
export function setAuthConfiguredCondition(
  ctx: ReconcileContext,
  obj: KubeObject,
  c: Conditions,
): string | undefined {
  const ns = obj.metadata.namespace ?? '';
  const spec = (obj.spec ?? {}) as VmcpSpec;
  /** `field` is the reference without `.name`; `of` says which object holds it, if not this one. */
  const check = (
    ref: { name?: string; key?: string } | undefined,
    what: string,
    field: string,
    of = '',
  ): string | undefined => {
    if (!ref?.name) return undefined;
    const secret = ctx.cache.get(CORE.Secret, ns, ref.name);
    if (!secret)
      return missingRef(
        `failed to get ${what} secret ${ns}/${ref.name}: secrets "${ref.name}" not found`,
        `${field}.name${of}`,
        'Secret',
        ref.name,
        ns,
      );
    const key = ref.key ?? '';
    if (!Object.hasOwn((secret.data ?? {}) as object, key))
      return `${what} secret ${ns}/${ref.name} is missing key ${JSON.stringify(key)}: add it to Secret "${ref.name}", or change ${field}.key${of}`;
    return undefined;
  };
  let problem: string | undefined;
  const oidcName = spec.incomingAuth?.oidcConfigRef?.name;
  const oidc = oidcName ? ctx.cache.get(ctx.resources.toolhive('MCPOIDCConfig'), ns, oidcName) : undefined;
  const oidcSpec = oidc?.spec as
    | { type?: string; inline?: { clientSecretRef?: { name?: string; key?: string } } }
    | undefined;
  if (oidcSpec?.type === 'inline')
    problem = check(
      oidcSpec.inline?.clientSecretRef,
      'MCPOIDCConfig OIDC client secret',
      'spec.inline.clientSecretRef',
      ` of MCPOIDCConfig "${oidcName}"`,
    );
  for (const [i, d] of (spec.authServerConfig?.delegateClients ?? []).entries()) {
    problem ??= check(
      d.clientSecretRef,
      `delegate client ${JSON.stringify(d.clientId ?? '')}`,
      `spec.authServerConfig.delegateClients[${i}].clientSecretRef`,
    );
  }
  if (problem) {
    const message = `Authentication configuration is invalid: ${problem}`;
    c.set({ type: 'AuthConfigured', status: false, reason: 'AuthInvalid', message });
    return message;
  }
  c.set({
    type: 'AuthConfigured',
    status: true,
    reason: 'AuthValid',
    message: 'Authentication configuration is valid',
  });
  return undefined;
}

/**
 * The per-config outgoing auth conditions. ToolHive keeps serving in degraded mode when one
 * fails; here a failing default or inline backend config also fails the render, while a
 * discovered one is left to the vMCP runtime, which discovers members itself.
 */
export function setOutgoingAuthConditions(ctx: ReconcileContext, obj: KubeObject, c: Conditions): void {
  const ns = obj.metadata.namespace ?? '';
  const spec = (obj.spec ?? {}) as VmcpSpec;
  const extAuth = ctx.resources.toolhive('MCPExternalAuthConfig');

  const configProblem = (name: string, field: string): Problem | undefined => {
    const cfg = ctx.cache.get(extAuth, ns, name);
    if (!cfg)
      return {
        reason: 'ConversionFailed',
        message: missingRef(
          `failed to get MCPExternalAuthConfig ${name}: not found`,
          field,
          'MCPExternalAuthConfig',
          name,
          ns,
        ),
      };
    // The referenced config's own Valid=False, mirrored (e.g. EnterpriseRequired).
    const valid = findCondition((cfg.status as { conditions?: unknown } | undefined)?.conditions, 'Valid');
    if (valid?.status === 'False') {
      const reason = valid.reason || 'InvalidExternalAuthConfig';
      return {
        reason,
        message: unusableRef(`invalid (${reason}): ${valid.message}`, field, 'MCPExternalAuthConfig', name),
      };
    }
    try {
      authStrategy(cfg as unknown as Parameters<typeof authStrategy>[0]);
    } catch (err) {
      if (!(err instanceof VmcpConfigError)) throw err;
      return { reason: 'ConversionFailed', message: `${err.message}; change ${field}` };
    }
    return undefined;
  };
  const backendProblem = (b: BackendAuth, field: string): Problem | undefined => {
    if (b.type === 'discovered') return undefined;
    const name = b.externalAuthConfigRef?.name;
    if (!name)
      return {
        reason: 'ConversionFailed',
        message: `${field}.externalAuthConfigRef is required when type is externalAuthConfigRef`,
      };
    return configProblem(name, `${field}.externalAuthConfigRef.name`);
  };
  const set = (type: string, what: string, problem: Problem | undefined) =>
    c.set(
      problem
        ? {
            type,
            status: false,
            reason: problem.reason,
            message: `Failed to convert ${what} auth config: ${problem.message}`,
          }
        : {
            type,
            status: true,
            reason: 'ConversionSucceeded',
            message: `${what[0]!.toUpperCase()}${what.slice(1)} auth config is valid`,
          },
    );

  const og = spec.outgoingAuth;
  if (og?.default)
    set('DefaultAuthConfig', 'default', backendProblem(og.default, 'spec.outgoingAuth.default'));
  else c.remove('DefaultAuthConfig');

  const inline = Object.keys(og?.backends ?? {}).sort();
  c.removeWithPrefix(
    'BackendAuthConfig-',
    inline.map((n) => `BackendAuthConfig-${n}`),
  );
  for (const n of inline)
    set(
      `BackendAuthConfig-${n}`,
      'backend',
      backendProblem(og?.backends?.[n] ?? {}, `spec.outgoingAuth.backends.${n}`),
    );

  // Every member of the group that names an MCPExternalAuthConfig, whatever the source mode.
  const group = spec.groupRef?.name ?? '';
  const discovered: { name: string; kind: string; ref: string }[] = [];
  for (const kind of MEMBER_KINDS) {
    const type = ctx.resources.toolhive(kind);
    // Indexed by group: a lookup, not a scan of the namespace.
    ctx.cache.index(type, MEMBER_GROUP_INDEX, (m) => referencedNames(kind, m, 'group'));
    for (const m of ctx.cache.byIndex(type, MEMBER_GROUP_INDEX, ns, group)) {
      const ref = (m.spec as { externalAuthConfigRef?: { name?: string } } | undefined)?.externalAuthConfigRef
        ?.name;
      if (ref) discovered.push({ name: m.metadata.name!, kind, ref });
    }
  }
  discovered.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  c.removeWithPrefix(
    'DiscoveredAuthConfig-',
    discovered.map((d) => `DiscoveredAuthConfig-${d.name}`),
  );
  for (const d of discovered)
    set(
      `DiscoveredAuthConfig-${d.name}`,
      'discovered',
      configProblem(d.ref, `spec.externalAuthConfigRef.name of ${d.kind} "${d.name}"`),
    );
}
