/**
 * Flow control between a backend response and a client response: stop reading the backend while
 * the client has more than a high-water mark unread, and read again once it has caught up.
 *
 * `res.write()`'s return value alone is not enough: while a response is corked (which the data
 * path does to send a last chunk and the end in one write) a chunked response reports only its
 * per-tick buffer, so a client that stops reading would make the proxy buffer everything the
 * backend sends. `writableLength` counts every buffered byte, corked or not.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Whether the client has a high-water mark or more of unread data. */
export function backedUp(res: ServerResponse): boolean {
  return res.writableLength >= res.writableHighWaterMark;
}

/**
 * Pauses `upstream` until `res` can take more: checked again once corked data has been handed
 * to the socket, then on every `drain` of the socket. A response that closes resumes nothing
 * (the backend read is ended by whoever handles the close).
 */
export function pauseUntilWritable(upstream: IncomingMessage, res: ServerResponse): void {
  if (upstream.isPaused()) return;
  upstream.pause();
  const socket = res.socket;
  const done = (): void => {
    socket?.off('drain', check);
    res.off('close', done);
  };
  const check = (): void => {
    if (res.destroyed) {
      done();
      return;
    }
    if (backedUp(res)) return;
    done();
    upstream.resume();
  };
  socket?.on('drain', check);
  res.once('close', done);
  // Corked data reaches the socket on the next tick; look again after that.
  setImmediate(check);
}
