/**
 * Container images. One toolhive-ts image carries the operator, the proxy runner and the vMCP
 * server (`toolhive-ts operator`, `toolhive-ts proxyrunner run`, `toolhive-ts vmcp serve`); its
 * entrypoint is `toolhive-ts`, so each container's args start with the subcommand.
 */

/** Kept equal to package.json's version by a test. */
export const TOOLHIVE_TS_VERSION = '0.1.0';

export const DEFAULT_IMAGE = `ghcr.io/toolhive-ts/toolhive-ts:v${TOOLHIVE_TS_VERSION}`;
/** ToolHive's registry API server (a separate project); the chart version ToolHive pins. */
export const DEFAULT_REGISTRY_API_IMAGE = 'ghcr.io/stacklok/thv-registry-api:v1.3.0';
export const PGPASS_INIT_IMAGE = 'cgr.dev/chainguard/busybox:latest';

export interface Images {
  /** Image of the proxy-runner containers (MCPServer, MCPRemoteProxy). */
  readonly proxyRunner: string;
  /** Image of the Virtual MCP server container. */
  readonly vmcp: string;
  /** Image of the MCPRegistry API server. */
  readonly registryApi: string;
  /** Image of the operator Deployment. */
  readonly operator: string;
}

export const DEFAULT_IMAGES: Images = {
  proxyRunner: DEFAULT_IMAGE,
  vmcp: DEFAULT_IMAGE,
  registryApi: DEFAULT_REGISTRY_API_IMAGE,
  operator: DEFAULT_IMAGE,
};

export function resolveImages(overrides: Partial<Images> = {}): Images {
  return { ...DEFAULT_IMAGES, ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v)) };
}
