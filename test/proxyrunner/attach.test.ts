/**
 * The stdio-over-attach backend against a stand-in API server that speaks the Kubernetes attach
 * channel protocol and bridges to a real server-everything process: serving through it, losing
 * the pod (in-flight calls get JSON-RPC errors, new ones succeed once a new pod is attached),
 * and giving up when no pod comes back.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AttachPipe } from '../../proxyrunner/backend/attach.ts';
import { createProxy, type McpProxy } from '../../proxyrunner/proxy.ts';
import { StdioMultiplexer } from '../../proxyrunner/upstream/stdio-mux.ts';
import { FakeKubeApi } from '../support/kube-attach.ts';
import { connectClient, EVERYTHING, post, waitFor } from './helpers.ts';

describe('stdio backend through the Kubernetes attach API', () => {
  let api: FakeKubeApi;
  let proxy: McpProxy;
  let url: string;
  let pipe: AttachPipe;

  beforeAll(async () => {
    api = new FakeKubeApi([process.execPath, EVERYTHING, 'stdio']);
    await api.start();
    api.addPod();
    pipe = new AttachPipe({
      kubeConfig: api.kubeConfig(),
      namespace: 'default',
      labelSelector: 'app=everything',
      retryInitialMs: 100,
      retryMaxMs: 500,
    });
    const mux = new StdioMultiplexer(pipe, { onGarbage: () => {} });
    await mux.start();
    proxy = createProxy({ backend: { kind: 'messages', handler: mux, transport: 'stdio' } });
    const { port } = await proxy.listen(0);
    url = `http://127.0.0.1:${port}/mcp`;
  });

  afterAll(async () => {
    await proxy.shutdown(500);
    await api.stop();
  });

  it('serves MCP clients over the pod’s stdin and stdout', async () => {
    const client = await connectClient(url);
    const tools = await client.listTools();
    expect(tools.tools.map((t) => t.name)).toContain('echo');
    expect(
      JSON.stringify(await client.callTool({ name: 'echo', arguments: { message: 'via attach' } })),
    ).toContain('Echo: via attach');
    await client.close();
  });

  it('fails in-flight calls when the pod goes away and serves again once a new pod is attached', async () => {
    const client = await connectClient(url);
    const slow = client
      .callTool({ name: 'trigger-long-running-operation', arguments: { duration: 5, steps: 5 } }, undefined, {
        timeout: 30_000,
      })
      .then(
        () => new Error('the call should have failed'),
        (err: unknown) => err,
      );
    await new Promise((r) => setTimeout(r, 300));
    const attachesBefore = api.attaches;
    await api.deletePods();
    expect(String(await slow)).toMatch(/Backend connection lost/);

    api.addPod();
    await waitFor(() => api.attaches > attachesBefore && pipe.isUp, 20_000);
    const result = await client.callTool({ name: 'echo', arguments: { message: 'new pod' } });
    expect(JSON.stringify(result)).toContain('Echo: new pod');
    await client.close();
  });

  it('serves legacy SSE clients over the same pod', async () => {
    const client = new Client({ name: 'sse-over-attach', version: '1.0.0' });
    await client.connect(new SSEClientTransport(new URL(url.replace('/mcp', '/sse'))));
    expect(JSON.stringify(await client.callTool({ name: 'echo', arguments: { message: 'sse' } }))).toContain(
      'Echo: sse',
    );
    await client.close();
  });

  it('answers health with the backend state', async () => {
    const res = await fetch(url.replace('/mcp', '/health'));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'healthy',
      transport: 'stdio',
      mcp: { available: true },
    });
  });
});

describe('attach give-up', () => {
  it('reports a fatal error after the budget passes without a pod', async () => {
    const api = new FakeKubeApi([process.execPath, EVERYTHING, 'stdio']);
    await api.start();
    try {
      const pipe = new AttachPipe({
        kubeConfig: api.kubeConfig(),
        namespace: 'default',
        labelSelector: 'app=everything',
        retryInitialMs: 100,
        retryMaxMs: 200,
        giveUpMs: 1_000,
      });
      const fatal: string[] = [];
      pipe.onFatal((reason) => fatal.push(reason));
      const mux = new StdioMultiplexer(pipe);
      await expect(mux.start()).rejects.toThrow(/no MCP server pod/);
      expect(fatal[0]).toMatch(/no running pod matches app=everything/);
    } finally {
      await api.stop();
    }
  });

  it('keeps bad input from a client away from the pod', async () => {
    const api = new FakeKubeApi([process.execPath, EVERYTHING, 'stdio']);
    await api.start();
    api.addPod();
    const pipe = new AttachPipe({
      kubeConfig: api.kubeConfig(),
      namespace: 'default',
      labelSelector: 'app=x',
    });
    const mux = new StdioMultiplexer(pipe);
    await mux.start();
    const proxy = createProxy({ backend: { kind: 'messages', handler: mux, transport: 'stdio' } });
    try {
      const { port } = await proxy.listen(0);
      const res = await post(`http://127.0.0.1:${port}/mcp`, 'not json');
      expect(res.status).toBe(400);
    } finally {
      await proxy.shutdown(500);
      await api.stop();
    }
  });
});
