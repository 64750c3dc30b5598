/**
 * Regenerates everything derived from the kind schemas: `crds/*.yaml` and
 * `lib/api/types.generated.ts`. With `--check`, writes nothing and exits 1 when any generated
 * file is stale, naming it (CI runs this).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KINDS } from '../lib/api/kinds.ts';
import { crdFileName, crdYaml } from '../lib/schema/crd-yaml.ts';
import { generateTypeScript } from '../lib/schema/typescript.ts';

const root = join(import.meta.dirname, '..');
const check = process.argv.includes('--check');

const wanted = new Map<string, string>();
for (const def of KINDS) wanted.set(join('crds', crdFileName(def)), crdYaml(def));
wanted.set(join('lib', 'api', 'types.generated.ts'), generateTypeScript(KINDS));

const stale: string[] = [];
for (const [rel, content] of wanted) {
  const path = join(root, rel);
  let current: string | undefined;
  try {
    current = readFileSync(path, 'utf8');
  } catch {
    current = undefined;
  }
  if (current === content) continue;
  stale.push(rel);
  if (!check) writeFileSync(path, content);
}
// A CRD file whose kind no longer exists is stale too.
for (const file of readdirSync(join(root, 'crds'))) {
  const rel = join('crds', file);
  if (file.endsWith('.yaml') && !wanted.has(rel)) stale.push(`${rel} (no such kind)`);
}

if (check) {
  if (stale.length > 0) {
    console.error(`generated files are stale; run \`npm run gen\` and commit:\n  ${stale.join('\n  ')}`);
    process.exit(1);
  }
  console.log('generated files are up to date');
} else {
  console.log(stale.length > 0 ? `wrote ${stale.join(', ')}` : 'nothing to regenerate');
}
