/**
 * Webhook request signing (pkg/webhook/signing.go): `X-ToolHive-Signature: sha256=<hex>` where
 * hex is HMAC-SHA256(secret, "<unix seconds>." + body), and `X-ToolHive-Timestamp: <unix seconds>`.
 * Receivers should check the timestamp is fresh and compare in constant time, as `verify` does.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-ToolHive-Signature';
export const TIMESTAMP_HEADER = 'X-ToolHive-Timestamp';
const PREFIX = 'sha256=';

export function sign(secret: string | Buffer, timestamp: number, body: string | Buffer): string {
  return PREFIX + createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

/** Checks a signature and that the timestamp lies within `toleranceSec` of `nowSec`. */
export function verify(
  secret: string | Buffer,
  timestampHeader: string | undefined,
  body: string | Buffer,
  signatureHeader: string | undefined,
  opts: { nowSec?: number; toleranceSec?: number } = {},
): boolean {
  if (!timestampHeader || !signatureHeader?.startsWith(PREFIX)) return false;
  if (!/^\d+$/.test(timestampHeader)) return false;
  const ts = Number(timestampHeader);
  const now = opts.nowSec ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - ts) > (opts.toleranceSec ?? 300)) return false;
  const expected = Buffer.from(sign(secret, ts, body).slice(PREFIX.length), 'hex');
  const given = Buffer.from(signatureHeader.slice(PREFIX.length), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
