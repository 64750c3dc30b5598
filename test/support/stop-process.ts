/**
 * Stopping a child process the way a deployment would: SIGTERM, so it can drain, then SIGKILL
 * if it has not exited within `graceMs`. Resolves once it has exited.
 */
import type { ChildProcess } from 'node:child_process';

export async function stopProcess(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(force);
}
