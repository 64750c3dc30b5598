/**
 * Child process for bench/vmcp.bench.ts: N small MCP servers (SDK v1, streamable HTTP, one
 * session per client) on consecutive free ports, so the benchmark process measures only the
 * vMCP. Prints the ports as one JSON line, then serves until killed.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';

const count = Number(process.argv[2] ?? '20');

function build(i: number): McpServer {
  const s = new McpServer({ name: `b${i}`, version: '1.0.0' });
  for (const t of ['echo', 'search', 'status', 'create', 'update']) {
    s.registerTool(
      t,
      { description: `${t} on backend ${i}`, inputSchema: { text: z.string() } },
      async (a) => ({
        content: [{ type: 'text', text: `${i}:${t}:${a.text}` }],
      }),
    );
  }
  return s;
}

async function serve(i: number): Promise<number> {
  const sessions = new Map<string, StreamableHTTPServerTransport>();
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body =
      chunks.length > 0 ? (JSON.parse(Buffer.concat(chunks).toString()) as { method?: string }) : undefined;
    const sid = req.headers['mcp-session-id'];
    let t = typeof sid === 'string' ? sessions.get(sid) : undefined;
    if (!t) {
      if (body?.method !== 'initialize') {
        res.writeHead(typeof sid === 'string' ? 404 : 400).end();
        return;
      }
      const nt = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        enableJsonResponse: true,
        onsessioninitialized: (id) => {
          sessions.set(id, nt);
        },
      });
      nt.onclose = () => {
        if (nt.sessionId) sessions.delete(nt.sessionId);
      };
      await build(i).connect(nt);
      t = nt;
    }
    await t.handleRequest(req, res, body);
  };
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

const ports = await Promise.all(Array.from({ length: count }, (_, i) => serve(i)));
process.stdout.write(`${JSON.stringify(ports)}\n`);
