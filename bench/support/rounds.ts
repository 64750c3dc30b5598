/**
 * Timing for the CPU-bound benchmarks: each case runs once to warm up, then `rounds` times
 * interleaved with the other cases (so machine noise hits them alike), each measurement after a
 * GC. Both wall time and CPU time are kept: CPU time (process.cpuUsage, this process's own work)
 * holds when other processes load the machine, which wall time does not.
 */
import { availableParallelism, loadavg } from 'node:os';

export interface Round {
  readonly wall: number;
  readonly cpu: number;
  /** What the case reported counting (resources, objects, …). */
  readonly count: number;
}

function measure(run: () => number): Round {
  globalThis.gc?.();
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  const count = run();
  const wall = performance.now() - start;
  const cpu = process.cpuUsage(cpu0);
  return { wall, cpu: (cpu.user + cpu.system) / 1000, count };
}

/** Runs every case `rounds` times after one warm-up run each; returns each case's rounds. */
export function runRounds(
  cases: ReadonlyArray<{ run: () => number; warmUp?: () => unknown }>,
  rounds: number,
): Round[][] {
  for (const c of cases) (c.warmUp ?? c.run)();
  const out: Round[][] = cases.map(() => []);
  for (let r = 0; r < rounds; r++) {
    cases.forEach((c, i) => {
      out[i]?.push(measure(c.run));
    });
  }
  return out;
}

export const median = (xs: readonly number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/** Medians of a case's wall and CPU milliseconds. */
export const medians = (rounds: readonly Round[]) => ({
  wall: median(rounds.map((r) => r.wall)),
  cpu: median(rounds.map((r) => r.cpu)),
});

/** The conditions of the run, for the report. */
export const conditions = (rounds: number): string =>
  `median of ${rounds} rounds; load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} on ${availableParallelism()} cores`;
