/**
 * Server-sent events: the frames the proxy writes to clients, and an incremental parser for
 * event streams read from HTTP backends.
 */

/** One `event: message` frame carrying a JSON-RPC message. */
export function sseMessage(json: string, id?: string): string {
  return id === undefined
    ? `event: message\ndata: ${json}\n\n`
    : `event: message\nid: ${id}\ndata: ${json}\n\n`;
}

export const SSE_KEEPALIVE = ': keep-alive\n\n';

export const SSE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/event-stream',
  'cache-control': 'no-cache, no-transform',
  'x-accel-buffering': 'no',
};

export interface SseEvent {
  event: string;
  data: string;
  id?: string;
  retry?: number;
  /** The frame exactly as received, so unchanged events are forwarded byte for byte. */
  raw: string;
}

/**
 * Feeds chunks of an event stream and calls `onEvent` per complete event. Comment lines are
 * reported as events named `:` with the comment in `raw` so a forwarder can pass keep-alives on.
 */
export class SseParser {
  private buffer = '';
  private readonly onEvent: (e: SseEvent) => void;

  constructor(onEvent: (e: SseEvent) => void) {
    this.onEvent = onEvent;
  }

  push(chunk: string): void {
    this.buffer += chunk;
    for (;;) {
      const m = /\r\n\r\n|\n\n|\r\r/.exec(this.buffer);
      if (m === null) return;
      const block = this.buffer.slice(0, m.index);
      const raw = this.buffer.slice(0, m.index + m[0].length);
      this.buffer = this.buffer.slice(m.index + m[0].length);
      this.emit(block, raw);
    }
  }

  /** Whatever is left when the stream ends (an unterminated last event is dropped, per spec). */
  get pending(): string {
    return this.buffer;
  }

  private emit(block: string, raw: string): void {
    let event = 'message';
    const data: string[] = [];
    let id: string | undefined;
    let retry: number | undefined;
    let onlyComments = true;
    for (const line of block.split(/\r\n|\n|\r/)) {
      if (line.startsWith(':')) continue;
      onlyComments = false;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      let value = colon === -1 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
      else if (field === 'id') id = value;
      else if (field === 'retry' && /^\d+$/.test(value)) retry = Number(value);
    }
    if (onlyComments) {
      this.onEvent({ event: ':', data: '', raw });
      return;
    }
    const e: SseEvent = { event, data: data.join('\n'), raw };
    if (id !== undefined) e.id = id;
    if (retry !== undefined) e.retry = retry;
    this.onEvent(e);
  }
}
