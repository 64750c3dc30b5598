/**
 * ToolHive's authorization config: `{version, type: "cedarv1", cedar: {...}}`, given inline
 * (`authz_config`, `authorization.config_data`), as a mounted file in JSON or YAML
 * (`authz_config_path`, `authorization.config_path`; how an `authzConfig.configMap` reaches the
 * pod), or produced from an MCPAuthzConfig (`{type, config}` wrapped the way ToolHive's
 * controller does).
 */
import type { AuthzConfig } from '../../../lib/runconfig/types.ts';
import { isRecord, readConfigFile } from '../shared/config-file.ts';
import type { CedarOptions } from './cedar-authorizer.ts';

export function parseAuthzConfig(raw: unknown, source: string): { type: 'cedarv1'; cedar: CedarOptions } {
  if (!isRecord(raw)) throw new Error(`${source}: authorization config must be an object`);
  const type = raw.type;
  if (type === 'httpv1') {
    throw new Error(
      `${source}: authorizer type "httpv1" (HTTP PDP) is not supported by toolhive-ts; use cedarv1`,
    );
  }
  if (type !== 'cedarv1')
    throw new Error(`${source}: unknown authorizer type "${String(type)}" (registered: [cedarv1])`);
  const c = raw.cedar;
  if (!isRecord(c)) throw new Error(`${source}: cedar configuration is required (missing 'cedar' field)`);
  if (
    !Array.isArray(c.policies) ||
    c.policies.length === 0 ||
    !c.policies.every((p) => typeof p === 'string')
  ) {
    throw new Error(`${source}: at least one policy is required for Cedar authorization`);
  }
  return { type: 'cedarv1', cedar: c as unknown as CedarOptions };
}

export interface AuthzSource {
  configData?: unknown;
  configPath?: string;
}

export function loadAuthzConfig(src: AuthzSource, readFile?: (p: string) => string) {
  if (src.configData !== undefined && src.configData !== null)
    return parseAuthzConfig(src.configData, 'authorization config');
  if (src.configPath) return parseAuthzConfig(readConfigFile(src.configPath, readFile), src.configPath);
  throw new Error('either config_data or config_path is required for authorization middleware');
}

/** The RunConfig `authz_config` an MCPAuthzConfig spec (`{type, config}`) stands for. */
export function authzConfigFromMCPAuthzConfig(spec: {
  type: string;
  config: Record<string, unknown>;
}): AuthzConfig {
  return {
    version: '1.0',
    type: spec.type,
    [spec.type === 'httpv1' ? 'pdp' : 'cedar']: spec.config,
  } as unknown as AuthzConfig;
}
