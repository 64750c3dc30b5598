/**
 * Writes backend health to the VirtualMCPServer status (dataplane §4.7, controllers §6): phase,
 * message, backendCount, discoveredBackends and the conditions this runtime owns — `Ready`,
 * `Degraded` and `BackendsDiscovered` — every `statusReportingInterval` and on changes. The
 * operator writes other fields and conditions of the same status, so each write re-reads the
 * object, keeps the conditions it does not own, and is conditional on its resourceVersion.
 */
import type {
  Condition,
  DiscoveredBackend,
  VirtualMCPServerStatus,
} from '../../../lib/api/types.generated.ts';
import { describeSkipped } from '../../../lib/vmcp-config/static-backends.ts';
import type { OutgoingAuth } from '../auth/outgoing.ts';
import type { SkippedMember } from '../discovery/group.ts';
import { type KubePort, RESOURCES } from '../discovery/kube-port.ts';
import type { BackendHealth, HealthMonitor } from '../health/monitor.ts';

const OWNED = new Set(['Ready', 'Degraded', 'BackendsDiscovered']);
const FIELD_MANAGER = 'toolhive-vmcp';

const CRD_STATUS: Record<BackendHealth['status'], string> = {
  healthy: 'ready',
  degraded: 'degraded',
  unhealthy: 'unavailable',
  unauthenticated: 'unauthenticated',
  unknown: 'unknown',
};

export interface StatusSnapshot {
  readonly phase: NonNullable<VirtualMCPServerStatus['phase']>;
  readonly message: string;
  readonly backendCount: number;
  readonly discoveredBackends: DiscoveredBackend[];
  readonly conditions: Array<Omit<Condition, 'lastTransitionTime'>>;
}

/**
 * `; not served: MCPServer a (why); …` for the members discovery left out because of their auth
 * config (ToolHive only logs them; the operator's `DiscoveredAuthConfig-<member>` condition says
 * why when it runs), appended to the `BackendsDiscovered` message.
 */
function notServed(skipped: readonly SkippedMember[]): string {
  if (skipped.length === 0) return '';
  const text = `; not served: ${describeSkipped(skipped)}`;
  return text.length > 2048 ? `${text.slice(0, 2045)}...` : text;
}

/** The status this runtime would write for the current backend health. */
export function snapshot(
  monitor: HealthMonitor,
  auth: OutgoingAuth,
  generation: number | undefined,
  skipped: readonly SkippedMember[] = [],
): StatusSnapshot {
  const backends = monitor.all();
  const discovered: DiscoveredBackend[] = backends.map((h) => {
    const b = monitor.backend(h.name);
    const s = CRD_STATUS[h.status];
    return {
      name: h.name,
      url: b?.spec.url ?? '',
      status: s,
      authType: auth.strategyFor(h.name)?.type ?? 'unauthenticated',
      ...(b?.spec.authConfigRef ? { authConfigRef: b.spec.authConfigRef } : {}),
      ...(h.lastCheck ? { lastHealthCheck: h.lastCheck.toISOString().replace(/\.\d{3}Z$/, 'Z') } : {}),
      ...(h.revision ? { mcpRevision: h.revision } : {}),
      ...(h.lastError && s !== 'ready' ? { message: h.lastError.slice(0, 256) } : {}),
      consecutiveFailures: h.consecutiveFailures,
      ...(h.circuit ? { circuitBreakerState: h.circuit } : {}),
      ...(h.circuitChangedAt
        ? { circuitLastChanged: h.circuitChangedAt.toISOString().replace(/\.\d{3}Z$/, 'Z') }
        : {}),
    };
  });
  const count = (st: string): number => discovered.filter((d) => d.status === st).length;
  const ready = count('ready');
  const unavailable = count('unavailable');
  const backendCount = ready + count('unauthenticated');
  const total = discovered.length;
  const obs = generation !== undefined ? { observedGeneration: generation } : {};
  const cond = (type: string, status: 'True' | 'False', reason: string, message: string) => ({
    type,
    status,
    reason,
    message,
    ...obs,
  });
  if (total === 0) {
    return {
      phase: 'Pending',
      message: 'No backends discovered in the group',
      backendCount: 0,
      discoveredBackends: [],
      conditions: [
        cond(
          'BackendsDiscovered',
          'False',
          'NoBackends',
          `No backends discovered in the group${notServed(skipped)}`,
        ),
        cond('Ready', 'False', 'BackendsUnavailable', 'No backends to serve'),
        cond('Degraded', 'False', 'NoBackends', 'No backends discovered in the group'),
      ],
    };
  }
  const unhealthy = total - ready - count('degraded') - count('unauthenticated');
  const discoveredCond = cond(
    'BackendsDiscovered',
    'True',
    'BackendsDiscovered',
    `Discovered ${total} backends${notServed(skipped)}`,
  );
  if (unhealthy === 0) {
    return {
      phase: 'Ready',
      message: `Virtual MCP server is serving ${total} backends`,
      backendCount,
      discoveredBackends: discovered,
      conditions: [
        discoveredCond,
        cond('Ready', 'True', 'BackendsReady', `All ${total} backends are healthy`),
        cond('Degraded', 'False', 'BackendsReady', 'No backend is unhealthy'),
      ],
    };
  }
  const all = unhealthy === total;
  const msg = all
    ? `All ${total} backends are unavailable`
    : `${unhealthy} of ${total} backends are unavailable`;
  return {
    phase: 'Degraded',
    message: msg,
    backendCount,
    discoveredBackends: discovered,
    conditions: [
      discoveredCond,
      cond('Ready', 'False', all ? 'BackendsUnavailable' : 'BackendsDegraded', msg),
      cond(
        'Degraded',
        'True',
        all ? 'BackendsUnavailable' : 'BackendsDegraded',
        `${unavailable} unavailable`,
      ),
    ],
  };
}

/** Keeps conditions others own, and each owned condition's transition time when its status holds. */
export function mergeConditions(
  existing: readonly Condition[],
  next: StatusSnapshot['conditions'],
  now: Date,
): Condition[] {
  const stamp = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const out = existing.filter((c) => !OWNED.has(c.type));
  for (const c of next) {
    const prev = existing.find((e) => e.type === c.type);
    out.push({
      ...c,
      lastTransitionTime: prev && prev.status === c.status ? prev.lastTransitionTime : stamp,
    } as Condition);
  }
  return out;
}

export class StatusReporter {
  private readonly kube: KubePort;
  private readonly namespace: string;
  private readonly name: string;
  private readonly monitor: HealthMonitor;
  private readonly auth: OutgoingAuth;
  private readonly intervalMs: number;
  private readonly skipped: () => readonly SkippedMember[];
  private readonly log: (m: string) => void;
  private timer: NodeJS.Timeout | undefined;
  private last = '';
  private writing: Promise<void> | undefined;
  /** Status writes done (for tests and metrics). */
  writes = 0;

  constructor(opts: {
    kube: KubePort;
    namespace: string;
    name: string;
    monitor: HealthMonitor;
    auth: OutgoingAuth;
    intervalMs: number;
    /** Members discovery does not serve because of their auth config. */
    skipped?: () => readonly SkippedMember[];
    log: (m: string) => void;
  }) {
    this.kube = opts.kube;
    this.namespace = opts.namespace;
    this.name = opts.name;
    this.monitor = opts.monitor;
    this.auth = opts.auth;
    this.intervalMs = opts.intervalMs;
    this.skipped = opts.skipped ?? (() => []);
    this.log = opts.log;
  }

  start(): void {
    this.timer = setInterval(() => void this.report(), this.intervalMs);
    this.timer.unref();
    void this.report();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Writes the status if it changed since the last write (coalesced; retried on conflicts). */
  report(force = false): Promise<void> {
    if (this.writing) return this.writing;
    this.writing = this.write(force).finally(() => {
      this.writing = undefined;
    });
    return this.writing;
  }

  private async write(force: boolean): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        const obj = await this.kube.get(RESOURCES.virtualMcpServer, this.namespace, this.name);
        if (!obj) return;
        const snap = snapshot(this.monitor, this.auth, obj.metadata.generation, this.skipped());
        const key = JSON.stringify(snap);
        if (!force && key === this.last) return;
        const status = (obj.status ?? {}) as VirtualMCPServerStatus;
        await this.kube.mergePatch(
          RESOURCES.virtualMcpServer,
          this.namespace,
          this.name,
          {
            metadata: { resourceVersion: obj.metadata.resourceVersion },
            status: {
              phase: snap.phase,
              message: snap.message,
              backendCount: snap.backendCount,
              discoveredBackends: snap.discoveredBackends,
              conditions: mergeConditions(status.conditions ?? [], snap.conditions, new Date()),
              ...(obj.metadata.generation !== undefined
                ? { observedGeneration: obj.metadata.generation }
                : {}),
            },
          },
          { fieldManager: FIELD_MANAGER, subresource: 'status' },
        );
        this.last = key;
        this.writes++;
        return;
      } catch (err) {
        const code = (err as { code?: number; status?: number }).code ?? (err as { status?: number }).status;
        if (code === 409) continue;
        this.log(`status write failed: ${err instanceof Error ? err.message : String(err)}`);
        return;
      }
    }
  }
}
