/**
 * Prometheus metrics with ToolHive's names (pkg/telemetry/middleware.go, as its OpenTelemetry
 * Prometheus exporter renders them): `toolhive_mcp_requests_total`,
 * `toolhive_mcp_request_duration_seconds`, `mcp_server_operation_duration_seconds`,
 * `toolhive_mcp_tool_calls_total`, `toolhive_mcp_active_connections`, plus
 * `toolhive_mcp_active_sessions` (ours, from the data path's session count) and the rate
 * limiter's `toolhive_rate_limit_*` counters. One registry per proxy, never the global one.
 */
import { Registry } from 'prom-client';
import { CounterFamily, GaugeFamily, HistogramFamily } from './series.ts';

/** ToolHive's MCPHistogramBuckets, in seconds. */
export const MCP_HISTOGRAM_BUCKETS = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 120, 300];
/** Client-controlled label values are cut to this many bytes (ToolHive's maxLabelValueBytes). */
const MAX_LABEL_BYTES = 128;

export function truncateLabel(v: string): string {
  // Bytes are at most 3 per UTF-16 unit, so short strings need no byte count.
  if (v.length * 3 <= MAX_LABEL_BYTES || Buffer.byteLength(v) <= MAX_LABEL_BYTES) return v;
  let cut = v.slice(0, MAX_LABEL_BYTES - 3);
  while (Buffer.byteLength(cut) > MAX_LABEL_BYTES - 3) cut = cut.slice(0, -1);
  return `${cut}...`;
}

/** Label names in the order the series' values are given. */
const REQUEST_LABELS = [
  'method',
  'status_code',
  'status',
  'mcp_method',
  'mcp_resource_id',
  'server',
  'transport',
] as const;
const OPERATION_LABELS = [
  'mcp_method_name',
  'jsonrpc_protocol_version',
  'network_transport',
  'network_protocol_name',
  'network_protocol_version',
  'gen_ai_operation_name',
  'gen_ai_tool_name',
  'gen_ai_prompt_name',
  'error_type',
] as const;
const TOOL_CALL_LABELS = ['server', 'tool', 'status'] as const;
const CONNECTION_LABELS = ['server', 'transport', 'connection_type'] as const;
const RATE_LIMIT_DECISION_LABELS = ['server', 'decision', 'rejected_by'] as const;

export class McpMetrics {
  readonly registry: Registry;
  readonly requests: CounterFamily;
  readonly requestDuration: HistogramFamily;
  readonly operationDuration: HistogramFamily;
  readonly toolCalls: CounterFamily;
  readonly activeConnections: GaugeFamily;
  readonly rateLimitDecisions: CounterFamily;
  readonly rateLimitRedisErrors: CounterFamily;
  readonly rateLimitFailOpen: CounterFamily;

  constructor(opts: {
    activeSessions?: () => number;
    server: string;
    transport: string;
    constLabels?: Record<string, string>;
  }) {
    const registry = new Registry();
    if (opts.constLabels) registry.setDefaultLabels(opts.constLabels);
    this.registry = registry;
    const registers = [registry];
    this.requests = new CounterFamily({
      name: 'toolhive_mcp_requests_total',
      help: 'Total number of MCP requests',
      labelNames: REQUEST_LABELS,
      registers,
    });
    this.requestDuration = new HistogramFamily({
      name: 'toolhive_mcp_request_duration_seconds',
      help: 'Duration of MCP requests in seconds',
      labelNames: REQUEST_LABELS,
      buckets: MCP_HISTOGRAM_BUCKETS,
      registers,
    });
    this.operationDuration = new HistogramFamily({
      name: 'mcp_server_operation_duration_seconds',
      help: 'Duration of MCP server operations',
      labelNames: OPERATION_LABELS,
      buckets: MCP_HISTOGRAM_BUCKETS,
      registers,
    });
    this.toolCalls = new CounterFamily({
      name: 'toolhive_mcp_tool_calls_total',
      help: 'Total number of MCP tool calls',
      labelNames: TOOL_CALL_LABELS,
      registers,
    });
    this.activeConnections = new GaugeFamily({
      name: 'toolhive_mcp_active_connections',
      help: 'Number of active MCP connections',
      labelNames: CONNECTION_LABELS,
      registers,
    });
    if (opts.activeSessions) {
      const count = opts.activeSessions;
      const sessions = new GaugeFamily({
        name: 'toolhive_mcp_active_sessions',
        help: 'Number of live MCP sessions held by this proxy',
        labelNames: ['server', 'transport'],
        registers,
        collect: () => series.set(count()),
      });
      const series = sessions.series([opts.server, opts.transport]);
    }
    this.rateLimitDecisions = new CounterFamily({
      name: 'toolhive_rate_limit_decisions_total',
      help: 'Rate limit decisions',
      labelNames: RATE_LIMIT_DECISION_LABELS,
      registers,
    });
    this.rateLimitRedisErrors = new CounterFamily({
      name: 'toolhive_rate_limit_redis_errors_total',
      help: 'Rate limit checks that failed on Redis',
      labelNames: ['server'],
      registers,
    });
    this.rateLimitFailOpen = new CounterFamily({
      name: 'toolhive_rate_limit_fail_open_total',
      help: 'Calls let through because Redis failed',
      labelNames: ['server'],
      registers,
    });
  }

  async text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
