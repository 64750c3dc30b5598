/**
 * Parity with ToolHive for MCPRegistry (cmd/thv-operator/pkg/registryapi/*.go) and
 * EmbeddingServer (cmd/thv-operator/controllers/embeddingserver_controller.go).
 */
import { App } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { EmbeddingServerChart } from '../../constructs/embedding-server-chart.ts';
import { RegistryChart } from '../../constructs/registry-chart.ts';
import { renderEmbeddingServer, renderRegistry } from '../../constructs/render.ts';
import type { EmbeddingServerResource, MCPRegistryResource } from '../../lib/workload/kinds.ts';
import { apiVersion, find, type Json, kindsAndNames } from './helpers.ts';
import {
  embeddingProbes,
  labelsForEmbedding,
  labelsForRegistryAPI,
  REGISTRY_PROBES,
  REGISTRY_RBAC_RULES,
  roleBinding,
} from './toolhive-expected.ts';

const NS = 'toolhive-system';
const CONFIG =
  'sources:\n  - name: cluster\n    kubernetes: {}\nregistries:\n  - name: default\n    sources: [cluster]\n';

function registry(spec: Partial<NonNullable<MCPRegistryResource['spec']>>): MCPRegistryResource {
  return {
    apiVersion,
    kind: 'MCPRegistry',
    metadata: { name: 'catalog', namespace: NS },
    spec: { configYAML: CONFIG, ...spec } as NonNullable<MCPRegistryResource['spec']>,
  };
}

describe('MCPRegistry', () => {
  const objects = renderRegistry({ registry: registry({}) });
  const labels = labelsForRegistryAPI('catalog', 'catalog-api');
  const selector = { 'app.kubernetes.io/name': 'catalog-api', 'app.kubernetes.io/component': 'registry-api' };

  it('creates the ConfigMap, RBAC `<name>-registry-api`, Deployment and Service `<name>-api`', () => {
    expect(kindsAndNames(objects)).toEqual([
      'ConfigMap/catalog-registry-server-config',
      'ServiceAccount/catalog-registry-api',
      'Role/catalog-registry-api',
      'RoleBinding/catalog-registry-api',
      'Deployment/catalog-api',
      'Service/catalog-api',
    ]);
  });

  it('writes configYAML verbatim into a ConfigMap without labels (RawConfigToConfigMap)', () => {
    const cm = find(objects, 'ConfigMap', 'catalog-registry-server-config');
    expect(cm.data).toEqual({ 'config.yaml': CONFIG });
    expect(cm.metadata.labels).toBeUndefined();
    expect(Object.keys(cm.metadata.annotations)).toEqual(['toolhive.stacklok.dev/content-checksum']);
  });

  it('labels the RBAC objects with labelsForRegistryAPI(<name>-registry-api)', () => {
    const rbacLabels = labelsForRegistryAPI('catalog', 'catalog-registry-api');
    for (const kind of ['ServiceAccount', 'Role', 'RoleBinding'])
      expect(find(objects, kind, 'catalog-registry-api').metadata.labels).toEqual(rbacLabels);
    expect(find(objects, 'Role', 'catalog-registry-api').rules).toEqual(REGISTRY_RBAC_RULES);
    const rb = find(objects, 'RoleBinding', 'catalog-registry-api');
    expect({ roleRef: rb.roleRef, subjects: rb.subjects }).toEqual(roleBinding('catalog-registry-api', NS));
  });

  it('builds the Deployment as buildRegistryAPIDeployment does', () => {
    const d = find(objects, 'Deployment', 'catalog-api');
    expect(d.metadata.labels).toEqual(labels);
    expect(d.spec.replicas).toBe(1);
    expect(d.spec.selector).toEqual({ matchLabels: selector });
    const tpl = d.spec.template;
    expect(tpl.metadata.labels).toEqual(labels);
    expect(Object.keys(tpl.metadata.annotations)).toEqual(['toolhive.stacklok.dev/config-hash']);
    expect(tpl.spec.serviceAccountName).toBe('catalog-registry-api');
    // No operator-provided security context (reference §17.8).
    expect(tpl.spec.securityContext).toBeUndefined();
    const [c] = tpl.spec.containers;
    expect(c.name).toBe('registry-api');
    expect(c.args).toEqual(['serve', '--config=/config/config.yaml']);
    expect(c.ports).toEqual([{ containerPort: 8080, name: 'http', protocol: 'TCP' }]);
    expect(c.resources).toEqual({
      requests: { cpu: '100m', memory: '128Mi' },
      limits: { cpu: '500m', memory: '512Mi' },
    });
    expect(c.livenessProbe).toEqual(REGISTRY_PROBES.livenessProbe);
    expect(c.readinessProbe).toEqual(REGISTRY_PROBES.readinessProbe);
    expect(c.volumeMounts).toEqual([
      { name: 'registry-server-config', mountPath: '/config', readOnly: true },
    ]);
    expect(tpl.spec.volumes).toEqual([
      { name: 'registry-server-config', configMap: { name: 'catalog-registry-server-config' } },
    ]);
  });

  it('writes the Service `<name>-api` with the registry selector', () => {
    const svc = find(objects, 'Service', 'catalog-api');
    expect(svc.metadata.labels).toEqual(labels);
    expect(svc.spec).toEqual({
      type: 'ClusterIP',
      selector,
      ports: [{ name: 'http', port: 8080, targetPort: 8080, protocol: 'TCP' }],
    });
  });

  it('reports status.url http://<name>-api.<ns>:8080, without svc.cluster.local', () => {
    const chart = new RegistryChart(new App({ outdir: 'unused' }), 'r', { registry: registry({}) });
    expect(chart.url).toBe(`http://catalog-api.${NS}:8080`);
  });

  it('adds pgpass and user volumes in ToolHive’s order', () => {
    const objs = renderRegistry({
      registry: registry({
        pgpassSecretRef: { name: 'pg', key: '.pgpass' },
        volumes: [{ name: 'catalog', configMap: { name: 'curated' } }] as never,
        volumeMounts: [{ name: 'catalog', mountPath: '/config/catalog' }] as never,
      }),
    });
    const pod = find(objs, 'Deployment', 'catalog-api').spec.template.spec;
    // WithRegistryServerConfigMount, then user volumes, then WithPGPassSecretRefMount.
    expect(pod.volumes.map((v: Json) => v.name)).toEqual([
      'registry-server-config',
      'catalog',
      'pgpass-secret',
      'pgpass',
    ]);
    expect(pod.volumes[2]).toEqual({
      name: 'pgpass-secret',
      secret: { secretName: 'pg', items: [{ key: '.pgpass', path: '.pgpass' }] },
    });
    expect(pod.volumes[3]).toEqual({ name: 'pgpass', emptyDir: {} });
    const c = pod.containers[0];
    expect(c.volumeMounts).toEqual([
      { name: 'registry-server-config', mountPath: '/config', readOnly: true },
      { name: 'catalog', mountPath: '/config/catalog' },
      { name: 'pgpass', mountPath: '/home/appuser/.pgpass', subPath: '.pgpass', readOnly: true },
    ]);
    expect(c.env).toEqual([{ name: 'PGPASSFILE', value: '/home/appuser/.pgpass' }]);
    expect(pod.initContainers).toEqual([
      {
        name: 'setup-pgpass',
        image: 'cgr.dev/chainguard/busybox:latest',
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
      },
    ]);
  });
});

function embedding(spec: NonNullable<EmbeddingServerResource['spec']>): EmbeddingServerResource {
  return {
    apiVersion,
    kind: 'EmbeddingServer',
    metadata: { name: 'st-embedding-basic', namespace: NS },
    spec,
  };
}

describe('EmbeddingServer (chainsaw embeddingserver/basic)', () => {
  const objects = renderEmbeddingServer({
    server: embedding({
      model: 'sentence-transformers/paraphrase-MiniLM-L3-v2',
      image: 'ghcr.io/huggingface/text-embeddings-inference:cpu-latest',
      imagePullPolicy: 'IfNotPresent',
      port: 8080,
      replicas: 1,
      resources: { limits: { cpu: '500m', memory: '512Mi' }, requests: { cpu: '250m', memory: '256Mi' } },
      env: [{ name: 'RUST_LOG', value: 'info' }],
    }),
  });
  const labels = labelsForEmbedding('st-embedding-basic');

  it('creates the StatefulSet and Service `<name>`', () => {
    expect(kindsAndNames(objects)).toEqual(['StatefulSet/st-embedding-basic', 'Service/st-embedding-basic']);
  });

  it('builds the StatefulSet as statefulSetForEmbedding does', () => {
    const sts = find(objects, 'StatefulSet', 'st-embedding-basic');
    expect(sts.metadata.labels).toEqual(labels);
    expect(sts.spec.replicas).toBe(1);
    expect(sts.spec.serviceName).toBe('st-embedding-basic');
    expect(sts.spec.selector).toEqual({ matchLabels: labels });
    expect(sts.spec.template.metadata.labels).toEqual(labels);
    expect(sts.spec.volumeClaimTemplates).toBeUndefined();
    const pod = sts.spec.template.spec;
    expect(pod.securityContext).toBeUndefined();
    const [c] = pod.containers;
    expect(c.name).toBe('embedding');
    expect(c.image).toBe('ghcr.io/huggingface/text-embeddings-inference:cpu-latest');
    expect(c.imagePullPolicy).toBe('IfNotPresent');
    expect(c.args).toEqual(['--model-id', 'sentence-transformers/paraphrase-MiniLM-L3-v2', '--port', '8080']);
    expect(c.env).toEqual([
      { name: 'MODEL_ID', value: 'sentence-transformers/paraphrase-MiniLM-L3-v2' },
      { name: 'RUST_LOG', value: 'info' },
    ]);
    expect(c.ports).toEqual([{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
    expect(c.livenessProbe).toEqual(embeddingProbes(8080).livenessProbe);
    expect(c.readinessProbe).toEqual(embeddingProbes(8080).readinessProbe);
    expect(c.resources).toEqual({
      limits: { cpu: '500m', memory: '512Mi' },
      requests: { cpu: '250m', memory: '256Mi' },
    });
    expect(c.securityContext).toBeUndefined();
  });

  it('writes the Service as serviceForEmbedding does (chainsaw: ClusterIP, 8080 -> 8080)', () => {
    const svc = find(objects, 'Service', 'st-embedding-basic');
    expect(svc.metadata.labels).toEqual(labels);
    expect(svc.spec).toEqual({
      selector: labels,
      ports: [{ name: 'http', port: 8080, targetPort: 8080, protocol: 'TCP' }],
    });
  });

  it('reports status.url http://<name>.<ns>.svc.cluster.local:<port>', () => {
    const chart = new EmbeddingServerChart(new App({ outdir: 'unused' }), 'e', {
      server: embedding({ port: 9000 }),
    });
    expect(chart.url).toBe(`http://st-embedding-basic.${NS}.svc.cluster.local:9000`);
  });
});

describe('EmbeddingServer options', () => {
  const objects = renderEmbeddingServer({
    server: embedding({
      hfTokenSecretRef: { name: 'hf', key: 'token' },
      modelCache: { enabled: true, size: '5Gi', storageClassName: 'fast' },
      resourceOverrides: {
        statefulSet: {
          labels: { team: 'ml', 'app.kubernetes.io/managed-by': 'someone-else' },
          annotations: { note: 'sts' },
          podTemplateMetadataOverrides: {
            labels: { tier: 'gpu' },
            annotations: { 'prometheus.io/scrape': 'true' },
          },
        },
        service: {
          labels: { exposed: 'yes', 'app.kubernetes.io/component': 'svc' },
          annotations: { lb: 'internal' },
        },
        persistentVolumeClaim: { labels: { backup: 'daily' }, annotations: { 'pv.example.com/class': 'x' } },
      },
    }),
    defaultImagePullSecrets: ['cluster-cred'],
  });
  const labels = labelsForEmbedding('st-embedding-basic');

  it('passes HF_TOKEN from the Secret and HF_HOME=/data with the cache', () => {
    const c = find(objects, 'StatefulSet', 'st-embedding-basic').spec.template.spec.containers[0];
    expect(c.env).toEqual([
      { name: 'MODEL_ID', value: 'BAAI/bge-small-en-v1.5' },
      { name: 'HF_TOKEN', valueFrom: { secretKeyRef: { name: 'hf', key: 'token' } } },
      { name: 'HF_HOME', value: '/data' },
    ]);
    expect(c.volumeMounts).toEqual([{ name: 'model-cache', mountPath: '/data' }]);
  });

  it('claims `model-cache` (so the PVC is model-cache-<name>-0) with buildVolumeClaimTemplates’ fields', () => {
    const [pvc] = find(objects, 'StatefulSet', 'st-embedding-basic').spec.volumeClaimTemplates;
    expect(pvc).toEqual({
      metadata: {
        name: 'model-cache',
        labels: { ...labels, backup: 'daily' },
        annotations: { 'pv.example.com/class': 'x' },
      },
      spec: {
        accessModes: ['ReadWriteOnce'],
        resources: { requests: { storage: '5Gi' } },
        storageClassName: 'fast',
      },
    });
  });

  it('copies override labels over the base labels on the StatefulSet and Service (maps.Copy)', () => {
    const sts = find(objects, 'StatefulSet', 'st-embedding-basic');
    expect(sts.metadata.labels).toEqual({
      ...labels,
      team: 'ml',
      'app.kubernetes.io/managed-by': 'someone-else',
    });
    expect(sts.metadata.annotations).toEqual({ note: 'sts' });
    expect(sts.spec.selector.matchLabels).toEqual(labels);
    const svc = find(objects, 'Service', 'st-embedding-basic');
    expect(svc.metadata.labels).toEqual({ ...labels, exposed: 'yes', 'app.kubernetes.io/component': 'svc' });
    expect(svc.metadata.annotations).toEqual({ lb: 'internal' });
    expect(svc.spec.selector).toEqual(labels);
  });

  it('adds the pod template overrides and the cluster pull secrets', () => {
    const tpl = find(objects, 'StatefulSet', 'st-embedding-basic').spec.template;
    expect(tpl.metadata.labels).toEqual({ ...labels, tier: 'gpu' });
    expect(tpl.metadata.annotations).toEqual({ 'prometheus.io/scrape': 'true' });
    expect(tpl.spec.imagePullSecrets).toEqual([{ name: 'cluster-cred' }]);
  });
});
