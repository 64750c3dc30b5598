/**
 * The real process: `toolhive-ts proxyrunner run --config FILE --target URL` with an
 * `embedded_auth_server_config` as the operator renders it (signing key and HMAC secret as files,
 * the upstream client secret in its env var), in front of an HTTP MCP backend. The MCP SDK's own
 * client-side OAuth discovers the authorization server from the 401, registers, sends the user
 * through the login and redeems the code; then its calls reach the backend with the user's
 * upstream token. Every line the process logged is scanned for secrets.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type {
  OAuthClientInformationMixed,
  OAuthClientMetadata,
  OAuthTokens,
} from '@modelcontextprotocol/sdk/shared/auth.js';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../support/ports.ts';
import { expectNoSecrets, registerSecret } from '../policy/support/secrets-scan.ts';
import { type EchoBackend, startEchoBackend } from './support/echo-backend.ts';
import { authRunConfig, UPSTREAM_SECRET_ENV } from './support/harness.ts';
import { TestIdp } from './support/idp.ts';
import { login, REDIRECT_URI } from './support/oauth-client.ts';
import { type CliProcess, startCli } from './support/process.ts';

/** An MCP client's OAuth state, kept in memory; the "browser" is driven by the test. */
class TestOAuthProvider implements OAuthClientProvider {
  authorizationUrl: URL | undefined;
  private info: OAuthClientInformationMixed | undefined;
  private stored: OAuthTokens | undefined;
  private verifier = '';

  get redirectUrl(): string {
    return REDIRECT_URI;
  }
  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: 'sdk e2e',
      redirect_uris: [REDIRECT_URI],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
      scope: 'openid offline_access',
    };
  }
  state(): string {
    return randomBytes(16).toString('base64url');
  }
  clientInformation(): OAuthClientInformationMixed | undefined {
    return this.info;
  }
  saveClientInformation(info: OAuthClientInformationMixed): void {
    this.info = info;
  }
  tokens(): OAuthTokens | undefined {
    return this.stored;
  }
  saveTokens(tokens: OAuthTokens): void {
    registerSecret(tokens.access_token);
    if (tokens.refresh_token) registerSecret(tokens.refresh_token);
    this.stored = tokens;
  }
  redirectToAuthorization(url: URL): void {
    this.authorizationUrl = url;
  }
  saveCodeVerifier(v: string): void {
    this.verifier = v;
  }
  codeVerifier(): string {
    return this.verifier;
  }
}

let idp: TestIdp;
let backend: EchoBackend;
let proc: CliProcess;
let dir: string;
let base = '';

beforeAll(async () => {
  idp = await TestIdp.start();
  backend = await startEchoBackend();
  dir = mkdtempSync(join(tmpdir(), 'thv-as-e2e-'));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const rc = authRunConfig(base, idp, dir);
  rc.port = port;
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  writeFileSync(join(dir, 'key-0.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
  rc.embedded_auth_server_config!.signing_key_config = { key_dir: dir, signing_key_file: 'key-0.pem' };
  const file = join(dir, 'runconfig.json');
  writeFileSync(file, JSON.stringify(rc));
  proc = await startCli(
    ['proxyrunner', 'run', '--config', file, '--target', backend.url],
    { [UPSTREAM_SECRET_ENV]: idp.clientSecret, TOOLHIVE_DEBUG: 'true' },
    'proxying',
  );
});

afterAll(async () => {
  await proc?.stop();
  await backend?.stop();
  await idp?.stop();
  rmSync(dir, { recursive: true, force: true });
  expectNoSecrets(proc.output().split('\n'));
});

async function connect(
  provider: TestOAuthProvider,
): Promise<{ client: Client; transport: StreamableHTTPClientTransport }> {
  const transport = new StreamableHTTPClientTransport(new URL(`${base}/mcp`), { authProvider: provider });
  const client = new Client({ name: 'sdk-e2e', version: '1.0.0' }, { capabilities: {} });
  await client.connect(transport);
  return { client, transport };
}

describe('proxyrunner run with the embedded authorization server', () => {
  it('lets the SDK client log in and reach the backend with the upstream token', async () => {
    const provider = new TestOAuthProvider();
    await expect(connect(provider)).rejects.toBeInstanceOf(UnauthorizedError);
    // The SDK registered itself and built the authorization request; the "browser" follows it.
    const url = provider.authorizationUrl!;
    expect(`${url.origin}${url.pathname}`).toBe(`${base}/oauth/authorize`);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('resource')).toBe(`${base}/mcp`);
    const q = url.searchParams;
    const result = await login(base, {
      clientId: q.get('client_id')!,
      challenge: q.get('code_challenge')!,
      state: q.get('state')!,
      scope: q.get('scope') ?? '',
      resource: q.get('resource')!,
    });
    expect(result.redirect.searchParams.get('state')).toBe(q.get('state'));
    const transport = new StreamableHTTPClientTransport(new URL(`${base}/mcp`), { authProvider: provider });
    await transport.finishAuth(result.code!);
    const tokens = provider.tokens()!;
    expect(decodeJwt(tokens.access_token)).toMatchObject({ iss: base, aud: [`${base}/mcp`] });
    expect(tokens.refresh_token).toBeTruthy();

    const { client } = await connect(provider);
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual(['whoami']);
    const r = await client.callTool({ name: 'whoami', arguments: {} });
    const seen = JSON.parse((r.content as Array<{ text: string }>)[0]!.text) as Record<string, string>;
    expect(seen.authorization).toBe(`Bearer ${idp.issuedAccessTokens.at(-1)}`);
    await client.close();
  });

  it('logs the server start', () => {
    expect(proc.output()).toContain('embedded authorization server ready');
  });
});
