/**
 * The `mcp-parser` step (ToolHive `pkg/mcp/parser.go`): reads the JSON-RPC message of a POST
 * into the fields the policy chain decides on. It never rejects anything; validation is the
 * data path's job after the chain has run.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { McpRequestInfo } from '../middleware/types.ts';
import type { JsonRpcId, JsonRpcMessage } from './jsonrpc.ts';
import { classifyRevision, META_CLIENT_INFO, META_PROTOCOL_VERSION } from './revision.ts';

type Params = Record<string, unknown>;

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function obj(v: unknown): Params | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Params) : undefined;
}

function idLike(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(Math.trunc(v));
  return undefined;
}

const STATIC_RESOURCE_IDS: Readonly<Record<string, string>> = {
  ping: 'ping',
  'notifications/roots/list_changed': 'roots',
  'notifications/initialized': 'initialized',
  'notifications/prompts/list_changed': 'prompts',
  'notifications/resources/list_changed': 'resources',
  'notifications/resources/updated': 'resources',
  'notifications/tools/list_changed': 'tools',
  'server/discover': 'discover',
};

/** ToolHive's per-method resource id and arguments extraction. */
function resourceAndArguments(
  method: string,
  p: Params,
): { resourceId?: string; arguments?: Record<string, unknown> } {
  switch (method) {
    case 'initialize':
      return { resourceId: str(obj(p.clientInfo)?.name), arguments: p };
    case 'tools/call':
    case 'prompts/get':
      return { resourceId: str(p.name), arguments: obj(p.arguments) };
    case 'resources/read':
    case 'resources/subscribe':
    case 'resources/unsubscribe':
      return { resourceId: str(p.uri) };
    case 'resources/list':
    case 'tools/list':
    case 'prompts/list':
    case 'resources/templates/list':
    case 'roots/list':
    case 'tasks/list': {
      const cursor = str(p.cursor);
      return { resourceId: cursor === '' ? undefined : cursor };
    }
    case 'notifications/message':
      return { resourceId: str(p.method) };
    case 'logging/setLevel':
      return { resourceId: str(p.level) };
    case 'completion/complete': {
      const ref = p.ref;
      const refObj = obj(ref);
      return { resourceId: str(refObj?.name) ?? str(refObj?.uri) ?? str(ref), arguments: p };
    }
    case 'elicitation/create':
      return { resourceId: str(p.message), arguments: p };
    case 'notifications/progress':
      return { resourceId: idLike(p.progressToken), arguments: p };
    case 'notifications/cancelled':
      return { resourceId: idLike(p.requestId), arguments: p };
    case 'tasks/get':
    case 'tasks/cancel':
    case 'tasks/result':
      return { resourceId: idLike(p.taskId) };
    case 'notifications/tasks/status':
      return { resourceId: idLike(p.taskId), arguments: p };
    default:
      return { resourceId: STATIC_RESOURCE_IDS[method] };
  }
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * Builds the parser's view of a request or notification; undefined for responses (a client
 * answering a server request), which the chain sees only as `ctx.message`.
 */
export function parseMcpRequest(
  msg: JsonRpcMessage,
  headers: IncomingHttpHeaders,
): McpRequestInfo | undefined {
  if (!('method' in msg) || typeof msg.method !== 'string') return undefined;
  const params = obj(msg.params) ?? {};
  const meta = obj(params._meta);
  const protocolHeader = header(headers, 'mcp-protocol-version');
  const { era } = classifyRevision(msg.method, meta, protocolHeader);
  const { resourceId, arguments: args } = resourceAndArguments(msg.method, params);
  const id = 'id' in msg ? (msg.id as JsonRpcId | undefined) : undefined;
  const clientInfo = obj(meta?.[META_CLIENT_INFO]);
  const metaVersion = str(meta?.[META_PROTOCOL_VERSION]);
  const info: {
    -readonly [K in keyof McpRequestInfo]: McpRequestInfo[K];
  } = { method: msg.method, era };
  if (id !== undefined && id !== null) info.id = id;
  if (resourceId !== undefined && resourceId !== '') info.resourceId = resourceId;
  if (args !== undefined) info.arguments = args;
  if (meta !== undefined) info.meta = meta;
  const version = metaVersion ?? protocolHeader;
  if (version !== undefined && version !== '') info.protocolVersion = version;
  if (clientInfo !== undefined) {
    info.clientInfo = { name: str(clientInfo.name), version: str(clientInfo.version) };
  } else if (msg.method === 'initialize') {
    const ci = obj(params.clientInfo);
    if (ci) info.clientInfo = { name: str(ci.name), version: str(ci.version) };
  }
  return info;
}
