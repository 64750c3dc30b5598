/**
 * The apply engine: server-side applies a workload's rendered objects (field manager
 * `toolhive-operator`, forced, each with a controller owner reference to the custom resource)
 * and deletes owned objects that are no longer rendered.
 *
 * It writes only when something would change. Each applied object carries a hash of exactly
 * what was applied; an object is skipped when its live copy (from the informer cache) carries
 * the same hash and still contains every applied field. The hash catches fields we stopped
 * setting (which SSA would remove); the containment check catches drift someone else caused.
 */
import { createHash } from 'node:crypto';
import { isNotFound } from '../kube/errors.ts';
import type { ResourceRegistry } from '../kube/resources.ts';
import type { KubeClient, KubeObject, ResourceType } from '../kube/types.ts';
import type { Logger } from '../observe/logger.ts';
import { canonicalJson, clone } from '../util/json.ts';
import { isSubset } from './compare.ts';

export const APPLIED_HASH_ANNOTATION = 'toolhive.stacklok.dev/applied-hash';
export const MANAGED_BY_LABEL = 'toolhive.stacklok.dev/managed-by';
export const MANAGED_BY_VALUE = 'toolhive-operator';

/** Where the engine looks up live objects (the informer cache). */
export interface LiveObjects {
  get(type: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined;
  list(type: ResourceType, namespace?: string): KubeObject[];
}

export interface ApplyEngineOptions {
  client: KubeClient;
  live: LiveObjects;
  resources: ResourceRegistry;
  fieldManager: string;
  log: Logger;
  /** Kinds that are cached; others are read from the API before deciding. */
  cached: (type: ResourceType) => boolean;
}

export interface ApplyResult {
  /** Objects written (applied or deleted). */
  writes: number;
  /** The live objects after applying, by `Kind/name`. */
  objects: Map<string, KubeObject>;
}

export function objectId(obj: { kind: string; metadata: { name?: string } }): string {
  return `${obj.kind}/${obj.metadata.name}`;
}

function appliedHash(obj: KubeObject): string {
  return createHash('sha256').update(canonicalJson(obj)).digest('hex').slice(0, 20);
}

export class ApplyEngine {
  private readonly o: ApplyEngineOptions;

  constructor(opts: ApplyEngineOptions) {
    this.o = opts;
  }

  /** The object as it will be applied: owner reference, managed-by label, applied hash. */
  prepare(owner: KubeObject, input: KubeObject): KubeObject {
    const obj = clone(input);
    const meta = obj.metadata;
    meta.namespace = meta.namespace ?? owner.metadata.namespace;
    const ref = {
      apiVersion: owner.apiVersion,
      kind: owner.kind,
      name: owner.metadata.name!,
      uid: owner.metadata.uid!,
      controller: true,
      blockOwnerDeletion: true,
    };
    const others = (meta.ownerReferences ?? []).filter(
      (r) => !(r.kind === owner.kind && r.name === owner.metadata.name),
    );
    meta.ownerReferences = [...others, ref];
    meta.labels = { ...(meta.labels ?? {}), [MANAGED_BY_LABEL]: MANAGED_BY_VALUE };
    const annotations = { ...(meta.annotations ?? {}) };
    delete annotations[APPLIED_HASH_ANNOTATION];
    meta.annotations = annotations;
    const hash = appliedHash(obj);
    meta.annotations = { ...annotations, [APPLIED_HASH_ANNOTATION]: hash };
    return obj;
  }

  /** Whether `live` already is what applying `prepared` would produce. */
  upToDate(prepared: KubeObject, live: KubeObject | undefined): boolean {
    if (!live || live.metadata.deletionTimestamp) return false;
    const want = prepared.metadata.annotations?.[APPLIED_HASH_ANNOTATION];
    if (live.metadata.annotations?.[APPLIED_HASH_ANNOTATION] !== want) return false;
    const { apiVersion: _a, kind: _k, ...body } = prepared;
    return isSubset(body, live);
  }

  async apply(owner: KubeObject, desired: readonly KubeObject[]): Promise<ApplyResult> {
    const objects = new Map<string, KubeObject>();
    let writes = 0;
    for (const input of desired) {
      const prepared = this.prepare(owner, input);
      const type = this.o.resources.forObject(prepared);
      const ns = type.namespaced ? prepared.metadata.namespace : undefined;
      const name = prepared.metadata.name!;
      const live = this.o.cached(type)
        ? this.o.live.get(type, ns, name)
        : await this.o.client.get(type, ns, name);
      if (this.upToDate(prepared, live)) {
        objects.set(objectId(prepared), live!);
        continue;
      }
      const result = await this.o.client.apply(type, prepared, {
        fieldManager: this.o.fieldManager,
        force: true,
      });
      writes++;
      objects.set(objectId(prepared), result);
    }
    return { writes, objects };
  }

  /**
   * Deletes objects of `types` that `owner` controls but `desired` no longer contains. Only
   * objects carrying the managed-by label are candidates, so nothing the operator did not
   * create is ever pruned.
   */
  async prune(
    owner: KubeObject,
    desired: readonly KubeObject[],
    types: readonly ResourceType[],
  ): Promise<number> {
    const keep = new Set(desired.map((o) => objectId(o)));
    const uid = owner.metadata.uid;
    let deleted = 0;
    for (const type of types) {
      for (const obj of this.o.live.list(type, owner.metadata.namespace)) {
        if (obj.metadata.deletionTimestamp) continue;
        if (obj.metadata.labels?.[MANAGED_BY_LABEL] !== MANAGED_BY_VALUE) continue;
        if (!obj.metadata.ownerReferences?.some((r) => r.uid === uid && r.controller)) continue;
        if (keep.has(`${type.kind}/${obj.metadata.name}`)) continue;
        try {
          await this.o.client.delete(type, obj.metadata.namespace, obj.metadata.name!, {
            uid: obj.metadata.uid!,
            propagationPolicy: 'Background',
          });
          deleted++;
          this.o.log.info('pruned object no longer rendered', {
            namespace: obj.metadata.namespace,
            object: `${type.kind}/${obj.metadata.name}`,
          });
        } catch (err) {
          if (!isNotFound(err)) throw err;
        }
      }
    }
    return deleted;
  }
}
