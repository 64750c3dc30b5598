/**
 * `tool-filter` (rewrites `tools/list` results) and `tool-call-filter` (refuses or renames
 * `tools/call` requests): two middlewares over one `ToolPolicy`, in ToolHive's order.
 */
import type { JsonRpcResponse } from '../../protocol/jsonrpc.ts';
import { JSONRPC_ERROR } from '../../protocol/jsonrpc.ts';
import { mcpOf, replaceMessage } from '../shared/mcp-request.ts';
import { jsonRpcRejection } from '../shared/replies.ts';
import type { Middleware, Rejection, RequestContext } from '../types.ts';
import type { ToolPolicy } from './tool-policy.ts';

export const TOOL_FILTER_MIDDLEWARE = 'tool-filter';
export const TOOL_CALL_FILTER_MIDDLEWARE = 'tool-call-filter';

function acceptsJson(ctx: RequestContext): boolean {
  const raw = ctx.http.headers.accept;
  const accept = Array.isArray(raw) ? raw.join(',') : raw;
  if (!accept) return true;
  return accept.split(',').some((e) => {
    const t = e.split(';')[0]!.trim().toLowerCase();
    return t === 'application/json' || t === 'application/*' || t === '*/*';
  });
}

export class ToolListFilterMiddleware implements Middleware {
  readonly name = TOOL_FILTER_MIDDLEWARE;
  readonly policy: ToolPolicy;
  constructor(policy: ToolPolicy) {
    this.policy = policy;
  }
  wantsResponse(ctx: RequestContext): boolean {
    return ctx.mcp?.method === 'tools/list';
  }
  onResponse(_ctx: RequestContext, response: JsonRpcResponse): JsonRpcResponse {
    if (!('result' in response) || !Array.isArray(response.result.tools)) return response;
    return {
      ...response,
      result: { ...response.result, tools: this.policy.rewriteList(response.result.tools) },
    };
  }
}

export class ToolCallFilterMiddleware implements Middleware {
  readonly name = TOOL_CALL_FILTER_MIDDLEWARE;
  readonly policy: ToolPolicy;
  constructor(policy: ToolPolicy) {
    this.policy = policy;
  }
  onRequest(ctx: RequestContext): Rejection | undefined {
    const mcp = mcpOf(ctx);
    if (mcp?.method !== 'tools/call' || !ctx.message || !('params' in ctx.message)) {
      if (mcp?.method === 'tools/call') return { status: 400, body: 'malformed tools/call request' };
      return undefined;
    }
    const params = ctx.message.params;
    const name = params?.name;
    if (typeof name !== 'string' || name === '') return { status: 400, body: 'malformed tools/call request' };
    const decision = this.policy.resolveCall(name);
    if (decision.kind === 'not-found') {
      if (!acceptsJson(ctx)) return { status: 400, body: 'tool not found' };
      return jsonRpcRejection(200, mcp.id, JSONRPC_ERROR.invalidParams, 'tool not found');
    }
    if (decision.actualName !== name)
      replaceMessage(ctx, { ...ctx.message, params: { ...params, name: decision.actualName } });
    return undefined;
  }
}
