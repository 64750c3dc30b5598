/**
 * Authentication as the Virtual MCP server runtime reads it from its config file
 * (`VirtualMCPServer.spec.config.incomingAuth` / `.outgoingAuth`). These are resolved values:
 * secrets appear as the names of environment variables, never as Kubernetes references. On a
 * cluster the operator overwrites both blocks from `spec.incomingAuth` / `spec.outgoingAuth`;
 * they are written by hand only for a standalone vMCP.
 *
 * ToolHive reuses Go names such as TokenExchangeConfig for these and for the differently shaped
 * MCPExternalAuthConfig blocks, so the TypeScript names here carry a `VirtualMCP` or `Backend`
 * prefix.
 */
import { array, boolean, describe, int32, integer, map, object, req, string } from '../schema/dsl.ts';

const atomicStrings = (description: string) => array(string(), { listType: 'atomic', description });

const oidcConfig = object(
  {
    audience: req(string({ description: 'Audience required in incoming tokens.' })),
    caBundlePath: string({ description: 'PEM CA bundle trusted when talking to the issuer.' }),
    clientId: req(string({ description: 'OAuth client ID of the server.' })),
    clientSecretEnv: string({
      description: 'Environment variable holding the client secret (for introspection).',
    }),
    insecureAllowHttp: boolean({ description: 'Allow a plain-HTTP issuer. Testing only.' }),
    introspectionUrl: string({ description: 'RFC 7662 introspection endpoint, for opaque tokens.' }),
    issuer: req(string({ pattern: '^https?://', description: 'Issuer URL of the identity provider.' })),
    jwksAllowPrivateIp: boolean({ description: 'Allow discovery and JWKS fetches to private addresses.' }),
    jwksUrl: string({ description: 'JWKS URL; skips OIDC discovery when set.' }),
    protectedResourceAllowPrivateIp: boolean({
      description: 'Allow the protected resource endpoint on a private address.',
    }),
    resource: string({
      description: 'RFC 8707 resource advertised to clients (RFC 9728). Empty means audience.',
    }),
    scopes: array(string(), { description: 'Scopes required in incoming tokens.' }),
  },
  { name: 'VirtualMCPOIDCConfig', description: 'Validation of incoming OIDC bearer tokens.' },
);

const authzConfig = object(
  {
    entitiesJson: string({ description: 'Cedar entities as a JSON array. Empty means "[]".' }),
    groupClaimName: string({
      description: 'Claim holding group membership. Empty means the usual claim names.',
    }),
    groupEntityType: string({ description: 'Cedar entity type of groups. Empty means THVGroup.' }),
    policies: array(string(), { description: 'Cedar policies.' }),
    primaryUpstreamProvider: string({
      description: 'Upstream provider of the embedded auth server whose token claims Cedar evaluates.',
    }),
    roleClaimName: string({ description: 'Claim holding role membership.' }),
    type: req(string({ description: 'Authorizer: "cedar" or "none".' })),
  },
  { name: 'VirtualMCPAuthzConfig', description: 'Authorization of MCP requests.' },
);

export const vmcpIncomingAuthConfig = object(
  {
    authz: describe(authzConfig, 'Authorization; absent means every authenticated request is allowed.'),
    oidc: describe(oidcConfig, 'OIDC settings; with type oidc.'),
    type: req(string({ description: 'How clients authenticate: "anonymous", "local" or "oidc".' })),
  },
  {
    name: 'VirtualMCPIncomingAuthConfig',
    description:
      'How MCP clients authenticate to the Virtual MCP server. Replaced by the operator from spec.incomingAuth.',
  },
);

const headerInjection = object(
  {
    headerName: req(string({ description: 'Header to set, e.g. Authorization.' })),
    headerValue: string({ description: 'Literal header value. Set this or headerValueEnv.' }),
    headerValueEnv: string({ description: 'Environment variable holding the header value.' }),
  },
  {
    name: 'BackendHeaderInjectionConfig',
    description: 'A header with a literal or environment-provided value.',
  },
);

const tokenExchange = object(
  {
    audience: string({ description: 'Audience requested for the exchanged token.' }),
    clientId: string({ description: 'OAuth client ID.' }),
    clientSecret: string({ description: 'Client secret in clear text; prefer clientSecretEnv.' }),
    clientSecretEnv: string({ description: 'Environment variable holding the client secret.' }),
    scopes: atomicStrings('Scopes requested for the exchanged token.'),
    subjectProviderName: string({
      description: 'Upstream provider whose token is exchanged instead of the caller token.',
    }),
    subjectTokenType: string({
      description: 'Token type URN of the subject token. Empty means an access token.',
    }),
    tokenUrl: req(string({ description: 'Token endpoint that performs the exchange.' })),
  },
  { name: 'BackendTokenExchangeConfig', description: 'RFC 8693 token exchange.' },
);

const upstreamInject = object(
  {
    providerName: req(
      string({ description: 'Upstream provider of the embedded auth server whose token is sent.' }),
    ),
  },
  {
    name: 'BackendUpstreamInjectConfig',
    description: 'Sends an upstream provider token as Authorization: Bearer.',
  },
);

const roleMapping = object(
  {
    claim: string({ description: 'Value looked for in the role claim. Use this or matcher.' }),
    matcher: string({ description: 'CEL expression over the token claims.' }),
    priority: integer({ description: 'Lower values are tried first.' }),
    roleArn: req(string({ description: 'IAM role assumed when this mapping matches.' })),
  },
  { name: 'BackendRoleMapping', description: 'Chooses an IAM role from the caller token claims.' },
);

const awsSts = object(
  {
    fallbackRoleArn: string({ description: 'IAM role assumed when no mapping matches.' }),
    region: req(string({ description: 'AWS region.' })),
    roleClaim: string({ description: 'Claim the role mappings match on.' }),
    roleMappings: array(roleMapping, { listType: 'atomic', description: 'Claim-based role selection.' }),
    service: string({ description: 'AWS service name for SigV4 signing.' }),
    sessionDuration: int32({ description: 'Lifetime of the STS credentials, in seconds.' }),
    sessionNameClaim: string({ description: 'Claim used as the role session name.' }),
    subjectProviderName: string({ description: 'Upstream provider whose token is the web identity token.' }),
  },
  { name: 'BackendAwsStsConfig', description: 'AWS STS credentials and SigV4 signing.' },
);

const obo = object(
  {
    audience: string({ description: 'Target of the exchanged token.' }),
    cacheSkewSeconds: int32({ description: 'Seconds before expiry at which a cached token is refreshed.' }),
    clientId: string({ description: 'OAuth client ID.' }),
    clientSecret: string({ description: 'Client secret in clear text; prefer clientSecretEnv.' }),
    clientSecretEnv: string({ description: 'Environment variable holding the client secret.' }),
    scopes: atomicStrings('Scopes requested for the exchanged token.'),
    subjectTokenProviderName: string({ description: 'Upstream provider whose token is the assertion.' }),
    tokenUrl: req(string({ description: 'Entra token endpoint.' })),
  },
  { name: 'BackendOBOConfig', description: 'Microsoft Entra On-Behalf-Of exchange.' },
);

const xaa = object(
  {
    idpClientId: string({ description: 'Client ID at the identity provider.' }),
    idpClientSecret: string({ description: 'Client secret at the identity provider in clear text.' }),
    idpClientSecretEnv: string({
      description: 'Environment variable holding the identity provider client secret.',
    }),
    idpTokenUrl: req(string({ description: 'Identity provider token endpoint.' })),
    insecureTargetTokenUrl: boolean({ description: 'Allow a plain-HTTP targetTokenUrl. Testing only.' }),
    scopes: atomicStrings('Scopes requested in both steps.'),
    subjectProviderName: string({ description: 'Upstream provider whose ID token is exchanged.' }),
    subjectTokenType: string({
      description: 'Token type URN of the subject token. Empty means an ID token.',
    }),
    targetAudience: req(string({ description: 'Audience of the ID-JAG.' })),
    targetClientId: string({ description: 'Client ID at the target authorization server.' }),
    targetClientSecret: string({ description: 'Client secret at the target in clear text.' }),
    targetClientSecretEnv: string({ description: 'Environment variable holding the target client secret.' }),
    targetResource: string({ description: 'RFC 8707 resource sent in the first step.' }),
    targetTokenUrl: req(string({ description: 'Target authorization server token endpoint.' })),
  },
  { name: 'BackendXAAConfig', description: 'Cross-App Access (ID-JAG) two-step exchange.' },
);

export const backendAuthStrategy = object(
  {
    awsSts: describe(awsSts, 'With type aws_sts.'),
    headerInjection: describe(headerInjection, 'With type header_injection.'),
    obo: describe(obo, 'With type obo.'),
    tokenExchange: describe(tokenExchange, 'With type token_exchange.'),
    type: req(
      string({
        description:
          'Strategy: unauthenticated, header_injection, token_exchange, upstream_inject, aws_sts, obo or xaa.',
      }),
    ),
    upstreamInject: describe(upstreamInject, 'With type upstream_inject.'),
    xaa: describe(xaa, 'With type xaa.'),
  },
  { name: 'BackendAuthStrategy', description: 'How the Virtual MCP server authenticates to one backend.' },
);

export const vmcpOutgoingAuthConfig = object(
  {
    backends: map(backendAuthStrategy, { description: 'Strategies by backend name, overriding default.' }),
    default: describe(backendAuthStrategy, 'Strategy for backends without an entry in backends.'),
    source: req(
      string({ description: '"discovered" (from each backend resource) or "inline" (this block).' }),
    ),
  },
  {
    name: 'VirtualMCPOutgoingAuthConfig',
    description:
      'How the Virtual MCP server authenticates to its backends. Replaced by the operator from spec.outgoingAuth.',
  },
);
