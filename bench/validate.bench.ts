/**
 * Offline validation throughput: 10,000 resources (a mix of the kinds in examples/, about one
 * in five made invalid), parsed from YAML and validated, on one core. The baseline is only
 * parsing the same YAML in the same run, so the ratio shows what validation costs on top.
 *
 *   npm run bench validate
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { parseDocuments } from '../lib/validate/documents.ts';
import { validateDocuments, validateResource } from '../lib/validate/index.ts';

const TOTAL = 10_000;
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

function time(fn: () => number): { ms: number; count: number } {
  const start = performance.now();
  const count = fn();
  return { ms: performance.now() - start, count };
}

// Warm up the JIT and the compiled validators.
validateDocuments(docs.slice(0, 500).join('---\n'), 'warmup.yaml');
parseDocuments(docs.slice(0, 500).join('---\n'));
(globalThis as { gc?: () => void }).gc?.();

const parse = time(() => parseDocuments(stream).length);
(globalThis as { gc?: () => void }).gc?.();
const validate = time(() => {
  const results = validateDocuments(stream, 'bench.yaml');
  return results.filter((r) => r.status === 'valid' || r.status === 'invalid').length;
});
const parsed = parseDocuments(stream).map((d) => d.value);
(globalThis as { gc?: () => void }).gc?.();
const validateOnly = time(() => parsed.filter((o) => validateResource(o).valid !== undefined).length);
const invalid = validateDocuments(docs.slice(0, 50).join('---\n'), 'x').filter(
  (r) => r.status === 'invalid',
).length;

const rate = (r: { ms: number; count: number }) => Math.round((r.count / r.ms) * 1000);
console.log(`resources: ${TOTAL} (${objects.length} distinct examples, ${invalid} of the first 50 invalid)`);
console.log('| step | time (ms) | resources/s | ratio |');
console.log('| --- | ---: | ---: | ---: |');
console.log(`| parse YAML only (baseline) | ${parse.ms.toFixed(0)} | ${rate(parse)} | 1.00 |`);
console.log(
  `| parse + validate | ${validate.ms.toFixed(0)} | ${rate(validate)} | ${(validate.ms / parse.ms).toFixed(2)} |`,
);
console.log(
  `| validate pre-parsed objects only | ${validateOnly.ms.toFixed(0)} | ${rate(validateOnly)} | ${(validateOnly.ms / parse.ms).toFixed(2)} |`,
);
console.log(`goal: >= 5000 resources/s; ${rate(validate) >= 5000 ? 'met' : 'NOT met'}`);
