/** The contract between the login handlers and an upstream identity provider (OIDC or OAuth 2.0). */

export interface UpstreamTokenSet {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly idToken: string;
  /** Epoch ms; 0 when the provider stated no lifetime. */
  readonly expiresAt: number;
}

export interface UpstreamIdentity {
  readonly tokens: UpstreamTokenSet;
  /** The provider's stable id for the user (OIDC `sub` or the configured subject claim). */
  readonly subject: string;
  readonly name?: string;
  readonly email?: string;
  /** ID token or userinfo claims, when the provider gave any. */
  readonly claims?: Readonly<Record<string, unknown>>;
  /**
   * The subject was derived from the access token because the provider has no way to say who
   * the user is (an OAuth 2.0 upstream without userinfo): it changes on every login.
   */
  readonly synthetic: boolean;
}

export interface UpstreamProvider {
  readonly name: string;
  readonly type: 'oidc' | 'oauth2';
  /** Where to send the user's browser; PKCE S256 and (for OIDC) a nonce are always included. */
  authorizationUrl(state: string, codeChallenge: string, nonce: string): Promise<string>;
  /** Redeems the upstream code and says who the user is (ID token checked, nonce included). */
  exchangeCode(code: string, codeVerifier: string, nonce: string): Promise<UpstreamIdentity>;
  /** New tokens for a refresh token; an OIDC provider checks a new ID token is for the same user. */
  refresh(refreshToken: string, expectedSubject: string): Promise<UpstreamTokenSet>;
  close(): void;
}

/** A failure talking to the upstream; the message never holds a token. */
export class UpstreamError extends Error {
  override name = 'UpstreamError';
  /** The OAuth error code the upstream answered with, if any (`invalid_grant`, …). */
  readonly oauthError: string | undefined;
  constructor(message: string, oauthError?: string) {
    super(message);
    this.oauthError = oauthError;
  }
}
