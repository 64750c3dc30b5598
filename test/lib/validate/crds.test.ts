/**
 * crds/ is what `npm run gen` writes from the kind schemas (the same check as
 * `npm run gen:check`), and validating against the committed YAML gives the same answers as
 * validating against the in-memory CRDs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { KINDS } from '../../../lib/api/kinds.ts';
import { crdFileName, crdYaml } from '../../../lib/schema/crd-yaml.ts';
import { createValidator, validateDocuments } from '../../../lib/validate/index.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const crdDir = join(root, 'crds');

describe('crds/', () => {
  it('holds one file per kind and nothing else', () => {
    const files = readdirSync(crdDir)
      .filter((f) => f.endsWith('.yaml'))
      .sort();
    expect(files).toEqual(KINDS.map(crdFileName).sort());
  });

  it.each(KINDS.map((k) => [k.kind, k]))('%s is not stale', (_kind, def) => {
    expect(readFileSync(join(crdDir, crdFileName(def)), 'utf8')).toBe(crdYaml(def));
  });

  it('validates examples the same way from the committed YAML', () => {
    const committed = createValidator(
      readdirSync(crdDir).map((f) => parse(readFileSync(join(crdDir, f), 'utf8'))),
    );
    const text = [
      'apiVersion: toolhive.stacklok.dev/v1beta1\nkind: MCPServer\nmetadata: {name: a}\nspec: {image: i, transport: pipe, rateLimiting: {}}',
      'apiVersion: toolhive.stacklok.dev/v1alpha1\nkind: MCPExternalAuthConfig\nmetadata: {name: b}\nspec: {type: tokenExchange}',
    ].join('\n---\n');
    const strip = (docs: ReturnType<typeof validateDocuments>) =>
      docs.map((d) => [d.status, d.message, d.warnings]);
    expect(strip(committed.validateDocuments(text, 'x.yaml'))).toEqual(
      strip(validateDocuments(text, 'x.yaml')),
    );
  });
});
