/**
 * A local upstream identity provider for the embedded authorization server's tests: OIDC
 * discovery, an authorize endpoint that logs in a test user without a screen, a token endpoint
 * (authorization code with PKCE, refresh with optional rotation), JWKS and userinfo, over
 * loopback HTTP with keys from jose. It checks what a real provider checks (client, redirect
 * URI, PKCE verifier, single-use codes) and records what it was asked, so tests can assert on
 * the embedded server's side of the protocol. Every token it issues is registered with the
 * secret scanner.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { registerSecret } from '../../policy/support/secrets-scan.ts';

type KeyLike = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

export interface IdpUser {
  sub: string;
  name?: string;
  email?: string;
  groups?: string[];
}

export interface IdpOptions {
  clientId?: string;
  clientSecret?: string;
  /** Access tokens as JWTs (default) or opaque strings. */
  accessTokenFormat?: 'jwt' | 'opaque';
  /** Lifetime of access tokens, in seconds. */
  expiresIn?: number;
  /** Issue a new refresh token on every refresh and retire the old one. */
  rotateRefreshTokens?: boolean;
}

interface CodeGrant {
  clientId: string;
  redirectUri: string;
  challenge: string;
  nonce?: string;
  user: IdpUser;
  scope: string;
}

export class TestIdp {
  url = '';
  readonly clientId: string;
  readonly clientSecret: string;
  /** The user the authorize endpoint logs in. */
  user: IdpUser = { sub: 'alice-upstream', name: 'Alice', email: 'alice@example.com', groups: ['engineers'] };
  expiresIn: number;
  /** Answer the next authorize request with `error=access_denied`. */
  denyNext = false;
  /** Refuse refresh requests with invalid_grant (a revoked upstream session). */
  refuseRefresh = false;
  /** Put this nonce in ID tokens instead of the one asked for (an attack). */
  forgedNonce: string | undefined;
  readonly stats = { authorize: 0, codeExchanges: 0, refreshes: 0, userinfo: 0 };
  /** Every authorize request's query, for assertions. */
  readonly authorizeRequests: URLSearchParams[] = [];
  readonly issuedAccessTokens: string[] = [];

  private server: Server | undefined;
  private key!: { kid: string; privateKey: KeyLike; jwk: JWK };
  private readonly codes = new Map<string, CodeGrant>();
  private readonly refreshTokens = new Map<string, { user: IdpUser; active: boolean }>();
  private readonly accessTokens = new Map<string, IdpUser>();
  private readonly format: 'jwt' | 'opaque';
  private readonly rotate: boolean;

  constructor(o: IdpOptions = {}) {
    this.clientId = o.clientId ?? 'proxy-client';
    this.clientSecret = registerSecret(o.clientSecret ?? `idp-secret-${randomBytes(12).toString('hex')}`);
    this.format = o.accessTokenFormat ?? 'jwt';
    this.expiresIn = o.expiresIn ?? 3600;
    this.rotate = o.rotateRefreshTokens ?? true;
  }

  static async start(o: IdpOptions = {}): Promise<TestIdp> {
    const idp = new TestIdp(o);
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const kid = 'idp-key-1';
    idp.key = { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
    idp.server = createServer((req, res) => void idp.handle(req, res));
    await new Promise<void>((resolve) => idp.server!.listen(0, '127.0.0.1', () => resolve()));
    idp.url = `http://127.0.0.1:${(idp.server.address() as AddressInfo).port}`;
    return idp;
  }

  /** Refresh tokens the provider considers live. */
  liveRefreshTokens(): number {
    return [...this.refreshTokens.values()].filter((r) => r.active).length;
  }

  private async sign(claims: Record<string, unknown>, lifetime: number): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({
      iss: this.url,
      iat: now,
      exp: now + lifetime,
      jti: randomBytes(8).toString('hex'),
      ...claims,
    })
      .setProtectedHeader({ alg: 'RS256', kid: this.key.kid, typ: 'JWT' })
      .sign(this.key.privateKey);
  }

  private async accessToken(user: IdpUser): Promise<string> {
    const token =
      this.format === 'jwt'
        ? await this.sign(
            {
              sub: user.sub,
              aud: 'upstream-api',
              client_id: this.clientId,
              scope: 'openid profile',
              groups: user.groups,
            },
            this.expiresIn,
          )
        : `opaque-${randomBytes(20).toString('hex')}`;
    this.accessTokens.set(token, user);
    this.issuedAccessTokens.push(token);
    return registerSecret(token);
  }

  private async tokensFor(
    user: IdpUser,
    nonce: string | undefined,
    withRefresh: boolean,
  ): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {
      access_token: await this.accessToken(user),
      token_type: 'Bearer',
      expires_in: this.expiresIn,
      id_token: registerSecret(
        await this.sign(
          {
            sub: user.sub,
            aud: this.clientId,
            ...(nonce !== undefined ? { nonce } : {}),
            ...(user.name ? { name: user.name } : {}),
            ...(user.email ? { email: user.email } : {}),
          },
          3600,
        ),
      ),
    };
    if (withRefresh) {
      const rt = registerSecret(`idp-rt-${randomBytes(20).toString('hex')}`);
      this.refreshTokens.set(rt, { user, active: true });
      out.refresh_token = rt;
    }
    return out;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const json = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    switch (url.pathname) {
      case '/.well-known/openid-configuration':
        return json(200, {
          issuer: this.url,
          authorization_endpoint: `${this.url}/authorize`,
          token_endpoint: `${this.url}/token`,
          jwks_uri: `${this.url}/jwks`,
          userinfo_endpoint: `${this.url}/userinfo`,
          code_challenge_methods_supported: ['S256'],
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
        });
      case '/jwks':
        return json(200, { keys: [this.key.jwk] });
      case '/authorize':
        return this.authorize(url, res);
      case '/token':
        return this.token(req, json);
      case '/userinfo': {
        this.stats.userinfo++;
        const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
        const user = this.accessTokens.get(token);
        if (!user) return json(401, { error: 'invalid_token' });
        return json(200, { id: user.sub, login: user.name, mail: user.email });
      }
      default:
        return json(404, { error: 'not found' });
    }
  }

  /** Logs the test user in at once and sends the browser back with a code. */
  private authorize(url: URL, res: ServerResponse): void {
    this.stats.authorize++;
    const q = url.searchParams;
    this.authorizeRequests.push(q);
    const redirectUri = q.get('redirect_uri') ?? '';
    const back = (params: Record<string, string>): void => {
      const target = new URL(redirectUri);
      for (const [k, v] of Object.entries(params)) target.searchParams.set(k, v);
      res.writeHead(302, { location: target.toString() });
      res.end();
    };
    if (q.get('client_id') !== this.clientId || !redirectUri) {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end('unknown client');
      return;
    }
    const state = q.get('state') ?? '';
    if (this.denyNext) {
      this.denyNext = false;
      back({ error: 'access_denied', error_description: 'the user said no', state });
      return;
    }
    if (
      q.get('response_type') !== 'code' ||
      q.get('code_challenge_method') !== 'S256' ||
      !q.get('code_challenge')
    ) {
      back({ error: 'invalid_request', state });
      return;
    }
    const code = registerSecret(`idp-code-${randomBytes(16).toString('hex')}`);
    this.codes.set(code, {
      clientId: this.clientId,
      redirectUri,
      challenge: q.get('code_challenge')!,
      ...(q.get('nonce') ? { nonce: q.get('nonce')! } : {}),
      user: { ...this.user },
      scope: q.get('scope') ?? '',
    });
    back({ code, state });
  }

  private async token(req: IncomingMessage, json: (s: number, b: unknown) => void): Promise<void> {
    let body = '';
    for await (const c of req) body += c;
    const form = new URLSearchParams(body);
    if (form.get('client_id') !== this.clientId || form.get('client_secret') !== this.clientSecret)
      return json(401, { error: 'invalid_client' });
    if (form.get('grant_type') === 'authorization_code') {
      this.stats.codeExchanges++;
      const grant = this.codes.get(form.get('code') ?? '');
      this.codes.delete(form.get('code') ?? '');
      if (!grant || grant.redirectUri !== form.get('redirect_uri'))
        return json(400, { error: 'invalid_grant' });
      const verifier = form.get('code_verifier') ?? '';
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      if (challenge !== grant.challenge)
        return json(400, { error: 'invalid_grant', error_description: 'PKCE' });
      const nonce = this.forgedNonce ?? grant.nonce;
      return json(200, await this.tokensFor(grant.user, nonce, grant.scope.includes('offline_access')));
    }
    if (form.get('grant_type') === 'refresh_token') {
      this.stats.refreshes++;
      const rt = form.get('refresh_token') ?? '';
      const rec = this.refreshTokens.get(rt);
      if (this.refuseRefresh || !rec?.active) return json(400, { error: 'invalid_grant' });
      const out = await this.tokensFor(rec.user, undefined, this.rotate);
      if (this.rotate) rec.active = false;
      return json(200, out);
    }
    json(400, { error: 'unsupported_grant_type' });
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      if (!this.server) return resolve();
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }
}
