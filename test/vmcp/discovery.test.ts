/**
 * Discovery of MCPGroup members and the VirtualMCPServer status writes, against a small
 * in-memory API (resourceVersions, watches from a version, status merge patches with a
 * resourceVersion precondition) standing in until the operator's in-memory cluster is on main.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../lib/api/meta.ts';
import { parseConfigText, resolveConfig } from '../../proxyrunner/vmcp/config/load.ts';
import type { KubePort, ResourceType, WatchEvent } from '../../proxyrunner/vmcp/discovery/kube-port.ts';
import { type RunningVmcp, startVmcp } from '../../proxyrunner/vmcp/server/serve.ts';
import { type RunningBackend, startFixture, text } from './support/backends.ts';

class MiniCluster implements KubePort {
  private rv = 1;
  private readonly objects = new Map<string, KubeObject>();
  private readonly sinks = new Set<{ plural: string; sink: { event(ev: WatchEvent): void } }>();

  private key(type: ResourceType, ns: string | undefined, name: string): string {
    return `${type.plural}/${ns ?? ''}/${name}`;
  }

  put(type: ResourceType, obj: KubeObject): void {
    const k = this.key(type, obj.metadata.namespace, obj.metadata.name ?? '');
    const existed = this.objects.has(k);
    const stored = {
      ...obj,
      metadata: { ...obj.metadata, resourceVersion: String(++this.rv), generation: 1 },
    };
    this.objects.set(k, stored);
    for (const s of this.sinks)
      if (s.plural === type.plural) s.sink.event({ type: existed ? 'MODIFIED' : 'ADDED', object: stored });
  }

  remove(type: ResourceType, ns: string, name: string): void {
    const k = this.key(type, ns, name);
    const obj = this.objects.get(k);
    if (!obj) return;
    this.objects.delete(k);
    this.rv++;
    for (const s of this.sinks) if (s.plural === type.plural) s.sink.event({ type: 'DELETED', object: obj });
  }

  async get(type: ResourceType, ns: string | undefined, name: string) {
    return this.objects.get(this.key(type, ns, name));
  }

  async list(type: ResourceType, opts?: { namespace?: string }) {
    const items = [...this.objects.entries()]
      .filter(([k]) => k.startsWith(`${type.plural}/${opts?.namespace ?? ''}/`))
      .map(([, v]) => v);
    return { items, resourceVersion: String(this.rv) };
  }

  watch(
    type: ResourceType,
    _opts: unknown,
    sink: { event(ev: WatchEvent): void; done(err?: unknown): void },
  ) {
    const entry = { plural: type.plural, sink };
    this.sinks.add(entry);
    return { stop: () => this.sinks.delete(entry) };
  }

  async mergePatch(type: ResourceType, ns: string | undefined, name: string, patch: Record<string, unknown>) {
    const obj = this.objects.get(this.key(type, ns, name));
    if (!obj) throw Object.assign(new Error('not found'), { code: 404 });
    const want = (patch.metadata as { resourceVersion?: string } | undefined)?.resourceVersion;
    if (want !== undefined && want !== obj.metadata.resourceVersion)
      throw Object.assign(new Error('conflict'), { code: 409 });
    const next = { ...obj, status: { ...(obj.status as object), ...(patch.status as object) } };
    this.put(type, next);
    return next;
  }
}

const T = (kind: string, plural: string): ResourceType => ({
  group: 'toolhive.stacklok.dev',
  version: 'v1beta1',
  kind,
  plural,
  namespaced: true,
  statusSubresource: true,
});
const MCPServer = T('MCPServer', 'mcpservers');
const MCPServerEntry = T('MCPServerEntry', 'mcpserverentries');
const VMCP = T('VirtualMCPServer', 'virtualmcpservers');
const CTD = T('VirtualMCPCompositeToolDefinition', 'virtualmcpcompositetooldefinitions');
const EXTAUTH = T('MCPExternalAuthConfig', 'mcpexternalauthconfigs');

const obj = (
  kind: string,
  name: string,
  spec: Record<string, unknown>,
  status?: Record<string, unknown>,
): KubeObject => ({
  apiVersion: 'toolhive.stacklok.dev/v1beta1',
  kind,
  metadata: { name, namespace: 'team' },
  spec,
  ...(status ? { status } : {}),
});

async function until(what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('vmcp discovery and status in a cluster', () => {
  let kube: MiniCluster;
  let one: RunningBackend;
  let two: RunningBackend;
  let vmcp: RunningVmcp;

  beforeAll(async () => {
    [one, two] = await Promise.all([
      startFixture({ name: 'one', tools: [{ name: 'ping', handler: () => text('one') }] }),
      startFixture({ name: 'two', tools: [{ name: 'ping', handler: () => text('two') }] }),
    ]);
    kube = new MiniCluster();
    kube.put(
      VMCP,
      obj(
        'VirtualMCPServer',
        'gw',
        { groupRef: { name: 'team-tools' }, incomingAuth: { type: 'anonymous' } },
        {
          conditions: [
            {
              type: 'Valid',
              status: 'True',
              reason: 'ValidationSucceeded',
              message: 'ok',
              lastTransitionTime: '2026-01-01T00:00:00Z',
            },
          ],
        },
      ),
    );
    kube.put(
      EXTAUTH,
      obj('MCPExternalAuthConfig', 'one-auth', {
        type: 'headerInjection',
        headerInjection: { headerName: 'X-Key', valueSecretRef: { name: 's', key: 'k' } },
      }),
    );
    kube.put(
      MCPServer,
      obj(
        'MCPServer',
        'one',
        {
          groupRef: { name: 'team-tools' },
          transport: 'streamable-http',
          externalAuthConfigRef: { name: 'one-auth' },
        },
        { phase: 'Ready', url: one.url },
      ),
    );
    kube.put(
      MCPServer,
      obj(
        'MCPServer',
        'pending',
        { groupRef: { name: 'team-tools' }, transport: 'stdio' },
        { phase: 'Pending' },
      ),
    );
    kube.put(
      MCPServer,
      obj(
        'MCPServer',
        'elsewhere',
        { groupRef: { name: 'other' }, transport: 'stdio' },
        { phase: 'Ready', url: two.url },
      ),
    );
    kube.put(
      CTD,
      obj('VirtualMCPCompositeToolDefinition', 'pinger', {
        name: 'ping_all',
        description: 'Ping',
        steps: [{ id: 'a', tool: 'two.ping' }],
      }),
    );
    const settings = resolveConfig(
      parseConfigText(`
compositeToolRefs: [{name: pinger}]
name: gw
groupRef: team-tools
incomingAuth: {type: anonymous}
outgoingAuth: {source: discovered}
operational: {failureHandling: {statusReportingInterval: 1h, healthCheckInterval: 1h}}
`),
      { env: {} },
    );
    vmcp = await startVmcp(settings, {
      port: 0,
      log: () => undefined,
      env: { TOOLHIVE_HEADER_INJECTION_VALUE_ONE_AUTH: 'k1' },
      kube: { client: kube, namespace: 'team', name: 'gw' },
    });
  });

  afterAll(async () => {
    await vmcp?.close();
    await Promise.all([one?.stop(), two?.stop()]);
  });

  it('serves only Ready members of the group, with their discovered auth', async () => {
    expect(vmcp.monitor.names()).toEqual(['one']);
    expect(await (await fetch(vmcp.url.replace('/mcp', '/readyz'))).json()).toEqual({
      status: 'ready',
      mode: 'dynamic',
    });
    expect(vmcp.auth.strategyFor('one')?.type).toBe('header_injection');
    expect(vmcp.view.compositeTools.map((c) => c.def.name)).toEqual(['ping_all']);
    expect(await vmcp.auth.headersFor('one')).toEqual({ 'x-key': 'k1' });
  });

  it('follows members as they become ready, join through entries, and leave', async () => {
    kube.put(
      MCPServerEntry,
      obj(
        'MCPServerEntry',
        'two',
        { groupRef: { name: 'team-tools' }, remoteUrl: two.url, transport: 'streamable-http' },
        { phase: 'Valid' },
      ),
    );
    await until('entry two', () => vmcp.monitor.names().includes('two'));
    kube.remove(MCPServer, 'team', 'one');
    await until('one removed', () => !vmcp.monitor.names().includes('one'));
    expect([...vmcp.view.view.tools.keys()]).toEqual(['two_ping']);
  });

  it('writes backend health to the VirtualMCPServer status, keeping the operator conditions', async () => {
    await vmcp.reporter!.report(true);
    const status = (await kube.get(VMCP, 'team', 'gw'))!.status as Record<string, unknown>;
    expect(status).toMatchObject({ phase: 'Ready', backendCount: 1, observedGeneration: 1 });
    expect(status.discoveredBackends).toEqual([
      expect.objectContaining({
        name: 'two',
        status: 'ready',
        url: two.url,
        mcpRevision: '2025-11-25',
        authType: 'unauthenticated',
      }),
    ]);
    const conditions = status.conditions as Array<{ type: string; status: string }>;
    expect(conditions.map((c) => `${c.type}=${c.status}`).sort()).toEqual([
      'BackendsDiscovered=True',
      'Degraded=False',
      'Ready=True',
      'Valid=True',
    ]);

    await two.stop();
    await vmcp.monitor.check('two');
    await vmcp.monitor.check('two');
    await vmcp.monitor.check('two');
    await vmcp.reporter!.report(true);
    const degraded = (await kube.get(VMCP, 'team', 'gw'))!.status as Record<string, unknown>;
    expect(degraded).toMatchObject({ phase: 'Degraded', backendCount: 0 });
    expect(degraded.discoveredBackends).toEqual([
      expect.objectContaining({ name: 'two', status: 'unavailable' }),
    ]);
  });
});
