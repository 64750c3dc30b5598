/**
 * MCPExternalAuthConfig's own conditions beyond `Valid`: `IdentitySynthesized` for type
 * embeddedAuthServer and `EnterpriseRequired` for type obo, as ToolHive's controller writes them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../operator/kube/types.ts';
import { findCondition } from '../../../operator/status/conditions.ts';
import { type Harness, startHarness } from '../support/harness.ts';

let h: Harness;
afterEach(() => h?.stop());

const oauth2 = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  type: 'oauth2',
  oauth2Config: {
    authorizationEndpoint: 'https://idp.example.com/authorize',
    tokenEndpoint: 'https://idp.example.com/token',
    clientId: 'client',
    ...extra,
  },
});
const oidc = (name: string) => ({
  name,
  type: 'oidc',
  oidcConfig: { issuerUrl: 'https://login.example.com', clientId: 'client' },
});

const extAuth = (spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'toolhive.stacklok.dev/v1beta1',
  kind: 'MCPExternalAuthConfig',
  metadata: { name: 'auth', namespace: 'ns' },
  spec,
});
const embedded = (upstreamProviders: unknown[]) =>
  extAuth({
    type: 'embeddedAuthServer',
    embeddedAuthServer: { issuer: 'https://auth.example.com', upstreamProviders },
  });

function conditions(): unknown {
  return (h.get('MCPExternalAuthConfig', 'auth')?.status as { conditions?: unknown } | undefined)?.conditions;
}

function reasons(): string[] {
  return h.cluster
    .dump(h.cluster.resources.require('events.k8s.io', 'Event'), 'ns')
    .map((e) => String((e as { reason?: string }).reason))
    .sort();
}

describe('MCPExternalAuthConfig IdentitySynthesized', () => {
  it('is True naming the OAuth2 upstreams without userInfo, with the fields to set', async () => {
    h = await startHarness({ controllers: ['mcpexternalauthconfig'] });
    h.create(
      embedded([
        oauth2('zeta'),
        oidc('corp'),
        oauth2('github', { userInfo: { endpointUrl: 'https://api.github.com/user' } }),
        oauth2('snowflake', { identityFromToken: { subjectPath: 'username' } }),
        oauth2('alpha'),
      ]),
    );
    await h.settle();
    const c = findCondition(conditions(), 'IdentitySynthesized');
    expect(c).toMatchObject({
      status: 'True',
      reason: 'OAuth2UpstreamWithoutUserInfo',
      observedGeneration: 1,
    });
    // ToolHive's text (sorted names, Go's list format), then the fields.
    expect(c?.message).toContain('OAuth2 upstream(s) [alpha zeta] have no userInfo configured');
    expect(c?.message).toContain('synthesize a non-PII subject from the access token');
    expect(c?.message).toContain(
      'spec.embeddedAuthServer.upstreamProviders[4].oauth2Config, spec.embeddedAuthServer.upstreamProviders[0].oauth2Config',
    );
    expect(findCondition(conditions(), 'Valid')).toMatchObject({ status: 'True' });

    // Steady state: nothing written again.
    const writes = h.writes();
    h.manager.informers.informer(h.type('MCPExternalAuthConfig')).resync();
    await h.settle();
    expect(h.writes()).toBe(writes);
  });

  it('flips to False once every OAuth2 upstream resolves identity, and is removed for another type', async () => {
    h = await startHarness({ controllers: ['mcpexternalauthconfig'] });
    h.create(embedded([oauth2('github')]));
    await h.settle();
    const before = findCondition(conditions(), 'IdentitySynthesized');
    expect(before?.status).toBe('True');

    await h.advance(60_000);
    h.cluster.mergePatch(h.type('MCPExternalAuthConfig'), 'ns', 'auth', {
      spec: {
        embeddedAuthServer: {
          upstreamProviders: [oauth2('github', { userInfo: { endpointUrl: 'https://api.github.com/user' } })],
        },
      },
    });
    await h.settle();
    const after = findCondition(conditions(), 'IdentitySynthesized');
    expect(after).toMatchObject({
      status: 'False',
      reason: 'AllUpstreamsHaveUserInfo',
      message: 'All OAuth2 upstreams have userInfo configured; user identity is resolved from the upstream',
      observedGeneration: 2,
    });
    expect(after?.lastTransitionTime).not.toBe(before?.lastTransitionTime);

    // OIDC-only: still False, and the transition time stays put.
    await h.advance(60_000);
    h.cluster.mergePatch(h.type('MCPExternalAuthConfig'), 'ns', 'auth', {
      spec: { embeddedAuthServer: { upstreamProviders: [oidc('corp')] } },
    });
    await h.settle();
    expect(findCondition(conditions(), 'IdentitySynthesized')?.lastTransitionTime).toBe(
      after?.lastTransitionTime,
    );

    h.cluster.mergePatch(h.type('MCPExternalAuthConfig'), 'ns', 'auth', {
      spec: { type: 'unauthenticated', embeddedAuthServer: null },
    });
    await h.settle();
    expect(findCondition(conditions(), 'IdentitySynthesized')).toBeUndefined();
    expect(findCondition(conditions(), 'Valid')?.status).toBe('True');
  });

  it('is kept current on an invalid spec too', async () => {
    h = await startHarness({ controllers: ['mcpexternalauthconfig'] });
    // A type/section mismatch the schema allows: Valid=False, and the advisory still follows the
    // embedded server's upstreams.
    h.create(
      extAuth({
        type: 'embeddedAuthServer',
        embeddedAuthServer: { issuer: 'https://auth.example.com', upstreamProviders: [oauth2('gh')] },
        bearerToken: { tokenSecretRef: { name: 's', key: 'k' } },
      }),
    );
    await h.settle();
    expect(findCondition(conditions(), 'Valid')).toMatchObject({
      status: 'False',
      reason: 'ValidationFailed',
    });
    expect(findCondition(conditions(), 'IdentitySynthesized')).toMatchObject({
      status: 'True',
      reason: 'OAuth2UpstreamWithoutUserInfo',
    });
  });
});

describe('MCPExternalAuthConfig of type obo', () => {
  it('is Valid=False with reason EnterpriseRequired and a ConfigInvalid event, then recovers when the type changes', async () => {
    h = await startHarness({ controllers: ['mcpexternalauthconfig'] });
    h.create(extAuth({ type: 'obo', obo: { tenantId: '00000000-0000-4000-8000-000000000000' } }));
    await h.settle();
    const valid = findCondition(conditions(), 'Valid');
    expect(valid).toMatchObject({ status: 'False', reason: 'EnterpriseRequired' });
    expect(valid?.message).toContain('on-behalf-of (OBO) external auth type requires an enterprise build');
    expect(valid?.message).toContain('change spec.type');
    expect(reasons()).toEqual(['ConfigInvalid']);
    expect(findCondition(conditions(), 'IdentitySynthesized')).toBeUndefined();

    const writes = h.writes();
    h.manager.informers.informer(h.type('MCPExternalAuthConfig')).resync();
    await h.settle();
    expect(h.writes()).toBe(writes);

    h.cluster.mergePatch(h.type('MCPExternalAuthConfig'), 'ns', 'auth', {
      spec: { type: 'unauthenticated', obo: null },
    });
    await h.settle();
    expect(findCondition(conditions(), 'Valid')).toMatchObject({
      status: 'True',
      reason: 'ValidationSucceeded',
    });
    expect(reasons()).toEqual(['ConfigInvalid', 'ConfigValid']);
  });
});
