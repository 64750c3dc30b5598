/**
 * The part of handling a client POST that every message front end shares: content type, body
 * limit, JSON-RPC decoding, the `mcp-parser` step and the policy chain's `onRequest` hooks.
 * Each failure becomes a clear HTTP status with a JSON-RPC error body.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Chain } from '../chain/chain.ts';
import {
  BodyTooLargeError,
  declaredTooLarge,
  headerValue,
  isJsonContentType,
  readBody,
} from '../http/body.ts';
import { createContext, outcomeOf, rpcErrorOf } from '../http/context.ts';
import { writeJson, writeRpcError } from '../http/reply.ts';
import { JSONRPC_DENIED } from '../middleware/shared/replies.ts';
import type { RequestContext } from '../middleware/types.ts';
import { decodeMessage } from '../protocol/decode.ts';
import { JSONRPC_ERROR, type JsonRpcMessage } from '../protocol/jsonrpc.ts';
import { parseMcpRequest } from '../protocol/parse.ts';
import { KNOWN_VERSIONS } from '../protocol/revision.ts';
import { SESSION_FORBIDDEN } from '../session/binding.ts';
import { SessionStoreUnavailableError } from '../session/manager.ts';

export interface IntakeOptions {
  readonly chain: Chain;
  readonly serverName: string;
  readonly maxBodyBytes: number;
  readonly strictProtocolValidation: boolean;
}

export interface Accepted {
  readonly ctx: RequestContext;
  readonly message: JsonRpcMessage;
  /** The body as received, to forward unchanged when no middleware replaced the message. */
  readonly raw: Buffer;
  /** Whether a middleware replaced the message (then it must be serialised again). */
  readonly replaced: boolean;
}

/** Writes the rejection and records the outcome; returns undefined so callers can `return`. */
export function fail(
  chain: Chain,
  ctx: RequestContext,
  res: ServerResponse,
  status: number,
  code: number,
  message: string,
  id: string | number | null = null,
  headers?: Readonly<Record<string, string>>,
  data?: unknown,
): undefined {
  const responseBytes = writeRpcError(res, status, code, message, id, headers, data);
  chain.complete(ctx, outcomeOf(ctx, status, { error: { code, message }, responseBytes }));
  return undefined;
}

/**
 * A session id presented under an identity other than its owner's (session/binding.ts): 403
 * with ToolHive's denial code, audited as `denied`.
 */
export function forbiddenSession(
  chain: Chain,
  ctx: RequestContext,
  res: ServerResponse,
  id: string | number | null = null,
): undefined {
  return fail(chain, ctx, res, 403, JSONRPC_DENIED, SESSION_FORBIDDEN, id);
}

/**
 * Writes a middleware's rejection as it asked and records who rejected, what was written and the
 * JSON-RPC error the body carries (a tool filter's `tool not found` comes with HTTP 200, so audit
 * must read the body to classify it as ToolHive does: `application_error`).
 */
export function reject(
  chain: Chain,
  ctx: RequestContext,
  res: ServerResponse,
  rejected: {
    rejection: { status: number; headers?: Readonly<Record<string, string>>; body: unknown };
    by: string;
  },
): undefined {
  const { rejection, by } = rejected;
  let responseBytes: number;
  try {
    responseBytes = writeJson(res, rejection.status, rejection.body ?? '', rejection.headers);
  } catch (err) {
    // A header value Node will not send (a middleware's bug): still answer, and still audit.
    console.error(`rejection by ${by} could not be written: ${err instanceof Error ? err.message : err}`);
    return fail(chain, ctx, res, 500, JSONRPC_ERROR.internalError, 'Internal error');
  }
  const error = rpcErrorOf(rejection.body);
  chain.complete(
    ctx,
    outcomeOf(ctx, rejection.status, { rejectedBy: by, responseBytes, ...(error ? { error } : {}) }),
  );
  return undefined;
}

/**
 * The answer when handling a request threw: `503` when the session store is unreachable (the
 * client may retry), otherwise a logged `500` (or the stream cut, once it has started).
 */
export function answerFailure(res: ServerResponse, err: unknown, where: string): void {
  if (err instanceof SessionStoreUnavailableError) {
    writeRpcError(res, 503, JSONRPC_ERROR.serverError, 'session store unavailable', null, {
      'retry-after': '5',
    });
    return;
  }
  console.error(`${where}: ${err instanceof Error ? (err.stack ?? err.message) : err}`);
  if (!res.headersSent) writeRpcError(res, 500, JSONRPC_ERROR.internalError, 'Internal error');
  else res.end();
}

/**
 * Runs the shared steps; on failure the response is already written and undefined returned.
 *
 * Order is ToolHive's, where each step wraps the next: the body limit (a declared length over
 * it), then the head-only policy hooks (origin, authentication), then the content type, body and
 * JSON-RPC checks, then the rest of the chain. So an unauthenticated client gets 401 whatever its
 * body is, and only an authenticated one learns what the proxy thinks of its JSON.
 */
export async function intake(
  req: IncomingMessage,
  res: ServerResponse,
  transport: 'streamable-http' | 'sse',
  opts: IntakeOptions,
): Promise<Accepted | undefined> {
  const { chain } = opts;
  const ctx = createContext(req, transport, opts.serverName);
  if (declaredTooLarge(req, opts.maxBodyBytes)) return tooLarge(chain, ctx, res);
  if (chain.headCount > 0) {
    let rejected = chain.beforeHead(ctx);
    if (rejected instanceof Promise) rejected = await rejected;
    if (rejected) {
      // Read what was sent anyway (within the limit) so the audit record names the MCP method
      // of the refused request and the connection stays usable; its content changes nothing.
      const body = await readBody(req, opts.maxBodyBytes).catch(() => undefined);
      if (body === undefined) res.shouldKeepAlive = false;
      else if (isJsonContentType(headerValue(req, 'content-type'))) {
        const decoded = decodeMessage(body.toString('utf8'));
        if (decoded.ok) ctx.message = decoded.message;
      }
      return reject(chain, ctx, res, rejected);
    }
  }
  if (!isJsonContentType(headerValue(req, 'content-type'))) {
    req.resume();
    return fail(chain, ctx, res, 415, JSONRPC_ERROR.invalidRequest, 'Content-Type must be application/json');
  }
  const version = headerValue(req, 'mcp-protocol-version');
  if (opts.strictProtocolValidation && version !== undefined && !KNOWN_VERSIONS.has(version)) {
    req.resume();
    return fail(
      chain,
      ctx,
      res,
      400,
      JSONRPC_ERROR.invalidRequest,
      `Unsupported MCP-Protocol-Version: ${version}`,
    );
  }
  let body: Buffer;
  try {
    body = await readBody(req, opts.maxBodyBytes);
  } catch (err) {
    if (err instanceof BodyTooLargeError) return tooLarge(chain, ctx, res);
    return fail(chain, ctx, res, 400, JSONRPC_ERROR.parseError, 'Could not read the request body');
  }
  const decoded = decodeMessage(body.toString('utf8'));
  if (!decoded.ok) return fail(chain, ctx, res, decoded.status, decoded.code, decoded.message, decoded.id);
  ctx.message = decoded.message;
  const info = parseMcpRequest(decoded.message, req.headers);
  if (info) ctx.mcp = info;
  const sessionHeader = headerValue(req, 'mcp-session-id');
  if (sessionHeader !== undefined) ctx.sessionId = sessionHeader;

  if (!chain.empty) {
    let rejected = chain.before(ctx, true);
    if (rejected instanceof Promise) rejected = await rejected;
    if (rejected) return reject(chain, ctx, res, rejected);
    // A middleware may have replaced the message (mutating webhook, tool rename).
    if (ctx.message !== decoded.message && ctx.message !== undefined && 'method' in ctx.message) {
      const again = parseMcpRequest(ctx.message, req.headers);
      if (again) ctx.mcp = again;
    }
  }
  const message = ctx.message ?? decoded.message;
  return { ctx, message, raw: body, replaced: message !== decoded.message };
}

/** A body over the limit: 413, and the connection is closed since the rest is not read. */
export function tooLarge(chain: Chain, ctx: RequestContext, res: ServerResponse): undefined {
  res.shouldKeepAlive = false;
  return fail(chain, ctx, res, 413, JSONRPC_ERROR.invalidRequest, 'Request body too large', null, {
    connection: 'close',
  });
}
