/**
 * The optimizer (dataplane §4.8): instead of every tool, clients see `find_tool` and `call_tool`.
 * `find_tool` runs a hybrid search — BM25 keyword search (MiniSearch) plus, when an embedding
 * service is configured, cosine similarity over embeddings — splitting the result slots by
 * `hybridSearchSemanticRatio`; results the caller may not use are filtered out. `call_tool`
 * calls the named tool with the caller's authorization.
 */
import MiniSearch from 'minisearch';
import type { Identity } from '../../middleware/types.ts';
import type { OptimizerSettings } from '../config/model.ts';
import { CachingEmbedder, cosineDistance, type Embedder, OpenAiEmbedder, TeiEmbedder } from './embeddings.ts';

type Json = Record<string, unknown>;

export interface OptimizerCall {
  readonly identity?: Identity;
  allowed(tool: string): Promise<boolean>;
  invoke(tool: string, args: Json): Promise<Json>;
  tools(): Json[];
}

const FIND_TOOL: Json = {
  name: 'find_tool',
  description:
    'Find the tools that can do a task. Describe the task in tool_description; optional tool_keywords ' +
    'sharpen the keyword search. Returns matching tools with their input schemas; run one with call_tool.',
  inputSchema: {
    type: 'object',
    properties: {
      tool_description: {
        type: 'string',
        description: "Description of the task or capability needed (e.g. 'web search', 'send an email').",
      },
      tool_keywords: {
        type: 'array',
        items: { type: 'string' },
        description: 'Optional keywords for keyword search.',
      },
    },
    required: ['tool_description'],
  },
  annotations: { readOnlyHint: true, openWorldHint: false },
};

const CALL_TOOL: Json = {
  name: 'call_tool',
  description: 'Run a tool found with find_tool: tool_name is its name, parameters its arguments.',
  inputSchema: {
    type: 'object',
    properties: {
      tool_name: { type: 'string', description: 'The name of the tool to execute (from find_tool results).' },
      parameters: { type: 'object', description: "Arguments matching the tool's input schema." },
    },
    required: ['tool_name'],
  },
};

interface Indexed {
  readonly key: string;
  readonly search: MiniSearch<{ id: string; name: string; words: string; description: string }>;
  readonly tools: Map<string, Json>;
  readonly vectors?: Map<string, number[]>;
  readonly tokens: Map<string, number>;
  readonly baseline: number;
}

/** ToolHive's token estimate: bytes of the tool's JSON divided by four. */
function tokensOf(tool: Json): number {
  return Math.floor(Buffer.byteLength(JSON.stringify(tool)) / 4);
}

function textOf(tool: Json): string {
  return `${String(tool.name)}: ${String(tool.description ?? '')}`;
}

export function createEmbedder(
  s: OptimizerSettings,
  env: Readonly<Record<string, string | undefined>>,
): Embedder | undefined {
  if (!s.embeddingService) return undefined;
  const inner =
    s.embeddingProvider === 'openai'
      ? new OpenAiEmbedder(
          s.embeddingService,
          s.embeddingModel ?? '',
          s.embeddingHeaders,
          env.OPENAI_API_KEY,
          s.embeddingTimeoutMs,
        )
      : new TeiEmbedder(s.embeddingService, s.embeddingTimeoutMs);
  return new CachingEmbedder(inner);
}

export class Optimizer {
  private readonly s: OptimizerSettings;
  private readonly embedder: Embedder | undefined;
  private index: Promise<Indexed> | undefined;
  private indexKey = '';

  constructor(settings: OptimizerSettings, embedder?: Embedder) {
    this.s = settings;
    this.embedder = embedder;
  }

  metaTools(): Json[] {
    return [FIND_TOOL, CALL_TOOL];
  }

  private async build(tools: Json[], key: string): Promise<Indexed> {
    const search = new MiniSearch<{ id: string; name: string; words: string; description: string }>({
      fields: ['name', 'words', 'description'],
      storeFields: ['name'],
      searchOptions: { boost: { name: 2, words: 2 }, prefix: true, fuzzy: 0.2 },
    });
    search.addAll(
      tools.map((t) => ({
        id: String(t.name),
        name: String(t.name),
        // Split snake_case, kebab-case and camelCase names into words.
        words: String(t.name)
          .replace(/([a-z])([A-Z])/g, '$1 $2')
          .replace(/[_\-.]+/g, ' '),
        description: String(t.description ?? ''),
      })),
    );
    const map = new Map(tools.map((t) => [String(t.name), t]));
    const tokens = new Map(tools.map((t) => [String(t.name), tokensOf(t)]));
    let vectors: Map<string, number[]> | undefined;
    if (this.embedder && tools.length > 0) {
      const v = await this.embedder.embed(tools.map(textOf));
      vectors = new Map(tools.map((t, i) => [String(t.name), v[i]!]));
    }
    let baseline = 0;
    for (const n of tokens.values()) baseline += n;
    return { key, search, tools: map, ...(vectors ? { vectors } : {}), tokens, baseline };
  }

  private current(tools: Json[]): Promise<Indexed> {
    const key = tools
      .map((t) => `${String(t.name)}\u0000${String(t.description ?? '')}`)
      .sort()
      .join('\u0001');
    if (!this.index || key !== this.indexKey) {
      this.indexKey = key;
      const p = this.build(tools, key);
      this.index = p;
      p.catch(() => {
        if (this.index === p) this.index = undefined;
      });
    }
    return this.index;
  }

  /** Ranked tool names for a query, best first, before authorization. */
  async search(tools: Json[], description: string, keywords: readonly string[]): Promise<string[]> {
    const idx = await this.current(tools);
    const max = this.s.maxToolsToReturn;
    const semanticSlots = idx.vectors ? Math.round(max * this.s.semanticRatio) : 0;
    const lexical = idx.search
      .search([description, ...keywords].join(' '), { combineWith: 'OR' })
      .map((r) => String(r.id));
    let semantic: string[] = [];
    if (idx.vectors && semanticSlots > 0) {
      const [q] = await this.embedder!.embed([description]);
      semantic = [...idx.vectors.entries()]
        .map(([name, v]) => ({ name, d: cosineDistance(q!, v) }))
        .filter((x) => x.d <= this.s.distanceThreshold)
        .sort((a, b) => a.d - b.d)
        .map((x) => x.name);
    }
    const out: string[] = [];
    const push = (n: string): void => {
      if (!out.includes(n) && out.length < max) out.push(n);
    };
    semantic.slice(0, semanticSlots).forEach(push);
    lexical.slice(0, max - out.length).forEach(push);
    // Fill what one arm left empty with the other arm's next results.
    for (const n of [...semantic, ...lexical]) push(n);
    return out;
  }

  async call(name: string, args: Json, c: OptimizerCall): Promise<Json> {
    if (name === 'find_tool') {
      const description = typeof args.tool_description === 'string' ? args.tool_description : '';
      if (description === '')
        return { isError: true, content: [{ type: 'text', text: 'tool_description is required' }] };
      const kw = args.tool_keywords;
      const keywords = Array.isArray(kw) ? kw.map(String) : typeof kw === 'string' ? kw.split(/\s+/) : [];
      const tools = c.tools();
      const ranked = await this.search(tools, description, keywords);
      const idx = await this.current(tools);
      const allowed = await Promise.all(ranked.map((n) => c.allowed(n)));
      const found = ranked.filter((_, i) => allowed[i]).map((n) => idx.tools.get(n)!);
      const returned = found.reduce((sum, t) => sum + (idx.tokens.get(String(t.name)) ?? 0), 0);
      const metrics = {
        baseline_tokens: idx.baseline,
        returned_tokens: returned,
        savings_percent: idx.baseline === 0 ? 0 : ((idx.baseline - returned) / idx.baseline) * 100,
      };
      const output = { tools: found, token_metrics: metrics };
      return { content: [{ type: 'text', text: JSON.stringify(output) }], structuredContent: output };
    }
    // call_tool: the nested form {parameters: {tool_name, …}} is hoisted, as in ToolHive.
    let tool = typeof args.tool_name === 'string' ? args.tool_name : '';
    let params = (args.parameters as Json | undefined) ?? {};
    if (tool === '' && typeof params.tool_name === 'string') {
      tool = params.tool_name;
      params =
        (params.parameters as Json | undefined) ??
        Object.fromEntries(Object.entries(params).filter(([k]) => k !== 'tool_name'));
    }
    if (tool === '') {
      return {
        isError: true,
        content: [
          {
            type: 'text',
            text: 'tool_name is required: call_tool expects {"tool_name": "<name from find_tool>", "parameters": {…}}',
          },
        ],
      };
    }
    if (!c.tools().some((t) => t.name === tool)) {
      return { isError: true, content: [{ type: 'text', text: `tool not found: ${tool}` }] };
    }
    return c.invoke(tool, params);
  }
}
