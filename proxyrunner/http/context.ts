/** Builds the per-request `RequestContext` the policy chain works on. */
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { Outcome, RequestContext } from '../middleware/types.ts';
import type { JsonRpcResponse } from '../protocol/jsonrpc.ts';

export function createContext(
  req: IncomingMessage,
  transport: 'streamable-http' | 'sse',
  serverName: string,
): RequestContext {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const requested = req.headers['x-request-id'];
  return {
    requestId: typeof requested === 'string' && requested !== '' ? requested : randomUUID(),
    startedAt: Date.now(),
    http: {
      method: req.method ?? 'GET',
      path: q === -1 ? url : url.slice(0, q),
      query: q === -1 ? '' : url.slice(q + 1),
      headers: credentialHeaders(req),
      remoteAddress: req.socket.remoteAddress ?? '',
    },
    transport,
    serverName,
    upstreamHeaders: {},
    state: new Map(),
  };
}

/** The outcome record for `onComplete`. */
export function outcomeOf(
  ctx: RequestContext,
  status: number,
  extra: {
    response?: JsonRpcResponse;
    rejectedBy?: string;
    responseBytes?: number;
    error?: { code: number; message: string };
    backendName?: string;
  } = {},
): Outcome {
  const outcome: {
    -readonly [K in keyof Outcome]: Outcome[K];
  } = { status, durationMs: Date.now() - ctx.startedAt };
  if (extra.responseBytes !== undefined) outcome.responseBytes = extra.responseBytes;
  if (extra.rejectedBy !== undefined) outcome.rejectedBy = extra.rejectedBy;
  if (extra.backendName !== undefined) outcome.backendName = extra.backendName;
  if (extra.response !== undefined) outcome.response = extra.response;
  const error =
    extra.error ?? (extra.response && 'error' in extra.response ? extra.response.error : undefined);
  if (error !== undefined) outcome.error = { code: error.code, message: error.message };
  return outcome;
}

/**
 * The JSON-RPC error a reply body carries (`{"error":{"code","message"}}`), if any. Bodies such
 * as RFC 6750's `{"error":"invalid_token"}` are not JSON-RPC errors.
 */
export function rpcErrorOf(body: unknown): { code: number; message: string } | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const error = (body as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code !== 'number') return undefined;
  return { code, message: typeof message === 'string' ? message : '' };
}

/**
 * The request's headers, except that repeated `Authorization` headers are all kept (as an
 * array, written back into `req.headers`) rather than collapsed to the first one as Node does, so that auth can refuse a request
 * whose credential is ambiguous. Costs a scan of the raw headers only when a credential is sent.
 */
function credentialHeaders(req: IncomingMessage): IncomingHttpHeaders {
  if (req.headers.authorization === undefined) return req.headers;
  const raw = req.rawHeaders;
  const all: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i]!.length === 13 && raw[i]!.toLowerCase() === 'authorization') all.push(raw[i + 1]!);
  }
  // In place: middlewares that edit the headers (strip-auth) and the forwarder share one object.
  if (all.length > 1) req.headers.authorization = all as unknown as string;
  return req.headers;
}
