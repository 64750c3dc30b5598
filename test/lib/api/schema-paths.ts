/**
 * Kind-level wrappers over the schema path helpers in test/support/kind-schema.ts: paths start
 * at the storage version's root schema (`spec.…`, `status.…`), as the API server sees it.
 */
import { toCustomResourceDefinition } from '../../../lib/schema/crd.ts';
import type { JSONSchemaProps } from '../../../lib/schema/json-schema.ts';
import type { KindDefinition } from '../../../lib/schema/kind.ts';
import { celRules as celRulesAt, nodeAt, preservedPaths } from '../../support/kind-schema.ts';

function storageRoot(def: KindDefinition): JSONSchemaProps {
  const storage = toCustomResourceDefinition(def).spec.versions.find((v) => v.storage);
  if (!storage) throw new Error(`${def.kind} has no storage version`);
  return storage.schema.openAPIV3Schema;
}

/** The node at a dotted path such as `spec.rateLimiting.tools.[].perUser`. */
export function schemaAt(def: KindDefinition, path: string): JSONSchemaProps {
  return nodeAt(storageRoot(def), path);
}

/** The CEL rules on a node as [rule, message] pairs, in order. */
export function celRules(def: KindDefinition, path: string): Array<[string, string | undefined]> {
  return celRulesAt(storageRoot(def), path);
}

/** Every path that keeps unknown fields (`x-kubernetes-preserve-unknown-fields`). */
export function preserved(def: KindDefinition): string[] {
  return preservedPaths(storageRoot(def));
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
