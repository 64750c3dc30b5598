/**
 * The official MCP conformance suite (@modelcontextprotocol/conformance 0.2.0-alpha.12, run on
 * Node 22 from test/conformance/runner) against `proxyrunner run` fronting the fixture backend
 * (fixture/server.ts), once over stdio and once over streamable HTTP, for both revisions.
 * Every scenario must pass except those listed in expected-failures.json, which the backend
 * itself fails; a listed scenario that starts passing fails the run too, so the list stays honest.
 *
 * `npm run test:conformance` installs the runner first (`npm ci --prefix test/conformance/runner`).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/ports.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const RUNNER = join(import.meta.dirname, 'runner', 'node_modules');
const NODE22 = join(RUNNER, '.bin', 'node');
const SUITE = join(RUNNER, '@modelcontextprotocol', 'conformance', 'dist', 'index.js');
const FIXTURE = join(import.meta.dirname, 'fixture');
const CLI = join(ROOT, 'cli', 'main.ts');
const EXPECTED = JSON.parse(
  readFileSync(join(import.meta.dirname, 'expected-failures.json'), 'utf8'),
) as Record<string, string[]>;

type Revision = '2025-11-25' | '2026-07-28';

const children: ChildProcess[] = [];
afterAll(async () => {
  await Promise.all(children.map(stop));
});

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
  return exited.finally(() => clearTimeout(force));
}

/** Starts a process and waits until its output contains `ready`. */
async function start(args: string[], ready: string, env: NodeJS.ProcessEnv = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  const collect = (d: Buffer) => {
    output += d;
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const deadline = Date.now() + 60_000;
  while (!output.includes(ready)) {
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited: ${output}`);
    if (Date.now() > deadline) throw new Error(`${args.join(' ')} did not get ready: ${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return child;
}

/** The proxy in front of a backend; returns its MCP URL. */
async function proxyFor(backend: 'stdio' | 'http'): Promise<string> {
  const port = await freePort();
  if (backend === 'stdio') {
    await start(
      [CLI, 'proxyrunner', 'run', '--port', String(port), '--', process.execPath, join(FIXTURE, 'stdio.ts')],
      'proxying',
    );
  } else {
    const backendPort = await freePort();
    await start([join(FIXTURE, 'http.ts')], 'listening', { PORT: String(backendPort) });
    await start(
      [
        CLI,
        'proxyrunner',
        'run',
        '--transport',
        'streamable-http',
        '--target',
        `http://127.0.0.1:${backendPort}/mcp`,
        '--port',
        String(port),
      ],
      'proxying',
    );
  }
  return `http://127.0.0.1:${port}/mcp`;
}

interface SuiteResult {
  readonly failing: string[];
  readonly passedChecks: number;
  readonly failedChecks: number;
  readonly scenarios: number;
}

async function runSuite(url: string, revision: Revision): Promise<SuiteResult> {
  const out = mkdtempSync(join(tmpdir(), `conformance-${revision}-`));
  try {
    const child = spawn(NODE22, [SUITE, 'server', '--url', url, '--requirements', revision, '-o', out], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let log = '';
    child.stdout!.on('data', (d) => {
      log += d;
    });
    child.stderr!.on('data', (d) => {
      log += d;
    });
    await new Promise<void>((r) => child.once('exit', () => r()));
    const failing = new Set<string>();
    let passedChecks = 0;
    let failedChecks = 0;
    const dirs = readdirSync(out);
    for (const dir of dirs) {
      const file = join(out, dir, 'checks.json');
      if (!existsSync(file)) continue;
      const scenario = dir.replace(/^server-/, '').replace(/-\d{4}-\d\d-\d\dT.*$/, '');
      for (const check of JSON.parse(readFileSync(file, 'utf8')) as Array<{ status: string }>) {
        if (check.status === 'FAILURE') {
          failing.add(scenario);
          failedChecks++;
        } else if (check.status === 'SUCCESS') {
          passedChecks++;
        }
      }
    }
    if (dirs.length === 0) throw new Error(`the conformance suite produced no results:\n${log}`);
    console.log(
      `${url} ${revision}: ${passedChecks} checks passed, ${failedChecks} failed, failing: ${[...failing].join(', ') || 'none'}`,
    );
    return { failing: [...failing].sort(), passedChecks, failedChecks, scenarios: dirs.length };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

describe('MCP conformance through the proxy', () => {
  it('has the Node 22 runner installed (npm run test:conformance does it)', () => {
    expect(existsSync(NODE22) && existsSync(SUITE)).toBe(true);
  });

  it('the backend alone fails the listed scenarios too (so they are not the proxy’s)', async () => {
    const port = await freePort();
    await start([join(FIXTURE, 'http.ts')], 'listening', { PORT: String(port) });
    const direct = await runSuite(`http://127.0.0.1:${port}/mcp`, '2026-07-28');
    for (const scenario of EXPECTED['2026-07-28'] ?? []) expect(direct.failing).toContain(scenario);
  });

  for (const backend of ['stdio', 'http'] as const) {
    for (const revision of ['2025-11-25', '2026-07-28'] as const) {
      it(`${backend} backend, ${revision}`, async () => {
        // Over stdio the backend's era is fixed by its first exchange: one proxy per revision.
        const url = await proxyFor(backend);
        const result = await runSuite(url, revision);
        expect(result.scenarios).toBeGreaterThan(20);
        expect(result.failing).toEqual([...(EXPECTED[revision] ?? [])].sort());
      });
    }
  }
});
