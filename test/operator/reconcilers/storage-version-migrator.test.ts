/**
 * StorageVersionMigrator against the in-memory cluster, which records the version each object is
 * stored at and enforces the API server's storedVersions rules: an install that once stored
 * v1alpha1 (an older ToolHive operator) gets every object re-stored at v1beta1 and its
 * storedVersions trimmed, after which v1alpha1 could be dropped from the CRD.
 */
import { describe, expect, it } from 'vitest';
import { KINDS } from '../../../lib/api/kinds.ts';
import { toCustomResourceDefinition } from '../../../lib/schema/crd.ts';
import { InformerSet } from '../../../operator/controller/cache.ts';
import { informerSpecFor } from '../../../operator/controller/informer-specs.ts';
import { Manager } from '../../../operator/controller/manager.ts';
import { KubeApiError } from '../../../operator/kube/errors.ts';
import { HttpKubeClient } from '../../../operator/kube/http-client.ts';
import { MemoryCluster, type RequestInfo } from '../../../operator/kube/memory-cluster.ts';
import { CORE } from '../../../operator/kube/resources.ts';
import type { KubeObject } from '../../../operator/kube/types.ts';
import { EventRecorder } from '../../../operator/observe/events.ts';
import { silentLogger } from '../../../operator/observe/logger.ts';
import type { ReconcileContext } from '../../../operator/reconcilers/context.ts';
import {
  AUTO_MIGRATE_LABEL,
  MIGRATION_FAILED,
  MIGRATION_SUCCEEDED,
  storageVersionMigratorController,
} from '../../../operator/reconcilers/storage-version-migrator.ts';
import { systemClock } from '../../../operator/util/clock.ts';
import { FakeApiServer } from '../../support/fake-apiserver.ts';
import { type Harness, startHarness } from '../support/harness.ts';

const GROUP_DEF = KINDS.find((k) => k.kind === 'MCPGroup')!;
const CRD_NAME = 'mcpgroups.toolhive.stacklok.dev';
const CRD = CORE.CustomResourceDefinition;

/** ToolHive's MCPGroup CRD with `storage` as the storage version. */
function groupCrd(storage: 'v1alpha1' | 'v1beta1', labelled = true): KubeObject {
  const crd = toCustomResourceDefinition(GROUP_DEF) as unknown as KubeObject;
  const spec = crd.spec as { versions: { name: string; storage: boolean }[] };
  for (const v of spec.versions) v.storage = v.name === storage;
  if (!labelled) delete crd.metadata.labels?.[AUTO_MIGRATE_LABEL];
  return crd;
}

function versions(storage: 'v1alpha1' | 'v1beta1'): unknown {
  return (groupCrd(storage).spec as { versions: unknown }).versions;
}

/** A cluster where an older operator stored `count` MCPGroups at v1alpha1, then v1beta1 became storage. */
function upgradedFromV1alpha1(count: number, labelled = true) {
  return (cluster: MemoryCluster) => {
    cluster.create(CRD, groupCrd('v1alpha1', labelled));
    const groups = cluster.resources.toolhive('MCPGroup');
    for (let i = 0; i < count; i++) {
      cluster.create(groups, {
        apiVersion: 'toolhive.stacklok.dev/v1alpha1',
        kind: 'MCPGroup',
        metadata: { name: `g-${i}`, namespace: i % 2 === 0 ? 'team-a' : 'team-b' },
        spec: { description: `group ${i}` },
      });
    }
    cluster.mergePatch(CRD, undefined, CRD_NAME, { spec: { versions: versions('v1beta1') } });
  };
}

function storedVersions(cluster: MemoryCluster): string[] {
  return (cluster.get(CRD, undefined, CRD_NAME).status as { storedVersions: string[] }).storedVersions;
}

function crdEvents(h: Harness): {
  reason: string;
  note: string;
  type: string;
  regarding: { kind: string; name: string; namespace?: string };
}[] {
  return (
    h.cluster.dump(h.cluster.resources.require('events.k8s.io', 'Event'), 'default') as unknown as {
      reason: string;
      note: string;
      type: string;
      regarding: { kind: string; name: string };
    }[]
  ).filter((e) => e.regarding.kind === 'CustomResourceDefinition' && e.regarding.name === CRD_NAME);
}

function storedAt(cluster: MemoryCluster): Set<string | undefined> {
  const groups = cluster.resources.toolhive('MCPGroup');
  return new Set(
    cluster.dump(groups).map((g) => cluster.storedVersionOf(groups, g.metadata.namespace, g.metadata.name!)),
  );
}

const dropV1alpha1 = (cluster: MemoryCluster) =>
  cluster.mergePatch(CRD, undefined, CRD_NAME, {
    spec: { versions: (versions('v1beta1') as { name: string }[]).filter((v) => v.name === 'v1beta1') },
  });

function recordRequests(h: Harness, fault?: (req: RequestInfo) => Error | undefined): RequestInfo[] {
  const seen: RequestInfo[] = [];
  h.cluster.faults = (req) => {
    seen.push(req);
    return fault?.(req);
  };
  return seen;
}

/** The operator with only the migrator running; `seed` runs before it starts. */
const migrator = (seed?: (cluster: MemoryCluster) => void) =>
  startHarness({
    controllers: ['storageversionmigrator'],
    features: { storageVersionMigrator: true },
    ...(seed ? { seed } : {}),
  });

describe('StorageVersionMigrator', () => {
  it('re-stores every object page by page, then trims storedVersions to the storage version', async () => {
    let h: Harness | undefined;
    const seed = upgradedFromV1alpha1(250);
    h = await migrator((cluster) => {
      seed(cluster);
      expect(storedVersions(cluster)).toEqual(['v1alpha1', 'v1beta1']);
      // What the migrator is for: the API server refuses to drop a version still stored.
      expect(() => dropV1alpha1(cluster)).toThrow('status.storedVersions[0]: Invalid value: "v1alpha1"');
    });
    try {
      expect(storedVersions(h.cluster)).toEqual(['v1beta1']);
      expect(storedAt(h.cluster)).toEqual(new Set(['v1beta1']));
      expect(crdEvents(h)).toEqual([
        expect.objectContaining({
          type: 'Normal',
          reason: MIGRATION_SUCCEEDED,
          note: 'storage version migrated to v1beta1',
        }),
      ]);
      // A cluster-scoped object: the event lives in `default` and regards no namespace.
      expect(crdEvents(h)[0]?.regarding.namespace).toBeUndefined();
      expect(() => dropV1alpha1(h!.cluster)).not.toThrow();

      // Settled: a resync and a relist write nothing.
      const before = h.writes();
      const crds = h.manager.informers.informer(CRD);
      crds.resync();
      crds.relist();
      await h.settle();
      expect(h.writes()).toBe(before);
    } finally {
      h?.stop();
    }
  });

  it('writes storedVersions only after every object, and lists in pages', async () => {
    const h = await migrator();
    try {
      upgradedFromV1alpha1(250)(h.cluster);
      const seen = recordRequests(h);
      await h.settle();
      expect(storedVersions(h.cluster)).toEqual(['v1beta1']);
      const lists = seen.filter((r) => r.verb === 'list' && r.resource.kind === 'MCPGroup');
      expect(lists).toHaveLength(3);
      const updates = seen.filter((r) => r.verb === 'update' && r.resource.kind === 'MCPGroup');
      expect(updates).toHaveLength(250);
      const trim = seen.findIndex(
        (r) => r.resource.kind === 'CustomResourceDefinition' && r.verb === 'patch',
      );
      expect(trim).toBeGreaterThan(seen.lastIndexOf(updates.at(-1)!));
      expect(seen[trim]?.subresource).toBe('status');
    } finally {
      h.stop();
    }
  });

  it('leaves CRDs that are not opted in, or already clean, alone', async () => {
    const h = await migrator(upgradedFromV1alpha1(3, false));
    try {
      expect(storedVersions(h.cluster)).toEqual(['v1alpha1', 'v1beta1']);
      expect(h.writes()).toBe(0);
      expect(storedAt(h.cluster)).toEqual(new Set(['v1alpha1']));
    } finally {
      h.stop();
    }
    const clean = await migrator((cluster) => cluster.create(CRD, groupCrd('v1beta1')));
    try {
      expect(storedVersions(clean.cluster)).toEqual(['v1beta1']);
      expect(clean.writes()).toBe(0);
    } finally {
      clean.stop();
    }
  });

  it('keeps storedVersions while updates conflict and tries again 30 s later, skipping objects already done', async () => {
    const h = await migrator();
    try {
      let conflicts = 0;
      const seen = recordRequests(h, (req) => {
        if (req.verb === 'update' && req.name === 'g-1' && conflicts < 3) {
          conflicts++;
          return new KubeApiError(409, 'Conflict', 'the object has been modified');
        }
        return undefined;
      });
      upgradedFromV1alpha1(6)(h.cluster);
      await h.settle();
      expect(conflicts).toBe(3);
      expect(storedVersions(h.cluster)).toEqual(['v1alpha1', 'v1beta1']);
      expect(crdEvents(h)).toEqual([]);
      const firstPass = seen.filter((r) => r.verb === 'update').length;
      expect(firstPass).toBe(6 + 2);

      await h.advance(30_000);
      expect(storedVersions(h.cluster)).toEqual(['v1beta1']);
      // Only the object that conflicted is written again.
      expect(
        seen
          .filter((r) => r.verb === 'update')
          .slice(firstPass)
          .map((r) => r.name),
      ).toEqual(['g-1']);
      expect(crdEvents(h).map((e) => e.reason)).toEqual([MIGRATION_SUCCEEDED]);
    } finally {
      h.stop();
    }
  });

  it('reports any other failure as a Warning event on the CRD and retries with backoff', async () => {
    const h = await migrator();
    try {
      let forbidden = true;
      recordRequests(h, (req) =>
        forbidden && req.verb === 'update' && req.name === 'g-2'
          ? new KubeApiError(
              403,
              'Forbidden',
              'mcpgroups.toolhive.stacklok.dev "g-2" is forbidden: User "system:serviceaccount:toolhive-system:toolhive-operator" cannot update resource "mcpgroups"',
            )
          : undefined,
      );
      upgradedFromV1alpha1(4)(h.cluster);
      await h.settle();
      expect(storedVersions(h.cluster)).toEqual(['v1alpha1', 'v1beta1']);
      const [failed] = crdEvents(h);
      expect(failed).toMatchObject({ type: 'Warning', reason: MIGRATION_FAILED });
      expect(failed?.note).toContain('storage version migration failed: re-store team-a/g-2:');
      expect(failed?.note).toContain('cannot update resource "mcpgroups"');

      forbidden = false;
      await h.advance(10_000);
      expect(storedVersions(h.cluster)).toEqual(['v1beta1']);
      expect(crdEvents(h).map((e) => e.reason)).toContain(MIGRATION_SUCCEEDED);
    } finally {
      h.stop();
    }
  });
});

describe('StorageVersionMigrator over HTTP', () => {
  it('migrates through the fake API server with the HTTP client', async () => {
    const cluster = new MemoryCluster({ historyLimit: 10_000 });
    upgradedFromV1alpha1(120)(cluster);
    const api = new FakeApiServer(cluster);
    await api.start();
    const client = new HttpKubeClient(api.connection());
    const log = silentLogger;
    const informers = new InformerSet({
      client,
      resources: cluster.resources,
      clock: systemClock,
      log,
      namespaces: [],
      specFor: informerSpecFor,
    });
    const ctx: ReconcileContext = {
      client,
      cache: informers,
      resources: cluster.resources,
      events: new EventRecorder({ client, clock: systemClock, instance: 'test', log }),
      clock: systemClock,
      log,
    };
    const manager = new Manager({ informers, clock: systemClock, log });
    manager.add(storageVersionMigratorController(ctx, { pageSize: 50 }));
    try {
      manager.startInformers();
      await manager.startControllers();
      await manager.settled();
      for (let i = 0; i < 100 && storedVersions(cluster).length > 1; i++)
        await new Promise((r) => setTimeout(r, 20));
      expect(storedVersions(cluster)).toEqual(['v1beta1']);
      expect(storedAt(cluster)).toEqual(new Set(['v1beta1']));
      const puts = api.requests.filter((r) => r.method === 'PUT' && r.path.includes('/mcpgroups/'));
      expect(puts).toHaveLength(120);
      expect(puts[0]?.path).toMatch(
        /^\/apis\/toolhive\.stacklok\.dev\/v1beta1\/namespaces\/team-a\/mcpgroups\//,
      );
      const statusPatch = api.requests.find((r) =>
        r.path.endsWith(`/customresourcedefinitions/${CRD_NAME}/status`),
      );
      expect(statusPatch).toMatchObject({
        method: 'PATCH',
        contentType: 'application/merge-patch+json',
        body: { status: { storedVersions: ['v1beta1'] } },
      });
      // Only opted-in CRDs are listed, and the cache never holds their schemas.
      expect(
        api.requests.find((r) => r.path === '/apis/apiextensions.k8s.io/v1/customresourcedefinitions')?.query,
      ).toMatchObject({ labelSelector: `${AUTO_MIGRATE_LABEL}=true` });
      const cached = informers.get(CRD, undefined, CRD_NAME);
      expect(JSON.stringify(cached).length).toBeLessThan(2000);
    } finally {
      manager.stop();
      client.close();
      await api.stop();
    }
  });
});
