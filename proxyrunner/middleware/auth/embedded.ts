/**
 * What the auth middleware needs from an embedded authorization server running in the same
 * process (proxyrunner/authserver): its verification keys, so its tokens are checked without a
 * JWKS fetch, and the upstream tokens of a token session (`tsid`), loaded into the Identity.
 */
import type { KeyObject } from 'node:crypto';

/** The JWT claim naming the token session (ToolHive's `TokenSessionIDClaimKey`). */
export const TSID_CLAIM = 'tsid';

export interface LocalKeyProvider {
  /** The public key for `kid`, when it is one of ours and is for `alg`. */
  verificationKey(kid: string, alg: string): KeyObject | undefined;
  has(kid: string): boolean;
}

export interface UpstreamCredential {
  readonly accessToken: string;
  readonly idToken: string;
}

export interface SessionCredentials {
  readonly credentials: ReadonlyMap<string, UpstreamCredential>;
  /** Providers whose expired access token could not be refreshed: the caller must log in again. */
  readonly failed: readonly string[];
}

export interface UpstreamTokenReader {
  /** Rejects when storage cannot be read; lists providers whose refresh failed. */
  credentials(sessionId: string): Promise<SessionCredentials>;
}
