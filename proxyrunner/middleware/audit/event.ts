/**
 * ToolHive's audit event (pkg/audit, toolhive-core/audit): one JSON line per MCP request,
 * `{"time","level":"AUDIT","msg":"audit_event","audit_id","type","logged_at","outcome",
 * "component","source","subjects","delegation","target","metadata","data"}`.
 */

export const EVENT_TYPES = [
  'mcp_initialize',
  'mcp_tool_call',
  'mcp_tools_list',
  'mcp_resource_read',
  'mcp_resources_list',
  'mcp_prompt_get',
  'mcp_prompts_list',
  'mcp_notification',
  'mcp_ping',
  'mcp_logging',
  'mcp_completion',
  'mcp_roots_list_changed',
  'mcp_request',
  'sse_connection',
  'http_request',
  'vmcp_workflow_started',
  'vmcp_workflow_completed',
  'vmcp_workflow_failed',
  'vmcp_workflow_timed_out',
  'vmcp_workflow_step_started',
  'vmcp_workflow_step_completed',
  'vmcp_workflow_step_failed',
  'vmcp_workflow_step_skipped',
] as const;

export type AuditEventType = (typeof EVENT_TYPES)[number];

export type AuditOutcome = 'success' | 'failure' | 'error' | 'denied' | 'application_error';

export const COMPONENT_TOOLHIVE = 'toolhive-api';

export interface AuditEvent {
  audit_id: string;
  type: string;
  logged_at: string;
  outcome: AuditOutcome;
  component: string;
  source: { type: 'network' | 'local'; value: string; extra: Record<string, unknown> };
  subjects: Record<string, string>;
  delegation?: {
    chain: Array<{ iss?: string; sub?: string }>;
    truncated?: boolean;
    omitted?: number;
    malformed?: boolean;
    malformedReason?: string;
  };
  target?: Record<string, string>;
  metadata?: { extra: Record<string, unknown> };
  data?: { request?: unknown; response?: unknown };
}

export function eventTypeForMethod(method: string): AuditEventType {
  switch (method) {
    case 'initialize':
      return 'mcp_initialize';
    case 'tools/call':
      return 'mcp_tool_call';
    case 'tools/list':
      return 'mcp_tools_list';
    case 'resources/read':
      return 'mcp_resource_read';
    case 'resources/list':
      return 'mcp_resources_list';
    case 'prompts/get':
      return 'mcp_prompt_get';
    case 'prompts/list':
      return 'mcp_prompts_list';
    case 'notifications/message':
      return 'mcp_notification';
    case 'ping':
      return 'mcp_ping';
    case 'logging/setLevel':
      return 'mcp_logging';
    case 'completion/complete':
      return 'mcp_completion';
    case 'notifications/roots/list_changed':
      return 'mcp_roots_list_changed';
    default:
      return 'mcp_request';
  }
}

export function outcomeForStatus(status: number): AuditOutcome {
  if (status >= 200 && status < 300) return 'success';
  if (status === 401 || status === 403) return 'denied';
  if (status >= 400 && status < 500) return 'failure';
  if (status >= 500) return 'error';
  return 'success';
}

let isoSecond = Number.NaN;
let isoPrefix = '';

/**
 * `Date#toISOString()` for a millisecond timestamp. The text up to the seconds is kept from the
 * previous call in the same second: formatting a date cost more than the rest of an audit line.
 */
export function isoTimestamp(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== isoSecond) {
    const full = new Date(ms).toISOString();
    isoSecond = second;
    isoPrefix = full.slice(0, -4); // up to and including the `.` before the milliseconds
  }
  const milli = ms - second * 1000;
  return `${isoPrefix}${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`;
}

/**
 * `{"time":…,"level":"AUDIT","msg":"audit_event",…}`: the slog JSON line ToolHive writes. The
 * object is built in its final key order rather than spread, which V8 serializes faster.
 */
export function formatAuditLine(event: AuditEvent, time: Date): string {
  const line: Record<string, unknown> = {
    time: isoTimestamp(time.getTime()),
    level: 'AUDIT',
    msg: 'audit_event',
    audit_id: event.audit_id,
    type: event.type,
    logged_at: event.logged_at,
    outcome: event.outcome,
    component: event.component,
    source: event.source,
    subjects: event.subjects,
  };
  if (event.delegation !== undefined) line.delegation = event.delegation;
  if (event.target !== undefined) line.target = event.target;
  if (event.metadata !== undefined) line.metadata = event.metadata;
  if (event.data !== undefined) line.data = event.data;
  return JSON.stringify(line);
}
