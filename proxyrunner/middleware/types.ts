/**
 * The contract between the proxy's data path and the policy chain (auth, authz, audit, tool
 * filter, webhooks, outgoing auth, telemetry, rate limits). The data path owns transports,
 * sessions and backends; it builds one `RequestContext` per HTTP request and runs the chain's
 * hooks around forwarding. The vMCP server runs the same chain in front of its aggregator.
 *
 * Order is ToolHive's (reference/toolhive-dataplane.md §3.0): `onRequest` hooks run outermost
 * first; `onResponse` hooks run innermost first (the reverse), like nested HTTP handlers; every
 * middleware's `onComplete` runs once per request whatever happened, so audit sees 401/403/429.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { JsonRpcId, JsonRpcMessage, JsonRpcResponse } from '../protocol/jsonrpc.ts';

/** The two MCP protocol eras served side by side (reference/mcp-protocol.md). */
export type McpEra = '2025-11-25' | '2026-07-28';

/** What the `mcp-parser` step extracts from a JSON-RPC request, for the middlewares to read. */
export interface McpRequestInfo {
  /** JSON-RPC method, e.g. `tools/call`. */
  readonly method: string;
  readonly id?: JsonRpcId;
  /** `params.name` for tools/call and prompts/get, `params.uri` for resources/*, … */
  readonly resourceId?: string;
  /** `params.arguments` of tools/call and prompts/get. */
  readonly arguments?: Record<string, unknown>;
  /** `params._meta`. */
  readonly meta?: Record<string, unknown>;
  readonly era: McpEra;
  /** From the `MCP-Protocol-Version` header or the modern `_meta` key. */
  readonly protocolVersion?: string;
  readonly clientInfo?: { name?: string; version?: string };
}

/** The authenticated caller. `token` is the raw bearer token: never log it. */
export interface Identity {
  readonly subject: string;
  readonly name?: string;
  readonly email?: string;
  /** Every claim of the validated token (or introspection result). */
  readonly claims: Readonly<Record<string, unknown>>;
  readonly groups?: readonly string[];
  readonly token?: string;
  /** RFC 8693 `act` chain, outermost actor first. */
  readonly delegation?: ReadonlyArray<{ iss?: string; sub?: string }>;
  /** True for the synthetic identity used when no incoming auth is configured. */
  readonly anonymous?: boolean;
  /**
   * Embedded authorization server only: the upstream identity providers' access tokens of the
   * caller's token session (`tsid`), by provider name, refreshed when expired. Never log them.
   */
  readonly upstreamTokens?: Readonly<Record<string, string>>;
  /** The upstream ID tokens of the same session (read for claims; may be expired). */
  readonly upstreamIdTokens?: Readonly<Record<string, string>>;
}

export interface RequestContext {
  /** Per-request id (`X-Request-ID` when the client sent one). */
  readonly requestId: string;
  readonly startedAt: number;
  readonly http: {
    readonly method: string;
    /** Path without the query string. */
    readonly path: string;
    readonly query: string;
    readonly headers: IncomingHttpHeaders;
    readonly remoteAddress: string;
  };
  /** Client-facing transport of this request. */
  readonly transport: 'streamable-http' | 'sse';
  /** Name of the MCP server (or vMCP) this proxy fronts, for audit, metrics and Cedar. */
  readonly serverName: string;
  sessionId?: string;
  /**
   * The JSON-RPC message of a POST, once parsed. A middleware may replace it (mutating webhook,
   * tool rename); the data path forwards whatever is here when the chain finishes.
   */
  message?: JsonRpcMessage;
  /** Set by the parser for JSON-RPC requests and notifications. */
  mcp?: McpRequestInfo;
  /** Set by incoming auth. */
  identity?: Identity;
  /**
   * Headers to set on the request to the backend (outgoing auth, header forwarding). The data
   * path never copies the client's `Authorization` header to a backend unless a middleware
   * puts it here.
   */
  readonly upstreamHeaders: Record<string, string>;
  /** Scratch space a middleware may use to pass state from onRequest to onResponse/onComplete. */
  readonly state: Map<symbol, unknown>;
}

/** A middleware's refusal: the data path writes it and skips the backend. */
export interface Rejection {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** JSON body; usually a JSON-RPC error response. */
  readonly body: unknown;
}

/** How a request ended, for audit, telemetry and metrics. */
export interface Outcome {
  readonly status: number;
  readonly durationMs: number;
  readonly responseBytes?: number;
  /** JSON-RPC error of the final response, if any. */
  readonly error?: { code: number; message: string };
  /** The final response message, when there was one and a middleware asked to see it. */
  readonly response?: JsonRpcResponse;
  /** Which middleware rejected the request, if one did. */
  readonly rejectedBy?: string;
  readonly backendName?: string;
}

/**
 * An HTTP endpoint a middleware serves beside the MCP endpoint, outside the chain, such as the
 * RFC 9728 protected resource metadata. The data path dispatches to it before anything else.
 */
export interface MiddlewareRoute {
  /** Methods served; others get 405. */
  readonly methods: readonly string[];
  /** Exact path, or a prefix when it ends with `/`. */
  readonly path: string;
  handle(req: IncomingMessage, res: ServerResponse): void | Promise<void>;
}

export interface Middleware {
  /** ToolHive's middleware type string, e.g. `auth`, `authorization`, `audit`. */
  readonly name: string;
  /** Endpoints this middleware serves outside the chain. */
  readonly routes?: readonly MiddlewareRoute[];
  /**
   * True when `onRequest` reads only the request head (headers, method, path), never the
   * message. A leading run of such middlewares (origin, auth, …) is run before the body is read
   * and decoded, so that, as in ToolHive where they wrap the handler, an unauthenticated client
   * gets 401 whatever it sends, and never reaches the JSON decoder's verdicts.
   */
  readonly headersOnly?: boolean;
  /** Before forwarding. Return a Rejection to stop the request here. */
  onRequest?(ctx: RequestContext): Rejection | undefined | Promise<Rejection | undefined>;
  /**
   * Which responses this middleware wants to see; the data path parses and buffers a response
   * (including one streamed as SSE) only when some middleware wants it, so plain calls stream
   * straight through.
   */
  wantsResponse?(ctx: RequestContext): boolean;
  /** Rewrites the final JSON-RPC response to a request (e.g. filter `tools/list`). */
  onResponse?(ctx: RequestContext, response: JsonRpcResponse): JsonRpcResponse | Promise<JsonRpcResponse>;
  /** After the response is written or the request rejected. Must not throw. */
  onComplete?(ctx: RequestContext, outcome: Outcome): void;
  /** Release timers, connections and files on shutdown. */
  close?(): Promise<void>;
}
