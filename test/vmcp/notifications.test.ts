/**
 * What backends announce on their own reaches the vMCP's clients promptly: resource updates for
 * the URIs a client subscribed to (2025-11-25 `resources/subscribe`, 2026-07-28
 * `subscriptions/listen` with `resourceSubscriptions`), and list changes, after the backend has
 * been listed again. The backend here speaks 2025-11-25 only and health checks are rare, so only
 * the vMCP's watch of the backend's own stream can carry them.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import {
  ResourceUpdatedNotificationSchema,
  SubscribeRequestSchema,
  ToolListChangedNotificationSchema,
  UnsubscribeRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfigText, resolveConfig } from '../../proxyrunner/vmcp/config/load.ts';
import { type RunningVmcp, startVmcp } from '../../proxyrunner/vmcp/server/serve.ts';
import { waitFor } from '../proxyrunner/helpers.ts';
import { type RunningBackend, startFixture, text } from './support/backends.ts';

const URI = 'test://counter';

/** Backend state shared by all its sessions: a counter resource and a growing tool list. */
class LiveBackend {
  readonly servers = new Set<McpServer>();
  readonly subscriptions = new Map<McpServer, Set<string>>();
  counter = 0;
  extra = 0;

  build = (): McpServer => {
    const s = new McpServer(
      { name: 'live', version: '1.0.0' },
      { capabilities: { resources: { subscribe: true, listChanged: true }, tools: { listChanged: true } } },
    );
    const subs = new Set<string>();
    this.subscriptions.set(s, subs);
    s.registerResource('counter', URI, { mimeType: 'text/plain' }, async () => ({
      contents: [{ uri: URI, mimeType: 'text/plain', text: String(this.counter) }],
    }));
    s.registerTool('touch', {}, async () => {
      this.counter++;
      for (const [srv, set] of this.subscriptions)
        if (set.has(URI)) await srv.server.sendResourceUpdated({ uri: URI }).catch(() => undefined);
      return text(`counter ${this.counter}`);
    });
    s.registerTool('grow', {}, async () => {
      this.extra++;
      // Registering on a connected server announces tools/list_changed on its GET stream.
      for (const srv of this.servers) srv.registerTool(`extra${this.extra}`, {}, async () => text('extra'));
      return text('grown');
    });
    for (let i = 1; i <= this.extra; i++) s.registerTool(`extra${i}`, {}, async () => text('extra'));
    s.server.setRequestHandler(SubscribeRequestSchema, async (req) => {
      subs.add(req.params.uri);
      return {};
    });
    s.server.setRequestHandler(UnsubscribeRequestSchema, async (req) => {
      subs.delete(req.params.uri);
      return {};
    });
    this.servers.add(s);
    return s;
  };

  /** Sessions of the backend subscribed to the counter (the vMCP's watch session when it is). */
  subscribed(): number {
    return [...this.subscriptions.values()].filter((set) => set.has(URI)).length;
  }
}

describe('vmcp relays what backends announce', () => {
  const live = new LiveBackend();
  let backend: RunningBackend;
  let vmcp: RunningVmcp;

  beforeAll(async () => {
    backend = await startFixture({ name: 'live' }, undefined, live.build);
    const settings = resolveConfig(
      parseConfigText(`
name: relay
groupRef: g
incomingAuth: {type: anonymous}
outgoingAuth: {source: inline, default: {type: unauthenticated}}
backends: [{name: live, url: "${backend.url}", transport: streamable-http}]
operational: {failureHandling: {healthCheckInterval: 10m}}
`),
      { env: {} },
    );
    vmcp = await startVmcp(settings, { port: 0, log: () => undefined });
  });
  afterAll(async () => {
    await vmcp?.close();
    await backend?.stop();
  });

  it('delivers resource updates to a subscribed 2025-11-25 session, and stops after unsubscribe', async () => {
    const client = new Client({ name: 'sub', version: '1' });
    const updates: string[] = [];
    client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => {
      updates.push(n.params.uri);
    });
    await client.connect(new StreamableHTTPClientTransport(new URL(vmcp.url)));
    expect(client.getServerCapabilities()?.resources?.subscribe).toBe(true);
    await client.subscribeResource({ uri: URI });
    await waitFor(() => live.subscribed() > 0);
    await waitFor(async () => {
      await client.callTool({ name: 'live_touch', arguments: {} });
      return updates.length > 0;
    });
    expect(updates[0]).toBe(URI);
    await client.unsubscribeResource({ uri: URI });
    await waitFor(() => live.subscribed() === 0);
    // An unknown resource cannot be subscribed.
    await expect(client.subscribeResource({ uri: 'test://nowhere' })).rejects.toThrow(/not found/i);
    await client.close();
  });

  it('drops the subscriptions of a session that ends', async () => {
    const client = new Client({ name: 'gone', version: '1' });
    const transport = new StreamableHTTPClientTransport(new URL(vmcp.url));
    await client.connect(transport);
    await client.subscribeResource({ uri: URI });
    await waitFor(() => live.subscribed() > 0);
    await transport.terminateSession();
    await client.close();
    await waitFor(() => live.subscribed() === 0);
  });

  it('announces list changes after listing the backend again', async () => {
    const client = new Client({ name: 'lists', version: '1' });
    let handled = 0;
    let toolsWhenTold: string[] = [];
    client.setNotificationHandler(ToolListChangedNotificationSchema, async () => {
      toolsWhenTold = (await client.listTools()).tools.map((t) => t.name);
      handled++;
    });
    await client.connect(new StreamableHTTPClientTransport(new URL(vmcp.url)));
    // The SDK opens its GET stream in the background; grow until a change reaches it, then let
    // every change in flight arrive.
    await waitFor(async () => {
      await client.callTool({ name: 'live_grow', arguments: {} });
      return handled > 0;
    });
    await waitFor(() => toolsWhenTold.includes(`live_extra${live.extra}`));
    // One more change: the list the client fetches when told already has the new tool.
    const before = handled;
    await client.callTool({ name: 'live_grow', arguments: {} });
    await waitFor(() => handled > before);
    expect(toolsWhenTold).toContain(`live_extra${live.extra}`);
    await client.close();
  });

  it('relays updates to a 2026-07-28 subscriptions/listen stream that asked for the resource', async () => {
    const meta = {
      'io.modelcontextprotocol/protocolVersion': '2026-07-28',
      'io.modelcontextprotocol/clientInfo': { name: 'modern', version: '1' },
      'io.modelcontextprotocol/clientCapabilities': {},
    };
    const ctl = new AbortController();
    const res = await fetch(vmcp.url, {
      method: 'POST',
      signal: ctl.signal,
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-protocol-version': '2026-07-28',
        'mcp-method': 'subscriptions/listen',
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 'listen-1',
        method: 'subscriptions/listen',
        params: { _meta: meta, notifications: { resourceSubscriptions: [URI, 'test://nowhere'] } },
      }),
    });
    expect(res.status).toBe(200);
    const events: Array<{ method: string; params: Record<string, unknown> }> = [];
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for await (const chunk of res.body!) {
          buffer += decoder.decode(chunk, { stream: true });
          for (let i = buffer.indexOf('\n\n'); i !== -1; i = buffer.indexOf('\n\n')) {
            const data = buffer
              .slice(0, i)
              .split('\n')
              .filter((l) => l.startsWith('data: '))
              .map((l) => l.slice(6))
              .join('');
            buffer = buffer.slice(i + 2);
            if (data) events.push(JSON.parse(data));
          }
        }
      } catch {
        // aborted
      }
    })();
    await waitFor(() => events.length > 0);
    expect(events[0]).toMatchObject({
      method: 'notifications/subscriptions/acknowledged',
      params: { notifications: { resourceSubscriptions: [URI] } },
    });
    await waitFor(() => live.subscribed() > 0);
    const touch = await fetch(vmcp.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-protocol-version': '2026-07-28',
        'mcp-method': 'tools/call',
        'mcp-name': 'live_touch',
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 2,
        method: 'tools/call',
        params: { _meta: meta, name: 'live_touch', arguments: {} },
      }),
    });
    expect(touch.status).toBe(200);
    await waitFor(() => events.some((e) => e.method === 'notifications/resources/updated'));
    expect(events.find((e) => e.method === 'notifications/resources/updated')!.params).toMatchObject({
      uri: URI,
      _meta: { 'io.modelcontextprotocol/subscriptionId': 'listen-1' },
    });
    ctl.abort();
    await waitFor(() => live.subscribed() === 0);
  });
});
