/**
 * `npm run bench [name…]`: runs every `bench/*.bench.ts` (or those whose file name contains one
 * of the given names) in its own Node process, one after another, so one benchmark's heap and
 * timers never disturb the next. Each benchmark prints its own table of ratios against a
 * baseline measured in the same run.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = import.meta.dirname;
const filters = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((name) => f.includes(name)))
  .sort();

if (files.length === 0) {
  console.error(filters.length > 0 ? `no benchmark matches ${filters.join(', ')}` : 'no benchmarks found');
  process.exit(1);
}

let failed = 0;
for (const file of files) {
  console.log(`\n## ${file}\n`);
  // BENCH_NODE_OPTIONS (V8 flags) apply to the benchmark process too, for in-process benchmarks.
  const flags = (process.env.BENCH_NODE_OPTIONS ?? '').split(/\s+/).filter(Boolean);
  const result = spawnSync(process.execPath, ['--expose-gc', ...flags, join(dir, file)], {
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    failed++;
    console.error(`${file} exited with ${result.status ?? result.signal}`);
  }
}
process.exit(failed === 0 ? 0 : 1);
