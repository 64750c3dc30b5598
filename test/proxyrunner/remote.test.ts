/**
 * MCPRemoteProxy rules: the remote URL's path replaces the MCP endpoint path, its query comes
 * before the client's, configured headers are added and the client's credentials are not
 * passed on, and private or internal addresses are refused unless allowed.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderMcpRemoteProxy } from '../../constructs/render.ts';
import type { RunConfig } from '../../lib/runconfig/types.ts';
import {
  addressBlocked,
  FixedTarget,
  guardedLookup,
  validateRemoteUrl,
} from '../../proxyrunner/backend/targets.ts';
import { chooseBackend, startBackend } from '../../proxyrunner/config/backend.ts';
import { resolveHeaderForward } from '../../proxyrunner/config/header-forward.ts';
import { normaliseRunConfig } from '../../proxyrunner/config/runconfig.ts';
import { createProxy, type McpProxy } from '../../proxyrunner/proxy.ts';
import { HttpBackendForwarder } from '../../proxyrunner/upstream/http-forward.ts';
import { post } from './helpers.ts';

describe('remote URL validation', () => {
  it.each([
    ['http://127.0.0.1/mcp', false, /not allowed/],
    ['http://localhost:8080/mcp', true, /not allowed/],
    ['http://169.254.169.254/latest', true, /not allowed/],
    ['http://[::1]/mcp', true, /not allowed/],
    ['http://10.1.2.3/mcp', false, /private/],
    ['http://192.168.0.10/mcp', false, /private/],
    ['http://mcp.tools.svc.cluster.local/mcp', false, /cluster-internal/],
    ['http://kubernetes.default.svc/api', true, /not allowed/],
    ['http://metadata.google.internal/', true, /not allowed/],
    ['ftp://example.com/', false, /http or https/],
  ])('refuses %s (allowPrivate=%s)', (url, allowPrivate, why) => {
    expect(validateRemoteUrl(url, allowPrivate)).toMatch(why);
  });

  it.each([
    ['https://mcp.example.com/v1/mcp', false],
    ['http://10.1.2.3/mcp', true],
    ['http://mcp.tools.svc.cluster.local/mcp', true],
    ['http://mcp-server.tools.svc:8080/mcp', false],
  ])('accepts %s (allowPrivate=%s)', (url, allowPrivate) => {
    expect(validateRemoteUrl(url, allowPrivate)).toBeUndefined();
  });

  it('refuses at connect time when a name resolves to a blocked address', async () => {
    const lookup = guardedLookup(true);
    const err = await new Promise<NodeJS.ErrnoException | null>((resolve) =>
      lookup('localhost', {}, (e) => resolve(e)),
    );
    expect(err?.code).toBe('EREMOTEBLOCKED');
  });

  it('refuses to start a remote proxy at a loopback URL', async () => {
    const rc = normaliseRunConfig({ name: 'r', remote_url: 'http://127.0.0.1:9/mcp' });
    await expect(
      startBackend(
        { kind: 'remote', url: rc.remote_url!, transport: 'streamable-http', description: '' },
        rc,
        {},
      ),
    ).rejects.toThrow(/not allowed/);
  });
});

describe('header forwarding config', () => {
  it('adds plaintext and secret headers and refuses hop-by-hop or spoofing ones', () => {
    const headers = resolveHeaderForward(
      { add_plaintext_headers: { 'X-Tenant': 'acme' }, add_headers_from_secret: { 'X-Api-Key': 'key-id' } },
      { TOOLHIVE_SECRET_key_id: 'unused', 'TOOLHIVE_SECRET_key-id': 's3cret' },
    );
    expect(headers).toEqual({ 'x-tenant': 'acme', 'x-api-key': 's3cret' });
    expect(() => resolveHeaderForward({ add_plaintext_headers: { Host: 'evil' } }, {})).toThrow(/Host/);
    expect(() =>
      resolveHeaderForward({ add_plaintext_headers: { 'X-Forwarded-For': '1.2.3.4' } }, {}),
    ).toThrow();
    expect(() => resolveHeaderForward({ add_headers_from_secret: { 'X-K': 'missing' } }, {})).toThrow(
      /missing/,
    );
  });
});

describe('forwarding to a remote MCP server', () => {
  let upstream: Server;
  let seen: Array<{ url: string; headers: IncomingHttpHeaders; body: string }> = [];
  let proxy: McpProxy;
  let base: string;

  beforeAll(async () => {
    upstream = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        seen.push({ url: req.url ?? '', headers: req.headers, body });
        const msg = JSON.parse(body || '{}') as { id?: number; method?: string };
        if (msg.id === undefined) {
          res.writeHead(202).end();
          return;
        }
        const result =
          msg.method === 'initialize'
            ? {
                protocolVersion: '2025-11-25',
                capabilities: {},
                serverInfo: { name: 'remote', version: '1' },
              }
            : { tools: [] };
        res.writeHead(200, { 'content-type': 'application/json', 'mcp-session-id': 'remote-session-1' });
        res.end(JSON.stringify({ jsonrpc: '2.0', id: msg.id, result }));
      });
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
    const port = (upstream.address() as AddressInfo).port;
    // Loopback is refused for real remote proxies; the rules under test are the same.
    const forwarder = new HttpBackendForwarder({
      target: new FixedTarget(`http://127.0.0.1:${port}/v2/mcp?toolsets=core,alerting`, true),
      transport: 'streamable-http',
      addHeaders: { 'x-tenant': 'acme' },
    });
    proxy = createProxy({ backend: { kind: 'http', forwarder, transport: 'streamable-http' } });
    base = `http://127.0.0.1:${(await proxy.listen(0)).port}`;
  });

  afterAll(async () => {
    await proxy.shutdown(500);
    await new Promise<void>((r) => upstream.close(() => r()));
  });

  it('applies the path, query and header rules', async () => {
    seen = [];
    const init = await post(
      `${base}/mcp?client=1`,
      {
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'c', version: '1' } },
      },
      { authorization: 'Bearer client-token', 'x-forwarded-host': 'spoofed.example' },
    );
    expect(init.status).toBe(200);
    expect(init.headers.get('mcp-session-id')).toBe('remote-session-1');
    const list = await post(
      `${base}/mcp`,
      { jsonrpc: '2.0', id: 2, method: 'tools/list' },
      { 'mcp-session-id': 'remote-session-1' },
    );
    expect(list.status).toBe(200);
    expect(seen[0]!.url).toBe('/v2/mcp?toolsets=core,alerting&client=1');
    expect(seen[1]!.url).toBe('/v2/mcp?toolsets=core,alerting');
    expect(seen[0]!.headers['x-tenant']).toBe('acme');
    expect(seen[0]!.headers.authorization).toBeUndefined();
    expect(seen[0]!.headers['x-forwarded-host']).toBeUndefined();
    expect(seen[0]!.headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(seen[1]!.headers['mcp-session-id']).toBe('remote-session-1');
  });

  it('answers an unknown session with 404 without bothering the remote', async () => {
    seen = [];
    const res = await post(
      `${base}/mcp`,
      { jsonrpc: '2.0', id: 3, method: 'tools/list' },
      { 'mcp-session-id': 'nope' },
    );
    expect(res.status).toBe(404);
    expect(res.json()).toMatchObject({ id: 3, error: { code: -32001 } });
    expect(seen).toHaveLength(0);
  });
});

/** A private (RFC 1918 or unique-local) address of this machine, if it has one. */
function privateAddress(): string | undefined {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) {
      if (a.internal) continue;
      if (a.family === 'IPv6' && /^f[cd]/i.test(a.address)) return a.address;
      if (a.family === 'IPv4' && addressBlocked(a.address, false) !== undefined) return a.address;
    }
  }
  return undefined;
}

describe('allowPrivateEndpoint from the MCPRemoteProxy to the running proxy', () => {
  const address = privateAddress();

  function rendered(allowPrivateEndpoint: boolean | undefined, remoteUrl: string): RunConfig {
    const objects = renderMcpRemoteProxy({
      proxy: {
        apiVersion: 'toolhive.stacklok.dev/v1beta1',
        kind: 'MCPRemoteProxy',
        metadata: { name: 'internal', namespace: 'tools' },
        spec: { remoteUrl, ...(allowPrivateEndpoint !== undefined ? { allowPrivateEndpoint } : {}) },
      },
    });
    const cm = objects.find(
      (o) => o.kind === 'ConfigMap' && o.metadata?.name === 'internal-runconfig',
    ) as unknown as {
      data: Record<string, string>;
    };
    return normaliseRunConfig(JSON.parse(cm.data['runconfig.json']!) as Partial<RunConfig>);
  }

  it('writes allow_private_endpoint only when the spec allows it', () => {
    expect(rendered(true, 'http://10.1.2.3/mcp').allow_private_endpoint).toBe(true);
    expect(rendered(false, 'http://10.1.2.3/mcp').allow_private_endpoint).toBeUndefined();
    expect(rendered(undefined, 'http://10.1.2.3/mcp').allow_private_endpoint).toBeUndefined();
  });

  it('refuses a private remote URL unless the rendered RunConfig allows it', async () => {
    for (const allow of [false, true]) {
      const rc = rendered(allow, 'http://mcp.tools.svc.cluster.local:8080/mcp');
      const choice = chooseBackend(rc, { command: [], env: {} });
      const started = startBackend(choice, rc, {});
      if (allow) expect((await started).kind).toBe('http');
      else await expect(started).rejects.toThrow(/cluster-internal/);
    }
  });

  it.skipIf(address === undefined)(
    'forwards to a server on a private address of this machine only when allowed',
    async () => {
      const upstream = createServer((req, res) => {
        req.resume();
        req.on('end', () => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('{"jsonrpc":"2.0","id":1,"result":{"tools":[]}}');
        });
      });
      await new Promise<void>((r) => upstream.listen(0, address, r));
      const host = address!.includes(':') ? `[${address}]` : address;
      const remote = `http://${host}:${(upstream.address() as AddressInfo).port}/mcp`;
      try {
        await expect(
          startBackend(
            chooseBackend(rendered(false, remote), { command: [], env: {} }),
            rendered(false, remote),
            {},
          ),
        ).rejects.toThrow(/not allowed/);
        const rc = rendered(true, remote);
        const backend = await startBackend(chooseBackend(rc, { command: [], env: {} }), rc, {});
        const p = createProxy({ backend });
        const port = (await p.listen(0)).port;
        const res = await post(`http://127.0.0.1:${port}/mcp`, {
          jsonrpc: '2.0',
          id: 1,
          method: 'tools/list',
        });
        expect(res.status).toBe(200);
        expect(res.json()).toMatchObject({ result: { tools: [] } });
        await p.shutdown(500);
      } finally {
        await new Promise<void>((r) => upstream.close(() => r()));
      }
    },
  );
});
