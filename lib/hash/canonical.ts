/**
 * Content hashing: canonical JSON (object keys sorted at every level, `undefined` dropped) run
 * through SHA-256. Two values that mean the same thing hash the same, whatever order their keys
 * were written in; this is what makes rollouts happen when, and only when, an input changes.
 */
import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every depth. Arrays keep their order (it is meaningful). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : sortKeys(v)));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** SHA-256 of the canonical JSON of `value`. */
export function hashObject(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}

/**
 * Go's `json.Marshal` of a decoded JSON value: keys sorted, no spaces, `<`, `>`, `&`, U+2028 and
 * U+2029 escaped as `\u003c`, `\u003e`, `\u0026`, `\u2028`, `\u2029`, and backspace and form
 * feed as `\u0008` and `\u000c` (JSON.stringify writes `\b` and `\f`). Those characters only
 * occur inside JSON strings, so rewriting the whole text is safe; escape sequences are matched
 * left to right, so an escaped backslash is never mistaken for the start of another.
 */
export function goCanonicalJson(value: unknown): string {
  return canonicalJson(value).replace(/\\(?:u[0-9a-f]{4}|.)|[<>&\u2028\u2029]/g, (m) => GO_ESCAPES[m] ?? m);
}

const GO_ESCAPES: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
  '\\b': '\\u0008',
  '\\f': '\\u000c',
};

/**
 * ToolHive's `checksum.HashRawJSON` (the `podtemplatespec-hash` and `imagepullsecrets-hash`
 * annotations): SHA-256 hex of Go's re-marshalled JSON, so our values equal ToolHive's.
 */
export function goJsonHash(value: unknown): string {
  return sha256Hex(goCanonicalJson(value));
}

/**
 * ToolHive's ConfigMap content checksum (`toolhive.stacklok.dev/content-checksum`): SHA-256 over
 * the sorted data keys each followed by its value, then the sorted labels (key, value), then the
 * sorted annotations other than the checksum itself.
 */
export function configMapContentChecksum(cm: {
  data?: Record<string, string>;
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
}): string {
  const h = createHash('sha256');
  const feed = (map: Record<string, string> | undefined, skip?: string) => {
    if (!map) return;
    for (const key of Object.keys(map).sort()) {
      if (key === skip) continue;
      h.update(key);
      h.update(map[key] ?? '');
    }
  };
  feed(cm.data);
  feed(cm.metadata?.labels);
  feed(cm.metadata?.annotations, CONTENT_CHECKSUM_ANNOTATION);
  return h.digest('hex');
}

export const CONTENT_CHECKSUM_ANNOTATION = 'toolhive.stacklok.dev/content-checksum';
