/**
 * Every front end × back end: the SDK client over streamable HTTP and over legacy SSE, against
 * server-everything run as a stdio child, as a streamable-HTTP server and as an SSE server.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, describe, expect, it } from 'vitest';
import { FixedTarget } from '../../proxyrunner/backend/targets.ts';
import { createProxy } from '../../proxyrunner/proxy.ts';
import { HttpClientHandler } from '../../proxyrunner/upstream/http-client.ts';
import { HttpBackendForwarder } from '../../proxyrunner/upstream/http-forward.ts';
import { startEverythingHttp, startStdioProxy } from './helpers.ts';

type Front = 'streamable-http' | 'sse';

async function connect(base: string, front: Front): Promise<Client> {
  const client = new Client({ name: `matrix-${front}`, version: '1.0.0' }, { capabilities: {} });
  const transport =
    front === 'sse'
      ? new SSEClientTransport(new URL(`${base}/sse`))
      : new StreamableHTTPClientTransport(new URL(`${base}/mcp`));
  await client.connect(transport);
  return client;
}

async function exercise(client: Client): Promise<void> {
  const tools = await client.listTools();
  expect(tools.tools.map((t) => t.name)).toContain('echo');
  const [a, b] = await Promise.all([
    client.callTool({ name: 'echo', arguments: { message: 'one' } }),
    client.callTool({ name: 'get-sum', arguments: { a: 2, b: 3 } }),
  ]);
  expect(JSON.stringify(a)).toContain('Echo: one');
  expect(JSON.stringify(b)).toContain('5');
  const resources = await client.listResources();
  expect(resources.resources.length).toBeGreaterThan(0);
  const prompts = await client.listPrompts();
  expect(prompts.prompts.length).toBeGreaterThan(0);
}

describe('front end × back end', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => {});
  });

  for (const front of ['streamable-http', 'sse'] as const) {
    it(`${front} front end → stdio child`, async () => {
      const px = await startStdioProxy();
      cleanups.push(() => px.close());
      const client = await connect(px.base, front);
      cleanups.push(() => client.close());
      await exercise(client);
    });
  }

  for (const mode of ['streamableHttp', 'sse'] as const) {
    for (const front of ['streamable-http', 'sse'] as const) {
      const native = (mode === 'sse') === (front === 'sse');
      it(`${front} front end → HTTP server-everything (${mode}${native ? ', forwarded' : ', bridged'})`, async () => {
        const server = await startEverythingHttp(mode);
        cleanups.push(() => server.stop());
        const url = `${server.base}/${mode === 'sse' ? 'sse' : 'mcp'}`;
        const transport = mode === 'sse' ? 'sse' : 'streamable-http';
        const forwarder = new HttpBackendForwarder({ target: new FixedTarget(url, false), transport });
        const crossTransport = new HttpClientHandler({ url, transport });
        const proxy = createProxy({ backend: { kind: 'http', forwarder, crossTransport, transport } });
        const { port } = await proxy.listen(0);
        cleanups.push(async () => {
          await proxy.shutdown(500);
        });
        const client = await connect(`http://127.0.0.1:${port}`, front);
        cleanups.push(() => client.close());
        await exercise(client);
      });
    }
  }
});
