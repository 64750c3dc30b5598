/**
 * Offline validation throughput: 10,000 resources (a mix of the kinds in examples/, about one
 * in five made invalid), parsed from one YAML stream and validated, on one core. Baselines in
 * the same run: parsing alone (the fast path `parseDocuments` takes, and the `yaml` package path
 * it falls back to), and validating pre-parsed objects.
 *
 * Each case runs once to warm up, then ROUNDS times interleaved with the others; the table shows
 * medians of wall time and of CPU time (process.cpuUsage: this process's own work, so it holds
 * when other processes load the machine), and the goal is judged on CPU time.
 *
 *   npm run bench validate
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { parseDocuments, parseDocumentsWithModel } from '../lib/validate/documents.ts';
import { validateDocuments, validateResource } from '../lib/validate/index.ts';

const TOTAL = 10_000;
const ROUNDS = 5;
const GOAL = 5000;
const examples = join(import.meta.dirname, '..', 'examples');
const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) =>
    statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)],
  );

const objects: Array<Record<string, unknown>> = [];
for (const file of walk(examples).filter((f) => /\.ya?ml$/.test(f))) {
  for (const d of parseDocuments(readFileSync(file, 'utf8'))) {
    const v = d.value as Record<string, unknown> | undefined;
    if (typeof v?.apiVersion === 'string' && v.apiVersion.startsWith('toolhive.stacklok.dev/'))
      objects.push(v);
  }
}

// Each resource gets its own name; every fifth one an unknown-free but invalid spec field.
const docs: string[] = [];
for (let i = 0; i < TOTAL; i++) {
  const base = structuredClone(objects[i % objects.length]) as Record<string, unknown>;
  base.metadata = { ...(base.metadata as object), name: `r-${i}` };
  if (i % 5 === 4 && typeof base.spec === 'object' && base.spec !== null) {
    (base.spec as Record<string, unknown>).replicas = -1;
  }
  docs.push(stringify(base));
}
const stream = docs.join('---\n');
const parsed = parseDocuments(stream).map((d) => d.value);

const CASES: ReadonlyArray<readonly [string, () => number]> = [
  ['parse YAML only (baseline)', () => parseDocuments(stream).length],
  ['parse YAML with the yaml package (the fallback path)', () => parseDocumentsWithModel(stream).length],
  [
    'parse + validate',
    () =>
      validateDocuments(stream, 'bench.yaml').filter((r) => r.status === 'valid' || r.status === 'invalid')
        .length,
  ],
  [
    'validate pre-parsed objects only',
    () => parsed.filter((o) => validateResource(o).valid !== undefined).length,
  ],
];

interface Round {
  readonly wall: number;
  readonly cpu: number;
  readonly count: number;
}
function measure(fn: () => number): Round {
  globalThis.gc?.();
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  const count = fn();
  const wall = performance.now() - start;
  const cpu = process.cpuUsage(cpu0);
  return { wall, cpu: (cpu.user + cpu.system) / 1000, count };
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

for (const [, fn] of CASES) fn();
const rounds: Round[][] = CASES.map(() => []);
for (let r = 0; r < ROUNDS; r++) {
  CASES.forEach(([, fn], i) => {
    rounds[i]?.push(measure(fn));
  });
}

const load = loadavg().map((l) => l.toFixed(2));
const invalid = validateDocuments(docs.slice(0, 50).join('---\n'), 'x').filter(
  (r) => r.status === 'invalid',
).length;
console.log(`resources: ${TOTAL} (${objects.length} distinct examples, ${invalid} of the first 50 invalid)`);
console.log(
  `median of ${ROUNDS} rounds; load average ${load.join(' ')} on ${availableParallelism()} cores\n`,
);
console.log('| step | wall (ms) | CPU (ms) | resources/s (wall) | resources/s (CPU) | CPU ratio |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
const baseCpu = median(rounds[0]?.map((r) => r.cpu) ?? []);
const rates = CASES.map(([name], i) => {
  const wall = median(rounds[i]?.map((r) => r.wall) ?? []);
  const cpu = median(rounds[i]?.map((r) => r.cpu) ?? []);
  const count = rounds[i]?.[0]?.count ?? 0;
  const rate = { wall: Math.round((count / wall) * 1000), cpu: Math.round((count / cpu) * 1000) };
  console.log(
    `| ${name} | ${wall.toFixed(0)} | ${cpu.toFixed(0)} | ${rate.wall} | ${rate.cpu} | ${(cpu / baseCpu).toFixed(2)} |`,
  );
  return rate;
});
const full = rates[2] ?? { wall: 0, cpu: 0 };
console.log(
  `\ngoal: >= ${GOAL} resources/s on one core (parse + validate): ${full.cpu} per CPU second, ` +
    `${full.wall} per wall second; ${full.cpu >= GOAL ? 'met' : 'NOT met'}`,
);
