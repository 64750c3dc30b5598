/**
 * The embedded authorization server checks as pure functions: what they must let through (the
 * reconciler tests in test/operator/reconcilers/embedded-auth-validation.test.ts cover each
 * rejection as the kinds report it), and the order ToolHive reports problems in.
 */
import { describe, expect, it } from 'vitest';
import type { EmbeddedAuthServerConfig } from '../../../lib/api/types.generated.ts';
import { AuthServerConfigError, buildAuthServerRunConfig } from '../../../lib/runconfig/authserver.ts';
import {
  embeddedAuthServerBuildProblem,
  embeddedAuthServerProblem,
  VMCP_AUTH_SERVER_CONFIG,
} from '../../../lib/runconfig/authserver-validation.ts';

const oidc = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  type: 'oidc' as const,
  oidcConfig: { issuerUrl: 'https://login.example.com', clientId: 'client', ...extra },
});
const cfg = (extra: Partial<EmbeddedAuthServerConfig> = {}): EmbeddedAuthServerConfig => ({
  issuer: 'https://auth.example.com',
  upstreamProviders: [oidc('corp')],
  ...extra,
});
const ctx = {
  allowedAudiences: ['https://w.example.com/mcp'],
  scopesSupported: ['openid', 'offline_access'],
  audienceField: 'spec.oidcConfigRef.resourceUrl',
  scopesField: 'spec.oidcConfigRef.scopes',
};

describe('embeddedAuthServerProblem lets through', () => {
  it.each<[string, EmbeddedAuthServerConfig]>([
    ['an https issuer', cfg()],
    ['an http loopback issuer', cfg({ issuer: 'http://localhost:8080' })],
    ['an http 127.0.0.1 issuer', cfg({ issuer: 'http://127.0.0.1:8080' })],
    [
      'an http in-cluster issuer with insecureAllowHTTP',
      cfg({ issuer: 'http://auth.ns.svc:8080', insecureAllowHTTP: true }),
    ],
    [
      'confidential registration over loopback http when opted in',
      cfg({
        issuer: 'http://localhost:8080',
        allowConfidentialClientRegistration: true,
        insecureAllowConfidentialOverLoopbackHTTP: true,
      }),
    ],
    [
      'a non-loopback forced-confidential redirect URI',
      cfg({
        allowConfidentialClientRegistration: true,
        forceConfidentialRedirectUris: ['https://app.example.com/cb'],
      }),
    ],
    ['a single upstream named default', cfg({ upstreamProviders: [oidc('default')] })],
    [
      'authorization parameters the flow does not set',
      cfg({
        upstreamProviders: [
          oidc('corp', { additionalAuthorizationParams: { access_type: 'offline', prompt: 'consent' } }),
        ],
      }),
    ],
    [
      'a trusted issuer with a trailing slash (Entra v1) and a parsable actor matcher',
      cfg({
        trustedIssuers: [
          {
            issuerUrl: 'https://sts.windows.net/tenant/',
            expectedAudience: 'api://backend',
            allowedDelegateClients: ['*'],
            actorMatcher: 'has(claims.appid) && claims.appid.startsWith("svc-")',
          },
        ],
      }),
    ],
    [
      'a plain-http trusted issuer that opts in',
      cfg({
        trustedIssuers: [
          {
            issuerUrl: 'http://idp.ns.svc:8080',
            jwksUrl: 'http://idp.ns.svc:8080/jwks',
            insecureAllowHTTP: true,
            expectedAudience: 'a',
            allowedDelegateClients: ['agent'],
          },
        ],
      }),
    ],
  ])('%s', (_, c) => {
    expect(embeddedAuthServerProblem(c)).toBeUndefined();
    expect(embeddedAuthServerProblem(c, VMCP_AUTH_SERVER_CONFIG)).toBeUndefined();
  });

  it('counts an IPv4-mapped loopback issuer as loopback, as ToolHive does', () => {
    expect(
      embeddedAuthServerProblem(
        cfg({ issuer: 'http://[::ffff:127.0.0.1]:8080', allowConfidentialClientRegistration: true }),
      ),
    ).toContain('plain-HTTP loopback issuer');
    expect(embeddedAuthServerProblem(cfg({ issuer: 'http://[::ffff:127.0.0.1]:8080' }))).toBeUndefined();
  });
});

describe('embeddedAuthServerProblem order', () => {
  it('reports the transport before the upstreams, and the first reserved parameter in name order', () => {
    const both = cfg({
      insecureAllowHTTP: true,
      allowConfidentialClientRegistration: true,
      upstreamProviders: [oidc('corp', { additionalAuthorizationParams: { state: 's', nonce: 'n' } })],
    });
    expect(embeddedAuthServerProblem(both)).toMatch(
      /^allow_confidential_client_registration cannot be combined/,
    );
    expect(
      embeddedAuthServerProblem({
        ...both,
        insecureAllowHTTP: false,
        allowConfidentialClientRegistration: false,
      }),
    ).toMatch(/^upstreamProviders\[0\]\.additionalAuthorizationParams: reserved parameter "nonce"/);
  });

  it('reports an earlier upstream’s reserved parameter before a later duplicate name', () => {
    const c = cfg({
      upstreamProviders: [oidc('corp', { additionalAuthorizationParams: { scope: 'x' } }), oidc('corp')],
    });
    expect(embeddedAuthServerProblem(c)).toMatch(/^upstreamProviders\[0\]\.additionalAuthorizationParams/);
  });
});

describe('embeddedAuthServerBuildProblem', () => {
  it('accepts delegate clients, JWT-bearer bindings and baseline scopes within what the workload offers', () => {
    const c = cfg({
      baselineClientScopes: ['openid'],
      delegateClients: [
        {
          clientId: 'agent',
          clientSecretRef: { name: 's', key: 'k' },
          scopes: ['openid'],
          audiences: ['https://w.example.com/mcp'],
        },
      ],
      trustedIssuers: [
        {
          issuerUrl: 'https://idp.partner.example.com',
          jwtBearerGrant: {
            maxAssertionAge: '5m',
            acceptedAudiences: ['https://auth.example.com/oauth/token'],
            subjectBindings: [{ subject: 'svc', allowedResources: ['https://w.example.com/mcp'] }],
          },
        },
      ],
    });
    expect(embeddedAuthServerBuildProblem(c, ctx)).toBeUndefined();
  });

  it('is applied by buildAuthServerRunConfig, with the default scopes when the workload names none', () => {
    const c = cfg({ baselineClientScopes: ['profile'] });
    expect(() =>
      buildAuthServerRunConfig('ns', 'w', c, ['https://w.example.com/mcp'], undefined, ''),
    ).not.toThrow();
    expect(() =>
      buildAuthServerRunConfig('ns', 'w', c, ['https://w.example.com/mcp'], ['openid'], ''),
    ).toThrow(AuthServerConfigError);
    expect(() =>
      buildAuthServerRunConfig(
        'ns',
        'w',
        cfg({ upstreamProviders: [oidc('a'), oidc('a')] }),
        ['x'],
        undefined,
        '',
      ),
    ).toThrow(/duplicate name "a"/);
  });
});
