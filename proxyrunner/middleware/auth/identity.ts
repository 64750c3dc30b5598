/** Turns validated claims into the chain's `Identity` (pkg/auth/context.go `claimsToIdentity`). */
import { userInfo } from 'node:os';
import type { Identity } from '../types.ts';

/** ToolHive's bound on RFC 8693 `act` nesting it records. */
export const DEFAULT_MAX_DELEGATION_DEPTH = 10;

/** Claims that must not leave the proxy (webhook payloads, audit): the embedded AS session id. */
const INTERNAL_CLAIMS = new Set(['tsid']);

export interface DelegationChain {
  chain: Array<{ iss?: string; sub?: string }>;
  truncated?: boolean;
  omitted?: number;
  malformed?: boolean;
  malformedReason?: string;
}

/** Parses the RFC 8693 `act` claim: outermost (current) actor first. Never throws. */
export function parseDelegationChain(
  act: unknown,
  maxDepth = DEFAULT_MAX_DELEGATION_DEPTH,
): DelegationChain | undefined {
  if (act === undefined || act === null) return undefined;
  const chain: Array<{ iss?: string; sub?: string }> = [];
  let node: unknown = act;
  let depth = 0;
  while (node !== undefined && node !== null) {
    if (typeof node !== 'object' || Array.isArray(node)) {
      return { chain, malformed: true, malformedReason: 'act claim is not an object' };
    }
    const rec = node as Record<string, unknown>;
    if (depth >= maxDepth) {
      let omitted = 0;
      for (
        let n: unknown = rec;
        n && typeof n === 'object' && omitted < 1000;
        n = (n as Record<string, unknown>).act
      )
        omitted++;
      return { chain, truncated: true, omitted };
    }
    const hop: { iss?: string; sub?: string } = {};
    if (typeof rec.iss === 'string') hop.iss = rec.iss;
    if (typeof rec.sub === 'string') hop.sub = rec.sub;
    chain.push(hop);
    node = rec.act;
    depth++;
  }
  return chain.length > 0 ? { chain } : undefined;
}

export function identityFromClaims(claims: Record<string, unknown>, token: string): Identity {
  const sub = claims.sub;
  if (typeof sub !== 'string' || sub === '') throw new Error("missing or invalid 'sub' claim");
  const filtered: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(claims)) if (!INTERNAL_CLAIMS.has(k)) filtered[k] = v;
  const delegation = parseDelegationChain(claims.act);
  return {
    subject: sub,
    ...(typeof claims.name === 'string' ? { name: claims.name } : {}),
    ...(typeof claims.email === 'string' ? { email: claims.email } : {}),
    claims: filtered,
    token,
    ...(delegation && delegation.chain.length > 0 ? { delegation: delegation.chain } : {}),
  };
}

let cachedUsername: string | undefined;

/**
 * The process owner's name, read once: `userInfo()` is a passwd lookup (a syscall and a file
 * read), which on every anonymous request was a visible share of the proxy's CPU.
 */
function localUsername(): string {
  if (cachedUsername !== undefined) return cachedUsername;
  try {
    cachedUsername = userInfo().username || 'local';
  } catch {
    cachedUsername = 'local'; // no passwd entry (some containers)
  }
  return cachedUsername;
}

/** The synthetic identity ToolHive gives every request when no OIDC is configured. */
export function localUserIdentity(now: () => number = Date.now): Identity {
  const username = localUsername();
  const nowSec = Math.floor(now() / 1000);
  return {
    subject: username,
    name: `Local User: ${username}`,
    email: `${username}@localhost`,
    claims: {
      sub: username,
      iss: 'toolhive-local',
      aud: 'toolhive',
      exp: nowSec + 86_400,
      iat: nowSec,
      nbf: nowSec,
      email: `${username}@localhost`,
      name: `Local User: ${username}`,
    },
    anonymous: true,
  };
}
