/**
 * One invalid resource per CEL rule occurrence (all 76 across the 14 kinds): an example from
 * examples/ with a patch that breaks the rule, and every message the API server returns for it,
 * written out. The rule's own message is among them, on the node that carries the rule.
 */
import type { InvalidCase } from './invalid-case.ts';

export const CASES: InvalidCase[] = [
  {
    name: 'MCPServer spec: authzConfig and authzConfigRef are mutually exclusive; use authzConfigRef to reference a shared MCPAuthzConfig',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [
      ['set', ['spec', 'authzConfig'], { type: 'configMap', configMap: { name: 'p' } }],
      ['set', ['spec', 'authzConfigRef'], { name: 'a' }],
    ],
    expected: [
      'spec: Invalid value: "object": authzConfig and authzConfigRef are mutually exclusive; use authzConfigRef to reference a shared MCPAuthzConfig',
    ],
  },
  {
    name: "MCPServer spec: rateLimiting requires sessionStorage with provider 'redis'",
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'rateLimiting'], { shared: { maxTokens: 1, refillPeriod: '1m' } }]],
    expected: ['spec: Invalid value: "object": rateLimiting requires sessionStorage with provider \'redis\''],
  },
  {
    name: 'MCPServer spec: rateLimiting.perUser requires authentication (oidcConfigRef or externalAuthConfigRef)',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [
      ['set', ['spec', 'rateLimiting'], { perUser: { maxTokens: 1, refillPeriod: '1m' } }],
      ['set', ['spec', 'sessionStorage'], { provider: 'redis', address: 'redis:6379' }],
    ],
    expected: [
      'spec: Invalid value: "object": rateLimiting.perUser requires authentication (oidcConfigRef or externalAuthConfigRef)',
    ],
  },
  {
    name: 'MCPServer spec: per-tool perUser rate limiting requires authentication (oidcConfigRef or externalAuthConfigRef)',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [
      [
        'set',
        ['spec', 'rateLimiting'],
        { tools: [{ name: 't', perUser: { maxTokens: 1, refillPeriod: '1m' } }] },
      ],
      ['set', ['spec', 'sessionStorage'], { provider: 'redis', address: 'redis:6379' }],
    ],
    expected: [
      'spec: Invalid value: "object": per-tool perUser rate limiting requires authentication (oidcConfigRef or externalAuthConfigRef)',
    ],
  },
  {
    name: "MCPServer spec.authzConfig: configMap must be set when type is 'configMap', and must not be set otherwise",
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'authzConfig'], { type: 'configMap' }]],
    expected: [
      'spec.authzConfig: Invalid value: "object": configMap must be set when type is \'configMap\', and must not be set otherwise',
    ],
  },
  {
    name: "MCPServer spec.authzConfig: inline must be set when type is 'inline', and must not be set otherwise",
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'authzConfig'], { type: 'inline' }]],
    expected: [
      'spec.authzConfig: Invalid value: "object": inline must be set when type is \'inline\', and must not be set otherwise',
    ],
  },
  {
    name: 'MCPServer spec.sessionStorage: address is required',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'sessionStorage'], { provider: 'redis' }]],
    expected: ['spec.sessionStorage: Invalid value: "object": address is required'],
  },
  {
    name: 'MCPServer spec.rateLimiting: at least one of shared, perUser, or tools must be configured',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'rateLimiting'], {}]],
    expected: [
      'spec: Invalid value: "object": rateLimiting requires sessionStorage with provider \'redis\'',
      'spec.rateLimiting: Invalid value: "object": at least one of shared, perUser, or tools must be configured',
    ],
  },
  {
    name: 'MCPServer spec.rateLimiting.tools[0]: at least one of shared or perUser must be configured',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'rateLimiting'], { tools: [{ name: 'abc' }] }]],
    expected: [
      'spec: Invalid value: "object": rateLimiting requires sessionStorage with provider \'redis\'',
      'spec.rateLimiting.tools[0]: Invalid value: "object": at least one of shared or perUser must be configured',
    ],
  },
  {
    name: 'MCPRemoteProxy spec: authzConfig and authzConfigRef are mutually exclusive; use authzConfigRef to reference a shared MCPAuthzConfig',
    base: 'external-auth/remote-proxy-with-auth-server.yaml#4',
    patch: [
      ['set', ['spec', 'authzConfig'], { type: 'configMap', configMap: { name: 'p' } }],
      ['set', ['spec', 'authzConfigRef'], { name: 'a' }],
    ],
    expected: [
      'spec: Invalid value: "object": authzConfig and authzConfigRef are mutually exclusive; use authzConfigRef to reference a shared MCPAuthzConfig',
    ],
  },
  {
    name: "MCPRemoteProxy spec.authzConfig: configMap must be set when type is 'configMap', and must not be set otherwise",
    base: 'external-auth/remote-proxy-with-auth-server.yaml#4',
    patch: [['set', ['spec', 'authzConfig'], { type: 'configMap' }]],
    expected: [
      'spec.authzConfig: Invalid value: "object": configMap must be set when type is \'configMap\', and must not be set otherwise',
    ],
  },
  {
    name: "MCPRemoteProxy spec.authzConfig: inline must be set when type is 'inline', and must not be set otherwise",
    base: 'external-auth/remote-proxy-with-auth-server.yaml#4',
    patch: [['set', ['spec', 'authzConfig'], { type: 'inline' }]],
    expected: [
      'spec.authzConfig: Invalid value: "object": inline must be set when type is \'inline\', and must not be set otherwise',
    ],
  },
  {
    name: 'MCPRemoteProxy spec.sessionStorage: address is required',
    base: 'external-auth/remote-proxy-with-auth-server.yaml#4',
    patch: [['set', ['spec', 'sessionStorage'], { provider: 'redis' }]],
    expected: ['spec.sessionStorage: Invalid value: "object": address is required'],
  },
  {
    name: "MCPOIDCConfig spec: kubernetesServiceAccount must be set when type is 'kubernetesServiceAccount', and must not be set otherwise",
    base: 'config/authz-config-ref.yaml#1',
    patch: [
      ['delete', ['spec', 'inline']],
      ['set', ['spec', 'type'], 'kubernetesServiceAccount'],
    ],
    expected: [
      'spec: Invalid value: "object": kubernetesServiceAccount must be set when type is \'kubernetesServiceAccount\', and must not be set otherwise',
    ],
  },
  {
    name: "MCPOIDCConfig spec: inline must be set when type is 'inline', and must not be set otherwise",
    base: 'config/authz-config-ref.yaml#1',
    patch: [['delete', ['spec', 'inline']]],
    expected: [
      'spec: Invalid value: "object": inline must be set when type is \'inline\', and must not be set otherwise',
    ],
  },
  {
    name: 'MCPTelemetryConfig spec.openTelemetry: a header name cannot appear in both headers and sensitiveHeaders',
    base: 'config/telemetry.yaml#1',
    patch: [
      ['delete', ['spec', 'openTelemetry', 'headers', 'x-tenant']],
      ['set', ['spec', 'openTelemetry', 'headers', 'X-A'], '1'],
      [
        'set',
        ['spec', 'openTelemetry', 'sensitiveHeaders'],
        [{ name: 'X-A', secretKeyRef: { key: 'abc', name: 'abc' } }],
      ],
    ],
    expected: [
      'spec.openTelemetry: Invalid value: "object": a header name cannot appear in both headers and sensitiveHeaders',
    ],
  },
  {
    name: 'MCPWebhookConfig spec: at least one validating or mutating webhook must be defined',
    base: 'config/webhook.yaml#1',
    patch: [
      ['delete', ['spec', 'mutating']],
      ['delete', ['spec', 'validating']],
    ],
    expected: ['spec: Invalid value: "object": at least one validating or mutating webhook must be defined'],
  },
  {
    name: "MCPExternalAuthConfig spec: tokenExchange configuration must be set if and only if type is 'tokenExchange'",
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      ['delete', ['spec', 'awsSts']],
      ['set', ['spec', 'type'], 'tokenExchange'],
    ],
    expected: [
      'spec: Invalid value: "object": tokenExchange configuration must be set if and only if type is \'tokenExchange\'',
    ],
  },
  {
    name: "MCPExternalAuthConfig spec: headerInjection configuration must be set if and only if type is 'headerInjection'",
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      ['delete', ['spec', 'awsSts']],
      ['set', ['spec', 'type'], 'headerInjection'],
    ],
    expected: [
      'spec: Invalid value: "object": headerInjection configuration must be set if and only if type is \'headerInjection\'',
    ],
  },
  {
    name: "MCPExternalAuthConfig spec: bearerToken configuration must be set if and only if type is 'bearerToken'",
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      ['delete', ['spec', 'awsSts']],
      ['set', ['spec', 'type'], 'bearerToken'],
    ],
    expected: [
      'spec: Invalid value: "object": bearerToken configuration must be set if and only if type is \'bearerToken\'',
    ],
  },
  {
    name: "MCPExternalAuthConfig spec: embeddedAuthServer configuration must be set if and only if type is 'embeddedAuthServer'",
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      ['delete', ['spec', 'awsSts']],
      ['set', ['spec', 'type'], 'embeddedAuthServer'],
    ],
    expected: [
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
    ],
  },
  {
    name: "MCPExternalAuthConfig spec: awsSts configuration must be set if and only if type is 'awsSts'",
    base: 'external-auth/aws-sts.yaml#0',
    patch: [['delete', ['spec', 'awsSts']]],
    expected: [
      'spec: Invalid value: "object": awsSts configuration must be set if and only if type is \'awsSts\'',
    ],
  },
  {
    name: "MCPExternalAuthConfig spec: upstreamInject configuration must be set if and only if type is 'upstreamInject'",
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      ['delete', ['spec', 'awsSts']],
      ['set', ['spec', 'type'], 'upstreamInject'],
    ],
    expected: [
      'spec: Invalid value: "object": upstreamInject configuration must be set if and only if type is \'upstreamInject\'',
    ],
  },
  {
    name: "MCPExternalAuthConfig spec: obo configuration must be set if and only if type is 'obo'",
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      ['delete', ['spec', 'awsSts']],
      ['set', ['spec', 'type'], 'obo'],
    ],
    expected: ['spec: Invalid value: "object": obo configuration must be set if and only if type is \'obo\''],
  },
  {
    name: "MCPExternalAuthConfig spec: xaa configuration must be set if and only if type is 'xaa'",
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      ['delete', ['spec', 'awsSts']],
      ['set', ['spec', 'type'], 'xaa'],
    ],
    expected: ['spec: Invalid value: "object": xaa configuration must be set if and only if type is \'xaa\''],
  },
  {
    name: "MCPExternalAuthConfig spec: no configuration must be set when type is 'unauthenticated'",
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      ['delete', ['spec', 'awsSts']],
      ['set', ['spec', 'type'], 'unauthenticated'],
      [
        'set',
        ['spec', 'headerInjection'],
        { headerName: 'abc', valueSecretRef: { key: 'abc', name: 'abc' } },
      ],
    ],
    expected: [
      'spec: Invalid value: "object": headerInjection configuration must be set if and only if type is \'headerInjection\'',
      'spec: Invalid value: "object": no configuration must be set when type is \'unauthenticated\'',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer: allowConfidentialClientRegistration cannot be combined with insecureAllowHTTP; client secrets would be issued in cleartext over an unauthenticated endpoint',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          allowConfidentialClientRegistration: true,
          insecureAllowHTTP: true,
        },
      ],
    ],
    expected: [
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      'spec.embeddedAuthServer: Invalid value: "object": allowConfidentialClientRegistration cannot be combined with insecureAllowHTTP; client secrets would be issued in cleartext over an unauthenticated endpoint',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer: delegateClients require an https:// issuer; delegate client secrets must not be sent over plaintext HTTP',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'http://issuer.example.com',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          delegateClients: [
            {
              audiences: ['abc'],
              clientId: 'abc',
              clientSecretRef: { key: 'abc', name: 'abc' },
              scopes: ['abc'],
            },
          ],
        },
      ],
    ],
    expected: [
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      'spec.embeddedAuthServer: Invalid value: "object": delegateClients require an https:// issuer; delegate client secrets must not be sent over plaintext HTTP',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer: forceConfidentialRedirectUris requires allowConfidentialClientRegistration to be true',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          forceConfidentialRedirectUris: ['https://example.com/x'],
        },
      ],
    ],
    expected: [
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      'spec.embeddedAuthServer: Invalid value: "object": forceConfidentialRedirectUris requires allowConfidentialClientRegistration to be true',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.delegateClients[0]: clientSecretRef.name and clientSecretRef.key are required and must be non-empty',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          delegateClients: [
            { audiences: ['abc'], clientId: 'abc', clientSecretRef: { key: 'k', name: '' }, scopes: ['abc'] },
          ],
        },
      ],
    ],
    expected: [
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      'spec.embeddedAuthServer.delegateClients[0]: Invalid value: "object": clientSecretRef.name and clientSecretRef.key are required and must be non-empty',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.storage.redis: exactly one of addr or sentinelConfig must be set',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          storage: { redis: { aclUserConfig: { passwordSecretRef: { key: 'abc', name: 'abc' } } } },
        },
      ],
    ],
    expected: [
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      'spec.embeddedAuthServer.storage.redis: Invalid value: "object": exactly one of addr or sentinelConfig must be set',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.storage.redis: clusterMode requires addr to be set',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          storage: {
            redis: {
              aclUserConfig: { passwordSecretRef: { key: 'abc', name: 'abc' } },
              clusterMode: true,
              sentinelConfig: { masterName: 'abc' },
            },
          },
        },
      ],
    ],
    expected: [
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      'spec.embeddedAuthServer.storage.redis: Invalid value: "object": clusterMode requires addr to be set',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.trustedIssuers[0]: allowedDelegateClients must not combine the wildcard "*" with specific client IDs',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          trustedIssuers: [{ issuerUrl: 'abc', allowedDelegateClients: ['*', 'other'] }],
        },
      ],
    ],
    expected: [
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      'spec.embeddedAuthServer.trustedIssuers[0]: Invalid value: "object": allowedDelegateClients must not combine the wildcard "*" with specific client IDs',
      'spec.embeddedAuthServer.trustedIssuers[0]: Invalid value: "object": expectedAudience is required unless jwtBearerGrant is configured without actorClaim, actorMatcher, allowMayAct, or allowedActors',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.trustedIssuers[0]: allowMayAct must not be enabled when allowedDelegateClients contains the wildcard "*"',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          trustedIssuers: [
            { issuerUrl: 'abc', allowMayAct: true, allowedDelegateClients: ['*'], expectedAudience: 'aud' },
          ],
        },
      ],
    ],
    expected: [
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      'spec.embeddedAuthServer.trustedIssuers[0]: Invalid value: "object": allowMayAct must not be enabled when allowedDelegateClients contains the wildcard "*"',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.trustedIssuers[0]: actorClaim must name a readable claim; use client_id or a non-reserved claim such as azp, appid, or cid',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          trustedIssuers: [
            { issuerUrl: 'abc', actorClaim: 'sub', allowedDelegateClients: ['c'], expectedAudience: 'aud' },
          ],
        },
      ],
    ],
    expected: [
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      'spec.embeddedAuthServer.trustedIssuers[0]: Invalid value: "object": actorClaim must name a readable claim; use client_id or a non-reserved claim such as azp, appid, or cid',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.trustedIssuers[0]: allowPrivateIPs requires jwksUrl to be set explicitly',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          trustedIssuers: [{ issuerUrl: 'abc', allowPrivateIPs: true }],
        },
      ],
    ],
    expected: [
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      'spec.embeddedAuthServer.trustedIssuers[0]: Invalid value: "object": allowPrivateIPs requires jwksUrl to be set explicitly',
      'spec.embeddedAuthServer.trustedIssuers[0]: Invalid value: "object": expectedAudience is required unless jwtBearerGrant is configured without actorClaim, actorMatcher, allowMayAct, or allowedActors',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.trustedIssuers[0]: expectedAudience is required unless jwtBearerGrant is configured without actorClaim, actorMatcher, allowMayAct, or allowedActors',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          trustedIssuers: [{ issuerUrl: 'abc' }],
        },
      ],
    ],
    expected: [
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      'spec.embeddedAuthServer.trustedIssuers[0]: Invalid value: "object": expectedAudience is required unless jwtBearerGrant is configured without actorClaim, actorMatcher, allowMayAct, or allowedActors',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.trustedIssuers[0]: allowedDelegateClients is required when expectedAudience, actorClaim, actorMatcher, or allowMayAct is set',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          trustedIssuers: [{ issuerUrl: 'abc', expectedAudience: 'aud' }],
        },
      ],
    ],
    expected: [
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      'spec.embeddedAuthServer.trustedIssuers[0]: Invalid value: "object": allowedDelegateClients is required when expectedAudience, actorClaim, actorMatcher, or allowMayAct is set',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant: maxAssertionAge must be greater than zero',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          trustedIssuers: [
            {
              issuerUrl: 'abc',
              jwtBearerGrant: {
                maxAssertionAge: '0s',
                subjectBindings: [{ allowedResources: ['https://example.com/x'], subject: 'abc' }],
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      'spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant: Invalid value: "object": maxAssertionAge must be greater than zero',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant: subjectBindings must not contain duplicate subjects',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          trustedIssuers: [
            {
              issuerUrl: 'abc',
              jwtBearerGrant: {
                maxAssertionAge: 'abc',
                subjectBindings: [
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                ],
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      "spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant: Invalid value: \"object\": type conversion error from 'string' to 'google.protobuf.Duration' evaluating rule: maxAssertionAge must be greater than zero",
      'spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant: Invalid value: "object": subjectBindings must not contain duplicate subjects',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: "MCPExternalAuthConfig spec.embeddedAuthServer.upstreamProviders[0]: type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        { issuer: 'https://example.com/x', upstreamProviders: [{ name: 'abc', type: 'oidc' }] },
      ],
    ],
    expected: [
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.upstreamProviders[0].oauth2Config: exactly one of clientId or dcrConfig must be set',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [
            {
              name: 'abc',
              type: 'oidc',
              oauth2Config: {
                authorizationEndpoint: 'https://example.com/x',
                tokenEndpoint: 'https://example.com/x',
                clientId: 'c',
                dcrConfig: {},
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
      'spec.embeddedAuthServer.upstreamProviders[0].oauth2Config: Invalid value: "object": exactly one of clientId or dcrConfig must be set',
      'spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.dcrConfig: Invalid value: "object": exactly one of discoveryUrl or registrationEndpoint must be set',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.upstreamProviders[0].oauth2Config: clientSecretRef must not be set when dcrConfig is set; the client_secret is obtained at runtime via Dynamic Client Registration',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [
            {
              name: 'abc',
              type: 'oidc',
              oauth2Config: {
                authorizationEndpoint: 'https://example.com/x',
                tokenEndpoint: 'https://example.com/x',
                dcrConfig: { discoveryUrl: 'https://example.com/x' },
                clientSecretRef: { key: 'abc', name: 'abc' },
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
      'spec.embeddedAuthServer.upstreamProviders[0].oauth2Config: Invalid value: "object": clientSecretRef must not be set when dcrConfig is set; the client_secret is obtained at runtime via Dynamic Client Registration',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.dcrConfig: exactly one of discoveryUrl or registrationEndpoint must be set',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [
            {
              name: 'abc',
              type: 'oidc',
              oauth2Config: {
                authorizationEndpoint: 'https://example.com/x',
                tokenEndpoint: 'https://example.com/x',
                dcrConfig: {},
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
      'spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.dcrConfig: Invalid value: "object": exactly one of discoveryUrl or registrationEndpoint must be set',
    ],
  },
  {
    name: "VirtualMCPServer spec: config.rateLimiting requires sessionStorage with provider 'redis'",
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'config', 'rateLimiting'], { shared: { maxTokens: 1, refillPeriod: '1m' } }]],
    expected: [
      'spec: Invalid value: "object": config.rateLimiting requires sessionStorage with provider \'redis\'',
    ],
  },
  {
    name: 'VirtualMCPServer spec: config.rateLimiting.perUser requires incomingAuth.type oidc',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      ['set', ['spec', 'config', 'rateLimiting'], { perUser: { maxTokens: 1, refillPeriod: '1m' } }],
      ['set', ['spec', 'sessionStorage'], { provider: 'redis', address: 'redis:6379' }],
    ],
    expected: ['spec: Invalid value: "object": config.rateLimiting.perUser requires incomingAuth.type oidc'],
  },
  {
    name: 'VirtualMCPServer spec: per-tool perUser rate limiting requires incomingAuth.type oidc',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'config', 'rateLimiting'],
        { tools: [{ name: 't', perUser: { maxTokens: 1, refillPeriod: '1m' } }] },
      ],
      ['set', ['spec', 'sessionStorage'], { provider: 'redis', address: 'redis:6379' }],
    ],
    expected: [
      'spec: Invalid value: "object": per-tool perUser rate limiting requires incomingAuth.type oidc',
    ],
  },
  {
    name: "VirtualMCPServer spec: embeddingServerRef provisions a managed TEI server and cannot be combined with optimizer.embeddingProvider 'openai'; openai mode uses embeddingService directly",
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      ['set', ['spec', 'config', 'optimizer'], { embeddingProvider: 'openai' }],
      ['set', ['spec', 'embeddingServerRef'], { name: 'e' }],
    ],
    expected: [
      'spec: Invalid value: "object": embeddingServerRef provisions a managed TEI server and cannot be combined with optimizer.embeddingProvider \'openai\'; openai mode uses embeddingService directly',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig: allowConfidentialClientRegistration cannot be combined with insecureAllowHTTP; client secrets would be issued in cleartext over an unauthenticated endpoint',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          allowConfidentialClientRegistration: true,
          insecureAllowHTTP: true,
        },
      ],
    ],
    expected: [
      'spec.authServerConfig: Invalid value: "object": allowConfidentialClientRegistration cannot be combined with insecureAllowHTTP; client secrets would be issued in cleartext over an unauthenticated endpoint',
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig: delegateClients require an https:// issuer; delegate client secrets must not be sent over plaintext HTTP',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'http://issuer.example.com',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          delegateClients: [
            {
              audiences: ['abc'],
              clientId: 'abc',
              clientSecretRef: { key: 'abc', name: 'abc' },
              scopes: ['abc'],
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig: Invalid value: "object": delegateClients require an https:// issuer; delegate client secrets must not be sent over plaintext HTTP',
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig: forceConfidentialRedirectUris requires allowConfidentialClientRegistration to be true',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          forceConfidentialRedirectUris: ['https://example.com/x'],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig: Invalid value: "object": forceConfidentialRedirectUris requires allowConfidentialClientRegistration to be true',
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.delegateClients[0]: clientSecretRef.name and clientSecretRef.key are required and must be non-empty',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          delegateClients: [
            { audiences: ['abc'], clientId: 'abc', clientSecretRef: { key: 'k', name: '' }, scopes: ['abc'] },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.delegateClients[0]: Invalid value: "object": clientSecretRef.name and clientSecretRef.key are required and must be non-empty',
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.storage.redis: exactly one of addr or sentinelConfig must be set',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          storage: { redis: { aclUserConfig: { passwordSecretRef: { key: 'abc', name: 'abc' } } } },
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.storage.redis: Invalid value: "object": exactly one of addr or sentinelConfig must be set',
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.storage.redis: clusterMode requires addr to be set',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          storage: {
            redis: {
              aclUserConfig: { passwordSecretRef: { key: 'abc', name: 'abc' } },
              clusterMode: true,
              sentinelConfig: { masterName: 'abc' },
            },
          },
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.storage.redis: Invalid value: "object": clusterMode requires addr to be set',
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.trustedIssuers[0]: allowedDelegateClients must not combine the wildcard "*" with specific client IDs',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          trustedIssuers: [{ issuerUrl: 'abc', allowedDelegateClients: ['*', 'other'] }],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.trustedIssuers[0]: Invalid value: "object": allowedDelegateClients must not combine the wildcard "*" with specific client IDs',
      'spec.authServerConfig.trustedIssuers[0]: Invalid value: "object": expectedAudience is required unless jwtBearerGrant is configured without actorClaim, actorMatcher, allowMayAct, or allowedActors',
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.trustedIssuers[0]: allowMayAct must not be enabled when allowedDelegateClients contains the wildcard "*"',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          trustedIssuers: [
            { issuerUrl: 'abc', allowMayAct: true, allowedDelegateClients: ['*'], expectedAudience: 'aud' },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.trustedIssuers[0]: Invalid value: "object": allowMayAct must not be enabled when allowedDelegateClients contains the wildcard "*"',
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.trustedIssuers[0]: actorClaim must name a readable claim; use client_id or a non-reserved claim such as azp, appid, or cid',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          trustedIssuers: [
            { issuerUrl: 'abc', actorClaim: 'sub', allowedDelegateClients: ['c'], expectedAudience: 'aud' },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.trustedIssuers[0]: Invalid value: "object": actorClaim must name a readable claim; use client_id or a non-reserved claim such as azp, appid, or cid',
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.trustedIssuers[0]: allowPrivateIPs requires jwksUrl to be set explicitly',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          trustedIssuers: [{ issuerUrl: 'abc', allowPrivateIPs: true }],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.trustedIssuers[0]: Invalid value: "object": allowPrivateIPs requires jwksUrl to be set explicitly',
      'spec.authServerConfig.trustedIssuers[0]: Invalid value: "object": expectedAudience is required unless jwtBearerGrant is configured without actorClaim, actorMatcher, allowMayAct, or allowedActors',
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.trustedIssuers[0]: expectedAudience is required unless jwtBearerGrant is configured without actorClaim, actorMatcher, allowMayAct, or allowedActors',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          trustedIssuers: [{ issuerUrl: 'abc' }],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.trustedIssuers[0]: Invalid value: "object": expectedAudience is required unless jwtBearerGrant is configured without actorClaim, actorMatcher, allowMayAct, or allowedActors',
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.trustedIssuers[0]: allowedDelegateClients is required when expectedAudience, actorClaim, actorMatcher, or allowMayAct is set',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          trustedIssuers: [{ issuerUrl: 'abc', expectedAudience: 'aud' }],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.trustedIssuers[0]: Invalid value: "object": allowedDelegateClients is required when expectedAudience, actorClaim, actorMatcher, or allowMayAct is set',
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.trustedIssuers[0].jwtBearerGrant: maxAssertionAge must be greater than zero',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          trustedIssuers: [
            {
              issuerUrl: 'abc',
              jwtBearerGrant: {
                maxAssertionAge: '0s',
                subjectBindings: [{ allowedResources: ['https://example.com/x'], subject: 'abc' }],
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.trustedIssuers[0].jwtBearerGrant: Invalid value: "object": maxAssertionAge must be greater than zero',
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.trustedIssuers[0].jwtBearerGrant: subjectBindings must not contain duplicate subjects',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          trustedIssuers: [
            {
              issuerUrl: 'abc',
              jwtBearerGrant: {
                maxAssertionAge: 'abc',
                subjectBindings: [
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                ],
              },
            },
          ],
        },
      ],
    ],
    expected: [
      "spec.authServerConfig.trustedIssuers[0].jwtBearerGrant: Invalid value: \"object\": type conversion error from 'string' to 'google.protobuf.Duration' evaluating rule: maxAssertionAge must be greater than zero",
      'spec.authServerConfig.trustedIssuers[0].jwtBearerGrant: Invalid value: "object": subjectBindings must not contain duplicate subjects',
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: "VirtualMCPServer spec.authServerConfig.upstreamProviders[0]: type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        { issuer: 'https://example.com/x', upstreamProviders: [{ name: 'abc', type: 'oidc' }] },
      ],
    ],
    expected: [
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.upstreamProviders[0].oauth2Config: exactly one of clientId or dcrConfig must be set',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [
            {
              name: 'abc',
              type: 'oidc',
              oauth2Config: {
                authorizationEndpoint: 'https://example.com/x',
                tokenEndpoint: 'https://example.com/x',
                clientId: 'c',
                dcrConfig: {},
              },
            },
          ],
        },
      ],
    ],
    expected: [
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
      'spec.authServerConfig.upstreamProviders[0].oauth2Config: Invalid value: "object": exactly one of clientId or dcrConfig must be set',
      'spec.authServerConfig.upstreamProviders[0].oauth2Config.dcrConfig: Invalid value: "object": exactly one of discoveryUrl or registrationEndpoint must be set',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.upstreamProviders[0].oauth2Config: clientSecretRef must not be set when dcrConfig is set; the client_secret is obtained at runtime via Dynamic Client Registration',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [
            {
              name: 'abc',
              type: 'oidc',
              oauth2Config: {
                authorizationEndpoint: 'https://example.com/x',
                tokenEndpoint: 'https://example.com/x',
                dcrConfig: { discoveryUrl: 'https://example.com/x' },
                clientSecretRef: { key: 'abc', name: 'abc' },
              },
            },
          ],
        },
      ],
    ],
    expected: [
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
      'spec.authServerConfig.upstreamProviders[0].oauth2Config: Invalid value: "object": clientSecretRef must not be set when dcrConfig is set; the client_secret is obtained at runtime via Dynamic Client Registration',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.upstreamProviders[0].oauth2Config.dcrConfig: exactly one of discoveryUrl or registrationEndpoint must be set',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [
            {
              name: 'abc',
              type: 'oidc',
              oauth2Config: {
                authorizationEndpoint: 'https://example.com/x',
                tokenEndpoint: 'https://example.com/x',
                dcrConfig: {},
              },
            },
          ],
        },
      ],
    ],
    expected: [
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
      'spec.authServerConfig.upstreamProviders[0].oauth2Config.dcrConfig: Invalid value: "object": exactly one of discoveryUrl or registrationEndpoint must be set',
    ],
  },
  {
    name: 'VirtualMCPServer spec.config.operational.failureHandling.circuitBreaker.timeout: timeout must be >= 1s',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'config', 'operational'],
        { failureHandling: { circuitBreaker: { timeout: '500ms' } } },
      ],
    ],
    expected: [
      'spec.config.operational.failureHandling.circuitBreaker.timeout: Invalid value: "string": timeout must be >= 1s',
    ],
  },
  {
    name: "VirtualMCPServer spec.config.optimizer: embeddingHeaders is only supported when embeddingProvider is 'openai'",
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'config', 'optimizer'],
        { embeddingHeaders: { 'X-A': 'v' }, embeddingProvider: 'tei' },
      ],
    ],
    expected: [
      'spec.config.optimizer: Invalid value: "object": embeddingHeaders is only supported when embeddingProvider is \'openai\'',
    ],
  },
  {
    name: 'VirtualMCPServer spec.config.optimizer: embeddingHeaders names must be valid HTTP header names and must not include Authorization or Content-Type',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'config', 'optimizer'],
        { embeddingHeaders: { Authorization: 'v' }, embeddingProvider: 'openai' },
      ],
    ],
    expected: [
      'spec.config.optimizer: Invalid value: "object": embeddingHeaders names must be valid HTTP header names and must not include Authorization or Content-Type',
    ],
  },
  {
    name: 'VirtualMCPServer spec.config.rateLimiting: at least one of shared, perUser, or tools must be configured',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'config', 'rateLimiting'], {}]],
    expected: [
      'spec: Invalid value: "object": config.rateLimiting requires sessionStorage with provider \'redis\'',
      'spec.config.rateLimiting: Invalid value: "object": at least one of shared, perUser, or tools must be configured',
    ],
  },
  {
    name: 'VirtualMCPServer spec.config.rateLimiting.tools[0]: at least one of shared or perUser must be configured',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'config', 'rateLimiting'], { tools: [{ name: 'abc' }] }]],
    expected: [
      'spec: Invalid value: "object": config.rateLimiting requires sessionStorage with provider \'redis\'',
      'spec.config.rateLimiting.tools[0]: Invalid value: "object": at least one of shared or perUser must be configured',
    ],
  },
  {
    name: 'VirtualMCPServer spec.incomingAuth: spec.incomingAuth.oidcConfigRef is required when type is oidc',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'incomingAuth', 'type'], 'oidc']],
    expected: [
      'spec.incomingAuth: Invalid value: "object": spec.incomingAuth.oidcConfigRef is required when type is oidc',
    ],
  },
  {
    name: 'VirtualMCPServer spec.incomingAuth: authzConfig and authzConfigRef are mutually exclusive; use authzConfigRef to reference a shared MCPAuthzConfig',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      ['set', ['spec', 'incomingAuth', 'authzConfig'], { type: 'configMap', configMap: { name: 'p' } }],
      ['set', ['spec', 'incomingAuth', 'authzConfigRef'], { name: 'a' }],
    ],
    expected: [
      'spec.incomingAuth: Invalid value: "object": authzConfig and authzConfigRef are mutually exclusive; use authzConfigRef to reference a shared MCPAuthzConfig',
    ],
  },
  {
    name: "VirtualMCPServer spec.incomingAuth.authzConfig: configMap must be set when type is 'configMap', and must not be set otherwise",
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'incomingAuth', 'authzConfig'], { type: 'configMap' }]],
    expected: [
      'spec.incomingAuth.authzConfig: Invalid value: "object": configMap must be set when type is \'configMap\', and must not be set otherwise',
    ],
  },
  {
    name: "VirtualMCPServer spec.incomingAuth.authzConfig: inline must be set when type is 'inline', and must not be set otherwise",
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'incomingAuth', 'authzConfig'], { type: 'inline' }]],
    expected: [
      'spec.incomingAuth.authzConfig: Invalid value: "object": inline must be set when type is \'inline\', and must not be set otherwise',
    ],
  },
  {
    name: 'VirtualMCPServer spec.sessionStorage: address is required',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'sessionStorage'], { provider: 'redis' }]],
    expected: ['spec.sessionStorage: Invalid value: "object": address is required'],
  },
];
