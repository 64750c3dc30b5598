/**
 * Real MCP backends for vMCP tests: `@modelcontextprotocol/server-everything` in a child process
 * (streamable HTTP or legacy SSE), and small in-process fixture servers built on the SDK with
 * whatever tools, resources and prompts a test needs (to make names clash on purpose).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import {
  type CallToolResult,
  ElicitResultSchema,
  type ServerNotification,
  type ServerRequest,
} from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { freePort } from '../../support/ports.ts';

export interface RunningBackend {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

async function waitForPort(port: number, child: ChildProcess, deadlineMs = 20_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`backend exited with ${child.exitCode}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`backend on port ${port} did not start`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

const require = createRequire(import.meta.url);

/** server-everything over streamable HTTP (`/mcp`) or the legacy SSE transport (`/sse`). */
export async function startEverything(
  transport: 'streamableHttp' | 'sse',
  port?: number,
): Promise<RunningBackend> {
  const p = port ?? (await freePort());
  const entry = require.resolve('@modelcontextprotocol/server-everything/dist/index.js');
  const child = spawn(process.execPath, [entry, transport], {
    env: { ...process.env, PORT: String(p) },
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  await waitForPort(p, child);
  return {
    url: `http://127.0.0.1:${p}/${transport === 'sse' ? 'sse' : 'mcp'}`,
    port: p,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

export interface FixtureTool {
  readonly name: string;
  readonly description?: string;
  /** Zod shape of the arguments; absent means no arguments. */
  readonly input?: z.ZodRawShape;
  readonly annotations?: Record<string, unknown>;
  readonly handler: (
    args: Record<string, unknown>,
    extra: { elicit: (message: string, schema: Record<string, unknown>) => Promise<Record<string, unknown>> },
  ) => CallToolResult | Promise<CallToolResult>;
}

export interface FixtureSpec {
  readonly name: string;
  readonly tools?: readonly FixtureTool[];
  readonly resources?: ReadonlyArray<{ uri: string; name: string; text: string }>;
  readonly prompts?: ReadonlyArray<{ name: string; text: string }>;
}

function buildServer(spec: FixtureSpec): McpServer {
  const server = new McpServer({ name: spec.name, version: '1.0.0' });
  for (const t of spec.tools ?? []) {
    server.registerTool(
      t.name,
      {
        ...(t.description ? { description: t.description } : {}),
        ...(t.input ? { inputSchema: t.input } : {}),
        ...(t.annotations ? { annotations: t.annotations } : {}),
      },
      async (args: Record<string, unknown>, extra: RequestHandlerExtra<ServerRequest, ServerNotification>) =>
        t.handler(args ?? {}, {
          // Sent on the tool call's own response stream, as a real server does mid-call.
          elicit: async (message, schema) => {
            const r = await extra.sendRequest(
              { method: 'elicitation/create', params: { message, requestedSchema: schema } } as ServerRequest,
              ElicitResultSchema,
            );
            return r as unknown as Record<string, unknown>;
          },
        }),
    );
  }
  for (const r of spec.resources ?? []) {
    server.registerResource(r.name, r.uri, { mimeType: 'text/plain' }, async () => ({
      contents: [{ uri: r.uri, mimeType: 'text/plain', text: r.text }],
    }));
  }
  for (const p of spec.prompts ?? []) {
    server.registerPrompt(p.name, { description: p.name }, () => ({
      messages: [{ role: 'user', content: { type: 'text', text: p.text } }],
    }));
  }
  return server;
}

/** An HTTP request a fixture received: `POST tools/call`, `GET`, `DELETE`…, and its headers. */
export interface FixtureRequest {
  readonly method: string;
  readonly headers: IncomingMessage['headers'];
}

/** An in-process stateful streamable HTTP MCP server (SDK v1) on 127.0.0.1. */
export async function startFixture(
  spec: FixtureSpec,
  port?: number,
  /** Builds the server of each session instead of `spec` (for servers with state of their own). */
  build?: () => McpServer,
): Promise<
  RunningBackend & { calls: string[]; headers: IncomingMessage['headers'][]; requests: FixtureRequest[] }
> {
  const transports = new Map<string, StreamableHTTPServerTransport>();
  const calls: string[] = [];
  /** Every HTTP request, in order. */
  const requests: FixtureRequest[] = [];
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body = text ? (JSON.parse(text) as { method?: string; params?: { name?: string } }) : undefined;
    requests.push({ method: `${req.method} ${body?.method ?? ''}`.trim(), headers: req.headers });
    if (body?.method === 'tools/call') calls.push(String(body.params?.name));
    const sid = req.headers['mcp-session-id'];
    let transport = typeof sid === 'string' ? transports.get(sid) : undefined;
    if (!transport) {
      if (typeof sid === 'string' || body?.method !== 'initialize') {
        res.writeHead(typeof sid === 'string' ? 404 : 400, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            jsonrpc: '2.0',
            id: null,
            error: { code: typeof sid === 'string' ? -32001 : -32000, message: 'No valid session' },
          }),
        );
        return;
      }
      const t = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (id) => {
          transports.set(id, t);
        },
      });
      t.onclose = () => {
        if (t.sessionId) transports.delete(t.sessionId);
      };
      await (build ? build() : buildServer(spec)).connect(t);
      transport = t;
    }
    await transport.handleRequest(req, res, body);
  };
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(err));
    });
  });
  const p = port ?? (await freePort());
  await new Promise<void>((r) => server.listen(p, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${p}/mcp`,
    port: p,
    calls,
    /** Headers of every tools/call request, in order. */
    get headers() {
      return requests.filter((r) => r.method === 'POST tools/call').map((r) => r.headers);
    },
    requests,
    async stop() {
      for (const t of transports.values()) await t.close().catch(() => undefined);
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

export const text = (t: string): CallToolResult => ({ content: [{ type: 'text', text: t }] });
export { z };
