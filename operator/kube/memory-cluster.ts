/**
 * An in-memory Kubernetes API with the semantics the operator relies on: resourceVersion on
 * every write and 409 on stale ones, generation bumped by spec changes only, the status
 * subresource, finalizers and deletionTimestamp, owner-reference garbage collection,
 * server-side apply with field managers, label selectors, and watches with bookmarks and 410
 * once a resourceVersion has been compacted. Reconciler tests, the benchmark and the fake HTTP
 * API server all run on it; `client()` gives the KubeClient view.
 */
import { randomUUID } from 'node:crypto';
import { type Clock, systemClock } from '../util/clock.ts';
import { clone, deepEqual, isPlainObject, type JsonObject } from '../util/json.ts';
import { KubeApiError } from './errors.ts';
import { parseLabelSelector } from './label-selector.ts';
import { applyDefaults } from './memory/defaults.ts';
import { ApplyConflictError, applyFields, type Managers, updateFields } from './memory/fields.ts';
import { WatchHub } from './memory/watch-hub.ts';
import { MemoryKubeClient } from './memory-client.ts';
import { ResourceRegistry } from './resources.ts';
import type {
  KubeClient,
  KubeObject,
  ListOptions,
  ObjectList,
  ResourceType,
  WatchHandle,
  WatchOptions,
  WatchSink,
} from './types.ts';
import { apiVersionOf } from './types.ts';

export type Verb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'apply' | 'delete';

export interface RequestInfo {
  verb: Verb;
  resource: ResourceType;
  namespace?: string | undefined;
  name?: string | undefined;
  subresource?: 'status' | undefined;
}

/** Returns an error to fail the request with, or undefined to let it through. */
export type FaultInjector = (req: RequestInfo) => Error | undefined;

export interface MemoryClusterOptions {
  clock?: Clock;
  resources?: ResourceRegistry;
  /** How many changes a watch can resume across before it gets 410 (default 20,000). */
  historyLimit?: number;
  bookmarkIntervalMs?: number;
  /** Reject namespaced writes into a namespace that does not exist, as a real server does. */
  requireNamespaces?: boolean;
}

interface Stored {
  obj: KubeObject;
  managers: Managers;
}

/** Kinds whose metadata.generation the server maintains. */
const NO_GENERATION = new Set(['Pod', 'Service', 'Namespace', 'PersistentVolumeClaim', 'Event']);

const DEFAULT_MANAGER = 'unknown';

function resourceKey(t: ResourceType): string {
  return `${t.group}/${t.plural}`;
}

function objectKey(ns: string | undefined, name: string): string {
  return `${ns ?? ''}/${name}`;
}

function qualifiedResource(t: ResourceType): string {
  return t.group === '' ? t.plural : `${t.plural}.${t.group}`;
}

function notFound(t: ResourceType, name: string): KubeApiError {
  return new KubeApiError(404, 'NotFound', `${qualifiedResource(t)} "${name}" not found`);
}

function conflict(t: ResourceType, name: string): KubeApiError {
  return new KubeApiError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedResource(t)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
  );
}

function invalid(t: ResourceType, name: string, detail: string): KubeApiError {
  return new KubeApiError(422, 'Invalid', `${t.kind} "${name}" is invalid: ${detail}`);
}

/** The part of an object whose change bumps generation: everything but metadata and status. */
function specPart(obj: KubeObject): JsonObject {
  const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest } = obj;
  return rest;
}

export class MemoryCluster {
  readonly resources: ResourceRegistry;
  readonly clock: Clock;
  /** Test hook: consulted before every request made through `client()` or the fake API server. */
  faults: FaultInjector | undefined;

  // Starts above 0: "0" in a watch or list means "any version", never a real one.
  private rv = 1;
  private clusterIps = 0;
  private readonly stores = new Map<string, Map<string, Stored>>();
  private readonly byUid = new Map<string, { type: ResourceType; key: string }>();
  private readonly dependents = new Map<string, Set<string>>();
  /** Served versions per `group/kind`, for discovery (CRDs may serve several). */
  private readonly served = new Map<string, string[]>();
  private readonly hub: WatchHub;
  private readonly requireNamespaces: boolean;

  constructor(opts: MemoryClusterOptions = {}) {
    this.clock = opts.clock ?? systemClock;
    this.resources = opts.resources ?? ResourceRegistry.standard();
    this.requireNamespaces = opts.requireNamespaces ?? false;
    this.hub = new WatchHub(this.clock, {
      historyLimit: opts.historyLimit ?? 20_000,
      bookmarkIntervalMs: opts.bookmarkIntervalMs ?? 60_000,
      currentRv: () => this.rv,
    });
  }

  /** A KubeClient backed by this cluster. */
  client(): KubeClient {
    return new MemoryKubeClient(this);
  }

  // ---------------------------------------------------------------- introspection and faults

  get resourceVersion(): string {
    return String(this.rv);
  }

  /** Versions served for a kind (discovery). */
  servedVersions(type: ResourceType): string[] {
    return this.served.get(`${type.group}/${type.kind}`) ?? [type.version];
  }

  /** Forgets watch history: watches resumed from any earlier resourceVersion get 410 Gone. */
  compactHistory(): void {
    this.hub.compact();
  }

  /** Ends every open watch with an error, like a dropped connection. */
  dropWatches(err?: unknown): void {
    this.hub.dropAll(err);
  }

  get openWatches(): number {
    return this.hub.openWatches;
  }

  /** Every stored object of a resource (copies), for assertions. */
  dump(type: ResourceType, namespace?: string): KubeObject[] {
    const store = this.stores.get(resourceKey(type));
    if (!store) return [];
    return [...store.values()]
      .filter((s) => namespace === undefined || s.obj.metadata.namespace === namespace)
      .map((s) => this.present(type, s.obj));
  }

  /** Field managers of an object: manager → owned field paths (dot notation). */
  managersOf(type: ResourceType, namespace: string | undefined, name: string): Record<string, string[]> {
    const s = this.stores.get(resourceKey(type))?.get(objectKey(namespace, name));
    const out: Record<string, string[]> = {};
    for (const [m, set] of s?.managers ?? [])
      out[m] = [...set].map((p) => p.split('\u001f').join('.')).sort();
    return out;
  }

  checkFault(req: RequestInfo): void {
    const err = this.faults?.(req);
    if (err) throw err;
  }

  // ---------------------------------------------------------------- reads

  get(type: ResourceType, namespace: string | undefined, name: string): KubeObject {
    const s = this.stored(type, namespace, name);
    if (!s) throw notFound(type, name);
    return this.present(type, s.obj);
  }

  list(type: ResourceType, opts: ListOptions = {}): ObjectList {
    const match = parseLabelSelector(opts.labelSelector);
    const store = this.stores.get(resourceKey(type));
    const items: KubeObject[] = [];
    for (const s of store?.values() ?? []) {
      if (opts.namespace !== undefined && s.obj.metadata.namespace !== opts.namespace) continue;
      if (!match(s.obj.metadata.labels)) continue;
      items.push(this.present(type, s.obj));
    }
    items.sort((a, b) =>
      objectKey(a.metadata.namespace, a.metadata.name!).localeCompare(
        objectKey(b.metadata.namespace, b.metadata.name!),
      ),
    );
    return { items, resourceVersion: String(this.rv) };
  }

  watch(type: ResourceType, opts: WatchOptions, sink: WatchSink): WatchHandle {
    const fromRv =
      opts.resourceVersion === '' || opts.resourceVersion === '0' ? -1 : Number(opts.resourceVersion);
    if (!Number.isFinite(fromRv)) {
      throw new KubeApiError(400, 'BadRequest', `invalid resourceVersion "${opts.resourceVersion}"`);
    }
    const handle = this.hub.watch(
      {
        resource: resourceKey(type),
        namespace: opts.namespace,
        match: parseLabelSelector(opts.labelSelector),
        fromRv: fromRv < 0 ? this.rv : fromRv,
        bookmarks: opts.allowBookmarks ?? false,
        ...(opts.timeoutSeconds !== undefined ? { timeoutMs: opts.timeoutSeconds * 1000 } : {}),
        present: (obj) => this.present(type, obj),
      },
      sink,
    );
    // resourceVersion "0"/"": the server starts with synthetic ADDED events for current state.
    if (fromRv < 0) {
      for (const item of this.list(type, opts).items) sink.event({ type: 'ADDED', object: item });
    }
    return handle;
  }

  // ---------------------------------------------------------------- writes

  create(type: ResourceType, input: KubeObject, manager = DEFAULT_MANAGER): KubeObject {
    const name = input.metadata?.name;
    if (!name) throw invalid(type, '', 'metadata.name: Required value: name is required');
    const namespace = this.namespaceOf(type, input);
    if (this.stored(type, namespace, name)) {
      throw new KubeApiError(409, 'AlreadyExists', `${qualifiedResource(type)} "${name}" already exists`);
    }
    this.checkNamespace(type, namespace);
    const obj = this.normalize(type, clone(input), namespace);
    const meta = obj.metadata;
    delete meta.resourceVersion;
    delete meta.deletionTimestamp;
    meta.uid = randomUUID();
    meta.creationTimestamp = new Date(this.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
    if (this.hasGeneration(type)) meta.generation = 1;
    else delete meta.generation;
    if (type.statusSubresource) {
      // Status is not writable on create; a new pod starts Pending, as the API server records it.
      delete obj.status;
      if (type.kind === 'Pod') obj.status = { phase: 'Pending' };
    }
    applyDefaults(type.kind, obj, this);
    const managers = updateFields(undefined, obj, new Map(), manager, { skipStatus: type.statusSubresource });
    const result = this.commit(type, namespace, name, undefined, obj, managers);
    this.onCreated(type, result);
    return this.present(type, result);
  }

  /** PUT of the object (or its status), optimistic on metadata.resourceVersion. */
  update(
    type: ResourceType,
    input: KubeObject,
    manager = DEFAULT_MANAGER,
    subresource?: 'status',
  ): KubeObject {
    const name = input.metadata?.name ?? '';
    const namespace = this.namespaceOf(type, input);
    const s = this.stored(type, namespace, name);
    if (!s) throw notFound(type, name);
    const given = input.metadata?.resourceVersion;
    if (given === undefined || given === '') {
      throw invalid(
        type,
        name,
        'metadata.resourceVersion: Invalid value: 0: must be specified for an update',
      );
    }
    if (given !== s.obj.metadata.resourceVersion) throw conflict(type, name);
    return this.write(type, s, this.normalize(type, clone(input), namespace), manager, subresource);
  }

  /** RFC 7386 merge patch; a `metadata.resourceVersion` in the patch makes it conditional. */
  mergePatch(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    patch: JsonObject,
    manager = DEFAULT_MANAGER,
    subresource?: 'status',
  ): KubeObject {
    const ns = type.namespaced ? namespace : undefined;
    const s = this.stored(type, ns, name);
    if (!s) throw notFound(type, name);
    const meta = isPlainObject(patch.metadata) ? patch.metadata : undefined;
    const rv = meta?.resourceVersion;
    if (typeof rv === 'string' && rv !== s.obj.metadata.resourceVersion) throw conflict(type, name);
    const merged = mergePatchJson(clone(s.obj), patch) as KubeObject;
    merged.metadata.resourceVersion = s.obj.metadata.resourceVersion;
    return this.write(type, s, this.normalize(type, merged, ns), manager, subresource);
  }

  /** Server-side apply. Creates the object when missing. */
  apply(
    type: ResourceType,
    input: KubeObject,
    manager: string,
    force: boolean,
    subresource?: 'status',
  ): KubeObject {
    if (!manager) throw new KubeApiError(400, 'BadRequest', 'fieldManager is required for apply requests');
    const name = input.metadata?.name;
    if (!name) throw invalid(type, '', 'metadata.name: Required value: name is required');
    const namespace = this.namespaceOf(type, input);
    const applied = this.normalize(type, clone(input), namespace);
    const givenRv = applied.metadata.resourceVersion;
    delete applied.metadata.resourceVersion;
    const s = this.stored(type, namespace, name);
    if (givenRv !== undefined && givenRv !== s?.obj.metadata.resourceVersion) throw conflict(type, name);
    if (!s) {
      if (subresource === 'status') throw notFound(type, name);
      this.checkNamespace(type, namespace);
      const created = this.create(type, applied, manager);
      // The creating apply owns exactly what it applied (not server-set defaults).
      const stored = this.stored(type, namespace, name)!;
      stored.managers = applyFields({}, new Map(), applied, manager, {
        force: true,
        skipStatus: type.statusSubresource,
      }).managers;
      return created;
    }
    const statusOnly = subresource === 'status';
    let merged: { result: JsonObject; managers: Managers };
    try {
      merged = applyFields(
        statusOnly ? { status: s.obj.status ?? {} } : (s.obj as JsonObject),
        s.managers,
        statusOnly ? { status: applied.status ?? {} } : (applied as JsonObject),
        manager,
        { force, skipStatus: type.statusSubresource && !statusOnly },
      );
    } catch (err) {
      if (err instanceof ApplyConflictError) throw new KubeApiError(409, 'Conflict', err.message);
      throw err;
    }
    const next = statusOnly
      ? ({ ...clone(s.obj), status: merged.result.status } as KubeObject)
      : (merged.result as KubeObject);
    return this.write(type, s, next, manager, subresource, merged.managers);
  }

  delete(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    opts: { uid?: string; propagationPolicy?: string } = {},
  ): KubeObject {
    const ns = type.namespaced ? namespace : undefined;
    const s = this.stored(type, ns, name);
    if (!s) throw notFound(type, name);
    if (opts.uid !== undefined && opts.uid !== s.obj.metadata.uid) {
      throw new KubeApiError(
        409,
        'Conflict',
        `Precondition failed: UID in precondition: ${opts.uid}, UID in object meta: ${s.obj.metadata.uid}`,
      );
    }
    if (type.group === '' && type.kind === 'Namespace') return this.deleteNamespace(type, name, s);
    if ((s.obj.metadata.finalizers ?? []).length > 0) {
      if (s.obj.metadata.deletionTimestamp) return this.present(type, s.obj);
      const next = clone(s.obj);
      next.metadata.deletionTimestamp = new Date(this.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
      next.metadata.deletionGracePeriodSeconds = 0;
      if (this.hasGeneration(type)) next.metadata.generation = (next.metadata.generation ?? 0) + 1;
      return this.present(type, this.commit(type, ns, name, s, next, s.managers));
    }
    const gone = this.remove(type, ns, name, s);
    this.collectGarbage(gone, opts.propagationPolicy === 'Orphan');
    return this.present(type, gone);
  }

  // ---------------------------------------------------------------- internals

  /**
   * The namespace controller: the namespace turns Terminating, everything in it is deleted
   * (objects with finalizers wait for them), and the namespace goes once it is empty.
   */
  private deleteNamespace(type: ResourceType, name: string, s: Stored): KubeObject {
    let ns = s.obj;
    if (!ns.metadata.deletionTimestamp) {
      const next = clone(s.obj);
      next.metadata.deletionTimestamp = new Date(this.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
      next.status = { phase: 'Terminating' };
      ns = this.commit(type, undefined, name, s, next, s.managers);
    }
    for (const t of this.resources.all().filter((r) => r.namespaced)) {
      for (const obj of this.dump(t, name)) {
        try {
          this.delete(t, name, obj.metadata.name!);
        } catch {
          // gone meanwhile
        }
      }
    }
    this.finishNamespace(name);
    return this.present(type, ns);
  }

  /** Removes a terminating namespace once nothing is left in it. */
  private finishNamespace(name: string | undefined): void {
    if (name === undefined) return;
    const nsType = this.resources.find('', 'Namespace');
    const s = nsType ? this.stored(nsType, undefined, name) : undefined;
    if (!nsType || !s?.obj.metadata.deletionTimestamp) return;
    for (const t of this.resources.all()) {
      if (!t.namespaced) continue;
      for (const o of this.stores.get(resourceKey(t))?.values() ?? [])
        if (o.obj.metadata.namespace === name) return;
    }
    this.remove(nsType, undefined, name, s);
  }

  /** Shared by update, merge patch and apply: subresource rules, finalizer rules, generation. */
  private write(
    type: ResourceType,
    s: Stored,
    incoming: KubeObject,
    manager: string,
    subresource: 'status' | undefined,
    appliedManagers?: Managers,
  ): KubeObject {
    const before = s.obj;
    const name = before.metadata.name!;
    const ns = before.metadata.namespace;
    let next: KubeObject;
    if (subresource === 'status') {
      // Status writes change status only.
      next = { ...clone(before), status: incoming.status };
      if (next.status === undefined) delete next.status;
    } else {
      next = incoming;
      const meta = next.metadata;
      // Fields the server owns cannot be changed by a client.
      meta.uid = before.metadata.uid;
      meta.creationTimestamp = before.metadata.creationTimestamp;
      meta.generation = before.metadata.generation;
      meta.resourceVersion = before.metadata.resourceVersion;
      if (before.metadata.deletionTimestamp) {
        meta.deletionTimestamp = before.metadata.deletionTimestamp;
        meta.deletionGracePeriodSeconds = before.metadata.deletionGracePeriodSeconds;
        const had = new Set(before.metadata.finalizers ?? []);
        const added = (meta.finalizers ?? []).filter((f) => !had.has(f));
        if (added.length > 0) {
          throw invalid(
            type,
            name,
            `metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers ${JSON.stringify(added)}`,
          );
        }
      } else {
        delete meta.deletionTimestamp;
        delete meta.deletionGracePeriodSeconds;
      }
      if (type.statusSubresource) {
        if (before.status === undefined) delete next.status;
        else next.status = clone(before.status);
      }
      const liveSpec = before.spec as JsonObject | undefined;
      const nextSpec = next.spec as JsonObject | undefined;
      if (type.kind === 'Service' && nextSpec && nextSpec.clusterIP === undefined && liveSpec?.clusterIP) {
        // clusterIP is immutable: a write that leaves it out keeps the allocated address.
        nextSpec.clusterIP = liveSpec.clusterIP;
        nextSpec.clusterIPs = liveSpec.clusterIPs;
      }
      applyDefaults(type.kind, next, this);
      if (this.hasGeneration(type) && !deepEqual(specPart(before), specPart(next))) {
        next.metadata.generation = (before.metadata.generation ?? 0) + 1;
      }
    }
    if (next.metadata.finalizers?.length === 0) delete next.metadata.finalizers;
    const managers =
      appliedManagers ??
      updateFields(before, next, s.managers, manager, {
        skipStatus: type.statusSubresource && subresource !== 'status',
      });
    if (deepEqual(before, next)) {
      // A no-op write: nothing changes, not even resourceVersion (ownership may still move).
      s.managers = managers;
      return this.present(type, before);
    }
    const stored = this.commit(type, ns, name, s, next, managers);
    if (stored.metadata.deletionTimestamp && (stored.metadata.finalizers ?? []).length === 0) {
      const gone = this.remove(type, ns, name, this.stored(type, ns, name)!);
      this.collectGarbage(gone, false);
      return this.present(type, gone);
    }
    this.onCreated(type, stored);
    return this.present(type, stored);
  }

  private commit(
    type: ResourceType,
    ns: string | undefined,
    name: string,
    before: Stored | undefined,
    obj: KubeObject,
    managers: Managers,
  ): KubeObject {
    obj.metadata.resourceVersion = String(++this.rv);
    let store = this.stores.get(resourceKey(type));
    if (!store) {
      store = new Map();
      this.stores.set(resourceKey(type), store);
    }
    const key = objectKey(ns, name);
    if (type.kind === 'CustomResourceDefinition') this.registerCrd(obj);
    store.set(key, { obj, managers });
    if (before) this.unindexOwners(before.obj, type);
    this.byUid.set(obj.metadata.uid!, { type, key });
    this.indexOwners(obj, type);
    this.hub.record({
      rv: this.rv,
      resource: resourceKey(type),
      namespace: ns,
      type: before ? 'MODIFIED' : 'ADDED',
      object: obj,
      ...(before ? { previous: before.obj } : {}),
    });
    return obj;
  }

  private remove(type: ResourceType, ns: string | undefined, name: string, s: Stored): KubeObject {
    this.stores.get(resourceKey(type))!.delete(objectKey(ns, name));
    this.byUid.delete(s.obj.metadata.uid!);
    this.unindexOwners(s.obj, type);
    const gone = clone(s.obj);
    gone.metadata.resourceVersion = String(++this.rv);
    this.hub.record({
      rv: this.rv,
      resource: resourceKey(type),
      namespace: ns,
      type: 'DELETED',
      object: gone,
    });
    this.finishNamespace(ns);
    if (type.kind === 'CustomResourceDefinition') this.unregisterCrd(gone);
    return gone;
  }

  private indexOwners(obj: KubeObject, type: ResourceType): void {
    for (const ref of obj.metadata.ownerReferences ?? []) {
      let set = this.dependents.get(ref.uid);
      if (!set) {
        set = new Set();
        this.dependents.set(ref.uid, set);
      }
      set.add(`${resourceKey(type)}|${objectKey(obj.metadata.namespace, obj.metadata.name!)}`);
    }
  }

  private unindexOwners(obj: KubeObject, type: ResourceType): void {
    for (const ref of obj.metadata.ownerReferences ?? []) {
      const set = this.dependents.get(ref.uid);
      set?.delete(`${resourceKey(type)}|${objectKey(obj.metadata.namespace, obj.metadata.name!)}`);
      if (set?.size === 0) this.dependents.delete(ref.uid);
    }
  }

  /**
   * The garbage collector: dependents whose owners are all gone are deleted (respecting their
   * own finalizers); dependents that keep a live owner lose the dangling reference; with
   * `orphan`, dependents just lose the reference.
   */
  private collectGarbage(owner: KubeObject, orphan: boolean): void {
    const uid = owner.metadata.uid!;
    const deps = this.dependents.get(uid);
    if (!deps) return;
    for (const entry of [...deps]) {
      const [resKey, key] = entry.split('|') as [string, string];
      const type = this.typeForKey(resKey);
      const s = type ? this.stores.get(resKey)?.get(key) : undefined;
      if (!type || !s) continue;
      const refs = s.obj.metadata.ownerReferences ?? [];
      const remaining = refs.filter((r) => r.uid !== uid && this.byUid.has(r.uid));
      if (remaining.length === 0 && !orphan) {
        try {
          this.delete(type, s.obj.metadata.namespace, s.obj.metadata.name!, {
            propagationPolicy: 'Background',
          });
        } catch {
          // already gone
        }
      } else {
        const next = clone(s.obj);
        next.metadata.ownerReferences = refs.filter((r) => r.uid !== uid);
        if (next.metadata.ownerReferences.length === 0) delete next.metadata.ownerReferences;
        this.commit(type, s.obj.metadata.namespace, s.obj.metadata.name!, s, next, s.managers);
      }
    }
  }

  /** A dependent written with owners that no longer exist is collected straight away. */
  private onCreated(type: ResourceType, obj: KubeObject): void {
    const refs = obj.metadata.ownerReferences ?? [];
    if (refs.length === 0 || refs.some((r) => this.byUid.has(r.uid))) return;
    try {
      this.delete(type, obj.metadata.namespace, obj.metadata.name!, {});
    } catch {
      // already gone
    }
  }

  private typeForKey(resKey: string): ResourceType | undefined {
    return this.resources.all().find((t) => resourceKey(t) === resKey);
  }

  private registerCrd(crd: KubeObject): void {
    const spec = crd.spec as
      | {
          group: string;
          names: { kind: string; plural: string };
          scope: string;
          versions: {
            name: string;
            served: boolean;
            storage: boolean;
            subresources?: { status?: unknown };
          }[];
        }
      | undefined;
    if (!spec) return;
    const storage = spec.versions.find((v) => v.storage) ?? spec.versions[0];
    if (!storage) return;
    this.resources.add({
      group: spec.group,
      version: storage.name,
      kind: spec.names.kind,
      plural: spec.names.plural,
      namespaced: spec.scope === 'Namespaced',
      statusSubresource: storage.subresources?.status !== undefined,
    });
    this.served.set(
      `${spec.group}/${spec.names.kind}`,
      spec.versions.filter((v) => v.served).map((v) => v.name),
    );
    // The apiextensions controller marks the CRD established.
    const status = {
      acceptedNames: spec.names,
      storedVersions: [storage.name],
      conditions: [
        { type: 'NamesAccepted', status: 'True', reason: 'NoConflicts', message: 'no conflicts found' },
        {
          type: 'Established',
          status: 'True',
          reason: 'InitialNamesAccepted',
          message: 'the initial names have been accepted',
        },
      ],
    };
    crd.status = status;
  }

  private unregisterCrd(crd: KubeObject): void {
    const spec = crd.spec as { group: string; names: { kind: string } } | undefined;
    if (!spec) return;
    const type = this.resources.find(spec.group, spec.names.kind);
    if (!type) return;
    for (const obj of this.dump(type)) {
      const s = this.stored(type, obj.metadata.namespace, obj.metadata.name!);
      if (s) this.remove(type, obj.metadata.namespace, obj.metadata.name!, s);
    }
    this.served.delete(`${spec.group}/${spec.names.kind}`);
  }

  private stored(type: ResourceType, namespace: string | undefined, name: string): Stored | undefined {
    return this.stores.get(resourceKey(type))?.get(objectKey(type.namespaced ? namespace : undefined, name));
  }

  private namespaceOf(type: ResourceType, obj: KubeObject): string | undefined {
    if (!type.namespaced) return undefined;
    const ns = obj.metadata?.namespace;
    if (!ns) throw invalid(type, obj.metadata?.name ?? '', 'metadata.namespace: Required value');
    return ns;
  }

  private checkNamespace(type: ResourceType, namespace: string | undefined): void {
    if (namespace === undefined) return;
    const nsObj = this.stores.get('/namespaces')?.get(objectKey(undefined, namespace));
    if (nsObj?.obj.metadata.deletionTimestamp) {
      throw new KubeApiError(
        403,
        'Forbidden',
        `${qualifiedResource(type)} is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`,
      );
    }
    if (!this.requireNamespaces) return;
    if (!this.stores.get('/namespaces')?.has(objectKey(undefined, namespace))) {
      throw new KubeApiError(404, 'NotFound', `namespaces "${namespace}" not found`);
    }
  }

  private normalize(type: ResourceType, obj: KubeObject, namespace: string | undefined): KubeObject {
    obj.apiVersion = apiVersionOf(this.resources.require(type.group, type.kind));
    obj.kind = type.kind;
    obj.metadata = obj.metadata ?? {};
    if (namespace === undefined) delete obj.metadata.namespace;
    else obj.metadata.namespace = namespace;
    delete obj.metadata.managedFields;
    return obj;
  }

  /** What a client sees: a copy, at the version it asked for. */
  private present(type: ResourceType, obj: KubeObject): KubeObject {
    const out = clone(obj);
    out.apiVersion = apiVersionOf(type);
    return out;
  }

  private hasGeneration(type: ResourceType): boolean {
    return type.statusSubresource && !NO_GENERATION.has(type.kind);
  }

  /** DefaultingContext */
  allocateClusterIp(): string {
    const n = ++this.clusterIps;
    return `10.96.${(n >> 8) & 255}.${n & 255}`;
  }
}

/** RFC 7386 JSON merge patch. */
export function mergePatchJson(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return clone(patch);
  const out: JsonObject = isPlainObject(target) ? target : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatchJson(out[k], v);
  }
  return out;
}
