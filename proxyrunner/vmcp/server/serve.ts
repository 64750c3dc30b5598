/**
 * Assembles a running Virtual MCP server from its settings: backends (static, or added by
 * discovery), health monitor, capability view, outgoing auth, optimizer, the handler, sessions
 * and the HTTP listener with its operational routes.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CompositeToolConfig, MCPToolConfigSpec } from '../../../lib/api/types.generated.ts';
import type { EmbeddedAuthServer } from '../../authserver/server.ts';
import { buildRateLimit, buildTelemetry } from '../../middleware/chain.ts';
import { createLogger } from '../../middleware/shared/logger.ts';
import type { Middleware, MiddlewareRoute } from '../../middleware/types.ts';
import { createProxy, type McpProxy } from '../../proxy.ts';
import { MemorySessionStore } from '../../session/memory.ts';
import { RedisSessionStore } from '../../session/redis.ts';
import type { SessionStore } from '../../session/types.ts';
import { buildIncomingAuth, CedarVmcpAuthorizer } from '../auth/incoming.ts';
import { OutgoingAuth } from '../auth/outgoing.ts';
import { Backend } from '../backends/backend.ts';
import { headerForwardForBackend, readHeaderForwardFromEnv } from '../backends/header-forward.ts';
import type { BackendSpec } from '../backends/types.ts';
import { validateCompositeTool } from '../config/composite.ts';
import { ConfigError } from '../config/load.ts';
import type { AggregationSettings, VmcpSettings } from '../config/model.ts';
import type { Problem } from '../config/structure.ts';
import { GroupDiscovery } from '../discovery/group.ts';
import type { KubePort } from '../discovery/kube-port.ts';
import { RESOURCES } from '../discovery/kube-port.ts';
import { HealthMonitor } from '../health/monitor.ts';
import { createEmbedder, Optimizer } from '../optimizer/optimizer.ts';
import { StatusReporter } from '../status/reporter.ts';
import { CapabilityView } from './view.ts';
import { type Authorizer, SERVER_VERSION, VmcpHandler } from './vmcp-handler.ts';

export interface ServeOptions {
  readonly host?: string;
  readonly port?: number;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly log?: (msg: string) => void;
  readonly authorizer?: Authorizer;
  /** Session idle timeout and capacity, overriding the settings. */
  readonly sessionTtlMs?: number;
  readonly sessionCapacity?: number;
  /** Whether backends come from discovery (readiness waits for it). */
  readonly dynamic?: boolean;
  /** Audit every request even when the config does not enable it (`--enable-audit`). */
  readonly enableAudit?: boolean;
  /** Policy chain (incoming auth, authorization, audit…), outermost first. */
  readonly middlewares?: readonly Middleware[];
  /** Session store; default from `sessionStorage` (memory, or Redis). */
  readonly sessionStore?: SessionStore;
  /**
   * Kubernetes API access: discovers the group's members when the config lists no backends, and
   * writes backend health to the VirtualMCPServer `name` status.
   */
  readonly kube?: { readonly client: KubePort; readonly namespace: string; readonly name: string };
  /** The embedded authorization server (`authserver-config.yaml`); closed with the server. */
  readonly authServer?: EmbeddedAuthServer;
}

export interface RunningVmcp {
  readonly url: string;
  readonly port: number;
  readonly handler: VmcpHandler;
  readonly monitor: HealthMonitor;
  readonly view: CapabilityView;
  readonly auth: OutgoingAuth;
  readonly proxy: McpProxy;
  readonly discovery?: GroupDiscovery;
  readonly reporter?: StatusReporter;
  /** Adds or replaces a backend (discovery). */
  addBackend(spec: BackendSpec): Promise<void>;
  removeBackend(name: string): void;
  /** Marks discovery as synced, for `/readyz`. */
  setReady(ready: boolean): void;
  close(): Promise<void>;
}

/**
 * The config's `backends`, each with the header forwarding the operator rendered for it as a
 * `TOOLHIVE_HEADER_FORWARD_<NAME>` manifest (ToolHive matches by normalized backend name).
 */
export function staticSpecs(
  settings: VmcpSettings,
  env: Readonly<Record<string, string | undefined>>,
  log?: (msg: string) => void,
): BackendSpec[] {
  const manifests = settings.staticBackends.length > 0 ? readHeaderForwardFromEnv(env, log) : new Map();
  return settings.staticBackends.map((b) => {
    const headerForward = headerForwardForBackend(manifests, b.name);
    return {
      name: b.name,
      url: b.url,
      transport: b.transport,
      kind: b.type === 'entry' ? 'MCPServerEntry' : 'static',
      ...(b.type ? { type: b.type } : {}),
      ...(b.metadata ? { metadata: b.metadata } : {}),
      ...(b.caBundlePath ? { caBundle: readFileSync(b.caBundlePath, 'utf8') } : {}),
      ...(headerForward ? { headerForward } : {}),
    };
  });
}

export async function startVmcp(settings: VmcpSettings, opts: ServeOptions = {}): Promise<RunningVmcp> {
  const log = opts.log ?? ((m: string) => console.error(`vmcp: ${m}`));
  const env = opts.env ?? process.env;
  const auth = new OutgoingAuth(settings.outgoingAuth, {
    env,
    ...(opts.authServer ? { defaultSubjectProvider: opts.authServer.firstUpstream } : {}),
  });
  let view: CapabilityView | undefined;
  let reporter: StatusReporter | undefined;
  let handlerRef: VmcpHandler | undefined;
  const monitor = new HealthMonitor({
    operational: settings.operational,
    headersFor: (b) => auth.headersFor(b),
    onChange: () => {
      view?.invalidate();
      void reporter?.report();
    },
    onListChanged: (method) => handlerRef?.backendListChanged(method),
    onResourceUpdated: (backend, uri, params) => handlerRef?.backendResourceUpdated(backend, uri, params),
    log,
  });
  const composites = [...settings.compositeTools, ...(await referencedComposites(settings, opts.kube))];
  const aggregation = await resolveToolConfigRefs(settings, opts.kube);
  view = new CapabilityView(monitor, aggregation, composites, log);
  // Incoming auth from the policy chain, unless the caller brings its own chain.
  const incoming = opts.middlewares
    ? undefined
    : buildIncomingAuth(settings, env, undefined, opts.enableAudit, opts.authServer);
  const currentView = view;
  const authorizer =
    opts.authorizer ??
    (incoming?.authorizer
      ? new CedarVmcpAuthorizer(
          incoming.authorizer,
          (tool) => currentView.view.tools.get(tool)?.tool.annotations as Record<string, unknown> | undefined,
        )
      : undefined);
  const logger = createLogger({ level: settings.operational.debug ? 'debug' : 'info' });
  // Telemetry (`telemetry`, which the operator fills from telemetryConfigRef): spans and
  // Prometheus metrics per request, as the proxy runner's policy chain makes them.
  let sessionCount = (): number => 0;
  const tc = settings.raw.telemetry;
  const telemetry = tc
    ? buildTelemetry(
        {
          ...tc,
          tracingEnabled: tc.tracingEnabled ?? false,
          metricsEnabled: tc.metricsEnabled ?? false,
          // The vMCP config's default (ToolHive's), unlike the RunConfig's.
          useLegacyAttributes: tc.useLegacyAttributes ?? true,
        },
        {
          serverName: settings.name,
          transport: 'streamable-http',
          env,
          readFile: (p) => readFileSync(p, 'utf8'),
          logger,
          activeSessions: () => sessionCount(),
        },
      )
    : undefined;
  // Rate limits (`rateLimiting`), in the session store's Redis; tool calls are metered by the
  // handler under their resolved names.
  const rateLimit = settings.raw.rateLimiting
    ? await buildRateLimit(settings.raw.rateLimiting, {
        namespace: env.VMCP_NAMESPACE ?? '',
        serverName: settings.name,
        ...(settings.sessions.address ? { redisAddress: settings.sessions.address } : {}),
        redisDb: settings.sessions.db,
        env,
        logger,
        metrics: () => telemetry?.metrics,
      })
    : undefined;
  const optimizer = settings.optimizer
    ? new Optimizer(settings.optimizer, createEmbedder(settings.optimizer, env))
    : undefined;
  const handler: VmcpHandler = new VmcpHandler({
    settings,
    monitor,
    view,
    auth,
    ...(authorizer ? { authorizer } : {}),
    ...(incoming?.auditor ? { auditor: incoming.auditor } : {}),
    ...(optimizer ? { optimizer } : {}),
    ...(rateLimit ? { rateLimit } : {}),
    log,
  });
  sessionCount = () => handler.sessionCount;
  const kube = opts.kube;
  const dynamic = opts.dynamic ?? (kube !== undefined && settings.staticBackends.length === 0);
  handlerRef = handler;
  let ready = !dynamic;
  const routes = vmcpRoutes(settings, monitor, auth, dynamic, () => ready);
  const store =
    opts.sessionStore ??
    (settings.sessions.provider === 'redis' && settings.sessions.address
      ? new RedisSessionStore({
          address: settings.sessions.address,
          db: settings.sessions.db,
          keyPrefix: settings.sessions.keyPrefix,
          ...(env.THV_SESSION_REDIS_PASSWORD ? { password: env.THV_SESSION_REDIS_PASSWORD } : {}),
        })
      : new MemorySessionStore());
  const proxy = createProxy({
    backend: { kind: 'messages', handler, transport: 'streamable-http' },
    // The vMCP's own routes (health, readiness, status) are served outside the chain.
    middlewares: [
      { name: 'vmcp-routes', routes },
      ...(opts.middlewares ?? incoming?.middlewares ?? []),
      // Inside auth, as in ToolHive's vMCP chain: spans carry the caller, refusals are not traced.
      ...(telemetry ? [telemetry.middleware] : []),
    ],
    serverName: settings.name,
    sessionStore: store,
    sessionTtlMs: opts.sessionTtlMs ?? settings.sessions.ttlMs,
    sessionCapacity: opts.sessionCapacity ?? settings.sessions.capacity,
    // Backend calls time out on their own; this bounds a composite workflow (30 min default).
    requestTimeoutMs: 31 * 60_000,
  });
  handler.useSessionRecords(proxy.sessions);
  const host = opts.host ?? '127.0.0.1';
  const address = await proxy.listen(opts.port ?? 4483, host);
  const addBackend = (spec: BackendSpec): Promise<void> => monitor.add(new Backend(spec, { env, log }));
  let discovery: GroupDiscovery | undefined;
  const close = async (): Promise<void> => {
    discovery?.stop();
    reporter?.stop();
    await proxy.shutdown(5_000);
    await monitor.close();
    await rateLimit?.close();
  };
  try {
    await Promise.all(staticSpecs(settings, env, log).map(addBackend));
    monitor.start();
    if (kube) {
      reporter = new StatusReporter({
        kube: kube.client,
        namespace: kube.namespace,
        name: kube.name,
        monitor,
        auth,
        intervalMs: settings.operational.statusReportingIntervalMs,
        skipped: () => discovery?.skipped() ?? [],
        log,
      });
    }
    if (kube && dynamic) {
      if (!settings.groupRef) throw new Error('groupRef is required to discover backends');
      discovery = new GroupDiscovery(
        kube.client,
        kube.namespace,
        settings.groupRef,
        {
          upsert: async (spec, strategy) => {
            auth.setDiscovered(spec.name, strategy);
            await addBackend(spec);
            void reporter?.report();
          },
          remove: (name) => {
            auth.setDiscovered(name, undefined);
            monitor.remove(name);
            void reporter?.report();
          },
          synced: () => {
            ready = true;
          },
          skippedChanged: () => void reporter?.report(),
          log,
        },
        settings.outgoingAuth.source === 'discovered',
        env,
      );
      await discovery.start();
    }
    reporter?.start();
  } catch (err) {
    // A half-started server must not keep its port, timers and connections (and so the
    // process) alive: the caller reports the error and exits.
    await close();
    throw err;
  }
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${address.port}/mcp`,
    port: address.port,
    handler,
    monitor,
    view,
    auth,
    proxy,
    ...(discovery ? { discovery } : {}),
    ...(reporter ? { reporter } : {}),
    addBackend,
    removeBackend: (name) => monitor.remove(name),
    setReady: (r) => {
      ready = r;
    },
    close,
  };
}

/**
 * VirtualMCPCompositeToolDefinitions named in `compositeToolRefs`, read from the cluster and
 * validated like inline ones. (The operator inlines them into `compositeTools`; a hand-written
 * config may reference them instead.)
 */
async function referencedComposites(
  settings: VmcpSettings,
  kube: ServeOptions['kube'],
): Promise<CompositeToolConfig[]> {
  if (settings.compositeToolRefs.length === 0) return [];
  if (!kube) {
    throw new ConfigError('config', [
      {
        path: 'compositeToolRefs',
        message: 'needs Kubernetes API access to read VirtualMCPCompositeToolDefinitions',
      },
    ]);
  }
  const inline = new Set(settings.compositeTools.map((c) => c.name));
  const out: CompositeToolConfig[] = [];
  const problems: Problem[] = [];
  for (const [i, name] of settings.compositeToolRefs.entries()) {
    const path = `compositeToolRefs[${i}]`;
    const obj = await kube.client.get(RESOURCES.compositeToolDefinition, kube.namespace, name);
    if (!obj) {
      problems.push({ path, message: `VirtualMCPCompositeToolDefinition ${name} not found` });
      continue;
    }
    if ((obj.status as { validationStatus?: string } | undefined)?.validationStatus === 'Invalid') {
      problems.push({ path, message: `VirtualMCPCompositeToolDefinition ${name} is Invalid` });
      continue;
    }
    const def = obj.spec as unknown as CompositeToolConfig;
    if (inline.has(def.name)) {
      problems.push({ path, message: `duplicate composite tool name: "${def.name}"` });
      continue;
    }
    inline.add(def.name);
    validateCompositeTool(def, `${path}(${name}).spec`, problems);
    out.push(def);
  }
  if (problems.length > 0) throw new ConfigError('config', problems);
  return out;
}

/**
 * Per-backend tool settings that name an MCPToolConfig (`toolConfigRef`) take its filter and
 * overrides from the cluster, as the operator does when it writes the ConfigMap.
 */
async function resolveToolConfigRefs(
  settings: VmcpSettings,
  kube: ServeOptions['kube'],
): Promise<AggregationSettings> {
  const refs = [...settings.aggregation.tools.values()].filter((t) => t.toolConfigRef?.name);
  if (refs.length === 0) return settings.aggregation;
  if (!kube) {
    throw new ConfigError('config', [
      {
        path: 'aggregation.tools',
        message: 'toolConfigRef needs Kubernetes API access to read MCPToolConfigs',
      },
    ]);
  }
  const tools = new Map(settings.aggregation.tools);
  const problems: Problem[] = [];
  for (const t of refs) {
    const name = t.toolConfigRef!.name;
    const obj = await kube.client.get(RESOURCES.mcpToolConfig, kube.namespace, name);
    if (!obj) {
      problems.push({
        path: `aggregation.tools(${t.workload}).toolConfigRef`,
        message: `MCPToolConfig ${name} not found`,
      });
      continue;
    }
    const spec = (obj.spec ?? {}) as MCPToolConfigSpec;
    const { toolConfigRef: _ref, filter: _filter, overrides: _overrides, ...rest } = t;
    tools.set(t.workload, {
      ...rest,
      ...(spec.toolsFilter ? { filter: spec.toolsFilter } : {}),
      ...(spec.toolsOverride ? { overrides: spec.toolsOverride } : {}),
    });
  }
  if (problems.length > 0) throw new ConfigError('config', problems);
  return { ...settings.aggregation, tools };
}

/** `/health`, `/ping`, `/readyz`, `/status` and `/api/backends/health` (dataplane §4.1). */
function vmcpRoutes(
  settings: VmcpSettings,
  monitor: HealthMonitor,
  auth: OutgoingAuth,
  dynamic: boolean,
  ready: () => boolean,
): MiddlewareRoute[] {
  const send = (req: IncomingMessage, res: ServerResponse, status: number, body: unknown): void => {
    req.resume();
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const status = (req: IncomingMessage, res: ServerResponse): void => {
    const backends = monitor.all().map((h) => ({
      name: h.name,
      health: h.status,
      transport: monitor.backend(h.name)?.spec.transport,
      auth_type: auth.strategyFor(h.name)?.type ?? 'unauthenticated',
      mcp_revision: h.revision ?? '',
      consecutive_failures: h.consecutiveFailures,
      ...(h.lastError ? { error: h.lastError } : {}),
      ...(h.lastCheck ? { last_check: h.lastCheck.toISOString() } : {}),
    }));
    const healthy = backends.every((b) => b.health === 'healthy' || b.health === 'degraded');
    send(req, res, 200, { backends, healthy, version: SERVER_VERSION, group_ref: settings.groupRef ?? '' });
  };
  const ok = (req: IncomingMessage, res: ServerResponse): void => send(req, res, 200, { status: 'ok' });
  const mode = dynamic ? 'dynamic' : 'static';
  return [
    { methods: ['GET'], path: '/health', handle: ok },
    { methods: ['GET'], path: '/ping', handle: ok },
    {
      methods: ['GET'],
      path: '/readyz',
      handle: (req, res) =>
        ready()
          ? send(req, res, 200, { status: 'ready', mode })
          : send(req, res, 503, { status: 'not_ready', mode, reason: 'cache_sync_pending' }),
    },
    { methods: ['GET'], path: '/status', handle: status },
    { methods: ['GET'], path: '/api/backends/health', handle: status },
  ];
}
