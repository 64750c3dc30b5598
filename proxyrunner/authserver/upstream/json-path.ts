/**
 * Dot-notation paths into JSON (`authed_user.access_token`, `data.0.id`), the subset of gjson
 * syntax ToolHive's `token_response_mapping` and `identity_from_token` use.
 */
export function valueAt(root: unknown, path: string): unknown {
  let node: unknown = root;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    if (Array.isArray(node)) {
      if (!/^\d+$/.test(part)) return undefined;
      node = node[Number(part)];
    } else {
      if (!Object.hasOwn(node, part)) return undefined;
      node = (node as Record<string, unknown>)[part];
    }
  }
  return node;
}

/** A string (or number, as some providers send numeric ids) at `path`, else undefined. */
export function stringValueAt(root: unknown, path: string): string | undefined {
  const v = valueAt(root, path);
  if (typeof v === 'string' && v !== '') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}
