/**
 * A level-triggered work queue keyed by object, in the manner of client-go's workqueue:
 *  - a key added while already queued is not queued twice;
 *  - a key is processed by at most one worker at a time; added while processing, it is queued
 *    again once that run ends;
 *  - N workers drain the queue concurrently;
 *  - a failed key is retried after an exponential, capped backoff; success resets it;
 *  - a handler may ask to run again after a delay (`requeueAfter`).
 */
import type { Counter, Gauge, Histogram } from '../observe/metrics.ts';
import type { Clock, Timer } from '../util/clock.ts';

export interface ProcessResult {
  /** Run this key again after this many milliseconds. */
  requeueAfter?: number;
}

export type ProcessFn = (key: string) => Promise<ProcessResult | undefined>;

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 100, maxMs: 5 * 60_000 };

/** Delay before the `failures`-th retry: base·2^(failures-1), capped. */
export function backoffDelay(failures: number, opts: BackoffOptions): number {
  const exp = Math.min(30, Math.max(0, failures - 1));
  return Math.min(opts.maxMs, opts.baseMs * 2 ** exp);
}

export interface WorkQueueMetrics {
  depth: Gauge;
  adds: Counter;
  latency: Histogram;
  retries: Counter;
}

export interface WorkQueueOptions {
  name: string;
  clock: Clock;
  workers: number;
  process: ProcessFn;
  /** Called when `process` throws, before the retry is scheduled. */
  onError?: (key: string, err: unknown, failures: number) => void;
  backoff?: BackoffOptions;
  metrics?: WorkQueueMetrics;
}

export class WorkQueue {
  private readonly opts: WorkQueueOptions;
  private readonly backoff: BackoffOptions;
  /** Keys waiting for a worker, in order, with the time they were first added. */
  private readonly queue: string[] = [];
  private readonly queued = new Map<string, number>();
  private readonly processing = new Set<string>();
  /** Keys added again while being processed. */
  private readonly dirty = new Set<string>();
  private readonly delayed = new Map<string, { at: number; timer: Timer }>();
  private readonly failures = new Map<string, number>();
  private active = 0;
  private running = false;
  private idleWaiters: (() => void)[] = [];

  constructor(opts: WorkQueueOptions) {
    this.opts = opts;
    this.backoff = opts.backoff ?? DEFAULT_BACKOFF;
    this.updateDepth();
  }

  start(): void {
    this.running = true;
    this.pump();
  }

  /** Stops handing out work; runs in progress finish. Pending delays are cancelled. */
  shutdown(): void {
    this.running = false;
    for (const d of this.delayed.values()) d.timer.cancel();
    this.delayed.clear();
  }

  get length(): number {
    return this.queue.length;
  }

  /** Whether anything is queued or being processed. */
  get busy(): boolean {
    return this.queue.length > 0 || this.active > 0;
  }

  /** Keys waiting on a delay or a backoff. */
  get waiting(): number {
    return this.delayed.size;
  }

  add(key: string): void {
    this.opts.metrics?.adds.inc({ name: this.opts.name });
    if (this.processing.has(key)) {
      this.dirty.add(key);
      return;
    }
    if (this.queued.has(key)) return;
    this.queued.set(key, this.opts.clock.now());
    this.queue.push(key);
    this.updateDepth();
    this.pump();
  }

  /** Adds the key after `ms`; an earlier pending add of the same key wins. */
  addAfter(key: string, ms: number): void {
    if (ms <= 0) {
      this.add(key);
      return;
    }
    const at = this.opts.clock.now() + ms;
    const existing = this.delayed.get(key);
    if (existing && existing.at <= at) return;
    existing?.timer.cancel();
    const timer = this.opts.clock.setTimer(ms, () => {
      this.delayed.delete(key);
      if (this.running) this.add(key);
    });
    this.delayed.set(key, { at, timer });
  }

  /** Retries the key after its backoff delay, which doubles with each consecutive failure. */
  addRateLimited(key: string): void {
    const n = (this.failures.get(key) ?? 0) + 1;
    this.failures.set(key, n);
    this.opts.metrics?.retries.inc({ name: this.opts.name });
    this.addAfter(key, backoffDelay(n, this.backoff));
  }

  /** Forgets the key's failures (after a success). */
  forget(key: string): void {
    this.failures.delete(key);
  }

  failuresOf(key: string): number {
    return this.failures.get(key) ?? 0;
  }

  /** Resolves once nothing is queued or being processed (delayed keys may remain). */
  idle(): Promise<void> {
    if (this.queue.length === 0 && this.active === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (this.running && this.active < this.opts.workers && this.queue.length > 0) {
      const key = this.queue.shift()!;
      const addedAt = this.queued.get(key) ?? this.opts.clock.now();
      this.queued.delete(key);
      this.updateDepth();
      this.opts.metrics?.latency.observe({ name: this.opts.name }, (this.opts.clock.now() - addedAt) / 1000);
      this.processing.add(key);
      this.active++;
      void this.run(key);
    }
  }

  private async run(key: string): Promise<void> {
    try {
      const result = await this.opts.process(key);
      this.forget(key);
      if (result?.requeueAfter !== undefined) this.addAfter(key, result.requeueAfter);
    } catch (err) {
      const n = (this.failures.get(key) ?? 0) + 1;
      this.opts.onError?.(key, err, n);
      this.addRateLimited(key);
    } finally {
      this.processing.delete(key);
      this.active--;
      if (this.dirty.delete(key)) this.add(key);
      this.pump();
      if (this.queue.length === 0 && this.active === 0) {
        const waiters = this.idleWaiters;
        this.idleWaiters = [];
        for (const w of waiters) w();
      }
    }
  }

  private updateDepth(): void {
    this.opts.metrics?.depth.set({ name: this.opts.name }, this.queue.length);
  }
}
