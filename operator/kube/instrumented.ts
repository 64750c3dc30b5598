/**
 * A KubeClient decorator that counts every request by verb, resource and status code into
 * `rest_client_requests_total`. The same counter is what the zero-write benchmark and tests read.
 */
import type { Counter } from '../observe/metrics.ts';
import { KubeApiError } from './errors.ts';
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

export class InstrumentedKubeClient implements KubeClient {
  private readonly inner: KubeClient;
  private readonly requests: Counter;

  constructor(inner: KubeClient, requests: Counter) {
    this.inner = inner;
    this.requests = requests;
  }

  private async count<T>(
    verb: string,
    type: ResourceType,
    run: () => Promise<T>,
    okCode = '200',
  ): Promise<T> {
    try {
      const out = await run();
      this.requests.inc({ verb, resource: type.plural, code: okCode });
      return out;
    } catch (err) {
      this.requests.inc({
        verb,
        resource: type.plural,
        code: err instanceof KubeApiError ? String(err.code) : 'error',
      });
      throw err;
    }
  }

  get(type: ResourceType, namespace: string | undefined, name: string): Promise<KubeObject | undefined> {
    return this.count('get', type, async () => {
      const out = await this.inner.get(type, namespace, name);
      if (out === undefined) throw new KubeApiError(404, 'NotFound', 'not found');
      return out;
    }).catch((err: unknown) => {
      if (err instanceof KubeApiError && err.code === 404) return undefined;
      throw err;
    });
  }

  list(type: ResourceType, opts?: ListOptions): Promise<ObjectList> {
    return this.count('list', type, () => this.inner.list(type, opts));
  }

  watch(type: ResourceType, opts: WatchOptions, sink: WatchSink): WatchHandle {
    this.requests.inc({ verb: 'watch', resource: type.plural, code: '200' });
    return this.inner.watch(type, opts, sink);
  }

  create(type: ResourceType, obj: KubeObject, opts?: WriteOptions): Promise<KubeObject> {
    return this.count('create', type, () => this.inner.create(type, obj, opts), '201');
  }

  replace(
    type: ResourceType,
    obj: KubeObject,
    opts?: WriteOptions & { subresource?: 'status' },
  ): Promise<KubeObject> {
    return this.count('update', type, () => this.inner.replace(type, obj, opts));
  }

  apply(type: ResourceType, obj: KubeObject, opts: ApplyOptions): Promise<KubeObject> {
    return this.count('apply', type, () => this.inner.apply(type, obj, opts));
  }

  mergePatch(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    patch: Record<string, unknown>,
    opts?: WriteOptions & { subresource?: 'status' },
  ): Promise<KubeObject> {
    return this.count('patch', type, () => this.inner.mergePatch(type, namespace, name, patch, opts));
  }

  delete(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    opts?: DeleteOptions,
  ): Promise<boolean> {
    return this.count('delete', type, async () => {
      const deleted = await this.inner.delete(type, namespace, name, opts);
      if (!deleted) throw new KubeApiError(404, 'NotFound', 'not found');
      return deleted;
    }).catch((err: unknown) => {
      if (err instanceof KubeApiError && err.code === 404) return false;
      throw err;
    });
  }
}

/** Number of write requests (create, update, apply, patch, delete) the counter has seen. */
export function writeCount(requests: Counter): number {
  return requests.sum((l) => ['create', 'update', 'apply', 'patch', 'delete'].includes(l.verb ?? ''));
}
