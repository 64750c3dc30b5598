/**
 * Evaluation of `x-kubernetes-validations` rules, following apiextensions-apiserver's
 * `schema/cel` package (v1.26): rules run on every non-null node that has them, `self` is the
 * node's value typed by its schema, and a failed rule yields
 * `<path>: Invalid value: "<schema type>": <message>`.
 */
import { type Environment, serialize } from '@marcbachmann/cel-js';
import type { ValidationRule } from '../schema/json-schema.ts';
import { CelRuntimeError, createCelEnvironment } from './cel-env.ts';
import { type FieldError, invalid } from './field-error.ts';
import { compareGoStrings, isGoInt } from './go-format.ts';
import type { SchemaNode } from './schema-node.ts';

type Program = (context: Record<string, unknown>) => unknown;

export interface CompiledRule {
  readonly rule: ValidationRule;
  readonly program: Program | undefined;
  /** Set when the rule does not compile; reported as `rule compile error: …`. */
  readonly compileError: string | undefined;
  /** Rules that mention `oldSelf` only run on update. */
  readonly transitionRule: boolean;
}

let sharedEnv: Environment | undefined;

/** The one CEL environment all validators share (it is immutable once built). */
export function celEnvironment(): Environment {
  sharedEnv ??= createCelEnvironment();
  return sharedEnv;
}

interface AstNode {
  op: string;
  args: unknown;
}

function isAstNode(x: unknown): x is AstNode {
  return typeof x === 'object' && x !== null && 'op' in x && 'args' in x;
}

/** Renames `duration(x)` calls to the Go-semantics conversion and reports identifier use. */
function rewrite(node: unknown, seen: { oldSelf: boolean }): void {
  if (Array.isArray(node)) {
    for (const n of node) rewrite(n, seen);
    return;
  }
  if (!isAstNode(node)) return;
  if (node.op === 'id' && node.args === 'oldSelf') seen.oldSelf = true;
  if (node.op === 'call' && Array.isArray(node.args) && node.args[0] === 'duration') {
    const callArgs = node.args[1];
    if (Array.isArray(callArgs) && callArgs.length === 1) node.args[0] = 'k8sGoDuration';
  }
  rewrite(node.args, seen);
}

export function compileRule(rule: ValidationRule): CompiledRule {
  const env = celEnvironment();
  if (rule.rule.trim() === '')
    return { rule, program: undefined, compileError: undefined, transitionRule: false };
  try {
    const parsed = env.parse(rule.rule) as unknown as { ast: unknown };
    const seen = { oldSelf: false };
    rewrite(parsed.ast, seen);
    const program = env.parse(serialize(parsed.ast as never)) as unknown as Program;
    return { rule, program, compileError: undefined, transitionRule: seen.oldSelf };
  } catch (e) {
    const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
    return {
      rule,
      program: undefined,
      compileError: `compilation failed: ${message}`,
      transitionRule: false,
    };
  }
}

/** Converts decoded JSON into the CEL value the schema gives it (`UnstructuredToVal`). */
export function toCelValue(value: unknown, node: SchemaNode | undefined): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map((v) => toCelValue(v, node?.items));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = toCelValue(v, node?.properties?.get(k) ?? node?.additionalProperties);
    }
    return out;
  }
  if (typeof value === 'number') {
    if (node?.type === 'number') return value;
    return isGoInt(value) ? BigInt(value) : value;
  }
  return value;
}

/** cel-go's text for a runtime error cel-js raised. */
function celGoErrorText(e: unknown): string {
  if (e instanceof CelRuntimeError) return e.message;
  const err = e as { code?: string; summary?: string; message?: string };
  const summary = err.summary ?? err.message ?? String(e);
  switch (err.code) {
    case 'no_such_key':
      return summary.replace(/^No such key: /, 'no such key: ');
    case 'no_such_overload':
      return 'no such overload';
    case 'division_by_zero':
      return 'division by zero';
    case 'modulo_by_zero':
      return 'modulus by zero';
    case 'numeric_overflow':
      return 'integer overflow';
    default:
      return summary.split('\n')[0] ?? summary;
  }
}

function ruleErrorString(rule: ValidationRule): string {
  return (rule.message ?? '').length > 0 ? (rule.message ?? '').trim() : rule.rule.trim();
}

export interface CelNode {
  readonly schema: SchemaNode;
  readonly rules: readonly CompiledRule[];
  readonly properties: ReadonlyMap<string, CelNode>;
  readonly additionalProperties: CelNode | undefined;
  readonly items: CelNode | undefined;
}

/** Builds the rule tree for the parts of a schema that have rules (like `cel.NewValidator`). */
export function compileCelTree(schema: SchemaNode): CelNode | undefined {
  if (!schema.hasRulesBelow) return undefined;
  const properties = new Map<string, CelNode>();
  for (const name of schema.propertyNames) {
    const child = schema.properties?.get(name);
    const compiled = child ? compileCelTree(child) : undefined;
    if (compiled) properties.set(name, compiled);
  }
  return {
    schema,
    rules: schema.rules.map(compileRule),
    properties,
    additionalProperties: schema.additionalProperties
      ? compileCelTree(schema.additionalProperties)
      : undefined,
    items: schema.items ? compileCelTree(schema.items) : undefined,
  };
}

function joinChild(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/** Evaluates every rule below `node` on `value`; errors are appended in the API server's order. */
export function validateCel(node: CelNode, value: unknown, path: string, out: FieldError[]): void {
  if (value === null || value === undefined) return;
  validateExpressions(node, value, path, out);
  if (Array.isArray(value)) {
    if (node.items)
      for (let i = 0; i < value.length; i++) validateCel(node.items, value[i], `${path}[${i}]`, out);
    return;
  }
  if (typeof value !== 'object') return;
  const obj = value as Record<string, unknown>;
  if (node.additionalProperties) {
    for (const k of Object.keys(obj).sort(compareGoStrings))
      validateCel(node.additionalProperties, obj[k], `${path}[${k}]`, out);
  }
  for (const [k, child] of node.properties) {
    if (k in obj) validateCel(child, obj[k], joinChild(path, k), out);
  }
}

function validateExpressions(node: CelNode, value: unknown, path: string, out: FieldError[]): void {
  if (node.rules.length === 0) return;
  const type = node.schema.type;
  let context: Record<string, unknown> | undefined;
  for (const compiled of node.rules) {
    const { rule } = compiled;
    if (compiled.compileError !== undefined) {
      out.push(invalid(path, type, `rule compile error: ${compiled.compileError}`));
      continue;
    }
    if (compiled.program === undefined || compiled.transitionRule) continue;
    context ??= { self: toCelValue(value, node.schema) };
    let result: unknown;
    try {
      result = compiled.program(context);
    } catch (e) {
      const text = celGoErrorText(e);
      if (text.startsWith('no such overload')) {
        out.push(
          invalid(
            path,
            type,
            `'${text}': call arguments did not match a supported operator, function or macro signature for rule: ${ruleErrorString(rule)}`,
          ),
        );
      } else {
        out.push(invalid(path, type, `${text} evaluating rule: ${ruleErrorString(rule)}`));
      }
      continue;
    }
    if (result !== true) {
      if ((rule.message ?? '').length > 0) out.push(invalid(path, type, rule.message ?? ''));
      else out.push(invalid(path, type, `failed rule: ${ruleErrorString(rule)}`));
    }
  }
}
