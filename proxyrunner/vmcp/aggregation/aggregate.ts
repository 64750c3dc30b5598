/**
 * Merges the capabilities of several backends into one view (ToolHive's aggregator, dataplane
 * §4.4): per-backend overrides first, then conflict resolution (prefix, priority or manual),
 * then visibility (filter, excludeAll, excludeAllTools, defaultToolVisibility), which only hides
 * tools from `tools/list` — hidden tools stay routable for composite tools. Prompts are prefixed,
 * resources keep their URIs (first backend by name wins a duplicate).
 */
import type { ToolOverride } from '../../../lib/api/types.generated.ts';
import type { Capabilities } from '../backends/backend.ts';
import type { AggregationSettings } from '../config/model.ts';

export type Json = Record<string, unknown>;

export interface ToolRoute {
  /** Name clients see (and call). */
  readonly name: string;
  readonly backend: string;
  /** Name the backend itself knows the tool by. */
  readonly backendTool: string;
  /** Definition as advertised (renamed, re-described, annotations overridden). */
  readonly tool: Json;
  /** Whether tools/list shows it; hidden tools remain callable by composite tools. */
  readonly visible: boolean;
}

export interface PromptRoute {
  readonly name: string;
  readonly backend: string;
  readonly backendPrompt: string;
  readonly prompt: Json;
}

export interface ResourceRoute {
  readonly backend: string;
  readonly resource: Json;
}

export interface TemplateRoute {
  readonly backend: string;
  readonly template: Json;
  readonly matcher: RegExp;
}

export interface AggregatedView {
  readonly tools: ReadonlyMap<string, ToolRoute>;
  readonly prompts: ReadonlyMap<string, PromptRoute>;
  readonly resources: ReadonlyMap<string, ResourceRoute>;
  readonly templates: readonly TemplateRoute[];
  /** Problems found while merging (manual conflicts, collisions), one line each. */
  readonly problems: readonly string[];
  /** Backends that contributed, sorted by name. */
  readonly backends: readonly string[];
}

export interface BackendCapabilities {
  readonly backend: string;
  readonly caps: Capabilities;
}

interface Candidate {
  readonly backend: string;
  readonly backendTool: string;
  /** Name after the backend's override. */
  readonly name: string;
  readonly tool: Json;
}

export function applyPrefix(format: string, backend: string, name: string): string {
  return format.replaceAll('{workload}', backend) + name;
}

function applyOverride(tool: Json, o: ToolOverride | undefined): Json {
  if (!o) return tool;
  const out: Json = { ...tool };
  if (o.name) out.name = o.name;
  if (o.description) out.description = o.description;
  if (o.annotations) {
    const base = (tool.annotations as Json | undefined) ?? {};
    const merged: Json = { ...base };
    for (const [k, v] of Object.entries(o.annotations)) if (v !== undefined) merged[k] = v;
    out.annotations = merged;
  }
  return out;
}

function visibility(settings: AggregationSettings, backend: string, postOverrideName: string): boolean {
  if (settings.excludeAllTools) return false;
  const wl = settings.tools.get(backend);
  if (!wl) return settings.defaultToolVisibility !== 'deny';
  if (wl.excludeAll) return false;
  if (wl.filter && wl.filter.length > 0) return wl.filter.includes(postOverrideName);
  return true;
}

/** RFC 6570 level-1..4 template to a regular expression that matches expansions of it. */
export function templateMatcher(uriTemplate: string): RegExp {
  let re = '';
  let last = 0;
  for (const m of uriTemplate.matchAll(/\{([+#./;?&]?)([^}]*)\}/g)) {
    re += escapeRegExp(uriTemplate.slice(last, m.index));
    const op = m[1] ?? '';
    // Reserved expansions (+, #) may contain slashes; simple ones stop at one.
    re += op === '+' || op === '#' ? '(.*)' : op === '?' || op === '&' ? '(?:[?&][^#]*)?' : '([^/?#]*)';
    last = (m.index ?? 0) + m[0].length;
  }
  re += escapeRegExp(uriTemplate.slice(last));
  return new RegExp(`^${re}$`);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function aggregate(
  inputs: readonly BackendCapabilities[],
  settings: AggregationSettings,
): AggregatedView {
  const sorted = [...inputs].sort((a, b) => (a.backend < b.backend ? -1 : a.backend > b.backend ? 1 : 0));
  const problems: string[] = [];

  // Overrides per backend, applied before conflict resolution.
  const candidates: Candidate[] = [];
  for (const { backend, caps } of sorted) {
    const overrides = settings.tools.get(backend)?.overrides ?? {};
    for (const tool of caps.tools) {
      const backendTool = String(tool.name);
      const renamed = applyOverride(tool, overrides[backendTool]);
      candidates.push({ backend, backendTool, name: String(renamed.name), tool: renamed });
    }
  }
  const byName = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const list = byName.get(c.name);
    if (list) list.push(c);
    else byName.set(c.name, [c]);
  }

  const tools = new Map<string, ToolRoute>();
  const add = (advertised: string, c: Candidate): void => {
    const existing = tools.get(advertised);
    if (existing) {
      problems.push(
        `tool "${advertised}" from backend "${c.backend}" collides with the one from "${existing.backend}"; keeping the first`,
      );
      return;
    }
    tools.set(advertised, {
      name: advertised,
      backend: c.backend,
      backendTool: c.backendTool,
      tool: { ...c.tool, name: advertised },
      visible: visibility(settings, c.backend, c.name),
    });
  };
  const priorityIndex = (b: string): number => {
    const i = settings.priorityOrder.indexOf(b);
    return i === -1 ? Number.POSITIVE_INFINITY : i;
  };

  switch (settings.strategy) {
    case 'prefix':
      for (const c of candidates) add(applyPrefix(settings.prefixFormat, c.backend, c.name), c);
      break;
    case 'priority':
      for (const [name, list] of byName) {
        if (list.length === 1) {
          add(name, list[0]!);
          continue;
        }
        const ranked = [...list].sort((a, b) => priorityIndex(a.backend) - priorityIndex(b.backend));
        const winner = ranked[0]!;
        if (priorityIndex(winner.backend) === Number.POSITIVE_INFINITY) {
          // None of the clashing backends is ranked: fall back to prefixing all of them.
          for (const c of list) add(applyPrefix(settings.prefixFormat, c.backend, name), c);
        } else {
          add(name, winner);
        }
      }
      break;
    case 'manual':
      for (const [name, list] of byName) {
        if (list.length > 1) {
          problems.push(
            `unresolved tool name conflict: "${name}" is offered by backends ${list.map((c) => `"${c.backend}"`).join(', ')}; ` +
              'rename it with aggregation.tools[].overrides',
          );
          continue;
        }
        add(name, list[0]!);
      }
      break;
    default:
      break;
  }

  // Prompts: prefixed, except that under priority the ranked backends keep bare names.
  const prompts = new Map<string, PromptRoute>();
  const bare = new Map<string, { backend: string; rank: number; prompt: Json }>();
  for (const { backend, caps } of sorted) {
    for (const p of caps.prompts) {
      const original = String(p.name);
      const rank = priorityIndex(backend);
      if (settings.strategy === 'priority' && rank !== Number.POSITIVE_INFINITY) {
        const seen = bare.get(original);
        if (!seen || rank < seen.rank) bare.set(original, { backend, rank, prompt: p });
        continue;
      }
      const name = applyPrefix(settings.prefixFormat, backend, original);
      if (prompts.has(name)) {
        problems.push(`prompt "${name}" from backend "${backend}" is ambiguous; dropped`);
        continue;
      }
      prompts.set(name, { name, backend, backendPrompt: original, prompt: { ...p, name } });
    }
  }
  for (const [original, b] of bare) {
    if (prompts.has(original)) {
      problems.push(`prompt "${original}" from backend "${b.backend}" is ambiguous; dropped`);
      continue;
    }
    prompts.set(original, { name: original, backend: b.backend, backendPrompt: original, prompt: b.prompt });
  }

  // Resources and templates keep their identity; the first backend by name wins a duplicate.
  const resources = new Map<string, ResourceRoute>();
  const templates: TemplateRoute[] = [];
  const seenTemplates = new Set<string>();
  for (const { backend, caps } of sorted) {
    for (const r of caps.resources) {
      const uri = String(r.uri);
      if (resources.has(uri)) {
        problems.push(
          `resource "${uri}" from backend "${backend}" is also offered by "${resources.get(uri)?.backend}"; keeping the first`,
        );
        continue;
      }
      resources.set(uri, { backend, resource: r });
    }
    for (const t of caps.resourceTemplates) {
      const tmpl = String(t.uriTemplate);
      if (seenTemplates.has(tmpl)) continue;
      seenTemplates.add(tmpl);
      templates.push({ backend, template: t, matcher: templateMatcher(tmpl) });
    }
  }
  return { tools, prompts, resources, templates, problems, backends: sorted.map((s) => s.backend) };
}

/**
 * Resolves a composite step's tool reference (ToolHive's ResolveToolRef): the advertised name,
 * or `<backend>.<tool>` with the backend's own (or overridden) tool name.
 */
export function resolveToolRef(view: AggregatedView, ref: string): ToolRoute | undefined {
  const direct = view.tools.get(ref);
  if (direct) return direct;
  const dot = ref.indexOf('.');
  if (dot <= 0) return undefined;
  const backend = ref.slice(0, dot);
  const tool = ref.slice(dot + 1);
  for (const route of view.tools.values()) {
    if (route.backend === backend && route.backendTool === tool) return route;
  }
  for (const route of view.tools.values()) {
    if (route.backend === backend && route.tool.name === tool) return route;
  }
  return undefined;
}

/** The backend serving a resource URI: an exact resource, else the first matching template. */
export function routeResource(view: AggregatedView, uri: string): string | undefined {
  const exact = view.resources.get(uri);
  if (exact) return exact.backend;
  for (const t of view.templates) {
    if (String(t.template.uriTemplate) === uri || t.matcher.test(uri)) return t.backend;
  }
  return undefined;
}
