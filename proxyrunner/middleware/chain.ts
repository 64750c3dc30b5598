/**
 * `buildMiddlewares(runConfig, deps)`: the policy chain a proxy runner executes, in ToolHive's
 * order (reference/toolhive-dataplane.md §3.0). `middleware_configs` is honoured as written when
 * present (that is what ToolHive's runner executes); otherwise it is populated from the typed
 * keys. Either way, secret-backed egress headers (`header_forward`, `remote_auth_config`) are
 * appended at run time, never written into the config.
 *
 * Steps the contract leaves to the data path are reported in `dataPath` instead of becoming
 * middlewares: `bodylimit` (the body is read before the chain runs) and `recovery` (the data
 * path turns exceptions into 500s).
 */
import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { authServerKeyPrefix } from '../../lib/runconfig/authserver.ts';
import type {
  AuditConfig,
  MiddlewareConfig,
  OIDCValidatorConfig,
  RateLimitConfig,
  RunConfig,
  TelemetryConfig,
  TokenExchangeConfig,
  ToolOverride,
  UpstreamSwapConfig,
  WebhookConfig,
} from '../../lib/runconfig/types.ts';
import { type AuthServerDeps, EmbeddedAuthServer } from '../authserver/server.ts';
import { Auditor, normalizeAuditConfig, openAuditSink } from './audit/auditor.ts';
import { AuditMiddleware } from './audit/middleware.ts';
import { AuthMiddleware, LocalUserAuthMiddleware } from './auth/middleware.ts';
import { tokenValidatorConfigFromRunConfig } from './auth/token-validator.ts';
import { CedarAuthorizer } from './authz/cedar-authorizer.ts';
import { loadAuthzConfig } from './authz/config.ts';
import { AuthzMiddleware } from './authz/middleware.ts';
import {
  BEARER_TOKEN_MIDDLEWARE,
  HeaderForwardMiddleware,
  TokenExchangeMiddleware,
} from './outgoing-auth/middleware.ts';
import {
  exchangeSettingsFromRunConfig,
  TOKEN_EXCHANGE_CLIENT_SECRET_ENV,
  TokenExchanger,
} from './outgoing-auth/token-exchange.ts';
import {
  StripAuthMiddleware,
  UpstreamSwapMiddleware,
  validateUpstreamSwapConfig,
} from './outgoing-auth/upstream-swap.ts';
import { DEFAULT_MAX_BODY_BYTES, populateMiddlewareConfigs } from './populate.ts';
import type { RedisCommander } from './rate-limit/buckets.ts';
import { RateLimiter, validateRateLimitConfig } from './rate-limit/limiter.ts';
import {
  RATE_LIMIT_FAILURE_POLICY_ENV,
  type RateLimitFailurePolicy,
  RateLimitMiddleware,
} from './rate-limit/middleware.ts';
import { readConfigFile } from './shared/config-file.ts';
import { createLogger, type Logger } from './shared/logger.ts';
import { OriginMiddleware, resolveAllowedOrigins } from './shared/origin-middleware.ts';
import { ParserMiddleware } from './shared/parser-middleware.ts';
import { type Env, resolveSecret } from './shared/secrets.ts';
import { McpMetrics } from './telemetry/metrics.ts';
import { TelemetryMiddleware } from './telemetry/middleware.ts';
import { OtlpTraceExporter } from './telemetry/otlp-exporter.ts';
import { ToolCallFilterMiddleware, ToolListFilterMiddleware } from './tool-filter/middleware.ts';
import { ToolPolicy } from './tool-filter/tool-policy.ts';
import type { Middleware } from './types.ts';
import { WebhookClient } from './webhooks/client.ts';
import { MutatingWebhookMiddleware, ValidatingWebhookMiddleware } from './webhooks/middleware.ts';

export interface PolicyDeps {
  /** Environment the secrets come from; defaults to `process.env`. */
  env?: Env;
  /** Operational log; defaults to JSON lines on stderr. */
  logger?: Logger;
  /** Where audit events go; defaults to `audit_config.logFile`, else stdout. */
  auditSink?: (line: string) => void;
  readFile?: (path: string) => string;
  /** A Redis client for rate limiting; by default one is made from `scaling_config.session_redis`. */
  redis?: RedisCommander;
  /**
   * Middleware types the caller's data path implements itself (e.g. `origin`, `mcp-parser`,
   * `header-forward`); they are left out of the chain.
   */
  skipTypes?: ReadonlySet<string>;
  /** How long startup waits for Redis before relying on the failure policy (ToolHive: 5 s). */
  redisStartupWaitMs?: number;
  /** Live session count of the data path, exported as `toolhive_mcp_active_sessions`. */
  activeSessions?: () => number;
  now?: () => number;
  /** Overrides for the embedded authorization server (storage, Redis client, rate limits). */
  authServer?: Omit<AuthServerDeps, 'env' | 'readFile' | 'logger' | 'now'>;
}

export interface DataPathSettings {
  /** `bodylimit`: requests with larger bodies get 413 before the chain runs. */
  maxBodyBytes: number;
}

export interface PolicyChain {
  /** Outermost first. */
  readonly middlewares: Middleware[];
  readonly dataPath: DataPathSettings;
  /** The Prometheus registry, when telemetry metrics are on. */
  readonly metrics?: McpMetrics;
  /** The embedded authorization server, when the RunConfig has one. */
  readonly authServer?: EmbeddedAuthServer;
  close(): Promise<void>;
}

/** Types the proxy accepts but does not turn into middlewares, and why. */
const HANDLED_ELSEWHERE: Record<string, string> = {
  bodylimit: 'enforced by the data path (dataPath.maxBodyBytes)',
  recovery: 'the data path answers exceptions with 500',
  usagemetrics: "ToolHive's anonymous usage reporting to Stacklok is not implemented",
};

const UNSUPPORTED: Record<string, string> = {
  awssts: 'AWS STS exchange and SigV4 signing are not implemented',
  obo: 'on-behalf-of exchange is an enterprise extension (unsupported in ToolHive OSS too)',
};

function params<T>(mc: MiddlewareConfig): T {
  return (mc.parameters ?? {}) as T;
}

/** `k=v,k2=v2` with percent-encoding, the format of OTEL_EXPORTER_OTLP_HEADERS and OTEL_RESOURCE_ATTRIBUTES. */
function keyValueList(text: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of (text ?? '').split(',')) {
    const i = pair.indexOf('=');
    if (i > 0)
      out[decodeURIComponent(pair.slice(0, i).trim())] = decodeURIComponent(pair.slice(i + 1).trim());
  }
  return out;
}

/** Prefix of the env vars the charts fill from MCPTelemetryConfig `sensitiveHeaders` Secrets. */
export const OTEL_HEADER_ENV_PREFIX = 'TOOLHIVE_OTEL_HEADER_';

/**
 * Collector headers from the environment: OTEL_EXPORTER_OTLP_HEADERS, and the secret-backed
 * `TOOLHIVE_OTEL_HEADER_<NAME>` vars the operator sets for `sensitiveHeaders` (the name is
 * the header's, upper-cased with `-` as `_`; HTTP header names are case-insensitive).
 */
function telemetryFromEnvHeaders(env: Env): Record<string, string> {
  const out = keyValueList(env.OTEL_EXPORTER_OTLP_HEADERS);
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith(OTEL_HEADER_ENV_PREFIX) || value === undefined || value === '') continue;
    out[name.slice(OTEL_HEADER_ENV_PREFIX.length).toLowerCase().replace(/_/g, '-')] = value;
  }
  return out;
}

export async function buildMiddlewares(rc: RunConfig, deps: PolicyDeps = {}): Promise<PolicyChain> {
  const env: Env = deps.env ?? process.env;
  const logger =
    deps.logger ?? createLogger({ level: env.TOOLHIVE_DEBUG === 'true' || rc.debug ? 'debug' : 'info' });
  const readFile = deps.readFile ?? ((p: string) => readFileSync(p, 'utf8'));
  const now = deps.now ?? Date.now;
  const configs =
    rc.middleware_configs && rc.middleware_configs.length > 0
      ? [...rc.middleware_configs]
      : populateMiddlewareConfigs(rc);
  const middlewares: Middleware[] = [];
  let maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
  let metrics: McpMetrics | undefined;
  let authServer: EmbeddedAuthServer | undefined;

  try {
    // The embedded authorization server first: its routes are served outside the chain, its keys
    // and token sessions feed the auth middleware below.
    if (rc.embedded_auth_server_config) {
      // ToolHive's runner: a proxy has one upstream; chains of several are the vMCP's.
      const upstreams = rc.embedded_auth_server_config.upstreams?.length ?? 0;
      if (upstreams > 1)
        throw new Error(
          `the embedded authorization server of a proxy runner supports only one upstream provider (found ${upstreams}); use a VirtualMCPServer for several`,
        );
      authServer = await EmbeddedAuthServer.create(rc.embedded_auth_server_config, {
        ...deps.authServer,
        env,
        readFile,
        logger,
        now,
        defaultKeyPrefix: authServerKeyPrefix(env.POD_NAMESPACE || 'default', rc.name),
      });
      middlewares.push(authServer.middleware());
    }

    // Origin validation goes in front, as ToolHive's runner prepends it, unless already listed.
    if (!configs.some((c) => c.type === 'origin') && !deps.skipTypes?.has('origin')) {
      const allowed = resolveAllowedOrigins(rc.host ?? '', rc.port ?? 0, rc.allowed_origins);
      if (allowed.length > 0) middlewares.push(new OriginMiddleware(allowed));
      else
        logger.warn('origin validation disabled: no allow-list configured for a non-loopback bind', {
          host: rc.host,
        });
    }

    for (const mc of configs) {
      const type = mc.type;
      if (deps.skipTypes?.has(type)) continue;
      if (type in HANDLED_ELSEWHERE) {
        if (type === 'bodylimit') {
          const max = Number(params<{ max_bytes?: number }>(mc).max_bytes);
          if (max > 0) maxBodyBytes = max;
        }
        continue;
      }
      if (type in UNSUPPORTED) throw new Error(`middleware "${type}" is not supported: ${UNSUPPORTED[type]}`);
      switch (type) {
        case 'origin': {
          const p = params<{ allowed_origins?: string[] }>(mc);
          if (p.allowed_origins && p.allowed_origins.length > 0)
            middlewares.push(new OriginMiddleware(p.allowed_origins));
          break;
        }
        case 'audit': {
          const p = params<{
            config_path?: string;
            config_data?: AuditConfig;
            component?: string;
            transport_type?: string;
          }>(mc);
          const raw =
            p.config_data ?? (p.config_path ? (readConfigFile(p.config_path, readFile) as AuditConfig) : {});
          const cfg = normalizeAuditConfig({ ...raw, ...(p.component ? { component: p.component } : {}) });
          let sink = deps.auditSink;
          let closeSink: (() => void) | undefined;
          if (!sink) {
            const opened = openAuditSink(cfg.logFile);
            sink = opened.sink;
            closeSink = opened.close;
          }
          middlewares.push(
            new AuditMiddleware(new Auditor(cfg, sink), p.transport_type ?? rc.transport, closeSink),
          );
          break;
        }
        case 'auth': {
          let oidc = params<{ oidc_config?: OIDCValidatorConfig | null }>(mc).oidc_config;
          // Never leave the server's own tokens unchecked: without an oidc_config, validate
          // against it (ToolHive would fall back to the anonymous local user).
          if (!oidc && authServer) oidc = embeddedAuthOidcConfig(authServer);
          if (!oidc) middlewares.push(new LocalUserAuthMiddleware(logger, now));
          else {
            const mw = new AuthMiddleware(tokenValidatorConfigFromRunConfig(oidc, env), {
              logger,
              now,
              readFile,
              ...(authServer
                ? { localKeys: authServer.keys, upstreamTokens: authServer.upstreamTokens }
                : {}),
            });
            middlewares.push(mw);
          }
          break;
        }
        case 'upstreamswap': {
          if (!authServer)
            throw new Error(
              'middleware "upstreamswap" needs embedded_auth_server_config: no upstream tokens otherwise',
            );
          const cfg = params<{ config?: Partial<UpstreamSwapConfig> }>(mc).config ?? {};
          const valid = validateUpstreamSwapConfig({
            ...cfg,
            provider_name: cfg.provider_name || authServer.firstUpstream,
          });
          if (!authServer.upstreamNames.includes(valid.provider_name))
            throw new Error(
              `upstream swap provider_name "${valid.provider_name}" is not an upstream of the embedded authorization server (${authServer.upstreamNames.join(', ')})`,
            );
          middlewares.push(new UpstreamSwapMiddleware(valid));
          break;
        }
        case 'strip-auth':
          middlewares.push(new StripAuthMiddleware());
          break;
        case 'tokenexchange': {
          const cfg = params<{ token_exchange_config: TokenExchangeConfig }>(mc).token_exchange_config;
          const secret = env[TOKEN_EXCHANGE_CLIENT_SECRET_ENV] || cfg.client_secret || undefined;
          const exchanger = new TokenExchanger(exchangeSettingsFromRunConfig(cfg, secret), { now });
          const strategy = cfg.header_strategy ?? (cfg.external_token_header_name ? 'custom' : 'replace');
          const mw = new TokenExchangeMiddleware(exchanger, {
            headerStrategy: strategy,
            ...(cfg.external_token_header_name
              ? { externalTokenHeaderName: cfg.external_token_header_name }
              : {}),
            logger,
          });
          middlewares.push(mw);
          break;
        }
        case 'tool-filter':
        case 'tool-call-filter': {
          const p = params<{ filter_tools?: string[]; tools_override?: Record<string, ToolOverride> }>(mc);
          const policy = new ToolPolicy(p.filter_tools ?? [], p.tools_override ?? {});
          if (policy.isEmpty) throw new Error('tools list for filtering or overriding is empty');
          middlewares.push(
            type === 'tool-filter'
              ? new ToolListFilterMiddleware(policy)
              : new ToolCallFilterMiddleware(policy),
          );
          break;
        }
        case 'mcp-parser':
          middlewares.push(new ParserMiddleware());
          break;
        case 'telemetry': {
          const p = params<{ config: TelemetryConfig; server_name?: string; transport?: string }>(mc);
          const built = buildTelemetry(p.config, {
            serverName: p.server_name ?? rc.name,
            transport: p.transport ?? rc.transport,
            env,
            readFile,
            logger,
            ...(metrics ? { metrics } : {}),
            ...(deps.activeSessions ? { activeSessions: deps.activeSessions } : {}),
          });
          metrics ??= built.metrics;
          middlewares.push(built.middleware);
          break;
        }
        case 'ratelimit': {
          const p = params<{
            namespace?: string;
            server_name?: string;
            config: RateLimitConfig;
            redis_addr?: string;
            redis_db?: number;
            failure_policy?: string;
          }>(mc);
          const server = p.server_name ?? rc.name;
          middlewares.push(
            await buildRateLimit(p.config, {
              namespace: p.namespace ?? rc.rate_limit_namespace ?? '',
              serverName: server,
              failurePolicy: p.failure_policy || rc.rate_limit_failure_policy,
              ...(p.redis_addr ? { redisAddress: p.redis_addr } : {}),
              redisDb: p.redis_db ?? 0,
              env,
              logger,
              ...(deps.redis ? { redis: deps.redis } : {}),
              ...(deps.redisStartupWaitMs !== undefined
                ? { redisStartupWaitMs: deps.redisStartupWaitMs }
                : {}),
              metrics: () => metrics,
            }),
          );
          break;
        }
        case 'mutating-webhook':
        case 'validating-webhook': {
          const p = params<{ webhooks?: WebhookConfig[]; server_name?: string; transport?: string }>(mc);
          const hooks = p.webhooks ?? [];
          if (hooks.length === 0) throw new Error(`${type}: at least one webhook is required`);
          const clients = hooks.map((h) => new WebhookClient(h, env, readFile));
          const Ctor = type === 'mutating-webhook' ? MutatingWebhookMiddleware : ValidatingWebhookMiddleware;
          const mw = new Ctor(clients, p.server_name ?? rc.name, p.transport ?? rc.transport, logger);
          middlewares.push(mw);
          break;
        }
        case 'authorization': {
          const p = params<{ config_path?: string; config_data?: unknown }>(mc);
          const cfg = loadAuthzConfig(
            { configData: p.config_data, ...(p.config_path ? { configPath: p.config_path } : {}) },
            readFile,
          );
          // ToolHive's injectUpstreamProviderIfNeeded: with an embedded authorization server the
          // first upstream's token is the claim source, whatever the file says.
          if (authServer) cfg.cedar.primary_upstream_provider = authServer.firstUpstream;
          else if (cfg.cedar.primary_upstream_provider) {
            logger.warn(
              'authz primary_upstream_provider has no effect without an embedded authorization server; claims of the presented token are used',
            );
            delete cfg.cedar.primary_upstream_provider;
          }
          middlewares.push(new AuthzMiddleware(new CedarAuthorizer(cfg.cedar, rc.name), logger));
          break;
        }
        case 'header-forward': {
          const p = params<{ add_headers?: Record<string, string> }>(mc);
          if (p.add_headers && Object.keys(p.add_headers).length > 0)
            middlewares.push(new HeaderForwardMiddleware(p.add_headers));
          break;
        }
        default:
          throw new Error(`unknown middleware type "${type}"`);
      }
    }

    // Secret-backed egress headers, resolved now and never written into a config.
    if (!configs.some((c) => c.type === 'header-forward') && !deps.skipTypes?.has('header-forward')) {
      const fwd = rc.header_forward;
      const headers: Record<string, string> = { ...(fwd?.add_plaintext_headers ?? {}) };
      for (const [name, ref] of Object.entries(fwd?.add_headers_from_secret ?? {}))
        headers[name] = resolveSecret(ref, { env, readFile });
      if (Object.keys(headers).length > 0) middlewares.push(new HeaderForwardMiddleware(headers));
    }
    const remote = rc.remote_auth_config;
    if (remote?.bearer_token || remote?.bearer_token_file) {
      const token = remote.bearer_token_file
        ? resolveSecret(remote.bearer_token_file, { env, readFile })
        : resolveSecret(remote.bearer_token!, { env, readFile });
      if (token === '') throw new Error('remote_auth_config bearer token is empty');
      middlewares.push(
        new HeaderForwardMiddleware({ authorization: `Bearer ${token}` }, BEARER_TOKEN_MIDDLEWARE),
      );
    }
  } catch (err) {
    await closeAll(middlewares);
    throw err;
  }

  for (const m of middlewares) logger.debug('policy middleware enabled', { middleware: m.name });
  return {
    middlewares,
    dataPath: { maxBodyBytes },
    ...(metrics ? { metrics } : {}),
    ...(authServer ? { authServer } : {}),
    close: () => closeAll(middlewares),
  };
}

export interface TelemetryBuildOptions {
  readonly serverName: string;
  readonly transport: string;
  readonly env: Env;
  readonly readFile: (path: string) => string;
  readonly logger: Logger;
  /** A registry to add to (one per process); a new one is made when metrics are on. */
  readonly metrics?: McpMetrics;
  readonly activeSessions?: () => number;
  /** Instrumentation scope of exported spans. */
  readonly scopeName?: string;
}

/**
 * The telemetry middleware for a ToolHive telemetry config (RunConfig `telemetry_config`, or the
 * vMCP's `telemetry`): OTLP trace export and the Prometheus registry served at `/metrics`.
 */
export function buildTelemetry(
  t: TelemetryConfig | undefined,
  o: TelemetryBuildOptions,
): { middleware: TelemetryMiddleware; metrics?: McpMetrics } {
  if (!t) throw new Error('telemetry config is required');
  const { serverName, transport, env, logger } = o;
  const rate = Number.parseFloat(t.samplingRate ?? '0.05');
  if (!(rate >= 0 && rate <= 1))
    throw new Error(`telemetry samplingRate must be between 0 and 1, got ${t.samplingRate}`);
  let exporter: OtlpTraceExporter | undefined;
  if (t.tracingEnabled && t.endpoint) {
    // OTEL_RESOURCE_ATTRIBUTES (the charts set service.name and service.namespace there) under
    // what the config says explicitly.
    const fromEnv = keyValueList(env.OTEL_RESOURCE_ATTRIBUTES);
    const resource: Record<string, string> = {
      ...fromEnv,
      'service.name': t.serviceName || fromEnv['service.name'] || `thv-${serverName}`,
      ...(t.serviceVersion ? { 'service.version': t.serviceVersion } : {}),
      ...(t.customAttributes ?? {}),
    };
    exporter = new OtlpTraceExporter({
      endpoint: t.endpoint,
      insecure: t.insecure === true,
      headers: { ...(t.headers ?? {}), ...telemetryFromEnvHeaders(env) },
      resource,
      scopeName: o.scopeName ?? 'github.com/stacklok/toolhive/pkg/telemetry',
      ...(t.caCertPath ? { caCertPem: o.readFile(t.caCertPath) } : {}),
    });
  } else if (t.tracingEnabled)
    logger.warn('telemetry tracing enabled without an endpoint: no spans are exported');
  if (t.metricsEnabled && !t.enablePrometheusMetricsPath) {
    logger.warn(
      'OTLP metrics export is not implemented; set enablePrometheusMetricsPath to expose metrics at /metrics',
    );
  }
  let metrics = o.metrics;
  if (!metrics && (t.metricsEnabled || t.enablePrometheusMetricsPath)) {
    metrics = new McpMetrics({
      server: serverName,
      transport,
      ...(o.activeSessions ? { activeSessions: o.activeSessions } : {}),
    });
  }
  const envAttrs: Record<string, string> = {};
  for (const name of t.environmentVariables ?? []) if (env[name] !== undefined) envAttrs[name] = env[name]!;
  const middleware = new TelemetryMiddleware({
    serverName,
    transport,
    samplingRate: rate,
    useLegacyAttributes: t.useLegacyAttributes === true,
    ...(exporter ? { exporter } : {}),
    ...(metrics ? { metrics } : {}),
    metricsRoute: t.enablePrometheusMetricsPath === true && t.metricsOnTransportPort !== false,
    environmentAttributes: envAttrs,
  });
  return { middleware, ...(metrics ? { metrics } : {}) };
}

export interface RateLimitBuildOptions {
  readonly namespace: string;
  readonly serverName: string;
  /** `fail-open` (default) or `fail-closed`; env `TOOLHIVE_RATE_LIMIT_FAILURE_POLICY` wins. */
  readonly failurePolicy?: string | undefined;
  /** `host:port` of Redis; not needed when `redis` is given. */
  readonly redisAddress?: string;
  readonly redisDb?: number;
  readonly env: Env;
  readonly logger: Logger;
  readonly redis?: RedisCommander;
  readonly redisStartupWaitMs?: number;
  /** The metrics registry, looked up when a decision is recorded (it may be made later). */
  readonly metrics?: () => McpMetrics | undefined;
}

/**
 * The rate limiter for a ToolHive rate limit config: token buckets in Redis, the failure policy
 * and the `toolhive_rate_limit_*` metrics. Used as the proxy's `ratelimit` middleware and by the
 * Virtual MCP server (which meters each tool call itself, after resolving its name).
 */
export async function buildRateLimit(
  config: RateLimitConfig,
  o: RateLimitBuildOptions,
): Promise<RateLimitMiddleware> {
  const { env, logger } = o;
  const policyName = env[RATE_LIMIT_FAILURE_POLICY_ENV] || o.failurePolicy || 'fail-open';
  if (policyName !== 'fail-open' && policyName !== 'fail-closed')
    throw new Error(`rate limit failure policy must be fail-open or fail-closed, got "${policyName}"`);
  validateRateLimitConfig(config);
  let redis = o.redis;
  let disconnect: (() => Promise<void>) | undefined;
  if (!redis) {
    if (!o.redisAddress) throw new Error('rate limit middleware requires a Redis address');
    const [host, port] = splitHostPort(o.redisAddress);
    const client = new Redis({
      host,
      port,
      db: o.redisDb ?? 0,
      ...(env.THV_SESSION_REDIS_PASSWORD ? { password: env.THV_SESSION_REDIS_PASSWORD } : {}),
      // Fail fast while disconnected so the failure policy, not a queue, decides.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 5_000,
      commandTimeout: 2_000,
      retryStrategy: (times: number) => Math.min(times * 200, 2_000),
    });
    client.on('error', () => undefined); // reported per request by the middleware
    disconnect = async () => client.disconnect();
    redis = { command: (cmd, ...args) => client.call(String(cmd), ...args) };
    const ready = await waitReady(client, o.redisStartupWaitMs ?? 5_000);
    if (!ready) {
      client.on('ready', () => logger.info('rate limiter connected to Redis', { redis: o.redisAddress }));
      logger.warn('rate limiter cannot reach Redis yet; applying the failure policy until it can', {
        redis: o.redisAddress,
        failure_policy: policyName,
      });
    }
  }
  const limiter = new RateLimiter(redis, o.namespace, o.serverName, config);
  const server = o.serverName;
  return new RateLimitMiddleware(limiter, {
    failurePolicy: policyName as RateLimitFailurePolicy,
    logger,
    ...(disconnect ? { onClose: disconnect } : {}),
    observer: {
      decision: (d, by) => o.metrics?.()?.rateLimitDecisions.inc([server, d, by ?? 'none']),
      redisError: (open) => {
        const m = o.metrics?.();
        m?.rateLimitRedisErrors.inc([server]);
        if (open) m?.rateLimitFailOpen.inc([server]);
      },
    },
  });
}

/** The token validation an embedded authorization server implies: its issuer, its audience. */
function embeddedAuthOidcConfig(as: EmbeddedAuthServer): OIDCValidatorConfig {
  const resource = as.settings.allowedAudiences[0]!;
  return {
    Issuer: as.settings.issuer,
    Audience: resource,
    ResourceURL: resource,
    Scopes: [...as.settings.scopesSupported],
  };
}

/** Every resource the chain holds is released by some middleware's `close`. */
async function closeAll(middlewares: readonly Middleware[]): Promise<void> {
  for (const m of middlewares) await Promise.resolve(m.close?.()).catch(() => undefined);
}

function splitHostPort(addr: string): [string, number] {
  const m = /^\[?([^\]]+?)\]?:(\d+)$/.exec(addr);
  if (!m) return [addr, 6379];
  return [m[1]!, Number(m[2])];
}

function waitReady(client: Redis, timeoutMs: number): Promise<boolean> {
  if (client.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      client.off('ready', onReady);
      resolve(ok);
    };
    const onReady = () => done(true);
    const timer = setTimeout(() => done(false), timeoutMs);
    client.once('ready', onReady);
  });
}
