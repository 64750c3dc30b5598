/**
 * VirtualMCPServer with `spec.outgoingAuth.source: inline` (static mode) against the in-memory
 * cluster, all controllers running: the vMCP config lists the group's members, and every change
 * of membership (a member joining, failing validation, leaving) or of a member's auth config
 * re-renders it; an empty group is ToolHive's static mode error, naming the field and the fix.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { findCondition } from '../../../operator/status/conditions.ts';
import { type Harness, startHarness, thv } from '../support/harness.ts';

let h: Harness;
afterEach(() => h?.stop());

const inTools = { groupRef: { name: 'tools' } };
const hub = thv('VirtualMCPServer', 'hub', {
  ...inTools,
  incomingAuth: { type: 'anonymous' },
  outgoingAuth: { source: 'inline' },
});

type Backend = { name: string; url: string; transport: string };
function config(): { backends?: Backend[]; outgoingAuth?: { backends?: Record<string, unknown> } } {
  const cm = h.get('ConfigMap', 'hub-vmcp-config');
  return cm ? parse((cm.data as Record<string, string>)['config.yaml']!) : {};
}
const backendNames = () => (config().backends ?? []).map((b) => b.name);
const checksum = () =>
  (h.get('Deployment', 'hub')?.spec as { template: { metadata: { annotations: Record<string, string> } } })
    ?.template.metadata.annotations['toolhive.stacklok.dev/runconfig-checksum'];
const status = () => (h.get('VirtualMCPServer', 'hub')?.status ?? {}) as Record<string, unknown>;

describe('VirtualMCPServer in static mode (outgoingAuth.source inline)', () => {
  it('reports an empty group with ToolHive’s error, then serves the members as they join and leave', async () => {
    h = await startHarness();
    h.create(thv('MCPGroup', 'tools', {}));
    h.create(hub);
    await h.settle();
    expect(status()).toMatchObject({ phase: 'Failed' });
    const message = String(status().message);
    expect(message).toContain(
      'static mode requires at least one backend with valid transport ([sse streamable-http]), but none were discovered in group tools',
    );
    expect(message).toContain('add a member to MCPGroup "tools" (spec.groupRef.name)');
    expect(message).toContain('set spec.outgoingAuth.source to discovered');
    expect(findCondition(status().conditions, 'Ready')).toMatchObject({ status: 'False', message });
    expect(h.get('ConfigMap', 'hub-vmcp-config')).toBeUndefined();
    expect(h.get('Role', 'hub-vmcp')).toBeUndefined();

    // A member joins: the vMCP is rendered with it as its one static backend.
    h.create(thv('MCPServer', 'fetch', { image: 'ghcr.io/example/fetch:1', ...inTools }));
    await h.settle();
    expect(status()).toMatchObject({ phase: 'Pending', message: 'No pods found for Virtual MCP server' });
    expect(config().backends).toEqual([
      {
        name: 'fetch',
        url: 'http://mcp-fetch-proxy.ns.svc.cluster.local:8080/mcp',
        transport: 'streamable-http',
        metadata: {
          group: 'tools',
          namespace: 'ns',
          tool_type: 'mcp',
          workload_type: 'mcp_server',
        },
      },
    ]);
    expect(h.get('Role', 'hub-vmcp')?.rules).toHaveLength(2);
    const first = checksum();
    expect(first).toBeDefined();

    // A valid entry joins; an entry the operator finds invalid (an internal URL) is not served.
    h.create(
      thv('MCPServerEntry', 'docs', {
        remoteUrl: 'https://docs.example.com/mcp',
        transport: 'streamable-http',
        ...inTools,
      }),
    );
    h.create(
      thv('MCPServerEntry', 'internal', {
        remoteUrl: 'http://localhost:9/mcp',
        transport: 'sse',
        ...inTools,
      }),
    );
    await h.settle();
    expect(h.get('MCPServerEntry', 'internal')?.status).toMatchObject({ phase: 'Failed' });
    expect(backendNames()).toEqual(['docs', 'fetch']);
    expect(checksum()).not.toBe(first);

    // Steady state: a resync of everything writes nothing.
    const writes = h.writes();
    for (const kind of ['VirtualMCPServer', 'MCPServer', 'MCPServerEntry'])
      h.manager.informers.informer(h.type(kind)).resync();
    await h.settle();
    expect(h.writes()).toBe(writes);

    // Fixing the invalid entry brings it in; moving a member to another group takes it out.
    h.cluster.mergePatch(h.type('MCPServerEntry'), 'ns', 'internal', {
      spec: { remoteUrl: 'https://internal.example.com/sse' },
    });
    await h.settle();
    expect(backendNames()).toEqual(['docs', 'fetch', 'internal']);
    h.create(thv('MCPGroup', 'other', {}));
    h.cluster.mergePatch(h.type('MCPServer'), 'ns', 'fetch', { spec: { groupRef: { name: 'other' } } });
    await h.settle();
    expect(backendNames()).toEqual(['docs', 'internal']);
  });

  it('follows the auth config of a member: served once it exists, re-rendered when it changes', async () => {
    h = await startHarness();
    h.create(thv('MCPGroup', 'tools', {}));
    h.create(thv('MCPServer', 'fetch', { image: 'ghcr.io/example/fetch:1', ...inTools }));
    h.create(
      thv('MCPServerEntry', 'wiki', {
        remoteUrl: 'https://wiki.example.com/mcp',
        transport: 'streamable-http',
        externalAuthConfigRef: { name: 'wiki-key' },
        ...inTools,
      }),
    );
    h.create(hub);
    await h.settle();
    // Its auth config is missing: ToolHive leaves such a member out, and so do we.
    expect(backendNames()).toEqual(['fetch']);

    h.create(
      thv('MCPExternalAuthConfig', 'wiki-key', {
        type: 'headerInjection',
        headerInjection: { headerName: 'X-Api-Key', valueSecretRef: { name: 'wiki', key: 'key' } },
      }),
    );
    await h.settle();
    expect(backendNames()).toEqual(['fetch', 'wiki']);
    expect(config().outgoingAuth?.backends).toEqual({
      wiki: {
        type: 'header_injection',
        headerInjection: {
          headerName: 'X-Api-Key',
          headerValueEnv: 'TOOLHIVE_HEADER_INJECTION_VALUE_WIKI_KEY',
        },
      },
    });

    // Only the auth config changes (the entry's status does not): the vMCP config follows.
    h.cluster.mergePatch(h.type('MCPExternalAuthConfig'), 'ns', 'wiki-key', {
      spec: { headerInjection: { headerName: 'Authorization' } },
    });
    await h.settle();
    expect(config().outgoingAuth?.backends).toMatchObject({
      wiki: { headerInjection: { headerName: 'Authorization' } },
    });
  });
});
