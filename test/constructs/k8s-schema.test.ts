import { describe, expect, it } from 'vitest';
import { k8sSchemaProblems } from '../support/k8s-schema.ts';

describe('offline Kubernetes schema check', () => {
  it('accepts a valid Service and rejects wrong types and unknown fields', () => {
    const svc = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's' },
      spec: { selector: { a: 'b' }, ports: [{ name: 'http', port: 80, targetPort: 80, protocol: 'TCP' }] },
    };
    expect(k8sSchemaProblems(svc)).toEqual([]);
    expect(k8sSchemaProblems({ ...svc, spec: { ...svc.spec, ports: [{ port: 'x' }] } }).join()).toMatch(
      /integer/,
    );
    expect(k8sSchemaProblems({ ...svc, spec: { ...svc.spec, bogus: true } })).toContain(
      'Service.spec.bogus: unknown field',
    );
  });
});
