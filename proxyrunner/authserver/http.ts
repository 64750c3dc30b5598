/**
 * HTTP plumbing of the authorization server's endpoints: bounded body reading, strict parameter
 * parsing (RFC 6749 §3.1: no parameter twice), OAuth error objects and how they are written —
 * a JSON body, or a redirect back to the client once its redirect URI is known to be its own.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** ToolHive's cap on auth server request bodies (`MaxDCRBodySize`). */
export const MAX_BODY_BYTES = 64 * 1024;

/** An OAuth 2.0 error (RFC 6749 §4.1.2.1, §5.2; RFC 7591 §3.2.2; RFC 8707 §2). */
export class OAuthError extends Error {
  override name = 'OAuthError';
  readonly code: string;
  readonly status: number;
  readonly description: string;
  readonly headers: Record<string, string>;

  constructor(code: string, description: string, status = 400, headers: Record<string, string> = {}) {
    super(`${code}: ${description}`);
    this.code = code;
    this.description = description;
    this.status = status;
    this.headers = headers;
  }

  body(): Record<string, string> {
    return { error: this.code, error_description: this.description };
  }
}

export const invalidRequest = (d: string) => new OAuthError('invalid_request', d);
export const invalidGrant = (d: string) => new OAuthError('invalid_grant', d);
export const invalidScope = (d: string) => new OAuthError('invalid_scope', d);
export const invalidTarget = (d: string) => new OAuthError('invalid_target', d);
export const unauthorizedClient = (d: string) => new OAuthError('unauthorized_client', d);
export const serverError = (d: string) => new OAuthError('server_error', d, 500);
export const temporarilyUnavailable = (d: string) => new OAuthError('temporarily_unavailable', d, 503);

export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
}

export async function readBody(req: IncomingMessage, max = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > max) {
    req.resume();
    throw new BodyTooLargeError(`request body exceeds ${max} bytes`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) {
      req.resume();
      throw new BodyTooLargeError(`request body exceeds ${max} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Single-valued parameters; a repeated one is an invalid request. `multi` may repeat. */
export class Params {
  private readonly q: URLSearchParams;

  constructor(q: URLSearchParams, multi: readonly string[] = []) {
    const seen = new Set<string>();
    for (const k of q.keys()) {
      if (seen.has(k) && !multi.includes(k))
        throw invalidRequest(`The request parameter '${k}' must not be repeated.`);
      seen.add(k);
    }
    this.q = q;
  }

  get(name: string): string | undefined {
    const v = this.q.get(name);
    return v === null || v === '' ? undefined : v;
  }

  all(name: string): string[] {
    return this.q.getAll(name).filter((v) => v !== '');
  }
}

export function noStore(res: ServerResponse): void {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Pragma', 'no-cache');
}

export function writeJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const payload = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.setHeader('Content-Length', Buffer.byteLength(payload));
  res.end(payload);
}

export function writeOAuthError(res: ServerResponse, err: OAuthError): void {
  noStore(res);
  writeJson(res, err.status, err.body(), err.headers);
}

/** 303 to `location` (as fosite answers authorization requests), never cached. */
export function redirect(res: ServerResponse, location: string, status = 303): void {
  noStore(res);
  res.statusCode = status;
  res.setHeader('Location', location);
  res.setHeader('Content-Length', '0');
  res.end();
}

/**
 * The client's redirect URI with `params` added to its query, keeping what it already has. Only
 * ever called with a redirect URI checked against the client's registration.
 */
export function clientRedirect(redirectUri: string, params: Record<string, string | undefined>): string {
  const url = new URL(redirectUri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return url.toString();
}

/** Public metadata and endpoints public clients call from browsers: CORS without credentials. */
export function allowCors(req: IncomingMessage, res: ServerResponse, methods: string): boolean {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Allow-Methods', methods);
  res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Authorization, mcp-protocol-version');
  res.setHeader('Access-Control-Max-Age', '86400');
  if (req.method === 'OPTIONS') {
    res.statusCode = 204;
    res.end();
    return true;
  }
  return false;
}
