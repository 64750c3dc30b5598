/**
 * Helpers for asserting on a kind's schema: walk to a node by a dotted path and read its CEL
 * rules. `[]` steps into array items, `{}` into map values.
 *
 *   nodeAt(kind.spec, 'embeddedAuthServer.upstreamProviders.[]')
 */
import type { JSONSchemaProps } from '../../lib/schema/json-schema.ts';

export function nodeAt(root: JSONSchemaProps, path: string): JSONSchemaProps {
  let node = root;
  for (const step of path === '' ? [] : path.split('.')) {
    let next: JSONSchemaProps | undefined;
    if (step === '[]') next = node.items;
    else if (step === '{}')
      next = typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined;
    else next = node.properties?.[step];
    if (next === undefined) throw new Error(`no schema node "${step}" in path "${path}"`);
    node = next;
  }
  return node;
}

/** `[rule, message]` pairs of the node at `path`, in order. */
export function celRules(root: JSONSchemaProps, path: string): Array<[string, string | undefined]> {
  return (nodeAt(root, path)['x-kubernetes-validations'] ?? []).map((r) => [r.rule, r.message]);
}

/** Messages of the CEL rules of the node at `path`, in order. */
export function celMessages(root: JSONSchemaProps, path: string): Array<string | undefined> {
  return celRules(root, path).map(([, message]) => message);
}

/** Every path (dotted, as `nodeAt` takes it) whose node has `x-kubernetes-preserve-unknown-fields`. */
export function preservedPaths(root: JSONSchemaProps, prefix = ''): string[] {
  const out: string[] = [];
  if (root['x-kubernetes-preserve-unknown-fields']) out.push(prefix);
  const join = (step: string) => (prefix === '' ? step : `${prefix}.${step}`);
  for (const [key, child] of Object.entries(root.properties ?? {}))
    out.push(...preservedPaths(child, join(key)));
  if (root.items) out.push(...preservedPaths(root.items, join('[]')));
  if (typeof root.additionalProperties === 'object')
    out.push(...preservedPaths(root.additionalProperties, join('{}')));
  return out;
}
