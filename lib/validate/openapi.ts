/**
 * OpenAPI value validation of a custom resource: a port of kube-openapi's `validate`
 * package at the revision Kubernetes v1.26 vendors (172d655c2280), together with
 * apiextensions-apiserver's `ValidateCustomResource`, which turns its errors into field errors.
 *
 * Order follows kube-openapi: per node the type, string, format, number, slice, enum and
 * object validators run in that order; objects check properties and then `required`. Go walks
 * properties in map order (random); we walk them sorted, which is one of the orders the API
 * server may produce.
 */
import {
  type FieldError,
  invalid,
  notSupported,
  required,
  tooLongMaxLength,
  tooMany,
  typeInvalid,
} from './field-error.ts';
import { FORMAT_CHECKS } from './formats.ts';
import { compareGoStrings, goFloat, goQuote, isGoInt, runeCount } from './go-format.ts';
import type { SchemaNode } from './schema-node.ts';

const IN = 'body';

type DataKind = 'null' | 'boolean' | 'string' | 'integer' | 'number' | 'array' | 'object';

function kindOf(v: unknown): DataKind {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return isGoInt(v) ? 'integer' : 'number';
  if (Array.isArray(v)) return 'array';
  return 'object';
}

/** `errPath` as ValidateCustomResource derives it from kube-openapi's name. */
function fieldPath(name: string): string {
  return name.startsWith('.') ? name.slice(1) : name;
}

/** Go `swag.IsFloat64AJSONInteger`. */
function isFloat64AJSONInteger(f: number): boolean {
  return Number.isFinite(f) && Number.isInteger(f) && Math.abs(f) <= 2 ** 53;
}

function typeFail(name: string, typeName: string, value: string): FieldError {
  return typeInvalid(
    fieldPath(name),
    value,
    `${name} in ${IN} must be of type ${typeName}: ${goQuote(value)}`,
  );
}

/** Validates `data` against `node`; `name` is kube-openapi's path ("" at the root). */
export function validateValue(node: SchemaNode, data: unknown, name: string, out: FieldError[]): void {
  const kind = kindOf(data);
  if (kind === 'null') {
    if (node.openAPITypes.length > 0 && !node.nullable)
      out.push(typeFail(name, node.openAPITypes.join(','), 'null'));
    validateEnum(node, data, name, out);
    return;
  }
  if (node.openAPITypes.length > 0 || node.validatedFormat !== '') validateType(node, kind, data, name, out);
  if (kind === 'string') validateString(node, data as string, name, out);
  if (kind === 'string' && node.validatedFormat !== '') validateFormat(node, data as string, name, out);
  if (kind === 'integer' || kind === 'number') validateNumber(node, data as number, kind, name, out);
  if (kind === 'array') validateArray(node, data as unknown[], name, out);
  validateEnum(node, data, name, out);
  if (kind === 'object') validateObject(node, data as Record<string, unknown>, name, out);
}

function validateType(
  node: SchemaNode,
  kind: DataKind,
  data: unknown,
  name: string,
  out: FieldError[],
): void {
  const types = node.openAPITypes;
  const format = node.props.format !== undefined && node.validatedFormat !== '' ? node.props.format : '';
  // The Go "format" inferred from the value's type: int64 and float64 for numbers.
  const valueFormat = kind === 'integer' ? 'int64' : kind === 'number' ? 'float64' : '';
  const isFloatInt = kind === 'number' && isFloat64AJSONInteger(data as number) && types.includes('integer');
  const isIntFloat = kind === 'integer' && types.includes('number');
  if (
    kind !== 'string' &&
    kind !== 'array' &&
    format !== '' &&
    !(types.includes(kind) || valueFormat === format || isFloatInt || isIntFloat)
  ) {
    out.push(typeFail(name, format, valueFormat));
    return;
  }
  if (
    !(types.includes('number') || types.includes('integer')) &&
    format !== '' &&
    (kind === 'string' || kind === 'array')
  )
    return;
  if (!(types.includes(kind) || isFloatInt || isIntFloat)) out.push(typeFail(name, types.join(','), kind));
}

function validateString(node: SchemaNode, s: string, name: string, out: FieldError[]): void {
  const { maxLength, minLength } = node.props;
  if (maxLength !== undefined && runeCount(s) > maxLength) {
    out.push(tooLongMaxLength(fieldPath(name), s, maxLength));
    return;
  }
  if (minLength !== undefined && runeCount(s) < minLength) {
    out.push(invalid(fieldPath(name), s, `${name} in ${IN} should be at least ${minLength} chars long`));
    return;
  }
  const pattern = node.pattern;
  if (pattern !== undefined) {
    if (pattern.regexp === undefined) {
      out.push(
        invalid(
          fieldPath(name),
          s,
          `${name} in ${IN} should match '${pattern.source}, but pattern is invalid: ${pattern.error ?? ''}'`,
        ),
      );
    } else if (!pattern.regexp.test(s)) {
      out.push(invalid(fieldPath(name), s, `${name} in ${IN} should match '${pattern.source}'`));
    }
  }
}

function validateFormat(node: SchemaNode, s: string, name: string, out: FieldError[]): void {
  const check = FORMAT_CHECKS[node.validatedFormat];
  if (check === undefined || check(s)) return;
  const format = node.props.format ?? node.validatedFormat;
  out.push(typeInvalid(fieldPath(name), s, `${name} in ${IN} must be of type ${format}: ${goQuote(s)}`));
}

function boundText(bound: number, dataIsInt: boolean): string {
  // Go compares an int64 value with int64(bound) and prints that; a float64 value with the float.
  return dataIsInt ? String(Math.trunc(bound)) : goFloat(bound);
}

function validateNumber(node: SchemaNode, n: number, kind: DataKind, name: string, out: FieldError[]): void {
  const { multipleOf, minimum, maximum } = node.props;
  const isInt = kind === 'integer';
  if (multipleOf !== undefined) {
    if (multipleOf < 0) {
      out.push(
        invalid(
          fieldPath(name),
          n,
          `factor MultipleOf declared for ${name} must be positive: ${goFloat(multipleOf)}`,
        ),
      );
    } else if (
      isInt
        ? n % Math.trunc(multipleOf) !== 0
        : !isFloat64AJSONInteger(multipleOf < 1 ? (1 / multipleOf) * n : n / multipleOf)
    ) {
      out.push(
        invalid(
          fieldPath(name),
          n,
          `${name} in ${IN} should be a multiple of ${boundText(multipleOf, isInt)}`,
        ),
      );
    }
  }
  if (minimum !== undefined) {
    const min = isInt ? Math.trunc(minimum) : minimum;
    const exclusive = node.props.exclusiveMinimum === true;
    if ((!exclusive && n < min) || (exclusive && n <= min)) {
      const op = exclusive ? 'greater than' : 'greater than or equal to';
      out.push(invalid(fieldPath(name), n, `${name} in ${IN} should be ${op} ${boundText(minimum, isInt)}`));
    }
  }
  if (maximum !== undefined) {
    const max = isInt ? Math.trunc(maximum) : maximum;
    const exclusive = node.props.exclusiveMaximum === true;
    if ((!exclusive && n > max) || (exclusive && n >= max)) {
      const op = exclusive ? 'less than' : 'less than or equal to';
      out.push(invalid(fieldPath(name), n, `${name} in ${IN} should be ${op} ${boundText(maximum, isInt)}`));
    }
  }
}

function validateArray(node: SchemaNode, arr: unknown[], name: string, out: FieldError[]): void {
  if (node.items !== undefined) {
    for (let i = 0; i < arr.length; i++) validateValue(node.items, arr[i], `${name}[${i}]`, out);
  }
  const { minItems, maxItems, uniqueItems } = node.props;
  if (minItems !== undefined && arr.length < minItems) {
    out.push(invalid(fieldPath(name), arr.length, `${name} in ${IN} should have at least ${minItems} items`));
  }
  if (maxItems !== undefined && arr.length > maxItems)
    out.push(tooMany(fieldPath(name), arr.length, maxItems));
  if (uniqueItems === true) {
    const seen = new Set<string>();
    for (const v of arr) {
      const key = JSON.stringify(canonical(v));
      if (seen.has(key)) {
        out.push(invalid(fieldPath(name), '', `${name} in ${IN} shouldn't contain duplicates`));
        break;
      }
      seen.add(key);
    }
  }
}

/** A value with sorted object keys, so that deep equality is string equality. */
export function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (typeof v === 'object' && v !== null) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort(compareGoStrings))
      out[k] = canonical((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

function enumEquals(data: unknown, enumValue: unknown): boolean {
  if (typeof enumValue === 'object' || typeof data === 'object') {
    return JSON.stringify(canonical(data)) === JSON.stringify(canonical(enumValue));
  }
  return data === enumValue;
}

function validateEnum(node: SchemaNode, data: unknown, name: string, out: FieldError[]): void {
  const values = node.props.enum;
  if (values === undefined || values.length === 0) return;
  if (data !== null && data !== undefined && values.some((e) => enumEquals(data, e))) return;
  const rendered = values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  out.push(notSupported(fieldPath(name), data ?? null, rendered));
}

function validateObject(
  node: SchemaNode,
  obj: Record<string, unknown>,
  name: string,
  out: FieldError[],
): void {
  const keys = Object.keys(obj);
  const { minProperties, maxProperties } = node.props;
  if (minProperties !== undefined && keys.length < minProperties) {
    out.push(
      invalid(
        fieldPath(name),
        keys.length,
        `${name} in ${IN} should have at least ${minProperties} properties`,
      ),
    );
    return;
  }
  if (maxProperties !== undefined && keys.length > maxProperties) {
    out.push(tooMany(fieldPath(name), keys.length, maxProperties));
    return;
  }
  if (!node.additionalPropertiesAllowed) {
    for (const k of [...keys].sort(compareGoStrings)) {
      if (!node.properties?.has(k)) {
        out.push(invalid(fieldPath(name), k, `${name}.${k} in ${IN} is a forbidden property`));
      }
    }
  } else if (node.additionalProperties !== undefined) {
    for (const k of [...keys].sort(compareGoStrings)) {
      if (!node.properties?.has(k)) validateValue(node.additionalProperties, obj[k], `${name}.${k}`, out);
    }
  }
  for (const p of node.propertyNames) {
    if (!(p in obj)) continue;
    const child = node.properties?.get(p);
    if (child !== undefined) validateValue(child, obj[p], name === '' ? p : `${name}.${p}`, out);
  }
  for (const k of node.required) {
    if (!(k in obj)) out.push(required(fieldPath(`${name}.${k}`)));
  }
}
