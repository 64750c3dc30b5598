/**
 * Turns a POST body into one JSON-RPC message, or says precisely why not, so every bad input
 * gets a clear HTTP status and JSON-RPC error.
 */
import { ambiguousJson } from './json-guard.ts';
import { JSONRPC_ERROR, type JsonRpcId, type JsonRpcMessage } from './jsonrpc.ts';

export type Decoded =
  | { readonly ok: true; readonly message: JsonRpcMessage }
  | {
      readonly ok: false;
      readonly status: number;
      readonly code: number;
      readonly message: string;
      readonly id: JsonRpcId | null;
    };

function validId(v: unknown): v is JsonRpcId {
  return typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
}

export function decodeMessage(text: string): Decoded {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, status: 400, code: JSONRPC_ERROR.parseError, message: 'Parse error', id: null };
  }
  // Input parsers disagree about (duplicate or case-variant member names, extreme nesting) is
  // refused before anything is decided on our reading of it: see json-guard.ts.
  const ambiguous = ambiguousJson(text);
  if (ambiguous !== undefined) {
    const m = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
    return {
      ok: false,
      status: 400,
      code: JSONRPC_ERROR.invalidRequest,
      message: `Invalid Request: ${ambiguous}`,
      id: !Array.isArray(value) && validId(m.id) ? m.id : null,
    };
  }
  if (Array.isArray(value)) {
    return {
      ok: false,
      status: 400,
      code: JSONRPC_ERROR.invalidRequest,
      message: 'Invalid Request: JSON-RPC batches are not supported',
      id: null,
    };
  }
  if (typeof value !== 'object' || value === null) {
    return {
      ok: false,
      status: 400,
      code: JSONRPC_ERROR.invalidRequest,
      message: 'Invalid Request',
      id: null,
    };
  }
  const m = value as Record<string, unknown>;
  const id = validId(m.id) ? m.id : null;
  const invalid = (message: string): Decoded => ({
    ok: false,
    status: 400,
    code: JSONRPC_ERROR.invalidRequest,
    message,
    id,
  });
  if (m.jsonrpc !== '2.0') return invalid('Invalid Request: jsonrpc must be "2.0"');
  if ('method' in m) {
    if (typeof m.method !== 'string' || m.method === '')
      return invalid('Invalid Request: method must be a string');
    if ('id' in m && m.id !== undefined && !validId(m.id)) {
      return invalid('Invalid Request: id must be a string or a number');
    }
    if (
      m.params !== undefined &&
      (typeof m.params !== 'object' || m.params === null || Array.isArray(m.params))
    ) {
      return invalid('Invalid Request: params must be an object');
    }
    return { ok: true, message: m as unknown as JsonRpcMessage };
  }
  if ('result' in m || 'error' in m) {
    if (!validId(m.id)) return invalid('Invalid Request: a response needs a string or number id');
    return { ok: true, message: m as unknown as JsonRpcMessage };
  }
  return invalid('Invalid Request: neither a request, a notification nor a response');
}
