/**
 * Resolvers for the workload kinds. Each takes the workload custom resource and an
 * `ObjectSource`, and returns the resolved spec the charts render, or throws a `ResolveError`
 * listing every missing reference with its field path.
 */
import type { ObjectMeta } from '../api/meta.ts';
import type {
  AuthServerRef,
  CompositeToolDefinitionResource,
  EmbeddingServerResource,
  HeaderForward,
  InlineAuthz,
  MCPExternalAuthConfigResource,
  MCPRemoteProxyResource,
  MCPServerEntryResource,
  MCPServerResource,
  MCPToolConfigResource,
  NameRef,
  OIDCConfigRef,
  SessionStorage,
  TelemetryConfigRef,
  VirtualMCPServerResource,
} from '../workload/kinds.ts';
import {
  RefCollector,
  type ResolvedMcpRemoteProxy,
  type ResolvedMcpServer,
  type ResolvedRefs,
  type ResolvedVirtualMcpServer,
  ResolveError,
  refsHash,
  type VmcpBackendMember,
} from './resolve.ts';
import type { ObjectSource } from './source.ts';

const SECRET_REF_KEY = /(SecretRef|secretKeyRef|passwordRef)$/;

/** Names of every Secret referenced anywhere under `value` (`*SecretRef`, `passwordRef`, …). */
export function secretRefNames(value: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (v === null || typeof v !== 'object') return;
    for (const [k, child] of Object.entries(v)) {
      if (SECRET_REF_KEY.test(k) && child !== null && typeof child === 'object' && !Array.isArray(child)) {
        const name = (child as { name?: unknown }).name;
        if (typeof name === 'string' && name !== '') out.push(name);
      } else if (k === 'signingKeySecretRefs' || k === 'hmacSecretRefs') {
        if (Array.isArray(child))
          for (const r of child) if (typeof r?.name === 'string' && r.name !== '') out.push(r.name);
      } else walk(child);
    }
  };
  walk(value);
  return out;
}

function caBundleName(ref: { configMapRef?: { name?: string } } | undefined): string[] {
  const n = ref?.configMapRef?.name;
  return n ? [n] : [];
}

function namespaceOf(obj: { metadata: ObjectMeta }, fallback: string): string {
  return obj.metadata.namespace ?? fallback;
}

/** The reference fields MCPServer and MCPRemoteProxy share. */
interface ProxySpecRefs {
  toolConfigRef?: NameRef;
  oidcConfigRef?: OIDCConfigRef;
  telemetryConfigRef?: TelemetryConfigRef;
  authzConfigRef?: NameRef;
  authzConfig?: InlineAuthz;
  externalAuthConfigRef?: NameRef;
  authServerRef?: AuthServerRef;
  sessionStorage?: SessionStorage;
  headerForward?: HeaderForward;
  permissionProfile?: { type?: string; name: string };
}

function proxyRefs(c: RefCollector, spec: ProxySpecRefs | undefined): ResolvedRefs {
  const refs: ResolvedRefs = {};
  if (spec?.toolConfigRef)
    refs.toolConfig = c.ref('MCPToolConfig', spec.toolConfigRef.name, 'spec.toolConfigRef.name');
  if (spec?.oidcConfigRef)
    refs.oidcConfig = c.ref('MCPOIDCConfig', spec.oidcConfigRef.name, 'spec.oidcConfigRef.name');
  if (spec?.telemetryConfigRef)
    refs.telemetryConfig = c.ref(
      'MCPTelemetryConfig',
      spec.telemetryConfigRef.name,
      'spec.telemetryConfigRef.name',
    );
  if (spec?.authzConfigRef)
    refs.authzConfig = c.ref('MCPAuthzConfig', spec.authzConfigRef.name, 'spec.authzConfigRef.name');
  if (spec?.externalAuthConfigRef)
    refs.externalAuthConfig = c.ref(
      'MCPExternalAuthConfig',
      spec.externalAuthConfigRef.name,
      'spec.externalAuthConfigRef.name',
    );
  if (spec?.authServerRef)
    refs.authServerConfig = c.ref(
      'MCPExternalAuthConfig',
      spec.authServerRef.name,
      'spec.authServerRef.name',
    );
  return refs;
}

/** Secrets and ConfigMaps the proxy pod consumes through its own spec and its references. */
function proxyInputNames(
  spec: ProxySpecRefs | undefined,
  refs: ResolvedRefs,
): { secrets: string[]; configMaps: string[] } {
  const secrets = [
    ...secretRefNames(spec?.sessionStorage),
    ...secretRefNames(spec?.headerForward),
    ...secretRefNames(refs.oidcConfig?.spec),
    ...secretRefNames(refs.telemetryConfig?.spec),
    ...secretRefNames(refs.externalAuthConfig?.spec),
    ...secretRefNames(refs.authServerConfig?.spec),
    ...secretRefNames(refs.webhookConfig?.spec),
  ];
  const configMaps = [
    ...(spec?.authzConfig &&
    (spec.authzConfig.type ?? 'configMap') === 'configMap' &&
    spec.authzConfig.configMap
      ? [spec.authzConfig.configMap.name]
      : []),
    ...caBundleName(refs.oidcConfig?.spec?.inline?.caBundleRef),
    ...caBundleName(refs.telemetryConfig?.spec?.openTelemetry?.caBundleRef),
    ...(spec?.permissionProfile?.type === 'configmap' ? [spec.permissionProfile.name] : []),
  ];
  return { secrets, configMaps };
}

export function resolveMcpServer(
  server: MCPServerResource,
  source: ObjectSource,
  defaultNamespace = 'default',
): ResolvedMcpServer {
  const namespace = namespaceOf(server, defaultNamespace);
  const name = server.metadata.name ?? '';
  const c = new RefCollector(source, namespace);
  const spec = server.spec;
  const refs = proxyRefs(c, spec);
  if (spec?.webhookConfigRef)
    refs.webhookConfig = c.ref('MCPWebhookConfig', spec.webhookConfigRef.name, 'spec.webhookConfigRef.name');
  if (c.problems.length > 0) throw new ResolveError(`MCPServer ${namespace}/${name}`, c.problems);
  const proxyNames = proxyInputNames(spec, refs);
  return {
    kind: 'MCPServer',
    resource: server,
    name,
    namespace,
    refs,
    configRefsHash: refsHash({ ...refs }),
    proxy: c.inputs(proxyNames.secrets, proxyNames.configMaps),
    backend: c.inputs(
      (spec?.secrets ?? []).map((s) => s.name),
      [],
    ),
  };
}

export function resolveMcpRemoteProxy(
  proxy: MCPRemoteProxyResource,
  source: ObjectSource,
  defaultNamespace = 'default',
): ResolvedMcpRemoteProxy {
  const namespace = namespaceOf(proxy, defaultNamespace);
  const name = proxy.metadata.name ?? '';
  const c = new RefCollector(source, namespace);
  const refs = proxyRefs(c, proxy.spec);
  if (c.problems.length > 0) throw new ResolveError(`MCPRemoteProxy ${namespace}/${name}`, c.problems);
  const names = proxyInputNames(proxy.spec, refs);
  return {
    kind: 'MCPRemoteProxy',
    resource: proxy,
    name,
    namespace,
    refs,
    configRefsHash: refsHash({ ...refs }),
    proxy: c.inputs(names.secrets, names.configMaps),
  };
}

const MEMBER_KINDS = ['MCPServer', 'MCPRemoteProxy', 'MCPServerEntry'] as const;

export function resolveVirtualMcpServer(
  vmcp: VirtualMCPServerResource,
  source: ObjectSource,
  defaultNamespace = 'default',
): ResolvedVirtualMcpServer {
  const namespace = namespaceOf(vmcp, defaultNamespace);
  const name = vmcp.metadata.name ?? '';
  const c = new RefCollector(source, namespace);
  const spec = vmcp.spec;
  const groupName = spec?.groupRef?.name ?? '';
  c.ref('MCPGroup', groupName, 'spec.groupRef.name');
  const refs: ResolvedRefs = {};
  const incoming = spec?.incomingAuth;
  if (incoming?.oidcConfigRef)
    refs.oidcConfig = c.ref(
      'MCPOIDCConfig',
      incoming.oidcConfigRef.name,
      'spec.incomingAuth.oidcConfigRef.name',
    );
  if (incoming?.authzConfigRef)
    refs.authzConfig = c.ref(
      'MCPAuthzConfig',
      incoming.authzConfigRef.name,
      'spec.incomingAuth.authzConfigRef.name',
    );
  if (spec?.telemetryConfigRef)
    refs.telemetryConfig = c.ref(
      'MCPTelemetryConfig',
      spec.telemetryConfigRef.name,
      'spec.telemetryConfigRef.name',
    );

  const outgoingAuthConfigs: Record<string, MCPExternalAuthConfigResource> = {};
  const outgoing = spec?.outgoingAuth;
  const addOutgoing = (ref: { name: string } | undefined, path: string) => {
    if (!ref) return;
    const cfg = c.ref<MCPExternalAuthConfigResource>('MCPExternalAuthConfig', ref.name, path);
    if (cfg) outgoingAuthConfigs[ref.name] = cfg;
  };
  addOutgoing(
    outgoing?.default?.externalAuthConfigRef,
    'spec.outgoingAuth.default.externalAuthConfigRef.name',
  );
  for (const backend of Object.keys(outgoing?.backends ?? {}).sort())
    addOutgoing(
      outgoing?.backends?.[backend]?.externalAuthConfigRef,
      `spec.outgoingAuth.backends.${backend}.externalAuthConfigRef.name`,
    );

  const config = (spec?.config ?? {}) as {
    aggregation?: { tools?: Array<{ toolConfigRef?: { name: string } }> };
    compositeToolRefs?: Array<{ name: string }>;
  };
  const aggregationToolConfigs: Record<string, MCPToolConfigResource> = {};
  (config.aggregation?.tools ?? []).forEach((t, i) => {
    if (!t.toolConfigRef) return;
    const tc = c.ref<MCPToolConfigResource>(
      'MCPToolConfig',
      t.toolConfigRef.name,
      `spec.config.aggregation.tools[${i}].toolConfigRef.name`,
    );
    if (tc) aggregationToolConfigs[t.toolConfigRef.name] = tc;
  });
  const compositeToolDefinitions: CompositeToolDefinitionResource[] = [];
  (config.compositeToolRefs ?? []).forEach((r, i) => {
    const def = c.ref<CompositeToolDefinitionResource>(
      'VirtualMCPCompositeToolDefinition',
      r.name,
      `spec.config.compositeToolRefs[${i}].name`,
    );
    if (def) compositeToolDefinitions.push(def);
  });
  const embeddingServer = spec?.embeddingServerRef
    ? c.ref<EmbeddingServerResource>(
        'EmbeddingServer',
        spec.embeddingServerRef.name,
        'spec.embeddingServerRef.name',
      )
    : undefined;

  // With inline outgoing auth (static mode) a member whose auth config is missing is left out
  // of the backends, as ToolHive's operator leaves it out; the other members are still served.
  // With discovered outgoing auth the vMCP would look it up at run time, so it is an error here.
  const inline = outgoing?.source === 'inline';
  const members: VmcpBackendMember[] = [];
  for (const kind of MEMBER_KINDS) {
    for (const obj of c.list<MCPServerResource | MCPRemoteProxyResource | MCPServerEntryResource>(kind)) {
      if (obj.spec?.groupRef?.name !== groupName) continue;
      const extRef = obj.spec?.externalAuthConfigRef;
      const path = `${kind} ${obj.metadata.name}: spec.externalAuthConfigRef.name`;
      if (extRef && inline) {
        const found = source.get('MCPExternalAuthConfig', namespace, extRef.name) as
          | MCPExternalAuthConfigResource
          | undefined;
        members.push(
          found
            ? { kind, resource: obj, externalAuthConfig: found }
            : {
                kind,
                resource: obj,
                externalAuthConfigProblem: `${path}: MCPExternalAuthConfig "${extRef.name}" not found in namespace "${namespace}"`,
              },
        );
        continue;
      }
      const externalAuthConfig = extRef
        ? c.ref<MCPExternalAuthConfigResource>('MCPExternalAuthConfig', extRef.name, path)
        : undefined;
      members.push(
        externalAuthConfig ? { kind, resource: obj, externalAuthConfig } : { kind, resource: obj },
      );
    }
  }
  if (c.problems.length > 0) throw new ResolveError(`VirtualMCPServer ${namespace}/${name}`, c.problems);

  const secrets = [
    ...secretRefNames(spec?.sessionStorage),
    ...secretRefNames(refs.oidcConfig?.spec),
    ...secretRefNames(refs.telemetryConfig?.spec),
    ...secretRefNames(spec?.authServerConfig),
    ...Object.values(outgoingAuthConfigs).flatMap((o) => secretRefNames(o.spec)),
    ...members.flatMap((m) => [
      ...secretRefNames(m.externalAuthConfig?.spec),
      ...(m.kind === 'MCPServerEntry'
        ? secretRefNames((m.resource as MCPServerEntryResource).spec?.headerForward)
        : []),
    ]),
  ];
  const configMaps = [
    ...(incoming?.authzConfig &&
    (incoming.authzConfig.type ?? 'configMap') === 'configMap' &&
    incoming.authzConfig.configMap
      ? [incoming.authzConfig.configMap.name]
      : []),
    ...caBundleName(refs.oidcConfig?.spec?.inline?.caBundleRef),
    ...caBundleName(refs.telemetryConfig?.spec?.openTelemetry?.caBundleRef),
    ...members.flatMap((m) =>
      m.kind === 'MCPServerEntry'
        ? caBundleName((m.resource as MCPServerEntryResource).spec?.caBundleRef)
        : [],
    ),
  ];
  return {
    kind: 'VirtualMCPServer',
    resource: vmcp,
    name,
    namespace,
    groupName,
    refs,
    configRefsHash: refsHash({
      ...refs,
      ...Object.fromEntries(Object.entries(outgoingAuthConfigs).map(([n, o]) => [`outgoing:${n}`, o])),
      ...Object.fromEntries(Object.entries(aggregationToolConfigs).map(([n, o]) => [`tools:${n}`, o])),
      ...Object.fromEntries(compositeToolDefinitions.map((d) => [`composite:${d.metadata.name}`, d])),
    }),
    members,
    outgoingAuthConfigs,
    aggregationToolConfigs,
    compositeToolDefinitions,
    ...(embeddingServer ? { embeddingServer } : {}),
    vmcp: c.inputs(secrets, configMaps),
  };
}
