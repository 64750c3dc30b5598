/**
 * How Go prints values in templates (`fmt.Sprint`, `%v`, `%q`, `json.Marshal`), so a template
 * renders byte for byte what ToolHive renders: JSON numbers are float64 in Go (1000000 prints as
 * `1e+06`), maps print as `map[a:1 b:2]` with sorted keys, lists as `[a b]`.
 */

/** A map key that was not there: Go's invalid reflect.Value, printed `<no value>`. */
export const MISSING: unique symbol = Symbol('missing');
export type Missing = typeof MISSING;

/**
 * strconv.FormatFloat(f, 'g', -1, 64), which `%v` uses for float64: shortest round-trip digits,
 * exponent form when the exponent is < -4 or >= 6 (so 1234567.5 prints `1.2345675e+06`).
 */
export function formatFloat(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Number.POSITIVE_INFINITY) return '+Inf';
  if (f === Number.NEGATIVE_INFINITY) return '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(f.toExponential());
  if (!m) return String(f);
  const e = Number(m[4]);
  const digits = `${m[2]}${m[3] ?? ''}`;
  if (e < -4 || e >= 6) {
    const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const es = Math.abs(e) < 10 ? `0${Math.abs(e)}` : String(Math.abs(e));
    return `${m[1]}${mant}e${e < 0 ? '-' : '+'}${es}`;
  }
  return m[1] + plainDigits(digits, e);
}

function plainDigits(digits: string, e: number): string {
  if (e < 0) return `0.${'0'.repeat(-e - 1)}${digits}`;
  if (digits.length <= e + 1) return digits + '0'.repeat(e + 1 - digits.length);
  return `${digits.slice(0, e + 1)}.${digits.slice(e + 1)}`;
}

/** Go's `%v` of a JSON-decoded value. */
export function sprint(v: unknown): string {
  if (v === MISSING || v === undefined) return '<no value>';
  if (v === null) return '<nil>';
  switch (typeof v) {
    case 'string':
      return v;
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      return formatNumber(v);
    case 'bigint':
      return v.toString();
    default:
      break;
  }
  if (Array.isArray(v)) return `[${v.map(sprintNested).join(' ')}]`;
  if (typeof v === 'object') {
    const entries = Object.keys(v as object)
      .sort()
      .map((k) => `${k}:${sprintNested((v as Record<string, unknown>)[k])}`);
    return `map[${entries.join(' ')}]`;
  }
  return String(v);
}

function sprintNested(v: unknown): string {
  // Inside a composite value a nil interface prints as <nil>, never <no value>.
  if (v === MISSING || v === undefined || v === null) return '<nil>';
  return sprint(v);
}

/**
 * Numbers from JSON are float64 in Go, so ToolHive prints 1000000 as `1e+06` and then fails to
 * turn it back into an integer argument. Whole numbers print plainly here (below 1e21, as JSON
 * does) so they survive the round trip; fractions print exactly as Go prints them.
 */
export function formatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  return formatFloat(n);
}

/** strconv.Quote: a Go double-quoted string literal. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case '\\':
        out += '\\\\';
        continue;
      case '\x07':
        out += '\\a';
        continue;
      case '\b':
        out += '\\b';
        continue;
      case '\f':
        out += '\\f';
        continue;
      case '\n':
        out += '\\n';
        continue;
      case '\r':
        out += '\\r';
        continue;
      case '\t':
        out += '\\t';
        continue;
      case '\v':
        out += '\\v';
        continue;
      default:
        break;
    }
    if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp >= 0x80 && cp < 0xa0) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else if (cp === 0xfffd && ch !== '\ufffd') out += '\\ufffd';
    else out += ch;
  }
  return `${out}"`;
}

/** encoding/json.Marshal: sorted map keys, HTML-safe escaping of <, > and &. */
export function goJson(v: unknown): string {
  const text = JSON.stringify(sortKeys(v === MISSING ? null : v));
  if (text === undefined) return 'null';
  return text
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}
