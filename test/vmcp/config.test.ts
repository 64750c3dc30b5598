import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfigText, resolveConfig } from '../../proxyrunner/vmcp/config/load.ts';

function problemsOf(yaml: string, env: Record<string, string> = {}): string[] {
  try {
    resolveConfig(parseConfigText(yaml), { env });
    return [];
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return err.problems.map((p) => `${p.path}: ${p.message}`);
  }
}

const base = `
name: demo
groupRef: team
incomingAuth: {type: anonymous}
outgoingAuth: {source: inline, default: {type: unauthenticated}}
backends:
  - {name: github, url: "http://127.0.0.1:1/mcp", transport: streamable-http}
  - {name: jira, url: "http://127.0.0.1:2/sse", transport: sse}
`;

describe('vMCP config loading', () => {
  it('fills ToolHive defaults', () => {
    const s = resolveConfig(parseConfigText(base), { env: {} });
    expect(s.aggregation.strategy).toBe('prefix');
    expect(s.aggregation.prefixFormat).toBe('{workload}_');
    expect(s.operational.healthCheckIntervalMs).toBe(30_000);
    expect(s.operational.healthCheckTimeoutMs).toBe(10_000);
    expect(s.operational.unhealthyThreshold).toBe(3);
    expect(s.operational.defaultTimeoutMs).toBe(30_000);
    expect(s.sessions.ttlMs).toBe(30 * 60_000);
    expect(s.outgoingAuth.source).toBe('inline');
  });

  it('refuses code mode by name rather than serving without it', () => {
    expect(problemsOf(`${base}\ncodeMode: {enabled: true, stepLimit: 1000}`)).toEqual([
      'codeMode.enabled: code mode (the execute_tool_script tool running Starlark scripts) is not supported by toolhive-ts; set codeMode.enabled to false or remove codeMode',
    ]);
    expect(problemsOf(`${base}\ncodeMode: {enabled: false}`)).toEqual([]);
  });

  it('rejects unknown fields and wrong types with their paths', () => {
    expect(problemsOf(`${base}\nbogus: 1\naggregation: {conflictResolution: nope}`).sort()).toEqual([
      'aggregation.conflictResolution: must be one of: "prefix", "priority", "manual"',
      'bogus: unknown field',
    ]);
    expect(problemsOf(`${base}\noperational: {timeouts: {default: "30 seconds"}}`)).toEqual([
      'operational.timeouts.default: "30 seconds" does not match ^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$',
    ]);
  });

  it('rejects composite tools with duplicate names, cycles, unknown references and bad templates', () => {
    const problems = problemsOf(`${base}
compositeTools:
  - name: triage
    description: one
    steps:
      - {id: a, tool: github.get_issue, dependsOn: [b], arguments: {n: "{{.params.n"}}
      - {id: b, tool: nowhere.tool, dependsOn: [a]}
      - {id: b, tool: github.x}
  - name: triage
    description: two
    steps:
      - {id: x, tool: github.x, condition: "{{if}}"}
      - {id: y, type: elicitation}
      - {id: z, tool: jira.y, dependsOn: [missing], onError: {action: retry}}
`);
    expect(problems).toEqual(
      expect.arrayContaining([
        'compositeTools[0].steps[2].id: "b" is duplicated',
        expect.stringMatching(
          /^compositeTools\[0\]\.steps\[0\]\.arguments\.n: invalid template: .*unclosed action/,
        ),
        expect.stringMatching(/^compositeTools\[0\]\.steps: dependency cycle detected involving step "a"/),
        'compositeTools[0].steps[1].tool: unknown tool reference "nowhere.tool": no backend named "nowhere"',
        'compositeTools[1].name: duplicate composite tool name: "triage"',
        expect.stringMatching(
          /^compositeTools\[1\]\.steps\[0\]\.condition: invalid template: .*missing value for if/,
        ),
        'compositeTools[1].steps[1].message: is required when type is elicitation',
        'compositeTools[1].steps[2].dependsOn[0]: references unknown step "missing"',
        'compositeTools[1].steps[2].onError.retryCount: must be at least 1 when action is retry',
      ]),
    );
  });

  it('requires defaultResults for output fields of skippable steps that others read', () => {
    const problems = problemsOf(`${base}
compositeTools:
  - name: flow
    steps:
      - {id: a, tool: github.x, condition: "{{.params.go}}"}
      - {id: b, tool: github.y, arguments: {v: "{{.steps.a.output.value}}"}}
`);
    expect(problems).toEqual([
      'compositeTools[0].steps[0].defaultResults.value: is required: step "a" may be skipped and field "value" is referenced by step b',
    ]);
  });

  it('resolves header values from the environment and checks them', () => {
    const cfg = `${base.replace('default: {type: unauthenticated}', 'default: {type: header_injection, headerInjection: {headerName: X-Key, headerValueEnv: KEY}}')}`;
    expect(problemsOf(cfg)).toEqual([
      'outgoingAuth.default.headerInjection.headerValueEnv: environment variable KEY not set or empty',
    ]);
    const s = resolveConfig(parseConfigText(cfg), { env: { KEY: 'k1' } });
    expect(s.outgoingAuth.default?.headerInjection?.headerValue).toBe('k1');
  });
});
