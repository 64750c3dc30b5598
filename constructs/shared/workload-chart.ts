/**
 * The base of every toolhive-ts chart: objects go in as plain JSON with explicit names (never
 * cdk8s's hashed names) and come out in the order they were added, each with the owner
 * reference the operator asks for.
 */
import { ApiObject, Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import type { KubeObject, OwnerReference } from '../../lib/api/meta.ts';
import { acceptanceProblems } from '../../lib/k8s/acceptance.ts';
import type { ObjectSource } from '../../lib/resolve/source.ts';
import { indexReferences, type ReferencedObject } from './references.ts';
import { InvalidResourceError, type ResourceLike, validateResource } from './validation.ts';

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
  /** The custom resource this chart renders, for error messages. */
  #subject: { kind: string; name: string } | undefined;
  /** Problems of emitted objects the API server would reject, or accept but never run. */
  readonly #unacceptable: Array<{ kind: string; name: string; message: string }> = [];

  constructor(scope: Construct, id: string, props: WorkloadChartProps = {}) {
    super(scope, id, { disableResourceNameHashes: true });
    this.#owner = props.owner;
  }

  /** Validates the resource, failing synth with this chart's path; returns it defaulted. */
  protected validate<T extends ResourceLike>(kind: string, resource: T): T {
    const checked = validateResource(this, kind, resource);
    this.#subject = { kind, name: resource.metadata?.name ?? '' };
    return checked;
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
    const checked = this.validate(kind, resource);
    if (props.resolved) return props.resolved;
    return resolve(checked, indexReferences(props.references, props.namespace ?? 'default'), props.namespace);
  }

  /**
   * Adds one object to the chart; its construct id is `<Kind>-<name>`, unique per chart. What the
   * API server would say about the object is collected for `assertAcceptable`.
   */
  protected emit<T extends { apiVersion: string; kind: string; metadata: KubeObject['metadata'] }>(
    obj: T,
  ): T {
    for (const p of acceptanceProblems(obj))
      if (p.severity !== 'warning')
        this.#unacceptable.push({ kind: obj.kind, name: obj.metadata.name ?? '', message: p.message });
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

  /**
   * Fails synth when an emitted object would be rejected by the API server or could not run
   * (names ToolHive derives from a long resource name, labels from user overrides, …), with the
   * API server's reasons and, for a name that is too long, how long the resource's name may be.
   * Every chart calls it once it has emitted everything.
   */
  protected assertAcceptable(): void {
    if (this.#unacceptable.length === 0) return;
    const what = this.#subject ? `${this.#subject.kind} "${this.#subject.name}"` : 'the resource';
    const lines = this.#unacceptable.map((u) => `${u.kind} "${u.name}": ${u.message}`);
    const max = maxResourceNameLength(this.#subject?.name, this.#unacceptable);
    const hint = max === undefined ? '' : ` Shorten metadata.name to at most ${max} characters.`;
    throw new InvalidResourceError(
      `${this.node.path}: ${what} renders objects the API server would not accept: ${lines.join('; ')}.${hint}`,
    );
  }
}

/**
 * When derived names are too long, how long the resource's own name may be: each derived name
 * contains it, so it must lose as many characters as its longest overrun.
 */
function maxResourceNameLength(
  resourceName: string | undefined,
  problems: ReadonlyArray<{ message: string }>,
): number | undefined {
  if (!resourceName) return undefined;
  let max: number | undefined;
  for (const p of problems) {
    // A name or label value that contains the resource's name and is over its length limit.
    const m = /Invalid value: "([^"]*)": must be no more than (\d+) characters/.exec(p.message);
    if (!m?.[1]?.includes(resourceName)) continue;
    const allowed = resourceName.length - (m[1].length - Number(m[2]));
    max = max === undefined ? allowed : Math.min(max, allowed);
  }
  return max;
}
