/**
 * ToolHive's Redis key layout for the auth server (pkg/authserver/storage/redis_keys.go). Every
 * key starts with the configured prefix `thv:auth:{<ns>:<name>}:`, whose hash tag puts all keys
 * of one server in one Redis Cluster slot, so the Lua scripts may touch several of them at once.
 */
export class RedisKeys {
  readonly prefix: string;

  constructor(prefix: string) {
    if (!prefix) throw new Error('redis key prefix is required');
    this.prefix = prefix;
  }

  client(id: string): string {
    return `${this.prefix}client:${id}`;
  }
  /** Sorted set of DCR-registered client ids scored by expiry (toolhive-ts: bounds registrations). */
  dcrClients(): string {
    return `${this.prefix}clients:dcr`;
  }
  pending(state: string): string {
    return `${this.prefix}pending:${state}`;
  }
  authCode(signature: string): string {
    return `${this.prefix}authcode:${signature}`;
  }
  invalidated(signature: string): string {
    return `${this.prefix}invalidated:${signature}`;
  }
  refresh(signature: string): string {
    return `${this.prefix}refresh:${signature}`;
  }
  refreshPrefix(): string {
    return `${this.prefix}refresh:`;
  }
  refreshFamily(requestId: string): string {
    return `${this.prefix}reqid:refresh:${requestId}`;
  }
  upstream(sessionId: string, provider: string): string {
    return `${this.prefix}upstream:${sessionId}:${provider}`;
  }
  upstreamIndex(sessionId: string): string {
    return `${this.prefix}upstream:idx:${sessionId}`;
  }
  userUpstreamPrefix(): string {
    return `${this.prefix}user:upstream:`;
  }
  userUpstream(userId: string): string {
    return `${this.userUpstreamPrefix()}${userId}`;
  }
  user(id: string): string {
    return `${this.prefix}user:${id}`;
  }
  /** Length-prefixed, so colons in a provider name or subject cannot collide. */
  provider(providerId: string, subject: string): string {
    return `${this.prefix}provider:${providerId.length}:${providerId}:${subject}`;
  }
  userProviders(userId: string): string {
    return `${this.prefix}user:providers:${userId}`;
  }
  lock(name: string): string {
    return `${this.prefix}lock:${name}`;
  }
}
