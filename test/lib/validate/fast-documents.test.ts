/**
 * The fast YAML path (js-yaml events) must give exactly what the `yaml` package path gives, or
 * decline. Differential property tests hold it to that on generated manifests, mutated examples
 * and random YAML-ish text; the tables below pin the YAML 1.1 semantics both paths share, and
 * which inputs are left to the `yaml` path.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseDocuments, parseDocumentsWithModel } from '../../../lib/validate/documents.ts';
import { parseDocumentsFast } from '../../../lib/validate/fast-documents.ts';
import { plainScalarTags, resolvePlainScalar } from '../../../lib/validate/yaml-scalars.ts';

const examplesDir = join(import.meta.dirname, '..', '..', '..', 'examples');
const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) =>
    statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)],
  );
const exampleTexts = walk(examplesDir)
  .filter((f) => /\.ya?ml$/.test(f))
  .map((f) => readFileSync(f, 'utf8'));

/** The fast path either declines or agrees with the `yaml` path exactly. */
function agrees(text: string): boolean {
  const fast = parseDocumentsFast(text);
  if (fast === undefined) return true;
  expect(fast).toEqual(parseDocumentsWithModel(text));
  return true;
}

const trickyStrings = fc.constantFrom(
  'yes',
  'No',
  'on',
  'y',
  '~',
  'null',
  '',
  ' ',
  '- a',
  'a: b',
  '#x',
  'x #y',
  '"q"',
  "'q'",
  '\n',
  'a\nb',
  ' a\n b\n',
  '<<',
  '__proto__',
  '1:20',
  '2001-12-14',
  '0777',
  '0o17',
  '0x1F',
  '1_000',
  '.nan',
  '=',
  '?',
  '|',
  '>',
  '---',
  '...',
);
const strings = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.stringMatching(/^[-+]?[0-9_.eExob]{0,6}$/),
  trickyStrings,
);
const json = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    strings,
    fc.integer(),
    fc.double({ noNaN: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(strings, tie('v'), { maxKeys: 4 }),
  ),
})).v;

/** The same data written the ways people and tools write it. */
const emitted = fc.tuple(json, fc.nat(9)).map(([v, style]): string => {
  try {
    switch (style) {
      case 0:
        return stringify(v);
      case 1:
        return stringify(v, { version: '1.1' });
      case 2:
        return stringify(v, { lineWidth: 20, minContentWidth: 5 });
      case 3:
        return stringify(v, { defaultStringType: 'QUOTE_DOUBLE' });
      case 4:
        return stringify(v, { defaultStringType: 'QUOTE_SINGLE', indentSeq: false });
      case 5:
        return stringify(v, { defaultStringType: 'BLOCK_LITERAL' });
      case 6:
        return stringify(v, { defaultStringType: 'BLOCK_FOLDED', lineWidth: 15, minContentWidth: 3 });
      case 7:
        return stringify(v, { collectionStyle: 'flow' });
      case 8:
        return dump(v, { lineWidth: 10, flowLevel: 1 });
      default:
        return JSON.stringify(v, null, 1);
    }
  } catch {
    return JSON.stringify(v) ?? '';
  }
});

const yamlBits = fc.constantFrom(
  ...'-:#&*!|>\'"%@`{}[],?\n\t \\.~0123456789abyYnNoOeE<_+/'.split(''),
  '---',
  '...',
  '\n  ',
  '\n- ',
  ': ',
  ' #',
  '\n#c\n',
  '\n  # c\n',
  'yes',
  'null',
  '0x1',
  '1e3',
  '<<',
  '|-\n',
  '>\n ',
  '\u00e9',
  '\u{1F600}',
  'k'.repeat(1030),
);
const fragment = fc.array(yamlBits, { maxLength: 3 }).map((a) => a.join(''));
const edit = fc.tuple(fc.nat(), fc.nat(6), fragment);
const applyEdits = (text: string, edits: ReadonlyArray<[number, number, string]>) =>
  edits.reduce((t, [at, cut, insert]) => {
    const i = at % (t.length + 1);
    return t.slice(0, i) + insert + t.slice(i + cut);
  }, text);

const RUNS = { seed: 20261121, numRuns: 400 };

describe('the fast YAML path', () => {
  it('reads every example exactly as the yaml path does', () => {
    for (const text of exampleTexts) {
      const fast = parseDocumentsFast(text);
      expect(fast).toBeDefined();
      expect(fast).toEqual(parseDocumentsWithModel(text));
    }
  });

  it('agrees on generated manifests, one or several per stream', () => {
    fc.assert(
      fc.property(
        fc.array(emitted, { minLength: 1, maxLength: 3 }),
        fc.constantFrom('---\n', '\n---\n', '--- \n', '---\n---\n'),
        (docs, separator) => agrees(docs.join(separator)),
      ),
      RUNS,
    );
  });

  it('agrees on mutated examples and generated manifests', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom(...exampleTexts), emitted),
        fc.array(edit, { minLength: 1, maxLength: 4 }),
        (text, edits) => agrees(applyEdits(text, edits)),
      ),
      { ...RUNS, numRuns: 800 },
    );
  });

  it('agrees on random YAML-ish text', () => {
    fc.assert(
      fc.property(
        fc.array(yamlBits, { maxLength: 40 }).map((a) => a.join('')),
        agrees,
      ),
      { ...RUNS, numRuns: 800 },
    );
  });

  // Each of these was a disagreement between the two parsers that fuzzing found; the fast path
  // must leave them to the `yaml` path.
  it.each([
    ['a block scalar at the root with an indentation indicator', 'a: 1\n---\n|1\n a\n b\n'],
    ['an empty key followed by a compact mapping', 'k:\n  : .key: v\n'],
    ['a document end marker', '...\n'],
    ['tabs as indentation', '\tfalse\n'],
    ['text right after a closing quote', "- 'on'-':': 1\n"],
    ['a key, a less indented comment, then its value', 'e:\n  n:\n#c\n   v\n  t: 1\n'],
    ['a white space line in a block scalar', 'e: |2\n   '],
    ['a comment at the start of a line in a flow mapping', '{"": 1\n#\n}'],
    ['text right after a closing bracket', 'k:\n- []-:'],
    ['a key longer than YAML allows', `a:\n  ${'k'.repeat(1100)}: v\n`],
    ['a quoted key longer than YAML allows', `"${'k'.repeat(1100)}": v\n`],
    ['a comment line before a sequence item on its own line', '-\n#-\n --\n-'],
    ['an escaped line break before an empty line', '["", "\\\n\n"]'],
  ])('declines %s', (_name, text) => {
    expect(parseDocumentsFast(text)).toBeUndefined();
  });

  it('reads YAML 1.1 scalars as Go yaml.v2 does', () => {
    const [doc] = parseDocuments(
      [
        'booleans: [yes, No, ON, off, y, N, True, FALSE]',
        'strings: [1:20, 2001-12-14, 2001-12-14t21:59:43.10-05:00, "yes", nope]',
        'numbers: [0777, 0x1F, 1_000, +12, -1.5, 1e3, .5]',
        'nulls: [~, null, Null, ""]',
        'special: [.inf, -.Inf, .nan]',
        '1.0: number key',
        'on: boolean key',
      ].join('\n'),
    );
    expect(doc?.value).toEqual({
      booleans: [true, false, true, false, true, false, true, false],
      strings: ['1:20', '2001-12-14', '2001-12-14t21:59:43.10-05:00', 'yes', 'nope'],
      numbers: [511, 31, 1000, 12, -1.5, 1000, 0.5],
      nulls: [null, null, null, ''],
      special: ['Infinity', '-Infinity', 'NaN'],
      true: 'boolean key',
      '1': 'number key',
    });
    // The short key `y` is a boolean too.
    expect(parseDocumentsFast('y: short key\n')?.[0]?.value).toEqual({ true: 'short key' });
  });

  it('resolves plain scalars as the yaml tags would, whatever the first character', () => {
    for (const atKey of [false, true]) {
      const exhaustive = (s: string) => {
        const tag = plainScalarTags(atKey).find((t) => t.test?.test(s));
        if (tag === undefined) return s;
        const v = tag.resolve(s, () => {}, { intAsBigInt: false }) as { value?: unknown } | unknown;
        return typeof v === 'object' && v !== null && 'value' in v ? v.value : v;
      };
      const matching = plainScalarTags(atKey).map((t) => fc.stringMatching(t.test as RegExp));
      fc.assert(
        fc.property(fc.oneof(...matching, fc.string({ maxLength: 6 })), (s) => {
          if (s === '<<' && atKey) return; // merge keys are declined before they are resolved
          expect(resolvePlainScalar(s, atKey)).toEqual(exhaustive(s));
        }),
        { ...RUNS, numRuns: 2000 },
      );
    }
  });

  it('leaves anchors, aliases, merge keys, tags and duplicate keys to the yaml path', () => {
    const cases: Array<[string, unknown, string[]]> = [
      ['base: &b {a: 1}\ncopy: *b\n', { base: { a: 1 }, copy: { a: 1 } }, []],
      [
        'base: &b {a: 1, b: 2}\nmerged:\n  <<: *b\n  b: 3\n',
        { base: { a: 1, b: 2 }, merged: { a: 1, b: 3 } },
        [],
      ],
      ['s: !!str 123\nm: !!int "7"\n', { s: '123', m: 7 }, []],
      ['a: 1\nb: {c: 2, c: 3}\na: 4\n', { a: 4, b: { c: 3 } }, ['b.c', 'a']],
      ['"1": a\n1: b\n', { '1': 'b' }, ['1']],
    ];
    for (const [text, value, duplicates] of cases) {
      expect(parseDocumentsFast(text)).toBeUndefined();
      const [doc] = parseDocuments(text);
      expect(doc?.value).toEqual(value);
      expect(doc?.duplicateFields).toEqual(duplicates);
    }
  });

  it('reads huge documents, and leaves very deep ones to the yaml path', () => {
    const items = Array.from({ length: 3000 }, (_, i) => ({
      name: `item-${i}`,
      value: i % 3 === 0 ? 'yes' : `v${i}`,
    }));
    const huge = stringify({ kind: 'List', items });
    const fast = parseDocumentsFast(huge);
    expect(fast?.[0]?.value).toEqual({
      kind: 'List',
      items: items.map((x) => ({ ...x, value: x.value === 'yes' ? true : x.value })),
    });
    expect(fast).toEqual(parseDocumentsWithModel(huge));

    const deep = `${Array.from({ length: 150 }, (_, i) => `${' '.repeat(i * 2)}k${i}:`).join('\n')} leaf\n`;
    expect(parseDocumentsFast(deep)).toBeUndefined();
    let value = parseDocuments(deep)[0]?.value as Record<string, unknown>;
    for (let i = 0; i < 149; i++) value = value[`k${i}`] as Record<string, unknown>;
    expect(value).toEqual({ k149: 'leaf' });
  });

  it('reads invalid UTF-8, a byte order mark and CRLF line ends like the yaml path', () => {
    const bytes = Buffer.concat([Buffer.from('a: "x'), Buffer.from([0xff, 0xfe]), Buffer.from('y"\n')]);
    const invalid = new TextDecoder().decode(bytes);
    expect(parseDocuments(invalid)[0]?.value).toEqual({ a: 'x\ufffd\ufffdy' });
    agrees(invalid);

    const plain = 'apiVersion: v1\nkind: ConfigMap\ndata:\n  on: "yes"\n';
    const expected = parseDocuments(plain)[0]?.value;
    expect(expected).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', data: { true: 'yes' } });
    for (const variant of [`\ufeff${plain}`, plain.replace(/\n/g, '\r\n')]) {
      expect(parseDocumentsFast(variant)).toBeUndefined();
      expect(parseDocuments(variant)[0]?.value).toEqual(expected);
    }
  });

  it('counts documents and their lines as the yaml path does', () => {
    const text = '# header\napiVersion: v1\nkind: A\n---\n---\n# c\nkind: B\n--- # note\nkind: C\n';
    const docs = parseDocuments(text);
    expect(parseDocumentsFast(text)).toEqual(docs);
    expect(docs.map((d) => [d.index, d.line, d.value])).toEqual([
      [0, 2, { apiVersion: 'v1', kind: 'A' }],
      [1, 4, null],
      [2, 5, { kind: 'B' }],
      [3, 8, { kind: 'C' }],
    ]);
  });
});
