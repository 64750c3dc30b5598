/**
 * The Virtual MCP server's answer to MCP messages: lists come from the aggregated view, calls are
 * routed to the backend that owns the tool, prompt or resource (in the backend's own era, with
 * its outgoing auth), composite tools run in the workflow engine. Each client session fans out to
 * backend sessions lazily; 2026-07-28 callers use shared stateless channels instead.
 */
import { randomUUID } from 'node:crypto';
import type { Auditor } from '../../middleware/audit/auditor.ts';
import type { Identity, Rejection } from '../../middleware/types.ts';
import {
  errorResponse,
  JSONRPC_ERROR,
  type JsonRpcId,
  type JsonRpcNotification,
  type JsonRpcRequest,
  type JsonRpcResponse,
} from '../../protocol/jsonrpc.ts';
import type { SessionRecord } from '../../session/types.ts';
import type { CallInfo, Exchange, HandlerStatus, McpHandler, SessionChannel } from '../../upstream/types.ts';
import { resolveToolRef, routeResource, type ToolRoute } from '../aggregation/aggregate.ts';
import type { OutgoingAuth } from '../auth/outgoing.ts';
import { BackendRpcError } from '../backends/backend.ts';
import { canonicalHeaderName } from '../backends/header-forward.ts';
import { checkParamHeaders, paramHeaders } from '../backends/param-headers.ts';
import type { BackendChannel, CallOptions, ClientAnswer } from '../backends/types.ts';
import { runWorkflow } from '../composer/engine.ts';
import type { VmcpSettings } from '../config/model.ts';
import type { HealthMonitor } from '../health/monitor.ts';
import type { Optimizer } from '../optimizer/optimizer.ts';
import { ClientSession } from './client-session.ts';
import type { CapabilityView } from './view.ts';

type Json = Record<string, unknown>;

export const SERVER_VERSION = '0.1.0';
const MODERN = '2026-07-28';
const SUPPORTED_LEGACY = ['2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05'];

/** Decides whether a caller may see or use a tool, prompt or resource (Cedar via the chain). */
export interface Authorizer {
  allowed(
    identity: Identity | undefined,
    feature: 'tool' | 'prompt' | 'resource',
    name: string,
    args?: Json,
  ): Promise<boolean>;
}

/** A rate limiter's admission check (the policy chain's RateLimitMiddleware.check). */
export interface RateGate {
  check(tool: string, user: string | undefined, id: JsonRpcId): Promise<Rejection | undefined>;
}

/** Where 2025-11-25 session records live (the proxy's SessionManager: memory or Redis). */
export interface SessionRecords {
  get(id: string): Promise<SessionRecord | undefined>;
  update(record: SessionRecord): Promise<void>;
}

/** Session metadata key holding the client's capabilities, so another replica can restore them. */
export const CLIENT_CAPS_KEY = 'vmcp.client.capabilities';

export interface HandlerDeps {
  readonly settings: VmcpSettings;
  readonly monitor: HealthMonitor;
  readonly view: CapabilityView;
  readonly auth: OutgoingAuth;
  readonly authorizer?: Authorizer;
  readonly optimizer?: Optimizer;
  /** Records composite workflow events (`vmcp_workflow_*`) when audit is on. */
  readonly auditor?: Auditor;
  /**
   * Meters tool calls (`rateLimiting`): each call is checked under the name the client called,
   * after conflict resolution (for `call_tool`, the inner tool's), per tool and per user.
   */
  readonly rateLimit?: RateGate;
  readonly log: (msg: string) => void;
}

type ListKind = 'tools' | 'prompts' | 'resources';
const LIST_KINDS: readonly ListKind[] = ['tools', 'prompts', 'resources'];

interface Listen {
  readonly id: JsonRpcId;
  readonly kinds: ReadonlySet<ListKind>;
  /** Resources whose updates this stream asked for (and was granted). */
  readonly uris: ReadonlySet<string>;
  readonly exchange: Exchange;
}

class CallError extends Error {
  readonly code: number;
  readonly httpStatus?: number;
  readonly data?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  constructor(
    code: number,
    message: string,
    httpStatus?: number,
    data?: unknown,
    headers?: Readonly<Record<string, string>>,
  ) {
    super(message);
    this.code = code;
    if (httpStatus !== undefined) this.httpStatus = httpStatus;
    if (data !== undefined) this.data = data;
    if (headers !== undefined) this.headers = headers;
  }
}

/** 2026-07-28 protocol errors a backend returns keep their HTTP 400 when relayed. */
const MODERN_400 = new Set([-32020, -32021, -32022]);

/** A backend's JSON-RPC error, relayed with its code, message and data. */
function relayed(err: { code: number; message: string; data?: unknown }): CallError {
  return new CallError(err.code, err.message, MODERN_400.has(err.code) ? 400 : undefined, err.data);
}

function toolError(text: string): Json {
  return { content: [{ type: 'text', text }], isError: true };
}

export class VmcpHandler implements McpHandler {
  private readonly d: HandlerDeps;
  private readonly sessions = new Map<string, ClientSession>();
  /** Backend channels shared by stateless (2026-07-28) callers, by backend and auth context. */
  private readonly shared = new Map<string, Promise<BackendChannel>>();
  private running = 0;
  private records: SessionRecords | undefined;
  /** Open `subscriptions/listen` streams of 2026-07-28 callers. */
  private readonly listens = new Set<Listen>();
  private lastLists: Record<ListKind, string> | undefined;
  /** Resource subscriptions of 2025-11-25 sessions: URI → session ids. */
  private readonly resourceSubs = new Map<string, Set<string>>();

  constructor(deps: HandlerDeps) {
    this.d = deps;
    deps.view.onChange(() => this.announceChanges());
  }

  /** Fingerprints of what each list shows, to tell which ones changed. */
  private listFingerprints(): Record<ListKind, string> {
    const v = this.d.view.view;
    const tools = [...v.tools.values()]
      .filter((t) => t.visible)
      .map((t) => `${t.name}\u0000${String(t.tool.description ?? '')}`);
    for (const c of this.d.view.compositeTools) tools.push(String(c.tool.name));
    return {
      tools: tools.sort().join('\u0001'),
      prompts: [...v.prompts.keys()].sort().join('\u0001'),
      resources: [...v.resources.keys(), ...v.templates.map((t) => String(t.template.uriTemplate))]
        .sort()
        .join('\u0001'),
    };
  }

  /**
   * A backend announced that one of its lists changed, and has been listed again: tell clients,
   * even if our view looks alike, and with the kinds the new listing changed, each once.
   */
  backendListChanged(method: string): void {
    const kind = LIST_KINDS.find((k) => method === `notifications/${k}/list_changed`);
    if (!kind) return;
    const now = this.listFingerprints();
    const before = this.lastLists;
    this.lastLists = now;
    for (const k of LIST_KINDS) if (k === kind || (before && before[k] !== now[k])) this.notifyList(k);
  }

  /** A backend announced an update of a resource: to the sessions and listen streams that asked. */
  backendResourceUpdated(backend: string, uri: string, params: Record<string, unknown>): void {
    if (routeResource(this.d.view.view, uri) !== backend) return;
    const method = 'notifications/resources/updated';
    for (const id of this.resourceSubs.get(uri) ?? []) {
      this.sessions.get(id)?.channel?.push({ jsonrpc: '2.0', method, params: { ...params, uri } });
    }
    for (const l of this.listens) {
      if (!l.uris.has(uri)) continue;
      const meta = (params._meta as Json | undefined) ?? {};
      l.exchange.related({
        jsonrpc: '2.0',
        method,
        params: { ...params, uri, _meta: { ...meta, 'io.modelcontextprotocol/subscriptionId': l.id } },
      });
    }
  }

  /** Whether the backend serving `uri` accepts resource subscriptions. */
  private subscribable(uri: string): string | undefined {
    const backend = routeResource(this.d.view.view, uri);
    if (!backend) return undefined;
    const caps = this.d.monitor.get(backend)?.caps?.facts.capabilities;
    return (caps?.resources as { subscribe?: unknown } | undefined)?.subscribe ? backend : undefined;
  }

  /** Tells every backend which of its resources some client is subscribed to. */
  private syncResourceSubscriptions(): void {
    const wanted = new Map<string, Set<string>>();
    const add = (uri: string): void => {
      const backend = routeResource(this.d.view.view, uri);
      if (!backend) return;
      const set = wanted.get(backend) ?? new Set<string>();
      wanted.set(backend, set);
      set.add(uri);
    };
    for (const uri of this.resourceSubs.keys()) add(uri);
    for (const l of this.listens) for (const uri of l.uris) add(uri);
    for (const name of this.d.monitor.names())
      this.d.monitor.backend(name)?.setResourceSubscriptions(wanted.get(name) ?? new Set());
  }

  private subscribe(session: ClientSession | undefined, msg: JsonRpcRequest): Json {
    const uri = String((msg.params as { uri?: unknown } | undefined)?.uri ?? '');
    if (!session) {
      throw new CallError(JSONRPC_ERROR.invalidRequest, `${msg.method} needs a 2025-11-25 session`);
    }
    if (msg.method === 'resources/unsubscribe') {
      const set = this.resourceSubs.get(uri);
      set?.delete(session.id);
      if (set?.size === 0) this.resourceSubs.delete(uri);
      this.syncResourceSubscriptions();
      return {};
    }
    if (!routeResource(this.d.view.view, uri)) throw new CallError(-32002, `Resource not found: ${uri}`);
    if (!this.subscribable(uri)) {
      throw new CallError(
        JSONRPC_ERROR.invalidParams,
        `the server of ${uri} does not support resource subscriptions`,
      );
    }
    const set = this.resourceSubs.get(uri) ?? new Set<string>();
    this.resourceSubs.set(uri, set);
    set.add(session.id);
    this.syncResourceSubscriptions();
    return {};
  }

  private notifyList(kind: ListKind): void {
    const method = `notifications/${kind}/list_changed`;
    for (const s of this.sessions.values()) s.channel?.push({ jsonrpc: '2.0', method });
    for (const l of this.listens) {
      if (!l.kinds.has(kind)) continue;
      l.exchange.related({
        jsonrpc: '2.0',
        method,
        params: { _meta: { 'io.modelcontextprotocol/subscriptionId': l.id } },
      });
    }
  }

  /**
   * Tells clients which lists changed: legacy sessions on their GET stream, modern callers on
   * their `subscriptions/listen` stream (only the kinds they asked for, tagged with its id).
   */
  private announceChanges(): void {
    if (this.listens.size === 0 && ![...this.sessions.values()].some((s) => s.channel)) return;
    setImmediate(() => {
      const now = this.listFingerprints();
      const before = this.lastLists;
      this.lastLists = now;
      if (!before) return;
      for (const kind of LIST_KINDS) if (before[kind] !== now[kind]) this.notifyList(kind);
    });
  }

  private listen(msg: JsonRpcRequest, exchange: Exchange, signal: AbortSignal): Promise<Json> {
    if (!exchange.canStream) {
      throw new CallError(
        JSONRPC_ERROR.invalidRequest,
        'subscriptions/listen needs Accept: text/event-stream',
      );
    }
    const wanted = ((msg.params ?? {}) as { notifications?: Record<string, unknown> }).notifications ?? {};
    const granted: Json = {};
    const kinds = new Set<ListKind>();
    for (const kind of LIST_KINDS) {
      const key = `${kind}ListChanged`;
      if (wanted[key] === true) {
        granted[key] = true;
        kinds.add(kind);
      }
    }
    // Resource updates are relayed for the resources whose servers accept subscriptions.
    const uris = new Set<string>();
    if (Array.isArray(wanted.resourceSubscriptions)) {
      for (const u of wanted.resourceSubscriptions)
        if (typeof u === 'string' && this.subscribable(u)) uris.add(u);
      granted.resourceSubscriptions = [...uris];
    }
    const entry: Listen = { id: msg.id, kinds, uris, exchange };
    this.lastLists ??= this.listFingerprints();
    exchange.related({
      jsonrpc: '2.0',
      method: 'notifications/subscriptions/acknowledged',
      params: { _meta: { 'io.modelcontextprotocol/subscriptionId': msg.id }, notifications: granted },
    });
    this.listens.add(entry);
    if (uris.size > 0) this.syncResourceSubscriptions();
    return new Promise<Json>((_resolve, reject) => {
      const end = (): void => {
        this.listens.delete(entry);
        if (uris.size > 0) this.syncResourceSubscriptions();
        reject(new CallError(JSONRPC_ERROR.serverError, 'listen stream closed'));
      };
      if (signal.aborted) end();
      else signal.addEventListener('abort', end, { once: true });
    });
  }

  /** Lets sessions started on another replica (Redis store) be served here. */
  useSessionRecords(records: SessionRecords): void {
    this.records = records;
  }

  /** Saves or restores what the vMCP needs of a session beyond its id (client capabilities). */
  private async syncSession(session: ClientSession, msg: JsonRpcRequest): Promise<void> {
    if (!this.records) return;
    if (msg.method === 'initialize') {
      const rec = await this.records.get(session.id);
      if (rec) {
        await this.records.update({
          ...rec,
          metadata: { ...rec.metadata, [CLIENT_CAPS_KEY]: JSON.stringify(session.clientCapabilities) },
        });
      }
      session.restored = true;
      return;
    }
    if (session.restored) return;
    session.restored = true;
    const rec = await this.records.get(session.id);
    const caps = rec?.metadata[CLIENT_CAPS_KEY];
    if (caps) {
      try {
        session.clientCapabilities = JSON.parse(caps) as Record<string, unknown>;
      } catch {
        // A malformed record only costs the session its server→client requests.
      }
    }
  }

  get inFlight(): number {
    return this.running;
  }

  get sessionCount(): number {
    return this.sessions.size;
  }

  status(): HandlerStatus {
    const all = this.d.monitor.all();
    const up = all.filter((h) => this.d.monitor.routable(h.name)).length;
    return {
      available: true,
      description: `vmcp ${this.d.settings.name}: ${up}/${all.length} backends routable`,
    };
  }

  private session(id: string | undefined): ClientSession | undefined {
    if (id === undefined) return undefined;
    let s = this.sessions.get(id);
    if (!s) {
      s = new ClientSession(id);
      this.sessions.set(id, s);
    }
    s.lastUsed = Date.now();
    return s;
  }

  request(call: CallInfo, msg: JsonRpcRequest, exchange: Exchange): (reason: string) => void {
    const ctl = new AbortController();
    const session = call.era === MODERN ? undefined : this.session(call.sessionId);
    session?.inflight.set(msg.id, ctl);
    this.running++;
    const work = async (): Promise<Json> => {
      if (session && msg.method !== 'initialize') await this.syncSession(session, msg);
      const result = await this.dispatch(call, session, msg, exchange, ctl.signal);
      if (session && msg.method === 'initialize') await this.syncSession(session, msg);
      return result;
    };
    work()
      .then(
        (result) =>
          exchange.respond({ jsonrpc: '2.0', id: msg.id, result: this.shape(call, msg.method, result) }),
        (err: unknown) => {
          if (err instanceof CallError)
            exchange.respond(
              errorResponse(msg.id, err.code, err.message, err.data),
              err.httpStatus,
              err.headers,
            );
          else {
            this.d.log(
              `${msg.method} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
            );
            exchange.respond(
              errorResponse(
                msg.id,
                JSONRPC_ERROR.internalError,
                err instanceof Error ? err.message : 'Internal error',
              ),
            );
          }
        },
      )
      .finally(() => {
        this.running--;
        session?.inflight.delete(msg.id);
      });
    return (reason) => ctl.abort(new Error(reason));
  }

  notification(call: CallInfo, msg: JsonRpcNotification): void {
    const session = call.era === MODERN ? undefined : this.session(call.sessionId);
    if (msg.method === 'notifications/cancelled' && session) {
      const id = (msg.params as { requestId?: JsonRpcId } | undefined)?.requestId;
      if (id !== undefined) session.inflight.get(id)?.abort(new Error('cancelled by client'));
    }
  }

  clientResponse(call: CallInfo, msg: JsonRpcResponse): void {
    const s = call.sessionId ? this.sessions.get(call.sessionId) : undefined;
    if (!s || msg.id === null) return;
    const waiting = s.asked.get(msg.id);
    if (waiting) {
      s.asked.delete(msg.id);
      waiting(msg);
    }
  }

  attachChannel(sessionId: string, channel: SessionChannel): void {
    const s = this.session(sessionId);
    if (s) s.channel = channel;
    this.lastLists ??= this.listFingerprints();
  }

  detachChannel(sessionId: string, channel: SessionChannel): void {
    const s = this.sessions.get(sessionId);
    if (s?.channel === channel) s.channel = undefined;
  }

  sessionClosed(sessionId: string): void {
    const s = this.sessions.get(sessionId);
    this.sessions.delete(sessionId);
    let unsubscribed = false;
    for (const [uri, set] of this.resourceSubs) {
      if (!set.delete(sessionId)) continue;
      unsubscribed = true;
      if (set.size === 0) this.resourceSubs.delete(uri);
    }
    if (unsubscribed) this.syncResourceSubscriptions();
    void s?.close();
  }

  async close(): Promise<void> {
    const all = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.all(all.map((s) => s.close()));
    const shared = [...this.shared.values()];
    this.shared.clear();
    await Promise.all(shared.map((p) => p.then((c) => c.close()).catch(() => undefined)));
  }

  /** Results to modern callers carry `resultType` and, for lists and reads, cache hints. */
  private shape(call: CallInfo, method: string, result: Json): Json {
    if (call.era !== MODERN) return result;
    const out: Json = { ...result, resultType: result.resultType ?? 'complete' };
    if (
      [
        'tools/list',
        'prompts/list',
        'resources/list',
        'resources/templates/list',
        'resources/read',
        'server/discover',
      ].includes(method)
    ) {
      // Lists depend on who asks (authorization, per-user backends) and on backend health.
      out.ttlMs = 0;
      out.cacheScope = 'private';
    }
    const meta = (out._meta as Json | undefined) ?? {};
    out._meta = {
      ...meta,
      'io.modelcontextprotocol/serverInfo': { name: this.d.settings.name, version: SERVER_VERSION },
    };
    return out;
  }

  private capabilities(): Json {
    return {
      tools: { listChanged: true },
      prompts: { listChanged: true },
      resources: { listChanged: true, subscribe: true },
      logging: {},
      completions: {},
    };
  }

  private clientCaps(_call: CallInfo, session: ClientSession | undefined, msg: JsonRpcRequest): Json {
    if (session) return session.clientCapabilities;
    const meta = msg.params?._meta as Json | undefined;
    return (meta?.['io.modelcontextprotocol/clientCapabilities'] as Json | undefined) ?? {};
  }

  private async dispatch(
    call: CallInfo,
    session: ClientSession | undefined,
    msg: JsonRpcRequest,
    exchange: Exchange,
    signal: AbortSignal,
  ): Promise<Json> {
    const p = (msg.params ?? {}) as Json;
    switch (msg.method) {
      case 'initialize': {
        const requested = String(p.protocolVersion ?? '');
        if (session) session.clientCapabilities = (p.capabilities as Json | undefined) ?? {};
        return {
          protocolVersion: SUPPORTED_LEGACY.includes(requested) ? requested : SUPPORTED_LEGACY[0],
          capabilities: this.capabilities(),
          serverInfo: { name: this.d.settings.name, version: SERVER_VERSION },
        };
      }
      case 'subscriptions/listen':
        return this.listen(msg, exchange, signal);
      case 'server/discover':
        return { supportedVersions: [MODERN], capabilities: this.capabilities() };
      case 'ping':
      case 'logging/setLevel':
        // Log levels are not forwarded: backends are shared, one caller must not silence another.
        return {};
      case 'resources/subscribe':
      case 'resources/unsubscribe':
        return this.subscribe(session, msg);
      case 'tools/list':
        return { tools: await this.listTools(call.ctx.identity) };
      case 'tools/call':
        return this.callTool(call, session, msg, exchange, signal);
      case 'prompts/list':
        return {
          prompts: await this.filtered(
            call.ctx.identity,
            'prompt',
            [...this.d.view.view.prompts.values()].map((r) => r.prompt),
          ),
        };
      case 'prompts/get':
        return this.getPrompt(call, session, msg, exchange, signal);
      case 'resources/list':
        return {
          resources: await this.filtered(
            call.ctx.identity,
            'resource',
            [...this.d.view.view.resources.values()].map((r) => r.resource),
            'uri',
          ),
        };
      case 'resources/templates/list':
        return { resourceTemplates: this.d.view.view.templates.map((t) => t.template) };
      case 'resources/read':
        return this.readResource(call, session, msg, exchange, signal);
      case 'completion/complete':
        return this.complete(call, session, msg, exchange, signal);
      default:
        throw new CallError(JSONRPC_ERROR.methodNotFound, `Method not found: ${msg.method}`);
    }
  }

  private async filtered(
    identity: Identity | undefined,
    feature: 'tool' | 'prompt' | 'resource',
    items: Json[],
    key = 'name',
  ): Promise<Json[]> {
    const az = this.d.authorizer;
    if (!az) return items;
    const keep = await Promise.all(items.map((i) => az.allowed(identity, feature, String(i[key]))));
    return items.filter((_, i) => keep[i]);
  }

  async listTools(identity: Identity | undefined): Promise<Json[]> {
    if (this.d.optimizer) return this.d.optimizer.metaTools();
    const tools = [...this.d.view.view.tools.values()].filter((r) => r.visible).map((r) => r.tool);
    for (const c of this.d.view.compositeTools) tools.push(c.tool);
    // Code-point order: deterministic across locales (clients and caches compare lists).
    tools.sort((a, b) => (String(a.name) < String(b.name) ? -1 : String(a.name) > String(b.name) ? 1 : 0));
    return this.filtered(identity, 'tool', tools);
  }

  private timeoutFor(backend: string): number {
    const o = this.d.settings.operational;
    return o.perWorkloadTimeoutMs.get(backend) ?? o.defaultTimeoutMs;
  }

  /** Headers for a call: outgoing auth, plus the passthrough headers the client sent. */
  private async headers(backend: string, call: CallInfo): Promise<Record<string, string>> {
    const h: Record<string, string> = {};
    const forwarded = this.d.monitor.backend(backend)?.forwardedHeaderNames;
    for (const name of this.d.settings.passthroughHeaders) {
      const v = call.ctx.http.headers[name.toLowerCase()];
      if (typeof v !== 'string') continue;
      // ToolHive's MergeForwardedHeaders: a client header that the backend's own header
      // forwarding also sets is a misconfiguration, not a contest one side silently wins.
      if (forwarded?.has(name.toLowerCase()))
        throw new Error(
          `backend ${backend}: forwarded header "${canonicalHeaderName(name)}" collides with the backend's static header-forward config`,
        );
      h[name.toLowerCase()] = v;
    }
    Object.assign(h, call.ctx.upstreamHeaders);
    return { ...h, ...(await this.d.auth.headersFor(backend, call.ctx.identity)) };
  }

  /** The backend channel for this caller: the session's own, or a shared stateless one. */
  private channel(
    backend: string,
    call: CallInfo,
    session: ClientSession | undefined,
    opts: CallOptions,
  ): Promise<BackendChannel> {
    const b = this.d.monitor.backend(backend);
    if (!b)
      return Promise.reject(new CallError(JSONRPC_ERROR.serverError, `backend ${backend} is not available`));
    const caps = session?.clientCapabilities ?? {};
    const forward: Json = {};
    if (caps.elicitation) forward.elicitation = caps.elicitation;
    if (caps.sampling) forward.sampling = caps.sampling;
    if (caps.roots) forward.roots = caps.roots;
    const key = session
      ? backend
      : `${backend}\u0000${this.d.auth.perUser(backend) ? (call.ctx.identity?.subject ?? '') : ''}`;
    const table = session ? session.channels : this.shared;
    let ch = table.get(key);
    if (!ch) {
      ch = b.channel(opts, forward, session ? '2025-11-25' : '2026-07-28');
      table.set(key, ch);
      ch.catch(() => table.delete(key));
    }
    return ch;
  }

  /** Asks the client a question (server→client request) on the call's stream or session stream. */
  private askClient(
    session: ClientSession | undefined,
    exchange: Exchange,
    method: string,
    params: Json,
    signal: AbortSignal,
  ): Promise<JsonRpcResponse> {
    if (!session) {
      // A 2026-07-28 caller can only be asked through a multi-round-trip result, which would need
      // the call (a composite workflow, or a 2025-11-25 backend's call) parked between the round
      // trips; toolhive-ts does not park them. Say so plainly instead of failing vaguely.
      return Promise.resolve(
        errorResponse(
          null,
          JSONRPC_ERROR.methodNotFound,
          `${method} cannot be sent to a 2026-07-28 caller in the middle of a call: the vMCP does not ` +
            'keep calls open across multi-round-trip requests; use a 2025-11-25 session for tools that ask the user',
        ),
      );
    }
    const id = session.askId();
    return new Promise<JsonRpcResponse>((resolve) => {
      const onAbort = (): void => {
        session.asked.delete(id);
        resolve(errorResponse(id, JSONRPC_ERROR.serverError, 'request cancelled'));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      session.asked.set(id, (r) => {
        signal.removeEventListener('abort', onAbort);
        resolve(r);
      });
      const req = { jsonrpc: '2.0' as const, id, method, params };
      if (exchange.canStream) exchange.related(req);
      else if (session.channel) session.channel.push(req);
      else {
        session.asked.delete(id);
        signal.removeEventListener('abort', onAbort);
        resolve(
          errorResponse(id, JSONRPC_ERROR.methodNotFound, 'the client has no stream to receive requests on'),
        );
      }
    });
  }

  /** Call options relaying what the backend sends mid-call to our client. */
  private callOptions(
    backend: string,
    _call: CallInfo,
    session: ClientSession | undefined,
    exchange: Exchange,
    signal: AbortSignal,
    headers: Record<string, string>,
    clientCapabilities: Json,
  ): CallOptions {
    return {
      timeoutMs: this.timeoutFor(backend),
      signal,
      headers,
      clientCapabilities,
      onNotification: (n) => {
        // Progress, logs and other per-request notifications go to the caller's stream.
        if (exchange.canStream) exchange.related(n);
      },
      onRequest: async (r): Promise<ClientAnswer> => {
        const res = await this.askClient(session, exchange, r.method, (r.params ?? {}) as Json, signal);
        return 'error' in res ? { error: res.error } : { result: res.result };
      },
    };
  }

  private async forward(
    backend: string,
    method: string,
    params: Json,
    call: CallInfo,
    session: ClientSession | undefined,
    exchange: Exchange,
    signal: AbortSignal,
    clientCapabilities: Json,
    extraHeaders: Record<string, string> = {},
  ): Promise<JsonRpcResponse> {
    if (!this.d.monitor.admits(backend)) {
      throw new CallError(JSONRPC_ERROR.serverError, `backend ${backend} is unavailable (circuit open)`);
    }
    const headers = { ...(await this.headers(backend, call)), ...extraHeaders };
    const opts = this.callOptions(backend, call, session, exchange, signal, headers, clientCapabilities);
    try {
      const ch = await this.channel(backend, call, session, opts);
      return await ch.request(method, params, opts);
    } catch (err) {
      if (signal.aborted) throw new CallError(JSONRPC_ERROR.serverError, 'request cancelled');
      if (err instanceof CallError) throw err;
      this.d.monitor.reportCallFailure(backend, err);
      // The session's backend channel may be broken; open a fresh one next time.
      const key = session ? backend : undefined;
      if (key) session?.channels.delete(key);
      throw new CallError(
        JSONRPC_ERROR.serverError,
        `backend ${backend} is unavailable: ${(err as Error).message}`,
      );
    }
  }

  private stripEnvelope(params: Json): Json {
    const meta = params._meta as Json | undefined;
    if (!meta) return params;
    const kept: Json = {};
    for (const [k, v] of Object.entries(meta)) if (!k.startsWith('io.modelcontextprotocol/')) kept[k] = v;
    const out: Json = { ...params };
    if (Object.keys(kept).length > 0) out._meta = kept;
    else delete out._meta;
    return out;
  }

  private async callTool(
    call: CallInfo,
    session: ClientSession | undefined,
    msg: JsonRpcRequest,
    exchange: Exchange,
    signal: AbortSignal,
  ): Promise<Json> {
    const params = (msg.params ?? {}) as Json;
    const name = String(params.name ?? '');
    const args = (params.arguments as Json | undefined) ?? {};
    const identity = call.ctx.identity;
    if (this.d.optimizer && (name === 'find_tool' || name === 'call_tool')) {
      return this.d.optimizer.call(name, args, {
        identity,
        allowed: (tool) => this.d.authorizer?.allowed(identity, 'tool', tool) ?? Promise.resolve(true),
        invoke: (tool, a) =>
          this.callTool(call, session, { ...msg, params: { name: tool, arguments: a } }, exchange, signal),
        tools: () => this.allTools(),
      });
    }
    if (this.d.authorizer && !(await this.d.authorizer.allowed(identity, 'tool', name, args))) {
      throw new CallError(403, 'call denied by authorization policy', 403);
    }
    if (this.d.rateLimit) {
      const refused = await this.d.rateLimit.check(name, identity?.subject, msg.id);
      if (refused) {
        const err = (refused.body as { error?: { code: number; message: string; data?: unknown } }).error;
        throw new CallError(
          err?.code ?? 429,
          err?.message ?? 'Rate limit exceeded',
          refused.status,
          err?.data,
          refused.headers,
        );
      }
    }
    const composite = this.d.view.compositeTools.find((c) => c.def.name === name);
    if (composite) {
      return this.runComposite(
        composite.def,
        args,
        call,
        session,
        exchange,
        signal,
        this.clientCaps(call, session, msg),
      );
    }
    const route = this.d.view.view.tools.get(name);
    if (!route) {
      const down = this.d.view.staleRoute(name)?.backend ?? this.unavailableOwner(name);
      if (down) return toolError(this.unavailable(down));
      throw new CallError(JSONRPC_ERROR.invalidParams, `Unknown tool: ${name}`);
    }
    if (call.era === MODERN) {
      // The client mirrors x-mcp-header arguments into headers; they must agree with the body.
      const bad = checkParamHeaders(route.tool.inputSchema, args, call.ctx.http.headers);
      if (bad) throw new CallError(-32020, `Bad Request: ${bad}`, 400);
    }
    return this.invokeRoute(
      route,
      this.stripEnvelope({ ...params, name: route.backendTool }),
      call,
      session,
      exchange,
      signal,
      this.clientCaps(call, session, msg),
    );
  }

  private async invokeRoute(
    route: ToolRoute,
    params: Json,
    call: CallInfo,
    session: ClientSession | undefined,
    exchange: Exchange,
    signal: AbortSignal,
    caps: Json,
  ): Promise<Json> {
    let res: JsonRpcResponse;
    const extra = paramHeaders(route.tool.inputSchema, params.arguments as Json | undefined);
    try {
      res = await this.forward(
        route.backend,
        'tools/call',
        params,
        call,
        session,
        exchange,
        signal,
        caps,
        extra,
      );
    } catch (err) {
      if (err instanceof CallError && err.code === JSONRPC_ERROR.serverError) return toolError(err.message);
      throw err;
    }
    if ('error' in res) throw relayed(res.error);
    return res.result;
  }

  /** Why a backend cannot be called now, naming it. */
  private unavailable(backend: string): string {
    const h = this.d.monitor.get(backend);
    return `backend ${backend} is unavailable: ${h?.lastError ?? h?.status ?? 'not reachable'}`;
  }

  /**
   * The unavailable backend a tool name would belong to, when the backend was never listed (down
   * since start): under the prefix strategy the name carries the backend's prefix.
   */
  private unavailableOwner(name: string): string | undefined {
    const agg = this.d.settings.aggregation;
    if (agg.strategy !== 'prefix') return undefined;
    for (const b of this.d.monitor.names()) {
      if (this.d.monitor.routable(b)) continue;
      const prefix = agg.prefixFormat.replaceAll('{workload}', b);
      if (name.startsWith(prefix) && name.length > prefix.length) return b;
    }
    return undefined;
  }

  /** Every tool a caller could use (for the optimizer's index): visible backend tools and composites. */
  allTools(): Json[] {
    const tools = [...this.d.view.view.tools.values()].filter((r) => r.visible).map((r) => r.tool);
    for (const c of this.d.view.compositeTools) tools.push(c.tool);
    return tools;
  }

  private async runComposite(
    def: Parameters<typeof runWorkflow>[0],
    args: Json,
    call: CallInfo,
    session: ClientSession | undefined,
    exchange: Exchange,
    signal: AbortSignal,
    caps: Json,
  ): Promise<Json> {
    return runWorkflow(
      def,
      {
        callTool: async (ref, a, s) => {
          const route = resolveToolRef(this.d.view.view, ref) ?? this.d.view.staleRoute(ref);
          if (!route) {
            const dot = ref.indexOf('.');
            const backend = dot > 0 ? ref.slice(0, dot) : this.unavailableOwner(ref);
            if (backend && this.d.monitor.backend(backend) && !this.d.monitor.routable(backend)) {
              throw new Error(this.unavailable(backend));
            }
            throw new Error(`unknown tool reference "${ref}"`);
          }
          const res = await this.invokeRoute(
            route,
            { name: route.backendTool, arguments: a },
            call,
            session,
            exchange,
            s,
            caps,
          );
          return res;
        },
        inputSchema: (ref) => resolveToolRef(this.d.view.view, ref)?.tool.inputSchema as Json | undefined,
        elicit: async (message, schema, s) => {
          const res = await this.askClient(
            session,
            exchange,
            'elicitation/create',
            { message, requestedSchema: schema },
            s,
          );
          if ('error' in res) throw new Error(res.error.message);
          return res.result as { action: string; content?: Json };
        },
        onEvent: (e) => {
          this.d.auditor?.record({
            type: `vmcp_${e.type.startsWith('step_') ? `workflow_${e.type}` : e.type}`,
            outcome: e.type.endsWith('failed') || e.type.endsWith('timed_out') ? 'failure' : 'success',
            ...(call.ctx.identity ? { identity: call.ctx.identity } : {}),
            source: {
              ip: call.ctx.http.remoteAddress,
              requestId: call.ctx.requestId,
              ...(call.ctx.sessionId ? { sessionId: call.ctx.sessionId } : {}),
            },
            target: { type: 'workflow', name: e.workflow, ...(e.step ? { step: e.step } : {}) },
            extra: {
              workflow_id: e.workflowId,
              ...(e.error ? { error: e.error } : {}),
              ...(e.retries ? { retries: e.retries } : {}),
            },
          });
          if (e.type.endsWith('failed') || e.type.endsWith('timed_out'))
            this.d.log(`composite ${e.workflow} ${e.type}${e.step ? ` ${e.step}` : ''}: ${e.error ?? ''}`);
        },
      },
      args,
      signal,
    );
  }

  private async getPrompt(
    call: CallInfo,
    session: ClientSession | undefined,
    msg: JsonRpcRequest,
    exchange: Exchange,
    signal: AbortSignal,
  ): Promise<Json> {
    const params = (msg.params ?? {}) as Json;
    const name = String(params.name ?? '');
    if (this.d.authorizer && !(await this.d.authorizer.allowed(call.ctx.identity, 'prompt', name))) {
      throw new CallError(403, 'prompt denied by authorization policy', 403);
    }
    const route = this.d.view.view.prompts.get(name);
    if (!route) throw new CallError(JSONRPC_ERROR.invalidParams, `Unknown prompt: ${name}`);
    return this.relay(
      route.backend,
      'prompts/get',
      { ...params, name: route.backendPrompt },
      call,
      session,
      msg,
      exchange,
      signal,
    );
  }

  private async readResource(
    call: CallInfo,
    session: ClientSession | undefined,
    msg: JsonRpcRequest,
    exchange: Exchange,
    signal: AbortSignal,
  ): Promise<Json> {
    const params = (msg.params ?? {}) as Json;
    const uri = String(params.uri ?? '');
    if (this.d.authorizer && !(await this.d.authorizer.allowed(call.ctx.identity, 'resource', uri))) {
      throw new CallError(403, 'read denied by authorization policy', 403);
    }
    const backend = routeResource(this.d.view.view, uri);
    if (!backend) throw new CallError(-32002, `Resource not found: ${uri}`);
    return this.relay(backend, 'resources/read', params, call, session, msg, exchange, signal);
  }

  private async complete(
    call: CallInfo,
    session: ClientSession | undefined,
    msg: JsonRpcRequest,
    exchange: Exchange,
    signal: AbortSignal,
  ): Promise<Json> {
    const params = (msg.params ?? {}) as Json;
    const ref = (params.ref ?? {}) as Json;
    let backend: string | undefined;
    let forwarded = params;
    if (ref.type === 'ref/prompt') {
      const route = this.d.view.view.prompts.get(String(ref.name));
      backend = route?.backend;
      if (route) forwarded = { ...params, ref: { ...ref, name: route.backendPrompt } };
    } else if (ref.type === 'ref/resource') {
      backend = routeResource(this.d.view.view, String(ref.uri));
    }
    if (!backend) return { completion: { values: [], hasMore: false } };
    return this.relay(backend, 'completion/complete', forwarded, call, session, msg, exchange, signal);
  }

  /**
   * Forwards one client request to the backend that owns it (its envelope stripped, the
   * client's capabilities attached) and returns the result, or throws the backend's error.
   */
  private async relay(
    backend: string,
    method: string,
    params: Json,
    call: CallInfo,
    session: ClientSession | undefined,
    msg: JsonRpcRequest,
    exchange: Exchange,
    signal: AbortSignal,
  ): Promise<Json> {
    const caps = this.clientCaps(call, session, msg);
    const res = await this.forward(
      backend,
      method,
      this.stripEnvelope(params),
      call,
      session,
      exchange,
      signal,
      caps,
    );
    if ('error' in res) throw relayed(res.error);
    return res.result;
  }
}

export { BackendRpcError, randomUUID };
