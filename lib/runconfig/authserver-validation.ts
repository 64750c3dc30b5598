/**
 * What makes an embedded authorization server configuration (`EmbeddedAuthServerConfig`)
 * unusable beyond its schema and CEL rules: the checks of ToolHive's
 * `MCPExternalAuthConfig.Validate` (type embeddedAuthServer), of the VirtualMCPServer
 * controller's `validateAuthServerConfig`, and of `BuildAuthServerRunConfig` and the
 * authorization server's own start-up validation (`RunConfig.Validate`), with ToolHive's verdicts
 * and texts. One module for every place that judges such a configuration:
 *
 * - MCPExternalAuthConfig's `Valid` condition (type embeddedAuthServer),
 * - MCPServer and MCPRemoteProxy, which report a referenced config that fails these checks in
 *   `AuthServerRefValidated` (`AuthServerRefInvalidConfig`),
 * - VirtualMCPServer's `AuthServerConfigValidated` (`spec.authServerConfig`),
 * - and the render (`buildAuthServerRunConfig`), which also applies the checks that need the
 *   workload's OIDC resource URL and scopes (`embeddedAuthServerBuildProblem`).
 *
 * What the API server already enforces (required fields, patterns, bounds and the CEL rules of
 * `lib/api/shared/embedded-auth-server.ts`) is not checked again. A message starts with
 * ToolHive's text (for VirtualMCPServer qualified with `spec.authServerConfig`, as ToolHive's
 * VirtualMCPServer controller writes it) and then names the field at fault and the fix.
 */
import { parse as parseCel } from '@marcbachmann/cel-js';
import type { EmbeddedAuthServerConfig } from '../api/types.generated.ts';
import {
  audienceProblem,
  isLoopbackHostname,
  issuerProblem,
  MAX_REDIRECT_URI_LENGTH,
  parseUrl,
} from './authserver-urls.ts';

/** Parameters the authorization flow sets itself (ToolHive's `oauthparams.ReservedAuthorizationParams`). */
export const RESERVED_AUTHORIZATION_PARAMS: ReadonlySet<string> = new Set([
  'response_type',
  'client_id',
  'redirect_uri',
  'scope',
  'state',
  'code_challenge',
  'code_challenge_method',
  'nonce',
]);

/** ToolHive's `DefaultUpstreamName`: what a lone unnamed upstream is called. */
export const DEFAULT_UPSTREAM_NAME = 'default';

/** Where the configuration sits and how ToolHive words its messages there. */
export interface AuthServerConfigLocation {
  /** Field path of the configuration: `spec.embeddedAuthServer` or `spec.authServerConfig`. */
  readonly base: string;
  /**
   * ToolHive's VirtualMCPServer controller prefixes its texts with the field path
   * (`spec.authServerConfig: …`, `spec.authServerConfig.upstreamProviders[0]…`); its
   * MCPExternalAuthConfig controller does not (`upstreamProviders[0]…`).
   */
  readonly qualified: boolean;
}

export const EMBEDDED_AUTH_SERVER: AuthServerConfigLocation = {
  base: 'spec.embeddedAuthServer',
  qualified: false,
};
export const VMCP_AUTH_SERVER_CONFIG: AuthServerConfigLocation = {
  base: 'spec.authServerConfig',
  qualified: true,
};

type Config = Partial<EmbeddedAuthServerConfig>;

class Messages {
  private readonly at: AuthServerConfigLocation;
  constructor(at: AuthServerConfigLocation) {
    this.at = at;
  }
  /** The full path of a field of the configuration. */
  field(path: string): string {
    return path ? `${this.at.base}.${path}` : this.at.base;
  }
  /** ToolHive's text, under the path its error is wrapped with, then the fix. */
  say(path: string, text: string, fix: string): string {
    const head = this.at.qualified ? `${this.field(path)}: ${text}` : path ? `${path}: ${text}` : text;
    return `${head}: ${fix}`;
  }
}

function celSyntaxError(expression: string): string | undefined {
  try {
    parseCel(expression);
    return undefined;
  } catch (err) {
    return String((err as Error).message ?? err).split('\n')[0];
  }
}

/** The issuer rules a trusted (external) issuer URL is held to: no loopback exemption, `/` allowed. */
function trustedIssuerUrlProblem(url: string, insecureAllowHttp: boolean): string | undefined {
  const problem = issuerProblem(url, insecureAllowHttp, true);
  if (problem) return problem;
  if (url.startsWith('http:') && !insecureAllowHttp)
    return `http scheme is only allowed for localhost, use https for ${new URL(url).hostname}`;
  return undefined;
}

/** ToolHive's `ValidateJWKSURL`, but for private addresses (the runtime refuses to dial those). */
function jwksUrlProblem(url: string, insecureAllowHttp: boolean): string | undefined {
  const u = parseUrl(url);
  if (!u) return 'invalid URL';
  if (!u.host) return 'host is required';
  if (u.username || u.password) return 'must not contain userinfo (credentials in the URL)';
  const scheme = u.protocol.slice(0, -1);
  if (scheme !== 'https' && (scheme !== 'http' || !insecureAllowHttp))
    return `must use HTTPS, got "${scheme}"`;
  return undefined;
}

/**
 * The first problem of an embedded authorization server configuration that needs no workload
 * context, or undefined. The rules, in ToolHive's order:
 *
 * 1. the issuer is set and is https, or http on a loopback host or with `insecureAllowHTTP`
 *    (VirtualMCPServer's `validateAuthServerConfig`; elsewhere ToolHive's server refuses to
 *    start); the same for `authorizationEndpointBaseUrl`;
 * 2. at least one upstream provider;
 * 3. `ValidateConfidentialClientTransport`: confidential clients (DCR or `delegateClients`) never
 *    with `insecureAllowHTTP`, nor with a plain-HTTP loopback issuer unless
 *    `insecureAllowConfidentialOverLoopbackHTTP`;
 * 4. `ValidateForceConfidentialRedirectURIs`: no loopback (or over-long) forced redirect URI;
 * 5. `ValidateTrustedIssuers`, and the URL rules `BuildAuthServerRunConfig` applies to them: issuer
 *    and JWKS URLs, not this server's own issuer, each issuer once, an `actorMatcher` that parses,
 *    JWT-bearer resources and audiences that are RFC 8707 URIs;
 * 6. `delegateClients` with distinct client IDs (`BuildAuthServerRunConfig`);
 * 7. per upstream provider: a unique name, not `default` when there are several (the server's
 *    start-up check), and no reserved `additionalAuthorizationParams`.
 */
export function embeddedAuthServerProblem(
  cfg: Config,
  at: AuthServerConfigLocation = EMBEDDED_AUTH_SERVER,
): string | undefined {
  const m = new Messages(at);
  const issuer = cfg.issuer ?? '';
  if (issuer === '')
    return `${m.field('issuer')} is required: set it to the authorization server's public URL`;
  const parsedIssuer = parseUrl(issuer);
  for (const [path, value] of [
    ['issuer', issuer],
    ['authorizationEndpointBaseUrl', cfg.authorizationEndpointBaseUrl ?? ''],
  ] as const) {
    if (!value.startsWith('http://') || cfg.insecureAllowHTTP) continue;
    const host = parseUrl(value)?.hostname;
    if (host && !isLoopbackHostname(host))
      return (
        `${m.field(path)} ${JSON.stringify(value)} uses http:// with a non-localhost host; ` +
        `set ${m.field('insecureAllowHTTP')}: true to allow this for trusted in-cluster deployments, ` +
        'or use https:// for production deployments'
      );
  }
  // What else the server refuses to start with (the schema's pattern already rules out a query,
  // a fragment and a trailing slash): credentials in the URL.
  for (const [path, wire, value] of [
    ['issuer', 'issuer', issuer],
    [
      'authorizationEndpointBaseUrl',
      'authorization_endpoint_base_url',
      cfg.authorizationEndpointBaseUrl ?? '',
    ],
  ] as const) {
    const p = value ? issuerProblem(value, cfg.insecureAllowHTTP === true) : undefined;
    if (p)
      return m.say(
        '',
        `${wire}: ${p}`,
        `fix ${m.field(path)} (an absolute https URL without query, fragment, credentials or trailing slash)`,
      );
  }

  const upstreams = cfg.upstreamProviders ?? [];
  if (upstreams.length === 0)
    return `${at.qualified ? `${m.field('upstreamProviders')} is required` : 'at least one upstream provider is required'}: add the identity provider users log in with to ${m.field('upstreamProviders')}`;

  const delegates = cfg.delegateClients ?? [];
  if (cfg.allowConfidentialClientRegistration || delegates.length > 0) {
    const why =
      cfg.allowConfidentialClientRegistration && delegates.length > 0
        ? `${m.field('allowConfidentialClientRegistration')} and ${m.field('delegateClients')}`
        : cfg.allowConfidentialClientRegistration
          ? m.field('allowConfidentialClientRegistration')
          : m.field('delegateClients');
    if (cfg.insecureAllowHTTP)
      return m.say(
        '',
        'allow_confidential_client_registration cannot be combined with insecure_allow_http: ' +
          'confidential clients would send secrets over cleartext HTTP',
        `use an https issuer and unset ${m.field('insecureAllowHTTP')}, or remove ${why}`,
      );
    if (
      !cfg.insecureAllowConfidentialOverLoopbackHTTP &&
      parsedIssuer?.protocol === 'http:' &&
      isLoopbackHostname(parsedIssuer.hostname)
    )
      return m.say(
        '',
        `allow_confidential_client_registration cannot be combined with a plain-HTTP loopback issuer (${JSON.stringify(issuer)}) unless ` +
          'insecure_allow_confidential_over_loopback_http is set: confidential clients would send secrets over cleartext HTTP',
        `use an https ${m.field('issuer')}, set ${m.field('insecureAllowConfidentialOverLoopbackHTTP')}: true ` +
          `for local development, or remove ${why}`,
      );
  }

  for (const [i, uri] of (cfg.forceConfidentialRedirectUris ?? []).entries()) {
    const field = m.field(`forceConfidentialRedirectUris[${i}]`);
    if (uri.length > MAX_REDIRECT_URI_LENGTH)
      return m.say(
        '',
        `force_confidential_redirect_uris: ${JSON.stringify(uri)}: redirect_uri too long (maximum ${MAX_REDIRECT_URI_LENGTH} characters)`,
        `shorten ${field}`,
      );
    const host = parseUrl(uri)?.hostname;
    if (host && isLoopbackHostname(host))
      return m.say(
        '',
        `force_confidential_redirect_uris: ${JSON.stringify(uri)} must not be a loopback redirect URI; ` +
          'a loopback client is a public client by construction and must not be issued a secret',
        `remove ${field}`,
      );
  }

  const trusted = cfg.trustedIssuers ?? [];
  const seenIssuers = new Set<string>();
  for (const [i, t] of trusted.entries()) {
    const f = (name: string) => m.field(`trustedIssuers[${i}].${name}`);
    const url = t.issuerUrl ?? '';
    const insecure = t.insecureAllowHTTP === true;
    const urlProblem = trustedIssuerUrlProblem(url, insecure);
    if (urlProblem)
      return m.say(
        '',
        `trusted_issuers: issuer_url ${JSON.stringify(url)}: ${urlProblem}`,
        `fix ${f('issuerUrl')} (an absolute https URL without query, fragment or credentials; http only with ${f('insecureAllowHTTP')})`,
      );
    if (t.jwksUrl) {
      const p = jwksUrlProblem(t.jwksUrl, insecure);
      if (p)
        return m.say(
          '',
          `trusted_issuers: jwks_url ${JSON.stringify(t.jwksUrl)}: ${p}`,
          `fix ${f('jwksUrl')} (an absolute https URL without credentials; http only with ${f('insecureAllowHTTP')})`,
        );
    }
    if (url === issuer)
      return m.say(
        'trustedIssuers',
        `issuer_url ${JSON.stringify(url)}: must not equal the authorization server's own issuer; ` +
          'self-issued tokens are already handled separately',
        `remove ${m.field(`trustedIssuers[${i}]`)}`,
      );
    if (seenIssuers.has(url))
      return m.say(
        'trustedIssuers',
        `issuer_url ${JSON.stringify(url)}: configured more than once`,
        `merge ${m.field(`trustedIssuers[${i}]`)} into the earlier entry with this issuerUrl`,
      );
    seenIssuers.add(url);
    if (t.actorMatcher) {
      const err = celSyntaxError(t.actorMatcher);
      if (err)
        return m.say(
          'trustedIssuers',
          `issuer_url ${JSON.stringify(url)}: invalid actor_matcher: ${err}`,
          `fix the CEL expression in ${f('actorMatcher')}`,
        );
    }
    const grant = t.jwtBearerGrant;
    for (const [j, binding] of (grant?.subjectBindings ?? []).entries())
      for (const [k, resource] of (binding.allowedResources ?? []).entries()) {
        const p = audienceProblem(resource);
        if (p)
          return m.say(
            'trustedIssuers',
            `issuer_url ${JSON.stringify(url)}: jwt_bearer_grant subject ${JSON.stringify(binding.subject)} resource ${JSON.stringify(resource)} is invalid: invalid_target (${p})`,
            `fix ${f(`jwtBearerGrant.subjectBindings[${j}].allowedResources[${k}]`)}`,
          );
      }
    for (const [j, audience] of (grant?.acceptedAudiences ?? []).entries()) {
      const p = audienceProblem(audience);
      if (p)
        return m.say(
          'trustedIssuers',
          `issuer_url ${JSON.stringify(url)}: jwt_bearer_grant.accepted_audiences value ${JSON.stringify(audience)} is invalid: invalid_target (${p})`,
          `fix ${f(`jwtBearerGrant.acceptedAudiences[${j}]`)}`,
        );
    }
  }

  const clientIds = new Set<string>();
  for (const [i, c] of delegates.entries()) {
    if (clientIds.has(c.clientId))
      return m.say(
        '',
        `delegate_clients: duplicate client_id ${JSON.stringify(c.clientId)}`,
        `give ${m.field(`delegateClients[${i}].clientId`)} a client ID no other delegate client has`,
      );
    clientIds.add(c.clientId);
  }

  const names = new Set<string>();
  for (const [i, p] of upstreams.entries()) {
    const path = `upstreamProviders[${i}]`;
    if (names.has(p.name))
      return m.say(
        path,
        `duplicate name ${JSON.stringify(p.name)}`,
        `rename ${m.field(`${path}.name`)}; every upstream provider needs a unique name`,
      );
    names.add(p.name);
    if (upstreams.length > 1 && p.name === DEFAULT_UPSTREAM_NAME)
      return m.say(
        path,
        `name ${JSON.stringify(DEFAULT_UPSTREAM_NAME)} is reserved for single-upstream configs; use a descriptive name`,
        `rename ${m.field(`${path}.name`)}`,
      );
    const params =
      p.type === 'oidc'
        ? p.oidcConfig?.additionalAuthorizationParams
        : p.oauth2Config?.additionalAuthorizationParams;
    const reserved = Object.keys(params ?? {})
      .sort()
      .find((k) => RESERVED_AUTHORIZATION_PARAMS.has(k));
    if (reserved) {
      const section = p.type === 'oidc' ? 'oidcConfig' : 'oauth2Config';
      return m.say(
        `${path}.additionalAuthorizationParams`,
        `reserved parameter ${JSON.stringify(reserved)} is managed by the framework and cannot be overridden`,
        `remove ${JSON.stringify(reserved)} from ${m.field(`${path}.${section}.additionalAuthorizationParams`)}`,
      );
    }
  }
  return undefined;
}

/** What a workload gives the server it builds, and where the workload sets it. */
export interface AuthServerBuildContext {
  /** RFC 8707 resources the server issues tokens for (ToolHive: the OIDC resource URL). */
  readonly allowedAudiences: readonly string[];
  /** Scopes the server advertises; empty means the default scopes. */
  readonly scopesSupported: readonly string[];
  /** Field that sets the resource URL, e.g. `spec.oidcConfigRef.resourceUrl`. */
  readonly audienceField: string;
  /** Field that sets the scopes, e.g. `spec.oidcConfigRef.scopes`. */
  readonly scopesField: string;
}

/**
 * The checks `BuildAuthServerRunConfig` (through `RunConfig.Validate`) and the server's start-up
 * make against what the workload supplies: delegate clients ask only for supported scopes and
 * allowed audiences, JWT-bearer resources are allowed audiences and accepted assertion audiences
 * are not, and baseline client scopes are supported. Undefined when all hold.
 */
export function embeddedAuthServerBuildProblem(
  cfg: Config,
  ctx: AuthServerBuildContext,
  at: AuthServerConfigLocation = EMBEDDED_AUTH_SERVER,
): string | undefined {
  const m = new Messages(at);
  const scopes = ctx.scopesSupported;
  const scopesFix = (field: string, value: string) =>
    `remove ${JSON.stringify(value)} from ${field}, or add it to ${ctx.scopesField} (scopes supported: ${scopes.join(', ')})`;
  for (const [i, c] of (cfg.delegateClients ?? []).entries()) {
    const f = (name: string) => m.field(`delegateClients[${i}].${name}`);
    for (const scope of c.scopes ?? [])
      if (!scopes.includes(scope))
        return m.say(
          '',
          `delegate_clients[${c.clientId}].scopes contains ${JSON.stringify(scope)} which is not in scopes_supported`,
          scopesFix(f('scopes'), scope),
        );
    for (const audience of c.audiences ?? [])
      if (!ctx.allowedAudiences.includes(audience))
        return m.say(
          '',
          `delegate_clients: client_id ${JSON.stringify(c.clientId)}: audience ${JSON.stringify(audience)} is not in allowed_audiences`,
          `set ${f('audiences')} to the workload's resource URL (${ctx.allowedAudiences.join(', ')}, from ${ctx.audienceField})`,
        );
  }
  for (const [i, t] of (cfg.trustedIssuers ?? []).entries()) {
    const grant = t.jwtBearerGrant;
    if (!grant) continue;
    const f = (name: string) => m.field(`trustedIssuers[${i}].jwtBearerGrant.${name}`);
    for (const [j, audience] of (grant.acceptedAudiences ?? []).entries())
      if (ctx.allowedAudiences.includes(audience))
        return m.say(
          '',
          `trusted_issuers: issuer_url ${JSON.stringify(t.issuerUrl)}: jwt_bearer_grant.accepted_audiences value ${JSON.stringify(audience)} must not also be a ` +
            'configured resource audience (allowed_audiences); accepted_audiences identifies this authorization server, ' +
            'not a resource, or a resource-scoped access token could be replayed as a JWT-bearer assertion',
          `remove ${f(`acceptedAudiences[${j}]`)} (use the authorization server's token endpoint)`,
        );
    for (const [j, binding] of (grant.subjectBindings ?? []).entries())
      for (const [k, resource] of (binding.allowedResources ?? []).entries())
        if (!ctx.allowedAudiences.includes(resource))
          return m.say(
            '',
            `trusted_issuers: issuer_url ${JSON.stringify(t.issuerUrl)}: jwt_bearer_grant subject ${JSON.stringify(binding.subject)} resource ${JSON.stringify(resource)} is not in allowed_audiences`,
            `set ${f(`subjectBindings[${j}].allowedResources[${k}]`)} to the workload's resource URL (${ctx.allowedAudiences.join(', ')}, from ${ctx.audienceField})`,
          );
  }
  for (const [i, scope] of (cfg.baselineClientScopes ?? []).entries())
    if (!scopes.includes(scope))
      return m.say(
        '',
        `baseline_client_scopes contains ${JSON.stringify(scope)} which is not in scopes_supported`,
        scopesFix(m.field(`baselineClientScopes[${i}]`), scope),
      );
  return undefined;
}
