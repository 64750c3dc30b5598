import { describe, expect, it } from 'vitest';
import { CedarAuthorizer } from '../../../proxyrunner/middleware/authz/cedar-authorizer.ts';
import {
  authzConfigFromMCPAuthzConfig,
  parseAuthzConfig,
} from '../../../proxyrunner/middleware/authz/config.ts';
import { filterListResult } from '../../../proxyrunner/middleware/authz/list-filter.ts';
import type { Identity } from '../../../proxyrunner/middleware/types.ts';

function who(sub: string, claims: Record<string, unknown> = {}): Identity {
  return { subject: sub, claims: { sub, ...claims } };
}

const tool = (name: string, args?: Record<string, unknown>) => ({
  feature: 'tool' as const,
  operation: 'call' as const,
  resourceId: name,
  ...(args ? { arguments: args } : {}),
});

describe('Cedar entity model (ToolHive cedarv1)', () => {
  it('permits by tool name and denies by default', () => {
    const a = new CedarAuthorizer(
      { policies: ['permit(principal, action == Action::"call_tool", resource == Tool::"echo");'] },
      'everything',
    );
    expect(a.authorize(who('u'), tool('echo')).allowed).toBe(true);
    expect(a.authorize(who('u'), tool('add')).allowed).toBe(false);
    expect(a.authorize(undefined, tool('echo')).allowed).toBe(false);
  });

  it('exposes claims as claim_* on the principal and in the context', () => {
    const a = new CedarAuthorizer(
      {
        policies: [
          'permit(principal, action == Action::"call_tool", resource) when { principal.claim_roles.contains("admin") };',
          'permit(principal, action == Action::"get_prompt", resource) when { context.claim_name == "John Doe" };',
        ],
      },
      's',
    );
    expect(a.authorize(who('u', { roles: ['admin'] }), tool('x')).allowed).toBe(true);
    expect(
      a.authorize(who('u', { roles: ['dev'], name: 'John Doe' }), {
        feature: 'prompt',
        operation: 'get',
        resourceId: 'p',
      }).allowed,
    ).toBe(true);
  });

  it('puts scalar arguments on the resource and in the context; whole numbers compare as Longs', () => {
    const a = new CedarAuthorizer(
      {
        policies: [
          'permit(principal, action == Action::"call_tool", resource == Tool::"calc") when { resource.arg_operation == "add" && context.arg_a < 100 };',
          'forbid(principal, action, resource) when { resource has arg_payload_present };',
        ],
      },
      's',
    );
    expect(a.authorize(who('u'), tool('calc', { operation: 'add', a: 5 })).allowed).toBe(true);
    expect(a.authorize(who('u'), tool('calc', { operation: 'add', a: 500 })).allowed).toBe(false);
    expect(a.authorize(who('u'), tool('calc', { operation: 'sub', a: 5 })).allowed).toBe(false);
    expect(a.authorize(who('u'), tool('calc', { operation: 'add', a: 5, payload: { x: 1 } })).allowed).toBe(
      false,
    );
  });

  it('answers repeated queries from its decision cache without mixing up inputs', () => {
    const a = new CedarAuthorizer(
      {
        policies: [
          'permit(principal, action == Action::"call_tool", resource == Tool::"calc") when { context.arg_a < 100 && principal.claim_tier == "pro" };',
          'permit(principal, action == Action::"call_tool", resource == Tool::"ro") when { resource has readOnlyHint && resource.readOnlyHint };',
          'forbid(principal, action, resource) when { resource has arg_a_present };',
        ],
      },
      's',
    );
    // The same identity objects throughout, as the token cache hands them out.
    const pro = who('u', { tier: 'pro' });
    const free = who('u', { tier: 'free' });
    const samePro = who('u', { tier: 'pro' });
    for (let round = 0; round < 3; round++) {
      expect(a.authorize(pro, tool('calc', { a: 5 })).allowed).toBe(true);
      expect(a.authorize(pro, tool('calc', { a: 500 })).allowed).toBe(false);
      expect(a.authorize(pro, tool('calc', { a: null })).allowed).toBe(false); // arg_a_present
      expect(a.authorize(pro, tool('calc', { a: '5' })).allowed).toBe(false); // a string, not a Long
      expect(a.authorize(free, tool('calc', { a: 5 })).allowed).toBe(false);
      expect(a.authorize(samePro, tool('calc', { a: 5 })).allowed).toBe(true);
      expect(a.authorize(pro, { ...tool('ro'), annotations: { readOnlyHint: true } }).allowed).toBe(true);
      expect(a.authorize(pro, { ...tool('ro'), annotations: { readOnlyHint: false } }).allowed).toBe(false);
      expect(a.authorize(pro, tool('ro')).allowed).toBe(false);
    }
  });

  it('makes group claims parents of the principal (groups, then roles, then cognito:groups; custom claim and type)', () => {
    const def = new CedarAuthorizer(
      { policies: ['permit(principal in THVGroup::"eng", action, resource);'] },
      's',
    );
    expect(def.authorize(who('u', { groups: ['eng'] }), tool('x')).allowed).toBe(true);
    expect(def.authorize(who('u', { roles: ['eng'] }), tool('x')).allowed).toBe(true);
    expect(def.authorize(who('u', { 'cognito:groups': ['eng'] }), tool('x')).allowed).toBe(true);
    expect(def.authorize(who('u', { groups: ['ops'] }), tool('x')).allowed).toBe(false);

    const custom = new CedarAuthorizer(
      {
        policies: ['permit(principal in Team::"sre", action, resource);'],
        group_claim_name: 'org.teams',
        group_entity_type: 'Team',
      },
      's',
    );
    expect(custom.authorize(who('u', { org: { teams: ['sre'] } }), tool('x')).allowed).toBe(true);
  });

  it('resolves role hierarchies from entities_json', () => {
    const a = new CedarAuthorizer(
      {
        policies: ['permit(principal in THVGroup::"staff", action == Action::"call_tool", resource);'],
        entities_json: JSON.stringify([
          { uid: { type: 'THVGroup', id: 'eng' }, attrs: {}, parents: [{ type: 'THVGroup', id: 'staff' }] },
        ]),
      },
      's',
    );
    expect(a.authorize(who('u', { groups: ['eng'] }), tool('x')).allowed).toBe(true);
  });

  it('scopes resources under MCP::"<server>" and uses exact URIs for resources', () => {
    const a = new CedarAuthorizer(
      {
        policies: [
          'permit(principal, action == Action::"call_tool", resource in MCP::"github");',
          'permit(principal, action == Action::"read_resource", resource == Resource::"file:///ok");',
        ],
      },
      'github',
    );
    expect(a.authorize(who('u'), tool('any')).allowed).toBe(true);
    expect(
      a.authorize(who('u'), { feature: 'resource', operation: 'read', resourceId: 'file:///ok' }).allowed,
    ).toBe(true);
    expect(
      a.authorize(who('u'), { feature: 'resource', operation: 'read', resourceId: 'file:///etc/passwd' })
        .allowed,
    ).toBe(false);
    const other = new CedarAuthorizer(
      { policies: ['permit(principal, action == Action::"call_tool", resource in MCP::"github");'] },
      'fetch',
    );
    expect(other.authorize(who('u'), tool('any')).allowed).toBe(false);
  });

  it('lets forbid beat permit and denies when any policy errors (fail closed, as ToolHive)', () => {
    const a = new CedarAuthorizer(
      {
        policies: [
          'permit(principal, action, resource);',
          'forbid(principal, action == Action::"call_tool", resource == Tool::"rm");',
          'forbid(principal, action, resource) when { principal.claim_banned == true };',
        ],
      },
      's',
    );
    expect(a.authorize(who('u', { banned: false }), tool('ls')).allowed).toBe(true);
    expect(a.authorize(who('u', { banned: false }), tool('rm')).allowed).toBe(false);
    // No `banned` claim: that policy errors, and an error denies.
    const d = a.authorize(who('u'), tool('ls'));
    expect(d.allowed).toBe(false);
    expect(d.errors.join()).toContain('claim_banned');
  });

  it('tests tool annotations learnt from tools/list', () => {
    const a = new CedarAuthorizer(
      {
        policies: [
          'permit(principal, action == Action::"call_tool", resource) when { resource has readOnlyHint && resource.readOnlyHint };',
        ],
      },
      's',
    );
    expect(a.authorize(who('u'), { ...tool('get'), annotations: { readOnlyHint: true } }).allowed).toBe(true);
    expect(a.authorize(who('u'), { ...tool('put'), annotations: { readOnlyHint: false } }).allowed).toBe(
      false,
    );
  });

  it('normalizes multi-valued claims into claim_<n> strings and claimset_<n> sets', () => {
    const a = new CedarAuthorizer(
      {
        policies: [
          'permit(principal, action, resource) when { principal.claimset_scp.contains("Mail.Read") };',
        ],
        multi_valued_claims: ['scp'],
      },
      's',
    );
    expect(a.authorize(who('u', { scp: 'Mail.Read User.Read' }), tool('x')).allowed).toBe(true);
    expect(a.authorize(who('u', { scp: ['Mail.ReadWrite'] }), tool('x')).allowed).toBe(false);
  });

  it('refuses claims that try to smuggle Cedar entity references', () => {
    const a = new CedarAuthorizer(
      { policies: ['permit(principal, action, resource) when { principal.claim_x == THVGroup::"admin" };'] },
      's',
    );
    const d = a.authorize(who('u', { x: { __entity: { type: 'THVGroup', id: 'admin' } } }), tool('t'));
    expect(d.allowed).toBe(false);
  });

  it('rejects bad configuration with ToolHive-like messages', () => {
    expect(() => new CedarAuthorizer({ policies: [] }, 's')).toThrow('at least one policy is required');
    expect(() => new CedarAuthorizer({ policies: ['permit(principal, action'] }, 's')).toThrow(
      'failed to parse policy 0',
    );
    expect(
      () =>
        new CedarAuthorizer(
          { policies: ['permit(principal, action, resource);'], group_entity_type: 'A::B' },
          's',
        ),
    ).toThrow('group_entity_type');
    expect(() => parseAuthzConfig({ version: '1.0', type: 'httpv1', pdp: {} }, 'x')).toThrow('not supported');
    expect(() => parseAuthzConfig({ version: '1.0', type: 'opa' }, 'x')).toThrow('unknown authorizer type');
  });

  it('wraps an MCPAuthzConfig spec the way ToolHive’s controller does', () => {
    expect(
      authzConfigFromMCPAuthzConfig({
        type: 'cedarv1',
        config: { policies: ['permit(principal, action, resource);'] },
      }),
    ).toEqual({
      version: '1.0',
      type: 'cedarv1',
      cedar: { policies: ['permit(principal, action, resource);'] },
    });
  });
});

describe('list filtering', () => {
  const a = new CedarAuthorizer(
    {
      policies: [
        'permit(principal, action == Action::"call_tool", resource == Tool::"echo");',
        'permit(principal == Client::"admin", action == Action::"call_tool", resource);',
        'permit(principal, action == Action::"get_prompt", resource == Prompt::"simple_prompt");',
        'permit(principal, action == Action::"read_resource", resource == Resource::"test://static/resource/1");',
      ],
    },
    's',
  );
  const tools = [{ name: 'echo' }, { name: 'add' }, { name: 'printEnv' }, { description: 'no name' }];

  it('shows each caller only what they may use', () => {
    expect(
      (filterListResult(a, who('alice'), 'tools/list', { tools }).tools as Array<{ name: string }>).map(
        (t) => t.name,
      ),
    ).toEqual(['echo']);
    expect(
      (filterListResult(a, who('admin'), 'tools/list', { tools }).tools as Array<{ name: string }>).map(
        (t) => t.name,
      ),
    ).toEqual(['echo', 'add', 'printEnv']);
    expect(
      filterListResult(a, who('alice'), 'prompts/list', {
        prompts: [{ name: 'simple_prompt' }, { name: 'complex_prompt' }],
      }),
    ).toEqual({ prompts: [{ name: 'simple_prompt' }] });
    expect(
      filterListResult(a, who('alice'), 'resources/list', {
        resources: [{ uri: 'test://static/resource/1' }, { uri: 'test://static/resource/2' }],
        nextCursor: 'c',
      }),
    ).toEqual({ resources: [{ uri: 'test://static/resource/1' }], nextCursor: 'c' });
  });
});
