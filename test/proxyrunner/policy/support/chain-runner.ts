/**
 * Runs a policy chain around a backend function exactly as the middleware contract says the
 * data path does (proxyrunner/middleware/types.ts): onRequest outermost first, stop at the first
 * rejection, forward `ctx.message` with `ctx.upstreamHeaders`, onResponse innermost first for
 * the middlewares that want the response, and onComplete for every middleware.
 */

import type {
  Middleware,
  Outcome,
  Rejection,
  RequestContext,
} from '../../../../proxyrunner/middleware/types.ts';
import {
  isRequest,
  type JsonRpcMessage,
  type JsonRpcResponse,
} from '../../../../proxyrunner/protocol/jsonrpc.ts';

export interface Forwarded {
  message: JsonRpcMessage | undefined;
  headers: Record<string, string>;
}

export type Backend = (
  forwarded: Forwarded,
) => Promise<JsonRpcResponse | undefined> | JsonRpcResponse | undefined;

export interface ChainResult {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  rejection?: Rejection;
  rejectedBy?: string;
  forwarded?: Forwarded;
}

export async function runChain(
  middlewares: readonly Middleware[],
  ctx: RequestContext,
  backend: Backend,
): Promise<ChainResult> {
  let result: ChainResult | undefined;
  let rejectedBy: string | undefined;
  for (const m of middlewares) {
    const r = await m.onRequest?.(ctx);
    if (r) {
      rejectedBy = m.name;
      result = {
        status: r.status,
        headers: { ...(r.headers ?? {}) },
        body: r.body,
        rejection: r,
        rejectedBy,
      };
      break;
    }
  }
  let response: JsonRpcResponse | undefined;
  if (!result) {
    const forwarded: Forwarded = { message: ctx.message, headers: { ...ctx.upstreamHeaders } };
    response = await backend(forwarded);
    const wanting = middlewares.filter((m) => m.wantsResponse?.(ctx) && m.onResponse);
    if (response && ctx.message && isRequest(ctx.message)) {
      for (const m of [...wanting].reverse()) response = await m.onResponse!(ctx, response);
    }
    result = { status: response ? 200 : 202, headers: {}, body: response, forwarded };
  }
  const body = result.body as { error?: { code: number; message: string } } | undefined;
  const outcome: Outcome = {
    status: result.status,
    durationMs: Date.now() - ctx.startedAt,
    responseBytes: result.body === undefined ? 0 : Buffer.byteLength(JSON.stringify(result.body)),
    ...(body && typeof body === 'object' && body.error ? { error: body.error } : {}),
    ...(response ? { response } : {}),
    ...(rejectedBy ? { rejectedBy } : {}),
  };
  for (const m of middlewares) m.onComplete?.(ctx, outcome);
  return result;
}

/** A scripted MCP backend: fixed lists, tools that echo, and a record of what reached it. */
export function fakeBackend(
  lists: { tools?: unknown[]; prompts?: unknown[]; resources?: unknown[] } = {},
): Backend & { calls: Forwarded[] } {
  const calls: Forwarded[] = [];
  const fn = (f: Forwarded): JsonRpcResponse | undefined => {
    calls.push(f);
    const m = f.message;
    if (!m || !('method' in m) || !isRequest(m)) return undefined;
    switch (m.method) {
      case 'tools/list':
        return { jsonrpc: '2.0', id: m.id, result: { tools: lists.tools ?? [] } };
      case 'prompts/list':
        return { jsonrpc: '2.0', id: m.id, result: { prompts: lists.prompts ?? [] } };
      case 'resources/list':
        return { jsonrpc: '2.0', id: m.id, result: { resources: lists.resources ?? [] } };
      case 'tools/call':
        return {
          jsonrpc: '2.0',
          id: m.id,
          result: { content: [{ type: 'text', text: `called ${String(m.params?.name)}` }] },
        };
      default:
        return { jsonrpc: '2.0', id: m.id, result: {} };
    }
  };
  return Object.assign(fn, { calls });
}
