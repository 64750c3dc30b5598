/**
 * What the authorization server keeps, and the storage contract both backends (memory for one
 * replica, Redis for several) implement. Records are plain JSON-able objects; times are epoch
 * milliseconds, 0 meaning "not set". Every operation that must not race across replicas (a code
 * redeemed once, a refresh token rotated once, a pending login taken once) is one atomic call.
 */

/** How a registered client authenticates at the token endpoint. */
export type ClientAuthMethod = 'none' | 'client_secret_basic' | 'client_secret_post';

export interface ClientRecord {
  readonly clientId: string;
  /** SHA-256 (hex) of the client secret; absent for public clients. */
  readonly secretHash?: string;
  /** `any` for pre-provisioned delegate clients, which may use either client_secret method. */
  readonly tokenEndpointAuthMethod: ClientAuthMethod | 'any';
  readonly redirectUris: readonly string[];
  readonly grantTypes: readonly string[];
  readonly responseTypes: readonly string[];
  readonly scopes: readonly string[];
  /** Resources (RFC 8707) tokens for this client may be issued for. */
  readonly audiences: readonly string[];
  readonly clientName?: string;
  readonly softwareId?: string;
  /** Registered through /oauth/register: expires when idle (ToolHive's 30-day DCR client TTL). */
  readonly dcrIssued: boolean;
  readonly createdAt: number;
}

/** A login in flight between /oauth/authorize and /oauth/callback, keyed by the upstream state. */
export interface PendingAuthorization {
  readonly clientId: string;
  readonly redirectUri: string;
  /** The client's own `state`, echoed back in the final redirect. */
  readonly state: string;
  readonly pkceChallenge: string;
  readonly pkceMethod: string;
  readonly scopes: readonly string[];
  /** RFC 8707 resource the client asked for at /oauth/authorize, if any. */
  readonly resource?: string;
  /** PKCE verifier and nonce of this leg toward the upstream. */
  readonly upstreamPkceVerifier: string;
  readonly upstreamNonce: string;
  readonly upstreamProviderName: string;
  /** The token session (`tsid`) every leg of the login stores its upstream tokens under. */
  readonly sessionId: string;
  /** Set by the first leg of a multi-upstream chain and carried to the next legs. */
  readonly resolvedUserId?: string;
  readonly resolvedUserName?: string;
  readonly resolvedUserEmail?: string;
  readonly chainUpstreams?: readonly string[];
  readonly createdAt: number;
}

/** Who a grant was issued to and for what: carried from the code to every refreshed token. */
export interface GrantSession {
  /** Groups the refresh tokens of one login, for revocation of the whole family. */
  readonly requestId: string;
  readonly clientId: string;
  /** Internal user id: the `sub` of the tokens this server issues. */
  readonly subject: string;
  /** Token session id (`tsid`) linking access tokens to stored upstream tokens. */
  readonly sessionId: string;
  readonly name?: string;
  readonly email?: string;
  readonly grantedScopes: readonly string[];
  readonly grantedAudience: readonly string[];
  readonly authTime: number;
}

export interface AuthCodeRecord {
  readonly session: GrantSession;
  readonly redirectUri: string;
  readonly pkceChallenge: string;
  readonly pkceMethod: string;
  readonly resource?: string;
  readonly expiresAt: number;
}

export interface RefreshTokenRecord {
  readonly session: GrantSession;
  readonly expiresAt: number;
}

/** Tokens an upstream identity provider issued for one user in one token session. */
export interface UpstreamTokens {
  readonly providerId: string;
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly idToken: string;
  /** When the access token expires; 0 when the provider gave no lifetime. */
  readonly expiresAt: number;
  /** End of the token session the tokens belong to (the refresh token lifetime of our grant). */
  readonly sessionExpiresAt: number;
  readonly userId: string;
  readonly upstreamSubject: string;
  readonly clientId: string;
}

export function upstreamTokensExpired(t: UpstreamTokens, now: number): boolean {
  return t.expiresAt !== 0 && now >= t.expiresAt;
}

/**
 * How long a row is kept: until its token session ends (the last refresh token's expiry, moved
 * on by every refresh), whatever the upstream access token's own lifetime. 0 = no end known.
 */
export function upstreamTokensRetainUntil(t: UpstreamTokens): number {
  return t.sessionExpiresAt || t.expiresAt;
}

export interface UserRecord {
  readonly id: string;
  readonly createdAt: number;
}

export interface ProviderIdentity {
  readonly userId: string;
  readonly providerId: string;
  readonly providerSubject: string;
  readonly linkedAt: number;
  readonly lastUsedAt: number;
}

/** Outcome of redeeming an authorization code. */
export type CodeRedemption =
  | { readonly kind: 'ok'; readonly record: AuthCodeRecord }
  /** Already redeemed once: a replay. The record lets the caller revoke what it issued. */
  | { readonly kind: 'replayed'; readonly record: AuthCodeRecord }
  | { readonly kind: 'unknown' };

/** Outcome of rotating a refresh token. */
export type RefreshRotation =
  | { readonly kind: 'ok'; readonly record: RefreshTokenRecord }
  /** A token already rotated away is being reused: the family must be revoked. */
  | { readonly kind: 'reused'; readonly record: RefreshTokenRecord }
  | { readonly kind: 'unknown' };

export class StorageError extends Error {
  override name = 'StorageError';
}

export interface AuthServerStorage {
  /** Stores a client; DCR clients expire after `ttlMs` unless renewed. */
  registerClient(client: ClientRecord, ttlMs?: number): Promise<void>;
  getClient(clientId: string): Promise<ClientRecord | undefined>;
  renewClient(clientId: string, ttlMs: number): Promise<void>;
  /** Number of DCR-registered clients, for the registration cap. */
  countDcrClients(): Promise<number>;

  storePending(state: string, pending: PendingAuthorization, ttlMs: number): Promise<void>;
  /** Returns and deletes the pending login in one step (single use). */
  takePending(state: string): Promise<PendingAuthorization | undefined>;

  createAuthCode(signature: string, record: AuthCodeRecord): Promise<void>;
  /** Marks the code used and returns it; a second call reports a replay. */
  redeemAuthCode(signature: string, replayWindowMs: number): Promise<CodeRedemption>;

  createRefreshToken(signature: string, record: RefreshTokenRecord): Promise<void>;
  /** Deactivates the token and returns it; reusing a deactivated one reports `reused`. */
  rotateRefreshToken(signature: string): Promise<RefreshRotation>;
  /** Deactivates every refresh token issued under `requestId` (a token family). */
  revokeRefreshFamily(requestId: string): Promise<void>;

  storeUpstreamTokens(sessionId: string, tokens: UpstreamTokens): Promise<void>;
  getUpstreamTokens(sessionId: string, providerId: string): Promise<UpstreamTokens | undefined>;
  getAllUpstreamTokens(sessionId: string): Promise<Map<string, UpstreamTokens>>;
  deleteUpstreamTokens(sessionId: string): Promise<void>;
  /** Moves the session end of every row of the session to `until` (a refreshed grant). */
  extendUpstreamSession(sessionId: string, until: number): Promise<void>;
  /** The user's most recent row for a provider, to carry a refresh token forward on re-login. */
  latestUpstreamTokensForUser(userId: string, providerId: string): Promise<UpstreamTokens | undefined>;

  getProviderIdentity(providerId: string, providerSubject: string): Promise<ProviderIdentity | undefined>;
  /** Creates the user and its first identity link atomically; returns the winner if two race. */
  createUserWithIdentity(user: UserRecord, identity: ProviderIdentity): Promise<ProviderIdentity>;
  touchProviderIdentity(providerId: string, providerSubject: string, at: number): Promise<void>;

  /**
   * A short lock across replicas (upstream token refresh): true when acquired. `token` is what
   * the holder releases with, so an expired lock taken over by another holder is not released.
   */
  acquireLock(name: string, token: string, ttlMs: number): Promise<boolean>;
  releaseLock(name: string, token: string): Promise<void>;

  health(): Promise<void>;
  close(): Promise<void>;
}
