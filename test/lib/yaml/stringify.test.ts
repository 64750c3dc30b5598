/**
 * The manifest YAML writer prints the same bytes as the `yaml` package with cdk8s's options (and
 * the extra quoting described in lib/yaml/stringify.ts), and what it prints reads back as the
 * same data in every reader that matters: the `yaml` package (YAML 1.2 and 1.1), the validator's
 * reader (Go's yaml.v2 semantics, what kubectl and Argo CD use), js-yaml (core and YAML 1.1
 * schemas) and, where Python is installed, PyYAML.
 */
import { spawnSync } from 'node:child_process';
import { Yaml } from 'cdk8s';
import fc from 'fast-check';
import { CORE_SCHEMA, loadAll, YAML11_SCHEMA } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { parseDocuments } from '../../../lib/validate/documents.ts';
import { stringifyManifests, stringifyYaml, stringifyYamlWithPackage } from '../../../lib/yaml/stringify.ts';

const RUNS = { seed: 20261121, numRuns: 600 };

const tricky = fc.constantFrom(
  ...['yes', 'No', 'ON', 'off', 'y', 'N', 'true', 'False', '~', 'null', 'NULL', '', ' ', '  x', 'x  '],
  ...['0777', '0o17', '0O17', '0x1F', '0X1F', '0b101', '0B1', '+_1', '1_000', '1e3', '1e_5', '.5', '-.inf'],
  ...['.NaN', '1:20', '190:20:30.15', '2001-12-14', '2001-12-14t21:59:43.10-05:00', '<<', '=', '?', '-'],
  ...[
    '- a',
    'a: b',
    'a:b',
    '#x',
    'x #y',
    'x#y',
    '"q"',
    "'q'",
    `it's "x"`,
    '@x',
    '`x',
    '%x',
    '!x',
    '&x',
    '*x',
  ],
  ...[
    '|',
    '>',
    '[a]',
    '{a}',
    'a, b',
    '---',
    '--- x',
    '...',
    'a\n---\nb',
    '\n',
    'a\nb',
    'a\n',
    'a\n\n',
    '\n\na',
  ],
  ...[
    ' a\n b\n',
    'a \nb',
    'a\n b',
    'a\n\t',
    '\tx',
    'x\t',
    'caf\u00e9',
    '\u{1F600}',
    '\u00a0',
    '\u0085',
    '\u0007',
  ],
  ...['\u2028', 'a\u2029b', '\ufeffx', 'x'.repeat(50), `${'x'.repeat(50)}\n${'y'.repeat(3)}`, 'C:\\path\\to'],
);
const strings = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.stringMatching(/^[-+_.0-9eExXoObB:]{0,6}$/),
  tricky,
);
const json = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    strings,
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(strings, tie('v'), { maxKeys: 4 }),
  ),
})).v;
const documents = fc.oneof(fc.dictionary(strings, json, { maxKeys: 6 }), fc.array(json, { maxLength: 4 }));

/** The data a reader should get back: no undefined, no -0 (JSON has neither). */
function normalize(v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (typeof v === 'number') return Object.is(v, -0) ? 0 : v;
  if (Array.isArray(v)) return v.map(normalize);
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalize(x)]));
  return v;
}

const hasLineSeparator = (v: unknown): boolean =>
  typeof v === 'string'
    ? /[\u2028\u2029]/.test(v)
    : typeof v === 'object' &&
      v !== null &&
      Object.entries(v).some(([k, x]) => hasLineSeparator(k) || hasLineSeparator(x));

const hasExponentNumber = (v: unknown): boolean =>
  typeof v === 'number'
    ? /e/.test(String(v))
    : typeof v === 'object' && v !== null && Object.values(v).some(hasExponentNumber);

/**
 * How Go's yaml.v2 resolves a plain scalar (resolve.go), written out step by step rather than as
 * the emitter's regular expressions: a table of words, then, for text starting with a sign or a
 * digit, `strconv.ParseInt(s, 0, 64)` / `ParseUint` / its float pattern after removing every `_`,
 * and for text starting with `.`, `strconv.ParseFloat`. True when the result is not a string.
 */
function goYamlV2Resolves(s: string): boolean {
  const words = ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'];
  words.push('n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF');
  words.push('', '~', 'null', 'Null', 'NULL', '.nan', '.NaN', '.NAN', '<<');
  for (const inf of ['.inf', '.Inf', '.INF']) words.push(inf, `+${inf}`, `-${inf}`);
  if (words.includes(s)) return true;
  const first = s[0] ?? '';
  if (first === '.') return /^\.[0-9]+(?:[eE][-+]?[0-9]+)?$/.test(s.replace(/_/g, ''));
  if (!/[-+0-9]/.test(first)) return false;
  const plain = s.replace(/_/g, '');
  const unsigned = plain.replace(/^[-+]/, '');
  const digits = (t: string, re: RegExp) => t.length > 0 && [...t].every((c) => re.test(c));
  const lower = unsigned.slice(0, 2).toLowerCase();
  if (lower === '0x') return digits(unsigned.slice(2), /[0-9a-fA-F]/);
  if (lower === '0o') return digits(unsigned.slice(2), /[0-7]/);
  if (lower === '0b') return digits(unsigned.slice(2), /[01]/);
  if (digits(unsigned, /[0-9]/)) return true; // an int, or (08, 09) a float by the pattern below
  return /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(plain);
}

/** YAML 1.2 core schema and PyYAML (YAML 1.1) plain scalars that are not strings. */
const CORE_12 =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))?$/;
const PYYAML =
  /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|~|null|Null|NULL|<<|=|[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)?.*)?$/;

describe('stringifyYaml', () => {
  it('prints what the yaml package prints with the same options', () => {
    fc.assert(
      fc.property(documents, (doc) => {
        if (hasLineSeparator(doc)) return;
        expect(stringifyYaml(doc)).toBe(stringifyYamlWithPackage(doc));
      }),
      { ...RUNS, numRuns: 2000 },
    );
  });

  it('reads back as the same data in the yaml package, js-yaml and the validator', () => {
    fc.assert(
      fc.property(documents, (doc) => {
        const text = stringifyYaml(doc);
        const expected = normalize(doc);
        for (const version of ['1.1', '1.2'] as const) {
          const [parsed] = parseAllDocuments(text, { version });
          expect(parsed?.errors).toEqual([]);
          expect(normalize(parsed?.toJS())).toEqual(expected);
        }
        expect(normalize(loadAll(text, { schema: CORE_SCHEMA })[0])).toEqual(expected);
        // Strict YAML 1.1 wants a dot in a float; numbers JavaScript prints as `1e-7` read as
        // strings there (as with cdk8s's output), but as numbers in Go's yaml.v2 and YAML 1.2.
        if (!hasExponentNumber(doc))
          expect(normalize(loadAll(text, { schema: YAML11_SCHEMA })[0])).toEqual(expected);
        const [read] = parseDocuments(text);
        expect(read?.error).toBeUndefined();
        expect(read?.duplicateFields).toEqual([]);
        expect(normalize(read?.value)).toEqual(expected);
      }),
      RUNS,
    );
  });

  it('writes a string plain only when no reader takes it for something else', () => {
    fc.assert(
      fc.property(strings, (s) => {
        for (const [text, plain] of [
          [stringifyYaml({ k: s }), `k: ${s}\n`],
          [stringifyYaml([s]), `- ${s}\n`],
          [stringifyYaml({ [s]: 1 }), `${s}: 1\n`],
        ]) {
          if (text !== plain) continue;
          expect(goYamlV2Resolves(s)).toBe(false);
          expect(CORE_12.test(s)).toBe(false);
          expect(PYYAML.test(s)).toBe(false);
        }
      }),
      { ...RUNS, numRuns: 3000 },
    );
  });

  it('reads back as the same data in PyYAML, where it is installed', (ctx) => {
    const probe = spawnSync('python3', ['-c', 'import yaml'], { encoding: 'utf8' });
    if (probe.status !== 0) ctx.skip();
    const graphemes = fc.string({ unit: 'grapheme' });
    const pyStrings = fc.oneof(
      graphemes,
      tricky.filter((s) => !/[\u2028\u2029\u0085\ufeff]/.test(s)),
    );
    const docs = fc.sample(
      fc.dictionary(pyStrings, fc.oneof(pyStrings, fc.integer(), fc.array(pyStrings)), { maxKeys: 5 }),
      {
        seed: RUNS.seed,
        numRuns: 300,
      },
    );
    const script =
      'import sys, json, yaml\nprint(json.dumps([d for d in yaml.safe_load_all(sys.stdin.read())]))';
    const result = spawnSync('python3', ['-c', script], {
      input: stringifyManifests(...docs),
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual(docs.map(normalize));
  });

  it.each([
    [
      'booleans, nulls and numbers as strings',
      { a: 'yes', b: 'off', c: 'y', d: '~', e: '', f: '8080', g: '1e3' },
      'a: "yes"\nb: "off"\nc: "y"\nd: "~"\ne: ""\nf: "8080"\ng: "1e3"\n',
    ],
    [
      'numbers Go reads that YAML 1.1 does not',
      { a: '0o17', b: '0X1F', c: '+_1', d: '1e_5' },
      'a: "0o17"\nb: "0X1F"\nc: "+_1"\nd: "1e_5"\n',
    ],
    ['dates and sexagesimal numbers', { a: '2001-12-14', b: '1:20' }, 'a: "2001-12-14"\nb: "1:20"\n'],
    ['merge keys and PyYAML values', { '<<': '<<', '=': '=' }, '"<<": "<<"\n"=": "="\n'],
    [
      'keys that need quotes',
      { y: 1, 'a: b': 2, '- x': 3, '#': 4, 'a\nb': 5, '': 6 },
      '"y": 1\n"a: b": 2\n"- x": 3\n"#": 4\n"a\\nb": 5\n"": 6\n',
    ],
    [
      'special characters',
      { a: '@x', b: "it's", c: 'say "hi"', d: 'a #b', e: 'a:b', f: ' x' },
      'a: "@x"\nb: it\'s\nc: say "hi"\nd: "a #b"\ne: a:b\nf: " x"\n',
    ],
    [
      'multi-line strings',
      { a: 'x\ny', b: 'x\ny\n', c: 'x\n\n', d: ' x\ny' },
      'a: |-\n  x\n  y\nb: |\n  x\n  y\nc: |+\n  x\n\nd: |2-\n   x\n  y\n',
    ],
    ['empty collections', { a: {}, b: [], c: [{}, []] }, 'a: {}\nb: []\nc:\n  - {}\n  - []\n'],
    ['nested collections', { a: [{ b: 1, c: [2, [3]] }] }, 'a:\n  - b: 1\n    c:\n      - 2\n      - - 3\n'],
    [
      'unicode and control characters',
      { a: 'caf\u00e9 \u{1F600}', b: 'bell\u0007', c: 'a\u2028b' },
      'a: caf\u00e9 \u{1F600}\nb: "bell\\a"\nc: "a\\Lb"\n',
    ],
    [
      'undefined and special numbers',
      { a: undefined, b: -0, c: 1e21, d: 0.1 },
      'a: null\nb: -0\nc: 1e+21\nd: 0.1\n',
    ],
  ])('writes %s', (_name, doc, expected) => {
    expect(stringifyYaml(doc)).toBe(expected);
  });

  it('hands other objects to the yaml package, as cdk8s would', () => {
    const shared = { a: 1 };
    for (const doc of [
      { when: new Date(0) },
      { map: new Map([['k', 'v']]) },
      { first: shared, second: shared },
      { [`${'k'.repeat(1100)}`]: 1 },
      'a scalar',
    ]) {
      expect(stringifyYaml(doc)).toBe(stringifyYamlWithPackage(doc));
      expect(stringifyYaml(doc)).toBe(Yaml.stringify(doc));
    }
  });

  it('separates documents as cdk8s does', () => {
    const docs = [{ kind: 'A' }, undefined, { kind: 'B' }];
    expect(stringifyManifests(...docs)).toBe(Yaml.stringify(...docs));
    expect(stringifyManifests()).toBe(Yaml.stringify());
  });
});
