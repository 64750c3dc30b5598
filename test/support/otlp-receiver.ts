/** A local OTLP/HTTP receiver for telemetry tests: records every `/v1/traces` export (JSON). */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// biome-ignore lint/suspicious/noExplicitAny: OTLP JSON is walked freely in assertions
export type OtlpJson = any;

export class OtlpReceiver {
  /** `host:port`, as telemetry configs name the endpoint. */
  url = '';
  readonly exports: Array<{ headers: IncomingMessage['headers']; body: OtlpJson }> = [];
  private readonly server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      if (req.url === '/v1/traces' && req.headers['content-type'] === 'application/json')
        this.exports.push({ headers: req.headers, body: JSON.parse(data) });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });

  async start(): Promise<this> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', () => r()));
    this.url = `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Every span received so far. */
  spans(): OtlpJson[] {
    return this.exports.flatMap((e) =>
      e.body.resourceSpans.flatMap((rs: OtlpJson) => rs.scopeSpans.flatMap((ss: OtlpJson) => ss.spans)),
    );
  }

  stop(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }
}
