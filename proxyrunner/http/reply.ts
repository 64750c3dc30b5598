/** Small helpers that write complete HTTP responses. */
import type { ServerResponse } from 'node:http';
import { errorResponse, type JsonRpcId } from '../protocol/jsonrpc.ts';

export function writeJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers?: Readonly<Record<string, string>>,
): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/**
 * A JSON-RPC error as a whole HTTP response. The id is left out (not `null`) when unknown, as
 * MCP narrows JSON-RPC there.
 */
export function writeRpcError(
  res: ServerResponse,
  status: number,
  code: number,
  message: string,
  id: JsonRpcId | null = null,
  headers?: Readonly<Record<string, string>>,
  data?: unknown,
): void {
  const body = errorResponse(id, code, message, data) as { id?: JsonRpcId | null };
  if (id === null) delete body.id;
  writeJson(res, status, body, headers);
}
