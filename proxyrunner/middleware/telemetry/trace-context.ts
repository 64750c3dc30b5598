/**
 * W3C trace context: parsing `traceparent`, generating ids, and the parent-based ratio sampler
 * (a sampled parent is followed; a root is sampled when its trace id falls under the rate).
 */
import { randomBytes } from 'node:crypto';

export interface SpanContext {
  traceId: string;
  spanId: string;
  sampled: boolean;
  traceState?: string;
}

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(?:-.*)?$/;

export function parseTraceparent(value: unknown, traceState?: unknown): SpanContext | undefined {
  if (typeof value !== 'string') return undefined;
  const m = TRACEPARENT.exec(value.trim().toLowerCase());
  if (!m || m[1] === 'ff' || /^0+$/.test(m[2]!) || /^0+$/.test(m[3]!)) return undefined;
  return {
    traceId: m[2]!,
    spanId: m[3]!,
    sampled: (Number.parseInt(m[4]!, 16) & 1) === 1,
    ...(typeof traceState === 'string' && traceState !== '' ? { traceState } : {}),
  };
}

export function formatTraceparent(c: SpanContext): string {
  return `00-${c.traceId}-${c.spanId}-${c.sampled ? '01' : '00'}`;
}

/** Random bytes drawn from a pool refilled 4 KiB at a time (one syscall per ~170 spans). */
let pool = Buffer.alloc(0);
let offset = 0;
/** Where in `pool` the next `bytes` random bytes start; they are not handed out again. */
function draw(bytes: number): number {
  if (offset + bytes > pool.length) {
    pool = randomBytes(4096);
    offset = 0;
  }
  const at = offset;
  offset += bytes;
  return at;
}

/**
 * A new root's trace id when the ratio sampler keeps it, else `undefined`. Decides on the raw
 * bytes first, as `shouldSample` would on the hex id, so an unsampled request (most of them)
 * costs no hex encoding.
 */
export function sampleRoot(rate: number): string | undefined {
  if (rate <= 0) return undefined;
  const at = draw(16);
  if (rate < 1) {
    // The 52 bits `shouldSample` reads: hex digits 16..28 are bytes 8..13 and the top half of 14.
    const low = (pool.readUIntBE(at + 8, 6) * 16 + (pool[at + 14]! >> 4)) / 2 ** 52;
    if (low >= rate) return undefined;
  }
  return pool.toString('hex', at, at + 16);
}

export function newSpanId(): string {
  const at = draw(8);
  return pool.toString('hex', at, at + 8);
}

/** The sampling decision for a new span. */
export function shouldSample(rate: number, traceId: string, parent: SpanContext | undefined): boolean {
  if (parent) return parent.sampled;
  if (rate >= 1) return true;
  if (rate <= 0) return false;
  // Like OpenTelemetry's TraceIdRatioBased: compare the low 8 bytes of the trace id.
  const low = Number.parseInt(traceId.slice(16, 29), 16) / 2 ** 52;
  return low < rate;
}
