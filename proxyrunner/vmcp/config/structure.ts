/**
 * Checks a decoded vMCP config against the schema written once in `lib` (the same one the CRD's
 * `spec.config` uses): types, required fields, enums, patterns and bounds, with the path of each
 * problem. Unknown fields are rejected like ToolHive's loader does (`KnownFields(true)`), except
 * inside blocks the schema keeps verbatim (JSON Schemas, step arguments).
 */
import type { JSONSchemaProps } from '../../../lib/schema/json-schema.ts';

export interface Problem {
  /** Dotted path with indexes, e.g. `compositeTools[0].steps[2].tool`. */
  readonly path: string;
  readonly message: string;
}

export function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  // Plain names (and dotted runs of them, e.g. 'oidc.issuer') continue the path.
  if (/^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*)*$/.test(key))
    return base === '' ? key : `${base}.${key}`;
  return `${base}[${JSON.stringify(key)}]`;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/**
 * Walks `value` along `schema`. `root` marks the top-level object, whose unknown fields are also
 * rejected although the CRD preserves them (the runtime has nothing to do with them).
 */
export function checkStructure(
  schema: JSONSchemaProps,
  value: unknown,
  path = '',
  problems: Problem[] = [],
  root = true,
): Problem[] {
  const where = path === '' ? '(root)' : path;
  if (value === null || value === undefined) return problems;
  const actual = typeOf(value);
  switch (schema.type) {
    case 'object':
      if (actual !== 'object') {
        problems.push({ path: where, message: `must be an object, got ${actual}` });
        return problems;
      }
      break;
    case 'array':
      if (actual !== 'array') {
        problems.push({ path: where, message: `must be a list, got ${actual}` });
        return problems;
      }
      break;
    case 'integer':
      if (actual !== 'integer') {
        problems.push({ path: where, message: `must be an integer, got ${actual}` });
        return problems;
      }
      break;
    case 'number':
      if (actual !== 'integer' && actual !== 'number') {
        problems.push({ path: where, message: `must be a number, got ${actual}` });
        return problems;
      }
      break;
    case 'string':
    case 'boolean':
      if (actual !== schema.type) {
        problems.push({ path: where, message: `must be a ${schema.type}, got ${actual}` });
        return problems;
      }
      break;
    default:
      break;
  }
  if (schema.enum && !schema.enum.includes(value)) {
    problems.push({
      path: where,
      message: `must be one of: ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}`,
    });
  }
  if (typeof value === 'string') {
    if (schema.pattern && !new RegExp(schema.pattern, 'u').test(value)) {
      problems.push({ path: where, message: `${JSON.stringify(value)} does not match ${schema.pattern}` });
    }
    if (schema.minLength !== undefined && value.length < schema.minLength) {
      problems.push({ path: where, message: `must be at least ${schema.minLength} characters long` });
    }
    if (schema.maxLength !== undefined && value.length > schema.maxLength) {
      problems.push({ path: where, message: `must be at most ${schema.maxLength} characters long` });
    }
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) {
      problems.push({ path: where, message: `must be >= ${schema.minimum}` });
    }
    if (schema.maximum !== undefined && value > schema.maximum) {
      problems.push({ path: where, message: `must be <= ${schema.maximum}` });
    }
  }
  if (Array.isArray(value)) {
    if (schema.maxItems !== undefined && value.length > schema.maxItems) {
      problems.push({ path: where, message: `must have at most ${schema.maxItems} items` });
    }
    if (schema.minItems !== undefined && value.length < schema.minItems) {
      problems.push({ path: where, message: `must have at least ${schema.minItems} items` });
    }
    if (schema.items) {
      value.forEach((item, i) => {
        checkStructure(schema.items!, item, joinPath(path, i), problems, false);
      });
    }
    return problems;
  }
  if (actual === 'object') {
    const obj = value as Record<string, unknown>;
    for (const req of schema.required ?? []) {
      if (obj[req] === undefined || obj[req] === null) {
        problems.push({ path: joinPath(path, req), message: 'is required' });
      }
    }
    const props = schema.properties;
    const additional = schema.additionalProperties;
    const preserved = schema['x-kubernetes-preserve-unknown-fields'] === true && !root;
    if (schema.maxProperties !== undefined && Object.keys(obj).length > schema.maxProperties) {
      problems.push({ path: where, message: `must have at most ${schema.maxProperties} entries` });
    }
    for (const [key, v] of Object.entries(obj)) {
      const sub = props?.[key];
      if (sub) {
        checkStructure(sub, v, joinPath(path, key), problems, false);
      } else if (typeof additional === 'object') {
        checkStructure(additional, v, joinPath(path, key), problems, false);
      } else if (!preserved && additional !== true && (props !== undefined || root)) {
        problems.push({ path: joinPath(path, key), message: 'unknown field' });
      }
    }
  }
  return problems;
}
