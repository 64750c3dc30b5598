/**
 * What a Kubernetes 1.26 API server checks on create beyond the OpenAPI schema, for the kinds we
 * render: name syntax per kind, label and annotation syntax and size, selectors that match their
 * templates, container, port, env, volume and probe rules, Service and RBAC rules, and that the
 * apiVersion/kind exists in 1.26. Wording follows the API server's (`field.Error`), so a failed
 * render reads like a failed `kubectl apply --dry-run=server`.
 *
 * Problems have a severity: `rejected` means the API server refuses the object; `broken` means it
 * is accepted but cannot work (a StatefulSet whose pods' labels would be invalid, a probe on a
 * port the container does not name, an RBAC rule on a resource that does not exist); `warning`
 * means it is accepted with a warning. The rules follow k8s.io/apimachinery/pkg/util/validation
 * and k8s.io/kubernetes/pkg/apis/{core,apps,rbac}/validation at v1.26.
 */

import {
  duplicate,
  errorString,
  type FieldError,
  forbidden,
  invalid,
  notSupported,
  required,
  tooLong,
} from '../validate/field-error.ts';
import { byteLength } from '../validate/go-format.ts';
import {
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  regexError,
} from '../validate/metadata.ts';

/**
 * `rejected`: the API server refuses the object. `broken`: it is accepted but cannot work.
 * `warning`: it is accepted with a warning (a duplicate env var, where the last one wins).
 */
export type ProblemSeverity = 'rejected' | 'broken' | 'warning';

export interface AcceptanceProblem {
  readonly severity: ProblemSeverity;
  /** `<field>: <detail>`, as the API server words it. */
  readonly message: string;
}

// biome-ignore lint/suspicious/noExplicitAny: walking arbitrary Kubernetes JSON
type Json = any;

// ---- Name and value syntax (apimachinery/pkg/util/validation) ----

const DNS1035_LABEL_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?';
const DNS1035_LABEL_RE = new RegExp(`^${DNS1035_LABEL_FMT}$`);

export function isDNS1035Label(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 63) errs.push('must be no more than 63 characters');
  if (!DNS1035_LABEL_RE.test(value))
    errs.push(
      regexError(
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
        DNS1035_LABEL_FMT,
        'my-name',
        'abc-123',
      ),
    );
  return errs;
}

/** `IsValidPortName` (IANA_SVC_NAME). */
export function isValidPortName(port: string): string[] {
  const errs: string[] = [];
  if (port.length > 15) errs.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(port))
    errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(port)) errs.push('must contain at least one letter (a-z)');
  if (port.includes('--')) errs.push('must not contain consecutive hyphens');
  if (port.startsWith('-') || port.endsWith('-')) errs.push('must not begin or end with a hyphen');
  return errs;
}

const ENV_VAR_FMT = '[-._a-zA-Z][-._a-zA-Z0-9]*';
const ENV_VAR_RE = new RegExp(`^${ENV_VAR_FMT}$`);

/** `IsEnvVarName` as of v1.26 (relaxed to any printable ASCII but `=` only in v1.30). */
export function isEnvVarName(value: string): string[] {
  const errs: string[] = [];
  if (!ENV_VAR_RE.test(value))
    errs.push(
      regexError(
        "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit",
        ENV_VAR_FMT,
        'my.env-name',
        'MY_ENV.NAME',
        'MyEnvName1',
      ),
    );
  for (const m of hasChDirPrefix(value)) errs.push(m);
  return errs;
}

function hasChDirPrefix(value: string): string[] {
  if (value === '.' || value === '..') return [`must not be '${value}'`];
  if (value.startsWith('..')) return ["must not start with '..'"];
  return [];
}

const CONFIG_KEY_FMT = '[-._a-zA-Z0-9]+';
const CONFIG_KEY_RE = new RegExp(`^${CONFIG_KEY_FMT}$`);

/** `IsConfigMapKey` (ConfigMap and Secret data keys, and the keys their references name). */
export function isConfigMapKey(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 253) errs.push('must be no more than 253 characters');
  if (!CONFIG_KEY_RE.test(value))
    errs.push(
      regexError(
        "a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
        CONFIG_KEY_FMT,
        'key.name',
        'KEY_NAME',
        'key-name',
      ),
    );
  return [...errs, ...hasChDirPrefix(value)];
}

/** `path.IsValidPathSegmentName`: RBAC object names. */
function isValidPathSegmentName(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  const errs: string[] = [];
  for (const illegal of ['/', '%']) if (name.includes(illegal)) errs.push(`may not contain '${illegal}'`);
  return errs;
}

const QUANTITY_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)(([KMGTPE]i)|[numkMGTPE]|[eE][+-]?\d+)?$/;

/** The rule a name must follow, per kind (`ValidateObjectMeta`'s name function). */
type NameRule = 'subdomain' | 'label' | 'dns1035' | 'pathSegment';

interface KindRule {
  readonly name: NameRule;
  readonly namespaced: boolean;
  readonly check?: (obj: Json, out: Problems) => void;
}

/** Problems being collected for one object. */
class Problems {
  readonly list: AcceptanceProblem[] = [];
  reject(e: FieldError): void {
    this.list.push({ severity: 'rejected', message: errorString(e) });
  }
  broken(e: FieldError): void {
    this.list.push({ severity: 'broken', message: errorString(e) });
  }
  warn(e: FieldError): void {
    this.list.push({ severity: 'warning', message: errorString(e) });
  }
}

// ---- Kinds available in Kubernetes 1.26 that our charts and CRs may use ----

const TOOLHIVE_KINDS = [
  'MCPServer',
  'MCPRemoteProxy',
  'MCPServerEntry',
  'MCPGroup',
  'VirtualMCPServer',
  'VirtualMCPCompositeToolDefinition',
  'MCPRegistry',
  'MCPToolConfig',
  'MCPExternalAuthConfig',
  'MCPOIDCConfig',
  'MCPTelemetryConfig',
  'MCPAuthzConfig',
  'EmbeddingServer',
];

/** Plurals that are not `<lowercase kind>s`. */
const TOOLHIVE_PLURALS: Record<string, string> = {
  MCPRemoteProxy: 'mcpremoteproxies',
  MCPRegistry: 'mcpregistries',
  MCPServerEntry: 'mcpserverentries',
};

const KINDS: Record<string, KindRule> = {
  'v1/ConfigMap': { name: 'subdomain', namespaced: true, check: checkConfigData },
  'v1/Secret': { name: 'subdomain', namespaced: true, check: checkConfigData },
  'v1/ServiceAccount': { name: 'subdomain', namespaced: true, check: checkServiceAccount },
  'v1/Service': { name: 'dns1035', namespaced: true, check: checkService },
  'v1/Namespace': { name: 'label', namespaced: false },
  'v1/PersistentVolumeClaim': { name: 'subdomain', namespaced: true },
  'apps/v1/Deployment': { name: 'subdomain', namespaced: true, check: checkDeployment },
  'apps/v1/StatefulSet': { name: 'subdomain', namespaced: true, check: checkStatefulSet },
  'rbac.authorization.k8s.io/v1/Role': { name: 'pathSegment', namespaced: true, check: checkRules },
  'rbac.authorization.k8s.io/v1/ClusterRole': { name: 'pathSegment', namespaced: false, check: checkRules },
  'rbac.authorization.k8s.io/v1/RoleBinding': { name: 'pathSegment', namespaced: true, check: checkBinding },
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': {
    name: 'pathSegment',
    namespaced: false,
    check: checkBinding,
  },
  'apiextensions.k8s.io/v1/CustomResourceDefinition': {
    name: 'subdomain',
    namespaced: false,
    check: checkCrd,
  },
  'autoscaling/v2/HorizontalPodAutoscaler': { name: 'pathSegment', namespaced: true },
  'policy/v1/PodDisruptionBudget': { name: 'subdomain', namespaced: true },
  ...Object.fromEntries(
    TOOLHIVE_KINDS.flatMap((k) => [
      [`toolhive.stacklok.dev/v1beta1/${k}`, { name: 'subdomain', namespaced: true }],
      [`toolhive.stacklok.dev/v1alpha1/${k}`, { name: 'subdomain', namespaced: true }],
    ]),
  ),
  // MCPWebhookConfig exists only as v1alpha1.
  'toolhive.stacklok.dev/v1alpha1/MCPWebhookConfig': { name: 'subdomain', namespaced: true },
};

/** Everything the API server would say about `obj` on create; empty when it accepts it. */
export function acceptanceProblems(obj: Json): AcceptanceProblem[] {
  const p = new Problems();
  const apiVersion = String(obj?.apiVersion ?? '');
  const kind = String(obj?.kind ?? '');
  const rule = KINDS[`${apiVersion}/${kind}`];
  if (!rule) {
    p.reject(
      invalid(
        'apiVersion',
        `${apiVersion}/${kind}`,
        `no kind "${kind}" is registered for version "${apiVersion}" in Kubernetes 1.26`,
      ),
    );
    return p.list;
  }
  checkMetadata(obj.metadata ?? {}, rule, p);
  rule.check?.(obj, p);
  return p.list;
}

/** The problems of `obj` as lines, each prefixed with `<Kind>/<name>`. */
export function acceptanceReport(
  obj: Json,
  severities: readonly ProblemSeverity[] = ['rejected', 'broken', 'warning'],
): string[] {
  return acceptanceProblems(obj)
    .filter((x) => severities.includes(x.severity))
    .map((x) => `${obj?.kind}/${obj?.metadata?.name}: ${x.message}`);
}

// ---- metadata ----

function checkName(name: string, rule: NameRule, field: string, p: Problems): void {
  const msgs =
    rule === 'subdomain'
      ? isDNS1123Subdomain(name)
      : rule === 'label'
        ? isDNS1123Label(name)
        : rule === 'dns1035'
          ? isDNS1035Label(name)
          : isValidPathSegmentName(name);
  for (const m of msgs) p.reject(invalid(field, name, m));
}

function checkMetadata(meta: Json, rule: KindRule, p: Problems): void {
  const name = String(meta.name ?? '');
  if (name === '') p.reject(required('metadata.name', 'name or generateName is required'));
  else checkName(name, rule.name, 'metadata.name', p);
  if (rule.namespaced && meta.namespace !== undefined)
    checkName(String(meta.namespace), 'label', 'metadata.namespace', p);
  if (!rule.namespaced && meta.namespace)
    p.reject(forbidden('metadata.namespace', 'not allowed on this type'));
  checkLabels(meta.labels, 'metadata.labels', p);
  checkAnnotations(meta.annotations, 'metadata.annotations', p);
}

function checkLabels(labels: Json, field: string, p: Problems): void {
  for (const [k, v] of Object.entries((labels ?? {}) as Record<string, unknown>)) {
    for (const m of isQualifiedName(k)) p.reject(invalid(field, k, m));
    for (const m of isValidLabelValue(String(v))) p.reject(invalid(field, v, m));
  }
}

function checkAnnotations(annotations: Json, field: string, p: Problems): void {
  let size = 0;
  for (const [k, v] of Object.entries((annotations ?? {}) as Record<string, unknown>)) {
    for (const m of isQualifiedName(k.toLowerCase())) p.reject(invalid(field, k, m));
    size += byteLength(k) + byteLength(String(v));
  }
  if (size > 256 * 1024) p.reject(tooLong(field, '', 256 * 1024));
}

// ---- ConfigMap, Secret, ServiceAccount ----

function checkConfigData(obj: Json, p: Problems): void {
  let size = 0;
  for (const field of ['data', 'binaryData', 'stringData'] as const) {
    for (const [k, v] of Object.entries((obj[field] ?? {}) as Record<string, unknown>)) {
      for (const m of isConfigMapKey(k)) p.reject(invalid(field, k, m));
      size += byteLength(String(v));
    }
  }
  // ConfigMaps and Secrets are capped at 1 MiB.
  if (size > 1024 * 1024) p.reject(tooLong('data', '', 1024 * 1024));
}

function checkServiceAccount(obj: Json, p: Problems): void {
  checkPullSecrets(obj.imagePullSecrets, 'imagePullSecrets', p);
}

function checkPullSecrets(list: Json, field: string, p: Problems): void {
  (list ?? []).forEach((s: Json, i: number) => {
    if (!s?.name) p.reject(required(`${field}[${i}].name`));
  });
}

// ---- Service ----

const SERVICE_TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'];
const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];

function checkService(obj: Json, p: Problems): void {
  const spec = obj.spec ?? {};
  const type = spec.type ?? 'ClusterIP';
  if (!SERVICE_TYPES.includes(type)) p.reject(notSupported('spec.type', type, SERVICE_TYPES));
  const headless = spec.clusterIP === 'None';
  if (headless && type !== 'ClusterIP' && type !== undefined)
    p.reject(invalid('spec.clusterIPs[0]', 'None', "may be set only when `type` is 'ClusterIP'"));
  const ports: Json[] = spec.ports ?? [];
  if (ports.length === 0 && !headless && type !== 'ExternalName') p.reject(required('spec.ports'));
  const names = new Set<string>();
  const portProto = new Set<string>();
  ports.forEach((port, i) => {
    const f = `spec.ports[${i}]`;
    if (ports.length > 1 || port.name) {
      if (!port.name) p.reject(required(`${f}.name`));
      else {
        for (const m of isDNS1123Label(port.name)) p.reject(invalid(`${f}.name`, port.name, m));
        if (names.has(port.name)) p.reject(duplicate(`${f}.name`, port.name));
        names.add(port.name);
      }
    }
    checkPortNumber(port.port, `${f}.port`, p);
    const proto = port.protocol ?? 'TCP';
    if (!PROTOCOLS.includes(proto)) p.reject(notSupported(`${f}.protocol`, proto, PROTOCOLS));
    const key = `${port.port}/${proto}`;
    if (portProto.has(key)) p.reject(duplicate(f, key));
    portProto.add(key);
    if (port.targetPort !== undefined) checkPortNumOrName(port.targetPort, `${f}.targetPort`, p);
  });
  const affinity = spec.sessionAffinity ?? 'None';
  if (!['ClientIP', 'None'].includes(affinity))
    p.reject(notSupported('spec.sessionAffinity', affinity, ['ClientIP', 'None']));
  if (spec.sessionAffinityConfig) {
    if (affinity !== 'ClientIP')
      p.reject(
        invalid(
          'spec.sessionAffinityConfig',
          spec.sessionAffinityConfig,
          `must not be set when session affinity is ${affinity}`,
        ),
      );
    const t = spec.sessionAffinityConfig.clientIP?.timeoutSeconds;
    if (t !== undefined && (t <= 0 || t > 86400))
      p.reject(
        invalid(
          'spec.sessionAffinityConfig.clientIP.timeoutSeconds',
          t,
          'must be greater than 0 and less than 86400',
        ),
      );
  }
  checkLabels(spec.selector, 'spec.selector', p);
}

function checkPortNumber(n: unknown, field: string, p: Problems): void {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 65535)
    p.reject(invalid(field, n, 'must be between 1 and 65535, inclusive'));
}

function checkPortNumOrName(v: unknown, field: string, p: Problems): void {
  if (typeof v === 'number') checkPortNumber(v, field, p);
  else for (const m of isValidPortName(String(v))) p.reject(invalid(field, v, m));
}

// ---- Deployment, StatefulSet ----

function selectorMatches(selector: Json, labels: Record<string, string>): boolean {
  const match = (selector?.matchLabels ?? {}) as Record<string, string>;
  for (const [k, v] of Object.entries(match)) if (labels[k] !== v) return false;
  for (const e of selector?.matchExpressions ?? []) {
    const has = e.key in labels;
    const val = labels[e.key];
    if (e.operator === 'In' && !(has && e.values.includes(val))) return false;
    if (e.operator === 'NotIn' && has && e.values.includes(val)) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

function checkWorkloadSpec(obj: Json, p: Problems, extraVolumes: readonly string[]): void {
  const spec = obj.spec ?? {};
  if (spec.replicas !== undefined && (!Number.isInteger(spec.replicas) || spec.replicas < 0))
    p.reject(invalid('spec.replicas', spec.replicas, 'must be greater than or equal to 0'));
  const selector = spec.selector;
  const hasSelector =
    Object.keys(selector?.matchLabels ?? {}).length > 0 || (selector?.matchExpressions ?? []).length > 0;
  if (!hasSelector)
    p.reject(invalid('spec.selector', selector ?? {}, 'empty selector is invalid for deployment'));
  checkLabels(selector?.matchLabels, 'spec.selector.matchLabels', p);
  const template = spec.template ?? {};
  const labels = (template.metadata?.labels ?? {}) as Record<string, string>;
  checkLabels(labels, 'spec.template.metadata.labels', p);
  checkAnnotations(template.metadata?.annotations, 'spec.template.metadata.annotations', p);
  if (hasSelector && !selectorMatches(selector, labels))
    p.reject(invalid('spec.template.metadata.labels', labels, '`selector` does not match template `labels`'));
  checkPodSpec(template.spec ?? {}, 'spec.template.spec', p, extraVolumes);
}

function checkDeployment(obj: Json, p: Problems): void {
  checkWorkloadSpec(obj, p, []);
}

/**
 * StatefulSet pods carry the label `controller-revision-hash: <name>-<hash>` (the hash is up to
 * 10 characters) and the hostname `<name>-<ordinal>`; past 52 characters the controller's pods
 * are rejected although the StatefulSet itself is accepted (kubernetes/kubernetes#64023).
 */
export const MAX_STATEFULSET_NAME = 52;

function checkStatefulSet(obj: Json, p: Problems): void {
  const name = String(obj.metadata?.name ?? '');
  if (name.length > MAX_STATEFULSET_NAME)
    p.broken(
      invalid(
        'metadata.name',
        name,
        `must be no more than ${MAX_STATEFULSET_NAME} characters: the label controller-revision-hash: ${name}-<hash> on its pods would exceed 63 characters, so no pod could be created`,
      ),
    );
  const claims: Json[] = obj.spec?.volumeClaimTemplates ?? [];
  claims.forEach((c, i) => {
    const f = `spec.volumeClaimTemplates[${i}]`;
    for (const m of isDNS1123Subdomain(String(c.metadata?.name ?? '')))
      p.reject(invalid(`${f}.metadata.name`, c.metadata?.name, m));
    checkLabels(c.metadata?.labels, `${f}.metadata.labels`, p);
    checkAnnotations(c.metadata?.annotations, `${f}.metadata.annotations`, p);
    if ((c.spec?.accessModes ?? []).length === 0)
      p.reject(required(`${f}.spec.accessModes`, 'at least 1 access mode is required'));
    const storage = c.spec?.resources?.requests?.storage;
    if (storage === undefined) p.reject(required(`${f}.spec.resources[storage]`));
    else checkQuantity(storage, `${f}.spec.resources.requests[storage]`, p);
  });
  checkWorkloadSpec(
    obj,
    p,
    claims.map((c) => String(c.metadata?.name ?? '')),
  );
}

// ---- Pod spec ----

const ENV_SOURCES = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'];
const VOLUME_SOURCES = [
  'configMap',
  'secret',
  'emptyDir',
  'hostPath',
  'persistentVolumeClaim',
  'projected',
  'downwardAPI',
  'csi',
  'ephemeral',
  'nfs',
];
const FIELD_PATHS = [
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.serviceAccountName',
  'status.hostIP',
  'status.podIP',
  'status.podIPs',
];

function checkPodSpec(spec: Json, f: string, p: Problems, extraVolumes: readonly string[]): void {
  if (spec.serviceAccountName)
    for (const m of isDNS1123Subdomain(spec.serviceAccountName))
      p.reject(invalid(`${f}.serviceAccountName`, spec.serviceAccountName, m));
  if (spec.restartPolicy !== undefined && spec.restartPolicy !== 'Always')
    p.reject(notSupported(`${f}.restartPolicy`, spec.restartPolicy, ['Always']));
  checkPullSecrets(spec.imagePullSecrets, `${f}.imagePullSecrets`, p);
  const volumes = new Set<string>(extraVolumes);
  (spec.volumes ?? []).forEach((v: Json, i: number) => {
    const vf = `${f}.volumes[${i}]`;
    for (const m of isDNS1123Label(String(v.name ?? ''))) p.reject(invalid(`${vf}.name`, v.name, m));
    if (volumes.has(v.name)) p.reject(duplicate(`${vf}.name`, v.name));
    volumes.add(v.name);
    const sources = VOLUME_SOURCES.filter((s) => v[s] !== undefined);
    if (sources.length !== 1)
      p.reject(
        sources.length === 0
          ? required(vf, 'must specify a volume type')
          : forbidden(vf, 'may not specify more than 1 volume type'),
      );
    if (v.configMap && !v.configMap.name) p.reject(required(`${vf}.configMap.name`));
    if (v.secret && !v.secret.secretName) p.reject(required(`${vf}.secret.secretName`));
    if (v.hostPath && !v.hostPath.path) p.reject(required(`${vf}.hostPath.path`));
    for (const [src, items] of [
      ['configMap', v.configMap?.items],
      ['secret', v.secret?.items],
    ] as const)
      (items ?? []).forEach((item: Json, j: number) => {
        const itf = `${vf}.${src}.items[${j}]`;
        for (const m of isConfigMapKey(String(item.key ?? ''))) p.reject(invalid(`${itf}.key`, item.key, m));
        checkRelativePath(item.path, `${itf}.path`, p);
      });
  });
  const names = new Set<string>();
  for (const [list, lf] of [
    [spec.initContainers ?? [], `${f}.initContainers`],
    [spec.containers ?? [], `${f}.containers`],
  ] as const) {
    (list as Json[]).forEach((c, i) => {
      checkContainer(c, `${lf}[${i}]`, p, volumes);
      if (names.has(c.name)) p.reject(duplicate(`${lf}[${i}].name`, c.name));
      names.add(c.name);
    });
  }
  if ((spec.containers ?? []).length === 0) p.reject(required(`${f}.containers`));
}

function checkRelativePath(path: unknown, field: string, p: Problems): void {
  const s = String(path ?? '');
  if (s === '') p.reject(required(field));
  if (s.startsWith('/')) p.reject(invalid(field, s, 'must be a relative path'));
  if (s.split('/').includes('..')) p.reject(invalid(field, s, "must not contain '..'"));
}

function checkContainer(c: Json, f: string, p: Problems, volumes: ReadonlySet<string>): void {
  for (const m of isDNS1123Label(String(c.name ?? ''))) p.reject(invalid(`${f}.name`, c.name, m));
  if (!c.image) p.reject(required(`${f}.image`));
  const portNames = new Set<string>();
  (c.ports ?? []).forEach((port: Json, i: number) => {
    const pf = `${f}.ports[${i}]`;
    checkPortNumber(port.containerPort, `${pf}.containerPort`, p);
    if (port.name) {
      const msgs = isValidPortName(port.name);
      for (const m of msgs) p.reject(invalid(`${pf}.name`, port.name, m));
      if (msgs.length === 0 && portNames.has(port.name)) p.reject(duplicate(`${pf}.name`, port.name));
      portNames.add(port.name);
    }
    const proto = port.protocol ?? 'TCP';
    if (!PROTOCOLS.includes(proto)) p.reject(notSupported(`${pf}.protocol`, proto, PROTOCOLS));
  });
  const envNames = new Set<string>();
  (c.env ?? []).forEach((e: Json, i: number) => {
    const ef = `${f}.env[${i}]`;
    for (const m of isEnvVarName(String(e.name ?? ''))) p.reject(invalid(`${ef}.name`, e.name, m));
    // Accepted with a warning; the later definition silently wins.
    if (envNames.has(e.name)) p.warn(duplicate(`${ef}.name`, e.name));
    envNames.add(e.name);
    if (e.valueFrom !== undefined) {
      if (e.value) p.reject(invalid(`${ef}.valueFrom`, '', 'may not be specified when `value` is not empty'));
      const sources = ENV_SOURCES.filter((s) => e.valueFrom[s] !== undefined);
      if (sources.length !== 1)
        p.reject(invalid(`${ef}.valueFrom`, '', 'may not have more than one field specified at a time'));
      for (const ref of [e.valueFrom.secretKeyRef, e.valueFrom.configMapKeyRef]) {
        if (!ref) continue;
        if (!ref.name) p.reject(required(`${ef}.valueFrom.name`));
        for (const m of isConfigMapKey(String(ref.key ?? '')))
          p.reject(invalid(`${ef}.valueFrom.key`, ref.key, m));
      }
      const fieldPath = e.valueFrom.fieldRef?.fieldPath;
      if (
        fieldPath !== undefined &&
        !FIELD_PATHS.includes(fieldPath) &&
        !/^metadata\.(labels|annotations)\['[^']+'\]$/.test(fieldPath)
      )
        p.reject(notSupported(`${ef}.valueFrom.fieldRef.fieldPath`, fieldPath, FIELD_PATHS));
    }
  });
  const mountPaths = new Set<string>();
  (c.volumeMounts ?? []).forEach((m: Json, i: number) => {
    const mf = `${f}.volumeMounts[${i}]`;
    if (!volumes.has(m.name))
      p.reject({ type: 'FieldValueNotFound', field: `${mf}.name`, badValue: m.name, detail: '' });
    if (!m.mountPath) p.reject(required(`${mf}.mountPath`));
    if (mountPaths.has(m.mountPath)) p.reject(invalid(`${mf}.mountPath`, m.mountPath, 'must be unique'));
    mountPaths.add(m.mountPath);
    if (m.subPath !== undefined) {
      if (String(m.subPath).startsWith('/'))
        p.reject(invalid(`${mf}.subPath`, m.subPath, 'must be a relative path'));
      if (String(m.subPath).split('/').includes('..'))
        p.reject(invalid(`${mf}.subPath`, m.subPath, "must not contain '..'"));
    }
  });
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const)
    if (c[probe]) checkProbe(c[probe], `${f}.${probe}`, p, portNames);
  for (const kind of ['limits', 'requests'] as const)
    for (const [r, q] of Object.entries((c.resources?.[kind] ?? {}) as Record<string, unknown>))
      checkQuantity(q, `${f}.resources.${kind}[${r}]`, p);
}

function checkProbe(probe: Json, f: string, p: Problems, portNames: ReadonlySet<string>): void {
  const handlers = ['httpGet', 'tcpSocket', 'exec', 'grpc'].filter((h) => probe[h] !== undefined);
  if (handlers.length !== 1)
    p.reject(
      handlers.length === 0
        ? required(f, 'must specify a handler type')
        : forbidden(f, 'may not specify more than 1 handler type'),
    );
  const port = probe.httpGet?.port ?? probe.tcpSocket?.port;
  if (port !== undefined) {
    const pf = `${f}.${probe.httpGet ? 'httpGet' : 'tcpSocket'}.port`;
    checkPortNumOrName(port, pf, p);
    // A named port the container does not declare passes admission but never answers.
    if (typeof port === 'string' && !portNames.has(port))
      p.broken({
        type: 'FieldValueNotFound',
        field: pf,
        badValue: port,
        detail: 'the container has no port of this name',
      });
  }
  for (const t of [
    'initialDelaySeconds',
    'periodSeconds',
    'timeoutSeconds',
    'failureThreshold',
    'successThreshold',
  ])
    if (probe[t] !== undefined && probe[t] < 0)
      p.reject(invalid(`${f}.${t}`, probe[t], 'must be greater than or equal to 0'));
}

function checkQuantity(q: unknown, field: string, p: Problems): void {
  const s = typeof q === 'number' ? String(q) : String(q ?? '');
  if (!QUANTITY_RE.test(s))
    p.reject(
      invalid(
        field,
        q,
        "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
      ),
    );
}

// ---- RBAC ----

const VERBS = [
  'get',
  'list',
  'watch',
  'create',
  'update',
  'patch',
  'delete',
  'deletecollection',
  'use',
  'bind',
  'escalate',
  'impersonate',
  'approve',
  'sign',
  '*',
];

/**
 * Resources (and subresources) of the API groups our RBAC rules name, in Kubernetes 1.26 and
 * ToolHive's CRDs: a misspelt resource is accepted by the API server and silently grants nothing.
 */
const RESOURCES: Record<string, readonly string[]> = {
  '': [
    'configmaps',
    'endpoints',
    'events',
    'namespaces',
    'persistentvolumeclaims',
    'pods',
    'pods/attach',
    'pods/exec',
    'pods/log',
    'pods/portforward',
    'secrets',
    'serviceaccounts',
    'serviceaccounts/token',
    'services',
  ],
  apps: ['deployments', 'deployments/scale', 'replicasets', 'statefulsets', 'statefulsets/scale'],
  'apiextensions.k8s.io': ['customresourcedefinitions', 'customresourcedefinitions/status'],
  'coordination.k8s.io': ['leases'],
  'events.k8s.io': ['events'],
  'gateway.networking.k8s.io': ['gateways', 'httproutes'],
  'rbac.authorization.k8s.io': ['clusterrolebindings', 'clusterroles', 'rolebindings', 'roles'],
  'toolhive.stacklok.dev': [
    '*',
    ...[...TOOLHIVE_KINDS, 'MCPWebhookConfig'].flatMap((k) => {
      const plural = TOOLHIVE_PLURALS[k] ?? `${k.toLowerCase()}s`;
      return [plural, `${plural}/status`, `${plural}/finalizers`];
    }),
  ],
};

function checkRules(obj: Json, p: Problems): void {
  const namespaced = obj.kind === 'Role';
  (obj.rules ?? []).forEach((r: Json, i: number) => {
    const f = `rules[${i}]`;
    if ((r.verbs ?? []).length === 0)
      p.reject(required(`${f}.verbs`, 'verbs must contain at least one value'));
    for (const v of r.verbs ?? []) if (!VERBS.includes(v)) p.broken(notSupported(`${f}.verbs`, v, VERBS));
    if ((r.nonResourceURLs ?? []).length > 0) {
      if (namespaced)
        p.reject(
          invalid(
            `${f}.nonResourceURLs`,
            r.nonResourceURLs,
            'namespaced rules cannot apply to non-resource URLs',
          ),
        );
      return;
    }
    if ((r.apiGroups ?? []).length === 0)
      p.reject(required(`${f}.apiGroups`, 'resource rules must supply at least one api group'));
    if ((r.resources ?? []).length === 0)
      p.reject(required(`${f}.resources`, 'resource rules must supply at least one resource'));
    for (const g of r.apiGroups ?? []) {
      const known = RESOURCES[g];
      if (!known) continue;
      for (const res of r.resources ?? [])
        if (res !== '*' && !known.includes(res)) p.broken(notSupported(`${f}.resources`, res, [...known]));
    }
  });
}

function checkBinding(obj: Json, p: Problems): void {
  const ref = obj.roleRef ?? {};
  const kinds = obj.kind === 'RoleBinding' ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (ref.apiGroup !== 'rbac.authorization.k8s.io')
    p.reject(notSupported('roleRef.apiGroup', ref.apiGroup, ['rbac.authorization.k8s.io']));
  if (!kinds.includes(ref.kind)) p.reject(notSupported('roleRef.kind', ref.kind, kinds));
  if (!ref.name) p.reject(required('roleRef.name'));
  else for (const m of isValidPathSegmentName(ref.name)) p.reject(invalid('roleRef.name', ref.name, m));
  (obj.subjects ?? []).forEach((s: Json, i: number) => {
    const f = `subjects[${i}]`;
    if (!['ServiceAccount', 'User', 'Group'].includes(s.kind))
      p.reject(notSupported(`${f}.kind`, s.kind, ['ServiceAccount', 'User', 'Group']));
    if (!s.name) p.reject(required(`${f}.name`));
    if (s.kind === 'ServiceAccount') {
      if (s.apiGroup) p.reject(notSupported(`${f}.apiGroup`, s.apiGroup, ['']));
      for (const m of isDNS1123Subdomain(String(s.name ?? ''))) p.reject(invalid(`${f}.name`, s.name, m));
      if (obj.kind === 'ClusterRoleBinding' && !s.namespace) p.reject(required(`${f}.namespace`));
    }
  });
}

// ---- CRD ----

function checkCrd(obj: Json, p: Problems): void {
  const expected = `${obj.spec?.names?.plural}.${obj.spec?.group}`;
  if (obj.metadata?.name !== expected)
    p.reject(invalid('metadata.name', obj.metadata?.name, `must be spec.names.plural+"."+spec.group`));
}
