/** Rejections the policy chain writes, shaped as ToolHive writes them. */
import { errorResponse, type JsonRpcId } from '../../protocol/jsonrpc.ts';
import type { Rejection } from '../types.ts';

/** ToolHive's JSON-RPC code for policy denials (pkg/mcp.JSONRPCCodeDenied). */
export const JSONRPC_DENIED = 403;

/** A JSON-RPC error body with an HTTP status. */
export function jsonRpcRejection(
  status: number,
  id: JsonRpcId | undefined,
  code: number,
  message: string,
  data?: unknown,
  headers?: Record<string, string>,
): Rejection {
  return {
    status,
    ...(headers ? { headers } : {}),
    body: errorResponse(id ?? null, code, message, data),
  };
}

/** ToolHive's mapping of an HTTP status to the JSON-RPC code in the body (pkg/mcp/errors.go). */
export function jsonRpcCodeForStatus(status: number): number {
  if (status === 403 || status === 422) return JSONRPC_DENIED;
  if (status === 413) return -32600;
  return -32603;
}
