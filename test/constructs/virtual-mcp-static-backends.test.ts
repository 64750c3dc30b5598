/**
 * VirtualMcpChart with `spec.outgoingAuth.source: inline` (ToolHive's static mode): the group's
 * members are written into config.yaml as `backends`, with the URLs their own charts serve,
 * their transports, CA bundle paths and auth, and the members ToolHive leaves out are left out.
 * ToolHive: virtualmcpserver_vmcpconfig.go processOutgoingAuth, virtualmcpserver_controller.go
 * convertBackendsToStaticBackends, pkg/vmcp/workloads/k8s.go.
 */
import { App } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderVirtualMcpServer } from '../../constructs/render.ts';
import { VirtualMcpChart } from '../../constructs/virtual-mcp-chart.ts';
import type { KubeObject } from '../../lib/api/meta.ts';
import { virtualMcpConfig } from '../../lib/api/virtual-mcp-config.ts';
import type { VirtualMCPServerResource } from '../../lib/workload/kinds.ts';
import { parseConfigText, resolveConfig } from '../../proxyrunner/vmcp/config/load.ts';
import { checkStructure } from '../../proxyrunner/vmcp/config/structure.ts';
import { apiVersion, expectValidK8s, find, type Json, yaml } from './helpers.ts';
import { VMCP_INLINE_RBAC_RULES } from './toolhive-expected.ts';

const NS = 'tools-ns';
const obj = (kind: string, name: string, spec: unknown, status?: unknown): KubeObject =>
  ({
    apiVersion,
    kind,
    metadata: { name, namespace: NS },
    spec,
    ...(status ? { status } : {}),
  }) as KubeObject;

function vmcp(spec: Partial<NonNullable<VirtualMCPServerResource['spec']>> = {}): VirtualMCPServerResource {
  return {
    apiVersion,
    kind: 'VirtualMCPServer',
    metadata: { name: 'hub', namespace: NS },
    spec: {
      groupRef: { name: 'tools' },
      incomingAuth: { type: 'anonymous' },
      ...spec,
      outgoingAuth: { source: 'inline', ...(spec.outgoingAuth ?? {}) },
    } as NonNullable<VirtualMCPServerResource['spec']>,
  };
}

const inTools = { groupRef: { name: 'tools' } };
const members: KubeObject[] = [
  obj('MCPGroup', 'tools', {}),
  // stdio server: its proxy speaks streamable HTTP (proxyMode's default) on port 8080.
  obj('MCPServer', 'fetch', { image: 'ghcr.io/example/fetch:1', ...inTools }),
  // A native SSE server on its own proxy port: ToolHive's status.url is `/sse#<name>`.
  obj('MCPServer', 'legacy', { image: 'legacy:1', transport: 'sse', proxyPort: 9090, ...inTools }),
  obj('MCPServer', 'stdio-sse', { image: 'x:1', transport: 'stdio', proxyMode: 'sse', ...inTools }),
  obj('MCPRemoteProxy', 'linear', {
    remoteUrl: 'https://mcp.linear.app/mcp',
    externalAuthConfigRef: { name: 'linear-key' },
    ...inTools,
  }),
  obj('MCPServerEntry', 'docs', {
    remoteUrl: 'https://docs.example.com/mcp',
    transport: 'streamable-http',
    caBundleRef: { configMapRef: { name: 'docs-ca', key: 'root.pem' } },
    ...inTools,
  }),
  // Entries ToolHive routes to only in phase Valid.
  obj(
    'MCPServerEntry',
    'broken',
    { remoteUrl: 'http://localhost:1/mcp', transport: 'sse', ...inTools },
    { phase: 'Failed' },
  ),
  obj(
    'MCPServerEntry',
    'valid',
    { remoteUrl: 'https://valid.example.com/sse', transport: 'sse', ...inTools },
    { phase: 'Valid' },
  ),
  // Auth that cannot be used: missing, reported invalid, not a vMCP strategy here.
  obj('MCPServer', 'no-auth', { image: 'x:1', externalAuthConfigRef: { name: 'missing' }, ...inTools }),
  obj('MCPServer', 'bad-auth', { image: 'x:1', externalAuthConfigRef: { name: 'invalid' }, ...inTools }),
  obj('MCPServer', 'sts', { image: 'x:1', externalAuthConfigRef: { name: 'aws' }, ...inTools }),
  // Not in the group.
  obj('MCPServer', 'elsewhere', { image: 'x:1', groupRef: { name: 'other' } }),
  obj('MCPExternalAuthConfig', 'linear-key', {
    type: 'headerInjection',
    headerInjection: { headerName: 'X-Api-Key', valueSecretRef: { name: 'linear', key: 'key' } },
  }),
  obj(
    'MCPExternalAuthConfig',
    'invalid',
    { type: 'unauthenticated' },
    {
      conditions: [
        { type: 'Valid', status: 'False', reason: 'EnterpriseRequired', message: 'needs a license' },
      ],
    },
  ),
  obj('MCPExternalAuthConfig', 'aws', { type: 'awsSts', awsSts: { region: 'eu-west-1' } }),
  obj('MCPExternalAuthConfig', 'docs-auth', {
    type: 'tokenExchange',
    tokenExchange: {
      tokenUrl: 'https://sts.example.com/token',
      clientId: 'vmcp',
      clientSecretRef: { name: 'sts', key: 'cs' },
    },
  }),
];

const spec = {
  outgoingAuth: {
    source: 'inline' as const,
    default: { type: 'discovered' as const },
    backends: {
      docs: { type: 'externalAuthConfigRef' as const, externalAuthConfigRef: { name: 'docs-auth' } },
      // Overrides the missing config of no-auth? No: a member whose own config is missing is
      // left out whatever the overrides say (ToolHive's discoverer drops it first).
      ghost: { type: 'externalAuthConfigRef' as const, externalAuthConfigRef: { name: 'docs-auth' } },
    },
  },
  config: {
    aggregation: {
      tools: [
        { workload: 'fetch', filter: ['fetch'] },
        { workload: 'broken', filter: ['x'] },
      ],
    },
    // Replaced by the members in inline mode, as ToolHive's processOutgoingAuth replaces it.
    backends: [{ name: 'hand-written', url: 'http://example.com/mcp', transport: 'streamable-http' }],
  },
} as unknown as Partial<NonNullable<VirtualMCPServerResource['spec']>>;

const render = (s = spec, refs = members) =>
  renderVirtualMcpServer({ server: vmcp(s), references: refs as never });
const configOf = (objects: KubeObject[]): Json =>
  parse(find(objects, 'ConfigMap', 'hub-vmcp-config').data['config.yaml']);
const envOf = (objects: KubeObject[]): Record<string, Json> =>
  Object.fromEntries(
    find(objects, 'Deployment', 'hub').spec.template.spec.containers[0].env.map((e: Json) => [
      e.name,
      e.value ?? e.valueFrom,
    ]),
  );

describe('VirtualMcpChart static backends (outgoingAuth.source inline)', () => {
  const objects = render();
  const config = configOf(objects);

  it('matches the snapshot', async () => {
    expectValidK8s(objects);
    await expect(yaml(objects)).toMatchFileSnapshot('__snapshots__/virtual-mcp-static.yaml');
  });

  it('writes the members as backends with their in-cluster URLs, transports, entry type and CA path', () => {
    const meta = (workload: string, extra: Record<string, string> = {}) => ({
      group: 'tools',
      namespace: NS,
      ...extra,
      tool_type: 'mcp',
      workload_type: workload,
    });
    expect(config.backends).toEqual([
      {
        name: 'docs',
        url: 'https://docs.example.com/mcp',
        transport: 'streamable-http',
        type: 'entry',
        caBundlePath: '/etc/toolhive/ca-bundles/docs/root.pem',
        metadata: meta('server_entry', { remote_url: 'https://docs.example.com/mcp' }),
      },
      {
        name: 'fetch',
        url: `http://mcp-fetch-proxy.${NS}.svc.cluster.local:8080/mcp`,
        transport: 'streamable-http',
        metadata: meta('mcp_server'),
      },
      {
        // ToolHive writes `streamable-http` here (spec.proxyMode's default), though the URL it
        // writes from status.url is the SSE endpoint; the transport the proxy offers is SSE.
        name: 'legacy',
        url: `http://mcp-legacy-proxy.${NS}.svc.cluster.local:9090/sse#legacy`,
        transport: 'sse',
        metadata: meta('mcp_server'),
      },
      {
        name: 'linear',
        url: `http://mcp-linear-remote-proxy.${NS}.svc.cluster.local:8080`,
        transport: 'streamable-http',
        metadata: meta('remote_proxy', { remote_url: 'https://mcp.linear.app/mcp' }),
      },
      {
        name: 'stdio-sse',
        url: `http://mcp-stdio-sse-proxy.${NS}.svc.cluster.local:8080/sse#stdio-sse`,
        transport: 'sse',
        metadata: meta('mcp_server'),
      },
      {
        name: 'valid',
        url: 'https://valid.example.com/sse',
        transport: 'sse',
        type: 'entry',
        metadata: meta('server_entry', { remote_url: 'https://valid.example.com/sse' }),
      },
    ]);
    // ToolHive's field order: name, groupRef, backends, incomingAuth, …
    expect(Object.keys(config).slice(0, 4)).toEqual(['name', 'groupRef', 'backends', 'incomingAuth']);
  });

  it('leaves out the members ToolHive leaves out, and says why', () => {
    const chart = new VirtualMcpChart(new App({ outdir: 'unused' }), 'c', {
      server: vmcp(spec),
      references: members as never,
    });
    expect(chart.staticBackends?.skipped).toEqual([
      {
        kind: 'MCPServer',
        name: 'bad-auth',
        reason: 'MCPExternalAuthConfig "invalid" is not valid (EnterpriseRequired: needs a license)',
      },
      { kind: 'MCPServerEntry', name: 'broken', reason: 'its phase is Failed, not Valid' },
      {
        kind: 'MCPServer',
        name: 'no-auth',
        reason: `MCPServer no-auth: spec.externalAuthConfigRef.name: MCPExternalAuthConfig "missing" not found in namespace "${NS}"`,
      },
      {
        kind: 'MCPServer',
        name: 'sts',
        reason:
          'MCPExternalAuthConfig aws: type "awsSts" is not supported for vMCP outgoing auth by toolhive-ts',
      },
    ]);
  });

  it('carries the members’ own auth and the overrides, for served backends only', () => {
    expect(config.outgoingAuth).toEqual({
      source: 'inline',
      default: { type: 'unauthenticated' },
      backends: {
        docs: {
          type: 'token_exchange',
          tokenExchange: {
            tokenUrl: 'https://sts.example.com/token',
            clientId: 'vmcp',
            clientSecretEnv: 'TOOLHIVE_TOKEN_EXCHANGE_CLIENT_SECRET_DOCS_AUTH',
          },
        },
        linear: {
          type: 'header_injection',
          headerInjection: {
            headerName: 'X-Api-Key',
            headerValueEnv: 'TOOLHIVE_HEADER_INJECTION_VALUE_LINEAR_KEY',
          },
        },
      },
    });
    const env = envOf(objects);
    expect(env.TOOLHIVE_HEADER_INJECTION_VALUE_LINEAR_KEY).toEqual({
      secretKeyRef: { name: 'linear', key: 'key' },
    });
    expect(env.TOOLHIVE_TOKEN_EXCHANGE_CLIENT_SECRET_DOCS_AUTH).toEqual({
      secretKeyRef: { name: 'sts', key: 'cs' },
    });
    // Per-backend tool settings of a backend that is not served are left out too.
    expect(config.aggregation.tools).toEqual([{ workload: 'fetch', filter: ['fetch'] }]);
  });

  it('gives the vMCP the inline Role only, and mounts the entries’ CA bundles where caBundlePath points', () => {
    expect(find(objects, 'Role', 'hub-vmcp').rules).toEqual(VMCP_INLINE_RBAC_RULES);
    const pod = find(objects, 'Deployment', 'hub').spec.template.spec;
    expect(pod.volumes).toContainEqual({
      name: 'ca-bundle-docs',
      configMap: { name: 'docs-ca', items: [{ key: 'root.pem', path: 'root.pem' }] },
    });
    expect(pod.containers[0].volumeMounts).toContainEqual({
      name: 'ca-bundle-docs',
      mountPath: '/etc/toolhive/ca-bundles/docs',
      readOnly: true,
    });
  });

  it('writes a config the vMCP runtime loads in static mode', () => {
    const text = find(objects, 'ConfigMap', 'hub-vmcp-config').data['config.yaml'];
    expect(checkStructure(virtualMcpConfig, parseConfigText(text))).toEqual([]);
    const env = new Proxy({}, { get: () => 'from-secret' }) as Record<string, string>;
    const settings = resolveConfig(parseConfigText(text), { env });
    expect(settings.staticBackends.map((b) => b.name)).toEqual([
      'docs',
      'fetch',
      'legacy',
      'linear',
      'stdio-sse',
      'valid',
    ]);
    expect(settings.outgoingAuth.source).toBe('inline');
  });

  it('lists a member whose status the render does not know (a GitOps synth of CRs without status)', () => {
    const noStatus = members.map((o) => (o.metadata.name === 'broken' ? { ...o, status: undefined } : o));
    const names = configOf(render(spec, noStatus as KubeObject[])).backends.map((b: Json) => b.name);
    expect(names).toContain('broken');
  });

  it('changes config.yaml, and so the pod template checksum, when a member joins the group', () => {
    const before = render();
    const after = render(spec, [...members, obj('MCPServer', 'newcomer', { image: 'n:1', ...inTools })]);
    expect(configOf(after).backends.map((b: Json) => b.name)).toContain('newcomer');
    const checksum = (o: KubeObject[]) =>
      find(o, 'Deployment', 'hub').spec.template.metadata.annotations[
        'toolhive.stacklok.dev/runconfig-checksum'
      ];
    expect(checksum(after)).not.toBe(checksum(before));
  });

  it('keeps discovered mode free of static backends', () => {
    const discovered = renderVirtualMcpServer({
      server: { ...vmcp(), spec: { ...vmcp().spec!, outgoingAuth: { source: 'discovered' } } },
      // (A member's missing auth config stays an error in discovered mode.)
      references: members.filter((o) => o.metadata.name !== 'no-auth') as never,
    });
    const cfg = configOf(discovered);
    expect(cfg.backends).toBeUndefined();
    expect(cfg.outgoingAuth).toEqual({ source: 'discovered' });
  });

  it('refuses a group with no backend to serve with ToolHive’s error, naming the field and the fix', () => {
    expect(() => render({}, [obj('MCPGroup', 'tools', {})])).toThrow(
      'static mode requires at least one backend with valid transport ([sse streamable-http]), but none were ' +
        'discovered in group tools: MCPGroup "tools" has no MCPServer, MCPRemoteProxy or MCPServerEntry. ' +
        'spec.outgoingAuth.source is inline, so the vMCP serves only the backends listed when it is rendered; ' +
        'add a member to MCPGroup "tools" (spec.groupRef.name) or fix the ones listed, or set ' +
        'spec.outgoingAuth.source to discovered',
    );
    expect(() =>
      render({}, [
        obj('MCPGroup', 'tools', {}),
        obj(
          'MCPServerEntry',
          'down',
          { remoteUrl: 'https://x.example.com', transport: 'sse', ...inTools },
          { phase: 'Pending' },
        ),
      ]),
    ).toThrow('not served: MCPServerEntry down (its phase is Pending, not Valid)');
  });

  it('refuses a composite tool step that calls a backend it does not serve, naming the step', () => {
    const withComposite = {
      ...spec,
      config: {
        compositeTools: [
          {
            name: 'both',
            description: 'x',
            steps: [
              { id: 'a', tool: 'fetch.fetch' },
              { id: 'b', tool: 'broken.x' },
            ],
          },
        ],
      },
    } as unknown as Partial<NonNullable<VirtualMCPServerResource['spec']>>;
    expect(() => render(withComposite)).toThrow(
      'composite tool "both" step b calls "broken.x", but "broken" is not a backend this VirtualMCPServer serves',
    );
  });
});
