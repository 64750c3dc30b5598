/**
 * Converts JWT claims and tool arguments into Cedar JSON values, as ToolHive's entity factory
 * does (pkg/authz/authorizers/cedar/entity.go), with one deliberate difference: whole numbers
 * become Cedar `Long`s (ToolHive turns every JSON number into a `decimal`), so policies can
 * compare them with `<`, `<=`, `>`, `>=` as ToolHive's own documentation shows. Other numbers
 * become `decimal`s.
 */
import type { CedarValueJson } from '@cedar-policy/cedar-wasm/nodejs';

/** ToolHive's bound on claim nesting (claims may come from tokens it did not verify). */
export const MAX_CLAIM_NESTING_DEPTH = 10;

/** Keys Cedar's JSON format reads as escapes; a claim must not smuggle an entity reference in. */
const CEDAR_ESCAPES = new Set(['__entity', '__extn', '__expr']);

function decimal(n: number): CedarValueJson | undefined {
  // Cedar decimals carry at most four fractional digits and fit in an i64 scaled by 10^4.
  if (!Number.isFinite(n) || Math.abs(n) > 922_337_203_685_477) return undefined;
  const text = n.toFixed(4).replace(/0+$/, '').replace(/\.$/, '.0');
  return { __extn: { fn: 'decimal', arg: text } };
}

export function toCedarValue(v: unknown, depth = 0): CedarValueJson | undefined {
  if (depth > MAX_CLAIM_NESTING_DEPTH) return undefined;
  switch (typeof v) {
    case 'boolean':
    case 'string':
      return v;
    case 'number':
      return Number.isSafeInteger(v) ? v : decimal(v);
    case 'object': {
      if (v === null) return undefined;
      if (Array.isArray(v)) {
        const out: CedarValueJson[] = [];
        for (const item of v) {
          const c = toCedarValue(item, depth + 1);
          if (c !== undefined) out.push(c);
        }
        return out;
      }
      return toCedarRecord(v as Record<string, unknown>, depth + 1);
    }
    default:
      return undefined;
  }
}

export function toCedarRecord(
  data: Record<string, unknown> | undefined,
  depth = 0,
): Record<string, CedarValueJson> {
  const out: Record<string, CedarValueJson> = {};
  if (!data) return out;
  for (const [k, v] of Object.entries(data)) {
    if (CEDAR_ESCAPES.has(k)) continue;
    const c = toCedarValue(v, depth);
    if (c !== undefined) out[k] = c;
  }
  return out;
}

/** `claim_<name>` for every claim (pkg/authz/authorizers/cedar/core.go `preprocessClaims`). */
export function claimAttributes(claims: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(claims)) out[`claim_${k}`] = v;
  return out;
}

/** `arg_<name>` for scalar arguments, `arg_<name>_present` for the rest (`preprocessArguments`). */
export function argumentAttributes(
  args: Readonly<Record<string, unknown>> | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!args) return out;
  for (const [k, v] of Object.entries(args)) {
    if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') out[`arg_${k}`] = v;
    else out[`arg_${k}_present`] = true;
  }
  return out;
}

/** Resolves `a.b.c` claim paths when no claim has that literal name (`resolveNestedClaim`). */
export function resolveClaim(claims: Readonly<Record<string, unknown>>, path: string): unknown {
  if (path === '') return undefined;
  if (path in claims) return claims[path];
  const parts = path.split('.');
  if (parts.length < 2) return undefined;
  let cur: unknown = claims;
  for (const p of parts) {
    if (typeof cur !== 'object' || cur === null || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[p];
    if (cur === undefined) return undefined;
  }
  return cur;
}

export function stringList(v: unknown): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  return v.filter((x): x is string => typeof x === 'string');
}
