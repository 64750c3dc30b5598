/**
 * A local OIDC issuer for tests: discovery document and JWKS served over loopback HTTP (or HTTPS
 * with a test CA), keys from jose, tokens minted on demand, keys rotated on request, optional
 * bearer protection of the JWKS (as the kube API server does) and an RFC 7662 introspection
 * endpoint for opaque tokens.
 */
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from 'jose';
import { registerSecret } from './secrets-scan.ts';

type KeyLike = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

export interface SigningKey {
  kid: string;
  alg: string;
  privateKey: KeyLike;
  publicJwk: JWK;
}

export interface TestIssuerOptions {
  /** Serve over HTTPS with this certificate. */
  tls?: { cert: string; key: string };
  /** Require `Authorization: Bearer <token>` on discovery and JWKS. */
  requireBearer?: string;
  /** Path prefix of the issuer URL (e.g. the kube API server's issuer has none). */
  algs?: string[];
  introspection?: { clientId: string; clientSecret: string };
}

export interface OpaqueTokenRecord {
  active: boolean;
  claims: Record<string, unknown>;
}

export class TestIssuer {
  url = '';
  keys: SigningKey[] = [];
  jwksRequests = 0;
  discoveryRequests = 0;
  introspectionRequests = 0;
  private readonly opaque = new Map<string, OpaqueTokenRecord>();

  /** Registers an opaque token the introspection endpoint will answer for. */
  opaqueToken(token: string, active: boolean, claims: Record<string, unknown> = {}): string {
    this.opaque.set(token, { active, claims: { iss: this.url, ...claims } });
    return registerSecret(token);
  }
  private server: Server | undefined;
  private readonly options: TestIssuerOptions;
  private counter = 0;

  constructor(options: TestIssuerOptions = {}) {
    this.options = options;
  }

  static async start(options: TestIssuerOptions = {}): Promise<TestIssuer> {
    const issuer = new TestIssuer(options);
    for (const alg of options.algs ?? ['RS256']) await issuer.addKey(alg);
    await issuer.listen();
    return issuer;
  }

  async addKey(alg = 'RS256'): Promise<SigningKey> {
    const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
    const kid = `key-${++this.counter}-${alg.toLowerCase()}`;
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
    const key = { kid, alg, privateKey, publicJwk };
    this.keys.push(key);
    return key;
  }

  /** Replaces every key by a new one (a rotation that retires the old keys). */
  async rotate(alg = 'RS256'): Promise<SigningKey> {
    this.keys = [];
    return this.addKey(alg);
  }

  get jwksUrl(): string {
    return `${this.url}/jwks`;
  }
  get introspectionUrl(): string {
    return `${this.url}/introspect`;
  }

  /** A signed access token; defaults make it valid for `audience` for five minutes. */
  async token(
    claims: JWTPayload & Record<string, unknown> = {},
    opts: {
      audience?: string | string[];
      key?: SigningKey;
      header?: Record<string, unknown>;
      expiresIn?: number;
      noExp?: boolean;
    } = {},
  ): Promise<string> {
    const key = opts.key ?? this.keys[0]!;
    const now = Math.floor(Date.now() / 1000);
    const payload: JWTPayload = {
      iss: this.url,
      sub: 'user-1',
      iat: now,
      ...(opts.noExp ? {} : { exp: now + (opts.expiresIn ?? 300) }),
      ...(opts.audience !== undefined ? { aud: opts.audience } : {}),
      ...claims,
    };
    const jwt = await new SignJWT(payload)
      .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT', ...opts.header })
      .sign(key.privateKey);
    return registerSecret(jwt);
  }

  private listen(): Promise<void> {
    const handler = (req: IncomingMessage, res: ServerResponse): void => void this.handle(req, res);
    this.server = this.options.tls ? createHttpsServer(this.options.tls, handler) : createHttpServer(handler);
    return new Promise((resolve) => {
      this.server!.listen(0, '127.0.0.1', () => {
        const port = (this.server!.address() as AddressInfo).port;
        this.url = `${this.options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
        resolve();
      });
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    const json = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if ((path === '/.well-known/openid-configuration' || path === '/jwks') && this.options.requireBearer) {
      if (req.headers.authorization !== `Bearer ${this.options.requireBearer}`)
        return json(401, { error: 'unauthorized' });
    }
    if (path === '/.well-known/openid-configuration') {
      this.discoveryRequests++;
      return json(200, {
        issuer: this.url,
        jwks_uri: this.jwksUrl,
        introspection_endpoint: this.introspectionUrl,
      });
    }
    if (path === '/jwks') {
      this.jwksRequests++;
      return json(200, { keys: this.keys.map((k) => k.publicJwk) });
    }
    if (path === '/introspect' && req.method === 'POST') {
      this.introspectionRequests++;
      const body = await new Promise<string>((resolve) => {
        let data = '';
        req.on('data', (c) => (data += c));
        req.on('end', () => resolve(data));
      });
      if (this.options.introspection) {
        const { clientId, clientSecret } = this.options.introspection;
        const expected = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
        if (req.headers.authorization !== expected) return json(401, { error: 'invalid_client' });
      }
      const token = new URLSearchParams(body).get('token') ?? '';
      const rec = this.opaque.get(token);
      if (!rec?.active) return json(200, { active: false });
      return json(200, { active: true, ...rec.claims });
    }
    json(404, { error: 'not found' });
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      if (!this.server) return resolve();
      this.server.closeAllConnections?.();
      this.server.close(() => resolve());
    });
  }
}
