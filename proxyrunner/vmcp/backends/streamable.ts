/**
 * Channels to a streamable HTTP backend. `StreamableSession` is a 2025-11-25 session
 * (`initialize`, `Mcp-Session-Id`, re-initialized once when the backend forgets it);
 * `ModernChannel` sends stateless 2026-07-28 requests, each carrying its `_meta` envelope and
 * the standard headers built from the request itself.
 */
import {
  isNotification,
  isRequest,
  type JsonRpcMessage,
  type JsonRpcNotification,
  type JsonRpcResponse,
} from '../../protocol/jsonrpc.ts';
import {
  BackendHttpError,
  BackendTimeoutError,
  deleteSession,
  type HttpTarget,
  openEventStream,
  type PostResult,
  postMessage,
} from './http.ts';
import { headerValue } from './param-headers.ts';
import {
  type BackendChannel,
  type CallOptions,
  CLIENT_INFO,
  LEGACY_VERSION,
  MODERN_VERSION,
  type ServerFacts,
} from './types.ts';

/** Combines the caller's signal with the call timeout. */
export function callSignal(
  opts: CallOptions,
  what: string,
): { signal: AbortSignal; timedOut: () => boolean } {
  const timeout = AbortSignal.timeout(Math.max(1, opts.timeoutMs));
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  void what;
  return { signal, timedOut: () => timeout.aborted };
}

export function timeoutError(method: string, ms: number): BackendTimeoutError {
  return new BackendTimeoutError(`backend did not answer ${method} within ${ms} ms`);
}

/** Handles what a backend sends on a response stream before the response. */
function relay(
  target: HttpTarget,
  headers: () => Record<string, string>,
  opts: CallOptions,
): (msg: JsonRpcMessage) => void {
  return (msg) => {
    if (isRequest(msg)) {
      const answer = opts.onRequest
        ? opts.onRequest(msg)
        : Promise.resolve({ error: { code: -32601, message: `Method not found: ${msg.method}` } });
      answer
        .then((a) =>
          postMessage(target, target.url, { jsonrpc: '2.0', id: msg.id, ...a } as JsonRpcMessage, {
            headers: headers(),
          }),
        )
        .catch(() => {
          // The call that asked is failing anyway; nothing else to tell.
        });
    } else if (isNotification(msg)) {
      opts.onNotification?.(msg);
    }
  };
}

export class StreamableSession implements BackendChannel {
  private readonly target: HttpTarget;
  private readonly clientCapabilities: Record<string, unknown>;
  private sessionId: string | undefined;
  private protocolVersion = LEGACY_VERSION;
  private facts: ServerFacts | undefined;
  private opening: Promise<ServerFacts> | undefined;
  private nextId = 1;

  constructor(target: HttpTarget, clientCapabilities: Record<string, unknown> = {}) {
    this.target = target;
    this.clientCapabilities = clientCapabilities;
  }

  private headers(extra?: Record<string, string>): Record<string, string> {
    const h: Record<string, string> = { ...extra, 'mcp-protocol-version': this.protocolVersion };
    if (this.sessionId !== undefined) h['mcp-session-id'] = this.sessionId;
    return h;
  }

  open(opts: CallOptions): Promise<ServerFacts> {
    if (this.facts) return Promise.resolve(this.facts);
    if (!this.opening) {
      this.opening = this.initialize(opts).finally(() => {
        this.opening = undefined;
      });
    }
    return this.opening;
  }

  private async initialize(opts: CallOptions): Promise<ServerFacts> {
    const { signal, timedOut } = callSignal(opts, 'initialize');
    this.sessionId = undefined;
    let res: PostResult;
    try {
      res = await postMessage(
        this.target,
        this.target.url,
        {
          jsonrpc: '2.0',
          id: this.nextId++,
          method: 'initialize',
          params: {
            protocolVersion: LEGACY_VERSION,
            capabilities: this.clientCapabilities,
            clientInfo: CLIENT_INFO,
          },
        },
        { headers: { ...opts.headers }, signal },
      );
    } catch (err) {
      if (timedOut()) throw timeoutError('initialize', opts.timeoutMs);
      throw err;
    }
    const r = res.response;
    if (!r || 'error' in r) {
      throw new BackendHttpError(
        res.status,
        JSON.stringify(r ?? {}),
        `initialize failed: ${r && 'error' in r ? r.error.message : `HTTP ${res.status}`}`,
      );
    }
    const sid = res.headers['mcp-session-id'];
    this.sessionId = typeof sid === 'string' && sid !== '' ? sid : undefined;
    const result = r.result as {
      protocolVersion?: string;
      capabilities?: Record<string, unknown>;
      serverInfo?: { name?: string; version?: string };
      instructions?: string;
    };
    this.protocolVersion = result.protocolVersion ?? LEGACY_VERSION;
    await postMessage(
      this.target,
      this.target.url,
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      {
        headers: this.headers(opts.headers),
        signal,
      },
    );
    this.facts = {
      era: LEGACY_VERSION,
      protocolVersion: this.protocolVersion,
      capabilities: result.capabilities ?? {},
      ...(result.serverInfo ? { serverInfo: result.serverInfo } : {}),
      ...(result.instructions ? { instructions: result.instructions } : {}),
    };
    return this.facts;
  }

  async request(
    method: string,
    params: Record<string, unknown> | undefined,
    opts: CallOptions,
  ): Promise<JsonRpcResponse> {
    await this.open(opts);
    try {
      return await this.send(method, params, opts);
    } catch (err) {
      // A backend that restarted forgot our session: start a new one and try once more.
      if (err instanceof BackendHttpError && err.status === 404 && this.sessionId !== undefined) {
        this.facts = undefined;
        await this.open(opts);
        return this.send(method, params, opts);
      }
      throw err;
    }
  }

  private async send(
    method: string,
    params: Record<string, unknown> | undefined,
    opts: CallOptions,
  ): Promise<JsonRpcResponse> {
    const { signal, timedOut } = callSignal(opts, method);
    const id = this.nextId++;
    try {
      const res = await postMessage(
        this.target,
        this.target.url,
        { jsonrpc: '2.0', id, method, ...(params ? { params } : {}) },
        {
          headers: this.headers(opts.headers),
          signal,
          onMessage: relay(this.target, () => this.headers(opts.headers), opts),
        },
      );
      if (!res.response) throw new BackendHttpError(res.status, '', `backend sent no response to ${method}`);
      if (res.status === 404 && this.sessionId !== undefined && 'error' in res.response) {
        throw new BackendHttpError(404, JSON.stringify(res.response));
      }
      return res.response;
    } catch (err) {
      if (timedOut()) throw timeoutError(method, opts.timeoutMs);
      throw err;
    }
  }

  /**
   * Opens the session's GET stream and passes on every notification the backend sends there
   * (list changes, resource updates). Resolves when the stream ends; rejects when the backend
   * has no GET stream (405) or the session cannot be opened.
   */
  async listen(
    opts: CallOptions,
    onNotification: (n: JsonRpcNotification) => void,
    signal: AbortSignal,
  ): Promise<void> {
    await this.open(opts);
    await new Promise<void>((resolve, reject) => {
      openEventStream(
        this.target,
        this.target.url,
        this.headers(opts.headers),
        signal,
        (event, data) => {
          if (event !== 'message') return;
          let msg: JsonRpcMessage;
          try {
            msg = JSON.parse(data) as JsonRpcMessage;
          } catch {
            return;
          }
          if (isNotification(msg)) onNotification(msg);
        },
        () => resolve(),
      ).catch(reject);
    });
  }

  async notify(
    method: string,
    params: Record<string, unknown> | undefined,
    opts: CallOptions,
  ): Promise<void> {
    if (!this.facts) return;
    const { signal } = callSignal(opts, method);
    await postMessage(
      this.target,
      this.target.url,
      { jsonrpc: '2.0', method, ...(params ? { params } : {}) },
      {
        headers: this.headers(opts.headers),
        signal,
      },
    );
  }

  async close(): Promise<void> {
    const sid = this.sessionId;
    this.facts = undefined;
    this.sessionId = undefined;
    if (sid !== undefined) {
      await deleteSession(this.target, {
        'mcp-session-id': sid,
        'mcp-protocol-version': this.protocolVersion,
      });
    }
  }
}

/** Methods whose modern requests carry `Mcp-Name`, and where the name comes from. */
function nameOf(method: string, params: Record<string, unknown> | undefined): string | undefined {
  if (method === 'tools/call' || method === 'prompts/get')
    return typeof params?.name === 'string' ? params.name : undefined;
  if (method === 'resources/read') return typeof params?.uri === 'string' ? params.uri : undefined;
  return undefined;
}

export class ModernChannel implements BackendChannel {
  private readonly target: HttpTarget;
  private readonly facts: ServerFacts;
  private nextId = 1;

  constructor(target: HttpTarget, facts: ServerFacts) {
    this.target = target;
    this.facts = facts;
  }

  open(): Promise<ServerFacts> {
    return Promise.resolve(this.facts);
  }

  private envelope(params: Record<string, unknown> | undefined, opts: CallOptions): Record<string, unknown> {
    const meta = (params?._meta as Record<string, unknown> | undefined) ?? {};
    return {
      ...params,
      _meta: {
        ...meta,
        'io.modelcontextprotocol/protocolVersion': MODERN_VERSION,
        'io.modelcontextprotocol/clientInfo': CLIENT_INFO,
        'io.modelcontextprotocol/clientCapabilities': opts.clientCapabilities ?? {},
      },
    };
  }

  private headers(
    method: string,
    params: Record<string, unknown> | undefined,
    extra?: Record<string, string>,
  ) {
    const h: Record<string, string> = {
      ...extra,
      'mcp-protocol-version': MODERN_VERSION,
      'mcp-method': method,
    };
    const name = nameOf(method, params);
    if (name !== undefined) h['mcp-name'] = headerValue(name);
    return h;
  }

  async request(
    method: string,
    params: Record<string, unknown> | undefined,
    opts: CallOptions,
  ): Promise<JsonRpcResponse> {
    const { signal, timedOut } = callSignal(opts, method);
    try {
      const res = await postMessage(
        this.target,
        this.target.url,
        { jsonrpc: '2.0', id: this.nextId++, method, params: this.envelope(params, opts) },
        {
          headers: this.headers(method, params, opts.headers),
          signal,
          onMessage: relay(this.target, () => this.headers(method, params, opts.headers), opts),
        },
      );
      if (!res.response) throw new BackendHttpError(res.status, '', `backend sent no response to ${method}`);
      return res.response;
    } catch (err) {
      if (timedOut()) throw timeoutError(method, opts.timeoutMs);
      throw err;
    }
  }

  async notify(
    method: string,
    params: Record<string, unknown> | undefined,
    opts: CallOptions,
  ): Promise<void> {
    const { signal } = callSignal(opts, method);
    await postMessage(
      this.target,
      this.target.url,
      { jsonrpc: '2.0', method, params: this.envelope(params, opts) },
      {
        headers: this.headers(method, params, opts.headers),
        signal,
      },
    );
  }

  async close(): Promise<void> {
    // Stateless: nothing to end.
  }
}

/**
 * Asks a streamable backend whether it speaks 2026-07-28 (`server/discover`, ToolHive's probe):
 * modern only when `supportedVersions` names it exactly. Auth failures are errors, not a
 * verdict; anything else (400 without a modern error, 404, 405, a legacy session error) means
 * the backend is legacy.
 */
export async function probeEra(target: HttpTarget, opts: CallOptions): Promise<ServerFacts | undefined> {
  const { signal, timedOut } = callSignal(opts, 'server/discover');
  let res: PostResult;
  try {
    res = await postMessage(
      target,
      target.url,
      {
        jsonrpc: '2.0',
        id: 'discover-1',
        method: 'server/discover',
        params: {
          _meta: {
            'io.modelcontextprotocol/protocolVersion': MODERN_VERSION,
            'io.modelcontextprotocol/clientInfo': CLIENT_INFO,
            'io.modelcontextprotocol/clientCapabilities': {},
          },
        },
      },
      {
        headers: { ...opts.headers, 'mcp-protocol-version': MODERN_VERSION, 'mcp-method': 'server/discover' },
        signal,
      },
    );
  } catch (err) {
    if (timedOut()) throw timeoutError('server/discover', opts.timeoutMs);
    if (err instanceof BackendHttpError) {
      if (err.status === 401 || err.status === 403) throw err;
      if (err.status >= 500) throw err;
      return undefined;
    }
    throw err;
  }
  if (res.status === 401 || res.status === 403) throw new BackendHttpError(res.status, '');
  const r = res.response;
  if (!r || 'error' in r) return undefined;
  const result = r.result as {
    supportedVersions?: unknown;
    capabilities?: Record<string, unknown>;
    _meta?: Record<string, unknown>;
    instructions?: string;
  };
  if (!Array.isArray(result.supportedVersions) || !result.supportedVersions.includes(MODERN_VERSION))
    return undefined;
  const info = result._meta?.['io.modelcontextprotocol/serverInfo'] as
    | { name?: string; version?: string }
    | undefined;
  return {
    era: MODERN_VERSION,
    protocolVersion: MODERN_VERSION,
    capabilities: result.capabilities ?? {},
    ...(info ? { serverInfo: info } : {}),
    ...(result.instructions ? { instructions: result.instructions } : {}),
  };
}
