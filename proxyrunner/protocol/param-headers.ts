/**
 * `Mcp-Param-{Name}` headers (SEP-2243): a 2026-07-28 client mirrors each `tools/call` argument
 * whose schema property carries `"x-mcp-header": "{Name}"` into that header, so routers can act
 * without reading bodies. A server that does read bodies must check them: present when the
 * argument is, equal after `=?base64?…?=` decoding, well-formed — or 400 with -32020. The proxy
 * learns the annotations from the `tools/list` results it relays.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { decodeHeaderValue, type EnvelopeError, MODERN_ERROR } from './revision.ts';

interface Mirrored {
  readonly param: string;
  /** Lower-cased header name. */
  readonly header: string;
  readonly type: string;
}

const mismatch = (message: string): EnvelopeError => ({ code: MODERN_ERROR.headerMismatch, message });

export class ParamHeaderIndex {
  private readonly tools = new Map<string, readonly Mirrored[]>();

  /** Records the annotations of a `tools/list` result (a page of it). */
  learn(result: unknown): void {
    const tools = (result as { tools?: unknown })?.tools;
    if (!Array.isArray(tools)) return;
    for (const tool of tools as Array<{ name?: unknown; inputSchema?: { properties?: unknown } }>) {
      if (typeof tool?.name !== 'string') continue;
      const props = tool.inputSchema?.properties;
      const mirrored: Mirrored[] = [];
      if (typeof props === 'object' && props !== null) {
        for (const [param, def] of Object.entries(props as Record<string, Record<string, unknown>>)) {
          const name = def?.['x-mcp-header'];
          if (typeof name === 'string' && name !== '') {
            mirrored.push({
              param,
              header: `mcp-param-${name.toLowerCase()}`,
              type: String(def.type ?? 'string'),
            });
          }
        }
      }
      if (mirrored.length > 0) this.tools.set(tool.name, mirrored);
      else this.tools.delete(tool.name);
    }
  }

  validate(
    tool: string,
    args: Record<string, unknown> | undefined,
    headers: IncomingHttpHeaders,
  ): EnvelopeError | undefined {
    const mirrored = this.tools.get(tool);
    if (!mirrored) return undefined;
    for (const m of mirrored) {
      const value = args?.[m.param];
      const raw = headers[m.header];
      const headerText = Array.isArray(raw) ? raw[0] : raw;
      const present = value !== undefined && value !== null;
      if (headerText === undefined) {
        if (present) return mismatch(`Missing Mcp-Param header for argument "${m.param}"`);
        continue;
      }
      const trimmed = headerText.trim();
      if (!/^[\x20-\x7e]*$/.test(trimmed))
        return mismatch(`Invalid characters in the header for "${m.param}"`);
      const decoded = decodeHeaderValue(trimmed);
      if (decoded === undefined) return mismatch(`Malformed base64 in the header for "${m.param}"`);
      if (!present) return mismatch(`Header for "${m.param}" has no matching argument`);
      const equal =
        typeof value === 'number'
          ? decoded.trim() !== '' && Number(decoded) === value
          : typeof value === 'boolean'
            ? decoded === String(value)
            : decoded === String(value);
      if (!equal) return mismatch(`Header for "${m.param}" does not match the argument`);
    }
    return undefined;
  }
}
