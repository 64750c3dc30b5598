/**
 * EmbeddingServerChart: a HuggingFace Text Embeddings Inference server for the vMCP optimizer,
 * as ToolHive renders an EmbeddingServer: StatefulSet and Service `<name>`, container
 * `embedding`, and with `modelCache` a `model-cache` volume claim mounted at `/data`.
 */
import type { Construct } from 'constructs';
import { secretEnv } from '../lib/k8s/env.ts';
import { strategicMergePodTemplate } from '../lib/k8s/pod-template.ts';
import { embeddingLivenessProbe, embeddingReadinessProbe } from '../lib/k8s/probes.ts';
import type { Container, EnvVar, PodTemplateSpec, Service, StatefulSet } from '../lib/k8s/types.ts';
import type { EmbeddingServerResource } from '../lib/workload/kinds.ts';
import { embeddingServerLabels, embeddingServerNames, embeddingServerUrl } from '../lib/workload/names.ts';
import { proxyResources } from './mcp-server-chart.ts';
import { mergeDefaultsWin, mergePullSecrets, nonEmpty } from './shared/metadata.ts';
import type { RenderOptions } from './shared/options.ts';
import { WorkloadChart } from './shared/workload-chart.ts';

export const EMBEDDING_DEFAULTS = {
  model: 'BAAI/bge-small-en-v1.5',
  image: 'ghcr.io/huggingface/text-embeddings-inference:cpu-latest',
  port: 8080,
  cacheSize: '10Gi',
} as const;

export interface EmbeddingServerChartProps extends Pick<RenderOptions, 'owner' | 'defaultImagePullSecrets'> {
  readonly server: EmbeddingServerResource;
  readonly namespace?: string;
}

export class EmbeddingServerChart extends WorkloadChart {
  readonly url: string;

  constructor(scope: Construct, id: string, props: EmbeddingServerChartProps) {
    super(scope, id, props.owner ? { owner: props.owner } : {});
    this.validate('EmbeddingServer', props.server);
    const name = props.server.metadata.name ?? '';
    const namespace = props.server.metadata.namespace ?? props.namespace ?? 'default';
    const spec = props.server.spec ?? {};
    const names = embeddingServerNames(name);
    const labels = embeddingServerLabels(name);
    const model = spec.model ?? EMBEDDING_DEFAULTS.model;
    const port = spec.port ?? EMBEDDING_DEFAULTS.port;
    const cache = spec.modelCache && (spec.modelCache.enabled ?? true) ? spec.modelCache : undefined;
    const overrides = spec.resourceOverrides;
    this.url = embeddingServerUrl(name, namespace, port);

    const env: EnvVar[] = [{ name: 'MODEL_ID', value: model }];
    if (spec.hfTokenSecretRef)
      env.push(secretEnv('HF_TOKEN', spec.hfTokenSecretRef.name, spec.hfTokenSecretRef.key));
    for (const e of spec.env ?? []) env.push({ name: e.name, value: e.value });
    if (cache) env.push({ name: 'HF_HOME', value: '/data' });
    const resources = proxyResources(spec.resources);
    const container: Container = {
      name: 'embedding',
      image: spec.image ?? EMBEDDING_DEFAULTS.image,
      imagePullPolicy: spec.imagePullPolicy ?? 'IfNotPresent',
      args: ['--model-id', model, '--port', String(port), ...(spec.args ?? [])],
      env,
      ports: [{ name: 'http', containerPort: port, protocol: 'TCP' }],
      livenessProbe: embeddingLivenessProbe(port),
      readinessProbe: embeddingReadinessProbe(port),
      ...(resources ? { resources } : {}),
      ...(cache ? { volumeMounts: [{ name: names.modelCacheClaim, mountPath: '/data' }] } : {}),
    };
    const pullSecrets = mergePullSecrets(undefined, props.defaultImagePullSecrets);
    const templateAnnotations = nonEmpty(overrides?.statefulSet?.podTemplateMetadataOverrides?.annotations);
    // Unlike the workload-proxy charts, ToolHive copies EmbeddingServer overrides over its own
    // labels (maps.Copy) on the StatefulSet, Service and claim. The pod template is the
    // exception here: its labels must keep matching the selector, so ours win there.
    const generated: PodTemplateSpec = {
      metadata: {
        labels: mergeDefaultsWin(labels, overrides?.statefulSet?.podTemplateMetadataOverrides?.labels),
        ...(templateAnnotations ? { annotations: templateAnnotations } : {}),
      },
      spec: { ...(pullSecrets ? { imagePullSecrets: pullSecrets } : {}), containers: [container] },
    };
    const pvcMeta = overrides?.persistentVolumeClaim;
    const stsAnnotations = nonEmpty(overrides?.statefulSet?.annotations);
    this.emit<StatefulSet>({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: {
        name: names.statefulSet,
        namespace,
        labels: { ...labels, ...(overrides?.statefulSet?.labels ?? {}) },
        ...(stsAnnotations ? { annotations: stsAnnotations } : {}),
      },
      spec: {
        replicas: spec.replicas ?? 1,
        serviceName: name,
        selector: { matchLabels: labels },
        template: strategicMergePodTemplate(generated, spec.podTemplateSpec),
        ...(cache
          ? {
              volumeClaimTemplates: [
                {
                  metadata: {
                    name: names.modelCacheClaim,
                    labels: { ...labels, ...(pvcMeta?.labels ?? {}) },
                    ...(nonEmpty(pvcMeta?.annotations)
                      ? { annotations: nonEmpty(pvcMeta?.annotations) }
                      : {}),
                  },
                  spec: {
                    accessModes: [cache.accessMode ?? 'ReadWriteOnce'],
                    resources: { requests: { storage: cache.size ?? EMBEDDING_DEFAULTS.cacheSize } },
                    ...(cache.storageClassName ? { storageClassName: cache.storageClassName } : {}),
                  },
                },
              ],
            }
          : {}),
      },
    });
    const svcAnnotations = nonEmpty(overrides?.service?.annotations);
    this.emit<Service>({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: names.service,
        namespace,
        labels: { ...labels, ...(overrides?.service?.labels ?? {}) },
        ...(svcAnnotations ? { annotations: svcAnnotations } : {}),
      },
      spec: { selector: labels, ports: [{ name: 'http', port, targetPort: port, protocol: 'TCP' }] },
    });
    this.assertAcceptable();
  }
}
