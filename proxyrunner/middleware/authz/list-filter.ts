/**
 * Filters `tools/list`, `prompts/list` and `resources/list` results per caller: an item stays
 * only if the caller may call, get or read it, so denied items are invisible. Pure over the
 * result object, so the Virtual MCP server can run it on its aggregated lists.
 */
import type { Identity } from '../types.ts';
import type { CedarAuthorizer, ToolAnnotations } from './cedar-authorizer.ts';

export const FILTERED_LIST_METHODS = new Set(['tools/list', 'prompts/list', 'resources/list']);

/** Tool annotations learnt from `tools/list`, so `tools/call` policies can test them. */
export class AnnotationCache {
  private readonly byTool = new Map<string, ToolAnnotations>();
  private readonly max: number;
  constructor(max = 10_000) {
    this.max = max;
  }
  get(tool: string): ToolAnnotations | undefined {
    return this.byTool.get(tool);
  }
  learn(tools: readonly unknown[]): void {
    for (const t of tools) {
      const rec = t as { name?: unknown; annotations?: unknown };
      if (typeof rec.name !== 'string') continue;
      const a = annotationsOf(rec.annotations);
      if (a) {
        if (!this.byTool.has(rec.name) && this.byTool.size >= this.max) this.byTool.clear();
        this.byTool.set(rec.name, a);
      } else this.byTool.delete(rec.name);
    }
  }
}

export function annotationsOf(raw: unknown): ToolAnnotations | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  const out: ToolAnnotations = {};
  for (const k of ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const) {
    if (typeof r[k] === 'boolean') out[k] = r[k] as boolean;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * The list result with every item the caller may not use removed. Unknown result shapes pass
 * through unchanged; items without a usable name are dropped (fail closed).
 */
export function filterListResult(
  authorizer: CedarAuthorizer,
  identity: Identity | undefined,
  method: string,
  result: Record<string, unknown>,
  annotations?: AnnotationCache,
): Record<string, unknown> {
  const pick = (
    key: string,
    allowed: (item: Record<string, unknown>) => boolean,
  ): Record<string, unknown> => {
    const items = result[key];
    if (!Array.isArray(items)) return result;
    return {
      ...result,
      [key]: items.filter(
        (i) => typeof i === 'object' && i !== null && allowed(i as Record<string, unknown>),
      ),
    };
  };
  switch (method) {
    case 'tools/list': {
      if (Array.isArray(result.tools)) annotations?.learn(result.tools);
      return pick('tools', (t) => {
        if (typeof t.name !== 'string') return false;
        const a = annotationsOf(t.annotations);
        return authorizer.authorize(identity, {
          feature: 'tool',
          operation: 'call',
          resourceId: t.name,
          ...(a ? { annotations: a } : {}),
        }).allowed;
      });
    }
    case 'prompts/list':
      return pick(
        'prompts',
        (p) =>
          typeof p.name === 'string' &&
          authorizer.authorize(identity, { feature: 'prompt', operation: 'get', resourceId: p.name }).allowed,
      );
    case 'resources/list':
      return pick(
        'resources',
        (r) =>
          typeof r.uri === 'string' &&
          authorizer.authorize(identity, { feature: 'resource', operation: 'read', resourceId: r.uri })
            .allowed,
      );
    default:
      return result;
  }
}
