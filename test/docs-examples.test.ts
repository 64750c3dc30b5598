/**
 * The examples in docs/constructs.md, docs/render.md and docs/gitops.md run as written: the
 * TypeScript blocks (with `toolhive-ts` pointing at this checkout), the render example, and the
 * Argo CD Application, which must point at the committed dist/.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { validateDocuments } from '../lib/validate/index.ts';

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

  it('renders the fleet’s vMCP GitOps-complete: its backends are in its config, its Role lists nothing', () => {
    const docs = parseAllDocuments(
      readFileSync(join(root, 'dist', 'virtualmcpserver-platform-tools-vmcp.k8s.yaml'), 'utf8'),
    ).map(
      (d) =>
        d.toJS() as { kind: string; data?: Record<string, string>; rules?: Array<{ resources: string[] }> },
    );
    const config = parse(docs.find((d) => d.kind === 'ConfigMap')!.data!['config.yaml'] as string);
    expect(config.outgoingAuth.source).toBe('inline');
    expect(config.backends.map((b: { name: string }) => b.name)).toEqual([
      'fetch',
      'github',
      'grafana',
      'linear',
    ]);
    const role = docs.find((d) => d.kind === 'Role')!;
    expect(role.rules!.flatMap((r) => r.resources).sort()).toEqual([
      'virtualmcpservers',
      'virtualmcpservers/status',
    ]);
  });
});

/** Every Markdown file a user reads: the README and everything under docs/. */
function markdownFiles(): string[] {
  const out = ['README.md'];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const rel = join(dir, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (entry.name.endsWith('.md')) out.push(rel);
    }
  };
  walk('docs');
  return out;
}

// A block meant to fail says so in an HTML comment right before it.
const INVALID_MARKER = '<!-- invalid-example -->';

describe('custom resources in the README and docs/', () => {
  const cases = markdownFiles().flatMap((file) => {
    const text = readFileSync(join(root, file), 'utf8');
    return [...text.matchAll(new RegExp(`(${INVALID_MARKER}\\s*)?\`\`\`yaml\\n([\\s\\S]*?)\`\`\``, 'g'))]
      .filter((m) => (m[2] as string).includes('apiVersion: toolhive.stacklok.dev/'))
      .map((m, i) => [`${file} #${i}`, m[2] as string, m[1] !== undefined] as const);
  });

  it('are found in the README and in the kind pages', () => {
    expect(cases.filter(([name]) => name.startsWith('README.md')).length).toBeGreaterThanOrEqual(14);
    expect(cases.filter(([name]) => name.startsWith('docs/kinds/')).length).toBeGreaterThanOrEqual(10);
  });

  it.each(cases)('%s is accepted by the offline validator', (name, yaml, invalid) => {
    const results = validateDocuments(yaml, name).filter((r) => r.status !== 'skipped');
    expect(results.length).toBeGreaterThan(0);
    if (invalid) expect(results.some((r) => r.status === 'invalid')).toBe(true);
    else
      expect(results.map((r) => `${r.kind}/${r.name}: ${r.status} ${r.message ?? ''}`.trim())).toEqual(
        results.map((r) => `${r.kind}/${r.name}: valid`),
      );
  });
});

describe('README.md', () => {
  it('the constructs example synthesizes the MCPServer', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const code = /## Constructs in TypeScript[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(code).toBeDefined();
    const r = runTs(code as string, 'readme-constructs');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = readFileSync(join(tmp, 'dist', 'fetch.k8s.yaml'), 'utf8');
    for (const want of ['kind: StatefulSet', 'name: fetch-runconfig', 'name: mcp-fetch-proxy'])
      expect(out).toContain(want);
  });
});

describe('docs/README.md', () => {
  it('links every guide and every kind page, and every link resolves', () => {
    const index = readFileSync(join(root, 'docs', 'README.md'), 'utf8');
    const links = [...index.matchAll(/\]\(([^)#]+)\)/g)].map((m) => m[1] as string);
    for (const link of links) expect(existsSync(join(root, 'docs', link)), link).toBe(true);
    const pages = markdownFiles()
      .filter((f) => f.startsWith('docs/') && f !== join('docs', 'README.md'))
      .map((f) => f.slice('docs/'.length));
    expect(pages.filter((p) => !links.includes(p))).toEqual([]);
  });
});

describe('links in the README and docs/', () => {
  it('every relative link points at a file or directory of the repository', () => {
    const broken: string[] = [];
    for (const file of markdownFiles()) {
      const text = readFileSync(join(root, file), 'utf8');
      for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = (m[1] as string).split('#')[0] as string;
        if (target === '' || /^[a-z]+:/.test(target)) continue;
        if (!existsSync(join(root, dirname(file), target))) broken.push(`${file}: ${m[1]}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
