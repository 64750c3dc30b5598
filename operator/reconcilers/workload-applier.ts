/**
 * Render → apply → prune for one workload, skipped when nothing it depends on has changed since
 * it last went through. Most reconciles change nothing: the events of the operator's own writes
 * (status, children) come back and re-enqueue the workload, and every resync enqueues them all.
 * Re-rendering then costs a chart synthesis per workload and produces garbage for nothing.
 *
 * What a render depends on is recorded while it runs: the workload's own identity, generation
 * (its spec), labels and annotations; every object the charts read through the cache (by
 * resourceVersion, absent ones included); every list they took; and the resourceVersion of each
 * child as applied. The next reconcile skips the work only if all of these are unchanged, so a
 * changed reference, a child someone edited or deleted, or a new generation always renders.
 */
import { renderWorkload } from '../../constructs/render.ts';
import type { KubeObject } from '../../lib/api/meta.ts';
import { ResolveError } from '../../lib/resolve/resolve.ts';
import type { ObjectSource } from '../../lib/resolve/source.ts';
import { RunConfigError } from '../../lib/runconfig/build.ts';
import { VmcpConfigError } from '../../lib/vmcp-config/build.ts';
import type { ApplyEngine } from '../apply/apply-engine.ts';
import { KubeApiError } from '../kube/errors.ts';
import type { ReconcileContext } from './context.ts';
import type { WorkloadOptions } from './index.ts';
import {
  applyEngine,
  CacheSource,
  CHILD_TYPES,
  isCachedChild,
  renderOptions,
  WorkloadError,
} from './workload.ts';

/** One read a render made, and what it saw. */
type Read = { kind: string; name?: string; seen: string };

/** An ObjectSource that remembers what it was asked and what it answered. */
class RecordingSource implements ObjectSource {
  readonly reads: Read[] = [];
  private readonly inner: CacheSource;
  private readonly namespace: string;

  constructor(inner: CacheSource, namespace: string) {
    this.inner = inner;
    this.namespace = namespace;
  }

  get(kind: string, namespace: string, name: string): KubeObject | undefined {
    const obj = this.inner.get(kind, namespace, name);
    this.reads.push({ kind, name, seen: namespace === this.namespace ? version(obj) : '\u0000other' });
    return obj;
  }

  list(kind: string, namespace: string): KubeObject[] {
    const objs = this.inner.list(kind, namespace);
    this.reads.push({ kind, seen: namespace === this.namespace ? versions(objs) : '\u0000other' });
    return objs;
  }
}

function version(obj: KubeObject | undefined): string {
  return obj ? (obj.metadata.resourceVersion ?? '') : '\u0000absent';
}

function versions(objs: readonly KubeObject[]): string {
  return objs.map((o) => `${o.metadata.name}@${o.metadata.resourceVersion}`).join(',');
}

/** What identifies the workload's own input to a render (not its status). */
function selfKey(obj: KubeObject, extra: string): string {
  const m = obj.metadata;
  return JSON.stringify([m.uid, m.generation, m.labels ?? {}, m.annotations ?? {}, extra]);
}

interface Memo {
  self: string;
  reads: Read[];
  /** Children as applied: kind, name and resourceVersion. */
  children: { apiVersion: string; kind: string; name: string; rv: string }[];
}

export interface SyncOptions {
  /** Changes made to the rendered objects before applying (restart stamps, replicas). */
  adjust?: (objects: KubeObject[]) => void;
  /** Anything else `adjust` depends on that is not in the workload object itself. */
  extra?: string;
}

export class WorkloadApplier {
  readonly engine: ApplyEngine;
  private readonly ctx: ReconcileContext;
  private readonly opts: WorkloadOptions;
  private readonly memos = new Map<string, Memo>();
  /** Renders done (diagnostics and tests). */
  rendered = 0;

  constructor(ctx: ReconcileContext, opts: WorkloadOptions) {
    this.ctx = ctx;
    this.opts = opts;
    this.engine = applyEngine(ctx, ctx.resources);
  }

  /** Renders, applies and prunes `obj`'s children, unless nothing they depend on changed. */
  async sync(obj: KubeObject, opts: SyncOptions = {}): Promise<void> {
    const ns = obj.metadata.namespace ?? '';
    const key = `${ns}/${obj.metadata.name}`;
    const self = selfKey(obj, opts.extra ?? '');
    const memo = this.memos.get(key);
    if (memo && memo.self === self && this.unchanged(memo, ns)) return;
    this.memos.delete(key);

    const source = new RecordingSource(new CacheSource(this.ctx), ns);
    this.rendered++;
    let objects: KubeObject[];
    try {
      objects = renderWorkload(obj, source, renderOptions(this.opts));
    } catch (err) {
      if (err instanceof ResolveError)
        throw new WorkloadError(err.problems.map((p) => `${p.path}: ${p.message}`).join('; '));
      const detail = err instanceof Error ? err.message : String(err);
      throw new WorkloadError(
        `Failed to render: ${detail}`,
        true,
        err instanceof RunConfigError && err.source
          ? { source: err.source, message: detail }
          : err instanceof VmcpConfigError && err.authServer
            ? { source: 'authServerConfig', message: detail }
            : undefined,
      );
    }
    opts.adjust?.(objects);
    let live: Map<string, KubeObject>;
    try {
      ({ objects: live } = await this.engine.apply(obj, objects));
      await this.engine.prune(obj, objects, CHILD_TYPES);
    } catch (err) {
      if (err instanceof KubeApiError && (err.code === 422 || err.code === 400)) {
        throw new WorkloadError(`Failed to apply rendered objects: ${err.message}`);
      }
      throw err;
    }
    // Only children the cache holds can be checked later; anything else renders every time.
    if ([...live.values()].some((c) => !isCachedChild(this.ctx.resources.forObject(c)))) return;
    this.memos.set(key, {
      self,
      reads: source.reads,
      children: [...live.values()].map((c) => ({
        apiVersion: c.apiVersion,
        kind: c.kind,
        name: c.metadata.name!,
        rv: c.metadata.resourceVersion ?? '',
      })),
    });
  }

  /** Drops what is remembered about a workload that is gone or being deleted. */
  forget(namespace: string, name: string): void {
    this.memos.delete(`${namespace}/${name}`);
  }

  get size(): number {
    return this.memos.size;
  }

  private unchanged(memo: Memo, ns: string): boolean {
    const source = new CacheSource(this.ctx);
    for (const r of memo.reads) {
      if (r.seen === '\u0000other') return false;
      const now =
        r.name === undefined ? versions(source.list(r.kind, ns)) : version(source.get(r.kind, ns, r.name));
      if (now !== r.seen) return false;
    }
    for (const c of memo.children) {
      const type = this.ctx.resources.forObject(c);
      const live = this.ctx.cache.get(type, type.namespaced ? ns : undefined, c.name);
      if (!live || live.metadata.resourceVersion !== c.rv || live.metadata.deletionTimestamp) return false;
    }
    return true;
  }
}
