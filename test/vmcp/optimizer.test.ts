import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OptimizerSettings } from '../../proxyrunner/vmcp/config/model.ts';
import { createEmbedder, Optimizer } from '../../proxyrunner/vmcp/optimizer/optimizer.ts';

/**
 * A TEI-compatible server (`GET /info`, `POST /embed`) with deterministic embeddings: a bag of
 * hashed word stems, so texts sharing words are close and unrelated texts are far apart.
 */
function embed(text: string): number[] {
  const v = new Array<number>(64).fill(0);
  for (const word of text
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => w.length > 2)) {
    const stem = word.slice(0, 5);
    const h = createHash('sha256').update(stem).digest();
    v[h[0]! % 64]! += 1;
  }
  const n = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
  return v.map((x) => x / n);
}

const tools = [
  {
    name: 'github_create_issue',
    description: 'Open a new issue in a GitHub repository',
    inputSchema: { type: 'object' },
  },
  {
    name: 'github_search_code',
    description: 'Search source code across repositories',
    inputSchema: { type: 'object' },
  },
  {
    name: 'slack_post_message',
    description: 'Send a chat message to a Slack channel',
    inputSchema: { type: 'object' },
  },
  {
    name: 'weather_forecast',
    description: 'Forecast tomorrow weather for a city',
    inputSchema: { type: 'object' },
  },
  {
    name: 'secret_admin_reset',
    description: 'Reset every repository issue tracker',
    inputSchema: { type: 'object' },
  },
];

function settings(over: Partial<OptimizerSettings> = {}): OptimizerSettings {
  return {
    maxToolsToReturn: 3,
    semanticRatio: 0.5,
    distanceThreshold: 1,
    embeddingProvider: 'tei',
    embeddingHeaders: {},
    embeddingTimeoutMs: 5000,
    raw: {},
    ...over,
  };
}

describe('optimizer', () => {
  let tei: Server;
  let url: string;
  let embedCalls = 0;
  beforeAll(async () => {
    tei = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (req.url === '/info') {
          res
            .writeHead(200, { 'content-type': 'application/json' })
            .end(JSON.stringify({ max_client_batch_size: 2 }));
          return;
        }
        embedCalls++;
        const { inputs } = JSON.parse(Buffer.concat(chunks).toString()) as { inputs: string[] };
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(inputs.map(embed)));
      });
    });
    await new Promise<void>((r) => tei.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(tei.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => tei.close(() => r())));

  const call = (o: Optimizer, name: string, args: Record<string, unknown>, deny: string[] = []) =>
    o.call(name, args, {
      allowed: async (t) => !deny.includes(t),
      invoke: async (t, a) => ({ content: [{ type: 'text', text: `${t}:${JSON.stringify(a)}` }] }),
      tools: () => tools,
    });

  it('finds tools by keywords and filters what the caller may not use', async () => {
    const o = new Optimizer(settings());
    const res = await call(
      o,
      'find_tool',
      { tool_description: 'open an issue in a repository', tool_keywords: ['issue'] },
      ['secret_admin_reset'],
    );
    const out = res.structuredContent as {
      tools: Array<{ name: string }>;
      token_metrics: { baseline_tokens: number; returned_tokens: number };
    };
    expect(out.tools[0]?.name).toBe('github_create_issue');
    expect(out.tools.map((t) => t.name)).not.toContain('secret_admin_reset');
    expect(out.token_metrics.returned_tokens).toBeLessThan(out.token_metrics.baseline_tokens);
  });

  it('uses a TEI embedding server for semantic matches and caches embeddings', async () => {
    const o = new Optimizer(
      settings({ embeddingService: url, semanticRatio: 1 }),
      createEmbedder(settings({ embeddingService: url }), {}),
    );
    const res = await call(o, 'find_tool', { tool_description: 'weather forecast for my city tomorrow' });
    const out = res.structuredContent as { tools: Array<{ name: string }> };
    expect(out.tools[0]?.name).toBe('weather_forecast');
    const before = embedCalls;
    await call(o, 'find_tool', { tool_description: 'weather forecast for my city tomorrow' });
    expect(embedCalls).toBe(before); // tool vectors and the query are cached
  });

  it('calls the chosen tool, hoisting a nested tool_name', async () => {
    const o = new Optimizer(settings());
    expect(
      await call(o, 'call_tool', { tool_name: 'weather_forecast', parameters: { city: 'Oslo' } }),
    ).toEqual({
      content: [{ type: 'text', text: 'weather_forecast:{"city":"Oslo"}' }],
    });
    expect(
      await call(o, 'call_tool', {
        parameters: { tool_name: 'weather_forecast', parameters: { city: 'Rome' } },
      }),
    ).toEqual({
      content: [{ type: 'text', text: 'weather_forecast:{"city":"Rome"}' }],
    });
    expect((await call(o, 'call_tool', { tool_name: 'nope' })).isError).toBe(true);
  });
});
