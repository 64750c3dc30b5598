/**
 * Checks a user's `spec.podTemplateSpec` the way Go's JSON decoding into a PodTemplateSpec
 * would reject it: wrong types for the fields a pod template has (strings, maps of strings,
 * lists of objects, numbers, booleans). The CRD keeps the field unvalidated
 * (preserve-unknown-fields), so this is where a bad template is caught — and it blocks only
 * that workload, with a clear condition.
 */
type Checker = (v: unknown, path: string) => string | undefined;

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const str: Checker = (v, p) =>
  typeof v === 'string' ? undefined : `${p}: expected a string, got ${describe(v)}`;
const num: Checker = (v, p) =>
  typeof v === 'number' ? undefined : `${p}: expected a number, got ${describe(v)}`;
const bool: Checker = (v, p) =>
  typeof v === 'boolean' ? undefined : `${p}: expected a boolean, got ${describe(v)}`;
const any: Checker = () => undefined;
const anyObj: Checker = (v, p) => (isObj(v) ? undefined : `${p}: expected an object, got ${describe(v)}`);

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)}`;
}

function mapOf(inner: Checker): Checker {
  return (v, p) => {
    if (!isObj(v)) return `${p}: expected an object, got ${describe(v)}`;
    for (const [k, x] of Object.entries(v)) {
      const e = inner(x, `${p}.${k}`);
      if (e) return e;
    }
    return undefined;
  };
}

function listOf(inner: Checker): Checker {
  return (v, p) => {
    if (!Array.isArray(v)) return `${p}: expected an array, got ${describe(v)}`;
    for (const [i, x] of v.entries()) {
      const e = inner(x, `${p}[${i}]`);
      if (e) return e;
    }
    return undefined;
  };
}

function struct(fields: Record<string, Checker>): Checker {
  return (v, p) => {
    if (!isObj(v)) return `${p}: expected an object, got ${describe(v)}`;
    for (const [k, x] of Object.entries(v)) {
      if (x === null) continue;
      const check = fields[k];
      if (!check) continue;
      const e = check(x, `${p}.${k}`);
      if (e) return e;
    }
    return undefined;
  };
}

const envVar = struct({ name: str, value: str, valueFrom: anyObj });
const container = struct({
  name: str,
  image: str,
  command: listOf(str),
  args: listOf(str),
  workingDir: str,
  env: listOf(envVar),
  envFrom: listOf(anyObj),
  ports: listOf(struct({ name: str, containerPort: num, protocol: str, hostPort: num })),
  resources: struct({ limits: mapOf(any), requests: mapOf(any) }),
  volumeMounts: listOf(struct({ name: str, mountPath: str, subPath: str, readOnly: bool })),
  imagePullPolicy: str,
  securityContext: anyObj,
  livenessProbe: anyObj,
  readinessProbe: anyObj,
  startupProbe: anyObj,
  stdin: bool,
  tty: bool,
});

const podSpec = struct({
  containers: listOf(container),
  initContainers: listOf(container),
  volumes: listOf(struct({ name: str })),
  nodeSelector: mapOf(str),
  serviceAccountName: str,
  tolerations: listOf(struct({ key: str, operator: str, value: str, effect: str, tolerationSeconds: num })),
  affinity: anyObj,
  securityContext: anyObj,
  imagePullSecrets: listOf(struct({ name: str })),
  priorityClassName: str,
  terminationGracePeriodSeconds: num,
  hostNetwork: bool,
  dnsPolicy: str,
  runtimeClassName: str,
  topologySpreadConstraints: listOf(anyObj),
});

const template = struct({
  metadata: struct({ labels: mapOf(str), annotations: mapOf(str), name: str, namespace: str }),
  spec: podSpec,
});

/** An error message when the template could not be decoded as a PodTemplateSpec. */
export function podTemplateError(raw: unknown): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  return template(raw, 'podTemplateSpec');
}
