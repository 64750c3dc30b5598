/**
 * A plain OAuth 2.0 upstream (GitHub, Slack, …) with explicit endpoints. It says who the user is
 * through, in order of preference: identity fields in the token response (`identity_from_token`),
 * a userinfo endpoint, or — with neither — a subject synthesised from the access token
 * (`tk-<sha256 prefix>`), ToolHive's "synthesis mode": no name or email, and a new subject at
 * every login.
 */
import { createHash } from 'node:crypto';
import type { HttpClient } from '../../middleware/shared/http-client.ts';
import type { OAuth2UpstreamSettings } from '../config.ts';
import { authorizationUrl, upstreamHttpClient } from './common.ts';
import { stringValueAt } from './json-path.ts';
import { requestTokens, type TokenEndpointClient } from './token-endpoint.ts';
import {
  UpstreamError,
  type UpstreamIdentity,
  type UpstreamProvider,
  type UpstreamTokenSet,
} from './types.ts';
import { fetchUserInfo } from './userinfo.ts';

export const SYNTHETIC_SUBJECT_PREFIX = 'tk-';

export function synthesizeSubject(accessToken: string): string {
  return SYNTHETIC_SUBJECT_PREFIX + createHash('sha256').update(accessToken).digest('hex').slice(0, 32);
}

export class OAuth2Upstream implements UpstreamProvider {
  readonly type = 'oauth2' as const;
  readonly name: string;
  private readonly cfg: OAuth2UpstreamSettings;
  private readonly http: HttpClient;
  private readonly tokenClient: TokenEndpointClient;

  constructor(cfg: OAuth2UpstreamSettings, now: () => number = Date.now) {
    this.cfg = cfg;
    this.name = cfg.name;
    this.http = upstreamHttpClient(
      [cfg.authorizationEndpoint, cfg.tokenEndpoint, ...(cfg.userInfo ? [cfg.userInfo.endpointUrl] : [])],
      cfg,
    );
    this.tokenClient = {
      http: this.http,
      tokenEndpoint: cfg.tokenEndpoint,
      clientId: cfg.clientId,
      ...(cfg.clientSecret ? { clientSecret: cfg.clientSecret } : {}),
      ...(cfg.tokenResponseMapping ? { mapping: cfg.tokenResponseMapping } : {}),
      now,
    };
  }

  async authorizationUrl(state: string, codeChallenge: string): Promise<string> {
    // Plain OAuth 2.0 has no nonce; PKCE protects the code.
    return authorizationUrl(this.cfg.authorizationEndpoint, {
      clientId: this.cfg.clientId,
      redirectUri: this.cfg.redirectUri,
      scopes: this.cfg.scopes,
      state,
      codeChallenge,
      extra: this.cfg.additionalParams,
    });
  }

  async exchangeCode(code: string, codeVerifier: string): Promise<UpstreamIdentity> {
    if (!code) throw new UpstreamError('authorization code is required');
    const { tokens, raw } = await requestTokens(this.tokenClient, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: this.cfg.redirectUri,
      code_verifier: codeVerifier,
    });
    const ift = this.cfg.identityFromToken;
    if (ift) {
      const subject = stringValueAt(raw, ift.subjectPath);
      if (!subject) throw new UpstreamError('identityFromToken configured but extraction failed');
      const name = ift.namePath ? stringValueAt(raw, ift.namePath) : undefined;
      const email = ift.emailPath ? stringValueAt(raw, ift.emailPath) : undefined;
      return { tokens, subject, ...(name ? { name } : {}), ...(email ? { email } : {}), synthetic: false };
    }
    if (this.cfg.userInfo) {
      const info = await fetchUserInfo(this.http, this.cfg.userInfo, tokens.accessToken);
      return {
        tokens,
        subject: info.subject,
        ...(info.name ? { name: info.name } : {}),
        ...(info.email ? { email: info.email } : {}),
        claims: info.claims,
        synthetic: false,
      };
    }
    return { tokens, subject: synthesizeSubject(tokens.accessToken), synthetic: true };
  }

  async refresh(refreshToken: string): Promise<UpstreamTokenSet> {
    if (!refreshToken) throw new UpstreamError('refresh token is required');
    const params: Record<string, string> = { grant_type: 'refresh_token', refresh_token: refreshToken };
    if (this.cfg.scopes.length > 0) params.scope = this.cfg.scopes.join(' ');
    const { tokens } = await requestTokens(this.tokenClient, params);
    // Providers that do not rotate refresh tokens answer without one: keep using the old one.
    return tokens.refreshToken ? tokens : { ...tokens, refreshToken };
  }

  close(): void {
    this.http.close();
  }
}
