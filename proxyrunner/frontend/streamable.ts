/**
 * The streamable HTTP endpoint (`/mcp`) over a message-level handler (reference/mcp-protocol.md
 * §1.2–1.6, §2.6, §3; ToolHive's streamable proxy §2.3). One endpoint serves both eras:
 * 2025-11-25 clients get sessions (`Mcp-Session-Id`, GET stream, DELETE); 2026-07-28 requests
 * are classified from the body and served statelessly, never touching session state.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Chain } from '../chain/chain.ts';
import { headerValue } from '../http/body.ts';
import { createContext, outcomeOf } from '../http/context.ts';
import type { Lifecycle } from '../http/lifecycle.ts';
import { writeRpcError } from '../http/reply.ts';
import type { RequestContext } from '../middleware/types.ts';
import {
  isNotification,
  isRequest,
  isResponse,
  JSONRPC_ERROR,
  type JsonRpcMessage,
  type JsonRpcRequest,
} from '../protocol/jsonrpc.ts';
import {
  classifyRevision,
  MODERN_VERSION,
  REMOVED_IN_MODERN,
  validateStandardHeaders,
} from '../protocol/revision.ts';
import { SSE_HEADERS, SSE_KEEPALIVE, sseMessage } from '../protocol/sse.ts';
import { type SessionManager, SessionStoreUnavailableError } from '../session/manager.ts';
import type { McpHandler, SessionChannel } from '../upstream/types.ts';
import { fail, intake, reject } from './intake.ts';
import { ReplyStream } from './reply-stream.ts';

export interface StreamableOptions {
  readonly handler: McpHandler;
  readonly sessions: SessionManager;
  readonly chain: Chain;
  readonly lifecycle: Lifecycle;
  readonly serverName: string;
  readonly maxBodyBytes: number;
  readonly requestTimeoutMs: number;
  readonly strictProtocolValidation: boolean;
  /** Upstream is POST-only: GET and DELETE get 405 (RunConfig `stateless`). */
  readonly stateless: boolean;
  readonly keepAliveMs: number;
  /** Bytes a slow client may leave unread on its GET stream before it is closed. */
  readonly maxStreamBufferBytes: number;
  /** Seconds a client is told to wait when the proxy is at session capacity. */
  readonly retryAfterSeconds: number;
}

const SESSION_NOT_FOUND = 'Session not found';

export class StreamableFrontend {
  private readonly o: StreamableOptions;
  /** Open GET streams, one per session (a second GET replaces the first). */
  private readonly streams = new Map<string, ServerResponse>();

  constructor(o: StreamableOptions) {
    this.o = o;
    o.sessions.onClosed((id) => this.closeStream(id));
  }

  handle(req: IncomingMessage, res: ServerResponse): void {
    switch (req.method) {
      case 'POST':
        this.post(req, res).catch((err: unknown) => this.internalError(res, err));
        return;
      case 'GET':
        this.get(req, res).catch((err: unknown) => this.internalError(res, err));
        return;
      case 'DELETE':
        this.delete(req, res).catch((err: unknown) => this.internalError(res, err));
        return;
      default:
        req.resume();
        writeRpcError(res, 405, JSONRPC_ERROR.invalidRequest, 'Method not allowed', null, {
          allow: 'GET, POST, DELETE',
        });
    }
  }

  private internalError(res: ServerResponse, err: unknown): void {
    if (err instanceof SessionStoreUnavailableError) {
      writeRpcError(res, 503, JSONRPC_ERROR.serverError, 'session store unavailable', null, {
        'retry-after': '5',
      });
      return;
    }
    console.error(`streamable endpoint: ${err instanceof Error ? (err.stack ?? err.message) : err}`);
    if (!res.headersSent) writeRpcError(res, 500, JSONRPC_ERROR.internalError, 'Internal error');
    else res.end();
  }

  // ---------------------------------------------------------------- POST

  private async post(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const o = this.o;
    const accepted = await intake(req, res, 'streamable-http', o);
    if (!accepted) return;
    const { ctx, message } = accepted;
    if (isRequest(message)) return this.request(req, res, ctx, message);

    // Notifications and client responses: accepted with 202, no body.
    const sessionHeader = headerValue(req, 'mcp-session-id');
    let sessionId: string | undefined;
    const modernNotification =
      isNotification(message) &&
      classifyRevision(message.method, metaOf(message), headerValue(req, 'mcp-protocol-version')).era ===
        MODERN_VERSION;
    if (!modernNotification && sessionHeader !== undefined) {
      if (!(await o.sessions.get(sessionHeader))) {
        fail(o.chain, ctx, res, 404, JSONRPC_ERROR.sessionNotFound, SESSION_NOT_FOUND);
        return;
      }
      sessionId = sessionHeader;
    }
    const call = { sessionId, era: modernNotification ? MODERN_VERSION : '2025-11-25', ctx } as const;
    if (isResponse(message)) {
      if (sessionId === undefined) {
        fail(
          o.chain,
          ctx,
          res,
          400,
          JSONRPC_ERROR.invalidRequest,
          'A response needs the Mcp-Session-Id it answers',
        );
        return;
      }
      o.handler.clientResponse(call, message);
    } else if (isNotification(message)) {
      o.handler.notification(call, message);
    }
    res.writeHead(202).end();
    if (!o.chain.empty) o.chain.complete(ctx, outcomeOf(ctx, 202));
  }

  private async request(
    req: IncomingMessage,
    res: ServerResponse,
    ctx: RequestContext,
    msg: JsonRpcRequest,
  ): Promise<void> {
    const o = this.o;
    const protocolHeader = headerValue(req, 'mcp-protocol-version');
    const meta = metaOf(msg);
    const cls = classifyRevision(msg.method, meta, protocolHeader);
    if (cls.error) {
      const e = cls.error;
      fail(o.chain, ctx, res, 400, e.code, e.message, msg.id, undefined, e.data);
      return;
    }
    const modern = cls.era === MODERN_VERSION;
    let sessionId: string | undefined;
    let newSessionId: string | undefined;

    if (modern) {
      const name = nameOf(msg);
      const headerError = validateStandardHeaders(
        msg.method,
        name,
        headerValue(req, 'mcp-method'),
        protocolHeader,
        headerValue(req, 'mcp-name'),
      );
      if (headerError) {
        fail(o.chain, ctx, res, 400, headerError.code, headerError.message, msg.id);
        return;
      }
      if (REMOVED_IN_MODERN.has(msg.method)) {
        fail(o.chain, ctx, res, 404, JSONRPC_ERROR.methodNotFound, `Method not found: ${msg.method}`, msg.id);
        return;
      }
    } else {
      const header = headerValue(req, 'mcp-session-id');
      if (header !== undefined && (await o.sessions.get(header))) {
        sessionId = header;
      } else if (msg.method === 'initialize') {
        const record = await o.sessions.create('streamable');
        if (!record) {
          fail(o.chain, ctx, res, 503, JSONRPC_ERROR.serverError, 'Session capacity reached', msg.id, {
            'retry-after': String(o.retryAfterSeconds),
          });
          return;
        }
        sessionId = record.id;
        newSessionId = record.id;
        ctx.sessionId = record.id;
      } else if (header !== undefined) {
        fail(o.chain, ctx, res, 404, JSONRPC_ERROR.sessionNotFound, SESSION_NOT_FOUND, msg.id);
        return;
      }
      // No header and not initialize: a sessionless legacy request, served on its own.
    }

    const reply = new ReplyStream({
      ctx,
      res,
      chain: o.chain,
      lifecycle: o.lifecycle,
      id: msg.id,
      acceptsSse: acceptsEventStream(req),
      modern,
      newSessionId,
      timeoutMs: o.requestTimeoutMs,
    });
    const cancel = o.handler.request({ sessionId, era: cls.era, ctx }, msg, reply);
    reply.setCancel(cancel);
  }

  // ---------------------------------------------------------------- GET (standalone stream)

  private async get(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const o = this.o;
    const ctx = createContext(req, 'streamable-http', o.serverName);
    if (o.stateless || headerValue(req, 'mcp-protocol-version') === MODERN_VERSION) {
      fail(o.chain, ctx, res, 405, JSONRPC_ERROR.invalidRequest, 'Method not allowed', null, {
        allow: 'POST, OPTIONS',
      });
      return;
    }
    if (!acceptsEventStream(req)) {
      fail(
        o.chain,
        ctx,
        res,
        406,
        JSONRPC_ERROR.invalidRequest,
        'Not Acceptable: GET needs Accept: text/event-stream',
      );
      return;
    }
    const sessionId = headerValue(req, 'mcp-session-id');
    if (sessionId === undefined) {
      fail(o.chain, ctx, res, 400, JSONRPC_ERROR.invalidRequest, 'Mcp-Session-Id header required for GET');
      return;
    }
    ctx.sessionId = sessionId;
    if (!o.chain.empty) {
      const rejected = await o.chain.before(ctx);
      if (rejected) {
        reject(o.chain, ctx, res, rejected);
        return;
      }
    }
    if (!(await o.sessions.get(sessionId))) {
      fail(o.chain, ctx, res, 404, JSONRPC_ERROR.sessionNotFound, SESSION_NOT_FOUND);
      return;
    }
    this.openStream(sessionId, res);
    if (!o.chain.empty) res.once('close', () => o.chain.complete(ctx, outcomeOf(ctx, 200)));
  }

  private openStream(sessionId: string, res: ServerResponse): void {
    const o = this.o;
    this.closeStream(sessionId);
    res.writeHead(200, SSE_HEADERS);
    res.flushHeaders();
    this.streams.set(sessionId, res);
    const channel: SessionChannel = {
      push: (msg: JsonRpcMessage) => {
        if (res.destroyed) return;
        // A client that does not read its stream must not make us buffer without bound.
        if (res.writableLength > o.maxStreamBufferBytes) {
          res.destroy();
          return;
        }
        res.write(sseMessage(JSON.stringify(msg)));
      },
    };
    o.handler.attachChannel(sessionId, channel);
    const keepAlive = setInterval(() => {
      if (!res.destroyed) res.write(SSE_KEEPALIVE);
    }, o.keepAliveMs);
    res.once('close', () => {
      clearInterval(keepAlive);
      o.handler.detachChannel(sessionId, channel);
      if (this.streams.get(sessionId) === res) this.streams.delete(sessionId);
    });
  }

  private closeStream(sessionId: string): void {
    const existing = this.streams.get(sessionId);
    if (!existing) return;
    this.streams.delete(sessionId);
    existing.end();
  }

  /** Ends every GET stream (shutdown). */
  closeAllStreams(): void {
    for (const id of [...this.streams.keys()]) this.closeStream(id);
  }

  // ---------------------------------------------------------------- DELETE

  private async delete(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const o = this.o;
    const ctx = createContext(req, 'streamable-http', o.serverName);
    req.resume();
    if (o.stateless || headerValue(req, 'mcp-protocol-version') === MODERN_VERSION) {
      fail(o.chain, ctx, res, 405, JSONRPC_ERROR.invalidRequest, 'Method not allowed', null, {
        allow: 'POST, OPTIONS',
      });
      return;
    }
    const sessionId = headerValue(req, 'mcp-session-id');
    if (sessionId === undefined) {
      fail(o.chain, ctx, res, 400, JSONRPC_ERROR.invalidRequest, 'Mcp-Session-Id header required for DELETE');
      return;
    }
    ctx.sessionId = sessionId;
    if (!o.chain.empty) {
      const rejected = await o.chain.before(ctx);
      if (rejected) {
        reject(o.chain, ctx, res, rejected);
        return;
      }
    }
    if (!(await o.sessions.get(sessionId))) {
      fail(o.chain, ctx, res, 404, JSONRPC_ERROR.sessionNotFound, SESSION_NOT_FOUND);
      return;
    }
    await o.sessions.delete(sessionId);
    res.writeHead(204).end();
    if (!o.chain.empty) o.chain.complete(ctx, outcomeOf(ctx, 204));
  }
}

export function acceptsEventStream(req: IncomingMessage): boolean {
  const accept = req.headers.accept;
  return accept?.includes('text/event-stream') === true;
}

function metaOf(msg: JsonRpcMessage): Record<string, unknown> | undefined {
  const params = 'params' in msg ? msg.params : undefined;
  const meta = params?._meta;
  return typeof meta === 'object' && meta !== null && !Array.isArray(meta)
    ? (meta as Record<string, unknown>)
    : undefined;
}

function nameOf(msg: JsonRpcRequest): string | undefined {
  const p = msg.params;
  if (!p) return undefined;
  if (msg.method === 'resources/read') return typeof p.uri === 'string' ? p.uri : undefined;
  if (msg.method === 'tools/call' || msg.method === 'prompts/get') {
    return typeof p.name === 'string' ? p.name : undefined;
  }
  return undefined;
}
