/**
 * Architecture decision 9: no token or secret ever reaches a log. Every policy test file checks
 * its own captured log and audit lines in `afterAll`; this file drives the error paths most
 * likely to leak (bad tokens, failing exchanges, denied webhooks, unreachable Redis with a
 * password) at debug level and checks the logger's own guards.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { buildMiddlewares } from '../../../proxyrunner/middleware/chain.ts';
import { createLogger, REDACTED, scrubText } from '../../../proxyrunner/middleware/shared/logger.ts';
import { fakeBackend, runChain } from './support/chain-runner.ts';
import { requestContext, toolCall } from './support/context.ts';
import { captureLogs } from './support/logs.ts';
import { TestIssuer } from './support/oidc-issuer.ts';
import { runConfig } from './support/runconfig.ts';
import { expectNoSecrets, findSecrets, registerSecret } from './support/secrets-scan.ts';

const logs = captureLogs('log-secrets');
const audit: string[] = [];

afterAll(() => {
  expectNoSecrets(logs.lines);
  expectNoSecrets(audit);
});

describe('the logger', () => {
  it('redacts credential-named attributes and credential-shaped text even when a caller slips', () => {
    const lines: string[] = [];
    const log = createLogger({ sink: (l) => lines.push(l), level: 'debug' });
    const jwt = registerSecret('eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLWJ5dGVz');
    log.error(`upstream said Bearer ${registerSecret('opaque-credential-123456')}`, {
      token: 'anything',
      client_secret: 'anything',
      headers: { Authorization: 'Basic dXNlcjpwYXNz', 'x-request-id': 'keep-me' },
      detail: `token was ${jwt}`,
      error: new Error(`failed with ${jwt}`),
    });
    expect(findSecrets(lines)).toEqual([]);
    const line = JSON.parse(lines[0]!);
    expect(line.token).toBe(REDACTED);
    expect(line.headers['x-request-id']).toBe('keep-me');
    expect(line.headers.Authorization).toBe(REDACTED);
    expect(scrubText(`a ${jwt} b`)).toBe(`a ${REDACTED} b`);
  });
});

describe('error paths of the whole chain at debug level', () => {
  it('logs reasons, never credentials', async () => {
    const issuer = await TestIssuer.start();
    const webhookSecret = registerSecret('hmac-secret-for-log-test');
    const rc = runConfig({
      debug: true,
      oidc_config: {
        Issuer: issuer.url,
        Audience: 'aud',
        IntrospectionURL: `${issuer.url}/introspect`,
        ClientID: 'proxy',
      },
      audit_config: { includeRequestData: true, includeResponseData: true },
      token_exchange_config: {
        token_url: 'http://127.0.0.1:1/token',
        client_id: 'proxy',
        audience: 'backend',
      },
      validating_webhooks: [
        {
          name: 'gone',
          url: 'http://127.0.0.1:1/hook',
          failure_policy: 'fail',
          timeout: '1s',
          hmac_secret_ref: 'hook-secret',
          tls_config: { insecure_skip_verify: true },
        },
      ],
      rate_limit_config: { shared: { maxTokens: 5, refillPeriod: '1m' } },
      scaling_config: { session_redis: { address: '127.0.0.1:1' } },
      authz_config: {
        version: '1.0',
        type: 'cedarv1',
        cedar: { policies: ['permit(principal, action, resource);'] },
      },
    });
    const chain = await buildMiddlewares(rc, {
      logger: logs.logger,
      auditSink: (l) => audit.push(l),
      redisStartupWaitMs: 100,
      env: {
        TOOLHIVE_OIDC_CLIENT_SECRET: registerSecret('introspection-secret-xyz'),
        TOOLHIVE_TOKEN_EXCHANGE_CLIENT_SECRET: registerSecret('exchange-secret-xyz'),
        'TOOLHIVE_SECRET_hook-secret': webhookSecret,
        THV_SESSION_REDIS_PASSWORD: registerSecret('redis-password-xyz'),
      },
    });
    const tokens = [
      await issuer.token({}, { audience: 'aud' }), // valid: then exchange fails
      await issuer.token({ exp: 1 }, { audience: 'aud' }),
      await issuer.token({}, { audience: 'other' }),
      registerSecret('opaque-token-the-idp-never-issued'),
    ];
    for (const token of tokens) {
      const r = await runChain(
        chain.middlewares,
        requestContext({
          token,
          message: toolCall('echo', { password: registerSecret('argument-password-1') }),
        }),
        fakeBackend(),
      );
      expect(r.status).toBe(401);
    }
    await chain.close();
    await issuer.stop();
    expect(logs.lines.length).toBeGreaterThan(4);
    expectNoSecrets(logs.lines);
    expectNoSecrets(audit);
  });
});
