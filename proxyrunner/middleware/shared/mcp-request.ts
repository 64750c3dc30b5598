/**
 * The parse the policy middlewares read (`ctx.mcp`), computed by the data path's `mcp-parser`
 * (proxyrunner/protocol/parse.ts) and recomputed here when a middleware replaces the message.
 */

import type { JsonRpcMessage } from '../../protocol/jsonrpc.ts';
import { parseMcpRequest } from '../../protocol/parse.ts';
import type { McpRequestInfo, RequestContext } from '../types.ts';

export { parseMcpRequest };

/** The parse of this request, computing it when the data path has not. */
export function mcpOf(ctx: RequestContext): McpRequestInfo | undefined {
  if (ctx.mcp) return ctx.mcp;
  if (!ctx.message) return undefined;
  const info = parseMcpRequest(ctx.message, ctx.http.headers);
  if (info) ctx.mcp = info;
  return info;
}

/** Replaces the message (mutating webhook, tool rename) and republishes its parse. */
export function replaceMessage(ctx: RequestContext, message: JsonRpcMessage): void {
  ctx.message = message;
  const info = parseMcpRequest(message, ctx.http.headers);
  if (info) ctx.mcp = info;
  else delete ctx.mcp;
}
