/**
 * VirtualMCPServer conditions about its embedded authorization server and Cedar's upstream:
 * `AuthServerConfigValidated` (every reason but the unreachable AuthzRequiresUpstream),
 * `IdentitySynthesized`, `AuthzUpstreamSelectionWarning`, and `SessionStorageWarning`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../operator/kube/types.ts';
import { findCondition } from '../../../operator/status/conditions.ts';
import { type Harness, startHarness, thv } from '../support/harness.ts';

let h: Harness;
afterEach(() => h?.stop());

const oauth2 = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  type: 'oauth2',
  oauth2Config: {
    authorizationEndpoint: 'https://github.example.com/login/oauth/authorize',
    tokenEndpoint: 'https://github.example.com/login/oauth/access_token',
    clientId: 'client',
    ...extra,
  },
});
const oidc = (name: string) => ({
  name,
  type: 'oidc',
  oidcConfig: { issuerUrl: 'https://login.example.com', clientId: 'client' },
});

const oidcIncoming = {
  type: 'oidc',
  oidcConfigRef: {
    name: 'issuer',
    audience: 'https://gw.example.com/mcp',
    resourceUrl: 'https://gw.example.com/mcp',
  },
};
const policies = { type: 'inline', inline: { policies: ['permit(principal, action, resource);'] } };

const vmcp = (spec: Record<string, unknown>) =>
  thv('VirtualMCPServer', 'gw', { groupRef: { name: 'g' }, incomingAuth: oidcIncoming, ...spec });
const authServer = (extra: Record<string, unknown> = {}, upstreams: unknown[] = [oidc('corp')]) => ({
  issuer: 'https://gw.example.com',
  upstreamProviders: upstreams,
  ...extra,
});

async function start(...objs: KubeObject[]): Promise<void> {
  h = await startHarness();
  h.create(thv('MCPGroup', 'g', {}));
  h.create(thv('MCPOIDCConfig', 'issuer', { type: 'inline', inline: { issuer: 'https://gw.example.com' } }));
  for (const o of objs) h.create(o);
  await h.settle();
}

function status(): { phase?: string; message?: string; conditions?: unknown } {
  return (h.get('VirtualMCPServer', 'gw')?.status ?? {}) as {
    phase?: string;
    message?: string;
    conditions?: unknown;
  };
}
const cond = (type: string) => findCondition(status().conditions, type);
const patch = (p: Record<string, unknown>) => h.cluster.mergePatch(h.type('VirtualMCPServer'), 'ns', 'gw', p);
const events = (reason: string) => h.events(reason);

async function expectQuiet(): Promise<void> {
  expect(await h.writesOnResync('VirtualMCPServer')).toBe(0);
}

describe('VirtualMCPServer AuthServerConfigValidated and IdentitySynthesized', () => {
  it('are True/AuthServerConfigValid and True/OAuth2UpstreamWithoutUserInfo, then removed with authServerConfig', async () => {
    await start(vmcp({ authServerConfig: authServer({}, [oidc('corp'), oauth2('github')]) }));
    expect(cond('AuthServerConfigValidated')).toMatchObject({
      status: 'True',
      reason: 'AuthServerConfigValid',
      message: 'AuthServerConfig is valid',
    });
    const identity = cond('IdentitySynthesized');
    expect(identity).toMatchObject({ status: 'True', reason: 'OAuth2UpstreamWithoutUserInfo' });
    expect(identity?.message).toContain('OAuth2 upstream(s) [github] have no userInfo configured');
    expect(identity?.message).toContain('spec.authServerConfig.upstreamProviders[1].oauth2Config');
    expect(h.get('Deployment', 'gw')).toBeDefined();
    await expectQuiet();

    patch({
      spec: {
        authServerConfig: {
          upstreamProviders: [
            oidc('corp'),
            oauth2('github', { userInfo: { endpointUrl: 'https://api.github.example.com/user' } }),
          ],
        },
      },
    });
    await h.settle();
    expect(cond('IdentitySynthesized')).toMatchObject({
      status: 'False',
      reason: 'AllUpstreamsHaveUserInfo',
    });

    patch({ spec: { authServerConfig: null } });
    await h.settle();
    expect(cond('AuthServerConfigValidated')).toBeUndefined();
    expect(cond('IdentitySynthesized')).toBeUndefined();
  });

  it('is False/AuthServerConfigInvalid for an http issuer, blocking the workload, until fixed', async () => {
    await start(vmcp({ authServerConfig: authServer({ issuer: 'http://gw.example.com' }) }));
    const c = cond('AuthServerConfigValidated');
    expect(c).toMatchObject({ status: 'False', reason: 'AuthServerConfigInvalid' });
    expect(c?.message).toContain('uses http:// with a non-localhost host');
    expect(c?.message).toContain('spec.authServerConfig.insecureAllowHTTP: true');
    expect(status()).toMatchObject({ phase: 'Failed', message: c?.message });
    expect(h.get('Deployment', 'gw')).toBeUndefined();
    // The advisory follows the spec even while validation fails.
    expect(cond('IdentitySynthesized')).toMatchObject({ status: 'False' });
    await expectQuiet();

    patch({ spec: { authServerConfig: { issuer: 'https://gw.example.com' } } });
    await h.settle();
    expect(cond('AuthServerConfigValidated')).toMatchObject({
      status: 'True',
      reason: 'AuthServerConfigValid',
    });
    expect(h.get('Deployment', 'gw')).toBeDefined();
  });

  it('is False/AuthServerConfigInvalid for a reserved authorization parameter', async () => {
    await start(
      vmcp({
        authServerConfig: authServer({}, [
          oidc('corp'),
          oauth2('github', { additionalAuthorizationParams: { prompt: 'consent', state: 'x' } }),
        ]),
      }),
    );
    expect(cond('AuthServerConfigValidated')?.message).toBe(
      'spec.authServerConfig.upstreamProviders[1].additionalAuthorizationParams: reserved parameter "state" is managed by the framework and cannot be overridden: remove "state" from spec.authServerConfig.upstreamProviders[1].oauth2Config.additionalAuthorizationParams',
    );
  });

  it('is False/AuthServerConfigInvalid, with Ready, when the server cannot be built, stable while failing', async () => {
    // No incoming OIDC: there is no resource for the server to mint tokens for.
    await start(vmcp({ incomingAuth: { type: 'anonymous' }, authServerConfig: authServer() }));
    const c = cond('AuthServerConfigValidated');
    expect(c).toMatchObject({ status: 'False', reason: 'AuthServerConfigInvalid' });
    expect(c?.message).toContain('spec.incomingAuth.oidcConfigRef.resourceUrl');
    expect(cond('Ready')).toMatchObject({ status: 'False', reason: 'AuthServerConfigInvalid' });
    expect(status().phase).toBe('Failed');
    await expectQuiet();
    expect(cond('AuthServerConfigValidated')?.lastTransitionTime).toBe(c?.lastTransitionTime);

    patch({ spec: { incomingAuth: oidcIncoming } });
    await h.settle();
    expect(cond('AuthServerConfigValidated')).toMatchObject({
      status: 'True',
      reason: 'AuthServerConfigValid',
    });
    expect(h.get('Deployment', 'gw')).toBeDefined();
  });
});

describe('VirtualMCPServer Cedar upstream selection', () => {
  it('AuthzPrimaryProviderRequiresAuthServer for a primary upstream without an auth server, with the deprecation event', async () => {
    await start(
      vmcp({
        incomingAuth: {
          ...oidcIncoming,
          authzConfig: { ...policies, inline: { ...policies.inline, primaryUpstreamProvider: 'corp' } },
        },
      }),
    );
    const c = cond('AuthServerConfigValidated');
    expect(c).toMatchObject({ status: 'False', reason: 'AuthzPrimaryProviderRequiresAuthServer' });
    expect(c?.message).toContain(
      'primaryUpstreamProvider="corp" is set but spec.authServerConfig is not configured',
    );
    expect(status().phase).toBe('Failed');
    expect(events('AuthzPrimaryUpstreamProviderDeprecated')).toHaveLength(1);
    await expectQuiet();
    expect(events('AuthzPrimaryUpstreamProviderDeprecated')).toHaveLength(1);

    // Moving the value to an auth server that has that upstream fixes it.
    patch({
      spec: {
        incomingAuth: { authzConfig: { inline: { primaryUpstreamProvider: null } } },
        authServerConfig: authServer({ primaryUpstreamProvider: 'corp' }),
      },
    });
    await h.settle();
    expect(cond('AuthServerConfigValidated')).toMatchObject({ status: 'True' });
    expect(h.get('Deployment', 'gw')).toBeDefined();
  });

  it('AuthzUpstreamUnknown for a primary upstream no upstream has', async () => {
    await start(
      vmcp({
        incomingAuth: { ...oidcIncoming, authzConfig: policies },
        authServerConfig: authServer({ primaryUpstreamProvider: 'nope' }, [oidc('corp'), oidc('partner')]),
      }),
    );
    const c = cond('AuthServerConfigValidated');
    expect(c).toMatchObject({ status: 'False', reason: 'AuthzUpstreamUnknown' });
    expect(c?.message).toContain('primaryUpstreamProvider="nope" does not match any upstream');
    expect(c?.message).toContain('(configured: corp, partner)');
    expect(cond('AuthzUpstreamSelectionWarning')).toBeUndefined();
    expect(events('AuthzPrimaryUpstreamProviderDeprecated')).toHaveLength(0);
  });

  it('AuthzUpstreamSelectionWarning while Cedar picks the first of several upstreams, removed once one is named', async () => {
    await start(
      vmcp({
        incomingAuth: { ...oidcIncoming, authzConfig: policies },
        authServerConfig: authServer({}, [oidc('corp'), oidc('partner')]),
      }),
    );
    const w = cond('AuthzUpstreamSelectionWarning');
    expect(w).toMatchObject({ status: 'True', reason: 'AuthzUpstreamAutoSelected' });
    expect(w?.message).toContain('Cedar policies will evaluate claims from the first upstream ("corp")');
    expect(w?.message).toContain('spec.authServerConfig.primaryUpstreamProvider');
    expect(cond('AuthServerConfigValidated')).toMatchObject({ status: 'True' });
    expect(h.get('Deployment', 'gw')).toBeDefined();
    await expectQuiet();

    patch({ spec: { authServerConfig: { primaryUpstreamProvider: 'partner' } } });
    await h.settle();
    expect(cond('AuthzUpstreamSelectionWarning')).toBeUndefined();
  });
});

describe('VirtualMCPServer SessionStorageWarning', () => {
  it('warns for several replicas without Redis', async () => {
    await start(vmcp({ replicas: 2 }));
    expect(cond('SessionStorageWarning')).toMatchObject({
      status: 'True',
      reason: 'SessionStorageMissingForReplicas',
    });
    patch({ spec: { sessionStorage: { provider: 'redis', address: 'redis:6379' } } });
    await h.settle();
    expect(cond('SessionStorageWarning')).toMatchObject({
      status: 'False',
      reason: 'SessionStorageConfigured',
    });
    patch({ spec: { replicas: null } });
    await h.settle();
    expect(cond('SessionStorageWarning')).toMatchObject({
      status: 'False',
      reason: 'SessionStorageWarningNotApplicable',
    });
  });
});
