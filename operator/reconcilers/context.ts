/**
 * What every reconciler is given: the API client (writes), the shared cache (reads), the
 * resource registry, the event sink, a clock and a logger. Passed explicitly, never imported.
 */
import { createHash } from 'node:crypto';
import type { InformerSet } from '../controller/cache.ts';
import type { ResourceRegistry } from '../kube/resources.ts';
import type { KubeClient, KubeObject, ResourceType } from '../kube/types.ts';
import type { EventSink } from '../observe/events.ts';
import type { Logger } from '../observe/logger.ts';
import { type Condition, Conditions } from '../status/conditions.ts';
import type { Clock } from '../util/clock.ts';
import { canonicalJson } from '../util/json.ts';

export const FIELD_MANAGER = 'toolhive-operator';

export interface ReconcileContext {
  client: KubeClient;
  cache: InformerSet;
  resources: ResourceRegistry;
  events: EventSink;
  clock: Clock;
  log: Logger;
}

/** Adds a finalizer with an optimistic merge patch (409 if the object moved on: retried). */
export async function addFinalizer(
  ctx: ReconcileContext,
  type: ResourceType,
  obj: KubeObject,
  finalizer: string,
): Promise<KubeObject> {
  const current = obj.metadata.finalizers ?? [];
  if (current.includes(finalizer)) return obj;
  return ctx.client.mergePatch(type, obj.metadata.namespace, obj.metadata.name!, {
    metadata: { finalizers: [...current, finalizer], resourceVersion: obj.metadata.resourceVersion },
  });
}

export async function removeFinalizer(
  ctx: ReconcileContext,
  type: ResourceType,
  obj: KubeObject,
  finalizer: string,
): Promise<void> {
  const current = obj.metadata.finalizers ?? [];
  if (!current.includes(finalizer)) return;
  await ctx.client.mergePatch(type, obj.metadata.namespace, obj.metadata.name!, {
    metadata: {
      finalizers: current.filter((f) => f !== finalizer),
      resourceVersion: obj.metadata.resourceVersion,
    },
  });
}

/** A working copy of the object's status conditions. */
export function conditionsOf(ctx: ReconcileContext, obj: KubeObject): Conditions {
  const status = (obj.status ?? {}) as { conditions?: Condition[] };
  return new Conditions(status.conditions, ctx.clock.now(), obj.metadata.generation);
}

/**
 * ToolHive's config hash: a digest of the spec that changes whenever the spec does. (ToolHive
 * hashes Go's dump format with FNV-1a; only "changes with the spec" is relied on.) FNV-1a 32-bit
 * over canonical JSON keeps ToolHive's 8-hex-digit shape.
 */
export function configHash(spec: unknown): string {
  let h = 0x811c9dc5;
  const bytes = Buffer.from(canonicalJson(spec ?? {}), 'utf8');
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16);
}

/** SHA-256 hex of canonical JSON, for hashes that must not collide in practice. */
export function sha256Json(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}
