/**
 * JSON-RPC 2.0 message shapes as they cross the proxy. The proxy forwards messages as plain
 * objects and only looks inside when a middleware has a reason to (architecture decision 6).
 */
export type JsonRpcId = string | number;

export interface JsonRpcRequest {
  jsonrpc: '2.0';
  id: JsonRpcId;
  method: string;
  params?: Record<string, unknown>;
}

export interface JsonRpcNotification {
  jsonrpc: '2.0';
  method: string;
  params?: Record<string, unknown>;
}

export interface JsonRpcError {
  code: number;
  message: string;
  data?: unknown;
}

export interface JsonRpcSuccess {
  jsonrpc: '2.0';
  id: JsonRpcId;
  result: Record<string, unknown>;
}

export interface JsonRpcFailure {
  jsonrpc: '2.0';
  /** `null` when the request's id could not be read. */
  id: JsonRpcId | null;
  error: JsonRpcError;
}

export type JsonRpcResponse = JsonRpcSuccess | JsonRpcFailure;
export type JsonRpcMessage = JsonRpcRequest | JsonRpcNotification | JsonRpcResponse;

/** Standard and MCP error codes the proxy emits. */
export const JSONRPC_ERROR = {
  parseError: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  internalError: -32603,
  /** Server-defined range; ToolHive uses it for timeouts and unavailable backends. */
  serverError: -32000,
  sessionNotFound: -32001,
} as const;

export function isRequest(m: JsonRpcMessage): m is JsonRpcRequest {
  return 'method' in m && 'id' in m && m.id !== undefined && m.id !== null;
}

export function isNotification(m: JsonRpcMessage): m is JsonRpcNotification {
  return 'method' in m && !('id' in m && m.id !== undefined && m.id !== null);
}

export function isResponse(m: JsonRpcMessage): m is JsonRpcResponse {
  return !('method' in m) && ('result' in m || 'error' in m);
}

export function errorResponse(
  id: JsonRpcId | null,
  code: number,
  message: string,
  data?: unknown,
): JsonRpcFailure {
  const error: JsonRpcError = data === undefined ? { code, message } : { code, message, data };
  return { jsonrpc: '2.0', id, error };
}

/** Wire text of responses built from results serialized once (see `cachedResultResponse`). */
const serialized = new WeakMap<JsonRpcMessage, string>();

/**
 * A success response whose result was serialized ahead of time, such as the cached `initialize`
 * result every new session gets: writing it costs no `JSON.stringify` of the result again.
 */
export function cachedResultResponse(
  id: JsonRpcId,
  result: Record<string, unknown>,
  resultJson: string,
): JsonRpcSuccess {
  const msg: JsonRpcSuccess = { jsonrpc: '2.0', id, result };
  serialized.set(msg, `{"jsonrpc":"2.0","id":${JSON.stringify(id)},"result":${resultJson}}`);
  return msg;
}

/** The wire text of a message. */
export function serialize(msg: JsonRpcMessage): string {
  return serialized.get(msg) ?? JSON.stringify(msg);
}
