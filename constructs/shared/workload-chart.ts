/**
 * The base of every toolhive-ts chart: objects go in as plain JSON with explicit names (never
 * cdk8s's hashed names) and come out in the order they were added, each with the owner
 * reference the operator asks for.
 */
import { ApiObject, Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import type { KubeObject, OwnerReference } from '../../lib/api/meta.ts';
import type { ObjectSource } from '../../lib/resolve/source.ts';
import { indexReferences, type ReferencedObject } from './references.ts';
import { type ResourceLike, validateResource } from './validation.ts';

/** The props every resolving chart shares. */
export interface ResolvingProps<R> {
  readonly references?: readonly ReferencedObject[];
  readonly namespace?: string;
  readonly resolved?: R;
}

export interface WorkloadChartProps {
  readonly owner?: OwnerReference;
}

export class WorkloadChart extends Chart {
  readonly #owner: OwnerReference | undefined;

  constructor(scope: Construct, id: string, props: WorkloadChartProps = {}) {
    super(scope, id, { disableResourceNameHashes: true });
    this.#owner = props.owner;
  }

  /**
   * Validates the resource (failing synth with this chart's path) and returns its resolved spec:
   * the one given, or one resolved against `references`.
   */
  protected resolveResource<T extends ResourceLike, R>(
    kind: string,
    resource: T,
    props: ResolvingProps<R>,
    resolve: (resource: T, source: ObjectSource, namespace?: string) => R,
  ): R {
    const checked = validateResource(this, kind, resource);
    if (props.resolved) return props.resolved;
    return resolve(checked, indexReferences(props.references, props.namespace ?? 'default'), props.namespace);
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
