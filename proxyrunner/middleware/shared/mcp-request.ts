/**
 * The `mcp-parser` step: derives `McpRequestInfo` from the JSON-RPC message the data path parsed,
 * with ToolHive's resource-id rules (pkg/mcp/parser.go), so every middleware reads the method,
 * tool name or resource URI the same way.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { JsonRpcMessage } from '../../protocol/jsonrpc.ts';
import type { McpEra, McpRequestInfo, RequestContext } from '../types.ts';

export const MODERN_PROTOCOL_VERSION = '2026-07-28';
const META_PROTOCOL_VERSION = 'io.modelcontextprotocol/protocolVersion';
const META_CLIENT_INFO = 'io.modelcontextprotocol/clientInfo';

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** ToolHive's resource id per method: the thing a policy, an audit line or a metric is about. */
export function resourceIdOf(
  method: string,
  params: Record<string, unknown> | undefined,
): string | undefined {
  switch (method) {
    case 'tools/call':
    case 'prompts/get':
      return str(params?.name);
    case 'resources/read':
    case 'resources/subscribe':
    case 'resources/unsubscribe':
    case 'notifications/resources/updated':
      return str(params?.uri);
    case 'initialize': {
      const ci = asRecord(params?.clientInfo);
      return str(ci?.name);
    }
    case 'completion/complete': {
      const ref = asRecord(params?.ref);
      return str(ref?.name) ?? str(ref?.uri);
    }
    case 'logging/setLevel':
      return str(params?.level);
    case 'notifications/progress':
      return params?.progressToken === undefined ? undefined : String(params.progressToken);
    case 'notifications/cancelled':
      return params?.requestId === undefined ? undefined : String(params.requestId);
    case 'tasks/get':
    case 'tasks/cancel':
    case 'tasks/result':
      return str(params?.taskId);
    default:
      return undefined;
  }
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Builds the parse of a request or notification; `undefined` for responses. */
export function parseMcpRequest(
  message: JsonRpcMessage,
  headers: IncomingHttpHeaders = {},
): McpRequestInfo | undefined {
  if (!('method' in message) || typeof message.method !== 'string') return undefined;
  const params = asRecord(message.params);
  const meta = asRecord(params?._meta);
  const metaVersion = str(meta?.[META_PROTOCOL_VERSION]);
  const headerVersion = headerValue(headers, 'mcp-protocol-version');
  const initVersion = message.method === 'initialize' ? str(params?.protocolVersion) : undefined;
  const protocolVersion = metaVersion ?? headerVersion ?? initVersion;
  const era: McpEra = protocolVersion === MODERN_PROTOCOL_VERSION ? '2026-07-28' : '2025-11-25';
  const ci =
    asRecord(meta?.[META_CLIENT_INFO]) ??
    (message.method === 'initialize' ? asRecord(params?.clientInfo) : undefined);
  const args = asRecord(params?.arguments);
  const id = 'id' in message && message.id !== null && message.id !== undefined ? message.id : undefined;
  const resourceId = resourceIdOf(message.method, params);
  return {
    method: message.method,
    ...(id !== undefined ? { id } : {}),
    ...(resourceId !== undefined ? { resourceId } : {}),
    ...(args && (message.method === 'tools/call' || message.method === 'prompts/get')
      ? { arguments: args }
      : {}),
    ...(meta ? { meta } : {}),
    era,
    ...(protocolVersion ? { protocolVersion } : {}),
    ...(ci
      ? {
          clientInfo: {
            ...(str(ci.name) ? { name: str(ci.name) } : {}),
            ...(str(ci.version) ? { version: str(ci.version) } : {}),
          },
        }
      : {}),
  };
}

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
