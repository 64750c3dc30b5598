/**
 * Compares the CRDs in `crds/` with another directory of CRD YAML (for instance ToolHive's own,
 * from a local checkout), ignoring descriptions and annotations. Prints every structural
 * difference per file and exits 1 if there is any.
 *
 *   node scripts/compare-crds.ts <other-crds-dir> [file.yaml …]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const [otherDir, ...only] = process.argv.slice(2);
if (!otherDir) {
  console.error('usage: node scripts/compare-crds.ts <other-crds-dir> [file.yaml …]');
  process.exit(2);
}
const oursDir = join(import.meta.dirname, '..', 'crds');

function strip(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strip);
  if (node !== null && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node)
        .filter(([k]) => k !== 'description' && k !== 'annotations')
        .map(([k, v]) => [k, strip(v)]),
    );
  }
  return node;
}

function diff(theirs: unknown, ours: unknown, path: string, out: string[]): void {
  if (JSON.stringify(theirs) === JSON.stringify(ours)) return;
  const isObj = (x: unknown): x is Record<string, unknown> =>
    x !== null && typeof x === 'object' && !Array.isArray(x);
  if (isObj(theirs) && isObj(ours)) {
    for (const k of new Set([...Object.keys(theirs), ...Object.keys(ours)]))
      diff(theirs[k], ours[k], `${path}.${k}`, out);
    return;
  }
  out.push(`${path || '.'}: ours=${JSON.stringify(ours)} theirs=${JSON.stringify(theirs)}`);
}

const files = only.length > 0 ? only : readdirSync(oursDir).filter((f) => f.endsWith('.yaml'));
let total = 0;
for (const file of files) {
  let theirsText: string;
  try {
    theirsText = readFileSync(join(otherDir, file), 'utf8');
  } catch {
    console.log(`${file}: missing in ${otherDir}`);
    total++;
    continue;
  }
  const out: string[] = [];
  diff(strip(parse(theirsText)), strip(parse(readFileSync(join(oursDir, file), 'utf8'))), '', out);
  total += out.length;
  console.log(`${file}: ${out.length === 0 ? 'identical' : `${out.length} differences`}`);
  for (const line of out) console.log(`  ${line}`);
}
process.exit(total === 0 ? 0 : 1);
