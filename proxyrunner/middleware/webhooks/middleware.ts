/**
 * `mutating-webhook` and `validating-webhook` (pkg/webhook/{mutating,validating}): every parsed
 * MCP request goes to each configured webhook in order. Validating webhooks can only refuse;
 * mutating webhooks answer with an RFC 6902 patch scoped to `/mcp_request/`, applied to the
 * `{"mcp_request": …}` envelope, and the next webhook sees the patched request.
 *
 * Failures (timeout, network error, 5xx, a bad answer) follow each webhook's failure policy:
 * `ignore` skips the webhook, `fail` refuses the request. HTTP 422 always refuses.
 */
import type { JsonRpcMessage } from '../../protocol/jsonrpc.ts';
import type { Logger } from '../shared/logger.ts';
import { mcpOf, parseMcpRequest, replaceMessage } from '../shared/mcp-request.ts';
import { JSONRPC_DENIED, jsonRpcCodeForStatus, jsonRpcRejection } from '../shared/replies.ts';
import type { Middleware, Rejection, RequestContext } from '../types.ts';
import {
  MAX_WEBHOOK_BYTES,
  principalInfo,
  type WebhookClient,
  WebhookError,
  type WebhookRequestContext,
} from './client.ts';
import { applyPatch, validatePatch } from './json-patch.ts';

export const VALIDATING_WEBHOOK_MIDDLEWARE = 'validating-webhook';
export const MUTATING_WEBHOOK_MIDDLEWARE = 'mutating-webhook';
const SCOPE = '/mcp_request/';

function reject(ctx: RequestContext, status: number, message: string): Rejection {
  return jsonRpcRejection(
    status,
    ctx.mcp?.id,
    status === 403 || status === 422 ? JSONRPC_DENIED : jsonRpcCodeForStatus(status),
    message,
  );
}

abstract class WebhookMiddleware implements Middleware {
  abstract readonly name: string;
  protected readonly clients: readonly WebhookClient[];
  protected readonly logger: Logger;
  private readonly serverName: string;
  private readonly transport: string;

  constructor(clients: readonly WebhookClient[], serverName: string, transport: string, logger: Logger) {
    this.clients = clients;
    this.serverName = serverName;
    this.transport = transport;
    this.logger = logger;
  }

  protected requestContext(ctx: RequestContext): WebhookRequestContext {
    return { server_name: this.serverName, source_ip: ctx.http.remoteAddress, transport: this.transport };
  }

  /** The request to send, or a 413 when it exceeds ToolHive's 1 MiB webhook body cap. */
  protected body(ctx: RequestContext): JsonRpcMessage | Rejection | undefined {
    if (!ctx.message || !mcpOf(ctx)) return undefined;
    if (Buffer.byteLength(JSON.stringify(ctx.message)) > MAX_WEBHOOK_BYTES)
      return reject(ctx, 413, 'Request body exceeds maximum size');
    return ctx.message;
  }

  async close(): Promise<void> {
    for (const c of this.clients) c.close();
  }
}

export class ValidatingWebhookMiddleware extends WebhookMiddleware {
  readonly name = VALIDATING_WEBHOOK_MIDDLEWARE;

  async onRequest(ctx: RequestContext): Promise<Rejection | undefined> {
    const body = this.body(ctx);
    if (body === undefined || 'status' in body) return body as Rejection | undefined;
    const principal = principalInfo(ctx.identity);
    const context = this.requestContext(ctx);
    for (const client of this.clients) {
      const name = client.config.name;
      try {
        const answer = await client.call(body, principal, context);
        if (!answer.allowed) {
          this.logger.info('validating webhook denied request', {
            webhook: name,
            reason: answer.reason,
            message: answer.message,
          });
          return reject(ctx, 403, 'Request denied by policy');
        }
      } catch (err) {
        const e = err instanceof WebhookError ? err : new WebhookError('network', String(err));
        if (e.kind === 'always-deny') {
          this.logger.info('validating webhook denied request with HTTP 422', { webhook: name });
          return reject(ctx, 403, 'Request denied by policy');
        }
        if (client.config.failurePolicy === 'ignore') {
          this.logger.warn('validating webhook error ignored due to fail-open policy', {
            webhook: name,
            error: e.message,
          });
          continue;
        }
        this.logger.error('validating webhook error caused request denial', {
          webhook: name,
          error: e.message,
        });
        return reject(ctx, 403, 'Request denied by policy');
      }
    }
    return undefined;
  }
}

export class MutatingWebhookMiddleware extends WebhookMiddleware {
  readonly name = MUTATING_WEBHOOK_MIDDLEWARE;

  async onRequest(ctx: RequestContext): Promise<Rejection | undefined> {
    const initial = this.body(ctx);
    if (initial === undefined || 'status' in initial) return initial as Rejection | undefined;
    const principal = principalInfo(ctx.identity);
    const context = this.requestContext(ctx);
    let current: unknown = initial;
    for (const client of this.clients) {
      const name = client.config.name;
      const ignore = client.config.failurePolicy === 'ignore';
      let answer: Awaited<ReturnType<WebhookClient['call']>>;
      try {
        answer = await client.call(current, principal, context);
      } catch (err) {
        const e = err instanceof WebhookError ? err : new WebhookError('network', String(err));
        if (e.kind === 'always-deny') {
          this.logger.info('mutating webhook denied request with HTTP 422', { webhook: name });
          return reject(ctx, 422, 'Request denied by webhook policy');
        }
        if (ignore) {
          this.logger.warn('mutating webhook error ignored due to fail-open policy', {
            webhook: name,
            error: e.message,
          });
          continue;
        }
        this.logger.error('mutating webhook error caused request denial', {
          webhook: name,
          error: e.message,
        });
        return reject(ctx, 500, 'Webhook error');
      }
      if (!answer.allowed) {
        this.logger.info('mutating webhook denied request', { webhook: name, reason: answer.reason });
        return reject(ctx, 403, 'Request denied by webhook policy');
      }
      if (
        !answer.patch_type ||
        answer.patch === undefined ||
        answer.patch === null ||
        (Array.isArray(answer.patch) && answer.patch.length === 0)
      )
        continue;
      const failed = (message: string, detail: string): Rejection | undefined => {
        this.logger.error('mutating webhook patch rejected', { webhook: name, error: detail });
        return ignore ? undefined : reject(ctx, 500, message);
      };
      if (answer.patch_type !== 'json_patch') {
        const r = failed('Unsupported patch type from webhook', `patch type ${answer.patch_type}`);
        if (r) return r;
        continue;
      }
      let next: unknown;
      try {
        const ops = validatePatch(answer.patch);
        if (
          !ops.every((o) => o.path.startsWith(SCOPE) && (o.from === undefined || o.from.startsWith(SCOPE)))
        ) {
          const r = failed('Patch must be scoped to mcp_request', 'patch targets fields outside mcp_request');
          if (r) return r;
          continue;
        }
        next = (applyPatch({ mcp_request: current }, ops) as { mcp_request?: unknown }).mcp_request;
      } catch (err) {
        const r = failed('Failed to apply patch from webhook', (err as Error).message);
        if (r) return r;
        continue;
      }
      if (
        typeof next !== 'object' ||
        next === null ||
        Array.isArray(next) ||
        !parseMcpRequest(next as JsonRpcMessage, ctx.http.headers)
      ) {
        // ToolHive answers an unparsable (or batch) result with 500 whatever the policy.
        return reject(ctx, 500, 'Webhook produced an invalid MCP request');
      }
      current = next;
    }
    if (current !== initial) replaceMessage(ctx, current as JsonRpcMessage);
    return undefined;
  }
}
