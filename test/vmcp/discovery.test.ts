/**
 * Discovery of MCPGroup members and the VirtualMCPServer status writes, against the operator's
 * in-memory cluster (real API semantics: resourceVersions, watches, the status subresource).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfigText, resolveConfig } from '../../proxyrunner/vmcp/config/load.ts';
import { RESOURCES } from '../../proxyrunner/vmcp/discovery/kube-port.ts';
import { type RunningVmcp, startVmcp } from '../../proxyrunner/vmcp/server/serve.ts';
import { type RunningBackend, startFixture, text } from './support/backends.ts';
import { Cluster, thv, until } from './support/cluster.ts';

const MCPServer = RESOURCES.mcpServer;
const MCPServerEntry = RESOURCES.mcpServerEntry;
const VMCP = RESOURCES.virtualMcpServer;
const CTD = RESOURCES.compositeToolDefinition;
const EXTAUTH = RESOURCES.mcpExternalAuthConfig;

describe('vmcp discovery and status in a cluster', () => {
  let kube: Cluster;
  let one: RunningBackend;
  let two: RunningBackend;
  let vmcp: RunningVmcp;

  beforeAll(async () => {
    [one, two] = await Promise.all([
      startFixture({ name: 'one', tools: [{ name: 'ping', handler: () => text('one') }] }),
      startFixture({ name: 'two', tools: [{ name: 'ping', handler: () => text('two') }] }),
    ]);
    kube = new Cluster();
    await kube.put(
      VMCP,
      thv(
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
    await kube.put(
      EXTAUTH,
      thv('MCPExternalAuthConfig', 'one-auth', {
        type: 'headerInjection',
        headerInjection: { headerName: 'X-Key', valueSecretRef: { name: 's', key: 'k' } },
      }),
    );
    await kube.put(
      MCPServer,
      thv(
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
    await kube.put(
      MCPServer,
      thv(
        'MCPServer',
        'pending',
        { groupRef: { name: 'team-tools' }, transport: 'stdio' },
        { phase: 'Pending' },
      ),
    );
    await kube.put(
      MCPServer,
      thv(
        'MCPServer',
        'elsewhere',
        { groupRef: { name: 'other' }, transport: 'stdio' },
        { phase: 'Ready', url: two.url },
      ),
    );
    await kube.put(
      RESOURCES.mcpToolConfig,
      thv('MCPToolConfig', 'slim', {
        toolsFilter: ['pong'],
        toolsOverride: { ping: { name: 'pong', description: 'Ping two' } },
      }),
    );
    await kube.put(
      CTD,
      thv('VirtualMCPCompositeToolDefinition', 'pinger', {
        name: 'ping_all',
        description: 'Ping',
        steps: [{ id: 'a', tool: 'two.ping' }],
      }),
    );
    const settings = resolveConfig(
      parseConfigText(`
compositeToolRefs: [{name: pinger}]
aggregation: {tools: [{workload: two, toolConfigRef: {name: slim}}]}
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
      kube: { client: kube.client, namespace: 'team', name: 'gw' },
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
    await kube.put(
      MCPServerEntry,
      thv(
        'MCPServerEntry',
        'two',
        { groupRef: { name: 'team-tools' }, remoteUrl: two.url, transport: 'streamable-http' },
        { phase: 'Valid' },
      ),
    );
    await until('entry two', () => vmcp.monitor.names().includes('two'));
    await kube.remove(MCPServer, 'team', 'one');
    await until('one removed', () => !vmcp.monitor.names().includes('one'));
    await until('two checked', () => vmcp.monitor.routable('two'));
    expect([...vmcp.view.view.tools.values()].map((t) => [t.name, t.backendTool, t.visible])).toEqual([
      ['two_pong', 'ping', true],
    ]);
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
