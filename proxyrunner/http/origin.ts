/**
 * DNS-rebinding guard (ToolHive's `origin` middleware, MCP transport security): a browser page
 * on another site must not reach a proxy bound to loopback. With an explicit allowlist only
 * those origins pass; with none and a loopback bind, only the loopback origins of our own port
 * do, and the Host header must name loopback too. Missing `Origin` (non-browser clients) passes.
 */
import type { IncomingMessage } from 'node:http';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function isLoopbackAddress(host: string): boolean {
  return LOOPBACK_HOSTS.has(host) || host.startsWith('127.');
}

function normaliseOrigin(origin: string): string | undefined {
  try {
    const u = new URL(origin);
    return `${u.protocol}//${u.host}`.toLowerCase();
  } catch {
    return undefined;
  }
}

export class OriginGuard {
  private readonly allowed: Set<string>;
  private readonly checkHost: boolean;
  readonly enabled: boolean;

  constructor(allowedOrigins: readonly string[], bindHost: string, port: number) {
    const loopback = isLoopbackAddress(bindHost);
    const list =
      allowedOrigins.length > 0
        ? allowedOrigins
        : loopback
          ? [`http://localhost:${port}`, `http://127.0.0.1:${port}`, `http://[::1]:${port}`]
          : [];
    this.allowed = new Set(list.map((o) => normaliseOrigin(o) ?? o.toLowerCase()));
    this.checkHost = loopback;
    this.enabled = this.allowed.size > 0 || loopback;
  }

  /** Why the request is refused, or undefined when it may proceed. */
  check(req: IncomingMessage): string | undefined {
    if (this.checkHost) {
      const host = req.headers.host;
      if (host !== undefined) {
        const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0]!;
        if (!isLoopbackAddress(name.toLowerCase())) return 'Host not allowed';
      }
    }
    const raw = req.headersDistinct.origin;
    if (raw === undefined) return undefined;
    if (raw.length !== 1) return 'Origin not allowed';
    const origin = normaliseOrigin(raw[0]!);
    if (origin === undefined || !this.allowed.has(origin)) return 'Origin not allowed';
    return undefined;
  }
}
