/**
 * Tables of invalid resources, each rejected with exactly the listed messages (in order):
 * one per CEL rule occurrence and one per required field, enum, bound and pattern.
 */
import { describe, expect, it } from 'vitest';
import { validateResource } from '../../../lib/validate/index.ts';
import { buildCase, type InvalidCase } from './invalid-case.ts';
import { CASES as CEL_CASES } from './invalid-cel.cases.ts';
import { CASES as SCHEMA_CASES } from './invalid-schema.cases.ts';

function check(c: InvalidCase): void {
  const result = validateResource(buildCase(c));
  expect(result.valid).toBe(false);
  expect(result.reason).toBe('Invalid');
  expect(result.errors.map((e) => e.message)).toEqual(c.expected);
}

describe('CEL rules', () => {
  it('cover all 76 rule occurrences', () => {
    expect(CEL_CASES).toHaveLength(76);
  });
  it.each(CEL_CASES.map((c) => [c.name, c]))('%s', (_name, c) => check(c));
});

describe('schema constraints', () => {
  it.each(SCHEMA_CASES.map((c) => [c.name, c]))('%s', (_name, c) => check(c));
});
