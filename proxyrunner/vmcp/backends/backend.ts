/**
 * One backend MCP server: its HTTP agent, its protocol era (probed once, re-probed after a
 * failure), channels for client sessions, and capability listing (tools, resources, resource
 * templates, prompts, each paginated) over a channel of its own.
 */
import type { JsonRpcResponse } from '../../protocol/jsonrpc.ts';
import { BackendHttpError, createTarget, type HttpTarget } from './http.ts';
import { SseSession } from './legacy-sse.ts';
import { ModernChannel, probeEra, StreamableSession } from './streamable.ts';
import type { BackendChannel, BackendSpec, CallOptions, ServerFacts } from './types.ts';

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

  constructor(spec: BackendSpec) {
    this.spec = spec;
    this.target = createTarget(spec.url, spec.caBundle);
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
   * A channel for one client session. Legacy backends get a session of their own per client
   * session (opened lazily on first use); modern backends share stateless requests.
   */
  async channel(opts: CallOptions, clientCapabilities: Record<string, unknown>): Promise<BackendChannel> {
    if ((await this.era(opts)) === '2026-07-28' && this.modern)
      return new ModernChannel(this.target, this.modern);
    return this.spec.transport === 'sse'
      ? new SseSession(this.target, clientCapabilities)
      : new StreamableSession(this.target, clientCapabilities);
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

  async close(): Promise<void> {
    await this.resetSystemChannel();
    this.target.agent.destroy();
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
