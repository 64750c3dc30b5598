/**
 * The one outbound HTTP client of the policy chain (OIDC discovery, JWKS, introspection, token
 * exchange, webhooks). Built on node:http(s) rather than fetch because it needs per-client CA
 * bundles, client certificates (mTLS), a hard cap on response size, a total deadline, and a guard
 * that refuses private addresses (SSRF) unless allowed, the same knobs ToolHive's HTTP client has.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';

export interface HttpClientOptions {
  /** PEM CA bundle trusted instead of the system roots. */
  ca?: string | Buffer;
  /** PEM client certificate and key for mTLS. */
  cert?: string | Buffer;
  key?: string | Buffer;
  /** Skip server certificate verification (development only). */
  insecureSkipVerify?: boolean;
  /** Refuse to connect to private, loopback and link-local addresses. */
  blockPrivateAddresses?: boolean;
  /** Default deadline for a whole request, connect to last byte. */
  timeoutMs?: number;
  /** Default cap on response body size; larger bodies fail with HttpResponseTooLargeError. */
  maxResponseBytes?: number;
}

export interface HttpRequest {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  timeoutMs?: number;
  maxResponseBytes?: number;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text(): string;
  json(): unknown;
}

export class HttpTimeoutError extends Error {
  override name = 'HttpTimeoutError';
}
export class HttpResponseTooLargeError extends Error {
  override name = 'HttpResponseTooLargeError';
}
export class HttpNetworkError extends Error {
  override name = 'HttpNetworkError';
}

/** IPv4/IPv6 ranges an in-cluster attacker could reach through a server-side fetch. */
export function isPrivateAddress(address: string): boolean {
  if (isIP(address) === 4) {
    const [a, b] = address.split('.').map(Number) as [number, number];
    return (
      a === 10 ||
      a === 127 ||
      a === 0 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  const v6 = address.toLowerCase();
  if (v6.startsWith('::ffff:')) return isPrivateAddress(v6.slice(7));
  return v6 === '::1' || v6 === '::' || v6.startsWith('fc') || v6.startsWith('fd') || v6.startsWith('fe80');
}

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\./.test(h);
}

const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) {
      callback(err, '', 0);
      return;
    }
    const list = addresses as LookupAddress[];
    const bad = list.find((a) => isPrivateAddress(a.address));
    if (bad) {
      callback(new HttpNetworkError(`refusing to connect to private address ${bad.address}`), '', 0);
      return;
    }
    if (options.all) callback(null, list);
    else callback(null, list[0]!.address, list[0]!.family);
  });
};

export class HttpClient {
  private readonly options: HttpClientOptions;
  private readonly httpAgent: HttpAgent;
  private readonly httpsAgent: HttpsAgent;

  constructor(options: HttpClientOptions = {}) {
    this.options = options;
    const lookup = options.blockPrivateAddresses ? guardedLookup : undefined;
    this.httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 64, ...(lookup ? { lookup } : {}) });
    this.httpsAgent = new HttpsAgent({
      keepAlive: true,
      maxSockets: 64,
      minVersion: 'TLSv1.2',
      ...(options.ca ? { ca: options.ca } : {}),
      ...(options.cert ? { cert: options.cert } : {}),
      ...(options.key ? { key: options.key } : {}),
      rejectUnauthorized: !options.insecureSkipVerify,
      ...(lookup ? { lookup } : {}),
    });
  }

  request(req: HttpRequest): Promise<HttpResponse> {
    const url = new URL(req.url);
    const isHttps = url.protocol === 'https:';
    if (!isHttps && url.protocol !== 'http:')
      return Promise.reject(new HttpNetworkError(`unsupported URL scheme ${url.protocol}`));
    if (
      this.options.blockPrivateAddresses &&
      isIP(url.hostname.replace(/^\[|\]$/g, '')) &&
      isPrivateAddress(url.hostname.replace(/^\[|\]$/g, ''))
    ) {
      return Promise.reject(new HttpNetworkError(`refusing to connect to private address ${url.hostname}`));
    }
    const timeoutMs = req.timeoutMs ?? this.options.timeoutMs ?? 10_000;
    const maxBytes = req.maxResponseBytes ?? this.options.maxResponseBytes ?? 1 << 20;
    const headers: Record<string, string> = { ...req.headers };
    if (req.body !== undefined) headers['content-length'] = String(Buffer.byteLength(req.body));
    const doRequest = isHttps ? httpsRequest : httpRequest;

    return new Promise<HttpResponse>((resolve, reject) => {
      let settled = false;
      const finish = (err: Error | undefined, res?: HttpResponse): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        req.signal?.removeEventListener('abort', onAbort);
        if (err) reject(err);
        else resolve(res!);
      };
      const r = doRequest(
        url,
        { method: req.method ?? 'GET', headers, agent: isHttps ? this.httpsAgent : this.httpAgent },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxBytes) {
              r.destroy();
              finish(new HttpResponseTooLargeError(`response body exceeds ${maxBytes} bytes`));
              return;
            }
            chunks.push(chunk);
          });
          res.on('end', () => {
            const body = Buffer.concat(chunks);
            finish(undefined, {
              status: res.statusCode ?? 0,
              headers: res.headers,
              body,
              text: () => body.toString('utf8'),
              json: () => JSON.parse(body.toString('utf8')),
            });
          });
          res.on('error', (err) => finish(new HttpNetworkError(err.message)));
        },
      );
      const timer = setTimeout(() => {
        r.destroy();
        finish(new HttpTimeoutError(`request to ${url.origin} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      const onAbort = (): void => {
        r.destroy();
        finish(new HttpTimeoutError(`request to ${url.origin} aborted`));
      };
      req.signal?.addEventListener('abort', onAbort, { once: true });
      r.on('error', (err) =>
        finish(err instanceof HttpNetworkError ? err : new HttpNetworkError(err.message)),
      );
      if (req.body !== undefined) r.end(req.body);
      else r.end();
    });
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}
