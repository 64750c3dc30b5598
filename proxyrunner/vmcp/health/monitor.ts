/**
 * Backend health (dataplane §4.7): every `healthCheckInterval` each backend's capabilities are
 * listed (initialize + tools/resources/prompts), within `healthCheckTimeout`. A backend turns
 * unhealthy after `unhealthyThreshold` failures in a row and healthy again on the next success;
 * 401/403 make it `unauthenticated`. Failures seen on real calls count too. With the circuit
 * breaker on, a backend that failed `failureThreshold` times is not called for `timeout`.
 *
 * A backend that advertises only tools is healthy: only what it advertises is listed.
 */
import { type Backend, BackendRpcError, type Capabilities } from '../backends/backend.ts';
import { BackendHttpError } from '../backends/http.ts';
import type { OperationalSettings } from '../config/model.ts';

export type HealthStatus = 'healthy' | 'degraded' | 'unhealthy' | 'unauthenticated' | 'unknown';
export type CircuitState = 'closed' | 'open' | 'half-open';

export interface BackendHealth {
  readonly name: string;
  status: HealthStatus;
  consecutiveFailures: number;
  lastCheck?: Date;
  lastError?: string;
  latencyMs?: number;
  circuit?: CircuitState;
  circuitChangedAt?: Date;
  /** Protocol revision the backend speaks. */
  revision?: string;
  /** Last capabilities listed; kept while unhealthy so calls can name the failing backend. */
  caps?: Capabilities;
}

export interface MonitorOptions {
  readonly operational: OperationalSettings;
  /** Headers for health checks (outgoing auth that does not need a user). */
  readonly headersFor?: (backend: string) => Promise<Record<string, string>>;
  /** Called when a backend's capabilities or health changed. */
  readonly onChange: () => void;
  /** A backend announced a list change (`notifications/tools/list_changed`, …), now re-listed. */
  readonly onListChanged?: (method: string) => void;
  /** A backend announced an update of a resource some client subscribed to. */
  readonly onResourceUpdated?: (backend: string, uri: string, params: Record<string, unknown>) => void;
  readonly log?: (msg: string) => void;
}

export class HealthMonitor {
  private readonly o: MonitorOptions;
  private readonly backends = new Map<string, Backend>();
  private readonly health = new Map<string, BackendHealth>();
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly again = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | undefined;

  constructor(o: MonitorOptions) {
    this.o = o;
  }

  /** Adds (or replaces) a backend and checks it at once. */
  add(backend: Backend): Promise<void> {
    const old = this.backends.get(backend.name);
    this.backends.set(backend.name, backend);
    this.health.set(backend.name, { name: backend.name, status: 'unknown', consecutiveFailures: 0 });
    if (old && old !== backend) void old.close();
    // List changes the backend announces are picked up at once, not at the next interval: the
    // backend is listed again, then clients are told (so what they fetch next is current).
    backend.watch({
      onListChanged: (method) => {
        void this.check(backend.name).then(() => {
          if (this.backends.get(backend.name) === backend) this.o.onListChanged?.(method);
        });
      },
      onResourceUpdated: (uri, params) => this.o.onResourceUpdated?.(backend.name, uri, params),
      headers: async () => (await this.o.headersFor?.(backend.name)) ?? {},
    });
    return this.check(backend.name);
  }

  remove(name: string): void {
    const b = this.backends.get(name);
    this.backends.delete(name);
    this.health.delete(name);
    void b?.close();
    this.o.onChange();
  }

  backend(name: string): Backend | undefined {
    return this.backends.get(name);
  }

  names(): string[] {
    return [...this.backends.keys()].sort();
  }

  get(name: string): Readonly<BackendHealth> | undefined {
    return this.health.get(name);
  }

  all(): ReadonlyArray<Readonly<BackendHealth>> {
    return this.names().map((n) => this.health.get(n)!);
  }

  /** Backends whose tools are offered: checked and not failing past the threshold. */
  routable(name: string): boolean {
    const h = this.health.get(name);
    return h !== undefined && (h.status === 'healthy' || h.status === 'degraded');
  }

  /** Whether a call may go to the backend now (circuit breaker). */
  admits(name: string): boolean {
    const h = this.health.get(name);
    const cb = this.o.operational.circuitBreaker;
    if (!h || !cb.enabled || h.circuit !== 'open') return true;
    if (Date.now() - (h.circuitChangedAt?.getTime() ?? 0) >= cb.timeoutMs) {
      this.setCircuit(h, 'half-open');
      return true;
    }
    return false;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      for (const n of this.names()) void this.check(n);
    }, this.o.operational.healthCheckIntervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  async close(): Promise<void> {
    this.stop();
    await Promise.all([...this.backends.values()].map((b) => b.close()));
    this.backends.clear();
  }

  /**
   * Checks one backend now. A request made while a check runs gets one more check after it, since
   * the running one may have listed before the change that prompted the request.
   */
  check(name: string): Promise<void> {
    const running = this.inFlight.get(name);
    if (running) {
      let again = this.again.get(name);
      if (!again) {
        again = running.then(() => {
          this.again.delete(name);
          return this.check(name);
        });
        this.again.set(name, again);
      }
      return again;
    }
    const p = this.runCheck(name).finally(() => this.inFlight.delete(name));
    this.inFlight.set(name, p);
    return p;
  }

  private setCircuit(h: BackendHealth, state: CircuitState): void {
    if (h.circuit === state) return;
    h.circuit = state;
    h.circuitChangedAt = new Date();
  }

  private async runCheck(name: string): Promise<void> {
    const backend = this.backends.get(name);
    const h = this.health.get(name);
    if (!backend || !h) return;
    const started = Date.now();
    const before = `${h.status}/${h.caps ? fingerprint(h.caps) : ''}`;
    try {
      const headers = (await this.o.headersFor?.(name)) ?? {};
      const caps = await backend.listCapabilities({
        timeoutMs: this.o.operational.healthCheckTimeoutMs,
        headers,
      });
      if (this.backends.get(name) !== backend) return;
      h.caps = caps;
      h.revision = caps.facts.protocolVersion;
      h.latencyMs = Date.now() - started;
      h.lastCheck = new Date();
      h.lastError = undefined;
      h.consecutiveFailures = 0;
      // Slow answers (over half the timeout) mark the backend degraded but still routable.
      h.status = h.latencyMs > this.o.operational.healthCheckTimeoutMs / 2 ? 'degraded' : 'healthy';
      if (this.o.operational.circuitBreaker.enabled) this.setCircuit(h, 'closed');
    } catch (err) {
      if (this.backends.get(name) !== backend) return;
      this.recordFailure(h, err);
    }
    const after = `${h.status}/${h.caps ? fingerprint(h.caps) : ''}`;
    if (before !== after) this.o.onChange();
  }

  private recordFailure(h: BackendHealth, err: unknown): void {
    h.lastCheck = new Date();
    h.lastError = err instanceof Error ? err.message : String(err);
    h.consecutiveFailures++;
    const auth = err instanceof BackendHttpError && (err.status === 401 || err.status === 403);
    if (auth) h.status = 'unauthenticated';
    else if (h.consecutiveFailures >= this.o.operational.unhealthyThreshold) h.status = 'unhealthy';
    else if (h.status === 'healthy') h.status = 'degraded';
    else if (h.status === 'unknown') h.status = h.caps ? 'degraded' : 'unhealthy';
    const cb = this.o.operational.circuitBreaker;
    if (cb.enabled && (h.circuit === 'half-open' || h.consecutiveFailures >= cb.failureThreshold)) {
      this.setCircuit(h, 'open');
    }
    this.o.log?.(`backend ${h.name}: ${h.status} (${h.consecutiveFailures} failures): ${h.lastError}`);
  }

  /**
   * A real call to the backend failed for a transport reason: count it and re-check soon, so a
   * backend that went away stops being offered without waiting for the next interval.
   */
  reportCallFailure(name: string, err: unknown): void {
    const h = this.health.get(name);
    if (!h || err instanceof BackendRpcError) return;
    const before = h.status;
    this.recordFailure(h, err);
    if (before !== h.status) this.o.onChange();
    void this.check(name);
  }
}

function fingerprint(c: Capabilities): string {
  return (
    JSON.stringify([c.tools, c.prompts, c.resources, c.resourceTemplates]).length.toString(36) +
    c.tools.map((t) => t.name).join(',')
  );
}
