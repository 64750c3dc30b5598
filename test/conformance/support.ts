/**
 * The conformance harness shared by the proxy and vMCP suites: the Node 22 runner and the suite
 * it installs, the fixture backend, starting and stopping processes, and running the suite for
 * one revision into a list of failing scenarios.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { stopProcess } from '../support/stop-process.ts';

export const ROOT = join(import.meta.dirname, '..', '..');
export const RUNNER = join(import.meta.dirname, 'runner', 'node_modules');
export const NODE22 = join(RUNNER, '.bin', 'node');
export const SUITE = join(RUNNER, '@modelcontextprotocol', 'conformance', 'dist', 'index.js');
export const FIXTURE = join(import.meta.dirname, 'fixture');
export const CLI = join(ROOT, 'cli', 'main.ts');
export const EXPECTED = JSON.parse(
  readFileSync(join(import.meta.dirname, 'expected-failures.json'), 'utf8'),
) as Record<string, string[]>;

export type Revision = '2025-11-25' | '2026-07-28';

const children: ChildProcess[] = [];
afterAll(async () => {
  await Promise.all(children.map((c) => stopProcess(c, 10_000)));
});

/** Starts a process and waits until its output contains `ready`. */
export async function start(
  args: string[],
  ready: string,
  env: NodeJS.ProcessEnv = {},
): Promise<ChildProcess> {
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

export interface SuiteResult {
  readonly failing: string[];
  readonly passedChecks: number;
  readonly failedChecks: number;
  readonly scenarios: number;
}

export async function runSuite(url: string, revision: Revision): Promise<SuiteResult> {
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
