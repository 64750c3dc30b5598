/**
 * A CRD version's `openAPIV3Schema`, compiled once into the form the validation passes walk:
 * sorted property names, Go regexps translated, formats filtered the way the API server filters
 * them, defaults pruned, and each node's CEL rules parsed.
 */
import type { JSONSchemaProps, ValidationRule } from '../schema/json-schema.ts';
import { compareGoStrings } from './go-format.ts';
import { compileGoRegexp, GoRegexpError } from './go-regexp.ts';

/** Formats kube-openapi checks for CRDs; any other format is stripped before validation. */
const SUPPORTED_FORMATS = new Set([
  'bsonobjectid',
  'uri',
  'email',
  'hostname',
  'ipv4',
  'ipv6',
  'cidr',
  'mac',
  'uuid',
  'uuid3',
  'uuid4',
  'uuid5',
  'isbn',
  'isbn10',
  'isbn13',
  'creditcard',
  'ssn',
  'hexcolor',
  'rgbcolor',
  'byte',
  'password',
  'date',
  'duration',
  'datetime',
]);

export interface CompiledPattern {
  readonly source: string;
  readonly regexp: RegExp | undefined;
  /** Go's compile error text when the pattern does not compile. */
  readonly error: string | undefined;
}

export interface SchemaNode {
  readonly props: JSONSchemaProps;
  /** Structural type: '' for int-or-string and untyped preserve-unknown-fields nodes. */
  readonly type: string;
  /** The type list kube-openapi checks (`integer,string` for int-or-string). */
  readonly openAPITypes: readonly string[];
  readonly nullable: boolean;
  /** The format kube-openapi validates (unsupported ones stripped, `date-time` normalised). */
  readonly validatedFormat: string;
  /** The format as written (CEL maps `duration`/`date-time` strings to typed values). */
  readonly format: string;
  readonly properties: ReadonlyMap<string, SchemaNode> | undefined;
  /** Property names in Go's sorted order. */
  readonly propertyNames: readonly string[];
  readonly required: readonly string[];
  readonly additionalProperties: SchemaNode | undefined;
  readonly additionalPropertiesAllowed: boolean;
  readonly items: SchemaNode | undefined;
  readonly pattern: CompiledPattern | undefined;
  readonly preserveUnknownFields: boolean;
  readonly embeddedResource: boolean;
  readonly intOrString: boolean;
  readonly hasDefault: boolean;
  readonly defaultValue: unknown;
  readonly listType: string | undefined;
  readonly listMapKeys: readonly string[];
  readonly mapType: string | undefined;
  readonly rules: readonly ValidationRule[];
  /** Whether this node or anything below it has CEL rules. */
  readonly hasRulesBelow: boolean;
  /** Whether this node or anything below it is a set or map list. */
  readonly hasListInvariantsBelow: boolean;
  readonly allOf: readonly SchemaNode[];
  readonly anyOf: readonly SchemaNode[];
  readonly oneOf: readonly SchemaNode[];
  readonly not: SchemaNode | undefined;
}

function compilePattern(pattern: string): CompiledPattern {
  try {
    return { source: pattern, regexp: compileGoRegexp(pattern), error: undefined };
  } catch (e) {
    const message = e instanceof GoRegexpError ? e.message : String(e);
    return { source: pattern, regexp: undefined, error: `error parsing regexp: ${message}` };
  }
}

function normaliseFormat(format: string | undefined): string {
  if (format === undefined || format === '') return '';
  const normalised = format.replaceAll('-', '');
  return SUPPORTED_FORMATS.has(normalised) ? normalised : '';
}

/** Compiles a schema node and its children. */
export function compileSchema(props: JSONSchemaProps): SchemaNode {
  const propertiesEntries = Object.entries(props.properties ?? {});
  const properties =
    propertiesEntries.length > 0 || props.properties !== undefined
      ? new Map(propertiesEntries.map(([k, v]) => [k, compileSchema(v)]))
      : undefined;
  const propertyNames = [...(properties?.keys() ?? [])].sort(compareGoStrings);
  const ap = props.additionalProperties;
  const additionalProperties = typeof ap === 'object' && ap !== null ? compileSchema(ap) : undefined;
  const items = props.items ? compileSchema(props.items) : undefined;
  const intOrString = props['x-kubernetes-int-or-string'] === true;
  const type = props.type ?? '';
  const openAPITypes = intOrString ? ['integer', 'string'] : type !== '' ? [type] : [];
  const rules = props['x-kubernetes-validations'] ?? [];
  const children: SchemaNode[] = [...(properties?.values() ?? [])];
  if (additionalProperties) children.push(additionalProperties);
  if (items) children.push(items);
  const listType = props['x-kubernetes-list-type'];
  return {
    props,
    type,
    openAPITypes,
    nullable: props.nullable === true,
    validatedFormat: normaliseFormat(props.format),
    format: props.format ?? '',
    properties,
    propertyNames,
    required: props.required ?? [],
    additionalProperties,
    additionalPropertiesAllowed: ap !== false,
    items,
    pattern: props.pattern !== undefined && props.pattern !== '' ? compilePattern(props.pattern) : undefined,
    preserveUnknownFields: props['x-kubernetes-preserve-unknown-fields'] === true,
    embeddedResource: props['x-kubernetes-embedded-resource'] === true,
    intOrString,
    hasDefault: props.default !== undefined,
    defaultValue: props.default,
    listType,
    listMapKeys: props['x-kubernetes-list-map-keys'] ?? [],
    mapType: props['x-kubernetes-map-type'],
    rules,
    hasRulesBelow: rules.length > 0 || children.some((c) => c.hasRulesBelow),
    hasListInvariantsBelow:
      listType === 'set' || listType === 'map' || children.some((c) => c.hasListInvariantsBelow),
    allOf: (props.allOf ?? []).map(compileSchema),
    anyOf: (props.anyOf ?? []).map(compileSchema),
    oneOf: (props.oneOf ?? []).map(compileSchema),
    not: props.not ? compileSchema(props.not) : undefined,
  };
}

/** The schema for a key of an object node: a declared property, else additionalProperties. */
export function childSchema(node: SchemaNode | undefined, key: string): SchemaNode | undefined {
  if (node === undefined) return undefined;
  return node.properties?.get(key) ?? node.additionalProperties;
}
