/**
 * A small Kubernetes API server over HTTP on 127.0.0.1, backed by a MemoryCluster, so the real
 * @kubernetes/client-node code paths run in tests: discovery, list, get, create, PUT, PATCH with
 * the apply and merge content types (anything else is 415, as ToolHive code must not depend on
 * it), the status subresource, DELETE with preconditions, and watch streams (JSON lines,
 * bookmarks, an ERROR 410 event for a compacted resourceVersion). Every request is recorded.
 */
import { writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { parse as parseYaml } from 'yaml';
import type { KubeConnection } from '../../operator/kube/connection.ts';
import { KubeApiError } from '../../operator/kube/errors.ts';
import type { MemoryCluster, Verb } from '../../operator/kube/memory-cluster.ts';
import type { KubeObject, ResourceType } from '../../operator/kube/types.ts';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  contentType: string | undefined;
  /** Parsed request body, when there was one. */
  body: unknown;
  authorization: string | undefined;
}

interface Route {
  type: ResourceType;
  namespace: string | undefined;
  name: string | undefined;
  subresource: 'status' | undefined;
}

export class FakeApiServer {
  readonly cluster: MemoryCluster;
  readonly requests: RecordedRequest[] = [];
  private server: Server | undefined;
  private readonly streams = new Set<ServerResponse>();

  constructor(cluster: MemoryCluster) {
    this.cluster = cluster;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => this.fail(res, err));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this.url;
  }

  get url(): string {
    const addr = this.server?.address() as AddressInfo | undefined;
    if (!addr) throw new Error('fake API server is not listening');
    return `http://127.0.0.1:${addr.port}`;
  }

  /** A connection to this server with a bearer token, as the operator would load it. */
  connection(): KubeConnection {
    const headers = { Authorization: 'Bearer fake-token' };
    return { server: this.url, source: 'fake API server', tls: () => ({}), headers: async () => headers };
  }

  /** A client-node KubeConfig pointing at this server (for code that takes one). */
  kubeConfig(): KubeConfig {
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'fake', server: this.url, skipTLSVerify: true }],
      users: [{ name: 'tester', token: 'fake-token' }],
      contexts: [{ name: 'fake', cluster: 'fake', user: 'tester', namespace: 'default' }],
      currentContext: 'fake',
    });
    return kc;
  }

  /** Writes `kubeConfig()` to `path` (for a process started with `KUBECONFIG`) and returns `path`. */
  writeKubeconfig(path: string): string {
    writeFileSync(path, this.kubeConfig().exportConfig());
    return path;
  }

  /** Cuts every open watch stream, like a load balancer dropping idle connections. */
  cutStreams(): void {
    for (const res of this.streams) res.destroy();
    this.streams.clear();
  }

  async stop(): Promise<void> {
    this.cutStreams();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const query = Object.fromEntries(url.searchParams);
    const raw = await readBody(req);
    const contentType = req.headers['content-type']?.split(';')[0]?.trim();
    let body: unknown;
    if (raw.length > 0) {
      body = contentType === 'application/apply-patch+yaml' ? parseYaml(raw) : JSON.parse(raw);
    }
    this.requests.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      query,
      contentType,
      body,
      authorization: req.headers.authorization,
    });

    const discovery = this.discovery(url.pathname);
    if (discovery !== undefined) return this.send(res, 200, discovery);

    const route = this.route(url.pathname);
    if (!route) throw new KubeApiError(404, 'NotFound', `the server could not find the requested resource`);
    const { type, namespace, name, subresource } = route;
    const method = req.method ?? 'GET';
    const verb = verbOf(method, name, query, contentType);
    this.cluster.checkFault({ verb, resource: type, namespace, name, subresource });
    const manager = query.fieldManager;

    switch (verb) {
      case 'watch':
        return this.watch(res, type, namespace, query);
      case 'list': {
        const list = this.cluster.list(type, {
          ...(namespace !== undefined ? { namespace } : {}),
          ...(query.labelSelector ? { labelSelector: query.labelSelector } : {}),
          ...(query.limit ? { limit: Number(query.limit) } : {}),
          ...(query.continue ? { continue: query.continue } : {}),
        });
        return this.send(res, 200, {
          apiVersion: type.group === '' ? type.version : `${type.group}/${type.version}`,
          kind: `${type.kind}List`,
          metadata: {
            resourceVersion: list.resourceVersion,
            ...(list.continue ? { continue: list.continue } : {}),
          },
          // Like a real server: list items carry no apiVersion/kind.
          items: list.items.map(({ apiVersion: _a, kind: _k, ...rest }) => rest),
        });
      }
      case 'get':
        return this.send(res, 200, this.cluster.get(type, namespace, name!));
      case 'create':
        return this.send(res, 201, this.cluster.create(type, withNamespace(body, namespace), manager));
      case 'update':
        return this.send(
          res,
          200,
          this.cluster.update(type, withNamespace(body, namespace), manager, subresource),
        );
      case 'apply': {
        if (!manager)
          throw new KubeApiError(422, 'Invalid', 'fieldManager: Required value: is required for apply patch');
        const obj = withNamespace(body, namespace);
        if (obj.metadata?.name !== name)
          throw new KubeApiError(400, 'BadRequest', 'the name of the object does not match the URL');
        return this.send(
          res,
          200,
          this.cluster.apply(type, obj, manager, query.force === 'true', subresource),
        );
      }
      case 'patch': {
        if (contentType !== 'application/merge-patch+json') {
          throw new KubeApiError(
            415,
            'UnsupportedMediaType',
            `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`,
          );
        }
        return this.send(
          res,
          200,
          this.cluster.mergePatch(
            type,
            namespace,
            name!,
            body as Record<string, unknown>,
            manager,
            subresource,
          ),
        );
      }
      case 'delete': {
        const opts = (body ?? {}) as { propagationPolicy?: string; preconditions?: { uid?: string } };
        const out = this.cluster.delete(type, namespace, name!, {
          ...(opts.preconditions?.uid ? { uid: opts.preconditions.uid } : {}),
          ...(opts.propagationPolicy ? { propagationPolicy: opts.propagationPolicy } : {}),
        });
        return this.send(res, 200, out);
      }
    }
  }

  private watch(
    res: ServerResponse,
    type: ResourceType,
    namespace: string | undefined,
    query: Record<string, string>,
  ) {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
    this.streams.add(res);
    const write = (line: unknown) => {
      if (!res.writableEnded) res.write(`${JSON.stringify(line)}\n`);
    };
    const handle = this.cluster.watch(
      type,
      {
        resourceVersion: query.resourceVersion ?? '',
        ...(namespace !== undefined ? { namespace } : {}),
        ...(query.labelSelector ? { labelSelector: query.labelSelector } : {}),
        allowBookmarks: query.allowWatchBookmarks === 'true',
        ...(query.timeoutSeconds ? { timeoutSeconds: Number(query.timeoutSeconds) } : {}),
      },
      {
        event: (ev) => write({ type: ev.type, object: ev.object }),
        done: (err) => {
          if (err instanceof KubeApiError) write({ type: 'ERROR', object: err.toStatus() });
          this.streams.delete(res);
          res.end();
        },
      },
    );
    res.on('close', () => {
      handle.stop();
      this.streams.delete(res);
    });
  }

  private discovery(path: string): unknown {
    const all = this.cluster.resources.all();
    if (path === '/api') return { kind: 'APIVersions', versions: ['v1'] };
    if (path === '/apis') {
      const groups = new Map<string, Set<string>>();
      for (const t of all) {
        if (t.group === '') continue;
        const set = groups.get(t.group) ?? new Set<string>();
        for (const v of this.cluster.servedVersions(t)) set.add(v);
        groups.set(t.group, set);
      }
      return {
        kind: 'APIGroupList',
        apiVersion: 'v1',
        groups: [...groups].map(([name, versions]) => ({
          name,
          versions: [...versions].map((v) => ({ groupVersion: `${name}/${v}`, version: v })),
          preferredVersion: {
            groupVersion: `${name}/${[...versions].at(-1)}`,
            version: [...versions].at(-1),
          },
        })),
      };
    }
    const m = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/.exec(path);
    if (!m) return undefined;
    const group = m[2] ?? '';
    const version = m[1] ?? m[3]!;
    const types = all.filter((t) => t.group === group && this.cluster.servedVersions(t).includes(version));
    if (types.length === 0) return undefined;
    const verbs = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];
    return {
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion: group === '' ? version : `${group}/${version}`,
      resources: types.flatMap((t) => [
        { name: t.plural, singularName: t.kind.toLowerCase(), namespaced: t.namespaced, kind: t.kind, verbs },
        ...(t.statusSubresource
          ? [
              {
                name: `${t.plural}/status`,
                singularName: '',
                namespaced: t.namespaced,
                kind: t.kind,
                verbs: ['get', 'patch', 'update'],
              },
            ]
          : []),
      ]),
    };
  }

  private route(path: string): Route | undefined {
    const m = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))\/(.+)$/.exec(path);
    if (!m) return undefined;
    const group = m[2] ?? '';
    const version = m[1] ?? m[3]!;
    let parts = m[4]!.split('/').map(decodeURIComponent);
    let namespace: string | undefined;
    if (parts[0] === 'namespaces' && parts.length >= 3) {
      namespace = parts[1];
      parts = parts.slice(2);
    }
    const [plural, name, sub] = parts;
    const type = this.cluster.resources
      .all()
      .find(
        (t) => t.group === group && t.plural === plural && this.cluster.servedVersions(t).includes(version),
      );
    if (!type || (sub !== undefined && sub !== 'status') || parts.length > 3) return undefined;
    return {
      type: type.version === version ? type : { ...type, version },
      namespace: type.namespaced ? namespace : undefined,
      name,
      subresource: sub === 'status' ? 'status' : undefined,
    };
  }

  private send(res: ServerResponse, code: number, body: unknown): void {
    res.writeHead(code, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  private fail(res: ServerResponse, err: unknown): void {
    const apiErr =
      err instanceof KubeApiError
        ? err
        : new KubeApiError(500, 'InternalError', err instanceof Error ? err.message : String(err));
    if (res.headersSent) {
      res.destroy();
      return;
    }
    this.send(res, apiErr.code, apiErr.toStatus());
  }
}

function verbOf(
  method: string,
  name: string | undefined,
  query: Record<string, string>,
  contentType?: string,
): Verb {
  switch (method) {
    case 'GET':
      if (query.watch === 'true' || query.watch === '1') return 'watch';
      return name === undefined ? 'list' : 'get';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return contentType === 'application/apply-patch+yaml' ? 'apply' : 'patch';
    case 'DELETE':
      return 'delete';
    default:
      throw new KubeApiError(405, 'MethodNotAllowed', `method ${method} not allowed`);
  }
}

function withNamespace(body: unknown, namespace: string | undefined): KubeObject {
  const obj = (body ?? {}) as KubeObject;
  obj.metadata = obj.metadata ?? {};
  if (namespace !== undefined && obj.metadata.namespace === undefined) obj.metadata.namespace = namespace;
  if (namespace !== undefined && obj.metadata.namespace !== namespace) {
    throw new KubeApiError(
      400,
      'BadRequest',
      'the namespace of the provided object does not match the namespace sent on the request',
    );
  }
  return obj;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
