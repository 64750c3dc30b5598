/**
 * A session over the deprecated HTTP+SSE transport (2024-11-05): a GET stream whose first event
 * names the URL to POST messages to; every answer comes back on that stream. Requests the
 * backend sends go to the call that is waiting (the most recent one when several are).
 */
import {
  isNotification,
  isRequest,
  isResponse,
  type JsonRpcMessage,
  type JsonRpcNotification,
  type JsonRpcResponse,
} from '../../protocol/jsonrpc.ts';
import {
  BackendHttpError,
  BackendUnreachableError,
  type HttpTarget,
  openEventStream,
  postMessage,
} from './http.ts';
import { callSignal, timeoutError } from './streamable.ts';
import {
  type BackendChannel,
  type CallOptions,
  CLIENT_INFO,
  LEGACY_VERSION,
  type ServerFacts,
} from './types.ts';

interface Pending {
  readonly resolve: (r: JsonRpcResponse) => void;
  readonly reject: (e: Error) => void;
  readonly opts: CallOptions;
}

export class SseSession implements BackendChannel {
  private readonly target: HttpTarget;
  private readonly clientCapabilities: Record<string, unknown>;
  private readonly pending = new Map<number, Pending>();
  private endpoint: URL | undefined;
  private stream: AbortController | undefined;
  private facts: ServerFacts | undefined;
  private opening: Promise<ServerFacts> | undefined;
  private nextId = 1;
  /**
   * Receives notifications that belong to no call (list changes, resource updates); without
   * it they go to the call that is waiting, if any.
   */
  onUnsolicited: ((n: JsonRpcNotification) => void) | undefined;
  /** Resolved when the backend's stream ends. */
  private ended: Promise<void> = Promise.resolve();
  private endStream: () => void = () => {};

  constructor(target: HttpTarget, clientCapabilities: Record<string, unknown> = {}) {
    this.target = target;
    this.clientCapabilities = clientCapabilities;
  }

  open(opts: CallOptions): Promise<ServerFacts> {
    if (this.facts) return Promise.resolve(this.facts);
    if (!this.opening) {
      this.opening = this.connect(opts).finally(() => {
        this.opening = undefined;
      });
    }
    return this.opening;
  }

  /** Resolves when the current stream ends (the session is then lost). */
  get closed(): Promise<void> {
    return this.ended;
  }

  private async connect(opts: CallOptions): Promise<ServerFacts> {
    this.stream?.abort();
    const ctl = new AbortController();
    this.stream = ctl;
    this.ended = new Promise<void>((r) => {
      this.endStream = r;
    });
    const endpoint = new Promise<URL>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(timeoutError('SSE endpoint event', opts.timeoutMs)),
        opts.timeoutMs,
      );
      openEventStream(
        this.target,
        this.target.url,
        { ...opts.headers },
        ctl.signal,
        (event, data) => {
          if (event === 'endpoint') {
            clearTimeout(timer);
            resolve(new URL(data, this.target.url));
          } else if (event === 'message') {
            this.onMessage(data);
          }
        },
        (err) => {
          clearTimeout(timer);
          if (this.stream === ctl) {
            this.lost(err);
            this.endStream();
          }
          reject(new BackendUnreachableError('SSE stream closed before the endpoint event'));
        },
      ).catch((err: unknown) => {
        clearTimeout(timer);
        reject(err);
      });
    });
    this.endpoint = await endpoint;
    const init = await this.send(
      'initialize',
      { protocolVersion: LEGACY_VERSION, capabilities: this.clientCapabilities, clientInfo: CLIENT_INFO },
      opts,
    );
    if ('error' in init) throw new BackendHttpError(0, '', `initialize failed: ${init.error.message}`);
    await postMessage(
      this.target,
      this.endpoint,
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      {
        headers: { ...opts.headers },
      },
    );
    const result = init.result as {
      protocolVersion?: string;
      capabilities?: Record<string, unknown>;
      serverInfo?: { name?: string; version?: string };
      instructions?: string;
    };
    this.facts = {
      era: LEGACY_VERSION,
      protocolVersion: result.protocolVersion ?? LEGACY_VERSION,
      capabilities: result.capabilities ?? {},
      ...(result.serverInfo ? { serverInfo: result.serverInfo } : {}),
      ...(result.instructions ? { instructions: result.instructions } : {}),
    };
    return this.facts;
  }

  private lost(err?: Error): void {
    this.facts = undefined;
    this.endpoint = undefined;
    const e = new BackendUnreachableError(`backend closed its SSE stream${err ? `: ${err.message}` : ''}`);
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }

  private onMessage(data: string): void {
    let msg: JsonRpcMessage;
    try {
      msg = JSON.parse(data) as JsonRpcMessage;
    } catch {
      return;
    }
    if (isResponse(msg)) {
      const p = typeof msg.id === 'number' ? this.pending.get(msg.id) : undefined;
      if (p && typeof msg.id === 'number') {
        this.pending.delete(msg.id);
        p.resolve(msg);
      }
      return;
    }
    const waiting = [...this.pending.values()].at(-1);
    if (isRequest(msg)) {
      const ask = waiting?.opts.onRequest;
      const answer = ask
        ? ask(msg)
        : Promise.resolve({ error: { code: -32601, message: `Method not found: ${msg.method}` } });
      answer
        .then((a) => {
          if (this.endpoint) {
            return postMessage(
              this.target,
              this.endpoint,
              { jsonrpc: '2.0', id: msg.id, ...a } as JsonRpcMessage,
              {
                headers: { ...waiting?.opts.headers },
              },
            );
          }
          return undefined;
        })
        .catch(() => {
          // The waiting call fails on its own if the backend cannot continue.
        });
    } else if (isNotification(msg)) {
      const unsolicited =
        msg.method === 'notifications/resources/updated' || msg.method.endsWith('/list_changed');
      if (unsolicited && this.onUnsolicited) this.onUnsolicited(msg);
      else waiting?.opts.onNotification?.(msg);
    }
  }

  private send(
    method: string,
    params: Record<string, unknown> | undefined,
    opts: CallOptions,
  ): Promise<JsonRpcResponse> {
    const endpoint = this.endpoint;
    if (!endpoint) return Promise.reject(new BackendUnreachableError('SSE session is not connected'));
    const id = this.nextId++;
    const { signal, timedOut } = callSignal(opts, method);
    return new Promise<JsonRpcResponse>((resolve, reject) => {
      const finish = (): void => {
        this.pending.delete(id);
        signal.removeEventListener('abort', onAbort);
      };
      const onAbort = (): void => {
        finish();
        reject(timedOut() ? timeoutError(method, opts.timeoutMs) : (signal.reason ?? new Error('aborted')));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, {
        resolve: (r) => {
          finish();
          resolve(r);
        },
        reject: (e) => {
          finish();
          reject(e);
        },
        opts,
      });
      postMessage(
        this.target,
        endpoint,
        { jsonrpc: '2.0', id, method, ...(params ? { params } : {}) },
        {
          headers: { ...opts.headers },
          signal,
        },
      ).catch((err: unknown) => {
        if (!this.pending.has(id)) return;
        finish();
        reject(err);
      });
    });
  }

  async request(
    method: string,
    params: Record<string, unknown> | undefined,
    opts: CallOptions,
  ): Promise<JsonRpcResponse> {
    await this.open(opts);
    return this.send(method, params, opts);
  }

  async notify(
    method: string,
    params: Record<string, unknown> | undefined,
    opts: CallOptions,
  ): Promise<void> {
    if (!this.endpoint) return;
    await postMessage(
      this.target,
      this.endpoint,
      { jsonrpc: '2.0', method, ...(params ? { params } : {}) },
      {
        headers: { ...opts.headers },
      },
    );
  }

  async close(): Promise<void> {
    const s = this.stream;
    this.stream = undefined;
    this.facts = undefined;
    this.endpoint = undefined;
    s?.abort();
    this.endStream();
  }
}
