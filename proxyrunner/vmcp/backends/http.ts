/**
 * HTTP plumbing for talking to one backend: a keep-alive agent (with the backend's CA bundle),
 * a POST of one JSON-RPC message whose answer may be JSON or an SSE stream, and a long-lived GET
 * stream for the legacy HTTP+SSE transport. Messages the backend sends before its response on a
 * POST stream (progress, logs, elicitation requests) are handed to the caller as they arrive.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { JsonRpcMessage, JsonRpcRequest, JsonRpcResponse } from '../../protocol/jsonrpc.ts';
import { SseParser } from './sse-parser.ts';

/** Largest backend response we buffer (ToolHive's streamable client allows 100 MB). */
export const MAX_RESPONSE_BYTES = 100 * 1024 * 1024;

export class BackendHttpError extends Error {
  readonly status: number;
  readonly body: string;
  constructor(status: number, body: string, message?: string) {
    super(message ?? `backend answered HTTP ${status}${body ? `: ${body.slice(0, 200)}` : ''}`);
    this.name = 'BackendHttpError';
    this.status = status;
    this.body = body;
  }
}

export class BackendUnreachableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BackendUnreachableError';
  }
}

export class BackendTimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackendTimeoutError';
  }
}

export interface HttpTarget {
  readonly url: URL;
  readonly agent: HttpAgent;
  /**
   * Headers added to every request to this backend (header forwarding, lower-case names); a
   * header the request sets itself (outgoing auth, passthrough, protocol) wins.
   */
  readonly headers?: Readonly<Record<string, string>>;
  /** Set when the backend's fixed headers could not be built: every request fails with it. */
  readonly headerError?: Error;
}

/** One agent per backend: keep-alive sockets shared by every session that talks to it. */
export function createTarget(
  url: string,
  caBundle?: string,
  fixed: { headers?: Readonly<Record<string, string>>; headerError?: Error } = {},
): HttpTarget {
  const u = new URL(url);
  const agent =
    u.protocol === 'https:'
      ? new HttpsAgent({ keepAlive: true, maxSockets: 256, ...(caBundle ? { ca: caBundle } : {}) })
      : new HttpAgent({ keepAlive: true, maxSockets: 256 });
  return {
    url: u,
    agent,
    ...(fixed.headers && Object.keys(fixed.headers).length > 0 ? { headers: fixed.headers } : {}),
    ...(fixed.headerError ? { headerError: fixed.headerError } : {}),
  };
}

export interface PostOptions {
  readonly headers: Record<string, string>;
  readonly signal?: AbortSignal;
  /** Messages that arrive on the response stream before the response itself. */
  readonly onMessage?: (msg: JsonRpcMessage) => void;
}

export interface PostResult {
  readonly status: number;
  readonly headers: IncomingMessage['headers'];
  /** The JSON-RPC response to the posted request (undefined for 202 / notifications). */
  readonly response?: JsonRpcResponse;
}

function send(
  target: HttpTarget,
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
  signal: AbortSignal | undefined,
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason ?? new Error('aborted'));
      return;
    }
    if (target.headerError) {
      reject(target.headerError);
      return;
    }
    // One copy at most: the backend's fixed headers under the request's own, then the length.
    let all = headers;
    if (target.headers || body !== undefined) {
      all = { ...target.headers, ...headers };
      if (body !== undefined) all['content-length'] = String(Buffer.byteLength(body));
    }
    const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, {
      method,
      agent: target.agent,
      headers: all,
    });
    const onAbort = (): void => {
      req.destroy(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    req.once('response', (res) => {
      signal?.removeEventListener('abort', onAbort);
      if (signal) {
        // Aborting after the headers arrived ends the body stream.
        const onLateAbort = (): void => {
          res.destroy(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
        };
        signal.addEventListener('abort', onLateAbort, { once: true });
        res.once('close', () => signal.removeEventListener('abort', onLateAbort));
      }
      resolve(res);
    });
    req.once('error', (err) => {
      signal?.removeEventListener('abort', onAbort);
      if (signal?.aborted) reject(signal.reason ?? err);
      else
        reject(
          new BackendUnreachableError(`cannot reach backend at ${url.origin}: ${err.message}`, {
            cause: err,
          }),
        );
    });
    req.end(body);
  });
}

async function readBody(res: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res) {
    size += (chunk as Buffer).length;
    if (size > MAX_RESPONSE_BYTES) {
      res.destroy();
      throw new BackendHttpError(res.statusCode ?? 0, '', 'backend response too large');
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isResponseFor(msg: unknown, id: unknown): msg is JsonRpcResponse {
  if (msg === null || typeof msg !== 'object') return false;
  const m = msg as Record<string, unknown>;
  return !('method' in m) && ('result' in m || 'error' in m) && m.id === id;
}

/** POSTs one JSON-RPC message and waits for its response (JSON or SSE). */
export async function postMessage(
  target: HttpTarget,
  url: URL,
  message: JsonRpcMessage,
  opts: PostOptions,
): Promise<PostResult> {
  const headers = {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    ...opts.headers,
  };
  const res = await send(target, url, 'POST', headers, JSON.stringify(message), opts.signal);
  const status = res.statusCode ?? 0;
  const type = String(res.headers['content-type'] ?? '').toLowerCase();
  const id = 'id' in message ? message.id : undefined;
  if (status === 202 || status === 204) {
    res.resume();
    return { status, headers: res.headers };
  }
  if (status >= 200 && status < 300 && type.includes('text/event-stream')) {
    const response = await readSseResponse(res, id, opts.onMessage);
    return { status, headers: res.headers, ...(response ? { response } : {}) };
  }
  const text = await readBody(res);
  const parsed = parseJson(text);
  if (
    isResponseFor(parsed, id) ||
    (parsed !== null && typeof parsed === 'object' && 'error' in parsed && id !== undefined)
  ) {
    // A JSON-RPC error with an HTTP error status (e.g. 400 -32602, 404 -32601) is still an answer.
    return { status, headers: res.headers, response: parsed as JsonRpcResponse };
  }
  throw new BackendHttpError(status, text);
}

function readSseResponse(
  res: IncomingMessage,
  id: unknown,
  onMessage: ((msg: JsonRpcMessage) => void) | undefined,
): Promise<JsonRpcResponse | undefined> {
  return new Promise((resolve, reject) => {
    let done = false;
    const parser = new SseParser((ev) => {
      if (done || ev.event !== 'message' || ev.data === '') return;
      const msg = parseJson(ev.data);
      if (msg === undefined) return;
      if (isResponseFor(msg, id)) {
        done = true;
        resolve(msg);
        // The stream should end after the response; do not wait for it.
        res.destroy();
        return;
      }
      onMessage?.(msg as JsonRpcMessage);
    });
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => parser.push(chunk));
    res.once('end', () => {
      if (!done) {
        done = true;
        if (id === undefined) resolve(undefined);
        else reject(new BackendUnreachableError('backend closed the response stream before answering'));
      }
    });
    res.once('error', (err) => {
      if (!done) {
        done = true;
        reject(err);
      }
    });
    res.once('close', () => {
      if (!done) {
        done = true;
        reject(new BackendUnreachableError('backend closed the response stream before answering'));
      }
    });
  });
}

/** DELETE the session (best effort, used when a client session ends). */
export async function deleteSession(target: HttpTarget, headers: Record<string, string>): Promise<void> {
  try {
    const res = await send(target, target.url, 'DELETE', headers, undefined, AbortSignal.timeout(5000));
    res.resume();
  } catch {
    // The backend may be gone already; the session dies with it.
  }
}

/**
 * Opens a GET SSE stream (the legacy HTTP+SSE transport, or a streamable GET stream) and calls
 * `onEvent` for each event until the stream ends or `signal` aborts. Resolves once connected.
 */
export async function openEventStream(
  target: HttpTarget,
  url: URL,
  headers: Record<string, string>,
  signal: AbortSignal,
  onEvent: (event: string, data: string) => void,
  onEnd: (err?: Error) => void,
): Promise<void> {
  const res = await send(target, url, 'GET', { accept: 'text/event-stream', ...headers }, undefined, signal);
  const status = res.statusCode ?? 0;
  if (status !== 200) {
    const body = await readBody(res).catch(() => '');
    throw new BackendHttpError(status, body);
  }
  const parser = new SseParser((ev) => onEvent(ev.event, ev.data));
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => parser.push(chunk));
  let ended = false;
  const end = (err?: Error): void => {
    if (ended) return;
    ended = true;
    onEnd(err);
  };
  res.once('end', () => end());
  res.once('error', (err) => end(err));
  res.once('close', () => end());
}

export type { JsonRpcRequest };
