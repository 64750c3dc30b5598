/** Go `time.ParseDuration` syntax (`"1m30s"`, `"500ms"`, `"2h"`), as ToolHive's configs use it. */

const UNITS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

const PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;

/** Parses a Go duration into milliseconds; throws on anything Go would reject. */
export function parseGoDuration(text: string): number {
  let s = text.trim();
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') throw new Error(`invalid duration "${text}"`);
  let total = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < s.length) {
    const m = PART.exec(s);
    if (!m) throw new Error(`invalid duration "${text}"`);
    total += Number(m[1]) * (UNITS[m[2]!] ?? Number.NaN);
  }
  if (!Number.isFinite(total)) throw new Error(`invalid duration "${text}"`);
  return sign * total;
}

/** A timeout given as a Go duration string or as nanoseconds (ToolHive's JSON encodes both). */
export function parseDurationOrNanos(value: string | number | undefined, fallbackMs: number): number {
  if (value === undefined || value === null || value === '') return fallbackMs;
  if (typeof value === 'number') return value / 1e6;
  return parseGoDuration(value);
}
