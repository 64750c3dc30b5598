/**
 * Leader election on a coordination.k8s.io/v1 Lease, following client-go's leaderelection:
 * a candidate takes the lease when it is free or its holder has not renewed it for
 * `leaseDurationMs` (measured on the local clock from when this candidate last saw the record
 * change, so clock skew between nodes does not matter), renews every `retryPeriodMs`, and
 * gives up leadership when it cannot renew within `renewDeadlineMs`. Writes are optimistic
 * (resourceVersion), so two candidates never both win. On shutdown the leader releases the
 * lease so a successor does not wait out the duration.
 */
import { isConflict } from '../kube/errors.ts';
import { CORE } from '../kube/resources.ts';
import type { KubeClient, KubeObject } from '../kube/types.ts';
import type { Logger } from '../observe/logger.ts';
import type { Clock, Timer } from '../util/clock.ts';
import { microTime } from '../util/micro-time.ts';

export const LEASE_NAME = 'toolhive-operator-leader-election';

export interface LeaseElectorOptions {
  client: KubeClient;
  clock: Clock;
  log: Logger;
  namespace: string;
  identity: string;
  name?: string;
  leaseDurationMs?: number;
  renewDeadlineMs?: number;
  retryPeriodMs?: number;
  onStartedLeading: () => void;
  /** Called once when leadership is lost (the process should stop reconciling; usually exit). */
  onStoppedLeading: () => void;
}

interface LeaseSpec {
  holderIdentity?: string;
  leaseDurationSeconds?: number;
  acquireTime?: string;
  renewTime?: string;
  leaseTransitions?: number;
}

export class LeaseElector {
  private readonly o: Required<Omit<LeaseElectorOptions, 'onStartedLeading' | 'onStoppedLeading'>> &
    Pick<LeaseElectorOptions, 'onStartedLeading' | 'onStoppedLeading'>;
  private leading = false;
  private stopped = false;
  private timer: Timer | undefined;
  /** The last record seen, and when (local clock) it last changed. */
  private observed: { spec: LeaseSpec; resourceVersion: string } | undefined;
  private observedAt = 0;
  private lastRenew = 0;

  constructor(opts: LeaseElectorOptions) {
    this.o = {
      name: LEASE_NAME,
      leaseDurationMs: 15_000,
      renewDeadlineMs: 10_000,
      retryPeriodMs: 2_000,
      ...opts,
    };
  }

  get isLeader(): boolean {
    return this.leading;
  }

  start(): void {
    this.stopped = false;
    void this.tick();
  }

  /** Stops campaigning; a leader releases the lease. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.timer?.cancel();
    if (this.leading) {
      this.leading = false;
      await this.release();
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = this.o.clock.setTimer(this.o.retryPeriodMs, () => void this.tick());
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    let ok = false;
    try {
      ok = await this.tryAcquireOrRenew();
    } catch (err) {
      this.o.log.warn('leader election request failed', { lease: this.o.name, error: err });
    }
    if (this.stopped) return;
    const now = this.o.clock.now();
    if (ok) {
      this.lastRenew = now;
      if (!this.leading) {
        this.leading = true;
        this.o.log.info('became leader', { lease: this.o.name, identity: this.o.identity });
        this.o.onStartedLeading();
      }
    } else if (this.leading && now - this.lastRenew >= this.o.renewDeadlineMs) {
      this.leading = false;
      this.stopped = true;
      this.o.log.error('leader election lost', { lease: this.o.name, identity: this.o.identity });
      this.o.onStoppedLeading();
      return;
    }
    this.schedule();
  }

  private async tryAcquireOrRenew(): Promise<boolean> {
    const { client, clock, namespace, name, identity } = this.o;
    const now = clock.now();
    const desired = (prev?: LeaseSpec): LeaseSpec => {
      const sameHolder = prev?.holderIdentity === identity;
      return {
        holderIdentity: identity,
        leaseDurationSeconds: Math.ceil(this.o.leaseDurationMs / 1000),
        acquireTime: sameHolder && prev?.acquireTime ? prev.acquireTime : microTime(now),
        renewTime: microTime(now),
        leaseTransitions: sameHolder ? (prev?.leaseTransitions ?? 0) : (prev?.leaseTransitions ?? -1) + 1,
      };
    };
    const current = await client.get(CORE.Lease, namespace, name);
    if (!current) {
      try {
        const created = await client.create(CORE.Lease, {
          apiVersion: 'coordination.k8s.io/v1',
          kind: 'Lease',
          metadata: { name, namespace },
          spec: desired(undefined),
        });
        this.observe(created);
        return true;
      } catch (err) {
        if (isConflict(err)) return false;
        throw err;
      }
    }
    this.observe(current);
    const spec = (current.spec ?? {}) as LeaseSpec;
    const holder = spec.holderIdentity ?? '';
    const durationMs = (spec.leaseDurationSeconds ?? 0) * 1000;
    if (holder !== '' && holder !== identity && this.observedAt + durationMs > now) return false;
    try {
      const updated = await client.replace(CORE.Lease, {
        ...current,
        spec: { ...spec, ...desired(spec) },
      });
      this.observe(updated);
      return true;
    } catch (err) {
      if (isConflict(err)) return false;
      throw err;
    }
  }

  private observe(lease: KubeObject): void {
    const spec = (lease.spec ?? {}) as LeaseSpec;
    const rv = lease.metadata.resourceVersion ?? '';
    if (!this.observed || this.observed.resourceVersion !== rv) {
      this.observed = { spec, resourceVersion: rv };
      this.observedAt = this.o.clock.now();
    }
  }

  private async release(): Promise<void> {
    const { client, namespace, name, identity, clock } = this.o;
    try {
      const current = await client.get(CORE.Lease, namespace, name);
      const spec = (current?.spec ?? {}) as LeaseSpec;
      if (!current || spec.holderIdentity !== identity) return;
      await client.replace(CORE.Lease, {
        ...current,
        spec: { ...spec, holderIdentity: '', leaseDurationSeconds: 1, renewTime: microTime(clock.now()) },
      });
      this.o.log.info('released leader lease', { lease: name });
    } catch (err) {
      this.o.log.warn('could not release leader lease', { lease: name, error: err });
    }
  }
}
