/**
 * The operator's real controllers, informers and work queues, running against an in-memory
 * cluster on a manual clock. Tests create objects, `settle()` until every queue is idle, and
 * assert on the cluster; `writes()` counts API writes the operator made.
 */
import { parse as parseYaml } from 'yaml';
import { InformerSet } from '../../../operator/controller/cache.ts';
import { informerSpecFor } from '../../../operator/controller/informer-specs.ts';
import { Manager } from '../../../operator/controller/manager.ts';
import { InstrumentedKubeClient, writeCount } from '../../../operator/kube/instrumented.ts';
import { MemoryCluster } from '../../../operator/kube/memory-cluster.ts';
import type { KubeObject, ResourceType } from '../../../operator/kube/types.ts';
import { EventRecorder } from '../../../operator/observe/events.ts';
import { createLogger, silentLogger } from '../../../operator/observe/logger.ts';
import { OperatorMetrics } from '../../../operator/observe/metrics.ts';
import type { ReconcileContext } from '../../../operator/reconcilers/context.ts';
import { allControllers, type Features } from '../../../operator/reconcilers/index.ts';
import { ManualClock } from '../../../operator/util/clock.ts';

/** A ToolHive object named `name` in namespace `ns`. */
export const thv = (kind: string, name: string, spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'toolhive.stacklok.dev/v1beta1',
  kind,
  metadata: { name, namespace: 'ns' },
  spec,
});

export interface Harness {
  clock: ManualClock;
  cluster: MemoryCluster;
  metrics: OperatorMetrics;
  manager: Manager;
  ctx: ReconcileContext;
  /** Waits until every controller is idle. */
  settle(): Promise<void>;
  /** Advances the clock (firing requeueAfter and backoff timers), then settles. */
  advance(ms: number): Promise<void>;
  /** Operator API writes so far. */
  writes(): number;
  type(kind: string): ResourceType;
  create(obj: KubeObject | string): KubeObject;
  get(kind: string, name: string, namespace?: string): KubeObject | undefined;
  /** Writes the operator makes when the informers of `kinds` resync and a minute passes. */
  writesOnResync(...kinds: string[]): Promise<number>;
  /** Events with `reason` recorded in `namespace`. */
  events(reason: string, namespace?: string): { reason: string; note?: string }[];
  stop(): void;
}

export async function startHarness(
  opts: {
    namespaces?: string[];
    controllers?: string[];
    features?: Features;
    /** Runs before the operator starts (CRDs, objects it should find in its first list). */
    seed?: (cluster: MemoryCluster) => void;
  } = {},
): Promise<Harness> {
  const clock = new ManualClock();
  const cluster = new MemoryCluster({ clock });
  opts.seed?.(cluster);
  const metrics = new OperatorMetrics();
  const client = new InstrumentedKubeClient(cluster.client(), metrics.apiRequests);
  const log = process.env.OPERATOR_TEST_LOGS ? createLogger({ level: 'debug' }) : silentLogger;
  const informers = new InformerSet({
    client,
    resources: cluster.resources,
    clock,
    log,
    metrics,
    namespaces: opts.namespaces ?? [],
    specFor: informerSpecFor,
  });
  const events = new EventRecorder({ client, clock, instance: 'test', log });
  const ctx: ReconcileContext = {
    client,
    cache: informers,
    resources: cluster.resources,
    events,
    clock,
    log,
  };
  const manager = new Manager({ informers, clock, log, metrics, backoff: { baseMs: 100, maxMs: 10_000 } });
  for (const spec of allControllers(ctx, {}, opts.features ?? {})) {
    if (!opts.controllers || opts.controllers.includes(spec.name)) manager.add(spec);
  }
  manager.startInformers();
  await manager.startControllers();
  const type = (kind: string): ResourceType => {
    const found = cluster.resources.all().find((t) => t.kind === kind && t.group !== 'events.k8s.io');
    if (!found) throw new Error(`unknown kind ${kind}`);
    return found;
  };
  const h: Harness = {
    clock,
    cluster,
    metrics,
    manager,
    ctx,
    settle: () => manager.settled(),
    async advance(ms) {
      await clock.advance(ms);
      await manager.settled();
    },
    writes: () => writeCount(metrics.apiRequests),
    type,
    create(input) {
      const obj = (typeof input === 'string' ? parseYaml(input) : input) as KubeObject;
      obj.metadata.namespace ??= 'ns';
      return cluster.create(cluster.resources.forObject(obj), obj, 'kubectl');
    },
    get(kind, name, namespace = 'ns') {
      try {
        return cluster.get(type(kind), namespace, name);
      } catch {
        return undefined;
      }
    },
    async writesOnResync(...kinds) {
      const before = h.writes();
      for (const kind of kinds) manager.informers.informer(type(kind)).resync();
      await manager.settled();
      await h.advance(60_000);
      return h.writes() - before;
    },
    events(reason, namespace = 'ns') {
      const all = cluster.dump(cluster.resources.require('events.k8s.io', 'Event'), namespace) as unknown as {
        reason: string;
        note?: string;
      }[];
      return all.filter((e) => e.reason === reason);
    },
    stop: () => manager.stop(),
  };
  await h.settle();
  return h;
}
