/**
 * RFC 8693 token exchange at our token endpoint (ToolHive's tokenexchange handler): a
 * confidential client (a configured delegate client) presents a user's token — one of ours or
 * one from a trusted issuer — and receives a short-lived access token for the same user that
 * records the delegation in `act`. The new token's scopes and audience never exceed the subject
 * token's or the client's, and it lives no longer than the subject token.
 */
import { randomUUID } from 'node:crypto';
import { parseDelegationChain } from '../../middleware/auth/identity.ts';
import { issueAccessToken, tokenResponse } from '../access-tokens.ts';
import type { AuthServerContext } from '../context.ts';
import { checkResource } from '../handlers/resource.ts';
import { invalidGrant, invalidRequest, invalidScope, invalidTarget, type Params } from '../http.ts';
import type { ClientRecord, GrantSession } from '../storage/types.ts';
import {
  SubjectTokenError,
  TrustedIssuer,
  type ValidatedSubject,
  validateSelfIssued,
  validateSubjectToken,
} from './subject-tokens.ts';

export const TOKEN_EXCHANGE_GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
export const TOKEN_TYPE_ACCESS = 'urn:ietf:params:oauth:token-type:access_token';
export const TOKEN_TYPE_JWT = 'urn:ietf:params:oauth:token-type:jwt';
const MAX_DELEGATION_DEPTH = 10;
const MAX_ACT_BYTES = 8 * 1024;

function delegateAllowed(allowed: readonly string[] | undefined, clientId: string): boolean {
  return !!allowed && (allowed.includes('*') || allowed.includes(clientId));
}

/** Whether the subject token lets this client act for its subject (ToolHive's consent rules). */
function checkConsent(
  s: ValidatedSubject,
  clientId: string,
  actorSub: string,
  configuredDelegate: boolean,
): void {
  const selfIssuedDelegate = configuredDelegate && !s.externalIssuer;
  if (s.mayActSub !== undefined) {
    if (s.mayActSub !== actorSub)
      throw invalidGrant('The subject token does not authorize this client to act on behalf of the subject.');
    if (s.externalIssuer && !delegateAllowed(s.allowedDelegateClients, clientId))
      throw invalidGrant(
        "This client is not authorized to exchange subject tokens from the external actor's issuer.",
      );
    return;
  }
  if (s.externalActorAuthorized) {
    if (!delegateAllowed(s.allowedDelegateClients, clientId))
      throw invalidGrant(
        "This client is not authorized to exchange subject tokens from the external actor's issuer.",
      );
    return;
  }
  if (s.clientId && s.clientId !== clientId && !selfIssuedDelegate)
    throw invalidGrant('The subject token was issued to a different client.');
  if (!s.clientId)
    throw invalidGrant(
      "The subject token carries no verifiable client binding: it has neither a 'may_act' claim nor a 'client_id' claim.",
    );
}

/** `act` for the new token: us acting as `actorSub`, over any prior chain (RFC 8693 §4.1). */
function actClaim(s: ValidatedSubject, issuer: string, actorSub: string): Record<string, unknown> {
  const act: Record<string, unknown> = { iss: issuer, sub: actorSub };
  let nestUnder = act;
  let levels = 1;
  if (s.externalIssuer) {
    const external: Record<string, unknown> = {
      iss: s.externalIssuer,
      ...(s.externalActor ? { sub: s.externalActor } : {}),
    };
    act.act = external;
    nestUnder = external;
    levels = 2;
  }
  if (s.act !== undefined && s.act !== null) {
    const chain = parseDelegationChain(s.act, MAX_DELEGATION_DEPTH);
    if (!chain || chain.malformed)
      throw invalidRequest(
        `The subject token's delegation chain is malformed (${chain?.malformedReason ?? 'empty'}).`,
      );
    if (chain.truncated || chain.chain.length + levels > MAX_DELEGATION_DEPTH)
      throw invalidRequest("The subject token's delegation chain is too deep.");
    let nested: Record<string, unknown> | undefined;
    for (let i = chain.chain.length - 1; i >= 0; i--) {
      const hop = chain.chain[i]!;
      if (!hop.iss && !hop.sub)
        throw invalidRequest("The subject token's delegation chain contains an empty actor.");
      nested = {
        ...(hop.iss ? { iss: hop.iss } : {}),
        ...(hop.sub ? { sub: hop.sub } : {}),
        ...(nested ? { act: nested } : {}),
      };
    }
    if (nested) nestUnder.act = nested;
  }
  if (JSON.stringify(act).length > MAX_ACT_BYTES)
    throw invalidRequest("The subject token's delegation chain is too large.");
  return act;
}

export class TokenExchanger {
  private readonly ctx: AuthServerContext;
  private readonly trusted: Map<string, TrustedIssuer>;
  private readonly delegateIds: ReadonlySet<string>;

  constructor(ctx: AuthServerContext) {
    this.ctx = ctx;
    this.trusted = new Map(
      ctx.settings.trustedIssuers.map((t) => [t.issuerUrl, new TrustedIssuer(t, ctx.now)]),
    );
    this.delegateIds = new Set(ctx.settings.delegateClients.map((c) => c.clientId));
  }

  async exchange(client: ClientRecord, p: Params): Promise<Record<string, unknown>> {
    const ctx = this.ctx;
    if (client.tokenEndpointAuthMethod === 'none')
      throw invalidGrant(
        "The OAuth 2.0 Client is marked as public and is thus not allowed to use authorization grant 'token-exchange'.",
      );
    const subjectToken = p.get('subject_token');
    if (!subjectToken) throw invalidRequest("The 'subject_token' parameter is required for token exchange.");
    const subjectType = p.get('subject_token_type');
    if (!subjectType)
      throw invalidRequest("The 'subject_token_type' parameter is required for token exchange.");
    if (subjectType !== TOKEN_TYPE_ACCESS && subjectType !== TOKEN_TYPE_JWT)
      throw invalidRequest(
        `The 'subject_token_type' value "${subjectType.slice(0, 100)}" is not supported. Use "${TOKEN_TYPE_ACCESS}" or "${TOKEN_TYPE_JWT}".`,
      );
    const actorToken = p.get('actor_token');
    const actorType = p.get('actor_token_type');
    if (actorType && !actorToken)
      throw invalidRequest("The 'actor_token_type' parameter requires 'actor_token' to be present.");
    if (actorToken && !actorType)
      throw invalidRequest("The 'actor_token_type' parameter is required when 'actor_token' is present.");
    if (actorType && actorType !== TOKEN_TYPE_ACCESS && actorType !== TOKEN_TYPE_JWT)
      throw invalidRequest(`The 'actor_token_type' value is not supported.`);
    const requestedType = p.get('requested_token_type');
    if (requestedType && requestedType !== TOKEN_TYPE_ACCESS)
      throw invalidRequest(
        `The 'requested_token_type' value is not supported. This server only issues "${TOKEN_TYPE_ACCESS}".`,
      );

    const now = ctx.now();
    let subject: ValidatedSubject;
    try {
      subject = await validateSubjectToken(subjectToken, ctx.keys, ctx.settings.issuer, this.trusted, now);
    } catch (err) {
      if (!(err instanceof SubjectTokenError)) throw err;
      ctx.logger.debug('subject token refused', { reason: err.message, client_id: client.clientId });
      throw invalidRequest('The subject token is invalid or could not be verified.');
    }

    let actorSub = client.clientId;
    if (actorToken) {
      let actor: ValidatedSubject;
      try {
        actor = await validateSelfIssued(actorToken, ctx.keys, ctx.settings.issuer, now);
      } catch {
        throw invalidRequest('The actor token is invalid or could not be verified.');
      }
      if (actor.clientId !== client.clientId)
        throw invalidRequest(
          "The actor token's client_id claim does not match the authenticated client identity.",
        );
      actorSub = actor.subject;
    }
    checkConsent(subject, client.clientId, actorSub, this.delegateIds.has(client.clientId));

    const scopes = [...new Set((p.get('scope') ?? '').split(' ').filter((s) => s !== ''))];
    for (const s of scopes) {
      if (!client.scopes.includes(s))
        throw invalidScope(`The OAuth 2.0 Client is not allowed to request scope '${s}'.`);
      if (!subject.scopes.includes(s))
        throw invalidScope(`The scope '${s}' was not granted by the subject token.`);
    }

    const audience = new Set<string>();
    for (const a of p.all('audience')) {
      if (!client.audiences.includes(a))
        throw invalidRequest(`Requested audience "${a}" has not been whitelisted by the OAuth 2.0 Client.`);
      audience.add(a);
    }
    const resource = checkResource(p.all('resource'), ctx.settings.allowedAudiences, client);
    if (resource) audience.add(resource);
    if (audience.size === 0) {
      const allowed = ctx.settings.allowedAudiences;
      if (allowed.length !== 1 || !client.audiences.includes(allowed[0]!))
        throw invalidRequest(
          "An explicit 'resource' or 'audience' parameter is required because no unambiguous default audience is configured.",
        );
      audience.add(allowed[0]!);
    }
    for (const a of audience)
      if (!subject.audience.includes(a))
        throw invalidTarget(
          `The delegated token audience "${a}" is not covered by the subject token's audience.`,
        );

    const remaining = subject.expiresAt - now;
    if (remaining <= 0) throw invalidGrant('The subject token has expired.');
    const lifetime = Math.min(
      remaining,
      ctx.settings.delegationLifespanMs,
      ctx.settings.accessTokenLifespanMs,
    );

    const session: GrantSession = {
      requestId: randomUUID(),
      clientId: client.clientId,
      subject: subject.externalIssuer ? `${subject.externalIssuer}#${subject.subject}` : subject.subject,
      // No token session: a delegated token carries no upstream credentials.
      sessionId: '',
      ...(subject.name ? { name: subject.name } : {}),
      ...(subject.email ? { email: subject.email } : {}),
      grantedScopes: scopes,
      grantedAudience: [...audience],
      authTime: now,
    };
    const access = await issueAccessToken(ctx.keys, session, {
      issuer: ctx.settings.issuer,
      lifetimeMs: lifetime,
      now,
      act: actClaim(subject, ctx.settings.issuer, actorSub),
    });
    ctx.logger.debug('token exchanged', {
      client_id: client.clientId,
      external: subject.externalIssuer !== undefined,
    });
    return tokenResponse(access, scopes, undefined, { issued_token_type: TOKEN_TYPE_ACCESS });
  }

  close(): void {
    for (const t of this.trusted.values()) t.close();
  }
}
