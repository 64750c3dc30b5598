/**
 * The uniqueness invariants of `x-kubernetes-list-type: set` (whole items) and `map` (the
 * `x-kubernetes-list-map-keys` of each item), as apiextensions-apiserver's `listtype` package
 * checks them: each value is reported once, at its second occurrence, as `Duplicate value`.
 */
import { duplicate, type FieldError, invalid } from './field-error.ts';
import { isGoInt } from './go-format.ts';
import { canonical } from './openapi.ts';
import type { SchemaNode } from './schema-node.ts';

const UNSPECIFIED = Symbol('unspecifiedKeyValue');

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** A key identifying a value the way Go's map[interface{}] (scalars) or its JSON (compounds) does. */
function identity(x: unknown): string {
  if (x === UNSPECIFIED) return 'u:';
  if (x === null || x === undefined) return 'n:';
  if (typeof x === 'object') return `c:${JSON.stringify(canonical(x))}`;
  if (typeof x === 'number') return `${isGoInt(x) ? 'i' : 'f'}:${x}`;
  return `${typeof x}:${String(x)}`;
}

/** Indices of second occurrences (Go's `validateListSet`). */
function nonUniqueIndices(values: readonly unknown[]): number[] {
  if (values.length <= 1) return [];
  const seen = new Map<string, number>();
  const out: number[] = [];
  values.forEach((v, i) => {
    const id = identity(v);
    const times = seen.get(id) ?? 0;
    seen.set(id, times + 1);
    if (times === 1) out.push(i);
  });
  return out;
}

export function validateListInvariants(
  node: SchemaNode,
  obj: Record<string, unknown>,
  path: string,
  out: FieldError[],
): void {
  if (!node.hasListInvariantsBelow) return;
  if (node.additionalProperties !== undefined) {
    for (const [k, v] of Object.entries(obj)) {
      if (!node.properties?.has(k)) validateValue(node.additionalProperties, v, `${path}[${k}]`, out);
    }
  }
  if (node.properties !== undefined) {
    for (const k of node.propertyNames) {
      const sub = node.properties.get(k);
      if (sub !== undefined && k in obj) validateValue(sub, obj[k], path === '' ? k : `${path}.${k}`, out);
    }
  }
}

function validateValue(node: SchemaNode, v: unknown, path: string, out: FieldError[]): void {
  if (!node.hasListInvariantsBelow) return;
  if (Array.isArray(v)) validateArray(node, v, path, out);
  else if (isObject(v)) validateListInvariants(node, v, path, out);
}

function validateArray(node: SchemaNode, arr: unknown[], path: string, out: FieldError[]): void {
  if (node.listType === 'set') {
    for (const i of nonUniqueIndices(arr)) out.push(duplicate(`${path}[${i}]`, arr[i]));
  } else if (node.listType === 'map') {
    validateListMap(node, arr, path, out);
  }
  if (node.items !== undefined) {
    for (let i = 0; i < arr.length; i++) validateValue(node.items, arr[i], `${path}[${i}]`, out);
  }
}

function validateListMap(node: SchemaNode, arr: unknown[], path: string, out: FieldError[]): void {
  for (let i = 0; i < arr.length; i++) {
    const x = arr[i];
    if (x !== null && !isObject(x)) {
      out.push(invalid(`${path}[${i}]`, x, 'must be an object for an array of list-type map'));
      return;
    }
  }
  if (arr.length <= 1) return;
  const keyFields = node.listMapKeys;
  if (keyFields.length === 1) {
    const keyField = keyFields[0] as string;
    const keys = arr.map((x) => (isObject(x) && keyField in x ? x[keyField] : UNSPECIFIED));
    for (const i of nonUniqueIndices(keys)) {
      const key = keys[i];
      out.push(duplicate(`${path}[${i}]`, key === UNSPECIFIED ? {} : { [keyField]: key }));
    }
    return;
  }
  const keys = arr.map((x) => {
    const key: Record<string, unknown> = {};
    if (isObject(x)) for (const f of keyFields) if (f in x) key[f] = x[f];
    return key;
  });
  for (const i of nonUniqueIndices(keys)) out.push(duplicate(`${path}[${i}]`, keys[i]));
}
