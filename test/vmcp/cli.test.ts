import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/ports.ts';
import { startFixture, text } from './support/backends.ts';

const CLI = new URL('../../cli/main.ts', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'vmcp-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(
  args: string[],
  until?: string,
): Promise<{ code: number | null; out: string; kill: () => void }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const onData = (d: Buffer) => {
      out += d;
      if (until && out.includes(until)) resolve({ code: null, out, kill: () => child.kill('SIGTERM') });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => resolve({ code, out, kill: () => undefined }));
  });
}

describe('toolhive-ts vmcp', () => {
  it('validate names every problem with its path and exits 1', async () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(
      file,
      'name: x\nbackends: [{name: a, url: "http://127.0.0.1:1/mcp", transport: streamable-http}]\n' +
        'compositeTools:\n  - name: t\n    steps: [{id: s, tool: nowhere.x, arguments: {v: "{{.params"}}]\n',
    );
    const r = await run(['vmcp', 'validate', `--config=${file}`]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('compositeTools[0].steps[0].tool: unknown tool reference "nowhere.x"');
    expect(r.out).toContain('compositeTools[0].steps[0].arguments.v: invalid template');
  });

  it('serves a config until SIGTERM', async () => {
    const backend = await startFixture({ name: 'a', tools: [{ name: 'hi', handler: () => text('hello') }] });
    const file = join(dir, 'good.yaml');
    writeFileSync(
      file,
      `name: cli\nbackends: [{name: a, url: "${backend.url}", transport: streamable-http}]\n`,
    );
    expect((await run(['vmcp', 'validate', `--config=${file}`])).code).toBe(0);
    const port = await freePort();
    const r = await run(['vmcp', 'serve', `--config=${file}`, `--port=${port}`], 'serving');
    try {
      const res = await fetch(`http://127.0.0.1:${port}/status`);
      expect(
        ((await res.json()) as { backends: Array<{ name: string }> }).backends.map((b) => b.name),
      ).toEqual(['a']);
    } finally {
      r.kill();
      await backend.stop();
    }
  });
});
