/**
 * The operator's shared cache: one informer per resource kind, shared by every controller that
 * reads that kind. Reconcilers read from here, never from the API, so a steady-state reconcile
 * costs no requests. Secrets are cached as a digest of their data (the operator only needs to
 * know that a Secret exists, which keys it has, and when it changes), Pods as metadata and status.
 */
import { createHash } from 'node:crypto';
import { Informer } from '../informer/informer.ts';
import type { ResourceRegistry } from '../kube/resources.ts';
import type { KubeClient, KubeObject, ResourceType } from '../kube/types.ts';
import type { Logger } from '../observe/logger.ts';
import type { OperatorMetrics } from '../observe/metrics.ts';
import type { Clock } from '../util/clock.ts';

export interface InformerSetOptions {
  client: KubeClient;
  resources: ResourceRegistry;
  clock: Clock;
  log: Logger;
  metrics?: OperatorMetrics;
  /** WATCH_NAMESPACE entries; empty = all namespaces. */
  namespaces: string[];
  resyncMs?: number;
  /** How each kind is listed and watched (label selector); consulted for every informer. */
  specFor?: (type: ResourceType) => InformerSpec;
}

export interface InformerSpec {
  labelSelector?: string;
}

/** Keeps a Secret's key names and a digest per key instead of the values. */
export function digestSecret(obj: KubeObject): KubeObject {
  const data = (obj.data ?? {}) as Record<string, string>;
  const digested: Record<string, string> = {};
  for (const k of Object.keys(data).sort()) {
    digested[k] = createHash('sha256')
      .update(data[k] ?? '')
      .digest('hex');
  }
  const { data: _d, stringData: _s, ...rest } = obj;
  return { ...rest, data: digested };
}

/** Pods: only metadata and status matter to status computation. */
export function slimPod(obj: KubeObject): KubeObject {
  return { apiVersion: obj.apiVersion, kind: obj.kind, metadata: obj.metadata, status: obj.status };
}

/** Field-manager bookkeeping is large and never read by the operator: it is not cached. */
export function withoutManagedFields(obj: KubeObject): KubeObject {
  if (obj.metadata.managedFields === undefined) return obj;
  const { managedFields: _m, ...metadata } = obj.metadata;
  return { ...obj, metadata };
}

function transformFor(type: ResourceType): (obj: KubeObject) => KubeObject {
  if (type.group === '' && type.kind === 'Secret') return (o) => digestSecret(withoutManagedFields(o));
  if (type.group === '' && type.kind === 'Pod') return (o) => slimPod(withoutManagedFields(o));
  return withoutManagedFields;
}

export class InformerSet {
  readonly opts: InformerSetOptions;
  private readonly informers = new Map<string, Informer>();
  private started = false;

  constructor(opts: InformerSetOptions) {
    this.opts = opts;
  }

  /** The informer for `type`, created on first use. The first caller's spec wins. */
  informer(type: ResourceType, spec: InformerSpec = {}): Informer {
    const key = `${type.group}/${type.kind}`;
    let inf = this.informers.get(key);
    if (!inf) {
      const effective = this.opts.specFor?.(type) ?? spec;
      inf = new Informer({
        client: this.opts.client,
        type,
        namespaces: this.opts.namespaces,
        labelSelector: effective.labelSelector,
        clock: this.opts.clock,
        log: this.opts.log,
        ...(this.opts.metrics ? { restarts: this.opts.metrics.informerRestarts } : {}),
        ...(this.opts.resyncMs !== undefined ? { resyncMs: this.opts.resyncMs } : {}),
        transform: transformFor(type),
      });
      this.informers.set(key, inf);
      if (this.started) inf.start();
    }
    return inf;
  }

  start(): void {
    this.started = true;
    for (const inf of this.informers.values()) inf.start();
  }

  stop(): void {
    this.started = false;
    for (const inf of this.informers.values()) inf.stop();
  }

  get hasSynced(): boolean {
    return [...this.informers.values()].every((i) => i.hasSynced);
  }

  async synced(): Promise<void> {
    await Promise.all([...this.informers.values()].map((i) => i.synced()));
  }

  get(type: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.informer(type).get(namespace, name);
  }

  list(type: ResourceType, namespace?: string): KubeObject[] {
    return this.informer(type).list(namespace);
  }

  /** Cached objects of the given kinds controlled by the object with `uid`. */
  ownedBy(
    uid: string,
    types: readonly ResourceType[],
    namespace: string,
  ): { type: ResourceType; obj: KubeObject }[] {
    const out: { type: ResourceType; obj: KubeObject }[] = [];
    for (const type of types) {
      for (const obj of this.list(type, namespace)) {
        if (obj.metadata.ownerReferences?.some((r) => r.uid === uid && r.controller)) out.push({ type, obj });
      }
    }
    return out;
  }

  /** Total objects held, for diagnostics. */
  get size(): number {
    let n = 0;
    for (const i of this.informers.values()) n += i.size;
    return n;
  }
}
