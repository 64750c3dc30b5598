/** What the MCPServer and MCPRemoteProxy charts share: RunConfig, inline authz, proxy Service. */
import {
  CONTENT_CHECKSUM_ANNOTATION,
  configMapContentChecksum,
  goCanonicalJson,
} from '../../lib/hash/canonical.ts';
import type { ConfigMap, Service } from '../../lib/k8s/types.ts';
import type { RunConfigOptions } from '../../lib/runconfig/build.ts';
import { RUNCONFIG_CONFIGMAP_KEY, type RunConfig } from '../../lib/runconfig/types.ts';
import type { InlineAuthz } from '../../lib/workload/kinds.ts';
import { runConfigLabels } from '../../lib/workload/names.ts';
import { mergeDefaultsWin, nonEmpty } from './metadata.ts';
import type { RenderOptions } from './options.ts';

type MetadataOverrides = { annotations?: Record<string, string>; labels?: Record<string, string> };

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

/**
 * `<name>-authz-inline`: an inline Cedar policy exactly as `EnsureAuthzConfigMap` writes it, Go's
 * `json.Marshal` of `{version, type, cedar: {policies, entities_json}}`. The claim-mapping fields
 * are not in it (ToolHive's neither); the proxy reads them from the RunConfig's `authz_config`.
 */
export function inlineAuthzConfigMap(
  name: string,
  namespace: string,
  workloadLabels: Record<string, string>,
  authz: InlineAuthz | undefined,
): ConfigMap | undefined {
  if (authz?.type !== 'inline' || !authz.inline) return undefined;
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace, labels: { ...workloadLabels, 'toolhive.stacklok.io/authz': 'inline' } },
    data: {
      'authz.json': goCanonicalJson({
        version: '1.0',
        type: 'cedarv1',
        cedar: { policies: authz.inline.policies, entities_json: authz.inline.entitiesJson || '[]' },
      }),
    },
  };
}

/** The proxy's Service: one `http` port, the workload labels as selector, overrides merged under. */
export function proxyService(
  name: string,
  namespace: string,
  workloadLabels: Record<string, string>,
  port: number,
  sessionAffinity: 'ClientIP' | 'None' | undefined,
  overrides: MetadataOverrides | undefined,
): Service {
  const annotations = nonEmpty(overrides?.annotations);
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name,
      namespace,
      labels: mergeDefaultsWin(workloadLabels, overrides?.labels),
      ...(annotations ? { annotations } : {}),
    },
    spec: {
      selector: workloadLabels,
      sessionAffinity: sessionAffinity ?? 'ClientIP',
      ports: [{ name: 'http', port, targetPort: port, protocol: 'TCP' }],
    },
  };
}

/** Chart option → RunConfig builder option. */
export function runConfigOptions(opts: RenderOptions): RunConfigOptions {
  return {
    ...(opts.proxyHost ? { proxyHost: opts.proxyHost } : {}),
    ...(opts.defaultRedis ? { defaultRedisAddress: opts.defaultRedis.address } : {}),
  };
}
