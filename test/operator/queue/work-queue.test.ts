import { describe, expect, it } from 'vitest';
import { backoffDelay, WorkQueue } from '../../../operator/queue/work-queue.ts';
import { ManualClock } from '../../../operator/util/clock.ts';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('WorkQueue', () => {
  it('deduplicates queued keys and runs each key on one worker at a time', async () => {
    const clock = new ManualClock();
    const runs: string[] = [];
    const gates = new Map<string, ReturnType<typeof deferred>>();
    let concurrentA = 0;
    let maxConcurrentA = 0;
    const q = new WorkQueue({
      name: 't',
      clock,
      workers: 4,
      process: async (key) => {
        runs.push(key);
        if (key === 'a') {
          concurrentA++;
          maxConcurrentA = Math.max(maxConcurrentA, concurrentA);
        }
        const gate = deferred();
        gates.set(`${key}${runs.length}`, gate);
        await gate.promise;
        if (key === 'a') concurrentA--;
        return undefined;
      },
    });
    q.add('a');
    q.add('a');
    q.add('b');
    q.start();
    await Promise.resolve();
    expect(runs).toEqual(['a', 'b']);
    // Added while processing: queued again after the current run, not run concurrently.
    q.add('a');
    q.add('a');
    await Promise.resolve();
    expect(runs).toEqual(['a', 'b']);
    gates.get('a1')!.resolve();
    await new Promise((r) => setImmediate(r));
    expect(runs).toEqual(['a', 'b', 'a']);
    for (const g of gates.values()) g.resolve();
    await q.idle();
    expect(maxConcurrentA).toBe(1);
  });

  it('uses up to N workers for different keys', async () => {
    const clock = new ManualClock();
    let active = 0;
    let peak = 0;
    const gate = deferred();
    const q = new WorkQueue({
      name: 't',
      clock,
      workers: 3,
      process: async () => {
        active++;
        peak = Math.max(peak, active);
        await gate.promise;
        active--;
        return undefined;
      },
    });
    for (const k of ['a', 'b', 'c', 'd', 'e']) q.add(k);
    q.start();
    await Promise.resolve();
    expect(peak).toBe(3);
    gate.resolve();
    await q.idle();
    expect(q.length).toBe(0);
  });

  it('retries failures with capped exponential backoff and resets on success', async () => {
    const clock = new ManualClock();
    const times: number[] = [];
    let fail = 5;
    const q = new WorkQueue({
      name: 't',
      clock,
      workers: 1,
      backoff: { baseMs: 100, maxMs: 500 },
      process: async () => {
        times.push(clock.now());
        if (fail-- > 0) throw new Error('boom');
        return undefined;
      },
    });
    q.start();
    const t0 = clock.now();
    q.add('k');
    await q.idle();
    for (let i = 0; i < 12; i++) await clock.advance(100);
    expect(times.map((t) => t - t0)).toEqual([0, 100, 300, 700, 1200]);
    await clock.advance(500);
    expect(times.map((t) => t - t0)).toEqual([0, 100, 300, 700, 1200, 1700]);
    expect(q.failuresOf('k')).toBe(0);
    expect(backoffDelay(40, { baseMs: 100, maxMs: 500 })).toBe(500);
  });

  it('honours requeueAfter, keeping the earliest pending time', async () => {
    const clock = new ManualClock();
    const times: number[] = [];
    const q = new WorkQueue({
      name: 't',
      clock,
      workers: 1,
      process: async () => {
        times.push(clock.now());
        return times.length === 1 ? { requeueAfter: 1000 } : undefined;
      },
    });
    q.start();
    const t0 = clock.now();
    q.add('k');
    await q.idle();
    q.addAfter('k', 5000);
    q.addAfter('k', 300);
    await clock.advance(2000);
    expect(times.map((t) => t - t0)).toEqual([0, 300]);
    expect(q.waiting).toBe(0);
  });
});
