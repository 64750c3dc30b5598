/**
 * Oversized bearer tokens over real HTTP: Node refuses request heads over 16 KiB by default with
 * a bare 431, before authentication runs. The proxy raises the limit to ToolHive's 1 MiB, so a
 * large token reaches auth and is refused as the JWT attack matrix requires: 401 with a
 * `WWW-Authenticate` challenge. Only heads past 1 MiB still get 431.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMiddlewares } from '../../../proxyrunner/middleware/chain.ts';
import { type StdioProxy, startStdioProxy } from '../helpers.ts';
import { captureLogs } from './support/logs.ts';
import { TestIssuer } from './support/oidc-issuer.ts';
import { runConfig } from './support/runconfig.ts';

const AUDIENCE = 'mcp-everything';
const logs = captureLogs('oversized-token');
let issuer: TestIssuer;
let p: StdioProxy;

/** A raw POST (fetch would refuse nothing, but a raw request shows exactly what the server did). */
function postWithToken(
  url: string,
  token: string,
): Promise<{ status: number; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 't', version: '1' } },
    });
    const req = request(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        authorization: `Bearer ${token}`,
        'content-length': Buffer.byteLength(body),
      },
    });
    req.once('response', (res) => {
      res.resume();
      res.once('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.once('error', reject);
    req.end(body);
  });
}

beforeAll(async () => {
  issuer = await TestIssuer.start();
  const chain = await buildMiddlewares(
    runConfig({ transport: 'stdio', oidc_config: { Issuer: issuer.url, Audience: AUDIENCE } }),
    { logger: logs.logger, skipTypes: new Set(['origin', 'mcp-parser']) },
  );
  p = await startStdioProxy({ middlewares: chain.middlewares });
});
afterAll(async () => {
  await p?.close();
  await issuer?.stop();
});

describe('tokens larger than Node’s default header limit', () => {
  it('accepts a normal token', async () => {
    const res = await postWithToken(p.url, await issuer.token({}, { audience: AUDIENCE }));
    expect(res.status).toBe(200);
  });

  for (const size of [20_000, 200_000]) {
    it(`refuses a ${size}-byte token with 401 and a challenge, not 431`, async () => {
      const token = await issuer.token({ pad: 'x'.repeat(size) }, { audience: AUDIENCE });
      expect(token.length).toBeGreaterThan(16 * 1024);
      const res = await postWithToken(p.url, token);
      expect(res.status).toBe(401);
      const challenge = String(res.headers['www-authenticate'] ?? '');
      expect(challenge).toMatch(/^Bearer /);
      expect(challenge).toContain(`realm="${issuer.url}"`);
      expect(challenge).toContain('error="invalid_token"');
    });
  }

  it('still refuses a request head past 1 MiB with 431', async () => {
    const res = await postWithToken(p.url, 'x'.repeat(1024 * 1024 + 1));
    expect(res.status).toBe(431);
  });
});
