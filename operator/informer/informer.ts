/**
 * An informer: a local cache of one resource kind, kept current by list + watch, that never
 * gives up. It relists on 410 Gone, resumes the watch from the last seen resourceVersion after a
 * normal close, restarts with capped exponential backoff after any failure, asks for bookmarks
 * (so quiet resources still advance the resourceVersion), restarts a watch that has been silent
 * longer than the watchdog allows (half-open connections), relists periodically as a safety
 * net, and hands every cached object to resync listeners on a timer.
 *
 * With several namespaces (WATCH_NAMESPACE=a,b) it runs one list/watch per namespace into a
 * single cache.
 */
import { isGone } from '../kube/errors.ts';
import type { KubeClient, KubeObject, ResourceType, WatchEvent, WatchHandle } from '../kube/types.ts';
import type { Logger } from '../observe/logger.ts';
import type { Counter } from '../observe/metrics.ts';
import { backoffDelay } from '../queue/work-queue.ts';
import type { Clock, Timer } from '../util/clock.ts';

export type ChangeType = 'add' | 'update' | 'delete';

export interface Change {
  type: ChangeType;
  object: KubeObject;
  /** The cached object before an update. */
  old?: KubeObject;
}

export type ChangeListener = (change: Change) => void;

export interface InformerOptions {
  client: KubeClient;
  type: ResourceType;
  /** Namespaces to watch; undefined or empty = all namespaces. */
  namespaces?: string[] | undefined;
  labelSelector?: string | undefined;
  clock: Clock;
  log: Logger;
  restarts?: Counter;
  /** Hand every cached object to resync listeners this often (default 10 min; 0 = never). */
  resyncMs?: number;
  /** Relist from scratch this often even if the watch looks healthy (default 30 min; 0 = never). */
  relistMs?: number;
  /** Restart a watch that delivered nothing, not even a bookmark, for this long (default 3 min). */
  watchdogMs?: number;
  /** Server-side watch timeout (default 5 min, jittered up to 2×). */
  watchTimeoutSeconds?: number;
  backoff?: { baseMs: number; maxMs: number };
  /** Random source for jitter (tests pass a fixed one). */
  random?: () => number;
  /**
   * Reduces each object before it is cached (e.g. Secrets keep a hash of their data, not the
   * values; Pods keep metadata and status). Must be deterministic.
   */
  transform?: (obj: KubeObject) => KubeObject;
}

function keyOf(obj: KubeObject): string {
  return `${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;
}

/** One list/watch loop for one namespace (or all). */
class ListWatch {
  private rv = '';
  private handle: WatchHandle | undefined;
  private timers: Timer[] = [];
  private watchdog: Timer | undefined;
  private failures = 0;
  /** Consecutive 410s: the first relist is immediate, repeats back off. */
  private gone = 0;
  private stopped = false;
  private generation = 0;
  synced = false;
  private readonly owner: Informer;
  private readonly namespace: string | undefined;

  constructor(owner: Informer, namespace: string | undefined) {
    this.owner = owner;
    this.namespace = namespace;
  }

  start(): void {
    this.stopped = false;
    void this.relist();
  }

  stop(): void {
    this.stopped = true;
    this.generation++;
    this.handle?.stop();
    this.handle = undefined;
    this.watchdog?.cancel();
    for (const t of this.timers) t.cancel();
    this.timers = [];
  }

  /** Forces a fresh list (periodic relist, or tests). */
  relistNow(): void {
    if (this.stopped) return;
    this.generation++;
    this.handle?.stop();
    this.handle = undefined;
    void this.relist();
  }

  private later(ms: number, fn: () => void): void {
    const t = this.owner.clock.setTimer(ms, () => {
      this.timers = this.timers.filter((x) => x !== t);
      if (!this.stopped) fn();
    });
    this.timers.push(t);
  }

  private async relist(): Promise<void> {
    const gen = ++this.generation;
    const { opts } = this.owner;
    try {
      const list = await opts.client.list(opts.type, {
        ...(this.namespace !== undefined ? { namespace: this.namespace } : {}),
        ...(opts.labelSelector ? { labelSelector: opts.labelSelector } : {}),
      });
      if (this.stopped || gen !== this.generation) return;
      this.owner.replace(this.namespace, list.items);
      this.rv = list.resourceVersion;
      this.failures = 0;
      this.synced = true;
      this.owner.markSynced();
      this.watch();
    } catch (err) {
      if (this.stopped || gen !== this.generation) return;
      this.failures++;
      const delay = backoffDelay(this.failures, this.owner.backoff);
      opts.log.warn('list failed; retrying', {
        resource: opts.type.plural,
        namespace: this.namespace,
        error: err,
        retryInMs: delay,
      });
      this.later(delay, () => void this.relist());
    }
  }

  private watch(): void {
    const { opts } = this.owner;
    const gen = ++this.generation;
    const timeout = Math.round(this.owner.watchTimeoutSeconds * (1 + this.owner.random()));
    this.armWatchdog(gen);
    this.handle = opts.client.watch(
      opts.type,
      {
        resourceVersion: this.rv,
        allowBookmarks: true,
        timeoutSeconds: timeout,
        ...(this.namespace !== undefined ? { namespace: this.namespace } : {}),
        ...(opts.labelSelector ? { labelSelector: opts.labelSelector } : {}),
      },
      {
        event: (ev) => {
          if (gen !== this.generation) return;
          this.armWatchdog(gen);
          this.failures = 0;
          this.gone = 0;
          this.onEvent(ev);
        },
        done: (err) => {
          if (gen !== this.generation || this.stopped) return;
          this.watchdog?.cancel();
          this.handle = undefined;
          this.onDone(err);
        },
      },
    );
  }

  private onEvent(ev: WatchEvent): void {
    const rv = ev.object.metadata.resourceVersion;
    if (rv) this.rv = rv;
    if (ev.type === 'BOOKMARK') return;
    if (ev.type === 'DELETED') this.owner.remove(ev.object);
    else this.owner.upsert(ev.object);
  }

  private onDone(err: unknown): void {
    const { opts } = this.owner;
    const resource = opts.type.plural;
    if (err === undefined || isTimeout(err)) {
      // The server (or client-node's inactivity timer) closed a healthy watch: resume at once.
      opts.restarts?.inc({ resource, cause: 'closed' });
      this.watch();
      return;
    }
    if (isGone(err)) {
      opts.restarts?.inc({ resource, cause: 'gone' });
      opts.log.info('watch resourceVersion expired; relisting', { resource, namespace: this.namespace });
      this.gone++;
      // The first relist is immediate; repeated 410s back off.
      this.later(
        this.gone > 1 ? backoffDelay(this.gone - 1, this.owner.backoff) : 0,
        () => void this.relist(),
      );
      return;
    }
    opts.restarts?.inc({ resource, cause: 'error' });
    this.failures++;
    const delay = backoffDelay(this.failures, this.owner.backoff);
    opts.log.warn('watch failed; restarting', {
      resource,
      namespace: this.namespace,
      error: err,
      retryInMs: delay,
    });
    this.later(delay, () => this.watch());
  }

  private armWatchdog(gen: number): void {
    this.watchdog?.cancel();
    this.watchdog = this.owner.clock.setTimer(this.owner.watchdogMs, () => {
      if (gen !== this.generation || this.stopped) return;
      this.owner.opts.restarts?.inc({ resource: this.owner.opts.type.plural, cause: 'watchdog' });
      this.owner.opts.log.warn('watch silent for too long; restarting', {
        resource: this.owner.opts.type.plural,
        namespace: this.namespace,
      });
      this.generation++;
      this.handle?.stop();
      this.handle = undefined;
      this.watch();
    });
  }
}

function isTimeout(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { name?: unknown }).name === 'TimeoutError';
}

export class Informer {
  readonly opts: InformerOptions;
  readonly clock: Clock;
  readonly backoff: { baseMs: number; maxMs: number };
  readonly watchdogMs: number;
  readonly watchTimeoutSeconds: number;
  readonly random: () => number;
  private readonly cache = new Map<string, Map<string, KubeObject>>();
  private readonly listeners: ChangeListener[] = [];
  private readonly resyncListeners: ((obj: KubeObject) => void)[] = [];
  private readonly loops: ListWatch[];
  private syncWaiters: (() => void)[] = [];
  private timers: Timer[] = [];
  private running = false;

  constructor(opts: InformerOptions) {
    this.opts = opts;
    this.clock = opts.clock;
    this.backoff = opts.backoff ?? { baseMs: 250, maxMs: 30_000 };
    this.watchdogMs = opts.watchdogMs ?? 3 * 60_000;
    this.watchTimeoutSeconds = opts.watchTimeoutSeconds ?? 300;
    this.random = opts.random ?? Math.random;
    const namespaces = opts.namespaces && opts.namespaces.length > 0 ? opts.namespaces : [undefined];
    this.loops = namespaces.map((ns) => new ListWatch(this, opts.type.namespaced ? ns : undefined));
  }

  get type(): ResourceType {
    return this.opts.type;
  }

  onChange(listener: ChangeListener): void {
    this.listeners.push(listener);
  }

  onResync(listener: (obj: KubeObject) => void): void {
    this.resyncListeners.push(listener);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    for (const l of this.loops) l.start();
    this.schedule(this.opts.resyncMs ?? 10 * 60_000, () => this.resync());
    this.schedule(this.opts.relistMs ?? 30 * 60_000, () => {
      for (const l of this.loops) l.relistNow();
    });
  }

  stop(): void {
    this.running = false;
    for (const l of this.loops) l.stop();
    for (const t of this.timers) t.cancel();
    this.timers = [];
  }

  get hasSynced(): boolean {
    return this.loops.every((l) => l.synced);
  }

  /** Resolves once every namespace has been listed at least once. */
  synced(): Promise<void> {
    if (this.hasSynced) return Promise.resolve();
    return new Promise((resolve) => this.syncWaiters.push(resolve));
  }

  get(namespace: string | undefined, name: string): KubeObject | undefined {
    return this.cache.get(namespace ?? '')?.get(name);
  }

  list(namespace?: string): KubeObject[] {
    if (namespace !== undefined) return [...(this.cache.get(namespace)?.values() ?? [])];
    const out: KubeObject[] = [];
    for (const m of this.cache.values()) out.push(...m.values());
    return out;
  }

  get size(): number {
    let n = 0;
    for (const m of this.cache.values()) n += m.size;
    return n;
  }

  /** Hands every cached object to the resync listeners now. */
  resync(): void {
    for (const obj of this.list()) for (const l of this.resyncListeners) l(obj);
  }

  /** Forces every loop to list again (tests; also the periodic relist). */
  relist(): void {
    for (const l of this.loops) l.relistNow();
  }

  // -- called by the loops

  markSynced(): void {
    if (!this.hasSynced) return;
    const waiters = this.syncWaiters;
    this.syncWaiters = [];
    for (const w of waiters) w();
  }

  /** A fresh list for one namespace (or all): emits the differences against the cache. */
  replace(namespace: string | undefined, items: KubeObject[]): void {
    const seen = new Set<string>();
    for (const obj of items) {
      seen.add(keyOf(obj));
      this.upsert(obj);
    }
    for (const [ns, m] of this.cache) {
      if (namespace !== undefined && ns !== namespace) continue;
      for (const obj of [...m.values()]) if (!seen.has(keyOf(obj))) this.remove(obj);
    }
  }

  upsert(input: KubeObject): void {
    const obj = this.opts.transform ? this.opts.transform(input) : input;
    const ns = obj.metadata.namespace ?? '';
    let m = this.cache.get(ns);
    if (!m) {
      m = new Map();
      this.cache.set(ns, m);
    }
    const old = m.get(obj.metadata.name!);
    if (old && old.metadata.resourceVersion === obj.metadata.resourceVersion) return;
    m.set(obj.metadata.name!, obj);
    this.emit(old ? { type: 'update', object: obj, old } : { type: 'add', object: obj });
  }

  remove(obj: KubeObject): void {
    const ns = obj.metadata.namespace ?? '';
    const m = this.cache.get(ns);
    const old = m?.get(obj.metadata.name!);
    if (!m || !old) return;
    m.delete(obj.metadata.name!);
    if (m.size === 0) this.cache.delete(ns);
    this.emit({ type: 'delete', object: obj });
  }

  private emit(change: Change): void {
    for (const l of this.listeners) {
      try {
        l(change);
      } catch (err) {
        this.opts.log.error('informer listener failed', { resource: this.opts.type.plural, error: err });
      }
    }
  }

  private schedule(ms: number, fn: () => void): void {
    if (ms <= 0) return;
    const arm = () => {
      const t = this.clock.setTimer(ms, () => {
        this.timers = this.timers.filter((x) => x !== t);
        if (!this.running) return;
        fn();
        arm();
      });
      this.timers.push(t);
    };
    arm();
  }
}
