/**
 * Which MCP era a request belongs to, and the modern envelope checks (reference/mcp-protocol.md
 * §2.3–2.6, §3.3). Classification follows ToolHive's `ClassifyRevision`: `initialize` is always
 * legacy; a modern signal (the `2026-07-28` header, or any of the three envelope keys in
 * `_meta`) is never downgraded, so a stripped or forged header cannot flip the era.
 */
import type { McpEra } from '../middleware/types.ts';

export const MODERN_VERSION = '2026-07-28';
export const LEGACY_VERSION = '2025-11-25';
/** Revisions a client may name in `MCP-Protocol-Version` (strict mode refuses others). */
export const KNOWN_VERSIONS: ReadonlySet<string> = new Set([
  '2024-11-05',
  '2025-03-26',
  '2025-06-18',
  LEGACY_VERSION,
  MODERN_VERSION,
]);

export const META_PROTOCOL_VERSION = 'io.modelcontextprotocol/protocolVersion';
export const META_CLIENT_INFO = 'io.modelcontextprotocol/clientInfo';
export const META_CLIENT_CAPABILITIES = 'io.modelcontextprotocol/clientCapabilities';
export const META_SERVER_INFO = 'io.modelcontextprotocol/serverInfo';

/** Modern error codes (2026-07-28 renumbered them into the spec's reserved range). */
export const MODERN_ERROR = {
  headerMismatch: -32020,
  missingClientCapability: -32021,
  unsupportedProtocolVersion: -32022,
} as const;

/** A modern request that fails validation: always HTTP 400 with this JSON-RPC error. */
export interface EnvelopeError {
  readonly code: number;
  readonly message: string;
  readonly data?: unknown;
}

export interface Classification {
  readonly era: McpEra;
  readonly error?: EnvelopeError;
}

const LEGACY: Classification = { era: '2025-11-25' };
const MODERN: Classification = { era: '2026-07-28' };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function classifyRevision(
  method: string,
  meta: Record<string, unknown> | undefined,
  protocolHeader: string | undefined,
): Classification {
  const header = protocolHeader ?? '';
  if (method === 'initialize') {
    // `initialize` is legacy unless it carries a real modern claim (then a modern server does
    // not know the method: 404 -32601, as the SDK and the conformance suite expect). A modern
    // header on a claim-less initialize is a contradiction.
    if (meta !== undefined && typeof meta[META_PROTOCOL_VERSION] === 'string') return MODERN;
    if (header === MODERN_VERSION) {
      return {
        era: '2026-07-28',
        error: { code: MODERN_ERROR.headerMismatch, message: 'Mismatched MCP-Protocol-Version header' },
      };
    }
    return LEGACY;
  }
  const hasSignal =
    header === MODERN_VERSION ||
    (meta !== undefined &&
      (META_PROTOCOL_VERSION in meta || META_CLIENT_INFO in meta || META_CLIENT_CAPABILITIES in meta));
  if (!hasSignal) return LEGACY;

  const raw = meta?.[META_PROTOCOL_VERSION];
  const bodyVersion = typeof raw === 'string' && raw !== '' ? raw : undefined;
  if (bodyVersion === undefined) {
    // Only envelope keys other than the version, and a non-modern header: the body has no claim
    // and the header names a legacy revision, so it is legacy traffic.
    if (header !== '' && header !== MODERN_VERSION) return LEGACY;
    return {
      era: '2026-07-28',
      error: { code: -32602, message: `Invalid params: _meta is missing "${META_PROTOCOL_VERSION}"` },
    };
  }
  // Header and body disagreeing is checked first: "neither value wins".
  if (header !== '' && header !== bodyVersion) {
    return {
      era: '2026-07-28',
      error: {
        code: MODERN_ERROR.headerMismatch,
        message: 'Mismatched MCP-Protocol-Version header',
        data: { header, body: bodyVersion },
      },
    };
  }
  if (bodyVersion !== MODERN_VERSION) {
    return {
      era: '2026-07-28',
      error: {
        code: MODERN_ERROR.unsupportedProtocolVersion,
        message: 'Unsupported protocol version',
        data: { supported: [MODERN_VERSION], requested: bodyVersion },
      },
    };
  }
  // The spec and the conformance suite want -32602 for a missing required key (ToolHive sends
  // -32021 here; we follow the spec).
  if (!isObject(meta?.[META_CLIENT_CAPABILITIES])) {
    return {
      era: '2026-07-28',
      error: { code: -32602, message: `Invalid params: _meta is missing "${META_CLIENT_CAPABILITIES}"` },
    };
  }
  return MODERN;
}

const NAME_REQUIRED = new Set(['tools/call', 'resources/read', 'prompts/get']);
const SENTINEL_PREFIX = '=?base64?';
const SENTINEL_SUFFIX = '?=';

/** Decodes an `=?base64?…?=` header value; undefined when the sentinel is malformed. */
export function decodeHeaderValue(v: string): string | undefined {
  if (!v.startsWith(SENTINEL_PREFIX) || !v.endsWith(SENTINEL_SUFFIX)) return v;
  const payload = v.slice(SENTINEL_PREFIX.length, v.length - SENTINEL_SUFFIX.length);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(payload) || payload.length % 4 !== 0) return undefined;
  return Buffer.from(payload, 'base64').toString('utf8');
}

/**
 * Modern requests carry mirrors of body fields in headers (SEP-2243); a server that reads the
 * body must reject disagreement with 400 + -32020. Values are trimmed (RFC 9110 OWS) and
 * compared case-sensitively.
 */
export function validateStandardHeaders(
  method: string,
  name: string | undefined,
  methodHeader: string | undefined,
  protocolHeader: string | undefined,
  nameHeader: string | undefined,
): EnvelopeError | undefined {
  const mismatch = (message: string): EnvelopeError => ({ code: MODERN_ERROR.headerMismatch, message });
  if (protocolHeader === undefined || protocolHeader.trim() === '') {
    return mismatch('Missing MCP-Protocol-Version header');
  }
  if (methodHeader === undefined || methodHeader.trim() === '') return mismatch('Missing Mcp-Method header');
  if (methodHeader.trim() !== method) return mismatch('Mcp-Method header does not match the request method');
  if (nameHeader === undefined || nameHeader.trim() === '') {
    return NAME_REQUIRED.has(method) && name !== undefined ? mismatch('Missing Mcp-Name header') : undefined;
  }
  const decoded = decodeHeaderValue(nameHeader.trim());
  if (decoded === undefined) return mismatch('Malformed Mcp-Name header');
  if (name !== undefined && decoded !== name)
    return mismatch('Mcp-Name header does not match the request body');
  return undefined;
}

/** Methods the 2026-07-28 revision removed: a modern request for one is answered 404 -32601. */
export const REMOVED_IN_MODERN: ReadonlySet<string> = new Set([
  'initialize',
  'ping',
  'logging/setLevel',
  'resources/subscribe',
  'resources/unsubscribe',
]);

/** Results that must carry `ttlMs` and `cacheScope` for modern clients (SEP-2549). */
export const CACHEABLE_METHODS: ReadonlySet<string> = new Set([
  'server/discover',
  'tools/list',
  'prompts/list',
  'resources/list',
  'resources/templates/list',
  'resources/read',
]);

/** HTTP status for a modern JSON-RPC error code (SDK v2's ladder mapping). */
export function modernErrorStatus(code: number): number {
  switch (code) {
    case -32700:
    case -32600:
    case MODERN_ERROR.headerMismatch:
    case MODERN_ERROR.missingClientCapability:
    case MODERN_ERROR.unsupportedProtocolVersion:
      return 400;
    case -32601:
      return 404;
    default:
      return 200;
  }
}
