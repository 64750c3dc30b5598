/**
 * The message-level seam between an HTTP front end (sessions, both eras, the policy chain) and
 * what answers MCP messages. It has the shape of the proxy runner's `McpHandler`
 * (proxyrunner/upstream/types.ts on the proxy branch) so the vMCP handler can sit behind either
 * front end.
 */
import type { McpEra, RequestContext } from '../../middleware/types.ts';
import type {
  JsonRpcMessage,
  JsonRpcNotification,
  JsonRpcRequest,
  JsonRpcResponse,
} from '../../protocol/jsonrpc.ts';

/** One client request in flight: where its related messages and final response go. */
export interface Exchange {
  /** Whether messages may be sent before the response (the client accepts an SSE stream). */
  readonly canStream: boolean;
  related(msg: JsonRpcMessage): void;
  respond(msg: JsonRpcResponse, httpStatus?: number): void;
}

/** The session's stream for messages unrelated to any request (GET /mcp). */
export interface SessionChannel {
  push(msg: JsonRpcMessage): void;
}

export interface CallInfo {
  readonly sessionId?: string;
  readonly era: McpEra;
  readonly ctx: RequestContext;
}

export interface HandlerStatus {
  readonly available: boolean;
  readonly description: string;
  readonly error?: string;
}

export interface McpHandler {
  request(call: CallInfo, msg: JsonRpcRequest, exchange: Exchange): (reason: string) => void;
  notification(call: CallInfo, msg: JsonRpcNotification): void;
  clientResponse(call: CallInfo, msg: JsonRpcResponse): void;
  attachChannel(sessionId: string, channel: SessionChannel): void;
  detachChannel(sessionId: string, channel: SessionChannel): void;
  sessionClosed(sessionId: string): void;
  status(): HandlerStatus;
  readonly inFlight: number;
  close(): Promise<void>;
}
