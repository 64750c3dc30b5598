/**
 * Where the API server is and how to authenticate to it, without loading
 * @kubernetes/client-node for the cases that do not need it.
 *
 * client-node's KubeConfig pulls in the whole generated API client (about 80 MiB of resident
 * memory in a process that uses none of it). The operator only needs a server URL, TLS material
 * and an Authorization header, so the two configurations it meets in production are read here
 * directly: the pod's service account (in cluster) and a kubeconfig with a token, a token file
 * or a client certificate. A kubeconfig that needs more (exec credential plugins, auth
 * providers, proxies, several files) is handed to client-node, loaded only then.
 *
 * The search order is client-node's `loadFromDefault`: `KUBECONFIG`, then `~/.kube/config`,
 * then the in-cluster service account (with no kubeconfig at all, an error rather than
 * client-node's guess of `http://localhost:8080`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { isIPv6 } from 'node:net';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';

export interface TlsSettings {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  /** Undefined keeps Node's default (verify). */
  rejectUnauthorized?: boolean;
  servername?: string;
}

export interface KubeConnection {
  /** API server base URL without a trailing slash. */
  readonly server: string;
  /** What the settings came from, for the start-up log. */
  readonly source: string;
  /** TLS material; read again when the connection pool is renewed (rotated files). */
  tls(): TlsSettings;
  /** Authentication headers; called before requests, so implementations cache. */
  headers(): Promise<Record<string, string>>;
}

export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/** How long a token read from a file is reused (kubelet rotates projected tokens well before expiry). */
const TOKEN_FILE_TTL_MS = 60_000;

/** Reads a token file at most once a minute, like client-go. */
function tokenFileHeaders(file: string): () => Promise<Record<string, string>> {
  let cached: { value: Record<string, string>; at: number } | undefined;
  return async () => {
    const now = Date.now();
    if (!cached || now - cached.at > TOKEN_FILE_TTL_MS) {
      const token = readFileSync(file, 'utf8').trim();
      cached = { value: { Authorization: `Bearer ${token}` }, at: now };
    }
    return cached.value;
  };
}

/** The pod's service account, or undefined when not running in a pod. */
export function inClusterConnection(
  env: NodeJS.ProcessEnv,
  dir: string = SERVICE_ACCOUNT_DIR,
): KubeConnection | undefined {
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT;
  const tokenFile = join(dir, 'token');
  if (!host || !port || !existsSync(tokenFile)) return undefined;
  // client-node's rule: these ports mean a plain-HTTP API server.
  const scheme = port === '80' || port === '8080' || port === '8001' ? 'http' : 'https';
  const caFile = join(dir, 'ca.crt');
  return {
    server: `${scheme}://${isIPv6(host) ? `[${host}]` : host}:${port}`,
    source: 'in-cluster service account',
    tls: () => (existsSync(caFile) ? { ca: readFileSync(caFile) } : {}),
    headers: tokenFileHeaders(tokenFile),
  };
}

/** A kubeconfig list entry: `{name, cluster}`, `{name, user}` or `{name, context}`. */
interface Named {
  name: string;
  [field: string]: unknown;
}

interface KubeconfigCluster {
  server?: string;
  'certificate-authority'?: string;
  'certificate-authority-data'?: string;
  'insecure-skip-tls-verify'?: boolean;
  'tls-server-name'?: string;
  [other: string]: unknown;
}

interface KubeconfigUser {
  token?: string;
  tokenFile?: string;
  'client-certificate'?: string;
  'client-certificate-data'?: string;
  'client-key'?: string;
  'client-key-data'?: string;
  username?: string;
  password?: string;
  [other: string]: unknown;
}

interface Kubeconfig {
  'current-context'?: string;
  contexts?: Named[];
  clusters?: Named[];
  users?: Named[];
}

/** Cluster and user fields read here; anything else sends the kubeconfig to client-node. */
const CLUSTER_FIELDS = new Set([
  'server',
  'certificate-authority',
  'certificate-authority-data',
  'insecure-skip-tls-verify',
  'tls-server-name',
  'extensions',
]);
const USER_FIELDS = new Set([
  'token',
  'tokenFile',
  'client-certificate',
  'client-certificate-data',
  'client-key',
  'client-key-data',
  'username',
  'password',
  'extensions',
]);

function pick<T>(list: Named[] | undefined, name: string | undefined, field: string): T | undefined {
  const entry = list?.find((e) => e.name === name);
  return entry ? ((entry[field] ?? {}) as T) : undefined;
}

function material(base: string, file: string | undefined, data: string | undefined): Buffer | undefined {
  if (data) return Buffer.from(data, 'base64');
  if (file) return readFileSync(isAbsolute(file) ? file : resolve(base, file));
  return undefined;
}

/**
 * A connection from a kubeconfig file's current context, or undefined when the context needs
 * what only client-node implements (exec plugins, auth providers, proxies, impersonation).
 * Relative file paths are taken relative to the kubeconfig, as kubectl does.
 */
export async function kubeconfigConnection(file: string): Promise<KubeConnection | undefined> {
  const { parse } = await import('yaml');
  const doc = (parse(readFileSync(file, 'utf8')) ?? {}) as Kubeconfig;
  const context = pick<{ cluster?: string; user?: string }>(doc.contexts, doc['current-context'], 'context');
  if (!context)
    throw new Error(`kubeconfig ${file}: current context "${doc['current-context'] ?? ''}" not found`);
  const cluster = pick<KubeconfigCluster>(doc.clusters, context.cluster, 'cluster');
  if (!cluster?.server)
    throw new Error(`kubeconfig ${file}: cluster "${context.cluster ?? ''}" has no server`);
  const user = pick<KubeconfigUser>(doc.users, context.user, 'user') ?? {};
  if (Object.keys(cluster).some((k) => !CLUSTER_FIELDS.has(k))) return undefined;
  if (Object.keys(user).some((k) => !USER_FIELDS.has(k))) return undefined;

  const base = dirname(file);
  const server = cluster.server.replace(/\/+$/, '');
  const tls = (): TlsSettings => {
    const out: TlsSettings = {};
    const ca = material(base, cluster['certificate-authority'], cluster['certificate-authority-data']);
    const cert = material(base, user['client-certificate'], user['client-certificate-data']);
    const key = material(base, user['client-key'], user['client-key-data']);
    if (ca) out.ca = ca;
    if (cert) out.cert = cert;
    if (key) out.key = key;
    if (cluster['insecure-skip-tls-verify']) out.rejectUnauthorized = false;
    if (cluster['tls-server-name']) out.servername = cluster['tls-server-name'];
    return out;
  };
  let headers: () => Promise<Record<string, string>>;
  if (user.token) {
    const fixed = { Authorization: `Bearer ${user.token}` };
    headers = async () => fixed;
  } else if (user.tokenFile) {
    headers = tokenFileHeaders(isAbsolute(user.tokenFile) ? user.tokenFile : resolve(base, user.tokenFile));
  } else if (user.username !== undefined) {
    const basic = {
      Authorization: `Basic ${Buffer.from(`${user.username}:${user.password ?? ''}`).toString('base64')}`,
    };
    headers = async () => basic;
  } else {
    headers = async () => ({});
  }
  return { server, source: `kubeconfig ${file}`, tls, headers };
}

/** The kubeconfig files client-node's loadFromDefault would read: `KUBECONFIG`, else `~/.kube/config`. */
export function kubeconfigFiles(env: NodeJS.ProcessEnv, home: string | undefined): string[] {
  const fromEnv = (env.KUBECONFIG ?? '').split(delimiter).filter(Boolean);
  if (fromEnv.length > 0) return fromEnv;
  const file = home ? join(home, '.kube', 'config') : undefined;
  return file && existsSync(file) ? [file] : [];
}

/**
 * The connection the operator uses: the kubeconfig when there is one, else the in-cluster
 * service account. Kubeconfigs this module does not read itself (several files, exec plugins,
 * auth providers, proxies) go through client-node, loaded only then.
 */
export async function loadConnection(
  env: NodeJS.ProcessEnv = process.env,
  home: string | undefined = env.HOME,
): Promise<KubeConnection> {
  const files = kubeconfigFiles(env, home);
  if (files.length === 0) {
    const inCluster = inClusterConnection(env);
    if (inCluster) return inCluster;
    throw new Error('no kubeconfig (KUBECONFIG, ~/.kube/config) and no in-cluster service account');
  }
  if (files.length === 1) {
    const direct = await kubeconfigConnection(files[0]!);
    if (direct) return direct;
  }
  const [{ KubeConfig }, { clientNodeConnection }] = await Promise.all([
    import('@kubernetes/client-node'),
    import('./client-node.ts'),
  ]);
  // Several files merge as kubectl merges them: the first file's current context wins.
  const kc = new KubeConfig();
  kc.loadFromFile(files[0]!);
  for (const file of files.slice(1)) {
    const more = new KubeConfig();
    more.loadFromFile(file);
    kc.mergeConfig(more, true);
  }
  return clientNodeConnection(kc);
}
