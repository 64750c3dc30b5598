/**
 * What the aggregator needs from a backend: a channel that sends JSON-RPC requests in the
 * backend's own era (a 2025-11-25 session, or stateless 2026-07-28 requests), delivers the
 * messages the backend sends while answering (progress, logs, elicitation requests), and can
 * be closed. One implementation per transport.
 */
import type {
  JsonRpcError,
  JsonRpcNotification,
  JsonRpcRequest,
  JsonRpcResponse,
} from '../../protocol/jsonrpc.ts';
import type { HeaderForwardConfig } from './header-forward.ts';

export type BackendTransport = 'streamable-http' | 'sse';
export type BackendEra = '2025-11-25' | '2026-07-28';

/** A backend as discovery or the static config describes it. */
export interface BackendSpec {
  /** Backend id: the MCPServer / MCPRemoteProxy / MCPServerEntry name, or the static name. */
  readonly name: string;
  readonly url: string;
  readonly transport: BackendTransport;
  /** PEM CA bundle (already read) for TLS to the backend. */
  readonly caBundle?: string;
  /** `entry` for an MCPServerEntry; empty otherwise. */
  readonly type?: string;
  readonly metadata?: Readonly<Record<string, string>>;
  /** Where the backend came from, for status: MCPServer, MCPRemoteProxy, MCPServerEntry, static. */
  readonly kind?: string;
  /** Name of the MCPExternalAuthConfig found on the backend (discovered outgoing auth). */
  readonly authConfigRef?: string;
  /**
   * Headers for every request (an MCPServerEntry's `headerForward`): literal values, and secret
   * identifiers resolved from the environment when the backend is set up.
   */
  readonly headerForward?: HeaderForwardConfig;
}

/** The answer to a server→client request, as our client answers it. */
export type ClientAnswer = { result: Record<string, unknown> } | { error: JsonRpcError };

export interface CallOptions {
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** Extra headers for this call (outgoing auth, passthrough headers). */
  readonly headers?: Record<string, string>;
  /** A progress, log or other notification the backend sent while answering. */
  readonly onNotification?: (n: JsonRpcNotification) => void;
  /** A request the backend sent while answering (elicitation, sampling, roots). */
  readonly onRequest?: (r: JsonRpcRequest) => Promise<ClientAnswer>;
  /** Per-request envelope for a modern backend: the caller's client capabilities and identity. */
  readonly clientCapabilities?: Record<string, unknown>;
}

export interface ServerFacts {
  readonly era: BackendEra;
  readonly protocolVersion: string;
  readonly capabilities: Record<string, unknown>;
  readonly serverInfo?: { name?: string; version?: string };
  readonly instructions?: string;
}

export interface BackendChannel {
  /** Sends a request; resolves with the backend's JSON-RPC response (success or error). */
  request(
    method: string,
    params: Record<string, unknown> | undefined,
    opts: CallOptions,
  ): Promise<JsonRpcResponse>;
  notify(method: string, params: Record<string, unknown> | undefined, opts: CallOptions): Promise<void>;
  /** Connects (initialize) if not yet; resolves with what the server said about itself. */
  open(opts: CallOptions): Promise<ServerFacts>;
  close(): Promise<void>;
}

export const CLIENT_INFO = { name: 'toolhive-ts-vmcp', version: '0.1.0' } as const;
export const LEGACY_VERSION = '2025-11-25';
export const MODERN_VERSION = '2026-07-28';
