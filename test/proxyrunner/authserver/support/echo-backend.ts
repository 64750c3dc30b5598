/**
 * A streamable-HTTP MCP server (JSON responses, no sessions) whose one tool, `whoami`, answers
 * with the credential headers the request reached it with: what the proxy injected toward the
 * backend, seen from the backend. Every request's headers are also kept for assertions.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface EchoBackend {
  readonly url: string;
  readonly seen: IncomingHttpHeaders[];
  stop(): Promise<void>;
}

export const CREDENTIAL_HEADERS = [
  'authorization',
  'cookie',
  'proxy-authorization',
  'x-upstream-token',
] as const;

export async function startEchoBackend(): Promise<EchoBackend> {
  const seen: IncomingHttpHeaders[] = [];
  const server: Server = createServer(async (req, res) => {
    let body = '';
    for await (const c of req) body += c;
    seen.push({ ...req.headers });
    if (req.method !== 'POST') {
      res.writeHead(405).end();
      return;
    }
    const msg = JSON.parse(body || '{}') as { id?: unknown; method?: string };
    if (msg.id === undefined) {
      res.writeHead(202).end();
      return;
    }
    const reply = (result: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ jsonrpc: '2.0', id: msg.id, result }));
    };
    if (msg.method === 'initialize')
      return reply({
        protocolVersion: '2025-11-25',
        capabilities: { tools: {} },
        serverInfo: { name: 'echo', version: '1' },
      });
    if (msg.method === 'tools/list')
      return reply({ tools: [{ name: 'whoami', inputSchema: { type: 'object', properties: {} } }] });
    if (msg.method === 'tools/call') {
      const headers: Record<string, string | undefined> = {};
      for (const h of CREDENTIAL_HEADERS) headers[h] = req.headers[h] as string | undefined;
      return reply({ content: [{ type: 'text', text: JSON.stringify(headers) }] });
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({ jsonrpc: '2.0', id: msg.id, error: { code: -32601, message: 'Method not found' } }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`;
  return {
    url,
    seen,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
