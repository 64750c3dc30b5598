/** Kubernetes mode: the client config and the attach backend. */
import { KubeConfig } from '@kubernetes/client-node';
import type { RunConfig } from '../../lib/runconfig/types.ts';
import { AttachPipe } from '../backend/attach.ts';
import type { ProxyBackend } from '../proxy.ts';
import { StdioMultiplexer } from '../upstream/stdio-mux.ts';
import { currentNamespace } from './namespace.ts';

export function loadKubeConfig(env: NodeJS.ProcessEnv): KubeConfig {
  const kc = new KubeConfig();
  if (env.KUBERNETES_SERVICE_HOST) kc.loadFromCluster();
  else kc.loadFromDefault();
  return kc;
}

export async function startAttachBackend(
  rc: RunConfig,
  env: NodeJS.ProcessEnv,
  kubeConfig: KubeConfig = loadKubeConfig(env),
  namespace: string = currentNamespace(env),
): Promise<ProxyBackend> {
  const pipe = new AttachPipe({
    kubeConfig,
    namespace,
    labelSelector: `app=${rc.container_name || rc.name}`,
    container: 'mcp',
  });
  const mux = new StdioMultiplexer(pipe, { name: rc.name });
  await mux.start();
  return {
    kind: 'messages',
    handler: mux,
    transport: 'stdio',
    onFatal: (listener) => pipe.onFatal(listener),
  };
}
