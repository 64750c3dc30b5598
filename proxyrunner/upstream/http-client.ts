/**
 * An HTTP MCP server spoken to at the message level, so a client on one transport can reach a
 * server on the other (legacy SSE client → streamable-HTTP server, or the reverse), which plain
 * forwarding cannot do. Each client session gets its own session on the server through the MCP
 * SDK's client transports (the protocol edge, architecture decision 6); requests without a
 * session (2026-07-28, or sessionless legacy ones) share one session the proxy opens itself, and
 * modern callers get modern results (`resultType`, cache hints, `server/discover` from the
 * handshake), as with the stdio multiplexer.
 */
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import {
  errorResponse,
  JSONRPC_ERROR,
  type JsonRpcId,
  type JsonRpcMessage,
  type JsonRpcNotification,
  type JsonRpcRequest,
  type JsonRpcResponse,
} from '../protocol/jsonrpc.ts';
import { discoverFromInitialize, modernizeResult, PROXY_INITIALIZE_PARAMS } from '../protocol/modern.ts';
import type { CallInfo, Exchange, HandlerStatus, McpHandler, SessionChannel } from './types.ts';

export interface HttpClientHandlerOptions {
  /** The server's MCP endpoint (`…/mcp`) or SSE endpoint (`…/sse`). */
  readonly url: string;
  readonly transport: 'streamable-http' | 'sse';
  /** Headers sent with every request (remote header forwarding). */
  readonly headers?: Readonly<Record<string, string>>;
}

interface Waiting {
  readonly exchange: Exchange;
  readonly modern: boolean;
  readonly method: string;
  readonly clientId: JsonRpcId;
}

/** One session on the server. */
class Upstream {
  readonly transport: Transport;
  readonly waiting = new Map<string, Waiting>();
  channel: SessionChannel | undefined;
  init: Record<string, unknown> | undefined;
  private nextId = 1;
  /** Requests the proxy sends itself (its own handshake), by id. */
  readonly own = new Map<string, (msg: JsonRpcResponse) => void>();
  readonly started: Promise<void>;
  closed = false;

  constructor(o: HttpClientHandlerOptions, onError: (err: Error) => void) {
    const requestInit = o.headers ? { headers: { ...o.headers } } : undefined;
    const url = new URL(o.url);
    this.transport =
      o.transport === 'sse'
        ? new SSEClientTransport(url, requestInit ? { requestInit } : {})
        : new StreamableHTTPClientTransport(url, requestInit ? { requestInit } : {});
    this.transport.onmessage = (m) => this.onMessage(m as unknown as JsonRpcMessage);
    // Errors are reported (some are harmless, like a server without a GET stream); only a
    // closed transport loses the calls in flight.
    this.transport.onerror = (err) => onError(err);
    this.transport.onclose = () => {
      this.closed = true;
      this.fail('Backend connection lost');
    };
    this.started = this.transport.start();
  }

  send(msg: JsonRpcMessage): Promise<void> {
    return this.transport.send(msg as unknown as JSONRPCMessage);
  }

  call(method: string, params: Record<string, unknown>): Promise<JsonRpcResponse> {
    const id = `proxy-${this.nextId++}`;
    return new Promise((resolve) => {
      this.own.set(`s:${id}`, resolve);
      this.send({ jsonrpc: '2.0', id, method, params }).catch((err: unknown) =>
        resolve(errorResponse(id, JSONRPC_ERROR.serverError, `Backend unavailable: ${String(err)}`)),
      );
    });
  }

  private onMessage(msg: JsonRpcMessage): void {
    if ('method' in msg) {
      this.onServerMessage(msg);
      return;
    }
    if (!('id' in msg)) return;
    const key = idKey(msg.id as JsonRpcId);
    const own = this.own.get(key);
    if (own) {
      this.own.delete(key);
      own(msg as JsonRpcResponse);
      return;
    }
    const w = this.waiting.get(key);
    if (!w) return;
    this.waiting.delete(key);
    const response = msg as JsonRpcResponse;
    if (w.modern && 'result' in response) modernizeResult(w.method, response.result, this.init?.serverInfo);
    w.exchange.respond({ ...response, id: w.clientId });
  }

  /**
   * A request or notification from the server. This session belongs to one client, so it goes to
   * that client: on the stream of its only request in flight, else on its session stream.
   */
  private onServerMessage(msg: JsonRpcRequest | JsonRpcNotification): void {
    const streaming = [...this.waiting.values()].filter((w) => w.exchange.canStream && !w.modern);
    if (streaming.length === 1 && msg.method !== 'notifications/tools/list_changed') {
      streaming[0]!.exchange.related(msg);
      return;
    }
    if (this.channel) {
      this.channel.push(msg);
      return;
    }
    if ('id' in msg && msg.id !== undefined) {
      void this.send(
        errorResponse(
          msg.id,
          JSONRPC_ERROR.methodNotFound,
          `${msg.method} cannot be relayed: the client has no open stream`,
        ),
      );
    }
  }

  fail(message: string): void {
    for (const [key, w] of this.waiting) {
      this.waiting.delete(key);
      w.exchange.respond(errorResponse(w.clientId, JSONRPC_ERROR.serverError, message));
    }
  }
}

export class HttpClientHandler implements McpHandler {
  private readonly o: HttpClientHandlerOptions;
  private readonly sessions = new Map<string, Upstream>();
  private shared: Promise<Upstream> | undefined;
  private sharedUp: Upstream | undefined;
  private lastError: string | undefined;

  constructor(o: HttpClientHandlerOptions) {
    this.o = o;
  }

  get inFlight(): number {
    let n = 0;
    for (const s of this.sessions.values()) n += s.waiting.size;
    return n;
  }

  status(): HandlerStatus {
    const s: { available: boolean; description: string; error?: string } = {
      available: this.lastError === undefined,
      description: this.o.url,
    };
    if (this.lastError !== undefined) s.error = this.lastError;
    return s;
  }

  request(call: CallInfo, msg: JsonRpcRequest, exchange: Exchange): (reason: string) => void {
    const modern = call.era === '2026-07-28';
    const session = call.sessionId;
    const upstream =
      session === undefined ? this.sharedUpstream() : Promise.resolve(this.forSession(session));
    let cancelled = false;
    const key = idKey(msg.id);
    const unavailable = (err: unknown) => {
      this.lastError = err instanceof Error ? err.message : String(err);
      exchange.respond(
        errorResponse(msg.id, JSONRPC_ERROR.serverError, `Backend unavailable: ${this.lastError}`),
        502,
      );
    };
    upstream.then(async (up) => {
      try {
        await up.started;
        if (cancelled) return;
        if (session === undefined && msg.method === 'server/discover') {
          exchange.respond({ jsonrpc: '2.0', id: msg.id, result: discoverFromInitialize(up.init) });
          return;
        }
        up.waiting.set(key, {
          exchange: msg.method === 'initialize' ? this.rememberHandshake(up, exchange) : exchange,
          modern,
          method: msg.method,
          clientId: msg.id,
        });
        await up.send(msg);
      } catch (err) {
        up.waiting.delete(key);
        unavailable(err);
      }
    }, unavailable);
    return (reason: string) => {
      cancelled = true;
      void upstream.then((up) => {
        if (!up.waiting.delete(key)) return;
        void up.send({
          jsonrpc: '2.0',
          method: 'notifications/cancelled',
          params: { requestId: msg.id, reason },
        });
      });
    };
  }

  /** Keeps the server's handshake result (capabilities, identity) and the negotiated version. */
  private rememberHandshake(up: Upstream, exchange: Exchange): Exchange {
    return {
      canStream: exchange.canStream,
      related: (m) => exchange.related(m),
      respond: (resp, status) => {
        if ('result' in resp) {
          up.init = resp.result;
          const version = resp.result.protocolVersion;
          if (typeof version === 'string' && up.transport instanceof StreamableHTTPClientTransport) {
            up.transport.setProtocolVersion(version);
          }
        }
        exchange.respond(resp, status);
      },
    };
  }

  notification(call: CallInfo, msg: JsonRpcNotification): void {
    if (call.sessionId === undefined) return;
    void this.forSession(call.sessionId)
      .started.then(() => this.sessions.get(call.sessionId!)?.send(msg))
      .catch(() => {});
  }

  clientResponse(call: CallInfo, msg: JsonRpcResponse): void {
    if (call.sessionId === undefined) return;
    void this.sessions
      .get(call.sessionId)
      ?.send(msg)
      .catch(() => {});
  }

  attachChannel(sessionId: string, channel: SessionChannel): void {
    this.forSession(sessionId).channel = channel;
  }

  detachChannel(sessionId: string, channel: SessionChannel): void {
    const up = this.sessions.get(sessionId);
    if (up?.channel === channel) up.channel = undefined;
  }

  sessionClosed(sessionId: string): void {
    const up = this.sessions.get(sessionId);
    if (!up) return;
    this.sessions.delete(sessionId);
    up.fail('Session closed');
    void close(up);
  }

  private forSession(sessionId: string): Upstream {
    let up = this.sessions.get(sessionId);
    if (!up) {
      const created: Upstream = new Upstream(this.o, (err) => this.noteError(err));
      up = created;
      this.sessions.set(sessionId, up);
    }
    return up;
  }

  /** The proxy's own session, for requests that come without one. */
  private sharedUpstream(): Promise<Upstream> {
    if (this.sharedUp?.closed) {
      this.shared = undefined;
      this.sharedUp = undefined;
    }
    this.shared ??= (async () => {
      const up: Upstream = new Upstream(this.o, (err) => this.noteError(err));
      await up.started;
      const resp = await up.call('initialize', { ...PROXY_INITIALIZE_PARAMS });
      if (!('result' in resp))
        throw new Error(`backend refused the proxy's handshake: ${resp.error.message}`);
      up.init = resp.result;
      const version = resp.result.protocolVersion;
      if (typeof version === 'string' && up.transport instanceof StreamableHTTPClientTransport) {
        up.transport.setProtocolVersion(version);
      }
      await up.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
      this.lastError = undefined;
      this.sharedUp = up;
      return up;
    })();
    this.shared.catch(() => {
      this.shared = undefined;
    });
    return this.shared;
  }

  private noteError(err: Error): void {
    this.lastError = err.message;
  }

  async close(): Promise<void> {
    const all = [...this.sessions.values()];
    this.sessions.clear();
    if (this.shared) all.push(await this.shared.catch(() => undefined as never));
    await Promise.allSettled(all.filter(Boolean).map(close));
  }
}

async function close(up: Upstream): Promise<void> {
  if (up.transport instanceof StreamableHTTPClientTransport)
    await up.transport.terminateSession().catch(() => {});
  await up.transport.close().catch(() => {});
}

function idKey(id: JsonRpcId | null): string {
  return typeof id === 'number' ? `n:${id}` : `s:${id}`;
}
