/**
 * The capability view the server answers lists from: the aggregation of every routable
 * backend's last listed capabilities, plus composite tools, rebuilt whenever health or
 * capabilities change. Backends that went unhealthy keep their routes (hidden from lists) so a
 * call to one of their tools names the failing backend instead of "unknown tool".
 */
import type { CompositeToolConfig } from '../../../lib/api/types.generated.ts';
import { type AggregatedView, aggregate, resolveToolRef, type ToolRoute } from '../aggregation/aggregate.ts';
import type { AggregationSettings } from '../config/model.ts';
import type { HealthMonitor } from '../health/monitor.ts';

type Json = Record<string, unknown>;

export interface CompositeEntry {
  readonly def: CompositeToolConfig;
  readonly tool: Json;
}

const HINTS = ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const;

/**
 * Annotations of a composite tool: a floor derived from its steps (read-only only if every step
 * is, destructive or open-world if any step is; unknown steps count as unsafe), and explicit
 * hints may only be more conservative. Undefined means the tool must not be offered.
 */
export function compositeAnnotations(def: CompositeToolConfig, view: AggregatedView): Json | undefined {
  const refs: string[] = [];
  for (const s of def.steps) {
    if ((s.type ?? 'tool') === 'tool' && s.tool) refs.push(s.tool);
    const inner = s.step as { tool?: unknown } | undefined;
    if (s.type === 'forEach' && typeof inner?.tool === 'string') refs.push(inner.tool);
  }
  let readOnly = true;
  let destructive = false;
  let openWorld = false;
  for (const r of refs) {
    const route = resolveToolRef(view, r);
    const a = (route?.tool.annotations ?? {}) as Json;
    // MCP defaults: a tool is destructive and open-world unless it says otherwise.
    readOnly &&= route !== undefined && a.readOnlyHint === true;
    destructive ||= route === undefined || (a.readOnlyHint !== true && a.destructiveHint !== false);
    openWorld ||= route === undefined || a.openWorldHint !== false;
  }
  const explicit = (def.annotations ?? {}) as Json;
  if (explicit.readOnlyHint === true && !readOnly) return undefined;
  if (explicit.destructiveHint === false && destructive) return undefined;
  if (explicit.openWorldHint === false && openWorld) return undefined;
  const out: Json = {};
  if (explicit.title !== undefined) out.title = explicit.title;
  out.readOnlyHint = explicit.readOnlyHint ?? readOnly;
  out.destructiveHint = explicit.destructiveHint ?? destructive;
  out.openWorldHint = explicit.openWorldHint ?? openWorld;
  if (explicit.idempotentHint !== undefined) out.idempotentHint = explicit.idempotentHint;
  for (const h of HINTS) if (out[h] === undefined) delete out[h];
  return out;
}

export class CapabilityView {
  private readonly monitor: HealthMonitor;
  private readonly settings: AggregationSettings;
  private composites: readonly CompositeToolConfig[];
  private current: AggregatedView | undefined;
  /** Routes of backends that are not routable now, to explain failures. */
  private stale = new Map<string, ToolRoute>();
  private compositeList: CompositeEntry[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly log: (msg: string) => void;

  constructor(
    monitor: HealthMonitor,
    settings: AggregationSettings,
    composites: readonly CompositeToolConfig[],
    log: (m: string) => void,
  ) {
    this.monitor = monitor;
    this.settings = settings;
    this.composites = composites;
    this.log = log;
  }

  setComposites(defs: readonly CompositeToolConfig[]): void {
    this.composites = defs;
    this.invalidate();
  }

  onChange(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  invalidate(): void {
    this.current = undefined;
    for (const fn of this.listeners) fn();
  }

  get view(): AggregatedView {
    if (!this.current) this.rebuild();
    return this.current!;
  }

  get compositeTools(): readonly CompositeEntry[] {
    if (!this.current) this.rebuild();
    return this.compositeList;
  }

  composite(name: string): CompositeToolConfig | undefined {
    return this.composites.find((c) => c.name === name);
  }

  /** A route to a backend that is currently not routable, for error messages. */
  staleRoute(name: string): ToolRoute | undefined {
    if (!this.current) this.rebuild();
    return this.stale.get(name);
  }

  private rebuild(): void {
    const routable = [];
    const down = [];
    for (const h of this.monitor.all()) {
      if (!h.caps) continue;
      if (this.monitor.routable(h.name)) routable.push({ backend: h.name, caps: h.caps });
      else down.push({ backend: h.name, caps: h.caps });
    }
    const view = aggregate(routable, this.settings);
    for (const p of view.problems) this.log(`aggregation: ${p}`);
    const stale = new Map<string, ToolRoute>();
    if (down.length > 0) {
      for (const [name, route] of aggregate([...routable, ...down], this.settings).tools) {
        if (!view.tools.has(name) && down.some((d) => d.backend === route.backend)) stale.set(name, route);
      }
    }
    const list: CompositeEntry[] = [];
    for (const def of this.composites) {
      const annotations = compositeAnnotations(def, view);
      if (!annotations) {
        this.log(
          `composite tool ${def.name}: explicit annotations claim more safety than its steps; not offered`,
        );
        continue;
      }
      list.push({
        def,
        tool: {
          name: def.name,
          ...(def.description ? { description: def.description } : {}),
          inputSchema: def.parameters ?? { type: 'object', properties: {} },
          annotations,
        },
      });
    }
    this.current = view;
    this.stale = stale;
    this.compositeList = list;
  }
}
