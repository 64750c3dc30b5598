/**
 * Would a v1.26 API server accept the CEL rules of our CRDs? Every rule must parse, call only
 * functions v1.26's environment has (cel-go v0.12 + ext.Strings + the k8s URLs, Regex and Lists
 * libraries), select only fields the schema declares, and stay within the cost limits.
 *
 * The cost figure is an upper-bound model of cel-go's static estimator, not a port of it: every
 * AST node costs 1, a string function costs 1 + maxLength/10, and a comprehension costs its body
 * times the range's maximum size (maxItems / maxProperties, or for unbounded lists and maps the
 * 1.26 estimate (3 MiB − 2) / (minimum item size + 1)). The rule cost is multiplied by the
 * node's cardinality (product of the array/map bounds above it) as the CRD validation does.
 */

import { parse } from '@marcbachmann/cel-js';
import { describe, expect, it } from 'vitest';
import { KINDS } from '../../../lib/api/kinds.ts';
import type { JSONSchemaProps } from '../../../lib/schema/json-schema.ts';
import { V126_FUNCTIONS } from '../../../lib/validate/cel-env.ts';

const MAX_REQUEST = 3 * 1024 * 1024;
const PER_RULE_LIMIT = 10_000_000; // StaticEstimatedCostLimit
const PER_CRD_LIMIT = 100_000_000; // StaticEstimatedCRDCostLimit

/** Minimum JSON size of a value (v1.26 `model.SchemaDeclType` MinSerializedSize). */
function minSize(s: JSONSchemaProps | undefined): number {
  if (s === undefined) return 1;
  switch (s.type) {
    case 'string':
      return 2;
    case 'boolean':
      return 4;
    case 'integer':
    case 'number':
      return 1;
    case 'object': {
      if (s.properties === undefined) return 2;
      let size = 2;
      for (const name of s.required ?? []) {
        const child = s.properties[name];
        if (child !== undefined && child.default === undefined) size += name.length + minSize(child) + 4;
      }
      return size;
    }
    default:
      return 2;
  }
}

/** Maximum size of a list, map or string (declared bound, else the 1.26 per-request estimate). */
function maxElements(s: JSONSchemaProps): number {
  if (s.type === 'array') return s.maxItems ?? Math.floor((MAX_REQUEST - 2) / (minSize(s.items) + 1));
  if (s.type === 'object') {
    const values = typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined;
    return s.maxProperties ?? Math.floor((MAX_REQUEST - 2) / (minSize(values) + 6));
  }
  if (s.type === 'string') return s.maxLength ?? MAX_REQUEST - 2;
  return 1;
}

/** Map keys are typed as the plain string DeclType, whose size estimate is 0 in 1.26. */
const MAP_KEY: JSONSchemaProps = { type: 'string', maxLength: 0 };

interface Node {
  op: string;
  args: unknown;
}
const isNode = (x: unknown): x is Node => typeof x === 'object' && x !== null && 'op' in x && 'args' in x;

interface Ctx {
  vars: Map<string, JSONSchemaProps | undefined>;
  problems: string[];
}

/** Schema of a selection chain rooted at a variable, or undefined when unknown (dyn). */
function schemaOf(n: unknown, ctx: Ctx): JSONSchemaProps | undefined {
  if (!isNode(n)) return undefined;
  if (n.op === 'id') return ctx.vars.get(n.args as string);
  if (n.op === '.' && Array.isArray(n.args)) {
    const parent = schemaOf(n.args[0], ctx);
    const field = n.args[1] as string;
    if (
      parent === undefined ||
      (parent['x-kubernetes-preserve-unknown-fields'] === true && parent.properties === undefined)
    )
      return undefined;
    const child =
      parent.properties?.[field] ??
      (typeof parent.additionalProperties === 'object' ? parent.additionalProperties : undefined);
    if (child === undefined && parent.type === 'object') ctx.problems.push(`undefined field '${field}'`);
    return child;
  }
  return undefined;
}

const MACROS = new Set(['all', 'exists', 'exists_one', 'map', 'filter']);

function cost(n: unknown, ctx: Ctx): number {
  if (Array.isArray(n)) return n.reduce((a: number, x) => a + cost(x, ctx), 0);
  if (!isNode(n)) return 0;
  if (n.op === 'call' || n.op === 'rcall') {
    const args = n.args as unknown[];
    const name = args[0] as string;
    if (!V126_FUNCTIONS.has(name)) ctx.problems.push(`function ${name} is not available in Kubernetes 1.26`);
    if (n.op === 'rcall' && MACROS.has(name)) {
      const target = args[1];
      const [iterVar, body] = args[2] as [Node, unknown];
      const range = schemaOf(target, ctx);
      const elem = range?.type === 'array' ? range.items : range?.type === 'object' ? MAP_KEY : undefined;
      const inner: Ctx = { vars: new Map(ctx.vars), problems: ctx.problems };
      inner.vars.set(iterVar.args as string, elem);
      const bound = range ? maxElements(range) : 1;
      return 1 + cost(target, ctx) + bound * (1 + cost(body, inner));
    }
    const target = n.op === 'rcall' ? args[1] : undefined;
    const str = schemaOf(target, ctx);
    const strCost = str?.type === 'string' ? Math.ceil(maxElements(str) / 10) : 0;
    return 1 + strCost + cost(target, ctx) + cost(args[n.op === 'rcall' ? 2 : 1], ctx);
  }
  if (n.op === '.') schemaOf(n, ctx);
  if (n.op === 'in' && Array.isArray(n.args)) {
    const range = schemaOf(n.args[1], ctx);
    const bound = range?.type === 'array' ? maxElements(range) : 1;
    return 1 + bound + cost(n.args, ctx);
  }
  return 1 + cost(n.args, ctx);
}

interface Figure {
  kind: string;
  path: string;
  rule: string;
  cost: number;
  cardinality: number;
  problems: string[];
}

function collect(def: (typeof KINDS)[number]): Figure[] {
  const out: Figure[] = [];
  // `bounded` is the product of maxItems/maxProperties above the node, or undefined when some
  // ancestor is unbounded; then 1.26 uses (3 MiB) / (minimum size of the node + 1).
  const walk = (s: JSONSchemaProps, path: string, bounded: number | undefined) => {
    const cardinality = bounded ?? Math.floor(MAX_REQUEST / (minSize(s) + 1));
    for (const r of s['x-kubernetes-validations'] ?? []) {
      const ctx: Ctx = {
        vars: new Map([
          ['self', s],
          ['oldSelf', s],
        ]),
        problems: [],
      };
      let c = 0;
      try {
        c = cost((parse(r.rule) as unknown as { ast: unknown }).ast, ctx);
      } catch (e) {
        ctx.problems.push(`does not parse: ${e instanceof Error ? e.message : String(e)}`);
      }
      out.push({ kind: def.kind, path, rule: r.rule, cost: c, cardinality, problems: ctx.problems });
    }
    for (const [k, c] of Object.entries(s.properties ?? {})) walk(c, `${path}.${k}`, bounded);
    const declared = s.type === 'array' ? s.maxItems : s.maxProperties;
    const below = bounded === undefined || declared === undefined ? undefined : bounded * declared;
    if (s.items) walk(s.items, `${path}[]`, below);
    if (typeof s.additionalProperties === 'object') walk(s.additionalProperties, `${path}{}`, below);
  };
  walk(def.spec, 'spec', 1);
  walk(def.status, 'status', 1);
  return out;
}

const figures = KINDS.flatMap(collect);

describe('CEL rules compile and fit the cost limits of Kubernetes 1.26', () => {
  it('reports the estimated costs (printed with --reporter=verbose)', () => {
    const rows = figures
      .map((f) => ({
        kind: f.kind,
        path: f.path,
        cost: f.cost,
        cardinality: f.cardinality,
        total: f.cost * f.cardinality,
      }))
      .sort((a, b) => b.total - a.total);
    if (process.env.CEL_COST_REPORT) console.table(rows);
    expect(rows.length).toBe(76);
  });

  it('has all 76 rules', () => {
    expect(figures).toHaveLength(76);
  });

  it.each(figures.map((f) => [`${f.kind} ${f.path}: ${f.rule.slice(0, 60)}`, f]))('%s', (_name, f) => {
    expect(f.problems).toEqual([]);
    expect(f.cost * f.cardinality).toBeLessThanOrEqual(PER_RULE_LIMIT);
  });

  it.each(KINDS.map((k) => [k.kind]))('%s stays within the per-CRD total', (kind) => {
    const total = figures.filter((f) => f.kind === kind).reduce((a, f) => a + f.cost * f.cardinality, 0);
    expect(total).toBeLessThanOrEqual(PER_CRD_LIMIT);
  });
});
