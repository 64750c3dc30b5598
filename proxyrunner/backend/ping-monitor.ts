/**
 * Periodic health checking of an HTTP backend, ToolHive's transparent-proxy health monitor
 * (reference/toolhive-dataplane.md §2.5): once the backend has answered its first `initialize`
 * (or 2026-07-28 request), it is pinged every interval; a failed ping is retried once after the
 * retry delay, and after `failureThreshold` failed intervals in a row the proxy gives up (the
 * process exits so Kubernetes restarts it). `/health` reports the last result.
 *
 * Knobs, ToolHive's env vars: `TOOLHIVE_HEALTH_CHECK_INTERVAL` (10s),
 * `TOOLHIVE_HEALTH_CHECK_PING_TIMEOUT` (5s), `TOOLHIVE_HEALTH_CHECK_RETRY_DELAY` (5s),
 * `TOOLHIVE_HEALTH_CHECK_FAILURE_THRESHOLD` (5); remote servers are checked only with
 * `TOOLHIVE_REMOTE_HEALTHCHECKS=true|1`.
 */
import { parseGoDuration } from '../config/duration.ts';

export interface PingSettings {
  readonly intervalMs: number;
  readonly pingTimeoutMs: number;
  readonly retryDelayMs: number;
  readonly failureThreshold: number;
}

export const DEFAULT_PING_SETTINGS: PingSettings = {
  intervalMs: 10_000,
  pingTimeoutMs: 5_000,
  retryDelayMs: 5_000,
  failureThreshold: 5,
};

type Env = Readonly<Record<string, string | undefined>>;

/** The settings from ToolHive's env vars; invalid values fall back to the default, with a warning. */
export function pingSettingsFromEnv(env: Env, warn: (msg: string) => void = () => {}): PingSettings {
  const duration = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const ms = parseGoDuration(raw);
    if (ms !== undefined && ms > 0) return ms;
    warn(`invalid ${name} "${raw}", using the default ${fallback} ms`);
    return fallback;
  };
  const rawThreshold = env.TOOLHIVE_HEALTH_CHECK_FAILURE_THRESHOLD;
  let failureThreshold = DEFAULT_PING_SETTINGS.failureThreshold;
  if (rawThreshold !== undefined && rawThreshold !== '') {
    const n = Number(rawThreshold);
    if (Number.isInteger(n) && n > 0) failureThreshold = n;
    else warn(`invalid TOOLHIVE_HEALTH_CHECK_FAILURE_THRESHOLD "${rawThreshold}", using ${failureThreshold}`);
  }
  return {
    intervalMs: duration('TOOLHIVE_HEALTH_CHECK_INTERVAL', DEFAULT_PING_SETTINGS.intervalMs),
    pingTimeoutMs: duration('TOOLHIVE_HEALTH_CHECK_PING_TIMEOUT', DEFAULT_PING_SETTINGS.pingTimeoutMs),
    retryDelayMs: duration('TOOLHIVE_HEALTH_CHECK_RETRY_DELAY', DEFAULT_PING_SETTINGS.retryDelayMs),
    failureThreshold,
  };
}

/** Whether a remote server is health-checked (ToolHive: only when opted in). */
export function remoteHealthChecksEnabled(env: Env): boolean {
  const v = env.TOOLHIVE_REMOTE_HEALTHCHECKS ?? '';
  return v.toLowerCase() === 'true' || v === '1';
}

export interface PingResult {
  readonly available: boolean;
  readonly responseTimeMs?: number;
  readonly error?: string;
  readonly checkedAt: Date;
}

export interface PingMonitorOptions {
  readonly settings: PingSettings;
  /** One ping; resolves when the backend is alive, rejects with the reason otherwise. */
  readonly ping: (timeoutMs: number) => Promise<void>;
  /** Whether the backend has been initialized; no pings before (ToolHive's serverInitialized). */
  readonly ready: () => boolean;
  /** The backend failed `failureThreshold` intervals in a row: the proxy should stop. */
  readonly onFailed: (reason: string) => void;
  readonly log?: (msg: string) => void;
}

export class PingMonitor {
  private readonly o: PingMonitorOptions;
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private failures = 0;
  /** The last ping's result; undefined until the first ping. */
  last: PingResult | undefined;

  constructor(o: PingMonitorOptions) {
    this.o = o;
  }

  get consecutiveFailures(): number {
    return this.failures;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(this.o.settings.intervalMs, () => this.tick());
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(ms: number, run: () => Promise<void>): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      run().catch((err: unknown) => this.o.log?.(`health check failed unexpectedly: ${String(err)}`));
    }, ms);
    // Health checks alone must not keep a process alive.
    this.timer.unref();
  }

  /** Pings once and records the result. */
  async check(): Promise<PingResult> {
    const started = performance.now();
    let result: PingResult;
    try {
      await this.o.ping(this.o.settings.pingTimeoutMs);
      result = {
        available: true,
        responseTimeMs: Math.round(performance.now() - started),
        checkedAt: new Date(),
      };
    } catch (err) {
      result = {
        available: false,
        error: err instanceof Error ? err.message : String(err),
        checkedAt: new Date(),
      };
    }
    this.last = result;
    return result;
  }

  private async tick(): Promise<void> {
    const interval = this.o.settings.intervalMs;
    if (!this.o.ready()) {
      this.schedule(interval, () => this.tick());
      return;
    }
    const result = await this.check();
    if (this.stopped) return;
    if (result.available) {
      if (this.failures > 0) this.o.log?.(`backend health recovered after ${this.failures} failed checks`);
      this.failures = 0;
      this.schedule(interval, () => this.tick());
      return;
    }
    this.failures++;
    const threshold = this.o.settings.failureThreshold;
    this.o.log?.(`backend health check failed (${this.failures}/${threshold}): ${result.error}`);
    if (this.failures >= threshold) {
      this.stop();
      this.o.onFailed(`backend failed ${threshold} health checks in a row: ${result.error}`);
      return;
    }
    // One retry after the delay; a success resets the count (ToolHive's performHealthCheckRetry).
    this.schedule(this.o.settings.retryDelayMs, async () => {
      const retry = await this.check();
      if (this.stopped) return;
      if (retry.available) {
        this.o.log?.('backend health recovered on retry');
        this.failures = 0;
      }
      this.schedule(interval, () => this.tick());
    });
  }
}
