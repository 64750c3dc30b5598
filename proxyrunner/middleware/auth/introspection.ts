/**
 * RFC 7662 token introspection for opaque (non-JWT) access tokens: a form POST of
 * `token=…&token_type_hint=access_token`, HTTP Basic client authentication when a client id and
 * secret are configured, the answer capped at 64 KiB, and `active: false` meaning invalid.
 */
import type { HttpClient } from '../shared/http-client.ts';

export interface IntrospectionOptions {
  http: HttpClient;
  url: string;
  clientId?: string;
  clientSecret?: string;
  headers?: () => Record<string, string>;
}

export class TokenIntrospector {
  private readonly options: IntrospectionOptions;

  constructor(options: IntrospectionOptions) {
    this.options = options;
  }

  /** The claims of an active token; throws when the token is inactive or the call fails. */
  async introspect(token: string): Promise<Record<string, unknown>> {
    const form = new URLSearchParams({ token, token_type_hint: 'access_token' }).toString();
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
      ...this.options.headers?.(),
    };
    const { clientId, clientSecret } = this.options;
    if (clientId && clientSecret) {
      // RFC 6749 §2.3.1: form-urlencode each part before Base64.
      const basic = Buffer.from(
        `${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`,
      ).toString('base64');
      headers.authorization = `Basic ${basic}`;
    }
    const res = await this.options.http.request({
      url: this.options.url,
      method: 'POST',
      headers,
      body: form,
      maxResponseBytes: 64 * 1024,
      timeoutMs: 10_000,
    });
    if (res.status === 401) throw new Error('introspection unauthorized');
    if (res.status !== 200) throw new Error(`introspection failed with status ${res.status}`);
    let body: unknown;
    try {
      body = res.json();
    } catch {
      throw new Error('introspection answer is not JSON');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw new Error('introspection answer is not an object');
    const claims = body as Record<string, unknown>;
    if (claims.active !== true) throw new Error('token is not active');
    const { active: _active, ...rest } = claims;
    for (const k of ['sub', 'scope', 'iss'])
      if (typeof rest[k] === 'string') rest[k] = (rest[k] as string).trim();
    return rest;
  }
}
