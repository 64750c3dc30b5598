/**
 * Merging a user's `podTemplateSpec` into a generated pod template. Kubernetes' strategic merge
 * patch semantics for the fields a pod template has: objects merge key by key, the patch wins on
 * scalars, and the lists Kubernetes declares with a merge key (containers and init containers by
 * name, env by name, volumes by name, volume mounts by mount path, ports by container port, image
 * pull secrets by name) merge item by item; every other list is replaced.
 */
import type { PodTemplateSpec } from './types.ts';

type Json = unknown;
type JsonObject = Record<string, Json>;

/** List fields merged by key, per parent field name. */
const MERGE_KEYS: Readonly<Record<string, string>> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  ports: 'containerPort',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
};

export function isObject(v: Json): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

function mergeList(base: Json[], patch: Json[], key: string): Json[] {
  const out = base.map(clone);
  for (const item of patch) {
    if (!isObject(item) || item[key] === undefined) {
      out.push(clone(item));
      continue;
    }
    const at = out.findIndex((b) => isObject(b) && b[key] === item[key]);
    if (at === -1) out.push(clone(item));
    else out[at] = mergeValue(out[at], item, undefined);
  }
  return out;
}

function mergeValue(base: Json, patch: Json, field: string | undefined): Json {
  if (patch === null) return undefined;
  if (Array.isArray(patch)) {
    const key = field === undefined ? undefined : MERGE_KEYS[field];
    if (key !== undefined && Array.isArray(base)) return mergeList(base, patch, key);
    return clone(patch);
  }
  if (isObject(patch)) {
    if (!isObject(base)) return clone(patch);
    const out: JsonObject = { ...base };
    for (const [k, v] of Object.entries(patch)) {
      const merged = mergeValue(base[k], v, k);
      if (merged === undefined) delete out[k];
      else out[k] = merged;
    }
    return out;
  }
  return patch;
}

/** Applies `patch` (a user's raw pod template) to `base` as a strategic merge patch. */
export function strategicMergePodTemplate(base: PodTemplateSpec, patch: Json): PodTemplateSpec {
  if (patch === undefined || patch === null) return clone(base);
  return mergeValue(clone(base), patch, undefined) as PodTemplateSpec;
}

/**
 * Checks that a raw `podTemplateSpec` has the shape of a PodTemplateSpec where it matters to the
 * merge (objects where objects belong, named containers). Returns the problems, each with its path.
 */
export function podTemplateProblems(raw: Json, path: string): string[] {
  if (raw === undefined) return [];
  if (!isObject(raw)) return [`${path}: must be an object`];
  const problems: string[] = [];
  const meta = raw.metadata;
  if (meta !== undefined && !isObject(meta)) problems.push(`${path}.metadata: must be an object`);
  const spec = raw.spec;
  if (spec === undefined) return problems;
  if (!isObject(spec)) return [...problems, `${path}.spec: must be an object`];
  for (const field of ['containers', 'initContainers', 'volumes', 'imagePullSecrets', 'tolerations']) {
    const list = spec[field];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      problems.push(`${path}.spec.${field}: must be a list`);
      continue;
    }
    if (field === 'containers' || field === 'initContainers') {
      list.forEach((c, i) => {
        if (!isObject(c) || typeof c.name !== 'string' || c.name === '')
          problems.push(`${path}.spec.${field}[${i}].name: a container needs a name`);
      });
    }
  }
  return problems;
}
