/**
 * "Is the live object already what we would apply?" — the test that makes a steady-state
 * reconcile write nothing. Every field the desired object sets must be present in the live
 * object with an equal value; the live object may carry more (server defaults, status, fields
 * other controllers own). Lists compare item by item (same length), since the API server keeps
 * list order. Resource quantities compare by value ("1000m" equals "1"), because the API server
 * canonicalises them; empty maps and lists equal absent ones, because it drops those.
 */
import { isPlainObject } from '../util/json.ts';

const QUANTITY = /^([+-]?[0-9.]+)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/;
const SUFFIX: Record<string, number> = {
  '': 1,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** The numeric value of a Kubernetes quantity string, or undefined if it is not one. */
export function quantityValue(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return undefined;
  const m = QUANTITY.exec(v);
  if (!m) return undefined;
  return Number(m[1]) * (SUFFIX[m[2] ?? ''] ?? 1);
}

function isEmpty(v: unknown): boolean {
  return (
    v === undefined ||
    v === null ||
    (Array.isArray(v) && v.length === 0) ||
    (isPlainObject(v) && Object.keys(v).length === 0)
  );
}

/** True when `live` contains everything `desired` sets. `path` tracks where we are (for quantities). */
export function isSubset(desired: unknown, live: unknown, path: readonly string[] = []): boolean {
  // An empty map claims no keys (others may have added some); an empty list must stay empty.
  if (isPlainObject(desired) && Object.keys(desired).length === 0)
    return live === undefined || isPlainObject(live);
  if (isEmpty(desired)) return isEmpty(live);
  if (Array.isArray(desired)) {
    if (!Array.isArray(live) || live.length !== desired.length) return false;
    return desired.every((d, i) => isSubset(d, live[i], path));
  }
  if (isPlainObject(desired)) {
    if (!isPlainObject(live)) return false;
    for (const [k, v] of Object.entries(desired)) {
      if (v === undefined) continue;
      if (!isSubset(v, live[k], [...path, k])) return false;
    }
    return true;
  }
  if (desired === live) return true;
  // Quantities under resources/limits/requests/storage: compare by value.
  if (path.some((p) => p === 'resources' || p === 'limits' || p === 'requests' || p === 'capacity')) {
    const a = quantityValue(desired);
    const b = quantityValue(live);
    return a !== undefined && b !== undefined && Math.abs(a - b) <= Math.abs(a) * 1e-9;
  }
  return false;
}
