/** Kubernetes mode: the namespace we run in, the client config, and the attach backend. */
import { existsSync, readFileSync } from 'node:fs';
import { KubeConfig } from '@kubernetes/client-node';
import type { RunConfig } from '../../lib/runconfig/types.ts';
import { AttachPipe } from '../backend/attach.ts';
import type { ProxyBackend } from '../proxy.ts';
import { StdioMultiplexer } from '../upstream/stdio-mux.ts';

const SA_NAMESPACE = '/var/run/secrets/kubernetes.io/serviceaccount/namespace';

/** The service account's namespace, else `POD_NAMESPACE`, else `default` (ToolHive's order). */
export function currentNamespace(env: NodeJS.ProcessEnv): string {
  if (existsSync(SA_NAMESPACE)) {
    const ns = readFileSync(SA_NAMESPACE, 'utf8').trim();
    if (ns !== '') return ns;
  }
  return env.POD_NAMESPACE || 'default';
}

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
