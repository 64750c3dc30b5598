/**
 * `k8s.io/apimachinery/pkg/util/validation/field.Error`: a typed error on a field path, rendered
 * exactly as the API server renders it (`<field>: <Type string>[: <value>][: <detail>]`).
 */
import { goNumber, goQuote, goSharpV } from './go-format.ts';

export type FieldErrorType =
  | 'FieldValueNotFound'
  | 'FieldValueRequired'
  | 'FieldValueDuplicate'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'InternalError'
  | 'FieldValueTypeInvalid';

const TYPE_STRINGS: Record<FieldErrorType, string> = {
  FieldValueNotFound: 'Not found',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  InternalError: 'Internal error',
  FieldValueTypeInvalid: 'Invalid value',
};

/** Marks a bad value that the error text leaves out (Go's `omitValue`). */
export const OMIT_VALUE: unique symbol = Symbol('omitValue');

export interface FieldError {
  readonly type: FieldErrorType;
  readonly field: string;
  readonly badValue: unknown;
  readonly detail: string;
}

export function fieldError(
  type: FieldErrorType,
  field: string,
  badValue: unknown,
  detail: string,
): FieldError {
  return { type, field, badValue, detail };
}

export const required = (field: string, detail = ''): FieldError =>
  fieldError('FieldValueRequired', field, '', detail);
export const invalid = (field: string, value: unknown, detail: string): FieldError =>
  fieldError('FieldValueInvalid', field, value, detail);
export const typeInvalid = (field: string, value: unknown, detail: string): FieldError =>
  fieldError('FieldValueTypeInvalid', field, value, detail);
export const duplicate = (field: string, value: unknown): FieldError =>
  fieldError('FieldValueDuplicate', field, value, '');
export const forbidden = (field: string, detail: string): FieldError =>
  fieldError('FieldValueForbidden', field, '', detail);

export function notSupported(field: string, value: unknown, validValues: string[]): FieldError {
  const detail = validValues.length > 0 ? `supported values: ${validValues.map(goQuote).join(', ')}` : '';
  return fieldError('FieldValueNotSupported', field, value, detail);
}

export function tooLong(field: string, value: unknown, maxLength: number): FieldError {
  return fieldError('FieldValueTooLong', field, value, `must have at most ${maxLength} bytes`);
}

export function tooLongMaxLength(field: string, value: unknown, maxLength: number): FieldError {
  const detail = maxLength >= 0 ? `may not be longer than ${maxLength}` : 'value is too long';
  return fieldError('FieldValueTooLong', field, value, detail);
}

export function tooMany(field: string, actual: number, max: number): FieldError {
  const detail = max >= 0 ? `must have at most ${max} items` : 'has too many items';
  return fieldError('FieldValueTooMany', field, actual >= 0 ? actual : OMIT_VALUE, detail);
}

export const internalError = (field: string, message: string): FieldError =>
  fieldError('InternalError', field, null, message);

/** `field.Error.ErrorBody()`: the message without the field path. */
export function errorBody(e: FieldError): string {
  let s: string;
  const typeString = TYPE_STRINGS[e.type];
  if (
    e.type === 'FieldValueRequired' ||
    e.type === 'FieldValueForbidden' ||
    e.type === 'FieldValueTooLong' ||
    e.type === 'InternalError' ||
    e.badValue === OMIT_VALUE
  ) {
    s = typeString;
  } else {
    s = `${typeString}: ${formatBadValue(e.badValue)}`;
  }
  if (e.detail.length > 0) s += `: ${e.detail}`;
  return s;
}

function formatBadValue(v: unknown): string {
  // Go replaces a nil value with the string "null" and then quotes it like any string.
  if (v === null || v === undefined) return '"null"';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number') return goNumber(v);
  if (typeof v === 'boolean') return String(v);
  return goSharpV(v);
}

/** `field.Error.Error()`: `<field>: <body>`. */
export function errorString(e: FieldError): string {
  return `${e.field}: ${errorBody(e)}`;
}

/** Removes errors whose rendered text repeats an earlier one (`ErrorList.ToAggregate`). */
export function dedupe(errors: readonly FieldError[]): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const e of errors) {
    const key = errorString(e);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  return out;
}

/** `utilerrors.Aggregate.Error()`: one message as is, several as `[a, b]`. */
export function aggregateMessage(messages: readonly string[]): string {
  if (messages.length === 1) return messages[0] ?? '';
  return `[${messages.join(', ')}]`;
}
