/**
 * StorageVersionMigrator against the real API server in KUBECONFIG (skipped without one): a
 * probe CRD in the ToolHive group first stores objects at v1alpha1, then switches storage to
 * v1beta1, so the API server lists both in status.storedVersions and refuses to drop v1alpha1.
 * The migrator (the operator's own controller, run here in-process and limited to the probe CRD
 * by an extra label, so nothing else in the cluster is touched) re-stores the objects and trims
 * storedVersions; after that the API server accepts dropping v1alpha1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InformerSet } from '../../operator/controller/cache.ts';
import { informerSpecFor } from '../../operator/controller/informer-specs.ts';
import { Manager } from '../../operator/controller/manager.ts';
import { loadConnection } from '../../operator/kube/connection.ts';
import { HttpKubeClient } from '../../operator/kube/http-client.ts';
import { CORE, ResourceRegistry } from '../../operator/kube/resources.ts';
import type { KubeObject, ResourceType } from '../../operator/kube/types.ts';
import { EventRecorder } from '../../operator/observe/events.ts';
import { silentLogger } from '../../operator/observe/logger.ts';
import type { ReconcileContext } from '../../operator/reconcilers/context.ts';
import {
  AUTO_MIGRATE_LABEL,
  MIGRATION_SUCCEEDED,
  storageVersionMigratorController,
} from '../../operator/reconcilers/storage-version-migrator.ts';
import { findCondition } from '../../operator/status/conditions.ts';
import { systemClock } from '../../operator/util/clock.ts';
import { until } from './until.ts';

const enabled = Boolean(process.env.KUBECONFIG);
const run = Date.now().toString(36);
const PROBE_LABEL = 'toolhive-e2e/storage-version-probe';
const CRD_NAME = 'e2eprobes.toolhive.stacklok.dev';
const CRD = CORE.CustomResourceDefinition;

function version(name: string, storage: boolean) {
  return {
    name,
    served: true,
    storage,
    schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
    subresources: { status: {} },
  };
}

function probeCrd(storage: 'v1alpha1' | 'v1beta1'): KubeObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: CRD_NAME, labels: { [AUTO_MIGRATE_LABEL]: 'true', [PROBE_LABEL]: run } },
    spec: {
      group: 'toolhive.stacklok.dev',
      names: { kind: 'E2eProbe', listKind: 'E2eProbeList', plural: 'e2eprobes', singular: 'e2eprobe' },
      scope: 'Namespaced',
      versions: [version('v1alpha1', storage === 'v1alpha1'), version('v1beta1', storage === 'v1beta1')],
    },
  };
}

describe.skipIf(!enabled)('storage-version migration against a real API server', () => {
  const namespace = `thv-e2e-svm-${run}`;
  let client: HttpKubeClient;
  let manager: Manager | undefined;
  const probes = (v: string): ResourceType => ({
    group: 'toolhive.stacklok.dev',
    version: v,
    kind: 'E2eProbe',
    plural: 'e2eprobes',
    namespaced: true,
    statusSubresource: true,
  });
  const storedVersions = async () =>
    ((await client.get(CRD, undefined, CRD_NAME))?.status as { storedVersions?: string[] } | undefined)
      ?.storedVersions ?? [];
  const applyCrd = (crd: KubeObject) => client.apply(CRD, crd, { fieldManager: 'toolhive-e2e', force: true });

  beforeAll(async () => {
    client = new HttpKubeClient(await loadConnection(process.env));
    await client.create(CORE.Namespace, {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: namespace },
    });
    await applyCrd(probeCrd('v1alpha1'));
    await until('the probe CRD to be established', async () => {
      const live = await client.get(CRD, undefined, CRD_NAME);
      return (
        findCondition((live?.status as { conditions?: unknown } | undefined)?.conditions, 'Established')
          ?.status === 'True'
      );
    });
    // Stored at v1alpha1, as by an older operator release.
    for (const n of ['a', 'b', 'c']) {
      await until(`probe ${n} created`, async () =>
        client.create(probes('v1alpha1'), {
          apiVersion: 'toolhive.stacklok.dev/v1alpha1',
          kind: 'E2eProbe',
          metadata: { name: `probe-${n}`, namespace },
          spec: { n },
        }),
      );
    }
    await applyCrd(probeCrd('v1beta1'));
    await until('v1beta1 to join storedVersions', async () => (await storedVersions()).includes('v1beta1'));
  });

  afterAll(async () => {
    manager?.stop();
    if (!client) return;
    await client.delete(CRD, undefined, CRD_NAME).catch(() => false);
    await client.delete(CORE.Namespace, undefined, namespace).catch(() => false);
    client.close();
  });

  it('re-stores the objects and trims storedVersions, after which v1alpha1 can be dropped', async () => {
    expect(await storedVersions()).toEqual(['v1alpha1', 'v1beta1']);
    // The API server protects objects possibly stored at v1alpha1.
    const dropped = probeCrd('v1beta1');
    const spec = dropped.spec as { versions: { name: string }[] };
    spec.versions = spec.versions.filter((v) => v.name === 'v1beta1');
    await expect(applyCrd(dropped)).rejects.toMatchObject({ code: 422 });

    const resources = ResourceRegistry.standard();
    const informers = new InformerSet({
      client,
      resources,
      clock: systemClock,
      log: silentLogger,
      namespaces: [],
      // Only this run's probe CRD, whatever else the cluster holds.
      specFor: (t) =>
        t.kind === 'CustomResourceDefinition'
          ? { labelSelector: `${AUTO_MIGRATE_LABEL}=true,${PROBE_LABEL}=${run}` }
          : informerSpecFor(t),
    });
    const ctx: ReconcileContext = {
      client,
      cache: informers,
      resources,
      events: new EventRecorder({ client, clock: systemClock, instance: 'e2e', log: silentLogger }),
      clock: systemClock,
      log: silentLogger,
    };
    manager = new Manager({ informers, clock: systemClock, log: silentLogger });
    manager.add(storageVersionMigratorController(ctx));
    manager.startInformers();
    await manager.startControllers();

    await until('storedVersions to be trimmed', async () => {
      const stored = await storedVersions();
      return stored.length === 1 && stored[0] === 'v1beta1';
    });
    const events = await client.list(resources.require('events.k8s.io', 'Event'), { namespace: 'default' });
    expect(
      events.items.some(
        (e) =>
          (e.regarding as { name?: string } | undefined)?.name === CRD_NAME &&
          (e as { reason?: string }).reason === MIGRATION_SUCCEEDED,
      ),
    ).toBe(true);
    // The objects are all still there, and v1alpha1 can now go.
    expect((await client.list(probes('v1beta1'), { namespace })).items.map((o) => o.metadata.name)).toEqual([
      'probe-a',
      'probe-b',
      'probe-c',
    ]);
    await applyCrd(dropped);
    expect(
      ((await client.get(CRD, undefined, CRD_NAME))?.spec as { versions?: unknown[] } | undefined)?.versions,
    ).toHaveLength(1);
  });
});
