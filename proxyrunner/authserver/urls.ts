/**
 * URL rules of the authorization server. The rules a configuration is checked against live in
 * lib (the operator applies them too); matching a requested redirect URI is the server's own.
 */
import { isLoopbackHostname, parseUrl } from '../../lib/runconfig/authserver-urls.ts';

export {
  audienceProblem,
  endpointProblem,
  isLoopbackHostname,
  issuerProblem,
  redirectUriProblem,
} from '../../lib/runconfig/authserver-urls.ts';

/**
 * Whether `requested` may be used for a client registered with `registered`: exactly one of
 * them, or (public clients only, RFC 8252 §7.3) the same loopback redirect on another port.
 * Returns the registered URI that matched.
 */
export function matchRedirectUri(
  registered: readonly string[],
  requested: string,
  allowLoopbackPort: boolean,
): string | undefined {
  if (registered.includes(requested)) return requested;
  if (!allowLoopbackPort) return undefined;
  const r = parseUrl(requested);
  if (r?.protocol !== 'http:' || r.username || r.password || r.hash || requested.includes('#'))
    return undefined;
  if (!isLoopbackHostname(r.hostname)) return undefined;
  for (const candidate of registered) {
    const c = parseUrl(candidate);
    if (c?.protocol !== 'http:' || c.username || c.password) continue;
    const sameHost = c.hostname.toLowerCase() === r.hostname.toLowerCase();
    if (sameHost && isLoopbackHostname(c.hostname) && c.pathname === r.pathname && c.search === r.search)
      return candidate;
  }
  return undefined;
}
