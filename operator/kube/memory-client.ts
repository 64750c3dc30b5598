/**
 * The KubeClient view of a MemoryCluster. Every call is asynchronous, goes through the
 * cluster's fault injector first, and returns copies, so code under test sees what it would
 * see over the wire.
 */
import { isNotFound } from './errors.ts';
import type { MemoryCluster, RequestInfo } from './memory-cluster.ts';
import type {
  ApplyOptions,
  DeleteOptions,
  KubeClient,
  KubeObject,
  ListOptions,
  ObjectList,
  ResourceType,
  WatchHandle,
  WatchOptions,
  WatchSink,
  WriteOptions,
} from './types.ts';

export class MemoryKubeClient implements KubeClient {
  private readonly cluster: MemoryCluster;

  constructor(cluster: MemoryCluster) {
    this.cluster = cluster;
  }

  private async request<T>(info: RequestInfo, run: () => T): Promise<T> {
    // A real request never completes synchronously.
    await Promise.resolve();
    this.cluster.checkFault(info);
    return run();
  }

  async get(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
  ): Promise<KubeObject | undefined> {
    try {
      return await this.request({ verb: 'get', resource: type, namespace, name }, () =>
        this.cluster.get(type, namespace, name),
      );
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  list(type: ResourceType, opts?: ListOptions): Promise<ObjectList> {
    return this.request({ verb: 'list', resource: type, namespace: opts?.namespace }, () =>
      this.cluster.list(type, opts),
    );
  }

  watch(type: ResourceType, opts: WatchOptions, sink: WatchSink): WatchHandle {
    let handle: WatchHandle | undefined;
    let stopped = false;
    this.request({ verb: 'watch', resource: type, namespace: opts.namespace }, () => {
      if (!stopped) handle = this.cluster.watch(type, opts, sink);
    }).catch((err: unknown) => {
      if (!stopped) sink.done(err);
    });
    return {
      stop: () => {
        stopped = true;
        handle?.stop();
      },
    };
  }

  create(type: ResourceType, obj: KubeObject, opts?: WriteOptions): Promise<KubeObject> {
    return this.request(
      { verb: 'create', resource: type, namespace: obj.metadata.namespace, name: obj.metadata.name },
      () => this.cluster.create(type, obj, opts?.fieldManager),
    );
  }

  replace(
    type: ResourceType,
    obj: KubeObject,
    opts?: WriteOptions & { subresource?: 'status' },
  ): Promise<KubeObject> {
    return this.request(
      {
        verb: 'update',
        resource: type,
        namespace: obj.metadata.namespace,
        name: obj.metadata.name,
        subresource: opts?.subresource,
      },
      () => this.cluster.update(type, obj, opts?.fieldManager, opts?.subresource),
    );
  }

  apply(type: ResourceType, obj: KubeObject, opts: ApplyOptions): Promise<KubeObject> {
    return this.request(
      { verb: 'apply', resource: type, namespace: obj.metadata.namespace, name: obj.metadata.name },
      () => this.cluster.apply(type, obj, opts.fieldManager, opts.force),
    );
  }

  mergePatch(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    patch: Record<string, unknown>,
    opts?: WriteOptions & { subresource?: 'status' },
  ): Promise<KubeObject> {
    return this.request(
      { verb: 'patch', resource: type, namespace, name, subresource: opts?.subresource },
      () => this.cluster.mergePatch(type, namespace, name, patch, opts?.fieldManager, opts?.subresource),
    );
  }

  async delete(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    opts?: DeleteOptions,
  ): Promise<boolean> {
    try {
      await this.request({ verb: 'delete', resource: type, namespace, name }, () =>
        this.cluster.delete(type, namespace, name, {
          ...(opts?.uid !== undefined ? { uid: opts.uid } : {}),
          ...(opts?.propagationPolicy !== undefined ? { propagationPolicy: opts.propagationPolicy } : {}),
        }),
      );
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }
}
