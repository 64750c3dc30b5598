/**
 * SSRF guard for remote MCP URLs (MCPServerEntry, MCPRemoteProxy), as ToolHive's
 * `ValidateRemoteURL`: loopback, link-local (cloud metadata), `localhost` and
 * `kubernetes.default*` are always refused; RFC 1918, IPv6 unique-local and `*.cluster.local`
 * only unless the resource sets `allowPrivateEndpoint`.
 */
import { BlockList, isIP } from 'node:net';

function blockList(cidrs: string[]): { list: BlockList; ranges: string[] } {
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [net, bits] = cidr.split('/') as [string, string];
    list.addSubnet(net, Number(bits), isIP(net) === 6 ? 'ipv6' : 'ipv4');
  }
  return { list, ranges: cidrs };
}

const ALWAYS_BLOCKED_CIDRS = ['0.0.0.0/8', '127.0.0.0/8', '169.254.0.0/16', '::/128', '::1/128', 'fe80::/10'];
const PRIVATE_CIDRS = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'];
const ALWAYS_BLOCKED_HOSTS = [
  'localhost',
  'kubernetes.default.svc.cluster.local',
  'kubernetes.default.svc',
  'kubernetes.default',
  'metadata.google.internal',
];
const PRIVATE_HOSTS = ['cluster.local'];

const always = blockList(ALWAYS_BLOCKED_CIDRS);
const privateNets = blockList(PRIVATE_CIDRS);

function checkIp(
  host: string,
  ip: string,
  blocked: { list: BlockList; ranges: string[] },
): string | undefined {
  const family = isIP(ip) === 6 ? 'ipv6' : 'ipv4';
  if (!blocked.list.check(ip, family)) return undefined;
  const single = new BlockList();
  for (const range of blocked.ranges) {
    const [net, bits] = range.split('/') as [string, string];
    if ((isIP(net) === 6 ? 'ipv6' : 'ipv4') !== family) continue;
    single.addSubnet(net, Number(bits), family);
    if (single.check(ip, family)) return `IP address ${host} falls within blocked range ${range}`;
  }
  return `IP address ${host} falls within a blocked range`;
}

function checkHost(host: string, names: string[]): string | undefined {
  const lower = host.toLowerCase();
  for (const blocked of names) {
    if (lower === blocked || lower.endsWith(`.${blocked}`)) {
      return `hostname "${host}" matches blocked internal hostname "${blocked}"`;
    }
  }
  return undefined;
}

/** An error message, or undefined when the URL may be used. */
export function validateRemoteUrl(
  raw: string | undefined,
  allowPrivateEndpoint: boolean,
): string | undefined {
  if (!raw) return 'remote URL must not be empty';
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return `remote URL is invalid: parse "${raw}": invalid URL`;
  }
  const scheme = u.protocol.slice(0, -1);
  if (scheme !== 'http' && scheme !== 'https')
    return `remote URL must use http or https scheme, got "${scheme}"`;
  if (u.hostname === '') return 'remote URL must have a valid host';
  const host = u.hostname.replace(/^\[|\]$/g, '');
  let problem: string | undefined;
  if (isIP(host) !== 0) {
    // IPv4-mapped IPv6 addresses are checked as IPv4, as Go's To4() does.
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(host)?.[1];
    const ip = mapped ?? host;
    problem =
      checkIp(host, ip, always) ?? (allowPrivateEndpoint ? undefined : checkIp(host, ip, privateNets));
  } else {
    problem =
      checkHost(host, ALWAYS_BLOCKED_HOSTS) ??
      (allowPrivateEndpoint ? undefined : checkHost(host, PRIVATE_HOSTS));
  }
  return problem ? `remote URL host is not allowed: ${problem}` : undefined;
}
