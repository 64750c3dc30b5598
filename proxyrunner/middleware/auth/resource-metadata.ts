/**
 * RFC 9728 protected resource metadata and the RFC 6750 `WWW-Authenticate` challenge that points
 * MCP clients at it. The metadata URL inserts `/.well-known/oauth-protected-resource` between the
 * host and the path of the resource URL (RFC 9728 §3.1). When no resource URL is configured (a
 * laptop run) it is derived from the request, so a 401 always tells the client where to look.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { MiddlewareRoute } from '../types.ts';

export const WELL_KNOWN_PROTECTED_RESOURCE = '/.well-known/oauth-protected-resource';

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** `http://<Host><path>` of the request, the resource a client thinks it is talking to. */
export function resourceFromRequest(headers: IncomingHttpHeaders, path: string, encrypted = false): string {
  const host = header(headers, 'host') ?? 'localhost';
  return `${encrypted ? 'https' : 'http'}://${host}${path === '/' ? '' : path}`;
}

export function metadataUrlFor(resourceUrl: string): string | undefined {
  let u: URL;
  try {
    u = new URL(resourceUrl);
  } catch {
    return undefined;
  }
  const path = u.pathname === '/' ? '' : u.pathname.replace(/\/$/, '');
  return `${u.protocol}//${u.host}${WELL_KNOWN_PROTECTED_RESOURCE}${path}`;
}

/**
 * A quoted-string for the challenge. Token contents (a `kid`, an `alg`) end up in error
 * descriptions, and a JWT header may hold any character: line breaks and anything outside
 * visible ASCII are replaced (Go's net/http turns CR and LF into spaces; Node refuses to send such
 * a header at all, which turned a forged `kid` into a 500 that was never audited).
 */
function quote(s: string): string {
  return s
    .replace(/[\r\n]/g, ' ')
    .replace(/[^\t\x20-\x7e]/g, '?')
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"');
}

export interface ChallengeParams {
  realm?: string;
  resourceMetadata?: string;
  scopes?: readonly string[];
  error?: string;
  errorDescription?: string;
}

/** `Bearer realm="…", resource_metadata="…", scope="…", error="…", error_description="…"`. */
export function bearerChallenge(p: ChallengeParams): string {
  const parts: string[] = [];
  if (p.realm) parts.push(`realm="${quote(p.realm)}"`);
  if (p.resourceMetadata) parts.push(`resource_metadata="${quote(p.resourceMetadata)}"`);
  if (p.scopes && p.scopes.length > 0) parts.push(`scope="${quote(p.scopes.join(' '))}"`);
  if (p.error) {
    parts.push(`error="${quote(p.error)}"`);
    if (p.errorDescription) parts.push(`error_description="${quote(p.errorDescription)}"`);
  }
  return parts.length > 0 ? `Bearer ${parts.join(', ')}` : 'Bearer';
}

export interface ProtectedResourceOptions {
  issuer: string;
  resourceUrl?: string;
  scopes?: readonly string[];
}

/** The metadata document for `resource`. */
export function protectedResourceMetadata(
  resource: string,
  o: ProtectedResourceOptions,
): Record<string, unknown> {
  return {
    resource,
    authorization_servers: o.issuer ? [o.issuer] : [],
    bearer_methods_supported: ['header'],
    scopes_supported: o.scopes && o.scopes.length > 0 ? [...o.scopes] : ['openid'],
  };
}

/** Routes for `/.well-known/oauth-protected-resource` and its path-suffixed form. */
export function protectedResourceRoutes(o: ProtectedResourceOptions): MiddlewareRoute[] {
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const origin = header(req.headers, 'origin');
    // A discovery document is public; CORS lets browser-based MCP clients (the inspector) read it.
    res.setHeader('Access-Control-Allow-Origin', origin ?? '*');
    res.setHeader('Access-Control-Allow-Methods', 'GET, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', 'mcp-protocol-version, Content-Type, Authorization');
    res.setHeader('Access-Control-Max-Age', '86400');
    if (req.method === 'OPTIONS') {
      res.statusCode = 204;
      res.end();
      return;
    }
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const suffix = path.slice(WELL_KNOWN_PROTECTED_RESOURCE.length);
    const encrypted = 'encrypted' in req.socket && (req.socket as { encrypted?: boolean }).encrypted === true;
    const resource =
      o.resourceUrl ?? resourceFromRequest(req.headers, suffix === '' ? '/' : suffix, encrypted);
    res.statusCode = 200;
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify(protectedResourceMetadata(resource, o)));
  };
  return [
    { methods: ['GET', 'OPTIONS'], path: WELL_KNOWN_PROTECTED_RESOURCE, handle },
    { methods: ['GET', 'OPTIONS'], path: `${WELL_KNOWN_PROTECTED_RESOURCE}/`, handle },
  ];
}
