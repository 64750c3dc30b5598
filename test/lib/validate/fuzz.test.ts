/**
 * The validator never throws: random JSON values, random bytes as YAML, and random mutations of
 * valid examples all yield results (fast-check, fixed seeds so failures reproduce).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocuments } from '../../../lib/validate/documents.ts';
import { validateDocuments, validateResource } from '../../../lib/validate/index.ts';

const examplesDir = join(import.meta.dirname, '..', '..', '..', 'examples');
const exampleObjects: Array<Record<string, unknown>> = [];
const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) =>
    statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)],
  );
for (const file of walk(examplesDir).filter((f) => /\.ya?ml$/.test(f))) {
  for (const doc of parseDocuments(readFileSync(file, 'utf8'))) {
    const v = doc.value as Record<string, unknown> | undefined;
    if (typeof v?.apiVersion === 'string' && v.apiVersion.startsWith('toolhive.stacklok.dev/'))
      exampleObjects.push(v);
  }
}

/** Errors that mean the validator itself failed (caught, but a bug). */
const internal = (r: ReturnType<typeof validateResource>) =>
  r.errors.filter((e) => e.message.startsWith('Internal error occurred'));

const RUNS = { numRuns: 300, seed: 20261121 };

/** Replaces, deletes or retypes the value at a random path of a JSON tree. */
function mutate(value: unknown, path: number[], replacement: unknown, mode: number): unknown {
  if (typeof value !== 'object' || value === null) return replacement;
  const entries: Array<[string | number, unknown]> = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value);
  if (entries.length === 0) return mode === 0 ? replacement : value;
  const [step, ...rest] = path;
  const index = (step ?? 0) % entries.length;
  const [key, child] = entries[index] as [string | number, unknown];
  const copy: Record<string | number, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...value };
  if (rest.length === 0 || typeof child !== 'object' || child === null) {
    if (mode === 1 && !Array.isArray(copy)) delete (copy as Record<string, unknown>)[key as string];
    else (copy as Record<string | number, unknown>)[key] = replacement;
  } else {
    (copy as Record<string | number, unknown>)[key] = mutate(child, rest, replacement, mode);
  }
  return copy;
}

const strings = fc.oneof(
  fc.string(),
  fc.constantFrom('', 'redis', 'inline', 'configMap', 'oidc', '1s', 'https://x', 'http://x'),
);
const jsonish = fc.oneof(
  { depthSize: 'small' },
  fc.jsonValue({ maxDepth: 3 }),
  strings,
  fc.integer(),
  fc.double(),
  fc.constantFrom(null, true, [], {}),
);

describe('the validator never throws', () => {
  it('on random JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (value) => {
        const r = validateResource(value);
        expect(typeof r.valid).toBe('boolean');
        expect(internal(r)).toEqual([]);
      }),
      RUNS,
    );
  });

  it('on random objects shaped like ToolHive resources', () => {
    const kinds = fc.constantFrom(
      'MCPServer',
      'VirtualMCPServer',
      'MCPExternalAuthConfig',
      'MCPRemoteProxy',
      'MCPRegistry',
    );
    fc.assert(
      fc.property(
        kinds,
        fc.constantFrom('v1alpha1', 'v1beta1'),
        fc.jsonValue({ maxDepth: 4 }),
        fc.jsonValue({ maxDepth: 2 }),
        (kind, v, spec, metadata) => {
          const r = validateResource({ apiVersion: `toolhive.stacklok.dev/${v}`, kind, metadata, spec });
          expect(r.errors.every((e) => typeof e.message === 'string')).toBe(true);
          expect(internal(r)).toEqual([]);
        },
      ),
      RUNS,
    );
  });

  it('on random text and bytes as YAML', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 400 }),
          fc.uint8Array({ maxLength: 400 }).map((b) => new TextDecoder().decode(b)),
        ),
        (text) => {
          const docs = validateDocuments(text, 'random.yaml');
          expect(Array.isArray(docs)).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it('on random mutations of valid examples', () => {
    expect(exampleObjects.length).toBeGreaterThan(20);
    fc.assert(
      fc.property(
        fc.constantFrom(...exampleObjects),
        fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
        jsonish,
        fc.nat(2),
        (example, path, replacement, mode) => {
          const r = validateResource(mutate(example, path, replacement, mode));
          expect(r.valid || r.errors.length > 0).toBe(true);
          expect(internal(r)).toEqual([]);
        },
      ),
      { ...RUNS, numRuns: 1000 },
    );
  });

  it('on mutated YAML text of examples', () => {
    const texts = walk(examplesDir)
      .filter((f) => /\.ya?ml$/.test(f))
      .map((f) => readFileSync(f, 'utf8'));
    fc.assert(
      fc.property(
        fc.constantFrom(...texts),
        fc.nat(),
        fc.nat(40),
        fc.string({ maxLength: 6 }),
        (text, at, cut, insert) => {
          const i = at % (text.length + 1);
          const docs = validateDocuments(text.slice(0, i) + insert + text.slice(i + cut), 'mutated.yaml');
          expect(Array.isArray(docs)).toBe(true);
        },
      ),
      RUNS,
    );
  });
});
