/**
 * The streamable HTTP endpoint (`/mcp`) over a message-level handler (reference/mcp-protocol.md
 * §1.2–1.6, §2.6, §3; ToolHive's streamable proxy §2.3). One endpoint serves both eras:
 * 2025-11-25 clients get sessions (`Mcp-Session-Id`, GET stream, DELETE); 2026-07-28 requests
 * are classified from the body and served statelessly, never touching session state.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { headerValue } from '../http/body.ts';
import { createContext, outcomeOf } from '../http/context.ts';
import { writeRpcError } from '../http/reply.ts';
import type { RequestContext } from '../middleware/types.ts';
import {
  isNotification,
  isRequest,
  isResponse,
  JSONRPC_ERROR,
  type JsonRpcMessage,
  type JsonRpcRequest,
  type JsonRpcResponse,
} from '../protocol/jsonrpc.ts';
import { ParamHeaderIndex } from '../protocol/param-headers.ts';
import {
  classifyRevision,
  MODERN_VERSION,
  REMOVED_IN_MODERN,
  validateStandardHeaders,
} from '../protocol/revision.ts';
import { mayUseSession, ownerMetadata } from '../session/binding.ts';
import type { FrontendCommon, McpHandler } from '../upstream/types.ts';
import { answerFailure, fail, forbiddenSession, intake, reject } from './intake.ts';
import { ReplyStream } from './reply-stream.ts';
import { parseEventId, ReplayBudget, ResumableStream } from './resumable-stream.ts';

export interface StreamableOptions extends FrontendCommon {
  readonly handler: McpHandler;
}

const SESSION_NOT_FOUND = 'Session not found';

export class StreamableFrontend {
  private readonly o: StreamableOptions;
  /**
   * Each session's GET stream, resumable with `Last-Event-ID`; one per session (a second GET
   * without a resumable id replaces the first).
   */
  private readonly streams = new Map<string, ResumableStream>();
  private readonly replayBudget: ReplayBudget;
  /** `x-mcp-header` annotations seen in relayed `tools/list` results. */
  private readonly paramHeaders = new ParamHeaderIndex();

  constructor(o: StreamableOptions) {
    this.o = o;
    this.replayBudget = new ReplayBudget(o.replay.maxTotalBytes);
    o.sessions.onClosed((id) => this.closeStream(id));
  }

  /** Bytes of events kept for resumption across all sessions. */
  get replayBytes(): number {
    return this.replayBudget.bytes;
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
    answerFailure(res, err, 'streamable endpoint');
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
      const record = await o.sessions.get(sessionHeader);
      if (!record) {
        fail(o.chain, ctx, res, 404, JSONRPC_ERROR.sessionNotFound, SESSION_NOT_FOUND);
        return;
      }
      if (!mayUseSession(record, ctx.identity)) {
        forbiddenSession(o.chain, ctx, res);
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
      if (msg.method === 'tools/call' && name !== undefined) {
        const args = msg.params?.arguments as Record<string, unknown> | undefined;
        const paramError = this.paramHeaders.validate(name, args, req.headers);
        if (paramError) {
          fail(o.chain, ctx, res, 400, paramError.code, paramError.message, msg.id);
          return;
        }
      }
    } else {
      const header = headerValue(req, 'mcp-session-id');
      const existing = header === undefined ? undefined : await o.sessions.get(header);
      if (existing && !mayUseSession(existing, ctx.identity)) {
        forbiddenSession(o.chain, ctx, res, msg.id);
        return;
      }
      if (existing) {
        sessionId = header;
      } else if (msg.method === 'initialize') {
        const record = await o.sessions.create('streamable', ownerMetadata(ctx.identity));
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
      longLived: msg.method === 'subscriptions/listen',
      keepAliveMs: o.keepAliveMs,
      maxUnreadBytes: o.maxStreamBufferBytes,
      ...(msg.method === 'tools/list' ? { observe: (r: JsonRpcResponse) => this.learnTools(r) } : {}),
    });
    const cancel = o.handler.request({ sessionId, era: cls.era, ctx }, msg, reply);
    reply.setCancel(cancel);
  }

  private learnTools(response: JsonRpcResponse): void {
    if ('result' in response) this.paramHeaders.learn(response.result);
  }

  // ---------------------------------------------------------------- GET (standalone stream)

  private async get(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const o = this.o;
    const found = await this.sessionRequest(req, res);
    if (!found) return;
    const { ctx, sessionId } = found;
    this.openStream(sessionId, res, headerValue(req, 'last-event-id'));
    if (!o.chain.empty) res.once('close', () => o.chain.complete(ctx, outcomeOf(ctx, 200)));
  }

  /**
   * What GET and DELETE share: legacy only (405 for stateless servers and modern requests), a
   * known `Mcp-Session-Id`, and the chain's `onRequest` hooks (authentication applies to them
   * too). Writes the refusal and returns undefined when the request cannot go on.
   */
  private async sessionRequest(
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<{ ctx: RequestContext; sessionId: string } | undefined> {
    const o = this.o;
    const ctx = createContext(req, 'streamable-http', o.serverName);
    req.resume();
    // Authentication first, as in ToolHive where it wraps the handler: an anonymous caller
    // learns nothing about sessions or what the endpoint accepts.
    if (!o.chain.empty) {
      const rejected = await o.chain.before(ctx);
      if (rejected) return reject(o.chain, ctx, res, rejected);
    }
    if (o.stateless || headerValue(req, 'mcp-protocol-version') === MODERN_VERSION) {
      return fail(o.chain, ctx, res, 405, JSONRPC_ERROR.invalidRequest, 'Method not allowed', null, {
        allow: 'POST, OPTIONS',
      });
    }
    if (req.method === 'GET' && !acceptsEventStream(req)) {
      return fail(
        o.chain,
        ctx,
        res,
        406,
        JSONRPC_ERROR.invalidRequest,
        'Not Acceptable: GET needs Accept: text/event-stream',
      );
    }
    const sessionId = headerValue(req, 'mcp-session-id');
    if (sessionId === undefined) {
      return fail(
        o.chain,
        ctx,
        res,
        400,
        JSONRPC_ERROR.invalidRequest,
        `Mcp-Session-Id header required for ${req.method}`,
      );
    }
    ctx.sessionId = sessionId;
    const record = await o.sessions.get(sessionId);
    if (!record) {
      return fail(o.chain, ctx, res, 404, JSONRPC_ERROR.sessionNotFound, SESSION_NOT_FOUND);
    }
    if (!mayUseSession(record, ctx.identity)) return forbiddenSession(o.chain, ctx, res);
    return { ctx, sessionId };
  }

  /**
   * Serves the session's GET stream: resumes it when `Last-Event-ID` names an event of the
   * current stream (replaying what followed), otherwise starts a new stream in its place. An id
   * from another stream, another replica or an ended stream is not an error: the client just
   * gets a fresh stream (the spec lets a server decline to replay).
   */
  private openStream(sessionId: string, res: ServerResponse, lastEventId: string | undefined): void {
    const o = this.o;
    const existing = this.streams.get(sessionId);
    const wanted = lastEventId === undefined ? undefined : parseEventId(lastEventId);
    if (existing && wanted && wanted.stream === existing.id && existing.canResume(wanted.seq)) {
      existing.connect(res, wanted.seq);
      return;
    }
    this.closeStream(sessionId);
    const stream: ResumableStream = new ResumableStream({
      limits: o.replay,
      budget: this.replayBudget,
      keepAliveMs: o.keepAliveMs,
      maxUnreadBytes: o.maxStreamBufferBytes,
      onEnd: () => {
        o.handler.detachChannel(sessionId, stream.channel);
        if (this.streams.get(sessionId) === stream) this.streams.delete(sessionId);
      },
    });
    this.streams.set(sessionId, stream);
    stream.connect(res);
    o.handler.attachChannel(sessionId, stream.channel);
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
    const found = await this.sessionRequest(req, res);
    if (!found) return;
    const { ctx, sessionId } = found;
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
