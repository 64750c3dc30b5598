/**
 * In-memory rendering: what the operator calls on every reconcile and what `toolhive-ts render`
 * runs. Each call builds a fresh cdk8s `App`, adds one chart and returns `chart.toJson()`: plain
 * JSON objects, nothing written to disk, byte-identical for identical input.
 */
import { App, type Chart } from 'cdk8s';
import type { KubeObject } from '../lib/api/meta.ts';
import { ResolveError } from '../lib/resolve/resolve.ts';
import type { ObjectSource } from '../lib/resolve/source.ts';
import {
  resolveMcpRemoteProxy,
  resolveMcpServer,
  resolveVirtualMcpServer,
} from '../lib/resolve/workloads.ts';
import type {
  EmbeddingServerResource,
  MCPRegistryResource,
  MCPRemoteProxyResource,
  MCPServerResource,
  VirtualMCPServerResource,
} from '../lib/workload/kinds.ts';
import { EmbeddingServerChart, type EmbeddingServerChartProps } from './embedding-server-chart.ts';
import { McpRemoteProxyChart, type McpRemoteProxyChartProps } from './mcp-remote-proxy-chart.ts';
import { McpServerChart, type McpServerChartProps } from './mcp-server-chart.ts';
import { RegistryChart, type RegistryChartProps } from './registry-chart.ts';
import type { RenderOptions } from './shared/options.ts';
import { VirtualMcpChart, type VirtualMcpChartProps } from './virtual-mcp-chart.ts';

/** Builds one chart in a fresh App and returns its objects as JSON. */
export function renderChart(build: (app: App) => Chart): KubeObject[] {
  const app = new App({ outdir: 'unused' });
  return build(app).toJson() as KubeObject[];
}

export function renderMcpServer(props: McpServerChartProps): KubeObject[] {
  return renderChart((app) => new McpServerChart(app, props.server.metadata.name ?? 'mcpserver', props));
}

export function renderMcpRemoteProxy(props: McpRemoteProxyChartProps): KubeObject[] {
  return renderChart(
    (app) => new McpRemoteProxyChart(app, props.proxy.metadata.name ?? 'mcpremoteproxy', props),
  );
}

export function renderVirtualMcpServer(props: VirtualMcpChartProps): KubeObject[] {
  return renderChart((app) => new VirtualMcpChart(app, props.server.metadata.name ?? 'vmcp', props));
}

export function renderRegistry(props: RegistryChartProps): KubeObject[] {
  return renderChart((app) => new RegistryChart(app, props.registry.metadata.name ?? 'registry', props));
}

export function renderEmbeddingServer(props: EmbeddingServerChartProps): KubeObject[] {
  return renderChart(
    (app) => new EmbeddingServerChart(app, props.server.metadata.name ?? 'embedding', props),
  );
}

/** A workload kind the renderer knows: how to resolve it and how to render the resolved spec. */
interface WorkloadRenderer {
  render(obj: KubeObject, source: ObjectSource, namespace: string, opts: RenderOptions): KubeObject[];
}

const RENDERERS: Record<string, WorkloadRenderer> = {
  MCPServer: {
    render(obj, source, namespace, opts) {
      const server = obj as unknown as MCPServerResource;
      const resolved = resolveMcpServer(server, source, namespace);
      return renderMcpServer({ ...opts, server, resolved });
    },
  },
  MCPRemoteProxy: {
    render(obj, source, namespace, opts) {
      const proxy = obj as unknown as MCPRemoteProxyResource;
      const resolved = resolveMcpRemoteProxy(proxy, source, namespace);
      return renderMcpRemoteProxy({ ...opts, proxy, resolved });
    },
  },
  VirtualMCPServer: {
    render(obj, source, namespace, opts) {
      const server = obj as unknown as VirtualMCPServerResource;
      const resolved = resolveVirtualMcpServer(server, source, namespace);
      return renderVirtualMcpServer({ ...opts, server, resolved });
    },
  },
  MCPRegistry: {
    render(obj, _source, namespace, opts) {
      return renderRegistry({ ...opts, registry: obj as unknown as MCPRegistryResource, namespace });
    },
  },
  EmbeddingServer: {
    render(obj, _source, namespace, opts) {
      return renderEmbeddingServer({ ...opts, server: obj as unknown as EmbeddingServerResource, namespace });
    },
  },
};

/** The kinds `renderWorkload` can render. */
export function renderableKinds(): string[] {
  return Object.keys(RENDERERS).sort();
}

export interface WorkloadRender {
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  readonly objects: KubeObject[];
}

export interface RenderFailure {
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  /** One line per problem; reference problems carry their field path. */
  readonly problems: readonly string[];
}

/**
 * Renders one workload custom resource, resolving its references from `source`. Throws a
 * `ResolveError` for missing references and an `Error` for anything else that cannot render.
 */
export function renderWorkload(
  obj: KubeObject,
  source: ObjectSource,
  opts: RenderOptions & { readonly namespace?: string } = {},
): KubeObject[] {
  const renderer = RENDERERS[obj.kind];
  if (!renderer)
    throw new Error(`${obj.kind} is not a workload kind (renderable: ${renderableKinds().join(', ')})`);
  const namespace = obj.metadata.namespace ?? opts.namespace ?? 'default';
  const withNs = { ...obj, metadata: { ...obj.metadata, namespace } } as KubeObject;
  return renderer.render(withNs, source, namespace, opts);
}

/**
 * Renders every workload in `objects`, resolving references among them: what `render` prints.
 * Workloads are rendered in input order; failures are collected, not thrown.
 */
export function renderAll(
  objects: readonly KubeObject[],
  source: ObjectSource,
  opts: RenderOptions & { readonly namespace?: string } = {},
): { rendered: WorkloadRender[]; failures: RenderFailure[] } {
  const rendered: WorkloadRender[] = [];
  const failures: RenderFailure[] = [];
  for (const obj of objects) {
    if (!RENDERERS[obj.kind]) continue;
    const name = obj.metadata.name ?? '';
    const namespace = obj.metadata.namespace ?? opts.namespace ?? 'default';
    try {
      rendered.push({ kind: obj.kind, name, namespace, objects: renderWorkload(obj, source, opts) });
    } catch (err) {
      const problems =
        err instanceof ResolveError
          ? err.problems.map((p) => `${p.path}: ${p.message}`)
          : [err instanceof Error ? err.message : String(err)];
      failures.push({ kind: obj.kind, name, namespace, problems });
    }
  }
  return { rendered, failures };
}
