/**
 * A small builder for structural schemas. Every kind in `lib/api` is written with it, once;
 * the CRD YAML, the exported TypeScript types and the offline validator all come from the
 * plain `JSONSchemaProps` objects it returns.
 *
 * Two facts cannot live in the JSON itself and are kept beside it:
 * - the TypeScript interface name of an object schema (`named`), kept in a WeakMap so that a
 *   building block reused in many places yields one shared interface;
 * - whether a property is required, which belongs to the property slot, not to the reused
 *   schema, and is expressed by wrapping the slot with `req()`.
 */
import type { JSONSchemaProps, ValidationRule } from './json-schema.ts';

const typeNames = new WeakMap<JSONSchemaProps, string>();
const REQUIRED: unique symbol = Symbol('required');

/** A property slot marked as required in its parent object. */
export interface RequiredProp {
  readonly [REQUIRED]: JSONSchemaProps;
}

export type Prop = JSONSchemaProps | RequiredProp;

function isRequiredProp(p: Prop): p is RequiredProp {
  return typeof p === 'object' && p !== null && REQUIRED in p;
}

/** The TypeScript interface name given to an object schema with `named`, if any. */
export function typeNameOf(schema: JSONSchemaProps): string | undefined {
  return typeNames.get(schema);
}

interface Common {
  description?: string;
  /** CEL rules on this node (`x-kubernetes-validations`). */
  validations?: ValidationRule[];
  nullable?: boolean;
}

export interface StringOpts extends Common {
  default?: string;
  enum?: readonly string[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  format?: string;
}

export interface NumberOpts extends Common {
  default?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  enum?: readonly number[];
}

export interface BooleanOpts extends Common {
  default?: boolean;
}

export interface ObjectOpts extends Common {
  /** Name of the exported TypeScript interface (ToolHive's Go type name where it has one). */
  name?: string;
  default?: Record<string, unknown>;
  preserveUnknownFields?: boolean;
  mapType?: 'atomic' | 'granular';
  minProperties?: number;
  maxProperties?: number;
}

export interface ArrayOpts extends Common {
  listType?: 'atomic' | 'set' | 'map';
  listMapKeys?: string[];
  minItems?: number;
  maxItems?: number;
  default?: unknown[];
}

export interface MapOpts extends Common {
  minProperties?: number;
  maxProperties?: number;
  default?: Record<string, unknown>;
}

function common(out: JSONSchemaProps, opts: Common | undefined): JSONSchemaProps {
  if (opts?.nullable !== undefined) out.nullable = opts.nullable;
  if (opts?.validations && opts.validations.length > 0)
    out['x-kubernetes-validations'] = [...opts.validations];
  return out;
}

function withDescription(description: string | undefined): JSONSchemaProps {
  return description === undefined ? {} : { description };
}

export function string(opts?: StringOpts): JSONSchemaProps {
  const out: JSONSchemaProps = { ...withDescription(opts?.description), type: 'string' };
  if (opts?.format !== undefined) out.format = opts.format;
  if (opts?.default !== undefined) out.default = opts.default;
  if (opts?.enum !== undefined) out.enum = [...opts.enum];
  if (opts?.pattern !== undefined) out.pattern = opts.pattern;
  if (opts?.minLength !== undefined) out.minLength = opts.minLength;
  if (opts?.maxLength !== undefined) out.maxLength = opts.maxLength;
  return common(out, opts);
}

function numeric(type: 'integer' | 'number', format: string | undefined, opts?: NumberOpts): JSONSchemaProps {
  const out: JSONSchemaProps = { ...withDescription(opts?.description), type };
  if (format !== undefined) out.format = format;
  if (opts?.default !== undefined) out.default = opts.default;
  if (opts?.enum !== undefined) out.enum = [...opts.enum];
  if (opts?.minimum !== undefined) out.minimum = opts.minimum;
  if (opts?.maximum !== undefined) out.maximum = opts.maximum;
  if (opts?.exclusiveMinimum !== undefined) out.exclusiveMinimum = opts.exclusiveMinimum;
  if (opts?.exclusiveMaximum !== undefined) out.exclusiveMaximum = opts.exclusiveMaximum;
  return common(out, opts);
}

/** `type: integer, format: int32`. */
export function int32(opts?: NumberOpts): JSONSchemaProps {
  return numeric('integer', 'int32', opts);
}

/** `type: integer, format: int64`. */
export function int64(opts?: NumberOpts): JSONSchemaProps {
  return numeric('integer', 'int64', opts);
}

/** `type: integer` without a format (Go `int`). */
export function integer(opts?: NumberOpts): JSONSchemaProps {
  return numeric('integer', undefined, opts);
}

/** `type: number` (no format), for fields ToolHive declares as float or number. */
export function number(opts?: NumberOpts & { format?: string }): JSONSchemaProps {
  return numeric('number', opts?.format, opts);
}

export function boolean(opts?: BooleanOpts): JSONSchemaProps {
  const out: JSONSchemaProps = { ...withDescription(opts?.description), type: 'boolean' };
  if (opts?.default !== undefined) out.default = opts.default;
  return common(out, opts);
}

/** An object with a fixed set of properties. Wrap a property in `req()` to make it required. */
export function object(props: Record<string, Prop>, opts?: ObjectOpts): JSONSchemaProps {
  const out: JSONSchemaProps = { ...withDescription(opts?.description), type: 'object' };
  if (opts?.default !== undefined) out.default = opts.default;
  const properties: Record<string, JSONSchemaProps> = {};
  const required: string[] = [];
  for (const [key, prop] of Object.entries(props)) {
    if (isRequiredProp(prop)) {
      properties[key] = prop[REQUIRED];
      required.push(key);
    } else {
      properties[key] = prop;
    }
  }
  if (Object.keys(properties).length > 0) out.properties = properties;
  if (required.length > 0) out.required = required.sort();
  if (opts?.minProperties !== undefined) out.minProperties = opts.minProperties;
  if (opts?.maxProperties !== undefined) out.maxProperties = opts.maxProperties;
  if (opts?.preserveUnknownFields) out['x-kubernetes-preserve-unknown-fields'] = true;
  if (opts?.mapType !== undefined) out['x-kubernetes-map-type'] = opts.mapType;
  common(out, opts);
  if (opts?.name !== undefined) typeNames.set(out, opts.name);
  return out;
}

/** An object whose content the API server keeps as is (`x-kubernetes-preserve-unknown-fields`). */
export function preserved(opts?: Omit<ObjectOpts, 'preserveUnknownFields'>): JSONSchemaProps {
  return object({}, { ...opts, preserveUnknownFields: true });
}

export function array(items: JSONSchemaProps, opts?: ArrayOpts): JSONSchemaProps {
  const out: JSONSchemaProps = { ...withDescription(opts?.description), type: 'array', items };
  if (opts?.default !== undefined) out.default = opts.default;
  if (opts?.minItems !== undefined) out.minItems = opts.minItems;
  if (opts?.maxItems !== undefined) out.maxItems = opts.maxItems;
  if (opts?.listType !== undefined) out['x-kubernetes-list-type'] = opts.listType;
  if (opts?.listMapKeys !== undefined) out['x-kubernetes-list-map-keys'] = [...opts.listMapKeys];
  return common(out, opts);
}

/** `map<string, T>`: an object with `additionalProperties`. */
export function map(values: JSONSchemaProps, opts?: MapOpts): JSONSchemaProps {
  const out: JSONSchemaProps = {
    ...withDescription(opts?.description),
    type: 'object',
    additionalProperties: values,
  };
  if (opts?.default !== undefined) out.default = opts.default;
  if (opts?.minProperties !== undefined) out.minProperties = opts.minProperties;
  if (opts?.maxProperties !== undefined) out.maxProperties = opts.maxProperties;
  return common(out, opts);
}

/** `x-kubernetes-int-or-string` (e.g. resource quantities, ports by name). */
export function intOrString(opts?: Common & { pattern?: string }): JSONSchemaProps {
  const out: JSONSchemaProps = {
    ...withDescription(opts?.description),
    anyOf: [{ type: 'integer' }, { type: 'string' }],
    'x-kubernetes-int-or-string': true,
  };
  if (opts?.pattern !== undefined) out.pattern = opts.pattern;
  return common(out, opts);
}

/** Marks a property slot as required in the enclosing `object()`. */
export function req(schema: JSONSchemaProps): RequiredProp {
  return { [REQUIRED]: schema };
}

/**
 * The same schema with another description, for a reused building block whose field has its own
 * doc text. The TypeScript name carries over, so the field still uses the shared interface.
 */
export function describe(schema: JSONSchemaProps, description: string): JSONSchemaProps {
  const { description: _old, ...rest } = schema;
  const out: JSONSchemaProps = { description, ...rest };
  const name = typeNames.get(schema);
  if (name !== undefined) typeNames.set(out, name);
  return out;
}

/** The same schema with CEL rules added (after any it already has). */
export function withRules(schema: JSONSchemaProps, ...rules: ValidationRule[]): JSONSchemaProps {
  const out: JSONSchemaProps = {
    ...schema,
    'x-kubernetes-validations': [...(schema['x-kubernetes-validations'] ?? []), ...rules],
  };
  const name = typeNames.get(schema);
  if (name !== undefined) typeNames.set(out, name);
  return out;
}

/** A CEL rule with its message. */
export function rule(celRule: string, message: string): ValidationRule {
  return { rule: celRule, message };
}
