/**
 * Sessions belong to the caller that opened them. A 2025-11-25 `Mcp-Session-Id` (or a legacy SSE
 * `session_id`) is only a routing key: whoever presents it gets the session's GET stream (its
 * resource updates, list changes, and server requests relayed to it, such as elicitations that
 * may carry the owner's data), may answer those server requests, and may DELETE the session.
 * So the identity that created a session is recorded beside it, and a request presenting the id
 * under another identity is refused with 403.
 *
 * ToolHive binds sessions this way in its Virtual MCP server (`vmcp.identity.binding`,
 * `iss + "\x00" + sub`, or `unauthenticated`), but not in its proxy runner, where any
 * authenticated user holding another's session id could use it. We bind in both: a safety fix.
 * Unlike the vMCP we do not terminate the session on a mismatch, which would let anyone holding
 * a leaked id log its owner out.
 *
 * Records without a binding (written by an older replica sharing the Redis store) are served as
 * before, so a rolling upgrade does not drop live sessions; they expire within the session TTL.
 */
import type { Identity } from '../middleware/types.ts';
import type { SessionRecord } from './types.ts';

/** Session metadata key holding the owner's binding. */
export const IDENTITY_BINDING_KEY = 'identity_binding';

/** The binding of an identity: `iss \0 sub`, or `unauthenticated` without a verified caller. */
export function identityBinding(identity: Identity | undefined): string {
  if (!identity) return 'unauthenticated';
  const iss = typeof identity.claims.iss === 'string' ? identity.claims.iss : '';
  return `${iss}\u0000${identity.subject}`;
}

/** Metadata recording the caller as the owner of a new session. */
export function ownerMetadata(identity: Identity | undefined): Record<string, string> {
  return { [IDENTITY_BINDING_KEY]: identityBinding(identity) };
}

/** Whether this caller may use the session. */
export function mayUseSession(record: SessionRecord, identity: Identity | undefined): boolean {
  const owner = record.metadata[IDENTITY_BINDING_KEY];
  return owner === undefined || owner === identityBinding(identity);
}

/** What a caller presenting another identity's session id is told. */
export const SESSION_FORBIDDEN = 'Session belongs to another identity';
