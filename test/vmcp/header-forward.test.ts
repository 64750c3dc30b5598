/**
 * MCPServerEntry `headerForward` at runtime (static backends): the vMCP reads the
 * `TOOLHIVE_HEADER_FORWARD_<ENTRY>` manifest and the `TOOLHIVE_SECRET_*` values the chart
 * renders, and sends the headers on every HTTP request to that backend, over real HTTP on
 * 127.0.0.1. A missing secret or a restricted header fails startup naming the backend.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headerForwardSecretName } from '../../lib/runconfig/build.ts';
import {
  readHeaderForwardFromEnv,
  resolveHeaderForward,
} from '../../proxyrunner/vmcp/backends/header-forward.ts';
import { createTarget, openEventStream } from '../../proxyrunner/vmcp/backends/http.ts';
import { parseConfigText, resolveConfig } from '../../proxyrunner/vmcp/config/load.ts';
import { type RunningVmcp, startVmcp } from '../../proxyrunner/vmcp/server/serve.ts';
import { type FixtureRequest, startFixture, text, z } from './support/backends.ts';

type Fixture = Awaited<ReturnType<typeof startFixture>>;
type Json = Record<string, unknown>;

const SECRET_ID = headerForwardSecretName('X-Api-Key', 'github-entry');
// What VirtualMcpChart renders for the entry (see chart-contract tests for the manifest shape).
const hfEnv = (extra: Record<string, string> = {}): Record<string, string> => ({
  TOOLHIVE_HEADER_FORWARD_GITHUB_ENTRY: JSON.stringify({
    addPlaintextHeaders: { 'X-MCP-Toolsets': 'projects,issues' },
    addHeadersFromSecret: { 'X-Api-Key': SECRET_ID },
  }),
  [`TOOLHIVE_SECRET_${SECRET_ID}`]: 's3cret-value',
  ...extra,
});

const settingsFor = (a: string, b: string) =>
  resolveConfig(
    parseConfigText(`
name: hf
groupRef: g
incomingAuth: {type: anonymous}
outgoingAuth: {source: inline}
backends:
  - {name: github-entry, url: "${a}", transport: streamable-http, type: entry}
  - {name: other, url: "${b}", transport: streamable-http}
`),
    { env: {} },
  );

async function session(url: string) {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
  };
  let id = 0;
  const post = async (method: string, params: Json = {}) => {
    const res = await fetch(url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params }),
    });
    return { res, body: (await res.json()) as { result?: Json; error?: Json } };
  };
  const init = await post('initialize', {
    protocolVersion: '2025-11-25',
    capabilities: {},
    clientInfo: { name: 't', version: '1' },
  });
  const sid = init.res.headers.get('mcp-session-id');
  if (sid) headers['mcp-session-id'] = sid;
  headers['mcp-protocol-version'] = '2025-11-25';
  return post;
}

describe('headerForward on static backends', () => {
  let entry: Fixture;
  let other: Fixture;
  let vmcp: RunningVmcp;
  const logs: string[] = [];

  beforeAll(async () => {
    entry = await startFixture({
      name: 'gh',
      tools: [{ name: 'issues', input: { q: z.string() }, handler: (a) => text(`issues ${String(a.q)}`) }],
    });
    other = await startFixture({ name: 'other', tools: [{ name: 'ping', handler: () => text('pong') }] });
    vmcp = await startVmcp(settingsFor(entry.url, other.url), {
      port: 0,
      env: hfEnv(),
      log: (m) => logs.push(m),
    });
  });

  afterAll(async () => {
    await vmcp?.close();
    await entry?.stop();
    await other?.stop();
  });

  const sent = (r: FixtureRequest) => [r.headers['x-mcp-toolsets'], r.headers['x-api-key']];

  it('sends the plaintext and secret headers on initialize, tools/list and tools/call', async () => {
    const rpc = await session(vmcp.url);
    const call = await rpc('tools/call', { name: 'github-entry_issues', arguments: { q: 'open' } });
    expect(call.body.error).toBeUndefined();
    expect(JSON.stringify(call.body.result)).toContain('issues open');

    const byMethod = (m: string) => entry.requests.filter((r) => r.rpcMethod === m);
    for (const m of ['initialize', 'tools/list', 'tools/call']) {
      expect(byMethod(m).length, m).toBeGreaterThan(0);
      for (const r of byMethod(m)) expect(sent(r), m).toEqual(['projects,issues', 's3cret-value']);
    }
    // Every request of every kind (POSTs, notifications, GET streams, DELETEs) carries them.
    expect(entry.requests.length).toBeGreaterThan(0);
    for (const r of entry.requests)
      expect(sent(r), `${r.httpMethod} ${r.rpcMethod}`).toEqual(['projects,issues', 's3cret-value']);
  });

  it('sends nothing to a backend without a manifest', async () => {
    const rpc = await session(vmcp.url);
    const call = await rpc('tools/call', { name: 'other_ping', arguments: {} });
    expect(call.body.error).toBeUndefined();
    expect(other.requests.length).toBeGreaterThan(0);
    for (const r of other.requests) expect(sent(r)).toEqual([undefined, undefined]);
  });

  it('never logs the secret value', () => {
    expect(logs.join('\n')).not.toContain('s3cret-value');
  });
});

describe('headerForward startup errors', () => {
  const settings = settingsFor('http://127.0.0.1:9/mcp', 'http://127.0.0.1:9/mcp');

  it('fails startup naming the backend and the missing secret variable', async () => {
    const env = hfEnv();
    delete env[`TOOLHIVE_SECRET_${SECRET_ID}`];
    const err = await startVmcp(settings, { port: 0, env, log: () => undefined }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err).toBeInstanceOf(Error);
    expect(err?.message).toContain('backend "github-entry"');
    expect(err?.message).toContain(`TOOLHIVE_SECRET_${SECRET_ID}`);
    expect(err?.message).toContain('X-Api-Key');
  });

  it('refuses restricted headers (ToolHive middleware.RestrictedHeaders)', () => {
    for (const h of ['Host', 'x-forwarded-for', 'Content-Length', 'Connection', 'Proxy-Authorization'])
      expect(() => resolveHeaderForward('e', { addPlaintextHeaders: { [h]: 'v' } }, {})).toThrow(
        /backend "e": header ".*" is restricted/,
      );
    expect(() =>
      resolveHeaderForward('e', { addHeadersFromSecret: { 'X-Real-IP': 'ID' } }, { TOOLHIVE_SECRET_ID: 'v' }),
    ).toThrow(/"X-Real-Ip" is restricted/);
    // Authorization is not in ToolHive's list.
    expect(resolveHeaderForward('e', { addPlaintextHeaders: { authorization: 'Bearer x' } }, {})).toEqual({
      Authorization: 'Bearer x',
    });
  });

  it('skips a malformed manifest, as ToolHive does, logging only its variable name', () => {
    const logs: string[] = [];
    const m = readHeaderForwardFromEnv(
      {
        TOOLHIVE_HEADER_FORWARD_BAD: '{not json',
        TOOLHIVE_HEADER_FORWARD_OK: '{"addPlaintextHeaders":{"a":"b"}}',
      },
      (l) => logs.push(l),
    );
    expect([...m.keys()]).toEqual(['OK']);
    expect(logs.join()).toContain('TOOLHIVE_HEADER_FORWARD_BAD');
  });
});

describe('headerForward on GET event streams', () => {
  let server: Server;
  let seen: IncomingMessage['headers'] | undefined;
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen = req.headers;
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end('event: endpoint\ndata: /messages\n\n');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('adds the headers to the stream request without overriding ones the request sets', async () => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sse`;
    const target = createTarget(url, undefined, { 'X-Api-Key': 'k', Authorization: 'forwarded' });
    const events: string[] = [];
    await new Promise<void>((resolve, reject) => {
      openEventStream(
        target,
        target.url,
        { authorization: 'Bearer from-outgoing-auth' },
        AbortSignal.timeout(5000),
        (e) => events.push(e),
        () => resolve(),
      ).catch(reject);
    });
    expect(events).toEqual(['endpoint']);
    expect(seen?.['x-api-key']).toBe('k');
    expect(seen?.authorization).toBe('Bearer from-outgoing-auth');
  });
});
