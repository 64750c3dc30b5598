import { describe, expect, it } from 'vitest';
import { KubeApiError } from '../../../operator/kube/errors.ts';
import { MemoryCluster } from '../../../operator/kube/memory-cluster.ts';
import { CORE } from '../../../operator/kube/resources.ts';
import type { KubeClient } from '../../../operator/kube/types.ts';
import { LEASE_NAME, LeaseElector } from '../../../operator/leader/lease-elector.ts';
import { silentLogger } from '../../../operator/observe/logger.ts';
import { ManualClock } from '../../../operator/util/clock.ts';

/** A client whose requests fail while `down` is set (a partitioned replica). */
function partitionable(inner: KubeClient) {
  const state = { down: false };
  const guard = <T>(fn: () => Promise<T>): Promise<T> =>
    state.down ? Promise.reject(new KubeApiError(503, 'ServiceUnavailable', 'partitioned')) : fn();
  const client: KubeClient = {
    get: (...a) => guard(() => inner.get(...a)),
    list: (...a) => guard(() => inner.list(...a)),
    watch: (...a) => inner.watch(...a),
    create: (...a) => guard(() => inner.create(...a)),
    replace: (...a) => guard(() => inner.replace(...a)),
    apply: (...a) => guard(() => inner.apply(...a)),
    mergePatch: (...a) => guard(() => inner.mergePatch(...a)),
    delete: (...a) => guard(() => inner.delete(...a)),
  };
  return { client, state };
}

function candidate(cluster: MemoryCluster, clock: ManualClock, identity: string) {
  const { client, state } = partitionable(cluster.client());
  const events: string[] = [];
  const elector = new LeaseElector({
    client,
    clock,
    log: silentLogger,
    namespace: 'toolhive-system',
    identity,
    onStartedLeading: () => events.push('started'),
    onStoppedLeading: () => events.push('stopped'),
  });
  return { elector, events, state };
}

const settle = () => new Promise<void>((r) => setImmediate(r));

describe('LeaseElector', () => {
  it('elects one leader and writes MicroTime timestamps', async () => {
    const clock = new ManualClock();
    const cluster = new MemoryCluster({ clock });
    const a = candidate(cluster, clock, 'a');
    const b = candidate(cluster, clock, 'b');
    a.elector.start();
    await settle();
    b.elector.start();
    await clock.advance(10_000);
    expect(a.elector.isLeader).toBe(true);
    expect(b.elector.isLeader).toBe(false);
    const lease = cluster.get(CORE.Lease, 'toolhive-system', LEASE_NAME);
    expect(lease.spec).toMatchObject({ holderIdentity: 'a', leaseDurationSeconds: 15, leaseTransitions: 0 });
    expect((lease.spec as { renewTime: string }).renewTime).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/,
    );
  });

  it('hands over when the leader stops renewing, and the old leader steps down', async () => {
    const clock = new ManualClock();
    const cluster = new MemoryCluster({ clock });
    const a = candidate(cluster, clock, 'a');
    const b = candidate(cluster, clock, 'b');
    a.elector.start();
    await settle();
    b.elector.start();
    await clock.advance(4_000);
    a.state.down = true;
    await clock.advance(10_000);
    expect(a.events).toEqual(['started', 'stopped']);
    expect(b.elector.isLeader).toBe(false);
    await clock.advance(8_000);
    expect(b.events).toEqual(['started']);
    expect(cluster.get(CORE.Lease, 'toolhive-system', LEASE_NAME).spec).toMatchObject({
      holderIdentity: 'b',
      leaseTransitions: 1,
    });
  });

  it('releases the lease on shutdown so a successor takes over at once', async () => {
    const clock = new ManualClock();
    const cluster = new MemoryCluster({ clock });
    const a = candidate(cluster, clock, 'a');
    const b = candidate(cluster, clock, 'b');
    a.elector.start();
    await settle();
    b.elector.start();
    await clock.advance(2_000);
    await a.elector.stop();
    await clock.advance(2_000);
    expect(b.elector.isLeader).toBe(true);
  });
});
