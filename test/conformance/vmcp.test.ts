/**
 * The official MCP conformance suite against `vmcp serve` aggregating the fixture backend
 * (fixture/http.ts, dual-era), for both revisions. The priority strategy keeps the backend's
 * names as they are, so the suite finds its test tools, resources and prompts. Every scenario
 * must pass except those the backend itself fails (expected-failures.json, shared with the proxy
 * suite, which checks that the backend alone fails them).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/ports.ts';
import { CLI, EXPECTED, FIXTURE, runSuite, start } from './support.ts';

const dir = mkdtempSync(join(tmpdir(), 'vmcp-conformance-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function vmcpFor(): Promise<string> {
  const backendPort = await freePort();
  await start([join(FIXTURE, 'http.ts')], 'listening', { PORT: String(backendPort) });
  const config = join(dir, 'vmcp.yaml');
  writeFileSync(
    config,
    [
      'name: conformance',
      'backends:',
      `  - {name: conformance, url: "http://127.0.0.1:${backendPort}/mcp", transport: streamable-http}`,
      'aggregation:',
      '  conflictResolution: priority',
      '  conflictResolutionConfig: {priorityOrder: [conformance]}',
      '',
    ].join('\n'),
  );
  const port = await freePort();
  await start([CLI, 'vmcp', 'serve', `--config=${config}`, `--port=${port}`], 'serving');
  return `http://127.0.0.1:${port}/mcp`;
}

describe('MCP conformance through the Virtual MCP server', () => {
  for (const revision of ['2025-11-25', '2026-07-28'] as const) {
    it(`aggregated fixture backend, ${revision}`, async () => {
      const result = await runSuite(await vmcpFor(), revision);
      expect(result.scenarios).toBeGreaterThan(20);
      expect(result.failing).toEqual([...(EXPECTED[revision] ?? [])].sort());
    });
  }
});
