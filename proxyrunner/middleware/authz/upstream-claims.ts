/**
 * Which claims Cedar evaluates (ToolHive's `resolveClaims`). Normally those of the token the
 * client presented. With an embedded authorization server (`primary_upstream_provider` set),
 * those of the named upstream identity provider's access token — the user's real identity
 * provider, not our re-issued token — with `name` and `email` taken from that provider's ID token
 * when the access token lacks them (many providers assert email only there). The upstream tokens
 * were obtained server-side from the provider over TLS, so they are read, not re-verified. An
 * opaque upstream access token (GitHub's, Google's) falls back to the presented token's claims;
 * a JWT-shaped one that does not parse denies, so a tampered token cannot bypass policy.
 */
import { decodeJwt } from 'jose';
import type { Identity } from '../types.ts';

const PROFILE_CLAIMS = ['name', 'email'] as const;

export type ClaimsResolution =
  | { readonly claims: Readonly<Record<string, unknown>> }
  | { readonly error: string };

function looksLikeJwt(token: string): boolean {
  const parts = token.split('.');
  return parts.length === 3 && parts[0]!.startsWith('eyJ');
}

function parse(token: string): Record<string, unknown> | undefined {
  try {
    return decodeJwt(token) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

export function resolveClaims(identity: Identity, primaryUpstream: string | undefined): ClaimsResolution {
  if (!primaryUpstream) return { claims: identity.claims };
  const token = identity.upstreamTokens?.[primaryUpstream];
  if (!token) return { error: `upstream token for provider "${primaryUpstream}" not found in identity` };
  if (!looksLikeJwt(token)) return { claims: identity.claims };
  const claims = parse(token);
  if (!claims) return { error: `failed to parse upstream token for provider "${primaryUpstream}"` };
  const idToken = identity.upstreamIdTokens?.[primaryUpstream];
  const idClaims = idToken ? parse(idToken) : undefined;
  if (!idClaims) return { claims };
  const merged = { ...claims };
  for (const name of PROFILE_CLAIMS)
    if (merged[name] === undefined && idClaims[name] !== undefined) merged[name] = idClaims[name];
  return { claims: merged };
}
