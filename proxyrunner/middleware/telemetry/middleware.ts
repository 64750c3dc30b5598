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
import { newSpanId, newTraceId, parseTraceparent, type SpanContext, shouldSample } from './trace-context.ts';

export const TELEMETRY_MIDDLEWARE = 'telemetry';
const STATE = Symbol('telemetry');

interface ActiveSpan {
  traceId: string;
  spanId: string;
  parent?: SpanContext;
  sampled: boolean;
  startNs: bigint;
  startHr: bigint;
}

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

function nowNs(): bigint {
  return BigInt(Date.now()) * 1_000_000n;
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
    const mcp = mcpOf(ctx);
    let parent = parseTraceparent(header(ctx, 'traceparent'), header(ctx, 'tracestate'));
    const meta = mcp?.meta;
    const metaParent = meta ? parseTraceparent(meta.traceparent, meta.tracestate) : undefined;
    if (metaParent) parent = metaParent;
    const traceId = parent?.traceId ?? newTraceId();
    const span: ActiveSpan = {
      traceId,
      spanId: newSpanId(),
      ...(parent ? { parent } : {}),
      sampled: this.o.exporter !== undefined && shouldSample(this.o.samplingRate, traceId, parent),
      startNs: nowNs(),
      startHr: process.hrtime.bigint(),
    };
    ctx.state.set(STATE, span);
    this.connections(ctx)?.inc();
    return undefined;
  }

  onComplete(ctx: RequestContext, outcome: Outcome): void {
    const span = ctx.state.get(STATE) as ActiveSpan | undefined;
    if (!span) return; // refused before reaching telemetry (e.g. by auth), as in ToolHive
    ctx.state.delete(STATE);
    const mcp = ctx.mcp;
    const metrics = this.o.metrics;
    if (metrics) {
      this.connections(ctx)?.dec();
      this.recordMetrics(ctx, mcp, outcome, Number(process.hrtime.bigint() - span.startHr) / 1e9);
    }
    if (span.sampled && this.o.exporter) this.exportSpan(ctx, mcp, span, outcome);
  }

  private readonly gauges = new Map<string, { inc(): void; dec(): void }>();
  /** Bound metric children per label set, so a hot request costs no label hashing. */
  private readonly series = new Map<
    string,
    { count: { inc(): void }; duration: { observe(v: number): void } }
  >();

  /** The `toolhive_mcp_active_connections` child for this request's connection type. */
  private connections(ctx: RequestContext): { inc(): void; dec(): void } | undefined {
    const m = this.o.metrics;
    if (!m) return undefined;
    const type = ctx.http.method === 'GET' ? 'sse' : 'http';
    let g = this.gauges.get(type);
    if (!g) {
      g = m.activeConnections.labels({
        server: this.o.serverName,
        transport: this.o.transport,
        connection_type: type,
      });
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
    const m = this.o.metrics!;
    const status = outcome.status;
    // A JSON-RPC error in a 200 reply (a tool filter's refusal, a backend's error) is an error
    // too; ToolHive looks at the HTTP status only.
    const ok = status < 400 && outcome.error === undefined ? 'success' : 'error';
    const key = `${ctx.http.method}\u0000${status}\u0000${ok}\u0000${mcp?.method ?? ''}\u0000${mcp?.resourceId ?? ''}`;
    let series = this.series.get(key);
    if (!series) {
      const labels = {
        method: ctx.http.method,
        status_code: String(status),
        status: ok,
        mcp_method: truncateLabel(mcp?.method ?? 'unknown'),
        mcp_resource_id: truncateLabel(mcp?.resourceId ?? ''),
        server: this.o.serverName,
        transport: this.o.transport,
      };
      series = { count: m.requests.labels(labels), duration: m.requestDuration.labels(labels) };
      // Label values come from clients; bound the memo like Prometheus bounds nothing.
      if (this.series.size >= 10_000) this.series.clear();
      this.series.set(key, series);
    }
    series.count.inc();
    series.duration.observe(seconds);
    if (mcp) {
      const net = networkOf(this.o.transport);
      const op: Record<string, string> = {
        mcp_method_name: truncateLabel(mcp.method),
        jsonrpc_protocol_version: '2.0',
        network_transport: net.transport,
      };
      if (net.protocol) op.network_protocol_name = net.protocol;
      if (status >= 500) op.error_type = String(status);
      else if (outcome.error) op.error_type = String(outcome.error.code);
      if (mcp.method === 'tools/call') {
        op.gen_ai_operation_name = 'execute_tool';
        if (mcp.resourceId) op.gen_ai_tool_name = truncateLabel(mcp.resourceId);
      } else if (mcp.method === 'prompts/get' && mcp.resourceId)
        op.gen_ai_prompt_name = truncateLabel(mcp.resourceId);
      m.operationDuration.observe(op, seconds);
      if (mcp.method === 'tools/call' && mcp.resourceId) {
        m.toolCalls.inc({ server: this.o.serverName, tool: truncateLabel(mcp.resourceId), status: ok });
      }
    }
  }

  private exportSpan(
    ctx: RequestContext,
    mcp: McpRequestInfo | undefined,
    span: ActiveSpan,
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
    this.o.exporter!.export({
      traceId: span.traceId,
      spanId: span.spanId,
      ...(span.parent ? { parentSpanId: span.parent.spanId } : {}),
      ...(span.parent?.traceState ? { traceState: span.parent.traceState } : {}),
      name,
      kind: 2,
      startTimeUnixNano: span.startNs,
      endTimeUnixNano: span.startNs + (process.hrtime.bigint() - span.startHr),
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
