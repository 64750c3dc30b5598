import { describe, expect, it } from 'vitest';
import { kindByName } from '../../../lib/api/kinds.ts';
import {
  EXTERNAL_AUTH_TYPES,
  mcpExternalAuthConfigKind as kind,
} from '../../../lib/api/mcp-external-auth-config.ts';
import { embeddedAuthServerConfig } from '../../../lib/api/shared/embedded-auth-server.ts';
import { toCustomResourceDefinition } from '../../../lib/schema/crd.ts';
import { typeNameOf } from '../../../lib/schema/dsl.ts';
import { celMessages, celRules, preserved, schemaAt } from './schema-paths.ts';

describe('MCPExternalAuthConfig kind', () => {
  it('is registered with its names, short names and category', () => {
    expect(kindByName('MCPExternalAuthConfig')).toBe(kind);
    expect(kind.plural).toBe('mcpexternalauthconfigs');
    expect(kind.shortNames).toEqual(['extauth', 'mcpextauth']);
    expect(kind.categories).toEqual(['toolhive']);
  });

  it('serves v1beta1 as storage and v1alpha1 as a deprecated alias with the same schema', () => {
    const crd = toCustomResourceDefinition(kind);
    expect(crd.spec.versions.map((v) => [v.name, v.storage, v.deprecated ?? false])).toEqual([
      ['v1alpha1', false, true],
      ['v1beta1', true, false],
    ]);
    expect(crd.spec.versions[0]?.deprecationWarning).toBe(
      'toolhive.stacklok.dev/v1alpha1 is deprecated; use v1beta1',
    );
    const [alpha, beta] = crd.spec.versions.map((v) => v.schema.openAPIV3Schema.properties);
    expect(alpha).toEqual(beta);
  });

  it('prints Type, Valid and Age', () => {
    expect(kind.printerColumns.map((c) => [c.name, c.jsonPath])).toEqual([
      ['Type', '.spec.type'],
      ['Valid', ".status.conditions[?(@.type=='Valid')].status"],
      ['Age', '.metadata.creationTimestamp'],
    ]);
  });

  it('requires type, one of the nine ToolHive auth types', () => {
    expect(kind.spec.required).toEqual(['type']);
    expect(schemaAt(kind, 'spec.type').enum).toEqual([...EXTERNAL_AUTH_TYPES]);
    expect(EXTERNAL_AUTH_TYPES).toHaveLength(9);
  });

  it('ties each sub-object to its type with the discriminated-union rules, in ToolHive order', () => {
    const rules = celRules(kind, 'spec');
    expect(rules).toHaveLength(9);
    expect(rules[0]).toEqual([
      "self.type == 'tokenExchange' ? has(self.tokenExchange) : !has(self.tokenExchange)",
      "tokenExchange configuration must be set if and only if type is 'tokenExchange'",
    ]);
    expect(rules.map(([, m]) => m)).toEqual([
      "tokenExchange configuration must be set if and only if type is 'tokenExchange'",
      "headerInjection configuration must be set if and only if type is 'headerInjection'",
      "bearerToken configuration must be set if and only if type is 'bearerToken'",
      "embeddedAuthServer configuration must be set if and only if type is 'embeddedAuthServer'",
      "awsSts configuration must be set if and only if type is 'awsSts'",
      "upstreamInject configuration must be set if and only if type is 'upstreamInject'",
      "obo configuration must be set if and only if type is 'obo'",
      "xaa configuration must be set if and only if type is 'xaa'",
      "no configuration must be set when type is 'unauthenticated'",
    ]);
    expect(rules[8]?.[0]).toBe(
      "self.type == 'unauthenticated' ? (!has(self.tokenExchange) && !has(self.headerInjection) && " +
        '!has(self.bearerToken) && !has(self.embeddedAuthServer) && !has(self.awsSts) && ' +
        '!has(self.upstreamInject) && !has(self.obo) && !has(self.xaa)) : true',
    );
  });

  it('fills the AWS STS defaults and bounds the session duration', () => {
    const sts = 'spec.awsSts';
    expect(schemaAt(kind, sts).required).toEqual(['region']);
    expect(schemaAt(kind, `${sts}.roleClaim`).default).toBe('groups');
    expect(schemaAt(kind, `${sts}.service`).default).toBe('aws-mcp');
    expect(schemaAt(kind, `${sts}.sessionNameClaim`).default).toBe('sub');
    expect(schemaAt(kind, `${sts}.sessionDuration`)).toMatchObject({
      default: 3600,
      minimum: 900,
      maximum: 43200,
    });
    expect(schemaAt(kind, `${sts}.roleMappings`)['x-kubernetes-list-type']).toBe('atomic');
  });

  it('keeps obo free of required fields, so the historical `obo: {}` stays valid', () => {
    expect(schemaAt(kind, 'spec.obo').required).toBeUndefined();
    expect(celRules(kind, 'spec.obo')).toEqual([]);
  });

  it('shares the embedded auth server block with VirtualMCPServer', () => {
    const field = kind.spec.properties?.embeddedAuthServer;
    expect(field && typeNameOf(field)).toBe('EmbeddedAuthServerConfig');
    const { description: _a, ...ours } = field ?? {};
    const { description: _b, ...shared } = embeddedAuthServerConfig;
    expect(ours).toEqual(shared);
  });

  it('carries every CEL rule of the embedded auth server with its exact message', () => {
    const eas = 'spec.embeddedAuthServer';
    expect(celMessages(kind, eas)).toEqual([
      'allowConfidentialClientRegistration cannot be combined with insecureAllowHTTP; client secrets would be issued in cleartext over an unauthenticated endpoint',
      'delegateClients require an https:// issuer; delegate client secrets must not be sent over plaintext HTTP',
      'forceConfidentialRedirectUris requires allowConfidentialClientRegistration to be true',
    ]);
    expect(celMessages(kind, `${eas}.delegateClients.[]`)).toEqual([
      'clientSecretRef.name and clientSecretRef.key are required and must be non-empty',
    ]);
    expect(celMessages(kind, `${eas}.storage.redis`)).toEqual([
      'exactly one of addr or sentinelConfig must be set',
      'clusterMode requires addr to be set',
    ]);
    expect(celMessages(kind, `${eas}.trustedIssuers.[]`)).toEqual([
      'allowedDelegateClients must not combine the wildcard "*" with specific client IDs',
      'allowMayAct must not be enabled when allowedDelegateClients contains the wildcard "*"',
      'actorClaim must name a readable claim; use client_id or a non-reserved claim such as azp, appid, or cid',
      'allowPrivateIPs requires jwksUrl to be set explicitly',
      'expectedAudience is required unless jwtBearerGrant is configured without actorClaim, actorMatcher, allowMayAct, or allowedActors',
      'allowedDelegateClients is required when expectedAudience, actorClaim, actorMatcher, or allowMayAct is set',
    ]);
    expect(celMessages(kind, `${eas}.trustedIssuers.[].jwtBearerGrant`)).toEqual([
      'maxAssertionAge must be greater than zero',
      'subjectBindings must not contain duplicate subjects',
    ]);
    expect(celMessages(kind, `${eas}.upstreamProviders.[]`)).toEqual([
      "type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ]);
    expect(celMessages(kind, `${eas}.upstreamProviders.[].oauth2Config`)).toEqual([
      'exactly one of clientId or dcrConfig must be set',
      'clientSecretRef must not be set when dcrConfig is set; the client_secret is obtained at runtime via Dynamic Client Registration',
    ]);
    expect(celMessages(kind, `${eas}.upstreamProviders.[].oauth2Config.dcrConfig`)).toEqual([
      'exactly one of discoveryUrl or registrationEndpoint must be set',
    ]);
  });

  it('requires an issuer and at least one upstream, keyed by name', () => {
    const eas = 'spec.embeddedAuthServer';
    expect(schemaAt(kind, eas).required).toEqual(['issuer', 'upstreamProviders']);
    expect(schemaAt(kind, `${eas}.issuer`).pattern).toBe('^https?://[^\\s?#]+[^/\\s?#]$');
    expect(schemaAt(kind, `${eas}.upstreamProviders`)).toMatchObject({
      minItems: 1,
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['name'],
    });
    expect(schemaAt(kind, `${eas}.storage.type`).default).toBe('memory');
    expect(schemaAt(kind, `${eas}.storage.redis.dialTimeout`).default).toBe('5s');
    expect(schemaAt(kind, `${eas}.storage.redis.sentinelConfig.sentinelService.port`).default).toBe(26379);
    expect(schemaAt(kind, `${eas}.tokenLifespans.accessTokenLifespan`).pattern).toBe(
      '^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$',
    );
  });

  it('keeps no unknown fields anywhere', () => {
    expect(preserved(kind)).toEqual([]);
  });

  it('reports conditions, a config hash and the observed generation', () => {
    expect(Object.keys(kind.status.properties ?? {}).sort()).toEqual([
      'conditions',
      'configHash',
      'observedGeneration',
    ]);
  });
});
