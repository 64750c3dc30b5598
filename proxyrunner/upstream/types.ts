/**
 * The message-level seam between client-facing transports (streamable HTTP, legacy SSE) and
 * whatever answers MCP messages: the stdio multiplexer over one MCP server process, or — for
 * `vmcp serve` — the aggregator over many backends. Front ends own HTTP, sessions and the policy
 * chain; an `McpHandler` only sees JSON-RPC messages and who they belong to.
 */
import type { McpEra, RequestContext } from '../middleware/types.ts';
import type {
  JsonRpcMessage,
  JsonRpcNotification,
  JsonRpcRequest,
  JsonRpcResponse,
} from '../protocol/jsonrpc.ts';

/** One client request in flight: where its related messages and final response go. */
export interface Exchange {
  /** Whether messages may be sent before the response (the client accepts an SSE stream). */
  readonly canStream: boolean;
  /** A message that belongs to this request and arrives before its response. */
  related(msg: JsonRpcMessage): void;
  /**
   * The final response, with the client's own id. `httpStatus` is a hint for a JSON reply when
   * the handler failed for a transport reason (backend down, timeout) or refused the call (rate
   * limit); `headers` go with it (e.g. `Retry-After`).
   */
  respond(msg: JsonRpcResponse, httpStatus?: number, headers?: Readonly<Record<string, string>>): void;
}

/** The session's stream for messages unrelated to any request (GET /mcp, or the /sse stream). */
export interface SessionChannel {
  push(msg: JsonRpcMessage): void;
}

export interface CallInfo {
  /** The 2025-11-25 session, when the request belongs to one. */
  readonly sessionId?: string;
  readonly era: McpEra;
  readonly ctx: RequestContext;
}

export interface HandlerStatus {
  readonly available: boolean;
  readonly description: string;
  readonly error?: string;
  /** When the backend was last checked, for a backend with periodic health checks. */
  readonly lastChecked?: Date;
  readonly responseTimeMs?: number;
}

export interface McpHandler {
  /** Sends a request on; returns a function that cancels it (timeout, client gone). */
  request(call: CallInfo, msg: JsonRpcRequest, exchange: Exchange): (reason: string) => void;
  notification(call: CallInfo, msg: JsonRpcNotification): void;
  /** A client's answer to a request the server sent it. */
  clientResponse(call: CallInfo, msg: JsonRpcResponse): void;
  attachChannel(sessionId: string, channel: SessionChannel): void;
  detachChannel(sessionId: string, channel: SessionChannel): void;
  /** The session ended (DELETE, expiry, SSE stream closed): drop its state. */
  sessionClosed(sessionId: string): void;
  status(): HandlerStatus;
  /** Requests handed to the backend and not yet answered. */
  readonly inFlight: number;
  close(): Promise<void>;
}

/** Options every HTTP front end shares; the HTTP backend forwarder gets them on bind. */
export interface FrontendCommon {
  readonly sessions: import('../session/manager.ts').SessionManager;
  readonly chain: import('../chain/chain.ts').Chain;
  readonly lifecycle: import('../http/lifecycle.ts').Lifecycle;
  readonly serverName: string;
  readonly maxBodyBytes: number;
  readonly requestTimeoutMs: number;
  readonly strictProtocolValidation: boolean;
  readonly stateless: boolean;
  readonly keepAliveMs: number;
  readonly maxStreamBufferBytes: number;
  /** Bounds of the events kept so GET streams can be resumed with `Last-Event-ID`. */
  readonly replay: import('../frontend/resumable-stream.ts').ReplayLimits;
  readonly retryAfterSeconds: number;
  readonly endpointPrefix: string;
  readonly trustProxyHeaders: boolean;
}

/**
 * An HTTP backend (a pod's server, a remote URL, a local URL): requests are forwarded rather
 * than re-spoken, with sessions pinned to the backend that created them.
 */
export interface HttpForwarder {
  /** Receives the front-end settings (sessions, chain, limits) when the proxy is assembled. */
  bind(common: FrontendCommon): void;
  handle(
    req: import('node:http').IncomingMessage,
    res: import('node:http').ServerResponse,
    path: string,
  ): void;
  status(): HandlerStatus;
  close(): Promise<void>;
}
