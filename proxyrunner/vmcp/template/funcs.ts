/**
 * Template functions: Go's builtins (`and`, `or`, `not`, `len`, `index`, `slice`, `eq`…`ge`,
 * `print`, `printf`, `println`, `html`, `js`, `urlquery`) plus ToolHive's `json`, `quote` and
 * `fromJson` (pkg/templates/funcs.go).
 */
import { formatFloat, formatNumber, goJson, goQuote, MISSING, sprint } from './format.ts';

export type TemplateFunc = (...args: unknown[]) => unknown;

/** Go's truth: false, 0, nil, and empty strings, lists and maps are false. */
export function truth(v: unknown): boolean {
  if (v === MISSING || v === undefined || v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return v.length > 0;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

function kindOf(v: unknown): string {
  if (v === MISSING || v === undefined) return 'invalid';
  if (v === null) return 'nil';
  if (Array.isArray(v)) return 'slice';
  return typeof v === 'object' ? 'map' : typeof v;
}

function basicEq(a: unknown, b: unknown): boolean {
  const ka = kindOf(a);
  const kb = kindOf(b);
  if (ka === 'invalid' || kb === 'invalid') throw new Error('invalid type for comparison');
  if (ka === 'nil' || kb === 'nil') return ka === kb;
  if (ka === 'slice' || ka === 'map' || kb === 'slice' || kb === 'map') {
    throw new Error(`non-comparable type ${sprint(ka === 'slice' || ka === 'map' ? a : b)}`);
  }
  if (ka !== kb) throw new Error('incompatible types for comparison');
  return a === b;
}

function compare(a: unknown, b: unknown): number {
  const ka = kindOf(a);
  const kb = kindOf(b);
  if (ka !== kb || (ka !== 'number' && ka !== 'string')) {
    if (ka === kb) throw new Error(`invalid type for comparison`);
    throw new Error('incompatible types for comparison');
  }
  return (a as number | string) < (b as number | string) ? -1 : a === b ? 0 : 1;
}

function toInt(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new Error(`cannot index slice/array with ${what}`);
  return v;
}

function index(item: unknown, ...indexes: unknown[]): unknown {
  let v = item;
  for (const ix of indexes) {
    if (v === MISSING || v === undefined || v === null) throw new Error('index of untyped nil');
    if (Array.isArray(v) || typeof v === 'string') {
      const i = toInt(ix, `type ${kindOf(ix)}`);
      if (i < 0 || i >= v.length) throw new Error(`error calling index: index out of range: ${i}`);
      v = typeof v === 'string' ? Buffer.from(v)[i] : v[i];
    } else if (typeof v === 'object') {
      if (typeof ix !== 'string') throw new Error(`value has type ${kindOf(ix)}; should be string`);
      const rec = v as Record<string, unknown>;
      v = Object.hasOwn(rec, ix) ? rec[ix] : MISSING;
    } else {
      throw new Error(`can't index item of type ${kindOf(v)}`);
    }
  }
  return v;
}

function slice(item: unknown, ...bounds: unknown[]): unknown {
  if (typeof item !== 'string' && !Array.isArray(item))
    throw new Error(`can't slice item of type ${kindOf(item)}`);
  const ix = bounds.map((b) => toInt(b, 'non-integer'));
  const len = item.length;
  const lo = ix[0] ?? 0;
  const hi = ix[1] ?? len;
  if (lo < 0 || hi < lo || hi > len) throw new Error(`error calling slice: index out of range: ${hi}`);
  return item.slice(lo, hi);
}

/** fmt.Sprint: spaces between operands when neither side is a string. */
function goSprint(args: unknown[]): string {
  let out = '';
  args.forEach((a, i) => {
    if (i > 0 && typeof a !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += sprint(a);
  });
  return out;
}

/** fmt.Sprintf for the verbs templates use: %v %s %d %f %g %e %t %q %x %X %c %%. */
function sprintf(format: unknown, ...args: unknown[]): string {
  if (typeof format !== 'string') throw new Error('printf: format must be a string');
  let argi = 0;
  return format.replace(
    /%([-+# 0]*)(\d+)?(?:\.(\d+))?([vsdfgetqxXc%])/g,
    (_m, flags: string, width: string | undefined, prec: string | undefined, verb: string) => {
      if (verb === '%') return '%';
      if (argi >= args.length) return `%!${verb}(MISSING)`;
      const a = args[argi++];
      let s: string;
      switch (verb) {
        case 'v':
        case 's':
          s = typeof a === 'string' && prec !== undefined ? a.slice(0, Number(prec)) : sprint(a);
          break;
        case 'd':
          s = typeof a === 'number' ? String(Math.trunc(a)) : `%!d(${typeof a}=${sprint(a)})`;
          break;
        case 'f':
          s = typeof a === 'number' ? a.toFixed(prec === undefined ? 6 : Number(prec)) : `%!f(${sprint(a)})`;
          break;
        case 'e':
          s = typeof a === 'number' ? goExp(a, prec === undefined ? 6 : Number(prec)) : `%!e(${sprint(a)})`;
          break;
        case 'g':
          s = typeof a === 'number' ? formatFloat(a) : `%!g(${sprint(a)})`;
          break;
        case 't':
          s = typeof a === 'boolean' ? String(a) : `%!t(${sprint(a)})`;
          break;
        case 'q':
          s = typeof a === 'string' ? goQuote(a) : goQuote(sprint(a));
          break;
        case 'x':
        case 'X': {
          const hex =
            typeof a === 'number'
              ? Math.trunc(a).toString(16)
              : Buffer.from(typeof a === 'string' ? a : sprint(a)).toString('hex');
          s = verb === 'X' ? hex.toUpperCase() : hex;
          break;
        }
        case 'c':
          s = typeof a === 'number' ? String.fromCodePoint(a) : `%!c(${sprint(a)})`;
          break;
        default:
          s = sprint(a);
      }
      if (width !== undefined && s.length < Number(width)) {
        const pad = (flags.includes('0') && !flags.includes('-') ? '0' : ' ').repeat(
          Number(width) - s.length,
        );
        s = flags.includes('-') ? s + pad : pad + s;
      }
      return s;
    },
  );
}

function goExp(n: number, prec: number): string {
  return n.toExponential(prec).replace(/e([+-])(\d)$/, 'e$10$2');
}

function htmlEscape(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&#34;')
    .replace(/'/g, '&#39;')
    .replace(/\0/g, '\uFFFD');
}

function jsEscape(s: string): string {
  return s.replace(/[\\'"<>&=\n\r\t]/g, (c) => {
    switch (c) {
      case '\\':
        return '\\\\';
      case "'":
        return "\\'";
      case '"':
        return '\\"';
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      default:
        return `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    }
  });
}

export const FUNCS: Record<string, TemplateFunc> = {
  and: () => undefined, // evaluated lazily by the executor
  or: () => undefined,
  not: (v) => !truth(v),
  len: (v) => {
    if (typeof v === 'string') return Buffer.byteLength(v);
    if (Array.isArray(v)) return v.length;
    if (v !== null && typeof v === 'object') return Object.keys(v).length;
    throw new Error(
      `error calling len: len of ${v === MISSING || v === null ? 'nil pointer' : `type ${kindOf(v)}`}`,
    );
  },
  index: (item, ...ix) => index(item, ...ix),
  slice: (item, ...b) => slice(item, ...b),
  eq: (a, ...rest) => {
    if (rest.length === 0) throw new Error('missing argument for comparison');
    return rest.some((b) => basicEq(a, b));
  },
  ne: (a, b) => !basicEq(a, b),
  lt: (a, b) => compare(a, b) < 0,
  le: (a, b) => compare(a, b) <= 0,
  gt: (a, b) => compare(a, b) > 0,
  ge: (a, b) => compare(a, b) >= 0,
  print: (...a) => goSprint(a),
  println: (...a) => `${a.map(sprint).join(' ')}\n`,
  printf: (f, ...a) => sprintf(f, ...a),
  html: (...a) => htmlEscape(goSprint(a)),
  js: (...a) => jsEscape(goSprint(a)),
  urlquery: (...a) => encodeURIComponent(goSprint(a)).replace(/%20/g, '+'),
  // ToolHive's additions.
  json: (v) => goJson(v),
  quote: (v) => {
    if (typeof v !== 'string') {
      throw new Error(
        `wrong type for value; expected string; got ${v === null ? 'interface {}' : kindOf(v)}`,
      );
    }
    return goQuote(v);
  },
  fromJson: (v) => {
    if (typeof v !== 'string') throw new Error(`wrong type for value; expected string; got ${kindOf(v)}`);
    try {
      return JSON.parse(v) as unknown;
    } catch (err) {
      throw new Error(`failed to unmarshal JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
  },
};

export const FUNC_NAMES: ReadonlySet<string> = new Set(Object.keys(FUNCS));

export { formatNumber };
