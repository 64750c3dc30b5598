/**
 * `toolhive-ts validate` on real files: exit codes, kubectl-style text and JSON output, and
 * directory recursion. Runs the CLI as a child process, as a user would.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const main = join(root, 'cli', 'main.ts');
let dir: string;

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [main, 'validate', ...args], { encoding: 'utf8', cwd: dir });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const VALID = `apiVersion: toolhive.stacklok.dev/v1beta1
kind: MCPServer
metadata:
  name: fetch
spec:
  image: ghcr.io/example/fetch:1
---
apiVersion: v1
kind: Secret
metadata:
  name: token
stringData:
  token: x
`;

const INVALID = `apiVersion: toolhive.stacklok.dev/v1alpha1
kind: MCPServer
metadata:
  name: broken
spec:
  image: ghcr.io/example/fetch:1
  transport: pipe
  rateLimiting:
    shared: {maxTokens: 5, refillPeriod: 1m}
`;

const UNKNOWN = `{"apiVersion": "toolhive.stacklok.dev/v1beta1", "kind": "MCPGroup", "metadata": {"name": "g"}, "spec": {"members": []}}`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'thv-validate-'));
  mkdirSync(join(dir, 'good', 'nested'), { recursive: true });
  writeFileSync(join(dir, 'good', 'nested', 'server.yaml'), VALID);
  writeFileSync(join(dir, 'good', 'README.md'), '# not a manifest');
  writeFileSync(join(dir, 'invalid.yml'), INVALID);
  writeFileSync(join(dir, 'unknown.json'), UNKNOWN);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('toolhive-ts validate', () => {
  it('exits 0 and reports valid and skipped documents of a directory, recursively', () => {
    const r = cli('good');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        `${join('good', 'nested', 'server.yaml')} (document 1, line 1): MCPServer/fetch is valid`,
        `${join('good', 'nested', 'server.yaml')} (document 2, line 7): Secret/token skipped (not a toolhive.stacklok.dev resource)`,
        '2 documents in 1 file: 1 valid, 0 invalid, 1 skipped, 0 unreadable',
        '',
      ].join('\n'),
    );
  });

  it('exits 1 and prints the API server message and warnings kubectl would show', () => {
    const r = cli('invalid.yml');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      [
        'Warning: toolhive.stacklok.dev/v1alpha1 is deprecated; use v1beta1',
        'invalid.yml (document 1, line 1): The MCPServer "broken" is invalid: ',
        '* spec.transport: Unsupported value: "pipe": supported values: "stdio", "streamable-http", "sse"',
        `* spec: Invalid value: "object": rateLimiting requires sessionStorage with provider 'redis'`,
        '',
      ].join('\n'),
    );
    expect(r.stdout).toBe('1 document in 1 file: 0 valid, 1 invalid, 0 skipped, 0 unreadable\n');
  });

  it('prints strict decoding failures as BadRequest', () => {
    const r = cli('unknown.json');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'unknown.json (document 1, line 1): Error from server (BadRequest): MCPGroup in version "v1beta1" cannot be handled as a MCPGroup: strict decoding error: unknown field "spec.members"\n',
    );
  });

  it('emits JSON with --output json', () => {
    const r = cli('--output', 'json', 'good', 'invalid.yml');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as {
      valid: boolean;
      summary: Record<string, number>;
      documents: Array<{ source: string; status: string; errors: Array<{ field: string; message: string }> }>;
    };
    expect(out.valid).toBe(false);
    expect(out.summary).toEqual({ documents: 3, valid: 1, invalid: 1, skipped: 1, errors: 0 });
    expect(out.documents.map((d) => d.status)).toEqual(['valid', 'skipped', 'invalid']);
    expect(out.documents[2]?.errors.map((e) => e.field)).toEqual(['spec.transport', 'spec']);
  });

  it('fails on missing paths and bad usage', () => {
    expect(cli('nope.yaml').code).toBe(1);
    expect(cli().code).toBe(2);
    expect(cli('--output', 'xml', 'good').code).toBe(2);
  });
});
