/**
 * The operator's two HTTP endpoints: health probes (`/healthz` always answers while the process
 * runs; `/readyz` once the caches have synced) and Prometheus `/metrics`.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from './metrics.ts';

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

export interface HttpEndpoints {
  healthPort: number;
  metricsPort: number;
  close(): Promise<void>;
}

export async function startEndpoints(opts: {
  health: { host: string; port: number };
  metrics: { host: string; port: number };
  ready: () => boolean;
  registry: Registry;
}): Promise<HttpEndpoints> {
  const health = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') {
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
    } else if (path === '/readyz') {
      const ok = opts.ready();
      res.writeHead(ok ? 200 : 503, { 'Content-Type': 'text/plain' }).end(ok ? 'ok' : 'caches not synced');
    } else {
      res.writeHead(404).end();
    }
  });
  const metrics = createServer((req, res) => {
    if ((req.url ?? '/').split('?')[0] !== '/metrics') return void res.writeHead(404).end();
    res
      .writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' })
      .end(opts.registry.render());
  });
  const healthPort = await listen(health, opts.health.host, opts.health.port);
  const metricsPort = await listen(metrics, opts.metrics.host, opts.metrics.port);
  return {
    healthPort,
    metricsPort,
    close: async () => {
      health.closeAllConnections();
      metrics.closeAllConnections();
      await Promise.all([
        new Promise<void>((r) => health.close(() => r())),
        new Promise<void>((r) => metrics.close(() => r())),
      ]);
    },
  };
}
