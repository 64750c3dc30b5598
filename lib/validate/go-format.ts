/**
 * Go's value formatting, as the API server uses it in error messages: `strconv.Quote` for
 * strings (`%q`), `%v` for numbers and `%#v` for maps and slices. Messages must match the API
 * server byte for byte, so this follows Go's rules rather than JavaScript's `String()`.
 */

/** A JSON value as the decoder produced it. Numbers carry whether Go would see int64 or float64. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

// 2^63: the smallest magnitude a float64 can hold that an int64 cannot.
const TWO_POW_63 = 2 ** 63;

/**
 * Whether Go's JSON decoder (with PreserveInts) would hold this number as int64: integral and in
 * range. YAML documents reach the API server through a YAML→JSON conversion that prints
 * integral floats without a fraction, so `1.0` in YAML is an int64 on the server too.
 */
export function isGoInt(n: number): boolean {
  return Number.isInteger(n) && n >= -TWO_POW_63 && n < TWO_POW_63;
}

const NAMED_ESCAPES: Record<string, string> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '\\': '\\\\',
  '"': '\\"',
};

// Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** Go `strconv.Quote`. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const named = NAMED_ESCAPES[ch];
    if (named !== undefined) {
      out += named;
      continue;
    }
    const cp = ch.codePointAt(0) ?? 0;
    if (cp >= 0xd800 && cp <= 0xdfff) {
      // A lone surrogate cannot survive Go's UTF-8 decoding; it becomes U+FFFD.
      out += '\uFFFD';
    } else if (cp < 0x80) {
      out += cp < 0x20 || cp === 0x7f ? `\\x${cp.toString(16).padStart(2, '0')}` : ch;
    } else if (PRINTABLE.test(ch)) {
      out += ch;
    } else if (cp < 0x10000) {
      out += `\\u${cp.toString(16).padStart(4, '0')}`;
    } else {
      out += `\\U${cp.toString(16).padStart(8, '0')}`;
    }
  }
  return `${out}"`;
}

/** Go `%v` of a float64: shortest `%g`, exponent form when the decimal exponent is < -4 or >= 6. */
export function goFloat(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Number.POSITIVE_INFINITY) return '+Inf';
  if (n === Number.NEGATIVE_INFINITY) return '-Inf';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  // toExponential() without an argument yields the shortest round-tripping digits, like Go's
  // shortest formatting; Go then picks %e when exp < -4 || exp >= 6 (precision 6 for shortest).
  const [mantissa = '0', expText = '0'] = n.toExponential().split('e');
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? '-' : '+';
    const digits = String(Math.abs(exp)).padStart(2, '0');
    return `${mantissa}e${sign}${digits}`;
  }
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  let text: string;
  if (exp >= 0) {
    text =
      digits.length > exp + 1
        ? `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`
        : digits.padEnd(exp + 1, '0');
  } else {
    text = `0.${'0'.repeat(-exp - 1)}${digits}`;
  }
  return negative ? `-${text}` : text;
}

/** Go `%v` of a number as the decoder holds it (int64 or float64). */
export function goNumber(n: number): string {
  return isGoInt(n) ? BigInt(n).toString() : goFloat(n);
}

/** Go `%#v` of an `interface{}` holding a decoded JSON value. */
export function goSharpV(v: unknown): string {
  if (v === null || v === undefined) return 'interface {}(nil)';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number') return goNumber(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[]interface {}{${v.map(goSharpV).join(', ')}}`;
  if (typeof v === 'object') {
    const entries = Object.keys(v)
      .sort(compareGoStrings)
      .map((k) => `${goQuote(k)}:${goSharpV((v as Record<string, unknown>)[k])}`);
    return `map[string]interface {}{${entries.join(', ')}}`;
  }
  return String(v);
}

/** Go's string ordering (bytewise on UTF-8), which `sort.Strings` and `fmt`'s map printing use. */
export function compareGoStrings(a: string, b: string): number {
  if (a === b) return 0;
  // UTF-8 byte order is code point order; UTF-16 code unit order differs only around surrogates.
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done) return y.done ? 0 : -1;
    if (y.done) return 1;
    const cx = x.value.codePointAt(0) ?? 0;
    const cy = y.value.codePointAt(0) ?? 0;
    if (cx !== cy) return cx < cy ? -1 : 1;
  }
}

/** Length in Unicode code points, as Go's `utf8.RuneCountInString`. */
export function runeCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Length in UTF-8 bytes, as Go's `len(string)`. */
export function byteLength(s: string): number {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}
