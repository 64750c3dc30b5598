/**
 * Finds a JSON-RPC error in a response body that streams through the proxy untouched, for audit
 * and metrics: ToolHive's audit looks at the first 512 bytes of a JSON body (not an event
 * stream) for an `error` member. The body is not buffered; only that prefix is kept.
 */
import { rpcErrorOf } from './context.ts';

/** ToolHive's errorDetectionBufferSize. */
export const ERROR_DETECTION_BYTES = 512;

export class ErrorSniffer {
  private prefix = '';
  private readonly json: boolean;
  /** Bytes seen so far. */
  bytes = 0;

  constructor(contentType: string | undefined) {
    this.json = (contentType ?? '').toLowerCase().includes('application/json');
  }

  push(chunk: Buffer | string): void {
    this.bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    if (!this.json || this.prefix.length >= ERROR_DETECTION_BYTES) return;
    const room = ERROR_DETECTION_BYTES - this.prefix.length;
    this.prefix +=
      typeof chunk === 'string' ? chunk.slice(0, room) : chunk.subarray(0, room).toString('utf8');
  }

  /** The JSON-RPC error found in the prefix, if the body is a JSON-RPC error response. */
  error(): { code: number; message: string } | undefined {
    const text = this.prefix.trimStart();
    if (!text.startsWith('{')) return undefined;
    try {
      return rpcErrorOf(JSON.parse(text));
    } catch {
      // A body longer than the prefix: read the error member without a full parse.
    }
    const start = /"error"\s*:\s*\{/.exec(text);
    if (!start) return undefined;
    // A response has a result or an error; an "error" after "result" belongs to the result.
    const result = text.indexOf('"result"');
    if (result !== -1 && result < start.index) return undefined;
    const member = text.slice(start.index + start[0].length);
    const code = /"code"\s*:\s*(-?\d+)/.exec(member);
    if (!code) return undefined;
    const msg = /"message"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(member);
    let message = '';
    if (msg) {
      try {
        message = JSON.parse(`"${msg[1]}"`) as string;
      } catch {
        message = msg[1] ?? '';
      }
    }
    return { code: Number(code[1]), message };
  }
}
