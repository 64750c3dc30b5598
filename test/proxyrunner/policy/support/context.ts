/** Builds `RequestContext`s the way the data path does, for driving middlewares directly. */
import type { IncomingHttpHeaders } from 'node:http';
import type { RequestContext } from '../../../../proxyrunner/middleware/types.ts';
import type { JsonRpcMessage } from '../../../../proxyrunner/protocol/jsonrpc.ts';

let seq = 0;

export function requestContext(
  opts: {
    method?: string;
    path?: string;
    headers?: IncomingHttpHeaders;
    message?: JsonRpcMessage;
    token?: string;
    serverName?: string;
    remoteAddress?: string;
  } = {},
): RequestContext {
  const headers: IncomingHttpHeaders = { host: '127.0.0.1:8080', ...opts.headers };
  if (opts.token !== undefined) headers.authorization = `Bearer ${opts.token}`;
  return {
    requestId: `req-${++seq}`,
    startedAt: Date.now(),
    http: {
      method: opts.method ?? 'POST',
      path: opts.path ?? '/mcp',
      query: '',
      headers,
      remoteAddress: opts.remoteAddress ?? '127.0.0.1',
    },
    transport: 'streamable-http',
    serverName: opts.serverName ?? 'everything',
    ...(opts.message ? { message: opts.message } : {}),
    upstreamHeaders: {},
    state: new Map(),
  };
}

export function toolCall(
  name: string,
  args: Record<string, unknown> = {},
  id: number | string = 1,
): JsonRpcMessage {
  return { jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args } };
}

export function rpc(
  method: string,
  params: Record<string, unknown> = {},
  id: number | string = 1,
): JsonRpcMessage {
  return { jsonrpc: '2.0', id, method, params };
}
