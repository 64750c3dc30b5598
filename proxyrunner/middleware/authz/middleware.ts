/**
 * The `authorization` middleware (pkg/authz/middleware.go): method-by-method policy checks
 * before forwarding, and per-caller filtering of list results after.
 */
import { isResponse, type JsonRpcId, type JsonRpcResponse } from '../../protocol/jsonrpc.ts';
import type { Logger } from '../shared/logger.ts';
import { mcpOf } from '../shared/mcp-request.ts';
import { JSONRPC_DENIED, jsonRpcRejection } from '../shared/replies.ts';
import type { Middleware, Rejection, RequestContext } from '../types.ts';
import type { AuthzQuery, CedarAuthorizer } from './cedar-authorizer.ts';
import { AnnotationCache, FILTERED_LIST_METHODS, filterListResult } from './list-filter.ts';

export const AUTHZ_MIDDLEWARE = 'authorization';

/** Methods that need no decision (protocol plumbing and notifications). */
const ALWAYS_ALLOWED = new Set([
  'initialize',
  'ping',
  'features/list',
  'roots/list',
  'server/discover',
  'subscriptions/listen',
  'logging/setLevel',
  'completion/complete',
  'notifications/message',
  'notifications/initialized',
  'notifications/progress',
  'notifications/cancelled',
  'notifications/roots/list_changed',
  'notifications/tools/list_changed',
  'notifications/prompts/list_changed',
  'notifications/resources/list_changed',
  'notifications/resources/updated',
  'notifications/tasks/status',
  // Listed but not filtered by ToolHive either.
  'resources/templates/list',
]);

/** The decision a method needs, or `undefined` when it is allowed without one. */
export function queryFor(
  method: string,
  resourceId: string | undefined,
  args: Readonly<Record<string, unknown>> | undefined,
): AuthzQuery | 'list' | 'allow' | 'deny' {
  if (ALWAYS_ALLOWED.has(method)) return 'allow';
  if (FILTERED_LIST_METHODS.has(method)) return 'list';
  switch (method) {
    case 'tools/call':
      return {
        feature: 'tool',
        operation: 'call',
        resourceId: resourceId ?? '',
        ...(args ? { arguments: args } : {}),
      };
    case 'prompts/get':
      return {
        feature: 'prompt',
        operation: 'get',
        resourceId: resourceId ?? '',
        ...(args ? { arguments: args } : {}),
      };
    case 'resources/read':
    case 'resources/subscribe':
    case 'resources/unsubscribe':
      return { feature: 'resource', operation: 'read', resourceId: resourceId ?? '' };
    default:
      // sampling/createMessage, elicitation/create, tasks/*, anything new: deny by default.
      return 'deny';
  }
}

export class AuthzMiddleware implements Middleware {
  readonly name = AUTHZ_MIDDLEWARE;
  readonly authorizer: CedarAuthorizer;
  private readonly annotations = new AnnotationCache();
  private readonly logger: Logger;

  constructor(authorizer: CedarAuthorizer, logger: Logger) {
    this.authorizer = authorizer;
    this.logger = logger;
  }

  onRequest(ctx: RequestContext): Rejection | undefined {
    if (ctx.http.method !== 'POST' || ctx.http.path.endsWith('/sse')) return undefined;
    const message = ctx.message;
    if (!message) return { status: 400, body: 'Invalid or malformed MCP request' };
    // A client's reply to a server-initiated request (sampling, elicitation) has no method to judge.
    if (isResponse(message)) return undefined;
    const mcp = mcpOf(ctx);
    if (!mcp) return { status: 400, body: 'Invalid or malformed MCP request' };
    const q = queryFor(mcp.method, mcp.resourceId, mcp.arguments);
    if (q === 'allow' || q === 'list') return undefined;
    if (q === 'deny') {
      this.logger.debug('MCP method denied by default', { method: mcp.method, request_id: ctx.requestId });
      return this.denied(mcp.id);
    }
    const annotations = q.feature === 'tool' && q.resourceId ? this.annotations.get(q.resourceId) : undefined;
    const decision = this.authorizer.authorize(ctx.identity, annotations ? { ...q, annotations } : q);
    if (decision.allowed) return undefined;
    this.logger.info('authorization denied', {
      method: mcp.method,
      target: mcp.resourceId,
      subject: ctx.identity?.subject,
      ...(decision.errors.length > 0 ? { policy_errors: decision.errors } : {}),
      request_id: ctx.requestId,
    });
    return this.denied(mcp.id);
  }

  wantsResponse(ctx: RequestContext): boolean {
    const m = ctx.mcp?.method;
    return m !== undefined && FILTERED_LIST_METHODS.has(m);
  }

  onResponse(ctx: RequestContext, response: JsonRpcResponse): JsonRpcResponse {
    const method = ctx.mcp?.method;
    if (!method || !('result' in response) || typeof response.result !== 'object' || response.result === null)
      return response;
    return {
      ...response,
      result: filterListResult(this.authorizer, ctx.identity, method, response.result, this.annotations),
    };
  }

  private denied(id: JsonRpcId | undefined): Rejection {
    return jsonRpcRejection(403, id, JSONRPC_DENIED, 'Unauthorized');
  }
}
