/**
 * The conditions MCPServer and MCPRemoteProxy write about the auth configuration they reference:
 * `AuthServerRefValidated` (all of ToolHive's reasons but FetchError, which a cache read cannot
 * produce), `ExternalAuthConfigValidated`, `CABundleRefValidated` and
 * `AuthzPrimaryUpstreamProviderIgnored`, with their transitions.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { findCondition } from '../../../operator/status/conditions.ts';
import { type Harness, startHarness, thv } from '../support/harness.ts';

let h: Harness;
afterEach(() => h?.stop());

type Kind = 'MCPServer' | 'MCPRemoteProxy';
const KINDS: Kind[] = ['MCPServer', 'MCPRemoteProxy'];

const workload = (kind: Kind, spec: Record<string, unknown>) =>
  kind === 'MCPServer'
    ? thv(kind, 'w', { image: 'ghcr.io/example/fetch:1.0', transport: 'streamable-http', ...spec })
    : thv(kind, 'w', { remoteUrl: 'https://mcp.example.com/mcp', ...spec });

const upstream = (name: string) => ({
  name,
  type: 'oidc',
  oidcConfig: { issuerUrl: 'https://login.example.com', clientId: 'client' },
});
const embedded = (name: string, upstreams = [upstream('corp')]) =>
  thv('MCPExternalAuthConfig', name, {
    type: 'embeddedAuthServer',
    embeddedAuthServer: { issuer: 'https://auth.example.com', upstreamProviders: upstreams },
  });
const oidcConfig = (inline: Record<string, unknown> = {}) =>
  thv('MCPOIDCConfig', 'idp', { type: 'inline', inline: { issuer: 'https://auth.example.com', ...inline } });
const oidcRef = {
  name: 'idp',
  audience: 'https://w.example.com/mcp',
  resourceUrl: 'https://w.example.com/mcp',
};

function status(kind: string): { phase?: string; conditions?: unknown } {
  return (h.get(kind, 'w')?.status ?? {}) as { phase?: string; conditions?: unknown };
}
const cond = (kind: string, type: string) => findCondition(status(kind).conditions, type);
const patch = (kind: string, name: string, p: Record<string, unknown>) =>
  h.cluster.mergePatch(h.type(kind), 'ns', name, p);

/** Nothing is written while nothing changes, also across backoff retries of a failure. */
async function expectQuiet(kind: string): Promise<void> {
  expect(await h.writesOnResync(kind)).toBe(0);
}

describe.each(KINDS)('%s AuthServerRefValidated', (kind) => {
  it('NotFound until the config exists, then AuthServerRefValid and the workload is rendered', async () => {
    h = await startHarness();
    h.create(oidcConfig());
    h.create(
      workload(kind, {
        authServerRef: { kind: 'MCPExternalAuthConfig', name: 'login' },
        oidcConfigRef: oidcRef,
      }),
    );
    await h.settle();
    const missing = cond(kind, 'AuthServerRefValidated');
    expect(missing).toMatchObject({ status: 'False', reason: 'AuthServerRefNotFound' });
    expect(missing?.message).toContain("MCPExternalAuthConfig 'login' not found in namespace 'ns'");
    expect(missing?.message).toContain('create MCPExternalAuthConfig "login" in namespace "ns"');
    expect(missing?.message).toContain('spec.authServerRef.name');
    expect(status(kind).phase).toBe('Failed');
    expect(h.get('Deployment', 'w')).toBeUndefined();
    await expectQuiet(kind);

    h.create(embedded('login'));
    await h.settle();
    expect(cond(kind, 'AuthServerRefValidated')).toMatchObject({
      status: 'True',
      reason: 'AuthServerRefValid',
      message: "AuthServerRef 'login' is valid",
    });
    expect(h.get('Deployment', 'w')).toBeDefined();
    expect(status(kind).phase).toBe('Pending');
    await expectQuiet(kind);

    // Removing the reference removes the condition.
    patch(kind, 'w', { spec: { authServerRef: null } });
    await h.settle();
    expect(cond(kind, 'AuthServerRefValidated')).toBeUndefined();
  });

  it('InvalidType for a config of another type', async () => {
    h = await startHarness();
    h.create(thv('MCPExternalAuthConfig', 'login', { type: 'unauthenticated' }));
    h.create(workload(kind, { authServerRef: { kind: 'MCPExternalAuthConfig', name: 'login' } }));
    await h.settle();
    const c = cond(kind, 'AuthServerRefValidated');
    expect(c).toMatchObject({ status: 'False', reason: 'AuthServerRefInvalidType' });
    expect(c?.message).toContain(
      `authServerRef 'login' has type "unauthenticated", but only embeddedAuthServer is supported`,
    );
    expect(c?.message).toContain('spec.externalAuthConfigRef');
  });

  it('InvalidKind for a kind other than MCPExternalAuthConfig (stored before the enum)', async () => {
    h = await startHarness();
    h.create(workload(kind, { authServerRef: { kind: 'Secret', name: 'login' } }));
    await h.settle();
    const c = cond(kind, 'AuthServerRefValidated');
    expect(c).toMatchObject({ status: 'False', reason: 'AuthServerRefInvalidKind' });
    expect(c?.message).toBe(
      'unsupported authServerRef kind "Secret": only MCPExternalAuthConfig is supported; set spec.authServerRef.kind to MCPExternalAuthConfig',
    );
  });

  it('MultiUpstreamNotSupported for more than one upstream, cleared by removing one', async () => {
    h = await startHarness();
    h.create(oidcConfig());
    h.create(embedded('login', [upstream('corp'), upstream('github')]));
    h.create(
      workload(kind, {
        authServerRef: { kind: 'MCPExternalAuthConfig', name: 'login' },
        oidcConfigRef: oidcRef,
      }),
    );
    await h.settle();
    const c = cond(kind, 'AuthServerRefValidated');
    expect(c).toMatchObject({ status: 'False', reason: 'MultiUpstreamNotSupported' });
    expect(c?.message).toContain(`${kind} supports only one upstream provider (found 2)`);
    expect(c?.message).toContain(
      'spec.embeddedAuthServer.upstreamProviders of MCPExternalAuthConfig "login"',
    );

    patch('MCPExternalAuthConfig', 'login', {
      spec: { embeddedAuthServer: { upstreamProviders: [upstream('corp')] } },
    });
    await h.settle();
    expect(cond(kind, 'AuthServerRefValidated')?.status).toBe('True');
    expect(h.get('Deployment', 'w')).toBeDefined();
  });

  it('AuthServerRefInvalidConfig when the server cannot be built, stable while failing, True once fixed', async () => {
    h = await startHarness();
    h.create(oidcConfig());
    h.create(embedded('login'));
    // An embedded auth server needs oidcConfigRef (it mints tokens for its resource URL).
    h.create(workload(kind, { authServerRef: { kind: 'MCPExternalAuthConfig', name: 'login' } }));
    await h.settle();
    const failed = cond(kind, 'AuthServerRefValidated');
    expect(failed).toMatchObject({ status: 'False', reason: 'AuthServerRefInvalidConfig' });
    expect(failed?.message).toContain('OIDC config is required for embedded auth server');
    expect(failed?.message).toContain(`OIDCConfigRef must be set on the ${kind}`);
    expect(cond(kind, 'Ready')?.status).toBe('False');
    expect(status(kind).phase).toBe('Failed');
    await expectQuiet(kind);
    expect(cond(kind, 'AuthServerRefValidated')?.lastTransitionTime).toBe(failed?.lastTransitionTime);

    patch(kind, 'w', { spec: { oidcConfigRef: oidcRef } });
    await h.settle();
    expect(cond(kind, 'AuthServerRefValidated')).toMatchObject({
      status: 'True',
      reason: 'AuthServerRefValid',
    });
    expect(h.get('Deployment', 'w')).toBeDefined();
  });
});

describe.each(KINDS)('%s ExternalAuthConfigValidated', (kind) => {
  it('mirrors the referenced config’s Valid=False reason (EnterpriseRequired) until it is valid', async () => {
    h = await startHarness();
    h.create(thv('MCPExternalAuthConfig', 'ext', { type: 'obo', obo: {} }));
    h.create(workload(kind, { externalAuthConfigRef: { name: 'ext' } }));
    await h.settle();
    const c = cond(kind, 'ExternalAuthConfigValidated');
    expect(c).toMatchObject({ status: 'False', reason: 'EnterpriseRequired' });
    expect(c?.message).toContain('requires an enterprise build');
    expect(c?.message).toContain('or change spec.externalAuthConfigRef.name');
    expect(status(kind).phase).toBe('Failed');

    patch('MCPExternalAuthConfig', 'ext', { spec: { type: 'unauthenticated', obo: null } });
    await h.settle();
    // MCPServer reports no True condition here (ToolHive removes it); MCPRemoteProxy does.
    if (kind === 'MCPServer') expect(cond(kind, 'ExternalAuthConfigValidated')).toBeUndefined();
    else
      expect(cond(kind, 'ExternalAuthConfigValidated')).toMatchObject({
        status: 'True',
        reason: 'ExternalAuthConfigValid',
        message: "MCPExternalAuthConfig 'ext' is valid",
      });
    expect(h.get('Deployment', 'w')).toBeDefined();
  });

  it('MultiUpstreamNotSupported for an embedded server with several upstreams', async () => {
    h = await startHarness();
    h.create(embedded('ext', [upstream('a'), upstream('b'), upstream('c')]));
    h.create(workload(kind, { externalAuthConfigRef: { name: 'ext' } }));
    await h.settle();
    const c = cond(kind, 'ExternalAuthConfigValidated');
    expect(c).toMatchObject({ status: 'False', reason: 'MultiUpstreamNotSupported' });
    expect(c?.message).toContain('found 3');
    expect(c?.message).toContain('or change spec.externalAuthConfigRef.name');
  });

  it('InvalidConfig when the embedded server it references cannot be built, cleared once it can', async () => {
    h = await startHarness();
    h.create(oidcConfig());
    h.create(embedded('ext'));
    h.create(
      workload(kind, {
        externalAuthConfigRef: { name: 'ext' },
        oidcConfigRef: { ...oidcRef, audience: 'https://other.example.com' },
      }),
    );
    await h.settle();
    const c = cond(kind, 'ExternalAuthConfigValidated');
    expect(c).toMatchObject({ status: 'False', reason: 'InvalidConfig' });
    expect(c?.message).toContain('must match resourceUrl');
    expect(cond(kind, 'AuthServerRefValidated')).toBeUndefined();
    await expectQuiet(kind);

    patch(kind, 'w', { spec: { oidcConfigRef: oidcRef } });
    await h.settle();
    if (kind === 'MCPServer') expect(cond(kind, 'ExternalAuthConfigValidated')).toBeUndefined();
    else expect(cond(kind, 'ExternalAuthConfigValidated')?.status).toBe('True');
    expect(h.get('Deployment', 'w')).toBeDefined();
  });
});

describe.each(KINDS)('%s CABundleRefValidated', (kind) => {
  it('follows the CA bundle ConfigMap of the referenced MCPOIDCConfig without blocking the workload', async () => {
    h = await startHarness();
    h.create(oidcConfig({ caBundleRef: { configMapRef: { name: 'corp-ca', key: 'bundle.pem' } } }));
    h.create(workload(kind, { oidcConfigRef: oidcRef }));
    await h.settle();
    let c = cond(kind, 'CABundleRefValidated');
    expect(c).toMatchObject({ status: 'False', reason: 'CABundleRefNotFound' });
    expect(c?.message).toContain("CA bundle ConfigMap 'corp-ca' not found in namespace 'ns'");
    expect(c?.message).toContain(
      'create ConfigMap "corp-ca" in namespace "ns", or change spec.inline.caBundleRef.configMapRef.name of MCPOIDCConfig "idp"',
    );
    // Advisory: the workload is still rendered.
    expect(h.get('Deployment', 'w')).toBeDefined();
    await expectQuiet(kind);

    h.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'corp-ca', namespace: 'ns' },
      data: { 'ca.crt': 'pem' },
    });
    await h.settle();
    c = cond(kind, 'CABundleRefValidated');
    expect(c).toMatchObject({ status: 'False', reason: 'CABundleRefInvalid' });
    expect(c?.message).toContain("Key 'bundle.pem' not found in ConfigMap 'corp-ca'");
    expect(c?.message).toContain('spec.inline.caBundleRef.configMapRef.key of MCPOIDCConfig "idp"');

    patch('ConfigMap', 'corp-ca', { data: { 'bundle.pem': 'pem' } });
    await h.settle();
    expect(cond(kind, 'CABundleRefValidated')).toMatchObject({
      status: 'True',
      reason: 'CABundleRefValid',
      message: "CA bundle ConfigMap 'corp-ca' is valid (key: bundle.pem)",
    });
    await expectQuiet(kind);

    patch('MCPOIDCConfig', 'idp', { spec: { inline: { caBundleRef: null } } });
    await h.settle();
    expect(cond(kind, 'CABundleRefValidated')).toBeUndefined();
  });
});

describe.each(KINDS)('%s AuthzPrimaryUpstreamProviderIgnored', (kind) => {
  it('is True while the deprecated field is set and removed with it', async () => {
    h = await startHarness();
    const authz = (extra: Record<string, unknown>) => ({
      authzConfig: {
        type: 'inline',
        inline: { policies: ['permit(principal, action, resource);'], ...extra },
      },
    });
    h.create(workload(kind, authz({ primaryUpstreamProvider: 'github' })));
    await h.settle();
    expect(cond(kind, 'AuthzPrimaryUpstreamProviderIgnored')).toMatchObject({
      status: 'True',
      reason: 'PrimaryUpstreamProviderIgnored',
      message: `spec.authzConfig.inline.primaryUpstreamProvider="github" has no effect on ${kind}; the field only takes effect on VirtualMCPServer with an embedded auth server; remove it from spec.authzConfig.inline`,
    });
    expect(h.get('Deployment', 'w')).toBeDefined();
    await expectQuiet(kind);

    patch(kind, 'w', { spec: { authzConfig: { inline: { primaryUpstreamProvider: null } } } });
    await h.settle();
    expect(cond(kind, 'AuthzPrimaryUpstreamProviderIgnored')).toBeUndefined();
  });
});
