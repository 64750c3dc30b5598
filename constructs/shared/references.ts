/** Turning a chart's `references` prop into an `ObjectSource` for resolution. */
import type { KubeObject } from '../../lib/api/meta.ts';
import { ObjectIndex } from '../../lib/resolve/source.ts';

/** Any object a workload may reference: config resources, Secrets, ConfigMaps, group members. */
export interface ReferencedObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name?: string; readonly namespace?: string };
  readonly spec?: unknown;
  /** Secret and ConfigMap content, which only feeds the content hashes. */
  readonly data?: Readonly<Record<string, string>>;
  readonly stringData?: Readonly<Record<string, string>>;
  readonly binaryData?: Readonly<Record<string, string>>;
  readonly type?: string;
}

export function indexReferences(
  refs: readonly ReferencedObject[] | undefined,
  namespace: string,
): ObjectIndex {
  return new ObjectIndex((refs ?? []) as unknown as KubeObject[], namespace);
}
