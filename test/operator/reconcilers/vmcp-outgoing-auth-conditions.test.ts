/**
 * VirtualMCPServer's credential conditions: `AuthConfigured` (the Secrets its OIDC client reads)
 * and the per-config outgoing auth conditions `DefaultAuthConfig`, `BackendAuthConfig-<backend>`
 * and `DiscoveredAuthConfig-<member>` with ConversionSucceeded, ConversionFailed and the mirrored
 * reason of an invalid MCPExternalAuthConfig.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../operator/kube/types.ts';
import { findCondition } from '../../../operator/status/conditions.ts';
import { type Harness, startHarness, thv } from '../support/harness.ts';

let h: Harness;
afterEach(() => h?.stop());

const vmcp = (spec: Record<string, unknown>) =>
  thv('VirtualMCPServer', 'gw', { groupRef: { name: 'g' }, incomingAuth: { type: 'anonymous' }, ...spec });
const secret = (name: string, data: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name, namespace: 'ns' },
  data,
});

async function start(...objs: KubeObject[]): Promise<void> {
  h = await startHarness();
  h.create(thv('MCPGroup', 'g', {}));
  for (const o of objs) h.create(o);
  await h.settle();
}

const conditions = () =>
  (h.get('VirtualMCPServer', 'gw')?.status as { conditions?: unknown } | undefined)?.conditions;
const cond = (type: string) => findCondition(conditions(), type);
const types = () => ((conditions() ?? []) as { type: string }[]).map((c) => c.type).sort();
const patch = (kind: string, name: string, p: Record<string, unknown>) =>
  h.cluster.mergePatch(h.type(kind), 'ns', name, p);
const events = (reason: string) => h.events(reason);

async function expectQuiet(): Promise<void> {
  expect(await h.writesOnResync('VirtualMCPServer')).toBe(0);
}

describe('VirtualMCPServer AuthConfigured', () => {
  it('is False/AuthInvalid while the OIDC client Secret or its key is missing, then True/AuthValid', async () => {
    await start(
      thv('MCPOIDCConfig', 'idp', {
        type: 'inline',
        inline: {
          issuer: 'https://idp.example.com',
          clientId: 'gw',
          clientSecretRef: { name: 'idp-client', key: 'secret' },
        },
      }),
      vmcp({ incomingAuth: { type: 'oidc', oidcConfigRef: { name: 'idp', audience: 'gw' } } }),
    );
    let c = cond('AuthConfigured');
    expect(c).toMatchObject({ status: 'False', reason: 'AuthInvalid' });
    expect(c?.message).toContain(
      'Authentication configuration is invalid: failed to get MCPOIDCConfig OIDC client secret secret ns/idp-client',
    );
    expect(c?.message).toContain(
      'create Secret "idp-client" in namespace "ns", or change spec.inline.clientSecretRef.name of MCPOIDCConfig "idp"',
    );
    expect(h.get('Deployment', 'gw')).toBeUndefined();
    expect(events('SecretValidationFailed')).toHaveLength(1);
    await expectQuiet();
    expect(events('SecretValidationFailed')).toHaveLength(1);

    // The Secret appearing re-reconciles the vMCP through the MCPOIDCConfig that names it.
    h.create(secret('idp-client', { other: 'eA==' }));
    await h.settle();
    c = cond('AuthConfigured');
    expect(c?.message).toContain(
      'MCPOIDCConfig OIDC client secret secret ns/idp-client is missing key "secret"',
    );
    expect(c?.message).toContain('change spec.inline.clientSecretRef.key of MCPOIDCConfig "idp"');
    expect(events('SecretValidationFailed')).toHaveLength(2);

    patch('Secret', 'idp-client', { data: { secret: 'eA==' } });
    await h.settle();
    expect(cond('AuthConfigured')).toMatchObject({
      status: 'True',
      reason: 'AuthValid',
      message: 'Authentication configuration is valid',
    });
    expect(h.get('Deployment', 'gw')).toBeDefined();
  });
});

describe('VirtualMCPServer outgoing auth config conditions', () => {
  it('DefaultAuthConfig: ConversionFailed for a missing config, ConversionSucceeded once it exists, removed with it', async () => {
    await start(
      // Inline outgoing auth is static mode: the group needs a member to render at all.
      thv('MCPServer', 'fetch', { image: 'ghcr.io/example/fetch:1', groupRef: { name: 'g' } }),
      vmcp({
        outgoingAuth: {
          source: 'inline',
          default: { type: 'externalAuthConfigRef', externalAuthConfigRef: { name: 'tx' } },
        },
      }),
    );
    const c = cond('DefaultAuthConfig');
    expect(c).toMatchObject({ status: 'False', reason: 'ConversionFailed' });
    expect(c?.message).toContain(
      'Failed to convert default auth config: failed to get MCPExternalAuthConfig tx',
    );
    expect(c?.message).toContain('or change spec.outgoingAuth.default.externalAuthConfigRef.name');
    await expectQuiet();

    h.create(
      thv('MCPExternalAuthConfig', 'tx', {
        type: 'tokenExchange',
        tokenExchange: { tokenUrl: 'https://idp.example.com/token', audience: 'api' },
      }),
    );
    await h.settle();
    expect(cond('DefaultAuthConfig')).toMatchObject({
      status: 'True',
      reason: 'ConversionSucceeded',
      message: 'Default auth config is valid',
    });
    expect(h.get('Deployment', 'gw')).toBeDefined();
    await expectQuiet();

    patch('VirtualMCPServer', 'gw', { spec: { outgoingAuth: { default: null } } });
    await h.settle();
    expect(cond('DefaultAuthConfig')).toBeUndefined();
  });

  it('BackendAuthConfig-<backend>: mirrors EnterpriseRequired, succeeds when fixed, goes with the backend', async () => {
    await start(
      thv('MCPExternalAuthConfig', 'entra', { type: 'obo', obo: {} }),
      vmcp({
        outgoingAuth: {
          source: 'inline',
          backends: { reports: { type: 'externalAuthConfigRef', externalAuthConfigRef: { name: 'entra' } } },
        },
      }),
    );
    const c = cond('BackendAuthConfig-reports');
    expect(c).toMatchObject({ status: 'False', reason: 'EnterpriseRequired' });
    expect(c?.message).toContain('Failed to convert backend auth config: invalid (EnterpriseRequired)');
    expect(c?.message).toContain('or change spec.outgoingAuth.backends.reports.externalAuthConfigRef.name');

    patch('MCPExternalAuthConfig', 'entra', { spec: { type: 'unauthenticated', obo: null } });
    await h.settle();
    expect(cond('BackendAuthConfig-reports')).toMatchObject({
      status: 'True',
      reason: 'ConversionSucceeded',
      message: 'Backend auth config is valid',
    });

    patch('VirtualMCPServer', 'gw', { spec: { outgoingAuth: { backends: null } } });
    await h.settle();
    expect(types().filter((t) => t.startsWith('BackendAuthConfig-'))).toEqual([]);
  });

  it('DiscoveredAuthConfig-<member>: ConversionFailed for a type the vMCP cannot use, without blocking; follows the member', async () => {
    await start(
      secret('tok', { token: 'eA==' }),
      thv('MCPExternalAuthConfig', 'bearer', {
        type: 'bearerToken',
        bearerToken: { tokenSecretRef: { name: 'tok', key: 'token' } },
      }),
      thv('MCPServer', 'fetch', {
        image: 'ghcr.io/example/fetch:1.0',
        transport: 'streamable-http',
        groupRef: { name: 'g' },
        externalAuthConfigRef: { name: 'bearer' },
      }),
      thv('MCPServer', 'plain', {
        image: 'ghcr.io/example/fetch:1.0',
        transport: 'streamable-http',
        groupRef: { name: 'g' },
      }),
      vmcp({}),
    );
    const c = cond('DiscoveredAuthConfig-fetch');
    expect(c).toMatchObject({ status: 'False', reason: 'ConversionFailed' });
    expect(c?.message).toContain('Failed to convert discovered auth config: MCPExternalAuthConfig bearer');
    expect(c?.message).toContain('change spec.externalAuthConfigRef.name of MCPServer "fetch"');
    expect(cond('DiscoveredAuthConfig-plain')).toBeUndefined();
    // The vMCP runtime discovers members itself: the workload is rendered.
    expect(h.get('Deployment', 'gw')).toBeDefined();
    await expectQuiet();

    // A change of the member's auth config reaches the vMCP.
    patch('MCPExternalAuthConfig', 'bearer', { spec: { type: 'unauthenticated', bearerToken: null } });
    await h.settle();
    expect(cond('DiscoveredAuthConfig-fetch')).toMatchObject({
      status: 'True',
      reason: 'ConversionSucceeded',
      message: 'Discovered auth config is valid',
    });

    patch('MCPServer', 'fetch', { spec: { externalAuthConfigRef: null } });
    await h.settle();
    expect(types().filter((t) => t.startsWith('DiscoveredAuthConfig-'))).toEqual([]);
  });
});
