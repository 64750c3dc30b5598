/** The audit line's fast formatting must write what the plain definitions write. */
import { describe, expect, it } from 'vitest';
import {
  type AuditEvent,
  formatAuditLine,
  isoTimestamp,
} from '../../../proxyrunner/middleware/audit/event.ts';

describe('audit line formatting', () => {
  it('isoTimestamp is Date#toISOString, across seconds, backwards in time and before 1970', () => {
    const base = Date.UTC(2026, 10, 21, 23, 59, 59, 998);
    const times = [base, base + 1, base + 2, base + 1_000, base - 5_000, 0, 1, 999, 1_000, -1, -1_001];
    for (let i = 0; i < 2_000; i++) times.push(Math.floor(Math.random() * 4_102_444_800_000));
    for (const t of times) expect(isoTimestamp(t)).toBe(new Date(t).toISOString());
  });

  it('formatAuditLine writes the slog fields first, then the event in ToolHive key order', () => {
    const time = new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6));
    const minimal: AuditEvent = {
      audit_id: 'a',
      type: 'mcp_tool_call',
      logged_at: time.toISOString(),
      outcome: 'success',
      component: 'c "quoted"',
      source: { type: 'network', value: '10.0.0.1', extra: {} },
      subjects: { user: 'anonymous' },
    };
    const full: AuditEvent = {
      ...minimal,
      delegation: { chain: [{ sub: 'agent' }] },
      target: { endpoint: '/mcp', method: 'tools/call', name: 'echo\n', type: 'tool' },
      metadata: { extra: { duration_ms: 3 } },
      data: { request: { id: 1 } },
    };
    for (const event of [minimal, full]) {
      // The definition the fast path replaces: the event spread after the slog fields.
      const expected = JSON.stringify({
        time: time.toISOString(),
        level: 'AUDIT',
        msg: 'audit_event',
        ...event,
      });
      expect(formatAuditLine(event, time)).toBe(expected);
    }
  });
});
