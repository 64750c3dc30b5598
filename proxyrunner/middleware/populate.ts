/**
 * ToolHive's `PopulateMiddlewareConfigs` (pkg/runner/middleware.go): turns the typed RunConfig
 * keys into the ordered `middleware_configs` list, outermost first, with ToolHive's parameter
 * shapes. `bodylimit` and `recovery` are included for fidelity; the data path implements both.
 */
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

  if (rc.upstream_swap_config || rc.embedded_auth_server_config) {
    out.push({ type: 'upstreamswap', parameters: { config: rc.upstream_swap_config ?? {} } });
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
        ...(rc.authz_config ? { config_data: rc.authz_config } : {}),
      },
    });
  }

  out.push(...(rc.additional_middleware_configs ?? []));
  out.push({ type: 'recovery', parameters: {} });
  return out;
}
