/**
 * metav1.MicroTime text: RFC 3339 with exactly six fractional digits. The API server rejects a
 * plain `Date#toISOString()` (three digits) for Lease `acquireTime`/`renewTime` and event times.
 */
export function microTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** Parses MicroTime or Time text to epoch milliseconds (NaN when absent or malformed). */
export function parseTime(text: string | undefined): number {
  return text === undefined ? Number.NaN : Date.parse(text);
}

/** metav1.Time text: RFC 3339 with second precision, as Kubernetes writes condition times. */
export function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
