import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfigText, resolveConfig } from '../../proxyrunner/vmcp/config/load.ts';
import { type RunningVmcp, startVmcp } from '../../proxyrunner/vmcp/server/serve.ts';
import { type RunningBackend, startFixture, text } from './support/backends.ts';

describe('vmcp audit', () => {
  let backend: RunningBackend;
  let vmcp: RunningVmcp;
  const dir = mkdtempSync(join(tmpdir(), 'vmcp-audit-'));
  const logFile = join(dir, 'audit.log');

  beforeAll(async () => {
    backend = await startFixture({ name: 'b', tools: [{ name: 'hello', handler: () => text('hi') }] });
    const settings = resolveConfig(
      parseConfigText(`
name: audited
audit: {enabled: true, logFile: "${logFile}"}
backends: [{name: b, url: "${backend.url}", transport: streamable-http}]
compositeTools:
  - name: greet
    steps: [{id: one, tool: b.hello}]
`),
      { env: {} },
    );
    vmcp = await startVmcp(settings, { port: 0, log: () => undefined });
  });
  afterAll(async () => {
    await vmcp?.close();
    await backend?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('audits MCP requests and composite workflow events', async () => {
    const headers = { 'content-type': 'application/json', accept: 'application/json' };
    const init = await fetch(vmcp.url, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 't', version: '1' } },
      }),
    });
    const sid = init.headers.get('mcp-session-id')!;
    await init.text();
    const call = await fetch(vmcp.url, {
      method: 'POST',
      headers: { ...headers, 'mcp-session-id': sid, 'mcp-protocol-version': '2025-11-25' },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 2,
        method: 'tools/call',
        params: { name: 'greet', arguments: {} },
      }),
    });
    expect(await call.text()).toContain('hi');
    const types = readFileSync(logFile, 'utf8')
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { type: string }).type);
    expect(types).toEqual(
      expect.arrayContaining([
        'mcp_initialize',
        'mcp_tool_call',
        'vmcp_workflow_started',
        'vmcp_workflow_step_started',
        'vmcp_workflow_step_completed',
        'vmcp_workflow_completed',
      ]),
    );
  });
});
