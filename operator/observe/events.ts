/**
 * Kubernetes Events (events.k8s.io/v1) on the custom resources the operator reconciles. A
 * repeat of the same event within ten minutes updates the first one's series count instead of
 * creating a new object. Recording never fails a reconcile: errors are logged and dropped.
 */
import type { KubeObject } from '../../lib/api/meta.ts';
import { CORE } from '../kube/resources.ts';
import type { KubeClient } from '../kube/types.ts';
import type { Clock } from '../util/clock.ts';
import { microTime } from '../util/micro-time.ts';
import type { Logger } from './logger.ts';

export type EventType = 'Normal' | 'Warning';

export interface EventSink {
  record(obj: KubeObject, type: EventType, reason: string, note: string, action?: string): Promise<void>;
}

const SERIES_WINDOW_MS = 10 * 60 * 1000;
const MAX_NOTE = 1024;

interface Seen {
  name: string;
  namespace: string;
  count: number;
  at: number;
}

export class EventRecorder implements EventSink {
  private readonly seen = new Map<string, Seen>();
  private seq = 0;
  private readonly client: KubeClient;
  private readonly clock: Clock;
  private readonly instance: string;
  private readonly log: Logger;

  constructor(opts: { client: KubeClient; clock: Clock; instance: string; log: Logger }) {
    this.client = opts.client;
    this.clock = opts.clock;
    this.instance = opts.instance;
    this.log = opts.log;
  }

  async record(
    obj: KubeObject,
    type: EventType,
    reason: string,
    note: string,
    action = 'Reconcile',
  ): Promise<void> {
    const namespace = obj.metadata.namespace ?? 'default';
    const uid = obj.metadata.uid ?? '';
    const key = `${uid}\u0000${type}\u0000${reason}\u0000${note}`;
    const now = this.clock.now();
    this.prune(now);
    const prev = this.seen.get(key);
    try {
      if (prev && now - prev.at < SERIES_WINDOW_MS) {
        prev.count++;
        prev.at = now;
        await this.client.mergePatch(CORE.EventV1, prev.namespace, prev.name, {
          series: { count: prev.count, lastObservedTime: microTime(now) },
        });
        return;
      }
      const name = `${obj.metadata.name}.${(now * 1000 + (this.seq++ % 1000)).toString(16)}`;
      await this.client.create(CORE.EventV1, {
        apiVersion: 'events.k8s.io/v1',
        kind: 'Event',
        metadata: { name, namespace },
        eventTime: microTime(now),
        reportingController: `toolhive.stacklok.dev/${obj.kind.toLowerCase()}-controller`,
        reportingInstance: this.instance,
        action,
        reason,
        note: note.length > MAX_NOTE ? `${note.slice(0, MAX_NOTE - 3)}...` : note,
        type,
        regarding: {
          apiVersion: obj.apiVersion,
          kind: obj.kind,
          name: obj.metadata.name,
          namespace,
          uid,
          resourceVersion: obj.metadata.resourceVersion,
        },
      });
      this.seen.set(key, { name, namespace, count: 1, at: now });
    } catch (err) {
      this.log.warn('could not record event', { reason, error: err, namespace, name: obj.metadata.name });
    }
  }

  private prune(now: number): void {
    if (this.seen.size < 1000) return;
    for (const [k, v] of this.seen) if (now - v.at >= SERIES_WINDOW_MS) this.seen.delete(k);
  }
}
