import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfigText, resolveConfig } from '../../proxyrunner/vmcp/config/load.ts';

describe('docs/vmcp.md', () => {
  it('has a config example that loads', () => {
    const doc = readFileSync(new URL('../../docs/vmcp.md', import.meta.url), 'utf8');
    const yaml = /```yaml\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(yaml).toBeDefined();
    const s = resolveConfig(parseConfigText(yaml!), { env: { JIRA_API_KEY: 'k' } });
    expect(s.compositeTools.map((c) => c.name)).toEqual(['triage_issue']);
    expect(s.aggregation.tools.get('jira')?.overrides?.search_issues?.name).toBe('find_tickets');
    expect(s.operational.perWorkloadTimeoutMs.get('jira')).toBe(60_000);
  });
});
