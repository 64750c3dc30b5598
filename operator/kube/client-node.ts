/**
 * KubeClient over a real API server with @kubernetes/client-node 2.x: its KubeConfig does
 * configuration, authentication and TLS (kubeconfig locally, the service account in a pod), its
 * Watch does the streaming. Plain requests are built here with explicit content types and
 * decoded as plain JSON, because the generated typed clients pick the wrong patch media type
 * by default and turn timestamps into Date objects, which breaks comparing live and desired
 * state.
 */
import { HttpMethod, type KubeConfig, RequestContext, Watch } from '@kubernetes/client-node';
import { fetch } from 'undici';
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
import { apiVersionOf } from './types.ts';

export const CONTENT_TYPE = {
  json: 'application/json',
  apply: 'application/apply-patch+yaml',
  merge: 'application/merge-patch+json',
} as const;

export interface ClientNodeOptions {
  /** Per-request timeout for non-watch calls (default 30 s). */
  requestTimeoutMs?: number;
  userAgent?: string;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const METHOD: Record<Method, HttpMethod> = {
  GET: HttpMethod.GET,
  POST: HttpMethod.POST,
  PUT: HttpMethod.PUT,
  PATCH: HttpMethod.PATCH,
  DELETE: HttpMethod.DELETE,
};

/** The URL path of a collection or an object. */
export function resourcePath(
  type: ResourceType,
  namespace: string | undefined,
  name?: string,
  subresource?: string,
): string {
  const root = type.group === '' ? `/api/${type.version}` : `/apis/${type.group}/${type.version}`;
  const ns = type.namespaced && namespace !== undefined ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  const obj = name !== undefined ? `/${encodeURIComponent(name)}` : '';
  const sub = subresource !== undefined ? `/${subresource}` : '';
  return `${root}${ns}/${type.plural}${obj}${sub}`;
}

/** How long request headers (bearer tokens) are reused before asking the KubeConfig again. */
const AUTH_TTL_MS = 60_000;
/** How long one connection pool is used before a fresh one picks up rotated CA/client certs. */
const DISPATCHER_TTL_MS = 10 * 60_000;

type Dispatcher = ReturnType<RequestContext['getDispatcher']>;

export class ClientNodeKubeClient implements KubeClient {
  private readonly kc: KubeConfig;
  private auth: { headers: Record<string, string>; at: number } | undefined;
  private pool: { dispatcher: Dispatcher; at: number } | undefined;
  private readonly server: string;
  private readonly timeoutMs: number;
  private readonly userAgent: string;

  constructor(kc: KubeConfig, opts: ClientNodeOptions = {}) {
    const cluster = kc.getCurrentCluster();
    if (!cluster) throw new Error('kubeconfig has no current cluster');
    this.kc = kc;
    this.server = cluster.server.replace(/\/+$/, '');
    this.timeoutMs = opts.requestTimeoutMs ?? 30_000;
    this.userAgent = opts.userAgent ?? 'toolhive-ts-operator';
  }

  /** One request; resolves to the decoded JSON body, or rejects with a KubeApiError. */
  async request(
    method: Method,
    path: string,
    opts: { query?: Record<string, string | undefined>; body?: unknown; contentType?: string } = {},
  ): Promise<unknown> {
    const url = new URL(this.server + path);
    for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined) url.searchParams.set(k, v);
    const { headers: authHeaders, dispatcher } = await this.connection(method);
    const headers: Record<string, string> = { ...authHeaders };
    headers.Accept = 'application/json';
    headers['User-Agent'] = this.userAgent;
    if (opts.body !== undefined) headers['Content-Type'] = opts.contentType ?? CONTENT_TYPE.json;
    let res: Awaited<ReturnType<typeof fetch>>;
    try {
      res = await fetch(url, {
        method,
        headers,
        dispatcher,
        signal: AbortSignal.timeout(this.timeoutMs),
        ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
      });
    } catch (err) {
      // Transport failures and timeouts look like a 5xx to callers: retry with backoff.
      const what = err instanceof Error ? err.message : String(err);
      throw new KubeApiError(503, 'ServiceUnavailable', `${method} ${path}: ${what}`);
    }
    const text = await res.text();
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = { message: text };
    }
    if (res.status < 200 || res.status > 299) throw KubeApiError.fromStatus(res.status, body);
    return body;
  }

  /**
   * Authentication headers and the connection pool. client-node builds a new undici Agent (and
   * re-reads certificate files) for every request it authenticates, so every request would open
   * a new connection; this keeps one pool and refreshes headers and pool on a timer instead.
   */
  private async connection(
    method: Method,
  ): Promise<{ headers: Record<string, string>; dispatcher: Dispatcher }> {
    const now = Date.now();
    if (
      !this.auth ||
      now - this.auth.at > AUTH_TTL_MS ||
      !this.pool ||
      now - this.pool.at > DISPATCHER_TTL_MS
    ) {
      const ctx = new RequestContext(this.server, METHOD[method]);
      await this.kc.applySecurityAuthentication(ctx);
      this.auth = { headers: { ...(ctx.getHeaders() as Record<string, string>) }, at: now };
      if (!this.pool || now - this.pool.at > DISPATCHER_TTL_MS) {
        const old = this.pool?.dispatcher;
        this.pool = { dispatcher: ctx.getDispatcher(), at: now };
        // Let requests in flight on the old pool finish before closing it.
        if (old) setTimeout(() => void old.close().catch(() => {}), this.timeoutMs + 1000).unref();
      }
    }
    return { headers: this.auth.headers, dispatcher: this.pool.dispatcher };
  }

  async get(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
  ): Promise<KubeObject | undefined> {
    try {
      return (await this.request('GET', resourcePath(type, namespace, name))) as KubeObject;
    } catch (err) {
      if (err instanceof KubeApiError && err.code === 404) return undefined;
      throw err;
    }
  }

  async list(type: ResourceType, opts: ListOptions = {}): Promise<ObjectList> {
    const body = (await this.request('GET', resourcePath(type, opts.namespace), {
      query: { labelSelector: opts.labelSelector },
    })) as { items?: KubeObject[]; metadata?: { resourceVersion?: string } };
    // List items carry no apiVersion/kind on the wire.
    const apiVersion = apiVersionOf(type);
    const items = (body.items ?? []).map((o) => ({ ...o, apiVersion, kind: type.kind }));
    return { items, resourceVersion: body.metadata?.resourceVersion ?? '' };
  }

  watch(type: ResourceType, opts: WatchOptions, sink: WatchSink): WatchHandle {
    let stopped = false;
    let finished = false;
    let controller: AbortController | undefined;
    const finish = (err?: unknown) => {
      if (finished || stopped) return;
      finished = true;
      controller?.abort();
      sink.done(err);
    };
    const query: Record<string, string | number | boolean | undefined> = {
      resourceVersion: opts.resourceVersion,
      allowWatchBookmarks: opts.allowBookmarks ? true : undefined,
      labelSelector: opts.labelSelector,
      timeoutSeconds: opts.timeoutSeconds,
    };
    new Watch(this.kc)
      .watch(
        resourcePath(type, opts.namespace),
        query,
        (phase, obj) => {
          if (finished || stopped) return;
          if (phase === 'ERROR') {
            const status = obj as { code?: number };
            finish(KubeApiError.fromStatus(status.code ?? 500, obj));
            return;
          }
          if (phase === 'ADDED' || phase === 'MODIFIED' || phase === 'DELETED' || phase === 'BOOKMARK') {
            sink.event({ type: phase, object: obj as KubeObject });
          }
        },
        (err: unknown) => {
          if (err === null || err === undefined) return finish(undefined);
          const code = (err as { statusCode?: unknown }).statusCode;
          finish(typeof code === 'number' ? new KubeApiError(code, '', `watch failed: HTTP ${code}`) : err);
        },
      )
      .then(
        (c) => {
          controller = c;
          if (stopped || finished) c.abort();
        },
        (err: unknown) => finish(err),
      );
    return {
      stop: () => {
        stopped = true;
        controller?.abort();
      },
    };
  }

  async create(type: ResourceType, obj: KubeObject, opts?: WriteOptions): Promise<KubeObject> {
    return (await this.request('POST', resourcePath(type, obj.metadata.namespace), {
      body: obj,
      query: { fieldManager: opts?.fieldManager },
    })) as KubeObject;
  }

  async replace(
    type: ResourceType,
    obj: KubeObject,
    opts?: WriteOptions & { subresource?: 'status' },
  ): Promise<KubeObject> {
    return (await this.request(
      'PUT',
      resourcePath(type, obj.metadata.namespace, obj.metadata.name, opts?.subresource),
      {
        body: obj,
        query: { fieldManager: opts?.fieldManager },
      },
    )) as KubeObject;
  }

  async apply(type: ResourceType, obj: KubeObject, opts: ApplyOptions): Promise<KubeObject> {
    // JSON is valid YAML, so the apply body is sent as JSON under the apply content type.
    return (await this.request('PATCH', resourcePath(type, obj.metadata.namespace, obj.metadata.name), {
      body: obj,
      contentType: CONTENT_TYPE.apply,
      query: { fieldManager: opts.fieldManager, force: opts.force ? 'true' : undefined },
    })) as KubeObject;
  }

  async mergePatch(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    patch: Record<string, unknown>,
    opts?: WriteOptions & { subresource?: 'status' },
  ): Promise<KubeObject> {
    return (await this.request('PATCH', resourcePath(type, namespace, name, opts?.subresource), {
      body: patch,
      contentType: CONTENT_TYPE.merge,
      query: { fieldManager: opts?.fieldManager },
    })) as KubeObject;
  }

  async delete(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    opts?: DeleteOptions,
  ): Promise<boolean> {
    try {
      await this.request('DELETE', resourcePath(type, namespace, name), {
        body: {
          kind: 'DeleteOptions',
          apiVersion: 'v1',
          ...(opts?.propagationPolicy ? { propagationPolicy: opts.propagationPolicy } : {}),
          ...(opts?.uid ? { preconditions: { uid: opts.uid } } : {}),
        },
      });
      return true;
    } catch (err) {
      if (err instanceof KubeApiError && err.code === 404) return false;
      throw err;
    }
  }

  /**
   * Discovery: which of `kinds` the server serves at `group/version`. Used at start-up to tell
   * "CRDs not installed" apart from other failures.
   */
  async servedKinds(group: string, version: string): Promise<Set<string>> {
    const path = group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
    try {
      const list = (await this.request('GET', path)) as { resources?: { kind: string; name: string }[] };
      return new Set((list.resources ?? []).filter((r) => !r.name.includes('/')).map((r) => r.kind));
    } catch (err) {
      if (err instanceof KubeApiError && err.code === 404) return new Set();
      throw err;
    }
  }
}
