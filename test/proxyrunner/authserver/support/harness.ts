/**
 * A proxy runner with an embedded authorization server, in process: the policy chain built from
 * a RunConfig exactly as `proxyrunner run` builds it, in front of an HTTP MCP backend, on a
 * loopback port that is also the authorization server's issuer.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EmbeddedAuthServerRunConfig } from '../../../../lib/runconfig/authserver.ts';
import type { RunConfig } from '../../../../lib/runconfig/types.ts';
import { FixedTarget } from '../../../../proxyrunner/backend/targets.ts';
import {
  buildMiddlewares,
  type PolicyChain,
  type PolicyDeps,
} from '../../../../proxyrunner/middleware/chain.ts';
import { createProxy, type McpProxy } from '../../../../proxyrunner/proxy.ts';
import { HttpBackendForwarder } from '../../../../proxyrunner/upstream/http-forward.ts';
import { freePort } from '../../../support/ports.ts';
import { captureLogs } from '../../policy/support/logs.ts';
import { registerSecret } from '../../policy/support/secrets-scan.ts';
import type { TestIdp } from './idp.ts';

export interface AuthProxyOptions {
  readonly idp: TestIdp;
  readonly backendUrl: string;
  /** Changes to the generated `embedded_auth_server_config`. */
  readonly authServer?: (as: EmbeddedAuthServerRunConfig) => void;
  /** Changes to the generated RunConfig. */
  readonly runConfig?: (rc: RunConfig) => void;
  readonly deps?: Partial<PolicyDeps>;
  readonly env?: Record<string, string>;
  /** Use this port (and so this issuer) instead of a fresh one. */
  readonly port?: number;
  readonly logSuite?: string;
}

export interface AuthProxy {
  readonly base: string;
  readonly url: string;
  readonly rc: RunConfig;
  readonly chain: PolicyChain;
  readonly proxy: McpProxy;
  readonly logs: string[];
  readonly dir: string;
  close(): Promise<void>;
}

export const UPSTREAM_SECRET_ENV = 'TOOLHIVE_UPSTREAM_CLIENT_SECRET_CORPORATE';

/** The RunConfig an operator would render for one OIDC upstream named `corporate`. */
export function authRunConfig(base: string, idp: TestIdp, dir: string): RunConfig {
  const hmac = join(dir, 'hmac-0');
  writeFileSync(hmac, registerSecret(`hmac-${'x'.repeat(40)}-${Math.random().toString(36).slice(2)}`));
  return {
    schema_version: 'v0.1.0',
    image: '',
    name: 'crm',
    transport: 'streamable-http',
    host: '127.0.0.1',
    port: 0,
    proxy_mode: 'streamable-http',
    oidc_config: {
      Issuer: base,
      Audience: `${base}/mcp`,
      ResourceURL: `${base}/mcp`,
      Scopes: ['openid', 'profile', 'email', 'offline_access'],
    },
    embedded_auth_server_config: {
      schema_version: 'v0.1.0',
      issuer: base,
      upstreams: [
        {
          name: 'corporate',
          type: 'oidc',
          oidc_config: {
            issuer_url: idp.url,
            client_id: idp.clientId,
            client_secret_env_var: UPSTREAM_SECRET_ENV,
            redirect_uri: `${base}/oauth/callback`,
          },
        },
      ],
      allowed_audiences: [`${base}/mcp`],
      hmac_secret_files: [hmac],
    },
  };
}

export async function startAuthProxy(o: AuthProxyOptions): Promise<AuthProxy> {
  const port = o.port ?? (await freePort());
  const base = `http://127.0.0.1:${port}`;
  const dir = mkdtempSync(join(tmpdir(), 'thv-authserver-'));
  const rc = authRunConfig(base, o.idp, dir);
  rc.port = port;
  o.authServer?.(rc.embedded_auth_server_config!);
  o.runConfig?.(rc);
  const captured = captureLogs(o.logSuite ?? 'authserver');
  const chain = await buildMiddlewares(rc, {
    env: { [UPSTREAM_SECRET_ENV]: o.idp.clientSecret, ...o.env },
    logger: captured.logger,
    auditSink: captured.sink,
    ...o.deps,
  });
  const forwarder = new HttpBackendForwarder({
    target: new FixedTarget(o.backendUrl, false),
    transport: 'streamable-http',
  });
  const proxy = createProxy({
    backend: { kind: 'http', forwarder, transport: 'streamable-http' },
    middlewares: chain.middlewares,
    serverName: rc.name,
  });
  await proxy.listen(port, '127.0.0.1');
  return {
    base,
    url: `${base}/mcp`,
    rc,
    chain,
    proxy,
    logs: captured.lines,
    dir,
    close: async () => {
      await proxy.shutdown(500);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
