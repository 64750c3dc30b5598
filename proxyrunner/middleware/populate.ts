/**
 * ToolHive's `PopulateMiddlewareConfigs` (pkg/runner/middleware.go): turns the typed RunConfig
 * keys into the ordered `middleware_configs` list, outermost first, with ToolHive's parameter
 * shapes. `bodylimit` and `recovery` are included for fidelity; the data path implements both.
 */
import { firstUpstreamName } from '../../lib/runconfig/authserver.ts';
import type { MiddlewareConfig, RunConfig } from '../../lib/runconfig/types.ts';

export const DEFAULT_MAX_BODY_BYTES = 8 << 20;

export function populateMiddlewareConfigs(rc: RunConfig): MiddlewareConfig[] {
  const out: MiddlewareConfig[] = [{ type: 'bodylimit', parameters: { max_bytes: DEFAULT_MAX_BODY_BYTES } }];
  const transport = rc.transport;

  if (rc.audit_config && rc.audit_config.enabled !== false) {
    out.push({
      type: 'audit',
      parameters: {
        ...(rc.audit_config_path ? { config_path: rc.audit_config_path } : {}),
        config_data: rc.audit_config,
        component: rc.audit_config.component ?? '',
        transport_type: transport,
      },
    });
  } else if (rc.audit_config_path && !rc.audit_config) {
    out.push({ type: 'audit', parameters: { config_path: rc.audit_config_path, transport_type: transport } });
  }

  out.push({ type: 'auth', parameters: { oidc_config: rc.oidc_config ?? null } });

  // ToolHive's addUpstreamSwapMiddleware: only with an embedded authorization server. Without
  // injection the client's credentials are stripped instead; a middleware that would put
  // credentials back after the strip is a contradiction, refused here.
  const as = rc.embedded_auth_server_config;
  if (as?.disable_upstream_token_injection) {
    if (rc.token_exchange_config)
      throw new Error(
        'disableUpstreamTokenInjection cannot be combined with token exchange: token exchange would re-add an Authorization header after strip-auth removes it',
      );
    if (rc.aws_sts_config)
      throw new Error(
        'disableUpstreamTokenInjection cannot be combined with AWS STS: SigV4 signing would re-add credentials after strip-auth removes them',
      );
    out.push({ type: 'strip-auth', parameters: {} });
  } else if (as) {
    out.push({
      type: 'upstreamswap',
      parameters: {
        config: {
          ...(rc.upstream_swap_config ?? {}),
          provider_name: rc.upstream_swap_config?.provider_name || firstUpstreamName(as),
        },
      },
    });
  }
  if (rc.token_exchange_config)
    out.push({ type: 'tokenexchange', parameters: { token_exchange_config: rc.token_exchange_config } });

  const filter = rc.tools_filter ?? [];
  const overrides = rc.tools_override ?? {};
  if (filter.length > 0 || Object.keys(overrides).length > 0) {
    const parameters = { filter_tools: filter, tools_override: overrides };
    out.push({ type: 'tool-filter', parameters }, { type: 'tool-call-filter', parameters });
  }

  out.push({ type: 'mcp-parser', parameters: {} });

  if (rc.telemetry_config)
    out.push({
      type: 'telemetry',
      parameters: { config: rc.telemetry_config, server_name: rc.name, transport },
    });

  if (rc.rate_limit_config) {
    const redis = rc.scaling_config?.session_redis;
    if (!redis?.address) throw new Error('rate limiting requires sessionStorage with provider redis');
    out.push({
      type: 'ratelimit',
      parameters: {
        namespace: rc.rate_limit_namespace ?? '',
        server_name: rc.name,
        config: rc.rate_limit_config,
        redis_addr: redis.address,
        redis_db: redis.db ?? 0,
        ...(rc.rate_limit_failure_policy ? { failure_policy: rc.rate_limit_failure_policy } : {}),
      },
    });
  }

  if (rc.mutating_webhooks && rc.mutating_webhooks.length > 0) {
    out.push({
      type: 'mutating-webhook',
      parameters: { webhooks: rc.mutating_webhooks, server_name: rc.name, transport },
    });
  }
  if (rc.validating_webhooks && rc.validating_webhooks.length > 0) {
    out.push({
      type: 'validating-webhook',
      parameters: { webhooks: rc.validating_webhooks, server_name: rc.name, transport },
    });
  }

  if (rc.authz_config || rc.authz_config_path) {
    out.push({
      type: 'authorization',
      parameters: {
        ...(rc.authz_config_path ? { config_path: rc.authz_config_path } : {}),
        ...(rc.authz_config ? { config_data: withPrimaryUpstream(rc.authz_config, as) } : {}),
      },
    });
  }

  out.push(...(rc.additional_middleware_configs ?? []));
  out.push({ type: 'recovery', parameters: {} });
  return out;
}

/**
 * ToolHive's `injectUpstreamProviderIfNeeded`: with an embedded authorization server, Cedar
 * evaluates the claims of the first upstream's token rather than of the token we issued.
 */
function withPrimaryUpstream(
  cfg: NonNullable<RunConfig['authz_config']>,
  as: RunConfig['embedded_auth_server_config'],
): NonNullable<RunConfig['authz_config']> {
  if (!as || cfg.type !== 'cedarv1') return cfg;
  return { ...cfg, cedar: { ...cfg.cedar, primary_upstream_provider: firstUpstreamName(as) } };
}
