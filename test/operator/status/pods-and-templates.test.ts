import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../operator/kube/types.ts';
import { podTemplateError } from '../../../operator/reconcilers/pod-template.ts';
import { classifyPod, countPods } from '../../../operator/status/pods.ts';

const pod = (status: Record<string, unknown>, extra: Partial<KubeObject['metadata']> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'ns', ...extra },
  status,
});

describe('classifyPod', () => {
  it('counts an unscheduled pod (no kubelet) as pending', () => {
    expect(classifyPod(pod({ phase: 'Pending' }))).toEqual({ kind: 'pending' });
    expect(classifyPod(pod({}))).toEqual({ kind: 'pending' });
  });

  it('needs every container ready to count as running', () => {
    const ready = { phase: 'Running', containerStatuses: [{ ready: true }, { ready: true }] };
    expect(classifyPod(pod(ready))).toEqual({ kind: 'running' });
    expect(
      classifyPod(pod({ phase: 'Running', containerStatuses: [{ ready: true }, { ready: false }] })),
    ).toEqual({
      kind: 'pending',
    });
  });

  it('recognises failing containers', () => {
    const crash = {
      phase: 'Running',
      containerStatuses: [{ state: { waiting: { reason: 'CrashLoopBackOff' } } }],
    };
    expect(classifyPod(pod(crash))).toEqual({ kind: 'failed', reason: 'CrashLoopBackOff' });
    const exited = {
      phase: 'Running',
      containerStatuses: [{ state: { terminated: { exitCode: 2, reason: 'Error' } } }],
    };
    expect(classifyPod(pod(exited))).toEqual({ kind: 'failed', reason: 'Error' });
    expect(classifyPod(pod({ phase: 'Failed' }))).toEqual({ kind: 'failed', reason: 'PodFailed' });
  });

  it('ignores terminating pods', () => {
    expect(countPods([pod({ phase: 'Running' }, { deletionTimestamp: '2026-01-01T00:00:00Z' })]).total).toBe(
      0,
    );
  });
});

describe('podTemplateError', () => {
  it('accepts a valid template and nothing at all', () => {
    expect(podTemplateError(undefined)).toBeUndefined();
    expect(
      podTemplateError({
        metadata: { annotations: { a: 'b' } },
        spec: {
          nodeSelector: { disk: 'ssd' },
          containers: [{ name: 'mcp', env: [{ name: 'A', value: 'b' }] }],
        },
      }),
    ).toBeUndefined();
  });

  it('names the field with the wrong type', () => {
    expect(podTemplateError({ spec: { containers: 'mcp' } })).toBe(
      'podTemplateSpec.spec.containers: expected an array, got string "mcp"',
    );
    expect(podTemplateError({ spec: { nodeSelector: { disk: 1 } } })).toBe(
      'podTemplateSpec.spec.nodeSelector.disk: expected a string, got number 1',
    );
    expect(podTemplateError({ metadata: { labels: ['x'] } })).toBe(
      'podTemplateSpec.metadata.labels: expected an object, got an array',
    );
  });
});
