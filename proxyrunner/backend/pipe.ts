/**
 * A byte pipe to one stdio MCP server: a local child process or a pod's stdin/stdout through the
 * Kubernetes attach API. It delivers whole lines and reports when the server comes and goes;
 * reconnecting is the pipe's own job, so the multiplexer above it only sees up/down.
 */

export interface PipeEvents {
  /** One line of the server's stdout, without the newline. */
  line(line: string): void;
  /** The server is reachable (first start or after a restart/reconnect). */
  up(): void;
  /** The server went away; everything in flight is lost. */
  down(reason: string): void;
}

export interface MessagePipe {
  /** Human-readable target for logs and /health. */
  readonly description: string;
  readonly isUp: boolean;
  /** Bytes written but not yet taken by the server, for backpressure decisions. */
  readonly pendingBytes: number;
  /** Registers the listener and starts connecting; resolves once first up or rejects on fatal failure. */
  start(events: PipeEvents): Promise<void>;
  /** Writes one message followed by a newline; false when the server is down. */
  send(line: string): boolean;
  close(): Promise<void>;
}

/** Exponential backoff with a cap: 1 s, 2 s, 4 s … `max`. */
export function backoffDelay(attempt: number, initialMs: number, maxMs: number): number {
  return Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 20));
}
