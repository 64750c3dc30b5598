/**
 * The official MCP conformance suite (@modelcontextprotocol/conformance 0.2.0-alpha.12, run on
 * Node 22 from test/conformance/runner) against `proxyrunner run` fronting the fixture backend
 * (fixture/server.ts), once over stdio and once over streamable HTTP, for both revisions.
 * Every scenario must pass except those listed in expected-failures.json, which the backend
 * itself fails; a listed scenario that starts passing fails the run too, so the list stays honest.
 *
 * `npm run test:conformance` installs the runner first (`npm ci --prefix test/conformance/runner`).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../support/ports.ts';
import { CLI, EXPECTED, FIXTURE, NODE22, runSuite, SUITE, start } from './support.ts';

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
