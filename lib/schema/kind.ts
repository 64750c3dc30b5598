/**
 * A kind's single source of truth: names, versions, printer columns and the spec/status schemas.
 * `toCustomResourceDefinition` turns it into the CRD; the validator and the TypeScript generator
 * read the same object.
 */
import type { JSONSchemaProps } from './json-schema.ts';

export const API_GROUP = 'toolhive.stacklok.dev';

export interface PrinterColumn {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  jsonPath: string;
  description?: string;
  format?: string;
  priority?: number;
}

export interface ServedVersion {
  name: string;
  storage: boolean;
  deprecated?: boolean;
  deprecationWarning?: string;
  /** Root description for this version (ToolHive words the v1alpha1 alias differently). */
  description: string;
}

export interface KindDefinition {
  kind: string;
  listKind: string;
  plural: string;
  singular: string;
  shortNames: string[];
  categories: string[];
  versions: ServedVersion[];
  printerColumns: PrinterColumn[];
  /** Labels on the CRD object itself. */
  crdLabels?: Record<string, string>;
  spec: JSONSchemaProps;
  status: JSONSchemaProps;
}

export const DEPRECATED_V1ALPHA1_WARNING = 'toolhive.stacklok.dev/v1alpha1 is deprecated; use v1beta1';
export const STORAGE_MIGRATION_LABEL = 'toolhive.stacklok.dev/auto-migrate-storage-version';

/**
 * The usual version set: v1beta1 stores, v1alpha1 is a deprecated alias with the same schema.
 * `warning` overrides the v1alpha1 warning and, when `deprecateStorage` is set, also deprecates
 * v1beta1 with it (MCPRegistry).
 */
export function betaWithAlphaAlias(opts: {
  kind: string;
  description: string;
  warning?: string;
  deprecateStorage?: boolean;
}): ServedVersion[] {
  const alpha: ServedVersion = {
    name: 'v1alpha1',
    storage: false,
    deprecated: true,
    deprecationWarning: opts.warning ?? DEPRECATED_V1ALPHA1_WARNING,
    description: `${opts.kind} is the deprecated v1alpha1 version of the ${opts.kind} resource.`,
  };
  const beta: ServedVersion = { name: 'v1beta1', storage: true, description: opts.description };
  if (opts.deprecateStorage) {
    beta.deprecated = true;
    if (opts.warning !== undefined) beta.deprecationWarning = opts.warning;
  }
  return [alpha, beta];
}

/** `Age` column every kind has. */
export const AGE_COLUMN: PrinterColumn = {
  name: 'Age',
  type: 'date',
  jsonPath: '.metadata.creationTimestamp',
};

export function crdName(def: Pick<KindDefinition, 'plural'>): string {
  return `${def.plural}.${API_GROUP}`;
}

export function storageVersion(def: KindDefinition): string {
  const v = def.versions.find((x) => x.storage);
  if (!v) throw new Error(`kind ${def.kind} has no storage version`);
  return v.name;
}

export function apiVersionsOf(def: KindDefinition): string[] {
  return def.versions.map((v) => `${API_GROUP}/${v.name}`);
}
