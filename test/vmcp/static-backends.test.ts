/**
 * Static mode end to end: VirtualMcpChart renders a VirtualMCPServer with inline outgoing auth
 * for a group of real members (an MCPServer, an MCPRemoteProxy and an MCPServerEntry), and the
 * `toolhive-ts vmcp serve` process runs from the rendered config.yaml against real MCP servers
 * on 127.0.0.1, with the Kubernetes API of an HTTP API server that authorizes every request
 * against the Role the chart rendered for the vMCP. The vMCP serves the members' tools (with the
 * member's own auth), never lists the group, and reports backend health in its status.
 *
 * The members' in-cluster Service names resolve to 127.0.0.1 (a DNS preload), and each member's
 * proxy port is the port its stand-in listens on, so the URLs are the ones the chart wrote.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderVirtualMcpServer } from '../../constructs/render.ts';
import type { KubeObject } from '../../lib/api/meta.ts';
import type { Deployment } from '../../lib/k8s/types.ts';
import { RbacPolicy, type RbacRequest } from '../../operator/kube/memory/rbac.ts';
import { MemoryCluster } from '../../operator/kube/memory-cluster.ts';
import { FakeApiServer } from '../support/fake-apiserver.ts';
import { freePort } from '../support/ports.ts';
import { type RunningBackend, startEverything, startFixture, text } from './support/backends.ts';

const root = new URL('../../', import.meta.url).pathname;
const NS = 'team';
const thv = (kind: string, name: string, spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'toolhive.stacklok.dev/v1beta1',
  kind,
  metadata: { name, namespace: NS },
  spec,
});

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('vmcp serve from a chart-rendered static config', () => {
  let everything: RunningBackend;
  let wiki: Awaited<ReturnType<typeof startFixture>>;
  let docs: Awaited<ReturnType<typeof startFixture>>;
  let cluster: MemoryCluster;
  let api: FakeApiServer;
  let child: ChildProcess | undefined;
  let config: { backends: Array<{ name: string; url: string; transport: string }> };
  let url: string;
  const denied: RbacRequest[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'vmcp-static-'));
  const headerEnv: Record<string, string> = {};
  let output = '';

  beforeAll(async () => {
    [everything, wiki, docs] = await Promise.all([
      startEverything('streamableHttp'),
      startFixture({ name: 'wiki', tools: [{ name: 'search', handler: () => text('wiki result') }] }),
      startFixture({ name: 'docs', tools: [{ name: 'lookup', handler: () => text('docs result') }] }),
    ]);
    const objects = [
      thv('MCPGroup', 'tools', {}),
      // Stand-ins listen where the members' Services would: the proxy port is theirs.
      thv('MCPServer', 'everything', {
        image: 'ghcr.io/example/everything:1',
        transport: 'streamable-http',
        proxyPort: everything.port,
        groupRef: { name: 'tools' },
      }),
      thv('MCPRemoteProxy', 'wiki', {
        remoteUrl: 'https://wiki.example.com/mcp',
        proxyPort: wiki.port,
        groupRef: { name: 'tools' },
        externalAuthConfigRef: { name: 'wiki-key' },
      }),
      thv('MCPServerEntry', 'docs', {
        remoteUrl: docs.url,
        transport: 'streamable-http',
        groupRef: { name: 'tools' },
        headerForward: {
          addPlaintextHeaders: { 'X-Tenant': 'acme' },
          addHeadersFromSecret: [
            { headerName: 'X-Docs-Token', valueSecretRef: { name: 'docs', key: 'token' } },
          ],
        },
      }),
      thv('MCPExternalAuthConfig', 'wiki-key', {
        type: 'headerInjection',
        headerInjection: { headerName: 'X-Api-Key', valueSecretRef: { name: 'wiki', key: 'key' } },
      }),
    ];
    const vmcp = thv('VirtualMCPServer', 'hub', {
      groupRef: { name: 'tools' },
      incomingAuth: { type: 'anonymous' },
      outgoingAuth: { source: 'inline' },
      config: { operational: { failureHandling: { healthCheckInterval: '2s', healthCheckTimeout: '1s' } } },
    });
    const rendered = renderVirtualMcpServer({ server: vmcp as never, references: objects as never });
    const cm = rendered.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'hub-vmcp-config')!;
    const text_ = (cm.data as Record<string, string>)['config.yaml']!;
    config = (await import('yaml')).parse(text_);
    const file = join(dir, 'config.yaml');
    writeFileSync(file, text_);
    // The header-forward env vars of the rendered Deployment, as the kubelet fills them: literal
    // manifests as they are, secretKeyRefs from the Secrets.
    const secrets: Record<string, string> = { 'docs/token': 'docs-secret-token' };
    const deployment = rendered.find(
      (o) => o.kind === 'Deployment' && o.metadata.name === 'hub',
    ) as unknown as Deployment;
    const container = deployment.spec.template.spec.containers[0]!;
    for (const e of container.env ?? []) {
      if (!/^TOOLHIVE_(HEADER_FORWARD|SECRET_HEADER_FORWARD)_/.test(e.name)) continue;
      const ref = e.valueFrom?.secretKeyRef;
      headerEnv[e.name] = ref ? secrets[`${ref.name}/${ref.key}`]! : e.value!;
    }

    // The API server holds the VirtualMCPServer and the group's members, and authorizes the
    // vMCP's requests with the rendered Role, as the API server would for its service account.
    cluster = new MemoryCluster();
    for (const o of [...objects, vmcp]) cluster.create(cluster.resources.toolhive(o.kind), o as never);
    const policy = new RbacPolicy(rendered, { name: 'hub-vmcp', namespace: NS });
    cluster.rbac = {
      allows: (r: RbacRequest) => {
        const ok = policy.allows(r);
        if (!ok) denied.push(r);
        return ok;
      },
      forbidden: (r: RbacRequest) => policy.forbidden(r),
    } as RbacPolicy;
    api = new FakeApiServer(cluster);
    await api.start();
    const kubeconfig = api.writeKubeconfig(join(dir, 'kubeconfig'));

    const port = await freePort();
    url = `http://127.0.0.1:${port}/mcp`;
    // What the Deployment gives the container: VMCP_NAME, VMCP_NAMESPACE and the member's
    // auth secret under the env var the config names.
    child = spawn(
      process.execPath,
      [
        '--import',
        join(root, 'test/vmcp/support/cluster-dns.ts'),
        join(root, 'cli/main.ts'),
        'vmcp',
        'serve',
        `--config=${file}`,
        `--port=${port}`,
      ],
      {
        env: {
          ...process.env,
          KUBECONFIG: kubeconfig,
          VMCP_NAME: 'hub',
          VMCP_NAMESPACE: NS,
          TOOLHIVE_HEADER_INJECTION_VALUE_WIKI_KEY: 'wiki-secret',
          ...headerEnv,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stdout!.on('data', (b: Buffer) => {
      output += b;
    });
    child.stderr!.on('data', (b: Buffer) => {
      output += b;
    });
    await until('vmcp serving', () => (output.includes('serving') ? true : undefined));
  }, 60_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    await api?.stop();
    await Promise.all([everything?.stop(), wiki?.stop(), docs?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('was rendered with the members as static backends at their in-cluster URLs', () => {
    expect(config.backends.map((b) => [b.name, b.url, b.transport])).toEqual([
      ['docs', docs.url, 'streamable-http'],
      [
        'everything',
        `http://mcp-everything-proxy.${NS}.svc.cluster.local:${everything.port}/mcp`,
        'streamable-http',
      ],
      ['wiki', `http://mcp-wiki-remote-proxy.${NS}.svc.cluster.local:${wiki.port}`, 'streamable-http'],
    ]);
    expect(output).toContain('with 3 static backends');
  });

  it('lists and calls the tools of every member, with the member’s own auth', async () => {
    const client = new Client({ name: 'static-test', version: '1' });
    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
    try {
      const names = (await client.listTools()).tools.map((t) => t.name);
      expect(names).toEqual(expect.arrayContaining(['docs_lookup', 'everything_echo', 'wiki_search']));
      const echo = await client.callTool({ name: 'everything_echo', arguments: { message: 'static' } });
      expect(JSON.stringify(echo.content)).toContain('static');
      const wikiResult = await client.callTool({ name: 'wiki_search', arguments: {} });
      expect(wikiResult.content).toEqual([{ type: 'text', text: 'wiki result' }]);
      expect(wiki.headers.at(-1)?.['x-api-key']).toBe('wiki-secret');
      const docsResult = await client.callTool({ name: 'docs_lookup', arguments: {} });
      expect(docsResult.content).toEqual([{ type: 'text', text: 'docs result' }]);
      expect(docs.headers.at(-1)?.['x-api-key']).toBeUndefined();
    } finally {
      await client.close();
    }
  });

  it('sends the entry’s headerForward (literal and Secret-backed) on every request to it, and only to it', () => {
    expect(Object.keys(headerEnv).sort()).toEqual([
      'TOOLHIVE_HEADER_FORWARD_DOCS',
      'TOOLHIVE_SECRET_HEADER_FORWARD_X_DOCS_TOKEN_DOCS',
    ]);
    // Health checks and capability listing (initialize, lists) and the calls above.
    const methods = new Set(docs.requests.map((r) => r.method));
    expect([...methods]).toEqual(
      expect.arrayContaining(['POST initialize', 'POST tools/list', 'POST tools/call']),
    );
    for (const r of docs.requests) {
      expect(r.headers['x-tenant'], r.method).toBe('acme');
      expect(r.headers['x-docs-token'], r.method).toBe('docs-secret-token');
    }
    for (const { headers: h } of wiki.requests) {
      expect(h['x-tenant']).toBeUndefined();
      expect(h['x-docs-token']).toBeUndefined();
    }
    expect(output).not.toContain('docs-secret-token');
  });

  it('needs no more than the inline Role: it never lists the group, and writes backend health to its status', async () => {
    const vmcps = cluster.resources.toolhive('VirtualMCPServer');
    const status = await until('backend health in the status', () => {
      const st = cluster.dump(vmcps, NS)[0]?.status as
        | { backendCount?: number; discoveredBackends?: Array<{ name: string; status: string }> }
        | undefined;
      return st?.backendCount === 3 && st.discoveredBackends?.every((b) => b.status === 'ready')
        ? st
        : undefined;
    });
    expect(status.discoveredBackends?.map((b) => b.name).sort()).toEqual(['docs', 'everything', 'wiki']);
    expect(denied).toEqual([]);
    const discovery =
      /\/(mcpgroups|mcpservers|mcpremoteproxies|mcpserverentries|mcpexternalauthconfigs|secrets|configmaps)(\/|$)/;
    expect(api.requests.filter((r) => discovery.test(r.path)).map((r) => `${r.method} ${r.path}`)).toEqual(
      [],
    );
    expect(api.requests.some((r) => r.path.endsWith(`/namespaces/${NS}/virtualmcpservers/hub/status`))).toBe(
      true,
    );
  });
});
