/**
 * The base of every toolhive-ts chart: objects go in as plain JSON with explicit names (never
 * cdk8s's hashed names) and come out in the order they were added, each with the owner
 * reference the operator asks for.
 */
import { ApiObject, Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import type { KubeObject, OwnerReference } from '../../lib/api/meta.ts';

export interface WorkloadChartProps {
  readonly owner?: OwnerReference;
}

export class WorkloadChart extends Chart {
  readonly #owner: OwnerReference | undefined;

  constructor(scope: Construct, id: string, props: WorkloadChartProps = {}) {
    super(scope, id, { disableResourceNameHashes: true });
    this.#owner = props.owner;
  }

  /** Adds one object to the chart; its construct id is `<Kind>-<name>`, unique per chart. */
  protected emit<T extends { apiVersion: string; kind: string; metadata: KubeObject['metadata'] }>(
    obj: T,
  ): T {
    const { apiVersion, kind, metadata, ...body } = obj as T & Record<string, unknown>;
    const meta = this.#owner
      ? {
          ...metadata,
          ownerReferences: [{ ...this.#owner, controller: true, blockOwnerDeletion: true }],
        }
      : metadata;
    new ApiObject(this, `${kind}-${metadata.name}`, { apiVersion, kind, metadata: meta, ...body });
    return obj;
  }
}
