/**
 * The narrow port through which the operator talks to a Kubernetes API server. Two
 * implementations: the @kubernetes/client-node adapter (a real API server) and the in-memory
 * cluster (tests and benchmarks). Everything above this port — informers, the apply engine,
 * reconcilers, leader election — is written against it only.
 */
import type { KubeObject } from '../../lib/api/meta.ts';

export type { KubeObject };

/** One REST resource: where objects of one kind live. */
export interface ResourceType {
  /** API group; '' for the core group. */
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  /** Lower-case plural used in URLs, e.g. `mcpservers`. */
  readonly plural: string;
  readonly namespaced: boolean;
  /** Whether the kind has a `/status` subresource (writes to the main resource ignore status). */
  readonly statusSubresource: boolean;
}

export function apiVersionOf(type: Pick<ResourceType, 'group' | 'version'>): string {
  return type.group === '' ? type.version : `${type.group}/${type.version}`;
}

export interface ObjectList {
  items: KubeObject[];
  /** The collection's resourceVersion: a watch started from it sees every later change. */
  resourceVersion: string;
}

export interface ListOptions {
  /** Undefined lists every namespace (or a cluster-scoped resource). */
  namespace?: string;
  labelSelector?: string;
}

export interface WatchOptions extends ListOptions {
  /** Start after this collection resourceVersion. */
  resourceVersion: string;
  allowBookmarks?: boolean;
  /** Ask the server to end the watch after this long; the caller then re-watches. */
  timeoutSeconds?: number;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK';

export interface WatchEvent {
  type: WatchEventType;
  /** For BOOKMARK only `metadata.resourceVersion` is meaningful. */
  object: KubeObject;
}

export interface WatchSink {
  event(ev: WatchEvent): void;
  /**
   * The watch ended. `err` is undefined for a normal close (server timeout), a KubeApiError for
   * an ERROR event or a failed request (410 Gone means: relist), anything else for transport
   * failures. Called at most once, and never after `stop()`.
   */
  done(err?: unknown): void;
}

export interface WatchHandle {
  stop(): void;
}

export interface ApplyOptions {
  fieldManager: string;
  force: boolean;
}

export interface WriteOptions {
  /** Field manager recorded for non-apply writes. */
  fieldManager?: string;
}

export interface DeleteOptions {
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  /** Delete only if the object still has this uid (avoids deleting a re-created namesake). */
  uid?: string;
}

export interface KubeClient {
  /** Undefined when the object does not exist. */
  get(type: ResourceType, namespace: string | undefined, name: string): Promise<KubeObject | undefined>;
  list(type: ResourceType, opts?: ListOptions): Promise<ObjectList>;
  watch(type: ResourceType, opts: WatchOptions, sink: WatchSink): WatchHandle;
  create(type: ResourceType, obj: KubeObject, opts?: WriteOptions): Promise<KubeObject>;
  /** PUT of the object or its status; fails with 409 when `metadata.resourceVersion` is stale. */
  replace(
    type: ResourceType,
    obj: KubeObject,
    opts?: WriteOptions & { subresource?: 'status' },
  ): Promise<KubeObject>;
  /** Server-side apply (`application/apply-patch+yaml`). */
  apply(type: ResourceType, obj: KubeObject, opts: ApplyOptions): Promise<KubeObject>;
  /**
   * JSON merge patch (`application/merge-patch+json`) of the object or its status. A
   * `metadata.resourceVersion` in the patch makes it conditional (409 when stale).
   */
  mergePatch(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    patch: Record<string, unknown>,
    opts?: WriteOptions & { subresource?: 'status' },
  ): Promise<KubeObject>;
  /** Resolves true when a delete was issued, false when the object was already gone. */
  delete(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    opts?: DeleteOptions,
  ): Promise<boolean>;
}

/** Which verbs write: the zero-write benchmark and metrics count these. */
export const WRITE_VERBS = new Set(['create', 'update', 'patch', 'apply', 'delete']);
