/**
 * Assembles a running Virtual MCP server from its settings: backends (static, or added by
 * discovery), health monitor, capability view, outgoing auth, optimizer, the handler, sessions
 * and the HTTP listener with its operational routes.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OutgoingAuth } from '../auth/outgoing.ts';
import { Backend } from '../backends/backend.ts';
import type { BackendSpec } from '../backends/types.ts';
import type { VmcpSettings } from '../config/model.ts';
import { HealthMonitor } from '../health/monitor.ts';
import { createEmbedder, Optimizer } from '../optimizer/optimizer.ts';
import { HttpFrontend } from './http-frontend.ts';
import { SessionTable } from './sessions.ts';
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
}

export interface RunningVmcp {
  readonly url: string;
  readonly port: number;
  readonly handler: VmcpHandler;
  readonly monitor: HealthMonitor;
  readonly view: CapabilityView;
  readonly auth: OutgoingAuth;
  readonly sessions: SessionTable;
  /** Adds or replaces a backend (discovery). */
  addBackend(spec: BackendSpec): Promise<void>;
  removeBackend(name: string): void;
  /** Marks discovery as synced, for `/readyz`. */
  setReady(ready: boolean): void;
  close(): Promise<void>;
}

export function staticSpecs(settings: VmcpSettings): BackendSpec[] {
  return settings.staticBackends.map((b) => ({
    name: b.name,
    url: b.url,
    transport: b.transport,
    kind: b.type === 'entry' ? 'MCPServerEntry' : 'static',
    ...(b.type ? { type: b.type } : {}),
    ...(b.metadata ? { metadata: b.metadata } : {}),
    ...(b.caBundlePath ? { caBundle: readFileSync(b.caBundlePath, 'utf8') } : {}),
  }));
}

export async function startVmcp(settings: VmcpSettings, opts: ServeOptions = {}): Promise<RunningVmcp> {
  const log = opts.log ?? ((m: string) => console.error(`vmcp: ${m}`));
  const env = opts.env ?? process.env;
  const auth = new OutgoingAuth(settings.outgoingAuth, { env });
  let view: CapabilityView | undefined;
  const monitor = new HealthMonitor({
    operational: settings.operational,
    headersFor: (b) => auth.headersFor(b),
    onChange: () => view?.invalidate(),
    log,
  });
  view = new CapabilityView(monitor, settings.aggregation, settings.compositeTools, log);
  const optimizer = settings.optimizer
    ? new Optimizer(settings.optimizer, createEmbedder(settings.optimizer, env))
    : undefined;
  const handler = new VmcpHandler({
    settings,
    monitor,
    view,
    auth,
    ...(opts.authorizer ? { authorizer: opts.authorizer } : {}),
    ...(optimizer ? { optimizer } : {}),
    log,
  });
  const sessions = new SessionTable({
    ttlMs: opts.sessionTtlMs ?? settings.sessions.ttlMs,
    capacity: opts.sessionCapacity ?? settings.sessions.capacity,
    onClosed: (id) => handler.sessionClosed(id),
  });
  const host = opts.host ?? '127.0.0.1';
  const loopback = host === '127.0.0.1' || host === 'localhost' || host === '::1';
  const frontend = new HttpFrontend({
    handler,
    sessions,
    serverName: settings.name,
    loopbackOnly: loopback,
    // Backend calls time out on their own; this only bounds a composite workflow (30 min default).
    requestTimeoutMs: 31 * 60_000,
  });
  let ready = !opts.dynamic;
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const send = (status: number, body: unknown): void => {
      req.resume();
      const text = JSON.stringify(body);
      res.writeHead(status, { 'content-type': 'application/json' }).end(text);
    };
    if (path === '/health' || path === '/ping') return send(200, { status: 'ok' });
    if (path === '/readyz') {
      const mode = opts.dynamic ? 'dynamic' : 'static';
      return ready
        ? send(200, { status: 'ready', mode })
        : send(503, { status: 'not_ready', mode, reason: 'cache_sync_pending' });
    }
    if (path === '/status' || path === '/api/backends/health') {
      const backends = monitor.all().map((h) => {
        const b = monitor.backend(h.name);
        return {
          name: h.name,
          health: h.status,
          transport: b?.spec.transport,
          auth_type: auth.strategyFor(h.name)?.type ?? 'unauthenticated',
          mcp_revision: h.revision ?? '',
          ...(h.lastError ? { error: h.lastError } : {}),
          consecutive_failures: h.consecutiveFailures,
          ...(h.lastCheck ? { last_check: h.lastCheck.toISOString() } : {}),
        };
      });
      const healthy = backends.every((b) => b.health === 'healthy' || b.health === 'degraded');
      return send(200, { backends, healthy, version: SERVER_VERSION, group_ref: settings.groupRef ?? '' });
    }
    if (path === '/mcp' || path === '/mcp/') return frontend.handle(req, res);
    return send(404, { error: 'not found' });
  });
  // SSE streams stay open for long; the defaults would cut them.
  server.requestTimeout = 0;
  server.headersTimeout = 10_000;
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 4483, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const addBackend = (spec: BackendSpec): Promise<void> => monitor.add(new Backend(spec));
  await Promise.all(staticSpecs(settings).map(addBackend));
  monitor.start();
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}/mcp`,
    port,
    handler,
    monitor,
    view,
    auth,
    sessions,
    addBackend,
    removeBackend: (name) => monitor.remove(name),
    setReady: (r) => {
      ready = r;
    },
    async close() {
      frontend.closeStreams();
      sessions.close();
      await new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      });
      await handler.close();
      await monitor.close();
    },
  };
}
