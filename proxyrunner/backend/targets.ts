/**
 * Where HTTP requests go: one fixed URL (a local server, or a remote MCPRemoteProxy URL with
 * ToolHive's path and query rules), or the pods behind a headless Service, each new session
 * pinned to one of them.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

export interface HttpTarget {
  readonly description: string;
  /** Whether the remote path/query rules apply (MCPRemoteProxy). */
  readonly remote: boolean;
  /** A base URL (`scheme://host:port`) for a new session or a sessionless request. */
  pick(exclude?: string): Promise<string>;
  /**
   * The request URL for a client path: the target's own path replaces the MCP endpoint path,
   * and a remote URL's query comes before the client's (operator values win).
   */
  requestUrl(base: string, clientPath: string, clientQuery: string, mcpPath: string): string;
  /**
   * Where health checks go: the server itself (scheme and host, as ToolHive's pinger), or for
   * pods the ClusterIP Service, which routes to a ready pod.
   */
  healthBase(): string;
}

/** A single server at a fixed URL. */
export class FixedTarget implements HttpTarget {
  readonly description: string;
  readonly remote: boolean;
  private readonly origin: string;
  private readonly path: string;
  private readonly query: string;

  constructor(url: string, remote: boolean) {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:')
      throw new Error(`target ${url} must be http or https`);
    this.description = url;
    this.remote = remote;
    this.origin = u.origin;
    this.path = u.pathname;
    this.query = u.search.slice(1);
  }

  async pick(): Promise<string> {
    return this.origin;
  }

  healthBase(): string {
    return this.origin;
  }

  requestUrl(base: string, clientPath: string, clientQuery: string, mcpPath: string): string {
    const path = clientPath === mcpPath && this.path !== '/' ? this.path : clientPath;
    // Raw concatenation on purpose: re-encoding would escape commas some APIs expect literally.
    const query =
      this.remote && this.query !== ''
        ? clientQuery
          ? `${this.query}&${clientQuery}`
          : this.query
        : clientQuery;
    return `${base}${path}${query ? `?${query}` : ''}`;
  }
}

/** Resolves a headless Service name to pod addresses (DNS A/AAAA records). */
export type PodResolver = () => Promise<string[]>;

export function dnsResolver(host: string): PodResolver {
  return async () => {
    const records = await lookup(host, { all: true });
    return records.map((r) => r.address);
  };
}

/**
 * The pods behind `mcp-<name>-headless`: new sessions go round-robin over the addresses DNS
 * returns; when DNS has none (or fails) the ClusterIP Service is used so a request still lands.
 */
export class PodTarget implements HttpTarget {
  readonly description: string;
  readonly remote = false;
  private readonly resolve: PodResolver;
  private readonly port: number;
  private readonly fallback: string;
  private next = 0;

  constructor(opts: { resolve: PodResolver; port: number; fallbackHost: string; description: string }) {
    this.resolve = opts.resolve;
    this.port = opts.port;
    this.fallback = `http://${opts.fallbackHost}:${opts.port}`;
    this.description = opts.description;
  }

  async pick(exclude?: string): Promise<string> {
    let addresses: string[] = [];
    try {
      addresses = await this.resolve();
    } catch {
      // DNS trouble: fall back to the Service's virtual IP.
    }
    const bases = addresses.map((a) => this.baseOf(a));
    const candidates = bases.filter((b) => b !== exclude);
    const list = candidates.length > 0 ? candidates : bases;
    if (list.length === 0) return this.fallback;
    const base = list[this.next % list.length]!;
    this.next = (this.next + 1) % 1_000_000;
    return base;
  }

  healthBase(): string {
    return this.fallback;
  }

  /** An address from DNS, or `host:port` when a resolver knows ports too (tests, EndpointSlices). */
  private baseOf(address: string): string {
    if (isIP(address) === 6) return `http://[${address}]:${this.port}`;
    if (isIP(address) === 4) return `http://${address}:${this.port}`;
    return `http://${address}`;
  }

  requestUrl(base: string, clientPath: string, clientQuery: string): string {
    return `${base}${clientPath}${clientQuery ? `?${clientQuery}` : ''}`;
  }
}

// ---------------------------------------------------------------------------- remote URL rules

const ALWAYS_BLOCKED_V4: ReadonlyArray<[number, number]> = [
  cidr4('0.0.0.0', 8),
  cidr4('127.0.0.0', 8),
  cidr4('169.254.0.0', 16),
];
const PRIVATE_V4: ReadonlyArray<[number, number]> = [
  cidr4('10.0.0.0', 8),
  cidr4('172.16.0.0', 12),
  cidr4('192.168.0.0', 16),
];
const ALWAYS_BLOCKED_HOSTS = [
  'localhost',
  'kubernetes.default.svc.cluster.local',
  'kubernetes.default.svc',
  'kubernetes.default',
  'metadata.google.internal',
];
const PRIVATE_HOSTS = ['cluster.local'];

function cidr4(base: string, bits: number): [number, number] {
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return [(v4(base) & mask) >>> 0, mask];
}

function v4(ip: string): number {
  return ip.split('.').reduce((acc, part) => ((acc << 8) | Number(part)) >>> 0, 0);
}

function inRanges(ip: string, ranges: ReadonlyArray<[number, number]>): boolean {
  const n = v4(ip);
  return ranges.some(([base, mask]) => (n & mask) >>> 0 === base);
}

function v6Blocked(ip: string, allowPrivate: boolean): string | undefined {
  const lower = ip.toLowerCase();
  if (lower === '::' || lower === '::1') return 'loopback or unspecified';
  if (/^fe[89ab]/.test(lower)) return 'link-local';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (mapped) return addressBlocked(mapped[1]!, allowPrivate);
  if (!allowPrivate && /^f[cd]/.test(lower)) return 'unique-local (private)';
  return undefined;
}

/** Why an address may not be a remote target, or undefined (ToolHive's SSRF rules). */
export function addressBlocked(ip: string, allowPrivate: boolean): string | undefined {
  if (isIP(ip) === 6) return v6Blocked(ip, allowPrivate);
  if (inRanges(ip, ALWAYS_BLOCKED_V4)) return 'loopback, link-local or "this network"';
  if (!allowPrivate && inRanges(ip, PRIVATE_V4)) return 'private (RFC 1918)';
  return undefined;
}

function hostnameMatches(host: string, names: readonly string[]): boolean {
  const lower = host.toLowerCase();
  return names.some((n) => lower === n || lower.endsWith(`.${n}`));
}

/**
 * Checks a remote URL the way ToolHive's operator does before it deploys a remote proxy, and
 * the proxy checks again at connect time on every resolved address (DNS may say anything).
 */
export function validateRemoteUrl(raw: string, allowPrivate: boolean): string | undefined {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return `remote URL ${raw} is invalid`;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    return `remote URL must use http or https, got ${u.protocol}`;
  const host = u.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0) {
    const why = addressBlocked(host, allowPrivate);
    return why === undefined ? undefined : `remote URL host ${host} is not allowed: ${why}`;
  }
  if (hostnameMatches(host, ALWAYS_BLOCKED_HOSTS)) return `remote URL host ${host} is not allowed`;
  if (!allowPrivate && hostnameMatches(host, PRIVATE_HOSTS)) {
    return `remote URL host ${host} is cluster-internal; set allowPrivateEndpoint to use it`;
  }
  return undefined;
}

/**
 * A `dns.lookup` replacement for the remote agent: resolves as usual, then refuses blocked
 * addresses, so a hostname that later resolves to an internal address is not followed.
 */
export function guardedLookup(allowPrivate: boolean) {
  return (
    hostname: string,
    options: { family?: number | string; all?: boolean },
    callback: (
      err: NodeJS.ErrnoException | null,
      address: string | Array<{ address: string; family: number }>,
      family?: number,
    ) => void,
  ): void => {
    lookup(hostname, { all: true, family: Number(options.family) || 0 }).then(
      (records) => {
        const bad = records.find((r) => addressBlocked(r.address, allowPrivate) !== undefined);
        if (bad) {
          const err: NodeJS.ErrnoException = new Error(
            `remote host ${hostname} resolves to ${bad.address}, which is not allowed: ${addressBlocked(bad.address, allowPrivate)}`,
          );
          err.code = 'EREMOTEBLOCKED';
          callback(err, '', 0);
          return;
        }
        if (options.all) callback(null, records);
        else callback(null, records[0]!.address, records[0]!.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, '', 0),
    );
  };
}
