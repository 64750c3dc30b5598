/**
 * `Mcp-Param-{Name}` headers for a `tools/call` sent to a backend (SEP-2243, mcp-protocol.md
 * §3.6 pitfall 4): built from the backend's own tool schema (`"x-mcp-header": "{Name}"` on a
 * property) and the arguments actually sent, never copied from the client, whose names and
 * headers were for the aggregated tool.
 */

/** Values outside visible ASCII (or with edge whitespace) travel as `=?base64?…?=`. */
export function headerValue(v: string): string {
  return /^[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?$/.test(v)
    ? v
    : `=?base64?${Buffer.from(v).toString('base64')}?=`;
}

export function paramHeaders(
  inputSchema: unknown,
  args: Record<string, unknown> | undefined,
): Record<string, string> {
  const props = (inputSchema as { properties?: unknown } | undefined)?.properties;
  if (!args || typeof props !== 'object' || props === null) return {};
  const out: Record<string, string> = {};
  for (const [param, def] of Object.entries(props as Record<string, Record<string, unknown> | undefined>)) {
    const name = def?.['x-mcp-header'];
    const value = args[param];
    if (typeof name !== 'string' || name === '' || value === undefined || value === null) continue;
    if (typeof value === 'object') continue; // only primitives are mirrored
    out[`mcp-param-${name.toLowerCase()}`] = headerValue(String(value));
  }
  return out;
}

/** Decodes an `=?base64?…?=` value (strict base64 with padding); undefined when malformed. */
export function decodeHeaderValue(v: string): string | undefined {
  const m = /^=\?base64\?(.*)\?=$/.exec(v);
  if (!m) return v;
  const payload = m[1]!;
  if (payload.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(payload)) return undefined;
  return Buffer.from(payload, 'base64').toString('utf8');
}

/**
 * Checks the `Mcp-Param-*` headers a 2026-07-28 client sent for a tool call against the
 * advertised tool's schema and the arguments: present when the argument is, equal after decoding,
 * well-formed. Returns why not, or undefined when they agree.
 */
export function checkParamHeaders(
  inputSchema: unknown,
  args: Record<string, unknown> | undefined,
  headers: Readonly<Record<string, string | string[] | undefined>>,
): string | undefined {
  const props = (inputSchema as { properties?: unknown } | undefined)?.properties;
  if (typeof props !== 'object' || props === null) return undefined;
  for (const [param, def] of Object.entries(props as Record<string, Record<string, unknown> | undefined>)) {
    const name = def?.['x-mcp-header'];
    if (typeof name !== 'string' || name === '') continue;
    const raw = headers[`mcp-param-${name.toLowerCase()}`];
    const text = Array.isArray(raw) ? raw[0] : raw;
    const value = args?.[param];
    const present = value !== undefined && value !== null;
    if (text === undefined) {
      if (present) return `Missing Mcp-Param-${name} header for argument "${param}"`;
      continue;
    }
    const trimmed = text.trim();
    if (!/^[\x20-\x7e]*$/.test(trimmed)) return `Invalid characters in the Mcp-Param-${name} header`;
    const decoded = decodeHeaderValue(trimmed);
    if (decoded === undefined) return `Malformed base64 in the Mcp-Param-${name} header`;
    if (!present) return `Mcp-Param-${name} header has no matching argument`;
    const equal =
      typeof value === 'number'
        ? decoded.trim() !== '' && Number(decoded) === value
        : decoded === String(value);
    if (!equal) return `Mcp-Param-${name} header does not match argument "${param}"`;
  }
  return undefined;
}
