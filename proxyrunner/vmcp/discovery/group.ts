/**
 * Dynamic backends (dataplane §4.3): the members of the MCPGroup — MCPServers, MCPRemoteProxies
 * and MCPServerEntries whose `spec.groupRef` names it — listed and then watched. A member is a
 * backend while it is Ready (servers, proxies; at their `status.url`) or Valid (entries; at their
 * `spec.remoteUrl`, with the CA bundle from their ConfigMap and the headers of their
 * `spec.headerForward`). With discovered outgoing auth, each member's MCPExternalAuthConfig
 * becomes its auth strategy; a member whose auth config is missing or cannot be used is not
 * served at all (ToolHive's k8s discoverer: "skipping workload due to auth discovery failure"),
 * never served without its auth.
 */

import type { KubeObject } from '../../../lib/api/meta.ts';
import type { BackendAuthStrategy } from '../../../lib/api/types.generated.ts';
import {
  authStrategy,
  authStrategySecretEnv,
  vmcpHeaderForwardConfig,
} from '../../../lib/vmcp-config/build.ts';
import type { HeaderForward, MCPExternalAuthConfigResource } from '../../../lib/workload/kinds.ts';
import type { BackendSpec } from '../backends/types.ts';
import { type KubePort, RESOURCES, type ResourceType } from './kube-port.ts';

type Json = Record<string, unknown>;

export interface DiscoveryEvents {
  /** A member became (or changed as) a backend. */
  upsert(spec: BackendSpec, auth: BackendAuthStrategy | undefined): void | Promise<void>;
  /** A member is no longer a backend (deleted, not ready, left the group). */
  remove(name: string): void;
  /** The first full listing is done (`/readyz` turns ready). */
  synced(): void;
  /** The members not served because of their auth config changed (for status). */
  skippedChanged?(): void;
  log?(msg: string): void;
}

/** A member of the group that is not served, and why. */
export interface SkippedMember {
  readonly kind: string;
  readonly name: string;
  readonly reason: string;
}

const MEMBER_KINDS = [RESOURCES.mcpServer, RESOURCES.mcpRemoteProxy, RESOURCES.mcpServerEntry] as const;

/**
 * ToolHive's `DiscoverAndResolveAuth` for one member: the MCPExternalAuthConfig as a vMCP strategy
 * (the converter the chart uses in static mode, secrets by env var name), or why it cannot be
 * used — an unsupported type, a missing type block, or a secret the operator did not put in the
 * pod's environment (ToolHive reads the Secret itself and fails the same way when it is missing).
 */
export function strategyFromExternalAuth(
  cfg: KubeObject,
  env: Readonly<Record<string, string | undefined>>,
): { strategy: BackendAuthStrategy } | { problem: string } {
  const ext = cfg as unknown as MCPExternalAuthConfigResource;
  const name = cfg.metadata.name ?? '';
  let strategy: BackendAuthStrategy;
  try {
    strategy = authStrategy(ext) as unknown as BackendAuthStrategy;
  } catch (err) {
    return { problem: err instanceof Error ? err.message : String(err) };
  }
  for (const s of authStrategySecretEnv(ext)) {
    if (!s.name || !s.key)
      return { problem: `MCPExternalAuthConfig ${name}: its secret reference has no Secret name or key` };
    if (!env[s.env])
      return {
        problem: `MCPExternalAuthConfig ${name}: the value of Secret ${s.name} key ${s.key} is not in the pod environment (${s.env} is not set)`,
      };
  }
  return { strategy };
}

function groupOf(o: KubeObject): string | undefined {
  const ref = (o.spec as Json | undefined)?.groupRef;
  if (typeof ref === 'string') return ref;
  return typeof (ref as Json | undefined)?.name === 'string' ? String((ref as Json).name) : undefined;
}

function statusOf(o: KubeObject): Json {
  return (o.status ?? {}) as Json;
}

/** Transport a member's clients use: its proxy mode for stdio servers, else its transport. */
function transportOf(o: KubeObject, url: string): 'sse' | 'streamable-http' {
  const spec = (o.spec ?? {}) as Json;
  if (url.replace(/\/+$/, '').endsWith('/sse')) return 'sse';
  const t = spec.transport === 'stdio' ? spec.proxyMode : spec.transport;
  return t === 'sse' ? 'sse' : 'streamable-http';
}

export class GroupDiscovery {
  private readonly kube: KubePort;
  private readonly namespace: string;
  private readonly group: string;
  private readonly events: DiscoveryEvents;
  private readonly discoverAuth: boolean;
  private readonly env: Readonly<Record<string, string | undefined>>;
  private readonly watches: Array<{ stop(): void }> = [];
  /** Current backends by name, with the fingerprint that produced them. */
  private readonly members = new Map<string, string>();
  /** Members not served because of their auth config, by `<kind>/<name>`. */
  private readonly skippedMembers = new Map<string, SkippedMember>();
  private stopped = false;

  constructor(
    kube: KubePort,
    namespace: string,
    group: string,
    events: DiscoveryEvents,
    discoverAuth: boolean,
    env: Readonly<Record<string, string | undefined>> = process.env,
  ) {
    this.kube = kube;
    this.namespace = namespace;
    this.group = group;
    this.events = events;
    this.discoverAuth = discoverAuth;
    this.env = env;
  }

  /** The group's members that are not served because of their auth config, sorted. */
  skipped(): SkippedMember[] {
    return [...this.skippedMembers.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, member]) => member);
  }

  private unskip(key: string): void {
    if (this.skippedMembers.delete(key)) this.events.skippedChanged?.();
  }

  async start(): Promise<void> {
    await Promise.all(MEMBER_KINDS.map((k) => this.listAndWatch(k)));
    this.events.synced();
  }

  stop(): void {
    this.stopped = true;
    for (const w of this.watches.splice(0)) w.stop();
  }

  private async listAndWatch(type: ResourceType): Promise<void> {
    const list = await this.kube.list(type, { namespace: this.namespace });
    const seen = new Set<string>();
    for (const o of list.items) {
      const key = `${type.kind}/${o.metadata.name}`;
      seen.add(key);
      await this.observe(type, o);
    }
    // After a relist, members of this kind that vanished meanwhile are removed.
    for (const key of [...this.members.keys(), ...this.skippedMembers.keys()]) {
      if (key.startsWith(`${type.kind}/`) && !seen.has(key)) this.drop(key);
    }
    if (this.stopped) return;
    const handle = this.kube.watch(
      type,
      { namespace: this.namespace, resourceVersion: list.resourceVersion, allowBookmarks: true },
      {
        event: (ev) => {
          if (ev.type === 'BOOKMARK') return;
          if (ev.type === 'DELETED') this.drop(`${type.kind}/${ev.object.metadata.name}`);
          else void this.observe(type, ev.object);
        },
        done: (err) => {
          if (this.stopped) return;
          if (err)
            this.events.log?.(
              `watch ${type.plural} ended: ${err instanceof Error ? err.message : String(err)}; relisting`,
            );
          const i = this.watches.indexOf(handle);
          if (i !== -1) this.watches.splice(i, 1);
          setTimeout(
            () => {
              if (!this.stopped)
                this.listAndWatch(type).catch((e: unknown) =>
                  this.events.log?.(`relist ${type.plural}: ${String(e)}`),
                );
            },
            err ? 1000 : 0,
          ).unref();
        },
      },
    );
    this.watches.push(handle);
  }

  private drop(key: string): void {
    this.unskip(key);
    if (!this.members.delete(key)) return;
    this.events.remove(key.slice(key.indexOf('/') + 1));
  }

  /** Stops serving a member whose auth config cannot be used, and says so once per reason. */
  private skip(kind: string, name: string, reason: string): void {
    const key = `${kind}/${name}`;
    if (this.members.delete(key)) this.events.remove(name);
    if (this.skippedMembers.get(key)?.reason === reason) return;
    this.skippedMembers.set(key, { kind, name, reason });
    this.events.log?.(`skipping ${kind} ${name} due to auth discovery failure, it is not served: ${reason}`);
    this.events.skippedChanged?.();
  }

  private async observe(type: ResourceType, o: KubeObject): Promise<void> {
    const name = o.metadata.name ?? '';
    const key = `${type.kind}/${name}`;
    if (groupOf(o) !== this.group) {
      this.drop(key);
      return;
    }
    let spec: BackendSpec | undefined;
    try {
      spec = await this.specOf(type, o);
    } catch (err) {
      this.events.log?.(`${key}: ${err instanceof Error ? err.message : String(err)}`);
      spec = undefined;
    }
    if (!spec) {
      this.drop(key);
      return;
    }
    let auth: BackendAuthStrategy | undefined;
    const ref = ((o.spec as Json | undefined)?.externalAuthConfigRef as Json | undefined)?.name;
    if (this.discoverAuth && typeof ref === 'string') {
      // ToolHive never serves a member whose auth config fails to load: serving it without its
      // auth (or with the default strategy) would send calls with the wrong identity.
      let cfg: KubeObject | undefined;
      try {
        cfg = await this.kube.get(RESOURCES.mcpExternalAuthConfig, this.namespace, ref);
      } catch (err) {
        this.skip(
          type.kind,
          name,
          `failed to get MCPExternalAuthConfig ${ref}: ${err instanceof Error ? err.message : String(err)}`,
        );
        return;
      }
      if (!cfg) {
        this.skip(type.kind, name, `MCPExternalAuthConfig ${ref} not found in namespace ${this.namespace}`);
        return;
      }
      const resolved = strategyFromExternalAuth(cfg, this.env);
      if ('problem' in resolved) {
        this.skip(type.kind, name, resolved.problem);
        return;
      }
      auth = resolved.strategy;
    }
    this.unskip(key);
    const fingerprint = JSON.stringify([spec, auth]);
    if (this.members.get(key) === fingerprint) return;
    this.members.set(key, fingerprint);
    await this.events.upsert(spec, auth);
  }

  private async specOf(type: ResourceType, o: KubeObject): Promise<BackendSpec | undefined> {
    const name = o.metadata.name ?? '';
    const st = statusOf(o);
    const spec = (o.spec ?? {}) as Json;
    const authRef = (spec.externalAuthConfigRef as Json | undefined)?.name;
    const common = {
      name,
      kind: type.kind,
      ...(typeof authRef === 'string' ? { authConfigRef: authRef } : {}),
    };
    if (type.kind === 'MCPServerEntry') {
      if (st.phase !== 'Valid' || typeof spec.remoteUrl !== 'string') return undefined;
      const ca = ((spec.caBundleRef as Json | undefined)?.configMapRef ?? undefined) as Json | undefined;
      let caBundle: string | undefined;
      if (ca?.name) {
        const cm = await this.kube.get(RESOURCES.configMap, this.namespace, String(ca.name));
        caBundle = (cm?.data as Record<string, string> | undefined)?.[String(ca.key ?? 'ca.crt')];
        if (!caBundle)
          throw new Error(`CA bundle ConfigMap ${String(ca.name)} has no key ${String(ca.key ?? 'ca.crt')}`);
      }
      const headerForward = vmcpHeaderForwardConfig(name, spec.headerForward as HeaderForward | undefined);
      return {
        ...common,
        url: spec.remoteUrl,
        transport: spec.transport === 'sse' ? 'sse' : 'streamable-http',
        type: 'entry',
        ...(caBundle ? { caBundle } : {}),
        ...(headerForward ? { headerForward } : {}),
      };
    }
    if (st.phase !== 'Ready' || typeof st.url !== 'string' || st.url === '') return undefined;
    return { ...common, url: st.url, transport: transportOf(o, st.url) };
  }
}
