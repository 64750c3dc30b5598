/**
 * The reply to one POSTed request on the streamable HTTP endpoint. It answers with plain JSON
 * unless something must be sent before the response (progress, a server request), in which case
 * it switches to an SSE stream — both are valid replies and JSON is cheaper. It owns the
 * per-request timeout, cancels the upstream call when the client goes away, runs the chain's
 * `onResponse` hooks only when a middleware asked for the response, and reports the outcome.
 */
import type { ServerResponse } from 'node:http';
import type { Chain } from '../chain/chain.ts';
import { outcomeOf } from '../http/context.ts';
import type { Lifecycle } from '../http/lifecycle.ts';
import type { RequestContext } from '../middleware/types.ts';
import {
  errorResponse,
  type JsonRpcId,
  type JsonRpcMessage,
  type JsonRpcResponse,
  serialize,
} from '../protocol/jsonrpc.ts';
import { modernErrorStatus } from '../protocol/revision.ts';
import { SSE_HEADERS, SSE_KEEPALIVE, sseMessage } from '../protocol/sse.ts';
import type { Exchange } from '../upstream/types.ts';

export interface ReplyStreamOptions {
  readonly ctx: RequestContext;
  readonly res: ServerResponse;
  readonly chain: Chain;
  readonly lifecycle: Lifecycle;
  readonly id: JsonRpcId;
  readonly acceptsSse: boolean;
  readonly modern: boolean;
  /** Set on the reply when the request created the session. */
  readonly newSessionId?: string;
  readonly timeoutMs: number;
  readonly backendName?: string;
  /**
   * A stream meant to stay open (`subscriptions/listen`): no request timeout, and SSE
   * keep-alive comments every `keepAliveMs` instead.
   */
  readonly longLived?: boolean;
  readonly keepAliveMs?: number;
  /** Sees the final response before it is written (the front end learns tool annotations). */
  readonly observe?: (msg: JsonRpcResponse) => void;
  /** Unread bytes past which a client that stopped reading the stream is cut off. */
  readonly maxUnreadBytes?: number;
}

export class ReplyStream implements Exchange {
  private readonly o: ReplyStreamOptions;
  private readonly wantsResponse: boolean;
  private sse = false;
  private done = false;
  private bytes = 0;
  private timer: NodeJS.Timeout | undefined;
  private keepAlive: NodeJS.Timeout | undefined;
  private cancel: ((reason: string) => void) | undefined;

  constructor(o: ReplyStreamOptions) {
    this.o = o;
    this.wantsResponse = !o.chain.empty && o.chain.wantsResponse(o.ctx);
    // A listen stream is not a call: shutdown does not wait for it, and it has no timeout.
    if (!o.longLived) {
      o.lifecycle.begin();
      this.timer = setTimeout(() => this.onTimeout(), o.timeoutMs);
    }
    o.res.once('close', () => {
      if (!this.done) this.abandon('client disconnected');
    });
  }

  get canStream(): boolean {
    return this.o.acceptsSse && !this.done;
  }

  /** Registers how to cancel the upstream call once it has been sent. */
  setCancel(cancel: (reason: string) => void): void {
    if (this.done) cancel('request already finished');
    else this.cancel = cancel;
  }

  related(msg: JsonRpcMessage): void {
    if (this.done || !this.o.acceptsSse) return;
    this.startSse();
    this.writeFrame(JSON.stringify(msg));
  }

  respond(msg: JsonRpcResponse, httpStatus?: number, headers?: Readonly<Record<string, string>>): void {
    if (this.done) return;
    this.done = true;
    clearTimeout(this.timer);
    if (!this.wantsResponse) {
      this.finish(msg, httpStatus, headers);
      return;
    }
    this.o.chain.after(this.o.ctx, msg).then(
      (final) => this.finish(final, httpStatus, headers),
      (err: unknown) => {
        console.error(`onResponse failed: ${err instanceof Error ? err.message : err}`);
        this.finish(errorResponse(msg.id, -32603, 'Internal error'), 500);
      },
    );
  }

  private finish(
    msg: JsonRpcResponse,
    httpStatus: number | undefined,
    extraHeaders?: Readonly<Record<string, string>>,
  ): void {
    const { res } = this.o;
    clearInterval(this.keepAlive);
    this.o.observe?.(msg);
    const text = serialize(msg);
    let status = 200;
    if (this.sse) {
      this.writeFrame(text);
      res.end();
    } else if (!res.destroyed) {
      status = httpStatus ?? ('error' in msg && this.o.modern ? modernErrorStatus(msg.error.code) : 200);
      const headers: Record<string, string | number> = {
        ...extraHeaders,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(text),
      };
      if (this.o.newSessionId !== undefined) headers['mcp-session-id'] = this.o.newSessionId;
      res.writeHead(status, headers);
      res.end(text);
      this.bytes += text.length;
    }
    this.complete(status, msg);
  }

  private complete(status: number, msg: JsonRpcResponse | undefined): void {
    if (!this.o.longLived) this.o.lifecycle.end();
    if (this.o.chain.empty) return;
    const extra: Parameters<typeof outcomeOf>[2] = { responseBytes: this.bytes };
    if (msg && this.wantsResponse) extra.response = msg;
    else if (msg && 'error' in msg) extra.error = msg.error;
    if (this.o.backendName !== undefined) extra.backendName = this.o.backendName;
    this.o.chain.complete(this.o.ctx, outcomeOf(this.o.ctx, status, extra));
  }

  private startSse(): void {
    if (this.sse) return;
    this.sse = true;
    const headers: Record<string, string> = { ...SSE_HEADERS };
    if (this.o.newSessionId !== undefined) headers['mcp-session-id'] = this.o.newSessionId;
    this.o.res.writeHead(200, headers);
    if (this.o.longLived) {
      this.keepAlive = setInterval(() => {
        if (!this.o.res.destroyed) this.o.res.write(SSE_KEEPALIVE);
      }, this.o.keepAliveMs ?? 15_000);
    }
  }

  private writeFrame(json: string): void {
    const res = this.o.res;
    if (res.destroyed) return;
    if (this.o.maxUnreadBytes !== undefined && res.writableLength > this.o.maxUnreadBytes) {
      // A client that stops reading (while, say, progress keeps coming) is cut off rather than
      // buffered for without bound; the close cancels the upstream call.
      res.destroy();
      return;
    }
    const frame = sseMessage(json);
    this.bytes += frame.length;
    res.write(frame);
  }

  private onTimeout(): void {
    if (this.done) return;
    this.cancel?.('request timed out');
    this.cancel = undefined;
    // ToolHive's answers: 504 on the JSON path, an in-band -32000 "Timeout" on a stream.
    this.respond(errorResponse(this.o.id, -32000, 'Timeout'), 504);
  }

  /** The client went away before the response: stop the upstream work and record it. */
  private abandon(reason: string): void {
    this.done = true;
    clearTimeout(this.timer);
    clearInterval(this.keepAlive);
    this.cancel?.(reason);
    this.cancel = undefined;
    // 499 is the conventional "client closed request" status for logs and audit.
    this.complete(499, undefined);
  }
}
