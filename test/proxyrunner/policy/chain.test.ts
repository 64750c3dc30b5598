import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunConfig } from '../../../lib/runconfig/types.ts';
import { buildMiddlewares, type PolicyChain } from '../../../proxyrunner/middleware/chain.ts';
import { populateMiddlewareConfigs } from '../../../proxyrunner/middleware/populate.ts';
import { fakeBackend, runChain } from './support/chain-runner.ts';
import { requestContext, rpc, toolCall } from './support/context.ts';
import { captureLogs } from './support/logs.ts';
import { TestIssuer } from './support/oidc-issuer.ts';
import { runConfig } from './support/runconfig.ts';
import { expectNoSecrets } from './support/secrets-scan.ts';

const logs = captureLogs('chain');
const auditLines: string[] = [];
let issuer: TestIssuer;

function baseConfig(extra: Partial<RunConfig> = {}): RunConfig {
  return runConfig({ transport: 'stdio', ...extra });
}

const TOOLS = [
  { name: 'echo', description: 'Echoes', annotations: { readOnlyHint: true } },
  { name: 'add', description: 'Adds' },
  { name: 'printEnv', description: 'Prints the environment' },
  { name: 'longRunningOperation', description: 'Slow' },
];

beforeAll(async () => {
  issuer = await TestIssuer.start();
});
afterAll(async () => {
  await issuer.stop();
  expectNoSecrets(logs.lines);
  expectNoSecrets(auditLines);
});

describe('chain order', () => {
  it("builds ToolHive's order from the typed keys", () => {
    const rc = baseConfig({
      oidc_config: { Issuer: 'https://idp.example.test', Audience: 'a' },
      audit_config: {},
      authz_config: {
        version: '1.0',
        type: 'cedarv1',
        cedar: { policies: ['permit(principal, action, resource);'] },
      },
      tools_filter: ['echo'],
      telemetry_config: { tracingEnabled: false, metricsEnabled: true, useLegacyAttributes: false },
      rate_limit_config: { shared: { maxTokens: 1, refillPeriod: '1m' } },
      scaling_config: { session_redis: { address: '127.0.0.1:6379' } },
      validating_webhooks: [{ name: 'v', url: 'https://hooks.example.test', failure_policy: 'fail' }],
      mutating_webhooks: [{ name: 'm', url: 'https://hooks.example.test', failure_policy: 'fail' }],
      token_exchange_config: { token_url: 'https://sts.example.test/token', client_id: 'c' },
    });
    expect(populateMiddlewareConfigs(rc).map((m) => m.type)).toEqual([
      'bodylimit',
      'audit',
      'auth',
      'tokenexchange',
      'tool-filter',
      'tool-call-filter',
      'mcp-parser',
      'telemetry',
      'ratelimit',
      'mutating-webhook',
      'validating-webhook',
      'authorization',
      'recovery',
    ]);
  });

  it('refuses rate limiting without Redis session storage, and unknown or unsupported middleware types', async () => {
    expect(() =>
      populateMiddlewareConfigs(
        baseConfig({ rate_limit_config: { shared: { maxTokens: 1, refillPeriod: '1s' } } }),
      ),
    ).toThrow('requires sessionStorage with provider redis');
    await expect(
      buildMiddlewares(baseConfig({ middleware_configs: [{ type: 'nope', parameters: {} }] }), {
        logger: logs.logger,
      }),
    ).rejects.toThrow('unknown middleware type "nope"');
    await expect(
      buildMiddlewares(baseConfig({ middleware_configs: [{ type: 'awssts', parameters: {} }] }), {
        logger: logs.logger,
      }),
    ).rejects.toThrow('not supported');
  });

  it('runs middleware_configs as written', async () => {
    const chain = await buildMiddlewares(
      baseConfig({
        middleware_configs: [
          { type: 'bodylimit', parameters: { max_bytes: 1024 } },
          { type: 'auth', parameters: { oidc_config: null } },
          { type: 'tool-filter', parameters: { filter_tools: ['echo'] } },
          { type: 'tool-call-filter', parameters: { filter_tools: ['echo'] } },
          { type: 'mcp-parser', parameters: {} },
          { type: 'recovery', parameters: {} },
        ],
      }),
      { logger: logs.logger },
    );
    expect(chain.middlewares.map((m) => m.name)).toEqual([
      'origin',
      'auth',
      'tool-filter',
      'tool-call-filter',
      'mcp-parser',
    ]);
    expect(chain.dataPath.maxBodyBytes).toBe(1024);
    await chain.close();
  });
});

describe('a full chain: auth + authz + audit + tool filter', () => {
  let chain: PolicyChain;
  const AUD = 'mcp-everything';
  beforeAll(async () => {
    chain = await buildMiddlewares(
      baseConfig({
        oidc_config: { Issuer: issuer.url, Audience: AUD, ResourceURL: 'http://127.0.0.1:8080/mcp' },
        audit_config: { component: 'everything-proxy', includeRequestData: true },
        authz_config: {
          version: '1.0',
          type: 'cedarv1',
          cedar: {
            policies: [
              'permit(principal, action == Action::"call_tool", resource == Tool::"echo");',
              'permit(principal in THVGroup::"admins", action == Action::"call_tool", resource);',
            ],
          },
        },
        tools_filter: ['echo', 'add', 'say'],
        tools_override: { echo: { name: 'say', description: 'Says it back', annotations: { title: 'Say' } } },
      }),
      { logger: logs.logger, auditSink: (l) => auditLines.push(l) },
    );
  });
  afterAll(() => chain.close());

  interface AuditLine {
    [k: string]: unknown;
    data: { request: { params: { name: string } } };
  }
  const lastAudit = () => JSON.parse(auditLines[auditLines.length - 1]!) as AuditLine;

  it('401 without a token, audited as denied', async () => {
    const backend = fakeBackend({ tools: TOOLS });
    const r = await runChain(chain.middlewares, requestContext({ message: rpc('tools/list') }), backend);
    expect(r.status).toBe(401);
    expect(r.headers['www-authenticate']).toContain(
      'resource_metadata="http://127.0.0.1:8080/.well-known/oauth-protected-resource/mcp"',
    );
    expect(backend.calls).toHaveLength(0);
    expect(lastAudit()).toMatchObject({
      level: 'AUDIT',
      msg: 'audit_event',
      type: 'mcp_tools_list',
      outcome: 'denied',
      component: 'everything-proxy',
      subjects: { user: 'anonymous' },
    });
  });

  it('tools/list: the allow-list, the rename and the Cedar policy all shape what the caller sees', async () => {
    const token = await issuer.token({ sub: 'alice', name: 'Alice' }, { audience: AUD });
    const r = await runChain(
      chain.middlewares,
      requestContext({ token, message: rpc('tools/list') }),
      fakeBackend({ tools: TOOLS }),
    );
    const tools = (r.body as { result: { tools: Array<Record<string, unknown>> } }).result.tools;
    // add is allowed by the filter but denied by Cedar; printEnv and longRunningOperation are filtered.
    expect(tools).toEqual([
      { name: 'say', description: 'Says it back', annotations: { readOnlyHint: true, title: 'Say' } },
    ]);
    const adminToken = await issuer.token({ sub: 'root', groups: ['admins'] }, { audience: AUD });
    const r2 = await runChain(
      chain.middlewares,
      requestContext({ token: adminToken, message: rpc('tools/list') }),
      fakeBackend({ tools: TOOLS }),
    );
    expect(
      (r2.body as { result: { tools: Array<{ name: string }> } }).result.tools.map((t) => t.name),
    ).toEqual(['say', 'add']);
  });

  it('tools/call by the visible name reaches the backend under the real name', async () => {
    const token = await issuer.token(
      { sub: 'alice', name: 'Alice', email: 'alice@example.test' },
      { audience: AUD },
    );
    const backend = fakeBackend();
    const r = await runChain(
      chain.middlewares,
      requestContext({
        token,
        message: toolCall('say', { message: 'hi' }, 7),
        headers: { 'user-agent': 'vitest', 'x-request-id': 'rid-1' },
      }),
      backend,
    );
    expect(r.status).toBe(200);
    expect(backend.calls[0]!.message).toMatchObject({
      method: 'tools/call',
      params: { name: 'echo', arguments: { message: 'hi' } },
    });
    // The client's bearer token never reaches the backend.
    expect(backend.calls[0]!.headers.authorization).toBeUndefined();
    const ev = lastAudit();
    expect(ev).toMatchObject({
      type: 'mcp_tool_call',
      outcome: 'success',
      subjects: { user_id: 'alice', user: 'Alice' },
      source: { type: 'network', value: '127.0.0.1', extra: { user_agent: 'vitest', request_id: 'rid-1' } },
      target: { endpoint: '/mcp', method: 'tools/call', name: 'echo', type: 'tool' },
      metadata: { extra: { transport: 'http' } },
    });
    expect(typeof ev.audit_id).toBe('string');
    expect(typeof ev.logged_at).toBe('string');
    expect(ev.data.request.params.name).toBe('echo');
  });

  it('calls to hidden or renamed-away tools are "tool not found"', async () => {
    const token = await issuer.token({ sub: 'root', groups: ['admins'] }, { audience: AUD });
    for (const name of ['echo', 'printEnv']) {
      const backend = fakeBackend();
      const r = await runChain(
        chain.middlewares,
        requestContext({ token, message: toolCall(name, {}, 3) }),
        backend,
      );
      expect(r.status).toBe(200);
      expect(r.body).toEqual({ jsonrpc: '2.0', id: 3, error: { code: -32602, message: 'tool not found' } });
      expect(backend.calls).toHaveLength(0);
    }
  });

  it('Cedar denial is 403 with JSON-RPC code 403, audited as denied', async () => {
    const token = await issuer.token({ sub: 'alice' }, { audience: AUD });
    const backend = fakeBackend();
    const r = await runChain(
      chain.middlewares,
      requestContext({ token, message: toolCall('add', { a: 1, b: 2 }, 9) }),
      backend,
    );
    expect(r.status).toBe(403);
    expect(r.body).toEqual({ jsonrpc: '2.0', id: 9, error: { code: 403, message: 'Unauthorized' } });
    expect(backend.calls).toHaveLength(0);
    expect(lastAudit()).toMatchObject({ type: 'mcp_tool_call', outcome: 'denied', target: { name: 'add' } });
  });

  it('methods outside the map are denied; plumbing passes', async () => {
    const token = await issuer.token({ sub: 'alice' }, { audience: AUD });
    expect(
      (
        await runChain(
          chain.middlewares,
          requestContext({ token, message: rpc('sampling/createMessage') }),
          fakeBackend(),
        )
      ).status,
    ).toBe(403);
    expect(
      (await runChain(chain.middlewares, requestContext({ token, message: rpc('ping') }), fakeBackend()))
        .status,
    ).toBe(200);
    const note = await runChain(
      chain.middlewares,
      requestContext({ token, message: { jsonrpc: '2.0', method: 'notifications/initialized' } }),
      fakeBackend(),
    );
    expect(note.status).toBe(202);
    expect(lastAudit()).toMatchObject({ type: 'mcp_request', outcome: 'success' });
  });

  it('records application errors from the backend', async () => {
    const token = await issuer.token({ sub: 'alice' }, { audience: AUD });
    const r = await runChain(
      chain.middlewares,
      requestContext({ token, message: toolCall('say', {}, 4) }),
      () => ({
        jsonrpc: '2.0',
        id: 4,
        error: { code: -32603, message: 'backend exploded' },
      }),
    );
    expect(r.status).toBe(200);
    expect(lastAudit()).toMatchObject({
      outcome: 'application_error',
      metadata: { extra: { jsonrpc_error_code: -32603, jsonrpc_error_message: 'backend exploded' } },
    });
  });

  it('rejects a foreign Origin before anything else', async () => {
    const r = await runChain(
      chain.middlewares,
      requestContext({ message: rpc('tools/list'), headers: { origin: 'http://evil.example.test' } }),
      fakeBackend(),
    );
    expect(r.status).toBe(403);
    expect(r.body).toEqual({ jsonrpc: '2.0', error: { code: -32600, message: 'Origin not allowed' } });
  });

  it('never writes a token into the audit log', () => {
    expectNoSecrets(auditLines);
  });
});

describe('no OIDC configured', () => {
  it('runs every request as the local user', async () => {
    const chain = await buildMiddlewares(baseConfig({ audit_config: {} }), {
      logger: logs.logger,
      auditSink: (l) => auditLines.push(l),
    });
    const ctx = requestContext({ message: rpc('tools/list') });
    const r = await runChain(chain.middlewares, ctx, fakeBackend({ tools: TOOLS }));
    expect(r.status).toBe(200);
    expect(ctx.identity?.anonymous).toBe(true);
    expect(ctx.identity?.claims.iss).toBe('toolhive-local');
    await chain.close();
  });
});
