/**
 * Pod classification for workload status, as ToolHive's MCPServer controller does it:
 * terminating pods are ignored; a container stuck in CrashLoopBackOff, CreateContainerError or
 * InvalidImageName, or terminated with a non-zero exit code, makes the pod failed; Running with
 * every container ready (or Succeeded) is running; everything else is pending. With no kubelet
 * (pods never scheduled), every pod is pending — and the status says so.
 */
import type { KubeObject } from '../kube/types.ts';

interface ContainerStatus {
  name?: string;
  ready?: boolean;
  state?: {
    waiting?: { reason?: string; message?: string };
    terminated?: { exitCode?: number; reason?: string };
  };
}

interface PodStatus {
  phase?: string;
  reason?: string;
  containerStatuses?: ContainerStatus[];
  conditions?: { type: string; status: string }[];
}

const FAILED_WAITING = new Set(['CrashLoopBackOff', 'CreateContainerError', 'InvalidImageName']);

export type PodClass = { kind: 'running' } | { kind: 'pending' } | { kind: 'failed'; reason: string };

export function classifyPod(pod: KubeObject): PodClass | undefined {
  if (pod.metadata.deletionTimestamp) return undefined;
  const status = (pod.status ?? {}) as PodStatus;
  const containers = status.containerStatuses ?? [];
  for (const c of containers) {
    const waiting = c.state?.waiting?.reason;
    if (waiting && FAILED_WAITING.has(waiting)) return { kind: 'failed', reason: waiting };
    const term = c.state?.terminated;
    if (term && (term.exitCode ?? 0) !== 0)
      return { kind: 'failed', reason: term.reason ?? `exit code ${term.exitCode}` };
  }
  switch (status.phase) {
    case 'Running':
      return containers.length > 0 && containers.every((c) => c.ready === true)
        ? { kind: 'running' }
        : { kind: 'pending' };
    case 'Succeeded':
      return { kind: 'running' };
    case 'Failed':
      return { kind: 'failed', reason: status.reason ?? 'PodFailed' };
    default:
      return { kind: 'pending' };
  }
}

export interface PodCounts {
  total: number;
  running: number;
  pending: number;
  failed: number;
  /** Reason of the first failed pod. */
  failureReason?: string;
}

export function countPods(pods: readonly KubeObject[]): PodCounts {
  const counts: PodCounts = { total: 0, running: 0, pending: 0, failed: 0 };
  for (const p of pods) {
    const c = classifyPod(p);
    if (!c) continue;
    counts.total++;
    counts[c.kind]++;
    if (c.kind === 'failed' && counts.failureReason === undefined) counts.failureReason = c.reason;
  }
  return counts;
}

/** Whether the pod's PodReady condition is True (how vMCP counts ready pods). */
export function podReady(pod: KubeObject): boolean {
  const status = (pod.status ?? {}) as PodStatus;
  return (status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** Pods in the cache whose labels include every `selector` label. */
export function matchingPods(pods: readonly KubeObject[], selector: Record<string, string>): KubeObject[] {
  return pods.filter((p) => Object.entries(selector).every(([k, v]) => p.metadata.labels?.[k] === v));
}
