/** Helpers for the construct tests: finding rendered objects and checking them. */
import { Yaml } from 'cdk8s';
import { expect } from 'vitest';
import type { KubeObject } from '../../lib/api/meta.ts';
import { k8sSchemaProblems } from '../support/k8s-schema.ts';

// biome-ignore lint/suspicious/noExplicitAny: test access to deep, loosely typed JSON
export type Json = any;

export function find(objects: readonly KubeObject[], kind: string, name: string): Json {
  const o = objects.find((x) => x.kind === kind && x.metadata.name === name);
  if (!o)
    throw new Error(
      `no ${kind} ${name} in [${objects.map((x) => `${x.kind}/${x.metadata.name}`).join(', ')}]`,
    );
  return o;
}

export function kindsAndNames(objects: readonly KubeObject[]): string[] {
  return objects.map((o) => `${o.kind}/${o.metadata.name}`);
}

/** Every object passes the Kubernetes schema of its kind. */
export function expectValidK8s(objects: readonly KubeObject[]): void {
  for (const o of objects) expect(k8sSchemaProblems(o), `${o.kind}/${o.metadata.name}`).toEqual([]);
}

export function yaml(objects: readonly KubeObject[]): string {
  return Yaml.stringify(...objects);
}

/** Every string anywhere in a value (for "this secret never appears" checks). */
export function allStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(allStrings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(allStrings);
  return [];
}

export const apiVersion = 'toolhive.stacklok.dev/v1beta1';
