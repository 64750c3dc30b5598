/**
 * A few of the defaults a real API server fills in on write. They are here so the operator's
 * zero-write comparison is tested against objects that are not byte-for-byte what it applied,
 * as on a real cluster (replicas, strategy, protocol, clusterIP, imagePullPolicy, …).
 */
import { isPlainObject, type JsonObject } from '../../util/json.ts';

function setDefault(obj: JsonObject, key: string, value: unknown): void {
  if (obj[key] === undefined) obj[key] = value;
}

function child(obj: JsonObject, key: string): JsonObject | undefined {
  const v = obj[key];
  return isPlainObject(v) ? v : undefined;
}

function defaultPorts(ports: unknown): void {
  if (!Array.isArray(ports)) return;
  for (const p of ports) if (isPlainObject(p)) setDefault(p, 'protocol', 'TCP');
}

function defaultPodSpec(spec: JsonObject | undefined): void {
  if (!spec) return;
  setDefault(spec, 'restartPolicy', 'Always');
  setDefault(spec, 'dnsPolicy', 'ClusterFirst');
  setDefault(spec, 'schedulerName', 'default-scheduler');
  setDefault(spec, 'terminationGracePeriodSeconds', 30);
  setDefault(spec, 'securityContext', {});
  for (const list of ['containers', 'initContainers']) {
    const containers = spec[list];
    if (!Array.isArray(containers)) continue;
    for (const c of containers) {
      if (!isPlainObject(c)) continue;
      setDefault(c, 'terminationMessagePath', '/dev/termination-log');
      setDefault(c, 'terminationMessagePolicy', 'File');
      const image = typeof c.image === 'string' ? c.image : '';
      const tag = image.includes('@') ? 'digest' : (image.split('/').pop()?.split(':')[1] ?? 'latest');
      setDefault(c, 'imagePullPolicy', tag === 'latest' ? 'Always' : 'IfNotPresent');
      defaultPorts(c.ports);
    }
  }
}

export interface DefaultingContext {
  /** Hands out the next free ClusterIP. */
  allocateClusterIp(): string;
}

export function applyDefaults(kind: string, obj: JsonObject, ctx: DefaultingContext): void {
  const spec = child(obj, 'spec');
  if (!spec) return;
  switch (kind) {
    case 'Deployment': {
      setDefault(spec, 'replicas', 1);
      setDefault(spec, 'revisionHistoryLimit', 10);
      setDefault(spec, 'progressDeadlineSeconds', 600);
      setDefault(spec, 'strategy', {
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
      });
      defaultPodSpec(child(child(spec, 'template') ?? {}, 'spec'));
      break;
    }
    case 'StatefulSet': {
      setDefault(spec, 'replicas', 1);
      setDefault(spec, 'revisionHistoryLimit', 10);
      setDefault(spec, 'podManagementPolicy', 'OrderedReady');
      setDefault(spec, 'updateStrategy', { type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
      defaultPodSpec(child(child(spec, 'template') ?? {}, 'spec'));
      break;
    }
    case 'Pod':
      defaultPodSpec(spec);
      break;
    case 'Service': {
      setDefault(spec, 'type', 'ClusterIP');
      setDefault(spec, 'sessionAffinity', 'None');
      if (spec.clusterIP === undefined) spec.clusterIP = ctx.allocateClusterIp();
      setDefault(spec, 'clusterIPs', [spec.clusterIP]);
      if (Array.isArray(spec.ports)) {
        for (const p of spec.ports) {
          if (!isPlainObject(p)) continue;
          setDefault(p, 'protocol', 'TCP');
          setDefault(p, 'targetPort', p.port);
        }
      }
      break;
    }
  }
}
