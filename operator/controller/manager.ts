/**
 * The manager: owns the shared cache and the controllers. Informers start at once on every
 * replica (a standby has a warm cache); controllers start only on the leader.
 */
import type { Logger } from '../observe/logger.ts';
import type { OperatorMetrics } from '../observe/metrics.ts';
import type { Clock } from '../util/clock.ts';
import type { InformerSet } from './cache.ts';
import { Controller, type ControllerSpec } from './controller.ts';

export interface ManagerOptions {
  informers: InformerSet;
  clock: Clock;
  log: Logger;
  metrics?: OperatorMetrics;
  backoff?: { baseMs: number; maxMs: number };
}

export class Manager {
  readonly informers: InformerSet;
  readonly controllers: Controller[] = [];
  private readonly opts: ManagerOptions;
  private leading = false;

  constructor(opts: ManagerOptions) {
    this.opts = opts;
    this.informers = opts.informers;
  }

  add(spec: ControllerSpec): Controller {
    const c = new Controller(spec, {
      informers: this.informers,
      clock: this.opts.clock,
      log: this.opts.log,
      ...(this.opts.metrics ? { metrics: this.opts.metrics } : {}),
      ...(this.opts.backoff ? { backoff: this.opts.backoff } : {}),
    });
    this.controllers.push(c);
    if (this.leading) c.start();
    return c;
  }

  startInformers(): void {
    this.informers.start();
  }

  /** Starts reconciling (after leader election, and once the cache is warm). */
  async startControllers(): Promise<void> {
    await this.informers.synced();
    this.leading = true;
    for (const c of this.controllers) c.start();
  }

  stop(): void {
    this.leading = false;
    for (const c of this.controllers) c.stop();
    this.informers.stop();
  }

  get ready(): boolean {
    return this.informers.hasSynced;
  }

  /**
   * Resolves once every queue is empty and idle, and stays so across a macrotask turn (so the
   * watch events caused by the last writes have been processed). For tests and benchmarks.
   */
  async settled(): Promise<void> {
    for (let stable = 0; stable < 3; ) {
      await Promise.all(this.controllers.map((c) => c.queue.idle()));
      await new Promise<void>((r) => setImmediate(r));
      const busy = this.controllers.some((c) => c.queue.busy);
      stable = busy ? 0 : stable + 1;
    }
  }
}
