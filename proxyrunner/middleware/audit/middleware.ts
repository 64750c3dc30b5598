/**
 * The `audit` middleware. It sits outside auth, so it sees every request, including those auth,
 * authz, webhooks and the rate limiter refused, and writes one event per request in
 * `onComplete`, from the final parse (after any webhook mutation) and the final status. Unlike
 * ToolHive, whose parser runs inside auth, a 401 on `tools/list` is typed `mcp_tools_list`, not
 * `http_request`: the body is parsed for the audit record even when auth refused it.
 */
import { mcpOf } from '../shared/mcp-request.ts';
import type { Middleware, Outcome, RequestContext } from '../types.ts';
import type { Auditor, AuditRecord } from './auditor.ts';
import { type AuditOutcome, eventTypeForMethod, outcomeForStatus } from './event.ts';

export const AUDIT_MIDDLEWARE = 'audit';

/** Only the first 256 bytes of a backend error message are kept (ToolHive). */
const MAX_ERROR_MESSAGE = 256;

function header(ctx: RequestContext, name: string): string | undefined {
  const v = ctx.http.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** First `X-Forwarded-For` hop, then `X-Real-IP`, then the peer. */
export function clientIp(ctx: RequestContext): string {
  const xff = header(ctx, 'x-forwarded-for');
  if (xff) return xff.split(',')[0]!.trim();
  return header(ctx, 'x-real-ip') ?? ctx.http.remoteAddress;
}

function isStreamOpen(ctx: RequestContext): boolean {
  return (
    ctx.http.method === 'GET' && (header(ctx, 'accept') ?? '').toLowerCase().includes('text/event-stream')
  );
}

export class AuditMiddleware implements Middleware {
  readonly name = AUDIT_MIDDLEWARE;
  readonly auditor: Auditor;
  private readonly transportType: string;
  private readonly onClose: (() => void) | undefined;

  /** `transportType` is the RunConfig transport (`sse`, `streamable-http`, `stdio`). */
  constructor(auditor: Auditor, transportType: string, onClose?: () => void) {
    this.auditor = auditor;
    this.transportType = transportType;
    this.onClose = onClose;
  }

  async close(): Promise<void> {
    this.onClose?.();
  }

  wantsResponse(): boolean {
    return this.auditor.config.includeResponseData;
  }

  onComplete(ctx: RequestContext, outcome: Outcome): void {
    const sse = this.transportType === 'sse';
    // Parse here too: a request refused before the parser ran (401) is still an MCP request.
    const mcp = mcpOf(ctx);
    const method = mcp?.method;
    let type: string;
    if (method) type = eventTypeForMethod(method);
    else if (isStreamOpen(ctx) || (sse && ctx.http.method === 'GET')) type = 'sse_connection';
    else if (sse && ctx.http.method === 'POST') type = 'mcp_request';
    else type = 'http_request';

    if (!this.auditor.shouldAudit(type)) return;

    let result: AuditOutcome = outcomeForStatus(outcome.status);
    const extra: Record<string, unknown> = {
      duration_ms: Math.round(outcome.durationMs),
      transport: sse ? 'sse' : 'http',
    };
    if (outcome.responseBytes !== undefined) extra.response_size_bytes = outcome.responseBytes;
    if (outcome.backendName) extra.backend_name = outcome.backendName;
    const appError =
      outcome.error ?? (outcome.response && 'error' in outcome.response ? outcome.response.error : undefined);
    if (result === 'success' && this.auditor.config.detectApplicationErrors && appError) {
      result = 'application_error';
      extra.jsonrpc_error_code = appError.code;
      extra.jsonrpc_error_message = appError.message.slice(0, MAX_ERROR_MESSAGE);
    }

    const target: Record<string, string> = { endpoint: ctx.http.path, method: method ?? ctx.http.method };
    if (mcp?.resourceId) target.name = mcp.resourceId;
    target.type =
      type === 'mcp_tool_call'
        ? 'tool'
        : type === 'mcp_resource_read'
          ? 'resource'
          : type === 'mcp_prompt_get'
            ? 'prompt'
            : type === 'sse_connection'
              ? 'sse_endpoint'
              : 'endpoint';

    const source: AuditRecord['source'] = { ip: clientIp(ctx) };
    const userAgent = header(ctx, 'user-agent');
    if (userAgent) source.userAgent = userAgent;
    const requestId = header(ctx, 'x-request-id');
    if (requestId) source.requestId = requestId;
    if (ctx.sessionId) source.sessionId = ctx.sessionId;
    const record: AuditRecord = { type, outcome: result, source, target, extra };
    if (ctx.identity) record.identity = ctx.identity;
    if (ctx.message) record.request = ctx.message;
    if (outcome.response) record.response = outcome.response;
    this.auditor.record(record);
  }
}
