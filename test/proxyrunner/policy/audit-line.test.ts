/** The audit line's fast formatting must write what the plain definitions write; the sink batches. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { openAuditSink } from '../../../proxyrunner/middleware/audit/auditor.ts';
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

describe('audit file sink', () => {
  it('writes the lines of one callback together, in order, before the next I/O, and all of them on close', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-sink-'));
    try {
      const file = join(dir, 'audit.log');
      const { sink, close } = openAuditSink(file);
      sink('{"n":1}');
      sink('{"n":2}');
      sink('{"n":3}');
      await Promise.resolve();
      expect(readFileSync(file, 'utf8')).toBe('{"n":1}\n{"n":2}\n{"n":3}\n');
      sink('{"n":4}');
      close(); // flushes what is pending
      expect(readFileSync(file, 'utf8').split('\n').filter(Boolean)).toHaveLength(4);
      // Late events after close are reported, not thrown into the request.
      const report = vi.spyOn(console, 'error').mockImplementation(() => {});
      sink('{"n":5}');
      sink('{"n":6}');
      await Promise.resolve();
      expect(readFileSync(file, 'utf8')).not.toContain('"n":5');
      expect(report).toHaveBeenCalledOnce();
      expect(report.mock.calls[0]![0]).toMatch(/^audit: 2 event\(s\) not written: /);
      report.mockRestore();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
