/**
 * YAML for Kubernetes manifests, fast. `stringifyManifests(...docs)` is a drop-in for cdk8s's
 * `Yaml.stringify(...docs)` (the `yaml` package with `{ version: '1.1', lineWidth: 0,
 * keepUndefined: true }`) and prints the same bytes, about ten times faster: plain JSON data
 * (what `ApiObject.toJson()` returns) is written directly, following the `yaml` package's own
 * rules for block collections and string styles; anything else (dates, maps, class instances,
 * objects referenced twice, keys over 1024 characters) is handed to the `yaml` package.
 *
 * One deliberate difference: strings that the readers of these files would take for something
 * else are quoted even where the `yaml` package leaves them plain. Go's yaml.v2 (kubectl, Argo
 * CD, through sigs.k8s.io/yaml) reads `0o17`, `0X1F`, `0B1`, `+_1` and `1e_5` as numbers; YAML
 * 1.2 readers read `0o17`; `<<` as a key is a merge key; PyYAML rejects a plain `=` and `<<`. The
 * `yaml` package writes these plain, so a round trip would change the data; here (and, through
 * custom tags, in the fallback) they come out quoted. The fast path also writes U+2028 and
 * U+2029, which YAML 1.1 readers take for line breaks, as escapes.
 */
import { Document, type Tags, stringify as yamlStringify } from 'yaml';

const STR = 'tag:yaml.org,2002:str';

/**
 * Numbers as Go's yaml.v2 resolves plain scalars: after removing every `_`, anything
 * `strconv.ParseInt(s, 0, 64)` accepts (signs, `0b`/`0o`/`0x` in either case, leading-zero
 * octal) or its float pattern matches; only strings starting with a sign, a digit or `.` are
 * tried. Written with `_*` between the characters instead of removing them first, because the
 * `yaml` package asks its tags with a regular expression.
 */
const GO_INT =
  /^(?=[-+0-9])[-+]?_*(?:0_*[bB](?:_*[01])+|0_*[oO](?:_*[0-7])+|0_*[xX](?:_*[0-9a-fA-F])+|[0-9](?:_*[0-9])*)_*$/;
const GO_FLOAT =
  /^(?=[-+0-9.])[-+]?_*(?:\.(?:_*[0-9])+|[0-9](?:_*[0-9])*(?:_*\.(?:_*[0-9])*)?)(?:_*[eE]_*[-+]?(?:_*[0-9])+)?_*$/;

/** Tags that never claim a value, only make the strings they match quoted. */
const QUOTE_ONLY: Tags = [
  {
    tag: 'tag:yaml.org,2002:int',
    default: true,
    test: GO_INT,
    identify: () => false,
    resolve: (s: string) => s,
  },
  {
    tag: 'tag:yaml.org,2002:float',
    default: true,
    test: GO_FLOAT,
    identify: () => false,
    resolve: (s: string) => s,
  },
  // PyYAML's `value` tag.
  {
    tag: 'tag:yaml.org,2002:value',
    default: true,
    test: /^=$/,
    identify: () => false,
    resolve: (s: string) => s,
  },
];
/**
 * The `yaml` package writes the string `<<` as a bare merge key; claiming it first as a string
 * that prints quoted keeps it a string.
 */
const MERGE_KEY_AS_STRING: Tags[number] = {
  tag: STR,
  default: true,
  test: /^<<$/,
  identify: (v) => v === '<<',
  resolve: (s: string) => s,
  stringify: () => '"<<"',
};
const customTags = (tags: Tags): Tags => [MERGE_KEY_AS_STRING, ...tags, ...QUOTE_ONLY];

/** cdk8s's options, plus the quoting above. */
const OPTIONS = { keepUndefined: true, lineWidth: 0, version: '1.1', customTags } as const;

interface TestTag {
  readonly tag: string;
  readonly default?: boolean | 'key';
  readonly test?: RegExp;
}
/** Tags whose plain form a string must not take (the `yaml` package quotes such strings). */
const RESOLVING_TAGS = (new Document(null, OPTIONS).schema.tags as readonly TestTag[]).filter(
  (t) => t.default && t.tag !== STR && t.test !== undefined,
);
/**
 * First characters any of those tags can match, so most strings skip the regular expressions;
 * a test checks the set against every tag.
 */
const MAY_RESOLVE = new Set('~nNyYtTfFoOeE<=+-.0123456789');

// The `yaml` package's rules for string styles (stringifyString.js), for block context.
// biome-ignore lint/suspicious/noControlCharactersInRegex: strings with control characters are double-quoted
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u{D800}-\u{DFFF}]/u;
const LINE_SEPARATORS = /[\u2028\u2029]/g;
const NOT_PLAIN = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
const DOCUMENT_MARKER = /^(%|---|\.\.\.)/m;
const BLOCK_END_NEWLINES = /(^|(?<!\n))\n+(?!\n|$)/g;
const INDENT_STEP = '  ';

/** Thrown by the fast path for input it leaves to the `yaml` package. */
class NotPlainJson extends Error {}

function mayResolve(value: string): boolean {
  if (value !== '' && !MAY_RESOLVE.has(value[0] as string)) return false;
  for (const tag of RESOLVING_TAGS) if (tag.test?.test(value)) return true;
  return false;
}

function doubleQuoted(value: string, implicitKey: boolean, ctxIndent: string): string {
  // JSON leaves U+2028 and U+2029 raw, which YAML 1.1 readers take for line breaks; escaped here
  // (and then written `\L`, `\P`). The `yaml` package has no such step.
  const json = JSON.stringify(value).replace(LINE_SEPARATORS, (c) =>
    c === '\u2028' ? '\\u2028' : '\\u2029',
  );
  const indent = ctxIndent || (DOCUMENT_MARKER.test(value) ? INDENT_STEP : '');
  let str = '';
  let start = 0;
  for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
    if (ch === ' ' && json[i + 1] === '\\' && json[i + 2] === 'n') {
      // A space before a line break is escaped, or folding would eat it.
      str += `${json.slice(start, i)}\\ `;
      i += 1;
      start = i;
      ch = '\\';
    }
    if (ch !== '\\') continue;
    const next = json[i + 1];
    if (next === 'u') {
      str += json.slice(start, i);
      const code = json.slice(i + 2, i + 6);
      str += UNICODE_ESCAPES[code] ?? (code.startsWith('00') ? `\\x${code.slice(2)}` : json.slice(i, i + 6));
      i += 5;
      start = i + 1;
    } else if (next === 'n') {
      if (implicitKey || json[i + 2] === '"' || json.length < 40) {
        i += 1;
      } else {
        // A line break is written as a folded empty line.
        str += `${json.slice(start, i)}\n\n`;
        while (json[i + 2] === '\\' && json[i + 3] === 'n' && json[i + 4] !== '"') {
          str += '\n';
          i += 2;
        }
        str += indent;
        if (json[i + 2] === ' ') str += '\\';
        i += 1;
        start = i + 1;
      }
    } else {
      i += 1;
    }
  }
  return start ? str + json.slice(start) : json;
}

const UNICODE_ESCAPES: Record<string, string> = {
  '0000': '\\0',
  '0007': '\\a',
  '000b': '\\v',
  '001b': '\\e',
  '0085': '\\N',
  '00a0': '\\_',
  '2028': '\\L',
  '2029': '\\P',
};

function singleQuoted(value: string, implicitKey: boolean, ctxIndent: string): string {
  if ((implicitKey && value.includes('\n')) || /[ \t]\n|\n[ \t]/.test(value))
    return doubleQuoted(value, implicitKey, ctxIndent);
  const indent = ctxIndent || (DOCUMENT_MARKER.test(value) ? INDENT_STEP : '');
  return `'${value.replace(/'/g, "''").replace(/\n+/g, `$&\n${indent}`)}'`;
}

function quoted(value: string, implicitKey: boolean, indent: string): string {
  const hasDouble = value.includes('"');
  const hasSingle = value.includes("'");
  return hasDouble && !hasSingle
    ? singleQuoted(value, implicitKey, indent)
    : doubleQuoted(value, implicitKey, indent);
}

/** A literal block scalar (`|`), with the chomping and indentation indicators it needs. */
function blockString(text: string, ctxIndent: string): string {
  // A block cannot end in white space after its last line break.
  if (/\n[\t ]+$/.test(text)) return quoted(text, false, ctxIndent);
  const indent = ctxIndent || (DOCUMENT_MARKER.test(text) ? INDENT_STEP : '');
  let value = text;
  let endStart = value.length;
  while (endStart > 0) {
    const ch = value[endStart - 1];
    if (ch !== '\n' && ch !== '\t' && ch !== ' ') break;
    endStart--;
  }
  let end = value.substring(endStart);
  const endNlPos = end.indexOf('\n');
  const chomp = endNlPos === -1 ? '-' : value === end || endNlPos !== end.length - 1 ? '+' : '';
  if (end) {
    value = value.slice(0, -end.length);
    if (end[end.length - 1] === '\n') end = end.slice(0, -1);
    end = end.replace(BLOCK_END_NEWLINES, `$&${indent}`);
  }
  let startWithSpace = false;
  let startEnd = 0;
  let startNlPos = -1;
  for (; startEnd < value.length; ++startEnd) {
    const ch = value[startEnd];
    if (ch === ' ') startWithSpace = true;
    else if (ch === '\n') startNlPos = startEnd;
    else break;
  }
  let start = value.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
  if (start) {
    value = value.substring(start.length);
    start = start.replace(/\n+/g, `$&${indent}`);
  }
  const header = (startWithSpace ? (indent ? '2' : '1') : '') + chomp;
  return `|${header}\n${indent}${start}${value.replace(/\n+/g, `$&${indent}`)}${end}`;
}

/** A string in block context: plain when it reads back as the same string, else quoted or a block. */
function stringValue(value: string, implicitKey: boolean, indent: string): string {
  if (CONTROL.test(value)) return doubleQuoted(value, implicitKey, indent);
  const multiline = value.includes('\n');
  if (implicitKey && multiline) return quoted(value, true, indent);
  if (NOT_PLAIN.test(value))
    return implicitKey || !multiline ? quoted(value, implicitKey, indent) : blockString(value, indent);
  if (multiline) return blockString(value, indent);
  if (DOCUMENT_MARKER.test(value)) {
    // Only a scalar at the root has no indentation; the fast path writes collections there.
    if (indent === '') throw new NotPlainJson();
    if (implicitKey && indent === INDENT_STEP) return quoted(value, true, indent);
  }
  if (value === '<<' || mayResolve(value)) return quoted(value, implicitKey, indent);
  return value;
}

function scalarValue(value: unknown, indent: string): string {
  switch (typeof value) {
    case 'string':
      return stringValue(value, false, indent);
    case 'number':
      if (Number.isFinite(value)) return Object.is(value, -0) ? '-0' : JSON.stringify(value);
      return Number.isNaN(value) ? '.nan' : value < 0 ? '-.inf' : '.inf';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
      return 'null';
    default:
      if (value === null) return 'null';
      throw new NotPlainJson();
  }
}

/** A plain object or array (what JSON has); other objects go to the `yaml` package. */
function kindOf(value: unknown): 'map' | 'seq' | 'scalar' {
  if (typeof value !== 'object' || value === null) return 'scalar';
  if (Array.isArray(value)) return 'seq';
  const proto = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) return 'map';
  throw new NotPlainJson();
}

class Writer {
  /** Objects already written: the `yaml` package writes a second reference as an alias. */
  readonly #seen = new Set<object>();
  readonly #keys = new Map<string, string>();
  readonly #rootKeys = new Map<string, string>();

  #enter(value: object): void {
    if (this.#seen.has(value)) throw new NotPlainJson();
    this.#seen.add(value);
  }

  /** A key: cached, since manifests repeat the same few keys. */
  #key(key: string, indent: string): string {
    const cache = indent === INDENT_STEP ? this.#rootKeys : this.#keys;
    let out = cache.get(key);
    if (out === undefined) {
      out = stringValue(key, true, indent);
      // The `yaml` package writes longer keys in explicit `? key` form.
      if (out.length > 1024) throw new NotPlainJson();
      cache.set(key, out);
    }
    return out;
  }

  /** A non-empty mapping whose first line follows text already written. */
  map(obj: Record<string, unknown>, indent: string): string {
    this.#enter(obj);
    const inner = indent + INDENT_STEP;
    let out = '';
    let first = true;
    for (const key of Object.keys(obj)) {
      const value = obj[key];
      if (!first) out += `\n${indent}`;
      first = false;
      out += `${this.#key(key, inner)}:`;
      out += this.#value(value, inner, ' ', `\n${inner}`);
    }
    return out;
  }

  /** A non-empty sequence whose first line follows text already written. */
  seq(arr: readonly unknown[], indent: string): string {
    this.#enter(arr);
    const inner = indent + INDENT_STEP;
    let out = '';
    for (let i = 0; i < arr.length; i++) {
      if (i > 0) out += `\n${indent}`;
      out += '- ';
      out += this.#value(arr[i], inner, '', '');
    }
    return out;
  }

  /** A value after `key:` or `- `: scalars and empty collections on the same line. */
  #value(value: unknown, indent: string, inlineSep: string, blockSep: string): string {
    switch (kindOf(value)) {
      case 'map': {
        const obj = value as Record<string, unknown>;
        for (const _ in obj) return blockSep + this.map(obj, indent);
        this.#enter(obj);
        return `${inlineSep}{}`;
      }
      case 'seq': {
        const arr = value as unknown[];
        if (arr.length > 0) return blockSep + this.seq(arr, indent);
        this.#enter(arr);
        return `${inlineSep}[]`;
      }
      default:
        return inlineSep + scalarValue(value, indent);
    }
  }

  document(value: unknown): string {
    switch (kindOf(value)) {
      case 'map': {
        const obj = value as Record<string, unknown>;
        for (const _ in obj) return `${this.map(obj, '')}\n`;
        return '{}\n';
      }
      case 'seq': {
        const arr = value as unknown[];
        return arr.length > 0 ? `${this.seq(arr, '')}\n` : '[]\n';
      }
      default:
        throw new NotPlainJson();
    }
  }
}

/** One YAML document, as `YAML.stringify(value, cdk8s's options)` writes it (see above). */
export function stringifyYaml(value: unknown): string {
  try {
    return new Writer().document(value);
  } catch (e) {
    if (!(e instanceof NotPlainJson)) throw e;
    return stringifyYamlWithPackage(value);
  }
}

/** The reference: the `yaml` package with cdk8s's options and the quoting above. */
export function stringifyYamlWithPackage(value: unknown): string {
  return yamlStringify(value, OPTIONS);
}

/**
 * Several documents separated by `---`, as cdk8s's `Yaml.stringify(...docs)` writes them (an
 * undefined document is an empty line).
 */
export function stringifyManifests(...docs: readonly unknown[]): string {
  return docs.map((d) => (d === undefined ? '\n' : stringifyYaml(d))).join('---\n');
}
