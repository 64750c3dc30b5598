/** A `toolhive-ts` child process for end-to-end tests: started, awaited until ready, stopped. */
import { type ChildProcess, spawn } from 'node:child_process';
import { waitFor } from '../../helpers.ts';

export const CLI = new URL('../../../../cli/main.ts', import.meta.url).pathname;

export interface CliProcess {
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  stop(): Promise<void>;
}

/** Runs `toolhive-ts …args` and resolves once its output contains `ready`. */
export async function startCli(
  args: string[],
  env: Record<string, string>,
  ready: string,
): Promise<CliProcess> {
  const child: ChildProcess = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  await waitFor(() => output.includes(ready) || child.exitCode !== null, 30_000);
  if (child.exitCode !== null) throw new Error(`toolhive-ts ${args[0]} exited: ${output}`);
  return {
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
