/**
 * The string formats kube-openapi's default registry checks on custom resources (after the API
 * server strips the formats it does not support). Each follows the Go validator it replaces.
 */

const DATE_TIME_CLOCK = /^([0-9]{2}):([0-9]{2}):([0-9]{2})([^\n][0-9]+)?(z|([+-][0-9]{2}:[0-9]{2}))$/u;

/** Go `time.Parse("2006-01-02", s)`. */
export function isDate(s: string): boolean {
  const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(s);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

/** strfmt `IsDateTime`. */
export function isDateTime(s: string): boolean {
  if (s.length < 4) return false;
  const parts = s.toLowerCase().split('t');
  if (parts.length < 2 || !isDate(parts[0] ?? '')) return false;
  const m = DATE_TIME_CLOCK.exec(parts[1] ?? '');
  if (!m) return false;
  return (m[1] ?? '') <= '23' && (m[2] ?? '') <= '59' && (m[3] ?? '') <= '59';
}

const GO_UNITS: Record<string, bigint> = {
  ns: 1n,
  us: 1000n,
  µs: 1000n, // U+00B5 micro sign
  μs: 1000n, // U+03BC Greek mu
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};
const MAX_DURATION = 9223372036854775807n;

/**
 * Go `time.ParseDuration`, returning nanoseconds or undefined when Go reports an error
 * (including overflow beyond int64 nanoseconds).
 */
export function parseGoDuration(input: string): bigint | undefined {
  let s = input;
  let negative = false;
  if (s.startsWith('-') || s.startsWith('+')) {
    negative = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') return undefined;
  let total = 0n;
  while (s !== '') {
    const m = /^([0-9]*)(\.([0-9]*))?/.exec(s);
    const intPart = m?.[1] ?? '';
    const fracPart = m?.[3] ?? '';
    const hasDot = m?.[2] !== undefined;
    if (intPart === '' && (!hasDot || fracPart === '')) return undefined;
    s = s.slice(m?.[0].length ?? 0);
    const unitMatch = /^[^0-9.]+/u.exec(s);
    if (!unitMatch) return undefined;
    const unit = GO_UNITS[unitMatch[0]];
    if (unit === undefined) return undefined;
    s = s.slice(unitMatch[0].length);
    const whole = BigInt(intPart === '' ? '0' : intPart);
    let value = whole * unit;
    if (fracPart !== '') {
      // Go scales the fraction with float64 arithmetic; nanosecond truncation matches for the
      // precisions that occur in practice.
      const scale = 10n ** BigInt(fracPart.length);
      value += (BigInt(fracPart) * unit) / scale;
    }
    total += value;
    if (total > MAX_DURATION + (negative ? 1n : 0n)) return undefined;
  }
  return negative ? -total : total;
}

const LENIENT_UNITS: string[][] = [
  ['ns', 'nano'],
  ['us', 'µs', 'micro'],
  ['ms', 'milli'],
  ['s', 'sec'],
  ['m', 'min'],
  ['h', 'hr', 'hour'],
  ['d', 'day'],
  ['w', 'wk', 'week'],
];

/** strfmt `IsDuration`: Go's syntax, or kube-openapi's lenient "<n> <unit>" matcher. */
export function isDuration(s: string): boolean {
  if (parseGoDuration(s) !== undefined) return true;
  for (const m of s.matchAll(/([0-9]+)[\t\n\f\r ]*([A-Za-zµ]+)/gu)) {
    const unit = (m[2] ?? '').toLowerCase().trim();
    for (const variants of LENIENT_UNITS) {
      const last = variants.length - 1;
      if (variants.some((v, i) => (i === last && unit.startsWith(v)) || v.toLowerCase() === unit))
        return true;
    }
  }
  return false;
}

/** Go `url.ParseRequestURI(s)` succeeds (the check behind format `uri`). */
export function isRequestURI(s: string): boolean {
  if (s === '') return false;
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (c < 0x20 || c === 0x7f) return false;
  }
  if (s === '*') return true;
  let rest = s;
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(s);
  if (scheme) {
    rest = s.slice(scheme[0].length);
  } else {
    const colon = s.indexOf(':');
    const slash = s.indexOf('/');
    if (colon === 0) return false; // missing protocol scheme
    if (colon > 0 && (slash < 0 || colon < slash) && /^[0-9+.-]/.test(s)) return false;
    if (!s.startsWith('/')) return false;
  }
  if (scheme && !rest.startsWith('/')) {
    // An opaque URI ("mailto:x") is acceptable; its text is not unescaped.
    return true;
  }
  if (rest.startsWith('//')) {
    const end = rest.indexOf('/', 2);
    const authority = end < 0 ? rest.slice(2) : rest.slice(2, end);
    rest = end < 0 ? '' : rest.slice(end);
    if (!validAuthority(authority)) return false;
  }
  return validEscapes(rest.split('?')[0] ?? '');
}

function validEscapes(s: string): boolean {
  for (let i = s.indexOf('%'); i >= 0; i = s.indexOf('%', i + 1)) {
    if (!/^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) return false;
  }
  return true;
}

function validAuthority(authority: string): boolean {
  const at = authority.lastIndexOf('@');
  const host = at < 0 ? authority : authority.slice(at + 1);
  if (host.startsWith('[')) {
    const close = host.indexOf(']');
    if (close < 0) return false;
    const after = host.slice(close + 1);
    return after === '' || /^:[0-9]*$/.test(after);
  }
  const colon = host.indexOf(':');
  if (colon >= 0 && !/^:[0-9]*$/.test(host.slice(colon))) return false;
  return validEscapes(host);
}

/** The format checks by normalised name; a format not listed here is not checked. */
export const FORMAT_CHECKS: Record<string, (s: string) => boolean> = {
  datetime: isDateTime,
  date: isDate,
  duration: isDuration,
  uri: isRequestURI,
};
