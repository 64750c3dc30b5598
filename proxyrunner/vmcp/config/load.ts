/**
 * Reads a vMCP config file (YAML or JSON, ToolHive's format, dataplane §4.2), checks it against
 * the schema and the semantic rules, and resolves it into `VmcpSettings` with defaults filled in.
 * Every rejection lists all problems found, each with its path.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { VirtualMCPConfig } from '../../../lib/api/types.generated.ts';
import { virtualMcpConfig } from '../../../lib/api/virtual-mcp-config.ts';
import { parseDuration } from './duration.ts';
import type { ConflictStrategy, VmcpSettings } from './model.ts';
import { checkStructure, type Problem } from './structure.ts';
import { validateConfig } from './validate.ts';

export class ConfigError extends Error {
  readonly problems: readonly Problem[];
  constructor(source: string, problems: readonly Problem[]) {
    super(`invalid vMCP config ${source}:\n${problems.map((p) => `  - ${p.path}: ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

export interface LoadOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Label used in error messages (the file name). */
  readonly source?: string;
}

/**
 * Fields the CRD schema requires but ToolHive's runtime does not. The operator (and our
 * VirtualMcpChart) always writes `incomingAuth.oidc.clientId`, empty when the MCPOIDCConfig has
 * none (e.g. with the embedded authorization server); ToolHive's loader also accepts a
 * hand-written config that leaves it out, since a client ID is only needed for introspection.
 */
const RUNTIME_OPTIONAL = new Set(['incomingAuth.oidc.clientId: is required']);

/** ToolHive's vMCP defaults: session TTL 30 min, node-local session capacity 1000. */
export const DEFAULT_SESSION_TTL_MS = 30 * 60_000;
export const DEFAULT_SESSION_CAPACITY = 1000;

export function parseConfigText(text: string, source = 'config'): VirtualMCPConfig {
  let doc: unknown;
  try {
    doc = parseYaml(text, { prettyErrors: true });
  } catch (err) {
    throw new ConfigError(source, [
      { path: '(root)', message: `failed to parse YAML: ${(err as Error).message}` },
    ]);
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new ConfigError(source, [{ path: '(root)', message: 'must be a YAML or JSON object' }]);
  }
  return doc as VirtualMCPConfig;
}

/** Validates a decoded config and resolves it; throws ConfigError listing every problem. */
export function resolveConfig(cfg: VirtualMCPConfig, opts: LoadOptions = {}): VmcpSettings {
  const source = opts.source ?? 'config';
  const env = opts.env ?? process.env;
  const problems = checkStructure(virtualMcpConfig, cfg).filter(
    (p) => !RUNTIME_OPTIONAL.has(`${p.path}: ${p.message}`),
  );
  if (problems.length === 0) problems.push(...validateConfig(cfg, { env }));
  if (problems.length > 0) throw new ConfigError(source, problems);
  return settingsOf(cfg, env);
}

export function loadConfigFile(path: string, opts: LoadOptions = {}): VmcpSettings {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(path, [
      { path: '(file)', message: `failed to read config file: ${(err as Error).message}` },
    ]);
  }
  return resolveConfig(parseConfigText(text, path), { ...opts, source: opts.source ?? path });
}

function ms(v: string | undefined, fallback: number): number {
  if (v === undefined || v === '') return fallback;
  return parseDuration(v) ?? fallback;
}

function settingsOf(cfg: VirtualMCPConfig, env: Readonly<Record<string, string | undefined>>): VmcpSettings {
  const agg = cfg.aggregation ?? {};
  const fh = cfg.operational?.failureHandling ?? {};
  const cb = fh.circuitBreaker ?? {};
  const opt = cfg.optimizer;
  const store = cfg.sessionStorage;
  const backends = cfg.backends ?? [];
  // A header value taken from the environment is resolved once, as ToolHive's loader does.
  const resolveStrategy = <T extends { headerInjection?: { headerValue?: string; headerValueEnv?: string } }>(
    s: T,
  ): T => {
    const hi = s.headerInjection;
    if (hi?.headerValueEnv && !hi.headerValue) {
      return { ...s, headerInjection: { ...hi, headerValue: env[hi.headerValueEnv] ?? '' } };
    }
    return s;
  };
  const outgoing = cfg.outgoingAuth;
  return {
    raw: cfg,
    name: cfg.name ?? 'vmcp',
    ...(cfg.groupRef ? { groupRef: cfg.groupRef } : {}),
    staticBackends: backends,
    aggregation: {
      strategy: (agg.conflictResolution ?? 'prefix') as ConflictStrategy,
      prefixFormat: agg.conflictResolutionConfig?.prefixFormat || '{workload}_',
      priorityOrder: agg.conflictResolutionConfig?.priorityOrder ?? [],
      tools: new Map((agg.tools ?? []).map((t) => [t.workload, t])),
      excludeAllTools: agg.excludeAllTools === true,
      defaultToolVisibility: agg.defaultToolVisibility ?? 'allow',
    },
    compositeTools: cfg.compositeTools ?? [],
    compositeToolRefs: (cfg.compositeToolRefs ?? []).map((r) => r.name),
    operational: {
      debug: cfg.operational?.logLevel === 'debug',
      defaultTimeoutMs: ms(cfg.operational?.timeouts?.default, 30_000),
      perWorkloadTimeoutMs: new Map(
        Object.entries(cfg.operational?.timeouts?.perWorkload ?? {}).map(([k, v]) => [k, ms(v, 30_000)]),
      ),
      healthCheckIntervalMs: ms(fh.healthCheckInterval, 30_000),
      healthCheckTimeoutMs: ms(fh.healthCheckTimeout, 10_000),
      unhealthyThreshold: fh.unhealthyThreshold ?? 3,
      statusReportingIntervalMs: ms(fh.statusReportingInterval, 30_000),
      partialFailureMode: fh.partialFailureMode ?? 'fail',
      circuitBreaker: {
        enabled: cb.enabled === true,
        failureThreshold: cb.failureThreshold ?? 5,
        timeoutMs: ms(cb.timeout, 60_000),
      },
    },
    ...(opt
      ? {
          optimizer: {
            maxToolsToReturn: opt.maxToolsToReturn ?? 8,
            semanticRatio:
              opt.hybridSearchSemanticRatio !== undefined ? Number(opt.hybridSearchSemanticRatio) : 0.5,
            distanceThreshold:
              opt.semanticDistanceThreshold !== undefined ? Number(opt.semanticDistanceThreshold) : 1.0,
            embeddingProvider: opt.embeddingProvider ?? 'tei',
            ...(opt.embeddingService ? { embeddingService: opt.embeddingService } : {}),
            ...(opt.embeddingModel ? { embeddingModel: opt.embeddingModel } : {}),
            embeddingHeaders: opt.embeddingHeaders ?? {},
            embeddingTimeoutMs: ms(opt.embeddingServiceTimeout, 30_000),
            raw: opt,
          },
        }
      : {}),
    sessions: {
      provider: store?.provider ?? 'memory',
      ...(store?.address ? { address: store.address } : {}),
      db: store?.db ?? 0,
      keyPrefix: store?.keyPrefix ?? 'thv:vmcp:session:',
      ttlMs: DEFAULT_SESSION_TTL_MS,
      capacity: DEFAULT_SESSION_CAPACITY,
    },
    incomingAuth: {
      type: (cfg.incomingAuth?.type ?? 'anonymous') as 'anonymous' | 'local' | 'oidc',
      ...(cfg.incomingAuth?.oidc ? { oidc: cfg.incomingAuth.oidc } : {}),
      ...(cfg.incomingAuth?.authz && cfg.incomingAuth.authz.type !== 'none'
        ? { authz: cfg.incomingAuth.authz }
        : {}),
    },
    outgoingAuth: {
      source: (outgoing?.source ?? (backends.length > 0 ? 'inline' : 'discovered')) as
        | 'inline'
        | 'discovered',
      ...(outgoing?.default ? { default: resolveStrategy(outgoing.default) } : {}),
      backends: new Map(Object.entries(outgoing?.backends ?? {}).map(([k, v]) => [k, resolveStrategy(v)])),
    },
    passthroughHeaders: cfg.passthroughHeaders ?? [],
    ...(cfg.audit ? { audit: cfg.audit } : {}),
  };
}
