/**
 * MCPServerEntry `headerForward` in the vMCP runtime, and discovered members whose auth config
 * cannot be used. Discovery runs against the operator's in-memory cluster; the backends are real
 * MCP servers on 127.0.0.1 that record every HTTP request they get.
 * (Static mode, from a chart-rendered config and Deployment env: static-backends.test.ts.)
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  readHeaderForwardFromEnv,
  resolveHeaderForward,
} from '../../proxyrunner/vmcp/backends/header-forward.ts';
import { createTarget, postMessage } from '../../proxyrunner/vmcp/backends/http.ts';
import { parseConfigText, resolveConfig } from '../../proxyrunner/vmcp/config/load.ts';
import { RESOURCES } from '../../proxyrunner/vmcp/discovery/kube-port.ts';
import { type RunningVmcp, startVmcp } from '../../proxyrunner/vmcp/server/serve.ts';
import { startFixture, text } from './support/backends.ts';
import { Cluster, thv, until } from './support/cluster.ts';

describe('header forward configuration', () => {
  it('resolves literal and Secret-backed headers, the secret from TOOLHIVE_SECRET_<identifier>', () => {
    expect(
      resolveHeaderForward(
        {
          addPlaintextHeaders: { 'X-Tenant': 'acme' },
          addHeadersFromSecret: { 'X-Api-Key': 'HEADER_FORWARD_X_API_KEY_PAPERS' },
        },
        { TOOLHIVE_SECRET_HEADER_FORWARD_X_API_KEY_PAPERS: 's3cret' },
        'papers',
      ),
    ).toEqual({ 'x-tenant': 'acme', 'x-api-key': 's3cret' });
  });

  it('refuses restricted headers and missing secrets as ToolHive does, never naming the value', () => {
    for (const name of ['Host', 'content-length', 'X-Forwarded-For', 'Connection', 'Proxy-Authorization']) {
      expect(() => resolveHeaderForward({ addPlaintextHeaders: { [name]: 'v' } }, {}, 'papers')).toThrow(
        /^backend "papers": header "[A-Za-z-]+" is restricted and cannot be forwarded$/,
      );
    }
    expect(() =>
      resolveHeaderForward(
        { addHeadersFromSecret: { 'x-forwarded-host': 'ID' } },
        { TOOLHIVE_SECRET_ID: 'v' },
        'p',
      ),
    ).toThrow('backend "p": header "X-Forwarded-Host" is restricted and cannot be forwarded');
    expect(() =>
      resolveHeaderForward({ addHeadersFromSecret: { 'X-Api-Key': 'HEADER_FORWARD_X' } }, {}, 'papers'),
    ).toThrow('backend "papers": header "X-Api-Key" secret not found in pod environment');
    // An empty value is "not found" too (ToolHive's environment provider).
    expect(() =>
      resolveHeaderForward(
        { addHeadersFromSecret: { 'X-Api-Key': 'HEADER_FORWARD_X' } },
        { TOOLHIVE_SECRET_HEADER_FORWARD_X: '' },
        'papers',
      ),
    ).toThrow('secret not found in pod environment');
  });

  it('reads the operator’s manifests from the environment, skipping one that does not parse', () => {
    const logs: string[] = [];
    const m = readHeaderForwardFromEnv(
      {
        TOOLHIVE_HEADER_FORWARD_PAPERS: '{"addPlaintextHeaders":{"X-Tenant":"acme"}}',
        TOOLHIVE_HEADER_FORWARD_BROKEN: '{"addPlaintextHeaders":{"X-Tenant":"tenant-value-x"',
        TOOLHIVE_SECRET_HEADER_FORWARD_X_PAPERS: 'not a manifest',
      },
      (l) => logs.push(l),
    );
    expect([...m.keys()]).toEqual(['PAPERS']);
    expect(m.get('PAPERS')).toEqual({ addPlaintextHeaders: { 'X-Tenant': 'acme' } });
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/^invalid headerForward manifest in TOOLHIVE_HEADER_FORWARD_BROKEN, skipping/);
    expect(logs[0]).not.toContain('tenant-value-x');
  });

  it('adds the fixed headers under the request’s own: outgoing auth and protocol headers win', async () => {
    const seen: IncomingHttpHeaders[] = [];
    const server = createServer((req, res) => {
      seen.push(req.headers);
      req.resume();
      res.writeHead(202).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const target = createTarget(`http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`, undefined, {
      headers: { 'x-tenant': 'acme', 'x-key': 'forwarded', 'content-type': 'text/plain' },
    });
    try {
      await postMessage(
        target,
        target.url,
        { jsonrpc: '2.0', method: 'notifications/initialized' },
        { headers: { 'x-key': 'from-auth' } },
      );
    } finally {
      target.agent.destroy();
      server.closeAllConnections();
      server.close();
    }
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      'x-tenant': 'acme',
      'x-key': 'from-auth',
      'content-type': 'application/json',
    });
  });
});

const MCPServer = RESOURCES.mcpServer;
const MCPServerEntry = RESOURCES.mcpServerEntry;
const VMCP = RESOURCES.virtualMcpServer;
const EXTAUTH = RESOURCES.mcpExternalAuthConfig;

describe('vmcp discovered mode: entry headerForward, and members whose auth config cannot be used', () => {
  const kube = new Cluster();
  const logs: string[] = [];
  let papers: Awaited<ReturnType<typeof startFixture>>;
  let blocked: Awaited<ReturnType<typeof startFixture>>;
  let good: Awaited<ReturnType<typeof startFixture>>;
  let unserved: Awaited<ReturnType<typeof startFixture>>;
  let vmcp: RunningVmcp;

  const server = (name: string, url: string, authRef?: string) =>
    thv(
      'MCPServer',
      name,
      {
        groupRef: { name: 'research' },
        transport: 'streamable-http',
        ...(authRef ? { externalAuthConfigRef: { name: authRef } } : {}),
      },
      { phase: 'Ready', url },
    );
  /** A headerInjection config setting X-Key from key `k` of Secret `secret`. */
  const headerInjection = (name: string, secret: string) =>
    thv('MCPExternalAuthConfig', name, {
      type: 'headerInjection',
      headerInjection: { headerName: 'X-Key', valueSecretRef: { name: secret, key: 'k' } },
    });
  const entry = (name: string, url: string, headerForward: Record<string, unknown>) =>
    thv(
      'MCPServerEntry',
      name,
      { groupRef: { name: 'research' }, remoteUrl: url, transport: 'streamable-http', headerForward },
      { phase: 'Valid' },
    );

  beforeAll(async () => {
    [papers, blocked, good, unserved] = await Promise.all([
      startFixture({ name: 'papers', tools: [{ name: 'search', handler: () => text('papers result') }] }),
      startFixture({ name: 'blocked', tools: [{ name: 'search', handler: () => text('blocked') }] }),
      startFixture({ name: 'good', tools: [{ name: 'ping', handler: () => text('pong') }] }),
      startFixture({ name: 'unserved', tools: [{ name: 'ping', handler: () => text('unserved') }] }),
    ]);
    await kube.put(VMCP, thv('VirtualMCPServer', 'gw', { groupRef: { name: 'research' } }));
    await kube.put(EXTAUTH, headerInjection('good-auth', 'good'));
    await kube.put(
      EXTAUTH,
      thv('MCPExternalAuthConfig', 'bearer-auth', {
        type: 'bearerToken',
        bearerToken: { tokenSecretRef: { name: 'b', key: 'token' } },
      }),
    );
    await kube.put(EXTAUTH, headerInjection('nosecret-auth', 'absent'));
    await kube.put(
      MCPServerEntry,
      entry('papers', papers.url, {
        addPlaintextHeaders: { 'X-Tenant': 'acme' },
        addHeadersFromSecret: [{ headerName: 'X-Api-Key', valueSecretRef: { name: 'papers', key: 'key' } }],
      }),
    );
    await kube.put(
      MCPServerEntry,
      entry('blocked', blocked.url, { addPlaintextHeaders: { Host: 'evil.example' } }),
    );
    await kube.put(MCPServer, server('good', good.url, 'good-auth'));
    await kube.put(MCPServer, server('missing', unserved.url, 'gone-auth'));
    await kube.put(MCPServer, server('bearer', unserved.url, 'bearer-auth'));
    await kube.put(MCPServer, server('nosecret', unserved.url, 'nosecret-auth'));
    const settings = resolveConfig(
      parseConfigText(`
name: gw
groupRef: research
incomingAuth: {type: anonymous}
outgoingAuth: {source: discovered}
passthroughHeaders: [X-Tenant]
operational: {failureHandling: {statusReportingInterval: 1h, healthCheckInterval: 1h}}
`),
      { env: {} },
    );
    vmcp = await startVmcp(settings, {
      port: 0,
      log: (l) => logs.push(l),
      // What the operator puts on the vMCP container (the Secrets' values via secretKeyRef).
      env: {
        TOOLHIVE_SECRET_HEADER_FORWARD_X_API_KEY_PAPERS: 'papers-api-key',
        TOOLHIVE_HEADER_INJECTION_VALUE_GOOD_AUTH: 'good-key',
      },
      kube: { client: kube.client, namespace: 'team', name: 'gw' },
    });
  });

  afterAll(async () => {
    await vmcp?.close();
    await Promise.all([papers?.stop(), blocked?.stop(), good?.stop(), unserved?.stop()]);
  });

  const connect = async (headers: Record<string, string> = {}): Promise<Client> => {
    const c = new Client({ name: 'hf-test', version: '1' });
    await c.connect(new StreamableHTTPClientTransport(new URL(vmcp.url), { requestInit: { headers } }));
    return c;
  };

  it('skips members whose MCPExternalAuthConfig is missing or unusable, and logs each by name', () => {
    expect(vmcp.monitor.names().sort()).toEqual(['blocked', 'good', 'papers']);
    expect(unserved.requests).toEqual([]);
    expect(vmcp.discovery!.skipped()).toEqual([
      {
        kind: 'MCPServer',
        name: 'bearer',
        reason:
          'MCPExternalAuthConfig bearer-auth: type "bearerToken" is not supported for vMCP outgoing auth by toolhive-ts',
      },
      {
        kind: 'MCPServer',
        name: 'missing',
        reason: 'MCPExternalAuthConfig gone-auth not found in namespace team',
      },
      {
        kind: 'MCPServer',
        name: 'nosecret',
        reason:
          'MCPExternalAuthConfig nosecret-auth: the value of Secret absent key k is not in the pod environment (TOOLHIVE_HEADER_INJECTION_VALUE_NOSECRET_AUTH is not set)',
      },
    ]);
    expect(logs).toContain(
      'skipping MCPServer missing due to auth discovery failure, it is not served: MCPExternalAuthConfig gone-auth not found in namespace team',
    );
    expect(logs.filter((l) => l.startsWith('skipping MCPServer '))).toHaveLength(3);
  });

  it('sends the entry’s literal and Secret-backed headers on every request to it, and to no other backend', async () => {
    const c = await connect();
    try {
      const tools = (await c.listTools()).tools.map((t) => t.name);
      expect(tools).toEqual(expect.arrayContaining(['papers_search', 'good_ping']));
      expect(tools).not.toContain('blocked_search');
      expect((await c.callTool({ name: 'papers_search', arguments: {} })).content).toEqual([
        { type: 'text', text: 'papers result' },
      ]);
      expect((await c.callTool({ name: 'good_ping', arguments: {} })).content).toEqual([
        { type: 'text', text: 'pong' },
      ]);
    } finally {
      await c.close();
    }
    const methods = papers.requests.map((r) => r.method);
    expect(methods).toEqual(
      expect.arrayContaining(['POST initialize', 'POST tools/list', 'POST tools/call']),
    );
    for (const r of papers.requests) {
      expect(r.headers['x-tenant'], r.method).toBe('acme');
      expect(r.headers['x-api-key'], r.method).toBe('papers-api-key');
    }
    // The member's own discovered auth, and none of the entry's headers.
    expect(good.headers.at(-1)?.['x-key']).toBe('good-key');
    for (const r of good.requests) expect(r.headers['x-tenant']).toBeUndefined();
    expect(logs.join('\n')).not.toContain('papers-api-key');
  });

  it('refuses a restricted header: nothing is sent to that entry, and the reason is its health error', async () => {
    await vmcp.monitor.check('blocked');
    expect(blocked.requests).toEqual([]);
    const h = vmcp.monitor.all().find((b) => b.name === 'blocked');
    expect(h?.lastError).toContain('backend "blocked": header "Host" is restricted and cannot be forwarded');
    expect(logs.some((l) => l.includes('header "Host" is restricted'))).toBe(true);
  });

  it('fails a call whose passthrough header collides with the backend’s header forwarding', async () => {
    const c = await connect({ 'X-Tenant': 'client-tenant' });
    try {
      const r = await c.callTool({ name: 'papers_search', arguments: {} }).catch((e: Error) => e);
      expect(JSON.stringify(r instanceof Error ? r.message : r)).toContain(
        'forwarded header \\"X-Tenant\\" collides with the backend',
      );
      // A backend without header forwarding gets the client's header.
      await c.callTool({ name: 'good_ping', arguments: {} });
      expect(good.headers.at(-1)?.['x-tenant']).toBe('client-tenant');
    } finally {
      await c.close();
    }
  });

  it('reports the members it does not serve in the BackendsDiscovered condition', async () => {
    await vmcp.reporter!.report(true);
    const status = (await kube.get(VMCP, 'team', 'gw'))!.status as {
      conditions: Array<{ type: string; message: string }>;
      discoveredBackends: Array<{ name: string }>;
    };
    expect(status.discoveredBackends.map((b) => b.name).sort()).toEqual(['blocked', 'good', 'papers']);
    const cond = status.conditions.find((c) => c.type === 'BackendsDiscovered')!;
    expect(cond.message).toBe(
      'Discovered 3 backends; not served: MCPServer bearer (MCPExternalAuthConfig bearer-auth: type "bearerToken" is not supported for vMCP outgoing auth by toolhive-ts); ' +
        'MCPServer missing (MCPExternalAuthConfig gone-auth not found in namespace team); ' +
        'MCPServer nosecret (MCPExternalAuthConfig nosecret-auth: the value of Secret absent key k is not in the pod environment (TOOLHIVE_HEADER_INJECTION_VALUE_NOSECRET_AUTH is not set))',
    );
  });

  it('forgets a skipped member that leaves the group', async () => {
    await kube.remove(MCPServer, 'team', 'missing');
    await until('missing to leave the skipped list', () =>
      vmcp.discovery!.skipped().every((s) => s.name !== 'missing'),
    );
    expect(vmcp.discovery!.skipped().map((s) => s.name)).toEqual(['bearer', 'nosecret']);
  });
});
