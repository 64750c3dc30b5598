import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisSessionStore } from '../../proxyrunner/session/redis.ts';
import { parseConfigText, resolveConfig } from '../../proxyrunner/vmcp/config/load.ts';
import { type RunningVmcp, startVmcp } from '../../proxyrunner/vmcp/server/serve.ts';
import { startRedis, type TestRedis } from '../support/redis.ts';
import { type RunningBackend, startFixture, text, z } from './support/backends.ts';

type Json = Record<string, unknown>;

const BASE = {
  'content-type': 'application/json',
  accept: 'application/json, text/event-stream',
  'mcp-protocol-version': '2025-11-25',
};

/** Reads SSE `data:` messages from a response body as they arrive. */
async function* sseMessages(res: Response): AsyncGenerator<Json> {
  const reader = res.body!.getReader();
  const dec = new TextDecoder();
  let buf = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buf += dec.decode(value, { stream: true });
    let i = buf.indexOf('\n\n');
    while (i !== -1) {
      const event = buf.slice(0, i);
      buf = buf.slice(i + 2);
      const data = event
        .split('\n')
        .filter((l) => l.startsWith('data:'))
        .map((l) => l.slice(5).trim())
        .join('\n');
      if (data) yield JSON.parse(data) as Json;
      i = buf.indexOf('\n\n');
    }
  }
}

describe('vmcp sessions in Redis across replicas', () => {
  let redis: TestRedis;
  let backend: RunningBackend;
  let a: RunningVmcp;
  let b: RunningVmcp;

  beforeAll(async () => {
    redis = await startRedis();
    backend = await startFixture({
      name: 'crm',
      tools: [
        {
          name: 'confirm',
          input: { what: z.string() },
          handler: async (args, extra) => {
            const r = await extra.elicit(`Really ${String(args.what)}?`, {
              type: 'object',
              properties: { ok: { type: 'boolean' } },
            });
            return text(`answer:${JSON.stringify(r.content)}`);
          },
        },
      ],
    });
    const settings = resolveConfig(
      parseConfigText(`
name: shared
sessionStorage: {provider: redis, address: "${redis.address}", keyPrefix: "thv:vmcp:session:"}
backends:
  - {name: crm, url: "${backend.url}", transport: streamable-http}
`),
      { env: {} },
    );
    a = await startVmcp(settings, { port: 0, log: () => undefined });
    b = await startVmcp(settings, { port: 0, log: () => undefined });
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await backend?.stop();
    await redis?.stop();
  });

  it('serves a session begun on one replica from another, including mid-call elicitation', async () => {
    const init = await fetch(a.url, {
      method: 'POST',
      headers: { ...BASE, accept: 'application/json' },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: {
          protocolVersion: '2025-11-25',
          capabilities: { elicitation: {} },
          clientInfo: { name: 't', version: '1' },
        },
      }),
    });
    const sid = init.headers.get('mcp-session-id')!;
    expect(sid).toBeTruthy();
    await init.text();
    const store = new RedisSessionStore({ address: redis.address, keyPrefix: 'thv:vmcp:session:' });
    expect(await store.get(sid, 60_000)).toBeDefined();
    await store.close();

    const headers = { ...BASE, 'mcp-session-id': sid };
    const call = await fetch(b.url, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 2,
        method: 'tools/call',
        params: { name: 'crm_confirm', arguments: { what: 'delete' } },
      }),
    });
    expect(call.status).toBe(200);
    let final: Json | undefined;
    for await (const msg of sseMessages(call)) {
      if (msg.method === 'elicitation/create') {
        expect((msg.params as Json).message).toBe('Really delete?');
        const answer = await fetch(b.url, {
          method: 'POST',
          headers,
          body: JSON.stringify({
            jsonrpc: '2.0',
            id: msg.id,
            result: { action: 'accept', content: { ok: true } },
          }),
        });
        expect(answer.status).toBe(202);
      } else if (msg.id === 2) {
        final = msg;
        break;
      }
    }
    expect(JSON.stringify(final?.result)).toContain('answer:{\\"ok\\":true}');
  });
});

describe('vmcp session capacity and idle timeout', () => {
  let backend: RunningBackend & { calls: string[] };
  let vmcp: RunningVmcp;

  beforeAll(async () => {
    backend = await startFixture({ name: 'b', tools: [{ name: 'hi', handler: () => text('hi') }] });
    const settings = resolveConfig(
      parseConfigText(
        `name: small\nbackends: [{name: b, url: "${backend.url}", transport: streamable-http}]\n`,
      ),
      { env: {} },
    );
    vmcp = await startVmcp(settings, {
      port: 0,
      log: () => undefined,
      sessionCapacity: 2,
      sessionTtlMs: 500,
    });
  });
  afterAll(async () => {
    await vmcp?.close();
    await backend?.stop();
  });

  const open = () =>
    fetch(vmcp.url, {
      method: 'POST',
      headers: { ...BASE, accept: 'application/json' },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 't', version: '1' } },
      }),
    });

  it('refuses sessions past capacity, and drops idle ones with their backend sessions', async () => {
    const first = await open();
    const sid = first.headers.get('mcp-session-id')!;
    await first.text();
    const call = await fetch(vmcp.url, {
      method: 'POST',
      headers: { ...BASE, accept: 'application/json', 'mcp-session-id': sid },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 2,
        method: 'tools/call',
        params: { name: 'b_hi', arguments: {} },
      }),
    });
    expect(await call.text()).toContain('hi');
    expect(vmcp.handler.sessionCount).toBe(1);
    await (await open()).text();
    const third = await open();
    expect(third.status).toBe(503);
    await third.text();
    // Idle sessions expire; the vMCP then forgets them and closes their backend sessions.
    const deadline = Date.now() + 20_000;
    while (vmcp.handler.sessionCount > 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    expect(vmcp.handler.sessionCount).toBe(0);
    const gone = await fetch(vmcp.url, {
      method: 'POST',
      headers: { ...BASE, accept: 'application/json', 'mcp-session-id': sid },
      body: JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'tools/list' }),
    });
    expect(gone.status).toBe(404);
    await gone.text();
  });
});
