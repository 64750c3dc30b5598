/**
 * One backend MCP server: its HTTP agent, its protocol era (probed once, re-probed after a
 * failure), channels for client sessions, and capability listing (tools, resources, resource
 * templates, prompts, each paginated) over a channel of its own.
 */
import type { JsonRpcNotification, JsonRpcResponse } from '../../protocol/jsonrpc.ts';
import { resolveHeaderForward } from './header-forward.ts';
import { BackendHttpError, createTarget, type HttpTarget } from './http.ts';
import { SseSession } from './legacy-sse.ts';
import { ModernChannel, probeEra, StreamableSession } from './streamable.ts';
import type { BackendChannel, BackendSpec, CallOptions, ServerFacts } from './types.ts';

/** What a backend announces on its own, passed on by `Backend.watch`. */
export interface WatchHandlers {
  onListChanged(method: string): void;
  onResourceUpdated(uri: string, params: Record<string, unknown>): void;
  /** Headers for the watch's requests (outgoing auth that needs no user). */
  headers(): Promise<Record<string, string>>;
}

export interface Capabilities {
  readonly facts: ServerFacts;
  readonly tools: ReadonlyArray<Record<string, unknown>>;
  readonly resources: ReadonlyArray<Record<string, unknown>>;
  readonly resourceTemplates: ReadonlyArray<Record<string, unknown>>;
  readonly prompts: ReadonlyArray<Record<string, unknown>>;
}

/** An error the backend returned for a JSON-RPC request. */
export class BackendRpcError extends Error {
  readonly code: number;
  readonly data?: unknown;
  constructor(method: string, code: number, message: string, data?: unknown) {
    super(`${method}: ${message}`);
    this.name = 'BackendRpcError';
    this.code = code;
    if (data !== undefined) this.data = data;
  }
}

const MAX_PAGES = 100;

export class Backend {
  readonly spec: BackendSpec;
  private readonly target: HttpTarget;
  private modern: ServerFacts | undefined;
  private eraKnown = false;
  private system: BackendChannel | undefined;
  private watching: AbortController | undefined;
  private watchRound: AbortController | undefined;
  private subscribed: ReadonlySet<string> = new Set();
  /** Changes the subscriptions of the session currently watching, if one is. */
  private liveSubscriptions: ((uris: ReadonlySet<string>) => Promise<void>) | undefined;

  /** Lower-case names of the headers forwarded to this backend on every request. */
  readonly forwardedHeaderNames: ReadonlySet<string>;

  /**
   * `env` holds the header-forward secrets (`TOOLHIVE_SECRET_*`); `log` hears, once, why the
   * backend's forwarded headers could not be built (naming the header, never its value).
   */
  constructor(
    spec: BackendSpec,
    opts: { env?: Readonly<Record<string, string | undefined>>; log?: (msg: string) => void } = {},
  ) {
    this.spec = spec;
    const hf = spec.headerForward;
    this.forwardedHeaderNames = new Set(
      [...Object.keys(hf?.addPlaintextHeaders ?? {}), ...Object.keys(hf?.addHeadersFromSecret ?? {})].map(
        (n) => n.toLowerCase(),
      ),
    );
    let headers: Record<string, string> | undefined;
    let headerError: Error | undefined;
    try {
      headers = resolveHeaderForward(spec.headerForward, opts.env ?? process.env, spec.name);
    } catch (err) {
      headerError = err as Error;
      opts.log?.(`${headerError.message}; every request to backend ${spec.name} fails until this is fixed`);
    }
    this.target = createTarget(spec.url, spec.caBundle, { headers, headerError });
  }

  get name(): string {
    return this.spec.name;
  }

  /** The era the backend speaks: probed with `server/discover` for streamable backends. */
  async era(opts: CallOptions): Promise<'2025-11-25' | '2026-07-28'> {
    if (this.spec.transport === 'sse') return '2025-11-25';
    if (!this.eraKnown) {
      this.modern = await probeEra(this.target, opts);
      this.eraKnown = true;
    }
    return this.modern ? '2026-07-28' : '2025-11-25';
  }

  /** Forget the era verdict (a backend may have been upgraded or replaced). */
  resetEra(): void {
    this.eraKnown = false;
    this.modern = undefined;
  }

  /**
   * A channel in the caller's era where the backend allows it. A 2025-11-25 client session gets
   * a 2025-11-25 backend session of its own (so the backend's mid-call elicitation, sampling and
   * logs reach that client), falling back to stateless requests for a modern-only backend;
   * 2026-07-28 callers use stateless requests when the backend speaks 2026-07-28.
   */
  async channel(
    opts: CallOptions,
    clientCapabilities: Record<string, unknown>,
    callerEra: '2025-11-25' | '2026-07-28' = '2026-07-28',
  ): Promise<BackendChannel> {
    if (this.spec.transport === 'sse') return new SseSession(this.target, clientCapabilities);
    const modern = (await this.era(opts)) === '2026-07-28' ? this.modern : undefined;
    if (!modern) return new StreamableSession(this.target, clientCapabilities);
    if (callerEra === '2026-07-28') return new ModernChannel(this.target, modern);
    return new LegacyFirstChannel(
      new StreamableSession(this.target, clientCapabilities),
      new ModernChannel(this.target, modern),
    );
  }

  private async systemChannel(opts: CallOptions): Promise<BackendChannel> {
    if (!this.system) this.system = await this.channel(opts, {});
    return this.system;
  }

  /** Drops the listing channel so the next use starts fresh (after the backend failed). */
  async resetSystemChannel(): Promise<void> {
    const s = this.system;
    this.system = undefined;
    await s?.close();
  }

  /** Lists everything the backend offers (ToolHive's ListCapabilities, also the health check). */
  async listCapabilities(opts: CallOptions): Promise<Capabilities> {
    let ch: BackendChannel;
    let facts: ServerFacts;
    try {
      ch = await this.systemChannel(opts);
      facts = await ch.open(opts);
    } catch (err) {
      await this.resetSystemChannel();
      if (err instanceof BackendHttpError && (err.status === 404 || err.status === 400)) this.resetEra();
      throw err;
    }
    const caps = facts.capabilities;
    try {
      const [tools, resources, resourceTemplates, prompts] = await Promise.all([
        caps.tools ? listAll(ch, 'tools/list', 'tools', opts) : [],
        caps.resources ? listAll(ch, 'resources/list', 'resources', opts) : [],
        caps.resources ? listAll(ch, 'resources/templates/list', 'resourceTemplates', opts, true) : [],
        caps.prompts ? listAll(ch, 'prompts/list', 'prompts', opts) : [],
      ]);
      return { facts, tools, resources, resourceTemplates, prompts };
    } catch (err) {
      await this.resetSystemChannel();
      throw err;
    }
  }

  /**
   * Follows what the backend announces on its own: list changes and updates of the resources in
   * `setResourceSubscriptions`. A 2026-07-28 backend is followed through a `subscriptions/listen`
   * stream (re-opened when the subscribed resources change); a 2025-11-25 streamable backend
   * through the GET stream of a session of its own, on which the resources are subscribed; an SSE
   * backend through its session stream. Streams that end are re-opened with backoff.
   */
  watch(w: WatchHandlers): void {
    if (this.watching) return;
    const ctl = new AbortController();
    this.watching = ctl;
    let delay = 250;
    const loop = async (): Promise<void> => {
      while (!ctl.signal.aborted) {
        const opened = Date.now();
        const round = new AbortController();
        this.watchRound = round;
        const signal = AbortSignal.any([ctl.signal, round.signal]);
        try {
          await this.watchOnce(w, signal);
        } catch {
          // Re-opened below.
        }
        if (ctl.signal.aborted) return;
        // A round ended on purpose (subscriptions changed) starts again at once.
        if (round.signal.aborted) {
          delay = 250;
          continue;
        }
        if (Date.now() - opened > 30_000) delay = 250;
        await new Promise((r) => setTimeout(r, delay).unref());
        delay = Math.min(delay * 2, 30_000);
      }
    };
    void loop();
  }

  /** The resource URIs some client subscribed to; the watch keeps the backend subscribed to them. */
  setResourceSubscriptions(uris: ReadonlySet<string>): void {
    const before = [...this.subscribed].sort().join('\u0000');
    this.subscribed = new Set(uris);
    if ([...this.subscribed].sort().join('\u0000') === before) return;
    if (this.liveSubscriptions) {
      // A session that is watching: subscribe and unsubscribe the difference on it.
      void this.liveSubscriptions(this.subscribed).catch(() => this.watchRound?.abort());
    } else {
      // A listen stream names its subscriptions when opened: open a new one.
      this.watchRound?.abort();
    }
  }

  private async watchOnce(w: WatchHandlers, signal: AbortSignal): Promise<void> {
    const headers = await w.headers();
    const opts: CallOptions = { timeoutMs: 10_000, signal, headers };
    const onNotification = (n: JsonRpcNotification): void => {
      if (n.method.endsWith('/list_changed')) w.onListChanged(n.method);
      else if (n.method === 'notifications/resources/updated') {
        const uri = (n.params as { uri?: unknown } | undefined)?.uri;
        if (typeof uri === 'string') w.onResourceUpdated(uri, (n.params ?? {}) as Record<string, unknown>);
      }
    };
    const era = await this.era(opts);
    if (era === '2026-07-28' && this.modern) {
      const uris = [...this.subscribed];
      const canSubscribe = Boolean(
        (this.modern.capabilities.resources as { subscribe?: unknown } | undefined)?.subscribe,
      );
      await new ModernChannel(this.target, this.modern).request(
        'subscriptions/listen',
        {
          notifications: {
            toolsListChanged: true,
            promptsListChanged: true,
            resourcesListChanged: true,
            ...(canSubscribe && uris.length > 0 ? { resourceSubscriptions: uris } : {}),
          },
        },
        // A listen stream stays open; only our own stop ends it early.
        { ...opts, timeoutMs: 24 * 60 * 60_000, onNotification },
      );
      return;
    }
    // 2025-11-25: a session of the watch's own, subscribed to what clients asked for.
    const sse = this.spec.transport === 'sse';
    const session = sse ? new SseSession(this.target) : new StreamableSession(this.target);
    const current = new Set<string>();
    const sync = async (want: ReadonlySet<string>): Promise<void> => {
      for (const uri of want)
        if (!current.has(uri)) {
          current.add(uri);
          await session.request('resources/subscribe', { uri }, { ...opts, timeoutMs: 10_000 });
        }
      for (const uri of [...current])
        if (!want.has(uri)) {
          current.delete(uri);
          await session.request('resources/unsubscribe', { uri }, { ...opts, timeoutMs: 10_000 });
        }
    };
    try {
      if (session instanceof SseSession) session.onUnsolicited = onNotification;
      const facts = await session.open(opts);
      const canSubscribe = Boolean(
        (facts.capabilities.resources as { subscribe?: unknown } | undefined)?.subscribe,
      );
      if (canSubscribe) {
        this.liveSubscriptions = sync;
        await sync(this.subscribed);
      }
      if (session instanceof SseSession) {
        await new Promise<void>((resolve) => {
          signal.addEventListener('abort', () => resolve(), { once: true });
          void session.closed.then(resolve);
        });
      } else {
        await session.listen({ ...opts, timeoutMs: 10_000 }, onNotification, signal);
      }
    } finally {
      this.liveSubscriptions = undefined;
      await session.close().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    this.watching?.abort();
    this.watching = undefined;
    await this.resetSystemChannel();
    this.target.agent.destroy();
  }
}

/**
 * A 2025-11-25 session to a backend that also speaks 2026-07-28: used as long as the backend
 * accepts `initialize`; a modern-only backend refuses it, and its stateless channel is used.
 */
class LegacyFirstChannel implements BackendChannel {
  private readonly legacy: StreamableSession;
  private readonly modern: ModernChannel;
  private chosen: BackendChannel | undefined;

  constructor(legacy: StreamableSession, modern: ModernChannel) {
    this.legacy = legacy;
    this.modern = modern;
  }

  private async pick(opts: CallOptions): Promise<BackendChannel> {
    if (this.chosen) return this.chosen;
    try {
      await this.legacy.open(opts);
      this.chosen = this.legacy;
    } catch (err) {
      if (!(err instanceof BackendHttpError) || err.status >= 500 || err.status === 401 || err.status === 403)
        throw err;
      this.chosen = this.modern;
    }
    return this.chosen;
  }

  async open(opts: CallOptions): Promise<ServerFacts> {
    return (await this.pick(opts)).open(opts);
  }

  async request(method: string, params: Record<string, unknown> | undefined, opts: CallOptions) {
    return (await this.pick(opts)).request(method, params, opts);
  }

  async notify(
    method: string,
    params: Record<string, unknown> | undefined,
    opts: CallOptions,
  ): Promise<void> {
    return (await this.pick(opts)).notify(method, params, opts);
  }

  close(): Promise<void> {
    return this.chosen ? this.chosen.close() : Promise.resolve();
  }
}

async function listAll(
  ch: BackendChannel,
  method: string,
  key: string,
  opts: CallOptions,
  optional = false,
): Promise<Array<Record<string, unknown>>> {
  const items: Array<Record<string, unknown>> = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const res: JsonRpcResponse = await ch.request(method, cursor ? { cursor } : undefined, opts);
    if ('error' in res) {
      // Servers without resource templates answer method-not-found; that is an empty list.
      if (optional && res.error.code === -32601) return items;
      throw new BackendRpcError(method, res.error.code, res.error.message, res.error.data);
    }
    const list = res.result[key];
    if (Array.isArray(list)) items.push(...(list as Array<Record<string, unknown>>));
    const next = res.result.nextCursor;
    if (typeof next !== 'string' || next === '') break;
    cursor = next;
  }
  return items;
}
