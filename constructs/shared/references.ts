/** Turning a chart's `references` prop into an `ObjectSource` for resolution. */
import type { KubeObject } from '../../lib/api/meta.ts';
import { ObjectIndex } from '../../lib/resolve/source.ts';

/** Any object a workload may reference: config resources, Secrets, ConfigMaps, group members. */
export interface ReferencedObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name?: string; readonly namespace?: string };
  readonly [field: string]: unknown;
}

export function indexReferences(
  refs: readonly ReferencedObject[] | undefined,
  namespace: string,
): ObjectIndex {
  return new ObjectIndex((refs ?? []) as unknown as KubeObject[], namespace);
}
