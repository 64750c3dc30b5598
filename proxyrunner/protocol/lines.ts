/**
 * Newline framing for stdio backends (reference/toolhive-dataplane.md §2.2): one JSON-RPC
 * message per line. Lines are sanitised like ToolHive does: only the text between the first
 * `{` and the last `}` counts, so a banner or a stray log line on stdout is skipped instead of
 * breaking the stream.
 */

export class LineSplitter {
  private carry = '';
  private readonly onLine: (line: string) => void;
  /** Longest line accepted; a longer one is dropped (a backend writing garbage must not grow memory). */
  private readonly maxLine: number;
  private discarding = false;

  constructor(onLine: (line: string) => void, maxLine = 64 * 1024 * 1024) {
    this.onLine = onLine;
    this.maxLine = maxLine;
  }

  push(chunk: string): void {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf('\n', start);
      if (nl === -1) break;
      const piece = chunk.slice(start, nl);
      start = nl + 1;
      if (this.discarding) {
        this.discarding = false;
        this.carry = '';
        continue;
      }
      const line = this.carry === '' ? piece : this.carry + piece;
      this.carry = '';
      this.onLine(line);
    }
    if (start < chunk.length && !this.discarding) {
      this.carry += chunk.slice(start);
      if (this.carry.length > this.maxLine) {
        this.carry = '';
        this.discarding = true;
      }
    }
  }

  reset(): void {
    this.carry = '';
    this.discarding = false;
  }
}

/** The JSON object inside a line, or undefined when there is none. */
export function sanitiseLine(line: string): string | undefined {
  const first = line.indexOf('{');
  if (first === -1) return undefined;
  const last = line.lastIndexOf('}');
  if (last < first) return undefined;
  return first === 0 && last === line.length - 1 ? line : line.slice(first, last + 1);
}
