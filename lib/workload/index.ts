/**
 * Rendering support the charts and the operator share: names and labels, hashing, reference
 * resolution, and the RunConfig, vMCP and registry config builders. Kubernetes object shapes and
 * RunConfig sub-types are grouped under `K8s` and `RunConfigTypes` so their names do not clash
 * with the kind types.
 */
export * from '../hash/canonical.ts';
export type * as K8s from '../k8s/types.ts';
export * from '../registry-config/build.ts';
export * from '../resolve/resolve.ts';
export * from '../resolve/source.ts';
export * from '../resolve/workloads.ts';
export * from '../runconfig/build.ts';
export type * as RunConfigTypes from '../runconfig/types.ts';
export type { RunConfig } from '../runconfig/types.ts';
export {
  RUNCONFIG_CONFIGMAP_KEY,
  RUNCONFIG_ENV,
  RUNCONFIG_PATHS,
  RUNCONFIG_SCHEMA_VERSION,
} from '../runconfig/types.ts';
export * from '../vmcp-config/build.ts';
export * from './images.ts';
export * from './names.ts';
export * from './paths.ts';
