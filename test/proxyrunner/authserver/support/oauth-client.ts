/**
 * A raw-HTTP OAuth client, as an MCP client drives the embedded authorization server: dynamic
 * registration, PKCE, the browser's trip through /oauth/authorize → upstream → /oauth/callback
 * (redirects followed by hand, so every hop can be inspected or tampered with), and token
 * requests. Plus a minimal MCP caller for the proxy behind it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { registerSecret } from '../../policy/support/secrets-scan.ts';

export const REDIRECT_URI = 'http://127.0.0.1:33418/callback';

export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export async function register(
  base: string,
  body: Record<string, unknown> = {},
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${base}/oauth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ redirect_uris: [REDIRECT_URI], client_name: 'test client', ...body }),
  });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text);
  } catch {
    json = { text };
  }
  if (typeof json.client_secret === 'string') registerSecret(json.client_secret);
  return { status: res.status, json };
}

export interface AuthorizeParams {
  clientId: string;
  redirectUri?: string;
  state?: string;
  challenge?: string;
  method?: string;
  scope?: string;
  resource?: string;
  extra?: Record<string, string>;
}

export function authorizeUrl(base: string, p: AuthorizeParams): string {
  const q = new URLSearchParams({ response_type: 'code', client_id: p.clientId });
  q.set('redirect_uri', p.redirectUri ?? REDIRECT_URI);
  if (p.state !== '') q.set('state', p.state ?? 'state-123456');
  if (p.challenge) q.set('code_challenge', p.challenge);
  if (p.method !== '') q.set('code_challenge_method', p.method ?? 'S256');
  if (p.scope) q.set('scope', p.scope);
  if (p.resource) q.set('resource', p.resource);
  for (const [k, v] of Object.entries(p.extra ?? {})) q.append(k, v);
  return `${base}/oauth/authorize?${q}`;
}

export interface Hop {
  status: number;
  location?: string;
  body?: string;
}

export async function hop(url: string): Promise<Hop> {
  const res = await fetch(url, { redirect: 'manual' });
  const location = res.headers.get('location') ?? undefined;
  const body = await res.text();
  return { status: res.status, ...(location ? { location } : {}), ...(body ? { body } : {}) };
}

export interface LoginResult {
  /** The final redirect to the client's redirect URI. */
  readonly redirect: URL;
  readonly code?: string;
  /** The hops on the way: AS authorize, upstream authorize, AS callback. */
  readonly hops: Hop[];
}

/** The browser's trip from /oauth/authorize back to the client's redirect URI. */
export async function login(
  base: string,
  p: AuthorizeParams,
  clientRedirect = p.redirectUri ?? REDIRECT_URI,
): Promise<LoginResult> {
  const hops: Hop[] = [];
  let url = authorizeUrl(base, p);
  const target = new URL(clientRedirect);
  for (let i = 0; i < 8; i++) {
    const h = await hop(url);
    hops.push(h);
    if (!h.location) throw new Error(`login stopped at ${url}: HTTP ${h.status} ${h.body ?? ''}`);
    const next = new URL(h.location);
    if (next.origin === target.origin && next.pathname === target.pathname) {
      const code = next.searchParams.get('code') ?? undefined;
      if (code) registerSecret(code);
      return { redirect: next, ...(code ? { code } : {}), hops };
    }
    url = h.location;
  }
  throw new Error('too many redirects');
}

export interface TokenReply {
  status: number;
  json: Record<string, unknown>;
  headers: Headers;
}

export async function token(
  base: string,
  form: Record<string, string | string[]>,
  headers: Record<string, string> = {},
): Promise<TokenReply> {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  const res = await fetch(`${base}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body,
  });
  const json = (await res.json()) as Record<string, unknown>;
  for (const k of ['access_token', 'refresh_token'])
    if (typeof json[k] === 'string') registerSecret(json[k] as string);
  return { status: res.status, json, headers: res.headers };
}

/** Registration, login and code exchange: a logged-in public client's tokens. */
export async function fullLogin(
  base: string,
  opts: { scope?: string; resource?: string; clientId?: string } = {},
): Promise<{ clientId: string; accessToken: string; refreshToken?: string; reply: TokenReply }> {
  const clientId = opts.clientId ?? ((await register(base)).json.client_id as string);
  const { verifier, challenge } = pkce();
  const result = await login(base, {
    clientId,
    challenge,
    scope: opts.scope ?? 'openid offline_access',
    ...(opts.resource ? { resource: opts.resource } : {}),
  });
  if (!result.code) throw new Error(`login failed: ${result.redirect}`);
  const reply = await token(base, {
    grant_type: 'authorization_code',
    code: result.code,
    redirect_uri: REDIRECT_URI,
    code_verifier: verifier,
    client_id: clientId,
  });
  if (reply.status !== 200) throw new Error(`token exchange failed: ${JSON.stringify(reply.json)}`);
  return {
    clientId,
    accessToken: reply.json.access_token as string,
    ...(typeof reply.json.refresh_token === 'string' ? { refreshToken: reply.json.refresh_token } : {}),
    reply,
  };
}

export interface McpReply {
  status: number;
  headers: Headers;
  body: unknown;
}

async function rpc(
  url: string,
  accessToken: string | undefined,
  message: unknown,
  session?: string,
  extraHeaders: Record<string, string> = {},
): Promise<McpReply> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': '2025-11-25',
      ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}),
      ...(session ? { 'mcp-session-id': session } : {}),
      ...extraHeaders,
    },
    body: JSON.stringify(message),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    const data = /^data: (.*)$/m.exec(text);
    if (data) body = JSON.parse(data[1]!);
  }
  return { status: res.status, headers: res.headers, body };
}

/** initialize + tools/call whoami: the credential headers the backend received, or the refusal. */
export async function whoami(
  url: string,
  accessToken: string | undefined,
  extraHeaders: Record<string, string> = {},
  tool = 'whoami',
): Promise<{ status: number; headers?: Record<string, string | undefined>; reply: McpReply }> {
  const init = await rpc(
    url,
    accessToken,
    {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
    },
    undefined,
    extraHeaders,
  );
  if (init.status !== 200) return { status: init.status, reply: init };
  const session = init.headers.get('mcp-session-id') ?? undefined;
  const call = await rpc(
    url,
    accessToken,
    { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: tool, arguments: {} } },
    session,
    extraHeaders,
  );
  if (call.status !== 200) return { status: call.status, reply: call };
  const text =
    (call.body as { result?: { content?: Array<{ text?: string }> } }).result?.content?.[0]?.text ?? '{}';
  return { status: 200, headers: JSON.parse(text), reply: call };
}
