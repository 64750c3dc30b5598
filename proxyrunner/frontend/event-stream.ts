/**
 * A session's event stream (the GET stream of streamable HTTP, or the legacy `/sse` stream):
 * messages unrelated to a request, keep-alive comments, and a bound on what a client that does
 * not read may leave buffered — past it the stream is closed rather than grown.
 */
import type { ServerResponse } from 'node:http';
import type { JsonRpcMessage } from '../protocol/jsonrpc.ts';
import { SSE_KEEPALIVE, sseMessage } from '../protocol/sse.ts';
import type { SessionChannel } from '../upstream/types.ts';

export interface EventStreamOptions {
  readonly keepAliveMs: number;
  readonly maxBufferBytes: number;
  /** Called once when the stream ends, whoever ended it. */
  readonly onClose: () => void;
}

/** Starts keep-alives on an SSE response whose headers are written; returns its channel. */
export function eventStream(res: ServerResponse, o: EventStreamOptions): SessionChannel {
  const channel: SessionChannel = {
    push: (msg: JsonRpcMessage) => {
      if (res.destroyed) return;
      if (res.writableLength > o.maxBufferBytes) {
        res.destroy();
        return;
      }
      res.write(sseMessage(JSON.stringify(msg)));
    },
  };
  const keepAlive = setInterval(() => {
    if (!res.destroyed) res.write(SSE_KEEPALIVE);
  }, o.keepAliveMs);
  res.once('close', () => {
    clearInterval(keepAlive);
    o.onClose();
  });
  return channel;
}
