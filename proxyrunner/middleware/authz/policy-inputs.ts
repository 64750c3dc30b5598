/**
 * Which request attributes a Cedar policy set can read, found in Cedar's JSON form of each
 * policy. The authorizer keys its decision cache on those inputs only: a call into the
 * WebAssembly evaluator costs ~150 µs, and keying on every argument would miss the cache on
 * nearly every `tools/call` (agents rarely repeat arguments) although most policies never read
 * them.
 *
 * Cedar has no computed attribute names, so a policy reads an attribute of `resource` or
 * `context` only as `<var>.<name>`, `<var>["<name>"]` or `<var> has <name>`. Any other use of
 * `resource` (`==`, `in`, `is`, a set member) compares the entity's uid and ancestry, never its
 * attributes. Any other use of `context` (comparing or passing the whole record) reads all of
 * it, and so does a policy that cannot be analysed.
 */
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';

export interface PolicyInputs {
  /** Attribute names read on `resource` or `context`. */
  readonly attributes: ReadonlySet<string>;
  /** Some policy reads the whole context record, or could not be analysed: every input counts. */
  readonly wholeContext: boolean;
}

type Node = unknown;

function visit(node: Node, attributes: Set<string>, state: { wholeContext: boolean }): void {
  if (Array.isArray(node)) {
    for (const n of node) visit(n, attributes, state);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    switch (key) {
      case 'Value':
        break; // a literal: no variables inside
      case 'Var':
        if (value === 'context') state.wholeContext = true;
        break;
      case 'Record':
        // Keys are attribute names of a record literal; only the values are expressions.
        if (typeof value === 'object' && value !== null)
          for (const v of Object.values(value)) visit(v, attributes, state);
        break;
      case '.':
      case 'has': {
        const { left, attr } = (value ?? {}) as { left?: Node; attr?: unknown };
        const variable = (left as { Var?: unknown } | undefined)?.Var;
        if ((variable === 'context' || variable === 'resource') && typeof attr === 'string')
          attributes.add(attr);
        else visit(value, attributes, state);
        break;
      }
      default:
        visit(value, attributes, state);
    }
  }
}

/** Cedar's JSON form of every policy in `text` (one or several), or undefined if it fails. */
function policiesAsJson(text: string): unknown[] | undefined {
  const one = cedar.policyToJson(text);
  if (one.type === 'success') return [one.json];
  const parts = cedar.policySetTextToParts(text);
  if (parts.type !== 'success' || parts.policy_templates.length > 0) return undefined;
  const out: unknown[] = [];
  for (const p of parts.policies) {
    const json = cedar.policyToJson(p);
    if (json.type !== 'success') return undefined;
    out.push(json.json);
  }
  return out;
}

export function policyInputs(policies: readonly string[]): PolicyInputs {
  const attributes = new Set<string>();
  const state = { wholeContext: false };
  for (const text of policies) {
    const json = policiesAsJson(text);
    if (!json) return { attributes, wholeContext: true };
    // Only conditions read attributes; the scope constrains uids.
    for (const p of json) visit((p as { conditions?: unknown }).conditions, attributes, state);
  }
  return { attributes, wholeContext: state.wholeContext };
}
