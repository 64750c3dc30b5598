/**
 * McpRemoteProxyChart: the proxy runner in front of an MCP server that runs outside the cluster.
 * Same objects ToolHive's MCPRemoteProxy controller creates: RBAC `<name>-remote-proxy-runner`
 * (unless a ServiceAccount is given), the RunConfig ConfigMap, the Deployment and the Service
 * `mcp-<name>-remote-proxy`. The user's podTemplateSpec is a strategic merge patch on the pod.
 */
import type { Construct } from 'constructs';
import { goJsonHash } from '../lib/hash/canonical.ts';
import { secretEnv, sortedEnv, withRequiredProxyEnv } from '../lib/k8s/env.ts';
import { strategicMergePodTemplate } from '../lib/k8s/pod-template.ts';
import { proxyLivenessProbe, proxyReadinessProbe, proxyStartupProbe } from '../lib/k8s/probes.ts';
import { REMOTE_PROXY_RULES } from '../lib/k8s/rbac.ts';
import { containerSecurityContext, podSecurityContext } from '../lib/k8s/security.ts';
import type { Deployment, EnvVar, PodTemplateSpec } from '../lib/k8s/types.ts';
import type { ResolvedMcpRemoteProxy } from '../lib/resolve/resolve.ts';
import { resolveMcpRemoteProxy } from '../lib/resolve/workloads.ts';
import { buildMcpRemoteProxyRunConfig, headerForwardSecretName } from '../lib/runconfig/build.ts';
import type { RunConfig } from '../lib/runconfig/types.ts';
import { resolveImages } from '../lib/workload/images.ts';
import type { HeaderForward, MCPRemoteProxyResource } from '../lib/workload/kinds.ts';
import {
  ANNOTATIONS,
  mcpRemoteProxyLabels,
  mcpRemoteProxyNames,
  mcpRemoteProxyUrl,
} from '../lib/workload/names.ts';
import { RUNCONFIG_MOUNT } from '../lib/workload/paths.ts';
import { proxyResources } from './mcp-server-chart.ts';
import { authServerParts, proxyAuthServerConfig } from './shared/auth-server-parts.ts';
import { inputHashAnnotations } from './shared/hashes.ts';
import { mergeDefaultsWin, mergePullSecrets, nonEmpty } from './shared/metadata.ts';
import type { RenderOptions } from './shared/options.ts';
import {
  authzParts,
  externalAuthParts,
  joinParts,
  oidcParts,
  type PodParts,
  redisPasswordParts,
  telemetryParts,
} from './shared/pod-parts.ts';
import { inlineAuthzConfigMap, proxyService, runConfigMap, runConfigOptions } from './shared/proxy.ts';
import { rbacObjects } from './shared/rbac.ts';
import type { ReferencedObject } from './shared/references.ts';
import { WorkloadChart } from './shared/workload-chart.ts';

export interface McpRemoteProxyChartProps extends RenderOptions {
  readonly proxy: MCPRemoteProxyResource;
  /** Referenced config resources, and optionally the Secrets and ConfigMaps the pod consumes. */
  readonly references?: readonly ReferencedObject[];
  readonly namespace?: string;
  readonly resolved?: ResolvedMcpRemoteProxy;
}

export class McpRemoteProxyChart extends WorkloadChart {
  readonly resolved: ResolvedMcpRemoteProxy;
  readonly runConfig: RunConfig;
  readonly url: string;

  constructor(scope: Construct, id: string, props: McpRemoteProxyChartProps) {
    super(scope, id, props.owner ? { owner: props.owner } : {});
    const r = this.resolveResource('MCPRemoteProxy', props.proxy, props, resolveMcpRemoteProxy);
    this.resolved = r;
    const spec = r.resource.spec ?? { remoteUrl: '' };
    const { name, namespace } = r;
    const names = mcpRemoteProxyNames(name);
    const images = resolveImages(props.images);
    const proxyPort = spec.proxyPort ?? 8080;
    const labels = mcpRemoteProxyLabels(name);
    const overrides = spec.resourceOverrides?.proxyDeployment;
    const pullSecrets = mergePullSecrets(overrides?.imagePullSecrets, props.defaultImagePullSecrets);

    this.runConfig = buildMcpRemoteProxyRunConfig(r, runConfigOptions(props));
    this.url = mcpRemoteProxyUrl(name, namespace, proxyPort);

    if (!spec.serviceAccount)
      for (const o of rbacObjects(names.serviceAccount, namespace, REMOTE_PROXY_RULES, pullSecrets))
        this.emit(o);
    const authzCm = inlineAuthzConfigMap(names.authzInlineConfigMap, namespace, labels, spec.authzConfig);
    if (authzCm) this.emit(authzCm);
    const cm = runConfigMap(names.runConfigMap, namespace, 'mcp-remote-proxy', name, this.runConfig);
    this.emit(cm);

    const parts = joinParts(
      authzParts(spec.authzConfig, names.authzInlineConfigMap),
      telemetryParts(r.refs.telemetryConfig, spec.telemetryConfigRef, name, namespace),
      oidcParts(r.refs.oidcConfig, 'TOOLHIVE_OIDC_CLIENT_SECRET'),
      externalAuthParts(r.refs.externalAuthConfig),
      headerForwardParts(spec.headerForward, name),
      redisPasswordParts('MCPRemoteProxy', spec.sessionStorage, props),
      authServerParts(proxyAuthServerConfig(r.refs)),
    );
    const env: EnvVar[] = withRequiredProxyEnv([
      ...parts.env,
      ...(overrides?.env ?? []).map((e) => ({ name: e.name, value: e.value })),
    ]);
    const resources = proxyResources(spec.resources);
    const generated: PodTemplateSpec = {
      metadata: {
        labels: mergeDefaultsWin(labels, overrides?.podTemplateMetadataOverrides?.labels),
        annotations: mergeDefaultsWin(
          {
            [ANNOTATIONS.runConfigChecksum]: cm.metadata.annotations?.[ANNOTATIONS.contentChecksum] ?? '',
            ...inputHashAnnotations(r.proxy, r.configRefsHash),
          },
          overrides?.podTemplateMetadataOverrides?.annotations,
        ),
      },
      spec: {
        serviceAccountName: spec.serviceAccount || names.serviceAccount,
        ...(pullSecrets ? { imagePullSecrets: pullSecrets } : {}),
        securityContext: podSecurityContext(props),
        containers: [
          {
            name: 'toolhive',
            image: images.proxyRunner,
            args: ['proxyrunner', 'run'],
            ports: [{ containerPort: proxyPort, name: 'http', protocol: 'TCP' }],
            env: sortedEnv(env),
            ...(resources ? { resources } : {}),
            startupProbe: proxyStartupProbe(),
            livenessProbe: proxyLivenessProbe(),
            readinessProbe: proxyReadinessProbe(15),
            securityContext: containerSecurityContext(props),
            volumeMounts: [
              { name: 'runconfig', mountPath: RUNCONFIG_MOUNT, readOnly: true },
              ...parts.mounts,
            ],
          },
        ],
        volumes: [{ name: 'runconfig', configMap: { name: names.runConfigMap } }, ...parts.volumes],
      },
    };
    const template = strategicMergePodTemplate(generated, spec.podTemplateSpec);
    const annotations = {
      ...(overrides?.annotations ?? {}),
      ...(spec.podTemplateSpec
        ? { [ANNOTATIONS.podTemplateSpecHash]: goJsonHash(spec.podTemplateSpec) }
        : {}),
    };
    const deployment: Deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: names.deployment,
        namespace,
        labels: mergeDefaultsWin(labels, overrides?.labels),
        ...(nonEmpty(annotations) ? { annotations: nonEmpty(annotations) } : {}),
      },
      spec: {
        ...(spec.replicas !== undefined ? { replicas: spec.replicas } : {}),
        selector: { matchLabels: labels },
        template,
      },
    };
    this.emit(deployment);

    this.emit(
      proxyService(
        names.service,
        namespace,
        labels,
        proxyPort,
        spec.sessionAffinity,
        spec.resourceOverrides?.proxyService,
      ),
    );
    this.assertAcceptable();
  }
}

/** Forwarded headers whose values come from Secrets, as `TOOLHIVE_SECRET_<provider name>` env. */
function headerForwardParts(hf: HeaderForward | undefined, owner: string): PodParts {
  const env = (hf?.addHeadersFromSecret ?? []).map((h) =>
    secretEnv(
      `TOOLHIVE_SECRET_${headerForwardSecretName(h.headerName, owner)}`,
      h.valueSecretRef.name,
      h.valueSecretRef.key,
    ),
  );
  return { env, volumes: [], mounts: [] };
}
