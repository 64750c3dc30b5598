/** Options every workload chart takes besides the custom resource itself. */
import type { OwnerReference } from '../../lib/api/meta.ts';
import type { Images } from '../../lib/workload/images.ts';

export interface RenderOptions {
  /** Images to run; each defaults to the toolhive-ts image (see `DEFAULT_IMAGES`). */
  readonly images?: Partial<Images>;
  /** Leave uid, gid and fsGroup to OpenShift's SCC. */
  readonly openShift?: boolean;
  /**
   * Owner reference added to every rendered object, so the cluster garbage-collects them with
   * the custom resource. The operator sets it; GitOps renders have no owner.
   */
  readonly owner?: OwnerReference;
  /** Cluster-wide image pull secrets, appended after the resource's own (ToolHive's chart default). */
  readonly defaultImagePullSecrets?: readonly string[];
  /** Bind address written into RunConfigs. Default `0.0.0.0`. */
  readonly proxyHost?: string;
  /** Cluster-wide Redis session store for workloads that configure none. */
  readonly defaultRedis?: {
    readonly address: string;
    readonly secretName?: string;
    readonly secretKey?: string;
  };
}
