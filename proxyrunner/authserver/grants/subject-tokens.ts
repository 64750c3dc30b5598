/**
 * Validation of RFC 8693 subject (and actor) tokens: our own access tokens, verified with our
 * keys in-process, and JWTs of configured trusted issuers, verified with their JWKS (an explicit
 * URL or OIDC discovery), their issuer and expected audience, a 60 s clock allowance as
 * ToolHive's, and never an ID token (`at_hash`/`c_hash` mark one) presented as an access token.
 */
import { decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { OidcDiscovery } from '../../middleware/auth/discovery.ts';
import { ALLOWED_JWS_ALGORITHMS, JwksCache } from '../../middleware/auth/jwks.ts';
import { HttpClient } from '../../middleware/shared/http-client.ts';
import type { TrustedIssuerSettings } from '../config.ts';
import type { KeySet } from '../keys.ts';

export const EXTERNAL_CLOCK_SKEW_S = 60;

export interface ValidatedSubject {
  readonly subject: string;
  readonly issuer: string;
  /** Set for a trusted external issuer's token. */
  readonly externalIssuer?: string;
  readonly clientId?: string;
  readonly scopes: readonly string[];
  readonly audience: readonly string[];
  /** Epoch ms. */
  readonly expiresAt: number;
  readonly name?: string;
  readonly email?: string;
  readonly act?: unknown;
  /** `may_act.sub`, when the token names who may act for its subject (and that is honoured). */
  readonly mayActSub?: string;
  /** The external token's actor (its `actor_claim`), and whether the issuer allows that actor. */
  readonly externalActor?: string;
  readonly externalActorAuthorized?: boolean;
  readonly allowedDelegateClients?: readonly string[];
}

export class SubjectTokenError extends Error {
  override name = 'SubjectTokenError';
}

function stringClaim(claims: Record<string, unknown>, name: string): string | undefined {
  const v = claims[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function scopesOf(claims: Record<string, unknown>): string[] {
  if (typeof claims.scope === 'string') return claims.scope.split(' ').filter((s) => s !== '');
  if (Array.isArray(claims.scp)) return claims.scp.filter((s): s is string => typeof s === 'string');
  if (typeof claims.scp === 'string') return claims.scp.split(' ').filter((s) => s !== '');
  return [];
}

function audienceOf(claims: Record<string, unknown>): string[] {
  const aud = claims.aud;
  if (typeof aud === 'string') return [aud];
  return Array.isArray(aud) ? aud.filter((a): a is string => typeof a === 'string') : [];
}

function headerOf(token: string): { alg: string; kid: string } {
  let h: ReturnType<typeof decodeProtectedHeader>;
  try {
    h = decodeProtectedHeader(token);
  } catch {
    throw new SubjectTokenError('token is not a JWT');
  }
  if (typeof h.alg !== 'string' || !(ALLOWED_JWS_ALGORITHMS as readonly string[]).includes(h.alg))
    throw new SubjectTokenError('unsupported signing algorithm');
  if (typeof h.kid !== 'string' || h.kid === '') throw new SubjectTokenError('token header missing kid');
  return { alg: h.alg, kid: h.kid };
}

function common(
  claims: Record<string, unknown>,
  issuer: string,
): Omit<ValidatedSubject, 'subject'> & { subject?: string } {
  const name = stringClaim(claims, 'name');
  const email = stringClaim(claims, 'email');
  const clientId = stringClaim(claims, 'client_id');
  return {
    ...(stringClaim(claims, 'sub') ? { subject: stringClaim(claims, 'sub') } : {}),
    issuer,
    ...(clientId ? { clientId } : {}),
    scopes: scopesOf(claims),
    audience: audienceOf(claims),
    expiresAt: typeof claims.exp === 'number' ? claims.exp * 1000 : 0,
    ...(name ? { name } : {}),
    ...(email ? { email } : {}),
    ...(claims.act !== undefined ? { act: claims.act } : {}),
  };
}

/** Our own access tokens. */
export async function validateSelfIssued(
  token: string,
  keys: KeySet,
  issuer: string,
  now: number,
): Promise<ValidatedSubject> {
  const { alg, kid } = headerOf(token);
  const key = keys.verificationKey(kid, alg);
  if (!key) throw new SubjectTokenError('unknown signing key');
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, key, {
      algorithms: [alg],
      issuer,
      requiredClaims: ['exp', 'sub'],
      currentDate: new Date(now),
    }));
  } catch {
    throw new SubjectTokenError('token verification failed');
  }
  const base = common(payload, issuer);
  const mayAct = payload.may_act as { sub?: unknown } | undefined;
  return {
    ...base,
    subject: base.subject!,
    ...(mayAct && typeof mayAct.sub === 'string' ? { mayActSub: mayAct.sub } : {}),
  };
}

/** A trusted external issuer: its keys, fetched lazily, and its acceptance policy. */
export class TrustedIssuer {
  readonly settings: TrustedIssuerSettings;
  private readonly jwks: JwksCache;
  private readonly http: HttpClient;

  constructor(settings: TrustedIssuerSettings, now: () => number) {
    this.settings = settings;
    this.http = new HttpClient({
      blockPrivateAddresses: !settings.allowPrivateIps,
      timeoutMs: 10_000,
      maxResponseBytes: 1 << 20,
    });
    const discovery = settings.jwksUrl
      ? undefined
      : new OidcDiscovery({ http: this.http, issuer: settings.issuerUrl });
    this.jwks = new JwksCache({
      http: this.http,
      url: async () => settings.jwksUrl ?? ((await discovery!.document()).jwks_uri as string),
      // At most one forced refetch every 30 s for unknown key ids (ToolHive's kid refresh floor).
      cooldownMs: 30_000,
      now,
    });
  }

  async validate(token: string, now: number): Promise<ValidatedSubject> {
    const { alg, kid } = headerOf(token);
    let payload: Record<string, unknown>;
    try {
      const key = await this.jwks.key(kid, alg);
      ({ payload } = await jwtVerify(token, key, {
        algorithms: [alg],
        issuer: this.settings.issuerUrl,
        audience: this.settings.expectedAudience,
        requiredClaims: ['exp', 'sub'],
        clockTolerance: EXTERNAL_CLOCK_SKEW_S,
        currentDate: new Date(now),
      }));
    } catch {
      throw new SubjectTokenError('external token verification failed');
    }
    // An ID token is a statement to its client, not a credential for us.
    if (payload.at_hash !== undefined || payload.c_hash !== undefined)
      throw new SubjectTokenError('ID tokens are not accepted as subject tokens');
    const base = common(payload, this.settings.issuerUrl);
    const actor = stringClaim(payload, this.settings.actorClaim);
    const mayAct = payload.may_act as { sub?: unknown } | undefined;
    return {
      ...base,
      subject: base.subject!,
      externalIssuer: this.settings.issuerUrl,
      ...(actor ? { externalActor: actor } : {}),
      externalActorAuthorized: actor !== undefined && this.settings.allowedActors.includes(actor),
      ...(this.settings.allowMayAct && mayAct && typeof mayAct.sub === 'string'
        ? { mayActSub: mayAct.sub }
        : {}),
      allowedDelegateClients: this.settings.allowedDelegateClients,
    };
  }

  close(): void {
    this.http.close();
  }
}

/** Routes a token to our own validation or to the trusted issuer named in its (unverified) `iss`. */
export async function validateSubjectToken(
  token: string,
  keys: KeySet,
  issuer: string,
  trusted: ReadonlyMap<string, TrustedIssuer>,
  now: number,
): Promise<ValidatedSubject> {
  let iss: unknown;
  try {
    iss = decodeJwt(token).iss;
  } catch {
    throw new SubjectTokenError('token is not a JWT');
  }
  if (iss === issuer) return validateSelfIssued(token, keys, issuer, now);
  const external = typeof iss === 'string' ? trusted.get(iss) : undefined;
  if (!external) throw new SubjectTokenError('token issuer is not trusted');
  return external.validate(token, now);
}
