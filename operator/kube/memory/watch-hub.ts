/**
 * Watch fan-out for the in-memory cluster: a bounded history of changes (so a watch can resume
 * from a resourceVersion, and gets 410 Gone once that version has been compacted away),
 * label-selector transitions (an object leaving the selection is DELETED for that watcher),
 * periodic bookmarks, server-side timeouts, and asynchronous delivery like a network stream.
 */
import type { Clock, Timer } from '../../util/clock.ts';
import { KubeApiError } from '../errors.ts';
import type { LabelMatcher } from '../label-selector.ts';
import type { KubeObject, WatchEvent, WatchEventType, WatchHandle, WatchSink } from '../types.ts';

export interface Change {
  rv: number;
  /** `group/plural` of the resource. */
  resource: string;
  namespace: string | undefined;
  type: Exclude<WatchEventType, 'BOOKMARK'>;
  object: KubeObject;
  /** The object before the change (MODIFIED only), to detect selector transitions. */
  previous?: KubeObject;
}

export interface WatchRequest {
  resource: string;
  namespace: string | undefined;
  match: LabelMatcher;
  /** Deliver changes after this resourceVersion. */
  fromRv: number;
  bookmarks: boolean;
  timeoutMs?: number;
  /** Turns a stored object into what this watcher sees (apiVersion of the requested version, a copy). */
  present: (obj: KubeObject) => KubeObject;
}

interface Watcher {
  req: WatchRequest;
  sink: WatchSink;
  queue: (WatchEvent | { end: unknown })[];
  flushing: boolean;
  stopped: boolean;
  timers: Timer[];
}

export class WatchHub {
  private readonly history: Change[] = [];
  /** Changes at or below this resourceVersion are no longer in `history`. */
  private compactedRv = 0;
  private readonly watchers = new Set<Watcher>();

  private readonly clock: Clock;
  private readonly opts: { historyLimit: number; bookmarkIntervalMs: number; currentRv: () => number };

  constructor(
    clock: Clock,
    opts: { historyLimit: number; bookmarkIntervalMs: number; currentRv: () => number },
  ) {
    this.clock = clock;
    this.opts = opts;
  }

  record(change: Change): void {
    this.history.push(change);
    if (this.history.length > this.opts.historyLimit) {
      const dropped = this.history.splice(0, this.history.length - this.opts.historyLimit);
      this.compactedRv = dropped[dropped.length - 1]!.rv;
    }
    for (const w of this.watchers) this.offer(w, change);
  }

  /** Forgets all history: every watch resumed from an older resourceVersion now gets 410. */
  compact(): void {
    if (this.history.length > 0) this.compactedRv = this.history[this.history.length - 1]!.rv;
    this.history.length = 0;
  }

  /** Ends every open watch, as when connections to the API server drop. */
  dropAll(err?: unknown): void {
    for (const w of [...this.watchers]) this.end(w, err ?? new Error('watch connection reset'));
  }

  get openWatches(): number {
    return this.watchers.size;
  }

  watch(req: WatchRequest, sink: WatchSink): WatchHandle {
    const w: Watcher = { req, sink, queue: [], flushing: false, stopped: false, timers: [] };
    if (req.fromRv < this.compactedRv) {
      this.push(
        w,
        {
          end: new KubeApiError(
            410,
            'Expired',
            `too old resource version: ${req.fromRv} (${this.compactedRv + 1})`,
          ),
        },
        true,
      );
      return { stop: () => this.stop(w) };
    }
    this.watchers.add(w);
    for (const c of this.history) if (c.rv > req.fromRv) this.offer(w, c);
    if (req.bookmarks) this.scheduleBookmark(w);
    if (req.timeoutMs !== undefined) {
      w.timers.push(this.clock.setTimer(req.timeoutMs, () => this.end(w, undefined)));
    }
    return { stop: () => this.stop(w) };
  }

  private scheduleBookmark(w: Watcher): void {
    w.timers.push(
      this.clock.setTimer(this.opts.bookmarkIntervalMs, () => {
        if (w.stopped) return;
        this.push(w, {
          type: 'BOOKMARK',
          object: {
            apiVersion: '',
            kind: '',
            metadata: { resourceVersion: String(this.opts.currentRv()) },
          },
        });
        this.scheduleBookmark(w);
      }),
    );
  }

  private offer(w: Watcher, c: Change): void {
    const { req } = w;
    if (c.resource !== req.resource) return;
    if (req.namespace !== undefined && c.namespace !== req.namespace) return;
    const now = req.match(c.object.metadata.labels);
    let type: WatchEvent['type'] | undefined;
    if (c.type === 'MODIFIED') {
      const before = c.previous ? req.match(c.previous.metadata.labels) : now;
      if (before && now) type = 'MODIFIED';
      else if (now) type = 'ADDED';
      else if (before) type = 'DELETED';
    } else if (now) {
      type = c.type;
    }
    if (type) this.push(w, { type, object: req.present(c.object) });
  }

  private push(w: Watcher, item: WatchEvent | { end: unknown }, ending = false): void {
    if (w.stopped) return;
    w.queue.push(item);
    if (ending) this.detach(w);
    if (!w.flushing) {
      w.flushing = true;
      queueMicrotask(() => this.flush(w));
    }
  }

  private flush(w: Watcher): void {
    w.flushing = false;
    while (w.queue.length > 0 && !w.stopped) {
      const item = w.queue.shift()!;
      if ('end' in item) {
        w.stopped = true;
        w.sink.done(item.end);
        return;
      }
      w.sink.event(item);
    }
  }

  private end(w: Watcher, err: unknown): void {
    this.push(w, { end: err }, true);
  }

  private detach(w: Watcher): void {
    this.watchers.delete(w);
    for (const t of w.timers) t.cancel();
    w.timers.length = 0;
  }

  private stop(w: Watcher): void {
    this.detach(w);
    w.stopped = true;
    w.queue.length = 0;
  }
}
