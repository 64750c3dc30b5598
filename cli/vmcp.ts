/**
 * `toolhive-ts vmcp …`: the Virtual MCP server command, given the operator's Kubernetes client
 * when it runs for a VirtualMCPServer (the operator sets `VMCP_NAMESPACE` and `VMCP_NAME`; the
 * pod's service account, or KUBECONFIG outside a pod, grants access).
 */
import { KubeConfig } from '@kubernetes/client-node';
import { ClientNodeKubeClient } from '../operator/kube/client-node.ts';
import { run as runVmcp } from '../proxyrunner/vmcp/cli.ts';

export function run(argv: string[]): Promise<number> {
  return runVmcp(argv, {
    kube: () => {
      const namespace = process.env.VMCP_NAMESPACE;
      const name = process.env.VMCP_NAME;
      if (!namespace || !name) return undefined;
      const kc = new KubeConfig();
      kc.loadFromDefault();
      return { client: new ClientNodeKubeClient(kc, { userAgent: 'toolhive-ts-vmcp' }), namespace, name };
    },
  });
}
