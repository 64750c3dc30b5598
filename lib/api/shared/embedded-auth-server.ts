/**
 * The embedded OAuth 2.0 / OIDC authorization server (`EmbeddedAuthServerConfig`). It issues
 * ToolHive's own tokens to MCP clients and sends users through one or more upstream identity
 * providers to log in. The very same schema, CEL rules included, appears twice:
 * `MCPExternalAuthConfig.spec.embeddedAuthServer` (used by MCPServer and MCPRemoteProxy through
 * `authServerRef`, one upstream) and `VirtualMCPServer.spec.authServerConfig` (many upstreams).
 */
import {
  array,
  boolean,
  describe,
  int32,
  integer,
  map,
  object,
  req,
  rule,
  string,
} from '../../schema/dsl.ts';
import { secretKeyRef } from './core.ts';
import { duration } from './duration.ts';

/** A lowercase DNS label, the shape of upstream provider names. */
export const DNS_LABEL_PATTERN = '^[a-z0-9]([a-z0-9-]*[a-z0-9])?$';

/** An http(s) URL without query, fragment or trailing slash (an RFC 8414 issuer). */
const ISSUER_URL_PATTERN = String.raw`^https?://[^\s?#]+[^/\s?#]$`;
const HTTPS_URL_WITHOUT_TRAILING_SLASH = String.raw`^https://[^\s?#]+[^/\s?#]$`;
const HTTP_URL_PATTERN = '^https?://.*$';
const ABSOLUTE_URL_PATTERN = '^https?://[^[:space:]]+$';

function stringList(description: string) {
  return array(string(), { listType: 'atomic', description });
}

/** `[]string` whose items are bounded in length. */
function boundedStrings(
  description: string,
  item: { minLength?: number; maxLength?: number; pattern?: string },
  bounds: { minItems?: number; maxItems?: number },
) {
  return array(string(item), { listType: 'atomic', description, ...bounds });
}

// ---- upstream identity providers ------------------------------------------------------------

const userInfoFieldMapping = object(
  {
    emailFields: stringList('Claims to try, in order, for the email address. Empty means ["email"].'),
    nameFields: stringList('Claims to try, in order, for the display name. Empty means ["name"].'),
    subjectFields: stringList('Claims to try, in order, for the user ID. Empty means ["sub"].'),
  },
  {
    name: 'UserInfoFieldMapping',
    description:
      'Maps a non-standard userinfo response onto subject, name and email; the first non-empty claim wins.',
  },
);

const userInfoConfig = object(
  {
    additionalHeaders: map(string(), {
      description: 'Extra headers sent with the userinfo request (e.g. an Accept header GitHub needs).',
    }),
    endpointUrl: req(string({ pattern: HTTP_URL_PATTERN, description: 'URL of the userinfo endpoint.' })),
    fieldMapping: describe(
      userInfoFieldMapping,
      'Where to find subject, name and email in the response. Absent means the standard OIDC claims.',
    ),
    httpMethod: string({
      enum: ['GET', 'POST'],
      description: 'HTTP method of the userinfo request. Empty means GET.',
    }),
  },
  { name: 'UserInfoConfig', description: 'How to fetch the logged-in user from the upstream provider.' },
);

const oidcUpstreamConfig = object(
  {
    additionalAuthorizationParams: map(string(), {
      maxProperties: 16,
      description:
        'Extra query parameters for the authorization request (e.g. access_type=offline for Google). ' +
        'Parameters the flow sets itself (client_id, scope, state, nonce, PKCE, …) are rejected at reconcile.',
    }),
    clientId: req(string({ description: 'Client ID registered with the upstream provider.' })),
    clientSecretRef: describe(
      secretKeyRef,
      'Secret key holding the client secret. Omit for public clients that rely on PKCE.',
    ),
    issuerUrl: req(
      string({
        pattern: '^https://.*$',
        description: 'HTTPS issuer URL; the endpoints are found through OIDC discovery.',
      }),
    ),
    redirectUri: string({
      description: 'Callback URL the provider redirects to. Empty means <resource URL>/oauth/callback.',
    }),
    scopes: stringList(
      'Scopes to request. Empty means ["openid", "offline_access"]; set them explicitly when a ' +
        'provider-specific parameter already asks for refresh tokens.',
    ),
    subjectClaim: string({
      maxLength: 128,
      pattern: '^([a-zA-Z_][a-zA-Z0-9_]*)?$',
      description:
        'ID-token claim used as the stable user ID. Empty means "sub"; use "oid" for Entra ID, whose ' +
        '"sub" differs per application. Changing it re-keys existing users.',
    }),
    userInfoOverride: describe(
      userInfoConfig,
      'Overrides the discovered userinfo endpoint, method or claim names.',
    ),
  },
  { name: 'OIDCUpstreamConfig', description: 'An OpenID Connect provider, configured through discovery.' },
);

const dcrUpstreamConfig = object(
  {
    discoveryUrl: string({
      maxLength: 2048,
      pattern: HTTPS_URL_WITHOUT_TRAILING_SLASH,
      description: 'RFC 8414 / OIDC discovery document to read the registration endpoint from.',
    }),
    initialAccessTokenRef: describe(
      secretKeyRef,
      'Secret key holding an RFC 7591 initial access token, sent as a bearer token when registering.',
    ),
    registrationEndpoint: string({
      maxLength: 2048,
      pattern: HTTPS_URL_WITHOUT_TRAILING_SLASH,
      description: 'Registration endpoint used directly, without discovery; then set explicit scopes.',
    }),
    softwareId: string({ maxLength: 255, description: 'RFC 7591 software_id sent with the registration.' }),
    softwareStatement: string({
      maxLength: 16384,
      description:
        'RFC 7591 software_statement JWT sent with the registration. Stored in the resource in clear text, ' +
        'so it must not be a secret.',
    }),
  },
  {
    name: 'DCRUpstreamConfig',
    description:
      'Dynamic Client Registration (RFC 7591) with the upstream: the client is registered at run time.',
    validations: [
      rule(
        'has(self.discoveryUrl) != has(self.registrationEndpoint)',
        'exactly one of discoveryUrl or registrationEndpoint must be set',
      ),
    ],
  },
);

const identityPath = (what: string) =>
  string({
    minLength: 1,
    maxLength: 256,
    description: `Dot-notation path to the ${what} in the token response; omitted when it does not resolve to a string.`,
  });

const identityFromTokenConfig = object(
  {
    emailPath: identityPath('email address'),
    namePath: identityPath('display name'),
    subjectPath: req(
      string({
        minLength: 1,
        maxLength: 256,
        description:
          'Dot-notation path to the user ID in the token response (e.g. "authed_user.id"); ' +
          '"access_token|@upstreamjwt|sub" reads a claim of a JWT access token without verifying it.',
      }),
    ),
  },
  {
    name: 'IdentityFromTokenConfig',
    description:
      'Reads the user from the token response instead of calling a userinfo endpoint. The values are ' +
      'trusted through TLS only, not signed.',
  },
);

const tokenResponseMapping = object(
  {
    accessTokenPath: req(
      string({
        minLength: 1,
        description: 'Dot-notation path to the access token (e.g. "authed_user.access_token").',
      }),
    ),
    expiresInPath: string({ description: 'Path to expires_in, in seconds. Empty means "expires_in".' }),
    refreshTokenPath: string({ description: 'Path to the refresh token. Empty means "refresh_token".' }),
    scopePath: string({ description: 'Path to the granted scopes. Empty means "scope".' }),
  },
  {
    name: 'TokenResponseMapping',
    description: 'Where a provider with a non-standard token response (e.g. GovSlack) puts the token fields.',
  },
);

const oauth2UpstreamConfig = object(
  {
    additionalAuthorizationParams: map(string(), {
      maxProperties: 16,
      description:
        'Extra query parameters for the authorization request. Parameters the flow sets itself are ' +
        'rejected at reconcile.',
    }),
    allowPrivateIPs: boolean({
      description:
        'Allow connections to private and link-local addresses, for a provider inside the cluster.',
    }),
    authorizationEndpoint: req(
      string({ pattern: HTTP_URL_PATTERN, description: 'URL of the authorization endpoint.' }),
    ),
    clientId: string({
      description: 'Client ID registered with the provider. Exactly one of clientId and dcrConfig is set.',
    }),
    clientSecretRef: describe(
      secretKeyRef,
      'Secret key holding the client secret. Omit for PKCE public clients; not allowed with dcrConfig.',
    ),
    dcrConfig: describe(
      dcrUpstreamConfig,
      'Register the client dynamically instead of using a pre-registered clientId.',
    ),
    identityFromToken: describe(
      identityFromTokenConfig,
      'Read the user from the token response and skip the userinfo call.',
    ),
    insecureAllowHTTP: boolean({
      description: 'Allow plain-HTTP authorization and token endpoints. Development clusters only.',
    }),
    redirectUri: string({
      description: 'Callback URL the provider redirects to. Empty means <resource URL>/oauth/callback.',
    }),
    scopes: stringList('Scopes to request from the provider.'),
    tokenEndpoint: req(string({ pattern: HTTP_URL_PATTERN, description: 'URL of the token endpoint.' })),
    tokenResponseMapping: describe(
      tokenResponseMapping,
      'Where to find the token fields in a non-standard token response.',
    ),
    userInfo: describe(
      userInfoConfig,
      'How to fetch the user. Without userInfo and identityFromToken, a subject is derived from the ' +
        'access token and the user has no name or email.',
    ),
  },
  {
    name: 'OAuth2UpstreamConfig',
    description: 'A plain OAuth 2.0 provider with explicitly configured endpoints.',
    validations: [
      rule(
        '(has(self.clientId) && size(self.clientId) > 0) ? !has(self.dcrConfig) : has(self.dcrConfig)',
        'exactly one of clientId or dcrConfig must be set',
      ),
      rule(
        '!(has(self.dcrConfig) && has(self.clientSecretRef))',
        'clientSecretRef must not be set when dcrConfig is set; the client_secret is obtained at runtime via Dynamic Client Registration',
      ),
    ],
  },
);

const upstreamProviderConfig = object(
  {
    name: req(
      string({
        minLength: 1,
        maxLength: 63,
        pattern: DNS_LABEL_PATTERN,
        description:
          'Unique name of the provider (a DNS label). Outgoing auth strategies refer to it to pick whose token to use.',
      }),
    ),
    oauth2Config: describe(oauth2UpstreamConfig, 'Settings of an oauth2 provider; only with type oauth2.'),
    oidcConfig: describe(oidcUpstreamConfig, 'Settings of an oidc provider; only with type oidc.'),
    type: req(string({ enum: ['oidc', 'oauth2'], description: 'Kind of provider.' })),
  },
  {
    name: 'UpstreamProviderConfig',
    description: 'An identity provider users log in with.',
    validations: [
      rule(
        "self.type == 'oidc' ? (has(self.oidcConfig) && !has(self.oauth2Config)) : self.type == 'oauth2' ? (has(self.oauth2Config) && !has(self.oidcConfig)) : false",
        "type must be 'oidc' or 'oauth2'; oidcConfig must be set when type is 'oidc' and oauth2Config must be set when type is 'oauth2' (and the other must not be set)",
      ),
    ],
  },
);

// ---- token exchange delegation --------------------------------------------------------------

const delegateClientConfig = object(
  {
    audiences: req(
      boundedStrings(
        'RFC 8707 resources this client may request tokens for.',
        { minLength: 1, maxLength: 2048 },
        { minItems: 1, maxItems: 10 },
      ),
    ),
    clientId: req(
      string({ minLength: 1, maxLength: 256, description: 'client_id presented at the token endpoint.' }),
    ),
    clientSecretRef: req(describe(secretKeyRef, 'Secret key holding the client secret.')),
    scopes: req(
      boundedStrings(
        'Scopes this client may request.',
        { minLength: 1, maxLength: 256 },
        { minItems: 1, maxItems: 10 },
      ),
    ),
  },
  {
    name: 'DelegateClientConfig',
    description: 'A pre-registered confidential client allowed to use RFC 8693 token exchange.',
    validations: [
      rule(
        'has(self.clientSecretRef) && size(self.clientSecretRef.name) > 0 && size(self.clientSecretRef.key) > 0',
        'clientSecretRef.name and clientSecretRef.key are required and must be non-empty',
      ),
    ],
  },
);

const absoluteUrls = (description: string, bounds: { minItems?: number; maxItems?: number }) =>
  boundedStrings(description, { minLength: 1, maxLength: 2048, pattern: ABSOLUTE_URL_PATTERN }, bounds);

const jwtBearerSubjectBinding = object(
  {
    allowedResources: req(
      absoluteUrls('RFC 8707 resources this subject may request, matched exactly.', {
        minItems: 1,
        maxItems: 50,
      }),
    ),
    subject: req(
      string({
        minLength: 1,
        maxLength: 256,
        pattern: '^[^*]+$',
        description: 'Exact "sub" of the assertion; wildcards are not supported.',
      }),
    ),
  },
  { name: 'JWTBearerSubjectBinding', description: 'One assertion subject and the resources it may request.' },
);

const jwtBearerGrantConfig = object(
  {
    acceptedAudiences: absoluteUrls('Audiences accepted in assertions. Empty means the token endpoint.', {
      maxItems: 50,
    }),
    maxAssertionAge: req(
      string({ description: 'Longest allowed exp - iat of an assertion, as a duration (e.g. "5m").' }),
    ),
    subjectBindings: req(
      array(jwtBearerSubjectBinding, {
        minItems: 1,
        maxItems: 50,
        listType: 'atomic',
        description: 'Subjects allowed to use the grant; each subject appears once.',
      }),
    ),
  },
  {
    name: 'JWTBearerGrantConfig',
    description: 'Accept RFC 7523 JWT-bearer assertions from this issuer.',
    validations: [
      rule("duration(self.maxAssertionAge) > duration('0s')", 'maxAssertionAge must be greater than zero'),
      rule(
        'self.subjectBindings.all(binding, self.subjectBindings.filter(other, other.subject == binding.subject).size() == 1)',
        'subjectBindings must not contain duplicate subjects',
      ),
    ],
  },
);

const trustedIssuerConfig = object(
  {
    actorClaim: string({
      maxLength: 64,
      description:
        'Claim naming the client that obtained the subject token. Empty means "azp"; "client_id" reads ' +
        'the client_id claim.',
    }),
    actorMatcher: string({
      maxLength: 4096,
      description: 'CEL expression over the verified token claims ("claims") that authorizes actors.',
    }),
    allowMayAct: boolean({
      default: false,
      description:
        "Let this issuer's may_act claim authorize delegation (bypasses allowedActors and actorMatcher).",
    }),
    allowPrivateIPs: boolean({
      description: 'Allow discovery and JWKS fetches to private addresses; needs an explicit jwksUrl.',
    }),
    allowedActors: boundedStrings(
      'actorClaim values allowed to exchange tokens from this issuer.',
      { minLength: 1, maxLength: 256 },
      { maxItems: 50 },
    ),
    allowedDelegateClients: boundedStrings(
      'ToolHive client IDs that may exchange tokens from this issuer; ["*"] allows any delegate client.',
      { minLength: 1, maxLength: 256 },
      { minItems: 1, maxItems: 50 },
    ),
    expectedAudience: string({
      minLength: 1,
      maxLength: 2048,
      description: 'Audience a subject token must carry. Not used for JWT-bearer assertions.',
    }),
    insecureAllowHTTP: boolean({
      description: 'Allow plain-HTTP discovery and JWKS for this issuer. Testing only.',
    }),
    issuerUrl: req(string({ minLength: 1, maxLength: 2048, description: 'Exact "iss" of accepted tokens.' })),
    jwksUrl: string({
      maxLength: 2048,
      description: 'JWKS URL. Empty means it is found through OIDC discovery.',
    }),
    jwtBearerGrant: describe(
      jwtBearerGrantConfig,
      'Also accept RFC 7523 JWT-bearer assertions from this issuer.',
    ),
  },
  {
    name: 'TrustedIssuerConfig',
    description:
      'An external issuer whose tokens are accepted as subject tokens or assertions in token exchange.',
    validations: [
      rule(
        "!has(self.allowedDelegateClients) || !('*' in self.allowedDelegateClients) || size(self.allowedDelegateClients) == 1",
        'allowedDelegateClients must not combine the wildcard "*" with specific client IDs',
      ),
      rule(
        "!(has(self.allowMayAct) && self.allowMayAct && '*' in self.allowedDelegateClients)",
        'allowMayAct must not be enabled when allowedDelegateClients contains the wildcard "*"',
      ),
      rule(
        "!has(self.actorClaim) || !(self.actorClaim in ['sub', 'iss', 'aud', 'exp', 'iat', 'nbf', 'jti', 'name', 'email', 'scope', 'scp', 'may_act'])",
        'actorClaim must name a readable claim; use client_id or a non-reserved claim such as azp, appid, or cid',
      ),
      rule(
        '!(has(self.allowPrivateIPs) && self.allowPrivateIPs) || (has(self.jwksUrl) && self.jwksUrl != "")',
        'allowPrivateIPs requires jwksUrl to be set explicitly',
      ),
      rule(
        '(has(self.jwtBearerGrant) && !((has(self.actorClaim) && size(self.actorClaim) > 0) || (has(self.actorMatcher) && size(self.actorMatcher) > 0) || (has(self.allowMayAct) && self.allowMayAct) || (has(self.allowedActors) && size(self.allowedActors) > 0))) || (has(self.expectedAudience) && size(self.expectedAudience) > 0)',
        'expectedAudience is required unless jwtBearerGrant is configured without actorClaim, actorMatcher, allowMayAct, or allowedActors',
      ),
      rule(
        '!((has(self.expectedAudience) && size(self.expectedAudience) > 0) || (has(self.actorClaim) && size(self.actorClaim) > 0) || (has(self.actorMatcher) && size(self.actorMatcher) > 0) || (has(self.allowMayAct) && self.allowMayAct)) || (has(self.allowedDelegateClients) && size(self.allowedDelegateClients) > 0)',
        'allowedDelegateClients is required when expectedAudience, actorClaim, actorMatcher, or allowMayAct is set',
      ),
    ],
  },
);

// ---- storage --------------------------------------------------------------------------------

const redisTLSConfig = object(
  {
    caCertSecretRef: describe(
      secretKeyRef,
      'Secret key holding a PEM CA certificate. Absent means the system roots.',
    ),
    insecureSkipVerify: boolean({ description: 'Skip certificate verification (self-signed certificates).' }),
  },
  { name: 'RedisTLSConfig', description: 'TLS for a Redis connection; present means TLS is on.' },
);

const sentinelServiceRef = object(
  {
    name: req(string({ description: 'Name of the Sentinel Service.' })),
    namespace: string({
      description: 'Namespace of the Service. Empty means the namespace of this resource.',
    }),
    port: int32({ default: 26379, description: 'Sentinel port of the Service.' }),
  },
  { name: 'SentinelServiceRef', description: 'A Kubernetes Service whose endpoints are the Sentinels.' },
);

const redisSentinelConfig = object(
  {
    db: int32({ default: 0, description: 'Redis database number.' }),
    masterName: req(string({ description: 'Name of the master the Sentinels monitor.' })),
    sentinelAddrs: stringList('Sentinel host:port addresses. Use this or sentinelService.'),
    sentinelService: describe(
      sentinelServiceRef,
      'Discover the Sentinels from a Service. Use this or sentinelAddrs.',
    ),
  },
  { name: 'RedisSentinelConfig', description: 'A Redis master found through Sentinel.' },
);

const redisACLUserConfig = object(
  {
    passwordSecretRef: req(describe(secretKeyRef, 'Secret key holding the Redis password.')),
    usernameSecretRef: describe(
      secretKeyRef,
      'Secret key holding the ACL user name. Omit for password-only AUTH (managed tiers without ACL users).',
    ),
  },
  { name: 'RedisACLUserConfig', description: 'Credentials for Redis.' },
);

const redisStorageConfig = object(
  {
    aclUserConfig: req(describe(redisACLUserConfig, 'Credentials for Redis.')),
    addr: string({ description: 'host:port of a standalone Redis or a cluster discovery endpoint.' }),
    clusterMode: boolean({ description: 'Speak the Redis Cluster protocol to addr.' }),
    dialTimeout: duration({ default: '5s', description: 'Timeout for opening a connection.' }),
    readTimeout: duration({ default: '3s', description: 'Timeout for socket reads.' }),
    sentinelConfig: describe(redisSentinelConfig, 'Reach the master through Sentinel instead of addr.'),
    sentinelTls: describe(redisTLSConfig, 'TLS towards the Sentinels; only with sentinelConfig.'),
    tls: describe(redisTLSConfig, 'TLS towards the Redis master or cluster nodes.'),
    writeTimeout: duration({ default: '3s', description: 'Timeout for socket writes.' }),
  },
  {
    name: 'RedisStorageConfig',
    description: 'A Redis (or Valkey) server, cluster or Sentinel setup.',
    validations: [
      rule(
        '(has(self.addr) && self.addr.size() > 0) != has(self.sentinelConfig)',
        'exactly one of addr or sentinelConfig must be set',
      ),
      rule(
        '!(has(self.clusterMode) && self.clusterMode) || (has(self.addr) && self.addr.size() > 0)',
        'clusterMode requires addr to be set',
      ),
    ],
  },
);

const authServerStorageConfig = object(
  {
    redis: describe(redisStorageConfig, 'Redis settings; required with type redis.'),
    type: string({
      default: 'memory',
      enum: ['memory', 'redis'],
      description:
        'Where sessions, codes and tokens live. memory is lost on restart and not shared by replicas.',
    }),
  },
  { name: 'AuthServerStorageConfig', description: 'Storage of the authorization server state.' },
);

// ---- the server -----------------------------------------------------------------------------

const tokenLifespanConfig = object(
  {
    accessTokenLifespan: duration({ description: 'How long access tokens are valid. Empty means 1h.' }),
    authCodeLifespan: duration({ description: 'How long authorization codes are valid. Empty means 10m.' }),
    refreshTokenLifespan: duration({ description: 'How long refresh tokens are valid. Empty means 168h.' }),
  },
  { name: 'TokenLifespanConfig', description: 'Validity of the tokens the server issues.' },
);

const cimdConfig = object(
  {
    cacheFallbackTtl: duration({
      description: 'How long a fetched document is cached when it carries no cache headers. Empty means 5m.',
    }),
    cacheMaxSize: integer({ minimum: 1, description: 'Most documents kept in the cache. Empty means 256.' }),
    enabled: req(boolean({ default: false, description: 'Accept HTTPS URLs as client_id values.' })),
  },
  {
    name: 'EmbeddedAuthServerCIMDConfig',
    description:
      'Client ID Metadata Documents: clients identify themselves by a URL instead of registering first.',
  },
);

export const embeddedAuthServerConfig = object(
  {
    allowConfidentialClientRegistration: boolean({
      default: false,
      description:
        'Let Dynamic Client Registration create confidential clients (with a client_secret). Registration is ' +
        'unauthenticated, so anyone who reaches it can obtain a credential.',
    }),
    authorizationEndpointBaseUrl: string({
      pattern: ISSUER_URL_PATTERN,
      description:
        'Base URL advertised for the authorization endpoint only, when browsers reach the server on another ' +
        'host than the issuer. Empty means the issuer.',
    }),
    baselineClientScopes: array(string({ minLength: 1, pattern: String.raw`^[\x21\x23-\x5B\x5D-\x7E]+$` }), {
      maxItems: 10,
      listType: 'atomic',
      description:
        'Scopes every registered client may request, whatever it registered with (typically openid and ' +
        'offline_access). Keep this list narrow.',
    }),
    cimd: describe(cimdConfig, 'Client ID Metadata Document support. Absent means disabled.'),
    delegateClients: array(delegateClientConfig, {
      maxItems: 10,
      listType: 'atomic',
      description:
        'Pre-registered confidential clients allowed to use RFC 8693 token exchange. Need an https issuer.',
    }),
    disableUpstreamTokenInjection: boolean({
      default: false,
      description:
        'Do not swap the client token for the upstream token: the proxy strips the credentials and the backend ' +
        'receives an unauthenticated request.',
    }),
    forceConfidentialRedirectUris: array(string({ pattern: '^https://[^\\s?#]+$' }), {
      maxItems: 10,
      listType: 'atomic',
      description:
        'Redirect URIs (exact match) whose registrations always get a client_secret, for clients that register ' +
        'as public but expect one. Needs allowConfidentialClientRegistration.',
    }),
    hmacSecretRefs: array(secretKeyRef, {
      listType: 'atomic',
      description:
        'Secrets (32+ random bytes) that sign authorization codes and refresh tokens; the first signs, the ' +
        'others only verify. Empty means an ephemeral secret (development only).',
    }),
    insecureAllowConfidentialOverLoopbackHTTP: boolean({
      default: false,
      description: 'Allow confidential registration with an http://localhost issuer.',
    }),
    insecureAllowHTTP: boolean({
      default: false,
      description: 'Allow an http:// issuer on a non-localhost host, for trusted in-cluster networks only.',
    }),
    issuer: req(
      string({
        pattern: ISSUER_URL_PATTERN,
        description:
          'Issuer URL put in the "iss" claim: https (http only for localhost or with insecureAllowHTTP), ' +
          'no query, fragment or trailing slash.',
      }),
    ),
    primaryUpstreamProvider: string({
      minLength: 1,
      maxLength: 63,
      pattern: DNS_LABEL_PATTERN,
      description:
        'Upstream provider whose token claims Cedar evaluates. Empty means the first upstream. Only ' +
        'VirtualMCPServer uses it; MCPServer and MCPRemoteProxy have a single upstream.',
    }),
    signingKeySecretRefs: array(secretKeyRef, {
      maxItems: 5,
      listType: 'atomic',
      description:
        'Secrets holding the JWT signing keys; the first signs, the others only verify (rotation). Empty ' +
        'means an ephemeral key (development only).',
    }),
    storage: describe(authServerStorageConfig, 'Storage backend. Absent means in memory.'),
    tokenLifespans: describe(tokenLifespanConfig, 'Token lifetimes. Absent means 1h / 168h / 10m.'),
    trustedIssuers: array(trustedIssuerConfig, {
      maxItems: 20,
      listType: 'atomic',
      description:
        'External issuers whose tokens token exchange accepts. Empty means only self-issued tokens.',
    }),
    upstreamProviders: req(
      array(upstreamProviderConfig, {
        minItems: 1,
        listType: 'map',
        listMapKeys: ['name'],
        description:
          'Identity providers users log in with. MCPServer and MCPRemoteProxy accept one; VirtualMCPServer many.',
      }),
    ),
  },
  {
    name: 'EmbeddedAuthServerConfig',
    description:
      'An OAuth 2.0 authorization server run beside the proxy: it authenticates MCP clients through upstream ' +
      'identity providers and issues its own tokens.',
    validations: [
      rule(
        '!(has(self.allowConfidentialClientRegistration) && self.allowConfidentialClientRegistration && has(self.insecureAllowHTTP) && self.insecureAllowHTTP)',
        'allowConfidentialClientRegistration cannot be combined with insecureAllowHTTP; client secrets would be issued in cleartext over an unauthenticated endpoint',
      ),
      rule(
        "!has(self.delegateClients) || size(self.delegateClients) == 0 || !self.issuer.startsWith('http://')",
        'delegateClients require an https:// issuer; delegate client secrets must not be sent over plaintext HTTP',
      ),
      rule(
        '(!has(self.forceConfidentialRedirectUris) || size(self.forceConfidentialRedirectUris) == 0) || (has(self.allowConfidentialClientRegistration) && self.allowConfidentialClientRegistration)',
        'forceConfidentialRedirectUris requires allowConfidentialClientRegistration to be true',
      ),
    ],
  },
);
