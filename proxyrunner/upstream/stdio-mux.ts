/**
 * Many clients over one stdio MCP server (ToolHive's streamable proxy rules, §2.3 of the data
 * plane reference, plus what ToolHive leaves out):
 *
 * - every request gets a fresh numeric id on the pipe; the response is routed back by it and the
 *   client's own id restored, so clients may reuse ids freely;
 * - `initialize` reaches the server once; later handshakes are answered from the cached result
 *   (concurrent first handshakes wait for the one in flight); only the first
 *   `notifications/initialized` is forwarded;
 * - progress tokens are rewritten per request and mapped back, so progress goes to its caller;
 * - `resources/subscribe|unsubscribe` are ref-counted per URI, `logging/setLevel` sets the
 *   server to the most verbose level any session asked for;
 * - server→client requests (sampling, elicitation, roots) and log messages are relayed to the
 *   client they belong to when that can be told (the only client with requests in flight, or the
 *   only one that declared the needed capability); otherwise the request is refused like ToolHive
 *   does, rather than guessed, because a wrong guess would leak one client's data to another;
 * - when the server restarts, the cached handshake, subscriptions and log level are replayed
 *   before anything else is sent, and in-flight requests fail with a JSON-RPC error;
 * - modern (2026-07-28) requests are forwarded statelessly; a legacy-only server's results are
 *   given `resultType` and cache hints, and `server/discover` is answered from its handshake.
 */
import type { MessagePipe } from '../backend/pipe.ts';
import {
  cachedResultResponse,
  errorResponse,
  JSONRPC_ERROR,
  type JsonRpcId,
  type JsonRpcMessage,
  type JsonRpcNotification,
  type JsonRpcRequest,
  type JsonRpcResponse,
} from '../protocol/jsonrpc.ts';
import { sanitiseLine } from '../protocol/lines.ts';
import { discoverFromInitialize, modernizeResult, PROXY_INITIALIZE_PARAMS } from '../protocol/modern.ts';
import { InFlightTable } from './in-flight-table.ts';
import type { CallInfo, Exchange, HandlerStatus, McpHandler, SessionChannel } from './types.ts';

type Params = Record<string, unknown>;

interface Pending {
  readonly exchange: Exchange;
  readonly clientId: JsonRpcId;
  readonly sessionId: string | undefined;
  readonly modern: boolean;
  readonly method: string;
  /** Set once the request has its id on the pipe, when the client sent a progress token. */
  progressKey: string | undefined;
  readonly clientProgressToken: unknown;
  /** Log messages go to modern callers only when they asked for a level. */
  readonly wantsLogs: boolean;
  /** When it was sent, relative to the others: the table's order is not the sending order. */
  readonly order: number;
}

interface MuxSession {
  channel: SessionChannel | undefined;
  /** `params.capabilities` of the session's initialize, to attribute server requests. */
  capabilities: Params | undefined;
  logLevel: number;
  readonly subscriptions: Set<string>;
  inFlight: number;
}

interface ServerRequestRoute {
  readonly sessionId: string;
}

const LOG_LEVELS = ['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency'];
/** Progress tokens on the pipe are this prefix and the request's id there. */
const PROGRESS_PREFIX = 'p';
/** No level requested: the server's default, which we treat as `info`. */
const DEFAULT_LOG_RANK = 1;

function logRank(level: unknown): number {
  const i = typeof level === 'string' ? LOG_LEVELS.indexOf(level) : -1;
  return i === -1 ? DEFAULT_LOG_RANK : i;
}

function obj(v: unknown): Params | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Params) : undefined;
}

/** Which client capability a server→client request needs. */
const CAPABILITY_FOR: Readonly<Record<string, string>> = {
  'sampling/createMessage': 'sampling',
  'elicitation/create': 'elicitation',
  'roots/list': 'roots',
};

export interface StdioMuxOptions {
  /** How long a request waits for a restarting server before failing; default 10 s. */
  readonly backendWaitMs?: number;
  /** Logged name of the server. */
  readonly name?: string;
  /** Called for lines that are not JSON-RPC (garbage on stdout); default logs to stderr. */
  readonly onGarbage?: (line: string) => void;
  /** Refuse new requests with 503 when this many bytes wait in the server's stdin. */
  readonly maxPendingBytes?: number;
}

export class StdioMultiplexer implements McpHandler {
  private readonly pipe: MessagePipe;
  private readonly opts: StdioMuxOptions;
  /** Clients' requests on the pipe, by the id they have there (see InFlightTable for why). */
  private readonly pending = new InFlightTable<Pending>();
  private sent = 0;
  /**
   * Ids of the proxy's own requests (handshake replay, subscriptions, log level): below
   * `InFlightTable.firstId`, so they never collide with a client request's. They are few.
   */
  private nextInternalId = 1;
  private readonly sessions = new Map<string, MuxSession>();
  private readonly subscribers = new Map<string, Set<string>>();
  private readonly serverRequests = new Map<string, ServerRequestRoute>();
  /** Proxy-owned requests (handshake replay, subscription replay, log level). */
  private readonly internal = new Map<number, (msg: JsonRpcResponse) => void>();

  private initResult: Params | undefined;
  private initResultJson: string | undefined;
  private initRequestParams: Params | undefined;
  private initInFlight: Promise<JsonRpcResponse> | undefined;
  private initializedForwarded = false;
  /** Set once the server answered `server/discover` with method-not-found. */
  private legacyOnly = false;
  private backendLevel = -1;

  /** Writes held back while the handshake is being replayed to a restarted server. */
  private replaying = false;
  private readonly held: string[] = [];
  private upWaiters: Array<() => void> = [];
  private lastError: string | undefined;
  private started = false;

  constructor(pipe: MessagePipe, opts: StdioMuxOptions = {}) {
    this.pipe = pipe;
    this.opts = opts;
  }

  /** Starts the pipe; resolves when the server is first reachable. */
  async start(): Promise<void> {
    await this.pipe.start({
      line: (line) => this.onLine(line),
      up: () => this.onUp(),
      down: (reason) => this.onDown(reason),
    });
  }

  get inFlight(): number {
    return this.pending.size;
  }

  status(): HandlerStatus {
    const s: { available: boolean; description: string; error?: string } = {
      available: this.pipe.isUp,
      description: this.pipe.description,
    };
    if (!this.pipe.isUp && this.lastError !== undefined) s.error = this.lastError;
    return s;
  }

  // ---------------------------------------------------------------- client → server

  request(call: CallInfo, msg: JsonRpcRequest, exchange: Exchange): (reason: string) => void {
    const modern = call.era === '2026-07-28';
    const session = call.sessionId === undefined ? undefined : this.sessionFor(call.sessionId);

    if (!modern && session) {
      switch (msg.method) {
        case 'initialize':
          this.handleInitialize(session, msg, exchange);
          return noop;
        case 'logging/setLevel':
          session.logLevel = logRank(obj(msg.params)?.level);
          this.reconcileLogLevel();
          exchange.respond({ jsonrpc: '2.0', id: msg.id, result: {} });
          return noop;
        case 'resources/subscribe':
        case 'resources/unsubscribe': {
          const uri = obj(msg.params)?.uri;
          if (typeof uri === 'string' && uri !== '') {
            return this.handleSubscription(call.sessionId!, session, uri, msg, exchange);
          }
          break;
        }
      }
    }
    if (modern && msg.method === 'server/discover' && this.legacyOnly) {
      this.answerDiscover(msg, exchange);
      return noop;
    }
    return this.forward(call.sessionId, session, modern, msg, exchange);
  }

  private forward(
    sessionId: string | undefined,
    session: MuxSession | undefined,
    modern: boolean,
    msg: JsonRpcRequest,
    exchange: Exchange,
  ): (reason: string) => void {
    const limit = this.opts.maxPendingBytes ?? 16 * 1024 * 1024;
    if (this.pipe.pendingBytes > limit) {
      exchange.respond(
        errorResponse(msg.id, JSONRPC_ERROR.serverError, 'Backend is congested, retry later'),
        503,
      );
      return noop;
    }
    const meta = obj(msg.params?._meta);
    const pending: Pending = {
      exchange,
      clientId: msg.id,
      sessionId,
      modern,
      method: msg.method,
      progressKey: undefined,
      clientProgressToken: meta?.progressToken,
      wantsLogs: !modern || (meta !== undefined && 'io.modelcontextprotocol/logLevel' in meta),
      order: ++this.sent,
    };
    const id = this.pending.add(pending);
    let params = msg.params;
    if (meta && 'progressToken' in meta) {
      // The token on the pipe names the request, so progress is routed by the pending table.
      pending.progressKey = `${PROGRESS_PREFIX}${id}`;
      params = { ...params, _meta: { ...meta, progressToken: pending.progressKey } };
    }
    if (session) session.inFlight++;
    const line = JSON.stringify(envelope(msg, id, params));
    this.write(line, id);

    return (reason: string) => {
      if (!this.pending.has(id)) return;
      this.settle(id);
      // Tell the server to stop working on it (stdio cancellation is a notification).
      this.write(
        JSON.stringify({
          jsonrpc: '2.0',
          method: 'notifications/cancelled',
          params: { requestId: id, reason },
        }),
      );
    };
  }

  notification(call: CallInfo, msg: JsonRpcNotification): void {
    if (msg.method === 'notifications/initialized') {
      if (this.initializedForwarded) return;
      this.initializedForwarded = true;
    } else if (msg.method === 'notifications/cancelled') {
      const params = obj(msg.params);
      const ourId = this.findPendingId(call.sessionId, params?.requestId);
      if (ourId === undefined) return;
      this.settle(ourId);
      this.write(JSON.stringify(envelope(msg, undefined, { ...params, requestId: ourId })));
      return;
    } else if (msg.method === 'notifications/progress') {
      // Progress from a client is about a server→client request, whose token the server chose.
    }
    this.write(JSON.stringify(envelope(msg)));
  }

  clientResponse(call: CallInfo, msg: JsonRpcResponse): void {
    const key = idKey(msg.id);
    const route = this.serverRequests.get(key);
    // Only the client the request was relayed to may answer it.
    if (!route || route.sessionId !== call.sessionId) return;
    this.serverRequests.delete(key);
    this.write(JSON.stringify(envelope(msg)));
  }

  attachChannel(sessionId: string, channel: SessionChannel): void {
    this.sessionFor(sessionId).channel = channel;
  }

  detachChannel(sessionId: string, channel: SessionChannel): void {
    const s = this.sessions.get(sessionId);
    if (s && s.channel === channel) s.channel = undefined;
  }

  sessionClosed(sessionId: string): void {
    const s = this.sessions.get(sessionId);
    if (!s) return;
    this.sessions.delete(sessionId);
    for (const uri of s.subscriptions) {
      const set = this.subscribers.get(uri);
      set?.delete(sessionId);
      if (set && set.size === 0) {
        this.subscribers.delete(uri);
        this.sendInternal('resources/unsubscribe', { uri });
      }
    }
    for (const [key, route] of this.serverRequests) {
      if (route.sessionId === sessionId) this.serverRequests.delete(key);
    }
  }

  private sessionFor(sessionId: string): MuxSession {
    let s = this.sessions.get(sessionId);
    if (!s) {
      s = {
        channel: undefined,
        capabilities: undefined,
        logLevel: -1,
        subscriptions: new Set(),
        inFlight: 0,
      };
      this.sessions.set(sessionId, s);
    }
    return s;
  }

  private findPendingId(sessionId: string | undefined, clientId: unknown): number | undefined {
    if (typeof clientId !== 'string' && typeof clientId !== 'number') return undefined;
    for (const [id, p] of this.pending) {
      if (p.sessionId === sessionId && p.clientId === clientId) return id;
    }
    return undefined;
  }

  // ---------------------------------------------------------------- initialize, subscriptions, logging

  private handleInitialize(session: MuxSession, msg: JsonRpcRequest, exchange: Exchange): void {
    session.capabilities = obj(obj(msg.params)?.capabilities);
    if (this.initResult) {
      // Every new session gets the same handshake: serialize it once, not per session.
      this.initResultJson ??= JSON.stringify(this.initResult);
      exchange.respond(cachedResultResponse(msg.id, this.initResult, this.initResultJson));
      return;
    }
    if (!this.initInFlight) {
      const params = msg.params ?? {};
      this.initInFlight = this.callInternal('initialize', params).then((resp) => {
        this.initInFlight = undefined;
        if ('result' in resp) {
          this.initResult = resp.result;
          this.initResultJson = undefined;
          this.initRequestParams = params;
        }
        return resp;
      });
    }
    this.initInFlight.then((resp) => exchange.respond({ ...resp, id: msg.id }));
  }

  private handleSubscription(
    sessionId: string,
    session: MuxSession,
    uri: string,
    msg: JsonRpcRequest,
    exchange: Exchange,
  ): (reason: string) => void {
    let set = this.subscribers.get(uri);
    if (msg.method === 'resources/subscribe') {
      if (set && set.size > 0) {
        set.add(sessionId);
        session.subscriptions.add(uri);
        exchange.respond({ jsonrpc: '2.0', id: msg.id, result: {} });
        return noop;
      }
      // First subscriber: the server must really accept it before we record anything.
      const wrapped: Exchange = {
        canStream: exchange.canStream,
        related: (m) => exchange.related(m),
        respond: (resp, status) => {
          if ('result' in resp) {
            if (!set) {
              set = new Set();
              this.subscribers.set(uri, set);
            }
            set.add(sessionId);
            session.subscriptions.add(uri);
          }
          exchange.respond(resp, status);
        },
      };
      return this.forward(sessionId, session, false, msg, wrapped);
    }
    session.subscriptions.delete(uri);
    set?.delete(sessionId);
    if (set && set.size > 0) {
      exchange.respond({ jsonrpc: '2.0', id: msg.id, result: {} });
      return noop;
    }
    this.subscribers.delete(uri);
    return this.forward(sessionId, session, false, msg, exchange);
  }

  private reconcileLogLevel(): void {
    let max = -1;
    for (const s of this.sessions.values()) {
      // "Most verbose" is the lowest rank any session asked for.
      if (s.logLevel >= 0 && (max === -1 || s.logLevel < max)) max = s.logLevel;
    }
    if (max === -1 || max === this.backendLevel) return;
    this.backendLevel = max;
    this.sendInternal('logging/setLevel', { level: LOG_LEVELS[max] });
  }

  private answerDiscover(msg: JsonRpcRequest, exchange: Exchange): void {
    const reply = (init: Params | undefined) => {
      exchange.respond({ jsonrpc: '2.0', id: msg.id, result: discoverFromInitialize(init) });
    };
    if (this.initResult) {
      reply(this.initResult);
      return;
    }
    // A legacy-only server needs a handshake before it reveals its capabilities.
    const params = { ...PROXY_INITIALIZE_PARAMS };
    this.initInFlight ??= this.callInternal('initialize', params).then((resp) => {
      this.initInFlight = undefined;
      if ('result' in resp) {
        this.initResult = resp.result;
        this.initResultJson = undefined;
        this.initRequestParams = params;
        if (!this.initializedForwarded) {
          this.initializedForwarded = true;
          this.write(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }));
        }
      }
      return resp;
    });
    this.initInFlight.then((resp) => {
      if ('result' in resp) reply(resp.result);
      else exchange.respond({ ...resp, id: msg.id });
    });
  }

  private callInternal(method: string, params: Params): Promise<JsonRpcResponse> {
    return new Promise((resolve) => {
      const id = this.nextInternalId;
      this.nextInternalId = id + 1 < InFlightTable.firstId ? id + 1 : 1;
      this.internal.set(id, resolve);
      this.write(JSON.stringify({ jsonrpc: '2.0', id, method, params }), id);
    });
  }

  private sendInternal(method: string, params: Params): void {
    void this.callInternal(method, params);
  }

  // ---------------------------------------------------------------- server → client

  private onLine(line: string): void {
    const json = sanitiseLine(line);
    if (json === undefined) {
      if (line.trim() !== '') this.garbage(line);
      return;
    }
    let msg: JsonRpcMessage;
    try {
      msg = JSON.parse(json) as JsonRpcMessage;
    } catch {
      this.garbage(line);
      return;
    }
    if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) {
      this.garbage(line);
      return;
    }
    if ('method' in msg && typeof msg.method === 'string') {
      if ('id' in msg && msg.id !== undefined && msg.id !== null) this.onServerRequest(msg as JsonRpcRequest);
      else this.onServerNotification(msg as JsonRpcNotification);
      return;
    }
    if ('id' in msg && ('result' in msg || 'error' in msg)) {
      this.onResponse(msg as JsonRpcResponse);
      return;
    }
    this.garbage(line);
  }

  private garbage(line: string): void {
    if (this.opts.onGarbage) this.opts.onGarbage(line);
    else console.error(`ignoring non-JSON-RPC output from the MCP server: ${line.slice(0, 200)}`);
  }

  private onResponse(msg: JsonRpcResponse): void {
    const id = msg.id;
    if (typeof id !== 'number') return;
    const internal = this.internal.get(id);
    if (internal) {
      this.internal.delete(id);
      internal(msg);
      return;
    }
    const p = this.pending.get(id);
    if (!p) return; // cancelled or timed out already
    this.settle(id);
    msg.id = p.clientId;
    if (p.modern) {
      if ('error' in msg) {
        if (p.method === 'server/discover' && msg.error.code === JSONRPC_ERROR.methodNotFound) {
          // A legacy-only server: answer discovery from its handshake from now on.
          this.legacyOnly = true;
          this.answerDiscover({ jsonrpc: '2.0', id: p.clientId, method: p.method }, p.exchange);
          return;
        }
      } else {
        modernizeResult(p.method, msg.result, this.initResult?.serverInfo);
      }
    }
    p.exchange.respond(msg);
  }

  private onServerRequest(msg: JsonRpcRequest): void {
    if (msg.method === 'ping') {
      this.write(JSON.stringify({ jsonrpc: '2.0', id: msg.id, result: {} }));
      return;
    }
    const target = this.attribute(CAPABILITY_FOR[msg.method]);
    if (target) {
      const session = this.sessions.get(target.sessionId);
      const via = target.pending?.exchange.canStream ? target.pending.exchange : undefined;
      if (via || session?.channel) {
        this.serverRequests.set(idKey(msg.id), { sessionId: target.sessionId });
        if (via) via.related(msg);
        else session!.channel!.push(msg);
        return;
      }
    }
    this.write(
      JSON.stringify(
        errorResponse(
          msg.id,
          JSONRPC_ERROR.methodNotFound,
          `${msg.method} cannot be relayed: the proxy cannot tell which of its clients it is for, or that client has no open stream`,
        ),
      ),
    );
  }

  /**
   * Finds the client a server-initiated message belongs to. Over one stdio pipe nothing on the
   * wire says which request caused it, so we only answer when it is unambiguous: exactly one
   * legacy session has requests in flight, or exactly one of those declared the capability.
   */
  private attribute(capability: string | undefined): { sessionId: string; pending?: Pending } | undefined {
    let candidate: string | undefined;
    let ambiguous = false;
    for (const p of this.pending.values()) {
      if (p.modern || p.sessionId === undefined) continue;
      if (candidate === undefined) candidate = p.sessionId;
      else if (candidate !== p.sessionId) {
        ambiguous = true;
        break;
      }
    }
    if (ambiguous && capability !== undefined) {
      const capable = new Set<string>();
      for (const p of this.pending.values()) {
        if (p.sessionId === undefined || p.modern) continue;
        if (this.sessions.get(p.sessionId)?.capabilities?.[capability] !== undefined)
          capable.add(p.sessionId);
      }
      if (capable.size === 1) {
        candidate = [...capable][0];
        ambiguous = false;
      }
    }
    if (candidate === undefined && !ambiguous && capability !== undefined) {
      // Nothing in flight (e.g. `roots/list` right after a handshake): the only session with
      // an open stream that declared the capability, if there is exactly one.
      for (const [id, s] of this.sessions) {
        if (!s.channel || s.capabilities?.[capability] === undefined) continue;
        if (candidate !== undefined) return undefined;
        candidate = id;
      }
      return candidate === undefined ? undefined : { sessionId: candidate };
    }
    if (ambiguous || candidate === undefined) return undefined;
    // The most recent request of that session is the likeliest cause.
    let latest: Pending | undefined;
    for (const p of this.pending.values()) {
      if (p.sessionId === candidate && (latest === undefined || p.order > latest.order)) latest = p;
    }
    return latest ? { sessionId: candidate, pending: latest } : { sessionId: candidate };
  }

  private onServerNotification(msg: JsonRpcNotification): void {
    const params = obj(msg.params);
    // A 2026-07-28 listen stream tags its notifications with the listen request's id, which on
    // the pipe is ours: route to that request and restore the client's id.
    const meta = obj(params?._meta);
    const subscription = meta?.[META_SUBSCRIPTION_ID];
    if (typeof subscription === 'number') {
      const p = this.pending.get(subscription);
      if (p) {
        p.exchange.related({
          ...msg,
          params: { ...params, _meta: { ...meta, [META_SUBSCRIPTION_ID]: p.clientId } },
        });
        return;
      }
    }
    switch (msg.method) {
      case 'notifications/progress': {
        const token = params?.progressToken;
        const p = typeof token === 'string' ? this.progressOf(token) : undefined;
        if (!p?.exchange.canStream) return;
        p.exchange.related({ ...msg, params: { ...params, progressToken: p.clientProgressToken } });
        return;
      }
      case 'notifications/tools/list_changed':
      case 'notifications/prompts/list_changed':
      case 'notifications/resources/list_changed':
        for (const s of this.sessions.values()) s.channel?.push(msg);
        return;
      case 'notifications/resources/updated': {
        const uri = params?.uri;
        const subs = typeof uri === 'string' ? this.subscribers.get(uri) : undefined;
        if (!subs) return;
        for (const id of subs) this.sessions.get(id)?.channel?.push(msg);
        return;
      }
      case 'notifications/message': {
        const target = this.attribute(undefined);
        if (!target) {
          // A lone modern request that asked for logs is the only possible recipient.
          if (this.pending.size === 1) {
            const only = this.pending.values().next().value!;
            if (only.modern && only.wantsLogs && only.exchange.canStream) only.exchange.related(msg);
          }
          return; // not attributable: dropped, as in ToolHive
        }
        const session = this.sessions.get(target.sessionId);
        const rank = logRank(params?.level);
        if (session && session.logLevel >= 0 && rank < session.logLevel) return;
        const p = target.pending;
        if (p?.exchange.canStream && p.wantsLogs) p.exchange.related(msg);
        else session?.channel?.push(msg);
        return;
      }
      default: {
        // Anything else (elicitation/complete, task status, …) goes to its client if we can tell.
        const target = this.attribute(undefined);
        if (!target) return;
        const p = target.pending;
        if (p?.exchange.canStream) p.exchange.related(msg);
        else this.sessions.get(target.sessionId)?.channel?.push(msg);
      }
    }
  }

  // ---------------------------------------------------------------- backend lifecycle

  private write(line: string, pendingId?: number): void {
    if (this.replaying && !(pendingId !== undefined && this.internal.has(pendingId))) {
      this.held.push(line);
      return;
    }
    if (this.pipe.isUp) {
      this.pipe.send(line);
      return;
    }
    if (pendingId === undefined) return; // notifications to a dead server are simply lost
    // Wait for the server to come back, within limits.
    const waitMs = this.opts.backendWaitMs ?? 10_000;
    let done = false;
    const timer = setTimeout(() => {
      done = true;
      this.upWaiters = this.upWaiters.filter((w) => w !== resume);
      this.failOne(pendingId, 'Backend unavailable', 503);
    }, waitMs);
    const resume = () => {
      if (done) return;
      clearTimeout(timer);
      if (this.pending.has(pendingId) || this.internal.has(pendingId)) this.write(line, pendingId);
    };
    this.upWaiters.push(resume);
  }

  private onUp(): void {
    this.lastError = undefined;
    if (!this.started) {
      this.started = true;
      this.flushWaiters();
      return;
    }
    // A restarted server knows nothing: replay the handshake and the shared state first.
    this.initializedForwarded = false;
    this.legacyOnly = false;
    const initParams = this.initRequestParams;
    if (!initParams) {
      this.flushWaiters();
      return;
    }
    this.replaying = true;
    this.callInternal('initialize', initParams).then((resp) => {
      if ('result' in resp) {
        this.initResult = resp.result;
        this.initResultJson = undefined;
      }
      this.initializedForwarded = true;
      this.pipe.send(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }));
      for (const uri of this.subscribers.keys()) this.sendInternal('resources/subscribe', { uri });
      const level = this.backendLevel;
      this.backendLevel = -1;
      if (level >= 0) this.reconcileLogLevel();
      this.replaying = false;
      for (const line of this.held.splice(0)) this.pipe.send(line);
      this.flushWaiters();
    });
  }

  private flushWaiters(): void {
    const waiters = this.upWaiters;
    this.upWaiters = [];
    for (const w of waiters) w();
  }

  private onDown(reason: string): void {
    this.lastError = reason;
    this.replaying = false;
    this.held.length = 0;
    // In-band (HTTP 200) errors: they are the JSON-RPC answer to those requests, and clients
    // surface them as such rather than as transport failures.
    for (const id of this.pending.ids()) this.failOne(id, `Backend connection lost: ${reason}`);
    for (const [id, resolve] of this.internal) {
      this.internal.delete(id);
      resolve(errorResponse(id, JSONRPC_ERROR.serverError, `Backend connection lost: ${reason}`));
    }
    this.serverRequests.clear();
  }

  private failOne(id: number, message: string, status?: number): void {
    const p = this.pending.get(id);
    if (!p) {
      const internal = this.internal.get(id);
      if (internal) {
        this.internal.delete(id);
        internal(errorResponse(id, JSONRPC_ERROR.serverError, message));
      }
      return;
    }
    this.settle(id);
    p.exchange.respond(errorResponse(p.clientId, JSONRPC_ERROR.serverError, message), status);
  }

  /** The request a progress token on the pipe belongs to (tokens are `p<id>`, set in `request`). */
  private progressOf(token: string): Pending | undefined {
    if (!token.startsWith(PROGRESS_PREFIX)) return undefined;
    const p = this.pending.get(Number(token.slice(PROGRESS_PREFIX.length)));
    return p?.progressKey === token ? p : undefined;
  }

  private settle(id: number): void {
    const p = this.pending.delete(id);
    if (!p) return;
    if (p.sessionId !== undefined) {
      const s = this.sessions.get(p.sessionId);
      if (s) s.inFlight--;
    }
  }

  async close(): Promise<void> {
    for (const id of this.pending.ids()) this.failOne(id, 'Proxy is shutting down', 503);
    await this.pipe.close();
  }
}

const META_SUBSCRIPTION_ID = 'io.modelcontextprotocol/subscriptionId';

function idKey(id: JsonRpcId | null): string {
  return typeof id === 'number' ? `n:${id}` : `s:${id}`;
}

function noop(): void {}

/**
 * The message as the server gets it: the JSON-RPC members only, in a fixed order. ToolHive
 * decodes into jsonrpc2 types and encodes again, which drops anything else; servers with strict
 * schemas (the TypeScript SDK's) silently discard a message with an unknown top-level member, so
 * forwarding one as sent left its client waiting for the request timeout. `id` and `params`,
 * when given, replace the message's own (without copying the message first).
 */
function envelope(msg: JsonRpcMessage, id?: JsonRpcId, params?: unknown): JsonRpcMessage {
  const m = msg as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = { jsonrpc: '2.0' };
  if (id !== undefined) out.id = id;
  else if ('id' in m) out.id = m.id;
  if ('method' in m) {
    out.method = m.method;
    const p = params ?? m.params;
    if (p !== undefined) out.params = p;
  } else if ('error' in m) out.error = m.error;
  else out.result = m.result;
  return out as unknown as JsonRpcMessage;
}
