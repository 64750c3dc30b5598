/**
 * The examples in docs/constructs.md, docs/render.md and docs/gitops.md run as written: the
 * TypeScript blocks (with `toolhive-ts` pointing at this checkout), the render example, and the
 * Argo CD Application, which must point at the committed dist/.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = join(import.meta.dirname, '..');
const tmp = mkdtempSync(join(tmpdir(), 'docs-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function blocks(doc: string, lang: string): string[] {
  const text = readFileSync(join(root, 'docs', doc), 'utf8');
  return [...text.matchAll(new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``, 'g'))].map((m) => m[1] as string);
}

function runTs(code: string, name: string) {
  const file = join(tmp, `${name}.ts`);
  const source = code
    .replaceAll("from 'toolhive-ts'", `from '${pathToFileURL(join(root, 'index.ts')).href}'`)
    .replaceAll(
      "from 'cdk8s'",
      `from '${pathToFileURL(join(root, 'node_modules', 'cdk8s', 'lib', 'index.js')).href}'`,
    );
  writeFileSync(file, source);
  return spawnSync(process.execPath, [file], { cwd: tmp, encoding: 'utf8' });
}

describe('docs/constructs.md', () => {
  const examples = blocks('constructs.md', 'ts');

  it('has examples', () => expect(examples.length).toBeGreaterThanOrEqual(4));

  it.each(examples.map((code, i) => [i, code] as const))('example %i runs', (i, code) => {
    const r = runTs(code, `constructs-${i}`);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    // Each example's trailing comment says what it prints.
    for (const m of code.matchAll(/console\.log\(.*\);\s*\/\/ (.+)/g))
      expect(r.stdout).toContain((m[1] as string).split(' plain')[0]?.trim());
  });

  it('the first example synthesizes grafana into dist/', () => {
    expect(existsSync(join(tmp, 'dist', 'grafana.k8s.yaml'))).toBe(true);
  });
});

describe('docs/render.md', () => {
  it('renders its example and reports the documented error when the reference is missing', () => {
    const [input] = blocks('render.md', 'yaml');
    const file = join(tmp, 'fetch.yaml');
    writeFileSync(file, input as string);
    const cli = join(root, 'cli', 'main.ts');
    const ok = spawnSync(process.execPath, [cli, 'render', '-f', file], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    for (const name of ['fetch-runconfig', 'mcp-fetch-proxy', 'mcp-fetch-headless', 'name: mcp-fetch\n'])
      expect(ok.stdout).toContain(name);
    expect(ok.stdout).toContain('# Source: MCPServer platform-tools/fetch');
    writeFileSync(file, (input as string).split('---\n')[1] as string);
    const bad = spawnSync(process.execPath, [cli, 'render', '-f', file], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    const documented = readFileSync(join(root, 'docs', 'render.md'), 'utf8').match(
      /error: MCPServer .+/,
    )?.[0];
    expect(bad.stderr.trim()).toBe(documented);
  });
});

describe('docs/gitops.md', () => {
  it('points Argo CD at the committed dist/, which holds the fleet', () => {
    const app = parse(blocks('gitops.md', 'yaml')[0] as string);
    expect(app.kind).toBe('Application');
    expect(existsSync(join(root, app.spec.source.path, 'mcpserver-grafana.k8s.yaml'))).toBe(true);
    expect(app.spec.destination.namespace).toBe('platform-tools');
  });
});
