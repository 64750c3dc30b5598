/** The core library: API kinds, schemas and their TypeScript types. No I/O. */
export * from './api/kinds.ts';
export type * from './api/meta.ts';
export type * from './api/types.generated.ts';
export type { CustomResourceDefinition } from './schema/crd.ts';
export { toCustomResourceDefinition } from './schema/crd.ts';
export { crdFileName, crdYaml } from './schema/crd-yaml.ts';
export type { JSONSchemaProps, ValidationRule } from './schema/json-schema.ts';
export type { KindDefinition, PrinterColumn, ServedVersion } from './schema/kind.ts';
export { API_GROUP } from './schema/kind.ts';
export type {
  CrdLike,
  DocumentResult,
  ValidateOptions,
  ValidationIssue,
  ValidationResult,
} from './validate/index.ts';
export {
  CrdValidator,
  createValidator,
  ResourceValidator,
  toolhiveValidator,
  validateDocuments,
  validateResource,
} from './validate/index.ts';
export * from './workload/index.ts';
export { stringifyManifests, stringifyYaml } from './yaml/stringify.ts';
