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
