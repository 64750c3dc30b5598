/**
 * StorageVersionMigrator, as ToolHive's operator runs it (cluster scope only): for every
 * ToolHive CRD labelled `toolhive.stacklok.dev/auto-migrate-storage-version: "true"` whose
 * `status.storedVersions` holds anything but the storage version, re-store every custom resource
 * of that kind (a PUT of the unchanged object makes the API server encode it at the storage
 * version), then trim `status.storedVersions` to `[<storage version>]`. Only then can a later
 * release drop the old version (v1alpha1) from the CRD: the API server refuses to remove a
 * version objects may still be stored at. Users coming from ToolHive's operator, whose older
 * releases stored v1alpha1, need this before such an upgrade.
 *
 * Conflicts while re-storing are normal (other controllers write the same objects): the pass
 * leaves storedVersions alone and runs again 30 s later without backoff. Any other failure is a
 * Warning event on the CRD and a retry with backoff.
 */
import type {
  ControllerSpec,
  ReconcileRequest,
  ReconcileResult,
  Reconciler,
} from '../controller/controller.ts';
import { isConflict, isNotFound } from '../kube/errors.ts';
import { CORE } from '../kube/resources.ts';
import type { KubeObject, ResourceType } from '../kube/types.ts';
import { FIELD_MANAGER, type ReconcileContext } from './context.ts';

export const AUTO_MIGRATE_LABEL = 'toolhive.stacklok.dev/auto-migrate-storage-version';
export const AUTO_MIGRATE_VALUE = 'true';
export const MIGRATION_SUCCEEDED = 'StorageVersionMigrationSucceeded';
export const MIGRATION_FAILED = 'StorageVersionMigrationFailed';
const TOOLHIVE_GROUP = 'toolhive.stacklok.dev';

/** ToolHive's page size: bounds one list response even for large objects. */
const PAGE_SIZE = 100;
/** Attempts per object when its update conflicts (each after a fresh read). */
const RESTORE_ATTEMPTS = 3;
const CONFLICT_REQUEUE_MS = 30_000;
/** Consecutive conflict-only passes after which a stuck migration is logged at info level. */
const CONFLICT_LOG_THRESHOLD = 5;
/** How long a re-stored (uid, resourceVersion) is remembered, so a retried pass skips it. */
const RESTORED_TTL_MS = 60 * 60_000;

interface CrdVersion {
  name: string;
  served?: boolean;
  storage?: boolean;
  subresources?: { status?: unknown };
}

interface CrdSpec {
  group?: string;
  scope?: string;
  names?: { kind?: string; plural?: string; listKind?: string };
  versions?: CrdVersion[];
}

function specOf(crd: KubeObject): CrdSpec {
  return (crd.spec ?? {}) as CrdSpec;
}

export function storedVersionsOf(crd: KubeObject): string[] {
  return (crd.status as { storedVersions?: string[] } | undefined)?.storedVersions ?? [];
}

/** Opted in: a ToolHive CRD (group and name) carrying the label. */
export function isManagedCrd(crd: KubeObject): boolean {
  return (
    specOf(crd).group === TOOLHIVE_GROUP &&
    (crd.metadata.name ?? '').endsWith(`.${TOOLHIVE_GROUP}`) &&
    crd.metadata.labels?.[AUTO_MIGRATE_LABEL] === AUTO_MIGRATE_VALUE
  );
}

export function storageVersionOf(crd: KubeObject): string | undefined {
  return specOf(crd).versions?.find((v) => v.storage)?.name;
}

/** Anything but exactly `[storage]` needs a pass. */
export function needsMigration(crd: KubeObject, storage: string): boolean {
  const stored = storedVersionsOf(crd);
  return stored.length !== 1 || stored[0] !== storage;
}

/**
 * What the cache keeps of a CRD: enough to decide whether it needs migrating. The full schema
 * (hundreds of kilobytes per ToolHive CRD) is never read.
 */
export function slimCrd(crd: KubeObject): KubeObject {
  const spec = specOf(crd);
  return {
    apiVersion: crd.apiVersion,
    kind: crd.kind,
    metadata: crd.metadata,
    spec: {
      group: spec.group,
      scope: spec.scope,
      names: spec.names,
      versions: (spec.versions ?? []).map((v) => ({ name: v.name, served: v.served, storage: v.storage })),
    },
    status: { storedVersions: storedVersionsOf(crd) },
  };
}

/** The REST resource of the CRD's kind at `version`. */
function resourceOf(crd: KubeObject, version: string): ResourceType {
  const spec = specOf(crd);
  const v = spec.versions?.find((x) => x.name === version);
  return {
    group: spec.group ?? '',
    version,
    kind: spec.names?.kind ?? '',
    plural: spec.names?.plural ?? '',
    namespaced: spec.scope !== 'Cluster',
    statusSubresource: v?.subresources?.status !== undefined,
  };
}

interface PassResult {
  conflicts: number;
  errors: string[];
}

export interface MigratorOptions {
  pageSize?: number;
}

export class StorageVersionMigrator implements Reconciler {
  private readonly ctx: ReconcileContext;
  private readonly pageSize: number;
  /** `crd|uid` → resourceVersion re-stored, and when that stops counting. */
  private readonly restored = new Map<string, { rv: string; until: number }>();
  private readonly conflictPasses = new Map<string, number>();

  constructor(ctx: ReconcileContext, opts: MigratorOptions = {}) {
    this.ctx = ctx;
    this.pageSize = opts.pageSize ?? PAGE_SIZE;
  }

  async reconcile(req: ReconcileRequest): Promise<ReconcileResult | undefined> {
    // The cache says whether there is anything to do; a pass then reads the CRD live, since
    // the cache may lag a storedVersions or label change.
    const cached = this.ctx.cache.get(CORE.CustomResourceDefinition, undefined, req.name);
    const cachedStorage = cached ? storageVersionOf(cached) : undefined;
    if (!cached || !isManagedCrd(cached) || !cachedStorage || !needsMigration(cached, cachedStorage))
      return undefined;
    const crd = await this.ctx.client.get(CORE.CustomResourceDefinition, undefined, req.name);
    if (!crd || !isManagedCrd(crd)) return undefined;
    const storage = storageVersionOf(crd);
    const log = this.ctx.log.child({ crd: req.name });
    if (!storage) {
      log.info('CRD has no storage version; skipping');
      return undefined;
    }
    if (!needsMigration(crd, storage)) return undefined;
    log.info('migrating storage versions', {
      storageVersion: storage,
      storedVersions: storedVersionsOf(crd),
    });

    let pass: PassResult;
    try {
      pass = await this.restoreAll(crd, resourceOf(crd, storage));
    } catch (err) {
      pass = { conflicts: 0, errors: [err instanceof Error ? err.message : String(err)] };
    }
    if (pass.errors.length > 0) {
      const message = `storage version migration failed: ${pass.errors.join('; ')}`;
      await this.ctx.events.record(crd, 'Warning', MIGRATION_FAILED, message, 'RestoreCRs');
      throw new Error(message);
    }
    if (pass.conflicts > 0) {
      // Another writer won a race; its write re-encoded the object too, but that is not
      // verified here, so storedVersions stays until a pass sees no conflict.
      const count = (this.conflictPasses.get(req.name) ?? 0) + 1;
      this.conflictPasses.set(req.name, count);
      const fields = { conflicts: pass.conflicts, consecutiveConflictPasses: count };
      if (count >= CONFLICT_LOG_THRESHOLD)
        log.info('storage version migration not converging: sustained concurrent writes', fields);
      else log.debug('storage version migration deferred by concurrent writes; retrying', fields);
      return { requeueAfter: CONFLICT_REQUEUE_MS };
    }

    try {
      // Optimistic on the CRD's resourceVersion: the API server itself appends to the list.
      await this.ctx.client.mergePatch(
        CORE.CustomResourceDefinition,
        undefined,
        req.name,
        {
          metadata: { resourceVersion: crd.metadata.resourceVersion },
          status: { storedVersions: [storage] },
        },
        { subresource: 'status', fieldManager: FIELD_MANAGER },
      );
    } catch (err) {
      const message = `storedVersions patch failed: ${err instanceof Error ? err.message : String(err)}`;
      await this.ctx.events.record(crd, 'Warning', MIGRATION_FAILED, message, 'PatchStoredVersions');
      throw err;
    }
    this.conflictPasses.delete(req.name);
    await this.ctx.events.record(
      crd,
      'Normal',
      MIGRATION_SUCCEEDED,
      `storage version migrated to ${storage}`,
      'Migrate',
    );
    log.info('storage version migration complete', { storageVersion: storage });
    return undefined;
  }

  /** Re-stores every object of the kind, page by page. */
  private async restoreAll(crd: KubeObject, type: ResourceType): Promise<PassResult> {
    const now = this.ctx.clock.now();
    for (const [k, v] of this.restored) if (v.until <= now) this.restored.delete(k);
    const out: PassResult = { conflicts: 0, errors: [] };
    let token: string | undefined;
    do {
      const page = await this.ctx.client.list(type, {
        limit: this.pageSize,
        ...(token ? { continue: token } : {}),
      });
      for (const obj of page.items) {
        const key = `${crd.metadata.name}|${obj.metadata.uid}`;
        if (this.restored.get(key)?.rv === obj.metadata.resourceVersion) continue;
        try {
          const written = await this.restoreOne(type, obj);
          if (written)
            this.restored.set(key, { rv: written.metadata.resourceVersion!, until: now + RESTORED_TTL_MS });
        } catch (err) {
          if (isConflict(err)) out.conflicts++;
          else
            out.errors.push(
              `re-store ${obj.metadata.namespace ?? ''}/${obj.metadata.name}: ${err instanceof Error ? err.message : String(err)}`,
            );
        }
      }
      token = page.continue;
    } while (token);
    return out;
  }

  /**
   * PUT of the object as listed; on a conflict, read it again and retry. Undefined when the
   * object is gone (nothing left to migrate).
   */
  private async restoreOne(type: ResourceType, listed: KubeObject): Promise<KubeObject | undefined> {
    let live: KubeObject | undefined = listed;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.ctx.client.replace(type, live, { fieldManager: FIELD_MANAGER });
      } catch (err) {
        if (isNotFound(err)) return undefined;
        if (!isConflict(err) || attempt >= RESTORE_ATTEMPTS) throw err;
      }
      live = await this.ctx.client.get(type, listed.metadata.namespace, listed.metadata.name!);
      if (!live) return undefined;
    }
  }
}

export function storageVersionMigratorController(
  ctx: ReconcileContext,
  opts: MigratorOptions = {},
): ControllerSpec {
  return {
    name: 'storageversionmigrator',
    primary: CORE.CustomResourceDefinition,
    reconciler: new StorageVersionMigrator(ctx, opts),
    // One CRD at a time: each pass already writes every object of a kind.
    workers: 1,
  };
}
