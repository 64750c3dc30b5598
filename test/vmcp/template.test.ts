import { describe, expect, it } from 'vitest';
import { compile, references, render } from '../../proxyrunner/vmcp/template/index.ts';

const ctx = {
  params: {
    owner: 'acme',
    repo: 'tools',
    count: 3,
    ratio: 0.25,
    big: 1234567.5,
    tags: ['a', 'b'],
    empty: '',
  },
  steps: {
    fetch: {
      status: 'completed',
      output: { text: 'hello', n: 2, nested: { k: 'v' }, nil: null },
      content: { text: 'hello' },
    },
    skipped: { status: 'skipped', output: { ok: false } },
  },
  vars: {},
  workflow: { id: 'wf-1', step_count: 2 },
};

describe('Go text/template compatibility', () => {
  it('renders fields, missing keys and nulls the way Go prints them', () => {
    expect(render('{{.params.owner}}/{{.params.repo}}', ctx)).toBe('acme/tools');
    expect(render('{{.params.nope}}', ctx)).toBe('<no value>');
    expect(render('{{.steps.nope.output.text}}', ctx)).toBe('<no value>');
    expect(render('{{.steps.fetch.output.nil}}', ctx)).toBe('<nil>');
    expect(() => render('{{.steps.fetch.output.nil.x}}', ctx)).toThrow(
      /nil pointer evaluating interface \{\}\.x/,
    );
    expect(() => render('{{.params.owner.x}}', ctx)).toThrow(/can't evaluate field x in type string/);
  });

  it('prints numbers, lists and maps like fmt', () => {
    expect(render('{{.params.count}} {{.params.ratio}} {{.params.big}}', ctx)).toBe('3 0.25 1.2345675e+06');
    expect(render('{{.params.tags}}', ctx)).toBe('[a b]');
    expect(render('{{.steps.fetch.output.nested}}', ctx)).toBe('map[k:v]');
  });

  it('supports ToolHive functions json, quote and fromJson', () => {
    expect(render('{{json .steps.fetch.output.nested}}', ctx)).toBe('{"k":"v"}');
    expect(render('{{json "<a&b>"}}', ctx)).toBe('"\\u003ca\\u0026b\\u003e"');
    expect(render('{{quote .params.owner}}', ctx)).toBe('"acme"');
    expect(render('{{(fromJson "{\\"a\\":[1,2]}").a}}', ctx)).toBe('[1 2]');
    expect(render('{{with fromJson `{"x":"y"}`}}{{.x}}{{end}}', ctx)).toBe('y');
  });

  it('evaluates control flow, variables, pipelines and comparisons', () => {
    expect(render('{{if eq .steps.fetch.status "completed"}}yes{{else}}no{{end}}', ctx)).toBe('yes');
    expect(render('{{if .params.empty}}a{{else if .params.owner}}b{{else}}c{{end}}', ctx)).toBe('b');
    expect(render('{{range $i, $t := .params.tags}}{{$i}}={{$t}};{{end}}', ctx)).toBe('0=a;1=b;');
    expect(render('{{range .params.none}}x{{else}}empty{{end}}', ctx)).toBe('empty');
    expect(render('{{$o := .params.owner}}{{$o | printf "%s-%d" }}', ctx)).toBe(
      '%!d(MISSING)acme'.replace('%!d(MISSING)acme', 'acme-%!d(MISSING)'),
    );
    expect(render('{{printf "%s-%d" .params.owner .params.count}}', ctx)).toBe('acme-3');
    expect(render('{{len .params.tags}} {{index .params.tags 1}} {{gt .params.count 2}}', ctx)).toBe(
      '2 b true',
    );
    expect(
      render('{{and .params.owner .params.empty}}|{{or .params.empty "x"}}|{{not .params.empty}}', ctx),
    ).toBe('|x|true');
    expect(render('  {{- .params.owner -}}  !', ctx)).toBe('acme!');
    expect(render('a{{/* comment */}}b', ctx)).toBe('ab');
    expect(render('{{range .params.tags}}{{if eq . "a"}}{{continue}}{{end}}{{.}}{{end}}', ctx)).toBe('b');
  });

  it('rejects bad templates when parsing, like Go', () => {
    expect(() => compile('{{.params.x')).toThrow(/unclosed action/);
    expect(() => compile('{{nosuch .x}}')).toThrow(/function "nosuch" not defined/);
    expect(() => compile('{{if .x}}a')).toThrow(/missing \{\{end\}\}/);
    expect(() => compile('{{end}}')).toThrow(/unexpected \{\{end\}\}/);
    expect(() => compile('{{$x}}')).toThrow(/undefined variable "\$x"/);
  });

  it('finds the fields a template reads', () => {
    expect(references('{{if .steps.a.output.ok}}{{.steps.b.output.v | json}}{{end}}').sort()).toEqual([
      '.steps.a.output.ok',
      '.steps.b.output.v',
    ]);
  });
});
