/** Small helpers that write complete HTTP responses. */
import type { ServerResponse } from 'node:http';
import { errorResponse, type JsonRpcId } from '../protocol/jsonrpc.ts';

/** Writes a JSON body; returns the bytes of body written (0 when the response had started). */
export function writeJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers?: Readonly<Record<string, string>>,
): number {
  if (res.headersSent) {
    res.end();
    return 0;
  }
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const bytes = Buffer.byteLength(text);
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json',
    'content-length': bytes,
  });
  res.end(text);
  return bytes;
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
): number {
  const body = errorResponse(id, code, message, data) as { id?: JsonRpcId | null };
  if (id === null) delete body.id;
  return writeJson(res, status, body, headers);
}
