/**
 * `toolhive-ts proxyrunner run …`: the proxy runner process.
 *
 *   run [--k8s-pod-patch=JSON] IMAGE             ToolHive's invocation: RunConfig from
 *                                                /etc/runconfig/runconfig.json (or the other paths)
 *   run --config FILE                            an explicit RunConfig
 *   run --transport stdio [--port N] -- CMD ARGS…                    laptop mode: a local process
 *   run --transport streamable-http|sse --target URL [--port N]      laptop mode: a local URL
 *
 * `--config FILE` combines with `-- CMD…` or `--target URL`: the RunConfig's settings (port,
 * policies, sessions) then front the local process or URL instead of a pod.
 */
import { parseArgs } from 'node:util';
import type { RunConfig } from '../lib/runconfig/types.ts';
import { buildPolicyMiddlewares, type PolicyBuilder } from './chain/policy.ts';
import { type BackendChoice, chooseBackend, startBackend } from './config/backend.ts';
import {
  findRunConfigPath,
  normaliseRunConfig,
  readRunConfig,
  requestTimeoutMs,
  sessionTtlMs,
} from './config/runconfig.ts';
import { sessionStoreFor } from './config/sessions.ts';
import { createProxy } from './proxy.ts';
import { applyRuntimeFlags } from './runtime-flags.ts';

const USAGE = `Usage:
  toolhive-ts proxyrunner run [--k8s-pod-patch=JSON] IMAGE
  toolhive-ts proxyrunner run --config FILE [-- COMMAND ARGS… | --target URL]
  toolhive-ts proxyrunner run --transport stdio [--port N] [--host H] -- COMMAND ARGS…
  toolhive-ts proxyrunner run --transport streamable-http|sse --target URL [--port N]

Options:
  --config FILE        RunConfig JSON (default: ToolHive's paths, e.g. /etc/runconfig/runconfig.json)
  --transport T        stdio | sse | streamable-http (laptop mode)
  --target URL         a local MCP server URL to front (laptop mode)
  --port N             listen port (default 8080, or the RunConfig's)
  --host H             bind address (default 127.0.0.1, or the RunConfig's / TOOLHIVE_PROXY_HOST)
  --name NAME          server name for logs, audit and metrics
  --k8s-pod-patch=JSON pod template patch (ToolHive compatibility; the chart renders the pod)
  --grace-period S     seconds to let in-flight calls finish on SIGTERM (default 25)
  --debug              verbose logs`;

export interface RunDeps {
  /** Builds the policy chain from the RunConfig; the policy module provides it. */
  readonly buildMiddlewares?: PolicyBuilder;
  readonly env?: NodeJS.ProcessEnv;
  /** Where to look for a RunConfig when no --config is given. */
  readonly runConfigPaths?: readonly string[];
}

export async function run(argv: string[], deps: RunDeps = {}): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === 'help' || sub === '--help' || sub === '-h') {
    console.log(USAGE);
    return sub === undefined ? 2 : 0;
  }
  if (sub !== 'run') {
    console.error(`proxyrunner: unknown subcommand "${sub}"\n\n${USAGE}`);
    return 2;
  }
  applyRuntimeFlags();
  const dash = rest.indexOf('--');
  const flags = dash === -1 ? rest : rest.slice(0, dash);
  const command = dash === -1 ? [] : rest.slice(dash + 1);
  let parsed: ReturnType<typeof parseFlags>;
  try {
    parsed = parseFlags(flags);
  } catch (err) {
    console.error(`proxyrunner: ${err instanceof Error ? err.message : err}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const env = deps.env ?? process.env;

  let rc: RunConfig;
  const laptop = command.length > 0 || values.target !== undefined;
  const configPath = values.config ?? (laptop ? undefined : findRunConfigPath(deps.runConfigPaths));
  if (configPath !== undefined) {
    rc = readRunConfig(configPath);
  } else if (laptop) {
    rc = normaliseRunConfig({
      transport:
        (values.transport as RunConfig['transport'] | undefined) ??
        (command.length > 0 ? 'stdio' : 'streamable-http'),
    });
  } else {
    console.error(`proxyrunner: no RunConfig found and no local server given\n\n${USAGE}`);
    return 2;
  }
  // Explicit flags win over the file in laptop mode; ToolHive ignores them when a file is used.
  if (values.port !== undefined) rc.port = Number(values.port);
  if (values.host !== undefined) rc.host = values.host;
  else if (env.TOOLHIVE_PROXY_HOST) rc.host = env.TOOLHIVE_PROXY_HOST;
  if (values.name !== undefined) rc.name = values.name;
  if (positionals[0] !== undefined && !laptop) rc.image = positionals[0];
  if (values['k8s-pod-patch'] !== undefined) rc.k8s_pod_template_patch = values['k8s-pod-patch'];
  if (laptop && values.transport !== undefined) {
    rc.transport = values.transport as RunConfig['transport'];
    rc.proxy_mode = rc.transport === 'stdio' ? (rc.proxy_mode ?? 'streamable-http') : rc.transport;
  }
  if (!Number.isInteger(rc.port) || rc.port < 0 || rc.port > 65535) {
    console.error(`proxyrunner: invalid port ${rc.port}`);
    return 2;
  }

  const choice: BackendChoice = chooseBackend(rc, {
    command,
    target: values.target,
    transport: values.transport,
    env,
  });
  let liveSessions: (() => number) | undefined;
  const middlewares = await (deps.buildMiddlewares ?? buildPolicyMiddlewares)(rc, {
    activeSessions: () => liveSessions?.() ?? 0,
  });
  const backend = await startBackend(choice, rc, env);
  const proxy = createProxy({
    backend,
    middlewares,
    serverName: rc.name,
    sessionStore: sessionStoreFor(rc, env),
    sessionTtlMs: sessionTtlMs(rc),
    requestTimeoutMs: requestTimeoutMs(env),
    strictProtocolValidation: rc.strict_protocol_validation ?? false,
    stateless: rc.stateless ?? false,
    endpointPrefix: rc.endpoint_prefix ?? '',
    trustProxyHeaders: rc.trust_proxy_headers ?? false,
    allowedOrigins: rc.allowed_origins ?? [],
    maxBodyBytes: bodyLimit(rc),
  });
  liveSessions = () => proxy.sessions.localCount;
  const address = await proxy.listen(rc.port, rc.host);
  console.error(
    `proxying ${choice.description} at http://${formatHost(address.address)}:${address.port}/mcp ` +
      `(streamable HTTP) and /sse (legacy SSE)`,
  );

  const graceMs = Number(values['grace-period'] ?? '25') * 1000;
  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      console.error(`${signal}: draining in-flight calls (up to ${graceMs / 1000} s)`);
      proxy.shutdown(graceMs).then(
        (clean) => resolve(clean ? 0 : 1),
        (err: unknown) => {
          console.error(`shutdown failed: ${err instanceof Error ? err.message : err}`);
          resolve(1);
        },
      );
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
    backend.onFatal?.((reason) => {
      console.error(`backend lost for good: ${reason}`);
      stopping = true;
      proxy.shutdown(0).finally(() => resolve(1));
    });
  });
}

function parseFlags(flags: string[]) {
  return parseArgs({
    args: flags,
    allowPositionals: true,
    strict: true,
    options: {
      config: { type: 'string' },
      transport: { type: 'string' },
      target: { type: 'string' },
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      name: { type: 'string' },
      'k8s-pod-patch': { type: 'string' },
      'grace-period': { type: 'string' },
      'proxy-mode': { type: 'string' },
      foreground: { type: 'string' },
      debug: { type: 'boolean' },
    },
  });
}

function bodyLimit(rc: RunConfig): number | undefined {
  const m = rc.middleware_configs?.find((c) => c.type === 'bodylimit');
  const max = m?.parameters.max_bytes;
  return typeof max === 'number' && max > 0 ? max : undefined;
}

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
