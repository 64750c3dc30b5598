/**
 * `origin` (pkg/transport/middleware/origin): DNS-rebinding protection. A request whose `Origin`
 * is not on the allow-list, or that carries several `Origin` headers, gets 403; a request without
 * `Origin` (non-browser clients) passes. With no explicit list, a loopback bind allows its own
 * localhost origins and a non-loopback bind turns the check off (ToolHive warns).
 */
import type { Middleware, Rejection, RequestContext } from '../types.ts';
import { isLoopbackHost } from './http-client.ts';

export const ORIGIN_MIDDLEWARE = 'origin';

export function resolveAllowedOrigins(
  host: string,
  port: number,
  configured: readonly string[] | undefined,
): string[] {
  if (configured && configured.length > 0) return [...configured];
  if (isLoopbackHost(host) || host === '')
    return [`http://localhost:${port}`, `http://127.0.0.1:${port}`, `http://[::1]:${port}`];
  return [];
}

function normalize(origin: string): string | undefined {
  try {
    const u = new URL(origin);
    return `${u.protocol}//${u.host}`.toLowerCase();
  } catch {
    return undefined;
  }
}

export class OriginMiddleware implements Middleware {
  readonly name = ORIGIN_MIDDLEWARE;
  readonly headersOnly = true;
  private readonly allowed: ReadonlySet<string>;

  constructor(allowed: readonly string[]) {
    this.allowed = new Set(allowed.map((o) => normalize(o) ?? o.toLowerCase()));
  }

  onRequest(ctx: RequestContext): Rejection | undefined {
    const raw = ctx.http.headers.origin;
    if (raw === undefined) return undefined;
    const values = Array.isArray(raw) ? raw : raw.split(',').length > 1 ? raw.split(',') : [raw];
    const origin = values.length === 1 ? normalize(values[0]!.trim()) : undefined;
    if (origin !== undefined && this.allowed.has(origin)) return undefined;
    return { status: 403, body: { jsonrpc: '2.0', error: { code: -32600, message: 'Origin not allowed' } } };
  }
}
