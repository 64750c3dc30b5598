/**
 * The controller-side checks of an embedded authorization server configuration beyond its schema
 * and CEL (lib/runconfig/authserver-validation.ts), and of the other MCPExternalAuthConfig types
 * (awsSts), as each kind reports them: MCPExternalAuthConfig `Valid`, VirtualMCPServer
 * `AuthServerConfigValidated`, MCPServer/MCPRemoteProxy `AuthServerRefValidated` and
 * `ExternalAuthConfigValidated`. The in-memory cluster stores what it is given, as an API server
 * does for objects stored before a CEL rule existed, so every rule can be reached.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../operator/kube/types.ts';
import { findCondition } from '../../../operator/status/conditions.ts';
import { type Harness, startHarness, thv } from '../support/harness.ts';

let h: Harness;
afterEach(() => h?.stop());

const oidc = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  type: 'oidc',
  oidcConfig: { issuerUrl: 'https://login.example.com', clientId: 'client', ...extra },
});
const oauth2 = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  type: 'oauth2',
  oauth2Config: {
    authorizationEndpoint: 'https://idp.example.com/authorize',
    tokenEndpoint: 'https://idp.example.com/token',
    clientId: 'client',
    userInfo: { endpointUrl: 'https://idp.example.com/userinfo' },
    ...extra,
  },
});
const partner = (extra: Record<string, unknown> = {}) => ({
  issuerUrl: 'https://idp.partner.example.com',
  expectedAudience: 'https://auth.example.com',
  allowedDelegateClients: ['*'],
  ...extra,
});
const delegate = (clientId: string, extra: Record<string, unknown> = {}) => ({
  clientId,
  clientSecretRef: { name: 'delegate', key: 'secret' },
  scopes: ['openid'],
  audiences: ['https://w.example.com/mcp'],
  ...extra,
});
/** The Secret `delegate()` clients read their secret from. */
const delegateSecret: KubeObject = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'delegate', namespace: 'ns' },
  data: { secret: Buffer.from('x'.repeat(40)).toString('base64') },
};
const server = (extra: Record<string, unknown> = {}, upstreams: unknown[] = [oidc('corp')]) => ({
  issuer: 'https://auth.example.com',
  upstreamProviders: upstreams,
  ...extra,
});

/** `{base}` stands for the configuration's field path. */
interface Row {
  rule: string;
  config: Record<string, unknown>;
  says: string[];
  /** VirtualMCPServer words it differently (ToolHive's vMCP text). */
  vmcpSays?: string[];
}

const rows: Row[] = [
  {
    rule: 'http issuer on a non-loopback host without insecureAllowHTTP',
    config: server({ issuer: 'http://auth.example.com' }),
    says: [
      '{base}.issuer "http://auth.example.com" uses http:// with a non-localhost host',
      'set {base}.insecureAllowHTTP: true',
    ],
  },
  {
    rule: 'http authorizationEndpointBaseUrl on a non-loopback host',
    config: server({ authorizationEndpointBaseUrl: 'http://login.example.com' }),
    says: [
      '{base}.authorizationEndpointBaseUrl "http://login.example.com" uses http://',
      '{base}.insecureAllowHTTP',
    ],
  },
  {
    rule: 'credentials in the issuer URL',
    config: server({ issuer: 'https://admin@auth.example.com' }),
    says: ['issuer: must not contain userinfo (credentials in the URL)', 'fix {base}.issuer'],
  },
  {
    rule: 'no upstream provider',
    config: server({}, []),
    says: [
      'at least one upstream provider is required',
      'add the identity provider',
      '{base}.upstreamProviders',
    ],
    vmcpSays: ['spec.authServerConfig.upstreamProviders is required'],
  },
  {
    rule: 'delegate clients with insecureAllowHTTP',
    config: server({ insecureAllowHTTP: true, delegateClients: [delegate('agent')] }),
    says: [
      'allow_confidential_client_registration cannot be combined with insecure_allow_http: confidential clients would send secrets over cleartext HTTP',
      'unset {base}.insecureAllowHTTP, or remove {base}.delegateClients',
    ],
  },
  {
    rule: 'confidential registration with a plain-HTTP loopback issuer',
    config: server({ issuer: 'http://localhost:8080', allowConfidentialClientRegistration: true }),
    says: [
      'allow_confidential_client_registration cannot be combined with a plain-HTTP loopback issuer ("http://localhost:8080") unless insecure_allow_confidential_over_loopback_http is set',
      'set {base}.insecureAllowConfidentialOverLoopbackHTTP: true',
    ],
  },
  {
    rule: 'a loopback forced-confidential redirect URI',
    config: server({
      allowConfidentialClientRegistration: true,
      forceConfidentialRedirectUris: ['https://app.example.com/cb', 'https://127.0.0.1/cb'],
    }),
    says: [
      'force_confidential_redirect_uris: "https://127.0.0.1/cb" must not be a loopback redirect URI; a loopback client is a public client by construction',
      'remove {base}.forceConfidentialRedirectUris[1]',
    ],
  },
  {
    rule: 'a trusted issuer URL over http',
    config: server({ trustedIssuers: [partner({ issuerUrl: 'http://idp.partner.example.com' })] }),
    says: [
      'trusted_issuers: issuer_url "http://idp.partner.example.com": http scheme is only allowed for localhost',
      'fix {base}.trustedIssuers[0].issuerUrl',
    ],
  },
  {
    rule: 'a trusted issuer JWKS URL over http',
    config: server({ trustedIssuers: [partner({ jwksUrl: 'http://idp.partner.example.com/jwks' })] }),
    says: [
      'trusted_issuers: jwks_url "http://idp.partner.example.com/jwks": must use HTTPS, got "http"',
      'fix {base}.trustedIssuers[0].jwksUrl',
    ],
  },
  {
    rule: "a trusted issuer that is the server's own issuer",
    config: server({ trustedIssuers: [partner({ issuerUrl: 'https://auth.example.com' })] }),
    says: [
      `trustedIssuers: issuer_url "https://auth.example.com": must not equal the authorization server's own issuer`,
      'remove {base}.trustedIssuers[0]',
    ],
    vmcpSays: ['spec.authServerConfig.trustedIssuers: issuer_url "https://auth.example.com": must not equal'],
  },
  {
    rule: 'a trusted issuer listed twice',
    config: server({ trustedIssuers: [partner(), partner()] }),
    says: [
      'trustedIssuers: issuer_url "https://idp.partner.example.com": configured more than once',
      'merge {base}.trustedIssuers[1]',
    ],
  },
  {
    rule: 'an actorMatcher that does not parse',
    config: server({ trustedIssuers: [partner({ actorMatcher: 'claims.' })] }),
    says: [
      'issuer_url "https://idp.partner.example.com": invalid actor_matcher:',
      'fix the CEL expression in {base}.trustedIssuers[0].actorMatcher',
    ],
  },
  {
    rule: 'a JWT-bearer resource with a fragment',
    config: server({
      trustedIssuers: [
        {
          issuerUrl: 'https://idp.partner.example.com',
          jwtBearerGrant: {
            maxAssertionAge: '5m',
            subjectBindings: [{ subject: 'svc', allowedResources: ['https://w.example.com/mcp#x'] }],
          },
        },
      ],
    }),
    says: [
      'jwt_bearer_grant subject "svc" resource "https://w.example.com/mcp#x" is invalid: invalid_target (Resource must not contain a fragment)',
      'fix {base}.trustedIssuers[0].jwtBearerGrant.subjectBindings[0].allowedResources[0]',
    ],
  },
  {
    rule: 'a JWT-bearer accepted audience with a fragment',
    config: server({
      trustedIssuers: [
        {
          issuerUrl: 'https://idp.partner.example.com',
          jwtBearerGrant: {
            maxAssertionAge: '5m',
            acceptedAudiences: ['https://auth.example.com/oauth/token#x'],
            subjectBindings: [{ subject: 'svc', allowedResources: ['https://w.example.com/mcp'] }],
          },
        },
      ],
    }),
    says: [
      'jwt_bearer_grant.accepted_audiences value "https://auth.example.com/oauth/token#x" is invalid',
      'fix {base}.trustedIssuers[0].jwtBearerGrant.acceptedAudiences[0]',
    ],
  },
  {
    rule: 'two delegate clients with one client ID',
    config: server({ delegateClients: [delegate('agent'), delegate('agent')] }),
    says: [
      'delegate_clients: duplicate client_id "agent"',
      'give {base}.delegateClients[1].clientId a client ID',
    ],
  },
  {
    rule: 'two upstream providers with one name',
    config: server({}, [oidc('corp'), oauth2('github'), oauth2('corp')]),
    says: [
      'upstreamProviders[2]: duplicate name "corp"',
      'rename {base}.upstreamProviders[2].name; every upstream provider needs a unique name',
    ],
  },
  {
    rule: 'an upstream named "default" among several',
    config: server({}, [oidc('corp'), oauth2('default')]),
    says: [
      'upstreamProviders[1]: name "default" is reserved for single-upstream configs; use a descriptive name',
      'rename {base}.upstreamProviders[1].name',
    ],
  },
  {
    rule: 'a reserved authorization parameter',
    config: server({}, [oidc('corp', { additionalAuthorizationParams: { prompt: 'consent', nonce: 'n' } })]),
    says: [
      'upstreamProviders[0].additionalAuthorizationParams: reserved parameter "nonce" is managed by the framework and cannot be overridden',
      'remove "nonce" from {base}.upstreamProviders[0].oidcConfig.additionalAuthorizationParams',
    ],
  },
];

const fill = (texts: string[], base: string) => texts.map((t) => t.replaceAll('{base}', base));

const conditionOf = (kind: string, name: string, type: string) =>
  findCondition((h.get(kind, name)?.status as { conditions?: unknown } | undefined)?.conditions, type);

const eventReasons = (name: string) =>
  (
    h.cluster.dump(h.cluster.resources.require('events.k8s.io', 'Event'), 'ns') as unknown as {
      reason: string;
      regarding?: { name?: string };
    }[]
  )
    .filter((e) => e.regarding?.name === name)
    .map((e) => e.reason)
    .sort();

/** Nothing is written while nothing changes, also across backoff retries of a failure. */
async function expectQuiet(...kinds: string[]): Promise<void> {
  expect(await h.writesOnResync(...kinds)).toBe(0);
}

describe('MCPExternalAuthConfig Valid for type embeddedAuthServer', () => {
  it('is False/ValidationFailed for each rule, naming the field and the fix, with one ConfigInvalid event', async () => {
    h = await startHarness({ controllers: ['mcpexternalauthconfig'] });
    for (const [i, row] of rows.entries())
      h.create(
        thv('MCPExternalAuthConfig', `c${i}`, { type: 'embeddedAuthServer', embeddedAuthServer: row.config }),
      );
    h.create(
      thv('MCPExternalAuthConfig', 'good', { type: 'embeddedAuthServer', embeddedAuthServer: server() }),
    );
    await h.settle();
    for (const [i, row] of rows.entries()) {
      const valid = conditionOf('MCPExternalAuthConfig', `c${i}`, 'Valid');
      expect(valid, row.rule).toMatchObject({
        status: 'False',
        reason: 'ValidationFailed',
        observedGeneration: 1,
      });
      for (const text of fill(row.says, 'spec.embeddedAuthServer'))
        expect(valid?.message, row.rule).toContain(text);
      expect(eventReasons(`c${i}`), row.rule).toEqual(['ConfigInvalid']);
      // Not usable: no hash for workloads to roll on.
      expect(
        (h.get('MCPExternalAuthConfig', `c${i}`)?.status as { configHash?: string } | undefined)?.configHash,
      ).toBeUndefined();
    }
    expect(conditionOf('MCPExternalAuthConfig', 'good', 'Valid')).toMatchObject({
      status: 'True',
      reason: 'ValidationSucceeded',
    });
    await expectQuiet('MCPExternalAuthConfig');
  });

  it('starts the message with ToolHive’s text (no field prefix) and recovers with a ConfigValid event', async () => {
    h = await startHarness({ controllers: ['mcpexternalauthconfig'] });
    h.create(
      thv('MCPExternalAuthConfig', 'auth', {
        type: 'embeddedAuthServer',
        embeddedAuthServer: server({}, [oidc('corp'), oidc('corp')]),
      }),
    );
    await h.settle();
    const failed = conditionOf('MCPExternalAuthConfig', 'auth', 'Valid');
    expect(failed?.message).toBe(
      'upstreamProviders[1]: duplicate name "corp": rename spec.embeddedAuthServer.upstreamProviders[1].name; every upstream provider needs a unique name',
    );
    h.cluster.mergePatch(h.type('MCPExternalAuthConfig'), 'ns', 'auth', {
      spec: { embeddedAuthServer: { upstreamProviders: [oidc('corp'), oidc('github')] } },
    });
    await h.settle();
    expect(conditionOf('MCPExternalAuthConfig', 'auth', 'Valid')).toMatchObject({
      status: 'True',
      reason: 'ValidationSucceeded',
      observedGeneration: 2,
    });
    expect(eventReasons('auth')).toEqual(['ConfigInvalid', 'ConfigValid']);
    await expectQuiet('MCPExternalAuthConfig');
  });
});

describe('MCPExternalAuthConfig Valid for the other types', () => {
  const mapping = (extra: Record<string, unknown>) => ({
    roleArn: 'arn:aws:iam::123456789012:role/mcp',
    ...extra,
  });
  const typed: { rule: string; spec: Record<string, unknown>; says: string[] }[] = [
    {
      rule: 'awsSts without a fallback role or mappings',
      spec: { type: 'awsSts', awsSts: { region: 'us-east-1' } },
      says: [
        'awsSts: at least one of fallbackRoleArn or roleMappings must be configured',
        'set spec.awsSts.fallbackRoleArn, add spec.awsSts.roleMappings, or both',
      ],
    },
    {
      rule: 'awsSts mapping with neither claim nor matcher',
      spec: {
        type: 'awsSts',
        awsSts: { region: 'us-east-1', roleMappings: [mapping({ claim: 'a' }), mapping({})] },
      },
      says: [
        'awsSts.roleMappings[1]: exactly one of claim or matcher must be set',
        'spec.awsSts.roleMappings[1].claim',
        'spec.awsSts.roleMappings[1].matcher',
      ],
    },
    {
      rule: 'awsSts mapping with both claim and matcher',
      spec: {
        type: 'awsSts',
        awsSts: {
          region: 'us-east-1',
          roleMappings: [mapping({ claim: 'a', matcher: '"a" in claims.groups' })],
        },
      },
      says: [
        'awsSts.roleMappings[0]: claim and matcher are mutually exclusive',
        'remove spec.awsSts.roleMappings[0].claim',
      ],
    },
    {
      rule: 'an obo section on another type (checked first, as ToolHive does)',
      spec: {
        type: 'tokenExchange',
        tokenExchange: { tokenUrl: 'https://sts.example.com/token', audience: 'a' },
        obo: {},
      },
      says: ["obo configuration must be set if and only if type is 'obo'"],
    },
  ];

  it('is False/ValidationFailed for each rule', async () => {
    h = await startHarness({ controllers: ['mcpexternalauthconfig'] });
    for (const [i, row] of typed.entries()) h.create(thv('MCPExternalAuthConfig', `t${i}`, row.spec));
    h.create(
      thv('MCPExternalAuthConfig', 'sts', {
        type: 'awsSts',
        awsSts: { region: 'us-east-1', roleMappings: [mapping({ matcher: '"admins" in claims.groups' })] },
      }),
    );
    await h.settle();
    for (const [i, row] of typed.entries()) {
      const valid = conditionOf('MCPExternalAuthConfig', `t${i}`, 'Valid');
      expect(valid, row.rule).toMatchObject({ status: 'False', reason: 'ValidationFailed' });
      for (const text of row.says) expect(valid?.message, row.rule).toContain(text);
    }
    expect(conditionOf('MCPExternalAuthConfig', 'sts', 'Valid')?.status).toBe('True');
    await expectQuiet('MCPExternalAuthConfig');
  });
});

describe('VirtualMCPServer AuthServerConfigValidated', () => {
  const incoming = {
    type: 'oidc',
    oidcConfigRef: {
      name: 'issuer',
      audience: 'https://w.example.com/mcp',
      resourceUrl: 'https://w.example.com/mcp',
    },
  };
  const vmcp = (name: string, authServerConfig: Record<string, unknown>) =>
    thv('VirtualMCPServer', name, { groupRef: { name: 'g' }, incomingAuth: incoming, authServerConfig });

  async function start(...objs: KubeObject[]): Promise<void> {
    h = await startHarness();
    h.create(thv('MCPGroup', 'g', {}));
    h.create(
      thv('MCPOIDCConfig', 'issuer', { type: 'inline', inline: { issuer: 'https://auth.example.com' } }),
    );
    h.create(delegateSecret);
    for (const o of objs) h.create(o);
    await h.settle();
  }

  it('is False/AuthServerConfigInvalid for each rule, in ToolHive’s vMCP wording, and blocks the workload', async () => {
    await start(...rows.map((row, i) => vmcp(`v${i}`, row.config)));
    for (const [i, row] of rows.entries()) {
      const c = conditionOf('VirtualMCPServer', `v${i}`, 'AuthServerConfigValidated');
      expect(c, row.rule).toMatchObject({ status: 'False', reason: 'AuthServerConfigInvalid' });
      for (const text of fill(row.vmcpSays ?? row.says, 'spec.authServerConfig'))
        expect(c?.message, row.rule).toContain(text);
      expect(
        (h.get('VirtualMCPServer', `v${i}`)?.status as { phase?: string } | undefined)?.phase,
        row.rule,
      ).toBe('Failed');
      expect(h.get('Deployment', `v${i}`), row.rule).toBeUndefined();
    }
    await expectQuiet('VirtualMCPServer');
  });

  it('qualifies ToolHive’s text with spec.authServerConfig and recovers once fixed', async () => {
    await start(vmcp('gw', server({}, [oidc('corp'), oauth2('default')])));
    expect(conditionOf('VirtualMCPServer', 'gw', 'AuthServerConfigValidated')?.message).toBe(
      'spec.authServerConfig.upstreamProviders[1]: name "default" is reserved for single-upstream configs; use a descriptive name: rename spec.authServerConfig.upstreamProviders[1].name',
    );
    await expectQuiet('VirtualMCPServer');
    h.cluster.mergePatch(h.type('VirtualMCPServer'), 'ns', 'gw', {
      spec: { authServerConfig: { upstreamProviders: [oidc('corp'), oauth2('github')] } },
    });
    await h.settle();
    expect(conditionOf('VirtualMCPServer', 'gw', 'AuthServerConfigValidated')).toMatchObject({
      status: 'True',
      reason: 'AuthServerConfigValid',
    });
    expect(h.get('Deployment', 'gw')).toBeDefined();
    await expectQuiet('VirtualMCPServer');
  });

  it('reports what only the incoming OIDC settings make invalid once the render builds the server', async () => {
    await start(
      vmcp(
        'gw',
        server({
          delegateClients: [delegate('agent', { audiences: ['https://other.example.com/mcp'] })],
        }),
      ),
    );
    const c = conditionOf('VirtualMCPServer', 'gw', 'AuthServerConfigValidated');
    expect(c).toMatchObject({ status: 'False', reason: 'AuthServerConfigInvalid' });
    expect(c?.message).toContain(
      'spec.authServerConfig: delegate_clients: client_id "agent": audience "https://other.example.com/mcp" is not in allowed_audiences',
    );
    expect(c?.message).toContain(
      "set spec.authServerConfig.delegateClients[0].audiences to the workload's resource URL (https://w.example.com/mcp, from spec.incomingAuth.oidcConfigRef.resourceUrl)",
    );
    expect(conditionOf('VirtualMCPServer', 'gw', 'Ready')).toMatchObject({
      status: 'False',
      reason: 'AuthServerConfigInvalid',
    });
    await expectQuiet('VirtualMCPServer');

    h.cluster.mergePatch(h.type('VirtualMCPServer'), 'ns', 'gw', {
      spec: { authServerConfig: { delegateClients: [delegate('agent')] } },
    });
    await h.settle();
    expect(conditionOf('VirtualMCPServer', 'gw', 'AuthServerConfigValidated')?.status).toBe('True');
    expect(h.get('Deployment', 'gw')).toBeDefined();
  });
});

type Kind = 'MCPServer' | 'MCPRemoteProxy';
describe.each<Kind>(['MCPServer', 'MCPRemoteProxy'])(
  '%s referencing an invalid embedded auth server',
  (kind) => {
    const oidcRef = {
      name: 'idp',
      audience: 'https://w.example.com/mcp',
      resourceUrl: 'https://w.example.com/mcp',
    };
    const workload = (spec: Record<string, unknown>) =>
      kind === 'MCPServer'
        ? thv(kind, 'w', {
            image: 'ghcr.io/example/fetch:1.0',
            transport: 'streamable-http',
            oidcConfigRef: oidcRef,
            ...spec,
          })
        : thv(kind, 'w', { remoteUrl: 'https://mcp.example.com/mcp', oidcConfigRef: oidcRef, ...spec });
    const embedded = (config: Record<string, unknown>) =>
      thv('MCPExternalAuthConfig', 'login', { type: 'embeddedAuthServer', embeddedAuthServer: config });
    const patchConfig = (config: Record<string, unknown>) =>
      h.cluster.mergePatch(h.type('MCPExternalAuthConfig'), 'ns', 'login', {
        spec: { embeddedAuthServer: config },
      });
    const phase = () => (h.get(kind, 'w')?.status as { phase?: string } | undefined)?.phase;

    async function start(...objs: KubeObject[]): Promise<void> {
      h = await startHarness();
      h.create(
        thv('MCPOIDCConfig', 'idp', { type: 'inline', inline: { issuer: 'https://auth.example.com' } }),
      );
      for (const o of objs) h.create(o);
      await h.settle();
    }

    it('authServerRef: AuthServerRefInvalidConfig naming the config’s field, True again once the config is fixed', async () => {
      await start(
        embedded(server({}, [oidc('corp', { additionalAuthorizationParams: { state: 'x' } })])),
        workload({ authServerRef: { kind: 'MCPExternalAuthConfig', name: 'login' } }),
      );
      const c = conditionOf(kind, 'w', 'AuthServerRefValidated');
      expect(c).toMatchObject({
        status: 'False',
        reason: 'AuthServerRefInvalidConfig',
        observedGeneration: 1,
      });
      expect(c?.message).toContain(
        'MCPExternalAuthConfig \'login\' is invalid: upstreamProviders[0].additionalAuthorizationParams: reserved parameter "state" is managed by the framework and cannot be overridden',
      );
      expect(c?.message).toContain(
        'remove "state" from spec.embeddedAuthServer.upstreamProviders[0].oidcConfig.additionalAuthorizationParams',
      );
      expect(c?.message).toContain('fix MCPExternalAuthConfig "login"');
      expect(c?.message).toContain('or change spec.authServerRef.name');
      expect(conditionOf('MCPExternalAuthConfig', 'login', 'Valid')).toMatchObject({
        status: 'False',
        reason: 'ValidationFailed',
      });
      expect(phase()).toBe('Failed');
      expect(h.get('Deployment', 'w')).toBeUndefined();
      await expectQuiet(kind, 'MCPExternalAuthConfig');

      patchConfig({
        upstreamProviders: [oidc('corp', { additionalAuthorizationParams: { prompt: 'consent' } })],
      });
      await h.settle();
      expect(conditionOf(kind, 'w', 'AuthServerRefValidated')).toMatchObject({
        status: 'True',
        reason: 'AuthServerRefValid',
      });
      expect(conditionOf('MCPExternalAuthConfig', 'login', 'Valid')?.status).toBe('True');
      expect(h.get('Deployment', 'w')).toBeDefined();
      expect(phase()).not.toBe('Failed');
      await expectQuiet(kind, 'MCPExternalAuthConfig');
    });

    it('externalAuthConfigRef: ExternalAuthConfigValidated mirrors the config’s ValidationFailed until it is fixed', async () => {
      await start(
        embedded(server({ issuer: 'http://auth.example.com' })),
        workload({ externalAuthConfigRef: { name: 'login' } }),
      );
      const c = conditionOf(kind, 'w', 'ExternalAuthConfigValidated');
      expect(c).toMatchObject({ status: 'False', reason: 'ValidationFailed' });
      expect(c?.message).toContain('spec.embeddedAuthServer.issuer "http://auth.example.com" uses http://');
      expect(c?.message).toContain('or change spec.externalAuthConfigRef.name');
      expect(phase()).toBe('Failed');
      await expectQuiet(kind, 'MCPExternalAuthConfig');

      patchConfig({ issuer: 'https://auth.example.com' });
      await h.settle();
      if (kind === 'MCPServer') expect(conditionOf(kind, 'w', 'ExternalAuthConfigValidated')).toBeUndefined();
      else expect(conditionOf(kind, 'w', 'ExternalAuthConfigValidated')?.status).toBe('True');
      expect(h.get('Deployment', 'w')).toBeDefined();
    });

    const built: { rule: string; config: Record<string, unknown>; says: string[] }[] = [
      {
        rule: 'a delegate client audience other than the resource URL',
        config: server({
          delegateClients: [delegate('agent', { audiences: ['https://other.example.com/mcp'] })],
        }),
        says: [
          'delegate_clients: client_id "agent": audience "https://other.example.com/mcp" is not in allowed_audiences',
          "set spec.embeddedAuthServer.delegateClients[0].audiences to the workload's resource URL (https://w.example.com/mcp, from spec.oidcConfigRef.resourceUrl)",
        ],
      },
      {
        rule: 'a JWT-bearer resource other than the resource URL',
        config: server({
          trustedIssuers: [
            {
              issuerUrl: 'https://idp.partner.example.com',
              jwtBearerGrant: {
                maxAssertionAge: '5m',
                subjectBindings: [{ subject: 'svc', allowedResources: ['https://other.example.com/mcp'] }],
              },
            },
          ],
        }),
        says: [
          'trusted_issuers: issuer_url "https://idp.partner.example.com": jwt_bearer_grant subject "svc" resource "https://other.example.com/mcp" is not in allowed_audiences',
          'set spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant.subjectBindings[0].allowedResources[0]',
        ],
      },
      {
        rule: 'a JWT-bearer accepted audience that is the resource URL',
        config: server({
          trustedIssuers: [
            {
              issuerUrl: 'https://idp.partner.example.com',
              jwtBearerGrant: {
                maxAssertionAge: '5m',
                acceptedAudiences: ['https://w.example.com/mcp'],
                subjectBindings: [{ subject: 'svc', allowedResources: ['https://w.example.com/mcp'] }],
              },
            },
          ],
        }),
        says: [
          'jwt_bearer_grant.accepted_audiences value "https://w.example.com/mcp" must not also be a configured resource audience (allowed_audiences)',
          'remove spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant.acceptedAudiences[0]',
        ],
      },
      {
        rule: 'a baseline client scope the server does not support',
        config: server({ baselineClientScopes: ['openid', 'admin'] }),
        says: [
          'baseline_client_scopes contains "admin" which is not in scopes_supported',
          'remove "admin" from spec.embeddedAuthServer.baselineClientScopes[1], or add it to spec.oidcConfigRef.scopes (scopes supported: openid, profile, email, offline_access)',
        ],
      },
    ];

    it('authServerRef: each rule that needs the workload’s OIDC settings makes the render fail', async () => {
      await start(
        delegateSecret,
        ...built.flatMap((row, i) => {
          const w = workload({ authServerRef: { kind: 'MCPExternalAuthConfig', name: `l${i}` } });
          w.metadata.name = `w${i}`;
          return [
            thv('MCPExternalAuthConfig', `l${i}`, {
              type: 'embeddedAuthServer',
              embeddedAuthServer: row.config,
            }),
            w,
          ];
        }),
      );
      for (const [i, row] of built.entries()) {
        expect(conditionOf('MCPExternalAuthConfig', `l${i}`, 'Valid')?.status, row.rule).toBe('True');
        const c = conditionOf(kind, `w${i}`, 'AuthServerRefValidated');
        expect(c, row.rule).toMatchObject({ status: 'False', reason: 'AuthServerRefInvalidConfig' });
        expect(c?.message, row.rule).toContain(
          `MCPExternalAuthConfig l${i}: failed to build embedded auth server config: `,
        );
        for (const text of row.says) expect(c?.message, row.rule).toContain(text);
        expect(h.get('Deployment', `w${i}`), row.rule).toBeUndefined();
      }
      await expectQuiet(kind, 'MCPExternalAuthConfig');
    });

    it('authServerRef: what only the workload’s OIDC settings make invalid is found by the render', async () => {
      // Valid on its own; its delegate client asks for a scope the workload does not advertise.
      await start(
        delegateSecret,
        embedded(server({ delegateClients: [delegate('agent', { scopes: ['openid', 'admin'] })] })),
        workload({ authServerRef: { kind: 'MCPExternalAuthConfig', name: 'login' } }),
      );
      expect(conditionOf('MCPExternalAuthConfig', 'login', 'Valid')?.status).toBe('True');
      const c = conditionOf(kind, 'w', 'AuthServerRefValidated');
      expect(c).toMatchObject({ status: 'False', reason: 'AuthServerRefInvalidConfig' });
      expect(c?.message).toContain(
        'MCPExternalAuthConfig login: failed to build embedded auth server config',
      );
      expect(c?.message).toContain(
        'delegate_clients[agent].scopes contains "admin" which is not in scopes_supported',
      );
      expect(c?.message).toContain(
        'remove "admin" from spec.embeddedAuthServer.delegateClients[0].scopes, or add it to spec.oidcConfigRef.scopes',
      );
      await expectQuiet(kind, 'MCPExternalAuthConfig');

      h.cluster.mergePatch(h.type(kind), 'ns', 'w', {
        spec: { oidcConfigRef: { ...oidcRef, scopes: ['openid', 'offline_access', 'admin'] } },
      });
      await h.settle();
      expect(conditionOf(kind, 'w', 'AuthServerRefValidated')?.status).toBe('True');
      expect(h.get('Deployment', 'w')).toBeDefined();
      await expectQuiet(kind, 'MCPExternalAuthConfig');
    });
  },
);
