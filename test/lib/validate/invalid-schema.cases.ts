/**
 * One invalid resource per required field, enum, numeric bound, length bound, pattern and item
 * or property count in the spec schemas of all kinds: an example from examples/ with a patch,
 * and every message the API server returns for it, written out.
 */
import type { InvalidCase } from './invalid-case.ts';

export const CASES: InvalidCase[] = [
  {
    name: 'MCPServer requires spec.image',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['delete', ['spec', 'image']]],
    expected: [
      'spec.image: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPServer requires spec.authServerRef.name',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'authServerRef'], { kind: 'MCPExternalAuthConfig' }]],
    expected: [
      'spec.authServerRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPServer spec.authServerRef.kind enum',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'authServerRef'], { kind: 'bogus', name: 'abc' }]],
    expected: [
      'spec.authServerRef.kind: Unsupported value: "bogus": supported values: "MCPExternalAuthConfig"',
    ],
  },
  {
    name: 'MCPServer spec.authServerRef.name minLength 1',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'authServerRef'], { kind: 'MCPExternalAuthConfig', name: '' }]],
    expected: [
      'spec.authServerRef.name: Invalid value: "": spec.authServerRef.name in body should be at least 1 chars long',
    ],
  },
  {
    name: 'MCPServer requires spec.authzConfig.type',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'authzConfig'], {}]],
    expected: [
      'spec.authzConfig: Invalid value: "object": configMap must be set when type is \'configMap\', and must not be set otherwise',
    ],
  },
  {
    name: 'MCPServer requires spec.authzConfig.configMap.name',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'authzConfig'], { type: 'configMap', configMap: {} }]],
    expected: [
      'spec.authzConfig.configMap.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPServer spec.authzConfig.groupClaimName maxLength 253',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [
      [
        'set',
        ['spec', 'authzConfig'],
        {
          type: 'configMap',
          groupClaimName:
            'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
        },
      ],
    ],
    expected: [
      'spec.authzConfig.groupClaimName: Too long: may not be longer than 253',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPServer spec.authzConfig.groupEntityType maxLength 63',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [
      [
        'set',
        ['spec', 'authzConfig'],
        {
          type: 'configMap',
          groupEntityType: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
        },
      ],
    ],
    expected: [
      'spec.authzConfig.groupEntityType: Too long: may not be longer than 63',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPServer spec.authzConfig.groupEntityType pattern',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'authzConfig'], { type: 'configMap', groupEntityType: 'not valid!' }]],
    expected: [
      'spec.authzConfig.groupEntityType: Invalid value: "not valid!": spec.authzConfig.groupEntityType in body should match \'^[A-Za-z_][A-Za-z0-9_]*$\'',
      'spec.authzConfig: Invalid value: "object": configMap must be set when type is \'configMap\', and must not be set otherwise',
    ],
  },
  {
    name: 'MCPServer requires spec.authzConfig.inline.policies',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'authzConfig'], { type: 'configMap', inline: {} }]],
    expected: [
      'spec.authzConfig.inline.policies: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPServer spec.authzConfig.inline.policies minItems 1',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'authzConfig'], { type: 'configMap', inline: { policies: [] } }]],
    expected: [
      'spec.authzConfig.inline.policies: Invalid value: 0: spec.authzConfig.inline.policies in body should have at least 1 items',
      'spec.authzConfig: Invalid value: "object": configMap must be set when type is \'configMap\', and must not be set otherwise',
      'spec.authzConfig: Invalid value: "object": inline must be set when type is \'inline\', and must not be set otherwise',
    ],
  },
  {
    name: 'MCPServer spec.authzConfig.inline.primaryUpstreamProvider maxLength 63',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [
      [
        'set',
        ['spec', 'authzConfig'],
        {
          type: 'configMap',
          inline: {
            policies: ['abc'],
            primaryUpstreamProvider: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
          },
        },
      ],
    ],
    expected: [
      'spec.authzConfig.inline.primaryUpstreamProvider: Too long: may not be longer than 63',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPServer spec.authzConfig.inline.primaryUpstreamProvider minLength 1',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [
      [
        'set',
        ['spec', 'authzConfig'],
        { type: 'configMap', inline: { policies: ['abc'], primaryUpstreamProvider: '' } },
      ],
    ],
    expected: [
      'spec.authzConfig.inline.primaryUpstreamProvider: Invalid value: "": spec.authzConfig.inline.primaryUpstreamProvider in body should be at least 1 chars long',
      'spec.authzConfig: Invalid value: "object": configMap must be set when type is \'configMap\', and must not be set otherwise',
      'spec.authzConfig: Invalid value: "object": inline must be set when type is \'inline\', and must not be set otherwise',
    ],
  },
  {
    name: 'MCPServer spec.authzConfig.inline.primaryUpstreamProvider pattern',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [
      [
        'set',
        ['spec', 'authzConfig'],
        { type: 'configMap', inline: { policies: ['abc'], primaryUpstreamProvider: 'not valid!' } },
      ],
    ],
    expected: [
      'spec.authzConfig.inline.primaryUpstreamProvider: Invalid value: "not valid!": spec.authzConfig.inline.primaryUpstreamProvider in body should match \'^[a-z0-9]([a-z0-9-]*[a-z0-9])?$\'',
      'spec.authzConfig: Invalid value: "object": configMap must be set when type is \'configMap\', and must not be set otherwise',
      'spec.authzConfig: Invalid value: "object": inline must be set when type is \'inline\', and must not be set otherwise',
    ],
  },
  {
    name: 'MCPServer spec.authzConfig.roleClaimName maxLength 253',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [
      [
        'set',
        ['spec', 'authzConfig'],
        {
          type: 'configMap',
          roleClaimName:
            'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
        },
      ],
    ],
    expected: [
      'spec.authzConfig.roleClaimName: Too long: may not be longer than 253',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPServer spec.authzConfig.type enum',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'authzConfig'], { type: 'bogus' }]],
    expected: ['spec.authzConfig.type: Unsupported value: "bogus": supported values: "configMap", "inline"'],
  },
  {
    name: 'MCPServer requires spec.authzConfigRef.name',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'authzConfigRef'], {}]],
    expected: [
      'spec.authzConfigRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPServer spec.authzConfigRef.name minLength 1',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'authzConfigRef'], { name: '' }]],
    expected: [
      'spec.authzConfigRef.name: Invalid value: "": spec.authzConfigRef.name in body should be at least 1 chars long',
    ],
  },
  {
    name: 'MCPServer requires spec.externalAuthConfigRef.name',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'externalAuthConfigRef'], {}]],
    expected: [
      'spec.externalAuthConfigRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPServer requires spec.groupRef.name',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['delete', ['spec', 'groupRef', 'name']]],
    expected: [
      'spec.groupRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPServer spec.groupRef.name minLength 1',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'groupRef', 'name'], '']],
    expected: [
      'spec.groupRef.name: Invalid value: "": spec.groupRef.name in body should be at least 1 chars long',
    ],
  },
  {
    name: 'MCPServer requires spec.oidcConfigRef.audience',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'oidcConfigRef'], { name: 'abc' }]],
    expected: [
      'spec.oidcConfigRef.audience: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPServer requires spec.oidcConfigRef.name',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'oidcConfigRef'], { audience: 'abc' }]],
    expected: [
      'spec.oidcConfigRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPServer spec.oidcConfigRef.audience minLength 1',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'oidcConfigRef'], { audience: '', name: 'abc' }]],
    expected: [
      'spec.oidcConfigRef.audience: Invalid value: "": spec.oidcConfigRef.audience in body should be at least 1 chars long',
    ],
  },
  {
    name: 'MCPServer spec.oidcConfigRef.name minLength 1',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'oidcConfigRef'], { audience: 'abc', name: '' }]],
    expected: [
      'spec.oidcConfigRef.name: Invalid value: "": spec.oidcConfigRef.name in body should be at least 1 chars long',
    ],
  },
  {
    name: 'MCPServer spec.proxyPort minimum 1',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'proxyPort'], 0]],
    expected: [
      'spec.proxyPort: Invalid value: 0: spec.proxyPort in body should be greater than or equal to 1',
    ],
  },
  {
    name: 'MCPServer spec.proxyPort maximum 65535',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'proxyPort'], 65536]],
    expected: [
      'spec.proxyPort: Invalid value: 65536: spec.proxyPort in body should be less than or equal to 65535',
    ],
  },
  {
    name: 'MCPServer spec.replicas minimum 0',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'replicas'], -1]],
    expected: [
      'spec.replicas: Invalid value: -1: spec.replicas in body should be greater than or equal to 0',
    ],
  },
  {
    name: 'MCPServer requires spec.resourceOverrides.proxyDeployment.env[0].name',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'resourceOverrides'], { proxyDeployment: { env: [{ value: 'abc' }] } }]],
    expected: [
      'spec.resourceOverrides.proxyDeployment.env[0].name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPServer requires spec.resourceOverrides.proxyDeployment.env[0].value',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'resourceOverrides'], { proxyDeployment: { env: [{ name: 'abc' }] } }]],
    expected: [
      'spec.resourceOverrides.proxyDeployment.env[0].value: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPServer spec.sessionAffinity enum',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'sessionAffinity'], 'bogus']],
    expected: ['spec.sessionAffinity: Unsupported value: "bogus": supported values: "ClientIP", "None"'],
  },
  {
    name: 'MCPServer requires spec.sessionStorage.provider',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'sessionStorage'], {}]],
    expected: [
      'spec.sessionStorage.provider: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPServer spec.sessionStorage.address minLength 1',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'sessionStorage'], { provider: 'memory', address: '' }]],
    expected: [
      'spec.sessionStorage.address: Invalid value: "": spec.sessionStorage.address in body should be at least 1 chars long',
    ],
  },
  {
    name: 'MCPServer spec.sessionStorage.db minimum 0',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'sessionStorage'], { provider: 'memory', db: -1 }]],
    expected: [
      'spec.sessionStorage.db: Invalid value: -1: spec.sessionStorage.db in body should be greater than or equal to 0',
    ],
  },
  {
    name: 'MCPServer requires spec.sessionStorage.passwordRef.key',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'sessionStorage'], { provider: 'memory', passwordRef: { name: 'abc' } }]],
    expected: [
      'spec.sessionStorage.passwordRef.key: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPServer requires spec.sessionStorage.passwordRef.name',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'sessionStorage'], { provider: 'memory', passwordRef: { key: 'abc' } }]],
    expected: [
      'spec.sessionStorage.passwordRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPServer spec.sessionStorage.provider enum',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'sessionStorage'], { provider: 'bogus' }]],
    expected: [
      'spec.sessionStorage.provider: Unsupported value: "bogus": supported values: "memory", "redis"',
    ],
  },
  {
    name: 'MCPServer requires spec.telemetryConfigRef.name',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'telemetryConfigRef'], {}]],
    expected: [
      'spec.telemetryConfigRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPServer spec.telemetryConfigRef.name minLength 1',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'telemetryConfigRef'], { name: '' }]],
    expected: [
      'spec.telemetryConfigRef.name: Invalid value: "": spec.telemetryConfigRef.name in body should be at least 1 chars long',
    ],
  },
  {
    name: 'MCPServer requires spec.toolConfigRef.name',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'toolConfigRef'], {}]],
    expected: [
      'spec.toolConfigRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPServer spec.backendReplicas minimum 0',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'backendReplicas'], -1]],
    expected: [
      'spec.backendReplicas: Invalid value: -1: spec.backendReplicas in body should be greater than or equal to 0',
    ],
  },
  {
    name: 'MCPServer requires spec.env[0].name',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'env'], [{ value: 'abc' }]]],
    expected: [
      'spec.env[0].name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPServer requires spec.env[0].value',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'env'], [{ name: 'abc' }]]],
    expected: [
      'spec.env[0].value: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPServer spec.mcpPort minimum 1',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'mcpPort'], 0]],
    expected: ['spec.mcpPort: Invalid value: 0: spec.mcpPort in body should be greater than or equal to 1'],
  },
  {
    name: 'MCPServer spec.mcpPort maximum 65535',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'mcpPort'], 65536]],
    expected: [
      'spec.mcpPort: Invalid value: 65536: spec.mcpPort in body should be less than or equal to 65535',
    ],
  },
  {
    name: 'MCPServer requires spec.permissionProfile.name',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'permissionProfile'], { type: 'builtin' }]],
    expected: [
      'spec.permissionProfile.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPServer spec.permissionProfile.type enum',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'permissionProfile'], { name: 'abc', type: 'bogus' }]],
    expected: [
      'spec.permissionProfile.type: Unsupported value: "bogus": supported values: "builtin", "configmap"',
    ],
  },
  {
    name: 'MCPServer spec.proxyMode enum',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'proxyMode'], 'bogus']],
    expected: ['spec.proxyMode: Unsupported value: "bogus": supported values: "sse", "streamable-http"'],
  },
  {
    name: 'MCPServer requires spec.rateLimiting.perUser.maxTokens',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'rateLimiting'], { perUser: { refillPeriod: 'abc' } }]],
    expected: [
      'spec.rateLimiting.perUser.maxTokens: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPServer requires spec.rateLimiting.perUser.refillPeriod',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'rateLimiting'], { perUser: { maxTokens: 1 } }]],
    expected: [
      'spec.rateLimiting.perUser.refillPeriod: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPServer spec.rateLimiting.perUser.maxTokens minimum 1',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'rateLimiting'], { perUser: { maxTokens: 0, refillPeriod: 'abc' } }]],
    expected: [
      'spec.rateLimiting.perUser.maxTokens: Invalid value: 0: spec.rateLimiting.perUser.maxTokens in body should be greater than or equal to 1',
      'spec: Invalid value: "object": rateLimiting requires sessionStorage with provider \'redis\'',
      'spec: Invalid value: "object": rateLimiting.perUser requires authentication (oidcConfigRef or externalAuthConfigRef)',
    ],
  },
  {
    name: 'MCPServer requires spec.rateLimiting.shared.maxTokens',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'rateLimiting'], { shared: { refillPeriod: 'abc' } }]],
    expected: [
      'spec.rateLimiting.shared.maxTokens: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPServer requires spec.rateLimiting.shared.refillPeriod',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'rateLimiting'], { shared: { maxTokens: 1 } }]],
    expected: [
      'spec.rateLimiting.shared.refillPeriod: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPServer spec.rateLimiting.shared.maxTokens minimum 1',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'rateLimiting'], { shared: { maxTokens: 0, refillPeriod: 'abc' } }]],
    expected: [
      'spec.rateLimiting.shared.maxTokens: Invalid value: 0: spec.rateLimiting.shared.maxTokens in body should be greater than or equal to 1',
      'spec: Invalid value: "object": rateLimiting requires sessionStorage with provider \'redis\'',
    ],
  },
  {
    name: 'MCPServer requires spec.rateLimiting.tools[0].name',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'rateLimiting'], { tools: [{}] }]],
    expected: [
      'spec.rateLimiting.tools[0].name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPServer spec.rateLimiting.tools[0].name minLength 1',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'rateLimiting'], { tools: [{ name: '' }] }]],
    expected: [
      'spec.rateLimiting.tools[0].name: Invalid value: "": spec.rateLimiting.tools[0].name in body should be at least 1 chars long',
      'spec: Invalid value: "object": rateLimiting requires sessionStorage with provider \'redis\'',
      'spec.rateLimiting.tools[0]: Invalid value: "object": at least one of shared or perUser must be configured',
    ],
  },
  {
    name: 'MCPServer requires spec.rateLimiting.tools[0].perUser.maxTokens',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [
      ['set', ['spec', 'rateLimiting'], { tools: [{ name: 'abc', perUser: { refillPeriod: 'abc' } }] }],
    ],
    expected: [
      'spec.rateLimiting.tools[0].perUser.maxTokens: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPServer requires spec.rateLimiting.tools[0].perUser.refillPeriod',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'rateLimiting'], { tools: [{ name: 'abc', perUser: { maxTokens: 1 } }] }]],
    expected: [
      'spec.rateLimiting.tools[0].perUser.refillPeriod: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPServer spec.rateLimiting.tools[0].perUser.maxTokens minimum 1',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [
      [
        'set',
        ['spec', 'rateLimiting'],
        { tools: [{ name: 'abc', perUser: { maxTokens: 0, refillPeriod: 'abc' } }] },
      ],
    ],
    expected: [
      'spec.rateLimiting.tools[0].perUser.maxTokens: Invalid value: 0: spec.rateLimiting.tools[0].perUser.maxTokens in body should be greater than or equal to 1',
      'spec: Invalid value: "object": rateLimiting requires sessionStorage with provider \'redis\'',
      'spec: Invalid value: "object": per-tool perUser rate limiting requires authentication (oidcConfigRef or externalAuthConfigRef)',
    ],
  },
  {
    name: 'MCPServer requires spec.rateLimiting.tools[0].shared.maxTokens',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'rateLimiting'], { tools: [{ name: 'abc', shared: { refillPeriod: 'abc' } }] }]],
    expected: [
      'spec.rateLimiting.tools[0].shared.maxTokens: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPServer requires spec.rateLimiting.tools[0].shared.refillPeriod',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'rateLimiting'], { tools: [{ name: 'abc', shared: { maxTokens: 1 } }] }]],
    expected: [
      'spec.rateLimiting.tools[0].shared.refillPeriod: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPServer spec.rateLimiting.tools[0].shared.maxTokens minimum 1',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [
      [
        'set',
        ['spec', 'rateLimiting'],
        { tools: [{ name: 'abc', shared: { maxTokens: 0, refillPeriod: 'abc' } }] },
      ],
    ],
    expected: [
      'spec.rateLimiting.tools[0].shared.maxTokens: Invalid value: 0: spec.rateLimiting.tools[0].shared.maxTokens in body should be greater than or equal to 1',
      'spec: Invalid value: "object": rateLimiting requires sessionStorage with provider \'redis\'',
    ],
  },
  {
    name: 'MCPServer requires spec.secrets[0].key',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'secrets'], [{ name: 'abc' }]]],
    expected: [
      'spec.secrets[0].key: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPServer requires spec.secrets[0].name',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'secrets'], [{ key: 'abc' }]]],
    expected: [
      'spec.secrets[0].name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPServer spec.transport enum',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'transport'], 'bogus']],
    expected: [
      'spec.transport: Unsupported value: "bogus": supported values: "stdio", "streamable-http", "sse"',
    ],
  },
  {
    name: 'MCPServer requires spec.volumes[0].hostPath',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'volumes'], [{ mountPath: 'abc', name: 'abc' }]]],
    expected: [
      'spec.volumes[0].hostPath: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPServer requires spec.volumes[0].mountPath',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'volumes'], [{ hostPath: 'abc', name: 'abc' }]]],
    expected: [
      'spec.volumes[0].mountPath: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPServer requires spec.volumes[0].name',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'volumes'], [{ hostPath: 'abc', mountPath: 'abc' }]]],
    expected: [
      'spec.volumes[0].name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPServer requires spec.webhookConfigRef.name',
    base: 'composite-tools/composite-tool-definition.yaml#2',
    patch: [['set', ['spec', 'webhookConfigRef'], {}]],
    expected: [
      'spec.webhookConfigRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPRemoteProxy requires spec.remoteUrl',
    base: 'external-auth/remote-proxy-with-auth-server.yaml#4',
    patch: [['delete', ['spec', 'remoteUrl']]],
    expected: [
      'spec.remoteUrl: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPRemoteProxy requires spec.authServerRef.name',
    base: 'external-auth/remote-proxy-with-auth-server.yaml#4',
    patch: [['delete', ['spec', 'authServerRef', 'name']]],
    expected: [
      'spec.authServerRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPRemoteProxy spec.authServerRef.kind enum',
    base: 'external-auth/remote-proxy-with-auth-server.yaml#4',
    patch: [['set', ['spec', 'authServerRef', 'kind'], 'bogus']],
    expected: [
      'spec.authServerRef.kind: Unsupported value: "bogus": supported values: "MCPExternalAuthConfig"',
    ],
  },
  {
    name: 'MCPRemoteProxy spec.authServerRef.name minLength 1',
    base: 'external-auth/remote-proxy-with-auth-server.yaml#4',
    patch: [['set', ['spec', 'authServerRef', 'name'], '']],
    expected: [
      'spec.authServerRef.name: Invalid value: "": spec.authServerRef.name in body should be at least 1 chars long',
    ],
  },
  {
    name: 'MCPRemoteProxy requires spec.authzConfig.type',
    base: 'external-auth/remote-proxy-with-auth-server.yaml#4',
    patch: [['set', ['spec', 'authzConfig'], {}]],
    expected: [
      'spec.authzConfig: Invalid value: "object": configMap must be set when type is \'configMap\', and must not be set otherwise',
    ],
  },
  {
    name: 'MCPRemoteProxy requires spec.authzConfig.configMap.name',
    base: 'external-auth/remote-proxy-with-auth-server.yaml#4',
    patch: [['set', ['spec', 'authzConfig'], { type: 'configMap', configMap: {} }]],
    expected: [
      'spec.authzConfig.configMap.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPRemoteProxy spec.authzConfig.groupClaimName maxLength 253',
    base: 'external-auth/remote-proxy-with-auth-server.yaml#4',
    patch: [
      [
        'set',
        ['spec', 'authzConfig'],
        {
          type: 'configMap',
          groupClaimName:
            'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
        },
      ],
    ],
    expected: [
      'spec.authzConfig.groupClaimName: Too long: may not be longer than 253',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPRemoteProxy spec.authzConfig.groupEntityType maxLength 63',
    base: 'external-auth/remote-proxy-with-auth-server.yaml#4',
    patch: [
      [
        'set',
        ['spec', 'authzConfig'],
        {
          type: 'configMap',
          groupEntityType: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
        },
      ],
    ],
    expected: [
      'spec.authzConfig.groupEntityType: Too long: may not be longer than 63',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPRemoteProxy spec.authzConfig.groupEntityType pattern',
    base: 'external-auth/remote-proxy-with-auth-server.yaml#4',
    patch: [['set', ['spec', 'authzConfig'], { type: 'configMap', groupEntityType: 'not valid!' }]],
    expected: [
      'spec.authzConfig.groupEntityType: Invalid value: "not valid!": spec.authzConfig.groupEntityType in body should match \'^[A-Za-z_][A-Za-z0-9_]*$\'',
      'spec.authzConfig: Invalid value: "object": configMap must be set when type is \'configMap\', and must not be set otherwise',
    ],
  },
  {
    name: 'MCPRemoteProxy requires spec.authzConfig.inline.policies',
    base: 'external-auth/remote-proxy-with-auth-server.yaml#4',
    patch: [['set', ['spec', 'authzConfig'], { type: 'configMap', inline: {} }]],
    expected: [
      'spec.authzConfig.inline.policies: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPRemoteProxy spec.authzConfig.inline.policies minItems 1',
    base: 'external-auth/remote-proxy-with-auth-server.yaml#4',
    patch: [['set', ['spec', 'authzConfig'], { type: 'configMap', inline: { policies: [] } }]],
    expected: [
      'spec.authzConfig.inline.policies: Invalid value: 0: spec.authzConfig.inline.policies in body should have at least 1 items',
      'spec.authzConfig: Invalid value: "object": configMap must be set when type is \'configMap\', and must not be set otherwise',
      'spec.authzConfig: Invalid value: "object": inline must be set when type is \'inline\', and must not be set otherwise',
    ],
  },
  {
    name: 'MCPRemoteProxy spec.authzConfig.inline.primaryUpstreamProvider maxLength 63',
    base: 'external-auth/remote-proxy-with-auth-server.yaml#4',
    patch: [
      [
        'set',
        ['spec', 'authzConfig'],
        {
          type: 'configMap',
          inline: {
            policies: ['abc'],
            primaryUpstreamProvider: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
          },
        },
      ],
    ],
    expected: [
      'spec.authzConfig.inline.primaryUpstreamProvider: Too long: may not be longer than 63',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPRemoteProxy spec.authzConfig.inline.primaryUpstreamProvider minLength 1',
    base: 'external-auth/remote-proxy-with-auth-server.yaml#4',
    patch: [
      [
        'set',
        ['spec', 'authzConfig'],
        { type: 'configMap', inline: { policies: ['abc'], primaryUpstreamProvider: '' } },
      ],
    ],
    expected: [
      'spec.authzConfig.inline.primaryUpstreamProvider: Invalid value: "": spec.authzConfig.inline.primaryUpstreamProvider in body should be at least 1 chars long',
      'spec.authzConfig: Invalid value: "object": configMap must be set when type is \'configMap\', and must not be set otherwise',
      'spec.authzConfig: Invalid value: "object": inline must be set when type is \'inline\', and must not be set otherwise',
    ],
  },
  {
    name: 'MCPRemoteProxy spec.authzConfig.inline.primaryUpstreamProvider pattern',
    base: 'external-auth/remote-proxy-with-auth-server.yaml#4',
    patch: [
      [
        'set',
        ['spec', 'authzConfig'],
        { type: 'configMap', inline: { policies: ['abc'], primaryUpstreamProvider: 'not valid!' } },
      ],
    ],
    expected: [
      'spec.authzConfig.inline.primaryUpstreamProvider: Invalid value: "not valid!": spec.authzConfig.inline.primaryUpstreamProvider in body should match \'^[a-z0-9]([a-z0-9-]*[a-z0-9])?$\'',
      'spec.authzConfig: Invalid value: "object": configMap must be set when type is \'configMap\', and must not be set otherwise',
      'spec.authzConfig: Invalid value: "object": inline must be set when type is \'inline\', and must not be set otherwise',
    ],
  },
  {
    name: 'MCPRemoteProxy spec.authzConfig.roleClaimName maxLength 253',
    base: 'external-auth/remote-proxy-with-auth-server.yaml#4',
    patch: [
      [
        'set',
        ['spec', 'authzConfig'],
        {
          type: 'configMap',
          roleClaimName:
            'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
        },
      ],
    ],
    expected: [
      'spec.authzConfig.roleClaimName: Too long: may not be longer than 253',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPRemoteProxy spec.authzConfig.type enum',
    base: 'external-auth/remote-proxy-with-auth-server.yaml#4',
    patch: [['set', ['spec', 'authzConfig'], { type: 'bogus' }]],
    expected: ['spec.authzConfig.type: Unsupported value: "bogus": supported values: "configMap", "inline"'],
  },
  {
    name: 'MCPRemoteProxy requires spec.authzConfigRef.name',
    base: 'external-auth/remote-proxy-with-auth-server.yaml#4',
    patch: [['set', ['spec', 'authzConfigRef'], {}]],
    expected: [
      'spec.authzConfigRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPRemoteProxy spec.authzConfigRef.name minLength 1',
    base: 'external-auth/remote-proxy-with-auth-server.yaml#4',
    patch: [['set', ['spec', 'authzConfigRef'], { name: '' }]],
    expected: [
      'spec.authzConfigRef.name: Invalid value: "": spec.authzConfigRef.name in body should be at least 1 chars long',
    ],
  },
  {
    name: 'MCPRemoteProxy requires spec.externalAuthConfigRef.name',
    base: 'external-auth/remote-proxy-with-auth-server.yaml#4',
    patch: [['delete', ['spec', 'externalAuthConfigRef', 'name']]],
    expected: [
      'spec.externalAuthConfigRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPRemoteProxy requires spec.groupRef.name',
    base: 'external-auth/remote-proxy-with-auth-server.yaml#4',
    patch: [['set', ['spec', 'groupRef'], {}]],
    expected: [
      'spec.groupRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPRemoteProxy spec.groupRef.name minLength 1',
    base: 'external-auth/remote-proxy-with-auth-server.yaml#4',
    patch: [['set', ['spec', 'groupRef'], { name: '' }]],
    expected: [
      'spec.groupRef.name: Invalid value: "": spec.groupRef.name in body should be at least 1 chars long',
    ],
  },
  {
    name: 'MCPRemoteProxy requires spec.oidcConfigRef.audience',
    base: 'external-auth/remote-proxy-with-auth-server.yaml#4',
    patch: [['delete', ['spec', 'oidcConfigRef', 'audience']]],
    expected: [
      'spec.oidcConfigRef.audience: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPRemoteProxy requires spec.oidcConfigRef.name',
    base: 'external-auth/remote-proxy-with-auth-server.yaml#4',
    patch: [['delete', ['spec', 'oidcConfigRef', 'name']]],
    expected: [
      'spec.oidcConfigRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPRemoteProxy spec.oidcConfigRef.audience minLength 1',
    base: 'external-auth/remote-proxy-with-auth-server.yaml#4',
    patch: [['set', ['spec', 'oidcConfigRef', 'audience'], '']],
    expected: [
      'spec.oidcConfigRef.audience: Invalid value: "": spec.oidcConfigRef.audience in body should be at least 1 chars long',
    ],
  },
  {
    name: 'MCPRemoteProxy spec.oidcConfigRef.name minLength 1',
    base: 'external-auth/remote-proxy-with-auth-server.yaml#4',
    patch: [['set', ['spec', 'oidcConfigRef', 'name'], '']],
    expected: [
      'spec.oidcConfigRef.name: Invalid value: "": spec.oidcConfigRef.name in body should be at least 1 chars long',
    ],
  },
  {
    name: 'MCPRemoteProxy spec.proxyPort minimum 1',
    base: 'external-auth/remote-proxy-with-auth-server.yaml#4',
    patch: [['set', ['spec', 'proxyPort'], 0]],
    expected: [
      'spec.proxyPort: Invalid value: 0: spec.proxyPort in body should be greater than or equal to 1',
    ],
  },
  {
    name: 'MCPRemoteProxy spec.proxyPort maximum 65535',
    base: 'external-auth/remote-proxy-with-auth-server.yaml#4',
    patch: [['set', ['spec', 'proxyPort'], 65536]],
    expected: [
      'spec.proxyPort: Invalid value: 65536: spec.proxyPort in body should be less than or equal to 65535',
    ],
  },
  {
    name: 'MCPRemoteProxy spec.replicas minimum 0',
    base: 'external-auth/remote-proxy-with-auth-server.yaml#4',
    patch: [['set', ['spec', 'replicas'], -1]],
    expected: [
      'spec.replicas: Invalid value: -1: spec.replicas in body should be greater than or equal to 0',
    ],
  },
  {
    name: 'MCPRemoteProxy requires spec.resourceOverrides.proxyDeployment.env[0].name',
    base: 'external-auth/remote-proxy-with-auth-server.yaml#4',
    patch: [['set', ['spec', 'resourceOverrides'], { proxyDeployment: { env: [{ value: 'abc' }] } }]],
    expected: [
      'spec.resourceOverrides.proxyDeployment.env[0].name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPRemoteProxy requires spec.resourceOverrides.proxyDeployment.env[0].value',
    base: 'external-auth/remote-proxy-with-auth-server.yaml#4',
    patch: [['set', ['spec', 'resourceOverrides'], { proxyDeployment: { env: [{ name: 'abc' }] } }]],
    expected: [
      'spec.resourceOverrides.proxyDeployment.env[0].value: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPRemoteProxy spec.sessionAffinity enum',
    base: 'external-auth/remote-proxy-with-auth-server.yaml#4',
    patch: [['set', ['spec', 'sessionAffinity'], 'bogus']],
    expected: ['spec.sessionAffinity: Unsupported value: "bogus": supported values: "ClientIP", "None"'],
  },
  {
    name: 'MCPRemoteProxy requires spec.sessionStorage.provider',
    base: 'external-auth/remote-proxy-with-auth-server.yaml#4',
    patch: [['set', ['spec', 'sessionStorage'], {}]],
    expected: [
      'spec.sessionStorage.provider: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPRemoteProxy spec.sessionStorage.address minLength 1',
    base: 'external-auth/remote-proxy-with-auth-server.yaml#4',
    patch: [['set', ['spec', 'sessionStorage'], { provider: 'memory', address: '' }]],
    expected: [
      'spec.sessionStorage.address: Invalid value: "": spec.sessionStorage.address in body should be at least 1 chars long',
    ],
  },
  {
    name: 'MCPRemoteProxy spec.sessionStorage.db minimum 0',
    base: 'external-auth/remote-proxy-with-auth-server.yaml#4',
    patch: [['set', ['spec', 'sessionStorage'], { provider: 'memory', db: -1 }]],
    expected: [
      'spec.sessionStorage.db: Invalid value: -1: spec.sessionStorage.db in body should be greater than or equal to 0',
    ],
  },
  {
    name: 'MCPRemoteProxy requires spec.sessionStorage.passwordRef.key',
    base: 'external-auth/remote-proxy-with-auth-server.yaml#4',
    patch: [['set', ['spec', 'sessionStorage'], { provider: 'memory', passwordRef: { name: 'abc' } }]],
    expected: [
      'spec.sessionStorage.passwordRef.key: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPRemoteProxy requires spec.sessionStorage.passwordRef.name',
    base: 'external-auth/remote-proxy-with-auth-server.yaml#4',
    patch: [['set', ['spec', 'sessionStorage'], { provider: 'memory', passwordRef: { key: 'abc' } }]],
    expected: [
      'spec.sessionStorage.passwordRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPRemoteProxy spec.sessionStorage.provider enum',
    base: 'external-auth/remote-proxy-with-auth-server.yaml#4',
    patch: [['set', ['spec', 'sessionStorage'], { provider: 'bogus' }]],
    expected: [
      'spec.sessionStorage.provider: Unsupported value: "bogus": supported values: "memory", "redis"',
    ],
  },
  {
    name: 'MCPRemoteProxy requires spec.telemetryConfigRef.name',
    base: 'external-auth/remote-proxy-with-auth-server.yaml#4',
    patch: [['set', ['spec', 'telemetryConfigRef'], {}]],
    expected: [
      'spec.telemetryConfigRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPRemoteProxy spec.telemetryConfigRef.name minLength 1',
    base: 'external-auth/remote-proxy-with-auth-server.yaml#4',
    patch: [['set', ['spec', 'telemetryConfigRef'], { name: '' }]],
    expected: [
      'spec.telemetryConfigRef.name: Invalid value: "": spec.telemetryConfigRef.name in body should be at least 1 chars long',
    ],
  },
  {
    name: 'MCPRemoteProxy requires spec.toolConfigRef.name',
    base: 'external-auth/remote-proxy-with-auth-server.yaml#4',
    patch: [['set', ['spec', 'toolConfigRef'], {}]],
    expected: [
      'spec.toolConfigRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPRemoteProxy requires spec.headerForward.addHeadersFromSecret[0].headerName',
    base: 'external-auth/remote-proxy-with-auth-server.yaml#4',
    patch: [
      [
        'set',
        ['spec', 'headerForward'],
        { addHeadersFromSecret: [{ valueSecretRef: { key: 'abc', name: 'abc' } }] },
      ],
    ],
    expected: [
      'spec.headerForward.addHeadersFromSecret[0].headerName: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPRemoteProxy requires spec.headerForward.addHeadersFromSecret[0].valueSecretRef',
    base: 'external-auth/remote-proxy-with-auth-server.yaml#4',
    patch: [['set', ['spec', 'headerForward'], { addHeadersFromSecret: [{ headerName: 'abc' }] }]],
    expected: [
      'spec.headerForward.addHeadersFromSecret[0].valueSecretRef: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPRemoteProxy spec.headerForward.addHeadersFromSecret[0].headerName maxLength 255',
    base: 'external-auth/remote-proxy-with-auth-server.yaml#4',
    patch: [
      [
        'set',
        ['spec', 'headerForward'],
        {
          addHeadersFromSecret: [
            {
              headerName:
                'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
              valueSecretRef: { key: 'abc', name: 'abc' },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.headerForward.addHeadersFromSecret[0].headerName: Too long: may not be longer than 255',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPRemoteProxy spec.headerForward.addHeadersFromSecret[0].headerName minLength 1',
    base: 'external-auth/remote-proxy-with-auth-server.yaml#4',
    patch: [
      [
        'set',
        ['spec', 'headerForward'],
        { addHeadersFromSecret: [{ headerName: '', valueSecretRef: { key: 'abc', name: 'abc' } }] },
      ],
    ],
    expected: [
      'spec.headerForward.addHeadersFromSecret[0].headerName: Invalid value: "": spec.headerForward.addHeadersFromSecret[0].headerName in body should be at least 1 chars long',
    ],
  },
  {
    name: 'MCPRemoteProxy requires spec.headerForward.addHeadersFromSecret[0].valueSecretRef.key',
    base: 'external-auth/remote-proxy-with-auth-server.yaml#4',
    patch: [
      [
        'set',
        ['spec', 'headerForward'],
        { addHeadersFromSecret: [{ headerName: 'abc', valueSecretRef: { name: 'abc' } }] },
      ],
    ],
    expected: [
      'spec.headerForward.addHeadersFromSecret[0].valueSecretRef.key: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPRemoteProxy requires spec.headerForward.addHeadersFromSecret[0].valueSecretRef.name',
    base: 'external-auth/remote-proxy-with-auth-server.yaml#4',
    patch: [
      [
        'set',
        ['spec', 'headerForward'],
        { addHeadersFromSecret: [{ headerName: 'abc', valueSecretRef: { key: 'abc' } }] },
      ],
    ],
    expected: [
      'spec.headerForward.addHeadersFromSecret[0].valueSecretRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPRemoteProxy spec.remoteUrl pattern',
    base: 'external-auth/remote-proxy-with-auth-server.yaml#4',
    patch: [['set', ['spec', 'remoteUrl'], 'not valid!']],
    expected: [
      'spec.remoteUrl: Invalid value: "not valid!": spec.remoteUrl in body should match \'^https?://\'',
    ],
  },
  {
    name: 'MCPRemoteProxy spec.transport enum',
    base: 'external-auth/remote-proxy-with-auth-server.yaml#4',
    patch: [['set', ['spec', 'transport'], 'bogus']],
    expected: ['spec.transport: Unsupported value: "bogus": supported values: "sse", "streamable-http"'],
  },
  {
    name: 'MCPServerEntry requires spec.groupRef',
    base: 'composite-tools/composite-tool-inline.yaml#2',
    patch: [['delete', ['spec', 'groupRef']]],
    expected: ['spec.groupRef: Required value'],
  },
  {
    name: 'MCPServerEntry requires spec.remoteUrl',
    base: 'composite-tools/composite-tool-inline.yaml#2',
    patch: [['delete', ['spec', 'remoteUrl']]],
    expected: ['spec.remoteUrl: Required value'],
  },
  {
    name: 'MCPServerEntry requires spec.transport',
    base: 'composite-tools/composite-tool-inline.yaml#2',
    patch: [['delete', ['spec', 'transport']]],
    expected: ['spec.transport: Required value'],
  },
  {
    name: 'MCPServerEntry requires spec.caBundleRef.configMapRef.key',
    base: 'composite-tools/composite-tool-inline.yaml#2',
    patch: [['set', ['spec', 'caBundleRef'], { configMapRef: {} }]],
    expected: ['spec.caBundleRef.configMapRef.key: Required value'],
  },
  {
    name: 'MCPServerEntry requires spec.externalAuthConfigRef.name',
    base: 'composite-tools/composite-tool-inline.yaml#2',
    patch: [['set', ['spec', 'externalAuthConfigRef'], {}]],
    expected: ['spec.externalAuthConfigRef.name: Required value'],
  },
  {
    name: 'MCPServerEntry requires spec.groupRef.name',
    base: 'composite-tools/composite-tool-inline.yaml#2',
    patch: [['delete', ['spec', 'groupRef', 'name']]],
    expected: ['spec.groupRef.name: Required value'],
  },
  {
    name: 'MCPServerEntry spec.groupRef.name minLength 1',
    base: 'composite-tools/composite-tool-inline.yaml#2',
    patch: [['set', ['spec', 'groupRef', 'name'], '']],
    expected: [
      'spec.groupRef.name: Invalid value: "": spec.groupRef.name in body should be at least 1 chars long',
    ],
  },
  {
    name: 'MCPServerEntry requires spec.headerForward.addHeadersFromSecret[0].headerName',
    base: 'composite-tools/composite-tool-inline.yaml#2',
    patch: [
      [
        'set',
        ['spec', 'headerForward'],
        { addHeadersFromSecret: [{ valueSecretRef: { key: 'abc', name: 'abc' } }] },
      ],
    ],
    expected: ['spec.headerForward.addHeadersFromSecret[0].headerName: Required value'],
  },
  {
    name: 'MCPServerEntry requires spec.headerForward.addHeadersFromSecret[0].valueSecretRef',
    base: 'composite-tools/composite-tool-inline.yaml#2',
    patch: [['set', ['spec', 'headerForward'], { addHeadersFromSecret: [{ headerName: 'abc' }] }]],
    expected: ['spec.headerForward.addHeadersFromSecret[0].valueSecretRef: Required value'],
  },
  {
    name: 'MCPServerEntry spec.headerForward.addHeadersFromSecret[0].headerName maxLength 255',
    base: 'composite-tools/composite-tool-inline.yaml#2',
    patch: [
      [
        'set',
        ['spec', 'headerForward'],
        {
          addHeadersFromSecret: [
            {
              headerName:
                'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
              valueSecretRef: { key: 'abc', name: 'abc' },
            },
          ],
        },
      ],
    ],
    expected: ['spec.headerForward.addHeadersFromSecret[0].headerName: Too long: may not be longer than 255'],
  },
  {
    name: 'MCPServerEntry spec.headerForward.addHeadersFromSecret[0].headerName minLength 1',
    base: 'composite-tools/composite-tool-inline.yaml#2',
    patch: [
      [
        'set',
        ['spec', 'headerForward'],
        { addHeadersFromSecret: [{ headerName: '', valueSecretRef: { key: 'abc', name: 'abc' } }] },
      ],
    ],
    expected: [
      'spec.headerForward.addHeadersFromSecret[0].headerName: Invalid value: "": spec.headerForward.addHeadersFromSecret[0].headerName in body should be at least 1 chars long',
    ],
  },
  {
    name: 'MCPServerEntry requires spec.headerForward.addHeadersFromSecret[0].valueSecretRef.key',
    base: 'composite-tools/composite-tool-inline.yaml#2',
    patch: [
      [
        'set',
        ['spec', 'headerForward'],
        { addHeadersFromSecret: [{ headerName: 'abc', valueSecretRef: { name: 'abc' } }] },
      ],
    ],
    expected: ['spec.headerForward.addHeadersFromSecret[0].valueSecretRef.key: Required value'],
  },
  {
    name: 'MCPServerEntry requires spec.headerForward.addHeadersFromSecret[0].valueSecretRef.name',
    base: 'composite-tools/composite-tool-inline.yaml#2',
    patch: [
      [
        'set',
        ['spec', 'headerForward'],
        { addHeadersFromSecret: [{ headerName: 'abc', valueSecretRef: { key: 'abc' } }] },
      ],
    ],
    expected: ['spec.headerForward.addHeadersFromSecret[0].valueSecretRef.name: Required value'],
  },
  {
    name: 'MCPServerEntry spec.remoteUrl pattern',
    base: 'composite-tools/composite-tool-inline.yaml#2',
    patch: [['set', ['spec', 'remoteUrl'], 'not valid!']],
    expected: [
      'spec.remoteUrl: Invalid value: "not valid!": spec.remoteUrl in body should match \'^https?://\'',
    ],
  },
  {
    name: 'MCPServerEntry spec.transport enum',
    base: 'composite-tools/composite-tool-inline.yaml#2',
    patch: [['set', ['spec', 'transport'], 'bogus']],
    expected: ['spec.transport: Unsupported value: "bogus": supported values: "sse", "streamable-http"'],
  },
  {
    name: 'MCPOIDCConfig requires spec.type',
    base: 'config/authz-config-ref.yaml#1',
    patch: [['delete', ['spec', 'type']]],
    expected: [
      'spec.type: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPOIDCConfig requires spec.inline.issuer',
    base: 'config/authz-config-ref.yaml#1',
    patch: [['delete', ['spec', 'inline', 'issuer']]],
    expected: [
      'spec.inline.issuer: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPOIDCConfig requires spec.inline.caBundleRef.configMapRef.key',
    base: 'config/authz-config-ref.yaml#1',
    patch: [['set', ['spec', 'inline', 'caBundleRef'], { configMapRef: {} }]],
    expected: [
      'spec.inline.caBundleRef.configMapRef.key: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPOIDCConfig requires spec.inline.clientSecretRef.key',
    base: 'config/authz-config-ref.yaml#1',
    patch: [['set', ['spec', 'inline', 'clientSecretRef'], { name: 'abc' }]],
    expected: [
      'spec.inline.clientSecretRef.key: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPOIDCConfig requires spec.inline.clientSecretRef.name',
    base: 'config/authz-config-ref.yaml#1',
    patch: [['set', ['spec', 'inline', 'clientSecretRef'], { key: 'abc' }]],
    expected: [
      'spec.inline.clientSecretRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPOIDCConfig spec.type enum',
    base: 'config/authz-config-ref.yaml#1',
    patch: [['set', ['spec', 'type'], 'bogus']],
    expected: [
      'spec.type: Unsupported value: "bogus": supported values: "kubernetesServiceAccount", "inline"',
      'spec: Invalid value: "object": inline must be set when type is \'inline\', and must not be set otherwise',
    ],
  },
  {
    name: 'MCPTelemetryConfig requires spec.openTelemetry.caBundleRef.configMapRef.key',
    base: 'config/telemetry.yaml#1',
    patch: [['set', ['spec', 'openTelemetry', 'caBundleRef'], { configMapRef: {} }]],
    expected: [
      'spec.openTelemetry.caBundleRef.configMapRef.key: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPTelemetryConfig requires spec.openTelemetry.sensitiveHeaders[0].name',
    base: 'config/telemetry.yaml#1',
    patch: [
      [
        'set',
        ['spec', 'openTelemetry', 'sensitiveHeaders'],
        [{ secretKeyRef: { name: 'otel-collector-key', key: 'api-key' } }],
      ],
    ],
    expected: [
      'spec.openTelemetry.sensitiveHeaders[0].name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPTelemetryConfig requires spec.openTelemetry.sensitiveHeaders[0].secretKeyRef',
    base: 'config/telemetry.yaml#1',
    patch: [['set', ['spec', 'openTelemetry', 'sensitiveHeaders'], [{ name: 'x-api-key' }]]],
    expected: [
      'spec.openTelemetry.sensitiveHeaders[0].secretKeyRef: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPTelemetryConfig spec.openTelemetry.sensitiveHeaders[0].name minLength 1',
    base: 'config/telemetry.yaml#1',
    patch: [
      [
        'set',
        ['spec', 'openTelemetry', 'sensitiveHeaders'],
        [{ name: '', secretKeyRef: { name: 'otel-collector-key', key: 'api-key' } }],
      ],
    ],
    expected: [
      'spec.openTelemetry.sensitiveHeaders[0].name: Invalid value: "": spec.openTelemetry.sensitiveHeaders[0].name in body should be at least 1 chars long',
    ],
  },
  {
    name: 'MCPTelemetryConfig requires spec.openTelemetry.sensitiveHeaders[0].secretKeyRef.key',
    base: 'config/telemetry.yaml#1',
    patch: [
      [
        'set',
        ['spec', 'openTelemetry', 'sensitiveHeaders'],
        [{ name: 'x-api-key', secretKeyRef: { name: 'otel-collector-key' } }],
      ],
    ],
    expected: [
      'spec.openTelemetry.sensitiveHeaders[0].secretKeyRef.key: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPTelemetryConfig requires spec.openTelemetry.sensitiveHeaders[0].secretKeyRef.name',
    base: 'config/telemetry.yaml#1',
    patch: [
      [
        'set',
        ['spec', 'openTelemetry', 'sensitiveHeaders'],
        [{ name: 'x-api-key', secretKeyRef: { key: 'api-key' } }],
      ],
    ],
    expected: [
      'spec.openTelemetry.sensitiveHeaders[0].secretKeyRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPTelemetryConfig spec.openTelemetry.tracing.samplingRate pattern',
    base: 'config/telemetry.yaml#1',
    patch: [['set', ['spec', 'openTelemetry', 'tracing', 'samplingRate'], 'not valid!']],
    expected: [
      'spec.openTelemetry.tracing.samplingRate: Invalid value: "not valid!": spec.openTelemetry.tracing.samplingRate in body should match \'^(0(\\.\\d+)?|1(\\.0+)?)$\'',
    ],
  },
  {
    name: 'MCPWebhookConfig requires spec.mutating[0].name',
    base: 'config/webhook.yaml#1',
    patch: [
      [
        'set',
        ['spec', 'mutating'],
        [{ url: 'https://redactor.policy.svc.cluster.local/mutate', timeout: '2s', failurePolicy: 'ignore' }],
      ],
    ],
    expected: [
      'spec.mutating[0].name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPWebhookConfig requires spec.mutating[0].url',
    base: 'config/webhook.yaml#1',
    patch: [
      ['set', ['spec', 'mutating'], [{ name: 'redact-arguments', timeout: '2s', failurePolicy: 'ignore' }]],
    ],
    expected: [
      'spec.mutating[0].url: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPWebhookConfig spec.mutating[0].failurePolicy enum',
    base: 'config/webhook.yaml#1',
    patch: [
      [
        'set',
        ['spec', 'mutating'],
        [
          {
            name: 'redact-arguments',
            url: 'https://redactor.policy.svc.cluster.local/mutate',
            timeout: '2s',
            failurePolicy: 'bogus',
          },
        ],
      ],
    ],
    expected: [
      'spec.mutating[0].failurePolicy: Unsupported value: "bogus": supported values: "fail", "ignore"',
    ],
  },
  {
    name: 'MCPWebhookConfig requires spec.mutating[0].hmacSecretRef.key',
    base: 'config/webhook.yaml#1',
    patch: [
      [
        'set',
        ['spec', 'mutating'],
        [
          {
            name: 'redact-arguments',
            url: 'https://redactor.policy.svc.cluster.local/mutate',
            timeout: '2s',
            failurePolicy: 'ignore',
            hmacSecretRef: { name: 'abc' },
          },
        ],
      ],
    ],
    expected: [
      'spec.mutating[0].hmacSecretRef.key: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPWebhookConfig requires spec.mutating[0].hmacSecretRef.name',
    base: 'config/webhook.yaml#1',
    patch: [
      [
        'set',
        ['spec', 'mutating'],
        [
          {
            name: 'redact-arguments',
            url: 'https://redactor.policy.svc.cluster.local/mutate',
            timeout: '2s',
            failurePolicy: 'ignore',
            hmacSecretRef: { key: 'abc' },
          },
        ],
      ],
    ],
    expected: [
      'spec.mutating[0].hmacSecretRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPWebhookConfig spec.mutating[0].name maxLength 63',
    base: 'config/webhook.yaml#1',
    patch: [
      [
        'set',
        ['spec', 'mutating'],
        [
          {
            name: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
            url: 'https://redactor.policy.svc.cluster.local/mutate',
            timeout: '2s',
            failurePolicy: 'ignore',
          },
        ],
      ],
    ],
    expected: [
      'spec.mutating[0].name: Too long: may not be longer than 63',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPWebhookConfig spec.mutating[0].name minLength 1',
    base: 'config/webhook.yaml#1',
    patch: [
      [
        'set',
        ['spec', 'mutating'],
        [
          {
            name: '',
            url: 'https://redactor.policy.svc.cluster.local/mutate',
            timeout: '2s',
            failurePolicy: 'ignore',
          },
        ],
      ],
    ],
    expected: [
      'spec.mutating[0].name: Invalid value: "": spec.mutating[0].name in body should be at least 1 chars long',
    ],
  },
  {
    name: 'MCPWebhookConfig requires spec.mutating[0].tlsConfig.caSecretRef.key',
    base: 'config/webhook.yaml#1',
    patch: [
      [
        'set',
        ['spec', 'mutating'],
        [
          {
            name: 'redact-arguments',
            url: 'https://redactor.policy.svc.cluster.local/mutate',
            timeout: '2s',
            failurePolicy: 'ignore',
            tlsConfig: { caSecretRef: { name: 'abc' } },
          },
        ],
      ],
    ],
    expected: [
      'spec.mutating[0].tlsConfig.caSecretRef.key: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPWebhookConfig requires spec.mutating[0].tlsConfig.caSecretRef.name',
    base: 'config/webhook.yaml#1',
    patch: [
      [
        'set',
        ['spec', 'mutating'],
        [
          {
            name: 'redact-arguments',
            url: 'https://redactor.policy.svc.cluster.local/mutate',
            timeout: '2s',
            failurePolicy: 'ignore',
            tlsConfig: { caSecretRef: { key: 'abc' } },
          },
        ],
      ],
    ],
    expected: [
      'spec.mutating[0].tlsConfig.caSecretRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPWebhookConfig requires spec.mutating[0].tlsConfig.clientCertSecretRef.key',
    base: 'config/webhook.yaml#1',
    patch: [
      [
        'set',
        ['spec', 'mutating'],
        [
          {
            name: 'redact-arguments',
            url: 'https://redactor.policy.svc.cluster.local/mutate',
            timeout: '2s',
            failurePolicy: 'ignore',
            tlsConfig: { clientCertSecretRef: { name: 'abc' } },
          },
        ],
      ],
    ],
    expected: [
      'spec.mutating[0].tlsConfig.clientCertSecretRef.key: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPWebhookConfig requires spec.mutating[0].tlsConfig.clientCertSecretRef.name',
    base: 'config/webhook.yaml#1',
    patch: [
      [
        'set',
        ['spec', 'mutating'],
        [
          {
            name: 'redact-arguments',
            url: 'https://redactor.policy.svc.cluster.local/mutate',
            timeout: '2s',
            failurePolicy: 'ignore',
            tlsConfig: { clientCertSecretRef: { key: 'abc' } },
          },
        ],
      ],
    ],
    expected: [
      'spec.mutating[0].tlsConfig.clientCertSecretRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPWebhookConfig requires spec.mutating[0].tlsConfig.clientKeySecretRef.key',
    base: 'config/webhook.yaml#1',
    patch: [
      [
        'set',
        ['spec', 'mutating'],
        [
          {
            name: 'redact-arguments',
            url: 'https://redactor.policy.svc.cluster.local/mutate',
            timeout: '2s',
            failurePolicy: 'ignore',
            tlsConfig: { clientKeySecretRef: { name: 'abc' } },
          },
        ],
      ],
    ],
    expected: [
      'spec.mutating[0].tlsConfig.clientKeySecretRef.key: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPWebhookConfig requires spec.mutating[0].tlsConfig.clientKeySecretRef.name',
    base: 'config/webhook.yaml#1',
    patch: [
      [
        'set',
        ['spec', 'mutating'],
        [
          {
            name: 'redact-arguments',
            url: 'https://redactor.policy.svc.cluster.local/mutate',
            timeout: '2s',
            failurePolicy: 'ignore',
            tlsConfig: { clientKeySecretRef: { key: 'abc' } },
          },
        ],
      ],
    ],
    expected: [
      'spec.mutating[0].tlsConfig.clientKeySecretRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPWebhookConfig requires spec.validating[0].name',
    base: 'config/webhook.yaml#1',
    patch: [
      [
        'set',
        ['spec', 'validating'],
        [
          {
            url: 'https://policy.policy.svc.cluster.local/validate',
            timeout: '5s',
            failurePolicy: 'fail',
            hmacSecretRef: { name: 'policy-webhook-credentials', key: 'hmac-key' },
            tlsConfig: {
              caSecretRef: { name: 'policy-webhook-credentials', key: 'ca.crt' },
              clientCertSecretRef: { name: 'policy-webhook-credentials', key: 'tls.crt' },
              clientKeySecretRef: { name: 'policy-webhook-credentials', key: 'tls.key' },
            },
          },
        ],
      ],
    ],
    expected: [
      'spec.validating[0].name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPWebhookConfig requires spec.validating[0].url',
    base: 'config/webhook.yaml#1',
    patch: [
      [
        'set',
        ['spec', 'validating'],
        [
          {
            name: 'policy-check',
            timeout: '5s',
            failurePolicy: 'fail',
            hmacSecretRef: { name: 'policy-webhook-credentials', key: 'hmac-key' },
            tlsConfig: {
              caSecretRef: { name: 'policy-webhook-credentials', key: 'ca.crt' },
              clientCertSecretRef: { name: 'policy-webhook-credentials', key: 'tls.crt' },
              clientKeySecretRef: { name: 'policy-webhook-credentials', key: 'tls.key' },
            },
          },
        ],
      ],
    ],
    expected: [
      'spec.validating[0].url: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPWebhookConfig spec.validating[0].failurePolicy enum',
    base: 'config/webhook.yaml#1',
    patch: [
      [
        'set',
        ['spec', 'validating'],
        [
          {
            name: 'policy-check',
            url: 'https://policy.policy.svc.cluster.local/validate',
            timeout: '5s',
            failurePolicy: 'bogus',
            hmacSecretRef: { name: 'policy-webhook-credentials', key: 'hmac-key' },
            tlsConfig: {
              caSecretRef: { name: 'policy-webhook-credentials', key: 'ca.crt' },
              clientCertSecretRef: { name: 'policy-webhook-credentials', key: 'tls.crt' },
              clientKeySecretRef: { name: 'policy-webhook-credentials', key: 'tls.key' },
            },
          },
        ],
      ],
    ],
    expected: [
      'spec.validating[0].failurePolicy: Unsupported value: "bogus": supported values: "fail", "ignore"',
    ],
  },
  {
    name: 'MCPWebhookConfig requires spec.validating[0].hmacSecretRef.key',
    base: 'config/webhook.yaml#1',
    patch: [
      [
        'set',
        ['spec', 'validating'],
        [
          {
            name: 'policy-check',
            url: 'https://policy.policy.svc.cluster.local/validate',
            timeout: '5s',
            failurePolicy: 'fail',
            hmacSecretRef: { name: 'policy-webhook-credentials' },
            tlsConfig: {
              caSecretRef: { name: 'policy-webhook-credentials', key: 'ca.crt' },
              clientCertSecretRef: { name: 'policy-webhook-credentials', key: 'tls.crt' },
              clientKeySecretRef: { name: 'policy-webhook-credentials', key: 'tls.key' },
            },
          },
        ],
      ],
    ],
    expected: [
      'spec.validating[0].hmacSecretRef.key: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPWebhookConfig requires spec.validating[0].hmacSecretRef.name',
    base: 'config/webhook.yaml#1',
    patch: [
      [
        'set',
        ['spec', 'validating'],
        [
          {
            name: 'policy-check',
            url: 'https://policy.policy.svc.cluster.local/validate',
            timeout: '5s',
            failurePolicy: 'fail',
            hmacSecretRef: { key: 'hmac-key' },
            tlsConfig: {
              caSecretRef: { name: 'policy-webhook-credentials', key: 'ca.crt' },
              clientCertSecretRef: { name: 'policy-webhook-credentials', key: 'tls.crt' },
              clientKeySecretRef: { name: 'policy-webhook-credentials', key: 'tls.key' },
            },
          },
        ],
      ],
    ],
    expected: [
      'spec.validating[0].hmacSecretRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPWebhookConfig spec.validating[0].name maxLength 63',
    base: 'config/webhook.yaml#1',
    patch: [
      [
        'set',
        ['spec', 'validating'],
        [
          {
            name: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
            url: 'https://policy.policy.svc.cluster.local/validate',
            timeout: '5s',
            failurePolicy: 'fail',
            hmacSecretRef: { name: 'policy-webhook-credentials', key: 'hmac-key' },
            tlsConfig: {
              caSecretRef: { name: 'policy-webhook-credentials', key: 'ca.crt' },
              clientCertSecretRef: { name: 'policy-webhook-credentials', key: 'tls.crt' },
              clientKeySecretRef: { name: 'policy-webhook-credentials', key: 'tls.key' },
            },
          },
        ],
      ],
    ],
    expected: [
      'spec.validating[0].name: Too long: may not be longer than 63',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPWebhookConfig spec.validating[0].name minLength 1',
    base: 'config/webhook.yaml#1',
    patch: [
      [
        'set',
        ['spec', 'validating'],
        [
          {
            name: '',
            url: 'https://policy.policy.svc.cluster.local/validate',
            timeout: '5s',
            failurePolicy: 'fail',
            hmacSecretRef: { name: 'policy-webhook-credentials', key: 'hmac-key' },
            tlsConfig: {
              caSecretRef: { name: 'policy-webhook-credentials', key: 'ca.crt' },
              clientCertSecretRef: { name: 'policy-webhook-credentials', key: 'tls.crt' },
              clientKeySecretRef: { name: 'policy-webhook-credentials', key: 'tls.key' },
            },
          },
        ],
      ],
    ],
    expected: [
      'spec.validating[0].name: Invalid value: "": spec.validating[0].name in body should be at least 1 chars long',
    ],
  },
  {
    name: 'MCPWebhookConfig requires spec.validating[0].tlsConfig.caSecretRef.key',
    base: 'config/webhook.yaml#1',
    patch: [
      [
        'set',
        ['spec', 'validating'],
        [
          {
            name: 'policy-check',
            url: 'https://policy.policy.svc.cluster.local/validate',
            timeout: '5s',
            failurePolicy: 'fail',
            hmacSecretRef: { name: 'policy-webhook-credentials', key: 'hmac-key' },
            tlsConfig: {
              caSecretRef: { name: 'policy-webhook-credentials' },
              clientCertSecretRef: { name: 'policy-webhook-credentials', key: 'tls.crt' },
              clientKeySecretRef: { name: 'policy-webhook-credentials', key: 'tls.key' },
            },
          },
        ],
      ],
    ],
    expected: [
      'spec.validating[0].tlsConfig.caSecretRef.key: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPWebhookConfig requires spec.validating[0].tlsConfig.caSecretRef.name',
    base: 'config/webhook.yaml#1',
    patch: [
      [
        'set',
        ['spec', 'validating'],
        [
          {
            name: 'policy-check',
            url: 'https://policy.policy.svc.cluster.local/validate',
            timeout: '5s',
            failurePolicy: 'fail',
            hmacSecretRef: { name: 'policy-webhook-credentials', key: 'hmac-key' },
            tlsConfig: {
              caSecretRef: { key: 'ca.crt' },
              clientCertSecretRef: { name: 'policy-webhook-credentials', key: 'tls.crt' },
              clientKeySecretRef: { name: 'policy-webhook-credentials', key: 'tls.key' },
            },
          },
        ],
      ],
    ],
    expected: [
      'spec.validating[0].tlsConfig.caSecretRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPWebhookConfig requires spec.validating[0].tlsConfig.clientCertSecretRef.key',
    base: 'config/webhook.yaml#1',
    patch: [
      [
        'set',
        ['spec', 'validating'],
        [
          {
            name: 'policy-check',
            url: 'https://policy.policy.svc.cluster.local/validate',
            timeout: '5s',
            failurePolicy: 'fail',
            hmacSecretRef: { name: 'policy-webhook-credentials', key: 'hmac-key' },
            tlsConfig: {
              caSecretRef: { name: 'policy-webhook-credentials', key: 'ca.crt' },
              clientCertSecretRef: { name: 'policy-webhook-credentials' },
              clientKeySecretRef: { name: 'policy-webhook-credentials', key: 'tls.key' },
            },
          },
        ],
      ],
    ],
    expected: [
      'spec.validating[0].tlsConfig.clientCertSecretRef.key: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPWebhookConfig requires spec.validating[0].tlsConfig.clientCertSecretRef.name',
    base: 'config/webhook.yaml#1',
    patch: [
      [
        'set',
        ['spec', 'validating'],
        [
          {
            name: 'policy-check',
            url: 'https://policy.policy.svc.cluster.local/validate',
            timeout: '5s',
            failurePolicy: 'fail',
            hmacSecretRef: { name: 'policy-webhook-credentials', key: 'hmac-key' },
            tlsConfig: {
              caSecretRef: { name: 'policy-webhook-credentials', key: 'ca.crt' },
              clientCertSecretRef: { key: 'tls.crt' },
              clientKeySecretRef: { name: 'policy-webhook-credentials', key: 'tls.key' },
            },
          },
        ],
      ],
    ],
    expected: [
      'spec.validating[0].tlsConfig.clientCertSecretRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPWebhookConfig requires spec.validating[0].tlsConfig.clientKeySecretRef.key',
    base: 'config/webhook.yaml#1',
    patch: [
      [
        'set',
        ['spec', 'validating'],
        [
          {
            name: 'policy-check',
            url: 'https://policy.policy.svc.cluster.local/validate',
            timeout: '5s',
            failurePolicy: 'fail',
            hmacSecretRef: { name: 'policy-webhook-credentials', key: 'hmac-key' },
            tlsConfig: {
              caSecretRef: { name: 'policy-webhook-credentials', key: 'ca.crt' },
              clientCertSecretRef: { name: 'policy-webhook-credentials', key: 'tls.crt' },
              clientKeySecretRef: { name: 'policy-webhook-credentials' },
            },
          },
        ],
      ],
    ],
    expected: [
      'spec.validating[0].tlsConfig.clientKeySecretRef.key: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPWebhookConfig requires spec.validating[0].tlsConfig.clientKeySecretRef.name',
    base: 'config/webhook.yaml#1',
    patch: [
      [
        'set',
        ['spec', 'validating'],
        [
          {
            name: 'policy-check',
            url: 'https://policy.policy.svc.cluster.local/validate',
            timeout: '5s',
            failurePolicy: 'fail',
            hmacSecretRef: { name: 'policy-webhook-credentials', key: 'hmac-key' },
            tlsConfig: {
              caSecretRef: { name: 'policy-webhook-credentials', key: 'ca.crt' },
              clientCertSecretRef: { name: 'policy-webhook-credentials', key: 'tls.crt' },
              clientKeySecretRef: { key: 'tls.key' },
            },
          },
        ],
      ],
    ],
    expected: [
      'spec.validating[0].tlsConfig.clientKeySecretRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPAuthzConfig requires spec.config',
    base: 'config/authz-config-ref.yaml#0',
    patch: [['delete', ['spec', 'config']]],
    expected: ['spec.config: Required value'],
  },
  {
    name: 'MCPAuthzConfig requires spec.type',
    base: 'config/authz-config-ref.yaml#0',
    patch: [['delete', ['spec', 'type']]],
    expected: ['spec.type: Required value'],
  },
  {
    name: 'MCPAuthzConfig spec.type minLength 1',
    base: 'config/authz-config-ref.yaml#0',
    patch: [['set', ['spec', 'type'], '']],
    expected: ['spec.type: Invalid value: "": spec.type in body should be at least 1 chars long'],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.type',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [['delete', ['spec', 'type']]],
    expected: [
      'spec.type: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.awsSts.region',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [['delete', ['spec', 'awsSts', 'region']]],
    expected: [
      'spec.awsSts.region: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.awsSts.fallbackRoleArn pattern',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [['set', ['spec', 'awsSts', 'fallbackRoleArn'], 'not valid!']],
    expected: [
      'spec.awsSts.fallbackRoleArn: Invalid value: "not valid!": spec.awsSts.fallbackRoleArn in body should match \'^arn:(aws|aws-cn|aws-us-gov):iam::\\d{12}:role/[\\w+=,.@\\-_/]+$\'',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.awsSts.region minLength 1',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [['set', ['spec', 'awsSts', 'region'], '']],
    expected: [
      'spec.awsSts.region: Invalid value: "": spec.awsSts.region in body should be at least 1 chars long',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.awsSts.region pattern',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [['set', ['spec', 'awsSts', 'region'], 'not valid!']],
    expected: [
      'spec.awsSts.region: Invalid value: "not valid!": spec.awsSts.region in body should match \'^[a-z]{2}(-[a-z]+)+-\\d+$\'',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.awsSts.roleMappings[0].roleArn',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'awsSts', 'roleMappings'],
        [
          { claim: 'platform-engineers', priority: 0 },
          {
            matcher: '"analysts" in claims["groups"] && claims["email_verified"] == true',
            roleArn: 'arn:aws:iam::123456789012:role/mcp-read-only',
            priority: 10,
          },
        ],
      ],
    ],
    expected: [
      'spec.awsSts.roleMappings[0].roleArn: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.awsSts.roleMappings[0].claim minLength 1',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'awsSts', 'roleMappings'],
        [
          { claim: '', roleArn: 'arn:aws:iam::123456789012:role/mcp-admin', priority: 0 },
          {
            matcher: '"analysts" in claims["groups"] && claims["email_verified"] == true',
            roleArn: 'arn:aws:iam::123456789012:role/mcp-read-only',
            priority: 10,
          },
        ],
      ],
    ],
    expected: [
      'spec.awsSts.roleMappings[0].claim: Invalid value: "": spec.awsSts.roleMappings[0].claim in body should be at least 1 chars long',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.awsSts.roleMappings[0].matcher minLength 1',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'awsSts', 'roleMappings'],
        [
          {
            claim: 'platform-engineers',
            roleArn: 'arn:aws:iam::123456789012:role/mcp-admin',
            priority: 0,
            matcher: '',
          },
          {
            matcher: '"analysts" in claims["groups"] && claims["email_verified"] == true',
            roleArn: 'arn:aws:iam::123456789012:role/mcp-read-only',
            priority: 10,
          },
        ],
      ],
    ],
    expected: [
      'spec.awsSts.roleMappings[0].matcher: Invalid value: "": spec.awsSts.roleMappings[0].matcher in body should be at least 1 chars long',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.awsSts.roleMappings[0].priority minimum 0',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'awsSts', 'roleMappings'],
        [
          { claim: 'platform-engineers', roleArn: 'arn:aws:iam::123456789012:role/mcp-admin', priority: -1 },
          {
            matcher: '"analysts" in claims["groups"] && claims["email_verified"] == true',
            roleArn: 'arn:aws:iam::123456789012:role/mcp-read-only',
            priority: 10,
          },
        ],
      ],
    ],
    expected: [
      'spec.awsSts.roleMappings[0].priority: Invalid value: -1: spec.awsSts.roleMappings[0].priority in body should be greater than or equal to 0',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.awsSts.roleMappings[0].roleArn pattern',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'awsSts', 'roleMappings'],
        [
          { claim: 'platform-engineers', roleArn: 'not valid!', priority: 0 },
          {
            matcher: '"analysts" in claims["groups"] && claims["email_verified"] == true',
            roleArn: 'arn:aws:iam::123456789012:role/mcp-read-only',
            priority: 10,
          },
        ],
      ],
    ],
    expected: [
      'spec.awsSts.roleMappings[0].roleArn: Invalid value: "not valid!": spec.awsSts.roleMappings[0].roleArn in body should match \'^arn:(aws|aws-cn|aws-us-gov):iam::\\d{12}:role/[\\w+=,.@\\-_/]+$\'',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.awsSts.sessionDuration minimum 900',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [['set', ['spec', 'awsSts', 'sessionDuration'], 899]],
    expected: [
      'spec.awsSts.sessionDuration: Invalid value: 899: spec.awsSts.sessionDuration in body should be greater than or equal to 900',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.awsSts.sessionDuration maximum 43200',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [['set', ['spec', 'awsSts', 'sessionDuration'], 43201]],
    expected: [
      'spec.awsSts.sessionDuration: Invalid value: 43201: spec.awsSts.sessionDuration in body should be less than or equal to 43200',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.bearerToken.tokenSecretRef',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [['set', ['spec', 'bearerToken'], {}]],
    expected: [
      'spec.bearerToken.tokenSecretRef: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.bearerToken.tokenSecretRef.key',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [['set', ['spec', 'bearerToken'], { tokenSecretRef: { name: 'abc' } }]],
    expected: [
      'spec.bearerToken.tokenSecretRef.key: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.bearerToken.tokenSecretRef.name',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [['set', ['spec', 'bearerToken'], { tokenSecretRef: { key: 'abc' } }]],
    expected: [
      'spec.bearerToken.tokenSecretRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.embeddedAuthServer.issuer',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [['set', ['spec', 'embeddedAuthServer'], { upstreamProviders: [{ name: 'abc', type: 'oidc' }] }]],
    expected: [
      'spec.embeddedAuthServer.issuer: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.embeddedAuthServer.upstreamProviders',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [['set', ['spec', 'embeddedAuthServer'], { issuer: 'https://example.com/x' }]],
    expected: [
      'spec.embeddedAuthServer.upstreamProviders: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.authorizationEndpointBaseUrl pattern',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          authorizationEndpointBaseUrl: 'not valid!',
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.authorizationEndpointBaseUrl: Invalid value: "not valid!": spec.embeddedAuthServer.authorizationEndpointBaseUrl in body should match \'^https?://[^\\s?#]+[^/\\s?#]$\'',
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.baselineClientScopes maxItems 10',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          baselineClientScopes: ['abc', 'abc', 'abc', 'abc', 'abc', 'abc', 'abc', 'abc', 'abc', 'abc', 'abc'],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.baselineClientScopes: Too many: 11: must have at most 10 items',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.baselineClientScopes[0] minLength 1',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          baselineClientScopes: [''],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.baselineClientScopes[0]: Invalid value: "": spec.embeddedAuthServer.baselineClientScopes[0] in body should be at least 1 chars long',
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.baselineClientScopes[0] pattern',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          baselineClientScopes: ['not valid!'],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.baselineClientScopes[0]: Invalid value: "not valid!": spec.embeddedAuthServer.baselineClientScopes[0] in body should match \'^[\\x21\\x23-\\x5B\\x5D-\\x7E]+$\'',
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.embeddedAuthServer.cimd.enabled',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        { issuer: 'https://example.com/x', upstreamProviders: [{ name: 'abc', type: 'oidc' }], cimd: {} },
      ],
    ],
    expected: [
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.cimd.cacheFallbackTtl pattern',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          cimd: { enabled: false, cacheFallbackTtl: 'not valid!' },
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.cimd.cacheFallbackTtl: Invalid value: "not valid!": spec.embeddedAuthServer.cimd.cacheFallbackTtl in body should match \'^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$\'',
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.cimd.cacheMaxSize minimum 1',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          cimd: { enabled: false, cacheMaxSize: 0 },
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.cimd.cacheMaxSize: Invalid value: 0: spec.embeddedAuthServer.cimd.cacheMaxSize in body should be greater than or equal to 1',
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.delegateClients maxItems 10',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          delegateClients: [
            {
              audiences: ['abc'],
              clientId: 'abc',
              clientSecretRef: { key: 'abc', name: 'abc' },
              scopes: ['abc'],
            },
            {
              audiences: ['abc'],
              clientId: 'abc',
              clientSecretRef: { key: 'abc', name: 'abc' },
              scopes: ['abc'],
            },
            {
              audiences: ['abc'],
              clientId: 'abc',
              clientSecretRef: { key: 'abc', name: 'abc' },
              scopes: ['abc'],
            },
            {
              audiences: ['abc'],
              clientId: 'abc',
              clientSecretRef: { key: 'abc', name: 'abc' },
              scopes: ['abc'],
            },
            {
              audiences: ['abc'],
              clientId: 'abc',
              clientSecretRef: { key: 'abc', name: 'abc' },
              scopes: ['abc'],
            },
            {
              audiences: ['abc'],
              clientId: 'abc',
              clientSecretRef: { key: 'abc', name: 'abc' },
              scopes: ['abc'],
            },
            {
              audiences: ['abc'],
              clientId: 'abc',
              clientSecretRef: { key: 'abc', name: 'abc' },
              scopes: ['abc'],
            },
            {
              audiences: ['abc'],
              clientId: 'abc',
              clientSecretRef: { key: 'abc', name: 'abc' },
              scopes: ['abc'],
            },
            {
              audiences: ['abc'],
              clientId: 'abc',
              clientSecretRef: { key: 'abc', name: 'abc' },
              scopes: ['abc'],
            },
            {
              audiences: ['abc'],
              clientId: 'abc',
              clientSecretRef: { key: 'abc', name: 'abc' },
              scopes: ['abc'],
            },
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
      'spec.embeddedAuthServer.delegateClients: Too many: 11: must have at most 10 items',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.embeddedAuthServer.delegateClients[0].audiences',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          delegateClients: [
            { clientId: 'abc', clientSecretRef: { key: 'abc', name: 'abc' }, scopes: ['abc'] },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.delegateClients[0].audiences: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.embeddedAuthServer.delegateClients[0].clientId',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          delegateClients: [
            { audiences: ['abc'], clientSecretRef: { key: 'abc', name: 'abc' }, scopes: ['abc'] },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.delegateClients[0].clientId: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.embeddedAuthServer.delegateClients[0].clientSecretRef',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          delegateClients: [{ audiences: ['abc'], clientId: 'abc', scopes: ['abc'] }],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.delegateClients[0].clientSecretRef: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.embeddedAuthServer.delegateClients[0].scopes',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          delegateClients: [
            { audiences: ['abc'], clientId: 'abc', clientSecretRef: { key: 'abc', name: 'abc' } },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.delegateClients[0].scopes: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.delegateClients[0].audiences minItems 1',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          delegateClients: [
            { audiences: [], clientId: 'abc', clientSecretRef: { key: 'abc', name: 'abc' }, scopes: ['abc'] },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.delegateClients[0].audiences: Invalid value: 0: spec.embeddedAuthServer.delegateClients[0].audiences in body should have at least 1 items',
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.delegateClients[0].audiences maxItems 10',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          delegateClients: [
            {
              audiences: ['abc', 'abc', 'abc', 'abc', 'abc', 'abc', 'abc', 'abc', 'abc', 'abc', 'abc'],
              clientId: 'abc',
              clientSecretRef: { key: 'abc', name: 'abc' },
              scopes: ['abc'],
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.delegateClients[0].audiences: Too many: 11: must have at most 10 items',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.delegateClients[0].audiences[0] maxLength 2048',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          delegateClients: [
            {
              audiences: [
                'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
              ],
              clientId: 'abc',
              clientSecretRef: { key: 'abc', name: 'abc' },
              scopes: ['abc'],
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.delegateClients[0].audiences[0]: Too long: may not be longer than 2048',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.delegateClients[0].audiences[0] minLength 1',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          delegateClients: [
            {
              audiences: [''],
              clientId: 'abc',
              clientSecretRef: { key: 'abc', name: 'abc' },
              scopes: ['abc'],
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.delegateClients[0].audiences[0]: Invalid value: "": spec.embeddedAuthServer.delegateClients[0].audiences[0] in body should be at least 1 chars long',
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.delegateClients[0].clientId maxLength 256',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          delegateClients: [
            {
              audiences: ['abc'],
              clientId:
                'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
              clientSecretRef: { key: 'abc', name: 'abc' },
              scopes: ['abc'],
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.delegateClients[0].clientId: Too long: may not be longer than 256',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.delegateClients[0].clientId minLength 1',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          delegateClients: [
            {
              audiences: ['abc'],
              clientId: '',
              clientSecretRef: { key: 'abc', name: 'abc' },
              scopes: ['abc'],
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.delegateClients[0].clientId: Invalid value: "": spec.embeddedAuthServer.delegateClients[0].clientId in body should be at least 1 chars long',
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.embeddedAuthServer.delegateClients[0].clientSecretRef.key',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          delegateClients: [
            { audiences: ['abc'], clientId: 'abc', clientSecretRef: { name: 'abc' }, scopes: ['abc'] },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.delegateClients[0].clientSecretRef.key: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.embeddedAuthServer.delegateClients[0].clientSecretRef.name',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          delegateClients: [
            { audiences: ['abc'], clientId: 'abc', clientSecretRef: { key: 'abc' }, scopes: ['abc'] },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.delegateClients[0].clientSecretRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.delegateClients[0].scopes minItems 1',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          delegateClients: [
            { audiences: ['abc'], clientId: 'abc', clientSecretRef: { key: 'abc', name: 'abc' }, scopes: [] },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.delegateClients[0].scopes: Invalid value: 0: spec.embeddedAuthServer.delegateClients[0].scopes in body should have at least 1 items',
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.delegateClients[0].scopes maxItems 10',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          delegateClients: [
            {
              audiences: ['abc'],
              clientId: 'abc',
              clientSecretRef: { key: 'abc', name: 'abc' },
              scopes: ['abc', 'abc', 'abc', 'abc', 'abc', 'abc', 'abc', 'abc', 'abc', 'abc', 'abc'],
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.delegateClients[0].scopes: Too many: 11: must have at most 10 items',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.delegateClients[0].scopes[0] maxLength 256',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          delegateClients: [
            {
              audiences: ['abc'],
              clientId: 'abc',
              clientSecretRef: { key: 'abc', name: 'abc' },
              scopes: [
                'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
              ],
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.delegateClients[0].scopes[0]: Too long: may not be longer than 256',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.delegateClients[0].scopes[0] minLength 1',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          delegateClients: [
            {
              audiences: ['abc'],
              clientId: 'abc',
              clientSecretRef: { key: 'abc', name: 'abc' },
              scopes: [''],
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.delegateClients[0].scopes[0]: Invalid value: "": spec.embeddedAuthServer.delegateClients[0].scopes[0] in body should be at least 1 chars long',
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.forceConfidentialRedirectUris maxItems 10',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          forceConfidentialRedirectUris: [
            'https://example.com/x',
            'https://example.com/x',
            'https://example.com/x',
            'https://example.com/x',
            'https://example.com/x',
            'https://example.com/x',
            'https://example.com/x',
            'https://example.com/x',
            'https://example.com/x',
            'https://example.com/x',
            'https://example.com/x',
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.forceConfidentialRedirectUris: Too many: 11: must have at most 10 items',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.forceConfidentialRedirectUris[0] pattern',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          forceConfidentialRedirectUris: ['not valid!'],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.forceConfidentialRedirectUris[0]: Invalid value: "not valid!": spec.embeddedAuthServer.forceConfidentialRedirectUris[0] in body should match \'^https://[^\\s?#]+$\'',
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      'spec.embeddedAuthServer: Invalid value: "object": forceConfidentialRedirectUris requires allowConfidentialClientRegistration to be true',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.embeddedAuthServer.hmacSecretRefs[0].key',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          hmacSecretRefs: [{ name: 'abc' }],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.hmacSecretRefs[0].key: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.embeddedAuthServer.hmacSecretRefs[0].name',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          hmacSecretRefs: [{ key: 'abc' }],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.hmacSecretRefs[0].name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.issuer pattern',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        { issuer: 'not valid!', upstreamProviders: [{ name: 'abc', type: 'oidc' }] },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.issuer: Invalid value: "not valid!": spec.embeddedAuthServer.issuer in body should match \'^https?://[^\\s?#]+[^/\\s?#]$\'',
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.primaryUpstreamProvider maxLength 63',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          primaryUpstreamProvider: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.primaryUpstreamProvider: Too long: may not be longer than 63',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.primaryUpstreamProvider minLength 1',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          primaryUpstreamProvider: '',
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.primaryUpstreamProvider: Invalid value: "": spec.embeddedAuthServer.primaryUpstreamProvider in body should be at least 1 chars long',
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.primaryUpstreamProvider pattern',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          primaryUpstreamProvider: 'not valid!',
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.primaryUpstreamProvider: Invalid value: "not valid!": spec.embeddedAuthServer.primaryUpstreamProvider in body should match \'^[a-z0-9]([a-z0-9-]*[a-z0-9])?$\'',
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.signingKeySecretRefs maxItems 5',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          signingKeySecretRefs: [
            { key: 'abc', name: 'abc' },
            { key: 'abc', name: 'abc' },
            { key: 'abc', name: 'abc' },
            { key: 'abc', name: 'abc' },
            { key: 'abc', name: 'abc' },
            { key: 'abc', name: 'abc' },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.signingKeySecretRefs: Too many: 6: must have at most 5 items',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.embeddedAuthServer.signingKeySecretRefs[0].key',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          signingKeySecretRefs: [{ name: 'abc' }],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.signingKeySecretRefs[0].key: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.embeddedAuthServer.signingKeySecretRefs[0].name',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          signingKeySecretRefs: [{ key: 'abc' }],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.signingKeySecretRefs[0].name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.embeddedAuthServer.storage.redis.aclUserConfig',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          storage: { redis: {} },
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.storage.redis.aclUserConfig: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.embeddedAuthServer.storage.redis.aclUserConfig.passwordSecretRef',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          storage: { redis: { aclUserConfig: {} } },
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.storage.redis.aclUserConfig.passwordSecretRef: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.embeddedAuthServer.storage.redis.aclUserConfig.passwordSecretRef.key',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          storage: { redis: { aclUserConfig: { passwordSecretRef: { name: 'abc' } } } },
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.storage.redis.aclUserConfig.passwordSecretRef.key: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.embeddedAuthServer.storage.redis.aclUserConfig.passwordSecretRef.name',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          storage: { redis: { aclUserConfig: { passwordSecretRef: { key: 'abc' } } } },
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.storage.redis.aclUserConfig.passwordSecretRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.embeddedAuthServer.storage.redis.aclUserConfig.usernameSecretRef.key',
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
              aclUserConfig: {
                passwordSecretRef: { key: 'abc', name: 'abc' },
                usernameSecretRef: { name: 'abc' },
              },
            },
          },
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.storage.redis.aclUserConfig.usernameSecretRef.key: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.embeddedAuthServer.storage.redis.aclUserConfig.usernameSecretRef.name',
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
              aclUserConfig: {
                passwordSecretRef: { key: 'abc', name: 'abc' },
                usernameSecretRef: { key: 'abc' },
              },
            },
          },
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.storage.redis.aclUserConfig.usernameSecretRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.storage.redis.dialTimeout pattern',
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
              dialTimeout: 'not valid!',
            },
          },
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.storage.redis.dialTimeout: Invalid value: "not valid!": spec.embeddedAuthServer.storage.redis.dialTimeout in body should match \'^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$\'',
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      'spec.embeddedAuthServer.storage.redis: Invalid value: "object": exactly one of addr or sentinelConfig must be set',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.storage.redis.readTimeout pattern',
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
              readTimeout: 'not valid!',
            },
          },
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.storage.redis.readTimeout: Invalid value: "not valid!": spec.embeddedAuthServer.storage.redis.readTimeout in body should match \'^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$\'',
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      'spec.embeddedAuthServer.storage.redis: Invalid value: "object": exactly one of addr or sentinelConfig must be set',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.embeddedAuthServer.storage.redis.sentinelConfig.masterName',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          storage: {
            redis: { aclUserConfig: { passwordSecretRef: { key: 'abc', name: 'abc' } }, sentinelConfig: {} },
          },
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.storage.redis.sentinelConfig.masterName: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.embeddedAuthServer.storage.redis.sentinelConfig.sentinelService.name',
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
              sentinelConfig: { masterName: 'abc', sentinelService: {} },
            },
          },
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.storage.redis.sentinelConfig.sentinelService.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.embeddedAuthServer.storage.redis.sentinelTls.caCertSecretRef.key',
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
              sentinelTls: { caCertSecretRef: { name: 'abc' } },
            },
          },
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.storage.redis.sentinelTls.caCertSecretRef.key: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.embeddedAuthServer.storage.redis.sentinelTls.caCertSecretRef.name',
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
              sentinelTls: { caCertSecretRef: { key: 'abc' } },
            },
          },
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.storage.redis.sentinelTls.caCertSecretRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.embeddedAuthServer.storage.redis.tls.caCertSecretRef.key',
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
              tls: { caCertSecretRef: { name: 'abc' } },
            },
          },
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.storage.redis.tls.caCertSecretRef.key: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.embeddedAuthServer.storage.redis.tls.caCertSecretRef.name',
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
              tls: { caCertSecretRef: { key: 'abc' } },
            },
          },
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.storage.redis.tls.caCertSecretRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.storage.redis.writeTimeout pattern',
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
              writeTimeout: 'not valid!',
            },
          },
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.storage.redis.writeTimeout: Invalid value: "not valid!": spec.embeddedAuthServer.storage.redis.writeTimeout in body should match \'^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$\'',
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      'spec.embeddedAuthServer.storage.redis: Invalid value: "object": exactly one of addr or sentinelConfig must be set',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.storage.type enum',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          storage: { type: 'bogus' },
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.storage.type: Unsupported value: "bogus": supported values: "memory", "redis"',
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.tokenLifespans.accessTokenLifespan pattern',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          tokenLifespans: { accessTokenLifespan: 'not valid!' },
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.tokenLifespans.accessTokenLifespan: Invalid value: "not valid!": spec.embeddedAuthServer.tokenLifespans.accessTokenLifespan in body should match \'^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$\'',
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.tokenLifespans.authCodeLifespan pattern',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          tokenLifespans: { authCodeLifespan: 'not valid!' },
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.tokenLifespans.authCodeLifespan: Invalid value: "not valid!": spec.embeddedAuthServer.tokenLifespans.authCodeLifespan in body should match \'^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$\'',
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.tokenLifespans.refreshTokenLifespan pattern',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          tokenLifespans: { refreshTokenLifespan: 'not valid!' },
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.tokenLifespans.refreshTokenLifespan: Invalid value: "not valid!": spec.embeddedAuthServer.tokenLifespans.refreshTokenLifespan in body should match \'^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$\'',
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.trustedIssuers maxItems 20',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          trustedIssuers: [
            { issuerUrl: 'abc' },
            { issuerUrl: 'abc' },
            { issuerUrl: 'abc' },
            { issuerUrl: 'abc' },
            { issuerUrl: 'abc' },
            { issuerUrl: 'abc' },
            { issuerUrl: 'abc' },
            { issuerUrl: 'abc' },
            { issuerUrl: 'abc' },
            { issuerUrl: 'abc' },
            { issuerUrl: 'abc' },
            { issuerUrl: 'abc' },
            { issuerUrl: 'abc' },
            { issuerUrl: 'abc' },
            { issuerUrl: 'abc' },
            { issuerUrl: 'abc' },
            { issuerUrl: 'abc' },
            { issuerUrl: 'abc' },
            { issuerUrl: 'abc' },
            { issuerUrl: 'abc' },
            { issuerUrl: 'abc' },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.trustedIssuers: Too many: 21: must have at most 20 items',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.embeddedAuthServer.trustedIssuers[0].issuerUrl',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          trustedIssuers: [{}],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.trustedIssuers[0].issuerUrl: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.trustedIssuers[0].actorClaim maxLength 64',
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
              actorClaim: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.trustedIssuers[0].actorClaim: Too long: may not be longer than 64',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.trustedIssuers[0].actorMatcher maxLength 4096',
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
              actorMatcher:
                'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.trustedIssuers[0].actorMatcher: Too long: may not be longer than 4096',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.trustedIssuers[0].allowedActors maxItems 50',
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
              allowedActors: [
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
              ],
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.trustedIssuers[0].allowedActors: Too many: 51: must have at most 50 items',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.trustedIssuers[0].allowedActors[0] maxLength 256',
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
              allowedActors: [
                'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
              ],
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.trustedIssuers[0].allowedActors[0]: Too long: may not be longer than 256',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.trustedIssuers[0].allowedActors[0] minLength 1',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          trustedIssuers: [{ issuerUrl: 'abc', allowedActors: [''] }],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.trustedIssuers[0].allowedActors[0]: Invalid value: "": spec.embeddedAuthServer.trustedIssuers[0].allowedActors[0] in body should be at least 1 chars long',
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      'spec.embeddedAuthServer.trustedIssuers[0]: Invalid value: "object": expectedAudience is required unless jwtBearerGrant is configured without actorClaim, actorMatcher, allowMayAct, or allowedActors',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.trustedIssuers[0].allowedDelegateClients minItems 1',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          trustedIssuers: [{ issuerUrl: 'abc', allowedDelegateClients: [] }],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.trustedIssuers[0].allowedDelegateClients: Invalid value: 0: spec.embeddedAuthServer.trustedIssuers[0].allowedDelegateClients in body should have at least 1 items',
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      'spec.embeddedAuthServer.trustedIssuers[0]: Invalid value: "object": expectedAudience is required unless jwtBearerGrant is configured without actorClaim, actorMatcher, allowMayAct, or allowedActors',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.trustedIssuers[0].allowedDelegateClients maxItems 50',
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
              allowedDelegateClients: [
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
              ],
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.trustedIssuers[0].allowedDelegateClients: Too many: 51: must have at most 50 items',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.trustedIssuers[0].allowedDelegateClients[0] maxLength 256',
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
              allowedDelegateClients: [
                'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
              ],
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.trustedIssuers[0].allowedDelegateClients[0]: Too long: may not be longer than 256',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.trustedIssuers[0].allowedDelegateClients[0] minLength 1',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          trustedIssuers: [{ issuerUrl: 'abc', allowedDelegateClients: [''] }],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.trustedIssuers[0].allowedDelegateClients[0]: Invalid value: "": spec.embeddedAuthServer.trustedIssuers[0].allowedDelegateClients[0] in body should be at least 1 chars long',
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      'spec.embeddedAuthServer.trustedIssuers[0]: Invalid value: "object": expectedAudience is required unless jwtBearerGrant is configured without actorClaim, actorMatcher, allowMayAct, or allowedActors',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.trustedIssuers[0].expectedAudience maxLength 2048',
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
              expectedAudience:
                'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.trustedIssuers[0].expectedAudience: Too long: may not be longer than 2048',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.trustedIssuers[0].expectedAudience minLength 1',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          trustedIssuers: [{ issuerUrl: 'abc', expectedAudience: '' }],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.trustedIssuers[0].expectedAudience: Invalid value: "": spec.embeddedAuthServer.trustedIssuers[0].expectedAudience in body should be at least 1 chars long',
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      'spec.embeddedAuthServer.trustedIssuers[0]: Invalid value: "object": expectedAudience is required unless jwtBearerGrant is configured without actorClaim, actorMatcher, allowMayAct, or allowedActors',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.trustedIssuers[0].issuerUrl maxLength 2048',
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
              issuerUrl:
                'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.trustedIssuers[0].issuerUrl: Too long: may not be longer than 2048',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.trustedIssuers[0].issuerUrl minLength 1',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          trustedIssuers: [{ issuerUrl: '' }],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.trustedIssuers[0].issuerUrl: Invalid value: "": spec.embeddedAuthServer.trustedIssuers[0].issuerUrl in body should be at least 1 chars long',
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      'spec.embeddedAuthServer.trustedIssuers[0]: Invalid value: "object": expectedAudience is required unless jwtBearerGrant is configured without actorClaim, actorMatcher, allowMayAct, or allowedActors',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.trustedIssuers[0].jwksUrl maxLength 2048',
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
              jwksUrl:
                'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.trustedIssuers[0].jwksUrl: Too long: may not be longer than 2048',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant.maxAssertionAge',
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
                subjectBindings: [{ allowedResources: ['https://example.com/x'], subject: 'abc' }],
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant.maxAssertionAge: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant.subjectBindings',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          trustedIssuers: [{ issuerUrl: 'abc', jwtBearerGrant: { maxAssertionAge: 'abc' } }],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant.subjectBindings: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant.acceptedAudiences maxItems 50',
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
                subjectBindings: [{ allowedResources: ['https://example.com/x'], subject: 'abc' }],
                acceptedAudiences: [
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                ],
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant.acceptedAudiences: Too many: 51: must have at most 50 items',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant.acceptedAudiences[0] maxLength 2048',
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
                subjectBindings: [{ allowedResources: ['https://example.com/x'], subject: 'abc' }],
                acceptedAudiences: [
                  'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
                ],
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant.acceptedAudiences[0]: Too long: may not be longer than 2048',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant.acceptedAudiences[0] minLength 1',
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
                subjectBindings: [{ allowedResources: ['https://example.com/x'], subject: 'abc' }],
                acceptedAudiences: [''],
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant.acceptedAudiences[0]: Invalid value: "": spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant.acceptedAudiences[0] in body should be at least 1 chars long',
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      "spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant: Invalid value: \"object\": type conversion error from 'string' to 'google.protobuf.Duration' evaluating rule: maxAssertionAge must be greater than zero",
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant.acceptedAudiences[0] pattern',
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
                subjectBindings: [{ allowedResources: ['https://example.com/x'], subject: 'abc' }],
                acceptedAudiences: ['not valid!'],
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant.acceptedAudiences[0]: Invalid value: "not valid!": spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant.acceptedAudiences[0] in body should match \'^https?://[^[:space:]]+$\'',
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      "spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant: Invalid value: \"object\": type conversion error from 'string' to 'google.protobuf.Duration' evaluating rule: maxAssertionAge must be greater than zero",
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant.subjectBindings minItems 1',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          trustedIssuers: [
            { issuerUrl: 'abc', jwtBearerGrant: { maxAssertionAge: 'abc', subjectBindings: [] } },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant.subjectBindings: Invalid value: 0: spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant.subjectBindings in body should have at least 1 items',
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      "spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant: Invalid value: \"object\": type conversion error from 'string' to 'google.protobuf.Duration' evaluating rule: maxAssertionAge must be greater than zero",
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant.subjectBindings maxItems 50',
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
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
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
      'spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant.subjectBindings: Too many: 51: must have at most 50 items',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant.subjectBindings[0].allowedResources',
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
              jwtBearerGrant: { maxAssertionAge: 'abc', subjectBindings: [{ subject: 'abc' }] },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant.subjectBindings[0].allowedResources: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant.subjectBindings[0].subject',
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
                subjectBindings: [{ allowedResources: ['https://example.com/x'] }],
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant.subjectBindings[0].subject: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant.subjectBindings[0].allowedResources minItems 1',
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
                subjectBindings: [{ allowedResources: [], subject: 'abc' }],
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant.subjectBindings[0].allowedResources: Invalid value: 0: spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant.subjectBindings[0].allowedResources in body should have at least 1 items',
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      "spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant: Invalid value: \"object\": type conversion error from 'string' to 'google.protobuf.Duration' evaluating rule: maxAssertionAge must be greater than zero",
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant.subjectBindings[0].allowedResources maxItems 50',
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
                  {
                    allowedResources: [
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                    ],
                    subject: 'abc',
                  },
                ],
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant.subjectBindings[0].allowedResources: Too many: 51: must have at most 50 items',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant.subjectBindings[0].allowedResources[0] maxLength 2048',
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
                  {
                    allowedResources: [
                      'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
                    ],
                    subject: 'abc',
                  },
                ],
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant.subjectBindings[0].allowedResources[0]: Too long: may not be longer than 2048',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant.subjectBindings[0].allowedResources[0] minLength 1',
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
                subjectBindings: [{ allowedResources: [''], subject: 'abc' }],
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant.subjectBindings[0].allowedResources[0]: Invalid value: "": spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant.subjectBindings[0].allowedResources[0] in body should be at least 1 chars long',
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      "spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant: Invalid value: \"object\": type conversion error from 'string' to 'google.protobuf.Duration' evaluating rule: maxAssertionAge must be greater than zero",
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant.subjectBindings[0].allowedResources[0] pattern',
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
                subjectBindings: [{ allowedResources: ['not valid!'], subject: 'abc' }],
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant.subjectBindings[0].allowedResources[0]: Invalid value: "not valid!": spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant.subjectBindings[0].allowedResources[0] in body should match \'^https?://[^[:space:]]+$\'',
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      "spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant: Invalid value: \"object\": type conversion error from 'string' to 'google.protobuf.Duration' evaluating rule: maxAssertionAge must be greater than zero",
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant.subjectBindings[0].subject maxLength 256',
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
                  {
                    allowedResources: ['https://example.com/x'],
                    subject:
                      'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
                  },
                ],
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant.subjectBindings[0].subject: Too long: may not be longer than 256',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant.subjectBindings[0].subject minLength 1',
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
                subjectBindings: [{ allowedResources: ['https://example.com/x'], subject: '' }],
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant.subjectBindings[0].subject: Invalid value: "": spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant.subjectBindings[0].subject in body should be at least 1 chars long',
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      "spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant: Invalid value: \"object\": type conversion error from 'string' to 'google.protobuf.Duration' evaluating rule: maxAssertionAge must be greater than zero",
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant.subjectBindings[0].subject pattern',
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
                subjectBindings: [{ allowedResources: ['https://example.com/x'], subject: '*' }],
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant.subjectBindings[0].subject: Invalid value: "*": spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant.subjectBindings[0].subject in body should match \'^[^*]+$\'',
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      "spec.embeddedAuthServer.trustedIssuers[0].jwtBearerGrant: Invalid value: \"object\": type conversion error from 'string' to 'google.protobuf.Duration' evaluating rule: maxAssertionAge must be greater than zero",
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.upstreamProviders minItems 1',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      ['set', ['spec', 'embeddedAuthServer'], { issuer: 'https://example.com/x', upstreamProviders: [] }],
    ],
    expected: [
      'spec.embeddedAuthServer.upstreamProviders: Invalid value: 0: spec.embeddedAuthServer.upstreamProviders in body should have at least 1 items',
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.embeddedAuthServer.upstreamProviders[0].name',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        { issuer: 'https://example.com/x', upstreamProviders: [{ type: 'oidc' }] },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.upstreamProviders[0].name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.embeddedAuthServer.upstreamProviders[0].type',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        { issuer: 'https://example.com/x', upstreamProviders: [{ name: 'abc' }] },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.upstreamProviders[0].type: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.upstreamProviders[0].name maxLength 63',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [
            { name: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', type: 'oidc' },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.upstreamProviders[0].name: Too long: may not be longer than 63',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.upstreamProviders[0].name minLength 1',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        { issuer: 'https://example.com/x', upstreamProviders: [{ name: '', type: 'oidc' }] },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.upstreamProviders[0].name: Invalid value: "": spec.embeddedAuthServer.upstreamProviders[0].name in body should be at least 1 chars long',
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.upstreamProviders[0].name pattern',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        { issuer: 'https://example.com/x', upstreamProviders: [{ name: 'not valid!', type: 'oidc' }] },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.upstreamProviders[0].name: Invalid value: "not valid!": spec.embeddedAuthServer.upstreamProviders[0].name in body should match \'^[a-z0-9]([a-z0-9-]*[a-z0-9])?$\'',
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.authorizationEndpoint',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [
            { name: 'abc', type: 'oidc', oauth2Config: { tokenEndpoint: 'https://example.com/x' } },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.authorizationEndpoint: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.tokenEndpoint',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [
            { name: 'abc', type: 'oidc', oauth2Config: { authorizationEndpoint: 'https://example.com/x' } },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.tokenEndpoint: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.additionalAuthorizationParams maxProperties 16',
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
                additionalAuthorizationParams: {
                  k0: 'abc',
                  k1: 'abc',
                  k2: 'abc',
                  k3: 'abc',
                  k4: 'abc',
                  k5: 'abc',
                  k6: 'abc',
                  k7: 'abc',
                  k8: 'abc',
                  k9: 'abc',
                  k10: 'abc',
                  k11: 'abc',
                  k12: 'abc',
                  k13: 'abc',
                  k14: 'abc',
                  k15: 'abc',
                  k16: 'abc',
                },
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.additionalAuthorizationParams: Too many: 17: must have at most 16 items',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.authorizationEndpoint pattern',
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
              oauth2Config: { authorizationEndpoint: 'not valid!', tokenEndpoint: 'https://example.com/x' },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.authorizationEndpoint: Invalid value: "not valid!": spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.authorizationEndpoint in body should match \'^https?://.*$\'',
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
      'spec.embeddedAuthServer.upstreamProviders[0].oauth2Config: Invalid value: "object": exactly one of clientId or dcrConfig must be set',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.clientSecretRef.key',
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
                clientSecretRef: { name: 'abc' },
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.clientSecretRef.key: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.clientSecretRef.name',
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
                clientSecretRef: { key: 'abc' },
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.clientSecretRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.dcrConfig.discoveryUrl maxLength 2048',
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
                dcrConfig: {
                  discoveryUrl:
                    'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
                },
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.dcrConfig.discoveryUrl: Too long: may not be longer than 2048',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.dcrConfig.discoveryUrl pattern',
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
                dcrConfig: { discoveryUrl: 'not valid!' },
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.dcrConfig.discoveryUrl: Invalid value: "not valid!": spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.dcrConfig.discoveryUrl in body should match \'^https://[^\\s?#]+[^/\\s?#]$\'',
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.dcrConfig.initialAccessTokenRef.key',
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
                dcrConfig: { initialAccessTokenRef: { name: 'abc' } },
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.dcrConfig.initialAccessTokenRef.key: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.dcrConfig.initialAccessTokenRef.name',
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
                dcrConfig: { initialAccessTokenRef: { key: 'abc' } },
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.dcrConfig.initialAccessTokenRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.dcrConfig.registrationEndpoint maxLength 2048',
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
                dcrConfig: {
                  registrationEndpoint:
                    'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
                },
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.dcrConfig.registrationEndpoint: Too long: may not be longer than 2048',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.dcrConfig.registrationEndpoint pattern',
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
                dcrConfig: { registrationEndpoint: 'not valid!' },
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.dcrConfig.registrationEndpoint: Invalid value: "not valid!": spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.dcrConfig.registrationEndpoint in body should match \'^https://[^\\s?#]+[^/\\s?#]$\'',
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.dcrConfig.softwareId maxLength 255',
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
                dcrConfig: {
                  softwareId:
                    'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
                },
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.dcrConfig.softwareId: Too long: may not be longer than 255',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.dcrConfig.softwareStatement maxLength 16384',
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
                dcrConfig: {
                  softwareStatement:
                    'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
                },
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.dcrConfig.softwareStatement: Too long: may not be longer than 16384',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.identityFromToken.subjectPath',
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
                identityFromToken: {},
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.identityFromToken.subjectPath: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.identityFromToken.emailPath maxLength 256',
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
                identityFromToken: {
                  subjectPath: 'abc',
                  emailPath:
                    'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
                },
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.identityFromToken.emailPath: Too long: may not be longer than 256',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.identityFromToken.emailPath minLength 1',
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
                identityFromToken: { subjectPath: 'abc', emailPath: '' },
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.identityFromToken.emailPath: Invalid value: "": spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.identityFromToken.emailPath in body should be at least 1 chars long',
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
      'spec.embeddedAuthServer.upstreamProviders[0].oauth2Config: Invalid value: "object": exactly one of clientId or dcrConfig must be set',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.identityFromToken.namePath maxLength 256',
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
                identityFromToken: {
                  subjectPath: 'abc',
                  namePath:
                    'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
                },
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.identityFromToken.namePath: Too long: may not be longer than 256',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.identityFromToken.namePath minLength 1',
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
                identityFromToken: { subjectPath: 'abc', namePath: '' },
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.identityFromToken.namePath: Invalid value: "": spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.identityFromToken.namePath in body should be at least 1 chars long',
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
      'spec.embeddedAuthServer.upstreamProviders[0].oauth2Config: Invalid value: "object": exactly one of clientId or dcrConfig must be set',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.identityFromToken.subjectPath maxLength 256',
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
                identityFromToken: {
                  subjectPath:
                    'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
                },
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.identityFromToken.subjectPath: Too long: may not be longer than 256',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.identityFromToken.subjectPath minLength 1',
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
                identityFromToken: { subjectPath: '' },
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.identityFromToken.subjectPath: Invalid value: "": spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.identityFromToken.subjectPath in body should be at least 1 chars long',
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
      'spec.embeddedAuthServer.upstreamProviders[0].oauth2Config: Invalid value: "object": exactly one of clientId or dcrConfig must be set',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.tokenEndpoint pattern',
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
              oauth2Config: { authorizationEndpoint: 'https://example.com/x', tokenEndpoint: 'not valid!' },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.tokenEndpoint: Invalid value: "not valid!": spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.tokenEndpoint in body should match \'^https?://.*$\'',
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
      'spec.embeddedAuthServer.upstreamProviders[0].oauth2Config: Invalid value: "object": exactly one of clientId or dcrConfig must be set',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.tokenResponseMapping.accessTokenPath',
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
                tokenResponseMapping: {},
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.tokenResponseMapping.accessTokenPath: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.tokenResponseMapping.accessTokenPath minLength 1',
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
                tokenResponseMapping: { accessTokenPath: '' },
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.tokenResponseMapping.accessTokenPath: Invalid value: "": spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.tokenResponseMapping.accessTokenPath in body should be at least 1 chars long',
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
      'spec.embeddedAuthServer.upstreamProviders[0].oauth2Config: Invalid value: "object": exactly one of clientId or dcrConfig must be set',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.userInfo.endpointUrl',
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
                userInfo: {},
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.userInfo.endpointUrl: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.userInfo.endpointUrl pattern',
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
                userInfo: { endpointUrl: 'not valid!' },
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.userInfo.endpointUrl: Invalid value: "not valid!": spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.userInfo.endpointUrl in body should match \'^https?://.*$\'',
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
      'spec.embeddedAuthServer.upstreamProviders[0].oauth2Config: Invalid value: "object": exactly one of clientId or dcrConfig must be set',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.userInfo.httpMethod enum',
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
                userInfo: { endpointUrl: 'https://example.com/x', httpMethod: 'bogus' },
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.upstreamProviders[0].oauth2Config.userInfo.httpMethod: Unsupported value: "bogus": supported values: "GET", "POST"',
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
      'spec.embeddedAuthServer.upstreamProviders[0].oauth2Config: Invalid value: "object": exactly one of clientId or dcrConfig must be set',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.embeddedAuthServer.upstreamProviders[0].oidcConfig.clientId',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [
            { name: 'abc', type: 'oidc', oidcConfig: { issuerUrl: 'https://example.com/x' } },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.upstreamProviders[0].oidcConfig.clientId: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.embeddedAuthServer.upstreamProviders[0].oidcConfig.issuerUrl',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc', oidcConfig: { clientId: 'abc' } }],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.upstreamProviders[0].oidcConfig.issuerUrl: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.upstreamProviders[0].oidcConfig.additionalAuthorizationParams maxProperties 16',
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
              oidcConfig: {
                clientId: 'abc',
                issuerUrl: 'https://example.com/x',
                additionalAuthorizationParams: {
                  k0: 'abc',
                  k1: 'abc',
                  k2: 'abc',
                  k3: 'abc',
                  k4: 'abc',
                  k5: 'abc',
                  k6: 'abc',
                  k7: 'abc',
                  k8: 'abc',
                  k9: 'abc',
                  k10: 'abc',
                  k11: 'abc',
                  k12: 'abc',
                  k13: 'abc',
                  k14: 'abc',
                  k15: 'abc',
                  k16: 'abc',
                },
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.upstreamProviders[0].oidcConfig.additionalAuthorizationParams: Too many: 17: must have at most 16 items',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.embeddedAuthServer.upstreamProviders[0].oidcConfig.clientSecretRef.key',
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
              oidcConfig: {
                clientId: 'abc',
                issuerUrl: 'https://example.com/x',
                clientSecretRef: { name: 'abc' },
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.upstreamProviders[0].oidcConfig.clientSecretRef.key: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.embeddedAuthServer.upstreamProviders[0].oidcConfig.clientSecretRef.name',
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
              oidcConfig: {
                clientId: 'abc',
                issuerUrl: 'https://example.com/x',
                clientSecretRef: { key: 'abc' },
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.upstreamProviders[0].oidcConfig.clientSecretRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.upstreamProviders[0].oidcConfig.issuerUrl pattern',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [
            { name: 'abc', type: 'oidc', oidcConfig: { clientId: 'abc', issuerUrl: 'not valid!' } },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.upstreamProviders[0].oidcConfig.issuerUrl: Invalid value: "not valid!": spec.embeddedAuthServer.upstreamProviders[0].oidcConfig.issuerUrl in body should match \'^https://.*$\'',
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.upstreamProviders[0].oidcConfig.subjectClaim maxLength 128',
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
              oidcConfig: {
                clientId: 'abc',
                issuerUrl: 'https://example.com/x',
                subjectClaim:
                  'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.upstreamProviders[0].oidcConfig.subjectClaim: Too long: may not be longer than 128',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.upstreamProviders[0].oidcConfig.subjectClaim pattern',
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
              oidcConfig: { clientId: 'abc', issuerUrl: 'https://example.com/x', subjectClaim: 'not valid!' },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.upstreamProviders[0].oidcConfig.subjectClaim: Invalid value: "not valid!": spec.embeddedAuthServer.upstreamProviders[0].oidcConfig.subjectClaim in body should match \'^([a-zA-Z_][a-zA-Z0-9_]*)?$\'',
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.embeddedAuthServer.upstreamProviders[0].oidcConfig.userInfoOverride.endpointUrl',
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
              oidcConfig: { clientId: 'abc', issuerUrl: 'https://example.com/x', userInfoOverride: {} },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.upstreamProviders[0].oidcConfig.userInfoOverride.endpointUrl: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.upstreamProviders[0].oidcConfig.userInfoOverride.endpointUrl pattern',
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
              oidcConfig: {
                clientId: 'abc',
                issuerUrl: 'https://example.com/x',
                userInfoOverride: { endpointUrl: 'not valid!' },
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.upstreamProviders[0].oidcConfig.userInfoOverride.endpointUrl: Invalid value: "not valid!": spec.embeddedAuthServer.upstreamProviders[0].oidcConfig.userInfoOverride.endpointUrl in body should match \'^https?://.*$\'',
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.upstreamProviders[0].oidcConfig.userInfoOverride.httpMethod enum',
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
              oidcConfig: {
                clientId: 'abc',
                issuerUrl: 'https://example.com/x',
                userInfoOverride: { endpointUrl: 'https://example.com/x', httpMethod: 'bogus' },
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.upstreamProviders[0].oidcConfig.userInfoOverride.httpMethod: Unsupported value: "bogus": supported values: "GET", "POST"',
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.embeddedAuthServer.upstreamProviders[0].type enum',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'embeddedAuthServer'],
        { issuer: 'https://example.com/x', upstreamProviders: [{ name: 'abc', type: 'bogus' }] },
      ],
    ],
    expected: [
      'spec.embeddedAuthServer.upstreamProviders[0].type: Unsupported value: "bogus": supported values: "oidc", "oauth2"',
      'spec: Invalid value: "object": embeddedAuthServer configuration must be set if and only if type is \'embeddedAuthServer\'',
      "spec.embeddedAuthServer.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.headerInjection.headerName',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [['set', ['spec', 'headerInjection'], { valueSecretRef: { key: 'abc', name: 'abc' } }]],
    expected: [
      'spec.headerInjection.headerName: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.headerInjection.valueSecretRef',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [['set', ['spec', 'headerInjection'], { headerName: 'abc' }]],
    expected: [
      'spec.headerInjection.valueSecretRef: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.headerInjection.headerName minLength 1',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      ['set', ['spec', 'headerInjection'], { headerName: '', valueSecretRef: { key: 'abc', name: 'abc' } }],
    ],
    expected: [
      'spec.headerInjection.headerName: Invalid value: "": spec.headerInjection.headerName in body should be at least 1 chars long',
      'spec: Invalid value: "object": headerInjection configuration must be set if and only if type is \'headerInjection\'',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.headerInjection.valueSecretRef.key',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [['set', ['spec', 'headerInjection'], { headerName: 'abc', valueSecretRef: { name: 'abc' } }]],
    expected: [
      'spec.headerInjection.valueSecretRef.key: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.headerInjection.valueSecretRef.name',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [['set', ['spec', 'headerInjection'], { headerName: 'abc', valueSecretRef: { key: 'abc' } }]],
    expected: [
      'spec.headerInjection.valueSecretRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.obo.authority pattern',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [['set', ['spec', 'obo'], { authority: 'not valid!' }]],
    expected: [
      'spec.obo.authority: Invalid value: "not valid!": spec.obo.authority in body should match \'^https://[^\\s?#@]+[^/\\s?#@]$\'',
      'spec: Invalid value: "object": obo configuration must be set if and only if type is \'obo\'',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.obo.clientSecretRef.key',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [['set', ['spec', 'obo'], { clientSecretRef: { name: 'abc' } }]],
    expected: [
      'spec.obo.clientSecretRef.key: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.obo.clientSecretRef.name',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [['set', ['spec', 'obo'], { clientSecretRef: { key: 'abc' } }]],
    expected: [
      'spec.obo.clientSecretRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.obo.scopes maxItems 20',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'obo'],
        {
          scopes: [
            'abc',
            'abc',
            'abc',
            'abc',
            'abc',
            'abc',
            'abc',
            'abc',
            'abc',
            'abc',
            'abc',
            'abc',
            'abc',
            'abc',
            'abc',
            'abc',
            'abc',
            'abc',
            'abc',
            'abc',
            'abc',
          ],
        },
      ],
    ],
    expected: [
      'spec.obo.scopes: Too many: 21: must have at most 20 items',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.obo.scopes[0] maxLength 256',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'obo'],
        {
          scopes: [
            'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
          ],
        },
      ],
    ],
    expected: [
      'spec.obo.scopes[0]: Too long: may not be longer than 256',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.obo.scopes[0] minLength 1',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [['set', ['spec', 'obo'], { scopes: [''] }]],
    expected: [
      'spec.obo.scopes[0]: Invalid value: "": spec.obo.scopes[0] in body should be at least 1 chars long',
      'spec: Invalid value: "object": obo configuration must be set if and only if type is \'obo\'',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.obo.subjectTokenProviderName maxLength 63',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'obo'],
        { subjectTokenProviderName: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' },
      ],
    ],
    expected: [
      'spec.obo.subjectTokenProviderName: Too long: may not be longer than 63',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.obo.subjectTokenProviderName minLength 1',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [['set', ['spec', 'obo'], { subjectTokenProviderName: '' }]],
    expected: [
      'spec.obo.subjectTokenProviderName: Invalid value: "": spec.obo.subjectTokenProviderName in body should be at least 1 chars long',
      'spec: Invalid value: "object": obo configuration must be set if and only if type is \'obo\'',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.obo.subjectTokenProviderName pattern',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [['set', ['spec', 'obo'], { subjectTokenProviderName: 'not valid!' }]],
    expected: [
      'spec.obo.subjectTokenProviderName: Invalid value: "not valid!": spec.obo.subjectTokenProviderName in body should match \'^[a-z0-9]([a-z0-9-]*[a-z0-9])?$\'',
      'spec: Invalid value: "object": obo configuration must be set if and only if type is \'obo\'',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.obo.tenantId maxLength 253',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'obo'],
        {
          tenantId:
            'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
        },
      ],
    ],
    expected: [
      'spec.obo.tenantId: Too long: may not be longer than 253',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.obo.tenantId pattern',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [['set', ['spec', 'obo'], { tenantId: 'not valid!' }]],
    expected: [
      'spec.obo.tenantId: Invalid value: "not valid!": spec.obo.tenantId in body should match \'^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)+[a-zA-Z]{2,})$\'',
      'spec: Invalid value: "object": obo configuration must be set if and only if type is \'obo\'',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.tokenExchange.audience',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [['set', ['spec', 'tokenExchange'], { tokenUrl: 'abc' }]],
    expected: [
      'spec.tokenExchange.audience: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.tokenExchange.tokenUrl',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [['set', ['spec', 'tokenExchange'], { audience: 'abc' }]],
    expected: [
      'spec.tokenExchange.tokenUrl: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.tokenExchange.clientSecretRef.key',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'tokenExchange'],
        { audience: 'abc', tokenUrl: 'abc', clientSecretRef: { name: 'abc' } },
      ],
    ],
    expected: [
      'spec.tokenExchange.clientSecretRef.key: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.tokenExchange.clientSecretRef.name',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'tokenExchange'],
        { audience: 'abc', tokenUrl: 'abc', clientSecretRef: { key: 'abc' } },
      ],
    ],
    expected: [
      'spec.tokenExchange.clientSecretRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.tokenExchange.subjectTokenType pattern',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'tokenExchange'],
        { audience: 'abc', tokenUrl: 'abc', subjectTokenType: 'not valid!' },
      ],
    ],
    expected: [
      'spec.tokenExchange.subjectTokenType: Invalid value: "not valid!": spec.tokenExchange.subjectTokenType in body should match \'^(access_token|id_token|jwt|urn:ietf:params:oauth:token-type:(access_token|id_token|jwt))?$\'',
      'spec: Invalid value: "object": tokenExchange configuration must be set if and only if type is \'tokenExchange\'',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.type enum',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [['set', ['spec', 'type'], 'bogus']],
    expected: [
      'spec.type: Unsupported value: "bogus": supported values: "tokenExchange", "headerInjection", "bearerToken", "unauthenticated", "embeddedAuthServer", "awsSts", "upstreamInject", "obo", "xaa"',
      'spec: Invalid value: "object": awsSts configuration must be set if and only if type is \'awsSts\'',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.upstreamInject.providerName',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [['set', ['spec', 'upstreamInject'], {}]],
    expected: [
      'spec.upstreamInject.providerName: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.upstreamInject.providerName minLength 1',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [['set', ['spec', 'upstreamInject'], { providerName: '' }]],
    expected: [
      'spec.upstreamInject.providerName: Invalid value: "": spec.upstreamInject.providerName in body should be at least 1 chars long',
      'spec: Invalid value: "object": upstreamInject configuration must be set if and only if type is \'upstreamInject\'',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.xaa.idpTokenUrl',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [['set', ['spec', 'xaa'], { targetAudience: 'abc', targetTokenUrl: 'abc' }]],
    expected: [
      'spec.xaa.idpTokenUrl: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.xaa.targetAudience',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [['set', ['spec', 'xaa'], { idpTokenUrl: 'https://example.com/x', targetTokenUrl: 'abc' }]],
    expected: [
      'spec.xaa.targetAudience: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.xaa.targetTokenUrl',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [['set', ['spec', 'xaa'], { idpTokenUrl: 'https://example.com/x', targetAudience: 'abc' }]],
    expected: [
      'spec.xaa.targetTokenUrl: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.xaa.idpClientSecretRef.key',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'xaa'],
        {
          idpTokenUrl: 'https://example.com/x',
          targetAudience: 'abc',
          targetTokenUrl: 'abc',
          idpClientSecretRef: { name: 'abc' },
        },
      ],
    ],
    expected: [
      'spec.xaa.idpClientSecretRef.key: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.xaa.idpClientSecretRef.name',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'xaa'],
        {
          idpTokenUrl: 'https://example.com/x',
          targetAudience: 'abc',
          targetTokenUrl: 'abc',
          idpClientSecretRef: { key: 'abc' },
        },
      ],
    ],
    expected: [
      'spec.xaa.idpClientSecretRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.xaa.idpTokenUrl pattern',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      ['set', ['spec', 'xaa'], { idpTokenUrl: 'not valid!', targetAudience: 'abc', targetTokenUrl: 'abc' }],
    ],
    expected: [
      'spec.xaa.idpTokenUrl: Invalid value: "not valid!": spec.xaa.idpTokenUrl in body should match \'^https://.*$\'',
      'spec: Invalid value: "object": xaa configuration must be set if and only if type is \'xaa\'',
    ],
  },
  {
    name: 'MCPExternalAuthConfig spec.xaa.subjectTokenType enum',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'xaa'],
        {
          idpTokenUrl: 'https://example.com/x',
          targetAudience: 'abc',
          targetTokenUrl: 'abc',
          subjectTokenType: 'bogus',
        },
      ],
    ],
    expected: [
      'spec.xaa.subjectTokenType: Unsupported value: "bogus": supported values: "urn:ietf:params:oauth:token-type:id_token"',
      'spec: Invalid value: "object": xaa configuration must be set if and only if type is \'xaa\'',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.xaa.targetClientSecretRef.key',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'xaa'],
        {
          idpTokenUrl: 'https://example.com/x',
          targetAudience: 'abc',
          targetTokenUrl: 'abc',
          targetClientSecretRef: { name: 'abc' },
        },
      ],
    ],
    expected: [
      'spec.xaa.targetClientSecretRef.key: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'MCPExternalAuthConfig requires spec.xaa.targetClientSecretRef.name',
    base: 'external-auth/aws-sts.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'xaa'],
        {
          idpTokenUrl: 'https://example.com/x',
          targetAudience: 'abc',
          targetTokenUrl: 'abc',
          targetClientSecretRef: { key: 'abc' },
        },
      ],
    ],
    expected: [
      'spec.xaa.targetClientSecretRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'EmbeddingServer requires spec.env[0].name',
    base: 'embedding/embedding-server-defaults.yaml#0',
    patch: [['set', ['spec', 'env'], [{ value: 'abc' }]]],
    expected: ['spec.env[0].name: Required value'],
  },
  {
    name: 'EmbeddingServer requires spec.env[0].value',
    base: 'embedding/embedding-server-defaults.yaml#0',
    patch: [['set', ['spec', 'env'], [{ name: 'abc' }]]],
    expected: ['spec.env[0].value: Required value'],
  },
  {
    name: 'EmbeddingServer requires spec.hfTokenSecretRef.key',
    base: 'embedding/embedding-server-defaults.yaml#0',
    patch: [['set', ['spec', 'hfTokenSecretRef'], { name: 'abc' }]],
    expected: ['spec.hfTokenSecretRef.key: Required value'],
  },
  {
    name: 'EmbeddingServer requires spec.hfTokenSecretRef.name',
    base: 'embedding/embedding-server-defaults.yaml#0',
    patch: [['set', ['spec', 'hfTokenSecretRef'], { key: 'abc' }]],
    expected: ['spec.hfTokenSecretRef.name: Required value'],
  },
  {
    name: 'EmbeddingServer spec.imagePullPolicy enum',
    base: 'embedding/embedding-server-defaults.yaml#0',
    patch: [['set', ['spec', 'imagePullPolicy'], 'bogus']],
    expected: [
      'spec.imagePullPolicy: Unsupported value: "bogus": supported values: "Always", "Never", "IfNotPresent"',
    ],
  },
  {
    name: 'EmbeddingServer spec.modelCache.accessMode enum',
    base: 'embedding/embedding-server-defaults.yaml#0',
    patch: [['set', ['spec', 'modelCache'], { accessMode: 'bogus' }]],
    expected: [
      'spec.modelCache.accessMode: Unsupported value: "bogus": supported values: "ReadWriteOnce", "ReadWriteMany", "ReadOnlyMany"',
    ],
  },
  {
    name: 'EmbeddingServer spec.port minimum 1',
    base: 'embedding/embedding-server-defaults.yaml#0',
    patch: [['set', ['spec', 'port'], 0]],
    expected: ['spec.port: Invalid value: 0: spec.port in body should be greater than or equal to 1'],
  },
  {
    name: 'EmbeddingServer spec.port maximum 65535',
    base: 'embedding/embedding-server-defaults.yaml#0',
    patch: [['set', ['spec', 'port'], 65536]],
    expected: ['spec.port: Invalid value: 65536: spec.port in body should be less than or equal to 65535'],
  },
  {
    name: 'EmbeddingServer spec.replicas minimum 1',
    base: 'embedding/embedding-server-defaults.yaml#0',
    patch: [['set', ['spec', 'replicas'], 0]],
    expected: ['spec.replicas: Invalid value: 0: spec.replicas in body should be greater than or equal to 1'],
  },
  {
    name: 'MCPRegistry requires spec.configYAML',
    base: 'registry/registry-pgpass.yaml#2',
    patch: [['delete', ['spec', 'configYAML']]],
    expected: ['spec.configYAML: Required value'],
  },
  {
    name: 'MCPRegistry spec.configYAML minLength 1',
    base: 'registry/registry-pgpass.yaml#2',
    patch: [['set', ['spec', 'configYAML'], '']],
    expected: ['spec.configYAML: Invalid value: "": spec.configYAML in body should be at least 1 chars long'],
  },
  {
    name: 'MCPRegistry requires spec.pgpassSecretRef.key',
    base: 'registry/registry-pgpass.yaml#2',
    patch: [['delete', ['spec', 'pgpassSecretRef', 'key']]],
    expected: ['spec.pgpassSecretRef.key: Required value'],
  },
  {
    name: 'VirtualMCPCompositeToolDefinition requires spec.name',
    base: 'composite-tools/composite-tool-definition.yaml#0',
    patch: [['delete', ['spec', 'name']]],
    expected: ['spec.name: Required value'],
  },
  {
    name: 'VirtualMCPCompositeToolDefinition requires spec.steps',
    base: 'composite-tools/composite-tool-definition.yaml#0',
    patch: [['delete', ['spec', 'steps']]],
    expected: ['spec.steps: Required value'],
  },
  {
    name: 'VirtualMCPCompositeToolDefinition requires spec.output.properties',
    base: 'composite-tools/composite-tool-definition.yaml#0',
    patch: [['delete', ['spec', 'output', 'properties']]],
    expected: ['spec.output.properties: Required value'],
  },
  {
    name: 'VirtualMCPCompositeToolDefinition requires spec.output.properties[k].type',
    base: 'composite-tools/composite-tool-definition.yaml#0',
    patch: [['delete', ['spec', 'output', 'properties', 'fetched', 'type']]],
    expected: ['spec.output.properties.fetched.type: Required value'],
  },
  {
    name: 'VirtualMCPCompositeToolDefinition spec.output.properties[k].type enum',
    base: 'composite-tools/composite-tool-definition.yaml#0',
    patch: [['set', ['spec', 'output', 'properties', 'fetched', 'type'], 'bogus']],
    expected: [
      'spec.output.properties.fetched.type: Unsupported value: "bogus": supported values: "string", "integer", "number", "boolean", "object", "array"',
    ],
  },
  {
    name: 'VirtualMCPCompositeToolDefinition requires spec.steps[0].id',
    base: 'composite-tools/composite-tool-definition.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'steps'],
        [
          {
            type: 'elicitation',
            message: 'Fetch {{len .params.urls}} pages now?',
            schema: {
              type: 'object',
              properties: { proceed: { type: 'boolean', title: 'Fetch the pages' } },
              required: ['proceed'],
            },
            timeout: '2m',
            onDecline: { action: 'skip_remaining' },
            onCancel: { action: 'abort' },
          },
          {
            id: 'fetch_all',
            type: 'forEach',
            dependsOn: ['confirm'],
            condition: '{{.steps.confirm.output.content.proceed}}',
            collection: '{{json .params.urls}}',
            itemVar: 'url',
            maxParallel: 3,
            maxIterations: 20,
            step: { type: 'tool', tool: 'archive-web.fetch', arguments: { url: '{{.forEach.url}}' } },
            onError: { action: 'retry', retryCount: 2, retryDelay: '1s' },
            defaultResults: { count: 0, completed: 0, iterations: [] },
          },
        ],
      ],
    ],
    expected: ['spec.steps[0].id: Required value'],
  },
  {
    name: 'VirtualMCPCompositeToolDefinition spec.steps[0].onCancel.action enum',
    base: 'composite-tools/composite-tool-definition.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'steps'],
        [
          {
            id: 'confirm',
            type: 'elicitation',
            message: 'Fetch {{len .params.urls}} pages now?',
            schema: {
              type: 'object',
              properties: { proceed: { type: 'boolean', title: 'Fetch the pages' } },
              required: ['proceed'],
            },
            timeout: '2m',
            onDecline: { action: 'skip_remaining' },
            onCancel: { action: 'bogus' },
          },
          {
            id: 'fetch_all',
            type: 'forEach',
            dependsOn: ['confirm'],
            condition: '{{.steps.confirm.output.content.proceed}}',
            collection: '{{json .params.urls}}',
            itemVar: 'url',
            maxParallel: 3,
            maxIterations: 20,
            step: { type: 'tool', tool: 'archive-web.fetch', arguments: { url: '{{.forEach.url}}' } },
            onError: { action: 'retry', retryCount: 2, retryDelay: '1s' },
            defaultResults: { count: 0, completed: 0, iterations: [] },
          },
        ],
      ],
    ],
    expected: [
      'spec.steps[0].onCancel.action: Unsupported value: "bogus": supported values: "skip_remaining", "abort", "continue"',
    ],
  },
  {
    name: 'VirtualMCPCompositeToolDefinition spec.steps[0].onDecline.action enum',
    base: 'composite-tools/composite-tool-definition.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'steps'],
        [
          {
            id: 'confirm',
            type: 'elicitation',
            message: 'Fetch {{len .params.urls}} pages now?',
            schema: {
              type: 'object',
              properties: { proceed: { type: 'boolean', title: 'Fetch the pages' } },
              required: ['proceed'],
            },
            timeout: '2m',
            onDecline: { action: 'bogus' },
            onCancel: { action: 'abort' },
          },
          {
            id: 'fetch_all',
            type: 'forEach',
            dependsOn: ['confirm'],
            condition: '{{.steps.confirm.output.content.proceed}}',
            collection: '{{json .params.urls}}',
            itemVar: 'url',
            maxParallel: 3,
            maxIterations: 20,
            step: { type: 'tool', tool: 'archive-web.fetch', arguments: { url: '{{.forEach.url}}' } },
            onError: { action: 'retry', retryCount: 2, retryDelay: '1s' },
            defaultResults: { count: 0, completed: 0, iterations: [] },
          },
        ],
      ],
    ],
    expected: [
      'spec.steps[0].onDecline.action: Unsupported value: "bogus": supported values: "skip_remaining", "abort", "continue"',
    ],
  },
  {
    name: 'VirtualMCPCompositeToolDefinition spec.steps[0].onError.action enum',
    base: 'composite-tools/composite-tool-definition.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'steps'],
        [
          {
            id: 'confirm',
            type: 'elicitation',
            message: 'Fetch {{len .params.urls}} pages now?',
            schema: {
              type: 'object',
              properties: { proceed: { type: 'boolean', title: 'Fetch the pages' } },
              required: ['proceed'],
            },
            timeout: '2m',
            onDecline: { action: 'skip_remaining' },
            onCancel: { action: 'abort' },
            onError: { action: 'bogus' },
          },
          {
            id: 'fetch_all',
            type: 'forEach',
            dependsOn: ['confirm'],
            condition: '{{.steps.confirm.output.content.proceed}}',
            collection: '{{json .params.urls}}',
            itemVar: 'url',
            maxParallel: 3,
            maxIterations: 20,
            step: { type: 'tool', tool: 'archive-web.fetch', arguments: { url: '{{.forEach.url}}' } },
            onError: { action: 'retry', retryCount: 2, retryDelay: '1s' },
            defaultResults: { count: 0, completed: 0, iterations: [] },
          },
        ],
      ],
    ],
    expected: [
      'spec.steps[0].onError.action: Unsupported value: "bogus": supported values: "abort", "continue", "retry"',
    ],
  },
  {
    name: 'VirtualMCPCompositeToolDefinition spec.steps[0].onError.retryDelay pattern',
    base: 'composite-tools/composite-tool-definition.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'steps'],
        [
          {
            id: 'confirm',
            type: 'elicitation',
            message: 'Fetch {{len .params.urls}} pages now?',
            schema: {
              type: 'object',
              properties: { proceed: { type: 'boolean', title: 'Fetch the pages' } },
              required: ['proceed'],
            },
            timeout: '2m',
            onDecline: { action: 'skip_remaining' },
            onCancel: { action: 'abort' },
            onError: { retryDelay: 'not valid!' },
          },
          {
            id: 'fetch_all',
            type: 'forEach',
            dependsOn: ['confirm'],
            condition: '{{.steps.confirm.output.content.proceed}}',
            collection: '{{json .params.urls}}',
            itemVar: 'url',
            maxParallel: 3,
            maxIterations: 20,
            step: { type: 'tool', tool: 'archive-web.fetch', arguments: { url: '{{.forEach.url}}' } },
            onError: { action: 'retry', retryCount: 2, retryDelay: '1s' },
            defaultResults: { count: 0, completed: 0, iterations: [] },
          },
        ],
      ],
    ],
    expected: [
      'spec.steps[0].onError.retryDelay: Invalid value: "not valid!": spec.steps[0].onError.retryDelay in body should match \'^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$\'',
    ],
  },
  {
    name: 'VirtualMCPCompositeToolDefinition spec.steps[0].timeout pattern',
    base: 'composite-tools/composite-tool-definition.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'steps'],
        [
          {
            id: 'confirm',
            type: 'elicitation',
            message: 'Fetch {{len .params.urls}} pages now?',
            schema: {
              type: 'object',
              properties: { proceed: { type: 'boolean', title: 'Fetch the pages' } },
              required: ['proceed'],
            },
            timeout: 'not valid!',
            onDecline: { action: 'skip_remaining' },
            onCancel: { action: 'abort' },
          },
          {
            id: 'fetch_all',
            type: 'forEach',
            dependsOn: ['confirm'],
            condition: '{{.steps.confirm.output.content.proceed}}',
            collection: '{{json .params.urls}}',
            itemVar: 'url',
            maxParallel: 3,
            maxIterations: 20,
            step: { type: 'tool', tool: 'archive-web.fetch', arguments: { url: '{{.forEach.url}}' } },
            onError: { action: 'retry', retryCount: 2, retryDelay: '1s' },
            defaultResults: { count: 0, completed: 0, iterations: [] },
          },
        ],
      ],
    ],
    expected: [
      'spec.steps[0].timeout: Invalid value: "not valid!": spec.steps[0].timeout in body should match \'^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$\'',
    ],
  },
  {
    name: 'VirtualMCPCompositeToolDefinition spec.steps[0].type enum',
    base: 'composite-tools/composite-tool-definition.yaml#0',
    patch: [
      [
        'set',
        ['spec', 'steps'],
        [
          {
            id: 'confirm',
            type: 'bogus',
            message: 'Fetch {{len .params.urls}} pages now?',
            schema: {
              type: 'object',
              properties: { proceed: { type: 'boolean', title: 'Fetch the pages' } },
              required: ['proceed'],
            },
            timeout: '2m',
            onDecline: { action: 'skip_remaining' },
            onCancel: { action: 'abort' },
          },
          {
            id: 'fetch_all',
            type: 'forEach',
            dependsOn: ['confirm'],
            condition: '{{.steps.confirm.output.content.proceed}}',
            collection: '{{json .params.urls}}',
            itemVar: 'url',
            maxParallel: 3,
            maxIterations: 20,
            step: { type: 'tool', tool: 'archive-web.fetch', arguments: { url: '{{.forEach.url}}' } },
            onError: { action: 'retry', retryCount: 2, retryDelay: '1s' },
            defaultResults: { count: 0, completed: 0, iterations: [] },
          },
        ],
      ],
    ],
    expected: [
      'spec.steps[0].type: Unsupported value: "bogus": supported values: "tool", "elicitation", "forEach"',
    ],
  },
  {
    name: 'VirtualMCPCompositeToolDefinition spec.timeout pattern',
    base: 'composite-tools/composite-tool-definition.yaml#0',
    patch: [['set', ['spec', 'timeout'], 'not valid!']],
    expected: [
      'spec.timeout: Invalid value: "not valid!": spec.timeout in body should match \'^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$\'',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.groupRef',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['delete', ['spec', 'groupRef']]],
    expected: [
      'spec.groupRef: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.incomingAuth',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['delete', ['spec', 'incomingAuth']]],
    expected: [
      'spec.incomingAuth: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.authServerConfig.issuer',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'authServerConfig'], { upstreamProviders: [{ name: 'abc', type: 'oidc' }] }]],
    expected: [
      'spec.authServerConfig.issuer: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.authServerConfig.upstreamProviders',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'authServerConfig'], { issuer: 'https://example.com/x' }]],
    expected: [
      'spec.authServerConfig.upstreamProviders: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.authorizationEndpointBaseUrl pattern',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          authorizationEndpointBaseUrl: 'not valid!',
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.authorizationEndpointBaseUrl: Invalid value: "not valid!": spec.authServerConfig.authorizationEndpointBaseUrl in body should match \'^https?://[^\\s?#]+[^/\\s?#]$\'',
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.baselineClientScopes maxItems 10',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          baselineClientScopes: ['abc', 'abc', 'abc', 'abc', 'abc', 'abc', 'abc', 'abc', 'abc', 'abc', 'abc'],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.baselineClientScopes: Too many: 11: must have at most 10 items',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.baselineClientScopes[0] minLength 1',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          baselineClientScopes: [''],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.baselineClientScopes[0]: Invalid value: "": spec.authServerConfig.baselineClientScopes[0] in body should be at least 1 chars long',
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.baselineClientScopes[0] pattern',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          baselineClientScopes: ['not valid!'],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.baselineClientScopes[0]: Invalid value: "not valid!": spec.authServerConfig.baselineClientScopes[0] in body should match \'^[\\x21\\x23-\\x5B\\x5D-\\x7E]+$\'',
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.authServerConfig.cimd.enabled',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        { issuer: 'https://example.com/x', upstreamProviders: [{ name: 'abc', type: 'oidc' }], cimd: {} },
      ],
    ],
    expected: [
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.cimd.cacheFallbackTtl pattern',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          cimd: { enabled: false, cacheFallbackTtl: 'not valid!' },
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.cimd.cacheFallbackTtl: Invalid value: "not valid!": spec.authServerConfig.cimd.cacheFallbackTtl in body should match \'^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$\'',
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.cimd.cacheMaxSize minimum 1',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          cimd: { enabled: false, cacheMaxSize: 0 },
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.cimd.cacheMaxSize: Invalid value: 0: spec.authServerConfig.cimd.cacheMaxSize in body should be greater than or equal to 1',
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.delegateClients maxItems 10',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          delegateClients: [
            {
              audiences: ['abc'],
              clientId: 'abc',
              clientSecretRef: { key: 'abc', name: 'abc' },
              scopes: ['abc'],
            },
            {
              audiences: ['abc'],
              clientId: 'abc',
              clientSecretRef: { key: 'abc', name: 'abc' },
              scopes: ['abc'],
            },
            {
              audiences: ['abc'],
              clientId: 'abc',
              clientSecretRef: { key: 'abc', name: 'abc' },
              scopes: ['abc'],
            },
            {
              audiences: ['abc'],
              clientId: 'abc',
              clientSecretRef: { key: 'abc', name: 'abc' },
              scopes: ['abc'],
            },
            {
              audiences: ['abc'],
              clientId: 'abc',
              clientSecretRef: { key: 'abc', name: 'abc' },
              scopes: ['abc'],
            },
            {
              audiences: ['abc'],
              clientId: 'abc',
              clientSecretRef: { key: 'abc', name: 'abc' },
              scopes: ['abc'],
            },
            {
              audiences: ['abc'],
              clientId: 'abc',
              clientSecretRef: { key: 'abc', name: 'abc' },
              scopes: ['abc'],
            },
            {
              audiences: ['abc'],
              clientId: 'abc',
              clientSecretRef: { key: 'abc', name: 'abc' },
              scopes: ['abc'],
            },
            {
              audiences: ['abc'],
              clientId: 'abc',
              clientSecretRef: { key: 'abc', name: 'abc' },
              scopes: ['abc'],
            },
            {
              audiences: ['abc'],
              clientId: 'abc',
              clientSecretRef: { key: 'abc', name: 'abc' },
              scopes: ['abc'],
            },
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
      'spec.authServerConfig.delegateClients: Too many: 11: must have at most 10 items',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.authServerConfig.delegateClients[0].audiences',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          delegateClients: [
            { clientId: 'abc', clientSecretRef: { key: 'abc', name: 'abc' }, scopes: ['abc'] },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.delegateClients[0].audiences: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.authServerConfig.delegateClients[0].clientId',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          delegateClients: [
            { audiences: ['abc'], clientSecretRef: { key: 'abc', name: 'abc' }, scopes: ['abc'] },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.delegateClients[0].clientId: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.authServerConfig.delegateClients[0].clientSecretRef',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          delegateClients: [{ audiences: ['abc'], clientId: 'abc', scopes: ['abc'] }],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.delegateClients[0].clientSecretRef: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.authServerConfig.delegateClients[0].scopes',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          delegateClients: [
            { audiences: ['abc'], clientId: 'abc', clientSecretRef: { key: 'abc', name: 'abc' } },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.delegateClients[0].scopes: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.delegateClients[0].audiences minItems 1',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          delegateClients: [
            { audiences: [], clientId: 'abc', clientSecretRef: { key: 'abc', name: 'abc' }, scopes: ['abc'] },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.delegateClients[0].audiences: Invalid value: 0: spec.authServerConfig.delegateClients[0].audiences in body should have at least 1 items',
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.delegateClients[0].audiences maxItems 10',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          delegateClients: [
            {
              audiences: ['abc', 'abc', 'abc', 'abc', 'abc', 'abc', 'abc', 'abc', 'abc', 'abc', 'abc'],
              clientId: 'abc',
              clientSecretRef: { key: 'abc', name: 'abc' },
              scopes: ['abc'],
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.delegateClients[0].audiences: Too many: 11: must have at most 10 items',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.delegateClients[0].audiences[0] maxLength 2048',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          delegateClients: [
            {
              audiences: [
                'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
              ],
              clientId: 'abc',
              clientSecretRef: { key: 'abc', name: 'abc' },
              scopes: ['abc'],
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.delegateClients[0].audiences[0]: Too long: may not be longer than 2048',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.delegateClients[0].audiences[0] minLength 1',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          delegateClients: [
            {
              audiences: [''],
              clientId: 'abc',
              clientSecretRef: { key: 'abc', name: 'abc' },
              scopes: ['abc'],
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.delegateClients[0].audiences[0]: Invalid value: "": spec.authServerConfig.delegateClients[0].audiences[0] in body should be at least 1 chars long',
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.delegateClients[0].clientId maxLength 256',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          delegateClients: [
            {
              audiences: ['abc'],
              clientId:
                'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
              clientSecretRef: { key: 'abc', name: 'abc' },
              scopes: ['abc'],
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.delegateClients[0].clientId: Too long: may not be longer than 256',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.delegateClients[0].clientId minLength 1',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          delegateClients: [
            {
              audiences: ['abc'],
              clientId: '',
              clientSecretRef: { key: 'abc', name: 'abc' },
              scopes: ['abc'],
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.delegateClients[0].clientId: Invalid value: "": spec.authServerConfig.delegateClients[0].clientId in body should be at least 1 chars long',
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.authServerConfig.delegateClients[0].clientSecretRef.key',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          delegateClients: [
            { audiences: ['abc'], clientId: 'abc', clientSecretRef: { name: 'abc' }, scopes: ['abc'] },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.delegateClients[0].clientSecretRef.key: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.authServerConfig.delegateClients[0].clientSecretRef.name',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          delegateClients: [
            { audiences: ['abc'], clientId: 'abc', clientSecretRef: { key: 'abc' }, scopes: ['abc'] },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.delegateClients[0].clientSecretRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.delegateClients[0].scopes minItems 1',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          delegateClients: [
            { audiences: ['abc'], clientId: 'abc', clientSecretRef: { key: 'abc', name: 'abc' }, scopes: [] },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.delegateClients[0].scopes: Invalid value: 0: spec.authServerConfig.delegateClients[0].scopes in body should have at least 1 items',
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.delegateClients[0].scopes maxItems 10',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          delegateClients: [
            {
              audiences: ['abc'],
              clientId: 'abc',
              clientSecretRef: { key: 'abc', name: 'abc' },
              scopes: ['abc', 'abc', 'abc', 'abc', 'abc', 'abc', 'abc', 'abc', 'abc', 'abc', 'abc'],
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.delegateClients[0].scopes: Too many: 11: must have at most 10 items',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.delegateClients[0].scopes[0] maxLength 256',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          delegateClients: [
            {
              audiences: ['abc'],
              clientId: 'abc',
              clientSecretRef: { key: 'abc', name: 'abc' },
              scopes: [
                'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
              ],
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.delegateClients[0].scopes[0]: Too long: may not be longer than 256',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.delegateClients[0].scopes[0] minLength 1',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          delegateClients: [
            {
              audiences: ['abc'],
              clientId: 'abc',
              clientSecretRef: { key: 'abc', name: 'abc' },
              scopes: [''],
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.delegateClients[0].scopes[0]: Invalid value: "": spec.authServerConfig.delegateClients[0].scopes[0] in body should be at least 1 chars long',
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.forceConfidentialRedirectUris maxItems 10',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          forceConfidentialRedirectUris: [
            'https://example.com/x',
            'https://example.com/x',
            'https://example.com/x',
            'https://example.com/x',
            'https://example.com/x',
            'https://example.com/x',
            'https://example.com/x',
            'https://example.com/x',
            'https://example.com/x',
            'https://example.com/x',
            'https://example.com/x',
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.forceConfidentialRedirectUris: Too many: 11: must have at most 10 items',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.forceConfidentialRedirectUris[0] pattern',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          forceConfidentialRedirectUris: ['not valid!'],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.forceConfidentialRedirectUris[0]: Invalid value: "not valid!": spec.authServerConfig.forceConfidentialRedirectUris[0] in body should match \'^https://[^\\s?#]+$\'',
      'spec.authServerConfig: Invalid value: "object": forceConfidentialRedirectUris requires allowConfidentialClientRegistration to be true',
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.authServerConfig.hmacSecretRefs[0].key',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          hmacSecretRefs: [{ name: 'abc' }],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.hmacSecretRefs[0].key: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.authServerConfig.hmacSecretRefs[0].name',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          hmacSecretRefs: [{ key: 'abc' }],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.hmacSecretRefs[0].name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.issuer pattern',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        { issuer: 'not valid!', upstreamProviders: [{ name: 'abc', type: 'oidc' }] },
      ],
    ],
    expected: [
      'spec.authServerConfig.issuer: Invalid value: "not valid!": spec.authServerConfig.issuer in body should match \'^https?://[^\\s?#]+[^/\\s?#]$\'',
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.primaryUpstreamProvider maxLength 63',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          primaryUpstreamProvider: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.primaryUpstreamProvider: Too long: may not be longer than 63',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.primaryUpstreamProvider minLength 1',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          primaryUpstreamProvider: '',
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.primaryUpstreamProvider: Invalid value: "": spec.authServerConfig.primaryUpstreamProvider in body should be at least 1 chars long',
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.primaryUpstreamProvider pattern',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          primaryUpstreamProvider: 'not valid!',
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.primaryUpstreamProvider: Invalid value: "not valid!": spec.authServerConfig.primaryUpstreamProvider in body should match \'^[a-z0-9]([a-z0-9-]*[a-z0-9])?$\'',
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.signingKeySecretRefs maxItems 5',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          signingKeySecretRefs: [
            { key: 'abc', name: 'abc' },
            { key: 'abc', name: 'abc' },
            { key: 'abc', name: 'abc' },
            { key: 'abc', name: 'abc' },
            { key: 'abc', name: 'abc' },
            { key: 'abc', name: 'abc' },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.signingKeySecretRefs: Too many: 6: must have at most 5 items',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.authServerConfig.signingKeySecretRefs[0].key',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          signingKeySecretRefs: [{ name: 'abc' }],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.signingKeySecretRefs[0].key: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.authServerConfig.signingKeySecretRefs[0].name',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          signingKeySecretRefs: [{ key: 'abc' }],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.signingKeySecretRefs[0].name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.authServerConfig.storage.redis.aclUserConfig',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          storage: { redis: {} },
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.storage.redis.aclUserConfig: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.authServerConfig.storage.redis.aclUserConfig.passwordSecretRef',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          storage: { redis: { aclUserConfig: {} } },
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.storage.redis.aclUserConfig.passwordSecretRef: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.authServerConfig.storage.redis.aclUserConfig.passwordSecretRef.key',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          storage: { redis: { aclUserConfig: { passwordSecretRef: { name: 'abc' } } } },
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.storage.redis.aclUserConfig.passwordSecretRef.key: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.authServerConfig.storage.redis.aclUserConfig.passwordSecretRef.name',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          storage: { redis: { aclUserConfig: { passwordSecretRef: { key: 'abc' } } } },
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.storage.redis.aclUserConfig.passwordSecretRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.authServerConfig.storage.redis.aclUserConfig.usernameSecretRef.key',
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
              aclUserConfig: {
                passwordSecretRef: { key: 'abc', name: 'abc' },
                usernameSecretRef: { name: 'abc' },
              },
            },
          },
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.storage.redis.aclUserConfig.usernameSecretRef.key: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.authServerConfig.storage.redis.aclUserConfig.usernameSecretRef.name',
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
              aclUserConfig: {
                passwordSecretRef: { key: 'abc', name: 'abc' },
                usernameSecretRef: { key: 'abc' },
              },
            },
          },
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.storage.redis.aclUserConfig.usernameSecretRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.storage.redis.dialTimeout pattern',
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
              dialTimeout: 'not valid!',
            },
          },
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.storage.redis.dialTimeout: Invalid value: "not valid!": spec.authServerConfig.storage.redis.dialTimeout in body should match \'^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$\'',
      'spec.authServerConfig.storage.redis: Invalid value: "object": exactly one of addr or sentinelConfig must be set',
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.storage.redis.readTimeout pattern',
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
              readTimeout: 'not valid!',
            },
          },
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.storage.redis.readTimeout: Invalid value: "not valid!": spec.authServerConfig.storage.redis.readTimeout in body should match \'^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$\'',
      'spec.authServerConfig.storage.redis: Invalid value: "object": exactly one of addr or sentinelConfig must be set',
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.authServerConfig.storage.redis.sentinelConfig.masterName',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          storage: {
            redis: { aclUserConfig: { passwordSecretRef: { key: 'abc', name: 'abc' } }, sentinelConfig: {} },
          },
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.storage.redis.sentinelConfig.masterName: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.authServerConfig.storage.redis.sentinelConfig.sentinelService.name',
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
              sentinelConfig: { masterName: 'abc', sentinelService: {} },
            },
          },
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.storage.redis.sentinelConfig.sentinelService.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.authServerConfig.storage.redis.sentinelTls.caCertSecretRef.key',
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
              sentinelTls: { caCertSecretRef: { name: 'abc' } },
            },
          },
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.storage.redis.sentinelTls.caCertSecretRef.key: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.authServerConfig.storage.redis.sentinelTls.caCertSecretRef.name',
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
              sentinelTls: { caCertSecretRef: { key: 'abc' } },
            },
          },
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.storage.redis.sentinelTls.caCertSecretRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.authServerConfig.storage.redis.tls.caCertSecretRef.key',
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
              tls: { caCertSecretRef: { name: 'abc' } },
            },
          },
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.storage.redis.tls.caCertSecretRef.key: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.authServerConfig.storage.redis.tls.caCertSecretRef.name',
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
              tls: { caCertSecretRef: { key: 'abc' } },
            },
          },
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.storage.redis.tls.caCertSecretRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.storage.redis.writeTimeout pattern',
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
              writeTimeout: 'not valid!',
            },
          },
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.storage.redis.writeTimeout: Invalid value: "not valid!": spec.authServerConfig.storage.redis.writeTimeout in body should match \'^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$\'',
      'spec.authServerConfig.storage.redis: Invalid value: "object": exactly one of addr or sentinelConfig must be set',
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.storage.type enum',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          storage: { type: 'bogus' },
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.storage.type: Unsupported value: "bogus": supported values: "memory", "redis"',
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.tokenLifespans.accessTokenLifespan pattern',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          tokenLifespans: { accessTokenLifespan: 'not valid!' },
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.tokenLifespans.accessTokenLifespan: Invalid value: "not valid!": spec.authServerConfig.tokenLifespans.accessTokenLifespan in body should match \'^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$\'',
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.tokenLifespans.authCodeLifespan pattern',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          tokenLifespans: { authCodeLifespan: 'not valid!' },
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.tokenLifespans.authCodeLifespan: Invalid value: "not valid!": spec.authServerConfig.tokenLifespans.authCodeLifespan in body should match \'^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$\'',
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.tokenLifespans.refreshTokenLifespan pattern',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          tokenLifespans: { refreshTokenLifespan: 'not valid!' },
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.tokenLifespans.refreshTokenLifespan: Invalid value: "not valid!": spec.authServerConfig.tokenLifespans.refreshTokenLifespan in body should match \'^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$\'',
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.trustedIssuers maxItems 20',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          trustedIssuers: [
            { issuerUrl: 'abc' },
            { issuerUrl: 'abc' },
            { issuerUrl: 'abc' },
            { issuerUrl: 'abc' },
            { issuerUrl: 'abc' },
            { issuerUrl: 'abc' },
            { issuerUrl: 'abc' },
            { issuerUrl: 'abc' },
            { issuerUrl: 'abc' },
            { issuerUrl: 'abc' },
            { issuerUrl: 'abc' },
            { issuerUrl: 'abc' },
            { issuerUrl: 'abc' },
            { issuerUrl: 'abc' },
            { issuerUrl: 'abc' },
            { issuerUrl: 'abc' },
            { issuerUrl: 'abc' },
            { issuerUrl: 'abc' },
            { issuerUrl: 'abc' },
            { issuerUrl: 'abc' },
            { issuerUrl: 'abc' },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.trustedIssuers: Too many: 21: must have at most 20 items',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.authServerConfig.trustedIssuers[0].issuerUrl',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          trustedIssuers: [{}],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.trustedIssuers[0].issuerUrl: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.trustedIssuers[0].actorClaim maxLength 64',
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
              actorClaim: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.trustedIssuers[0].actorClaim: Too long: may not be longer than 64',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.trustedIssuers[0].actorMatcher maxLength 4096',
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
              actorMatcher:
                'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.trustedIssuers[0].actorMatcher: Too long: may not be longer than 4096',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.trustedIssuers[0].allowedActors maxItems 50',
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
              allowedActors: [
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
              ],
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.trustedIssuers[0].allowedActors: Too many: 51: must have at most 50 items',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.trustedIssuers[0].allowedActors[0] maxLength 256',
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
              allowedActors: [
                'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
              ],
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.trustedIssuers[0].allowedActors[0]: Too long: may not be longer than 256',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.trustedIssuers[0].allowedActors[0] minLength 1',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          trustedIssuers: [{ issuerUrl: 'abc', allowedActors: [''] }],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.trustedIssuers[0].allowedActors[0]: Invalid value: "": spec.authServerConfig.trustedIssuers[0].allowedActors[0] in body should be at least 1 chars long',
      'spec.authServerConfig.trustedIssuers[0]: Invalid value: "object": expectedAudience is required unless jwtBearerGrant is configured without actorClaim, actorMatcher, allowMayAct, or allowedActors',
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.trustedIssuers[0].allowedDelegateClients minItems 1',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          trustedIssuers: [{ issuerUrl: 'abc', allowedDelegateClients: [] }],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.trustedIssuers[0].allowedDelegateClients: Invalid value: 0: spec.authServerConfig.trustedIssuers[0].allowedDelegateClients in body should have at least 1 items',
      'spec.authServerConfig.trustedIssuers[0]: Invalid value: "object": expectedAudience is required unless jwtBearerGrant is configured without actorClaim, actorMatcher, allowMayAct, or allowedActors',
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.trustedIssuers[0].allowedDelegateClients maxItems 50',
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
              allowedDelegateClients: [
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
                'abc',
              ],
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.trustedIssuers[0].allowedDelegateClients: Too many: 51: must have at most 50 items',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.trustedIssuers[0].allowedDelegateClients[0] maxLength 256',
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
              allowedDelegateClients: [
                'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
              ],
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.trustedIssuers[0].allowedDelegateClients[0]: Too long: may not be longer than 256',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.trustedIssuers[0].allowedDelegateClients[0] minLength 1',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          trustedIssuers: [{ issuerUrl: 'abc', allowedDelegateClients: [''] }],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.trustedIssuers[0].allowedDelegateClients[0]: Invalid value: "": spec.authServerConfig.trustedIssuers[0].allowedDelegateClients[0] in body should be at least 1 chars long',
      'spec.authServerConfig.trustedIssuers[0]: Invalid value: "object": expectedAudience is required unless jwtBearerGrant is configured without actorClaim, actorMatcher, allowMayAct, or allowedActors',
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.trustedIssuers[0].expectedAudience maxLength 2048',
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
              expectedAudience:
                'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.trustedIssuers[0].expectedAudience: Too long: may not be longer than 2048',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.trustedIssuers[0].expectedAudience minLength 1',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          trustedIssuers: [{ issuerUrl: 'abc', expectedAudience: '' }],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.trustedIssuers[0].expectedAudience: Invalid value: "": spec.authServerConfig.trustedIssuers[0].expectedAudience in body should be at least 1 chars long',
      'spec.authServerConfig.trustedIssuers[0]: Invalid value: "object": expectedAudience is required unless jwtBearerGrant is configured without actorClaim, actorMatcher, allowMayAct, or allowedActors',
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.trustedIssuers[0].issuerUrl maxLength 2048',
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
              issuerUrl:
                'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.trustedIssuers[0].issuerUrl: Too long: may not be longer than 2048',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.trustedIssuers[0].issuerUrl minLength 1',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          trustedIssuers: [{ issuerUrl: '' }],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.trustedIssuers[0].issuerUrl: Invalid value: "": spec.authServerConfig.trustedIssuers[0].issuerUrl in body should be at least 1 chars long',
      'spec.authServerConfig.trustedIssuers[0]: Invalid value: "object": expectedAudience is required unless jwtBearerGrant is configured without actorClaim, actorMatcher, allowMayAct, or allowedActors',
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.trustedIssuers[0].jwksUrl maxLength 2048',
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
              jwksUrl:
                'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.trustedIssuers[0].jwksUrl: Too long: may not be longer than 2048',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.authServerConfig.trustedIssuers[0].jwtBearerGrant.maxAssertionAge',
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
                subjectBindings: [{ allowedResources: ['https://example.com/x'], subject: 'abc' }],
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.trustedIssuers[0].jwtBearerGrant.maxAssertionAge: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.authServerConfig.trustedIssuers[0].jwtBearerGrant.subjectBindings',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          trustedIssuers: [{ issuerUrl: 'abc', jwtBearerGrant: { maxAssertionAge: 'abc' } }],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.trustedIssuers[0].jwtBearerGrant.subjectBindings: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.trustedIssuers[0].jwtBearerGrant.acceptedAudiences maxItems 50',
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
                subjectBindings: [{ allowedResources: ['https://example.com/x'], subject: 'abc' }],
                acceptedAudiences: [
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                  'https://example.com/x',
                ],
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.trustedIssuers[0].jwtBearerGrant.acceptedAudiences: Too many: 51: must have at most 50 items',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.trustedIssuers[0].jwtBearerGrant.acceptedAudiences[0] maxLength 2048',
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
                subjectBindings: [{ allowedResources: ['https://example.com/x'], subject: 'abc' }],
                acceptedAudiences: [
                  'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
                ],
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.trustedIssuers[0].jwtBearerGrant.acceptedAudiences[0]: Too long: may not be longer than 2048',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.trustedIssuers[0].jwtBearerGrant.acceptedAudiences[0] minLength 1',
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
                subjectBindings: [{ allowedResources: ['https://example.com/x'], subject: 'abc' }],
                acceptedAudiences: [''],
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.trustedIssuers[0].jwtBearerGrant.acceptedAudiences[0]: Invalid value: "": spec.authServerConfig.trustedIssuers[0].jwtBearerGrant.acceptedAudiences[0] in body should be at least 1 chars long',
      "spec.authServerConfig.trustedIssuers[0].jwtBearerGrant: Invalid value: \"object\": type conversion error from 'string' to 'google.protobuf.Duration' evaluating rule: maxAssertionAge must be greater than zero",
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.trustedIssuers[0].jwtBearerGrant.acceptedAudiences[0] pattern',
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
                subjectBindings: [{ allowedResources: ['https://example.com/x'], subject: 'abc' }],
                acceptedAudiences: ['not valid!'],
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.trustedIssuers[0].jwtBearerGrant.acceptedAudiences[0]: Invalid value: "not valid!": spec.authServerConfig.trustedIssuers[0].jwtBearerGrant.acceptedAudiences[0] in body should match \'^https?://[^[:space:]]+$\'',
      "spec.authServerConfig.trustedIssuers[0].jwtBearerGrant: Invalid value: \"object\": type conversion error from 'string' to 'google.protobuf.Duration' evaluating rule: maxAssertionAge must be greater than zero",
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.trustedIssuers[0].jwtBearerGrant.subjectBindings minItems 1',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc' }],
          trustedIssuers: [
            { issuerUrl: 'abc', jwtBearerGrant: { maxAssertionAge: 'abc', subjectBindings: [] } },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.trustedIssuers[0].jwtBearerGrant.subjectBindings: Invalid value: 0: spec.authServerConfig.trustedIssuers[0].jwtBearerGrant.subjectBindings in body should have at least 1 items',
      "spec.authServerConfig.trustedIssuers[0].jwtBearerGrant: Invalid value: \"object\": type conversion error from 'string' to 'google.protobuf.Duration' evaluating rule: maxAssertionAge must be greater than zero",
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.trustedIssuers[0].jwtBearerGrant.subjectBindings maxItems 50',
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
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
                  { allowedResources: ['https://example.com/x'], subject: 'abc' },
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
      'spec.authServerConfig.trustedIssuers[0].jwtBearerGrant.subjectBindings: Too many: 51: must have at most 50 items',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.authServerConfig.trustedIssuers[0].jwtBearerGrant.subjectBindings[0].allowedResources',
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
              jwtBearerGrant: { maxAssertionAge: 'abc', subjectBindings: [{ subject: 'abc' }] },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.trustedIssuers[0].jwtBearerGrant.subjectBindings[0].allowedResources: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.authServerConfig.trustedIssuers[0].jwtBearerGrant.subjectBindings[0].subject',
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
                subjectBindings: [{ allowedResources: ['https://example.com/x'] }],
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.trustedIssuers[0].jwtBearerGrant.subjectBindings[0].subject: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.trustedIssuers[0].jwtBearerGrant.subjectBindings[0].allowedResources minItems 1',
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
                subjectBindings: [{ allowedResources: [], subject: 'abc' }],
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.trustedIssuers[0].jwtBearerGrant.subjectBindings[0].allowedResources: Invalid value: 0: spec.authServerConfig.trustedIssuers[0].jwtBearerGrant.subjectBindings[0].allowedResources in body should have at least 1 items',
      "spec.authServerConfig.trustedIssuers[0].jwtBearerGrant: Invalid value: \"object\": type conversion error from 'string' to 'google.protobuf.Duration' evaluating rule: maxAssertionAge must be greater than zero",
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.trustedIssuers[0].jwtBearerGrant.subjectBindings[0].allowedResources maxItems 50',
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
                  {
                    allowedResources: [
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                      'https://example.com/x',
                    ],
                    subject: 'abc',
                  },
                ],
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.trustedIssuers[0].jwtBearerGrant.subjectBindings[0].allowedResources: Too many: 51: must have at most 50 items',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.trustedIssuers[0].jwtBearerGrant.subjectBindings[0].allowedResources[0] maxLength 2048',
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
                  {
                    allowedResources: [
                      'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
                    ],
                    subject: 'abc',
                  },
                ],
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.trustedIssuers[0].jwtBearerGrant.subjectBindings[0].allowedResources[0]: Too long: may not be longer than 2048',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.trustedIssuers[0].jwtBearerGrant.subjectBindings[0].allowedResources[0] minLength 1',
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
                subjectBindings: [{ allowedResources: [''], subject: 'abc' }],
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.trustedIssuers[0].jwtBearerGrant.subjectBindings[0].allowedResources[0]: Invalid value: "": spec.authServerConfig.trustedIssuers[0].jwtBearerGrant.subjectBindings[0].allowedResources[0] in body should be at least 1 chars long',
      "spec.authServerConfig.trustedIssuers[0].jwtBearerGrant: Invalid value: \"object\": type conversion error from 'string' to 'google.protobuf.Duration' evaluating rule: maxAssertionAge must be greater than zero",
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.trustedIssuers[0].jwtBearerGrant.subjectBindings[0].allowedResources[0] pattern',
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
                subjectBindings: [{ allowedResources: ['not valid!'], subject: 'abc' }],
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.trustedIssuers[0].jwtBearerGrant.subjectBindings[0].allowedResources[0]: Invalid value: "not valid!": spec.authServerConfig.trustedIssuers[0].jwtBearerGrant.subjectBindings[0].allowedResources[0] in body should match \'^https?://[^[:space:]]+$\'',
      "spec.authServerConfig.trustedIssuers[0].jwtBearerGrant: Invalid value: \"object\": type conversion error from 'string' to 'google.protobuf.Duration' evaluating rule: maxAssertionAge must be greater than zero",
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.trustedIssuers[0].jwtBearerGrant.subjectBindings[0].subject maxLength 256',
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
                  {
                    allowedResources: ['https://example.com/x'],
                    subject:
                      'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
                  },
                ],
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.trustedIssuers[0].jwtBearerGrant.subjectBindings[0].subject: Too long: may not be longer than 256',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.trustedIssuers[0].jwtBearerGrant.subjectBindings[0].subject minLength 1',
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
                subjectBindings: [{ allowedResources: ['https://example.com/x'], subject: '' }],
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.trustedIssuers[0].jwtBearerGrant.subjectBindings[0].subject: Invalid value: "": spec.authServerConfig.trustedIssuers[0].jwtBearerGrant.subjectBindings[0].subject in body should be at least 1 chars long',
      "spec.authServerConfig.trustedIssuers[0].jwtBearerGrant: Invalid value: \"object\": type conversion error from 'string' to 'google.protobuf.Duration' evaluating rule: maxAssertionAge must be greater than zero",
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.trustedIssuers[0].jwtBearerGrant.subjectBindings[0].subject pattern',
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
                subjectBindings: [{ allowedResources: ['https://example.com/x'], subject: '*' }],
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.trustedIssuers[0].jwtBearerGrant.subjectBindings[0].subject: Invalid value: "*": spec.authServerConfig.trustedIssuers[0].jwtBearerGrant.subjectBindings[0].subject in body should match \'^[^*]+$\'',
      "spec.authServerConfig.trustedIssuers[0].jwtBearerGrant: Invalid value: \"object\": type conversion error from 'string' to 'google.protobuf.Duration' evaluating rule: maxAssertionAge must be greater than zero",
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.upstreamProviders minItems 1',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      ['set', ['spec', 'authServerConfig'], { issuer: 'https://example.com/x', upstreamProviders: [] }],
    ],
    expected: [
      'spec.authServerConfig.upstreamProviders: Invalid value: 0: spec.authServerConfig.upstreamProviders in body should have at least 1 items',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.authServerConfig.upstreamProviders[0].name',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        { issuer: 'https://example.com/x', upstreamProviders: [{ type: 'oidc' }] },
      ],
    ],
    expected: [
      'spec.authServerConfig.upstreamProviders[0].name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.authServerConfig.upstreamProviders[0].type',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        { issuer: 'https://example.com/x', upstreamProviders: [{ name: 'abc' }] },
      ],
    ],
    expected: [
      'spec.authServerConfig.upstreamProviders[0].type: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.upstreamProviders[0].name maxLength 63',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [
            { name: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', type: 'oidc' },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.upstreamProviders[0].name: Too long: may not be longer than 63',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.upstreamProviders[0].name minLength 1',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        { issuer: 'https://example.com/x', upstreamProviders: [{ name: '', type: 'oidc' }] },
      ],
    ],
    expected: [
      'spec.authServerConfig.upstreamProviders[0].name: Invalid value: "": spec.authServerConfig.upstreamProviders[0].name in body should be at least 1 chars long',
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.upstreamProviders[0].name pattern',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        { issuer: 'https://example.com/x', upstreamProviders: [{ name: 'not valid!', type: 'oidc' }] },
      ],
    ],
    expected: [
      'spec.authServerConfig.upstreamProviders[0].name: Invalid value: "not valid!": spec.authServerConfig.upstreamProviders[0].name in body should match \'^[a-z0-9]([a-z0-9-]*[a-z0-9])?$\'',
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.authServerConfig.upstreamProviders[0].oauth2Config.authorizationEndpoint',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [
            { name: 'abc', type: 'oidc', oauth2Config: { tokenEndpoint: 'https://example.com/x' } },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.upstreamProviders[0].oauth2Config.authorizationEndpoint: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.authServerConfig.upstreamProviders[0].oauth2Config.tokenEndpoint',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [
            { name: 'abc', type: 'oidc', oauth2Config: { authorizationEndpoint: 'https://example.com/x' } },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.upstreamProviders[0].oauth2Config.tokenEndpoint: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.upstreamProviders[0].oauth2Config.additionalAuthorizationParams maxProperties 16',
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
                additionalAuthorizationParams: {
                  k0: 'abc',
                  k1: 'abc',
                  k2: 'abc',
                  k3: 'abc',
                  k4: 'abc',
                  k5: 'abc',
                  k6: 'abc',
                  k7: 'abc',
                  k8: 'abc',
                  k9: 'abc',
                  k10: 'abc',
                  k11: 'abc',
                  k12: 'abc',
                  k13: 'abc',
                  k14: 'abc',
                  k15: 'abc',
                  k16: 'abc',
                },
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.upstreamProviders[0].oauth2Config.additionalAuthorizationParams: Too many: 17: must have at most 16 items',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.upstreamProviders[0].oauth2Config.authorizationEndpoint pattern',
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
              oauth2Config: { authorizationEndpoint: 'not valid!', tokenEndpoint: 'https://example.com/x' },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.upstreamProviders[0].oauth2Config.authorizationEndpoint: Invalid value: "not valid!": spec.authServerConfig.upstreamProviders[0].oauth2Config.authorizationEndpoint in body should match \'^https?://.*$\'',
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
      'spec.authServerConfig.upstreamProviders[0].oauth2Config: Invalid value: "object": exactly one of clientId or dcrConfig must be set',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.authServerConfig.upstreamProviders[0].oauth2Config.clientSecretRef.key',
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
                clientSecretRef: { name: 'abc' },
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.upstreamProviders[0].oauth2Config.clientSecretRef.key: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.authServerConfig.upstreamProviders[0].oauth2Config.clientSecretRef.name',
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
                clientSecretRef: { key: 'abc' },
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.upstreamProviders[0].oauth2Config.clientSecretRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.upstreamProviders[0].oauth2Config.dcrConfig.discoveryUrl maxLength 2048',
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
                dcrConfig: {
                  discoveryUrl:
                    'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
                },
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.upstreamProviders[0].oauth2Config.dcrConfig.discoveryUrl: Too long: may not be longer than 2048',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.upstreamProviders[0].oauth2Config.dcrConfig.discoveryUrl pattern',
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
                dcrConfig: { discoveryUrl: 'not valid!' },
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.upstreamProviders[0].oauth2Config.dcrConfig.discoveryUrl: Invalid value: "not valid!": spec.authServerConfig.upstreamProviders[0].oauth2Config.dcrConfig.discoveryUrl in body should match \'^https://[^\\s?#]+[^/\\s?#]$\'',
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.authServerConfig.upstreamProviders[0].oauth2Config.dcrConfig.initialAccessTokenRef.key',
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
                dcrConfig: { initialAccessTokenRef: { name: 'abc' } },
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.upstreamProviders[0].oauth2Config.dcrConfig.initialAccessTokenRef.key: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.authServerConfig.upstreamProviders[0].oauth2Config.dcrConfig.initialAccessTokenRef.name',
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
                dcrConfig: { initialAccessTokenRef: { key: 'abc' } },
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.upstreamProviders[0].oauth2Config.dcrConfig.initialAccessTokenRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.upstreamProviders[0].oauth2Config.dcrConfig.registrationEndpoint maxLength 2048',
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
                dcrConfig: {
                  registrationEndpoint:
                    'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
                },
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.upstreamProviders[0].oauth2Config.dcrConfig.registrationEndpoint: Too long: may not be longer than 2048',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.upstreamProviders[0].oauth2Config.dcrConfig.registrationEndpoint pattern',
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
                dcrConfig: { registrationEndpoint: 'not valid!' },
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.upstreamProviders[0].oauth2Config.dcrConfig.registrationEndpoint: Invalid value: "not valid!": spec.authServerConfig.upstreamProviders[0].oauth2Config.dcrConfig.registrationEndpoint in body should match \'^https://[^\\s?#]+[^/\\s?#]$\'',
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.upstreamProviders[0].oauth2Config.dcrConfig.softwareId maxLength 255',
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
                dcrConfig: {
                  softwareId:
                    'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
                },
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.upstreamProviders[0].oauth2Config.dcrConfig.softwareId: Too long: may not be longer than 255',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.upstreamProviders[0].oauth2Config.dcrConfig.softwareStatement maxLength 16384',
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
                dcrConfig: {
                  softwareStatement:
                    'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
                },
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.upstreamProviders[0].oauth2Config.dcrConfig.softwareStatement: Too long: may not be longer than 16384',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.authServerConfig.upstreamProviders[0].oauth2Config.identityFromToken.subjectPath',
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
                identityFromToken: {},
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.upstreamProviders[0].oauth2Config.identityFromToken.subjectPath: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.upstreamProviders[0].oauth2Config.identityFromToken.emailPath maxLength 256',
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
                identityFromToken: {
                  subjectPath: 'abc',
                  emailPath:
                    'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
                },
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.upstreamProviders[0].oauth2Config.identityFromToken.emailPath: Too long: may not be longer than 256',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.upstreamProviders[0].oauth2Config.identityFromToken.emailPath minLength 1',
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
                identityFromToken: { subjectPath: 'abc', emailPath: '' },
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.upstreamProviders[0].oauth2Config.identityFromToken.emailPath: Invalid value: "": spec.authServerConfig.upstreamProviders[0].oauth2Config.identityFromToken.emailPath in body should be at least 1 chars long',
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
      'spec.authServerConfig.upstreamProviders[0].oauth2Config: Invalid value: "object": exactly one of clientId or dcrConfig must be set',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.upstreamProviders[0].oauth2Config.identityFromToken.namePath maxLength 256',
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
                identityFromToken: {
                  subjectPath: 'abc',
                  namePath:
                    'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
                },
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.upstreamProviders[0].oauth2Config.identityFromToken.namePath: Too long: may not be longer than 256',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.upstreamProviders[0].oauth2Config.identityFromToken.namePath minLength 1',
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
                identityFromToken: { subjectPath: 'abc', namePath: '' },
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.upstreamProviders[0].oauth2Config.identityFromToken.namePath: Invalid value: "": spec.authServerConfig.upstreamProviders[0].oauth2Config.identityFromToken.namePath in body should be at least 1 chars long',
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
      'spec.authServerConfig.upstreamProviders[0].oauth2Config: Invalid value: "object": exactly one of clientId or dcrConfig must be set',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.upstreamProviders[0].oauth2Config.identityFromToken.subjectPath maxLength 256',
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
                identityFromToken: {
                  subjectPath:
                    'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
                },
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.upstreamProviders[0].oauth2Config.identityFromToken.subjectPath: Too long: may not be longer than 256',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.upstreamProviders[0].oauth2Config.identityFromToken.subjectPath minLength 1',
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
                identityFromToken: { subjectPath: '' },
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.upstreamProviders[0].oauth2Config.identityFromToken.subjectPath: Invalid value: "": spec.authServerConfig.upstreamProviders[0].oauth2Config.identityFromToken.subjectPath in body should be at least 1 chars long',
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
      'spec.authServerConfig.upstreamProviders[0].oauth2Config: Invalid value: "object": exactly one of clientId or dcrConfig must be set',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.upstreamProviders[0].oauth2Config.tokenEndpoint pattern',
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
              oauth2Config: { authorizationEndpoint: 'https://example.com/x', tokenEndpoint: 'not valid!' },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.upstreamProviders[0].oauth2Config.tokenEndpoint: Invalid value: "not valid!": spec.authServerConfig.upstreamProviders[0].oauth2Config.tokenEndpoint in body should match \'^https?://.*$\'',
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
      'spec.authServerConfig.upstreamProviders[0].oauth2Config: Invalid value: "object": exactly one of clientId or dcrConfig must be set',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.authServerConfig.upstreamProviders[0].oauth2Config.tokenResponseMapping.accessTokenPath',
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
                tokenResponseMapping: {},
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.upstreamProviders[0].oauth2Config.tokenResponseMapping.accessTokenPath: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.upstreamProviders[0].oauth2Config.tokenResponseMapping.accessTokenPath minLength 1',
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
                tokenResponseMapping: { accessTokenPath: '' },
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.upstreamProviders[0].oauth2Config.tokenResponseMapping.accessTokenPath: Invalid value: "": spec.authServerConfig.upstreamProviders[0].oauth2Config.tokenResponseMapping.accessTokenPath in body should be at least 1 chars long',
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
      'spec.authServerConfig.upstreamProviders[0].oauth2Config: Invalid value: "object": exactly one of clientId or dcrConfig must be set',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.authServerConfig.upstreamProviders[0].oauth2Config.userInfo.endpointUrl',
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
                userInfo: {},
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.upstreamProviders[0].oauth2Config.userInfo.endpointUrl: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.upstreamProviders[0].oauth2Config.userInfo.endpointUrl pattern',
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
                userInfo: { endpointUrl: 'not valid!' },
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.upstreamProviders[0].oauth2Config.userInfo.endpointUrl: Invalid value: "not valid!": spec.authServerConfig.upstreamProviders[0].oauth2Config.userInfo.endpointUrl in body should match \'^https?://.*$\'',
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
      'spec.authServerConfig.upstreamProviders[0].oauth2Config: Invalid value: "object": exactly one of clientId or dcrConfig must be set',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.upstreamProviders[0].oauth2Config.userInfo.httpMethod enum',
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
                userInfo: { endpointUrl: 'https://example.com/x', httpMethod: 'bogus' },
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.upstreamProviders[0].oauth2Config.userInfo.httpMethod: Unsupported value: "bogus": supported values: "GET", "POST"',
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
      'spec.authServerConfig.upstreamProviders[0].oauth2Config: Invalid value: "object": exactly one of clientId or dcrConfig must be set',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.authServerConfig.upstreamProviders[0].oidcConfig.clientId',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [
            { name: 'abc', type: 'oidc', oidcConfig: { issuerUrl: 'https://example.com/x' } },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.upstreamProviders[0].oidcConfig.clientId: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.authServerConfig.upstreamProviders[0].oidcConfig.issuerUrl',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [{ name: 'abc', type: 'oidc', oidcConfig: { clientId: 'abc' } }],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.upstreamProviders[0].oidcConfig.issuerUrl: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.upstreamProviders[0].oidcConfig.additionalAuthorizationParams maxProperties 16',
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
              oidcConfig: {
                clientId: 'abc',
                issuerUrl: 'https://example.com/x',
                additionalAuthorizationParams: {
                  k0: 'abc',
                  k1: 'abc',
                  k2: 'abc',
                  k3: 'abc',
                  k4: 'abc',
                  k5: 'abc',
                  k6: 'abc',
                  k7: 'abc',
                  k8: 'abc',
                  k9: 'abc',
                  k10: 'abc',
                  k11: 'abc',
                  k12: 'abc',
                  k13: 'abc',
                  k14: 'abc',
                  k15: 'abc',
                  k16: 'abc',
                },
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.upstreamProviders[0].oidcConfig.additionalAuthorizationParams: Too many: 17: must have at most 16 items',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.authServerConfig.upstreamProviders[0].oidcConfig.clientSecretRef.key',
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
              oidcConfig: {
                clientId: 'abc',
                issuerUrl: 'https://example.com/x',
                clientSecretRef: { name: 'abc' },
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.upstreamProviders[0].oidcConfig.clientSecretRef.key: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.authServerConfig.upstreamProviders[0].oidcConfig.clientSecretRef.name',
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
              oidcConfig: {
                clientId: 'abc',
                issuerUrl: 'https://example.com/x',
                clientSecretRef: { key: 'abc' },
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.upstreamProviders[0].oidcConfig.clientSecretRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.upstreamProviders[0].oidcConfig.issuerUrl pattern',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        {
          issuer: 'https://example.com/x',
          upstreamProviders: [
            { name: 'abc', type: 'oidc', oidcConfig: { clientId: 'abc', issuerUrl: 'not valid!' } },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.upstreamProviders[0].oidcConfig.issuerUrl: Invalid value: "not valid!": spec.authServerConfig.upstreamProviders[0].oidcConfig.issuerUrl in body should match \'^https://.*$\'',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.upstreamProviders[0].oidcConfig.subjectClaim maxLength 128',
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
              oidcConfig: {
                clientId: 'abc',
                issuerUrl: 'https://example.com/x',
                subjectClaim:
                  'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.upstreamProviders[0].oidcConfig.subjectClaim: Too long: may not be longer than 128',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.upstreamProviders[0].oidcConfig.subjectClaim pattern',
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
              oidcConfig: { clientId: 'abc', issuerUrl: 'https://example.com/x', subjectClaim: 'not valid!' },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.upstreamProviders[0].oidcConfig.subjectClaim: Invalid value: "not valid!": spec.authServerConfig.upstreamProviders[0].oidcConfig.subjectClaim in body should match \'^([a-zA-Z_][a-zA-Z0-9_]*)?$\'',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.authServerConfig.upstreamProviders[0].oidcConfig.userInfoOverride.endpointUrl',
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
              oidcConfig: { clientId: 'abc', issuerUrl: 'https://example.com/x', userInfoOverride: {} },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.upstreamProviders[0].oidcConfig.userInfoOverride.endpointUrl: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.upstreamProviders[0].oidcConfig.userInfoOverride.endpointUrl pattern',
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
              oidcConfig: {
                clientId: 'abc',
                issuerUrl: 'https://example.com/x',
                userInfoOverride: { endpointUrl: 'not valid!' },
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.upstreamProviders[0].oidcConfig.userInfoOverride.endpointUrl: Invalid value: "not valid!": spec.authServerConfig.upstreamProviders[0].oidcConfig.userInfoOverride.endpointUrl in body should match \'^https?://.*$\'',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.upstreamProviders[0].oidcConfig.userInfoOverride.httpMethod enum',
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
              oidcConfig: {
                clientId: 'abc',
                issuerUrl: 'https://example.com/x',
                userInfoOverride: { endpointUrl: 'https://example.com/x', httpMethod: 'bogus' },
              },
            },
          ],
        },
      ],
    ],
    expected: [
      'spec.authServerConfig.upstreamProviders[0].oidcConfig.userInfoOverride.httpMethod: Unsupported value: "bogus": supported values: "GET", "POST"',
    ],
  },
  {
    name: 'VirtualMCPServer spec.authServerConfig.upstreamProviders[0].type enum',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'authServerConfig'],
        { issuer: 'https://example.com/x', upstreamProviders: [{ name: 'abc', type: 'bogus' }] },
      ],
    ],
    expected: [
      'spec.authServerConfig.upstreamProviders[0].type: Unsupported value: "bogus": supported values: "oidc", "oauth2"',
      "spec.authServerConfig.upstreamProviders[0]: Invalid value: \"object\": type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
    ],
  },
  {
    name: 'VirtualMCPServer spec.config.aggregation.conflictResolution enum',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'config', 'aggregation'], { conflictResolution: 'bogus' }]],
    expected: [
      'spec.config.aggregation.conflictResolution: Unsupported value: "bogus": supported values: "prefix", "priority", "manual"',
    ],
  },
  {
    name: 'VirtualMCPServer spec.config.aggregation.defaultToolVisibility enum',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'config', 'aggregation'], { defaultToolVisibility: 'bogus' }]],
    expected: [
      'spec.config.aggregation.defaultToolVisibility: Unsupported value: "bogus": supported values: "allow", "deny"',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.config.aggregation.tools[0].workload',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'config', 'aggregation'], { tools: [{}] }]],
    expected: [
      'spec.config.aggregation.tools[0].workload: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.config.aggregation.tools[0].toolConfigRef.name',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'config', 'aggregation'], { tools: [{ workload: 'abc', toolConfigRef: {} }] }]],
    expected: [
      'spec.config.aggregation.tools[0].toolConfigRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.config.audit.maxDelegationDepth minimum 1',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'config', 'audit'], { maxDelegationDepth: 0 }]],
    expected: [
      'spec.config.audit.maxDelegationDepth: Invalid value: 0: spec.config.audit.maxDelegationDepth in body should be greater than or equal to 1',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.config.backends[0].name',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'config', 'backends'], [{ transport: 'sse', url: 'https://example.com/x' }]]],
    expected: [
      'spec.config.backends[0].name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.config.backends[0].transport',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'config', 'backends'], [{ name: 'abc', url: 'https://example.com/x' }]]],
    expected: [
      'spec.config.backends[0].transport: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.config.backends[0].url',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'config', 'backends'], [{ name: 'abc', transport: 'sse' }]]],
    expected: [
      'spec.config.backends[0].url: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.config.backends[0].transport enum',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'config', 'backends'],
        [{ name: 'abc', transport: 'bogus', url: 'https://example.com/x' }],
      ],
    ],
    expected: [
      'spec.config.backends[0].transport: Unsupported value: "bogus": supported values: "sse", "streamable-http"',
    ],
  },
  {
    name: 'VirtualMCPServer spec.config.backends[0].type enum',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'config', 'backends'],
        [{ name: 'abc', transport: 'sse', url: 'https://example.com/x', type: 'bogus' }],
      ],
    ],
    expected: ['spec.config.backends[0].type: Unsupported value: "bogus": supported values: "entry", ""'],
  },
  {
    name: 'VirtualMCPServer spec.config.backends[0].url pattern',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'config', 'backends'], [{ name: 'abc', transport: 'sse', url: 'not valid!' }]]],
    expected: [
      'spec.config.backends[0].url: Invalid value: "not valid!": spec.config.backends[0].url in body should match \'^https?://\'',
    ],
  },
  {
    name: 'VirtualMCPServer spec.config.codeMode.parallelMaxConcurrency minimum 1',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'config', 'codeMode'], { parallelMaxConcurrency: 0 }]],
    expected: [
      'spec.config.codeMode.parallelMaxConcurrency: Invalid value: 0: spec.config.codeMode.parallelMaxConcurrency in body should be greater than or equal to 1',
    ],
  },
  {
    name: 'VirtualMCPServer spec.config.codeMode.stepLimit minimum 1',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'config', 'codeMode'], { stepLimit: 0 }]],
    expected: [
      'spec.config.codeMode.stepLimit: Invalid value: 0: spec.config.codeMode.stepLimit in body should be greater than or equal to 1',
    ],
  },
  {
    name: 'VirtualMCPServer spec.config.codeMode.toolCallTimeout pattern',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'config', 'codeMode'], { toolCallTimeout: 'not valid!' }]],
    expected: [
      'spec.config.codeMode.toolCallTimeout: Invalid value: "not valid!": spec.config.codeMode.toolCallTimeout in body should match \'^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$\'',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.config.compositeToolRefs[0].name',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'config', 'compositeToolRefs'], [{}]]],
    expected: [
      'spec.config.compositeToolRefs[0].name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.config.compositeTools[0].name',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'config', 'compositeTools'], [{ steps: [] }]]],
    expected: [
      'spec.config.compositeTools[0].name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.config.compositeTools[0].steps',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'config', 'compositeTools'], [{ name: 'abc' }]]],
    expected: [
      'spec.config.compositeTools[0].steps: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.config.compositeTools[0].output.properties',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'config', 'compositeTools'], [{ name: 'abc', steps: [], output: {} }]]],
    expected: [
      'spec.config.compositeTools[0].output.properties: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.config.compositeTools[0].output.properties[k].type',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'config', 'compositeTools'],
        [{ name: 'abc', steps: [], output: { properties: { k: {} } } }],
      ],
    ],
    expected: [
      'spec.config.compositeTools[0].output.properties.k.type: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.config.compositeTools[0].output.properties[k].type enum',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'config', 'compositeTools'],
        [{ name: 'abc', steps: [], output: { properties: { k: { type: 'bogus' } } } }],
      ],
    ],
    expected: [
      'spec.config.compositeTools[0].output.properties.k.type: Unsupported value: "bogus": supported values: "string", "integer", "number", "boolean", "object", "array"',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.config.compositeTools[0].steps[0].id',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'config', 'compositeTools'], [{ name: 'abc', steps: [{}] }]]],
    expected: [
      'spec.config.compositeTools[0].steps[0].id: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.config.compositeTools[0].steps[0].onCancel.action enum',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'config', 'compositeTools'],
        [{ name: 'abc', steps: [{ id: 'abc', onCancel: { action: 'bogus' } }] }],
      ],
    ],
    expected: [
      'spec.config.compositeTools[0].steps[0].onCancel.action: Unsupported value: "bogus": supported values: "skip_remaining", "abort", "continue"',
    ],
  },
  {
    name: 'VirtualMCPServer spec.config.compositeTools[0].steps[0].onDecline.action enum',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'config', 'compositeTools'],
        [{ name: 'abc', steps: [{ id: 'abc', onDecline: { action: 'bogus' } }] }],
      ],
    ],
    expected: [
      'spec.config.compositeTools[0].steps[0].onDecline.action: Unsupported value: "bogus": supported values: "skip_remaining", "abort", "continue"',
    ],
  },
  {
    name: 'VirtualMCPServer spec.config.compositeTools[0].steps[0].onError.action enum',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'config', 'compositeTools'],
        [{ name: 'abc', steps: [{ id: 'abc', onError: { action: 'bogus' } }] }],
      ],
    ],
    expected: [
      'spec.config.compositeTools[0].steps[0].onError.action: Unsupported value: "bogus": supported values: "abort", "continue", "retry"',
    ],
  },
  {
    name: 'VirtualMCPServer spec.config.compositeTools[0].steps[0].onError.retryDelay pattern',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'config', 'compositeTools'],
        [{ name: 'abc', steps: [{ id: 'abc', onError: { retryDelay: 'not valid!' } }] }],
      ],
    ],
    expected: [
      'spec.config.compositeTools[0].steps[0].onError.retryDelay: Invalid value: "not valid!": spec.config.compositeTools[0].steps[0].onError.retryDelay in body should match \'^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$\'',
    ],
  },
  {
    name: 'VirtualMCPServer spec.config.compositeTools[0].steps[0].timeout pattern',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'config', 'compositeTools'],
        [{ name: 'abc', steps: [{ id: 'abc', timeout: 'not valid!' }] }],
      ],
    ],
    expected: [
      'spec.config.compositeTools[0].steps[0].timeout: Invalid value: "not valid!": spec.config.compositeTools[0].steps[0].timeout in body should match \'^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$\'',
    ],
  },
  {
    name: 'VirtualMCPServer spec.config.compositeTools[0].steps[0].type enum',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      ['set', ['spec', 'config', 'compositeTools'], [{ name: 'abc', steps: [{ id: 'abc', type: 'bogus' }] }]],
    ],
    expected: [
      'spec.config.compositeTools[0].steps[0].type: Unsupported value: "bogus": supported values: "tool", "elicitation", "forEach"',
    ],
  },
  {
    name: 'VirtualMCPServer spec.config.compositeTools[0].timeout pattern',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      ['set', ['spec', 'config', 'compositeTools'], [{ name: 'abc', steps: [], timeout: 'not valid!' }]],
    ],
    expected: [
      'spec.config.compositeTools[0].timeout: Invalid value: "not valid!": spec.config.compositeTools[0].timeout in body should match \'^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$\'',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.config.incomingAuth.type',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'config', 'incomingAuth'], {}]],
    expected: [
      'spec.config.incomingAuth.type: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.config.incomingAuth.authz.type',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'config', 'incomingAuth'], { type: 'abc', authz: {} }]],
    expected: [
      'spec.config.incomingAuth.authz.type: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.config.incomingAuth.oidc.audience',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'config', 'incomingAuth'],
        { type: 'abc', oidc: { clientId: 'abc', issuer: 'https://example.com/x' } },
      ],
    ],
    expected: [
      'spec.config.incomingAuth.oidc.audience: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.config.incomingAuth.oidc.clientId',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'config', 'incomingAuth'],
        { type: 'abc', oidc: { audience: 'abc', issuer: 'https://example.com/x' } },
      ],
    ],
    expected: [
      'spec.config.incomingAuth.oidc.clientId: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.config.incomingAuth.oidc.issuer',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'config', 'incomingAuth'],
        { type: 'abc', oidc: { audience: 'abc', clientId: 'abc' } },
      ],
    ],
    expected: [
      'spec.config.incomingAuth.oidc.issuer: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.config.incomingAuth.oidc.issuer pattern',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'config', 'incomingAuth'],
        { type: 'abc', oidc: { audience: 'abc', clientId: 'abc', issuer: 'not valid!' } },
      ],
    ],
    expected: [
      'spec.config.incomingAuth.oidc.issuer: Invalid value: "not valid!": spec.config.incomingAuth.oidc.issuer in body should match \'^https?://\'',
    ],
  },
  {
    name: 'VirtualMCPServer spec.config.operational.failureHandling.circuitBreaker.failureThreshold minimum 1',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'config', 'operational'],
        { failureHandling: { circuitBreaker: { failureThreshold: 0 } } },
      ],
    ],
    expected: [
      'spec.config.operational.failureHandling.circuitBreaker.failureThreshold: Invalid value: 0: spec.config.operational.failureHandling.circuitBreaker.failureThreshold in body should be greater than or equal to 1',
    ],
  },
  {
    name: 'VirtualMCPServer spec.config.operational.failureHandling.circuitBreaker.timeout pattern',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'config', 'operational'],
        { failureHandling: { circuitBreaker: { timeout: 'not valid!' } } },
      ],
    ],
    expected: [
      'spec.config.operational.failureHandling.circuitBreaker.timeout: Invalid value: "not valid!": spec.config.operational.failureHandling.circuitBreaker.timeout in body should match \'^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$\'',
      "spec.config.operational.failureHandling.circuitBreaker.timeout: Invalid value: \"string\": type conversion error from 'string' to 'google.protobuf.Duration' evaluating rule: timeout must be >= 1s",
    ],
  },
  {
    name: 'VirtualMCPServer spec.config.operational.failureHandling.healthCheckInterval pattern',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      ['set', ['spec', 'config', 'operational'], { failureHandling: { healthCheckInterval: 'not valid!' } }],
    ],
    expected: [
      'spec.config.operational.failureHandling.healthCheckInterval: Invalid value: "not valid!": spec.config.operational.failureHandling.healthCheckInterval in body should match \'^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$\'',
    ],
  },
  {
    name: 'VirtualMCPServer spec.config.operational.failureHandling.healthCheckTimeout pattern',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      ['set', ['spec', 'config', 'operational'], { failureHandling: { healthCheckTimeout: 'not valid!' } }],
    ],
    expected: [
      'spec.config.operational.failureHandling.healthCheckTimeout: Invalid value: "not valid!": spec.config.operational.failureHandling.healthCheckTimeout in body should match \'^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$\'',
    ],
  },
  {
    name: 'VirtualMCPServer spec.config.operational.failureHandling.partialFailureMode enum',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'config', 'operational'], { failureHandling: { partialFailureMode: 'bogus' } }]],
    expected: [
      'spec.config.operational.failureHandling.partialFailureMode: Unsupported value: "bogus": supported values: "fail", "best_effort"',
    ],
  },
  {
    name: 'VirtualMCPServer spec.config.operational.failureHandling.statusReportingInterval pattern',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'config', 'operational'],
        { failureHandling: { statusReportingInterval: 'not valid!' } },
      ],
    ],
    expected: [
      'spec.config.operational.failureHandling.statusReportingInterval: Invalid value: "not valid!": spec.config.operational.failureHandling.statusReportingInterval in body should match \'^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$\'',
    ],
  },
  {
    name: 'VirtualMCPServer spec.config.operational.logLevel enum',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'config', 'operational'], { logLevel: 'bogus' }]],
    expected: ['spec.config.operational.logLevel: Unsupported value: "bogus": supported values: "debug"'],
  },
  {
    name: 'VirtualMCPServer spec.config.operational.timeouts.default pattern',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'config', 'operational'], { timeouts: { default: 'not valid!' } }]],
    expected: [
      'spec.config.operational.timeouts.default: Invalid value: "not valid!": spec.config.operational.timeouts.default in body should match \'^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$\'',
    ],
  },
  {
    name: 'VirtualMCPServer spec.config.operational.timeouts.perWorkload[k] pattern',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'config', 'operational'], { timeouts: { perWorkload: { k: 'not valid!' } } }]],
    expected: [
      'spec.config.operational.timeouts.perWorkload.k: Invalid value: "not valid!": spec.config.operational.timeouts.perWorkload.k in body should match \'^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$\'',
    ],
  },
  {
    name: 'VirtualMCPServer spec.config.optimizer.embeddingHeaders maxProperties 32',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'config', 'optimizer'],
        {
          embeddingHeaders: {
            k0: 'abc',
            k1: 'abc',
            k2: 'abc',
            k3: 'abc',
            k4: 'abc',
            k5: 'abc',
            k6: 'abc',
            k7: 'abc',
            k8: 'abc',
            k9: 'abc',
            k10: 'abc',
            k11: 'abc',
            k12: 'abc',
            k13: 'abc',
            k14: 'abc',
            k15: 'abc',
            k16: 'abc',
            k17: 'abc',
            k18: 'abc',
            k19: 'abc',
            k20: 'abc',
            k21: 'abc',
            k22: 'abc',
            k23: 'abc',
            k24: 'abc',
            k25: 'abc',
            k26: 'abc',
            k27: 'abc',
            k28: 'abc',
            k29: 'abc',
            k30: 'abc',
            k31: 'abc',
            k32: 'abc',
          },
        },
      ],
    ],
    expected: [
      'spec.config.optimizer.embeddingHeaders: Too many: 33: must have at most 32 items',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.config.optimizer.embeddingHeaders[k] maxLength 8192',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'config', 'optimizer'],
        {
          embeddingHeaders: {
            k: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
          },
        },
      ],
    ],
    expected: [
      'spec.config.optimizer.embeddingHeaders.k: Too long: may not be longer than 8192',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.config.optimizer.embeddingHeaders[k] minLength 1',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'config', 'optimizer'], { embeddingHeaders: { k: '' } }]],
    expected: [
      'spec.config.optimizer.embeddingHeaders.k: Invalid value: "": spec.config.optimizer.embeddingHeaders.k in body should be at least 1 chars long',
      'spec.config.optimizer: Invalid value: "object": embeddingHeaders is only supported when embeddingProvider is \'openai\'',
    ],
  },
  {
    name: 'VirtualMCPServer spec.config.optimizer.embeddingProvider enum',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'config', 'optimizer'], { embeddingProvider: 'bogus' }]],
    expected: [
      'spec.config.optimizer.embeddingProvider: Unsupported value: "bogus": supported values: "tei", "openai"',
    ],
  },
  {
    name: 'VirtualMCPServer spec.config.optimizer.embeddingServiceTimeout pattern',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'config', 'optimizer'], { embeddingServiceTimeout: 'not valid!' }]],
    expected: [
      'spec.config.optimizer.embeddingServiceTimeout: Invalid value: "not valid!": spec.config.optimizer.embeddingServiceTimeout in body should match \'^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$\'',
    ],
  },
  {
    name: 'VirtualMCPServer spec.config.optimizer.hybridSearchSemanticRatio pattern',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'config', 'optimizer'], { hybridSearchSemanticRatio: 'not valid!' }]],
    expected: [
      'spec.config.optimizer.hybridSearchSemanticRatio: Invalid value: "not valid!": spec.config.optimizer.hybridSearchSemanticRatio in body should match \'^([0-9]*[.])?[0-9]+$\'',
    ],
  },
  {
    name: 'VirtualMCPServer spec.config.optimizer.maxToolsToReturn minimum 1',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'config', 'optimizer'], { maxToolsToReturn: 0 }]],
    expected: [
      'spec.config.optimizer.maxToolsToReturn: Invalid value: 0: spec.config.optimizer.maxToolsToReturn in body should be greater than or equal to 1',
    ],
  },
  {
    name: 'VirtualMCPServer spec.config.optimizer.maxToolsToReturn maximum 50',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'config', 'optimizer'], { maxToolsToReturn: 51 }]],
    expected: [
      'spec.config.optimizer.maxToolsToReturn: Invalid value: 51: spec.config.optimizer.maxToolsToReturn in body should be less than or equal to 50',
    ],
  },
  {
    name: 'VirtualMCPServer spec.config.optimizer.semanticDistanceThreshold pattern',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'config', 'optimizer'], { semanticDistanceThreshold: 'not valid!' }]],
    expected: [
      'spec.config.optimizer.semanticDistanceThreshold: Invalid value: "not valid!": spec.config.optimizer.semanticDistanceThreshold in body should match \'^([0-9]*[.])?[0-9]+$\'',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.config.outgoingAuth.source',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'config', 'outgoingAuth'], {}]],
    expected: [
      'spec.config.outgoingAuth.source: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.config.outgoingAuth.backends[k].type',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'config', 'outgoingAuth'], { source: 'abc', backends: { k: {} } }]],
    expected: [
      'spec.config.outgoingAuth.backends.k.type: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.config.outgoingAuth.backends[k].awsSts.region',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'config', 'outgoingAuth'],
        { source: 'abc', backends: { k: { type: 'abc', awsSts: {} } } },
      ],
    ],
    expected: [
      'spec.config.outgoingAuth.backends.k.awsSts.region: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.config.outgoingAuth.backends[k].awsSts.roleMappings[0].roleArn',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'config', 'outgoingAuth'],
        { source: 'abc', backends: { k: { type: 'abc', awsSts: { region: 'abc', roleMappings: [{}] } } } },
      ],
    ],
    expected: [
      'spec.config.outgoingAuth.backends.k.awsSts.roleMappings[0].roleArn: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.config.outgoingAuth.backends[k].headerInjection.headerName',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'config', 'outgoingAuth'],
        { source: 'abc', backends: { k: { type: 'abc', headerInjection: {} } } },
      ],
    ],
    expected: [
      'spec.config.outgoingAuth.backends.k.headerInjection.headerName: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.config.outgoingAuth.backends[k].obo.tokenUrl',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'config', 'outgoingAuth'],
        { source: 'abc', backends: { k: { type: 'abc', obo: {} } } },
      ],
    ],
    expected: [
      'spec.config.outgoingAuth.backends.k.obo.tokenUrl: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.config.outgoingAuth.backends[k].tokenExchange.tokenUrl',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'config', 'outgoingAuth'],
        { source: 'abc', backends: { k: { type: 'abc', tokenExchange: {} } } },
      ],
    ],
    expected: [
      'spec.config.outgoingAuth.backends.k.tokenExchange.tokenUrl: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.config.outgoingAuth.backends[k].upstreamInject.providerName',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'config', 'outgoingAuth'],
        { source: 'abc', backends: { k: { type: 'abc', upstreamInject: {} } } },
      ],
    ],
    expected: [
      'spec.config.outgoingAuth.backends.k.upstreamInject.providerName: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.config.outgoingAuth.backends[k].xaa.idpTokenUrl',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'config', 'outgoingAuth'],
        {
          source: 'abc',
          backends: { k: { type: 'abc', xaa: { targetAudience: 'abc', targetTokenUrl: 'abc' } } },
        },
      ],
    ],
    expected: [
      'spec.config.outgoingAuth.backends.k.xaa.idpTokenUrl: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.config.outgoingAuth.backends[k].xaa.targetAudience',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'config', 'outgoingAuth'],
        {
          source: 'abc',
          backends: { k: { type: 'abc', xaa: { idpTokenUrl: 'abc', targetTokenUrl: 'abc' } } },
        },
      ],
    ],
    expected: [
      'spec.config.outgoingAuth.backends.k.xaa.targetAudience: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.config.outgoingAuth.backends[k].xaa.targetTokenUrl',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'config', 'outgoingAuth'],
        {
          source: 'abc',
          backends: { k: { type: 'abc', xaa: { idpTokenUrl: 'abc', targetAudience: 'abc' } } },
        },
      ],
    ],
    expected: [
      'spec.config.outgoingAuth.backends.k.xaa.targetTokenUrl: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.config.outgoingAuth.default.type',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'config', 'outgoingAuth'], { source: 'abc', default: {} }]],
    expected: [
      'spec.config.outgoingAuth.default.type: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.config.outgoingAuth.default.awsSts.region',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      ['set', ['spec', 'config', 'outgoingAuth'], { source: 'abc', default: { type: 'abc', awsSts: {} } }],
    ],
    expected: [
      'spec.config.outgoingAuth.default.awsSts.region: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.config.outgoingAuth.default.awsSts.roleMappings[0].roleArn',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'config', 'outgoingAuth'],
        { source: 'abc', default: { type: 'abc', awsSts: { region: 'abc', roleMappings: [{}] } } },
      ],
    ],
    expected: [
      'spec.config.outgoingAuth.default.awsSts.roleMappings[0].roleArn: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.config.outgoingAuth.default.headerInjection.headerName',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'config', 'outgoingAuth'],
        { source: 'abc', default: { type: 'abc', headerInjection: {} } },
      ],
    ],
    expected: [
      'spec.config.outgoingAuth.default.headerInjection.headerName: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.config.outgoingAuth.default.obo.tokenUrl',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      ['set', ['spec', 'config', 'outgoingAuth'], { source: 'abc', default: { type: 'abc', obo: {} } }],
    ],
    expected: [
      'spec.config.outgoingAuth.default.obo.tokenUrl: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.config.outgoingAuth.default.tokenExchange.tokenUrl',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'config', 'outgoingAuth'],
        { source: 'abc', default: { type: 'abc', tokenExchange: {} } },
      ],
    ],
    expected: [
      'spec.config.outgoingAuth.default.tokenExchange.tokenUrl: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.config.outgoingAuth.default.upstreamInject.providerName',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'config', 'outgoingAuth'],
        { source: 'abc', default: { type: 'abc', upstreamInject: {} } },
      ],
    ],
    expected: [
      'spec.config.outgoingAuth.default.upstreamInject.providerName: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.config.outgoingAuth.default.xaa.idpTokenUrl',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'config', 'outgoingAuth'],
        { source: 'abc', default: { type: 'abc', xaa: { targetAudience: 'abc', targetTokenUrl: 'abc' } } },
      ],
    ],
    expected: [
      'spec.config.outgoingAuth.default.xaa.idpTokenUrl: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.config.outgoingAuth.default.xaa.targetAudience',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'config', 'outgoingAuth'],
        { source: 'abc', default: { type: 'abc', xaa: { idpTokenUrl: 'abc', targetTokenUrl: 'abc' } } },
      ],
    ],
    expected: [
      'spec.config.outgoingAuth.default.xaa.targetAudience: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.config.outgoingAuth.default.xaa.targetTokenUrl',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'config', 'outgoingAuth'],
        { source: 'abc', default: { type: 'abc', xaa: { idpTokenUrl: 'abc', targetAudience: 'abc' } } },
      ],
    ],
    expected: [
      'spec.config.outgoingAuth.default.xaa.targetTokenUrl: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.config.rateLimiting.perUser.maxTokens',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'config', 'rateLimiting'], { perUser: { refillPeriod: 'abc' } }]],
    expected: [
      'spec.config.rateLimiting.perUser.maxTokens: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.config.rateLimiting.perUser.refillPeriod',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'config', 'rateLimiting'], { perUser: { maxTokens: 1 } }]],
    expected: [
      'spec.config.rateLimiting.perUser.refillPeriod: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.config.rateLimiting.perUser.maxTokens minimum 1',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'config', 'rateLimiting'], { perUser: { maxTokens: 0, refillPeriod: 'abc' } }]],
    expected: [
      'spec.config.rateLimiting.perUser.maxTokens: Invalid value: 0: spec.config.rateLimiting.perUser.maxTokens in body should be greater than or equal to 1',
      'spec: Invalid value: "object": config.rateLimiting requires sessionStorage with provider \'redis\'',
      'spec: Invalid value: "object": config.rateLimiting.perUser requires incomingAuth.type oidc',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.config.rateLimiting.shared.maxTokens',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'config', 'rateLimiting'], { shared: { refillPeriod: 'abc' } }]],
    expected: [
      'spec.config.rateLimiting.shared.maxTokens: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.config.rateLimiting.shared.refillPeriod',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'config', 'rateLimiting'], { shared: { maxTokens: 1 } }]],
    expected: [
      'spec.config.rateLimiting.shared.refillPeriod: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.config.rateLimiting.shared.maxTokens minimum 1',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'config', 'rateLimiting'], { shared: { maxTokens: 0, refillPeriod: 'abc' } }]],
    expected: [
      'spec.config.rateLimiting.shared.maxTokens: Invalid value: 0: spec.config.rateLimiting.shared.maxTokens in body should be greater than or equal to 1',
      'spec: Invalid value: "object": config.rateLimiting requires sessionStorage with provider \'redis\'',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.config.rateLimiting.tools[0].name',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'config', 'rateLimiting'], { tools: [{}] }]],
    expected: [
      'spec.config.rateLimiting.tools[0].name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.config.rateLimiting.tools[0].name minLength 1',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'config', 'rateLimiting'], { tools: [{ name: '' }] }]],
    expected: [
      'spec.config.rateLimiting.tools[0].name: Invalid value: "": spec.config.rateLimiting.tools[0].name in body should be at least 1 chars long',
      'spec: Invalid value: "object": config.rateLimiting requires sessionStorage with provider \'redis\'',
      'spec.config.rateLimiting.tools[0]: Invalid value: "object": at least one of shared or perUser must be configured',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.config.rateLimiting.tools[0].perUser.maxTokens',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'config', 'rateLimiting'],
        { tools: [{ name: 'abc', perUser: { refillPeriod: 'abc' } }] },
      ],
    ],
    expected: [
      'spec.config.rateLimiting.tools[0].perUser.maxTokens: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.config.rateLimiting.tools[0].perUser.refillPeriod',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      ['set', ['spec', 'config', 'rateLimiting'], { tools: [{ name: 'abc', perUser: { maxTokens: 1 } }] }],
    ],
    expected: [
      'spec.config.rateLimiting.tools[0].perUser.refillPeriod: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.config.rateLimiting.tools[0].perUser.maxTokens minimum 1',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'config', 'rateLimiting'],
        { tools: [{ name: 'abc', perUser: { maxTokens: 0, refillPeriod: 'abc' } }] },
      ],
    ],
    expected: [
      'spec.config.rateLimiting.tools[0].perUser.maxTokens: Invalid value: 0: spec.config.rateLimiting.tools[0].perUser.maxTokens in body should be greater than or equal to 1',
      'spec: Invalid value: "object": config.rateLimiting requires sessionStorage with provider \'redis\'',
      'spec: Invalid value: "object": per-tool perUser rate limiting requires incomingAuth.type oidc',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.config.rateLimiting.tools[0].shared.maxTokens',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'config', 'rateLimiting'],
        { tools: [{ name: 'abc', shared: { refillPeriod: 'abc' } }] },
      ],
    ],
    expected: [
      'spec.config.rateLimiting.tools[0].shared.maxTokens: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.config.rateLimiting.tools[0].shared.refillPeriod',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      ['set', ['spec', 'config', 'rateLimiting'], { tools: [{ name: 'abc', shared: { maxTokens: 1 } }] }],
    ],
    expected: [
      'spec.config.rateLimiting.tools[0].shared.refillPeriod: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.config.rateLimiting.tools[0].shared.maxTokens minimum 1',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'config', 'rateLimiting'],
        { tools: [{ name: 'abc', shared: { maxTokens: 0, refillPeriod: 'abc' } }] },
      ],
    ],
    expected: [
      'spec.config.rateLimiting.tools[0].shared.maxTokens: Invalid value: 0: spec.config.rateLimiting.tools[0].shared.maxTokens in body should be greater than or equal to 1',
      'spec: Invalid value: "object": config.rateLimiting requires sessionStorage with provider \'redis\'',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.config.sessionStorage.provider',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'config', 'sessionStorage'], {}]],
    expected: [
      'spec.config.sessionStorage.provider: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.config.sessionStorage.db minimum 0',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'config', 'sessionStorage'], { provider: 'memory', db: -1 }]],
    expected: [
      'spec.config.sessionStorage.db: Invalid value: -1: spec.config.sessionStorage.db in body should be greater than or equal to 0',
    ],
  },
  {
    name: 'VirtualMCPServer spec.config.sessionStorage.provider enum',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'config', 'sessionStorage'], { provider: 'bogus' }]],
    expected: [
      'spec.config.sessionStorage.provider: Unsupported value: "bogus": supported values: "memory", "redis"',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.embeddingServerRef.name',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'embeddingServerRef'], {}]],
    expected: [
      'spec.embeddingServerRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.groupRef.name',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['delete', ['spec', 'groupRef', 'name']]],
    expected: [
      'spec.groupRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.groupRef.name minLength 1',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'groupRef', 'name'], '']],
    expected: [
      'spec.groupRef.name: Invalid value: "": spec.groupRef.name in body should be at least 1 chars long',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.incomingAuth.type',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['delete', ['spec', 'incomingAuth', 'type']]],
    expected: [
      'spec.incomingAuth.type: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.incomingAuth.authzConfig.type',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'incomingAuth', 'authzConfig'], {}]],
    expected: [
      'spec.incomingAuth.authzConfig: Invalid value: "object": configMap must be set when type is \'configMap\', and must not be set otherwise',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.incomingAuth.authzConfig.configMap.name',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'incomingAuth', 'authzConfig'], { type: 'configMap', configMap: {} }]],
    expected: [
      'spec.incomingAuth.authzConfig.configMap.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.incomingAuth.authzConfig.groupClaimName maxLength 253',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'incomingAuth', 'authzConfig'],
        {
          type: 'configMap',
          groupClaimName:
            'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
        },
      ],
    ],
    expected: [
      'spec.incomingAuth.authzConfig.groupClaimName: Too long: may not be longer than 253',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.incomingAuth.authzConfig.groupEntityType maxLength 63',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'incomingAuth', 'authzConfig'],
        {
          type: 'configMap',
          groupEntityType: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
        },
      ],
    ],
    expected: [
      'spec.incomingAuth.authzConfig.groupEntityType: Too long: may not be longer than 63',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.incomingAuth.authzConfig.groupEntityType pattern',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      ['set', ['spec', 'incomingAuth', 'authzConfig'], { type: 'configMap', groupEntityType: 'not valid!' }],
    ],
    expected: [
      'spec.incomingAuth.authzConfig.groupEntityType: Invalid value: "not valid!": spec.incomingAuth.authzConfig.groupEntityType in body should match \'^[A-Za-z_][A-Za-z0-9_]*$\'',
      'spec.incomingAuth.authzConfig: Invalid value: "object": configMap must be set when type is \'configMap\', and must not be set otherwise',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.incomingAuth.authzConfig.inline.policies',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'incomingAuth', 'authzConfig'], { type: 'configMap', inline: {} }]],
    expected: [
      'spec.incomingAuth.authzConfig.inline.policies: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.incomingAuth.authzConfig.inline.policies minItems 1',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      ['set', ['spec', 'incomingAuth', 'authzConfig'], { type: 'configMap', inline: { policies: [] } }],
    ],
    expected: [
      'spec.incomingAuth.authzConfig.inline.policies: Invalid value: 0: spec.incomingAuth.authzConfig.inline.policies in body should have at least 1 items',
      'spec.incomingAuth.authzConfig: Invalid value: "object": configMap must be set when type is \'configMap\', and must not be set otherwise',
      'spec.incomingAuth.authzConfig: Invalid value: "object": inline must be set when type is \'inline\', and must not be set otherwise',
    ],
  },
  {
    name: 'VirtualMCPServer spec.incomingAuth.authzConfig.inline.primaryUpstreamProvider maxLength 63',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'incomingAuth', 'authzConfig'],
        {
          type: 'configMap',
          inline: {
            policies: ['abc'],
            primaryUpstreamProvider: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
          },
        },
      ],
    ],
    expected: [
      'spec.incomingAuth.authzConfig.inline.primaryUpstreamProvider: Too long: may not be longer than 63',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.incomingAuth.authzConfig.inline.primaryUpstreamProvider minLength 1',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'incomingAuth', 'authzConfig'],
        { type: 'configMap', inline: { policies: ['abc'], primaryUpstreamProvider: '' } },
      ],
    ],
    expected: [
      'spec.incomingAuth.authzConfig.inline.primaryUpstreamProvider: Invalid value: "": spec.incomingAuth.authzConfig.inline.primaryUpstreamProvider in body should be at least 1 chars long',
      'spec.incomingAuth.authzConfig: Invalid value: "object": configMap must be set when type is \'configMap\', and must not be set otherwise',
      'spec.incomingAuth.authzConfig: Invalid value: "object": inline must be set when type is \'inline\', and must not be set otherwise',
    ],
  },
  {
    name: 'VirtualMCPServer spec.incomingAuth.authzConfig.inline.primaryUpstreamProvider pattern',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'incomingAuth', 'authzConfig'],
        { type: 'configMap', inline: { policies: ['abc'], primaryUpstreamProvider: 'not valid!' } },
      ],
    ],
    expected: [
      'spec.incomingAuth.authzConfig.inline.primaryUpstreamProvider: Invalid value: "not valid!": spec.incomingAuth.authzConfig.inline.primaryUpstreamProvider in body should match \'^[a-z0-9]([a-z0-9-]*[a-z0-9])?$\'',
      'spec.incomingAuth.authzConfig: Invalid value: "object": configMap must be set when type is \'configMap\', and must not be set otherwise',
      'spec.incomingAuth.authzConfig: Invalid value: "object": inline must be set when type is \'inline\', and must not be set otherwise',
    ],
  },
  {
    name: 'VirtualMCPServer spec.incomingAuth.authzConfig.roleClaimName maxLength 253',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'incomingAuth', 'authzConfig'],
        {
          type: 'configMap',
          roleClaimName:
            'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
        },
      ],
    ],
    expected: [
      'spec.incomingAuth.authzConfig.roleClaimName: Too long: may not be longer than 253',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.incomingAuth.authzConfig.type enum',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'incomingAuth', 'authzConfig'], { type: 'bogus' }]],
    expected: [
      'spec.incomingAuth.authzConfig.type: Unsupported value: "bogus": supported values: "configMap", "inline"',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.incomingAuth.authzConfigRef.name',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'incomingAuth', 'authzConfigRef'], {}]],
    expected: [
      'spec.incomingAuth.authzConfigRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.incomingAuth.authzConfigRef.name minLength 1',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'incomingAuth', 'authzConfigRef'], { name: '' }]],
    expected: [
      'spec.incomingAuth.authzConfigRef.name: Invalid value: "": spec.incomingAuth.authzConfigRef.name in body should be at least 1 chars long',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.incomingAuth.oidcConfigRef.audience',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'incomingAuth', 'oidcConfigRef'], { name: 'abc' }]],
    expected: [
      'spec.incomingAuth.oidcConfigRef.audience: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.incomingAuth.oidcConfigRef.name',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'incomingAuth', 'oidcConfigRef'], { audience: 'abc' }]],
    expected: [
      'spec.incomingAuth.oidcConfigRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.incomingAuth.oidcConfigRef.audience minLength 1',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'incomingAuth', 'oidcConfigRef'], { audience: '', name: 'abc' }]],
    expected: [
      'spec.incomingAuth.oidcConfigRef.audience: Invalid value: "": spec.incomingAuth.oidcConfigRef.audience in body should be at least 1 chars long',
    ],
  },
  {
    name: 'VirtualMCPServer spec.incomingAuth.oidcConfigRef.name minLength 1',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'incomingAuth', 'oidcConfigRef'], { audience: 'abc', name: '' }]],
    expected: [
      'spec.incomingAuth.oidcConfigRef.name: Invalid value: "": spec.incomingAuth.oidcConfigRef.name in body should be at least 1 chars long',
    ],
  },
  {
    name: 'VirtualMCPServer spec.incomingAuth.type enum',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'incomingAuth', 'type'], 'bogus']],
    expected: ['spec.incomingAuth.type: Unsupported value: "bogus": supported values: "anonymous", "oidc"'],
  },
  {
    name: 'VirtualMCPServer requires spec.outgoingAuth.backends[k].type',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'outgoingAuth'], { backends: { k: {} } }]],
    expected: [
      'spec.outgoingAuth.backends.k.type: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.outgoingAuth.backends[k].externalAuthConfigRef.name',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      [
        'set',
        ['spec', 'outgoingAuth'],
        { backends: { k: { type: 'discovered', externalAuthConfigRef: {} } } },
      ],
    ],
    expected: [
      'spec.outgoingAuth.backends.k.externalAuthConfigRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.outgoingAuth.backends[k].type enum',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'outgoingAuth'], { backends: { k: { type: 'bogus' } } }]],
    expected: [
      'spec.outgoingAuth.backends.k.type: Unsupported value: "bogus": supported values: "discovered", "externalAuthConfigRef"',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.outgoingAuth.default.type',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'outgoingAuth'], { default: {} }]],
    expected: [
      'spec.outgoingAuth.default.type: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.outgoingAuth.default.externalAuthConfigRef.name',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [
      ['set', ['spec', 'outgoingAuth'], { default: { type: 'discovered', externalAuthConfigRef: {} } }],
    ],
    expected: [
      'spec.outgoingAuth.default.externalAuthConfigRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.outgoingAuth.default.type enum',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'outgoingAuth'], { default: { type: 'bogus' } }]],
    expected: [
      'spec.outgoingAuth.default.type: Unsupported value: "bogus": supported values: "discovered", "externalAuthConfigRef"',
    ],
  },
  {
    name: 'VirtualMCPServer spec.outgoingAuth.source enum',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'outgoingAuth'], { source: 'bogus' }]],
    expected: [
      'spec.outgoingAuth.source: Unsupported value: "bogus": supported values: "discovered", "inline"',
    ],
  },
  {
    name: 'VirtualMCPServer spec.replicas minimum 0',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'replicas'], -1]],
    expected: [
      'spec.replicas: Invalid value: -1: spec.replicas in body should be greater than or equal to 0',
    ],
  },
  {
    name: 'VirtualMCPServer spec.serviceType enum',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'serviceType'], 'bogus']],
    expected: [
      'spec.serviceType: Unsupported value: "bogus": supported values: "ClusterIP", "NodePort", "LoadBalancer"',
    ],
  },
  {
    name: 'VirtualMCPServer spec.sessionAffinity enum',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'sessionAffinity'], 'bogus']],
    expected: ['spec.sessionAffinity: Unsupported value: "bogus": supported values: "ClientIP", "None"'],
  },
  {
    name: 'VirtualMCPServer requires spec.sessionStorage.provider',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'sessionStorage'], {}]],
    expected: [
      'spec.sessionStorage.provider: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.sessionStorage.address minLength 1',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'sessionStorage'], { provider: 'memory', address: '' }]],
    expected: [
      'spec.sessionStorage.address: Invalid value: "": spec.sessionStorage.address in body should be at least 1 chars long',
    ],
  },
  {
    name: 'VirtualMCPServer spec.sessionStorage.db minimum 0',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'sessionStorage'], { provider: 'memory', db: -1 }]],
    expected: [
      'spec.sessionStorage.db: Invalid value: -1: spec.sessionStorage.db in body should be greater than or equal to 0',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.sessionStorage.passwordRef.key',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'sessionStorage'], { provider: 'memory', passwordRef: { name: 'abc' } }]],
    expected: [
      'spec.sessionStorage.passwordRef.key: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.sessionStorage.passwordRef.name',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'sessionStorage'], { provider: 'memory', passwordRef: { key: 'abc' } }]],
    expected: [
      'spec.sessionStorage.passwordRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.sessionStorage.provider enum',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'sessionStorage'], { provider: 'bogus' }]],
    expected: [
      'spec.sessionStorage.provider: Unsupported value: "bogus": supported values: "memory", "redis"',
    ],
  },
  {
    name: 'VirtualMCPServer requires spec.telemetryConfigRef.name',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'telemetryConfigRef'], {}]],
    expected: [
      'spec.telemetryConfigRef.name: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ],
  },
  {
    name: 'VirtualMCPServer spec.telemetryConfigRef.name minLength 1',
    base: 'composite-tools/composite-tool-definition.yaml#3',
    patch: [['set', ['spec', 'telemetryConfigRef'], { name: '' }]],
    expected: [
      'spec.telemetryConfigRef.name: Invalid value: "": spec.telemetryConfigRef.name in body should be at least 1 chars long',
    ],
  },
];
