import { describe, expect, it } from 'vitest';
import type { CompositeToolConfig } from '../../lib/api/types.generated.ts';
import {
  runWorkflow,
  type WorkflowEvent,
  type WorkflowHost,
  WorkflowRun,
} from '../../proxyrunner/vmcp/composer/engine.ts';
import { parseConfigText } from '../../proxyrunner/vmcp/config/load.ts';

type Json = Record<string, unknown>;

/** A host whose tools are plain functions, recording calls in order. */
function host(
  tools: Record<string, (args: Json) => Json | Promise<Json>>,
  opts: { elicit?: WorkflowHost['elicit']; schemas?: Record<string, Json> } = {},
) {
  const calls: Array<{ tool: string; args: Json }> = [];
  const events: WorkflowEvent[] = [];
  let running = 0;
  let maxRunning = 0;
  const h: WorkflowHost = {
    async callTool(ref, args) {
      calls.push({ tool: ref, args });
      const fn = tools[ref];
      if (!fn) throw new Error(`unknown tool ${ref}`);
      running++;
      maxRunning = Math.max(maxRunning, running);
      try {
        await new Promise((r) => setImmediate(r));
        return await fn(args);
      } finally {
        running--;
      }
    },
    inputSchema: (ref) => opts.schemas?.[ref],
    elicit: opts.elicit ?? (() => Promise.reject(new Error('no client'))),
    onEvent: (e) => events.push(e),
  };
  return { h, calls, events, maxRunning: () => maxRunning };
}

const text = (t: string): Json => ({ content: [{ type: 'text', text: t }] });

function tool(yaml: string): CompositeToolConfig {
  return (parseConfigText(`compositeTools:\n${yaml}`).compositeTools ?? [])[0]!;
}

describe('composite tool workflows', () => {
  it('runs independent steps in parallel and passes outputs through templates', async () => {
    const def = tool(`
  - name: report
    parameters: {type: object, properties: {owner: {type: string}, limit: {type: integer, default: 2}}}
    steps:
      - {id: a, tool: gh.issues, arguments: {owner: "{{.params.owner}}", limit: "{{.params.limit}}"}}
      - {id: b, tool: jira.tickets, arguments: {q: "{{.params.owner}}"}}
      - {id: c, tool: fmt.join, dependsOn: [a, b], arguments: {x: "{{.steps.a.output.count}}-{{.steps.b.output.text}}"}}
    output:
      properties:
        joined: {type: string, value: "{{.steps.c.output.text}}"}
        count: {type: integer, value: "{{.steps.a.output.count}}"}
`);
    const t = host(
      {
        'gh.issues': (a) => ({ content: [], structuredContent: { count: a.limit } }),
        'jira.tickets': () => text('T-1'),
        'fmt.join': (a) => text(`joined:${String(a.x)}`),
      },
      { schemas: { 'gh.issues': { type: 'object', properties: { limit: { type: 'integer' } } } } },
    );
    const res = await runWorkflow(def, t.h, { owner: 'acme' }, new AbortController().signal);
    expect(res.structuredContent).toEqual({ joined: 'joined:2-T-1', count: 2 });
    expect(t.calls[0]?.args).toEqual({ owner: 'acme', limit: 2 });
    expect(
      t.calls
        .slice(0, 2)
        .map((c) => c.tool)
        .sort(),
    ).toEqual(['gh.issues', 'jira.tickets']);
    expect(t.calls[2]?.tool).toBe('fmt.join');
    expect(t.maxRunning()).toBe(2);
  });

  it('retries a failing step with backoff, then succeeds', async () => {
    let n = 0;
    const def = tool(`
  - name: flaky
    steps:
      - {id: a, tool: x.flaky, onError: {action: retry, retryCount: 3, retryDelay: 5ms}}
`);
    const t = host({
      'x.flaky': () => (++n < 3 ? { isError: true, content: [{ type: 'text', text: 'boom' }] } : text('ok')),
    });
    const run = await new WorkflowRun(def, t.h, {}).run(new AbortController().signal);
    expect(run.status).toBe('completed');
    expect(run.steps.a?.retries).toBe(2);
    expect(run.output).toEqual({ text: 'ok' });
  });

  it('aborts on failure, continues with defaultResults, and skips on a false condition', async () => {
    const def = tool(`
  - name: mixed
    steps:
      - {id: a, tool: x.fail, onError: {action: continue}, defaultResults: {v: fallback}}
      - {id: b, tool: x.echo, dependsOn: [a], arguments: {v: "{{.steps.a.output.v}}"}}
      - {id: c, tool: x.echo, condition: "{{eq .steps.a.status \\"completed\\"}}", dependsOn: [a], defaultResults: {text: skipped}}
`);
    const t = host({
      'x.fail': () => ({ isError: true, content: [{ type: 'text', text: 'nope' }] }),
      'x.echo': (a) => text(String(a.v)),
    });
    const run = await new WorkflowRun(def, t.h, {}).run(new AbortController().signal);
    expect(run.status).toBe('completed');
    expect(run.steps.a?.status).toBe('failed');
    expect(run.steps.b?.output).toEqual({ text: 'fallback' });
    expect(run.steps.c?.status).toBe('skipped');

    const abort = tool(`
  - name: stops
    steps:
      - {id: a, tool: x.fail}
      - {id: b, tool: x.echo, dependsOn: [a]}
`);
    const t2 = host({
      'x.fail': () => ({ isError: true, content: [{ type: 'text', text: 'nope' }] }),
      'x.echo': () => text(''),
    });
    const res = await runWorkflow(abort, t2.h, {}, new AbortController().signal);
    expect(res.isError).toBe(true);
    expect(JSON.stringify(res.content)).toContain('tool execution failed: nope');
    expect(t2.calls.map((c) => c.tool)).toEqual(['x.fail']);
    expect(t2.events.map((e) => e.type)).toContain('workflow_failed');
  });

  it('loops with forEach, bounded parallelism and per-iteration results', async () => {
    const def = tool(`
  - name: each
    steps:
      - {id: list, tool: x.list}
      - id: each
        type: forEach
        dependsOn: [list]
        collection: "{{json .steps.list.output.items}}"
        itemVar: repo
        maxParallel: 2
        onError: {action: continue}
        step: {tool: x.stars, arguments: {name: "{{.forEach.repo}}", i: "{{.forEach.index}}"}}
`);
    const t = host({
      'x.list': () => ({ content: [], structuredContent: { items: ['a', 'b', 'c', 'bad', 'e'] } }),
      'x.stars': (a) =>
        a.name === 'bad'
          ? { isError: true, content: [{ type: 'text', text: 'no repo' }] }
          : text(`${String(a.name)}:${String(a.i)}`),
    });
    const run = await new WorkflowRun(def, t.h, {}).run(new AbortController().signal);
    expect(run.status).toBe('completed');
    const out = run.steps.each?.output as Json;
    expect(out.count).toBe(5);
    expect(out.completed).toBe(4);
    expect(out.failed).toBe(1);
    expect((out.iterations as Json[])[2]).toMatchObject({
      index: 2,
      item: 'c',
      status: 'completed',
      output: { text: 'c:2' },
    });
    expect(t.maxRunning()).toBeLessThanOrEqual(2);
  });

  it('asks the user and honours accept, decline with skip_remaining, and abort', async () => {
    const def = tool(`
  - name: confirm
    steps:
      - {id: ask, type: elicitation, message: "Delete {{.params.repo}}?", schema: {type: object, properties: {ok: {type: boolean}}}, onDecline: {action: skip_remaining}}
      - {id: del, tool: x.delete, dependsOn: [ask], arguments: {ok: "{{.steps.ask.output.content.ok}}"}}
`);
    const asked: string[] = [];
    const accept = host(
      { 'x.delete': (a) => text(`deleted:${String(a.ok)}`) },
      {
        elicit: async (m) => {
          asked.push(m);
          return { action: 'accept', content: { ok: true } };
        },
      },
    );
    expect(
      (await runWorkflow(def, accept.h, { repo: 'r1' }, new AbortController().signal)).structuredContent,
    ).toEqual({
      text: 'deleted:true',
    });
    expect(asked).toEqual(['Delete r1?']);

    const decline = host(
      { 'x.delete': () => text('deleted') },
      { elicit: async () => ({ action: 'decline' }) },
    );
    const run = await new WorkflowRun(def, decline.h, { repo: 'r1' }).run(new AbortController().signal);
    expect(run.status).toBe('completed');
    expect(run.steps.del?.status).toBe('skipped');
    expect(decline.calls).toEqual([]);

    const cancel = host(
      { 'x.delete': () => text('deleted') },
      { elicit: async () => ({ action: 'cancel' }) },
    );
    expect(
      (await new WorkflowRun(def, cancel.h, { repo: 'r1' }).run(new AbortController().signal)).status,
    ).toBe('failed');
  });

  it('times out a step and the whole workflow', async () => {
    const slow = (): Promise<Json> => new Promise((r) => setTimeout(() => r(text('late')), 5_000));
    const step = tool(`
  - name: slow
    steps:
      - {id: a, tool: x.slow, timeout: 50ms}
`);
    const r1 = await new WorkflowRun(step, host({ 'x.slow': slow }).h, {}).run(new AbortController().signal);
    expect(r1.status).toBe('failed');
    expect(r1.error).toMatch(/step a timed out/);
    const wf = tool(`
  - name: slow
    timeout: 50ms
    steps:
      - {id: a, tool: x.slow}
`);
    const r2 = await new WorkflowRun(wf, host({ 'x.slow': slow }).h, {}).run(new AbortController().signal);
    expect(r2.status).toBe('timed_out');
  });
});
