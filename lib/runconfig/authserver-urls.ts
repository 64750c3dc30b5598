/**
 * URL rules of the embedded authorization server: its own issuer (RFC 8414 §2, OIDC Discovery),
 * the endpoints of upstream identity providers, RFC 8707 resource indicators and RFC 8252
 * redirect URIs. HTTPS is required everywhere except on loopback hosts and where a config
 * explicitly opts into plain HTTP for a trusted in-cluster network. Shared by the operator, which
 * checks a configuration before it renders it, and the proxy runner, which checks it again at
 * start and applies the redirect rules to every registration.
 */

/** ToolHive's `IsLoopbackHost`: localhost, 127.0.0.0/8 and ::1 (IPv4-mapped too), bracketed or not. */
export function isLoopbackHostname(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return (
    h === 'localhost' ||
    h === '::1' ||
    /^127\.\d+\.\d+\.\d+$/.test(h) ||
    // IPv4-mapped loopback, as written and as WHATWG URL normalizes it (::ffff:7f00:1).
    /^::ffff:127\.\d+\.\d+\.\d+$/.test(h) ||
    /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(h)
  );
}

/** `url` parsed, or undefined when it is not an absolute URL. */
export function parseUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/**
 * An issuer identifier: absolute http(s) URL with a host, no query, fragment or userinfo, and
 * (for this server's own issuer) no trailing slash. Plain HTTP only on loopback or when allowed.
 */
export function issuerProblem(
  issuer: string,
  insecureAllowHttp: boolean,
  allowTrailingSlash = false,
): string | undefined {
  if (!issuer) return 'issuer is required';
  const u = parseUrl(issuer);
  if (!u) return 'invalid URL';
  if (u.protocol !== 'https:' && u.protocol !== 'http:')
    return 'scheme must be https (or http for localhost)';
  if (!u.hostname) return 'host is required';
  if (u.search || issuer.includes('?')) return 'must not contain query component';
  if (u.hash || issuer.includes('#')) return 'must not contain fragment component';
  if (u.username || u.password) return 'must not contain userinfo (credentials in the URL)';
  if (u.protocol === 'http:' && !insecureAllowHttp && !isLoopbackHostname(u.hostname))
    return `http scheme is only allowed for localhost, use https for ${u.hostname}`;
  if (!allowTrailingSlash && issuer.endsWith('/')) return 'must not have trailing slash';
  return undefined;
}

/** An upstream endpoint: https, or http on loopback or when the upstream allows plain HTTP. */
export function endpointProblem(url: string, insecureAllowHttp: boolean): string | undefined {
  const u = parseUrl(url);
  if (!u?.hostname) return `invalid URL "${url}"`;
  if (u.protocol === 'https:') return undefined;
  if (u.protocol === 'http:' && (insecureAllowHttp || isLoopbackHostname(u.hostname))) return undefined;
  return `${url} must use https`;
}

/** RFC 8707 §2: an absolute http(s) URI with a host and no fragment. */
export function audienceProblem(resource: string): string | undefined {
  const u = parseUrl(resource);
  if (!u) return 'Resource parameter is not a valid URI';
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return 'Resource must use http or https scheme';
  if (!u.host) return 'Resource must include a host';
  if (u.hash || resource.includes('#')) return 'Resource must not contain a fragment';
  return undefined;
}

/** ToolHive's `oauthproto.MaxRedirectURILength`. */
export const MAX_REDIRECT_URI_LENGTH = 2048;

/**
 * RFC 8252 redirect URIs for registration: https anywhere, http only on loopback, and (when
 * `allowPrivateSchemes`) private-use schemes of native apps such as `cursor://`. Never a
 * fragment, never relative.
 */
export function redirectUriProblem(uri: string, allowPrivateSchemes: boolean): string | undefined {
  if (uri.length > MAX_REDIRECT_URI_LENGTH)
    return `redirect_uri too long (maximum ${MAX_REDIRECT_URI_LENGTH} characters)`;
  const u = parseUrl(uri);
  if (!u || uri.includes('#')) return 'redirect_uri must be an absolute URI without a fragment';
  if (u.protocol === 'https:') return undefined;
  if (u.protocol === 'http:')
    return isLoopbackHostname(u.hostname)
      ? undefined
      : 'redirect_uri must use http (for loopback) or https scheme';
  if (!allowPrivateSchemes) return 'redirect_uri must use http (for loopback) or https scheme';
  // A private-use scheme must look like a reverse domain name or at least not be a web scheme
  // a browser would hand to another origin.
  if (['javascript:', 'data:', 'file:', 'vbscript:', 'blob:', 'about:'].includes(u.protocol))
    return 'redirect_uri must use a secure scheme (https, http for loopback, or a private-use scheme)';
  return undefined;
}
