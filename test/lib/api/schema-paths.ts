/**
 * Test helpers for reading a kind's schema by path, so kind tests can assert the facts that
 * matter (defaults, bounds, CEL rules) without restating whole schema trees.
 */
import { toCustomResourceDefinition } from '../../../lib/schema/crd.ts';
import type { JSONSchemaProps } from '../../../lib/schema/json-schema.ts';
import type { KindDefinition } from '../../../lib/schema/kind.ts';

/**
 * The node at a dotted path below the root `openAPIV3Schema`. `[]` steps into array items and
 * `{}` into map values, e.g. `spec.rateLimiting.tools.[].perUser`.
 */
export function schemaAt(def: KindDefinition, path: string): JSONSchemaProps {
  const crd = toCustomResourceDefinition(def);
  const storage = crd.spec.versions.find((v) => v.storage);
  if (!storage) throw new Error(`${def.kind} has no storage version`);
  let node: JSONSchemaProps | undefined = storage.schema.openAPIV3Schema;
  for (const step of path.split('.')) {
    if (step === '[]') node = node?.items;
    else if (step === '{}') {
      const values: JSONSchemaProps | boolean | undefined = node?.additionalProperties;
      node = typeof values === 'object' ? values : undefined;
    } else node = node?.properties?.[step];
    if (node === undefined) throw new Error(`${def.kind}: no schema at ${path} (stopped at ${step})`);
  }
  return node;
}

/** The CEL rules on a node as [rule, message] pairs, in order. */
export function celRules(def: KindDefinition, path: string): Array<[string, string | undefined]> {
  return (schemaAt(def, path)['x-kubernetes-validations'] ?? []).map((r) => [r.rule, r.message]);
}

/** Name, storage, deprecation and warning of each served version, in order. */
export function versionSummary(def: KindDefinition) {
  return toCustomResourceDefinition(def).spec.versions.map((v) => ({
    name: v.name,
    served: v.served,
    storage: v.storage,
    deprecated: v.deprecated ?? false,
    warning: v.deprecationWarning,
  }));
}

/** Printer columns as `name=jsonPath(type)` strings, in order. */
export function columns(def: KindDefinition): string[] {
  return def.printerColumns.map((c) => `${c.name}=${c.jsonPath}(${c.type})`);
}

/** The messages of the CEL rules on a node, in order. */
export function celMessages(def: KindDefinition, path: string): Array<string | undefined> {
  return celRules(def, path).map(([, message]) => message);
}

/**
 * Every node below `path` (itself included, as '') that keeps unknown fields, as paths relative
 * to it in `schemaAt` notation.
 */
export function preservedPaths(def: KindDefinition, path: string): string[] {
  const out: string[] = [];
  const walk = (node: JSONSchemaProps, at: string) => {
    if (node['x-kubernetes-preserve-unknown-fields']) out.push(at);
    const below = (step: string) => (at === '' ? step : `${at}.${step}`);
    for (const [key, child] of Object.entries(node.properties ?? {})) walk(child, below(key));
    if (node.items) walk(node.items, below('[]'));
    if (typeof node.additionalProperties === 'object') walk(node.additionalProperties, below('{}'));
  };
  walk(schemaAt(def, path), '');
  return out;
}
