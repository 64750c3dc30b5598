/**
 * The `telemetry` middleware: a server span per request (parent from W3C headers, overridden
 * by `traceparent` in `params._meta`, the MCP convention), renamed to `<method> <target>` once
 * the final parse is known, and the request metrics. Placed after the parser, before the rate
 * limiter and webhooks, as in ToolHive.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mcpOf } from '../shared/mcp-request.ts';
import type { McpRequestInfo, Middleware, MiddlewareRoute, Outcome, RequestContext } from '../types.ts';
import type { McpMetrics } from './metrics.ts';
import { truncateLabel } from './metrics.ts';
import type { AttributeValue, OtlpTraceExporter } from './otlp-exporter.ts';
import type { CounterSeries, GaugeSeries, HistogramSeries } from './series.ts';
import { newSpanId, parseTraceparent, type SpanContext, sampleRoot } from './trace-context.ts';

export const TELEMETRY_MIDDLEWARE = 'telemetry';
const STATE = Symbol('telemetry');

/** Per request: when it started, and the span when one is being recorded for export. */
interface RequestTiming {
  /** `performance.now()` at the start, for the duration. */
  startPerf: number;
  /**
   * Set only for a sampled request: unsampled ones never need ids. `startMs` is the system clock
   * at the start: `performance.timeOrigin` plus `startPerf` drifts from it over a long-lived
   * process (a clock step, a suspended VM), as OpenTelemetry's SDK found.
   */
  span?: { traceId: string; spanId: string; parent?: SpanContext; startMs: number };
}

/** The metric series one kind of request updates, resolved once per label set. */
interface RequestSeries {
  count: CounterSeries;
  duration: HistogramSeries;
  operation?: HistogramSeries;
  toolCall?: CounterSeries;
}

/** Resolved series are memoized per label set; past this many, the memo starts over. */
const MAX_MEMOIZED_SERIES = 4_096;

export interface TelemetryOptions {
  serverName: string;
  /** RunConfig transport of the backend: `stdio`, `sse`, `streamable-http`. */
  transport: string;
  samplingRate: number;
  useLegacyAttributes: boolean;
  exporter?: OtlpTraceExporter;
  metrics?: McpMetrics;
  /** Serve `/metrics` on the proxy port. */
  metricsRoute?: boolean;
  environmentAttributes?: Record<string, string>;
}

function header(ctx: RequestContext, name: string): string | undefined {
  const v = ctx.http.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** `network.transport` and `network.protocol.name` of the backend transport (ToolHive's mapTransport). */
function networkOf(transport: string): { transport: string; protocol?: string } {
  return transport === 'stdio' ? { transport: 'pipe' } : { transport: 'tcp', protocol: 'http' };
}

export class TelemetryMiddleware implements Middleware {
  readonly name = TELEMETRY_MIDDLEWARE;
  readonly routes: readonly MiddlewareRoute[];
  private readonly o: TelemetryOptions;

  constructor(options: TelemetryOptions) {
    this.o = options;
    const metrics = options.metrics;
    this.routes =
      metrics && options.metricsRoute
        ? [
            {
              methods: ['GET'],
              path: '/metrics',
              handle: async (_req: IncomingMessage, res: ServerResponse) => {
                const body = await metrics.text();
                res.writeHead(200, { 'content-type': metrics.contentType });
                res.end(body);
              },
            },
          ]
        : [];
  }

  onRequest(ctx: RequestContext): undefined {
    const timing: RequestTiming = { startPerf: performance.now() };
    if (this.o.exporter) {
      const mcp = mcpOf(ctx);
      let parent = parseTraceparent(header(ctx, 'traceparent'), header(ctx, 'tracestate'));
      const meta = mcp?.meta;
      const metaParent = meta ? parseTraceparent(meta.traceparent, meta.tracestate) : undefined;
      if (metaParent) parent = metaParent;
      if (parent) {
        if (parent.sampled)
          timing.span = { traceId: parent.traceId, spanId: newSpanId(), parent, startMs: Date.now() };
      } else {
        const traceId = sampleRoot(this.o.samplingRate);
        if (traceId) timing.span = { traceId, spanId: newSpanId(), startMs: Date.now() };
      }
    }
    ctx.state.set(STATE, timing);
    this.connections(ctx)?.inc();
    return undefined;
  }

  onComplete(ctx: RequestContext, outcome: Outcome): void {
    const timing = ctx.state.get(STATE) as RequestTiming | undefined;
    if (!timing) return; // refused before reaching telemetry (e.g. by auth), as in ToolHive
    ctx.state.delete(STATE);
    const elapsedMs = performance.now() - timing.startPerf;
    const mcp = ctx.mcp;
    if (this.o.metrics) {
      this.connections(ctx)?.dec();
      this.recordMetrics(ctx, mcp, outcome, elapsedMs / 1000);
    }
    if (timing.span && this.o.exporter) this.exportSpan(ctx, mcp, timing.span, elapsedMs, outcome);
  }

  private readonly gauges = new Map<string, GaugeSeries>();
  private readonly series = new Map<string, RequestSeries>();

  /** The `toolhive_mcp_active_connections` series for this request's connection type. */
  private connections(ctx: RequestContext): GaugeSeries | undefined {
    const m = this.o.metrics;
    if (!m) return undefined;
    const type = ctx.http.method === 'GET' ? 'sse' : 'http';
    let g = this.gauges.get(type);
    if (!g) {
      g = m.activeConnections.series([this.o.serverName, this.o.transport, type]);
      this.gauges.set(type, g);
    }
    return g;
  }

  private recordMetrics(
    ctx: RequestContext,
    mcp: McpRequestInfo | undefined,
    outcome: Outcome,
    seconds: number,
  ): void {
    const status = outcome.status;
    const errorCode = outcome.error?.code;
    // One memo lookup per request; the key holds every input of every label below.
    const key = `${ctx.http.method}\u0000${status}\u0000${errorCode ?? ''}\u0000${mcp?.method ?? '\u0001'}\u0000${mcp?.resourceId ?? ''}`;
    let series = this.series.get(key);
    if (!series) {
      series = this.resolveSeries(ctx.http.method, status, errorCode, mcp);
      // Label values come from clients; the families cap their series, this memo is capped too.
      if (this.series.size >= MAX_MEMOIZED_SERIES) this.series.clear();
      this.series.set(key, series);
    }
    series.count.inc();
    series.duration.observe(seconds);
    series.operation?.observe(seconds);
    series.toolCall?.inc();
  }

  private resolveSeries(
    method: string,
    status: number,
    errorCode: number | undefined,
    mcp: McpRequestInfo | undefined,
  ): RequestSeries {
    const m = this.o.metrics!;
    const server = this.o.serverName;
    // A JSON-RPC error in a 200 reply (a tool filter's refusal, a backend's error) is an error
    // too; ToolHive looks at the HTTP status only.
    const ok = status < 400 && errorCode === undefined ? 'success' : 'error';
    const request = [
      method,
      String(status),
      ok,
      truncateLabel(mcp?.method ?? 'unknown'),
      truncateLabel(mcp?.resourceId ?? ''),
      server,
      this.o.transport,
    ];
    const series: RequestSeries = {
      count: m.requests.series(request),
      duration: m.requestDuration.series(request),
    };
    if (mcp) {
      const net = networkOf(this.o.transport);
      const tool = mcp.method === 'tools/call' && mcp.resourceId ? truncateLabel(mcp.resourceId) : undefined;
      const prompt =
        mcp.method === 'prompts/get' && mcp.resourceId ? truncateLabel(mcp.resourceId) : undefined;
      // In OPERATION_LABELS order; `network_protocol_version` is never known here.
      series.operation = m.operationDuration.series([
        truncateLabel(mcp.method),
        '2.0',
        net.transport,
        net.protocol,
        undefined,
        mcp.method === 'tools/call' ? 'execute_tool' : undefined,
        tool,
        prompt,
        status >= 500 ? String(status) : errorCode !== undefined ? String(errorCode) : undefined,
      ]);
      if (tool !== undefined) series.toolCall = m.toolCalls.series([server, tool, ok]);
    }
    return series;
  }

  private exportSpan(
    ctx: RequestContext,
    mcp: McpRequestInfo | undefined,
    span: NonNullable<RequestTiming['span']>,
    elapsedMs: number,
    outcome: Outcome,
  ): void {
    const a: Record<string, AttributeValue> = {
      'http.request.method': ctx.http.method,
      'url.path': ctx.http.path,
      'url.full': `http://${header(ctx, 'host') ?? 'localhost'}${ctx.http.path}`,
      'mcp.server.name': this.o.serverName,
      'network.transport': networkOf(this.o.transport).transport,
      'http.response.status_code': outcome.status,
      'client.address': ctx.http.remoteAddress,
    };
    const ua = header(ctx, 'user-agent');
    if (ua) a['user_agent.original'] = ua;
    if (outcome.responseBytes !== undefined) a['http.response.body.size'] = outcome.responseBytes;
    if (ctx.sessionId) a['mcp.session.id'] = ctx.sessionId;
    if (mcp) {
      a['mcp.method.name'] = mcp.method;
      a['rpc.system.name'] = 'jsonrpc';
      a['jsonrpc.protocol.version'] = '2.0';
      if (mcp.id !== undefined) a['jsonrpc.request.id'] = String(mcp.id);
      if (mcp.protocolVersion) a['mcp.protocol.version'] = mcp.protocolVersion;
      if (mcp.clientInfo?.name) a['mcp.client.name'] = mcp.clientInfo.name;
      if (mcp.method.startsWith('resources/') && mcp.resourceId) a['mcp.resource.uri'] = mcp.resourceId;
      if (mcp.method === 'tools/call' && mcp.resourceId) {
        a['gen_ai.tool.name'] = mcp.resourceId;
        a['gen_ai.operation.name'] = 'execute_tool';
      }
      if (mcp.method === 'prompts/get' && mcp.resourceId) a['gen_ai.prompt.name'] = mcp.resourceId;
      if (this.o.useLegacyAttributes) {
        a['mcp.method'] = mcp.method;
        a['rpc.system'] = 'jsonrpc';
        a['rpc.service'] = 'mcp';
        if (mcp.resourceId) a['mcp.resource.id'] = mcp.resourceId;
        if (mcp.method === 'tools/call' && mcp.resourceId) a['mcp.tool.name'] = mcp.resourceId;
      }
    }
    if (this.o.useLegacyAttributes) {
      a['http.method'] = ctx.http.method;
      a['http.status_code'] = outcome.status;
      a['mcp.transport'] = this.o.transport;
    }
    for (const [k, v] of Object.entries(this.o.environmentAttributes ?? {})) a[`environment.${k}`] = v;
    if (outcome.status >= 500) a['error.type'] = String(outcome.status);
    else if (outcome.error) a['error.type'] = String(outcome.error.code);
    if (outcome.error) a['rpc.response.status_code'] = String(outcome.error.code);
    const name = mcp
      ? mcp.resourceId
        ? `${mcp.method} ${mcp.resourceId}`
        : mcp.method
      : `${ctx.http.method} ${ctx.http.path}`;
    const startNs = BigInt(span.startMs) * 1_000_000n;
    this.o.exporter!.export({
      traceId: span.traceId,
      spanId: span.spanId,
      ...(span.parent ? { parentSpanId: span.parent.spanId } : {}),
      ...(span.parent?.traceState ? { traceState: span.parent.traceState } : {}),
      name,
      kind: 2,
      startTimeUnixNano: startNs,
      endTimeUnixNano: startNs + BigInt(Math.round(elapsedMs * 1e6)),
      attributes: a,
      status:
        outcome.status >= 500
          ? { code: 2, message: `HTTP ${outcome.status}` }
          : outcome.error
            ? { code: 2, message: outcome.error.message }
            : outcome.status >= 400
              ? { code: 0 }
              : { code: 1 },
    });
  }

  async close(): Promise<void> {
    await this.o.exporter?.close();
  }
}
