import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { readObjects } from '../../cli/render.ts';
import { k8sSchemaProblems } from '../support/k8s-schema.ts';

const root = join(import.meta.dirname, '..', '..');
const tmp = mkdtempSync(join(tmpdir(), 'render-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function render(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'cli', 'main.ts'), 'render', ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function docs(text: string): Array<Record<string, unknown>> {
  return parseAllDocuments(text)
    .map((d) => d.toJS())
    .filter((d) => d !== null);
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((e) => {
      const p = join(dir, e);
      return statSync(p).isDirectory() ? yamlFiles(p) : p.endsWith('.yaml') ? [p] : [];
    });
}

/** Examples that use features toolhive-ts does not render yet, with the reason it gives. */
const UNSUPPORTED: Record<string, string> = {};

describe('toolhive-ts render', () => {
  const examples = yamlFiles(join(root, 'examples')).map((f) => f.slice(root.length + 1));

  it.each(examples)('renders %s into objects the API server accepts', (file) => {
    const r = render('-f', file);
    const reason = UNSUPPORTED[file];
    if (reason) {
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(reason);
      return;
    }
    expect(r.stderr).not.toContain('error:');
    expect(r.code).toBe(0);
    for (const o of docs(r.stdout)) expect(k8sSchemaProblems(o as never), `${o.kind}`).toEqual([]);
  });

  it('renders the fleet CRs into exactly what the fleet charts synthesized', () => {
    const r = render('-f', 'dist/crs', '-o', tmp);
    expect(r.code).toBe(0);
    const rendered = readdirSync(join(tmp, 'platform-tools')).sort();
    expect(rendered).toEqual([
      'mcpremoteproxy-linear.k8s.yaml',
      'mcpserver-fetch.k8s.yaml',
      'mcpserver-github.k8s.yaml',
      'mcpserver-grafana.k8s.yaml',
      'virtualmcpserver-platform-tools-vmcp.k8s.yaml',
    ]);
    for (const file of rendered)
      expect(readFileSync(join(tmp, 'platform-tools', file), 'utf8'), file).toBe(
        readFileSync(join(root, 'dist', file), 'utf8'),
      );
  });

  it('reports a missing reference with its path and exits 1', () => {
    const file = join(tmp, 'missing.yaml');
    writeFileSync(
      file,
      [
        'apiVersion: toolhive.stacklok.dev/v1beta1',
        'kind: MCPServer',
        'metadata: {name: fetch, namespace: tools}',
        'spec: {image: ghcr.io/example/fetch:1, toolConfigRef: {name: nope}}',
      ].join('\n'),
    );
    const r = render('-f', file);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'error: MCPServer tools/fetch: spec.toolConfigRef.name: MCPToolConfig "nope" not found in namespace "tools"',
    );
  });

  it('puts objects without a namespace into -n, and rejects bad usage with exit 2', () => {
    const file = join(tmp, 'plain.yaml');
    writeFileSync(
      file,
      'apiVersion: toolhive.stacklok.dev/v1beta1\nkind: MCPServer\nmetadata: {name: fetch}\nspec: {image: x:1}\n',
    );
    const r = render('-f', file, '-n', 'team-a');
    expect(r.code).toBe(0);
    expect(docs(r.stdout).every((o) => (o.metadata as { namespace: string }).namespace === 'team-a')).toBe(
      true,
    );
    expect(render().code).toBe(2);
    expect(render('--bogus').code).toBe(2);
  });

  it('reads multi-document files and List kinds', () => {
    const file = join(tmp, 'list.yaml');
    writeFileSync(
      file,
      'apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n---\n',
    );
    expect(readObjects(file).map((o) => o.metadata.name)).toEqual(['a']);
  });

  it('reads YAML the way kubectl and validate do: YAML 1.1 booleans, with the document named on errors', () => {
    const file = join(tmp, 'yaml11.yaml');
    writeFileSync(
      file,
      [
        'apiVersion: toolhive.stacklok.dev/v1beta1',
        'kind: MCPServer',
        'metadata: {name: fetch, namespace: tools}',
        'spec: {image: ghcr.io/example/fetch:1.0, transport: streamable-http, audit: {enabled: yes}}',
      ].join('\n'),
    );
    const [server] = readObjects(file);
    expect((server?.spec as { audit?: { enabled?: unknown } } | undefined)?.audit?.enabled).toBe(true);
    const r = render('-f', file);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('"audit_config": {');

    const broken = join(tmp, 'broken.yaml');
    writeFileSync(broken, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\nmetadata: [unclosed\n');
    expect(() => readObjects(broken)).toThrow(/broken\.yaml: document 2 \(line \d+\)/);
  });
});
