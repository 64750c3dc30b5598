/**
 * VirtualMcpChart: one endpoint for a whole MCPGroup. Renders what ToolHive's VirtualMCPServer
 * controller creates: RBAC `<name>-vmcp` (unless a ServiceAccount is given), the ConfigMap
 * `<name>-vmcp-config`, the Deployment `<name>` (port 4483) and the Service `vmcp-<name>`.
 *
 * The session HMAC Secret `<name>-hmac-secret` is not rendered: ToolHive fills it with random
 * bytes, which a deterministic render cannot (and a Git repository must not) hold. The operator
 * creates it; GitOps users create it once (see docs/gitops.md).
 */
import type { Construct } from 'constructs';
import {
  CONTENT_CHECKSUM_ANNOTATION,
  configMapContentChecksum,
  goCanonicalJson,
  goJsonHash,
  sha256Hex,
} from '../lib/hash/canonical.ts';
import { normalizeForEnvVar, secretEnv, sortedEnv, withRequiredProxyEnv } from '../lib/k8s/env.ts';
import { strategicMergePodTemplate } from '../lib/k8s/pod-template.ts';
import { vmcpLivenessProbe, vmcpReadinessProbe } from '../lib/k8s/probes.ts';
import { vmcpRules } from '../lib/k8s/rbac.ts';
import { containerSecurityContext, podSecurityContext } from '../lib/k8s/security.ts';
import type { ConfigMap, Deployment, EnvVar, PodTemplateSpec, Service } from '../lib/k8s/types.ts';
import type { ResolvedVirtualMcpServer } from '../lib/resolve/resolve.ts';
import { resolveVirtualMcpServer } from '../lib/resolve/workloads.ts';
import { headerForwardSecretName } from '../lib/runconfig/build.ts';
import {
  authServerConfigYaml,
  authStrategySecretEnv,
  buildVmcpAuthServerConfig,
  buildVmcpConfig,
  HEADER_FORWARD_MANIFEST_ENV_PREFIX,
  staticBackendPlan,
  VMCP_AUTHSERVER_CONFIG_KEY,
  VMCP_CONFIG_KEY,
  VMCP_OIDC_CLIENT_SECRET_ENV,
  vmcpConfigYaml,
  vmcpHeaderForwardConfig,
} from '../lib/vmcp-config/build.ts';
import type { StaticBackendPlan } from '../lib/vmcp-config/static-backends.ts';
import { resolveImages } from '../lib/workload/images.ts';
import type {
  HeaderForward,
  MCPServerEntryResource,
  VirtualMCPServerResource,
} from '../lib/workload/kinds.ts';
import {
  ANNOTATIONS,
  VMCP_PORT,
  virtualMcpServerLabels,
  virtualMcpServerNames,
  virtualMcpServerUrl,
  vmcpConfigLabels,
} from '../lib/workload/names.ts';
import { CA_BUNDLES_MOUNT, DEFAULT_CA_KEY, VMCP_CONFIG_MOUNT } from '../lib/workload/paths.ts';
import { authServerParts } from './shared/auth-server-parts.ts';
import { inputHashAnnotations } from './shared/hashes.ts';
import { mergePullSecrets } from './shared/metadata.ts';
import type { RenderOptions } from './shared/options.ts';
import {
  joinParts,
  oidcParts,
  type PodParts,
  redisPasswordParts,
  telemetryParts,
} from './shared/pod-parts.ts';
import { rbacObjects } from './shared/rbac.ts';
import type { ReferencedObject } from './shared/references.ts';
import { WorkloadChart } from './shared/workload-chart.ts';

export interface VirtualMcpChartProps extends RenderOptions {
  readonly server: VirtualMCPServerResource;
  /**
   * The MCPGroup and its members (MCPServers, MCPRemoteProxies, MCPServerEntries), and the
   * config resources the server references; optionally the Secrets and ConfigMaps it consumes.
   */
  readonly references?: readonly ReferencedObject[];
  readonly namespace?: string;
  readonly resolved?: ResolvedVirtualMcpServer;
}

export class VirtualMcpChart extends WorkloadChart {
  readonly resolved: ResolvedVirtualMcpServer;
  /** The vMCP config written to `config.yaml`. */
  readonly config: Record<string, unknown>;
  /**
   * With `spec.outgoingAuth.source: inline`: the group's members written as static `backends`,
   * and the members left out with the reason; undefined with discovered outgoing auth.
   */
  readonly staticBackends: StaticBackendPlan | undefined;
  readonly url: string;

  constructor(scope: Construct, id: string, props: VirtualMcpChartProps) {
    super(scope, id, props.owner ? { owner: props.owner } : {});
    const r = this.resolveResource('VirtualMCPServer', props.server, props, resolveVirtualMcpServer);
    this.resolved = r;
    const spec = r.resource.spec as NonNullable<VirtualMCPServerResource['spec']>;
    const { name, namespace } = r;
    const names = virtualMcpServerNames(name);
    const labels = virtualMcpServerLabels(name);
    const images = resolveImages(props.images);
    const pullSecrets = mergePullSecrets(spec.imagePullSecrets, props.defaultImagePullSecrets);
    this.url = virtualMcpServerUrl(name, namespace);
    this.staticBackends = staticBackendPlan(r);
    this.config = buildVmcpConfig(
      r,
      props.defaultRedis ? { defaultRedisAddress: props.defaultRedis.address } : {},
    );

    if (!spec.serviceAccount)
      for (const o of rbacObjects(
        names.serviceAccount,
        namespace,
        vmcpRules(spec.outgoingAuth?.source ?? 'discovered'),
        pullSecrets,
      ))
        this.emit(o);

    const authServer = buildVmcpAuthServerConfig(r, this.config);
    const cm: ConfigMap = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: names.configMap, namespace, labels: vmcpConfigLabels(name) },
      data: {
        [VMCP_CONFIG_KEY]: vmcpConfigYaml(this.config),
        ...(authServer ? { [VMCP_AUTHSERVER_CONFIG_KEY]: authServerConfigYaml(authServer) } : {}),
      },
    };
    cm.metadata.annotations = { [CONTENT_CHECKSUM_ANNOTATION]: configMapContentChecksum(cm) };
    this.emit(cm);

    const parts = joinParts(
      oidcParts(r.refs.oidcConfig, VMCP_OIDC_CLIENT_SECRET_ENV),
      outgoingAuthParts(r, spec.outgoingAuth?.source ?? 'discovered', this.staticBackends),
      entryParts(r),
      redisPasswordParts('VirtualMCPServer', spec.sessionStorage, props),
      telemetryParts(r.refs.telemetryConfig, spec.telemetryConfigRef, name, namespace),
      authServerParts(spec.authServerConfig),
    );
    const env: EnvVar[] = withRequiredProxyEnv([
      { name: 'VMCP_NAME', value: name },
      { name: 'VMCP_NAMESPACE', value: namespace },
      secretEnv('VMCP_SESSION_HMAC_SECRET', names.hmacSecret, 'hmac-secret'),
      ...parts.env,
    ]);
    const debug =
      (spec.config as { operational?: { logLevel?: string } } | undefined)?.operational?.logLevel === 'debug';
    const generated: PodTemplateSpec = {
      metadata: {
        labels,
        annotations: {
          [ANNOTATIONS.runConfigChecksum]: cm.metadata.annotations[CONTENT_CHECKSUM_ANNOTATION] ?? '',
          ...inputHashAnnotations(r.vmcp, r.configRefsHash),
        },
      },
      spec: {
        serviceAccountName: spec.serviceAccount || names.serviceAccount,
        ...(pullSecrets ? { imagePullSecrets: pullSecrets } : {}),
        terminationGracePeriodSeconds: 30,
        securityContext: podSecurityContext(props),
        containers: [
          {
            name: 'vmcp',
            image: images.vmcp,
            imagePullPolicy: 'IfNotPresent',
            args: [
              'vmcp',
              'serve',
              `--config=${VMCP_CONFIG_MOUNT}/${VMCP_CONFIG_KEY}`,
              '--host=0.0.0.0',
              `--port=${VMCP_PORT}`,
              ...(debug ? ['--debug'] : []),
            ],
            ports: [{ containerPort: VMCP_PORT, name: 'http', protocol: 'TCP' }],
            env: sortedEnv(env),
            resources: {
              requests: { cpu: '100m', memory: '128Mi' },
              limits: { cpu: '500m', memory: '512Mi' },
            },
            livenessProbe: vmcpLivenessProbe(),
            readinessProbe: vmcpReadinessProbe(),
            securityContext: containerSecurityContext(props),
            volumeMounts: [
              { name: 'vmcp-config', mountPath: VMCP_CONFIG_MOUNT, readOnly: true },
              ...parts.mounts,
            ],
          },
        ],
        volumes: [{ name: 'vmcp-config', configMap: { name: names.configMap } }, ...parts.volumes],
      },
    };
    const annotations: Record<string, string> = {};
    if (spec.podTemplateSpec) annotations[ANNOTATIONS.podTemplateSpecHash] = goJsonHash(spec.podTemplateSpec);
    // `imagePullSecretsHash`: the merged list sorted by name, as Go marshals it.
    if (pullSecrets)
      annotations[ANNOTATIONS.imagePullSecretsHash] = goJsonHash(
        [...pullSecrets].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
      );
    const deployment: Deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: names.deployment,
        namespace,
        labels,
        ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
      },
      spec: {
        ...(spec.replicas !== undefined ? { replicas: spec.replicas } : {}),
        selector: { matchLabels: labels },
        template: strategicMergePodTemplate(generated, spec.podTemplateSpec),
      },
    };
    this.emit(deployment);

    const service: Service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: names.service, namespace, labels },
      spec: {
        type: spec.serviceType ?? 'ClusterIP',
        selector: labels,
        sessionAffinity: spec.sessionAffinity ?? 'ClientIP',
        ports: [{ name: 'http', port: VMCP_PORT, targetPort: VMCP_PORT, protocol: 'TCP' }],
      },
    };
    this.emit(service);
    this.assertAcceptable();
  }
}

/**
 * Secrets of the outgoing auth configs, as env vars named after each config: the configs
 * `spec.outgoingAuth` names, plus those of the group's members: in discovered mode all of them
 * (`buildOutgoingAuthEnvVars`), in inline (static) mode those whose strategies the config
 * carries for its backends. A config used twice is mounted once.
 *
 * ToolHive mounts no member secrets in inline mode although its config names their env vars
 * there too, so such a backend's header or client secret is empty at run time; ours are set.
 */
function outgoingAuthParts(
  r: ResolvedVirtualMcpServer,
  source: string,
  plan: StaticBackendPlan | undefined,
): PodParts {
  const configs = new Map(Object.entries(r.outgoingAuthConfigs));
  if (source === 'discovered')
    for (const m of r.members)
      if (m.externalAuthConfig) configs.set(m.externalAuthConfig.metadata.name ?? '', m.externalAuthConfig);
  for (const c of plan?.memberAuthConfigs ?? []) configs.set(c.metadata.name ?? '', c);
  const env = [...configs.keys()]
    .sort()
    .flatMap((n) => authStrategySecretEnv(configs.get(n) as NonNullable<ReturnType<typeof configs.get>>))
    .map((e) => secretEnv(e.env, e.name, e.key));
  return { env, volumes: [], mounts: [] };
}

/**
 * What the vMCP pod needs from the group's MCPServerEntries: each entry's CA bundle, mounted at
 * `/etc/toolhive/ca-bundles/<entry>` (`buildCABundleVolumesForEntries`), and its header
 * forwarding as a JSON manifest env var plus one `secretKeyRef` env var per secret header
 * (`buildHeaderForwardEnvVarsForEntries`).
 */
function entryParts(r: ResolvedVirtualMcpServer): PodParts {
  const parts: PodParts = { env: [], volumes: [], mounts: [] };
  for (const m of r.members) {
    if (m.kind !== 'MCPServerEntry') continue;
    const entry = m.resource as MCPServerEntryResource;
    const entryName = entry.metadata.name ?? '';
    const hf = entry.spec?.headerForward;
    const manifest = headerForwardManifest(entryName, hf);
    if (manifest)
      parts.env.push({
        name: `${HEADER_FORWARD_MANIFEST_ENV_PREFIX}${normalizeForEnvVar(entryName)}`,
        value: manifest,
      });
    for (const h of hf?.addHeadersFromSecret ?? [])
      parts.env.push(
        secretEnv(
          `TOOLHIVE_SECRET_${headerForwardSecretName(h.headerName, entryName)}`,
          h.valueSecretRef.name,
          h.valueSecretRef.key,
        ),
      );
    const ca = entry.spec?.caBundleRef?.configMapRef;
    if (!ca?.name) continue;
    const key = ca.key || DEFAULT_CA_KEY;
    const volume = caBundleVolumeName(entryName);
    parts.volumes.push({ name: volume, configMap: { name: ca.name, items: [{ key, path: key }] } });
    parts.mounts.push({ name: volume, mountPath: `${CA_BUNDLES_MOUNT}/${entryName}`, readOnly: true });
  }
  return parts;
}

/**
 * `buildHeaderForwardManifestForEntry`: Go's `json.Marshal` of `vmcp.HeaderForwardConfig`, its
 * fields in declaration order, map keys sorted; secret headers carry only their secret
 * identifier. Undefined when the entry forwards no header.
 */
function headerForwardManifest(entry: string, hf: HeaderForward | undefined): string | undefined {
  const cfg = vmcpHeaderForwardConfig(entry, hf);
  if (!cfg) return undefined;
  const fields: string[] = [];
  if (cfg.addPlaintextHeaders)
    fields.push(`"addPlaintextHeaders":${goCanonicalJson(cfg.addPlaintextHeaders)}`);
  if (cfg.addHeadersFromSecret)
    fields.push(`"addHeadersFromSecret":${goCanonicalJson(cfg.addHeadersFromSecret)}`);
  return `{${fields.join(',')}}`;
}

/**
 * `caBundleVolumeName`: `ca-bundle-<entry>`, or, past 63 characters, the entry name cut to 44
 * characters (trailing `-` trimmed), `-` and the first 8 hex digits of its SHA-256.
 */
export function caBundleVolumeName(entry: string): string {
  const name = `ca-bundle-${entry}`;
  if (name.length <= 63) return name;
  const suffix = sha256Hex(entry).slice(0, 8);
  return `ca-bundle-${entry.slice(0, 44).replace(/-+$/, '')}-${suffix}`;
}
