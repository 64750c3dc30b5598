/** Pieces both upstream kinds share: the HTTP client policy and the authorization URL. */
import { HttpClient } from '../../middleware/shared/http-client.ts';
import { isLoopbackHostname } from '../urls.ts';
import { MAX_UPSTREAM_RESPONSE_BYTES } from './token-endpoint.ts';

/**
 * The upstream's HTTP client. Private and cluster-internal addresses are refused (a server-side
 * request forgery guard) unless the upstream allows them, is itself on loopback (development),
 * or runs over plain HTTP on a trusted network by explicit choice.
 */
export function upstreamHttpClient(
  urls: readonly string[],
  opts: { allowPrivateIps: boolean; insecureAllowHttp: boolean },
): HttpClient {
  const loopback = urls.every((u) => {
    try {
      return isLoopbackHostname(new URL(u).hostname);
    } catch {
      return false;
    }
  });
  return new HttpClient({
    blockPrivateAddresses: !(opts.allowPrivateIps || opts.insecureAllowHttp || loopback),
    timeoutMs: 30_000,
    maxResponseBytes: MAX_UPSTREAM_RESPONSE_BYTES,
  });
}

/** `endpoint?response_type=code&client_id=…&state=…&code_challenge=…` plus extra parameters. */
export function authorizationUrl(
  endpoint: string,
  p: {
    clientId: string;
    redirectUri: string;
    scopes: readonly string[];
    state: string;
    codeChallenge: string;
    extra: Readonly<Record<string, string>>;
  },
): string {
  const url = new URL(endpoint);
  const q = url.searchParams;
  q.set('response_type', 'code');
  q.set('client_id', p.clientId);
  q.set('redirect_uri', p.redirectUri);
  if (p.scopes.length > 0) q.set('scope', p.scopes.join(' '));
  q.set('state', p.state);
  q.set('code_challenge', p.codeChallenge);
  q.set('code_challenge_method', 'S256');
  for (const [k, v] of Object.entries(p.extra)) q.set(k, v);
  return url.toString();
}
