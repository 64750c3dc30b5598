/**
 * Offline validation throughput: 10,000 resources (a mix of the kinds in examples/, about one
 * in five made invalid), parsed from one YAML stream and validated, on one core. Baselines in
 * the same run: parsing alone (the fast path `parseDocuments` takes, and the `yaml` package path
 * it falls back to), and validating pre-parsed objects.
 *
 * Each case runs once to warm up, then ROUNDS times interleaved with the others
 * (support/rounds.ts); the table shows medians of wall time and of CPU time, and the goal is
 * judged on CPU time, which holds when other processes load the machine.
 *
 *   npm run bench validate
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { parseDocuments, parseDocumentsWithModel } from '../lib/validate/documents.ts';
import { validateDocuments, validateResource } from '../lib/validate/index.ts';
import { conditions, medians, runRounds } from './support/rounds.ts';

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

const rounds = runRounds(
  CASES.map(([, run]) => ({ run })),
  ROUNDS,
);

const invalid = validateDocuments(docs.slice(0, 50).join('---\n'), 'x').filter(
  (r) => r.status === 'invalid',
).length;
console.log(`resources: ${TOTAL} (${objects.length} distinct examples, ${invalid} of the first 50 invalid)`);
console.log(`${conditions(ROUNDS)}\n`);
console.log('| step | wall (ms) | CPU (ms) | resources/s (wall) | resources/s (CPU) | CPU ratio |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
const baseCpu = medians(rounds[0] ?? []).cpu;
const rates = CASES.map(([name], i) => {
  const { wall, cpu } = medians(rounds[i] ?? []);
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
