/**
 * `toolhive-ts vmcp serve` with `authserver-config.yaml` beside its config, as the operator
 * renders a VirtualMCPServer with `authServerConfig`: one login through two upstreams (a
 * company OIDC provider and a GitHub-like OAuth 2.0 one), Cedar on the primary upstream's
 * claims, and each backend given the upstream token its `upstream_inject` strategy names.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { EmbeddedAuthServerRunConfig } from '../../../lib/runconfig/authserver.ts';
import { freePort } from '../../support/ports.ts';
import { expectNoSecrets, registerSecret } from '../policy/support/secrets-scan.ts';
import { type EchoBackend, startEchoBackend } from './support/echo-backend.ts';
import { TestIdp } from './support/idp.ts';
import { fullLogin, whoami } from './support/oauth-client.ts';
import { type CliProcess, startCli } from './support/process.ts';

let corp: TestIdp;
let github: TestIdp;
let backend: EchoBackend;
let proc: CliProcess;
let dir: string;
let base = '';

beforeAll(async () => {
  corp = await TestIdp.start({ clientId: 'gateway-corp' });
  github = await TestIdp.start({ clientId: 'gateway-github', accessTokenFormat: 'opaque' });
  github.user = { sub: 'octocat' };
  backend = await startEchoBackend();
  dir = mkdtempSync(join(tmpdir(), 'thv-as-vmcp-'));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  writeFileSync(join(dir, 'hmac-0'), registerSecret(`vmcp-hmac-${'z'.repeat(40)}`));
  writeFileSync(
    join(dir, 'config.yaml'),
    stringify({
      name: 'gateway',
      groupRef: 'demo',
      incomingAuth: {
        type: 'oidc',
        oidc: { issuer: base, audience: `${base}/mcp`, resource: `${base}/mcp` },
        authz: {
          type: 'cedar',
          policies: ['permit(principal in THVGroup::"engineers", action, resource);'],
          primaryUpstreamProvider: 'corp',
        },
      },
      outgoingAuth: {
        source: 'inline',
        backends: { echo: { type: 'upstream_inject', upstreamInject: { providerName: 'github' } } },
      },
      backends: [{ name: 'echo', url: backend.url, transport: 'streamable-http' }],
    }),
  );
  const as: EmbeddedAuthServerRunConfig = {
    schema_version: 'v0.1.0',
    issuer: base,
    allowed_audiences: [`${base}/mcp`],
    hmac_secret_files: [join(dir, 'hmac-0')],
    upstreams: [
      {
        name: 'corp',
        type: 'oidc',
        oidc_config: {
          issuer_url: corp.url,
          client_id: corp.clientId,
          client_secret_env_var: 'TOOLHIVE_UPSTREAM_CLIENT_SECRET_CORP',
          redirect_uri: `${base}/oauth/callback`,
        },
      },
      {
        name: 'github',
        type: 'oauth2',
        oauth2_config: {
          authorization_endpoint: `${github.url}/authorize`,
          token_endpoint: `${github.url}/token`,
          client_id: github.clientId,
          client_secret_env_var: 'TOOLHIVE_UPSTREAM_CLIENT_SECRET_GITHUB',
          redirect_uri: `${base}/oauth/callback`,
          scopes: ['repo', 'offline_access'],
        },
      },
    ],
  };
  writeFileSync(join(dir, 'authserver-config.yaml'), stringify(as));
  proc = await startCli(
    ['vmcp', 'serve', `--config=${join(dir, 'config.yaml')}`, `--port=${port}`],
    {
      TOOLHIVE_UPSTREAM_CLIENT_SECRET_CORP: corp.clientSecret,
      TOOLHIVE_UPSTREAM_CLIENT_SECRET_GITHUB: github.clientSecret,
    },
    'serving',
  );
});

afterAll(async () => {
  await proc?.stop();
  await backend?.stop();
  await corp?.stop();
  await github?.stop();
  rmSync(dir, { recursive: true, force: true });
  expectNoSecrets(proc.output().split('\n'));
});

describe('vmcp serve with an embedded authorization server', () => {
  it('serves discovery for its own issuer', async () => {
    const doc = (await (await fetch(`${base}/.well-known/oauth-authorization-server`)).json()) as {
      issuer: string;
    };
    expect(doc.issuer).toBe(base);
  });

  it('logs in through both upstreams and injects the GitHub token toward the backend', async () => {
    const { accessToken } = await fullLogin(base);
    const r = await whoami(`${base}/mcp`, accessToken, {}, 'echo_whoami');
    expect(r.status).toBe(200);
    expect(r.headers!.authorization).toBe(`Bearer ${github.issuedAccessTokens.at(-1)}`);
  });

  it('denies a user whose company identity provider puts them in no allowed group', async () => {
    corp.user = { sub: 'mallory', name: 'Mallory', email: 'm@example.com', groups: ['contractors'] };
    const { accessToken } = await fullLogin(base);
    const r = await whoami(`${base}/mcp`, accessToken, {}, 'echo_whoami');
    expect(r.status).not.toBe(200);
    expect(JSON.stringify(r.reply.body)).toContain('denied');
  });
});
