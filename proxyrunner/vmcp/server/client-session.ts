/**
 * What the vMCP keeps per client session: the client's capabilities, its backend sessions
 * (opened lazily, on the first call that needs one), requests it is being asked (elicitation)
 * and requests in flight. Small and bounded: a few maps and one channel per backend used.
 */

import type { JsonRpcId, JsonRpcResponse } from '../../protocol/jsonrpc.ts';
import type { SessionChannel } from '../../upstream/types.ts';
import type { BackendChannel } from '../backends/types.ts';

export class ClientSession {
  readonly id: string;
  clientCapabilities: Record<string, unknown> = {};
  /** Backend sessions by backend name; a promise while one is being opened. */
  readonly channels = new Map<string, Promise<BackendChannel>>();
  /** Requests we sent the client (elicitation, sampling), waiting for its answer. */
  readonly asked = new Map<JsonRpcId, (r: JsonRpcResponse) => void>();
  /** Client requests in flight, to cancel on `notifications/cancelled`. */
  readonly inflight = new Map<JsonRpcId, AbortController>();
  channel: SessionChannel | undefined;
  /** Whether state kept in the session store has been read (or written) on this replica. */
  restored = false;
  lastUsed = Date.now();
  private nextAskId = 1;

  constructor(id: string) {
    this.id = id;
  }

  askId(): string {
    return `vmcp-${this.nextAskId++}`;
  }

  async close(): Promise<void> {
    for (const c of this.inflight.values()) c.abort(new Error('session closed'));
    this.inflight.clear();
    for (const r of this.asked.values()) {
      r({ jsonrpc: '2.0', id: null, error: { code: -32000, message: 'session closed' } });
    }
    this.asked.clear();
    const channels = [...this.channels.values()];
    this.channels.clear();
    await Promise.all(channels.map((p) => p.then((c) => c.close()).catch(() => undefined)));
  }
}
