/**
 * Every condition the operator sets for a spec problem says which field is at fault and how to
 * fix it, so `kubectl describe` is enough to act on it. One row per problem: the object, the
 * condition, and the field path and fix its message must carry.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../operator/kube/types.ts';
import { findCondition } from '../../../operator/status/conditions.ts';
import { type Harness, startHarness, thv } from '../support/harness.ts';

let h: Harness | undefined;
afterEach(() => h?.stop());

const server = (spec: Record<string, unknown>) =>
  thv('MCPServer', 's', { image: 'ghcr.io/example/fetch:1.0', transport: 'streamable-http', ...spec });
const proxy = (spec: Record<string, unknown>) =>
  thv('MCPRemoteProxy', 'p', { remoteUrl: 'https://mcp.example.com/mcp', ...spec });
const entry = (spec: Record<string, unknown>) =>
  thv('MCPServerEntry', 'e', {
    remoteUrl: 'https://mcp.example.com/mcp',
    transport: 'streamable-http',
    groupRef: { name: 'g' },
    ...spec,
  });
const readyGroup = thv('MCPGroup', 'g', {});

interface Row {
  problem: string;
  objects: KubeObject[];
  kind: string;
  name: string;
  condition: string;
  says: string[];
}

const rows: Row[] = [
  {
    problem: 'missing MCPToolConfig',
    objects: [server({ toolConfigRef: { name: 'tools' } })],
    kind: 'MCPServer',
    name: 's',
    condition: 'Ready',
    says: ['spec.toolConfigRef.name', 'create MCPToolConfig "tools" in namespace "ns"'],
  },
  {
    problem: 'missing MCPTelemetryConfig',
    objects: [server({ telemetryConfigRef: { name: 'otel' } })],
    kind: 'MCPServer',
    name: 's',
    condition: 'TelemetryConfigRefValidated',
    says: ['spec.telemetryConfigRef.name', 'create MCPTelemetryConfig "otel"'],
  },
  {
    problem: 'missing MCPOIDCConfig',
    objects: [server({ oidcConfigRef: { name: 'idp', audience: 'a' } })],
    kind: 'MCPServer',
    name: 's',
    condition: 'OIDCConfigRefValidated',
    says: ['spec.oidcConfigRef.name', 'create MCPOIDCConfig "idp"'],
  },
  {
    problem: 'invalid MCPOIDCConfig',
    objects: [
      server({ oidcConfigRef: { name: 'idp', audience: 'a' } }),
      thv('MCPOIDCConfig', 'idp', { type: 'inline', inline: { issuer: 'http://idp.example.com' } }),
    ],
    kind: 'MCPServer',
    name: 's',
    condition: 'OIDCConfigRefValidated',
    says: ['spec.inline.insecureAllowHTTP', 'fix MCPOIDCConfig "idp"', 'or change spec.oidcConfigRef.name'],
  },
  {
    problem: 'missing MCPExternalAuthConfig',
    objects: [server({ externalAuthConfigRef: { name: 'ext' } })],
    kind: 'MCPServer',
    name: 's',
    condition: 'ExternalAuthConfigValidated',
    says: ['spec.externalAuthConfigRef.name', 'create MCPExternalAuthConfig "ext"'],
  },
  {
    problem: 'auth server of the wrong type',
    objects: [
      server({ authServerRef: { kind: 'MCPExternalAuthConfig', name: 'ext' } }),
      thv('MCPExternalAuthConfig', 'ext', { type: 'unauthenticated' }),
    ],
    kind: 'MCPServer',
    name: 's',
    condition: 'AuthServerRefValidated',
    says: ['spec.authServerRef.name', 'type embeddedAuthServer'],
  },
  {
    problem: 'missing MCPGroup',
    objects: [server({ groupRef: { name: 'nope' } })],
    kind: 'MCPServer',
    name: 's',
    condition: 'GroupRefValidated',
    says: ['spec.groupRef.name', 'create MCPGroup "nope"'],
  },
  {
    problem: 'bad pod template',
    objects: [server({ podTemplateSpec: { spec: { containers: 'mcp' } } })],
    kind: 'MCPServer',
    name: 's',
    condition: 'PodTemplateValid',
    says: ['spec.podTemplateSpec.spec.containers', 'expected an array'],
  },
  {
    problem: 'private remote URL',
    objects: [proxy({ remoteUrl: 'http://10.0.0.5/mcp' })],
    kind: 'MCPRemoteProxy',
    name: 'p',
    condition: 'ConfigurationValid',
    says: ['spec.allowPrivateEndpoint: true', 'spec.remoteUrl'],
  },
  {
    problem: 'missing authz ConfigMap',
    objects: [proxy({ authzConfig: { type: 'configMap', configMap: { name: 'policy' } } })],
    kind: 'MCPRemoteProxy',
    name: 'p',
    condition: 'ConfigurationValid',
    says: ['spec.authzConfig.configMap.name', 'create ConfigMap "policy"'],
  },
  {
    problem: 'missing header Secret',
    objects: [
      proxy({
        headerForward: {
          addHeadersFromSecret: [{ headerName: 'X-Key', valueSecretRef: { name: 'api', key: 'token' } }],
        },
      }),
    ],
    kind: 'MCPRemoteProxy',
    name: 'p',
    condition: 'ConfigurationValid',
    says: ['spec.headerForward.addHeadersFromSecret[0].valueSecretRef.name', 'create Secret "api"'],
  },
  {
    problem: 'entry with a missing CA bundle and auth config',
    objects: [
      readyGroup,
      entry({
        caBundleRef: { configMapRef: { name: 'ca', key: 'ca.crt' } },
        externalAuthConfigRef: { name: 'ext' },
      }),
    ],
    kind: 'MCPServerEntry',
    name: 'e',
    condition: 'Valid',
    says: ['CABundleRefValidated', 'ExternalAuthConfigValidated'],
  },
  {
    problem: 'entry CA bundle',
    objects: [readyGroup, entry({ caBundleRef: { configMapRef: { name: 'ca', key: 'ca.crt' } } })],
    kind: 'MCPServerEntry',
    name: 'e',
    condition: 'CABundleRefValidated',
    says: ['spec.caBundleRef.configMapRef.name', 'create ConfigMap "ca"'],
  },
  {
    problem: 'vMCP embedding server',
    objects: [
      readyGroup,
      thv('VirtualMCPServer', 'v', {
        groupRef: { name: 'g' },
        incomingAuth: { type: 'anonymous' },
        embeddingServerRef: { name: 'emb' },
      }),
    ],
    kind: 'VirtualMCPServer',
    name: 'v',
    condition: 'EmbeddingServerReady',
    says: ['spec.embeddingServerRef.name', 'create EmbeddingServer "emb"'],
  },
  {
    problem: 'vMCP composite tool',
    objects: [
      readyGroup,
      thv('VirtualMCPServer', 'v', {
        groupRef: { name: 'g' },
        incomingAuth: { type: 'anonymous' },
        config: { compositeToolRefs: [{ name: 'flow' }] },
      }),
    ],
    kind: 'VirtualMCPServer',
    name: 'v',
    condition: 'CompositeToolRefsValidated',
    says: ['spec.config.compositeToolRefs', 'create VirtualMCPCompositeToolDefinition "flow"'],
  },
  {
    problem: 'missing auth server config',
    objects: [proxy({ authServerRef: { kind: 'MCPExternalAuthConfig', name: 'login' } })],
    kind: 'MCPRemoteProxy',
    name: 'p',
    condition: 'AuthServerRefValidated',
    says: ['spec.authServerRef.name', 'create MCPExternalAuthConfig "login" in namespace "ns"'],
  },
  {
    problem: 'missing OIDC CA bundle ConfigMap',
    objects: [
      server({ oidcConfigRef: { name: 'idp', audience: 'a' } }),
      thv('MCPOIDCConfig', 'idp', {
        type: 'inline',
        inline: {
          issuer: 'https://idp.example.com',
          caBundleRef: { configMapRef: { name: 'ca', key: 'ca.crt' } },
        },
      }),
    ],
    kind: 'MCPServer',
    name: 's',
    condition: 'CABundleRefValidated',
    says: ['spec.inline.caBundleRef.configMapRef.name of MCPOIDCConfig "idp"', 'create ConfigMap "ca"'],
  },
  {
    problem: 'vMCP auth server with an http issuer',
    objects: [
      readyGroup,
      thv('VirtualMCPServer', 'v', {
        groupRef: { name: 'g' },
        incomingAuth: { type: 'anonymous' },
        authServerConfig: {
          issuer: 'http://gw.example.com',
          upstreamProviders: [
            {
              name: 'corp',
              type: 'oidc',
              oidcConfig: { issuerUrl: 'https://idp.example.com', clientId: 'c' },
            },
          ],
        },
      }),
    ],
    kind: 'VirtualMCPServer',
    name: 'v',
    condition: 'AuthServerConfigValidated',
    says: ['spec.authServerConfig.insecureAllowHTTP: true', 'use https://'],
  },
  {
    problem: 'vMCP default outgoing auth config missing',
    objects: [
      readyGroup,
      thv('VirtualMCPServer', 'v', {
        groupRef: { name: 'g' },
        incomingAuth: { type: 'anonymous' },
        outgoingAuth: { default: { type: 'externalAuthConfigRef', externalAuthConfigRef: { name: 'tx' } } },
      }),
    ],
    kind: 'VirtualMCPServer',
    name: 'v',
    condition: 'DefaultAuthConfig',
    says: ['spec.outgoingAuth.default.externalAuthConfigRef.name', 'create MCPExternalAuthConfig "tx"'],
  },
  {
    problem: 'embedded auth server with a reserved authorization parameter',
    objects: [
      thv('MCPExternalAuthConfig', 'login', {
        type: 'embeddedAuthServer',
        embeddedAuthServer: {
          issuer: 'https://auth.example.com',
          upstreamProviders: [
            {
              name: 'corp',
              type: 'oidc',
              oidcConfig: {
                issuerUrl: 'https://idp.example.com',
                clientId: 'c',
                additionalAuthorizationParams: { scope: 'openid' },
              },
            },
          ],
        },
      }),
    ],
    kind: 'MCPExternalAuthConfig',
    name: 'login',
    condition: 'Valid',
    says: [
      'remove "scope" from spec.embeddedAuthServer.upstreamProviders[0].oidcConfig.additionalAuthorizationParams',
    ],
  },
  {
    problem: 'auth server reference to an invalid config',
    objects: [
      proxy({ authServerRef: { kind: 'MCPExternalAuthConfig', name: 'login' } }),
      thv('MCPExternalAuthConfig', 'login', {
        type: 'embeddedAuthServer',
        embeddedAuthServer: {
          issuer: 'http://auth.example.com',
          upstreamProviders: [
            {
              name: 'corp',
              type: 'oidc',
              oidcConfig: { issuerUrl: 'https://idp.example.com', clientId: 'c' },
            },
          ],
        },
      }),
    ],
    kind: 'MCPRemoteProxy',
    name: 'p',
    condition: 'AuthServerRefValidated',
    says: ['set spec.embeddedAuthServer.insecureAllowHTTP: true', 'or change spec.authServerRef.name'],
  },
  {
    problem: 'vMCP auth server with two upstreams of one name',
    objects: [
      readyGroup,
      thv('VirtualMCPServer', 'v', {
        groupRef: { name: 'g' },
        incomingAuth: { type: 'anonymous' },
        authServerConfig: {
          issuer: 'https://gw.example.com',
          upstreamProviders: [
            {
              name: 'corp',
              type: 'oidc',
              oidcConfig: { issuerUrl: 'https://idp.example.com', clientId: 'c' },
            },
            {
              name: 'corp',
              type: 'oidc',
              oidcConfig: { issuerUrl: 'https://idp2.example.com', clientId: 'c' },
            },
          ],
        },
      }),
    ],
    kind: 'VirtualMCPServer',
    name: 'v',
    condition: 'AuthServerConfigValidated',
    says: ['rename spec.authServerConfig.upstreamProviders[1].name'],
  },
  {
    problem: 'AWS STS role mapping with claim and matcher',
    objects: [
      thv('MCPExternalAuthConfig', 'sts', {
        type: 'awsSts',
        awsSts: {
          region: 'eu-west-1',
          roleMappings: [
            { claim: 'admins', matcher: 'true', roleArn: 'arn:aws:iam::123456789012:role/admin' },
          ],
        },
      }),
    ],
    kind: 'MCPExternalAuthConfig',
    name: 'sts',
    condition: 'Valid',
    says: ['remove spec.awsSts.roleMappings[0].claim or spec.awsSts.roleMappings[0].matcher'],
  },
  {
    problem: 'telemetry endpoint without signals',
    objects: [thv('MCPTelemetryConfig', 'otel', { openTelemetry: { endpoint: 'otel:4317' } })],
    kind: 'MCPTelemetryConfig',
    name: 'otel',
    condition: 'Valid',
    says: ['spec.openTelemetry.tracing.enabled', 'spec.openTelemetry.endpoint'],
  },
];

describe('condition messages for spec problems', () => {
  it.each(rows)('$problem: $kind $condition names the field and the fix', async (row) => {
    h = await startHarness();
    for (const o of row.objects) h.create(o);
    await h.settle();
    await h.advance(1_000);
    const condition = findCondition(
      (h.get(row.kind, row.name)?.status as { conditions?: unknown } | undefined)?.conditions,
      row.condition,
    );
    expect(condition?.status, JSON.stringify(condition)).toBe('False');
    for (const text of row.says) expect(condition?.message).toContain(text);
  });
});
