/**
 * A controller: a work queue of primary-object keys fed by informer events — the primary kind
 * itself, children it owns (mapped back through their controller owner reference), and any
 * other kind it watches through a mapping function — and drained by a reconciler. Reconcile
 * failures are retried with backoff; every run is timed, counted and logged with the object's
 * kind, namespace and name.
 */
import { isConflict } from '../kube/errors.ts';
import type { KubeObject, ResourceType } from '../kube/types.ts';
import type { Logger } from '../observe/logger.ts';
import type { OperatorMetrics } from '../observe/metrics.ts';
import { WorkQueue } from '../queue/work-queue.ts';
import type { Clock } from '../util/clock.ts';
import type { InformerSet, InformerSpec } from './cache.ts';

export interface ReconcileRequest {
  namespace: string;
  name: string;
}

export interface ReconcileResult {
  /** Reconcile this object again after this many milliseconds. */
  requeueAfter?: number;
}

export interface Reconciler {
  reconcile(req: ReconcileRequest): Promise<ReconcileResult | undefined>;
}

export interface WatchSpec {
  type: ResourceType;
  informer?: InformerSpec;
  /** Which primary objects to reconcile when an object of this kind changes. */
  map: (obj: KubeObject) => ReconcileRequest[];
  /** Skip updates that do not matter (default: every change counts). */
  filter?: (oldObj: KubeObject | undefined, obj: KubeObject) => boolean;
}

export interface ControllerSpec {
  /** Controller name for metrics and logs, e.g. `mcpserver`. */
  name: string;
  primary: ResourceType;
  /** Child kinds; their controller owner reference maps them to the primary object. */
  owns?: { type: ResourceType; informer?: InformerSpec }[];
  watches?: WatchSpec[];
  reconciler: Reconciler;
  workers?: number;
}

export interface ControllerDeps {
  informers: InformerSet;
  clock: Clock;
  log: Logger;
  metrics?: OperatorMetrics;
  backoff?: { baseMs: number; maxMs: number };
}

export function requestKey(req: ReconcileRequest): string {
  return `${req.namespace}/${req.name}`;
}

function parseKey(key: string): ReconcileRequest {
  const i = key.indexOf('/');
  return { namespace: key.slice(0, i), name: key.slice(i + 1) };
}

export class Controller {
  readonly spec: ControllerSpec;
  readonly queue: WorkQueue;
  private readonly deps: ControllerDeps;
  private readonly log: Logger;

  constructor(spec: ControllerSpec, deps: ControllerDeps) {
    this.spec = spec;
    this.deps = deps;
    this.log = deps.log.child({ controller: spec.name, kind: spec.primary.kind });
    const m = deps.metrics;
    this.queue = new WorkQueue({
      name: spec.name,
      clock: deps.clock,
      workers: spec.workers ?? 4,
      process: (key) => this.run(key),
      ...(deps.backoff ? { backoff: deps.backoff } : {}),
      ...(m
        ? {
            metrics: {
              depth: m.queueDepth,
              adds: m.queueAdds,
              latency: m.queueLatency,
              retries: m.queueRetries,
            },
          }
        : {}),
      onError: (key, err, failures) => {
        const req = parseKey(key);
        // A write conflict only means the cache was behind: retried after re-reading it.
        if (isConflict(err)) this.log.debug('write conflict; retrying', { ...req, failures });
        else this.log.error('reconcile failed; retrying with backoff', { ...req, error: err, failures });
      },
    });
    this.wire();
  }

  start(): void {
    this.queue.start();
  }

  stop(): void {
    this.queue.shutdown();
  }

  enqueue(req: ReconcileRequest): void {
    this.queue.add(requestKey(req));
  }

  private wire(): void {
    const { informers } = this.deps;
    const primary = informers.informer(this.spec.primary);
    primary.onChange((c) => this.enqueueObject(c.object));
    primary.onResync((obj) => this.enqueueObject(obj));
    for (const owned of this.spec.owns ?? []) {
      informers.informer(owned.type, owned.informer).onChange((c) => {
        for (const ref of c.object.metadata.ownerReferences ?? []) {
          if (
            ref.controller &&
            ref.kind === this.spec.primary.kind &&
            ref.apiVersion.startsWith(`${this.spec.primary.group}/`)
          ) {
            this.enqueue({ namespace: c.object.metadata.namespace ?? '', name: ref.name });
          }
        }
      });
    }
    for (const w of this.spec.watches ?? []) {
      informers.informer(w.type, w.informer).onChange((c) => {
        if (w.filter && c.type === 'update' && !w.filter(c.old, c.object)) return;
        for (const req of w.map(c.object)) this.enqueue(req);
        // A change can also drop a reference the old object had.
        if (c.old) for (const req of w.map(c.old)) this.enqueue(req);
      });
    }
  }

  private enqueueObject(obj: KubeObject): void {
    this.enqueue({ namespace: obj.metadata.namespace ?? '', name: obj.metadata.name! });
  }

  private async run(key: string): Promise<{ requeueAfter?: number } | undefined> {
    const req = parseKey(key);
    const started = this.deps.clock.now();
    const m = this.deps.metrics;
    try {
      const result = await this.spec.reconciler.reconcile(req);
      this.log.debug('reconciled', {
        ...req,
        durationMs: this.deps.clock.now() - started,
        ...(result?.requeueAfter !== undefined ? { requeueAfterMs: result.requeueAfter } : {}),
      });
      m?.reconcileTotal.inc({
        controller: this.spec.name,
        result: result?.requeueAfter ? 'requeue_after' : 'success',
      });
      return result?.requeueAfter !== undefined ? { requeueAfter: result.requeueAfter } : undefined;
    } catch (err) {
      m?.reconcileTotal.inc({ controller: this.spec.name, result: 'error' });
      m?.reconcileErrors.inc({ controller: this.spec.name });
      throw err;
    } finally {
      m?.reconcileDuration.observe({ controller: this.spec.name }, (this.deps.clock.now() - started) / 1000);
    }
  }
}
