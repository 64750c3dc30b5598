/**
 * `createProxy`: one HTTP server in front of one MCP server (or, for vMCP, any `McpHandler`).
 * Routing, outside the chain first: middleware routes (RFC 9728 metadata and the like),
 * `/health`, `/.well-known/` (clean JSON 404 when no middleware serves it), then the MCP
 * endpoints — `/mcp` (streamable HTTP) and `/sse` + `/messages` (legacy SSE) over a message
 * handler, or everything forwarded to an HTTP backend.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Chain, findRoute } from './chain/chain.ts';
import { DEFAULT_REPLAY_LIMITS, type ReplayLimits } from './frontend/resumable-stream.ts';
import { SseFrontend } from './frontend/sse.ts';
import { StreamableFrontend } from './frontend/streamable.ts';
import { DEFAULT_MAX_BODY_BYTES } from './http/body.ts';
import { Lifecycle } from './http/lifecycle.ts';
import { OriginGuard } from './http/origin.ts';
import { writeJson, writeRpcError } from './http/reply.ts';
import type { Middleware } from './middleware/types.ts';
import { JSONRPC_ERROR } from './protocol/jsonrpc.ts';
import { DEFAULT_SESSION_CAPACITY, DEFAULT_SESSION_TTL_MS, SessionManager } from './session/manager.ts';
import { MemorySessionStore } from './session/memory.ts';
import type { SessionStore } from './session/types.ts';
import type { HttpForwarder, McpHandler } from './upstream/types.ts';

export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;
export const DEFAULT_KEEPALIVE_MS = 30_000;
/**
 * Largest request head accepted (Go's `http.DefaultMaxHeaderBytes`, which ToolHive's proxy and
 * vMCP listeners use). Node's own default is 16 KiB: a bearer token over that would get a bare
 * 431 before authentication could answer it with a 401 and a `WWW-Authenticate` challenge.
 * Tokens are bounded again, far lower, by auth's `MaxTokenBytes` (8 KiB by default).
 */
export const MAX_HEADER_BYTES = 1024 * 1024;

/** What the proxy fronts: a message handler (stdio server, vMCP) or an HTTP backend. */
export type ProxyBackend = (
  | { readonly kind: 'messages'; readonly handler: McpHandler }
  | {
      readonly kind: 'http';
      readonly forwarder: HttpForwarder;
      /**
       * Serves the client transport the server does not speak (legacy SSE in front of a
       * streamable-HTTP server, or the reverse) at the message level; without it only the
       * server's own transport is offered.
       */
      readonly crossTransport?: McpHandler;
    }
) & {
  /** The backend's transport, reported on /health. */
  readonly transport: string;
  /** Registers a callback for a backend that is gone for good (the process should exit). */
  readonly onFatal?: (listener: (reason: string) => void) => void;
};

export interface ProxyOptions {
  readonly backend: ProxyBackend;
  /** The policy chain, outermost first. */
  readonly middlewares?: readonly Middleware[];
  /** Name of the MCP server, for audit, metrics and Cedar. */
  readonly serverName?: string;
  readonly sessionStore?: SessionStore;
  readonly sessionTtlMs?: number;
  readonly sessionCapacity?: number;
  readonly maxBodyBytes?: number;
  readonly requestTimeoutMs?: number;
  readonly strictProtocolValidation?: boolean;
  readonly stateless?: boolean;
  readonly keepAliveMs?: number;
  readonly maxStreamBufferBytes?: number;
  /** Prefix put in front of `/messages` in the SSE `endpoint` event (path-based ingress). */
  readonly endpointPrefix?: string;
  readonly trustProxyHeaders?: boolean;
  /** Origin allowlist; empty with a loopback bind means our own loopback origins only. */
  readonly allowedOrigins?: readonly string[];
  /** Bounds of GET stream resumption (events kept for `Last-Event-ID`); defaults in resumable-stream.ts. */
  readonly replay?: Partial<ReplayLimits>;
  /** Largest request head (request line and headers); larger ones get 431. Default 1 MiB. */
  readonly maxHeaderBytes?: number;
}

export interface McpProxy {
  readonly server: Server;
  readonly sessions: SessionManager;
  readonly lifecycle: Lifecycle;
  listen(port: number, host?: string): Promise<AddressInfo>;
  /**
   * Graceful stop: refuse new work, let in-flight calls finish within `graceMs`, then close
   * streams, the backend, the chain and the session store. Resolves true when nothing was cut off.
   */
  shutdown(graceMs?: number): Promise<boolean>;
}

export function createProxy(opts: ProxyOptions): McpProxy {
  const chain = new Chain(opts.middlewares ?? []);
  const lifecycle = new Lifecycle();
  const sessions = new SessionManager({
    store: opts.sessionStore ?? new MemorySessionStore(),
    ttlMs: opts.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS,
    capacity: opts.sessionCapacity ?? DEFAULT_SESSION_CAPACITY,
  });
  const serverName = opts.serverName ?? 'mcp';
  const backend = opts.backend;
  const common = {
    sessions,
    chain,
    lifecycle,
    serverName,
    maxBodyBytes: opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    requestTimeoutMs: opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    strictProtocolValidation: opts.strictProtocolValidation ?? false,
    stateless: opts.stateless ?? false,
    keepAliveMs: opts.keepAliveMs ?? DEFAULT_KEEPALIVE_MS,
    maxStreamBufferBytes: opts.maxStreamBufferBytes ?? 4 * 1024 * 1024,
    replay: { ...DEFAULT_REPLAY_LIMITS, ...opts.replay },
    retryAfterSeconds: 5,
    endpointPrefix: opts.endpointPrefix ?? '',
    trustProxyHeaders: opts.trustProxyHeaders ?? false,
  };

  let guard: OriginGuard | undefined;
  let streamable: StreamableFrontend | undefined;
  let sse: SseFrontend | undefined;
  if (backend.kind === 'messages') {
    const handler = backend.handler;
    sessions.onClosed((id) => handler.sessionClosed(id));
    streamable = new StreamableFrontend({ ...common, handler });
    sse = new SseFrontend({ ...common, handler });
  } else {
    backend.forwarder.bind({ ...common });
    const handler = backend.crossTransport;
    if (handler) {
      sessions.onClosed((id) => handler.sessionClosed(id));
      if (backend.transport === 'sse') streamable = new StreamableFrontend({ ...common, handler });
      else sse = new SseFrontend({ ...common, handler });
    }
  }

  const health = (res: ServerResponse): void => {
    const status = backend.kind === 'messages' ? backend.handler.status() : backend.forwarder.status();
    const body: Record<string, unknown> = {
      status: lifecycle.draining ? 'unhealthy' : status.available ? 'healthy' : 'degraded',
      timestamp: new Date().toISOString(),
      transport: backend.transport,
      mcp: {
        available: status.available,
        ...(status.responseTimeMs !== undefined ? { response_time_ms: status.responseTimeMs } : {}),
        ...(status.error !== undefined ? { error: status.error } : {}),
        last_checked: (status.lastChecked ?? new Date()).toISOString(),
      },
    };
    writeJson(res, lifecycle.draining ? 503 : 200, body);
  };

  const route = (req: IncomingMessage, res: ServerResponse): void => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);

    const mwRoute = chain.routes.length > 0 ? findRoute(chain.routes, path) : undefined;
    if (mwRoute) {
      if (!mwRoute.methods.includes(req.method ?? 'GET')) {
        req.resume();
        writeJson(res, 405, { error: 'method not allowed' }, { allow: mwRoute.methods.join(', ') });
        return;
      }
      Promise.resolve(mwRoute.handle(req, res)).catch((err: unknown) => {
        console.error(`route ${mwRoute.path} failed: ${err instanceof Error ? err.message : err}`);
        if (!res.headersSent) writeJson(res, 500, { error: 'internal error' });
      });
      return;
    }
    if (path === '/health') {
      req.resume();
      health(res);
      return;
    }
    if (path.startsWith('/.well-known/')) {
      req.resume();
      writeJson(res, 404, { error: 'not_found', error_description: 'no such metadata on this server' });
      return;
    }
    if (guard?.enabled) {
      const refused = guard.check(req);
      if (refused !== undefined) {
        req.resume();
        writeRpcError(res, 403, JSONRPC_ERROR.invalidRequest, refused);
        return;
      }
    }
    if (lifecycle.draining) {
      req.resume();
      res.shouldKeepAlive = false;
      writeRpcError(res, 503, JSONRPC_ERROR.serverError, 'Proxy is shutting down', null, {
        'retry-after': '1',
        connection: 'close',
      });
      return;
    }
    if (path === '/mcp' && streamable) {
      streamable.handle(req, res);
      return;
    }
    if ((path === '/sse' || path === '/messages') && sse) {
      sse.handle(req, res, path);
      return;
    }
    if (backend.kind === 'http') {
      backend.forwarder.handle(req, res, path);
      return;
    }
    req.resume();
    writeJson(res, 404, { error: 'not found' });
  };

  const server = createServer(
    {
      requestTimeout: 0,
      headersTimeout: 10_000,
      keepAliveTimeout: 120_000,
      maxHeaderSize: opts.maxHeaderBytes ?? MAX_HEADER_BYTES,
    },
    route,
  );

  return {
    server,
    sessions,
    lifecycle,
    listen(port: number, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = server.address() as AddressInfo;
          guard = new OriginGuard(opts.allowedOrigins ?? [], host, address.port);
          resolve(address);
        });
      });
    },
    async shutdown(graceMs = 25_000) {
      lifecycle.draining = true;
      // Stop accepting connections; idle keep-alive connections are closed now, busy ones
      // after their current response.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const drained = await lifecycle.waitIdle(graceMs);
      streamable?.closeAllStreams();
      sse?.closeAllStreams();
      if (backend.kind === 'messages') await backend.handler.close();
      else await Promise.all([backend.forwarder.close(), backend.crossTransport?.close()]);
      server.closeAllConnections();
      await closed;
      await chain.close();
      await sessions.close();
      return drained;
    },
  };
}
