/**
 * Assembles an operator from a KubeClient: the shared cache, every controller, events, metrics
 * and (optionally) leader election. `main.ts` adds the process concerns (kubeconfig, HTTP
 * endpoints, signals); tests and the benchmark use this directly.
 */
import { InformerSet } from './controller/cache.ts';
import { informerSpecFor } from './controller/informer-specs.ts';
import { Manager } from './controller/manager.ts';
import { InstrumentedKubeClient } from './kube/instrumented.ts';
import type { ResourceRegistry } from './kube/resources.ts';
import type { KubeClient } from './kube/types.ts';
import { LeaseElector } from './leader/lease-elector.ts';
import { EventRecorder } from './observe/events.ts';
import type { Logger } from './observe/logger.ts';
import { OperatorMetrics } from './observe/metrics.ts';
import type { ReconcileContext } from './reconcilers/context.ts';
import { allControllers, type WorkloadOptions } from './reconcilers/index.ts';
import type { Clock } from './util/clock.ts';

export interface OperatorOptions {
  client: KubeClient;
  resources: ResourceRegistry;
  clock: Clock;
  log: Logger;
  /** Empty = all namespaces. */
  namespaces: string[];
  identity: string;
  workers?: number;
  /** Lease namespace; leader election is off when undefined. */
  leaderElectionNamespace?: string;
  workload?: WorkloadOptions;
  resyncMs?: number;
  backoff?: { baseMs: number; maxMs: number };
  /** Called when leadership is lost after being held (the process should exit). */
  onLostLeadership?: () => void;
}

export class Operator {
  readonly metrics = new OperatorMetrics();
  readonly client: KubeClient;
  readonly manager: Manager;
  readonly ctx: ReconcileContext;
  private readonly elector: LeaseElector | undefined;
  private readonly log: Logger;

  constructor(opts: OperatorOptions) {
    this.log = opts.log;
    this.client = new InstrumentedKubeClient(opts.client, this.metrics.apiRequests);
    const informers = new InformerSet({
      client: this.client,
      resources: opts.resources,
      clock: opts.clock,
      log: opts.log,
      metrics: this.metrics,
      namespaces: opts.namespaces,
      specFor: informerSpecFor,
      ...(opts.resyncMs !== undefined ? { resyncMs: opts.resyncMs } : {}),
    });
    const events = new EventRecorder({
      client: this.client,
      clock: opts.clock,
      instance: opts.identity,
      log: opts.log,
    });
    this.ctx = {
      client: this.client,
      cache: informers,
      resources: opts.resources,
      events,
      clock: opts.clock,
      log: opts.log,
    };
    this.manager = new Manager({
      informers,
      clock: opts.clock,
      log: opts.log,
      metrics: this.metrics,
      ...(opts.backoff ? { backoff: opts.backoff } : {}),
    });
    for (const spec of allControllers(this.ctx, opts.workload ?? {})) {
      this.manager.add({ ...spec, workers: spec.workers ?? opts.workers ?? 4 });
    }
    if (opts.leaderElectionNamespace !== undefined) {
      this.elector = new LeaseElector({
        client: this.client,
        clock: opts.clock,
        log: opts.log,
        namespace: opts.leaderElectionNamespace,
        identity: opts.identity,
        onStartedLeading: () => {
          this.metrics.leader.set({ name: 'toolhive-operator' }, 1);
          void this.manager.startControllers();
        },
        onStoppedLeading: () => {
          this.metrics.leader.set({ name: 'toolhive-operator' }, 0);
          this.manager.stop();
          opts.onLostLeadership?.();
        },
      });
    }
  }

  /** Starts the cache, then reconciling (at once, or when elected). */
  async start(): Promise<void> {
    this.manager.startInformers();
    if (this.elector) {
      this.log.info('waiting for leader election');
      this.elector.start();
    } else {
      await this.manager.startControllers();
    }
  }

  get ready(): boolean {
    return this.manager.ready;
  }

  async stop(): Promise<void> {
    await this.elector?.stop();
    this.manager.stop();
  }
}
