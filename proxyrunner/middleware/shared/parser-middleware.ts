/**
 * `mcp-parser`: publishes `ctx.mcp` for the middlewares inside it. The data path may already
 * have done so; then this is a no-op.
 */
import type { Middleware, RequestContext } from '../types.ts';
import { mcpOf } from './mcp-request.ts';

export const PARSER_MIDDLEWARE = 'mcp-parser';

export class ParserMiddleware implements Middleware {
  readonly name = PARSER_MIDDLEWARE;
  onRequest(ctx: RequestContext): undefined {
    mcpOf(ctx);
    return undefined;
  }
}
