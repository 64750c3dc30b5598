/**
 * Several upstreams, as a vMCP runs them: one login walks every upstream in order (the first is
 * the identity provider, the others are "connect this backend" legs), all their tokens land in
 * one token session, and the auth middleware hands all of them to the request. The server is
 * assembled the way a vMCP does it: its routes, plus the auth middleware fed with its keys and
 * token sessions.
 */
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedAuthServer } from '../../../proxyrunner/authserver/server.ts';
import { FixedTarget } from '../../../proxyrunner/backend/targets.ts';
import { AuthMiddleware } from '../../../proxyrunner/middleware/auth/middleware.ts';
import type { Identity, Middleware, RequestContext } from '../../../proxyrunner/middleware/types.ts';
import { createProxy, type McpProxy } from '../../../proxyrunner/proxy.ts';
import { HttpBackendForwarder } from '../../../proxyrunner/upstream/http-forward.ts';
import { freePort } from '../../support/ports.ts';
import { captureLogs } from '../policy/support/logs.ts';
import { expectNoSecrets } from '../policy/support/secrets-scan.ts';
import { type EchoBackend, startEchoBackend } from './support/echo-backend.ts';
import { TestIdp } from './support/idp.ts';
import { fullLogin, whoami } from './support/oauth-client.ts';

let corp: TestIdp;
let github: TestIdp;
let backend: EchoBackend;
let proxy: McpProxy;
let base = '';
const seen: Identity[] = [];
const logs = captureLogs('authserver-chain');

beforeAll(async () => {
  corp = await TestIdp.start({ clientId: 'vmcp-corp' });
  github = await TestIdp.start({ clientId: 'vmcp-github', accessTokenFormat: 'opaque' });
  github.user = { sub: 'octocat' };
  backend = await startEchoBackend();
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const as = await EmbeddedAuthServer.create(
    {
      schema_version: 'v0.1.0',
      issuer: base,
      allowed_audiences: [`${base}/mcp`],
      upstreams: [
        {
          name: 'corp',
          type: 'oidc',
          oidc_config: {
            issuer_url: corp.url,
            client_id: corp.clientId,
            client_secret_env_var: 'CORP_SECRET',
          },
        },
        {
          name: 'github',
          type: 'oauth2',
          oauth2_config: {
            authorization_endpoint: `${github.url}/authorize`,
            token_endpoint: `${github.url}/token`,
            client_id: github.clientId,
            client_secret_env_var: 'GITHUB_SECRET',
            scopes: ['repo', 'offline_access'],
          },
        },
      ],
    },
    {
      env: { CORP_SECRET: corp.clientSecret, GITHUB_SECRET: github.clientSecret },
      logger: logs.logger,
      registration: { perSecond: 1000, burst: 1000 },
    },
  );
  const auth = new AuthMiddleware(
    { issuer: base, audience: `${base}/mcp`, resourceUrl: `${base}/mcp` },
    { logger: logs.logger, localKeys: as.keys, upstreamTokens: as.upstreamTokens },
  );
  const record: Middleware = {
    name: 'record',
    onRequest(ctx: RequestContext) {
      if (ctx.identity) seen.push(ctx.identity);
      return undefined;
    },
  };
  proxy = createProxy({
    backend: {
      kind: 'http',
      forwarder: new HttpBackendForwarder({
        target: new FixedTarget(backend.url, false),
        transport: 'streamable-http',
      }),
      transport: 'streamable-http',
    },
    middlewares: [as.middleware(), auth, record],
  });
  await proxy.listen(port, '127.0.0.1');
});

afterAll(async () => {
  await proxy?.shutdown(500);
  await backend?.stop();
  await corp?.stop();
  await github?.stop();
  expectNoSecrets(logs.lines);
});

describe('a login through two upstreams', () => {
  it('visits both, in order, and the request carries both upstream tokens', async () => {
    const before = { corp: corp.stats.authorize, github: github.stats.authorize };
    const { accessToken } = await fullLogin(base);
    expect(corp.stats.authorize).toBe(before.corp + 1);
    expect(github.stats.authorize).toBe(before.github + 1);
    // The identity comes from the first upstream only.
    expect(decodeJwt(accessToken)).toMatchObject({ name: 'Alice', email: 'alice@example.com' });
    expect((await whoami(`${base}/mcp`, accessToken)).status).toBe(200);
    const identity = seen.at(-1)!;
    expect(identity.upstreamTokens).toEqual({
      corp: corp.issuedAccessTokens.at(-1),
      github: github.issuedAccessTokens.at(-1),
    });
    expect(identity.upstreamIdTokens?.corp).toMatch(/^eyJ/);
    // Nothing injected: this assembly has no upstream swap.
    expect(JSON.stringify(backend.seen.at(-1))).not.toContain(github.issuedAccessTokens.at(-1)!);
  });

  it('fails the whole login when a later upstream refuses', async () => {
    github.denyNext = true;
    await expect(fullLogin(base)).rejects.toThrow(/login failed/);
  });
});
