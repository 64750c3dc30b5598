/** Inline or ConfigMap-backed Cedar authorization for one workload (`authzConfig`). */
import { array, describe, object, req, rule, string } from '../../schema/dsl.ts';

export const AUTHZ_EXCLUSIVE_RULE = rule(
  '!(has(self.authzConfig) && has(self.authzConfigRef))',
  'authzConfig and authzConfigRef are mutually exclusive; use authzConfigRef to reference a shared MCPAuthzConfig',
);

const configMapAuthzRef = object(
  {
    key: string({
      default: 'authz.json',
      description: 'Key of the ConfigMap holding the authorization config.',
    }),
    name: req(string({ description: 'Name of the ConfigMap.' })),
  },
  { name: 'ConfigMapAuthzRef', description: 'A ConfigMap holding an authorization config.' },
);

const inlineAuthzConfig = object(
  {
    entitiesJson: string({
      default: '[]',
      description: 'Cedar entities as a JSON array, available to every policy evaluation.',
    }),
    policies: req(
      array(string(), { minItems: 1, listType: 'atomic', description: 'Cedar policies, one per entry.' }),
    ),
    primaryUpstreamProvider: string({
      minLength: 1,
      maxLength: 63,
      pattern: '^[a-z0-9]([a-z0-9-]*[a-z0-9])?$',
      description:
        'Deprecated. Upstream identity provider whose token claims Cedar evaluates. Has no effect on ' +
        'MCPServer and MCPRemoteProxy; on VirtualMCPServer use spec.authServerConfig.primaryUpstreamProvider.',
    }),
  },
  { name: 'InlineAuthzConfig', description: 'Cedar policies written in the resource itself.' },
);

export const authzConfig = object(
  {
    configMap: describe(configMapAuthzRef, 'ConfigMap holding the config; only with type configMap.'),
    groupClaimName: string({
      maxLength: 253,
      description: "JWT claim holding the caller's groups. Empty means the usual claim names are tried.",
    }),
    groupEntityType: string({
      maxLength: 63,
      pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
      description: 'Cedar entity type of group principals. Empty means THVGroup.',
    }),
    inline: describe(inlineAuthzConfig, 'Policies written inline; only with type inline.'),
    roleClaimName: string({ maxLength: 253, description: "JWT claim holding the caller's roles." }),
    type: req(
      string({
        default: 'configMap',
        enum: ['configMap', 'inline'],
        description: 'Where the authorization config comes from.',
      }),
    ),
  },
  {
    name: 'AuthzConfigRef',
    description: 'Cedar authorization for this workload, inline or from a ConfigMap.',
    validations: [
      rule(
        "self.type == 'configMap' ? has(self.configMap) : !has(self.configMap)",
        "configMap must be set when type is 'configMap', and must not be set otherwise",
      ),
      rule(
        "self.type == 'inline' ? has(self.inline) : !has(self.inline)",
        "inline must be set when type is 'inline', and must not be set otherwise",
      ),
    ],
  },
);
