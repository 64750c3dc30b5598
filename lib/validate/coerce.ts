/**
 * What the API server does to a custom resource while decoding it, before any validation:
 * prune unknown fields (recording their paths for strict field validation), drop non-nullable
 * nulls that have no default, and apply structural defaults. Ports of apiextensions-apiserver's
 * `pruning.PruneWithOptions`, `defaulting.PruneNonNullableNullsWithoutDefaults` and
 * `defaulting.Default` (v1.26).
 */
import { compareGoStrings } from './go-format.ts';
import { childSchema, type SchemaNode } from './schema-node.ts';

type JsonObject = Record<string, unknown>;

const META_FIELDS = new Set(['apiVersion', 'kind', 'metadata']);

export function isObject(x: unknown): x is JsonObject {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function joinKey(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/**
 * Removes fields the schema does not know, in place, and returns their paths sorted as Go's
 * `sort.Strings` sorts them. `isResourceRoot` keeps apiVersion, kind and metadata at the root.
 */
export function prune(obj: unknown, root: SchemaNode | undefined, isResourceRoot: boolean): string[] {
  const unknown: string[] = [];
  pruneNode(obj, root, '', isResourceRoot, unknown);
  return unknown.sort(compareGoStrings);
}

function pruneNode(
  x: unknown,
  s: SchemaNode | undefined,
  path: string,
  embedded: boolean,
  out: string[],
): void {
  if (s?.preserveUnknownFields) {
    skipPrune(x, s, path, embedded, out);
    return;
  }
  if (Array.isArray(x)) {
    x.forEach((v, i) => {
      pruneNode(v, s?.items, `${path}[${i}]`, s?.items?.embeddedResource ?? false, out);
    });
    return;
  }
  if (!isObject(x)) return;
  if (s === undefined) {
    for (const k of Object.keys(x)) {
      out.push(joinKey(path, k));
      delete x[k];
    }
    return;
  }
  for (const k of Object.keys(x)) {
    if (embedded && META_FIELDS.has(k)) continue;
    const prop = s.properties?.get(k);
    if (prop !== undefined) {
      pruneNode(x[k], prop, joinKey(path, k), prop.embeddedResource, out);
    } else if (s.additionalProperties !== undefined) {
      pruneNode(x[k], s.additionalProperties, joinKey(path, k), s.additionalProperties.embeddedResource, out);
    } else if (s.props.additionalProperties === true) {
      // additionalProperties without a schema: the key stays, everything below it is unknown.
      pruneNode(x[k], undefined, joinKey(path, k), false, out);
    } else {
      if (!META_FIELDS.has(k) || path !== '') out.push(joinKey(path, k));
      delete x[k];
    }
  }
}

function skipPrune(x: unknown, s: SchemaNode, path: string, embedded: boolean, out: string[]): void {
  if (Array.isArray(x)) {
    x.forEach((v, i) => {
      if (s.items) skipPrune(v, s.items, `${path}[${i}]`, s.items.embeddedResource, out);
    });
    return;
  }
  if (!isObject(x)) return;
  for (const k of Object.keys(x)) {
    if (embedded && META_FIELDS.has(k)) continue;
    const prop = s.properties?.get(k);
    if (prop !== undefined) {
      pruneNode(x[k], prop, joinKey(path, k), prop.embeddedResource, out);
    } else if (s.additionalProperties !== undefined) {
      pruneNode(x[k], s.additionalProperties, joinKey(path, k), s.additionalProperties.embeddedResource, out);
    }
  }
}

/** Drops `null` values whose schema is neither nullable nor defaulted (they will be defaulted). */
export function pruneNonNullableNullsWithoutDefaults(x: unknown, s: SchemaNode | undefined): void {
  if (Array.isArray(x)) {
    for (const v of x) pruneNonNullableNullsWithoutDefaults(v, s?.items);
    return;
  }
  if (!isObject(x)) return;
  for (const k of Object.keys(x)) {
    const schema = childSchema(s, k);
    const v = x[k];
    if (v === null && schema !== undefined && !schema.nullable && !schema.hasDefault) {
      delete x[k];
    } else {
      pruneNonNullableNullsWithoutDefaults(v, schema);
    }
  }
}

function isNonNullableNull(x: unknown, s: SchemaNode | undefined): boolean {
  return x === null && s !== undefined && !s.nullable;
}

/** Deep copy of a default value with unknown fields pruned (the API server prunes defaults once). */
function copyDefault(s: SchemaNode): unknown {
  const value = structuredClone(s.defaultValue);
  pruneNode(value, s, '', false, []);
  return value;
}

/** Applies schema defaults in place: missing or non-nullable null properties get the default. */
export function applyDefaults(x: unknown, s: SchemaNode | undefined): void {
  if (s === undefined) return;
  if (Array.isArray(x)) {
    for (let i = 0; i < x.length; i++) {
      const items = s.items;
      if (items !== undefined && isNonNullableNull(x[i], items))
        x[i] = items.hasDefault ? copyDefault(items) : null;
      applyDefaults(x[i], items);
    }
    return;
  }
  if (!isObject(x)) return;
  if (s.properties) {
    for (const [k, prop] of s.properties) {
      if (!prop.hasDefault) continue;
      if (!(k in x) || isNonNullableNull(x[k], prop)) x[k] = copyDefault(prop);
    }
  }
  for (const k of Object.keys(x)) {
    const prop = s.properties?.get(k);
    if (prop !== undefined) {
      applyDefaults(x[k], prop);
    } else if (s.additionalProperties !== undefined) {
      const ap = s.additionalProperties;
      if (isNonNullableNull(x[k], ap)) x[k] = ap.hasDefault ? copyDefault(ap) : null;
      applyDefaults(x[k], ap);
    }
  }
}
