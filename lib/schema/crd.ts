/**
 * KindDefinition → apiextensions.k8s.io/v1 CustomResourceDefinition (plain JSON). Pure: the
 * `gen` script writes the result to `crds/`, the OperatorChart embeds it, the validator reads it.
 */
import type { JSONSchemaProps } from './json-schema.ts';
import { API_GROUP, crdName, type KindDefinition, STORAGE_MIGRATION_LABEL } from './kind.ts';

export interface CustomResourceDefinition {
  apiVersion: 'apiextensions.k8s.io/v1';
  kind: 'CustomResourceDefinition';
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec: {
    group: string;
    names: {
      kind: string;
      listKind: string;
      plural: string;
      singular: string;
      shortNames?: string[];
      categories?: string[];
    };
    scope: 'Namespaced' | 'Cluster';
    versions: CustomResourceDefinitionVersion[];
  };
}

export interface CustomResourceDefinitionVersion {
  name: string;
  served: boolean;
  storage: boolean;
  deprecated?: boolean;
  deprecationWarning?: string;
  additionalPrinterColumns?: Array<Record<string, unknown>>;
  schema: { openAPIV3Schema: JSONSchemaProps };
  subresources: { status: Record<string, never> };
}

const API_VERSION_DESCRIPTION =
  'APIVersion is the versioned schema of this object. Servers convert recognised schemas to the ' +
  'latest internal value and may reject unrecognised values.';
const KIND_DESCRIPTION =
  'Kind is the REST resource this object represents, in CamelCase. Servers may infer it from the ' +
  'endpoint the client submits requests to. Cannot be updated.';

/** The root `openAPIV3Schema` of one served version. */
export function rootSchema(def: KindDefinition, description: string): JSONSchemaProps {
  return {
    description,
    type: 'object',
    properties: {
      apiVersion: { description: API_VERSION_DESCRIPTION, type: 'string' },
      kind: { description: KIND_DESCRIPTION, type: 'string' },
      metadata: { type: 'object' },
      spec: def.spec,
      status: def.status,
    },
  };
}

export function toCustomResourceDefinition(def: KindDefinition): CustomResourceDefinition {
  // A deep copy through JSON: the schema objects are shared building blocks, and the CRD must be
  // plain data that YAML serialisation and callers can mutate freely.
  const versions = def.versions.map((v): CustomResourceDefinitionVersion => {
    const out: CustomResourceDefinitionVersion = {
      name: v.name,
      served: true,
      storage: v.storage,
      schema: { openAPIV3Schema: JSON.parse(JSON.stringify(rootSchema(def, v.description))) },
      subresources: { status: {} },
    };
    if (v.deprecated) out.deprecated = true;
    if (v.deprecationWarning !== undefined) out.deprecationWarning = v.deprecationWarning;
    if (def.printerColumns.length > 0) {
      out.additionalPrinterColumns = def.printerColumns.map((c) => ({ ...c }));
    }
    return out;
  });
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: {
      name: crdName(def),
      labels: { [STORAGE_MIGRATION_LABEL]: 'true', ...def.crdLabels },
    },
    spec: {
      group: API_GROUP,
      names: {
        kind: def.kind,
        listKind: def.listKind,
        plural: def.plural,
        singular: def.singular,
        ...(def.shortNames.length > 0 ? { shortNames: [...def.shortNames] } : {}),
        ...(def.categories.length > 0 ? { categories: [...def.categories] } : {}),
      },
      scope: 'Namespaced',
      versions,
    },
  };
}
