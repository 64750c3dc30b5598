/** The namespace the proxy runs in. */
import { existsSync, readFileSync } from 'node:fs';

const SA_NAMESPACE = '/var/run/secrets/kubernetes.io/serviceaccount/namespace';

/** The service account's namespace, else `POD_NAMESPACE`, else `default` (ToolHive's order). */
export function currentNamespace(env: NodeJS.ProcessEnv): string {
  if (existsSync(SA_NAMESPACE)) {
    const ns = readFileSync(SA_NAMESPACE, 'utf8').trim();
    if (ns !== '') return ns;
  }
  return env.POD_NAMESPACE || 'default';
}
