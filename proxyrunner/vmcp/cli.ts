/**
 * `toolhive-ts vmcp serve --config=FILE [--host=H] [--port=P] [--session-ttl=D] [--debug]` and
 * `toolhive-ts vmcp validate --config=FILE`: ToolHive's `vmcp` invocation (dataplane §4.1).
 */

import { loadVmcpAuthServer } from '../authserver/vmcp.ts';
import { applyRuntimeFlags } from '../runtime-flags.ts';
import { parseDuration } from './config/duration.ts';
import { ConfigError, loadConfigFile } from './config/load.ts';
import type { KubePort } from './discovery/kube-port.ts';
import { type RunningVmcp, startVmcp } from './server/serve.ts';

interface Flags {
  readonly positional: string[];
  readonly values: Map<string, string>;
}

function parseFlags(argv: readonly string[]): Flags {
  const positional: string[] = [];
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    if (eq !== -1) values.set(a.slice(2, eq), a.slice(eq + 1));
    else if (['debug', 'enable-audit', 'help'].includes(a.slice(2))) values.set(a.slice(2), 'true');
    else values.set(a.slice(2), argv[++i] ?? '');
  }
  return { positional, values };
}

const USAGE = `Usage:
  toolhive-ts vmcp serve --config=FILE [--host=127.0.0.1] [--port=4483] [--session-ttl=30m] [--session-capacity=1000] [--enable-audit] [--debug]
  toolhive-ts vmcp validate --config=FILE`;

export interface CliDeps {
  /**
   * Kubernetes API access for the VirtualMCPServer this process serves (from `VMCP_NAMESPACE` and
   * `VMCP_NAME`, which the operator sets), or undefined outside a cluster.
   */
  readonly kube?: () => { client: KubePort; namespace: string; name: string } | undefined;
}

export async function run(argv: string[], deps: CliDeps = {}): Promise<number> {
  const { positional, values } = parseFlags(argv);
  const sub = positional[0];
  const config = values.get('config');
  if (values.has('help') || (sub !== 'serve' && sub !== 'validate')) {
    console.log(USAGE);
    return values.has('help') ? 0 : 2;
  }
  if (!config) {
    console.error(`vmcp ${sub}: --config is required\n\n${USAGE}`);
    return 2;
  }
  let settings: ReturnType<typeof loadConfigFile>;
  try {
    settings = loadConfigFile(config);
  } catch (err) {
    console.error(err instanceof ConfigError ? err.message : String(err));
    return 1;
  }
  if (sub === 'validate') {
    console.log(`config ${config} is valid`);
    return 0;
  }
  applyRuntimeFlags();
  const kube = deps.kube?.();
  if (settings.staticBackends.length === 0 && !kube) {
    console.error(
      'vmcp serve: the config lists no backends; discovering them from the group needs the Kubernetes API ' +
        '(VMCP_NAMESPACE and VMCP_NAME, set by the operator, and in-cluster or KUBECONFIG credentials)',
    );
    return 1;
  }
  const port = Number(values.get('port') ?? '4483');
  const ttl = values.get('session-ttl');
  const ttlMs = ttl ? parseDuration(ttl) : undefined;
  const capacity = values.has('session-capacity') ? Number(values.get('session-capacity')) : undefined;
  if (
    !Number.isInteger(port) ||
    port < 0 ||
    port > 65535 ||
    (ttl && (ttlMs === undefined || ttlMs <= 0)) ||
    (capacity !== undefined && !(Number.isInteger(capacity) && capacity > 0))
  ) {
    console.error(`vmcp serve: bad --port, --session-ttl or --session-capacity\n\n${USAGE}`);
    return 2;
  }
  const debug = values.has('debug') || settings.operational.debug;
  let authServer: Awaited<ReturnType<typeof loadVmcpAuthServer>>;
  try {
    authServer = await loadVmcpAuthServer(config, {
      name: settings.name,
      ...(process.env.VMCP_NAMESPACE ? { namespace: process.env.VMCP_NAMESPACE } : {}),
    });
  } catch (err) {
    console.error(`vmcp serve: embedded authorization server: ${err instanceof Error ? err.message : err}`);
    return 1;
  }
  let vmcp: RunningVmcp;
  try {
    vmcp = await startVmcp(settings, {
      ...(authServer ? { authServer } : {}),
      host: values.get('host') ?? '127.0.0.1',
      port,
      ...(ttlMs !== undefined ? { sessionTtlMs: ttlMs } : {}),
      ...(capacity !== undefined ? { sessionCapacity: capacity } : {}),
      enableAudit: values.has('enable-audit'),
      ...(kube ? { kube } : {}),
      log: (m) => {
        if (debug || !m.startsWith('debug:')) console.error(`vmcp: ${m}`);
      },
    });
  } catch (err) {
    console.error(`vmcp serve: ${err instanceof Error ? err.message : err}`);
    return 1;
  }
  console.error(
    `vmcp: ${settings.name} serving ${vmcp.url} with ${settings.staticBackends.length} static backends`,
  );
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      resolve();
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
  await vmcp.close();
  return 0;
}
