/**
 * MCPExternalAuthConfig: how a workload authenticates to what sits behind it (token exchange,
 * a header or bearer token from a Secret, AWS STS, an upstream token, Entra OBO, XAA), or, with
 * type embeddedAuthServer, the OAuth server that authenticates MCP clients in front of it.
 * `spec.type` picks the variant; exactly the matching sub-object may be set.
 */
import { array, boolean, describe, int32, object, req, rule, string } from '../schema/dsl.ts';
import { AGE_COLUMN, betaWithAlphaAlias, type KindDefinition } from '../schema/kind.ts';
import { secretKeyRef } from './shared/core.ts';
import { DNS_LABEL_PATTERN, embeddedAuthServerConfig } from './shared/embedded-auth-server.ts';
import { configKindStatus } from './shared/status.ts';
import { VALID_CONDITION_COLUMN } from './shared/workload.ts';

/** Values of `spec.type`, in ToolHive's order. */
export const EXTERNAL_AUTH_TYPES = [
  'tokenExchange',
  'headerInjection',
  'bearerToken',
  'unauthenticated',
  'embeddedAuthServer',
  'awsSts',
  'upstreamInject',
  'obo',
  'xaa',
] as const;

/** The sub-object field of each type that has one, in the order ToolHive checks them. */
const CONFIG_FIELDS = [
  'tokenExchange',
  'headerInjection',
  'bearerToken',
  'embeddedAuthServer',
  'awsSts',
  'upstreamInject',
  'obo',
  'xaa',
] as const;

const IAM_ROLE_ARN_PATTERN = String.raw`^arn:(aws|aws-cn|aws-us-gov):iam::\d{12}:role/[\w+=,.@\-_/]+$`;

const tokenExchangeConfig = object(
  {
    audience: req(string({ description: 'Audience requested for the exchanged token.' })),
    clientId: string({ description: 'OAuth client ID; some flows (e.g. GCP Workforce Identity) need none.' }),
    clientSecretRef: describe(secretKeyRef, 'Secret key holding the OAuth client secret.'),
    externalTokenHeaderName: string({
      description:
        'Header that carries the exchanged token (e.g. X-Upstream-Token). Empty replaces Authorization.',
    }),
    scopes: array(string(), { listType: 'atomic', description: 'Scopes requested for the exchanged token.' }),
    subjectProviderName: string({
      description:
        'Upstream provider of an embedded auth server whose token is exchanged instead of the caller token. ' +
        'On a VirtualMCPServer with an embedded auth server, empty means its first upstream.',
    }),
    subjectTokenType: string({
      pattern: '^(access_token|id_token|jwt|urn:ietf:params:oauth:token-type:(access_token|id_token|jwt))?$',
      description: 'Type of the subject token, short (id_token) or as a URN. Empty means access_token.',
    }),
    tokenUrl: req(string({ description: 'Token endpoint that performs the exchange.' })),
  },
  {
    name: 'TokenExchangeConfig',
    description: 'RFC 8693 token exchange of the caller token for a backend token.',
  },
);

const headerInjectionConfig = object(
  {
    headerName: req(string({ minLength: 1, description: 'HTTP header to set (e.g. X-API-Key).' })),
    valueSecretRef: req(describe(secretKeyRef, 'Secret key holding the header value.')),
  },
  { name: 'HeaderInjectionConfig', description: 'A header whose value comes from a Secret.' },
);

const bearerTokenConfig = object(
  { tokenSecretRef: req(describe(secretKeyRef, 'Secret key holding the token.')) },
  { name: 'BearerTokenConfig', description: 'A static bearer token from a Secret, sent as Authorization.' },
);

const roleMapping = object(
  {
    claim: string({
      minLength: 1,
      description: 'Value looked for in the roleClaim claim (e.g. a group name). Use this or matcher.',
    }),
    matcher: string({
      minLength: 1,
      description: 'CEL expression over the token claims ("claims"), e.g. "admins" in claims["groups"].',
    }),
    priority: int32({
      minimum: 0,
      description: 'Lower values are tried first. Absent means last, in list order.',
    }),
    roleArn: req(
      string({ pattern: IAM_ROLE_ARN_PATTERN, description: 'IAM role assumed when this mapping matches.' }),
    ),
  },
  { name: 'RoleMapping', description: 'Chooses an IAM role from the caller token claims.' },
);

const awsStsConfig = object(
  {
    fallbackRoleArn: string({
      pattern: IAM_ROLE_ARN_PATTERN,
      description: 'IAM role assumed when no mapping matches. Set this, roleMappings, or both.',
    }),
    region: req(
      string({
        minLength: 1,
        pattern: String.raw`^[a-z]{2}(-[a-z]+)+-\d+$`,
        description: 'AWS region, e.g. us-east-1.',
      }),
    ),
    roleClaim: string({
      default: 'groups',
      description: 'Claim the roleMappings claim values are matched in.',
    }),
    roleMappings: array(roleMapping, {
      listType: 'atomic',
      description: 'Claim-based role selection; the first match by priority wins.',
    }),
    service: string({ default: 'aws-mcp', description: 'AWS service name used for SigV4 signing.' }),
    sessionDuration: int32({
      default: 3600,
      minimum: 900,
      maximum: 43200,
      description: 'Lifetime of the STS credentials, in seconds.',
    }),
    sessionNameClaim: string({ default: 'sub', description: 'Claim used as the role session name.' }),
    subjectProviderName: string({
      description:
        'Upstream provider whose token is the web identity token (VirtualMCPServer). Empty means the first ' +
        'upstream of an embedded auth server, or the caller token when there is none.',
    }),
  },
  {
    name: 'AWSStsConfig',
    description:
      'Exchanges the caller token for AWS credentials (AssumeRoleWithWebIdentity) and signs requests with SigV4.',
  },
);

const upstreamInjectSpec = object(
  {
    providerName: req(
      string({
        minLength: 1,
        description: 'Upstream provider of the embedded auth server whose token is injected.',
      }),
    ),
  },
  {
    name: 'UpstreamInjectSpec',
    description:
      'Sends the access token the embedded auth server got from an upstream provider as Authorization: Bearer.',
  },
);

const oboConfig = object(
  {
    audience: string({ description: 'Target of the exchanged token, used when scopes is empty.' }),
    authority: string({
      pattern: String.raw`^https://[^\s?#@]+[^/\s?#@]$`,
      description: 'Entra login host for sovereign clouds. Empty means the public cloud login host.',
    }),
    cacheSkew: string({ description: 'How long before expiry a cached token is refreshed, as a duration.' }),
    clientId: string({ description: 'Application (client) ID of the confidential client.' }),
    clientSecretRef: describe(secretKeyRef, 'Secret key holding the client secret.'),
    scopes: array(string({ minLength: 1, maxLength: 256 }), {
      maxItems: 20,
      listType: 'atomic',
      description: 'Delegated scopes to request (e.g. api://backend/.default); win over audience.',
    }),
    subjectTokenProviderName: string({
      minLength: 1,
      maxLength: 63,
      pattern: DNS_LABEL_PATTERN,
      description: 'Upstream provider whose token is the assertion. Empty means the caller token.',
    }),
    tenantId: string({
      maxLength: 253,
      pattern:
        '^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)+[a-zA-Z]{2,})$',
      description: 'Entra tenant, as a directory GUID or a verified domain.',
    }),
  },
  {
    name: 'OBOConfig',
    description:
      'Microsoft Entra On-Behalf-Of exchange. Every field is optional in the schema; builds without an OBO ' +
      'handler report Valid=False with reason EnterpriseRequired.',
  },
);

const xaaSpec = object(
  {
    idpClientId: string({ description: 'Client ID at the identity provider.' }),
    idpClientSecretRef: describe(
      secretKeyRef,
      'Secret key holding the client secret at the identity provider.',
    ),
    idpTokenUrl: req(
      string({
        pattern: '^https://.*$',
        description: 'Identity provider token endpoint that issues the ID-JAG.',
      }),
    ),
    insecureTargetTokenUrl: boolean({ description: 'Allow a plain-HTTP targetTokenUrl. Testing only.' }),
    scopes: array(string(), { listType: 'atomic', description: 'Scopes requested in both steps.' }),
    subjectProviderName: string({
      description: 'Upstream provider whose ID token is exchanged. Empty means the first upstream.',
    }),
    subjectTokenType: string({
      enum: ['urn:ietf:params:oauth:token-type:id_token'],
      description: 'Token type of the subject token. Empty means an ID token, the only type supported.',
    }),
    targetAudience: req(string({ description: 'Audience of the ID-JAG: the target authorization server.' })),
    targetClientId: string({ description: 'Client ID at the target authorization server.' }),
    targetClientSecretRef: describe(
      secretKeyRef,
      'Secret key holding the client secret at the target authorization server.',
    ),
    targetResource: string({
      description: 'RFC 8707 resource sent in the first step; for MCP backends, the server URL.',
    }),
    targetTokenUrl: req(
      string({ description: 'Target authorization server token endpoint (JWT-bearer grant).' }),
    ),
  },
  {
    name: 'XAASpec',
    description:
      'Cross-App Access (ID-JAG): the ID token is exchanged at the identity provider for an assertion, which ' +
      'the target authorization server exchanges for an access token.',
  },
);

const configMatchesType = CONFIG_FIELDS.map((field) =>
  rule(
    `self.type == '${field}' ? has(self.${field}) : !has(self.${field})`,
    `${field} configuration must be set if and only if type is '${field}'`,
  ),
);

const nothingWhenUnauthenticated = rule(
  `self.type == 'unauthenticated' ? (${CONFIG_FIELDS.map((f) => `!has(self.${f})`).join(' && ')}) : true`,
  "no configuration must be set when type is 'unauthenticated'",
);

export const mcpExternalAuthConfigKind: KindDefinition = {
  kind: 'MCPExternalAuthConfig',
  listKind: 'MCPExternalAuthConfigList',
  plural: 'mcpexternalauthconfigs',
  singular: 'mcpexternalauthconfig',
  shortNames: ['extauth', 'mcpextauth'],
  categories: ['toolhive'],
  versions: betaWithAlphaAlias({
    kind: 'MCPExternalAuthConfig',
    description:
      'MCPExternalAuthConfig describes how a workload authenticates to its backend, or the embedded OAuth ' +
      'server that authenticates its clients. Only workloads in the same namespace can reference it.',
  }),
  printerColumns: [
    { name: 'Type', type: 'string', jsonPath: '.spec.type' },
    VALID_CONDITION_COLUMN,
    AGE_COLUMN,
  ],
  spec: object(
    {
      awsSts: describe(awsStsConfig, 'AWS STS settings; only with type awsSts.'),
      bearerToken: describe(bearerTokenConfig, 'Bearer token settings; only with type bearerToken.'),
      embeddedAuthServer: describe(
        embeddedAuthServerConfig,
        'Embedded authorization server settings; only with type embeddedAuthServer.',
      ),
      headerInjection: describe(headerInjectionConfig, 'Header settings; only with type headerInjection.'),
      obo: describe(oboConfig, 'On-Behalf-Of settings; only with type obo.'),
      tokenExchange: describe(tokenExchangeConfig, 'Token exchange settings; only with type tokenExchange.'),
      type: req(
        string({
          enum: EXTERNAL_AUTH_TYPES,
          description:
            'Which kind of authentication this is. unauthenticated sends requests without credentials and ' +
            'takes no settings.',
        }),
      ),
      upstreamInject: describe(upstreamInjectSpec, 'Upstream token settings; only with type upstreamInject.'),
      xaa: describe(xaaSpec, 'Cross-App Access settings; only with type xaa.'),
    },
    {
      name: 'MCPExternalAuthConfigSpec',
      description: 'Desired state of an MCPExternalAuthConfig: a type and the settings of that type.',
      validations: [...configMatchesType, nothingWhenUnauthenticated],
    },
  ),
  status: configKindStatus('MCPExternalAuthConfigStatus', 'MCPExternalAuthConfig'),
};
