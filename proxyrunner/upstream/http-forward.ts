/**
 * Forwarding to an HTTP MCP server — the pods of a StatefulSet, a remote URL, or a local URL —
 * ToolHive's transparent proxy (reference/toolhive-dataplane.md §2.5) with the policy chain in
 * front:
 *
 * - bodies and response streams pass through unchanged unless a middleware replaced the request
 *   or asked to see the response;
 * - a 2025-11-25 session is pinned to the backend that answered its `initialize`
 *   (`backend_url`, `init_body`, `backend_sid` in the session record), so with a shared store
 *   any replica routes it; when that pod is gone (connection refused, or 404 for the session)
 *   the stored handshake is replayed on another pod and the request retried — the client keeps
 *   its session id;
 * - 2026-07-28 requests carry no session and go to any backend;
 * - for an SSE backend the `endpoint` event is rewritten to point at the proxy, and the
 *   session it names is pinned the same way.
 */
import { randomUUID } from 'node:crypto';
import {
  Agent as HttpAgent,
  request as httpRequest,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type ServerResponse,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { PingMonitor, type PingSettings } from '../backend/ping-monitor.ts';
import type { HttpTarget } from '../backend/targets.ts';
import { fail, forbiddenSession, intake, reject, tooLarge } from '../frontend/intake.ts';
import { acceptsEventStream } from '../frontend/streamable.ts';
import { backedUp, pauseUntilWritable } from '../http/backpressure.ts';
import { BodyTooLargeError, headerValue, isJsonContentType, readBody } from '../http/body.ts';
import { createContext, outcomeOf } from '../http/context.ts';
import { ErrorSniffer } from '../http/error-sniffer.ts';
import { writeRpcError } from '../http/reply.ts';
import type { RequestContext } from '../middleware/types.ts';
import { fold } from '../protocol/json-guard.ts';
import {
  isRequest,
  JSONRPC_ERROR,
  type JsonRpcId,
  type JsonRpcMessage,
  type JsonRpcRequest,
  type JsonRpcResponse,
} from '../protocol/jsonrpc.ts';
import { classifyRevision, MODERN_VERSION, modernErrorStatus } from '../protocol/revision.ts';
import { SSE_HEADERS, type SseEvent, SseParser, sseMessage } from '../protocol/sse.ts';
import { mayUseSession, ownerMetadata } from '../session/binding.ts';
import { SessionStoreUnavailableError } from '../session/manager.ts';
import type { SessionRecord } from '../session/types.ts';
import { type Collected, isModernRefusal, LegacyBridge } from './legacy-bridge.ts';
import type { FrontendCommon, HandlerStatus, HttpForwarder } from './types.ts';

export interface HttpForwarderOptions {
  readonly target: HttpTarget;
  readonly transport: 'streamable-http' | 'sse';
  /** Headers added to every request (RunConfig `header_forward`; remote proxies only). */
  readonly addHeaders?: Readonly<Record<string, string>>;
  /** DNS lookup for the agent; remote proxies use one that refuses internal addresses. */
  readonly lookup?: LookupFunction;
  /** Most sockets kept per backend; default unlimited (connection reuse matters more). */
  readonly maxSockets?: number;
  /** Periodic health checks (ToolHive's health monitor); none when absent. */
  readonly healthCheck?: PingSettings;
  readonly log?: (msg: string) => void;
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'http2-settings',
]);

/**
 * Headers the `Connection` header names are hop-by-hop too (RFC 9110 §7.6.1), whatever they are
 * called: Go's ReverseProxy, which ToolHive uses, drops them in both directions, so a client
 * cannot smuggle `Connection: x-internal-secret` style options through to a backend.
 */
function connectionListed(value: string | string[] | undefined): Set<string> | undefined {
  if (value === undefined) return undefined;
  const names = (Array.isArray(value) ? value.join(',') : value)
    .split(',')
    .map((n) => n.trim().toLowerCase())
    .filter((n) => n !== '' && n !== 'close' && n !== 'keep-alive');
  return names.length > 0 ? new Set(names) : undefined;
}

/** Errors that mean "that backend is not there" (worth re-pinning to another pod). */
const GONE = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'ECONNRESET',
  'ETIMEDOUT',
  'EAI_AGAIN',
]);

class UpstreamError extends Error {
  readonly code: string;
  constructor(message: string, code: string) {
    super(message);
    this.code = code;
  }
}

/** What the proxy wrote back, as far as audit and metrics care. */
interface Sent {
  responseBytes?: number;
  error?: { code: number; message: string };
}

interface Pin {
  readonly record: SessionRecord;
  readonly base: string;
  readonly backendSid: string;
}

export class HttpBackendForwarder implements HttpForwarder {
  private readonly o: HttpForwarderOptions;
  private c!: FrontendCommon;
  private readonly httpAgent: HttpAgent;
  private readonly httpsAgent: HttpsAgent;
  private healthy = true;
  private lastError: string | undefined;
  private readonly mcpPath: string;
  /** Responses a middleware wants to see, by SSE session and JSON-RPC id. */
  private readonly sseWatch = new Map<string, Map<string, RequestContext>>();
  /** Open client SSE streams (legacy SSE transport), to close on shutdown. */
  private readonly sseStreams = new Map<string, ServerResponse>();
  private readonly bridge: LegacyBridge;
  /** Set once the backend answered an `initialize` or a 2026-07-28 request. */
  private initialized = false;
  private monitor: PingMonitor | undefined;
  private readonly fatalListeners: Array<(reason: string) => void> = [];

  constructor(o: HttpForwarderOptions) {
    this.o = o;
    this.bridge = new LegacyBridge((base, headers, body) =>
      this.send(
        'POST',
        this.o.target.requestUrl(base, '/mcp', '', '/mcp'),
        headers,
        body,
        this.c.requestTimeoutMs,
      ),
    );
    this.mcpPath = o.transport === 'sse' ? '/sse' : '/mcp';
    const agentOpts = {
      keepAlive: true,
      maxSockets: o.maxSockets ?? Number.POSITIVE_INFINITY,
      maxFreeSockets: 256,
      ...(o.lookup ? { lookup: o.lookup } : {}),
    };
    this.httpAgent = new HttpAgent(agentOpts);
    this.httpsAgent = new HttpsAgent(agentOpts);
  }

  bind(common: FrontendCommon): void {
    this.c = common;
    if (this.o.healthCheck && !this.monitor) {
      this.monitor = new PingMonitor({
        settings: this.o.healthCheck,
        ping: (timeoutMs) => this.ping(timeoutMs),
        ready: () => this.initialized,
        onFailed: (reason) => {
          for (const l of this.fatalListeners) l(reason);
        },
        ...(this.o.log ? { log: this.o.log } : {}),
      });
      this.monitor.start();
    }
  }

  /** Registers a callback for a backend that failed its health checks for good. */
  onFatal(listener: (reason: string) => void): void {
    this.fatalListeners.push(listener);
  }

  /**
   * One health check, as ToolHive's pingers do it: a GET to the server (any status below 500 is
   * alive), or for a stateless server a POST `ping` to its MCP endpoint.
   */
  ping(timeoutMs: number): Promise<void> {
    const base = this.o.target.healthBase();
    const stateless = this.c?.stateless === true;
    const url = stateless ? this.o.target.requestUrl(base, this.mcpPath, '', this.mcpPath) : `${base}/`;
    const body = stateless ? Buffer.from('{"jsonrpc":"2.0","id":0,"method":"ping","params":{}}') : undefined;
    return new Promise((resolve, reject) => {
      const https = url.startsWith('https:');
      const req = (https ? httpsRequest : httpRequest)(url, {
        method: stateless ? 'POST' : 'GET',
        agent: https ? this.httpsAgent : this.httpAgent,
        headers: {
          ...(this.o.addHeaders ?? {}),
          ...(body
            ? {
                'content-type': 'application/json',
                accept: 'application/json, text/event-stream',
                'content-length': body.length,
              }
            : {}),
        },
        signal: AbortSignal.timeout(timeoutMs),
      });
      req.once('response', (res) => {
        res.resume();
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 500) resolve();
        else reject(new Error(`health check answered ${status}`));
      });
      req.once('error', (err) =>
        reject(err.name === 'AbortError' ? new Error(`no answer within ${timeoutMs} ms`) : err),
      );
      req.end(body);
    });
  }

  /** Reports how a request ended to the chain's `onComplete` hooks. */
  private complete(ctx: RequestContext, status: number, sent: Sent = {}): void {
    if (!this.c.chain.empty) this.c.chain.complete(ctx, outcomeOf(ctx, status, sent));
  }

  /**
   * For `/health`: the last health check once checks have run; until then (or without them),
   * whether the last request reached the backend.
   */
  status(): HandlerStatus {
    const last = this.monitor?.last;
    if (last) {
      return {
        available: last.available,
        description: this.o.target.description,
        lastChecked: last.checkedAt,
        ...(last.responseTimeMs !== undefined ? { responseTimeMs: last.responseTimeMs } : {}),
        ...(last.error !== undefined ? { error: last.error } : {}),
      };
    }
    const s: { available: boolean; description: string; error?: string } = {
      available: this.healthy,
      description: this.o.target.description,
    };
    if (!this.healthy && this.lastError !== undefined) s.error = this.lastError;
    return s;
  }

  handle(req: IncomingMessage, res: ServerResponse, path: string): void {
    this.dispatch(req, res, path).catch((err: unknown) => {
      if (err instanceof SessionStoreUnavailableError) {
        writeRpcError(res, 503, JSONRPC_ERROR.serverError, 'session store unavailable', null, {
          'retry-after': '5',
        });
        return;
      }
      console.error(
        `forwarding ${req.method} ${path}: ${err instanceof Error ? (err.stack ?? err.message) : err}`,
      );
      if (!res.headersSent) writeRpcError(res, 502, JSONRPC_ERROR.serverError, 'Bad gateway');
      else res.destroy();
    });
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (this.o.transport === 'streamable-http' && path === '/mcp') {
      if (req.method === 'POST') return this.streamablePost(req, res, path);
      if (req.method === 'GET' || req.method === 'DELETE') return this.streamableSession(req, res, path);
    }
    // ToolHive's chain wraps every path of its transparent proxy, so the parser, tool filter and
    // authorization see a JSON POST wherever it goes. Servers answer MCP on more paths than /mcp
    // (Express matches /MCP and /mcp/ too): without this, a call to a filtered tool or a
    // tools/list posted there skipped the policy that reads messages.
    if (
      this.o.transport === 'streamable-http' &&
      req.method === 'POST' &&
      !this.c.chain.empty &&
      isJsonContentType(headerValue(req, 'content-type'))
    )
      return this.streamablePost(req, res, path);
    if (this.o.transport === 'sse') {
      if (path === '/sse' && req.method === 'GET') return this.sseOpen(req, res, path);
      if (req.method === 'POST') {
        const keys = sseSessionKeys(req.url ?? '');
        if (keys.length > 0) return this.ssePost(req, res, path, keys);
      }
    }
    return this.passthrough(req, res, path);
  }

  // ---------------------------------------------------------------- streamable HTTP

  private async streamablePost(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const c = this.c;
    const accepted = await intake(req, res, 'streamable-http', c);
    if (!accepted) return;
    const { ctx, message } = accepted;
    const body = accepted.replaced ? Buffer.from(JSON.stringify(message)) : accepted.raw;
    const id = isRequest(message) ? message.id : null;
    const method = 'method' in message ? message.method : undefined;
    const meta =
      'params' in message ? (message.params?._meta as Record<string, unknown> | undefined) : undefined;
    const modern =
      method !== undefined &&
      classifyRevision(method, meta, headerValue(req, 'mcp-protocol-version')).era === MODERN_VERSION;

    let pin: Pin | undefined;
    let base: string;
    const sid = modern ? undefined : headerValue(req, 'mcp-session-id');
    if (sid !== undefined && method !== 'initialize') {
      const found = await this.lookupPin(sid);
      if (!found) {
        fail(c.chain, ctx, res, 404, JSONRPC_ERROR.sessionNotFound, 'Session not found', id);
        return;
      }
      if (!mayUseSession(found.record, ctx.identity)) {
        forbiddenSession(c.chain, ctx, res, id);
        return;
      }
      pin = found;
      base = found.base;
    } else {
      if (method === 'initialize' && c.sessions.full) {
        fail(c.chain, ctx, res, 503, JSONRPC_ERROR.serverError, 'Session capacity reached', id, {
          'retry-after': String(c.retryAfterSeconds),
        });
        return;
      }
      base = await this.o.target.pick();
    }

    c.lifecycle.begin();
    const done = (status: number, extra: Parameters<typeof outcomeOf>[2] = {}) => {
      c.lifecycle.end();
      if (!c.chain.empty) c.chain.complete(ctx, outcomeOf(ctx, status, extra));
    };
    const headers = this.requestHeaders(req, ctx, pin?.backendSid, modern || method === 'initialize');
    const bridgeable = modern && isRequest(message);
    if (bridgeable && this.bridge.eraOf(base) === 'legacy') {
      await this.bridged(req, res, ctx, message, body, base, headers, done);
      return;
    }
    let upstream: IncomingMessage;
    try {
      upstream = await this.send('POST', this.url(base, path, req), headers, body, c.requestTimeoutMs);
      if (pin && upstream.statusCode === 404 && method !== 'initialize') {
        upstream.resume();
        throw new UpstreamError('backend no longer knows the session', 'ESESSIONGONE');
      }
    } catch (err) {
      const code = err instanceof UpstreamError ? err.code : '';
      if (pin && (GONE.has(code) || code === 'ESESSIONGONE')) {
        try {
          pin = await this.repin(pin, req, ctx);
          const retryHeaders = this.requestHeaders(req, ctx, pin.backendSid, false);
          upstream = await this.send(
            'POST',
            this.url(pin.base, path, req),
            retryHeaders,
            body,
            c.requestTimeoutMs,
          );
        } catch (again) {
          done(502, this.gatewayError(res, again, id));
          return;
        }
      } else {
        done(code === 'ETIMEOUT' ? 504 : 502, this.gatewayError(res, err, id));
        return;
      }
    }
    this.markHealthy();

    if (bridgeable && this.bridge.eraOf(base) === undefined) {
      const probeStatus = upstream.statusCode ?? 500;
      if (probeStatus >= 400 && probeStatus < 500) {
        const text = await readText(upstream);
        if (isModernRefusal(text)) {
          this.bridge.setEra(base, 'modern');
          this.writeHead(res, upstream, undefined);
          res.end(text);
          done(probeStatus);
          return;
        }
        this.bridge.setEra(base, 'legacy');
        await this.bridged(req, res, ctx, message, body, base, headers, done);
        return;
      }
      if (probeStatus < 300) this.bridge.setEra(base, 'modern');
    }

    let clientSid = pin?.record.id;
    const backendSid = headerValue(upstream as unknown as IncomingMessage, 'mcp-session-id');
    if (
      method === 'initialize' &&
      !modern &&
      backendSid !== undefined &&
      (upstream.statusCode ?? 500) < 300
    ) {
      clientSid = await this.recordSession(backendSid, base, accepted.raw, ctx);
    }
    const status = upstream.statusCode ?? 502;
    // Health checks start once the server has answered a handshake (ToolHive's serverInitialized).
    if (status < 300 && (method === 'initialize' || modern)) this.initialized = true;
    const wants = id !== null && !c.chain.empty && c.chain.wantsResponse(ctx);
    // A body the chain rewrites (a filtered list) no longer has the backend's length: sending
    // the old Content-Length left clients waiting for bytes that never came (ToolHive's filters
    // drop it too).
    this.writeHead(res, upstream, clientSid, wants);
    if (!wants) {
      pipeBody(upstream, res, (seen) => done(status, seen), !c.chain.empty);
      return;
    }
    const response = await this.transformBody(upstream, res, ctx, id);
    done(status, response ? { response } : {});
  }

  /** A modern request to a legacy backend, through the proxy's own session on it. */
  private async bridged(
    req: IncomingMessage,
    res: ServerResponse,
    ctx: RequestContext,
    message: JsonRpcRequest,
    body: Buffer,
    base: string,
    headers: OutgoingHttpHeaders,
    done: (status: number, extra?: Parameters<typeof outcomeOf>[2]) => void,
  ): Promise<void> {
    const c = this.c;
    let collected: Collected;
    try {
      collected = await this.bridge.request(base, message, body, headers);
    } catch (err) {
      done(502, this.gatewayError(res, err, message.id));
      return;
    }
    let response = collected.response;
    this.initialized = true;
    const wants = !c.chain.empty && c.chain.wantsResponse(ctx);
    if (wants) response = await c.chain.after(ctx, response);
    const status = 'error' in response ? modernErrorStatus(response.error.code) : 200;
    if (collected.related.length > 0 && acceptsEventStream(req)) {
      res.writeHead(200, SSE_HEADERS);
      for (const m of collected.related) res.write(sseMessage(JSON.stringify(m)));
      res.end(sseMessage(JSON.stringify(response)));
      done(200, wants ? { response } : {});
      return;
    }
    const text = JSON.stringify(response);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
    done(status, wants ? { response } : {});
  }

  /** GET (standalone stream) and DELETE of a 2025-11-25 session. */
  private async streamableSession(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const c = this.c;
    const ctx = createContext(req, 'streamable-http', c.serverName);
    req.resume();
    // Authentication first, as in ToolHive where it wraps the handler.
    if (!c.chain.empty) {
      const rejected = await c.chain.before(ctx);
      if (rejected) {
        reject(c.chain, ctx, res, rejected);
        return;
      }
    }
    if (c.stateless || headerValue(req, 'mcp-protocol-version') === MODERN_VERSION) {
      fail(c.chain, ctx, res, 405, JSONRPC_ERROR.invalidRequest, 'Method not allowed', null, {
        allow: 'POST, OPTIONS',
      });
      return;
    }
    const sid = headerValue(req, 'mcp-session-id');
    if (sid === undefined) {
      fail(
        c.chain,
        ctx,
        res,
        400,
        JSONRPC_ERROR.invalidRequest,
        `Mcp-Session-Id header required for ${req.method}`,
      );
      return;
    }
    ctx.sessionId = sid;
    let pin = await this.lookupPin(sid);
    if (!pin) {
      fail(c.chain, ctx, res, 404, JSONRPC_ERROR.sessionNotFound, 'Session not found');
      return;
    }
    if (!mayUseSession(pin.record, ctx.identity)) {
      forbiddenSession(c.chain, ctx, res);
      return;
    }
    const method = req.method!;
    let upstream: IncomingMessage;
    try {
      upstream = await this.send(
        method,
        this.url(pin.base, path, req),
        this.requestHeaders(req, ctx, pin.backendSid, false),
      );
    } catch (err) {
      const code = err instanceof UpstreamError ? err.code : '';
      if (method === 'DELETE' && GONE.has(code)) {
        // The pod that held the session is gone, and so is its state: the session is over.
        await c.sessions.delete(sid);
        res.writeHead(204).end();
        if (!c.chain.empty) c.chain.complete(ctx, outcomeOf(ctx, 204));
        return;
      }
      if (!GONE.has(code)) {
        this.complete(ctx, 502, this.gatewayError(res, err, null));
        return;
      }
      try {
        pin = await this.repin(pin, req, ctx);
        upstream = await this.send(
          method,
          this.url(pin.base, path, req),
          this.requestHeaders(req, ctx, pin.backendSid, false),
        );
      } catch (again) {
        this.complete(ctx, 502, this.gatewayError(res, again, null));
        return;
      }
    }
    this.markHealthy();
    const status = upstream.statusCode ?? 502;
    if (method === 'DELETE' && ((status >= 200 && status < 300) || status === 404))
      await c.sessions.delete(sid);
    this.writeHead(res, upstream, sid);
    // A standalone stream may stay quiet for long: let the client see it is open. Streams are
    // not calls: shutdown does not wait for them (they never end by themselves).
    if (method === 'GET') res.flushHeaders();
    pipeBody(upstream, res, (seen) => this.complete(ctx, status, seen), !c.chain.empty);
  }

  // ---------------------------------------------------------------- legacy SSE backends

  private async sseOpen(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const c = this.c;
    const ctx = createContext(req, 'sse', c.serverName);
    req.resume();
    if (!c.chain.empty) {
      const rejected = await c.chain.before(ctx);
      if (rejected) {
        reject(c.chain, ctx, res, rejected);
        return;
      }
    }
    if (c.sessions.full) {
      fail(c.chain, ctx, res, 503, JSONRPC_ERROR.serverError, 'Session capacity reached', null, {
        'retry-after': String(c.retryAfterSeconds),
      });
      return;
    }
    const base = await this.o.target.pick();
    const url = this.url(base, path, req);
    let upstream: IncomingMessage;
    try {
      upstream = await this.send('GET', url, this.requestHeaders(req, ctx, undefined, true));
    } catch (err) {
      this.complete(ctx, 502, this.gatewayError(res, err, null));
      return;
    }
    this.markHealthy();
    const status = upstream.statusCode ?? 502;
    if (status !== 200 || !String(upstream.headers['content-type'] ?? '').includes('text/event-stream')) {
      this.writeHead(res, upstream, undefined);
      pipeBody(upstream, res, (seen) => this.complete(ctx, status, seen), !c.chain.empty);
      return;
    }
    this.writeHead(res, upstream, undefined);
    res.flushHeaders();
    // An SSE server that opened its stream is up; the handshake follows on it.
    this.initialized = true;
    let sessionKey: string | undefined;
    const prefix = this.endpointPrefix(req);
    const parser = new SseParser((e) => {
      if (e.event === 'endpoint' && sessionKey === undefined) {
        const endpoint = new URL(e.data, url);
        sessionKey = sseSessionKey(endpoint.pathname + endpoint.search);
        if (sessionKey !== undefined) {
          const key = sessionKey;
          this.sseStreams.set(key, res);
          c.sessions
            .create('sse', { backend_url: base, ...ownerMetadata(ctx.identity) }, key)
            .catch((err: unknown) => {
              console.error(`cannot record SSE session: ${err instanceof Error ? err.message : err}`);
            });
        }
        res.write(`event: endpoint\ndata: ${prefix}${endpoint.pathname}${endpoint.search}\n\n`);
        return;
      }
      this.sseEvent(sessionKey, e, res);
    });
    upstream.setEncoding('utf8');
    upstream.on('data', (chunk: string) => {
      parser.push(chunk);
      if (backedUp(res)) pauseUntilWritable(upstream, res);
    });
    linkEnds(upstream, res, () => {
      if (sessionKey !== undefined) {
        this.sseStreams.delete(sessionKey);
        this.sseWatch.delete(sessionKey);
        c.sessions.delete(sessionKey).catch(() => {});
      }
      if (!c.chain.empty) c.chain.complete(ctx, outcomeOf(ctx, 200));
    });
  }

  /** Passes an event on; a response some middleware is waiting for is rewritten first. */
  private sseEvent(sessionKey: string | undefined, e: SseEvent, res: ServerResponse): void {
    const watch = sessionKey === undefined ? undefined : this.sseWatch.get(sessionKey);
    if (!watch || watch.size === 0 || e.event !== 'message') {
      res.write(e.raw);
      return;
    }
    let msg: JsonRpcMessage;
    try {
      msg = JSON.parse(e.data) as JsonRpcMessage;
    } catch {
      res.write(e.raw);
      return;
    }
    const key = 'id' in msg && !('method' in msg) ? idKey(msg.id as JsonRpcId) : undefined;
    const ctx = key === undefined ? undefined : watch.get(key);
    if (!ctx || key === undefined) {
      res.write(e.raw);
      return;
    }
    watch.delete(key);
    // Events must stay in order: hold the stream until the rewritten response is written.
    res.cork();
    this.c.chain.after(ctx, msg as JsonRpcResponse).then(
      (final) => {
        res.write(`event: message\ndata: ${JSON.stringify(final)}\n\n`);
        res.uncork();
        if (!this.c.chain.empty) this.c.chain.complete(ctx, outcomeOf(ctx, 200, { response: final }));
      },
      () => {
        res.write(e.raw);
        res.uncork();
      },
    );
  }

  /** A message posted to an SSE session; `keys` are the session ids its query carries (at least one). */
  private async ssePost(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    keys: readonly string[],
  ): Promise<void> {
    const c = this.c;
    const key = keys[0]!;
    const accepted = await intake(req, res, 'sse', c);
    if (!accepted) return;
    const { ctx, message } = accepted;
    ctx.sessionId = key;
    const id = isRequest(message) ? message.id : null;
    if (keys.length > 1) {
      // We check the first; the server may read another (Starlette keeps the last): the message
      // would land in a session the caller's binding was never checked against.
      fail(c.chain, ctx, res, 400, JSONRPC_ERROR.invalidRequest, 'more than one session id in the query', id);
      return;
    }
    const pin = await this.lookupPin(key);
    if (!pin) {
      fail(c.chain, ctx, res, 404, JSONRPC_ERROR.sessionNotFound, 'Session not found', id);
      return;
    }
    if (!mayUseSession(pin.record, ctx.identity)) {
      forbiddenSession(c.chain, ctx, res, id);
      return;
    }
    const wants = id !== null && !c.chain.empty && c.chain.wantsResponse(ctx);
    if (wants) {
      if (!this.sseStreams.has(key)) {
        // The response travels on a stream another replica holds; policy could not see it.
        fail(
          c.chain,
          ctx,
          res,
          503,
          JSONRPC_ERROR.serverError,
          'SSE connection not held by this instance',
          id,
        );
        return;
      }
      let watch = this.sseWatch.get(key);
      if (!watch) {
        watch = new Map();
        this.sseWatch.set(key, watch);
      }
      watch.set(idKey(id), ctx);
    }
    const body = accepted.replaced ? Buffer.from(JSON.stringify(message)) : accepted.raw;
    let upstream: IncomingMessage;
    try {
      upstream = await this.send(
        'POST',
        this.url(pin.base, path, req),
        this.requestHeaders(req, ctx, undefined, false),
        body,
        c.requestTimeoutMs,
      );
    } catch (err) {
      this.complete(ctx, 502, this.gatewayError(res, err, id));
      return;
    }
    const status = upstream.statusCode ?? 502;
    this.writeHead(res, upstream, undefined);
    pipeBody(upstream, res, (seen) => {
      // A request some middleware watches is completed when its answer comes on the stream.
      if (!wants) this.complete(ctx, status, seen);
    });
  }

  // ---------------------------------------------------------------- anything else

  private async passthrough(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const c = this.c;
    const ctx = createContext(req, this.o.transport === 'sse' ? 'sse' : 'streamable-http', c.serverName);
    if (!c.chain.empty) {
      const rejected = await c.chain.before(ctx);
      if (rejected) {
        req.resume();
        reject(c.chain, ctx, res, rejected);
        return;
      }
    }
    // With policies on, a POST's body is read first: an MCP message sent where the chain could
    // not judge it (another content type, an SSE server's message path without a session) is
    // refused rather than passed on unseen. Other bodies (a form post to the server's own OAuth
    // endpoints) go through as they came.
    let body: Buffer | IncomingMessage = req;
    if (req.method === 'POST' && !c.chain.empty) {
      try {
        body = await readBody(req, c.maxBodyBytes);
      } catch (err) {
        if (err instanceof BodyTooLargeError) return tooLarge(c.chain, ctx, res);
        res.shouldKeepAlive = false;
        fail(c.chain, ctx, res, 400, JSONRPC_ERROR.parseError, 'Could not read the request body');
        return;
      }
      if (carriesMcpMessage(body)) {
        const json = isJsonContentType(headerValue(req, 'content-type'));
        fail(
          c.chain,
          ctx,
          res,
          json ? 400 : 415,
          JSONRPC_ERROR.invalidRequest,
          json ? 'session_id query parameter required' : 'Content-Type must be application/json',
        );
        return;
      }
    }
    const base = await this.o.target.pick();
    const headers = this.requestHeaders(req, ctx, undefined, false);
    const declared = req.headers['content-length'];
    if (Buffer.isBuffer(body)) delete headers['transfer-encoding'];
    else if (declared !== undefined) headers['content-length'] = declared;
    else if (req.headers['transfer-encoding'] !== undefined) headers['transfer-encoding'] = 'chunked';
    let upstream: IncomingMessage;
    try {
      upstream = await this.send(req.method ?? 'GET', this.url(base, path, req), headers, body);
    } catch (err) {
      this.complete(ctx, 502, this.gatewayError(res, err, null));
      return;
    }
    const status = upstream.statusCode ?? 502;
    this.writeHead(res, upstream, undefined);
    res.once('close', () => upstream.destroy());
    pipeBody(upstream, res, (seen) => this.complete(ctx, status, seen), !c.chain.empty);
  }

  // ---------------------------------------------------------------- sessions and pinning

  private async lookupPin(sid: string): Promise<Pin | undefined> {
    const record = await this.c.sessions.get(sid);
    if (!record) return undefined;
    const base = record.metadata.backend_url ?? (await this.o.target.pick());
    return { record, base, backendSid: record.metadata.backend_sid ?? sid };
  }

  /** Stores a new session under the backend's id (or ours, when the backend's is unusable). */
  private async recordSession(
    backendSid: string,
    base: string,
    initBody: Buffer,
    ctx: RequestContext,
  ): Promise<string> {
    const usable = this.c.sessions.isValidId(backendSid);
    const metadata: Record<string, string> = {
      backend_url: base,
      init_body: initBody.toString('utf8'),
      ...ownerMetadata(ctx.identity),
    };
    if (!usable) metadata.backend_sid = backendSid;
    const record = await this.c.sessions.create('streamable', metadata, usable ? backendSid : randomUUID());
    return record?.id ?? backendSid;
  }

  /**
   * The pinned backend is gone: replay the stored initialize on another backend, pin the
   * session there, and remember the new backend session id. The client's id does not change.
   */
  private async repin(pin: Pin, req: IncomingMessage, ctx: RequestContext): Promise<Pin> {
    const initBody = pin.record.metadata.init_body;
    if (initBody === undefined)
      throw new UpstreamError('session has no stored handshake to replay', 'ENOINIT');
    const base = await this.o.target.pick(pin.base);
    const headers = this.requestHeaders(req, ctx, undefined, true);
    headers['content-type'] = 'application/json';
    headers.accept = 'application/json, text/event-stream';
    delete headers['mcp-protocol-version'];
    const init = await this.send(
      'POST',
      this.url(base, '/mcp', req),
      headers,
      Buffer.from(initBody),
      this.c.requestTimeoutMs,
    );
    const newSid = headerValue(init as unknown as IncomingMessage, 'mcp-session-id');
    init.resume();
    if ((init.statusCode ?? 500) >= 300 || newSid === undefined) {
      throw new UpstreamError(`replaying initialize on ${base} failed with ${init.statusCode}`, 'EREPIN');
    }
    const note = await this.send(
      'POST',
      this.url(base, '/mcp', req),
      { ...headers, 'mcp-session-id': newSid },
      Buffer.from('{"jsonrpc":"2.0","method":"notifications/initialized"}'),
      this.c.requestTimeoutMs,
    );
    note.resume();
    const metadata = { ...pin.record.metadata, backend_url: base, backend_sid: newSid };
    const record: SessionRecord = { ...pin.record, metadata };
    await this.c.sessions.update(record);
    return { record, base, backendSid: newSid };
  }

  // ---------------------------------------------------------------- HTTP plumbing

  private url(base: string, path: string, req: IncomingMessage): string {
    const raw = req.url ?? '/';
    const q = raw.indexOf('?');
    return this.o.target.requestUrl(base, path, q === -1 ? '' : raw.slice(q + 1), this.mcpPath);
  }

  private requestHeaders(
    req: IncomingMessage,
    ctx: RequestContext,
    backendSid: string | undefined,
    dropSession: boolean,
  ): OutgoingHttpHeaders {
    const out: OutgoingHttpHeaders = {};
    const h = req.headers;
    const listed = connectionListed(h.connection);
    for (const name in h) {
      if (
        HOP_BY_HOP.has(name) ||
        listed?.has(name) ||
        name === 'host' ||
        name === 'authorization' ||
        name === 'content-length' ||
        name === 'accept-encoding' ||
        name === 'forwarded' ||
        name.startsWith('x-forwarded-')
      ) {
        continue;
      }
      out[name] = h[name];
    }
    if (dropSession) delete out['mcp-session-id'];
    else if (backendSid !== undefined) out['mcp-session-id'] = backendSid;
    const remote = this.o.target.remote;
    const client = req.socket.remoteAddress;
    if (client) out['x-forwarded-for'] = client;
    // A remote upstream is told its own scheme, or HTTPS-enforcing servers redirect forever.
    out['x-forwarded-proto'] = remote && this.o.target.description.startsWith('https:') ? 'https' : 'http';
    if (!remote && h.host !== undefined) out['x-forwarded-host'] = h.host;
    if (this.o.addHeaders) Object.assign(out, this.o.addHeaders);
    for (const name in ctx.upstreamHeaders) out[name.toLowerCase()] = ctx.upstreamHeaders[name];
    return out;
  }

  private send(
    method: string,
    url: string,
    headers: OutgoingHttpHeaders,
    body?: Buffer | IncomingMessage,
    timeoutMs?: number,
  ): Promise<IncomingMessage> {
    return new Promise((resolve, reject) => {
      const https = url.startsWith('https:');
      if (Buffer.isBuffer(body)) headers['content-length'] = body.length;
      const out = (https ? httpsRequest : httpRequest)(url, {
        method,
        headers,
        agent: https ? this.httpsAgent : this.httpAgent,
      });
      let timer: NodeJS.Timeout | undefined;
      if (timeoutMs !== undefined) {
        timer = setTimeout(
          () => out.destroy(new UpstreamError('backend did not answer in time', 'ETIMEOUT')),
          timeoutMs,
        );
      }
      out.once('response', (res) => {
        clearTimeout(timer);
        resolve(res);
      });
      out.once('error', (err: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        this.healthy = false;
        this.lastError = err.message;
        reject(err instanceof UpstreamError ? err : new UpstreamError(err.message, err.code ?? 'EUPSTREAM'));
      });
      if (body === undefined) out.end();
      else if (Buffer.isBuffer(body)) out.end(body);
      else body.pipe(out);
    });
  }

  private writeHead(
    res: ServerResponse,
    upstream: IncomingMessage,
    clientSid: string | undefined,
    rewritten = false,
  ): void {
    const headers: OutgoingHttpHeaders = {};
    const h = upstream.headers;
    const listed = connectionListed(h.connection);
    for (const name in h) {
      if (HOP_BY_HOP.has(name) || listed?.has(name)) continue;
      if (rewritten && (name === 'content-length' || name === 'content-encoding' || name === 'etag'))
        continue;
      headers[name] = h[name];
    }
    if (headers['mcp-session-id'] !== undefined && clientSid !== undefined)
      headers['mcp-session-id'] = clientSid;
    res.writeHead(upstream.statusCode ?? 502, headers);
  }

  /**
   * Reads the response to `id` — a JSON body or an SSE stream — runs the chain's `onResponse`
   * hooks on it, and writes the result; other events pass through untouched.
   */
  private transformBody(
    upstream: IncomingMessage,
    res: ServerResponse,
    ctx: RequestContext,
    id: JsonRpcId,
  ): Promise<JsonRpcResponse | undefined> {
    const chain = this.c.chain;
    const isSse = String(upstream.headers['content-type'] ?? '').includes('text/event-stream');
    upstream.setEncoding('utf8');
    return new Promise((resolve) => {
      if (!isSse) {
        let text = '';
        upstream.on('data', (chunk: string) => {
          text += chunk;
        });
        upstream.once('end', () => {
          let msg: JsonRpcResponse;
          try {
            msg = JSON.parse(text) as JsonRpcResponse;
          } catch {
            res.end(text);
            resolve(undefined);
            return;
          }
          chain.after(ctx, msg).then(
            (final) => {
              const out = JSON.stringify(final);
              if (!res.headersSent) res.setHeader('content-length', Buffer.byteLength(out));
              res.end(out);
              resolve(final);
            },
            () => {
              res.end(text);
              resolve(undefined);
            },
          );
        });
        upstream.once('error', () => {
          res.destroy();
          resolve(undefined);
        });
        return;
      }
      let queue = Promise.resolve();
      let result: JsonRpcResponse | undefined;
      const wanted = idKey(id);
      const parser = new SseParser((e) => {
        queue = queue.then(async () => {
          if (e.event !== 'message') {
            res.write(e.raw);
            return;
          }
          let msg: JsonRpcMessage | undefined;
          try {
            msg = JSON.parse(e.data) as JsonRpcMessage;
          } catch {
            msg = undefined;
          }
          if (!msg || 'method' in msg || !('id' in msg) || idKey(msg.id as JsonRpcId) !== wanted) {
            res.write(e.raw);
            return;
          }
          result = await chain.after(ctx, msg as JsonRpcResponse).catch(() => msg as JsonRpcResponse);
          const idLine = e.id !== undefined ? `id: ${e.id}\n` : '';
          res.write(`event: message\n${idLine}data: ${JSON.stringify(result)}\n\n`);
        });
      });
      upstream.on('data', (chunk: string) => {
        parser.push(chunk);
        if (backedUp(res)) pauseUntilWritable(upstream, res);
      });
      upstream.once('end', () => {
        queue.then(() => {
          res.end();
          resolve(result);
        });
      });
      upstream.once('error', () => {
        res.destroy();
        resolve(result);
      });
      res.once('close', () => upstream.destroy());
    });
  }

  /** Answers a failed upstream exchange; returns what audit needs to know about the answer. */
  private gatewayError(res: ServerResponse, err: unknown, id: JsonRpcId | null): Sent {
    const code = err instanceof UpstreamError ? err.code : '';
    const message = err instanceof Error ? err.message : String(err);
    if (res.headersSent) {
      res.destroy();
      return {};
    }
    const text =
      code === 'ETIMEOUT'
        ? 'Timeout'
        : code === 'EREMOTEBLOCKED'
          ? message
          : `Backend unavailable: ${message}`;
    const status = code === 'ETIMEOUT' ? 504 : 502;
    const responseBytes = writeRpcError(res, status, JSONRPC_ERROR.serverError, text, id);
    return { responseBytes, error: { code: JSONRPC_ERROR.serverError, message: text } };
  }

  private endpointPrefix(req: IncomingMessage): string {
    if (this.c.endpointPrefix) return this.c.endpointPrefix.replace(/\/$/, '');
    if (this.c.trustProxyHeaders) {
      const forwarded = headerValue(req, 'x-forwarded-prefix');
      if (forwarded) return forwarded.replace(/\/$/, '');
    }
    return '';
  }

  private markHealthy(): void {
    this.healthy = true;
    this.lastError = undefined;
  }

  async close(): Promise<void> {
    this.monitor?.stop();
    for (const res of this.sseStreams.values()) res.end();
    this.sseStreams.clear();
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}

function readText(res: IncomingMessage): Promise<string> {
  res.setEncoding('utf8');
  return new Promise((resolve) => {
    let text = '';
    res.on('data', (c: string) => {
      text += c;
    });
    res.once('end', () => resolve(text));
    res.once('error', () => resolve(text));
  });
}

/**
 * Copies a response body through. Each chunk is written corked until the next tick, so a last
 * chunk and the end of the response (which usually arrive together) leave in one write; chunks
 * still go out as they come, so streams stay live. A client that reads slowly pauses the
 * backend (backpressure) rather than growing our buffers.
 */
function pipeBody(
  upstream: IncomingMessage,
  res: ServerResponse,
  onEnd: (seen: Sent) => void,
  watched = true,
): void {
  let corked = false;
  const uncork = () => {
    corked = false;
    res.uncork();
  };
  // Only a policy chain (audit, metrics) cares what the body says.
  const sniffer = watched ? new ErrorSniffer(headerOf(upstream, 'content-type')) : undefined;
  upstream.on('data', (chunk: Buffer) => {
    sniffer?.push(chunk);
    if (!corked) {
      corked = true;
      res.cork();
      process.nextTick(uncork);
    }
    res.write(chunk);
    if (backedUp(res)) pauseUntilWritable(upstream, res);
  });
  linkEnds(upstream, res, () => {
    const error = sniffer?.error();
    onEnd(sniffer ? { responseBytes: sniffer.bytes, ...(error ? { error } : {}) } : {});
  });
}

function headerOf(msg: IncomingMessage, name: string): string | undefined {
  const v = msg.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * Ends each side with the other: the backend's end ends the reply, a backend error cuts it, and
 * a client that leaves mid-stream stops the read from the backend. `done` runs once.
 */
function linkEnds(upstream: IncomingMessage, res: ServerResponse, done: () => void): void {
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    done();
  };
  upstream.once('end', () => {
    res.end();
    finish();
  });
  upstream.once('error', () => {
    res.destroy();
    finish();
  });
  res.once('close', () => {
    if (!upstream.complete) upstream.destroy();
    finish();
  });
}

/**
 * Whether a body is, or holds, a JSON-RPC message: an object (or an array of objects) with a
 * member that any common decoder would read as `method` (Go's matches names case-insensitively).
 */
function carriesMcpMessage(body: Buffer): boolean {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    return false;
  }
  const items = Array.isArray(value) ? value : [value];
  return items.some(
    (v) => typeof v === 'object' && v !== null && Object.keys(v).some((k) => fold(k) === 'method'),
  );
}

/**
 * The SSE session ids the query carries (`sessionId` in the SDK, `session_id` in ToolHive), the
 * one we go by first.
 */
function sseSessionKeys(pathAndQuery: string): string[] {
  const q = pathAndQuery.indexOf('?');
  if (q === -1) return [];
  const params = new URLSearchParams(pathAndQuery.slice(q + 1));
  return [...params.getAll('sessionId'), ...params.getAll('session_id')];
}

/** The SSE session an endpoint URL names. */
function sseSessionKey(pathAndQuery: string): string | undefined {
  return sseSessionKeys(pathAndQuery)[0];
}

function idKey(id: JsonRpcId): string {
  return typeof id === 'number' ? `n:${id}` : `s:${id}`;
}
