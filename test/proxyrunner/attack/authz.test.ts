/**
 * Cedar authorization and the tool filter/override together, through the real proxy process,
 * checked against ToolHive's semantics:
 *
 * - the chain runs tool-call-filter before authorization, so a renamed tool is authorized under
 *   its backend (actual) name, and a call to a filtered-out name is "tool not found" (HTTP 200,
 *   -32602) before any policy is consulted;
 * - list results are filtered per caller (authz, inner) and then renamed (tool filter, outer);
 * - a denied call, prompt or resource is HTTP 403 with JSON-RPC code 403 "Unauthorized";
 * - a policy that fails to evaluate denies; list filtering authorizes without arguments;
 * - `resources/templates/list` is passed through unfiltered, as in ToolHive.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestIssuer } from '../policy/support/oidc-issuer.ts';
import { call, openSession, type RunningProxy, rpc, startProxy } from './support.ts';

const AUD = 'mcp-everything';
const ARCH = 'demo://resource/static/document/architecture.md';
let issuer: TestIssuer;
let proxy: RunningProxy;

beforeAll(async () => {
  issuer = await TestIssuer.start();
  proxy = await startProxy({
    oidc_config: { Issuer: issuer.url, Audience: AUD },
    authz_config: {
      version: '1.0',
      type: 'cedarv1',
      cedar: {
        policies: [
          // Policies name backend tools: echo is served to clients as "say".
          'permit(principal, action == Action::"call_tool", resource == Tool::"echo");',
          'permit(principal, action == Action::"call_tool", resource == Tool::"get-sum") when { context.arg_a < 1000 };',
          'permit(principal, action == Action::"call_tool", resource == Tool::"get-env") when { principal has claim_department && principal.claim_department == "eng" };',
          // A policy on the visible name grants nothing: no backend tool is called "say".
          'permit(principal in THVGroup::"sayers", action == Action::"call_tool", resource == Tool::"say");',
          'permit(principal in THVGroup::"admins", action, resource);',
          'forbid(principal in THVGroup::"admins", action == Action::"call_tool", resource == Tool::"get-tiny-image") when { principal has claim_mfa && principal.claim_mfa == false };',
          'permit(principal, action == Action::"get_prompt", resource == Prompt::"simple-prompt");',
          `permit(principal, action == Action::"read_resource", resource == Resource::"${ARCH}");`,
        ],
        entities_json: '[]',
        group_claim_name: 'realm_access.roles',
      },
    },
    tools_filter: ['say', 'get-sum', 'get-env', 'get-tiny-image'],
    tools_override: { echo: { name: 'say', description: 'Says it back' } },
    audit_config: {},
  });
});

afterAll(async () => {
  await proxy?.stop();
  await issuer?.stop();
});

interface Caller {
  headers: Record<string, string>;
  req(body: object): ReturnType<typeof rpc>;
}

async function caller(claims: Record<string, unknown>): Promise<Caller> {
  const token = await issuer.token(claims, { audience: AUD });
  const sid = await openSession(proxy.url, token);
  const headers = { authorization: `Bearer ${token}`, 'mcp-session-id': sid };
  return { headers, req: (body) => rpc(proxy.url, body, headers) };
}

const names = (r: { json(): Record<string, unknown> }, key: string) =>
  ((r.json().result as Record<string, Array<{ name?: string; uri?: string }>>)[key] ?? []).map((i) =>
    key === 'resources' ? i.uri : i.name,
  );

function expectDenied(r: { status: number; json(): Record<string, unknown> }, id: number) {
  expect(r.status).toBe(403);
  expect(r.json()).toEqual({ jsonrpc: '2.0', id, error: { code: 403, message: 'Unauthorized' } });
}

describe('tools: policy, filter and override together', () => {
  it('a plain user sees and calls only what both the allow-list and Cedar permit, under the new name', async () => {
    const alice = await caller({ sub: 'alice' });
    expect(names(await alice.req({ jsonrpc: '2.0', id: 1, method: 'tools/list' }), 'tools')).toEqual(['say']);
    const said = await alice.req(call(2, 'say', { message: 'hi' }));
    expect(said.status).toBe(200);
    expect(said.text).toContain('Echo: hi');
    // The original name of a renamed tool, and names the allow-list hides, are "tool not found"
    // (HTTP 200, -32602): the tool-call filter answers before any policy is consulted.
    for (const name of ['echo', 'toggle-simulated-logging', 'gzip-file-as-resource', 'no-such-tool']) {
      const r = await alice.req(call(3, name, { message: 'x' }));
      expect(r.status, name).toBe(200);
      expect(r.json().error, name).toEqual({ code: -32602, message: 'tool not found' });
    }
    // In the allow-list but not permitted by Cedar: 403.
    expectDenied(await alice.req(call(4, 'get-env')), 4);
    expectDenied(await alice.req(call(5, 'get-tiny-image')), 5);
  });

  it('argument conditions: a < 1000 passes, a >= 1000 or a non-number is denied (policy error denies)', async () => {
    const alice = await caller({ sub: 'alice' });
    const ok = await alice.req(call(1, 'get-sum', { a: 5, b: 3 }));
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('8');
    expectDenied(await alice.req(call(2, 'get-sum', { a: 5000, b: 3 })), 2);
    expectDenied(await alice.req(call(3, 'get-sum', { a: '5', b: 3 })), 3);
    expectDenied(await alice.req(call(4, 'get-sum', { b: 3 })), 4);
    // Listing authorizes without arguments, so the conditional tool is not listed (as ToolHive).
    expect(names(await alice.req({ jsonrpc: '2.0', id: 5, method: 'tools/list' }), 'tools')).not.toContain(
      'get-sum',
    );
  });

  it('claims: principal attributes (claim_*) and groups from a nested claim path', async () => {
    const eng = await caller({ sub: 'bob', department: 'eng' });
    expect(names(await eng.req({ jsonrpc: '2.0', id: 1, method: 'tools/list' }), 'tools').sort()).toEqual([
      'get-env',
      'say',
    ]);
    expect((await eng.req(call(2, 'get-env'))).status).toBe(200);
    const sales = await caller({ sub: 'carl', department: 'sales' });
    expectDenied(await sales.req(call(3, 'get-env')), 3);

    const admin = await caller({ sub: 'root', realm_access: { roles: ['admins'] } });
    // get-sum is missing: listing authorizes without arguments, the arg_a policy fails to
    // evaluate, and an evaluation error denies whatever else permits (ToolHive's rule).
    expect(names(await admin.req({ jsonrpc: '2.0', id: 4, method: 'tools/list' }), 'tools').sort()).toEqual([
      'get-env',
      'get-tiny-image',
      'say',
    ]);
    expect((await admin.req(call(41, 'get-sum', { a: 5000, b: 1 }))).status).toBe(200);
    expect((await admin.req(call(5, 'get-tiny-image'))).status).toBe(200);
    // The allow-list still binds admins.
    expect((await admin.req(call(6, 'toggle-simulated-logging'))).json().error).toMatchObject({
      code: -32602,
    });
    // forbid beats permit.
    const noMfa = await caller({ sub: 'root2', realm_access: { roles: ['admins'] }, mfa: false });
    expectDenied(await noMfa.req(call(7, 'get-tiny-image')), 7);
    expect(names(await noMfa.req({ jsonrpc: '2.0', id: 8, method: 'tools/list' }), 'tools')).not.toContain(
      'get-tiny-image',
    );
    // The configured claim wins over the usual names when the token has it...
    const both = await caller({ sub: 'mallory', realm_access: { roles: ['users'] }, groups: ['admins'] });
    expectDenied(await both.req(call(9, 'get-env')), 9);
    // ...and only when it is absent are `groups`, `roles`, `cognito:groups` read (ToolHive's
    // documented fallback: the custom name takes priority, it does not replace the defaults).
    const flat = await caller({ sub: 'erin', groups: ['admins'] });
    expect((await flat.req(call(10, 'get-env'))).status).toBe(200);
  });

  it('a policy naming the visible (overridden) name grants nothing: policies speak backend names', async () => {
    const sayer = await caller({ sub: 'dave', realm_access: { roles: ['sayers'] } });
    // echo is permitted to everyone anyway; the sayers' policy must not add anything.
    expect(names(await sayer.req({ jsonrpc: '2.0', id: 1, method: 'tools/list' }), 'tools')).toEqual(['say']);
    expectDenied(await sayer.req(call(2, 'get-env')), 2);
  });

  it('a tools/call notification (no id) is authorized too', async () => {
    const alice = await caller({ sub: 'alice' });
    const denied = await alice.req({ jsonrpc: '2.0', method: 'tools/call', params: { name: 'get-env' } });
    expect(denied.status).toBe(403);
    const filtered = await alice.req({ jsonrpc: '2.0', method: 'tools/call', params: { name: 'echo' } });
    expect(filtered.status).toBe(200);
    expect(filtered.json().error).toMatchObject({ code: -32602 });
  });
});

describe('prompts and resources', () => {
  it('prompts/list is filtered per caller and prompts/get is enforced', async () => {
    const alice = await caller({ sub: 'alice' });
    expect(names(await alice.req({ jsonrpc: '2.0', id: 1, method: 'prompts/list' }), 'prompts')).toEqual([
      'simple-prompt',
    ]);
    expect(
      (await alice.req({ jsonrpc: '2.0', id: 2, method: 'prompts/get', params: { name: 'simple-prompt' } }))
        .status,
    ).toBe(200);
    expectDenied(
      await alice.req({
        jsonrpc: '2.0',
        id: 3,
        method: 'prompts/get',
        params: { name: 'args-prompt', arguments: { city: 'x' } },
      }),
      3,
    );
  });

  it('resources/list is filtered, read/subscribe/unsubscribe are enforced, templates pass through', async () => {
    const alice = await caller({ sub: 'alice' });
    expect(names(await alice.req({ jsonrpc: '2.0', id: 1, method: 'resources/list' }), 'resources')).toEqual([
      ARCH,
    ]);
    expect(
      (await alice.req({ jsonrpc: '2.0', id: 2, method: 'resources/read', params: { uri: ARCH } })).status,
    ).toBe(200);
    const other = 'demo://resource/static/document/features.md';
    expectDenied(
      await alice.req({ jsonrpc: '2.0', id: 3, method: 'resources/read', params: { uri: other } }),
      3,
    );
    expectDenied(
      await alice.req({ jsonrpc: '2.0', id: 4, method: 'resources/subscribe', params: { uri: other } }),
      4,
    );
    expectDenied(
      await alice.req({ jsonrpc: '2.0', id: 5, method: 'resources/unsubscribe', params: { uri: other } }),
      5,
    );
    // Resource URIs are exact: no prefix, case or encoding games.
    for (const uri of [
      `${ARCH}?x=1`,
      ARCH.toUpperCase(),
      ARCH.replace('architecture', 'architecture%2e'),
      `${ARCH}/../features.md`,
    ])
      expectDenied(await alice.req({ jsonrpc: '2.0', id: 6, method: 'resources/read', params: { uri } }), 6);
    const templates = await alice.req({ jsonrpc: '2.0', id: 7, method: 'resources/templates/list' });
    expect(templates.status).toBe(200);
    expect(names(templates, 'resourceTemplates').length).toBeGreaterThan(0);
    // ...but reading through a template is still a resources/read, still enforced.
    expectDenied(
      await alice.req({
        jsonrpc: '2.0',
        id: 8,
        method: 'resources/read',
        params: { uri: 'demo://resource/dynamic/text/1' },
      }),
      8,
    );
  });

  it('protocol methods need no policy', async () => {
    const alice = await caller({ sub: 'alice' });
    expect((await alice.req({ jsonrpc: '2.0', id: 1, method: 'ping' })).status).toBe(200);
    const completion = await alice.req({
      jsonrpc: '2.0',
      id: 2,
      method: 'completion/complete',
      params: {
        ref: { type: 'ref/prompt', name: 'completable-prompt' },
        argument: { name: 'department', value: 'E' },
      },
    });
    expect(completion.status).toBe(200);
    expect(
      (await alice.req({ jsonrpc: '2.0', id: 3, method: 'logging/setLevel', params: { level: 'error' } }))
        .status,
    ).toBe(200);
  });
});

describe('audit of policy decisions', () => {
  it('403s are denied with the target, tool-not-found is application_error, allowed calls success', async () => {
    const events = proxy.audit();
    const calls = events.filter((e) => e.type === 'mcp_tool_call');
    const byOutcome = (o: string) => calls.filter((e) => e.outcome === o);
    expect(byOutcome('denied').some((e) => (e.target as Record<string, string>).name === 'get-env')).toBe(
      true,
    );
    const notFound = byOutcome('application_error');
    expect(
      notFound.some(
        (e) => (e.metadata as { extra: Record<string, unknown> }).extra.jsonrpc_error_code === -32602,
      ),
    ).toBe(true);
    // A renamed call is audited under the backend name it ran as.
    expect(byOutcome('success').some((e) => (e.target as Record<string, string>).name === 'echo')).toBe(true);
    expect(events.some((e) => e.type === 'mcp_prompt_get' && e.outcome === 'denied')).toBe(true);
    expect(events.some((e) => e.type === 'mcp_resource_read' && e.outcome === 'denied')).toBe(true);
  });
});
