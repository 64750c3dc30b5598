/**
 * An invalid resource for the table tests: an example document from examples/ (`file#index`),
 * a patch that breaks it, and the API server's messages for the result, written out literally.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocuments } from '../../../lib/validate/documents.ts';

export type PatchOp = ['set', Array<string | number>, unknown] | ['delete', Array<string | number>];

export interface InvalidCase {
  name: string;
  /** `<path under examples/>#<document index>` */
  base: string;
  patch: PatchOp[];
  expected: string[];
}

const examplesDir = join(import.meta.dirname, '..', '..', '..', 'examples');

/** The base document with only `metadata.name` kept and no status, then the patch applied. */
export function buildCase(c: InvalidCase): Record<string, unknown> {
  const [file, index] = c.base.split('#');
  const doc = parseDocuments(readFileSync(join(examplesDir, file ?? ''), 'utf8'))[Number(index)];
  const obj = structuredClone(doc?.value) as Record<string, unknown>;
  const name = (obj.metadata as { name?: string } | undefined)?.name ?? 'x';
  obj.metadata = { name };
  delete obj.status;
  for (const op of c.patch) {
    const path = op[1];
    let holder = obj as Record<string | number, unknown>;
    for (const step of path.slice(0, -1)) holder = holder[step] as Record<string | number, unknown>;
    const last = path[path.length - 1] as string | number;
    if (op[0] === 'delete') delete holder[last];
    else holder[last] = structuredClone(op[2]);
  }
  return obj;
}
