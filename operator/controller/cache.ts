/**
 * The operator's shared cache: one informer per resource kind, shared by every controller that
 * reads that kind. Reconcilers read from here, never from the API, so a steady-state reconcile
 * costs no requests. Secrets and users' ConfigMaps are cached as a digest of their data (the
 * operator only needs to know that they exist, which keys they have, and when they change), Pods
 * as metadata and status, CRDs as names and versions.
 */
import { createHash } from 'node:crypto';
import { CONTENT_HASH, contentHash } from '../../lib/resolve/resolve.ts';
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE } from '../apply/apply-engine.ts';
import { type IndexFn, Informer } from '../informer/informer.ts';
import type { ResourceRegistry } from '../kube/resources.ts';
import type { KubeClient, KubeObject, ResourceType } from '../kube/types.ts';
import type { Logger } from '../observe/logger.ts';
import type { OperatorMetrics } from '../observe/metrics.ts';
import { slimCrd } from '../reconcilers/storage-version-migrator.ts';
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

function digestValues(values: unknown): Record<string, string> | undefined {
  if (typeof values !== 'object' || values === null) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values as Record<string, string>).sort(([a], [b]) =>
    a < b ? -1 : 1,
  )) {
    out[k] = createHash('sha256')
      .update(v ?? '')
      .digest('hex');
  }
  return out;
}

/**
 * Keeps a Secret's or ConfigMap's key names and a digest per value instead of the values: the
 * operator only needs to know that the object exists, which keys it has, and when its content
 * changes (the content hash of the original rides along for pod-template hashes). Secret values
 * never sit in the operator's memory, and large user ConfigMaps cost a few bytes per key.
 */
export function digestData(obj: KubeObject): KubeObject {
  const { data, binaryData, stringData: _s, ...rest } = obj;
  const out: KubeObject = { ...rest };
  const d = digestValues(data);
  const b = digestValues(binaryData);
  if (d) out.data = d;
  else if (obj.kind === 'Secret') out.data = {};
  if (b) out.binaryData = b;
  Object.defineProperty(out, CONTENT_HASH, { value: contentHash(obj), enumerable: false });
  return out;
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

/** ConfigMaps the operator applied are compared field by field before applying: kept whole. */
function isOperatorOwned(obj: KubeObject): boolean {
  return obj.metadata.labels?.[MANAGED_BY_LABEL] === MANAGED_BY_VALUE;
}

function transformFor(type: ResourceType): (obj: KubeObject) => KubeObject {
  if (type.group === '' && type.kind === 'ConfigMap')
    return (o) => (isOperatorOwned(o) ? withoutManagedFields(o) : digestData(withoutManagedFields(o)));
  if (type.group === 'apiextensions.k8s.io' && type.kind === 'CustomResourceDefinition')
    return (o) => slimCrd(withoutManagedFields(o));
  if (type.group === '' && type.kind === 'Secret') return (o) => digestData(withoutManagedFields(o));
  if (type.group === '' && type.kind === 'Pod') return (o) => slimPod(withoutManagedFields(o));
  return withoutManagedFields;
}

const CONTROLLER_INDEX = 'controller-owner';

function controllerOwners(obj: KubeObject): string[] {
  return (obj.metadata.ownerReferences ?? []).filter((r) => r.controller).map((r) => r.uid);
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

  /** Keeps an index on `type`'s cache (see Informer.addIndex). */
  index(type: ResourceType, name: string, fn: IndexFn): void {
    this.informer(type).addIndex(name, fn);
  }

  byIndex(type: ResourceType, name: string, namespace: string | undefined, value: string): KubeObject[] {
    return this.informer(type).byIndex(name, namespace, value);
  }

  /** Cached objects of `type` in `namespace` whose controller owner reference has `uid`. */
  controlledBy(type: ResourceType, namespace: string | undefined, uid: string): KubeObject[] {
    this.index(type, CONTROLLER_INDEX, controllerOwners);
    return this.byIndex(type, CONTROLLER_INDEX, namespace, uid);
  }

  /** Cached objects of `type` in `namespace` labelled `key: value`. */
  labelled(type: ResourceType, namespace: string | undefined, key: string, value: string): KubeObject[] {
    const name = `label:${key}`;
    this.index(type, name, (o) => {
      const v = o.metadata.labels?.[key];
      return v === undefined ? [] : [v];
    });
    return this.byIndex(type, name, namespace, value);
  }

  /** Cached objects of the given kinds controlled by the object with `uid`. */
  ownedBy(
    uid: string,
    types: readonly ResourceType[],
    namespace: string,
  ): { type: ResourceType; obj: KubeObject }[] {
    return types.flatMap((type) => this.controlledBy(type, namespace, uid).map((obj) => ({ type, obj })));
  }

  /** Total objects held, for diagnostics. */
  get size(): number {
    let n = 0;
    for (const i of this.informers.values()) n += i.size;
    return n;
  }
}
