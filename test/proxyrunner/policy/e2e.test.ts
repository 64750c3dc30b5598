/**
 * The acceptance path: `toolhive-ts proxyrunner run --config FILE -- node server-everything stdio`
 * with a RunConfig using ToolHive's keys, a local OIDC issuer, the SDK client and raw HTTP.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../support/ports.ts';
import { EVERYTHING, post, waitFor } from '../helpers.ts';
import { TestIssuer } from './support/oidc-issuer.ts';
import { runConfig } from './support/runconfig.ts';
import { expectNoSecrets, registerSecret } from './support/secrets-scan.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const CLI = join(ROOT, 'cli', 'main.ts');
const AUD = 'mcp-everything';

let issuer: TestIssuer;
let dir: string;
let child: ChildProcess;
let output = '';
let url = '';
let base = '';

beforeAll(async () => {
  issuer = await TestIssuer.start();
  dir = mkdtempSync(join(tmpdir(), 'thv-policy-e2e-'));
  const port = await freePort();
  const rc = runConfig({
    name: 'everything',
    transport: 'stdio',
    port,
    oidc_config: { Issuer: issuer.url, Audience: AUD, Scopes: ['openid', 'mcp'] },
    authz_config: {
      version: '1.0',
      type: 'cedarv1',
      cedar: {
        policies: [
          'permit(principal, action == Action::"call_tool", resource == Tool::"echo");',
          'permit(principal in THVGroup::"admins", action == Action::"call_tool", resource);',
          'permit(principal, action == Action::"get_prompt", resource);',
          'permit(principal, action == Action::"read_resource", resource);',
        ],
      },
    },
    audit_config: { logFile: join(dir, 'audit.log'), includeRequestData: true },
    tools_filter: ['say', 'get-sum', 'get-env'],
    tools_override: { echo: { name: 'say', description: 'Says it back' } },
    telemetry_config: {
      tracingEnabled: false,
      metricsEnabled: true,
      enablePrometheusMetricsPath: true,
      useLegacyAttributes: false,
    },
  });
  const file = join(dir, 'runconfig.json');
  writeFileSync(file, JSON.stringify(rc));
  child = spawn(
    process.execPath,
    [CLI, 'proxyrunner', 'run', '--config', file, '--', process.execPath, EVERYTHING, 'stdio'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  await waitFor(() => output.includes('proxying') || child.exitCode !== null, 30_000);
  if (child.exitCode !== null) throw new Error(`proxyrunner exited: ${output}`);
  base = `http://127.0.0.1:${port}`;
  url = `${base}/mcp`;
});

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    await exited;
  }
  await issuer.stop();
  const audit = readFileSync(join(dir, 'audit.log'), 'utf8').split('\n').filter(Boolean);
  expectNoSecrets(output.split('\n'));
  expectNoSecrets(audit);
  rmSync(dir, { recursive: true, force: true });
});

async function client(token: string): Promise<Client> {
  const c = new Client({ name: 'e2e', version: '1.0.0' }, { capabilities: {} });
  await c.connect(
    new StreamableHTTPClientTransport(new URL(url), {
      requestInit: { headers: { authorization: `Bearer ${token}` } },
    }),
  );
  return c;
}

const INIT = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
};

describe('through the real proxy and server-everything', () => {
  it('the SDK client sees only allowed, renamed tools, and calls them', async () => {
    const c = await client(await issuer.token({ sub: 'alice', name: 'Alice' }, { audience: AUD }));
    const tools = (await c.listTools()).tools;
    expect(tools.map((t) => t.name)).toEqual(['say']);
    expect(tools[0]!.description).toBe('Says it back');
    const r = await c.callTool({ name: 'say', arguments: { message: 'hello' } });
    expect(JSON.stringify(r.content)).toContain('hello');
    await expect(c.callTool({ name: 'get-sum', arguments: { a: 1, b: 2 } })).rejects.toThrow(/403/);
    await c.close();
  });

  it('an admin sees more tools, but never filtered or renamed-away ones', async () => {
    const c = await client(await issuer.token({ sub: 'root', groups: ['admins'] }, { audience: AUD }));
    expect((await c.listTools()).tools.map((t) => t.name).sort()).toEqual(['get-env', 'get-sum', 'say']);
    expect(
      JSON.stringify((await c.callTool({ name: 'get-sum', arguments: { a: 1, b: 2 } })).content),
    ).toContain('3');
    const renamedAway = await c
      .callTool({ name: 'echo', arguments: { message: 'x' } })
      .catch((e: Error) => e);
    expect(String(renamedAway)).toMatch(/tool not found/);
    await c.close();
  });

  it('answers every JWT attack with 401 and WWW-Authenticate', async () => {
    const now = Math.floor(Date.now() / 1000);
    const key = issuer.keys[0]!;
    const good = await issuer.token({}, { audience: AUD });
    const [h, , s] = good.split('.');
    const attacks: Record<string, string | undefined> = {
      missing: undefined,
      expired: await issuer.token({ exp: now - 60 }, { audience: AUD }),
      'not yet valid': await issuer.token({ nbf: now + 3600 }, { audience: AUD }),
      'wrong issuer': await issuer.token({ iss: 'https://evil.example.test' }, { audience: AUD }),
      'wrong audience': await issuer.token({}, { audience: 'mcp-other-server' }),
      'unknown kid': await issuer.token({}, { audience: AUD, header: { kid: 'nope' } }),
      'no kid': registerSecret(
        await new SignJWT({ iss: issuer.url, sub: 'x', aud: AUD, exp: now + 60 })
          .setProtectedHeader({ alg: 'RS256' })
          .sign(key.privateKey),
      ),
      'alg none': registerSecret(
        `${Buffer.from(JSON.stringify({ alg: 'none', kid: key.kid })).toString('base64url')}.${Buffer.from(JSON.stringify({ iss: issuer.url, sub: 'x', aud: AUD, exp: now + 60 })).toString('base64url')}.`,
      ),
      tampered: registerSecret(
        `${h}.${Buffer.from(JSON.stringify({ iss: issuer.url, sub: 'admin', aud: AUD, exp: now + 60 })).toString('base64url')}.${s}`,
      ),
      oversized: await issuer.token({ pad: 'x'.repeat(9_000) }, { audience: AUD }),
    };
    for (const [name, token] of Object.entries(attacks)) {
      const r = await post(url, INIT, token === undefined ? {} : { authorization: `Bearer ${token}` });
      expect(r.status, name).toBe(401);
      const challenge = r.headers.get('www-authenticate') ?? '';
      expect(challenge, name).toMatch(
        /^Bearer realm=".*", resource_metadata="http:\/\/127\.0\.0\.1:\d+\/\.well-known\/oauth-protected-resource\/mcp"/,
      );
    }
  });

  it('serves RFC 9728 metadata and Prometheus metrics beside /mcp', async () => {
    const meta = (await (await fetch(`${base}/.well-known/oauth-protected-resource/mcp`)).json()) as Record<
      string,
      unknown
    >;
    expect(meta).toMatchObject({
      resource: `${base}/mcp`,
      authorization_servers: [issuer.url],
      scopes_supported: ['openid', 'mcp'],
    });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/toolhive_mcp_requests_total\{[^}]*mcp_method="tools\/call"/);
    expect(metrics).toMatch(/toolhive_mcp_active_sessions\{server="everything",transport="stdio"\} \d+/);
  });

  it('writes one audit event per request, including refusals, and no tokens', async () => {
    const lines = readFileSync(join(dir, 'audit.log'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.some((l) => l.type === 'mcp_tool_call' && l.outcome === 'success')).toBe(true);
    expect(lines.some((l) => l.type === 'mcp_tool_call' && l.outcome === 'denied')).toBe(true);
    expect(lines.some((l) => l.type === 'mcp_initialize' && l.outcome === 'denied')).toBe(true);
    expect(lines.every((l) => l.level === 'AUDIT' && l.msg === 'audit_event')).toBe(true);
  });
});
