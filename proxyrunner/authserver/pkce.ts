/**
 * PKCE (RFC 7636), S256 only: the MCP authorization spec and ToolHive refuse `plain`. Used both
 * ways: checking the MCP client's verifier at /oauth/token, and protecting this server's own
 * code exchange with the upstream identity provider.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const PKCE_METHOD = 'S256';

/** 43-128 characters from the unreserved set (RFC 7636 §4.1). */
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;
/** BASE64URL(SHA256(verifier)) without padding is always 43 characters. */
const CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

export function isValidVerifier(v: unknown): v is string {
  return typeof v === 'string' && VERIFIER.test(v);
}

export function isValidChallenge(c: unknown): c is string {
  return typeof c === 'string' && CHALLENGE.test(c);
}

export function challengeFor(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** Constant-time comparison of the verifier's challenge with the stored one. */
export function verifierMatches(verifier: string, challenge: string): boolean {
  const a = Buffer.from(challengeFor(verifier));
  const b = Buffer.from(challenge);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function newVerifier(): string {
  return randomBytes(32).toString('base64url');
}
