/**
 * Offline validation of a custom resource against a CustomResourceDefinition, mirroring what a
 * Kubernetes v1.26 API server does on create (POST with `fieldValidation=Strict`, as kubectl
 * sends it):
 *
 * 1. decode: strict field validation — duplicate fields, unknown `metadata` fields and unknown
 *    fields found by pruning fail the request with 400 BadRequest
 *    (`<Kind> in version "<v>" cannot be handled as a <Kind>: strict decoding error: …`);
 * 2. drop non-nullable nulls, apply structural defaults;
 * 3. prepare for create: drop `status` (the status subresource owns it), set generation 1;
 * 4. validate: ObjectMeta, the OpenAPI schema, list-type invariants, and the CEL rules unless
 *    an earlier error blocks them; any error fails with 422 Invalid
 *    (`<Kind>.<group> "<name>" is invalid: …`).
 */
import { type CelNode, compileCelTree, validateCel } from './cel.ts';
import { applyDefaults, isObject, prune, pruneNonNullableNullsWithoutDefaults } from './coerce.ts';
import {
  aggregateMessage,
  dedupe,
  errorBody,
  errorString,
  type FieldError,
  type FieldErrorType,
  invalid,
} from './field-error.ts';
import { compareGoStrings, goSharpV } from './go-format.ts';
import { validateListInvariants } from './list-type.ts';
import { decodeMetadata, pruneMetadata, validateObjectMeta } from './metadata.ts';
import { validateValue } from './openapi.ts';
import { compileSchema, type SchemaNode } from './schema-node.ts';

/** The parts of a CustomResourceDefinition (apiextensions.k8s.io/v1) the validator reads. */
export interface CrdLike {
  spec: {
    group: string;
    names: { kind: string; plural: string };
    scope?: string;
    versions: Array<{
      name: string;
      served: boolean;
      deprecated?: boolean;
      deprecationWarning?: string;
      schema?: { openAPIV3Schema?: unknown };
    }>;
  };
}

/** One problem found in a resource. */
export interface ValidationIssue {
  /** Field path as the API server prints it (`spec.tools[0].name`); `` for the whole object. */
  readonly field: string;
  /**
   * `field.ErrorType` for validation errors (`FieldValueRequired`, `FieldValueInvalid`, …);
   * `FieldValueUnknown` / `FieldValueDuplicateField` for strict decoding errors;
   * `BadRequest` for other decoding failures.
   */
  readonly type:
    | FieldErrorType
    | 'FieldValueUnknown'
    | 'FieldValueDuplicateField'
    | 'BadRequest'
    | 'NotFound';
  /** The error as kubectl prints it: `spec.image: Required value`, `unknown field "spec.x"`. */
  readonly message: string;
  /** The message without the field (`Required value`): the Status cause's message. */
  readonly detail: string;
}

export interface ValidationResult {
  readonly valid: boolean;
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  /**
   * Why the API server would refuse it: `Invalid` (422, validation errors), `BadRequest` (400,
   * decoding: unknown or duplicate fields, malformed metadata), `NotFound` (no such kind or
   * version is served).
   */
  readonly reason: 'Invalid' | 'BadRequest' | 'NotFound' | undefined;
  /** The API server's Status message, e.g. `MCPServer.toolhive.stacklok.dev "x" is invalid: …`. */
  readonly message: string | undefined;
  readonly errors: readonly ValidationIssue[];
  /** Warning headers the API server sends (deprecated versions). */
  readonly warnings: readonly string[];
  /** The object as the API server would store it: pruned, defaulted, without status. */
  readonly object: Record<string, unknown> | undefined;
}

export interface ValidateOptions {
  /** Namespace the request goes to when the object has none (kubectl's context namespace). */
  readonly defaultNamespace?: string;
  /** Paths of duplicate keys found while parsing (`spec.image`), reported by strict decoding. */
  readonly duplicateFields?: readonly string[];
}

interface CompiledVersion {
  readonly name: string;
  readonly warning: string | undefined;
  readonly schema: SchemaNode;
  readonly cel: CelNode | undefined;
}

const BLOCKING: ReadonlySet<FieldErrorType> = new Set([
  'FieldValueRequired',
  'FieldValueTooLong',
  'FieldValueTooMany',
  'FieldValueTypeInvalid',
]);

const BLOCKED_CEL_MESSAGE =
  'some validation rules were not checked because the object was invalid; correct the existing errors to complete validation';

function issue(e: FieldError): ValidationIssue {
  return { field: e.field, type: e.type, message: errorString(e), detail: errorBody(e) };
}

/** `apiVersion` → group and version, as `schema.ParseGroupVersion` splits it. */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** The default deprecation warning when a deprecated version sets none (v1.26 wording). */
function defaultDeprecationWarning(crd: CrdLike, version: string): string {
  const others = crd.spec.versions
    .filter((v) => v.served && !v.deprecated && v.name !== version)
    .map((v) => v.name);
  const base = `${crd.spec.group}/${version} ${crd.spec.names.kind} is deprecated`;
  const newer = others
    .sort(compareKubeVersions)
    .reverse()
    .find((v) => compareKubeVersions(version, v) < 0);
  return newer === undefined ? base : `${base}; use ${crd.spec.group}/${newer} ${crd.spec.names.kind}`;
}

/** `version.CompareKubeAwareVersionStrings`: GA > beta > alpha, then by number. */
function compareKubeVersions(a: string, b: string): number {
  const parse = (v: string): [number, number, number] | undefined => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!m) return undefined;
    const stage = m[2] === undefined ? 2 : m[2] === 'beta' ? 1 : 0;
    return [Number(m[1]), stage, Number(m[3] ?? 0)];
  };
  const pa = parse(a);
  const pb = parse(b);
  if (!pa || !pb) return pa ? 1 : pb ? -1 : compareGoStrings(b, a);
  for (let i = 0; i < 3; i++) {
    if ((pa[i] ?? 0) !== (pb[i] ?? 0))
      return i === 0 ? (pa[1] !== pb[1] ? pa[1] - pb[1] : pa[0] - pb[0]) : (pa[i] ?? 0) - (pb[i] ?? 0);
  }
  return 0;
}

/** Validates resources of one CRD; compile once, validate many. */
export class CrdValidator {
  readonly group: string;
  readonly kind: string;
  readonly plural: string;
  readonly namespaced: boolean;
  readonly #versions = new Map<string, CompiledVersion>();

  constructor(crd: CrdLike) {
    this.group = crd.spec.group;
    this.kind = crd.spec.names.kind;
    this.plural = crd.spec.names.plural;
    this.namespaced = (crd.spec.scope ?? 'Namespaced') === 'Namespaced';
    for (const v of crd.spec.versions) {
      if (!v.served) continue;
      const raw = v.schema?.openAPIV3Schema;
      const schema = compileSchema(isObject(raw) ? (raw as never) : {});
      const warning = v.deprecated
        ? (v.deprecationWarning ?? defaultDeprecationWarning(crd, v.name))
        : undefined;
      this.#versions.set(v.name, { name: v.name, warning, schema, cel: compileCelTree(schema) });
    }
  }

  /** Served version names. */
  get versions(): string[] {
    return [...this.#versions.keys()];
  }

  /** The compiled schema of a served version (for tools that walk it). */
  schemaFor(version: string): SchemaNode | undefined {
    return this.#versions.get(version)?.schema;
  }

  validateResource(input: unknown, options: ValidateOptions = {}): ValidationResult {
    const apiVersion = isObject(input) && typeof input.apiVersion === 'string' ? input.apiVersion : '';
    const { version } = splitApiVersion(apiVersion);
    const compiled = this.#versions.get(version);
    if (!isObject(input) || compiled === undefined) {
      const message = `no matches for kind "${this.kind}" in version "${apiVersion}"`;
      return {
        valid: false,
        apiVersion,
        kind: this.kind,
        name: '',
        reason: 'NotFound',
        message,
        errors: [{ field: '', type: 'NotFound', message, detail: message }],
        warnings: [],
        object: undefined,
      };
    }
    const warnings = compiled.warning === undefined ? [] : [compiled.warning];
    const obj = structuredClone(input) as Record<string, unknown>;
    const name = isObject(obj.metadata) && typeof obj.metadata.name === 'string' ? obj.metadata.name : '';
    const base = { apiVersion, kind: this.kind, name, warnings };

    // 1. Decoding with strict field validation.
    const decodePrefix = `${this.kind} in version "${version}" cannot be handled as a ${this.kind}: `;
    const meta = decodeMetadata(obj.metadata);
    if (meta.error !== undefined) {
      const message = decodePrefix + meta.error;
      return {
        ...base,
        valid: false,
        reason: 'BadRequest',
        message,
        errors: [{ field: 'metadata', type: 'BadRequest', message: meta.error, detail: meta.error }],
        object: undefined,
      };
    }
    const strict: ValidationIssue[] = [];
    for (const path of options.duplicateFields ?? []) {
      strict.push({
        field: path,
        type: 'FieldValueDuplicateField',
        message: `duplicate field "${path}"`,
        detail: 'duplicate field',
      });
    }
    const unknown = [...meta.unknownFields.sort(compareGoStrings), ...prune(obj, compiled.schema, true)];
    for (const path of unknown) {
      strict.push({
        field: path,
        type: 'FieldValueUnknown',
        message: `unknown field "${path}"`,
        detail: 'unknown field',
      });
    }
    pruneMetadata(obj.metadata);
    if (strict.length > 0) {
      const message = `${decodePrefix}strict decoding error: ${strict.map((s) => s.message).join(', ')}`;
      return { ...base, valid: false, reason: 'BadRequest', message, errors: strict, object: undefined };
    }
    pruneNonNullableNullsWithoutDefaults(obj, compiled.schema);
    applyDefaults(obj, compiled.schema);

    // 2. PrepareForCreate: the status subresource owns status; generation starts at 1.
    delete obj.status;
    if (isObject(obj.metadata)) obj.metadata.generation = 1;

    // 3. Validation.
    const errors: FieldError[] = [];
    if (this.namespaced || isObject(obj.metadata)) {
      errors.push(...validateObjectMeta(obj.metadata, options.defaultNamespace ?? 'default'));
    }
    validateValue(compiled.schema, obj, '', errors);
    validateListInvariants(compiled.schema, obj, '', errors);
    if (compiled.cel !== undefined) {
      if (errors.some((e) => BLOCKING.has(e.type))) {
        errors.push(invalid('<nil>', null, BLOCKED_CEL_MESSAGE));
      } else {
        validateCel(compiled.cel, obj, '', errors);
      }
    }
    if (errors.length === 0)
      return { ...base, valid: true, reason: undefined, message: undefined, errors: [], object: obj };
    const unique = dedupe(errors);
    const message = `${this.kind}.${this.group} ${JSON.stringify(name)} is invalid: ${aggregateMessage(unique.map(errorString))}`;
    return { ...base, valid: false, reason: 'Invalid', message, errors: unique.map(issue), object: obj };
  }
}

/** Renders a value the way the API server prints it inside messages (`%#v`). */
export const formatGoValue = goSharpV;
