/**
 * What must not leave the proxy: its own credentials (to the MCP server's environment, where a
 * tool such as server-everything's `get-env` hands them to any client), the client's token and
 * hop-by-hop headers (to an HTTP backend), and tokens or secrets (to the audit log and the
 * process output).
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TestIssuer } from '../policy/support/oidc-issuer.ts';
import { expectNoSecrets, registerSecret } from '../policy/support/secrets-scan.ts';
import { call, openSession, type RunningProxy, rpc, startProxy } from './support.ts';

const AUD = 'mcp-everything';
const PROXY_SECRETS = {
  THV_SESSION_REDIS_PASSWORD: registerSecret('redis-password-3141'),
  TOOLHIVE_OIDC_CLIENT_SECRET: registerSecret('oidc-client-secret-2718'),
  TOOLHIVE_TOKEN_EXCHANGE_CLIENT_SECRET: registerSecret('exchange-secret-1618'),
  TOOLHIVE_SECRET_github_pat: registerSecret('ghp_secretvalue1414'),
  TOOLHIVE_OTEL_HEADER_API_KEY: registerSecret('otel-key-1732'),
  OTEL_EXPORTER_OTLP_HEADERS: registerSecret('x-api-key=otel-2236'),
  TOOLHIVE_UPSTREAM_CLIENT_SECRET_CORPORATE: registerSecret('upstream-secret-2449'),
};

let issuer: TestIssuer;
let stdio: RunningProxy;
let http: RunningProxy;
let backend: Server;
const seen: IncomingHttpHeaders[] = [];
let sessions = 0;

/** A minimal streamable-HTTP MCP server that records the headers of every request. */
function startRecordingBackend(): Promise<string> {
  backend = createServer((req, res) => {
    seen.push(req.headers);
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      if (req.method !== 'POST') {
        res.writeHead(405).end();
        return;
      }
      const msg = JSON.parse(body) as { id?: number; method: string };
      if (msg.id === undefined) {
        res.writeHead(202).end();
        return;
      }
      const result =
        msg.method === 'initialize'
          ? {
              protocolVersion: '2025-11-25',
              capabilities: { tools: {} },
              serverInfo: { name: 'rec', version: '1' },
            }
          : msg.method === 'tools/list'
            ? { tools: [{ name: 'echo', inputSchema: { type: 'object' } }] }
            : { content: [{ type: 'text', text: 'ok' }] };
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (msg.method === 'initialize') headers['mcp-session-id'] = `backend-${++sessions}`;
      res.writeHead(200, headers).end(JSON.stringify({ jsonrpc: '2.0', id: msg.id, result }));
    });
  });
  return new Promise((r) =>
    backend.listen(0, '127.0.0.1', () =>
      r(`http://127.0.0.1:${(backend.address() as AddressInfo).port}/mcp`),
    ),
  );
}

beforeAll(async () => {
  issuer = await TestIssuer.start();
  const target = await startRecordingBackend();
  const oidc = { Issuer: issuer.url, Audience: AUD };
  [stdio, http] = await Promise.all([
    startProxy(
      {
        oidc_config: oidc,
        audit_config: { includeRequestData: true, includeResponseData: true, maxDataSize: 65536 },
        env_vars: { GIVEN_TO_SERVER: 'visible-1' },
      },
      { env: { ...PROXY_SECRETS, HARMLESS_SETTING: 'kept-1' } },
    ),
    startProxy({ oidc_config: oidc, audit_config: { includeRequestData: true } }, { target }),
  ]);
});

afterAll(async () => {
  const lines = [...stdio.output().split('\n'), ...http.output().split('\n')];
  const audit = [...stdio.audit(), ...http.audit()].map((e) => JSON.stringify(e));
  await Promise.all([stdio?.stop(), http?.stop()]);
  await new Promise<void>((r) => backend.close(() => r()));
  await issuer?.stop();
  expectNoSecrets(lines);
  expectNoSecrets(audit);
});

describe('the MCP server’s environment (laptop mode)', () => {
  it('gets the user’s environment and env_vars, never the proxy’s credentials', async () => {
    const token = await issuer.token({ sub: 'alice' }, { audience: AUD });
    const sid = await openSession(stdio.url, token);
    const r = await rpc(stdio.url, call(1, 'get-env'), {
      authorization: `Bearer ${token}`,
      'mcp-session-id': sid,
    });
    expect(r.status).toBe(200);
    expect(r.text).toContain('kept-1');
    expect(r.text).toContain('visible-1');
    for (const [name, value] of Object.entries(PROXY_SECRETS)) {
      expect(r.text, name).not.toContain(value);
      expect(r.text, name).not.toContain(name);
    }
  });
});

describe('headers toward an HTTP backend', () => {
  it('never forwards the client’s Authorization, hop-by-hop headers or its own X-Forwarded-*', async () => {
    const token = await issuer.token({ sub: 'alice' }, { audience: AUD });
    const init = {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'h', version: '1' } },
    };
    seen.length = 0;
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        http.url,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'application/json, text/event-stream',
            authorization: `Bearer ${token}`,
            'proxy-authorization': 'Basic cHJveHk6c2VjcmV0',
            connection: 'keep-alive, x-hop-secret',
            'x-hop-secret': 'hop-value',
            'keep-alive': 'timeout=5',
            te: 'trailers',
            upgrade: 'websocket',
            'x-forwarded-for': '6.6.6.6',
            'x-forwarded-host': 'evil.example',
            'x-forwarded-proto': 'https',
            forwarded: 'for=6.6.6.6',
            'x-real-ip': '6.6.6.6',
            'x-custom': 'passes',
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify(init));
    });
    expect(status).toBe(200);
    expect(seen.length).toBeGreaterThan(0);
    const h = seen[0]!;
    expect(h.authorization).toBeUndefined();
    expect(h['proxy-authorization']).toBeUndefined();
    expect(h['x-hop-secret']).toBeUndefined();
    expect(h['keep-alive']).toBeUndefined();
    expect(h.te).toBeUndefined();
    expect(h.upgrade).toBeUndefined();
    expect(h.forwarded).toBeUndefined();
    expect(h['x-forwarded-for']).toBe('127.0.0.1');
    expect(h['x-forwarded-host']).toBe(`127.0.0.1:${http.port}`);
    expect(h['x-forwarded-proto']).toBe('http');
    expect(h['x-custom']).toBe('passes');
    expect(JSON.stringify(seen)).not.toContain(token);
  });

  it('passes the session on to the backend it is pinned to', async () => {
    const token = await issuer.token({ sub: 'alice' }, { audience: AUD });
    const sid = await openSession(http.url, token);
    seen.length = 0;
    await rpc(http.url, call(2, 'echo'), { authorization: `Bearer ${token}`, 'mcp-session-id': sid });
    expect(seen.at(-1)!['mcp-session-id']).toMatch(/^backend-\d+$/);
    expect(seen.at(-1)!.authorization).toBeUndefined();
  });
});

describe('the audit log', () => {
  it('masks credential-named fields and JWT-shaped values in recorded requests', async () => {
    const token = await issuer.token({ sub: 'alice' }, { audience: AUD });
    const sid = await openSession(stdio.url, token);
    const leaked = await issuer.token({ sub: 'someone-else' }, { audience: AUD });
    const args = {
      message: `see ${leaked}`,
      password: registerSecret('hunter2-hunter2'),
      api_key: registerSecret('k-0123456789'),
    };
    const r = await rpc(stdio.url, call(3, 'echo', args), {
      authorization: `Bearer ${token}`,
      'mcp-session-id': sid,
    });
    expect(r.status).toBe(200);
    // The event is written as the call completes, which may be just after the reply.
    const event = await vi.waitFor(() => {
      const found = stdio
        .audit()
        .find(
          (e) => e.type === 'mcp_tool_call' && (e.data as { request?: { id?: number } })?.request?.id === 3,
        );
      if (!found) throw new Error('audit event for request 3 not written yet');
      return found;
    });
    const text = JSON.stringify(event);
    expect(text).toContain('[REDACTED]');
    expect(text).not.toContain('hunter2-hunter2');
    expect(text).not.toContain(leaked);
  });
});
