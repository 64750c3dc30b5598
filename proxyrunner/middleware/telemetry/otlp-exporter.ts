/**
 * A batching OTLP/HTTP trace exporter using the protobuf-JSON encoding (POST
 * `<endpoint>/v1/traces`, `Content-Type: application/json`). Spans are queued and sent every
 * `intervalMs` or when `maxBatch` spans are waiting; the queue is bounded so a dead collector
 * costs memory only up to `maxQueue` spans. Export failures are counted, never thrown at callers.
 */
import { HttpClient } from '../shared/http-client.ts';

export type AttributeValue = string | number | boolean | readonly string[];

export interface FinishedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  traceState?: string;
  name: string;
  kind: number;
  startTimeUnixNano: bigint;
  endTimeUnixNano: bigint;
  attributes: Record<string, AttributeValue>;
  status: { code: 0 | 1 | 2; message?: string };
}

export interface OtlpExporterOptions {
  /** Collector base URL, or `host:port` (then `insecure` picks http or https). */
  endpoint: string;
  insecure?: boolean;
  headers?: Record<string, string>;
  resource: Record<string, AttributeValue>;
  scopeName: string;
  scopeVersion?: string;
  intervalMs?: number;
  maxBatch?: number;
  maxQueue?: number;
  caCertPem?: string;
}

export function otlpTracesUrl(endpoint: string, insecure: boolean): string {
  const base = /^https?:\/\//.test(endpoint) ? endpoint : `${insecure ? 'http' : 'https'}://${endpoint}`;
  const u = new URL(base);
  if (u.pathname === '/' || u.pathname === '') u.pathname = '/v1/traces';
  return u.toString();
}

function anyValue(v: AttributeValue): Record<string, unknown> {
  if (typeof v === 'string') return { stringValue: v };
  if (typeof v === 'boolean') return { boolValue: v };
  if (typeof v === 'number') return Number.isInteger(v) ? { intValue: String(v) } : { doubleValue: v };
  return { arrayValue: { values: v.map((s) => ({ stringValue: s })) } };
}

function attributes(
  attrs: Record<string, AttributeValue>,
): Array<{ key: string; value: Record<string, unknown> }> {
  return Object.entries(attrs).map(([key, value]) => ({ key, value: anyValue(value) }));
}

export class OtlpTraceExporter {
  private queue: FinishedSpan[] = [];
  private readonly url: string;
  private readonly http: HttpClient;
  private readonly options: OtlpExporterOptions;
  private readonly timer: NodeJS.Timeout;
  private sending: Promise<void> = Promise.resolve();
  exported = 0;
  failures = 0;
  dropped = 0;

  constructor(options: OtlpExporterOptions) {
    this.options = options;
    this.url = otlpTracesUrl(options.endpoint, options.insecure === true);
    this.http = new HttpClient({
      timeoutMs: 10_000,
      maxResponseBytes: 1 << 20,
      ...(options.caCertPem ? { ca: options.caCertPem } : {}),
    });
    this.timer = setInterval(() => void this.flush(), options.intervalMs ?? 5_000);
    this.timer.unref();
  }

  export(span: FinishedSpan): void {
    if (this.queue.length >= (this.options.maxQueue ?? 2048)) {
      this.dropped++;
      return;
    }
    this.queue.push(span);
    if (this.queue.length >= (this.options.maxBatch ?? 512)) void this.flush();
  }

  /** Sends everything queued; resolves when the send finished (successfully or not). */
  flush(): Promise<void> {
    this.sending = this.sending.then(async () => {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.options.maxBatch ?? 512);
        await this.send(batch);
      }
    });
    return this.sending;
  }

  private async send(batch: FinishedSpan[]): Promise<void> {
    const body = JSON.stringify({
      resourceSpans: [
        {
          resource: { attributes: attributes(this.options.resource) },
          scopeSpans: [
            {
              scope: {
                name: this.options.scopeName,
                ...(this.options.scopeVersion ? { version: this.options.scopeVersion } : {}),
              },
              spans: batch.map((s) => ({
                traceId: s.traceId,
                spanId: s.spanId,
                ...(s.parentSpanId ? { parentSpanId: s.parentSpanId } : {}),
                ...(s.traceState ? { traceState: s.traceState } : {}),
                name: s.name,
                kind: s.kind,
                startTimeUnixNano: s.startTimeUnixNano.toString(),
                endTimeUnixNano: s.endTimeUnixNano.toString(),
                attributes: attributes(s.attributes),
                status: { code: s.status.code, ...(s.status.message ? { message: s.status.message } : {}) },
              })),
            },
          ],
        },
      ],
    });
    try {
      const res = await this.http.request({
        url: this.url,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...this.options.headers },
        body,
      });
      if (res.status >= 200 && res.status < 300) this.exported += batch.length;
      else this.failures++;
    } catch {
      this.failures++;
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
    this.http.close();
  }
}
