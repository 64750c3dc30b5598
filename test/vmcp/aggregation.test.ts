import { describe, expect, it } from 'vitest';
import type { WorkloadToolConfig } from '../../lib/api/types.generated.ts';
import {
  aggregate,
  type BackendCapabilities,
  resolveToolRef,
  routeResource,
} from '../../proxyrunner/vmcp/aggregation/aggregate.ts';
import type { AggregationSettings } from '../../proxyrunner/vmcp/config/model.ts';

const facts = { era: '2025-11-25' as const, protocolVersion: '2025-11-25', capabilities: { tools: {} } };

function backend(
  name: string,
  tools: string[],
  extra: Partial<BackendCapabilities['caps']> = {},
): BackendCapabilities {
  return {
    backend: name,
    caps: {
      facts,
      tools: tools.map((t) => ({ name: t, description: `${t} on ${name}`, inputSchema: { type: 'object' } })),
      resources: [],
      resourceTemplates: [],
      prompts: [],
      ...extra,
    },
  };
}

function settings(over: Partial<AggregationSettings>): AggregationSettings {
  return {
    strategy: 'prefix',
    prefixFormat: '{workload}_',
    priorityOrder: [],
    tools: new Map(),
    excludeAllTools: false,
    defaultToolVisibility: 'allow',
    ...over,
  };
}

const inputs = [
  backend('github', ['create_issue', 'search']),
  backend('jira', ['create_issue', 'search', 'sprint']),
  backend('docs', ['search']),
];

describe('conflict resolution', () => {
  it('prefix renames every tool with the configured format', () => {
    const v = aggregate(inputs, settings({ prefixFormat: '{workload}.' }));
    expect([...v.tools.keys()].sort()).toEqual([
      'docs.search',
      'github.create_issue',
      'github.search',
      'jira.create_issue',
      'jira.search',
      'jira.sprint',
    ]);
    expect(v.tools.get('jira.search')).toMatchObject({ backend: 'jira', backendTool: 'search' });
  });

  it('priority keeps the first-ranked backend and prefixes clashes among unranked ones', () => {
    const v = aggregate(
      [...inputs, backend('wiki', ['lookup']), backend('notes', ['lookup'])],
      settings({ strategy: 'priority', priorityOrder: ['jira', 'github'] }),
    );
    expect(v.tools.get('create_issue')?.backend).toBe('jira');
    expect(v.tools.get('search')?.backend).toBe('jira');
    expect(v.tools.get('sprint')?.backend).toBe('jira');
    expect(v.tools.has('notes_lookup') && v.tools.has('wiki_lookup')).toBe(true);
    expect(v.tools.has('lookup')).toBe(false);
  });

  it('manual needs every clash resolved with overrides', () => {
    const unresolved = aggregate(inputs, settings({ strategy: 'manual' }));
    expect(unresolved.problems.join('\n')).toMatch(
      /unresolved tool name conflict: "search" is offered by backends "docs", "github", "jira"/,
    );
    expect(unresolved.tools.has('search')).toBe(false);
    const resolved = aggregate(
      inputs,
      settings({
        strategy: 'manual',
        tools: new Map<string, WorkloadToolConfig>([
          [
            'github',
            {
              workload: 'github',
              overrides: { create_issue: { name: 'gh_issue' }, search: { name: 'gh_search' } },
            },
          ],
          [
            'jira',
            { workload: 'jira', overrides: { search: { name: 'jira_search', description: 'Find tickets' } } },
          ],
        ]),
      }),
    );
    expect(resolved.problems).toEqual([]);
    expect(resolved.tools.get('gh_issue')).toMatchObject({ backend: 'github', backendTool: 'create_issue' });
    expect(resolved.tools.get('jira_search')?.tool.description).toBe('Find tickets');
    expect(resolved.tools.get('create_issue')?.backend).toBe('jira');
    expect(resolveToolRef(resolved, 'github.search')?.name).toBe('gh_search');
  });

  it('filters only hide tools, which stay routable for composite tools', () => {
    const v = aggregate(
      inputs,
      settings({
        defaultToolVisibility: 'deny',
        tools: new Map([['github', { workload: 'github', filter: ['search'] }]]),
      }),
    );
    const visible = [...v.tools.values()].filter((t) => t.visible).map((t) => t.name);
    expect(visible).toEqual(['github_search']);
    expect(resolveToolRef(v, 'jira.sprint')?.name).toBe('jira_sprint');
  });

  it('routes resources by URI and template, first backend by name winning duplicates', () => {
    const v = aggregate(
      [
        backend('b', [], {
          resources: [{ uri: 'file:///a', name: 'a' }],
          resourceTemplates: [{ uriTemplate: 'db://{table}/rows' }],
        }),
        backend('a', [], { resources: [{ uri: 'file:///a', name: 'a' }] }),
      ],
      settings({}),
    );
    expect(routeResource(v, 'file:///a')).toBe('a');
    expect(routeResource(v, 'db://users/rows')).toBe('b');
    expect(routeResource(v, 'db://users/cols')).toBeUndefined();
  });
});
