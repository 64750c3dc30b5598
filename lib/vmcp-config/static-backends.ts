/**
 * Static backends: with `spec.outgoingAuth.source: inline` ToolHive's operator lists the group's
 * members at reconcile time and writes them into the vMCP config as `backends`
 * (`processOutgoingAuth`, `convertBackendsToStaticBackends`), so the vMCP needs no Kubernetes
 * API access to find them (its inline Role cannot list them). This is that list, built from the
 * members the render knows: the operator's cache, or the objects given to a GitOps synth.
 *
 * Each member becomes `{name, url, transport, [type: entry], [caBundlePath], metadata}`:
 * - URL: the deterministic in-cluster URL the member's own chart serves (MCPServer
 *   `http://mcp-<name>-proxy.<ns>.svc.cluster.local:<proxyPort>/mcp`, or `/sse#<name>` in SSE
 *   proxy mode; MCPRemoteProxy `http://mcp-<name>-remote-proxy.<ns>.svc.cluster.local:<port>`),
 *   which is what ToolHive writes from `status.url`; an MCPServerEntry's `spec.remoteUrl`.
 * - transport: `sse` or `streamable-http` (`StaticModeAllowedTransports`); for an MCPServer the
 *   protocol its proxy offers (`proxyMode` for stdio servers, else its transport).
 * - entries get `type: entry` and, with a `caBundleRef`, `caBundlePath`
 *   `/etc/toolhive/ca-bundles/<entry>/<key>` where the chart mounts the bundle.
 *
 * Members are left out as ToolHive leaves them out: an MCPServerEntry whose status says it is
 * not `Valid`, and a member whose MCPExternalAuthConfig is missing, reported invalid
 * (`Valid=False`), or cannot be turned into a vMCP strategy (unless `spec.outgoingAuth.backends`
 * overrides its auth). A member whose status is not known (a GitOps synth of CRs without status)
 * is listed: its URL does not depend on status.
 */

import type { ResolvedVirtualMcpServer, VmcpBackendMember } from '../resolve/resolve.ts';
import type {
  MCPExternalAuthConfigResource,
  MCPRemoteProxyResource,
  MCPServerEntryResource,
  MCPServerResource,
} from '../workload/kinds.ts';
import { mcpRemoteProxyUrl, mcpServerUrl } from '../workload/names.ts';
import { CA_BUNDLES_MOUNT, DEFAULT_CA_KEY } from '../workload/paths.ts';

type Obj = Record<string, unknown>;

/** ToolHive's `StaticModeAllowedTransports`: the network transports the vMCP client speaks. */
export const STATIC_MODE_ALLOWED_TRANSPORTS = ['sse', 'streamable-http'] as const;
export type StaticTransport = (typeof STATIC_MODE_ALLOWED_TRANSPORTS)[number];

export interface StaticBackend {
  readonly name: string;
  readonly url: string;
  readonly transport: StaticTransport;
  readonly type?: 'entry';
  readonly caBundlePath?: string;
  readonly metadata: Readonly<Record<string, string>>;
}

/** A member of the group that is not served, and why. */
export interface SkippedMember {
  readonly kind: VmcpBackendMember['kind'];
  readonly name: string;
  readonly reason: string;
}

export interface StaticBackendPlan {
  /** Sorted by name, as ToolHive's discoverer sorts them. */
  readonly backends: readonly StaticBackend[];
  /** The members' own outgoing auth strategies, by backend name (served members only). */
  readonly memberAuth: Readonly<Record<string, Obj>>;
  /** The MCPExternalAuthConfigs those strategies come from (their secrets go to the pod). */
  readonly memberAuthConfigs: readonly MCPExternalAuthConfigResource[];
  readonly skipped: readonly SkippedMember[];
}

/** ToolHive's `workload_type` metadata value per member kind. */
const WORKLOAD_TYPE: Record<VmcpBackendMember['kind'], string> = {
  MCPServer: 'mcp_server',
  MCPRemoteProxy: 'remote_proxy',
  MCPServerEntry: 'server_entry',
};

const KIND_ORDER: readonly VmcpBackendMember['kind'][] = ['MCPServer', 'MCPRemoteProxy', 'MCPServerEntry'];

function isAllowed(t: unknown): t is StaticTransport {
  return (STATIC_MODE_ALLOWED_TRANSPORTS as readonly unknown[]).includes(t);
}

/** The `Valid=False` condition ToolHive mirrors from an MCPExternalAuthConfig, if it has one. */
function invalidCondition(
  cfg: MCPExternalAuthConfigResource,
): { reason?: string; message?: string } | undefined {
  const conditions = ((cfg as { status?: { conditions?: unknown } }).status?.conditions ?? []) as Array<{
    type?: string;
    status?: string;
    reason?: string;
    message?: string;
  }>;
  const valid = Array.isArray(conditions) ? conditions.find((c) => c?.type === 'Valid') : undefined;
  return valid?.status === 'False' ? valid : undefined;
}

/** Where and how the vMCP reaches a member, or why it cannot. */
function endpoint(
  m: VmcpBackendMember,
  namespace: string,
): { url: string; transport: StaticTransport; remoteUrl?: string } | { reason: string } {
  const name = m.resource.metadata.name ?? '';
  switch (m.kind) {
    case 'MCPServer': {
      const spec = (m.resource as MCPServerResource).spec;
      const transport = spec?.transport ?? 'stdio';
      const mode = transport === 'stdio' ? (spec?.proxyMode ?? 'streamable-http') : transport;
      if (!isAllowed(mode))
        return { reason: `its proxy offers no network transport (transport "${transport}")` };
      return { url: mcpServerUrl(name, namespace, spec?.proxyPort ?? 8080, mode), transport: mode };
    }
    case 'MCPRemoteProxy': {
      const spec = (m.resource as MCPRemoteProxyResource).spec;
      const transport = spec?.transport ?? 'streamable-http';
      if (!isAllowed(transport))
        return { reason: `transport "${String(transport)}" is not one of sse, streamable-http` };
      return {
        url: mcpRemoteProxyUrl(name, namespace, spec?.proxyPort ?? 8080),
        transport,
        ...(spec?.remoteUrl ? { remoteUrl: spec.remoteUrl } : {}),
      };
    }
    case 'MCPServerEntry': {
      const spec = (m.resource as MCPServerEntryResource).spec;
      if (!spec?.remoteUrl) return { reason: 'it has no spec.remoteUrl' };
      if (!isAllowed(spec.transport))
        return { reason: `transport "${String(spec.transport)}" is not one of sse, streamable-http` };
      return { url: spec.remoteUrl, transport: spec.transport, remoteUrl: spec.remoteUrl };
    }
  }
}

/**
 * The static backends of a VirtualMCPServer with inline outgoing auth. `overridden` names the
 * backends whose auth `spec.outgoingAuth.backends` sets (their own auth config is not used);
 * `strategyOf` turns a member's MCPExternalAuthConfig into a vMCP strategy, throwing when it
 * cannot.
 */
export function planStaticBackends(
  r: ResolvedVirtualMcpServer,
  overridden: ReadonlySet<string>,
  strategyOf: (cfg: MCPExternalAuthConfigResource) => Obj,
): StaticBackendPlan {
  const members = [...r.members].sort((a, b) => {
    const an = a.resource.metadata.name ?? '';
    const bn = b.resource.metadata.name ?? '';
    if (an !== bn) return an < bn ? -1 : 1;
    return KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind);
  });
  const backends: StaticBackend[] = [];
  const memberAuth: Record<string, Obj> = {};
  const memberAuthConfigs: MCPExternalAuthConfigResource[] = [];
  const skipped: SkippedMember[] = [];
  const taken = new Map<string, VmcpBackendMember['kind']>();
  for (const m of members) {
    const name = m.resource.metadata.name ?? '';
    const skip = (reason: string) => skipped.push({ kind: m.kind, name, reason });
    const other = taken.get(name);
    if (other) {
      skip(`the ${other} of the same name is the backend "${name}"`);
      continue;
    }
    // Status, when the render knows it: ToolHive routes only to entries in phase Valid.
    if (m.kind === 'MCPServerEntry') {
      const phase = (m.resource as { status?: { phase?: string } }).status?.phase;
      if (phase !== undefined && phase !== '' && phase !== 'Valid') {
        skip(`its phase is ${phase}, not Valid`);
        continue;
      }
    }
    // Auth: a member whose own auth config cannot be used is not served (ToolHive's
    // backendsWithFailedAuth), unless spec.outgoingAuth.backends sets its auth instead.
    let strategy: Obj | undefined;
    if (m.externalAuthConfigProblem) {
      skip(m.externalAuthConfigProblem);
      continue;
    }
    if (m.externalAuthConfig && !overridden.has(name)) {
      const cfgName = m.externalAuthConfig.metadata.name ?? '';
      const invalid = invalidCondition(m.externalAuthConfig);
      if (invalid) {
        skip(
          `MCPExternalAuthConfig "${cfgName}" is not valid (${invalid.reason ?? 'Invalid'}${invalid.message ? `: ${invalid.message}` : ''})`,
        );
        continue;
      }
      try {
        strategy = strategyOf(m.externalAuthConfig);
      } catch (err) {
        skip(err instanceof Error ? err.message : String(err));
        continue;
      }
    }
    const ep = endpoint(m, r.namespace);
    if ('reason' in ep) {
      skip(ep.reason);
      continue;
    }
    const metadata: Record<string, string> = {
      group: r.groupName,
      namespace: r.namespace,
      ...(ep.remoteUrl ? { remote_url: ep.remoteUrl } : {}),
      tool_type: 'mcp',
      workload_type: WORKLOAD_TYPE[m.kind],
    };
    let caBundlePath: string | undefined;
    if (m.kind === 'MCPServerEntry') {
      const ca = (m.resource as MCPServerEntryResource).spec?.caBundleRef?.configMapRef;
      if (ca?.name) caBundlePath = `${CA_BUNDLES_MOUNT}/${name}/${ca.key || DEFAULT_CA_KEY}`;
    }
    backends.push({
      name,
      url: ep.url,
      transport: ep.transport,
      ...(m.kind === 'MCPServerEntry' ? { type: 'entry' as const } : {}),
      ...(caBundlePath ? { caBundlePath } : {}),
      metadata,
    });
    taken.set(name, m.kind);
    if (strategy && m.externalAuthConfig) {
      memberAuth[name] = strategy;
      memberAuthConfigs.push(m.externalAuthConfig);
    }
  }
  return { backends, memberAuth, memberAuthConfigs, skipped };
}

/** `MCPServer a (why); MCPServerEntry b (why)`: the members not served, for messages. */
export function describeSkipped(
  skipped: readonly { readonly kind: string; readonly name: string; readonly reason: string }[],
): string {
  return skipped.map((s) => `${s.kind} ${s.name} (${s.reason})`).join('; ');
}

/**
 * ToolHive's error for a static mode VirtualMCPServer without a backend to serve
 * (`static mode requires at least one backend with valid transport ([sse streamable-http]), but
 * none were discovered in group <g>`), followed by what was skipped and what to do.
 */
export function noStaticBackendsMessage(groupName: string, skipped: readonly SkippedMember[]): string {
  const base =
    `static mode requires at least one backend with valid transport ([${STATIC_MODE_ALLOWED_TRANSPORTS.join(' ')}]), ` +
    `but none were discovered in group ${groupName}`;
  const why =
    skipped.length === 0
      ? `MCPGroup "${groupName}" has no MCPServer, MCPRemoteProxy or MCPServerEntry`
      : `not served: ${describeSkipped(skipped)}`;
  return (
    `${base}: ${why}. spec.outgoingAuth.source is inline, so the vMCP serves only the backends listed ` +
    `when it is rendered; add a member to MCPGroup "${groupName}" (spec.groupRef.name) or fix the ones ` +
    `listed, or set spec.outgoingAuth.source to discovered`
  );
}
