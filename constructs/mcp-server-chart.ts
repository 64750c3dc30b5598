/**
 * McpServerChart: everything one MCPServer needs, GitOps-complete. ToolHive's operator renders
 * the proxy runner's Deployment, Service, RBAC and RunConfig; its proxy runner then creates the
 * MCP server's StatefulSet and backend Services at run time, out of Git's sight. This chart
 * renders both halves, so the proxy runner's Role only reads pods and attaches to them.
 */
import type { Construct } from 'constructs';
import { secretEnv, sortedEnv, withRequiredProxyEnv } from '../lib/k8s/env.ts';
import { strategicMergePodTemplate } from '../lib/k8s/pod-template.ts';
import { proxyLivenessProbe, proxyReadinessProbe, proxyStartupProbe } from '../lib/k8s/probes.ts';
import { PROXY_RUNNER_RULES } from '../lib/k8s/rbac.ts';
import { containerSecurityContext, podSecurityContext } from '../lib/k8s/security.ts';
import type {
  Container,
  Deployment,
  EnvVar,
  PodTemplateSpec,
  Service,
  StatefulSet,
} from '../lib/k8s/types.ts';
import type { ResolvedMcpServer } from '../lib/resolve/resolve.ts';
import { resolveMcpServer } from '../lib/resolve/workloads.ts';
import { buildMcpServerRunConfig } from '../lib/runconfig/build.ts';
import type { RunConfig } from '../lib/runconfig/types.ts';
import { resolveImages } from '../lib/workload/images.ts';
import type { MCPServerResource } from '../lib/workload/kinds.ts';
import {
  ANNOTATIONS,
  containerLabels,
  mcpServerLabels,
  mcpServerNames,
  mcpServerUrl,
} from '../lib/workload/names.ts';
import { RUNCONFIG_MOUNT } from '../lib/workload/paths.ts';
import { authServerParts, proxyAuthServerConfig } from './shared/auth-server-parts.ts';
import { inputHashAnnotations } from './shared/hashes.ts';
import { mergeDefaultsWin, mergePullSecrets, nonEmpty } from './shared/metadata.ts';
import type { RenderOptions } from './shared/options.ts';
import {
  authzParts,
  externalAuthParts,
  joinParts,
  oidcParts,
  permissionProfileParts,
  redisPasswordParts,
  telemetryParts,
  webhookParts,
} from './shared/pod-parts.ts';
import { inlineAuthzConfigMap, proxyService, runConfigMap, runConfigOptions } from './shared/proxy.ts';
import { rbacObjects, serviceAccount } from './shared/rbac.ts';
import type { ReferencedObject } from './shared/references.ts';
import { WorkloadChart } from './shared/workload-chart.ts';

export interface McpServerChartProps extends RenderOptions {
  /** The MCPServer, as a user would write it. */
  readonly server: MCPServerResource;
  /**
   * The objects it references: MCPToolConfig, MCPOIDCConfig, MCPTelemetryConfig,
   * MCPAuthzConfig, MCPExternalAuthConfig, MCPWebhookConfig, and optionally the Secrets and
   * ConfigMaps its pods consume (they only feed the content hashes).
   */
  readonly references?: readonly ReferencedObject[];
  /** Namespace for a resource that names none. Default `default`. */
  readonly namespace?: string;
  /** An already resolved spec (the operator resolves from its cache); replaces `references`. */
  readonly resolved?: ResolvedMcpServer;
}

export class McpServerChart extends WorkloadChart {
  /** The resolved spec this chart rendered. */
  readonly resolved: ResolvedMcpServer;
  /** The RunConfig written to `<name>-runconfig`. */
  readonly runConfig: RunConfig;
  /** `status.url` ToolHive reports for this server. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: McpServerChartProps) {
    super(scope, id, props.owner ? { owner: props.owner } : {});
    const r = this.resolveResource('MCPServer', props.server, props, resolveMcpServer);
    this.resolved = r;
    const spec = r.resource.spec ?? { image: '' };
    const { name, namespace } = r;
    const names = mcpServerNames(name);
    const images = resolveImages(props.images);
    const transport = spec.transport ?? 'stdio';
    const proxyPort = spec.proxyPort ?? 8080;
    const mcpPort = spec.mcpPort ?? 8080;
    const labels = mcpServerLabels(name);
    const overrides = spec.resourceOverrides?.proxyDeployment;
    const pullSecrets = mergePullSecrets(overrides?.imagePullSecrets, props.defaultImagePullSecrets);

    this.runConfig = buildMcpServerRunConfig(r, runConfigOptions(props));
    this.url = mcpServerUrl(name, namespace, proxyPort, this.runConfig.proxy_mode ?? 'streamable-http');

    // Proxy runner identity: reads pods, attaches to the stdio of the MCP server's pod.
    for (const o of rbacObjects(names.proxyRunnerServiceAccount, namespace, PROXY_RUNNER_RULES, pullSecrets))
      this.emit(o);
    // The MCP server's own identity, unless the user brings one.
    if (!spec.serviceAccount) this.emit(serviceAccount(names.mcpServiceAccount, namespace, pullSecrets));

    const authzCm = inlineAuthzConfigMap(names.authzInlineConfigMap, namespace, labels, spec.authzConfig);
    if (authzCm) this.emit(authzCm);
    const runConfigCm = runConfigMap(names.runConfigMap, namespace, 'mcp-server', name, this.runConfig);
    this.emit(runConfigCm);
    const runConfigChecksum = runConfigCm.metadata.annotations?.[ANNOTATIONS.contentChecksum] ?? '';

    // The proxy runner Deployment.
    const parts = joinParts(
      webhookParts(r.refs.webhookConfig),
      permissionProfileParts(spec.permissionProfile),
      authzParts(spec.authzConfig, names.authzInlineConfigMap),
      oidcParts(r.refs.oidcConfig, 'TOOLHIVE_OIDC_CLIENT_SECRET'),
      telemetryParts(r.refs.telemetryConfig, spec.telemetryConfigRef, name, namespace),
      externalAuthParts(r.refs.externalAuthConfig),
      redisPasswordParts('MCPServer', spec.sessionStorage, props),
      authServerParts(proxyAuthServerConfig(r.refs)),
    );
    const env: EnvVar[] = withRequiredProxyEnv([
      ...parts.env,
      ...(overrides?.env ?? []).map((e) => ({ name: e.name, value: e.value })),
    ]);
    const resources = proxyResources(spec.resources);
    const proxyContainer: Container = {
      name: 'toolhive',
      image: images.proxyRunner,
      args: ['proxyrunner', 'run', spec.image],
      ports: [{ containerPort: proxyPort, name: 'http', protocol: 'TCP' }],
      env: sortedEnv(env),
      ...(resources ? { resources } : {}),
      startupProbe: proxyStartupProbe(),
      livenessProbe: proxyLivenessProbe(),
      readinessProbe: proxyReadinessProbe(5),
      securityContext: containerSecurityContext(props),
      volumeMounts: [{ name: 'runconfig', mountPath: RUNCONFIG_MOUNT, readOnly: true }, ...parts.mounts],
    };
    const podAnnotations = mergeDefaultsWin(
      {
        [ANNOTATIONS.runConfigChecksum]: runConfigChecksum,
        ...inputHashAnnotations(r.proxy, r.configRefsHash),
      },
      overrides?.podTemplateMetadataOverrides?.annotations,
    );
    const replicas =
      spec.replicas === undefined
        ? undefined
        : transport === 'stdio'
          ? Math.min(spec.replicas, 1)
          : spec.replicas;
    const deployment: Deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: names.deployment,
        namespace,
        labels: mergeDefaultsWin(labels, overrides?.labels),
        ...(nonEmpty(overrides?.annotations) ? { annotations: nonEmpty(overrides?.annotations) } : {}),
      },
      spec: {
        ...(replicas !== undefined ? { replicas } : {}),
        selector: { matchLabels: labels },
        template: {
          metadata: {
            labels: mergeDefaultsWin(labels, overrides?.podTemplateMetadataOverrides?.labels),
            annotations: podAnnotations,
          },
          spec: {
            serviceAccountName: names.proxyRunnerServiceAccount,
            ...(pullSecrets ? { imagePullSecrets: pullSecrets } : {}),
            terminationGracePeriodSeconds: 30,
            securityContext: podSecurityContext(props),
            containers: [proxyContainer],
            volumes: [{ name: 'runconfig', configMap: { name: names.runConfigMap } }, ...parts.volumes],
          },
        },
      },
    };
    this.emit(deployment);

    this.emit(
      proxyService(
        names.proxyService,
        namespace,
        labels,
        proxyPort,
        spec.sessionAffinity,
        spec.resourceOverrides?.proxyService,
      ),
    );

    // What ToolHive's proxy runner would create at run time: the MCP server itself.
    const backendLabels = { ...containerLabels(name, transport, proxyPort), app: name };
    this.emit(this.statefulSet(r, backendLabels, mcpPort, props));
    if (transport !== 'stdio') {
      for (const headless of [true, false])
        this.emit(backendService(name, namespace, backendLabels, mcpPort, headless));
    }
    this.assertAcceptable();
  }

  private statefulSet(
    r: ResolvedMcpServer,
    labels: Record<string, string>,
    mcpPort: number,
    props: McpServerChartProps,
  ): StatefulSet {
    const spec = r.resource.spec ?? { image: '' };
    const transport = spec.transport ?? 'stdio';
    const rc = this.runConfig;
    // The user's template is the base; the runner's fields are then set on top of it.
    const user = strategicMergePodTemplate({ spec: { containers: [] } }, spec.podTemplateSpec ?? {});
    const userMcp = user.spec.containers.find((c) => c.name === 'mcp');
    const runnerEnv: EnvVar[] = Object.entries(rc.env_vars ?? {}).map(([n, v]) => ({ name: n, value: v }));
    if (transport !== 'stdio') runnerEnv.push({ name: 'MCP_HOST', value: '0.0.0.0' });
    // Precedence as in a container that lists them all: user env < secrets < runner env.
    const env = sortedEnv([
      ...(userMcp?.env ?? []),
      ...(spec.secrets ?? []).map((s) => secretEnv(s.targetEnvName || s.key, s.name, s.key)),
      ...runnerEnv,
    ]);
    const hostVolumes = spec.volumes ?? [];
    const mcp: Container = {
      ...(userMcp ?? {}),
      name: 'mcp',
      image: spec.image,
      ...(spec.args && spec.args.length > 0 ? { args: [...spec.args] } : {}),
      stdin: transport === 'stdio',
      tty: false,
      env,
      securityContext: { ...containerSecurityContext(props), ...(userMcp?.securityContext ?? {}) },
      ...(transport === 'sse' ? { ports: mergePorts(userMcp?.ports, mcpPort) } : {}),
      ...(hostVolumes.length > 0
        ? {
            volumeMounts: [
              ...(userMcp?.volumeMounts ?? []),
              ...hostVolumes.map((v) => ({
                name: v.name,
                mountPath: v.mountPath,
                readOnly: v.readOnly ?? false,
              })),
            ],
          }
        : {}),
    };
    const template: PodTemplateSpec = {
      metadata: {
        labels: { ...(user.metadata?.labels ?? {}), ...labels },
        annotations: {
          ...(user.metadata?.annotations ?? {}),
          ...inputHashAnnotations(r.backend, undefined),
        },
      },
      spec: {
        ...user.spec,
        serviceAccountName: spec.serviceAccount || mcpServerNames(r.name).mcpServiceAccount,
        restartPolicy: user.spec.restartPolicy ?? 'Always',
        securityContext: { ...podSecurityContext(props), ...(user.spec.securityContext ?? {}) },
        containers: [...user.spec.containers.filter((c) => c.name !== 'mcp'), mcp],
        ...(hostVolumes.length > 0
          ? {
              volumes: [
                ...(user.spec.volumes ?? []),
                ...hostVolumes.map((v) => ({ name: v.name, hostPath: { path: v.hostPath } })),
              ],
            }
          : {}),
      },
    };
    if (Object.keys(template.metadata?.annotations ?? {}).length === 0) delete template.metadata?.annotations;
    return {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: r.name, namespace: r.namespace, labels },
      spec: {
        ...(spec.backendReplicas !== undefined ? { replicas: spec.backendReplicas } : {}),
        serviceName: r.name,
        selector: { matchLabels: { app: r.name } },
        template,
      },
    };
  }
}

function mergePorts(user: Container['ports'], port: number): NonNullable<Container['ports']> {
  const ports = [...(user ?? [])];
  if (!ports.some((p) => p.containerPort === port)) ports.push({ containerPort: port, protocol: 'TCP' });
  return ports;
}

/** `mcp-<name>-headless` and `mcp-<name>`, as the proxy runner applies them. */
function backendService(
  name: string,
  namespace: string,
  labels: Record<string, string>,
  port: number,
  headless: boolean,
): Service {
  const names = mcpServerNames(name);
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: headless ? names.headlessService : names.backendService, namespace, labels },
    spec: {
      type: 'ClusterIP',
      ...(headless
        ? { clusterIP: 'None' }
        : { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 1800 } } }),
      selector: { app: name },
      ports: [{ name: `port-${port}`, port, targetPort: port, protocol: 'TCP' }],
    },
  };
}

/** `spec.resources` as the proxy container's resources; each quantity only when set. */
export function proxyResources(
  res:
    | { limits?: { cpu?: string; memory?: string }; requests?: { cpu?: string; memory?: string } }
    | undefined,
): { limits?: Record<string, string>; requests?: Record<string, string> } | undefined {
  const pick = (m: { cpu?: string; memory?: string } | undefined) => {
    const out: Record<string, string> = {};
    if (m?.cpu) out.cpu = m.cpu;
    if (m?.memory) out.memory = m.memory;
    return Object.keys(out).length > 0 ? out : undefined;
  };
  const limits = pick(res?.limits);
  const requests = pick(res?.requests);
  if (!limits && !requests) return undefined;
  return { ...(limits ? { limits } : {}), ...(requests ? { requests } : {}) };
}
