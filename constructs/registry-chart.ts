/**
 * RegistryChart: ToolHive's registry API server for an MCPRegistry. The registry server's
 * `config.yaml` is `spec.configYAML` verbatim, in ConfigMap `<name>-registry-server-config`
 * mounted at `/config`; the Deployment and Service are `<name>-api`; RBAC `<name>-registry-api`.
 * With `pgpassSecretRef`, an init container copies the `.pgpass` file into an emptyDir with mode
 * 0600, as PostgreSQL requires. `buildRegistryConfig` (lib/registry-config) writes `configYAML`
 * from typed settings.
 */
import type { Construct } from 'constructs';
import { CONTENT_CHECKSUM_ANNOTATION, goJsonHash, hashObject, sha256Hex } from '../lib/hash/canonical.ts';
import { strategicMergePodTemplate } from '../lib/k8s/pod-template.ts';
import { registryLivenessProbe, registryReadinessProbe } from '../lib/k8s/probes.ts';
import { REGISTRY_API_RULES } from '../lib/k8s/rbac.ts';
import type {
  ConfigMap,
  Container,
  Deployment,
  PodTemplateSpec,
  Service,
  Volume,
  VolumeMount,
} from '../lib/k8s/types.ts';
import { PGPASS_INIT_IMAGE, resolveImages } from '../lib/workload/images.ts';
import type { MCPRegistryResource } from '../lib/workload/kinds.ts';
import {
  ANNOTATIONS,
  registryApiLabels,
  registryApiSelector,
  registryNames,
  registryUrl,
} from '../lib/workload/names.ts';
import { mergePullSecrets } from './shared/metadata.ts';
import type { RenderOptions } from './shared/options.ts';
import { rbacObjects } from './shared/rbac.ts';
import { InvalidResourceError } from './shared/validation.ts';
import { WorkloadChart } from './shared/workload-chart.ts';

export interface RegistryChartProps
  extends Pick<RenderOptions, 'images' | 'owner' | 'defaultImagePullSecrets'> {
  readonly registry: MCPRegistryResource;
  readonly namespace?: string;
}

const CONFIG_VOLUME = 'registry-server-config';
const PGPASS_PATH = '/home/appuser/.pgpass';

export class RegistryChart extends WorkloadChart {
  readonly url: string;

  constructor(scope: Construct, id: string, props: RegistryChartProps) {
    super(scope, id, props.owner ? { owner: props.owner } : {});
    this.validate('MCPRegistry', props.registry);
    const name = props.registry.metadata.name ?? '';
    const namespace = props.registry.metadata.namespace ?? props.namespace ?? 'default';
    const spec = props.registry.spec as NonNullable<MCPRegistryResource['spec']>;
    const names = registryNames(name);
    const images = resolveImages(props.images);
    const pullSecrets = mergePullSecrets(spec.imagePullSecrets, props.defaultImagePullSecrets);
    this.url = registryUrl(name, namespace);
    checkReserved(this, spec);

    this.emit<ConfigMap>({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: names.configMap,
        namespace,
        annotations: { [CONTENT_CHECKSUM_ANNOTATION]: sha256Hex(spec.configYAML) },
      },
      data: { 'config.yaml': spec.configYAML },
    });
    for (const o of rbacObjects(
      names.serviceAccount,
      namespace,
      REGISTRY_API_RULES,
      pullSecrets,
      registryApiLabels(name, names.serviceAccount),
    ))
      this.emit(o);

    const labels = registryApiLabels(name);
    const volumes: Volume[] = [{ name: CONFIG_VOLUME, configMap: { name: names.configMap } }];
    const mounts: VolumeMount[] = [{ name: CONFIG_VOLUME, mountPath: '/config', readOnly: true }];
    const initContainers: Container[] = [];
    const env = [];
    const pg = spec.pgpassSecretRef;
    if (pg) {
      volumes.push(
        {
          name: 'pgpass-secret',
          secret: { secretName: pg.name ?? '', items: [{ key: pg.key, path: '.pgpass' }] },
        },
        { name: 'pgpass', emptyDir: {} },
      );
      initContainers.push({
        name: 'setup-pgpass',
        image: PGPASS_INIT_IMAGE,
        command: ['sh', '-c', 'cp /secret/.pgpass /pgpass/.pgpass && chmod 0600 /pgpass/.pgpass'],
        volumeMounts: [
          { name: 'pgpass-secret', mountPath: '/secret', readOnly: true },
          { name: 'pgpass', mountPath: '/pgpass' },
        ],
        securityContext: {
          runAsNonRoot: true,
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        },
        resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '50m', memory: '32Mi' } },
      });
      mounts.push({ name: 'pgpass', mountPath: PGPASS_PATH, subPath: '.pgpass', readOnly: true });
      env.push({ name: 'PGPASSFILE', value: PGPASS_PATH });
    }
    const userVolumes = (spec.volumes ?? []) as unknown as Volume[];
    const userMounts = (spec.volumeMounts ?? []) as unknown as VolumeMount[];
    const generated: PodTemplateSpec = {
      metadata: { labels, annotations: { [ANNOTATIONS.registryConfigHash]: hashObject(spec) } },
      spec: {
        serviceAccountName: names.serviceAccount,
        ...(pullSecrets ? { imagePullSecrets: pullSecrets } : {}),
        ...(initContainers.length > 0 ? { initContainers } : {}),
        containers: [
          {
            name: 'registry-api',
            image: images.registryApi,
            args: ['serve', '--config=/config/config.yaml'],
            ports: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }],
            ...(env.length > 0 ? { env } : {}),
            resources: {
              requests: { cpu: '100m', memory: '128Mi' },
              limits: { cpu: '500m', memory: '512Mi' },
            },
            livenessProbe: registryLivenessProbe(),
            readinessProbe: registryReadinessProbe(),
            // ToolHive's order: the config mount, the user's, then pgpass.
            volumeMounts: [mounts[0] as VolumeMount, ...userMounts, ...mounts.slice(1)],
          },
        ],
        volumes: [volumes[0] as Volume, ...userVolumes, ...volumes.slice(1)],
      },
    };
    this.emit<Deployment>({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: names.api,
        namespace,
        labels,
        ...(spec.podTemplateSpec
          ? { annotations: { [ANNOTATIONS.podTemplateSpecHash]: goJsonHash(spec.podTemplateSpec) } }
          : {}),
      },
      spec: {
        replicas: 1,
        selector: { matchLabels: registryApiSelector(name) },
        template: strategicMergePodTemplate(generated, spec.podTemplateSpec),
      },
    });
    this.emit<Service>({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: names.api, namespace, labels },
      spec: {
        type: 'ClusterIP',
        selector: registryApiSelector(name),
        ports: [{ name: 'http', port: 8080, targetPort: 8080, protocol: 'TCP' }],
      },
    });
    this.assertAcceptable();
  }
}

/** ToolHive's spec validation: reserved volume and container names, and mount paths. */
function checkReserved(scope: Construct, spec: NonNullable<MCPRegistryResource['spec']>): void {
  const reserved = new Set([CONFIG_VOLUME, ...(spec.pgpassSecretRef ? ['pgpass-secret', 'pgpass'] : [])]);
  const problems: string[] = [];
  (spec.volumes ?? []).forEach((v, i) => {
    const n = (v as { name?: string }).name ?? '';
    if (reserved.has(n)) problems.push(`spec.volumes[${i}].name: "${n}" is reserved`);
  });
  (spec.volumeMounts ?? []).forEach((m, i) => {
    const p = (m as { mountPath?: string }).mountPath ?? '';
    if (p === '/config' || p === PGPASS_PATH)
      problems.push(`spec.volumeMounts[${i}].mountPath: "${p}" is reserved`);
  });
  if (spec.pgpassSecretRef && (!spec.pgpassSecretRef.name || !spec.pgpassSecretRef.key))
    problems.push('spec.pgpassSecretRef: name and key are required');
  if (problems.length > 0)
    throw new InvalidResourceError(`${scope.node.path}: invalid MCPRegistry: ${problems.join('; ')}`);
}
