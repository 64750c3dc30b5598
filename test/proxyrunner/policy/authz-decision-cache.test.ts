/**
 * The Cedar decision cache is keyed on what the policies can read (policy-inputs.ts). These
 * tests check that analysis, and, differentially, that a long-lived authorizer answers every
 * query exactly as a fresh one (an empty cache) does.
 */
import { describe, expect, it } from 'vitest';
import { type AuthzQuery, CedarAuthorizer } from '../../../proxyrunner/middleware/authz/cedar-authorizer.ts';
import { policyInputs } from '../../../proxyrunner/middleware/authz/policy-inputs.ts';
import type { Identity } from '../../../proxyrunner/middleware/types.ts';

describe('policy inputs', () => {
  it('finds the attributes conditions read on resource and context, not the scope', () => {
    const inputs = policyInputs([
      'permit(principal in THVGroup::"eng", action == Action::"call_tool", resource == Tool::"echo");',
      'permit(principal, action, resource) when { resource.arg_op == "add" && context["arg_a"] < 5 && resource has arg_p_present };',
      'forbid(principal, action, resource) unless { resource.readOnlyHint && principal.claim_tier == "pro" };',
    ]);
    expect([...inputs.attributes].sort()).toEqual(['arg_a', 'arg_op', 'arg_p_present', 'readOnlyHint']);
    expect(inputs.wholeContext).toBe(false);
  });

  it('treats comparing the resource entity as a uid check, and the whole context as every input', () => {
    expect(
      policyInputs(['permit(principal, action, resource) when { resource == Tool::"x" };']).wholeContext,
    ).toBe(false);
    expect(policyInputs(['permit(principal, action, resource) when { context == {} };']).wholeContext).toBe(
      true,
    );
    expect(
      policyInputs(['permit(principal, action, resource) when { [context].contains({"arg_a": 1}) };'])
        .wholeContext,
    ).toBe(true);
  });

  it('reads inside record literals without mistaking their keys for expressions', () => {
    const inputs = policyInputs([
      'permit(principal, action, resource) when { {"Var": "context", ".": resource.arg_x}.Var == "context" };',
    ]);
    expect([...inputs.attributes]).toEqual(['arg_x']);
    expect(inputs.wholeContext).toBe(false);
  });

  it('analyses a string holding several policies', () => {
    const inputs = policyInputs([
      'permit(principal, action, resource) when { context.arg_a == 1 }; forbid(principal, action, resource) when { resource.arg_b == 2 };',
    ]);
    expect([...inputs.attributes].sort()).toEqual(['arg_a', 'arg_b']);
  });
});

/** A small deterministic PRNG, so a failure reproduces. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const POLICY_SETS: string[][] = [
  ['permit(principal in THVGroup::"eng", action == Action::"call_tool", resource == Tool::"echo");'],
  [
    'permit(principal, action == Action::"call_tool", resource) when { context.arg_a < 3 };',
    'forbid(principal, action, resource) when { resource has arg_b_present };',
  ],
  [
    'permit(principal, action, resource) when { resource.readOnlyHint };',
    'permit(principal, action, resource == Tool::"echo") when { context == {"claim_sub": "u1", "claim_groups": ["eng"], "arg_a": 1} };',
  ],
  [
    'permit(principal, action, resource) when { principal.claim_tier == "pro" && resource.arg_s like "ok*" };',
    'forbid(principal, action == Action::"get_prompt", resource) when { context.arg_a == 2 };',
  ],
];

describe('decision cache', () => {
  it('keys on every argument when a policy reads the whole context', () => {
    const a = new CedarAuthorizer(
      {
        policies: [
          'permit(principal, action, resource == Tool::"echo") when { context == {"claim_sub": "u1", "arg_a": 1} };',
        ],
      },
      'srv',
    );
    const u1: Identity = { subject: 'u1', claims: { sub: 'u1' } };
    const call = (args: Record<string, unknown>): AuthzQuery => ({
      feature: 'tool',
      operation: 'call',
      resourceId: 'echo',
      arguments: args,
    });
    expect(a.authorize(u1, call({ a: 1 })).allowed).toBe(true);
    expect(a.authorize(u1, call({ a: 1, b: 2 })).allowed).toBe(false);
    expect(a.authorize(u1, call({ a: 1 })).allowed).toBe(true);
  });

  it('answers calls whose arguments no policy reads from the cache, whatever the arguments', () => {
    const a = new CedarAuthorizer(
      { policies: ['permit(principal, action == Action::"call_tool", resource == Tool::"echo");'] },
      'srv',
    );
    const u1: Identity = { subject: 'u1', claims: { sub: 'u1' } };
    const call = (message: string): AuthzQuery => ({
      feature: 'tool',
      operation: 'call',
      resourceId: 'echo',
      arguments: { message },
    });
    const first = a.authorize(u1, call('one'));
    expect(first.allowed).toBe(true);
    // The same decision object: no second evaluation.
    expect(a.authorize(u1, call('two'))).toBe(first);
  });

  it('answers every query as an authorizer with an empty cache does', () => {
    const rand = prng(42);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const identities: Identity[] = [
      { subject: 'u1', claims: { sub: 'u1', groups: ['eng'] } },
      { subject: 'u1', claims: { sub: 'u1', groups: ['eng'], tier: 'pro' } },
      { subject: 'u2', claims: { sub: 'u2', groups: ['ops'], tier: 'pro' } },
    ];
    const argValues: unknown[] = [
      1,
      2,
      3,
      'ok',
      'okay',
      'no',
      null,
      { n: 1 },
      [1],
      true,
      Number.POSITIVE_INFINITY,
    ];
    for (const policies of POLICY_SETS) {
      const cached = new CedarAuthorizer({ policies }, 'srv');
      for (let i = 0; i < 120; i++) {
        const args: Record<string, unknown> = {};
        for (const name of ['a', 'b', 's', 'b_present']) if (rand() < 0.5) args[name] = pick(argValues);
        const feature = pick(['tool', 'tool', 'prompt', 'resource'] as const);
        const q: AuthzQuery =
          rand() < 0.15
            ? { feature, operation: 'list' }
            : {
                feature,
                operation: feature === 'tool' ? 'call' : feature === 'prompt' ? 'get' : 'read',
                resourceId: pick(['echo', 'add', 'file:///a']),
                arguments: args,
                ...(feature === 'tool' && rand() < 0.5
                  ? { annotations: { readOnlyHint: rand() < 0.5 } }
                  : {}),
              };
        const identity = pick(identities);
        const expected = new CedarAuthorizer({ policies }, 'srv').authorize(
          { ...identity, claims: { ...identity.claims } },
          q,
        );
        const got = cached.authorize(identity, q);
        expect({
          policies,
          q,
          identity: identity.claims,
          allowed: got.allowed,
          reasons: got.reasons,
        }).toEqual({
          policies,
          q,
          identity: identity.claims,
          allowed: expected.allowed,
          reasons: expected.reasons,
        });
      }
    }
  });
});
