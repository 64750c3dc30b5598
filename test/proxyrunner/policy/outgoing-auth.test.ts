import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunConfig } from '../../../lib/runconfig/types.ts';
import { buildMiddlewares } from '../../../proxyrunner/middleware/chain.ts';
import { TokenExchanger } from '../../../proxyrunner/middleware/outgoing-auth/token-exchange.ts';
import { fakeBackend, runChain } from './support/chain-runner.ts';
import { requestContext, toolCall } from './support/context.ts';
import { captureLogs } from './support/logs.ts';
import { TestIssuer } from './support/oidc-issuer.ts';
import { runConfig } from './support/runconfig.ts';
import { expectNoSecrets, registerSecret } from './support/secrets-scan.ts';

const logs = captureLogs('outgoing-auth');
const CLIENT_SECRET = registerSecret('sts-client-secret-abcdef');
const AUD = 'mcp-everything';

/** A local RFC 8693 token endpoint that checks the client and the subject token. */
class TokenEndpoint {
  url = '';
  requests: URLSearchParams[] = [];
  expiresIn = 300;
  fail = false;
  private server = createServer((req, res) => this.handle(req, res));
  private n = 0;
  async start(): Promise<this> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/token`;
    return this;
  }
  private handle(req: IncomingMessage, res: ServerResponse): void {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const form = new URLSearchParams(body);
      this.requests.push(form);
      const json = (status: number, o: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(o));
      };
      if (this.fail) return json(400, { error: 'invalid_grant' });
      if (req.headers.authorization !== `Basic ${Buffer.from(`proxy:${CLIENT_SECRET}`).toString('base64')}`)
        return json(401, { error: 'invalid_client' });
      if (
        form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:token-exchange' ||
        !form.get('subject_token')
      )
        return json(400, { error: 'invalid_request' });
      json(200, {
        access_token: registerSecret(`exchanged-${++this.n}-for-${form.get('audience')}`),
        issued_token_type: 'urn:ietf:params:oauth:token-type:access_token',
        token_type: 'Bearer',
        expires_in: this.expiresIn,
      });
    });
  }
  stop(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }
}

let issuer: TestIssuer;
let sts: TokenEndpoint;
const dir = mkdtempSync(join(tmpdir(), 'thv-outgoing-'));

beforeAll(async () => {
  issuer = await TestIssuer.start();
  sts = await new TokenEndpoint().start();
});
afterAll(async () => {
  await issuer.stop();
  await sts.stop();
  rmSync(dir, { recursive: true, force: true });
  expectNoSecrets(logs.lines);
});

function rc(extra: Partial<RunConfig>): RunConfig {
  return runConfig({ oidc_config: { Issuer: issuer.url, Audience: AUD }, ...extra });
}

describe('RFC 8693 token exchange', () => {
  it('exchanges the caller’s token, sends the result upstream, and caches it', async () => {
    const chain = await buildMiddlewares(
      rc({
        token_exchange_config: {
          token_url: sts.url,
          client_id: 'proxy',
          audience: 'backend-api',
          scopes: ['read', 'write'],
        },
      }),
      { logger: logs.logger, env: { TOOLHIVE_TOKEN_EXCHANGE_CLIENT_SECRET: CLIENT_SECRET } },
    );
    const token = await issuer.token({ sub: 'alice' }, { audience: AUD });
    const before = sts.requests.length;
    const backend = fakeBackend();
    for (let i = 0; i < 3; i++)
      expect(
        (await runChain(chain.middlewares, requestContext({ token, message: toolCall('echo') }), backend))
          .status,
      ).toBe(200);
    expect(sts.requests.length - before).toBe(1);
    const form = sts.requests[sts.requests.length - 1]!;
    expect(Object.fromEntries(form)).toMatchObject({
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      subject_token: token,
      subject_token_type: 'urn:ietf:params:oauth:token-type:access_token',
      requested_token_type: 'urn:ietf:params:oauth:token-type:access_token',
      audience: 'backend-api',
      scope: 'read write',
    });
    expect(backend.calls.map((c) => c.headers.authorization)).toEqual(
      Array(3).fill(backend.calls[0]!.headers.authorization),
    );
    expect(backend.calls[0]!.headers.authorization).toMatch(/^Bearer exchanged-\d+-for-backend-api$/);
    // Another caller gets its own exchange.
    const other = await issuer.token({ sub: 'bob' }, { audience: AUD });
    await runChain(chain.middlewares, requestContext({ token: other, message: toolCall('echo') }), backend);
    expect(sts.requests.length - before).toBe(2);
    await chain.close();
  });

  it('uses a custom header when external_token_header_name is set', async () => {
    const chain = await buildMiddlewares(
      rc({
        token_exchange_config: {
          token_url: sts.url,
          client_id: 'proxy',
          audience: 'a',
          external_token_header_name: 'X-Upstream-Token',
        },
      }),
      { logger: logs.logger, env: { TOOLHIVE_TOKEN_EXCHANGE_CLIENT_SECRET: CLIENT_SECRET } },
    );
    const backend = fakeBackend();
    await runChain(
      chain.middlewares,
      requestContext({ token: await issuer.token({}, { audience: AUD }), message: toolCall('echo') }),
      backend,
    );
    expect(backend.calls[0]!.headers['x-upstream-token']).toMatch(/^Bearer exchanged-/);
    expect(backend.calls[0]!.headers.authorization).toBeUndefined();
    await chain.close();
  });

  it('answers 401 when the exchange fails, and logs no token', async () => {
    const chain = await buildMiddlewares(
      rc({ token_exchange_config: { token_url: sts.url, client_id: 'proxy', audience: 'a' } }),
      {
        logger: logs.logger,
        env: { TOOLHIVE_TOKEN_EXCHANGE_CLIENT_SECRET: 'wrong-secret-value' },
      },
    );
    const r = await runChain(
      chain.middlewares,
      requestContext({ token: await issuer.token({}, { audience: AUD }), message: toolCall('echo', {}, 3) }),
      fakeBackend(),
    );
    expect(r.status).toBe(401);
    expect((r.body as { error: { message: string } }).error.message).toBe('Token exchange failed');
    await chain.close();
  });

  it('refreshes a cached token shortly before it expires', async () => {
    let now = 1_000_000;
    sts.expiresIn = 60;
    const ex = new TokenExchanger(
      {
        tokenUrl: sts.url,
        clientId: 'proxy',
        clientSecret: CLIENT_SECRET,
        audience: 'cache-test',
        subjectTokenType: 'urn:ietf:params:oauth:token-type:access_token',
      },
      { now: () => now },
    );
    const first = await ex.exchange('subject-a');
    now += 50_000;
    expect(await ex.exchange('subject-a')).toBe(first);
    now += 5_000; // 55 s of 60: inside the refresh margin
    expect(await ex.exchange('subject-a')).not.toBe(first);
    expect(ex.exchanges).toBe(2);
    // Concurrent callers share one request.
    const [x, y] = await Promise.all([ex.exchange('subject-b'), ex.exchange('subject-b')]);
    expect(x).toBe(y);
    expect(ex.exchanges).toBe(3);
    ex.close();
    sts.expiresIn = 300;
  });
});

describe('header injection and bearer tokens from secrets', () => {
  it('injects headers from env secrets and a bearer token from a mounted file; the config holds only references', async () => {
    const file = join(dir, 'bearer');
    writeFileSync(file, `${registerSecret('static-backend-bearer-token')}\n`);
    const chain = await buildMiddlewares(
      rc({
        header_forward: {
          add_plaintext_headers: { 'X-Tenant': 'acme' },
          add_headers_from_secret: { 'X-API-Key': 'backend-api-key' },
        },
        remote_auth_config: { bearer_token_file: file },
      }),
      {
        logger: logs.logger,
        env: { TOOLHIVE_SECRET_backend_api_key: registerSecret('sk-live-0000111122223333') },
      },
    );
    const backend = fakeBackend();
    await runChain(
      chain.middlewares,
      requestContext({ token: await issuer.token({}, { audience: AUD }), message: toolCall('echo') }),
      backend,
    );
    expect(backend.calls[0]!.headers).toEqual({
      'x-tenant': 'acme',
      'x-api-key': 'sk-live-0000111122223333',
      authorization: 'Bearer static-backend-bearer-token',
    });
    await chain.close();
  });

  it('resolves remote_auth_config.bearer_token as a secret reference', async () => {
    const chain = await buildMiddlewares(
      rc({ remote_auth_config: { bearer_token: 'backend-token,target=bearer_token' } }),
      {
        logger: logs.logger,
        env: { TOOLHIVE_SECRET_backend_token: registerSecret('bearer-from-env-secret') },
      },
    );
    const backend = fakeBackend();
    await runChain(
      chain.middlewares,
      requestContext({ token: await issuer.token({}, { audience: AUD }), message: toolCall('echo') }),
      backend,
    );
    expect(backend.calls[0]!.headers.authorization).toBe('Bearer bearer-from-env-secret');
    await chain.close();
  });

  it('fails at startup when a referenced secret is missing', async () => {
    await expect(
      buildMiddlewares(rc({ header_forward: { add_headers_from_secret: { 'X-Key': 'absent' } } }), {
        logger: logs.logger,
        env: {},
      }),
    ).rejects.toThrow('TOOLHIVE_SECRET_absent');
  });
});
