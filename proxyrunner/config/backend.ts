/**
 * Which backend a proxy runner fronts, from the RunConfig and the laptop-mode flags, and
 * starting it:
 *
 * - `-- COMMAND ARGS…`: a local child process over stdio, restarted when it dies;
 * - `--target URL`: a local MCP server over HTTP;
 * - `remote_url`: a remote MCP server (MCPRemoteProxy);
 * - `transport: stdio` in a cluster: the MCP server pod's stdin/stdout via the attach API;
 * - `transport: sse|streamable-http` in a cluster: the pods behind `mcp-<name>-headless`.
 */
import type { RunConfig } from '../../lib/runconfig/types.ts';
import { ChildPipe } from '../backend/child.ts';
import { childEnvironment } from '../backend/child-env.ts';
import { pingSettingsFromEnv, remoteHealthChecksEnabled } from '../backend/ping-monitor.ts';
import { dnsResolver, FixedTarget, guardedLookup, PodTarget, validateRemoteUrl } from '../backend/targets.ts';
import type { ProxyBackend } from '../proxy.ts';
import { HttpBackendForwarder } from '../upstream/http-forward.ts';
import { StdioMultiplexer } from '../upstream/stdio-mux.ts';
import { resolveHeaderForward } from './header-forward.ts';
import { currentNamespace } from './namespace.ts';

export type BackendChoice =
  | {
      readonly kind: 'child';
      readonly command: string;
      readonly args: readonly string[];
      readonly description: string;
    }
  | {
      readonly kind: 'local-url';
      readonly url: string;
      readonly transport: 'sse' | 'streamable-http';
      readonly description: string;
    }
  | {
      readonly kind: 'remote';
      readonly url: string;
      readonly transport: 'sse' | 'streamable-http';
      readonly description: string;
    }
  | { readonly kind: 'attach'; readonly description: string }
  | {
      readonly kind: 'pods';
      readonly transport: 'sse' | 'streamable-http';
      readonly headlessHost: string;
      readonly serviceHost: string;
      readonly port: number;
      readonly description: string;
    };

export interface LaptopFlags {
  readonly command: readonly string[];
  readonly target?: string;
  readonly transport?: string;
  readonly env: NodeJS.ProcessEnv;
}

function httpTransport(t: string | undefined): 'sse' | 'streamable-http' {
  return t === 'sse' ? 'sse' : 'streamable-http';
}

export function chooseBackend(rc: RunConfig, flags: LaptopFlags): BackendChoice {
  if (flags.command.length > 0) {
    const [command, ...args] = flags.command;
    return { kind: 'child', command: command!, args, description: flags.command.join(' ') };
  }
  if (flags.target !== undefined) {
    const url = new URL(flags.target).toString();
    return {
      kind: 'local-url',
      url,
      transport: httpTransport(flags.transport ?? rc.transport),
      description: url,
    };
  }
  if (rc.remote_url) {
    return {
      kind: 'remote',
      url: rc.remote_url,
      transport: httpTransport(rc.transport),
      description: rc.remote_url,
    };
  }
  if (rc.transport === 'stdio') {
    return { kind: 'attach', description: `pod app=${rc.name} (stdio via attach)` };
  }
  const port = rc.target_port ?? 8080;
  return {
    kind: 'pods',
    transport: httpTransport(rc.transport),
    headlessHost: `mcp-${rc.name}-headless`,
    serviceHost: `mcp-${rc.name}`,
    port,
    description: `pods of mcp-${rc.name}-headless:${port}`,
  };
}

function warn(msg: string): void {
  console.error(`proxyrunner: ${msg}`);
}

export async function startBackend(
  choice: BackendChoice,
  rc: RunConfig,
  env: NodeJS.ProcessEnv,
): Promise<ProxyBackend> {
  switch (choice.kind) {
    case 'child': {
      const pipe = new ChildPipe({
        command: choice.command,
        args: choice.args,
        // The proxy's environment without its own credentials, plus env_vars.
        baseEnv: childEnvironment(env, rc),
      });
      const mux = new StdioMultiplexer(pipe, { name: rc.name });
      await mux.start();
      return { kind: 'messages', handler: mux, transport: 'stdio' };
    }
    case 'local-url': {
      const forwarder = new HttpBackendForwarder({
        target: new FixedTarget(choice.url, false),
        transport: choice.transport,
        healthCheck: pingSettingsFromEnv(env, warn),
        log: warn,
      });
      // A local server also gets the other client transport, spoken at the message level (the
      // SDK client transports it uses are loaded only here).
      const { HttpClientHandler } = await import('../upstream/http-client.ts');
      const crossTransport = new HttpClientHandler({ url: choice.url, transport: choice.transport });
      return {
        kind: 'http',
        forwarder,
        crossTransport,
        transport: choice.transport,
        onFatal: (l) => forwarder.onFatal(l),
      };
    }
    case 'remote': {
      const allowPrivate = rc.allow_private_endpoint ?? false;
      const problem = validateRemoteUrl(choice.url, allowPrivate);
      if (problem !== undefined) throw new Error(problem);
      const forwarder = new HttpBackendForwarder({
        target: new FixedTarget(choice.url, true),
        transport: choice.transport,
        addHeaders: resolveHeaderForward(rc.header_forward, env),
        lookup: guardedLookup(allowPrivate) as never,
        // ToolHive checks remote servers only when asked to.
        ...(remoteHealthChecksEnabled(env) ? { healthCheck: pingSettingsFromEnv(env, warn) } : {}),
        log: warn,
      });
      return { kind: 'http', forwarder, transport: choice.transport, onFatal: (l) => forwarder.onFatal(l) };
    }
    case 'pods': {
      const namespace = currentNamespace(env);
      const qualify = (host: string) => (namespace ? `${host}.${namespace}.svc` : host);
      const forwarder = new HttpBackendForwarder({
        target: new PodTarget({
          resolve: dnsResolver(qualify(choice.headlessHost)),
          port: choice.port,
          fallbackHost: qualify(choice.serviceHost),
          description: choice.description,
        }),
        transport: choice.transport,
        healthCheck: pingSettingsFromEnv(env, warn),
        log: warn,
      });
      return { kind: 'http', forwarder, transport: choice.transport, onFatal: (l) => forwarder.onFatal(l) };
    }
    case 'attach': {
      // The Kubernetes client is large; only the attach backend needs it, so load it on demand.
      const { startAttachBackend } = await import('./kube.ts');
      return startAttachBackend(rc, env);
    }
  }
}
