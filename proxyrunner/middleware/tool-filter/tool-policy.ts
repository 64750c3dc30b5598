/**
 * Tool allow-list and overrides (MCPToolConfig `toolsFilter` / `toolsOverride`, RunConfig
 * `tools_filter` / `tools_override`), as pure functions over tool lists and call names so the
 * proxy and the Virtual MCP server apply them the same way.
 *
 * - Overrides are keyed by the backend's (actual) name and may rename the tool, replace its
 *   description, and set annotation fields (an absent field keeps the backend's value).
 * - The allow-list may name a tool by its visible (overridden) name, as ToolHive matches it, or
 *   by its actual name; either keeps it.
 * - A call by a visible name is rewritten to the actual name. A call by an actual name that has
 *   been renamed away, or by a name the allow-list hides, is refused as "tool not found": what
 *   a client cannot see it cannot call. (ToolHive lets a renamed tool's old name through when no
 *   allow-list is set; this does not.)
 */
import type { ToolOverride } from '../../../lib/runconfig/types.ts';

export type ToolCallDecision = { kind: 'allow'; actualName: string } | { kind: 'not-found' };

export class ToolPolicy {
  private readonly filter: ReadonlySet<string>;
  private readonly overrides: ReadonlyMap<string, ToolOverride>;
  /** Visible name → actual name, for renamed tools. */
  private readonly renamedTo: ReadonlyMap<string, string>;

  constructor(filter: readonly string[] = [], overrides: Readonly<Record<string, ToolOverride>> = {}) {
    for (const f of filter) if (f === '') throw new Error('tool name cannot be empty');
    const renamedTo = new Map<string, string>();
    for (const [actual, o] of Object.entries(overrides)) {
      if (actual === '') throw new Error('tool name cannot be empty');
      if (!o.name && !o.description && !o.annotations) {
        throw new Error(`override for tool "${actual}": name and description cannot both be empty`);
      }
      if (o.name) {
        const clash = renamedTo.get(o.name);
        if (clash !== undefined)
          throw new Error(`tools "${clash}" and "${actual}" are both renamed to "${o.name}"`);
        renamedTo.set(o.name, actual);
      }
    }
    this.filter = new Set(filter);
    this.overrides = new Map(Object.entries(overrides));
    this.renamedTo = renamedTo;
  }

  get isEmpty(): boolean {
    return this.filter.size === 0 && this.overrides.size === 0;
  }

  visibleName(actual: string): string {
    return this.overrides.get(actual)?.name || actual;
  }

  /** Whether the allow-list lets the tool with this actual name through. */
  allows(actual: string): boolean {
    return this.filter.size === 0 || this.filter.has(this.visibleName(actual)) || this.filter.has(actual);
  }

  /** A client's `tools/call` name, resolved to the backend's name, or refused. */
  resolveCall(name: string): ToolCallDecision {
    const renamedFrom = this.renamedTo.get(name);
    if (renamedFrom !== undefined)
      return this.allows(renamedFrom) ? { kind: 'allow', actualName: renamedFrom } : { kind: 'not-found' };
    // The old name of a renamed tool is not a name the client can see.
    if (this.overrides.get(name)?.name) return { kind: 'not-found' };
    return this.allows(name) ? { kind: 'allow', actualName: name } : { kind: 'not-found' };
  }

  /** The tools a client sees: hidden ones dropped, overrides applied, order kept. */
  rewriteList(tools: readonly unknown[]): unknown[] {
    const out: unknown[] = [];
    for (const t of tools) {
      if (typeof t !== 'object' || t === null) continue;
      const tool = t as Record<string, unknown>;
      const actual = tool.name;
      // A list entry without a name cannot be filtered safely; drop it rather than leak it.
      if (typeof actual !== 'string' || actual === '') continue;
      if (!this.allows(actual)) continue;
      const o = this.overrides.get(actual);
      // A backend tool whose own name another tool was renamed to is shadowed by that rename.
      if (!o?.name && this.renamedTo.has(actual) && this.renamedTo.get(actual) !== actual) continue;
      if (!o) {
        out.push(tool);
        continue;
      }
      const copy: Record<string, unknown> = { ...tool, name: o.name || actual };
      if (o.description) copy.description = o.description;
      if (o.annotations) {
        const base =
          typeof tool.annotations === 'object' && tool.annotations !== null
            ? (tool.annotations as Record<string, unknown>)
            : {};
        const merged: Record<string, unknown> = { ...base };
        for (const [k, v] of Object.entries(o.annotations)) if (v !== undefined) merged[k] = v;
        copy.annotations = merged;
      }
      out.push(copy);
    }
    return out;
  }
}
