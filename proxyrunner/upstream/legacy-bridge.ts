/**
 * 2026-07-28 clients in front of an HTTP MCP server that only speaks 2025-11-25. Such a server
 * refuses a request without a session, so the proxy opens one session of its own per backend
 * (initialize + initialized), sends modern requests on it with the legacy headers, and turns
 * the answers into modern results (`resultType`, cache hints, server identity);
 * `server/discover` is answered from the handshake. Whether a backend is legacy is learnt from
 * its first answer to a modern request: an unrecognised 4xx means legacy, as in the SDK's probe.
 */
import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import type { JsonRpcId, JsonRpcMessage, JsonRpcRequest, JsonRpcResponse } from '../protocol/jsonrpc.ts';
import { errorResponse, JSONRPC_ERROR } from '../protocol/jsonrpc.ts';
import { discoverFromInitialize, modernizeResult, PROXY_INITIALIZE_PARAMS } from '../protocol/modern.ts';
import { MODERN_ERROR } from '../protocol/revision.ts';
import { SseParser } from '../protocol/sse.ts';

type Params = Record<string, unknown>;

/** POSTs to a backend's MCP endpoint. */
export type BackendPost = (
  base: string,
  headers: OutgoingHttpHeaders,
  body: Buffer,
) => Promise<IncomingMessage>;

interface BridgeSession {
  readonly sid: string;
  readonly version: string;
  readonly init: Params;
}

export interface Collected {
  readonly response: JsonRpcResponse;
  /** Notifications that came before the response on the backend's stream (progress, logs). */
  readonly related: JsonRpcMessage[];
}

const MODERN_CODES = new Set<number>([
  MODERN_ERROR.headerMismatch,
  MODERN_ERROR.missingClientCapability,
  MODERN_ERROR.unsupportedProtocolVersion,
  JSONRPC_ERROR.invalidParams,
  JSONRPC_ERROR.methodNotFound,
]);

/** Whether a 4xx body to a modern request shows the backend speaks 2026-07-28. */
export function isModernRefusal(body: string): boolean {
  try {
    const msg = JSON.parse(body) as { error?: { code?: unknown } };
    return typeof msg.error?.code === 'number' && MODERN_CODES.has(msg.error.code);
  } catch {
    return false;
  }
}

export class LegacyBridge {
  private readonly post: BackendPost;
  private readonly eras = new Map<string, 'legacy' | 'modern'>();
  private readonly sessions = new Map<string, Promise<BridgeSession>>();

  constructor(post: BackendPost) {
    this.post = post;
  }

  eraOf(base: string): 'legacy' | 'modern' | undefined {
    return this.eras.get(base);
  }

  setEra(base: string, era: 'legacy' | 'modern'): void {
    this.eras.set(base, era);
  }

  /** Sends one modern request to a legacy backend and collects its answer. */
  async request(
    base: string,
    msg: JsonRpcRequest,
    raw: Buffer,
    headers: OutgoingHttpHeaders,
  ): Promise<Collected> {
    for (let attempt = 0; ; attempt++) {
      const session = await this.session(base, headers);
      if (msg.method === 'server/discover') {
        return {
          response: { jsonrpc: '2.0', id: msg.id, result: discoverFromInitialize(session.init) },
          related: [],
        };
      }
      const res = await this.post(base, this.legacyHeaders(headers, session), raw);
      if (res.statusCode === 404 && attempt === 0) {
        // The backend forgot our session (restart, expiry): open a new one and retry once.
        res.resume();
        this.sessions.delete(base);
        continue;
      }
      const collected = await collect(res, msg.id);
      const { response } = collected;
      if ('result' in response) modernizeResult(msg.method, response.result, session.init.serverInfo);
      return collected;
    }
  }

  private legacyHeaders(headers: OutgoingHttpHeaders, session: BridgeSession): OutgoingHttpHeaders {
    const out: OutgoingHttpHeaders = { ...headers };
    delete out['mcp-method'];
    delete out['mcp-name'];
    out['content-type'] = 'application/json';
    out.accept = 'application/json, text/event-stream';
    out['mcp-session-id'] = session.sid;
    out['mcp-protocol-version'] = session.version;
    return out;
  }

  private session(base: string, headers: OutgoingHttpHeaders): Promise<BridgeSession> {
    let s = this.sessions.get(base);
    if (!s) {
      s = this.open(base, headers);
      this.sessions.set(base, s);
      s.catch(() => this.sessions.delete(base));
    }
    return s;
  }

  private async open(base: string, headers: OutgoingHttpHeaders): Promise<BridgeSession> {
    const h: OutgoingHttpHeaders = { ...headers };
    delete h['mcp-session-id'];
    delete h['mcp-protocol-version'];
    delete h['mcp-method'];
    delete h['mcp-name'];
    h['content-type'] = 'application/json';
    h.accept = 'application/json, text/event-stream';
    const body = Buffer.from(
      JSON.stringify({ jsonrpc: '2.0', id: 0, method: 'initialize', params: PROXY_INITIALIZE_PARAMS }),
    );
    const res = await this.post(base, h, body);
    const sid = res.headers['mcp-session-id'];
    const { response } = await collect(res, 0);
    if (!('result' in response))
      throw new Error(`backend refused the proxy's handshake: ${response.error.message}`);
    const init = response.result;
    const version = typeof init.protocolVersion === 'string' ? init.protocolVersion : '2025-11-25';
    const session: BridgeSession = { sid: typeof sid === 'string' ? sid : '', version, init };
    const note = await this.post(
      base,
      { ...h, ...(session.sid ? { 'mcp-session-id': session.sid } : {}), 'mcp-protocol-version': version },
      Buffer.from('{"jsonrpc":"2.0","method":"notifications/initialized"}'),
    );
    note.resume();
    return session;
  }
}

/** Reads a backend's answer to `id`, from a JSON body or an SSE stream. */
export function collect(res: IncomingMessage, id: JsonRpcId): Promise<Collected> {
  const sse = String(res.headers['content-type'] ?? '').includes('text/event-stream');
  res.setEncoding('utf8');
  return new Promise((resolve) => {
    const related: JsonRpcMessage[] = [];
    let settled = false;
    const done = (response: JsonRpcResponse) => {
      if (settled) return;
      settled = true;
      res.destroy();
      resolve({ response, related });
    };
    const failed = () =>
      done(
        errorResponse(
          id,
          JSONRPC_ERROR.serverError,
          `Backend answered HTTP ${res.statusCode} without a response`,
        ),
      );
    if (!sse) {
      let text = '';
      res.on('data', (c: string) => {
        text += c;
      });
      res.once('end', () => {
        try {
          const msg = JSON.parse(text) as JsonRpcResponse;
          if ('result' in msg || 'error' in msg) done({ ...msg, id });
          else failed();
        } catch {
          failed();
        }
      });
      res.once('error', failed);
      return;
    }
    const parser = new SseParser((e) => {
      if (e.event !== 'message' || e.data === '') return;
      let msg: JsonRpcMessage;
      try {
        msg = JSON.parse(e.data) as JsonRpcMessage;
      } catch {
        return;
      }
      if (!('method' in msg) && 'id' in msg && msg.id === id) done(msg as JsonRpcResponse);
      else related.push(msg);
    });
    res.on('data', (c: string) => parser.push(c));
    res.once('end', failed);
    res.once('error', failed);
  });
}
