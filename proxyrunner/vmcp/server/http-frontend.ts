/**
 * The vMCP's HTTP surface (dataplane §4.1): `/mcp` for both MCP eras — 2025-11-25 sessions
 * (`initialize`, `Mcp-Session-Id`, GET stream, DELETE) and stateless 2026-07-28 requests,
 * classified from the body (mcp-protocol.md §3.6) — plus `/health`, `/ping`, `/readyz`,
 * `/status` and `/api/backends/health`. Answers are JSON, or SSE when the client accepts it so
 * progress, logs and elicitation requests reach it before the result.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestContext } from '../../middleware/types.ts';
import {
  errorResponse,
  isNotification,
  isRequest,
  isResponse,
  JSONRPC_ERROR,
  type JsonRpcMessage,
  type JsonRpcRequest,
  type JsonRpcResponse,
} from '../../protocol/jsonrpc.ts';
import type { CallInfo, Exchange, McpHandler } from './handler-types.ts';
import type { SessionTable } from './sessions.ts';

export const MAX_BODY_BYTES = 8 * 1024 * 1024;
const MODERN = '2026-07-28';
const CLAIM = 'io.modelcontextprotocol/protocolVersion';
const REMOVED_IN_MODERN = new Set([
  'initialize',
  'ping',
  'logging/setLevel',
  'resources/subscribe',
  'resources/unsubscribe',
]);
const SSE_HEADERS = {
  'content-type': 'text/event-stream',
  'cache-control': 'no-cache',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
};

export interface FrontendOptions {
  readonly handler: McpHandler;
  readonly sessions: SessionTable;
  readonly serverName: string;
  /** Bound to loopback: reject non-local Host and Origin (DNS rebinding). */
  readonly loopbackOnly: boolean;
  readonly requestTimeoutMs: number;
  readonly keepAliveMs?: number;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

function isLocalHost(value: string): boolean {
  const host = value
    .replace(/:\d+$/, '')
    .replace(/^\[|\]$/g, '')
    .toLowerCase();
  return host === 'localhost' || host === '127.0.0.1' || host === '::1' || host.startsWith('127.');
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function contextOf(req: IncomingMessage, serverName: string, sessionId?: string): RequestContext {
  const url = new URL(req.url ?? '/', 'http://localhost');
  return {
    requestId: header(req, 'x-request-id') ?? randomUUID(),
    startedAt: Date.now(),
    http: {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.search.slice(1),
      headers: req.headers,
      remoteAddress: req.socket.remoteAddress ?? '',
    },
    transport: 'streamable-http',
    serverName,
    ...(sessionId ? { sessionId } : {}),
    upstreamHeaders: {},
    state: new Map(),
  };
}

/** Replies to one request: JSON, or an SSE stream carrying related messages first. */
class Reply implements Exchange {
  readonly canStream: boolean;
  private readonly res: ServerResponse;
  private readonly extraHeaders: Record<string, string>;
  private started = false;
  private done = false;

  constructor(res: ServerResponse, canStream: boolean, extraHeaders: Record<string, string>) {
    this.res = res;
    this.canStream = canStream;
    this.extraHeaders = extraHeaders;
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    this.res.writeHead(200, { ...SSE_HEADERS, ...this.extraHeaders });
    this.res.flushHeaders();
  }

  related(msg: JsonRpcMessage): void {
    if (!this.canStream || this.done || this.res.destroyed) return;
    this.start();
    this.res.write(`event: message\ndata: ${JSON.stringify(msg)}\n\n`);
  }

  respond(msg: JsonRpcResponse, httpStatus = 200): void {
    if (this.done || this.res.destroyed) return;
    this.done = true;
    if (this.started) {
      this.res.end(`event: message\ndata: ${JSON.stringify(msg)}\n\n`);
      return;
    }
    json(this.res, httpStatus, msg, this.extraHeaders);
  }
}

export class HttpFrontend {
  private readonly o: FrontendOptions;
  private readonly streams = new Map<string, ServerResponse>();

  constructor(o: FrontendOptions) {
    this.o = o;
  }

  handle(req: IncomingMessage, res: ServerResponse): void {
    if (this.o.loopbackOnly) {
      const host = header(req, 'host') ?? '';
      const origin = header(req, 'origin');
      if (!isLocalHost(host) || (origin !== undefined && !isLocalHost(new URL(origin, 'http://x').host))) {
        req.resume();
        json(
          res,
          403,
          errorResponse(null, JSONRPC_ERROR.invalidRequest, 'Forbidden: non-local Host or Origin'),
        );
        return;
      }
    }
    const done = (p: Promise<void>): void => {
      p.catch((err: unknown) => {
        if (!res.headersSent) json(res, 500, errorResponse(null, JSONRPC_ERROR.internalError, String(err)));
        else res.end();
      });
    };
    switch (req.method) {
      case 'POST':
        done(this.post(req, res));
        return;
      case 'GET':
        this.get(req, res);
        return;
      case 'DELETE':
        this.delete(req, res);
        return;
      default:
        req.resume();
        json(res, 405, errorResponse(null, JSONRPC_ERROR.invalidRequest, 'Method not allowed'), {
          allow: 'GET, POST, DELETE',
        });
    }
  }

  private async post(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const ctype = header(req, 'content-type') ?? '';
    if (!ctype.toLowerCase().includes('application/json')) {
      req.resume();
      json(
        res,
        415,
        errorResponse(
          null,
          JSONRPC_ERROR.invalidRequest,
          'Unsupported Media Type: Content-Type must be application/json',
        ),
      );
      return;
    }
    const text = await readBody(req);
    if (text === undefined) {
      json(res, 413, errorResponse(null, JSONRPC_ERROR.invalidRequest, 'Request body too large'));
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      json(res, 400, errorResponse(null, JSONRPC_ERROR.parseError, 'Parse error'));
      return;
    }
    if (
      Array.isArray(body) ||
      body === null ||
      typeof body !== 'object' ||
      (body as { jsonrpc?: unknown }).jsonrpc !== '2.0'
    ) {
      json(
        res,
        400,
        errorResponse(null, JSONRPC_ERROR.invalidRequest, 'Invalid Request: one JSON-RPC message per POST'),
      );
      return;
    }
    const msg = body as JsonRpcMessage;
    const params = 'params' in msg ? (msg.params as Record<string, unknown> | undefined) : undefined;
    const meta = params?._meta as Record<string, unknown> | undefined;
    const protoHeader = header(req, 'mcp-protocol-version');
    const claim = meta !== undefined && typeof meta === 'object' && CLAIM in meta;
    const modern =
      claim ||
      (protoHeader === MODERN && !isResponse(msg) && (msg as { method?: string }).method !== 'initialize');
    if (modern) return this.modern(req, res, msg, meta, protoHeader);
    return this.legacy(req, res, msg);
  }

  private modern(
    req: IncomingMessage,
    res: ServerResponse,
    msg: JsonRpcMessage,
    meta: Record<string, unknown> | undefined,
    protoHeader: string | undefined,
  ): undefined {
    const id = 'id' in msg && msg.id !== undefined ? msg.id : null;
    const fail = (status: number, code: number, message: string, data?: unknown): undefined => {
      json(res, status, errorResponse(id, code, message, data));
      return undefined;
    };
    if (isResponse(msg))
      return fail(400, JSONRPC_ERROR.invalidRequest, 'Responses are not accepted by stateless requests');
    const method = (msg as JsonRpcRequest).method;
    if (isNotification(msg)) {
      res.writeHead(202).end();
      return undefined;
    }
    if (!meta || !(CLAIM in meta))
      return fail(400, JSONRPC_ERROR.invalidParams, `Missing required _meta key ${CLAIM}`);
    const version = meta[CLAIM];
    if (typeof version !== 'string' || version === '')
      return fail(400, JSONRPC_ERROR.invalidParams, `Invalid _meta key ${CLAIM}`);
    if (version !== MODERN) {
      return fail(400, -32022, 'Unsupported protocol version', { supported: [MODERN], requested: version });
    }
    if (protoHeader !== MODERN) return fail(400, -32020, 'Mismatched or missing MCP-Protocol-Version header');
    const caps = meta['io.modelcontextprotocol/clientCapabilities'];
    if (caps === null || typeof caps !== 'object' || Array.isArray(caps)) {
      return fail(
        400,
        JSONRPC_ERROR.invalidParams,
        'Missing required _meta key io.modelcontextprotocol/clientCapabilities',
      );
    }
    const mcpMethod = header(req, 'mcp-method');
    if (mcpMethod !== method) return fail(400, -32020, 'Mismatched or missing Mcp-Method header');
    const p = (msg as JsonRpcRequest).params ?? {};
    const name =
      method === 'tools/call' || method === 'prompts/get'
        ? p.name
        : method === 'resources/read'
          ? p.uri
          : undefined;
    if (typeof name === 'string') {
      let h = header(req, 'mcp-name')?.trim();
      const b64 = h ? /^=\?base64\?(.*)\?=$/.exec(h) : null;
      if (b64) h = Buffer.from(b64[1]!, 'base64').toString('utf8');
      if (h !== name) return fail(400, -32020, 'Mismatched or missing Mcp-Name header');
    }
    if (REMOVED_IN_MODERN.has(method))
      return fail(404, JSONRPC_ERROR.methodNotFound, `Method not found: ${method}`);
    const ctx = contextOf(req, this.o.serverName);
    const reply = new Reply(res, (header(req, 'accept') ?? '').includes('text/event-stream'), {});
    this.run({ era: MODERN, ctx }, msg as JsonRpcRequest, reply, res, true);
    return undefined;
  }

  private legacy(req: IncomingMessage, res: ServerResponse, msg: JsonRpcMessage): void {
    const sid = header(req, 'mcp-session-id');
    const known = sid !== undefined && this.o.sessions.touch(sid);
    if (sid !== undefined && !known) {
      json(res, 404, errorResponse(null, JSONRPC_ERROR.sessionNotFound, 'Session not found'));
      return;
    }
    const ctx = contextOf(req, this.o.serverName, sid);
    if (!isRequest(msg)) {
      const call: CallInfo = { era: '2025-11-25', ctx, ...(known ? { sessionId: sid } : {}) };
      if (isResponse(msg)) this.o.handler.clientResponse(call, msg);
      else if (isNotification(msg)) this.o.handler.notification(call, msg);
      res.writeHead(202).end();
      return;
    }
    let sessionId = known ? sid : undefined;
    const extra: Record<string, string> = {};
    if (msg.method === 'initialize' && !known) {
      sessionId = this.o.sessions.create();
      extra['mcp-session-id'] = sessionId;
      ctx.sessionId = sessionId;
    } else if (!known) {
      json(
        res,
        400,
        errorResponse(msg.id, JSONRPC_ERROR.serverError, 'Bad Request: No valid session ID provided'),
      );
      return;
    }
    const reply = new Reply(res, (header(req, 'accept') ?? '').includes('text/event-stream'), extra);
    this.run({ era: '2025-11-25', ctx, ...(sessionId ? { sessionId } : {}) }, msg, reply, res, false);
  }

  private run(call: CallInfo, msg: JsonRpcRequest, reply: Reply, res: ServerResponse, modern: boolean): void {
    // Modern errors that mean "no such method" are HTTP 404; legacy errors stay in HTTP 200.
    const exchange: Exchange = {
      canStream: reply.canStream,
      related: (m) => reply.related(m),
      respond: (m, status) => {
        clearTimeout(timer);
        const code = 'error' in m ? m.error.code : 0;
        reply.respond(m, status ?? (modern && code === JSONRPC_ERROR.methodNotFound ? 404 : 200));
      },
    };
    const cancel = this.o.handler.request(call, msg, exchange);
    const timer = setTimeout(() => {
      cancel('request timed out');
      exchange.respond(errorResponse(msg.id, JSONRPC_ERROR.serverError, 'Request timed out'));
    }, this.o.requestTimeoutMs);
    timer.unref();
    res.once('close', () => {
      clearTimeout(timer);
      // A modern client closing its stream cancels the request; a legacy disconnect does not.
      if (modern && !res.writableFinished) cancel('client disconnected');
    });
  }

  private get(req: IncomingMessage, res: ServerResponse): void {
    req.resume();
    if (header(req, 'mcp-protocol-version') === MODERN) {
      json(res, 405, errorResponse(null, JSONRPC_ERROR.invalidRequest, 'Method not allowed'), {
        allow: 'POST',
      });
      return;
    }
    if (!(header(req, 'accept') ?? '').includes('text/event-stream')) {
      json(
        res,
        406,
        errorResponse(
          null,
          JSONRPC_ERROR.invalidRequest,
          'Not Acceptable: GET needs Accept: text/event-stream',
        ),
      );
      return;
    }
    const sid = header(req, 'mcp-session-id');
    if (sid === undefined) {
      json(
        res,
        400,
        errorResponse(null, JSONRPC_ERROR.serverError, 'Bad Request: Mcp-Session-Id header is required'),
      );
      return;
    }
    if (!this.o.sessions.touch(sid)) {
      json(res, 404, errorResponse(null, JSONRPC_ERROR.sessionNotFound, 'Session not found'));
      return;
    }
    this.streams.get(sid)?.end();
    res.writeHead(200, SSE_HEADERS);
    res.flushHeaders();
    this.streams.set(sid, res);
    const channel = {
      push: (m: JsonRpcMessage) => {
        if (!res.destroyed) res.write(`event: message\ndata: ${JSON.stringify(m)}\n\n`);
      },
    };
    this.o.handler.attachChannel(sid, channel);
    const keepAlive = setInterval(() => {
      if (!res.destroyed) res.write(': keep-alive\n\n');
    }, this.o.keepAliveMs ?? 15_000);
    keepAlive.unref();
    res.once('close', () => {
      clearInterval(keepAlive);
      this.o.handler.detachChannel(sid, channel);
      if (this.streams.get(sid) === res) this.streams.delete(sid);
    });
  }

  private delete(req: IncomingMessage, res: ServerResponse): void {
    req.resume();
    const sid = header(req, 'mcp-session-id');
    if (sid === undefined) {
      json(
        res,
        400,
        errorResponse(null, JSONRPC_ERROR.serverError, 'Bad Request: Mcp-Session-Id header is required'),
      );
      return;
    }
    if (!this.o.sessions.touch(sid)) {
      json(res, 404, errorResponse(null, JSONRPC_ERROR.sessionNotFound, 'Session not found'));
      return;
    }
    this.o.sessions.delete(sid);
    this.streams.get(sid)?.end();
    res.writeHead(200).end();
  }

  closeStreams(): void {
    for (const s of this.streams.values()) s.end();
    this.streams.clear();
  }
}
