/**
 * Proxy sessions (ToolHive `pkg/transport/session`): what a 2025-11-25 `Mcp-Session-Id` or a
 * legacy SSE connection stands for, and where it is kept. With Redis every proxy replica sees
 * every session, including the backend pod the session is pinned to.
 */

export type SessionType = 'streamable' | 'sse' | 'mcp';

export interface SessionRecord {
  readonly id: string;
  readonly type: SessionType;
  readonly createdAt: number;
  /**
   * Routing facts, ToolHive's keys: `backend_url` (the pod that serves the session),
   * `backend_sid` (the backend's own session id when it differs), `init_body` (the initialize
   * request, replayed when the pod is gone).
   */
  readonly metadata: Readonly<Record<string, string>>;
}

export interface SessionStore {
  /** Stores a new session; false when the id is taken. */
  create(record: SessionRecord, ttlMs: number): Promise<boolean>;
  /** Reads a session and restarts its inactivity clock (sliding TTL). */
  get(id: string, ttlMs: number): Promise<SessionRecord | undefined>;
  /** Replaces a session's record if it still exists. */
  update(record: SessionRecord, ttlMs: number): Promise<void>;
  delete(id: string): Promise<void>;
  close(): Promise<void>;
  /** Ids this store dropped on its own because they expired (memory store only). */
  onExpired?: (id: string) => void;
}
