/**
 * Semantic checks of a vMCP config beyond its schema (ToolHive's `config.DefaultValidator`):
 * backends, auth, aggregation strategy settings, timeouts and health checks, composite tools and
 * references between them. Each problem names the path to the field.
 */
import type {
  BackendAuthStrategy,
  CompositeToolConfig,
  VirtualMCPConfig,
} from '../../../lib/api/types.generated.ts';
import { validateCompositeTool } from './composite.ts';
import { parseDuration } from './duration.ts';
import { joinPath, type Problem } from './structure.ts';

const STRATEGY_TYPES = [
  'unauthenticated',
  'header_injection',
  'token_exchange',
  'upstream_inject',
  'aws_sts',
  'obo',
  'xaa',
];

const RESTRICTED_HEADERS = new Set([
  'authorization',
  'cookie',
  'proxy-authorization',
  'host',
  'connection',
  'content-length',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  'keep-alive',
  'mcp-session-id',
]);
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export interface ValidateOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
}

function duration(problems: Problem[], path: string, v: string | undefined, positive = true): void {
  if (v === undefined || v === '') return;
  const ms = parseDuration(v);
  if (ms === undefined) problems.push({ path, message: `invalid duration ${JSON.stringify(v)}` });
  else if (positive && ms <= 0) problems.push({ path, message: 'must be positive' });
}

function checkStrategy(
  problems: Problem[],
  path: string,
  s: BackendAuthStrategy,
  opts: ValidateOptions,
): void {
  if (!STRATEGY_TYPES.includes(s.type)) {
    problems.push({ path: joinPath(path, 'type'), message: `must be one of: ${STRATEGY_TYPES.join(', ')}` });
    return;
  }
  switch (s.type) {
    case 'header_injection': {
      const hi = s.headerInjection;
      if (!hi) {
        problems.push({
          path: joinPath(path, 'headerInjection'),
          message: 'is required when type is header_injection',
        });
        break;
      }
      if (!hi.headerName)
        problems.push({ path: joinPath(path, 'headerInjection.headerName'), message: 'is required' });
      if (hi.headerValue && hi.headerValueEnv) {
        problems.push({
          path: joinPath(path, 'headerInjection'),
          message: 'only one of headerValue or headerValueEnv must be set',
        });
      } else if (!hi.headerValue && !hi.headerValueEnv) {
        problems.push({
          path: joinPath(path, 'headerInjection'),
          message: 'either headerValue or headerValueEnv must be set',
        });
      } else if (hi.headerValueEnv && !opts.env[hi.headerValueEnv]) {
        problems.push({
          path: joinPath(path, 'headerInjection.headerValueEnv'),
          message: `environment variable ${hi.headerValueEnv} not set or empty`,
        });
      }
      break;
    }
    case 'token_exchange': {
      const te = s.tokenExchange;
      if (!te) {
        problems.push({
          path: joinPath(path, 'tokenExchange'),
          message: 'is required when type is token_exchange',
        });
        break;
      }
      if (!te.tokenUrl)
        problems.push({ path: joinPath(path, 'tokenExchange.tokenUrl'), message: 'is required' });
      if (te.clientSecret && te.clientSecretEnv) {
        problems.push({
          path: joinPath(path, 'tokenExchange'),
          message: 'only one of clientSecret or clientSecretEnv must be set',
        });
      }
      if (te.clientSecretEnv && !opts.env[te.clientSecretEnv]) {
        problems.push({
          path: joinPath(path, 'tokenExchange.clientSecretEnv'),
          message: `environment variable ${te.clientSecretEnv} not set`,
        });
      }
      break;
    }
    case 'upstream_inject':
      if (!s.upstreamInject?.providerName) {
        problems.push({
          path: joinPath(path, 'upstreamInject.providerName'),
          message: 'is required when type is upstream_inject',
        });
      }
      break;
    case 'aws_sts':
      if (!s.awsSts?.region)
        problems.push({ path: joinPath(path, 'awsSts.region'), message: 'is required when type is aws_sts' });
      break;
    case 'obo':
      if (!s.obo?.tokenUrl)
        problems.push({ path: joinPath(path, 'obo.tokenUrl'), message: 'is required when type is obo' });
      break;
    case 'xaa':
      for (const f of ['idpTokenUrl', 'targetTokenUrl', 'targetAudience'] as const) {
        if (!s.xaa?.[f])
          problems.push({ path: joinPath(path, `xaa.${f}`), message: 'is required when type is xaa' });
      }
      break;
    default:
      break;
  }
}

/** Backend name of a composite step's tool reference (`<backend>.<tool>`), if it has one. */
export function toolRefBackend(tool: string): string | undefined {
  const dot = tool.indexOf('.');
  return dot > 0 ? tool.slice(0, dot) : undefined;
}

export function validateConfig(cfg: VirtualMCPConfig, opts: ValidateOptions): Problem[] {
  const problems: Problem[] = [];
  const backends = cfg.backends ?? [];
  const backendNames = new Set<string>();
  backends.forEach((b, i) => {
    const p = joinPath('backends', i);
    if (backendNames.has(b.name))
      problems.push({ path: joinPath(p, 'name'), message: `duplicate backend name "${b.name}"` });
    backendNames.add(b.name);
    if (b.type !== undefined && b.type !== '' && b.type !== 'entry') {
      problems.push({ path: joinPath(p, 'type'), message: `must be empty or "entry", got "${b.type}"` });
    }
    if (b.caBundlePath !== undefined && b.caBundlePath !== '') {
      if (b.type !== 'entry')
        problems.push({ path: joinPath(p, 'caBundlePath'), message: 'is only valid when type is "entry"' });
      else if (!b.caBundlePath.startsWith('/'))
        problems.push({ path: joinPath(p, 'caBundlePath'), message: 'must be an absolute path' });
      else if (b.caBundlePath.includes('\0') || b.caBundlePath.split('/').includes('..')) {
        problems.push({ path: joinPath(p, 'caBundlePath'), message: 'contains invalid path characters' });
      }
    }
  });
  const staticMode = backends.length > 0;

  // Incoming auth.
  const inc = cfg.incomingAuth;
  if (inc) {
    if (!['anonymous', 'local', 'oidc'].includes(inc.type)) {
      problems.push({ path: 'incomingAuth.type', message: 'must be one of: anonymous, local, oidc' });
    }
    if (inc.type === 'oidc') {
      if (!inc.oidc) problems.push({ path: 'incomingAuth.oidc', message: "is required when type is 'oidc'" });
      else {
        if (!inc.oidc.issuer) problems.push({ path: 'incomingAuth.oidc.issuer', message: 'is required' });
        if (!inc.oidc.audience) problems.push({ path: 'incomingAuth.oidc.audience', message: 'is required' });
        if (inc.oidc.caBundlePath && !inc.oidc.caBundlePath.startsWith('/')) {
          problems.push({ path: 'incomingAuth.oidc.caBundlePath', message: 'must be an absolute path' });
        }
      }
    }
    if (inc.authz) {
      // ToolHive's runtime says cedar; its operator writes cedarv1 into the ConfigMap.
      if (!['cedar', 'cedarv1', 'none'].includes(inc.authz.type)) {
        problems.push({ path: 'incomingAuth.authz.type', message: 'must be one of: cedar, none' });
      } else if (inc.authz.type !== 'none' && (inc.authz.policies ?? []).length === 0) {
        problems.push({ path: 'incomingAuth.authz.policies', message: "are required when type is 'cedar'" });
      }
    }
  }

  // Outgoing auth.
  const out = cfg.outgoingAuth;
  if (out) {
    if (!['inline', 'discovered'].includes(out.source)) {
      problems.push({ path: 'outgoingAuth.source', message: 'must be one of: inline, discovered' });
    }
    if (out.default) checkStrategy(problems, 'outgoingAuth.default', out.default, opts);
    for (const [name, s] of Object.entries(out.backends ?? {})) {
      checkStrategy(problems, joinPath('outgoingAuth.backends', name), s, opts);
      if (staticMode && !backendNames.has(name)) {
        problems.push({
          path: joinPath('outgoingAuth.backends', name),
          message: `names no backend in backends`,
        });
      }
    }
  }

  // Aggregation.
  const agg = cfg.aggregation;
  if (agg) {
    const strategy = agg.conflictResolution ?? 'prefix';
    const crc = agg.conflictResolutionConfig;
    if (strategy === 'prefix' && crc?.prefixFormat === '') {
      problems.push({
        path: 'aggregation.conflictResolutionConfig.prefixFormat',
        message: 'is required for prefix strategy',
      });
    }
    if (strategy === 'priority' && (crc?.priorityOrder ?? []).length === 0) {
      problems.push({
        path: 'aggregation.conflictResolutionConfig.priorityOrder',
        message: 'is required when conflictResolution is priority',
      });
    }
    if (strategy === 'manual' && (agg.tools ?? []).length === 0) {
      problems.push({
        path: 'aggregation.tools',
        message: 'tool overrides are required for manual strategy',
      });
    }
    const seen = new Set<string>();
    const listed = new Set((agg.tools ?? []).map((t) => t.workload));
    (agg.tools ?? []).forEach((t, i) => {
      const p = joinPath('aggregation.tools', i);
      if (seen.has(t.workload))
        problems.push({
          path: joinPath(p, 'workload'),
          message: `duplicate workload configuration: ${t.workload}`,
        });
      seen.add(t.workload);
      if (staticMode && t.workload && !backendNames.has(t.workload)) {
        problems.push({
          path: joinPath(p, 'workload'),
          message: `names no backend in backends: "${t.workload}"`,
        });
      }
      for (const [tool, o] of Object.entries(t.overrides ?? {})) {
        if (!o.name && !o.description && !o.annotations) {
          problems.push({
            path: joinPath(joinPath(p, 'overrides'), tool),
            message: 'at least one of name or description must be specified',
          });
        }
      }
    });
    if (agg.defaultToolVisibility === 'deny' && strategy === 'priority') {
      for (const w of crc?.priorityOrder ?? []) {
        // A backend the static list does not have cannot win a conflict.
        if (staticMode && !backendNames.has(w)) continue;
        if (!listed.has(w)) {
          problems.push({
            path: 'aggregation.conflictResolutionConfig.priorityOrder',
            message:
              `defaultToolVisibility deny with priority strategy: priorityOrder entry "${w}" has no tools entry; ` +
              'it could win a name conflict and then be withheld, hiding the tool entirely',
          });
        }
      }
    }
  }

  // Operational.
  const op = cfg.operational;
  duration(problems, 'operational.timeouts.default', op?.timeouts?.default);
  for (const [w, d] of Object.entries(op?.timeouts?.perWorkload ?? {})) {
    duration(problems, joinPath('operational.timeouts.perWorkload', w), d);
  }
  const fh = op?.failureHandling;
  duration(problems, 'operational.failureHandling.healthCheckInterval', fh?.healthCheckInterval);
  duration(problems, 'operational.failureHandling.healthCheckTimeout', fh?.healthCheckTimeout, false);
  duration(problems, 'operational.failureHandling.statusReportingInterval', fh?.statusReportingInterval);
  duration(problems, 'operational.failureHandling.circuitBreaker.timeout', fh?.circuitBreaker?.timeout);
  if (fh?.unhealthyThreshold !== undefined && fh.unhealthyThreshold < 1) {
    problems.push({ path: 'operational.failureHandling.unhealthyThreshold', message: 'must be positive' });
  }
  const interval = parseDuration(fh?.healthCheckInterval ?? '30s');
  const timeout = parseDuration(fh?.healthCheckTimeout ?? '10s');
  if (interval !== undefined && timeout !== undefined && timeout > 0 && timeout >= interval) {
    problems.push({
      path: 'operational.failureHandling.healthCheckTimeout',
      message: 'must be less than healthCheckInterval to prevent checks from queuing up',
    });
  }
  const cb = fh?.circuitBreaker;
  if (cb?.timeout !== undefined) {
    const ms = parseDuration(cb.timeout);
    if (ms !== undefined && ms > 0 && ms < 1000) {
      problems.push({
        path: 'operational.failureHandling.circuitBreaker.timeout',
        message: 'must be >= 1s to prevent thrashing',
      });
    }
  }

  // Composite tools.
  const names = new Set<string>();
  (cfg.compositeTools ?? []).forEach((tool: CompositeToolConfig, i) => {
    const p = joinPath('compositeTools', i);
    if (tool.name && names.has(tool.name)) {
      problems.push({ path: joinPath(p, 'name'), message: `duplicate composite tool name: "${tool.name}"` });
    }
    if (tool.name) names.add(tool.name);
    validateCompositeTool(tool, p, problems);
    if (staticMode) {
      tool.steps?.forEach((s, j) => {
        const refs: Array<[string, string | undefined]> = [
          [joinPath(joinPath(joinPath(p, 'steps'), j), 'tool'), s.tool],
        ];
        const inner = s.step as { tool?: unknown } | undefined;
        if (typeof inner?.tool === 'string') {
          refs.push([joinPath(joinPath(joinPath(joinPath(p, 'steps'), j), 'step'), 'tool'), inner.tool]);
        }
        for (const [rp, ref] of refs) {
          const backend = ref ? toolRefBackend(ref) : undefined;
          if (ref && backend && !backendNames.has(backend)) {
            problems.push({
              path: rp,
              message: `unknown tool reference "${ref}": no backend named "${backend}"`,
            });
          }
        }
      });
    }
  });
  const refNames = new Set<string>();
  (cfg.compositeToolRefs ?? []).forEach((r, i) => {
    const p = joinPath('compositeToolRefs', i);
    if (!r.name) problems.push({ path: joinPath(p, 'name'), message: 'is required' });
    else if (refNames.has(r.name))
      problems.push({ path: joinPath(p, 'name'), message: `duplicate composite tool reference: ${r.name}` });
    refNames.add(r.name);
  });

  // Passthrough headers.
  (cfg.passthroughHeaders ?? []).forEach((h, i) => {
    const p = joinPath('passthroughHeaders', i);
    if (h === '') problems.push({ path: p, message: 'header name must not be empty' });
    else if (!HEADER_NAME.test(h))
      problems.push({ path: p, message: `invalid header name ${JSON.stringify(h)}` });
    else if (RESTRICTED_HEADERS.has(h.toLowerCase())) {
      problems.push({ path: p, message: `"${h}" is a restricted header and cannot be forwarded` });
    }
  });

  // Optimizer.
  const o = cfg.optimizer;
  if (o) {
    duration(problems, 'optimizer.embeddingServiceTimeout', o.embeddingServiceTimeout);
    const ratio = o.hybridSearchSemanticRatio;
    if (ratio !== undefined && !(Number(ratio) >= 0 && Number(ratio) <= 1)) {
      problems.push({ path: 'optimizer.hybridSearchSemanticRatio', message: 'must be between 0.0 and 1.0' });
    }
    const dist = o.semanticDistanceThreshold;
    if (dist !== undefined && !(Number(dist) >= 0 && Number(dist) <= 2)) {
      problems.push({ path: 'optimizer.semanticDistanceThreshold', message: 'must be between 0 and 2' });
    }
    if (o.embeddingProvider === 'openai' && !o.embeddingModel) {
      problems.push({
        path: 'optimizer.embeddingModel',
        message: 'is required when embeddingProvider is openai',
      });
    }
  }

  // Session storage.
  if (cfg.sessionStorage?.provider === 'redis' && !cfg.sessionStorage.address) {
    problems.push({ path: 'sessionStorage.address', message: 'is required when provider is redis' });
  }

  // Code mode runs Starlark scripts (ToolHive embeds go.starlark.net). There is no maintained
  // Starlark implementation for Node.js, and a script sandbox that only looked like Starlark
  // would run clients' scripts differently; refuse rather than serve without the tool.
  if (cfg.codeMode?.enabled === true) {
    problems.push({
      path: 'codeMode.enabled',
      message:
        'code mode (the execute_tool_script tool running Starlark scripts) is not supported by toolhive-ts; ' +
        'set codeMode.enabled to false or remove codeMode',
    });
  }

  // Rate limiting: the buckets live in the session store's Redis, and per-user buckets need a
  // real user (the VirtualMCPServer CRD's rules, checked here for hand-written configs too).
  const rl = cfg.rateLimiting;
  if (rl) {
    if (cfg.sessionStorage?.provider !== 'redis') {
      problems.push({ path: 'rateLimiting', message: "requires sessionStorage with provider 'redis'" });
    }
    if (!rl.shared && !rl.perUser && !(rl.tools && rl.tools.length > 0)) {
      problems.push({
        path: 'rateLimiting',
        message: 'at least one of shared, perUser, or tools must be configured',
      });
    }
    const buckets: Array<[string, { maxTokens: number; refillPeriod: string } | undefined]> = [
      ['rateLimiting.shared', rl.shared],
      ['rateLimiting.perUser', rl.perUser],
    ];
    (rl.tools ?? []).forEach((t, i) => {
      const path = joinPath('rateLimiting.tools', i);
      if (!t.shared && !t.perUser)
        problems.push({
          path,
          message: `tool "${t.name}": at least one of shared or perUser must be configured`,
        });
      buckets.push([joinPath(path, 'shared'), t.shared], [joinPath(path, 'perUser'), t.perUser]);
    });
    for (const [path, b] of buckets) {
      if (!b) continue;
      if (!Number.isInteger(b.maxTokens) || b.maxTokens < 1)
        problems.push({ path: joinPath(path, 'maxTokens'), message: 'must be an integer >= 1' });
      duration(problems, joinPath(path, 'refillPeriod'), b.refillPeriod);
    }
    const perUser = rl.perUser !== undefined || (rl.tools ?? []).some((t) => t.perUser !== undefined);
    if (perUser && inc?.type !== 'oidc') {
      problems.push({
        path: 'rateLimiting.perUser',
        message: 'per-user rate limits require incomingAuth.type oidc',
      });
    }
  }
  return problems;
}
