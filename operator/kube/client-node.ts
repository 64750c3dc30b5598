/**
 * A KubeConnection through @kubernetes/client-node's KubeConfig, for kubeconfigs that
 * connection.ts does not read itself: exec credential plugins, auth providers (OIDC, cloud
 * CLIs), proxies, impersonation, several merged files. client-node is imported by the caller
 * only on that path, because loading it costs far more memory than the operator otherwise needs.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import type { KubeConnection, TlsSettings } from './connection.ts';
import { type HttpClientOptions, HttpKubeClient } from './http-client.ts';

/** How long headers from an authenticator (tokens from exec plugins) are reused. */
const AUTH_TTL_MS = 60_000;

interface HttpsOptions {
  headers?: Record<string, string | string[] | number>;
  auth?: string;
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  rejectUnauthorized?: boolean;
  servername?: string;
}

async function options(kc: KubeConfig): Promise<HttpsOptions> {
  const opts: HttpsOptions = {};
  await kc.applyToHTTPSOptions(opts as Parameters<KubeConfig['applyToHTTPSOptions']>[0]);
  return opts;
}

function tlsOf(opts: HttpsOptions): TlsSettings {
  const out: TlsSettings = {};
  if (opts.ca) out.ca = opts.ca;
  if (opts.cert) out.cert = opts.cert;
  if (opts.key) out.key = opts.key;
  if (opts.rejectUnauthorized !== undefined) out.rejectUnauthorized = opts.rejectUnauthorized;
  if (opts.servername) out.servername = opts.servername;
  return out;
}

function headersOf(opts: HttpsOptions): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(opts.headers ?? {}))
    out[k] = Array.isArray(v) ? v.join(', ') : String(v);
  if (opts.auth) out.Authorization = `Basic ${Buffer.from(opts.auth).toString('base64')}`;
  return out;
}

/**
 * The current context of `kc` as a KubeConnection. Credentials and TLS material come from
 * client-node's authenticators on the first request (HttpKubeClient asks for headers before it
 * builds its connection pool) and are refreshed every minute.
 */
export function clientNodeConnection(kc: KubeConfig): KubeConnection {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error('kubeconfig has no current cluster');
  let tls: TlsSettings = {};
  let cached: { headers: Record<string, string>; at: number } | undefined;
  return {
    server: cluster.server.replace(/\/+$/, ''),
    source: `kubeconfig context ${kc.getCurrentContext()} (through @kubernetes/client-node)`,
    tls: () => tls,
    async headers() {
      if (!cached || Date.now() - cached.at > AUTH_TTL_MS) {
        const next = await options(kc);
        tls = tlsOf(next);
        cached = { headers: headersOf(next), at: Date.now() };
      }
      return cached.headers;
    },
  };
}

/** An HttpKubeClient for a client-node KubeConfig (for callers that already hold one). */
export class ClientNodeKubeClient extends HttpKubeClient {
  constructor(kc: KubeConfig, opts: HttpClientOptions = {}) {
    super(clientNodeConnection(kc), opts);
  }
}
