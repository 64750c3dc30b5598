import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfigText, resolveConfig } from '../../proxyrunner/vmcp/config/load.ts';
import { type RunningVmcp, startVmcp } from '../../proxyrunner/vmcp/server/serve.ts';
import { TestIssuer } from '../proxyrunner/policy/support/oidc-issuer.ts';
import { type RunningBackend, startFixture, text, z } from './support/backends.ts';

type Json = Record<string, unknown>;

/** A legacy MCP session over plain fetch, with a bearer token. */
async function session(url: string, token?: string) {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json',
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  };
  let id = 0;
  const init = await fetch(url, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: ++id,
      method: 'initialize',
      params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 't', version: '1' } },
    }),
  });
  const sid = init.headers.get('mcp-session-id');
  await init.text();
  if (init.status !== 200 || !sid) return { status: init.status, rpc: undefined };
  headers['mcp-session-id'] = sid;
  headers['mcp-protocol-version'] = '2025-11-25';
  const rpc = async (method: string, params: Json = {}) => {
    const res = await fetch(url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params }),
    });
    return {
      status: res.status,
      body: (await res.json()) as { result?: Json; error?: { code: number; message: string } },
    };
  };
  return { status: 200, rpc };
}

describe('vmcp incoming auth, authorization and outgoing auth', () => {
  let issuer: TestIssuer;
  let backend: RunningBackend;
  let tokenServer: Server;
  let tokenUrl: string;
  let seenAuth: string[];
  let vmcp: RunningVmcp;

  beforeAll(async () => {
    issuer = await TestIssuer.start();
    seenAuth = [];
    // An RFC 8693 token endpoint that mints a per-subject token with a short lifetime.
    tokenServer = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const form = new URLSearchParams(Buffer.concat(chunks).toString());
        const subject = form.get('subject_token') ?? 'client';
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            access_token: `exchanged-${subject.slice(-8)}`,
            token_type: 'Bearer',
            expires_in: 300,
          }),
        );
      });
    });
    await new Promise<void>((r) => tokenServer.listen(0, '127.0.0.1', r));
    tokenUrl = `http://127.0.0.1:${(tokenServer.address() as AddressInfo).port}/token`;
    backend = await startFixture({
      name: 'crm',
      tools: [
        { name: 'lookup', input: { id: z.string() }, handler: (a) => text(`customer ${String(a.id)}`) },
        { name: 'delete', input: { id: z.string() }, handler: () => text('deleted') },
      ],
    });
    // Record the Authorization header the backend receives.
    const fwd = createServer(async (req, res) => {
      seenAuth.push(String(req.headers.authorization ?? ''));
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const upstream = await fetch(backend.url, {
        method: req.method ?? 'POST',
        headers: Object.fromEntries(
          Object.entries(req.headers).filter(
            ([k]) => !['host', 'content-length', 'connection'].includes(k),
          ) as Array<[string, string]>,
        ),
        ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
      });
      const headers: Record<string, string> = {};
      upstream.headers.forEach((v, k) => {
        if (k !== 'content-length' && k !== 'transfer-encoding') headers[k] = v;
      });
      res.writeHead(upstream.status, headers);
      res.end(Buffer.from(await upstream.arrayBuffer()));
    });
    await new Promise<void>((r) => fwd.listen(0, '127.0.0.1', r));
    const fwdUrl = `http://127.0.0.1:${(fwd.address() as AddressInfo).port}/mcp`;
    const settings = resolveConfig(
      parseConfigText(`
name: secure
groupRef: g
incomingAuth:
  type: oidc
  oidc: {issuer: "${issuer.url}", audience: vmcp, clientId: vmcp, insecureAllowHttp: true, jwksAllowPrivateIp: true}
  authz:
    type: cedar
    policies:
      - 'permit(principal, action == Action::"call_tool", resource == Tool::"crm_lookup");'
      - 'permit(principal, action == Action::"call_tool", resource) when { principal has claim_roles && principal.claim_roles.contains("admin") };'
outgoingAuth:
  source: inline
  default: {type: token_exchange, tokenExchange: {tokenUrl: "${tokenUrl}", audience: crm}}
backends:
  - {name: crm, url: "${fwdUrl}", transport: streamable-http}
`),
      { env: {} },
    );
    vmcp = await startVmcp(settings, { port: 0, log: () => undefined });
    (vmcp as unknown as { fwd: Server }).fwd = fwd;
  });

  afterAll(async () => {
    await vmcp?.close();
    await backend?.stop();
    await new Promise<void>((r) => tokenServer.close(() => r()));
    await new Promise<void>((r) => (vmcp as unknown as { fwd: Server }).fwd.close(() => r()));
    await issuer?.stop();
  });

  it('rejects requests without a valid token', async () => {
    expect((await session(vmcp.url)).status).toBe(401);
  });

  it('filters lists and denies calls by Cedar policy, with 403 and no name leaked', async () => {
    const user = await session(vmcp.url, await issuer.token({ sub: 'alice' }, { audience: 'vmcp' }));
    const list = await user.rpc!('tools/list');
    expect((list.body.result!.tools as Json[]).map((t) => t.name)).toEqual(['crm_lookup']);
    const ok = await user.rpc!('tools/call', { name: 'crm_lookup', arguments: { id: '7' } });
    expect(JSON.stringify(ok.body.result)).toContain('customer 7');
    const denied = await user.rpc!('tools/call', { name: 'crm_delete', arguments: { id: '7' } });
    expect(denied.status).toBe(403);
    expect(denied.body.error).toEqual({ code: 403, message: 'call denied by authorization policy' });

    const admin = await session(
      vmcp.url,
      await issuer.token({ sub: 'bob', roles: ['admin'] }, { audience: 'vmcp' }),
    );
    const all = await admin.rpc!('tools/list');
    expect((all.body.result!.tools as Json[]).map((t) => t.name)).toEqual(['crm_delete', 'crm_lookup']);
  });

  it('exchanges the caller token per backend and caches it until shortly before expiry', async () => {
    const token = await issuer.token({ sub: 'carol' }, { audience: 'vmcp' });
    const before = vmcp.auth.exchanges;
    const s = await session(vmcp.url, token);
    await s.rpc!('tools/call', { name: 'crm_lookup', arguments: { id: '1' } });
    await s.rpc!('tools/call', { name: 'crm_lookup', arguments: { id: '2' } });
    expect(vmcp.auth.exchanges - before).toBe(1);
    expect(seenAuth.at(-1)).toBe(`Bearer exchanged-${token.slice(-8)}`);
  });
});
