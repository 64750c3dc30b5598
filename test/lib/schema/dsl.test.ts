import { describe, expect, it } from 'vitest';
import { toCustomResourceDefinition } from '../../../lib/schema/crd.ts';
import {
  array,
  describe as describeSchema,
  int32,
  object,
  req,
  rule,
  string,
  typeNameOf,
} from '../../../lib/schema/dsl.ts';
import { betaWithAlphaAlias, type KindDefinition } from '../../../lib/schema/kind.ts';
import { generateTypeScript } from '../../../lib/schema/typescript.ts';

describe('schema DSL', () => {
  it('collects required properties from req() slots, sorted as controller-gen emits them', () => {
    const s = object({ zeta: req(string()), alpha: req(int32()), mid: string() });
    expect(s.required).toEqual(['alpha', 'zeta']);
    expect(Object.keys(s.properties ?? {})).toEqual(['zeta', 'alpha', 'mid']);
  });

  it('keeps required-ness per slot, so one block can be required in one place and optional in another', () => {
    const ref = object({ name: req(string()) }, { name: 'Ref' });
    const parent = object({ a: req(ref), b: ref });
    expect(parent.required).toEqual(['a']);
  });

  it('carries the interface name through describe() and keeps CEL rules in order', () => {
    const ref = object(
      { name: req(string()) },
      {
        name: 'Ref',
        validations: [rule('a', 'first'), rule('b', 'second')],
      },
    );
    const described = describeSchema(ref, 'another doc');
    expect(typeNameOf(described)).toBe('Ref');
    expect(described.description).toBe('another doc');
    expect(described['x-kubernetes-validations']?.map((r) => r.message)).toEqual(['first', 'second']);
  });
});

describe('TypeScript generation', () => {
  const ref = object({ name: req(string({ description: 'the name' })) }, { name: 'ThingRef' });
  const def: KindDefinition = {
    kind: 'Thing',
    listKind: 'ThingList',
    plural: 'things',
    singular: 'thing',
    shortNames: [],
    categories: ['toolhive'],
    versions: betaWithAlphaAlias({ kind: 'Thing', description: 'A thing.' }),
    printerColumns: [],
    spec: object(
      {
        mode: string({ enum: ['a', 'b'], default: 'a' }),
        count: req(int32()),
        refs: array(ref),
        other: describeSchema(ref, 'described elsewhere'),
      },
      { name: 'ThingSpec' },
    ),
    status: object({}, { name: 'ThingStatus' }),
  };

  it('emits named interfaces once, literal unions for enums, and optional defaulted fields', () => {
    const ts = generateTypeScript([def]);
    expect(ts).toContain('export interface Thing {');
    expect(ts).toContain('mode?: "a" | "b";');
    expect(ts).toContain('count: number;');
    expect(ts).toContain('refs?: Array<ThingRef>;');
    expect(ts).toContain('other?: ThingRef;');
    expect(ts.match(/export interface ThingRef /g)).toHaveLength(1);
  });

  it('refuses two different schemas under one name', () => {
    const clash = object({ other: req(int32()) }, { name: 'ThingRef' });
    const bad = { ...def, spec: object({ a: ref, b: clash }, { name: 'ThingSpec2' }) };
    expect(() => generateTypeScript([bad])).toThrow(/two different schemas are both named ThingRef/);
  });

  it('produces a CRD with both versions and the same schema in each', () => {
    const crd = toCustomResourceDefinition(def);
    expect(crd.metadata.name).toBe('things.toolhive.stacklok.dev');
    expect(crd.spec.versions.map((v) => [v.name, v.storage, v.deprecated ?? false])).toEqual([
      ['v1alpha1', false, true],
      ['v1beta1', true, false],
    ]);
    const [alpha, beta] = crd.spec.versions;
    expect(alpha?.schema.openAPIV3Schema.properties?.spec).toEqual(
      beta?.schema.openAPIV3Schema.properties?.spec,
    );
  });
});
