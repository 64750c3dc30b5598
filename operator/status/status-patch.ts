/**
 * Status writes that happen only when something changed: the desired status is compared with
 * the live one and turned into a JSON merge patch of just the differences (null removes a field).
 * An unchanged status produces no request at all — the zero-write steady state.
 */
import type { KubeClient, KubeObject, ResourceType } from '../kube/types.ts';
import { deepEqual, isPlainObject, type JsonObject } from '../util/json.ts';

/** The merge patch that turns `current` into `desired`, or undefined when they are equal. */
export function mergePatchFor(current: unknown, desired: JsonObject): JsonObject | undefined {
  const cur = isPlainObject(current) ? current : {};
  const patch: JsonObject = {};
  for (const [k, v] of Object.entries(desired)) {
    if (v === undefined) continue;
    const c = cur[k];
    if (deepEqual(c, v)) continue;
    if (isPlainObject(v) && isPlainObject(c)) {
      const sub = mergePatchFor(c, v);
      if (sub) patch[k] = sub;
    } else {
      patch[k] = v;
    }
  }
  for (const k of Object.keys(cur)) {
    if (cur[k] !== undefined && (!(k in desired) || desired[k] === undefined)) patch[k] = null;
  }
  return Object.keys(patch).length > 0 ? patch : undefined;
}

/**
 * Patches `/status` so that it equals `desired` on the fields the operator owns. Fields listed
 * in `foreign` belong to other writers (e.g. the vMCP runtime's discoveredBackends) and are left
 * alone. Returns the updated object, or the input when nothing needed writing.
 */
export async function writeStatus(
  client: KubeClient,
  type: ResourceType,
  obj: KubeObject,
  desired: JsonObject,
  opts: {
    fieldManager: string;
    foreign?: readonly string[];
    optimistic?: boolean;
    /**
     * Write with PUT instead of PATCH (optimistic on resourceVersion). For kinds whose status the
     * operator's RBAC lets it `update` but not `patch` (ToolHive's role grants update on `*`).
     */
    put?: boolean;
  },
): Promise<KubeObject> {
  const current = isPlainObject(obj.status) ? { ...obj.status } : {};
  for (const f of opts.foreign ?? []) delete current[f];
  const patch = mergePatchFor(current, desired);
  if (!patch) return obj;
  if (opts.put) {
    const kept = Object.fromEntries(
      Object.entries((obj.status ?? {}) as JsonObject).filter(([k]) => (opts.foreign ?? []).includes(k)),
    );
    const status = Object.fromEntries(
      Object.entries({ ...kept, ...desired }).filter(([, v]) => v !== undefined),
    );
    return client.replace(
      type,
      { ...obj, status },
      { subresource: 'status', fieldManager: opts.fieldManager },
    );
  }
  // Optimistic when another writer shares the status: a 409 means it wrote since we read; retried.
  const body = opts.optimistic
    ? { metadata: { resourceVersion: obj.metadata.resourceVersion }, status: patch }
    : { status: patch };
  return client.mergePatch(type, obj.metadata.namespace, obj.metadata.name!, body, {
    subresource: 'status',
    fieldManager: opts.fieldManager,
  });
}
