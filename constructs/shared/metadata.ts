/** Label, annotation and pull-secret merging as ToolHive does it. */
import type { LocalObjectReference } from '../../lib/k8s/types.ts';

/** `MergeLabels(defaults, overrides)`: the operator's defaults win on a key collision. */
export function mergeDefaultsWin(
  defaults: Record<string, string>,
  overrides: Record<string, string> | undefined,
): Record<string, string> {
  return { ...(overrides ?? {}), ...defaults };
}

/** Sorted copy of a string map, or undefined when empty (so no empty maps are rendered). */
export function nonEmpty(map: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!map) return undefined;
  const keys = Object.keys(map);
  if (keys.length === 0) return undefined;
  return Object.fromEntries(keys.sort().map((k) => [k, map[k] as string]));
}

/**
 * The resource's pull secrets first, then the cluster defaults, duplicates removed; undefined
 * when both are empty.
 */
export function mergePullSecrets(
  own: ReadonlyArray<{ name?: string }> | undefined,
  defaults: readonly string[] | undefined,
): LocalObjectReference[] | undefined {
  const names: string[] = [];
  for (const n of [...(own ?? []).map((s) => s.name ?? ''), ...(defaults ?? [])]) {
    if (n !== '' && !names.includes(n)) names.push(n);
  }
  return names.length === 0 ? undefined : names.map((name) => ({ name }));
}
