/**
 * The legacy HTTP+SSE transport (2024-11-05; reference/mcp-protocol.md §1.10, ToolHive §2.4):
 * `GET /sse` opens a session whose first event names the URL to POST to, every server message
 * (responses included) travels on that stream, and `POST /messages?session_id=…` is answered
 * 202. Unlike ToolHive, which broadcasts every backend message to every SSE client, messages
 * are routed to the session they belong to.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createContext, outcomeOf } from '../http/context.ts';
import { writeRpcError } from '../http/reply.ts';
import {
  errorResponse,
  isNotification,
  isRequest,
  isResponse,
  JSONRPC_ERROR,
  type JsonRpcMessage,
  type JsonRpcRequest,
  type JsonRpcResponse,
  serialize,
} from '../protocol/jsonrpc.ts';
import { SSE_HEADERS, sseMessage } from '../protocol/sse.ts';
import { mayUseSession, ownerMetadata } from '../session/binding.ts';
import type { Exchange, FrontendCommon, McpHandler } from '../upstream/types.ts';
import { eventStream } from './event-stream.ts';
import { answerFailure, fail, forbiddenSession, intake, reject } from './intake.ts';

export interface SseFrontendOptions extends FrontendCommon {
  readonly handler: McpHandler;
}

export class SseFrontend {
  private readonly o: SseFrontendOptions;
  private readonly streams = new Map<string, ServerResponse>();

  constructor(o: SseFrontendOptions) {
    this.o = o;
    o.sessions.onClosed((id) => {
      const res = this.streams.get(id);
      if (res) {
        this.streams.delete(id);
        res.end();
      }
    });
  }

  handle(req: IncomingMessage, res: ServerResponse, path: string): void {
    const work =
      path === '/sse' && req.method === 'GET'
        ? this.open(req, res)
        : path === '/messages' && req.method === 'POST'
          ? this.message(req, res)
          : Promise.resolve(this.notAllowed(req, res, path));
    work.catch((err: unknown) => answerFailure(res, err, 'sse endpoint'));
  }

  private notAllowed(req: IncomingMessage, res: ServerResponse, path: string): void {
    req.resume();
    writeRpcError(res, 405, JSONRPC_ERROR.invalidRequest, 'Method not allowed', null, {
      allow: path === '/sse' ? 'GET' : 'POST',
    });
  }

  private async open(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const o = this.o;
    const ctx = createContext(req, 'sse', o.serverName);
    if (!o.chain.empty) {
      const rejected = await o.chain.before(ctx);
      if (rejected) {
        reject(o.chain, ctx, res, rejected);
        return;
      }
    }
    const record = await o.sessions.create('sse', ownerMetadata(ctx.identity));
    if (!record) {
      fail(o.chain, ctx, res, 503, JSONRPC_ERROR.serverError, 'Session capacity reached', null, {
        'retry-after': String(o.retryAfterSeconds),
      });
      return;
    }
    const id = record.id;
    ctx.sessionId = id;
    res.writeHead(200, SSE_HEADERS);
    res.write(`event: endpoint\ndata: ${o.endpointPrefix}/messages?session_id=${id}\n\n`);
    this.streams.set(id, res);
    const channel = eventStream(res, {
      keepAliveMs: o.keepAliveMs,
      maxBufferBytes: o.maxStreamBufferBytes,
      onClose: () => {
        o.handler.detachChannel(id, channel);
        // The legacy transport's session lives exactly as long as its stream.
        if (this.streams.get(id) === res) this.streams.delete(id);
        o.sessions.delete(id).catch(() => {});
        if (!o.chain.empty) o.chain.complete(ctx, outcomeOf(ctx, 200));
      },
    });
    o.handler.attachChannel(id, channel);
  }

  private async message(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const o = this.o;
    const url = new URL(req.url ?? '/', 'http://proxy');
    const sessionId = url.searchParams.get('session_id') ?? url.searchParams.get('sessionId');
    const accepted = await intake(req, res, 'sse', o);
    if (!accepted) return;
    const { ctx, message } = accepted;
    const id = isRequest(message) ? message.id : null;
    if (sessionId === null) {
      fail(o.chain, ctx, res, 400, JSONRPC_ERROR.invalidRequest, 'session_id query parameter required', id);
      return;
    }
    ctx.sessionId = sessionId;
    const record = await o.sessions.get(sessionId);
    if (!record) {
      fail(o.chain, ctx, res, 404, JSONRPC_ERROR.sessionNotFound, 'Session not found', id);
      return;
    }
    if (!mayUseSession(record, ctx.identity)) {
      forbiddenSession(o.chain, ctx, res, id);
      return;
    }
    const stream = this.streams.get(sessionId);
    if (!stream) {
      // The session exists (shared store) but its stream is held by another replica.
      fail(o.chain, ctx, res, 503, JSONRPC_ERROR.serverError, 'SSE connection not held by this instance', id);
      return;
    }
    const call = { sessionId, era: '2025-11-25', ctx } as const;
    if (isRequest(message)) {
      const exchange = new SseExchange(this, sessionId, message, ctx, o);
      exchange.setCancel(o.handler.request(call, message, exchange));
    } else if (isResponse(message)) {
      o.handler.clientResponse(call, message);
    } else if (isNotification(message)) {
      o.handler.notification(call, message);
    }
    res.writeHead(202, { 'content-type': 'text/plain' }).end('Accepted');
    if (!isRequest(message) && !o.chain.empty) o.chain.complete(ctx, outcomeOf(ctx, 202));
  }

  /** Writes one message on a session's stream; false when the stream is gone. */
  push(sessionId: string, msg: JsonRpcMessage): boolean {
    const res = this.streams.get(sessionId);
    if (!res || res.destroyed) return false;
    if (res.writableLength > this.o.maxStreamBufferBytes) {
      // The client stopped reading: end its session rather than buffer for it without bound.
      res.destroy();
      return false;
    }
    res.write(sseMessage(serialize(msg)));
    return true;
  }

  closeAllStreams(): void {
    for (const res of this.streams.values()) res.end();
    this.streams.clear();
  }
}

/** One request posted to `/messages`: its reply goes out on the session's stream. */
class SseExchange implements Exchange {
  readonly canStream = true;
  private done = false;
  private readonly timer: NodeJS.Timeout;
  private cancel: ((reason: string) => void) | undefined;
  private readonly frontend: SseFrontend;
  private readonly sessionId: string;
  private readonly request: JsonRpcRequest;
  private readonly ctx: import('../middleware/types.ts').RequestContext;
  private readonly o: SseFrontendOptions;

  constructor(
    frontend: SseFrontend,
    sessionId: string,
    request: JsonRpcRequest,
    ctx: import('../middleware/types.ts').RequestContext,
    o: SseFrontendOptions,
  ) {
    this.frontend = frontend;
    this.sessionId = sessionId;
    this.request = request;
    this.ctx = ctx;
    this.o = o;
    o.lifecycle.begin();
    this.timer = setTimeout(() => {
      this.cancel?.('request timed out');
      this.respond(errorResponse(request.id, JSONRPC_ERROR.serverError, 'Timeout'), 504);
    }, o.requestTimeoutMs);
  }

  setCancel(cancel: (reason: string) => void): void {
    if (this.done) cancel('request already finished');
    else this.cancel = cancel;
  }

  related(msg: JsonRpcMessage): void {
    if (!this.done) this.frontend.push(this.sessionId, msg);
  }

  respond(msg: JsonRpcResponse, httpStatus?: number): void {
    if (this.done) return;
    this.done = true;
    clearTimeout(this.timer);
    const { chain } = this.o;
    const wants = !chain.empty && chain.wantsResponse(this.ctx);
    const send = (final: JsonRpcResponse) => {
      const delivered = this.frontend.push(this.sessionId, final);
      this.o.lifecycle.end();
      if (!chain.empty) {
        const status = delivered ? (httpStatus ?? 200) : 499;
        const extra = wants ? { response: final } : 'error' in final ? { error: final.error } : {};
        chain.complete(this.ctx, outcomeOf(this.ctx, status, extra));
      }
    };
    if (!wants) {
      send(msg);
      return;
    }
    chain
      .after(this.ctx, msg)
      .then(send, () => send(errorResponse(this.request.id, -32603, 'Internal error')));
  }
}
