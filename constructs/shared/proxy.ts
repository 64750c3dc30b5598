/** The RunConfig ConfigMap MCPServer and MCPRemoteProxy share. */
import { CONTENT_CHECKSUM_ANNOTATION, configMapContentChecksum } from '../../lib/hash/canonical.ts';
import type { ConfigMap } from '../../lib/k8s/types.ts';
import { RUNCONFIG_CONFIGMAP_KEY, type RunConfig } from '../../lib/runconfig/types.ts';
import { runConfigLabels } from '../../lib/workload/names.ts';

/**
 * `<name>-runconfig`: the RunConfig as indented JSON, with ToolHive's content checksum (over
 * data and labels) as an annotation. The same checksum goes on the pod template.
 */
export function runConfigMap(
  name: string,
  namespace: string,
  kind: 'mcp-server' | 'mcp-remote-proxy',
  owner: string,
  runConfig: RunConfig,
): ConfigMap {
  const cm: ConfigMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace, labels: runConfigLabels(kind, owner) },
    data: { [RUNCONFIG_CONFIGMAP_KEY]: JSON.stringify(runConfig, null, 2) },
  };
  cm.metadata.annotations = { [CONTENT_CHECKSUM_ANNOTATION]: configMapContentChecksum(cm) };
  return cm;
}
