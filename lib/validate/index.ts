/**
 * Offline validation of custom resources with the verdicts and messages a Kubernetes v1.26 API
 * server gives. `createValidator(crds)` compiles CRDs once; `validateResource` checks one object,
 * `validateDocuments` a YAML/JSON stream. Without arguments the ToolHive CRDs of this package are
 * used. Pure: no file system, network or clock.
 */
import { KINDS } from '../api/kinds.ts';
import { toCustomResourceDefinition } from '../schema/crd.ts';
import { type DocumentResult, parseDocuments } from './documents.ts';
import {
  type CrdLike,
  CrdValidator,
  splitApiVersion,
  type ValidateOptions,
  type ValidationResult,
} from './validator.ts';

export type { DocumentResult, ParsedDocument } from './documents.ts';
export { parseDocuments } from './documents.ts';
export type { CrdLike, ValidateOptions, ValidationIssue, ValidationResult } from './validator.ts';
export { CrdValidator } from './validator.ts';

function notFound(apiVersion: string, kind: string): ValidationResult {
  const message = `no matches for kind ${JSON.stringify(kind)} in version ${JSON.stringify(apiVersion)}`;
  return {
    valid: false,
    apiVersion,
    kind,
    name: '',
    reason: 'NotFound',
    message,
    errors: [{ field: '', type: 'NotFound', message, detail: message }],
    warnings: [],
    object: undefined,
  };
}

/** Validators for a set of CRDs, looked up by apiVersion and kind. */
export class ResourceValidator {
  readonly #byKind = new Map<string, CrdValidator>();
  readonly #groups = new Set<string>();

  constructor(crds: readonly CrdLike[]) {
    for (const crd of crds) {
      const v = new CrdValidator(crd);
      this.#byKind.set(`${v.group}/${v.kind}`, v);
      this.#groups.add(v.group);
    }
  }

  /** Whether documents of this API group are checked (others are skipped). */
  handlesGroup(group: string): boolean {
    return this.#groups.has(group);
  }

  validatorFor(group: string, kind: string): CrdValidator | undefined {
    return this.#byKind.get(`${group}/${kind}`);
  }

  /** Validates one object as the API server would on create. Never throws. */
  validateResource(obj: unknown, options: ValidateOptions = {}): ValidationResult {
    const o = (typeof obj === 'object' && obj !== null && !Array.isArray(obj) ? obj : {}) as Record<
      string,
      unknown
    >;
    const apiVersion = typeof o.apiVersion === 'string' ? o.apiVersion : '';
    const kind = typeof o.kind === 'string' ? o.kind : '';
    const v = this.validatorFor(splitApiVersion(apiVersion).group, kind);
    if (v === undefined) return notFound(apiVersion, kind);
    try {
      return v.validateResource(obj, options);
    } catch (e) {
      // A bug of ours must not take the caller down; report it as the API server reports its own.
      const message = `Internal error occurred: ${e instanceof Error ? e.message : String(e)}`;
      return {
        ...notFound(apiVersion, kind),
        reason: undefined,
        message,
        errors: [{ field: '', type: 'InternalError', message, detail: message }],
      };
    }
  }

  /** Validates every document of a YAML or JSON stream. Never throws. */
  validateDocuments(text: string, source: string, options: ValidateOptions = {}): DocumentResult[] {
    const out: DocumentResult[] = [];
    for (const doc of parseDocuments(text)) {
      if (doc.empty || (doc.error === undefined && doc.value === null)) continue;
      const base = { source, index: doc.index, line: doc.line };
      if (doc.error !== undefined) {
        out.push(documentError(base, doc.error));
        continue;
      }
      const value = doc.value;
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        out.push(
          documentError(
            base,
            `document is not an object (found ${Array.isArray(value) ? 'a list' : typeof value})`,
          ),
        );
        continue;
      }
      const o = value as Record<string, unknown>;
      const items = isList(o) ? (Array.isArray(o.items) ? o.items : []) : [o];
      items.forEach((item, i) => {
        out.push(
          this.#validateItem(
            { ...base, index: doc.index },
            item,
            isList(o) ? i : undefined,
            doc.duplicateFields,
            options,
          ),
        );
      });
    }
    return out;
  }

  #validateItem(
    base: { source: string; index: number; line: number },
    item: unknown,
    listIndex: number | undefined,
    duplicateFields: readonly string[],
    options: ValidateOptions,
  ): DocumentResult {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      return documentError(base, `list item ${listIndex ?? 0} is not an object`);
    }
    const o = item as Record<string, unknown>;
    const missing: string[] = [];
    if (o.apiVersion === undefined || o.apiVersion === null || o.apiVersion === '')
      missing.push('apiVersion not set');
    else if (typeof o.apiVersion !== 'string') missing.push('apiVersion must be a string');
    if (o.kind === undefined || o.kind === null || o.kind === '') missing.push('kind not set');
    else if (typeof o.kind !== 'string') missing.push('kind must be a string');
    if (missing.length > 0) return documentError(base, `error validating data: [${missing.join(', ')}]`, o);
    const apiVersion = o.apiVersion as string;
    const kind = o.kind as string;
    const name =
      typeof (o.metadata as Record<string, unknown> | undefined)?.name === 'string'
        ? ((o.metadata as Record<string, unknown>).name as string)
        : undefined;
    const { group } = splitApiVersion(apiVersion);
    if (!this.handlesGroup(group)) {
      return {
        ...base,
        status: 'skipped',
        apiVersion,
        kind,
        name,
        message: `${kind} (${apiVersion}) is not a resource of this validator; skipped`,
        errors: [],
        warnings: [],
        result: undefined,
      };
    }
    const result = this.validateResource(o, {
      ...options,
      duplicateFields: listIndex === undefined ? duplicateFields : prefixed(duplicateFields, listIndex),
    });
    return {
      ...base,
      status: result.valid ? 'valid' : 'invalid',
      apiVersion,
      kind,
      name: name ?? (result.name || undefined),
      message: result.message,
      errors: result.errors,
      warnings: result.warnings,
      result,
    };
  }
}

function isList(o: Record<string, unknown>): boolean {
  return (
    o.apiVersion === 'v1' &&
    typeof o.kind === 'string' &&
    (o.kind === 'List' || o.kind.endsWith('List')) &&
    'items' in o
  );
}

/** Duplicate paths inside item `i` of a List, relative to that item. */
function prefixed(paths: readonly string[], i: number): string[] {
  const prefix = `items[${i}].`;
  return paths.filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length));
}

function documentError(
  base: { source: string; index: number; line: number },
  message: string,
  o?: Record<string, unknown>,
): DocumentResult {
  return {
    ...base,
    status: 'error',
    apiVersion: typeof o?.apiVersion === 'string' ? o.apiVersion : undefined,
    kind: typeof o?.kind === 'string' ? o.kind : undefined,
    name: undefined,
    message,
    errors: [{ field: '', type: 'BadRequest', message, detail: message }],
    warnings: [],
    result: undefined,
  };
}

/** Compiles validators for the given CRDs (JSON CustomResourceDefinition objects). */
export function createValidator(crds: readonly CrdLike[]): ResourceValidator {
  return new ResourceValidator(crds);
}

let toolhive: ResourceValidator | undefined;

/** The validator for this package's ToolHive CRDs, compiled on first use. */
export function toolhiveValidator(): ResourceValidator {
  toolhive ??= new ResourceValidator(KINDS.map(toCustomResourceDefinition));
  return toolhive;
}

/** Validates one ToolHive resource (apply defaults, OpenAPI schema, CEL) as the API server would. */
export function validateResource(obj: unknown, options?: ValidateOptions): ValidationResult {
  return toolhiveValidator().validateResource(obj, options);
}

/** Validates every document of a YAML/JSON stream against the ToolHive CRDs. */
export function validateDocuments(
  text: string,
  sourceName: string,
  options?: ValidateOptions,
): DocumentResult[] {
  return toolhiveValidator().validateDocuments(text, sourceName, options);
}
