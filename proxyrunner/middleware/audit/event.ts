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

/** `{"time":…,"level":"AUDIT","msg":"audit_event",…}`: the slog JSON line ToolHive writes. */
export function formatAuditLine(event: AuditEvent, time: Date): string {
  return JSON.stringify({ time: time.toISOString(), level: 'AUDIT', msg: 'audit_event', ...event });
}
