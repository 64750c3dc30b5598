/**
 * The operator's in-memory cluster for vMCP discovery tests (real API semantics:
 * resourceVersions, watches, the status subresource), and ToolHive objects in namespace `team`.
 */
import type { KubeObject } from '../../../lib/api/meta.ts';
import { MemoryCluster } from '../../../operator/kube/memory-cluster.ts';
import type { KubeClient } from '../../../operator/kube/types.ts';
import type { ResourceType } from '../../../proxyrunner/vmcp/discovery/kube-port.ts';

/** The operator's in-memory cluster, with objects written as a controller would. */
export class Cluster {
  readonly memory = new MemoryCluster();
  readonly client: KubeClient = this.memory.client();

  async put(type: ResourceType, obj: KubeObject): Promise<void> {
    const { status, ...rest } = obj;
    const existing = await this.client.get(type, obj.metadata.namespace, obj.metadata.name ?? '');
    if (existing)
      await this.client.replace(type, {
        ...rest,
        metadata: { ...rest.metadata, resourceVersion: existing.metadata.resourceVersion },
      } as KubeObject);
    else await this.client.create(type, rest as KubeObject);
    if (status)
      await this.client.mergePatch(
        type,
        obj.metadata.namespace,
        obj.metadata.name ?? '',
        { status },
        { subresource: 'status' },
      );
  }

  async remove(type: ResourceType, ns: string, name: string): Promise<void> {
    await this.client.delete(type, ns, name);
  }

  get(type: ResourceType, ns: string, name: string): Promise<KubeObject | undefined> {
    return this.client.get(type, ns, name);
  }
}

/** A `toolhive.stacklok.dev/v1beta1` object in namespace `team`, with a status when given. */
export const thv = (
  kind: string,
  name: string,
  spec: Record<string, unknown>,
  status?: Record<string, unknown>,
): KubeObject => ({
  apiVersion: 'toolhive.stacklok.dev/v1beta1',
  kind,
  metadata: { name, namespace: 'team' },
  spec,
  ...(status ? { status } : {}),
});

/** Polls `check` every 50 ms until it holds, for up to 20 s (watches deliver asynchronously). */
export async function until(what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
