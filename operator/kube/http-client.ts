/**
 * KubeClient over HTTP(S) with Node's own http/https modules: one keep-alive connection pool,
 * explicit content types (apply and merge patches), plain JSON in and out (no typed models, no
 * Date objects, so live and desired state compare as JSON), and watches read as a stream of
 * JSON lines. Authentication and TLS come from a KubeConnection (service account, kubeconfig,
 * or client-node for exotic kubeconfigs).
 */
import https from 'node:https';
import { type Agent, type ClientRequest, http, type IncomingMessage } from '../util/node-http.ts';
import type { KubeConnection, TlsSettings } from './connection.ts';
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

export interface HttpClientOptions {
  /** Per-request timeout for non-watch calls (default 30 s). */
  requestTimeoutMs?: number;
  userAgent?: string;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

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

/** How long one connection pool is used before a fresh one picks up rotated CA/client certs. */
const POOL_TTL_MS = 10 * 60_000;
/** Idle keep-alive sockets kept per pool (workers × controllers rarely exceed this at once). */
const MAX_FREE_SOCKETS = 32;
/** How long an idle pooled socket is kept. */
const IDLE_SOCKET_MS = 30_000;

type Query = Record<string, string | number | boolean | undefined>;

function transportError(method: string, path: string, err: unknown): KubeApiError {
  // Transport failures and timeouts look like a 5xx to callers: retried with backoff.
  const what = err instanceof Error ? err.message : String(err);
  return new KubeApiError(503, 'ServiceUnavailable', `${method} ${path}: ${what}`);
}

export class HttpKubeClient implements KubeClient {
  readonly connection: KubeConnection;
  private readonly base: URL;
  private readonly secure: boolean;
  private readonly timeoutMs: number;
  private readonly userAgent: string;
  private pool: { agent: Agent; tls: TlsSettings; at: number } | undefined;

  constructor(connection: KubeConnection, opts: HttpClientOptions = {}) {
    this.connection = connection;
    this.base = new URL(connection.server);
    this.secure = this.base.protocol === 'https:';
    this.timeoutMs = opts.requestTimeoutMs ?? 30_000;
    this.userAgent = opts.userAgent ?? 'toolhive-ts-operator';
  }

  /**
   * The keep-alive pool for ordinary requests, renewed every ten minutes so rotated CA and
   * client certificates are picked up; the old pool is closed once its requests have timed out.
   */
  private current(): { agent: Agent; tls: TlsSettings } {
    const now = Date.now();
    if (this.pool && now - this.pool.at < POOL_TTL_MS) return this.pool;
    const old = this.pool?.agent;
    const tls = this.secure ? this.connection.tls() : {};
    const common = {
      keepAlive: true,
      maxFreeSockets: MAX_FREE_SOCKETS,
      scheduling: 'lifo' as const,
      // Close idle sockets before the API server does, so a request rarely meets a dead one.
      timeout: IDLE_SOCKET_MS,
    };
    const agent = this.secure ? new https.Agent({ ...common, ...tls }) : new http.Agent(common);
    this.pool = { agent, tls, at: now };
    if (old) setTimeout(() => old.destroy(), 2 * this.timeoutMs).unref();
    return this.pool;
  }

  private url(path: string, query: Query = {}): URL {
    const url = new URL(this.base.pathname.replace(/\/+$/, '') + path, this.base);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));
    return url;
  }

  private async open(
    method: Method,
    url: URL,
    opts: {
      body?: string;
      contentType?: string;
      timeoutMs?: number;
      signal?: AbortSignal;
      /** Its own connection instead of the pool (watches hold theirs for minutes). */
      dedicated?: boolean;
    },
  ): Promise<{ req: ClientRequest; res: IncomingMessage }> {
    const headers: Record<string, string> = {
      ...(await this.connection.headers()),
      Accept: 'application/json',
      'User-Agent': this.userAgent,
    };
    if (opts.body !== undefined) {
      headers['Content-Type'] = opts.contentType ?? CONTENT_TYPE.json;
      headers['Content-Length'] = String(Buffer.byteLength(opts.body));
    }
    const send = this.secure ? https.request : http.request;
    const { agent, tls } = this.current();
    return new Promise((resolve, reject) => {
      const req = send(url, {
        method,
        headers,
        ...(opts.dedicated ? { agent: false, ...tls } : { agent }),
        ...(opts.signal ? { signal: opts.signal } : {}),
      });
      if (opts.timeoutMs !== undefined) {
        req.setTimeout(opts.timeoutMs, () => req.destroy(new Error(`timed out after ${opts.timeoutMs} ms`)));
      }
      req.once('error', (err) => reject(Object.assign(err, { reusedSocket: req.reusedSocket })));
      req.once('response', (res) => resolve({ req, res }));
      req.end(opts.body);
    });
  }

  /** One request; resolves to the decoded JSON body, or rejects with a KubeApiError. */
  async request(
    method: Method,
    path: string,
    opts: { query?: Query; body?: unknown; contentType?: string } = {},
  ): Promise<unknown> {
    const url = this.url(path, opts.query);
    const payload = opts.body !== undefined ? JSON.stringify(opts.body) : undefined;
    let status = 0;
    let text = '';
    for (let attempt = 1; ; attempt++) {
      try {
        const { res } = await this.open(method, url, {
          ...(payload !== undefined ? { body: payload } : {}),
          ...(opts.contentType ? { contentType: opts.contentType } : {}),
          timeoutMs: this.timeoutMs,
        });
        status = res.statusCode ?? 0;
        text = await readAll(res);
        break;
      } catch (err) {
        // A pooled connection the server had just closed: the request never reached it, so it
        // is sent once more on a fresh connection (as Node's documentation advises).
        if (attempt === 1 && isStaleConnection(err)) continue;
        throw transportError(method, path, err);
      }
    }
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = { message: text };
    }
    if (status < 200 || status > 299) throw KubeApiError.fromStatus(status, body);
    return body;
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
      query: { labelSelector: opts.labelSelector, limit: opts.limit, continue: opts.continue },
    })) as { items?: KubeObject[]; metadata?: { resourceVersion?: string; continue?: string } };
    // List items carry no apiVersion/kind on the wire.
    const apiVersion = apiVersionOf(type);
    const items = body.items ?? [];
    for (const o of items) {
      o.apiVersion = apiVersion;
      o.kind = type.kind;
    }
    return {
      items,
      resourceVersion: body.metadata?.resourceVersion ?? '',
      ...(body.metadata?.continue ? { continue: body.metadata.continue } : {}),
    };
  }

  watch(type: ResourceType, opts: WatchOptions, sink: WatchSink): WatchHandle {
    const abort = new AbortController();
    let stopped = false;
    let finished = false;
    const finish = (err?: unknown) => {
      if (finished) return;
      finished = true;
      abort.abort();
      if (!stopped) sink.done(err);
    };
    const url = this.url(resourcePath(type, opts.namespace), {
      watch: 'true',
      resourceVersion: opts.resourceVersion,
      allowWatchBookmarks: opts.allowBookmarks ? 'true' : undefined,
      labelSelector: opts.labelSelector,
      timeoutSeconds: opts.timeoutSeconds,
    });
    this.open('GET', url, { signal: abort.signal, dedicated: true })
      .then(async ({ res }) => {
        const status = res.statusCode ?? 0;
        if (status !== 200) {
          const text = await readAll(res);
          let body: unknown;
          try {
            body = JSON.parse(text);
          } catch {
            body = { message: text };
          }
          finish(KubeApiError.fromStatus(status, body));
          return;
        }
        res.setEncoding('utf8');
        let buffered = '';
        res.on('data', (chunk: string) => {
          buffered += chunk;
          let nl = buffered.indexOf('\n');
          while (nl >= 0 && !finished) {
            const line = buffered.slice(0, nl).trim();
            buffered = buffered.slice(nl + 1);
            if (line !== '') this.deliver(line, sink, finish);
            nl = buffered.indexOf('\n');
          }
        });
        // A server-side timeout ends the response normally; a cut connection is an error.
        res.once('end', () => finish(undefined));
        res.once('aborted', () => finish(new Error('watch connection aborted')));
        res.once('error', (err) => finish(err));
        // Whatever else ends the stream ('close' follows 'end' on a normal close).
        res.once('close', () => finish(new Error('watch connection closed')));
      })
      .catch((err: unknown) => {
        if (!abort.signal.aborted) finish(err);
      });
    return {
      stop: () => {
        stopped = true;
        finished = true;
        abort.abort();
      },
    };
  }

  private deliver(line: string, sink: WatchSink, finish: (err?: unknown) => void): void {
    let ev: { type?: string; object?: unknown };
    try {
      ev = JSON.parse(line) as { type?: string; object?: unknown };
    } catch (err) {
      finish(err);
      return;
    }
    if (ev.type === 'ERROR') {
      const status = ev.object as { code?: number } | undefined;
      finish(KubeApiError.fromStatus(status?.code ?? 500, ev.object));
      return;
    }
    if (ev.type === 'ADDED' || ev.type === 'MODIFIED' || ev.type === 'DELETED' || ev.type === 'BOOKMARK') {
      sink.event({ type: ev.type, object: ev.object as KubeObject });
    }
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
      { body: obj, query: { fieldManager: opts?.fieldManager } },
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
   * Discovery: which kinds the server serves at `group/version`. Used at start-up to tell
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

  /** Closes pooled connections (tests and shutdown). */
  close(): void {
    this.pool?.agent.destroy();
    this.pool = undefined;
  }
}

function isStaleConnection(err: unknown): boolean {
  const e = err as { code?: string; reusedSocket?: boolean };
  return e.reusedSocket === true && (e.code === 'ECONNRESET' || e.code === 'EPIPE');
}

function readAll(res: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.once('error', reject);
    res.once('aborted', () => reject(new Error('response aborted')));
  });
}
