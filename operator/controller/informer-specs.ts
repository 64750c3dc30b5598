/**
 * How each kind is cached: ConfigMaps and Secrets whole (users' objects are referenced too);
 * Pods only ToolHive's (`toolhive=true`); every other built-in kind only the objects the operator
 * applied (they carry the managed-by label); ToolHive kinds whole.
 */
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE } from '../apply/apply-engine.ts';
import type { ResourceType } from '../kube/types.ts';
import type { InformerSpec } from './cache.ts';

export function informerSpecFor(type: ResourceType): InformerSpec {
  if (type.group === 'toolhive.stacklok.dev') return {};
  if (type.group === '' && (type.kind === 'ConfigMap' || type.kind === 'Secret')) return {};
  if (type.group === '' && type.kind === 'Pod') return { labelSelector: 'toolhive=true' };
  return { labelSelector: `${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE}` };
}
