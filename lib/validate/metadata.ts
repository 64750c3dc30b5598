/**
 * `metadata` of a custom resource: strict decoding into `metav1.ObjectMeta` (unknown fields and
 * Go JSON type errors) and `ValidateObjectMetaAccessor` (names, labels, annotations, finalizers,
 * owner references), with apimachinery v0.26's messages.
 */
import { type FieldError, invalid, required, tooLong } from './field-error.ts';
import { byteLength, compareGoStrings } from './go-format.ts';

type GoType = 'string' | 'int64' | 'bool' | 'Time' | 'map[string]string' | 'any' | GoStruct | GoSlice;
interface GoStruct {
  readonly struct: string;
  readonly fields: Readonly<Record<string, GoType>>;
}
interface GoSlice {
  readonly sliceOf: GoType;
}

const OWNER_REFERENCE: GoStruct = {
  struct: 'OwnerReference',
  fields: {
    apiVersion: 'string',
    kind: 'string',
    name: 'string',
    uid: 'string',
    controller: 'bool',
    blockOwnerDeletion: 'bool',
  },
};

const MANAGED_FIELDS_ENTRY: GoStruct = {
  struct: 'ManagedFieldsEntry',
  fields: {
    manager: 'string',
    operation: 'string',
    apiVersion: 'string',
    time: 'Time',
    fieldsType: 'string',
    fieldsV1: 'any',
    subresource: 'string',
  },
};

const OBJECT_META: GoStruct = {
  struct: 'ObjectMeta',
  fields: {
    name: 'string',
    generateName: 'string',
    namespace: 'string',
    selfLink: 'string',
    uid: 'string',
    resourceVersion: 'string',
    generation: 'int64',
    creationTimestamp: 'Time',
    deletionTimestamp: 'Time',
    deletionGracePeriodSeconds: 'int64',
    labels: 'map[string]string',
    annotations: 'map[string]string',
    ownerReferences: { sliceOf: OWNER_REFERENCE },
    finalizers: { sliceOf: 'string' },
    managedFields: { sliceOf: MANAGED_FIELDS_ENTRY },
  },
};

function jsonKind(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'array';
  return 'object';
}

function goTypeName(t: GoType): string {
  if (typeof t === 'string') return t === 'Time' ? 'v1.Time' : t === 'any' ? 'v1.FieldsV1' : t;
  if ('sliceOf' in t) return `[]${goTypeName(t.sliceOf)}`;
  return `v1.${t.struct}`;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

interface DecodeState {
  unknown: string[];
  error: string | undefined;
}

function typeError(state: DecodeState, v: unknown, struct: string, fieldStack: string[], t: GoType): void {
  if (state.error !== undefined) return;
  const kind = typeof v === 'number' && t === 'int64' ? `number ${v}` : jsonKind(v);
  state.error = `json: cannot unmarshal ${kind} into Go struct field ${struct}.${fieldStack.join('.')} of type ${goTypeName(t)}`;
}

function decodeValue(
  v: unknown,
  t: GoType,
  path: string,
  struct: string,
  fieldStack: string[],
  state: DecodeState,
): void {
  if (v === null) return; // Go leaves the zero value for null
  if (t === 'any') return;
  if (t === 'string') {
    if (typeof v !== 'string') typeError(state, v, struct, fieldStack, t);
  } else if (t === 'int64') {
    if (typeof v !== 'number' || !Number.isInteger(v)) typeError(state, v, struct, fieldStack, t);
  } else if (t === 'bool') {
    if (typeof v !== 'boolean') typeError(state, v, struct, fieldStack, t);
  } else if (t === 'Time') {
    if (state.error !== undefined) return;
    if (typeof v !== 'string') {
      state.error = `json: cannot unmarshal ${jsonKind(v)} into Go value of type string`;
    } else if (!RFC3339.test(v)) {
      state.error = `parsing time ${JSON.stringify(v)} as "2006-01-02T15:04:05Z07:00": cannot parse ${JSON.stringify(v)} as "2006"`;
    }
  } else if (t === 'map[string]string') {
    if (typeof v !== 'object' || Array.isArray(v)) {
      typeError(state, v, struct, fieldStack, t);
      return;
    }
    for (const x of Object.values(v as Record<string, unknown>)) {
      if (x !== null && typeof x !== 'string') typeError(state, x, struct, fieldStack, 'string');
    }
  } else if ('sliceOf' in t) {
    if (!Array.isArray(v)) {
      typeError(state, v, struct, fieldStack, t);
      return;
    }
    v.forEach((x, i) => {
      decodeValue(x, t.sliceOf, `${path}[${i}]`, struct, fieldStack, state);
    });
  } else {
    if (typeof v !== 'object' || Array.isArray(v)) {
      typeError(state, v, struct, fieldStack, t);
      return;
    }
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      const ft = t.fields[k];
      if (ft === undefined) {
        state.unknown.push(`${path}.${k}`);
        continue;
      }
      decodeValue(x, ft, `${path}.${k}`, t.struct, [...fieldStack, k], state);
    }
  }
}

export interface DecodedMetadata {
  /** `metadata.<path>` of fields ObjectMeta does not have, in document order. */
  readonly unknownFields: string[];
  /** The Go decoding error that makes the API server reject the request, if any. */
  readonly error: string | undefined;
}

/** Strictly decodes `metadata` as the API server does (`GetObjectMetaWithOptions`). */
export function decodeMetadata(metadata: unknown): DecodedMetadata {
  if (metadata === null || metadata === undefined) return { unknownFields: [], error: undefined };
  if (typeof metadata !== 'object' || Array.isArray(metadata)) {
    return {
      unknownFields: [],
      error: `json: cannot unmarshal ${jsonKind(metadata)} into Go value of type v1.ObjectMeta`,
    };
  }
  const state: DecodeState = { unknown: [], error: undefined };
  for (const [k, x] of Object.entries(metadata as Record<string, unknown>)) {
    const ft = OBJECT_META.fields[k];
    if (ft === undefined) {
      state.unknown.push(`metadata.${k}`);
      continue;
    }
    decodeValue(x, ft, `metadata.${k}`, OBJECT_META.struct, [k], state);
  }
  return { unknownFields: state.unknown, error: state.error };
}

/** Drops the fields ObjectMeta does not have, in place (the API server round-trips metadata). */
export function pruneMetadata(metadata: unknown): void {
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) return;
  const m = metadata as Record<string, unknown>;
  for (const k of Object.keys(m)) if (!(k in OBJECT_META.fields)) delete m[k];
}

// ---- ValidateObjectMetaAccessor ----

const QNAME_CHAR = '[A-Za-z0-9]';
const QNAME_EXT_CHAR = '[-A-Za-z0-9_.]';
const QUALIFIED_NAME_FMT = `(${QNAME_CHAR}${QNAME_EXT_CHAR}*)?${QNAME_CHAR}`;
const QUALIFIED_NAME_ERR =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const QUALIFIED_NAME_RE = new RegExp(`^${QUALIFIED_NAME_FMT}$`);
const LABEL_VALUE_FMT = `(${QUALIFIED_NAME_FMT})?`;
const LABEL_VALUE_ERR =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_RE = new RegExp(`^${LABEL_VALUE_FMT}$`);
const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_LABEL_ERR =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const DNS1123_LABEL_RE = new RegExp(`^${DNS1123_LABEL_FMT}$`);
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN_ERR =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const DNS1123_SUBDOMAIN_RE = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);
const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * (1 << 10);

const maxLenError = (n: number): string => `must be no more than ${n} characters`;

export function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  // Go appends " or " after the previous example's "', ", hence the double space.
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${fmt}')`;
}

export function isDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 253) errs.push(maxLenError(253));
  if (!DNS1123_SUBDOMAIN_RE.test(value))
    errs.push(regexError(DNS1123_SUBDOMAIN_ERR, DNS1123_SUBDOMAIN_FMT, 'example.com'));
  return errs;
}

export function isDNS1123Label(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 63) errs.push(maxLenError(63));
  if (!DNS1123_LABEL_RE.test(value))
    errs.push(regexError(DNS1123_LABEL_ERR, DNS1123_LABEL_FMT, 'my-name', '123-abc'));
  return errs;
}

export function isQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0] ?? '';
  } else if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    name = parts[1] ?? '';
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else for (const m of isDNS1123Subdomain(prefix)) errs.push(`prefix part ${m}`);
  } else {
    return [
      `a qualified name ${regexError(QUALIFIED_NAME_ERR, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (byteLength(name) > 63) errs.push(`name part ${maxLenError(63)}`);
  if (!QUALIFIED_NAME_RE.test(name)) {
    errs.push(
      `name part ${regexError(QUALIFIED_NAME_ERR, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc')}`,
    );
  }
  return errs;
}

export function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 63) errs.push(maxLenError(63));
  if (!LABEL_VALUE_RE.test(value))
    errs.push(regexError(LABEL_VALUE_ERR, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
  return errs;
}

/** Go's `maskTrailingDash` (it really drops two characters). */
function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith('-') ? `${name.slice(0, -2)}a` : name;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function stringMap(v: unknown): Record<string, string> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return {};
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) out[k] = typeof x === 'string' ? x : '';
  return out;
}

/**
 * `ValidateObjectMetaAccessor` for a namespaced custom resource on create, after the API server
 * filled in the request namespace (`defaultNamespace` when the object has none) and generation.
 * Go iterates label and annotation maps in random order; we use sorted keys.
 */
export function validateObjectMeta(metadata: unknown, defaultNamespace: string): FieldError[] {
  const m = (
    typeof metadata === 'object' && metadata !== null && !Array.isArray(metadata) ? metadata : {}
  ) as Record<string, unknown>;
  const errs: FieldError[] = [];
  const generateName = str(m.generateName);
  const name = str(m.name);
  if (generateName.length > 0) {
    for (const msg of isDNS1123Subdomain(maskTrailingDash(generateName)))
      errs.push(invalid('metadata.generateName', generateName, msg));
  }
  if (name.length === 0) {
    if (generateName.length === 0) errs.push(required('metadata.name', 'name or generateName is required'));
  } else {
    for (const msg of isDNS1123Subdomain(name)) errs.push(invalid('metadata.name', name, msg));
  }
  const namespace = str(m.namespace) || defaultNamespace;
  if (namespace.length === 0) {
    errs.push(required('metadata.namespace'));
  } else {
    for (const msg of isDNS1123Label(namespace)) errs.push(invalid('metadata.namespace', namespace, msg));
  }
  const labels = stringMap(m.labels);
  for (const k of Object.keys(labels).sort(compareGoStrings)) {
    for (const msg of isQualifiedName(k)) errs.push(invalid('metadata.labels', k, msg));
    for (const msg of isValidLabelValue(labels[k] ?? ''))
      errs.push(invalid('metadata.labels', labels[k], msg));
  }
  const annotations = stringMap(m.annotations);
  let annotationSize = 0;
  for (const k of Object.keys(annotations).sort(compareGoStrings)) {
    for (const msg of isQualifiedName(k.toLowerCase())) errs.push(invalid('metadata.annotations', k, msg));
    annotationSize += byteLength(k) + byteLength(annotations[k] ?? '');
  }
  if (annotationSize > TOTAL_ANNOTATION_SIZE_LIMIT)
    errs.push(tooLong('metadata.annotations', '', TOTAL_ANNOTATION_SIZE_LIMIT));
  errs.push(...validateOwnerReferences(m.ownerReferences));
  errs.push(...validateFinalizers(m.finalizers));
  return errs;
}

function validateOwnerReferences(refs: unknown): FieldError[] {
  if (!Array.isArray(refs)) return [];
  const errs: FieldError[] = [];
  const path = 'metadata.ownerReferences';
  let firstController = '';
  for (const r of refs) {
    const ref = (typeof r === 'object' && r !== null ? r : {}) as Record<string, unknown>;
    const apiVersion = str(ref.apiVersion);
    const kind = str(ref.kind);
    const name = str(ref.name);
    const uid = str(ref.uid);
    const slash = apiVersion.indexOf('/');
    const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
    if (version.length === 0)
      errs.push(invalid(`${path}.apiVersion`, apiVersion, 'version must not be empty'));
    if (kind.length === 0) errs.push(invalid(`${path}.kind`, kind, 'kind must not be empty'));
    if (name.length === 0) errs.push(invalid(`${path}.name`, name, 'name must not be empty'));
    if (uid.length === 0) errs.push(invalid(`${path}.uid`, uid, 'uid must not be empty'));
    if (ref.controller === true) {
      const current = `${kind}/${name}`;
      if (firstController !== '') {
        errs.push(
          invalid(
            path,
            refs,
            `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`,
          ),
        );
      } else {
        firstController = current;
      }
    }
  }
  return errs;
}

function validateFinalizers(finalizers: unknown): FieldError[] {
  if (!Array.isArray(finalizers)) return [];
  const errs: FieldError[] = [];
  let orphan = false;
  let deleteDependents = false;
  for (const f of finalizers) {
    const s = str(f);
    for (const msg of isQualifiedName(s)) errs.push(invalid('metadata.finalizers', s, msg));
    if (s === 'orphan') orphan = true;
    if (s === 'foregroundDeletion') deleteDependents = true;
  }
  if (orphan && deleteDependents) {
    errs.push(
      invalid(
        'metadata.finalizers',
        finalizers,
        'finalizer orphan and foregroundDeletion cannot be both set',
      ),
    );
  }
  return errs;
}
