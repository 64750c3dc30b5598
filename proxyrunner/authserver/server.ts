/**
 * The embedded OAuth 2.1 / OIDC authorization server of a proxy runner or vMCP
 * (reference/toolhive-dataplane.md §3.10): built from the RunConfig's
 * `embedded_auth_server_config`, it serves ToolHive's routes through the policy chain's
 * `routes` hook, hands the auth middleware its signing keys (tokens are verified in-process)
 * and the token-session reader that loads (and refreshes) upstream tokens for a `tsid`.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmbeddedAuthServerRunConfig } from '../../lib/runconfig/authserver.ts';
import { createLogger, type Logger } from '../middleware/shared/logger.ts';
import type { Env } from '../middleware/shared/secrets.ts';
import type { Middleware, MiddlewareRoute } from '../middleware/types.ts';
import { hashSecret } from './clients.ts';
import { type AuthServerSettings, resolveAuthServerSettings, type UpstreamSettings } from './config.ts';
import type { AuthServerContext } from './context.ts';
import { TOKEN_EXCHANGE_GRANT, TokenExchanger } from './grants/token-exchange.ts';
import { handleAuthorize } from './handlers/authorize.ts';
import { handleCallback } from './handlers/callback.ts';
import {
  handleAuthorizationServerMetadata,
  handleJwks,
  handleOpenIdConfiguration,
} from './handlers/discovery.ts';
import { handleRegister } from './handlers/register.ts';
import { handleToken } from './handlers/token.ts';
import { allowCors, serverError, writeOAuthError } from './http.ts';
import { KeySet } from './keys.ts';
import { OpaqueTokens } from './opaque-tokens.ts';
import { TokenBucket } from './rate-limit.ts';
import { RedisKeys } from './storage/keys.ts';
import { MemoryStorage } from './storage/memory.ts';
import { type RedisCommander, RedisStorage } from './storage/redis.ts';
import { connectRedis } from './storage/redis-client.ts';
import type { AuthServerStorage } from './storage/types.ts';
import { OAuth2Upstream } from './upstream/oauth2.ts';
import { OidcUpstream } from './upstream/oidc.ts';
import type { UpstreamProvider } from './upstream/types.ts';
import { type UpstreamTokenReader, UpstreamTokenService } from './upstream-tokens.ts';

export interface AuthServerDeps {
  readonly env?: Env;
  readonly readFile?: (path: string) => string;
  readonly readBytes?: (path: string) => Buffer;
  readonly logger?: Logger;
  readonly now?: () => number;
  /** Replaces the storage the config asks for (tests). */
  readonly storage?: AuthServerStorage;
  /** A Redis client to use instead of connecting from `storage.redis_config`. */
  readonly redis?: RedisCommander;
  /** Key prefix when the config names none (laptop runs): derived from the workload name. */
  readonly defaultKeyPrefix?: string;
  /** Registration rate limit; ToolHive's 1 per second with a burst of 5 by default. */
  readonly registration?: { readonly perSecond: number; readonly burst: number };
}

/** Paths the proxy serves for MCP itself: never taken over by a callback route. */
const RESERVED_PATHS = new Set(['/', '/mcp', '/sse', '/messages', '/health']);

function newProvider(u: UpstreamSettings, now: () => number): UpstreamProvider {
  return u.type === 'oidc' ? new OidcUpstream(u, now) : new OAuth2Upstream(u, now);
}

async function openStorage(
  rc: EmbeddedAuthServerRunConfig,
  deps: AuthServerDeps,
  env: Env,
  readFile: (p: string) => string,
  now: () => number,
): Promise<AuthServerStorage> {
  if (deps.storage) return deps.storage;
  if ((rc.storage?.type || 'memory') === 'memory') return new MemoryStorage({ now });
  const r = rc.storage?.redis_config;
  if (!r) throw new Error('redis config is required when storage type is redis');
  const prefix = r.key_prefix || deps.defaultKeyPrefix || '';
  if (!prefix) throw new Error('storage.redis_config.key_prefix is required');
  if (deps.redis) return new RedisStorage(deps.redis, new RedisKeys(prefix), { now });
  const conn = connectRedis(r, env, readFile);
  try {
    await conn.ready();
  } catch (err) {
    await conn.close();
    throw new Error(`auth server storage: ${(err as Error).message}`);
  }
  return new RedisStorage(conn.commander, new RedisKeys(prefix), { now, onClose: () => conn.close() });
}

export class EmbeddedAuthServer {
  readonly settings: AuthServerSettings;
  readonly keys: KeySet;
  readonly upstreamTokens: UpstreamTokenReader;
  readonly routes: readonly MiddlewareRoute[];
  private readonly ctx: AuthServerContext;
  private readonly exchanger: TokenExchanger;
  private closed = false;

  private constructor(ctx: AuthServerContext, exchanger: TokenExchanger, limiter: TokenBucket) {
    this.ctx = ctx;
    this.settings = ctx.settings;
    this.keys = ctx.keys;
    this.upstreamTokens = ctx.upstreamTokens;
    this.exchanger = exchanger;
    this.routes = this.buildRoutes(limiter);
  }

  static async create(
    rc: EmbeddedAuthServerRunConfig,
    deps: AuthServerDeps = {},
  ): Promise<EmbeddedAuthServer> {
    const env = deps.env ?? process.env;
    const readFile = deps.readFile ?? ((p: string) => readFileSync(p, 'utf8'));
    const readBytes = deps.readBytes ?? ((p: string) => readFileSync(p));
    const logger = (deps.logger ?? createLogger()).with({ component: 'authserver' });
    const now = deps.now ?? Date.now;
    const settings = resolveAuthServerSettings(rc, { env, readFile });

    const kc = rc.signing_key_config;
    let keys: KeySet;
    if (kc?.signing_key_file) {
      keys = await KeySet.fromFiles(
        kc.key_dir ?? '',
        kc.signing_key_file,
        kc.fallback_key_files ?? [],
        readFile,
      );
    } else {
      keys = await KeySet.generate();
      logger.warn('no signing key configured: using an ephemeral key; tokens will be invalid after restart');
    }
    let opaque: OpaqueTokens;
    const hmacFiles = (rc.hmac_secret_files ?? []).filter((f) => f !== '');
    if (hmacFiles.length > 0) {
      const secrets = hmacFiles.map((f) => {
        try {
          return readBytes(f);
        } catch (err) {
          throw new Error(
            `failed to read HMAC secret from ${f}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`,
          );
        }
      });
      opaque = new OpaqueTokens(secrets[0]!, secrets.slice(1));
    } else {
      opaque = OpaqueTokens.random();
      logger.warn(
        'no HMAC secrets configured: using an ephemeral secret; authorization codes and refresh tokens will be invalid after restart',
      );
    }

    const storage = await openStorage(rc, deps, env, readFile, now);
    const upstreams = settings.upstreams.map((u) => newProvider(u, now));
    try {
      for (const c of settings.delegateClients) {
        await storage.registerClient({
          clientId: c.clientId,
          secretHash: hashSecret(c.secret),
          tokenEndpointAuthMethod: 'any',
          redirectUris: [],
          grantTypes: [TOKEN_EXCHANGE_GRANT],
          responseTypes: [],
          scopes: c.scopes,
          audiences: c.audiences,
          dcrIssued: false,
          createdAt: now(),
        });
        logger.warn(
          "delegate client has blanket self-issued token exchange rights: it may exchange any user's self-issued token for a delegated token",
          { client_id: c.clientId },
        );
      }
    } catch (err) {
      await storage.close().catch(() => undefined);
      throw err;
    }
    const ctx: AuthServerContext = {
      settings,
      storage,
      keys,
      opaque,
      upstreams,
      upstreamTokens: new UpstreamTokenService(
        storage,
        new Map(upstreams.map((u) => [u.name, u])),
        logger,
        now,
      ),
      logger,
      now,
    };
    const rate = deps.registration ?? { perSecond: 1, burst: 5 };
    logger.info('embedded authorization server ready', {
      issuer: settings.issuer,
      upstreams: upstreams.map((u) => u.name),
      storage: rc.storage?.type || 'memory',
      signing_algorithm: keys.signing.alg,
    });
    return new EmbeddedAuthServer(
      ctx,
      new TokenExchanger(ctx),
      new TokenBucket(rate.perSecond, rate.burst, now),
    );
  }

  /** Name of the upstream whose token is injected by default (the first one). */
  get firstUpstream(): string {
    return this.ctx.upstreams[0]!.name;
  }

  get upstreamNames(): string[] {
    return this.ctx.upstreams.map((u) => u.name);
  }

  private buildRoutes(limiter: TokenBucket): MiddlewareRoute[] {
    const ctx = this.ctx;
    const guard =
      (fn: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>) =>
      async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
        try {
          await fn(req, res);
        } catch (err) {
          ctx.logger.error('authorization server request failed', { error: (err as Error).message });
          if (!res.headersSent)
            writeOAuthError(res, serverError('The authorization server encountered an unexpected error.'));
        }
      };
    const callback = guard((req, res) => handleCallback(ctx, req, res));
    const routes: MiddlewareRoute[] = [
      {
        methods: ['GET'],
        path: '/oauth/authorize',
        handle: guard((req, res) => handleAuthorize(ctx, req, res)),
      },
      { methods: ['GET'], path: '/oauth/callback', handle: callback },
      {
        methods: ['POST', 'OPTIONS'],
        path: '/oauth/token',
        handle: guard((req, res) =>
          allowCors(req, res, 'POST, OPTIONS') ? undefined : handleToken(ctx, this.exchanger, req, res),
        ),
      },
      {
        methods: ['POST', 'OPTIONS'],
        path: '/oauth/register',
        handle: guard((req, res) => handleRegister(ctx, limiter, req, res)),
      },
      {
        methods: ['GET', 'OPTIONS'],
        path: '/.well-known/jwks.json',
        handle: guard((req, res) => handleJwks(ctx, req, res)),
      },
    ];
    const asMeta = guard((req, res) => handleAuthorizationServerMetadata(ctx, req, res));
    const oidcMeta = guard((req, res) => handleOpenIdConfiguration(ctx, req, res));
    // RFC 8414 §3.1 path-based issuers: clients insert the well-known segment before the path.
    for (const [path, handle] of [
      ['/.well-known/oauth-authorization-server', asMeta],
      ['/.well-known/openid-configuration', oidcMeta],
    ] as const) {
      routes.push(
        { methods: ['GET', 'OPTIONS'], path, handle },
        { methods: ['GET', 'OPTIONS'], path: `${path}/`, handle },
      );
    }
    // ToolHive's operator defaults an upstream's redirect URI to `<resourceUrl>/oauth/callback`,
    // which has the resource's path in front: serve the callback there too.
    for (const u of ctx.settings.upstreams) {
      let path: string;
      try {
        path = new URL(u.redirectUri).pathname;
      } catch {
        continue;
      }
      if (path === '/oauth/callback' || RESERVED_PATHS.has(path) || routes.some((r) => r.path === path))
        continue;
      routes.push({ methods: ['GET'], path, handle: callback });
    }
    return routes;
  }

  /** The routes as a middleware of the policy chain (it serves them outside the chain). */
  middleware(): Middleware {
    return { name: 'embedded-auth-server', routes: this.routes, close: () => this.close() };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.exchanger.close();
    for (const u of this.ctx.upstreams) u.close();
    await this.ctx.storage.close();
  }
}
