/**
 * What reaches the backend, and what Cedar sees, with the embedded authorization server:
 * `upstreamswap` with a custom header, `strip-auth` when injection is disabled, and Cedar
 * evaluating the upstream identity provider's claims (the primary upstream) rather than ours.
 * Also the OAuth 2.0 (non-OIDC) upstream kinds: userinfo with a field mapping, and ToolHive's
 * synthesis mode without one.
 */
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSecrets } from '../policy/support/secrets-scan.ts';
import { type EchoBackend, startEchoBackend } from './support/echo-backend.ts';
import { type AuthProxy, type AuthProxyOptions, startAuthProxy } from './support/harness.ts';
import { TestIdp } from './support/idp.ts';
import { fullLogin, whoami } from './support/oauth-client.ts';

let idp: TestIdp;
let backend: EchoBackend;
const proxies: AuthProxy[] = [];

beforeAll(async () => {
  idp = await TestIdp.start();
  backend = await startEchoBackend();
});

afterAll(async () => {
  for (const p of proxies) await p.close();
  await backend?.stop();
  await idp?.stop();
  expectNoSecrets(proxies.flatMap((p) => p.logs));
});

async function proxy(o: Partial<AuthProxyOptions>): Promise<AuthProxy> {
  const p = await startAuthProxy({
    idp,
    backendUrl: backend.url,
    logSuite: 'authserver-injection',
    ...o,
    deps: { authServer: { registration: { perSecond: 1000, burst: 1000 } }, ...o.deps },
  });
  proxies.push(p);
  return p;
}

describe('toward the backend', () => {
  it('puts the upstream token in a custom header when asked, and no Authorization', async () => {
    const px = await proxy({
      runConfig: (rc) => {
        rc.upstream_swap_config = {
          provider_name: 'corporate',
          header_strategy: 'custom',
          custom_header_name: 'X-Upstream-Token',
        };
      },
    });
    const { accessToken } = await fullLogin(px.base);
    const r = await whoami(px.url, accessToken);
    expect(r.status).toBe(200);
    expect(r.headers!['x-upstream-token']).toBe(`Bearer ${idp.issuedAccessTokens.at(-1)}`);
    expect(r.headers!.authorization).toBeUndefined();
  });

  it('strips every client credential when upstream token injection is disabled', async () => {
    const px = await proxy({
      authServer: (as) => {
        as.disable_upstream_token_injection = true;
      },
    });
    const { accessToken } = await fullLogin(px.base);
    const r = await whoami(px.url, accessToken, {
      cookie: 'sid=browser',
      'proxy-authorization': 'Basic eDp5',
    });
    expect(r.status).toBe(200);
    expect(r.headers).toEqual({});
  });

  it('refuses token exchange together with disabled injection at startup', async () => {
    await expect(
      proxy({
        authServer: (as) => {
          as.disable_upstream_token_injection = true;
        },
        runConfig: (rc) => {
          rc.token_exchange_config = { token_url: 'http://127.0.0.1:1/token', client_id: 'x', audience: 'y' };
        },
      }),
    ).rejects.toThrow(/cannot be combined with token exchange/);
  });

  it('refuses a proxy runner with more than one upstream (that is the vMCP)', async () => {
    await expect(
      proxy({
        authServer: (as) => {
          as.upstreams = [
            { ...as.upstreams[0]!, name: 'one' },
            { ...as.upstreams[0]!, name: 'two' },
          ];
        },
      }),
    ).rejects.toThrow(/only one upstream provider/);
  });
});

describe('Cedar with the embedded authorization server', () => {
  it("decides on the upstream provider's claims, not on ours", async () => {
    const px = await proxy({
      runConfig: (rc) => {
        rc.authz_config = {
          version: '1.0',
          type: 'cedarv1',
          cedar: {
            // `groups` is only in the upstream access token; `email` only in the upstream ID token.
            policies: [
              'permit(principal in THVGroup::"engineers", action == Action::"call_tool", resource == Tool::"whoami") when { principal.claim_email == "alice@example.com" };',
            ],
          },
        };
      },
    });
    idp.user = { sub: 'alice-upstream', name: 'Alice', email: 'alice@example.com', groups: ['engineers'] };
    const alice = await fullLogin(px.base);
    expect(decodeJwt(alice.accessToken).groups).toBeUndefined();
    expect((await whoami(px.url, alice.accessToken)).status).toBe(200);
    idp.user = { sub: 'bob-upstream', name: 'Bob', email: 'bob@example.com', groups: ['sales'] };
    try {
      const bob = await fullLogin(px.base);
      expect((await whoami(px.url, bob.accessToken)).status).toBe(403);
    } finally {
      idp.user = { sub: 'alice-upstream', name: 'Alice', email: 'alice@example.com', groups: ['engineers'] };
    }
  });
});

describe('OAuth 2.0 upstreams', () => {
  function oauth2(userinfo: boolean): Partial<AuthProxyOptions> {
    return {
      authServer: (as) => {
        const oidc = as.upstreams[0]!.oidc_config!;
        as.upstreams[0] = {
          name: 'corporate',
          type: 'oauth2',
          oauth2_config: {
            authorization_endpoint: `${idp.url}/authorize`,
            token_endpoint: `${idp.url}/token`,
            client_id: oidc.client_id,
            client_secret_env_var: oidc.client_secret_env_var!,
            redirect_uri: oidc.redirect_uri!,
            scopes: ['read', 'offline_access'],
            ...(userinfo
              ? {
                  userinfo: {
                    endpoint_url: `${idp.url}/userinfo`,
                    field_mapping: { subject_fields: ['id'], name_fields: ['login'], email_fields: ['mail'] },
                  },
                }
              : {}),
          },
        };
      },
    };
  }

  it('learns who the user is from userinfo through a field mapping', async () => {
    const px = await proxy(oauth2(true));
    const a = decodeJwt((await fullLogin(px.base)).accessToken);
    expect(a).toMatchObject({ name: 'Alice', email: 'alice@example.com' });
    const b = decodeJwt((await fullLogin(px.base)).accessToken);
    expect(b.sub).toBe(a.sub);
  });

  it('synthesises a per-login subject without userinfo, and still injects the token', async () => {
    const px = await proxy(oauth2(false));
    const first = await fullLogin(px.base);
    const second = await fullLogin(px.base);
    const a = decodeJwt(first.accessToken);
    expect(a.name).toBeUndefined();
    expect(a.sub).toMatch(/^tk-[0-9a-f]{32}$/);
    expect(decodeJwt(second.accessToken).sub).not.toBe(a.sub);
    const r = await whoami(px.url, first.accessToken);
    expect(r.headers!.authorization).toMatch(/^Bearer /);
  });
});
