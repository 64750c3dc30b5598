/**
 * The processes a benchmark runs: our CLI as a deployment runs it (the `build/` output, with the
 * V8 flags the charts give the proxy runner), and other Node programs beside it.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PROXY_NODE_OPTIONS } from '../../lib/k8s/env.ts';
import { isListening } from '../../test/support/ports.ts';
import { stopProcess } from '../../test/support/stop-process.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const requireFrom = createRequire(import.meta.url);

/**
 * The published build, as a deployment runs it (Node's TypeScript stripping costs ~30 MiB of
 * RSS and start-up time that a real proxy does not pay).
 */
export const CLI = join(ROOT, 'build', 'cli', 'main.js');
export const EVERYTHING = requireFrom.resolve('@modelcontextprotocol/server-everything/dist/index.js');

/**
 * The V8 settings of every Node process under test: those the charts give the proxy container
 * (a small young generation; see lib/k8s/env.ts), or `BENCH_NODE_OPTIONS` (empty for V8's
 * defaults). A proxy makes mostly short-lived garbage; with V8's defaults (semi-spaces growing
 * to 16 MiB, an old generation collected lazily) RSS drifts upward under sustained load
 * although the live heap stays flat.
 */
export const NODE_OPTIONS = process.env.BENCH_NODE_OPTIONS ?? PROXY_NODE_OPTIONS;

/** Compiles `build/` so that `CLI` is current. */
export function buildCli(): void {
  const built = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.build.json')],
    { stdio: 'inherit' },
  );
  if (built.status !== 0) throw new Error('build failed');
}

const children: ChildProcess[] = [];
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

export async function waitForPort(port: number, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await isListening(port)) return;
    if (child.exitCode !== null) throw new Error(`process exited before listening on ${port}`);
    if (Date.now() > deadline) throw new Error(`nothing listening on ${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Starts `node ARGS…` with `NODE_OPTIONS` and waits until it listens on `port`. */
export async function launch(
  args: string[],
  port: number,
  env: NodeJS.ProcessEnv = {},
): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, NODE_OPTIONS, ...env },
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  children.push(child);
  await waitForPort(port, child);
  return child;
}

/** SIGTERM, then SIGKILL after 5 s. */
export function stop(child: ChildProcess): Promise<void> {
  return stopProcess(child, 5_000);
}
