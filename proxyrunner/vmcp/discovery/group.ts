/**
 * Dynamic backends (dataplane §4.3): the members of the MCPGroup — MCPServers, MCPRemoteProxies
 * and MCPServerEntries whose `spec.groupRef` names it — listed and then watched. A member is a
 * backend while it is Ready (servers, proxies; at their `status.url`) or Valid (entries; at their
 * `spec.remoteUrl`, with the CA bundle from their ConfigMap). With discovered outgoing auth, each
 * member's MCPExternalAuthConfig becomes its auth strategy.
 */

import type { KubeObject } from '../../../lib/api/meta.ts';
import type { BackendAuthStrategy } from '../../../lib/api/types.generated.ts';
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
  log?(msg: string): void;
}

const MEMBER_KINDS = [RESOURCES.mcpServer, RESOURCES.mcpRemoteProxy, RESOURCES.mcpServerEntry] as const;

/** Env var names the operator gives the vMCP pod for discovered auth secrets. */
export function secretEnvName(prefix: string, configName: string): string {
  return `${prefix}_${configName.toUpperCase().replace(/-/g, '_')}`;
}

/** ToolHive's converters: an MCPExternalAuthConfig spec to a vMCP backend auth strategy. */
export function strategyFromExternalAuth(cfg: KubeObject): BackendAuthStrategy {
  const name = cfg.metadata.name ?? '';
  const spec = (cfg.spec ?? {}) as Json;
  switch (spec.type) {
    case 'unauthenticated':
      return { type: 'unauthenticated' };
    case 'headerInjection': {
      const hi = (spec.headerInjection ?? {}) as Json;
      return {
        type: 'header_injection',
        headerInjection: {
          headerName: String(hi.headerName ?? ''),
          headerValueEnv: secretEnvName('TOOLHIVE_HEADER_INJECTION_VALUE', name),
        },
      };
    }
    case 'tokenExchange': {
      const te = (spec.tokenExchange ?? {}) as Json;
      return {
        type: 'token_exchange',
        tokenExchange: {
          tokenUrl: String(te.tokenUrl ?? ''),
          ...(te.clientId ? { clientId: String(te.clientId) } : {}),
          ...(te.clientSecretRef
            ? { clientSecretEnv: secretEnvName('TOOLHIVE_TOKEN_EXCHANGE_CLIENT_SECRET', name) }
            : {}),
          ...(te.audience ? { audience: String(te.audience) } : {}),
          ...(Array.isArray(te.scopes) ? { scopes: te.scopes.map(String) } : {}),
          ...(te.subjectTokenType ? { subjectTokenType: String(te.subjectTokenType) } : {}),
          ...(te.subjectProviderName ? { subjectProviderName: String(te.subjectProviderName) } : {}),
        },
      };
    }
    case 'upstreamInject':
      return {
        type: 'upstream_inject',
        upstreamInject: {
          providerName: String((spec.upstreamInject as Json | undefined)?.providerName ?? ''),
        },
      };
    case 'awsSts':
      return { type: 'aws_sts', awsSts: { region: String((spec.awsSts as Json | undefined)?.region ?? '') } };
    default:
      // obo, xaa, bearerToken, embeddedAuthServer: no runtime support here; calls fail clearly.
      return { type: String(spec.type ?? 'unknown') };
  }
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
  private readonly watches: Array<{ stop(): void }> = [];
  /** Current backends by name, with the fingerprint that produced them. */
  private readonly members = new Map<string, string>();
  private stopped = false;

  constructor(
    kube: KubePort,
    namespace: string,
    group: string,
    events: DiscoveryEvents,
    discoverAuth: boolean,
  ) {
    this.kube = kube;
    this.namespace = namespace;
    this.group = group;
    this.events = events;
    this.discoverAuth = discoverAuth;
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
    for (const key of [...this.members.keys()]) {
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
    if (!this.members.delete(key)) return;
    this.events.remove(key.slice(key.indexOf('/') + 1));
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
      const cfg = await this.kube.get(RESOURCES.mcpExternalAuthConfig, this.namespace, ref);
      auth = cfg ? strategyFromExternalAuth(cfg) : undefined;
      if (!cfg) this.events.log?.(`${key}: MCPExternalAuthConfig ${ref} not found`);
    }
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
      return {
        ...common,
        url: spec.remoteUrl,
        transport: spec.transport === 'sse' ? 'sse' : 'streamable-http',
        type: 'entry',
        ...(caBundle ? { caBundle } : {}),
      };
    }
    if (st.phase !== 'Ready' || typeof st.url !== 'string' || st.url === '') return undefined;
    return { ...common, url: st.url, transport: transportOf(o, st.url) };
  }
}
