/**
 * The Virtual MCP server's `config.yaml` (ToolHive's `pkg/vmcp/config.Config`, camelCase keys),
 * built from a resolved VirtualMCPServer the way ToolHive's operator converter does it:
 * `spec.config` is the base, and the operator-owned parts (name, group, incoming and outgoing
 * auth, aggregation defaults, composite tools, telemetry, session storage, operational defaults)
 * are written over it. Secrets are never in the file; it names the env vars that carry them.
 */
import { stringify } from 'yaml';
import { normalizeForEnvVar } from '../k8s/env.ts';
import type { ResolvedVirtualMcpServer } from '../resolve/resolve.ts';
import { buildAuthServerRunConfig, type EmbeddedAuthServerRunConfig } from '../runconfig/authserver.ts';
import { VMCP_AUTH_SERVER_CONFIG } from '../runconfig/authserver-validation.ts';
import {
  buildOidcValidatorConfig,
  buildTelemetryConfig,
  headerForwardSecretName,
} from '../runconfig/build.ts';
import type { HeaderForward, MCPExternalAuthConfigResource } from '../workload/kinds.ts';
import { VMCP_PORT } from '../workload/names.ts';
import { noStaticBackendsMessage, planStaticBackends, type StaticBackendPlan } from './static-backends.ts';

export const VMCP_OIDC_CLIENT_SECRET_ENV = 'VMCP_OIDC_CLIENT_SECRET';
export const VMCP_CONFIG_KEY = 'config.yaml';

type Obj = Record<string, unknown>;

export class VmcpConfigError extends Error {
  /** The embedded authorization server (`spec.authServerConfig`) is what cannot be built. */
  readonly authServer: boolean;
  constructor(message: string, authServer = false) {
    super(message);
    this.name = 'VmcpConfigError';
    this.authServer = authServer;
  }
}

/** ToolHive's `vmcp.HeaderForwardConfig`: an MCPServerEntry's forwarded headers, as the vMCP reads them. */
export interface VmcpHeaderForwardConfig {
  /** Header name → literal value. */
  readonly addPlaintextHeaders?: Readonly<Record<string, string>>;
  /** Header name → secret identifier (its value is env `TOOLHIVE_SECRET_<identifier>`). */
  readonly addHeadersFromSecret?: Readonly<Record<string, string>>;
}

/** `wirefmt.ManifestEnvVarPrefix`: `<prefix><NORMALIZED_ENTRY>` carries an entry's manifest (static mode). */
export const HEADER_FORWARD_MANIFEST_ENV_PREFIX = 'TOOLHIVE_HEADER_FORWARD_';

/**
 * An MCPServerEntry's `spec.headerForward` as `vmcp.HeaderForwardConfig`, secret headers by their
 * identifier (`HEADER_FORWARD_<H>_<ENTRY>`); undefined when the entry forwards no header. The
 * chart renders it as the entry's manifest (static mode); the vMCP builds it from the entry it
 * discovers (discovered mode).
 */
export function vmcpHeaderForwardConfig(
  entry: string,
  hf: HeaderForward | undefined,
): VmcpHeaderForwardConfig | undefined {
  const plain = { ...(hf?.addPlaintextHeaders ?? {}) };
  const secret: Record<string, string> = {};
  for (const ref of hf?.addHeadersFromSecret ?? []) {
    if (!ref?.valueSecretRef) continue;
    secret[ref.headerName] = headerForwardSecretName(ref.headerName, entry);
  }
  if (Object.keys(plain).length === 0 && Object.keys(secret).length === 0) return undefined;
  return {
    ...(Object.keys(plain).length > 0 ? { addPlaintextHeaders: plain } : {}),
    ...(Object.keys(secret).length > 0 ? { addHeadersFromSecret: secret } : {}),
  };
}

/**
 * `<CFG>`: a config name as ToolHive's `GenerateUnique*EnvVarName` puts it in env var names:
 * upper case, `-` and any other character outside `[A-Z0-9_]` → `_`.
 */
export function envSuffix(name: string): string {
  return normalizeForEnvVar(name);
}

/** ToolHive's `DefaultOperationalConfig`, merged under the user's operational settings. */
function operational(user: Obj | undefined): Obj {
  const fh = (user?.failureHandling ?? {}) as Obj;
  const cb = (fh.circuitBreaker ?? {}) as Obj;
  const timeouts = (user?.timeouts ?? {}) as Obj;
  return {
    ...(user?.logLevel ? { logLevel: user.logLevel } : {}),
    timeouts: {
      default: timeouts.default ?? '30s',
      ...(timeouts.perWorkload ? { perWorkload: timeouts.perWorkload } : {}),
    },
    failureHandling: {
      healthCheckInterval: fh.healthCheckInterval ?? '30s',
      unhealthyThreshold: fh.unhealthyThreshold ?? 3,
      healthCheckTimeout: fh.healthCheckTimeout ?? '10s',
      statusReportingInterval: fh.statusReportingInterval ?? '30s',
      partialFailureMode: fh.partialFailureMode ?? 'fail',
      circuitBreaker: {
        enabled: cb.enabled ?? false,
        failureThreshold: cb.failureThreshold ?? 5,
        timeout: cb.timeout ?? '60s',
      },
    },
  };
}

/** An MCPExternalAuthConfig as a vMCP backend auth strategy; secrets by env var name. */
export function authStrategy(cfg: MCPExternalAuthConfigResource): Obj {
  const spec = cfg.spec;
  const name = cfg.metadata.name ?? '';
  switch (spec?.type) {
    case 'unauthenticated':
      return { type: 'unauthenticated' };
    case 'tokenExchange': {
      const te = spec.tokenExchange;
      if (!te) throw new VmcpConfigError(`MCPExternalAuthConfig ${name}: tokenExchange is missing`);
      return {
        type: 'token_exchange',
        tokenExchange: {
          tokenUrl: te.tokenUrl,
          ...(te.clientId ? { clientId: te.clientId } : {}),
          ...(te.clientSecretRef
            ? { clientSecretEnv: `TOOLHIVE_TOKEN_EXCHANGE_CLIENT_SECRET_${envSuffix(name)}` }
            : {}),
          ...(te.audience ? { audience: te.audience } : {}),
          ...(te.scopes?.length ? { scopes: [...te.scopes] } : {}),
          ...(te.subjectTokenType ? { subjectTokenType: te.subjectTokenType } : {}),
          ...(te.subjectProviderName ? { subjectProviderName: te.subjectProviderName } : {}),
        },
      };
    }
    case 'headerInjection': {
      const hi = spec.headerInjection;
      if (!hi) throw new VmcpConfigError(`MCPExternalAuthConfig ${name}: headerInjection is missing`);
      return {
        type: 'header_injection',
        headerInjection: {
          headerName: hi.headerName,
          headerValueEnv: `TOOLHIVE_HEADER_INJECTION_VALUE_${envSuffix(name)}`,
        },
      };
    }
    case 'upstreamInject':
      return {
        type: 'upstream_inject',
        upstreamInject: { providerName: spec.upstreamInject?.providerName ?? '' },
      };
    default:
      throw new VmcpConfigError(
        `MCPExternalAuthConfig ${name}: type "${String(spec?.type)}" is not supported for vMCP outgoing auth by toolhive-ts`,
      );
  }
}

/** The env vars (name → Secret ref) the vMCP needs for an outgoing auth config. */
export function authStrategySecretEnv(
  cfg: MCPExternalAuthConfigResource,
): Array<{ env: string; name: string; key: string }> {
  const spec = cfg.spec;
  const suffix = envSuffix(cfg.metadata.name ?? '');
  if (spec?.type === 'tokenExchange' && spec.tokenExchange?.clientSecretRef)
    return [
      { env: `TOOLHIVE_TOKEN_EXCHANGE_CLIENT_SECRET_${suffix}`, ...spec.tokenExchange.clientSecretRef },
    ];
  if (spec?.type === 'headerInjection' && spec.headerInjection)
    return [{ env: `TOOLHIVE_HEADER_INJECTION_VALUE_${suffix}`, ...spec.headerInjection.valueSecretRef }];
  // `xaaSecretEnvVars`: the IdP and target authorization server client secrets.
  if (spec?.type === 'xaa' && spec.xaa) {
    const out: Array<{ env: string; name: string; key: string }> = [];
    const { idpClientSecretRef: idp, targetClientSecretRef: target } = spec.xaa;
    if (idp) out.push({ env: `TOOLHIVE_XAA_IDP_CLIENT_SECRET_${suffix}`, name: idp.name, key: idp.key });
    if (target)
      out.push({ env: `TOOLHIVE_XAA_TARGET_CLIENT_SECRET_${suffix}`, name: target.name, key: target.key });
    return out;
  }
  return [];
}

export interface VmcpConfigOptions {
  readonly defaultRedisAddress?: string;
}

/**
 * With inline outgoing auth, the group's members as static backends (see static-backends.ts);
 * undefined with discovered outgoing auth, where the vMCP finds them at run time.
 */
export function staticBackendPlan(r: ResolvedVirtualMcpServer): StaticBackendPlan | undefined {
  const og = r.resource.spec?.outgoingAuth;
  if (og?.source !== 'inline') return undefined;
  const overridden = new Set(
    Object.entries(og.backends ?? {})
      .filter(([, b]) => b.type !== 'discovered')
      .map(([n]) => n),
  );
  return planStaticBackends(r, overridden, authStrategy);
}

export function buildVmcpConfig(r: ResolvedVirtualMcpServer, opts: VmcpConfigOptions = {}): Obj {
  const spec = r.resource.spec;
  if (!spec) throw new VmcpConfigError('spec is required');
  const base = JSON.parse(JSON.stringify(spec.config ?? {})) as Obj;
  const out: Obj = { name: r.name, groupRef: r.groupName };

  // Incoming auth.
  const incoming: Obj = { type: spec.incomingAuth.type };
  if (spec.incomingAuth.oidcConfigRef && r.refs.oidcConfig) {
    const ref = spec.incomingAuth.oidcConfigRef;
    const v = buildOidcValidatorConfig(
      r.refs.oidcConfig,
      ref,
      `http://${r.name}.${r.namespace}.svc.cluster.local:${VMCP_PORT}`,
    );
    const inline = r.refs.oidcConfig.spec?.inline;
    incoming.oidc = {
      issuer: v.Issuer,
      // Always written, empty when the MCPOIDCConfig has none: ToolHive's OIDCConfig.ClientID has
      // no omitempty, so its operator writes `clientId: ""`, and the config schema requires it.
      clientId: v.ClientID ?? '',
      ...(inline?.clientSecretRef ? { clientSecretEnv: VMCP_OIDC_CLIENT_SECRET_ENV } : {}),
      audience: v.Audience,
      resource: v.ResourceURL,
      ...(v.JWKSURL ? { jwksUrl: v.JWKSURL } : {}),
      ...(v.IntrospectionURL ? { introspectionUrl: v.IntrospectionURL } : {}),
      ...(v.Scopes ? { scopes: v.Scopes } : {}),
      ...(inline?.protectedResourceAllowPrivateIP ? { protectedResourceAllowPrivateIp: true } : {}),
      ...(v.AllowPrivateIP ? { jwksAllowPrivateIp: true } : {}),
      ...(v.InsecureAllowHTTP ? { insecureAllowHttp: true } : {}),
      ...(v.CACertPath ? { caBundlePath: v.CACertPath } : {}),
    };
  }
  const authz = spec.incomingAuth.authzConfig;
  if (authz?.type === 'inline' && authz.inline) {
    incoming.authz = {
      type: 'cedar',
      policies: [...authz.inline.policies],
      entitiesJson: authz.inline.entitiesJson ?? '[]',
      ...(authz.groupClaimName ? { groupClaimName: authz.groupClaimName } : {}),
      ...(authz.roleClaimName ? { roleClaimName: authz.roleClaimName } : {}),
      ...(authz.groupEntityType ? { groupEntityType: authz.groupEntityType } : {}),
    };
  } else if (authz && (authz.type ?? 'configMap') === 'configMap') {
    throw new VmcpConfigError(
      'spec.incomingAuth.authzConfig: type configMap is not supported by toolhive-ts for VirtualMCPServer; use type inline or authzConfigRef',
    );
  } else if (r.refs.authzConfig) {
    const a = r.refs.authzConfig;
    if (a.spec?.type !== 'cedarv1')
      throw new VmcpConfigError(
        `MCPAuthzConfig ${a.metadata.name}: VirtualMCPServer accepts only cedarv1 authz`,
      );
    const c = a.spec.config as Obj;
    incoming.authz = {
      type: 'cedar',
      policies: (c.policies as string[] | undefined) ?? [],
      entitiesJson: (c.entities_json as string | undefined) ?? '[]',
      ...(c.group_claim_name ? { groupClaimName: c.group_claim_name } : {}),
      ...(c.role_claim_name ? { roleClaimName: c.role_claim_name } : {}),
      ...(c.group_entity_type ? { groupEntityType: c.group_entity_type } : {}),
    };
  }
  // With an embedded authorization server Cedar reads the primary upstream's claims.
  const as = spec.authServerConfig;
  if (as && incoming.authz)
    (incoming.authz as Obj).primaryUpstreamProvider =
      as.primaryUpstreamProvider || as.upstreamProviders[0]?.name;
  out.incomingAuth = incoming;

  // Outgoing auth.
  const og = spec.outgoingAuth;
  const outgoing: Obj = { source: og?.source ?? 'discovered' };
  const strategy = (b: { type: string; externalAuthConfigRef?: { name: string } }, where: string): Obj => {
    if (b.type === 'discovered') return { type: 'unauthenticated' };
    const cfg = b.externalAuthConfigRef ? r.outgoingAuthConfigs[b.externalAuthConfigRef.name] : undefined;
    if (!cfg)
      throw new VmcpConfigError(
        `${where}.externalAuthConfigRef is required when type is externalAuthConfigRef`,
      );
    return authStrategy(cfg);
  };
  if (og?.default) outgoing.default = strategy(og.default, 'spec.outgoingAuth.default');
  // `type: discovered` for one backend means its own auth config: no override of it here.
  const overrides: Record<string, Obj> = Object.fromEntries(
    Object.keys(og?.backends ?? {})
      .sort()
      .filter((n) => og?.backends?.[n]?.type !== 'discovered')
      .map((n) => [n, strategy(og?.backends?.[n] as { type: string }, `spec.outgoingAuth.backends[${n}]`)]),
  );
  // Static mode (inline): the group's members are written as `backends`, with their own auth
  // configs' strategies beside the overrides, as ToolHive's processOutgoingAuth does.
  let served: Set<string> | undefined;
  const plan = staticBackendPlan(r);
  if (plan) {
    if (plan.backends.length === 0)
      throw new VmcpConfigError(noStaticBackendsMessage(r.groupName, plan.skipped));
    served = new Set(plan.backends.map((b) => b.name));
    // Settings for a backend that is not served would be inert; the vMCP refuses them in static
    // mode (they name no backend), so they are left out.
    const all = { ...plan.memberAuth, ...overrides };
    const names = Object.keys(all)
      .filter((n) => served?.has(n))
      .sort();
    if (names.length > 0) outgoing.backends = Object.fromEntries(names.map((n) => [n, all[n]]));
    out.backends = plan.backends.map((b) => ({ ...b, metadata: { ...b.metadata } }));
  } else if (Object.keys(overrides).length > 0) {
    outgoing.backends = overrides;
  }
  out.outgoingAuth = outgoing;

  // Aggregation with ToolHive's defaults; tool config refs inlined.
  const agg = (base.aggregation ?? {}) as Obj;
  const conflictResolution = (agg.conflictResolution as string | undefined) || 'prefix';
  const crc = agg.conflictResolutionConfig as Obj | undefined;
  if (conflictResolution === 'priority' && !((crc?.priorityOrder as unknown[] | undefined)?.length ?? 0))
    throw new VmcpConfigError(
      'config.aggregation.conflictResolutionConfig.priorityOrder is required when conflictResolution is priority',
    );
  const aggregation: Obj = {
    conflictResolution,
    conflictResolutionConfig: crc ?? (conflictResolution === 'prefix' ? { prefixFormat: '{workload}_' } : {}),
  };
  if (agg.excludeAllTools !== undefined) aggregation.excludeAllTools = agg.excludeAllTools;
  if (agg.defaultToolVisibility !== undefined) aggregation.defaultToolVisibility = agg.defaultToolVisibility;
  const tools = ((agg.tools as Obj[] | undefined) ?? []).filter(
    (t) => !served || served.has(String(t.workload ?? '')),
  );
  if (tools.length > 0)
    aggregation.tools = tools.map((t) => {
      const ref = (t.toolConfigRef as { name: string } | undefined)?.name;
      const tc = ref ? r.aggregationToolConfigs[ref]?.spec : undefined;
      const { toolConfigRef: _ignored, ...rest } = t;
      return {
        ...rest,
        ...(tc?.toolsFilter ? { filter: [...tc.toolsFilter] } : {}),
        ...(tc?.toolsOverride ? { overrides: JSON.parse(JSON.stringify(tc.toolsOverride)) } : {}),
      };
    });
  out.aggregation = aggregation;

  // Composite tools: inline ones, then referenced definitions' specs; names must be unique.
  const composite = [
    ...((base.compositeTools as Obj[] | undefined) ?? []),
    ...r.compositeToolDefinitions.map((d) => JSON.parse(JSON.stringify(d.spec ?? {})) as Obj),
  ];
  const seen = new Set<string>();
  for (const t of composite) {
    const n = String(t.name ?? '');
    if (seen.has(n)) throw new VmcpConfigError(`duplicate composite tool name: "${n}"`);
    seen.add(n);
    if (served) checkCompositeBackends(t, served, r.groupName);
  }
  if (composite.length > 0) out.compositeTools = composite;

  out.operational = operational(base.operational as Obj | undefined);
  if (spec.telemetryConfigRef && r.refs.telemetryConfig)
    out.telemetry = buildTelemetryConfig(r.refs.telemetryConfig, spec.telemetryConfigRef, r.name);
  const audit = base.audit as Obj | undefined;
  if (audit?.enabled) out.audit = { ...audit, component: audit.component || r.name };
  if ((base.codeMode as { enabled?: boolean } | undefined)?.enabled === true)
    throw new VmcpConfigError(
      'spec.config.codeMode.enabled: code mode (execute_tool_script, Starlark scripts) is not supported by toolhive-ts',
    );
  for (const key of ['optimizer', 'codeMode', 'metadata', 'rateLimiting', 'backends']) {
    if (base[key] !== undefined && out[key] === undefined) out[key] = base[key];
  }
  const storage = spec.sessionStorage;
  if (storage?.provider === 'redis')
    out.sessionStorage = {
      provider: 'redis',
      address: storage.address,
      ...(storage.db ? { db: storage.db } : {}),
      ...(storage.keyPrefix ? { keyPrefix: storage.keyPrefix } : {}),
    };
  else if (opts.defaultRedisAddress)
    out.sessionStorage = { provider: 'redis', address: opts.defaultRedisAddress };
  const passthrough = spec.passthroughHeaders?.length ? spec.passthroughHeaders : base.passthroughHeaders;
  if (passthrough) out.passthroughHeaders = passthrough;
  // ToolHive's Config field order: name, groupRef, backends, then the rest.
  const { name, groupRef, backends, ...rest } = out;
  return { name, groupRef, ...(backends !== undefined ? { backends } : {}), ...rest };
}

/**
 * In static mode the vMCP refuses a composite tool step that calls `<backend>.<tool>` of a
 * backend it does not have; say so here, naming the step, rather than render a config the vMCP
 * would refuse to start with.
 */
function checkCompositeBackends(tool: Obj, served: ReadonlySet<string>, group: string): void {
  const steps = (tool.steps as Obj[] | undefined) ?? [];
  steps.forEach((s, i) => {
    const refs = [s.tool, (s.step as Obj | undefined)?.tool];
    for (const ref of refs) {
      if (typeof ref !== 'string') continue;
      const dot = ref.indexOf('.');
      const backend = dot > 0 ? ref.slice(0, dot) : undefined;
      if (backend && !served.has(backend))
        throw new VmcpConfigError(
          `composite tool "${String(tool.name ?? '')}" step ${String(s.id ?? i)} calls "${ref}", but "${backend}" is not a backend ` +
            `this VirtualMCPServer serves (spec.outgoingAuth.source is inline: the backends are the members of ` +
            `MCPGroup "${group}" listed when it is rendered); add it to the group or change the step`,
        );
    }
  });
}

/** `config.yaml` as the ConfigMap holds it. */
export function vmcpConfigYaml(config: Obj): string {
  return stringify(config, { lineWidth: 0 });
}

/** The sibling file `vmcp serve` reads the embedded authorization server from (ToolHive's key). */
export const VMCP_AUTHSERVER_CONFIG_KEY = 'authserver-config.yaml';

/**
 * `spec.authServerConfig` as the authorization server RunConfig, as ToolHive's converter builds
 * it: tokens are minted for the incoming OIDC resource, which clients send as RFC 8707
 * `resource`, so the vMCP's incoming auth must name one.
 */
export function buildVmcpAuthServerConfig(
  r: ResolvedVirtualMcpServer,
  config: Obj,
): EmbeddedAuthServerRunConfig | undefined {
  const cfg = r.resource.spec?.authServerConfig;
  if (!cfg) return undefined;
  const oidc = (config.incomingAuth as Obj | undefined)?.oidc as
    | { resource?: string; audience?: string; scopes?: string[] }
    | undefined;
  const resource = oidc?.resource ?? '';
  if (!resource)
    throw new VmcpConfigError(
      'spec.authServerConfig: incoming OIDC resource is required with an embedded authorization server (set spec.incomingAuth.oidcConfigRef.resourceUrl)',
      true,
    );
  if (oidc?.audience && oidc.audience !== resource)
    throw new VmcpConfigError(
      `spec.authServerConfig: spec.incomingAuth.oidcConfigRef.audience "${oidc.audience}" must match resourceUrl "${resource}" when an embedded auth server is active`,
      true,
    );
  try {
    return buildAuthServerRunConfig(r.namespace, r.name, cfg, [resource], oidc?.scopes, resource, {
      location: VMCP_AUTH_SERVER_CONFIG,
      audienceField: 'spec.incomingAuth.oidcConfigRef.resourceUrl',
      scopesField: 'spec.incomingAuth.oidcConfigRef.scopes',
    });
  } catch (err) {
    const message = (err as Error).message;
    // The configuration checks already name their field under spec.authServerConfig.
    throw new VmcpConfigError(
      message.startsWith(VMCP_AUTH_SERVER_CONFIG.base) ? message : `spec.authServerConfig: ${message}`,
      true,
    );
  }
}

/** The authorization server RunConfig as the ConfigMap holds it (ToolHive's snake_case YAML). */
export function authServerConfigYaml(config: EmbeddedAuthServerRunConfig): string {
  return stringify(config, { lineWidth: 0 });
}
