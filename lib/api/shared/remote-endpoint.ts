/** Fields of the kinds that point at a remote MCP server by URL (MCPRemoteProxy, MCPServerEntry). */
import { boolean, string } from '../../schema/dsl.ts';

export function remoteUrl(description: string) {
  return string({ pattern: '^https?://', description });
}

/**
 * The SSRF guard switch. Private ranges and *.cluster.local are refused unless this is set;
 * loopback, link-local, cloud metadata and kubernetes.default are refused always.
 */
export function allowPrivateEndpoint() {
  return boolean({
    default: false,
    description:
      'Allow remoteUrl to name a private or in-cluster address (RFC 1918, IPv6 unique-local, ' +
      '*.cluster.local). Loopback, link-local, cloud metadata and kubernetes.default stay blocked.',
  });
}
