import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfigText, resolveConfig } from '../../proxyrunner/vmcp/config/load.ts';
import { type RunningVmcp, startVmcp } from '../../proxyrunner/vmcp/server/serve.ts';
import { freePort, isListening } from '../support/ports.ts';
import { type RunningBackend, startEverything, startFixture, text, z } from './support/backends.ts';

async function connect(
  url: string,
  onElicit?: (message: string) => Record<string, unknown>,
): Promise<Client> {
  const client = new Client(
    { name: 'test', version: '1.0.0' },
    { capabilities: onElicit ? { elicitation: {} } : {} },
  );
  if (onElicit) {
    client.setRequestHandler(ElicitRequestSchema, async (req) => ({
      action: 'accept',
      content: onElicit(String(req.params.message)),
    }));
  }
  await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  return client;
}

function textOf(res: unknown): string {
  const r = res as { content?: Array<{ text?: string }> };
  return (r.content ?? []).map((c) => c.text ?? '').join('');
}

describe('vmcp serve over real backends', () => {
  let everything: RunningBackend;
  let legacySse: RunningBackend;
  let alpha: RunningBackend & { calls: string[] };
  let beta: RunningBackend & { calls: string[] };
  let vmcp: RunningVmcp;

  beforeAll(async () => {
    [everything, legacySse, alpha, beta] = await Promise.all([
      startEverything('streamableHttp'),
      startEverything('sse'),
      startFixture({
        name: 'alpha',
        tools: [
          {
            name: 'search',
            description: 'Search alpha documents',
            input: { q: z.string() },
            handler: (a) => text(`alpha:${String(a.q)}`),
          },
          {
            name: 'status',
            description: 'Alpha status',
            handler: () => text('alpha ok'),
            annotations: { readOnlyHint: true },
          },
        ],
        prompts: [{ name: 'greet', text: 'hello from alpha' }],
      }),
      startFixture({
        name: 'beta',
        tools: [
          {
            name: 'search',
            description: 'Search beta tickets',
            input: { q: z.string() },
            handler: (a) => text(`beta:${String(a.q)}`),
          },
          {
            name: 'count',
            description: 'Count items',
            input: { n: z.number() },
            handler: (a) => ({ content: [], structuredContent: { doubled: Number(a.n) * 2 } }),
          },
        ],
      }),
    ]);
    const settings = resolveConfig(
      parseConfigText(`
name: test-vmcp
groupRef: g
incomingAuth: {type: anonymous}
outgoingAuth: {source: inline, default: {type: unauthenticated}}
backends:
  - {name: everything, url: "${everything.url}", transport: streamable-http}
  - {name: legacy, url: "${legacySse.url}", transport: sse}
  - {name: alpha, url: "${alpha.url}", transport: streamable-http}
  - {name: beta, url: "${beta.url}", transport: streamable-http}
  - {name: ghost, url: "http://127.0.0.1:9/mcp", transport: streamable-http}
aggregation:
  conflictResolution: prefix
  conflictResolutionConfig: {prefixFormat: "{workload}_"}
  tools:
    - workload: legacy
      excludeAll: true
    - workload: beta
      overrides: {count: {name: tally, description: Count things twice}}
operational:
  failureHandling: {healthCheckInterval: 10s, healthCheckTimeout: 5s, unhealthyThreshold: 1}
compositeTools:
  - name: investigate
    description: Search both and confirm
    parameters: {type: object, properties: {q: {type: string}, n: {type: integer, default: 4}}}
    steps:
      - {id: a, tool: alpha.search, arguments: {q: "{{.params.q}}"}}
      - {id: b, tool: beta.search, arguments: {q: "{{.params.q}}"}}
      - {id: t, tool: beta.count, arguments: {n: "{{.params.n}}"}}
      - {id: sum, tool: legacy.get-sum, dependsOn: [t], arguments: {a: "{{.steps.t.output.doubled}}", b: "1"}}
      - {id: ok, type: elicitation, dependsOn: [a, b], message: "Found {{.steps.a.output.text}} and {{.steps.b.output.text}}. Go?", schema: {type: object, properties: {go: {type: boolean}}}}
    output:
      properties:
        alpha: {type: string, value: "{{.steps.a.output.text}}"}
        doubled: {type: integer, value: "{{.steps.t.output.doubled}}"}
        sum: {type: string, value: "{{.steps.sum.output.text}}"}
        go: {type: boolean, value: "{{.steps.ok.output.content.go}}"}
`),
      { env: {} },
    );
    vmcp = await startVmcp(settings, { port: 0, log: () => undefined });
  });

  afterAll(async () => {
    await vmcp?.close();
    await Promise.all([everything?.stop(), legacySse?.stop(), alpha?.stop(), beta?.stop()]);
  });

  it('aggregates tools with prefixes, overrides and exclusions', async () => {
    const client = await connect(vmcp.url);
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names).toEqual(
      expect.arrayContaining(['alpha_search', 'beta_search', 'beta_tally', 'everything_echo', 'investigate']),
    );
    expect(names.some((n) => n.startsWith('legacy_'))).toBe(false);
    const prompts = (await client.listPrompts()).prompts.map((p) => p.name);
    expect(prompts).toContain('alpha_greet');
    expect(textOf(await client.callTool({ name: 'alpha_search', arguments: { q: 'x' } }))).toBe('alpha:x');
    expect(textOf(await client.callTool({ name: 'beta_search', arguments: { q: 'y' } }))).toBe('beta:y');
    expect(textOf(await client.callTool({ name: 'everything_echo', arguments: { message: 'hi' } }))).toBe(
      'Echo: hi',
    );
    expect((await client.callTool({ name: 'beta_tally', arguments: { n: 3 } })).structuredContent).toEqual({
      doubled: 6,
    });
    const prompt = await client.getPrompt({ name: 'alpha_greet' });
    expect(JSON.stringify(prompt.messages)).toContain('hello from alpha');
    const resources = await client.listResources();
    expect(resources.resources.length).toBeGreaterThan(0);
    const first = resources.resources[0]!;
    const read = await client.readResource({ uri: first.uri });
    expect(read.contents.length).toBeGreaterThan(0);
    await client.close();
  });

  it('runs a composite workflow across backends, including a hidden tool and an elicitation', async () => {
    const asked: string[] = [];
    const client = await connect(vmcp.url, (m) => {
      asked.push(m);
      return { go: true };
    });
    const res = await client.callTool({ name: 'investigate', arguments: { q: 'bug' } });
    expect(textOf(res)).not.toContain('workflow');
    expect(res.isError).toBeFalsy();
    expect(res.structuredContent).toMatchObject({ alpha: 'alpha:bug', doubled: 8, go: true });
    expect(String((res.structuredContent as { sum: string }).sum)).toContain('9');
    expect(asked).toEqual(['Found alpha:bug and beta:bug. Go?']);
    await client.close();
  });

  it('keeps serving when one backend goes away, names it in errors, and recovers', async () => {
    const client = await connect(vmcp.url);
    // A backend down since start: its tools are not listed, and calling one names it.
    const ghost = await client.callTool({ name: 'ghost_anything', arguments: {} });
    expect(ghost.isError).toBe(true);
    expect(textOf(ghost)).toMatch(/^backend ghost is unavailable: cannot reach backend/);
    const port = alpha.port;
    await alpha.stop();
    const failed = await client.callTool({ name: 'alpha_search', arguments: { q: 'z' } });
    expect(failed.isError).toBe(true);
    expect(textOf(failed)).toMatch(/backend alpha is unavailable/);
    expect(textOf(await client.callTool({ name: 'beta_search', arguments: { q: 'z' } }))).toBe('beta:z');
    // Restart alpha on the same port; the next health check brings it back.
    alpha = await startFixture(
      {
        name: 'alpha',
        tools: [{ name: 'search', input: { q: z.string() }, handler: (a) => text(`alpha2:${String(a.q)}`) }],
      },
      port,
    );
    await vmcp.monitor.check('alpha');
    const back = await client.callTool({ name: 'alpha_search', arguments: { q: 'z' } });
    expect(textOf(back)).toBe('alpha2:z');
    await client.close();
  });

  it('answers health, readiness and status routes', async () => {
    const base = vmcp.url.replace(/\/mcp$/, '');
    expect(await (await fetch(`${base}/ping`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${base}/readyz`)).json()).toEqual({ status: 'ready', mode: 'static' });
    const status = (await (await fetch(`${base}/status`)).json()) as {
      backends: Array<{ name: string; health: string; mcp_revision: string }>;
    };
    expect(status.backends.map((b) => b.name)).toEqual(['alpha', 'beta', 'everything', 'ghost', 'legacy']);
    expect(status.backends.find((b) => b.name === 'ghost')?.health).toBe('unhealthy');
    expect(status.backends.find((b) => b.name === 'beta')).toMatchObject({
      health: 'healthy',
      mcp_revision: '2025-11-25',
    });
  });

  it('serves 2026-07-28 stateless requests beside sessions', async () => {
    const meta = {
      'io.modelcontextprotocol/protocolVersion': '2026-07-28',
      'io.modelcontextprotocol/clientCapabilities': {},
    };
    const post = (method: string, params: Record<string, unknown>, name?: string) =>
      fetch(vmcp.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          'mcp-protocol-version': '2026-07-28',
          'mcp-method': method,
          ...(name ? { 'mcp-name': name } : {}),
        },
        body: JSON.stringify({ jsonrpc: '2.0', id: 7, method, params: { ...params, _meta: meta } }),
      });
    const discover = await post('server/discover', {});
    expect(discover.status).toBe(200);
    const d = (await discover.json()) as { result: Record<string, unknown> };
    expect(d.result).toMatchObject({ supportedVersions: ['2026-07-28'], resultType: 'complete' });
    const list = (await (await post('tools/list', {})).json()) as {
      result: { tools: unknown[]; ttlMs: number };
    };
    expect(list.result.tools.length).toBeGreaterThan(3);
    expect(list.result.ttlMs).toBe(0);
    const call = await post('tools/call', { name: 'beta_search', arguments: { q: 'm' } }, 'beta_search');
    const body = await call.text();
    expect(body).toContain('beta:m');
    const ping = await post('ping', {});
    expect(ping.status).toBe(404);
    // A composite tool that must ask the user cannot do so mid-call to a 2026-07-28 caller (that
    // would need the workflow parked between multi-round-trip requests): a clear failure.
    const composite = await post('tools/call', { name: 'investigate', arguments: { q: 'x' } }, 'investigate');
    const failed = JSON.stringify(await composite.json());
    expect(failed).toContain('isError');
    expect(failed).toContain(
      'elicitation/create cannot be sent to a 2026-07-28 caller in the middle of a call',
    );
  });
});

describe('vmcp serve start-up failure', () => {
  it('frees its port when start-up fails after it began listening', async () => {
    const port = await freePort();
    const settings = resolveConfig(
      parseConfigText(`
name: broken-vmcp
groupRef: g
incomingAuth: {type: anonymous}
outgoingAuth: {source: inline, default: {type: unauthenticated}}
backends:
  - {name: alpha, url: "https://127.0.0.1:9/mcp", transport: streamable-http, type: entry, caBundlePath: /nonexistent/ca.crt}
`),
    );
    // The CA bundle is read once the server listens; the failure must not leave it listening.
    await expect(startVmcp(settings, { port, log: () => undefined })).rejects.toThrow(/ca\.crt/);
    expect(await isListening(port)).toBe(false);
  });
});
