/**
 * Refuses JSON that parsers disagree about, before the policy chain decides on our reading of
 * it. The proxy authorizes what `JSON.parse` sees, but an HTTP backend reads the bytes we
 * forward with its own parser, and parsers differ on exactly these inputs:
 *
 * - a member name given twice (`{"name":"echo","name":"delete_repo"}`): `JSON.parse` keeps the
 *   last, some parsers (gjson, jsonparser, streaming decoders) the first;
 * - member names that differ only in case (`{"name":"echo","Name":"delete_repo"}`, or
 *   `"method":"ping","Method":"tools/call"`): JavaScript sees two members, but Go's
 *   `encoding/json` — behind mcp-go and most Go MCP servers, and ToolHive itself — matches
 *   struct fields case-insensitively (with Unicode folding: `ſ` is `s`, `K` is `k`) and lets the
 *   last one win, so a Cedar policy would allow `echo` while the backend runs `delete_repo`;
 * - nesting deeper than anyone needs: `JSON.parse` copes, but `JSON.stringify`, Cedar's value
 *   conversion and other recursive code overflow the stack at a few thousand levels.
 *
 * ToolHive, being written in Go, reads these the way a Go backend does and needs no such check;
 * we do, and no real MCP client sends any of them. The scan runs on text `JSON.parse` already
 * accepted, so it only has to track containers and member names.
 */

/** Deepest nesting of arrays and objects accepted (Go's `encoding/json` stops at 10,000). */
export const MAX_JSON_DEPTH = 1000;

/** Why the text is refused, or undefined when it is unambiguous. */
export function ambiguousJson(text: string): string | undefined {
  // Per open container: undefined for arrays; for objects the folded names seen so far.
  const stack: Array<Map<string, string> | undefined> = [];
  let expectKey = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const end = stringEnd(text, i);
      if (expectKey) {
        const names = stack[stack.length - 1]!;
        const raw = text.slice(i + 1, end);
        const name = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
        const folded = fold(name);
        const seen = names.get(folded);
        if (seen !== undefined) {
          return seen === name
            ? `duplicate member "${clip(name)}"`
            : `members "${clip(seen)}" and "${clip(name)}" differ only in case`;
        }
        names.set(folded, name);
        expectKey = false;
      }
      i = end;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (stack.length >= MAX_JSON_DEPTH) return `JSON nested deeper than ${MAX_JSON_DEPTH} levels`;
      const isObject = c === 0x7b;
      stack.push(isObject ? new Map() : undefined);
      expectKey = isObject;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
      expectKey = false;
    } else if (c === 0x2c /* , */) {
      expectKey = stack.length > 0 && stack[stack.length - 1] !== undefined;
    }
  }
  return undefined;
}

/** Index of the quote closing the string that opens at `start`. */
function stringEnd(text: string, start: number): number {
  let j = start;
  for (;;) {
    j = text.indexOf('"', j + 1);
    if (j === -1) return text.length;
    let backslashes = 0;
    for (let k = j - 1; text.charCodeAt(k) === 0x5c; k--) backslashes++;
    if (backslashes % 2 === 0) return j;
  }
}

/** A case folding at least as broad as Go's `bytes.EqualFold` (simple Unicode folding). */
export function fold(name: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ASCII range test
  return /^[\x00-\x7f]*$/.test(name) ? name.toLowerCase() : name.toUpperCase().toLowerCase();
}

function clip(s: string): string {
  return s.length > 64 ? `${s.slice(0, 64)}…` : s;
}
