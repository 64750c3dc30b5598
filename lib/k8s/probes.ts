/** ToolHive's probe timings; all are `httpGet` on the named port `http` unless stated. */
import type { Probe } from './types.ts';

function http(path: string, port: number | string, t: Omit<Probe, 'httpGet'>): Probe {
  return { httpGet: { path, port }, ...t };
}

/** Proxy runner (MCPServer and MCPRemoteProxy). */
export const proxyStartupProbe = (): Probe =>
  http('/health', 'http', { periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 18 });
export const proxyLivenessProbe = (): Probe =>
  http('/health', 'http', {
    initialDelaySeconds: 30,
    periodSeconds: 10,
    timeoutSeconds: 5,
    failureThreshold: 3,
  });
/** MCPServer waits 5s before the first readiness check; MCPRemoteProxy waits 15s. */
export const proxyReadinessProbe = (initialDelaySeconds: 5 | 15 = 5): Probe =>
  http('/health', 'http', { initialDelaySeconds, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 3 });

/** Virtual MCP server: liveness on /health, readiness on /readyz, no startup probe. */
export const vmcpLivenessProbe = (): Probe =>
  http('/health', 'http', {
    initialDelaySeconds: 30,
    periodSeconds: 10,
    timeoutSeconds: 5,
    failureThreshold: 3,
  });
export const vmcpReadinessProbe = (): Probe =>
  http('/readyz', 'http', {
    initialDelaySeconds: 15,
    periodSeconds: 5,
    timeoutSeconds: 3,
    failureThreshold: 3,
  });

/** Registry API: health endpoints on the separate port 8081. */
export const registryLivenessProbe = (): Probe =>
  http('/health', 8081, { initialDelaySeconds: 30, periodSeconds: 10 });
export const registryReadinessProbe = (): Probe =>
  http('/readiness', 8081, { initialDelaySeconds: 5, periodSeconds: 5 });

/** Embedding server (TEI): on the numeric port, with long delays for the model download. */
export const embeddingLivenessProbe = (port: number): Probe =>
  http('/health', port, {
    initialDelaySeconds: 60,
    periodSeconds: 30,
    timeoutSeconds: 10,
    failureThreshold: 3,
  });
export const embeddingReadinessProbe = (port: number): Probe =>
  http('/health', port, {
    initialDelaySeconds: 30,
    periodSeconds: 10,
    timeoutSeconds: 5,
    failureThreshold: 3,
  });
