import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../proxyrunner/vmcp/backends/backend.ts';
import { type RunningBackend, startEverything, startFixture, text, z } from './support/backends.ts';

const opts = { timeoutMs: 10_000 };

describe('backend client', () => {
  let streamable: RunningBackend;
  let sse: RunningBackend;
  let fixture: RunningBackend;

  beforeAll(async () => {
    [streamable, sse, fixture] = await Promise.all([
      startEverything('streamableHttp'),
      startEverything('sse'),
      startFixture({
        name: 'fixture',
        tools: [
          {
            name: 'ask',
            input: { q: z.string() },
            handler: async (args, extra) => {
              const r = await extra.elicit(`answer ${String(args.q)}`, {
                type: 'object',
                properties: { a: { type: 'string' } },
              });
              return text(JSON.stringify(r));
            },
          },
        ],
      }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([streamable?.stop(), sse?.stop(), fixture?.stop()]);
  });

  it('lists and calls tools over streamable HTTP, detecting a legacy backend', async () => {
    const b = new Backend({ name: 'everything', url: streamable.url, transport: 'streamable-http' });
    expect(await b.era(opts)).toBe('2025-11-25');
    const caps = await b.listCapabilities(opts);
    expect(caps.tools.map((t) => t.name)).toContain('echo');
    expect(caps.prompts.length).toBeGreaterThan(0);
    expect(caps.resources.length).toBeGreaterThan(0);
    const ch = await b.channel(opts, {});
    const res = await ch.request('tools/call', { name: 'echo', arguments: { message: 'hi' } }, opts);
    expect(res).toMatchObject({ result: { content: [{ type: 'text', text: 'Echo: hi' }] } });
    await ch.close();
    await b.close();
  });

  it('speaks the legacy HTTP+SSE transport', async () => {
    const b = new Backend({ name: 'old', url: sse.url, transport: 'sse' });
    const caps = await b.listCapabilities(opts);
    expect(caps.tools.map((t) => t.name)).toContain('get-sum');
    const ch = await b.channel(opts, {});
    const res = await ch.request('tools/call', { name: 'get-sum', arguments: { a: 2, b: 3 } }, opts);
    expect(JSON.stringify(res)).toContain('5');
    await ch.close();
    await b.close();
  });

  it('relays a backend elicitation request to the caller and returns its answer', async () => {
    const b = new Backend({ name: 'fx', url: fixture.url, transport: 'streamable-http' });
    const ch = await b.channel(opts, { elicitation: {} });
    const asked: string[] = [];
    const res = await ch.request(
      'tools/call',
      { name: 'ask', arguments: { q: 'why' } },
      {
        ...opts,
        onRequest: async (r) => {
          asked.push(String((r.params as { message?: string }).message));
          return { result: { action: 'accept', content: { a: '42' } } };
        },
      },
    );
    expect(asked).toEqual(['answer why']);
    expect(JSON.stringify(res)).toContain('42');
    await ch.close();
    await b.close();
  });

  it('fails clearly when the backend is down', async () => {
    const b = new Backend({ name: 'gone', url: 'http://127.0.0.1:9/mcp', transport: 'streamable-http' });
    await expect(b.listCapabilities(opts)).rejects.toThrow(/cannot reach backend/);
    await b.close();
  });
});
