/**
 * Validation of composite tool workflows (ToolHive's `config.ValidateCompositeToolConfig`):
 * step ids, types, templates, dependencies and cycles, error handling, forEach limits and the
 * `defaultResults` a skippable step needs when later steps read its output. Every problem carries
 * the path to the field, e.g. `compositeTools[0].steps[2].arguments.title`.
 */
import type { CompositeToolConfig, WorkflowStepConfig } from '../../../lib/api/types.generated.ts';
import { compile, references } from '../template/index.ts';
import { parseDuration } from './duration.ts';
import { joinPath, type Problem } from './structure.ts';

export const MAX_WORKFLOW_STEPS = 100;
export const MAX_FOREACH_ITERATIONS = 1000;
export const MAX_FOREACH_PARALLEL = 50;
export const MAX_RETRY_COUNT = 10;
const NAME_PATTERN = /^[a-z0-9]([a-z0-9_-]*[a-z0-9])?$/;
const TOOL_REF_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9._-]*$/;
const GO_IDENT = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function checkTemplate(problems: Problem[], path: string, text: unknown): void {
  if (typeof text !== 'string' || !text.includes('{{')) return;
  try {
    compile(text);
  } catch (err) {
    problems.push({ path, message: `invalid template: ${err instanceof Error ? err.message : String(err)}` });
  }
}

function checkArguments(problems: Problem[], path: string, args: unknown): void {
  if (args === undefined || args === null) return;
  if (typeof args !== 'object' || Array.isArray(args)) {
    problems.push({ path, message: 'must be an object' });
    return;
  }
  const walk = (v: unknown, p: string): void => {
    if (typeof v === 'string') checkTemplate(problems, p, v);
    else if (Array.isArray(v)) {
      for (const [i, e] of v.entries()) walk(e, joinPath(p, i));
    } else if (v !== null && typeof v === 'object') {
      for (const [k, e] of Object.entries(v)) walk(e, joinPath(p, k));
    }
  };
  walk(args, path);
}

function checkJsonSchema(problems: Problem[], path: string, schema: unknown, mustBeObject: boolean): void {
  if (schema === undefined || schema === null) return;
  if (typeof schema !== 'object' || Array.isArray(schema)) {
    problems.push({ path, message: 'must be a JSON Schema object' });
    return;
  }
  const s = schema as Record<string, unknown>;
  if (mustBeObject) {
    if (s.type === undefined) {
      problems.push({ path, message: "must have 'type' field (should be 'object' for JSON Schema)" });
      return;
    }
    if (s.type !== 'object') {
      problems.push({ path, message: `'type' must be 'object' (got '${String(s.type)}')` });
      return;
    }
  }
  const types = ['string', 'integer', 'number', 'boolean', 'object', 'array', 'null'];
  const walk = (node: unknown, p: string, depth: number): void => {
    if (depth > 10) {
      problems.push({ path: p, message: 'JSON Schema nested too deeply (max 10)' });
      return;
    }
    if (node === null || typeof node !== 'object' || Array.isArray(node)) {
      if (typeof node !== 'boolean')
        problems.push({ path: p, message: 'invalid JSON Schema: must be an object' });
      return;
    }
    const n = node as Record<string, unknown>;
    const t = n.type;
    const typeList = Array.isArray(t) ? t : t === undefined ? [] : [t];
    for (const one of typeList) {
      if (typeof one !== 'string' || !types.includes(one)) {
        problems.push({
          path: joinPath(p, 'type'),
          message: `invalid JSON Schema type ${JSON.stringify(one)}`,
        });
      }
    }
    if (n.properties !== undefined) {
      if (typeof n.properties !== 'object' || n.properties === null || Array.isArray(n.properties)) {
        problems.push({
          path: joinPath(p, 'properties'),
          message: 'invalid JSON Schema: properties must be an object',
        });
      } else {
        for (const [k, v] of Object.entries(n.properties))
          walk(v, joinPath(joinPath(p, 'properties'), k), depth + 1);
      }
    }
    if (n.items !== undefined && !Array.isArray(n.items)) walk(n.items, joinPath(p, 'items'), depth + 1);
    if (
      n.required !== undefined &&
      (!Array.isArray(n.required) || n.required.some((r) => typeof r !== 'string'))
    ) {
      problems.push({
        path: joinPath(p, 'required'),
        message: 'invalid JSON Schema: required must be a list of strings',
      });
    }
  };
  walk(schema, path, 0);
  if (JSON.stringify(schema).length > 100 * 1024) {
    problems.push({ path, message: 'JSON Schema larger than 100 KB' });
  }
}

function checkDuration(problems: Problem[], path: string, value: unknown): void {
  if (value === undefined || value === '') return;
  const ms = typeof value === 'string' ? parseDuration(value) : undefined;
  if (ms === undefined) problems.push({ path, message: `invalid duration ${JSON.stringify(value)}` });
  else if (ms < 0) problems.push({ path, message: 'cannot be negative' });
}

function checkStep(
  problems: Problem[],
  path: string,
  step: WorkflowStepConfig,
  ids: Set<string>,
  inner = false,
): void {
  const type = step.type ?? (inner ? 'tool' : '');
  if (step.type === undefined && step.tool && step.message) {
    problems.push({
      path,
      message: 'cannot have both tool and message fields - use explicit type to clarify intent',
    });
  }
  const effective = type === '' ? 'tool' : type;
  if (!['tool', 'elicitation', 'forEach'].includes(effective)) {
    problems.push({ path: joinPath(path, 'type'), message: 'must be one of: tool, elicitation, forEach' });
    return;
  }
  if (inner && effective !== 'tool') {
    problems.push({
      path: joinPath(path, 'type'),
      message: `must be 'tool' (got "${effective}"); only tool inner steps are supported`,
    });
    return;
  }
  if (effective === 'tool') {
    if (!step.tool) problems.push({ path: joinPath(path, 'tool'), message: 'is required when type is tool' });
    else if (!TOOL_REF_PATTERN.test(step.tool)) {
      problems.push({ path: joinPath(path, 'tool'), message: 'must be a valid tool name' });
    }
  }
  if (effective === 'elicitation') {
    if (!step.message)
      problems.push({ path: joinPath(path, 'message'), message: 'is required when type is elicitation' });
    checkJsonSchema(problems, joinPath(path, 'schema'), step.schema, false);
    for (const key of ['onDecline', 'onCancel'] as const) {
      const h = step[key];
      if (h && h.action !== undefined && !['abort', 'continue', 'skip_remaining'].includes(h.action)) {
        problems.push({
          path: joinPath(joinPath(path, key), 'action'),
          message: 'must be one of: abort, continue, skip_remaining',
        });
      }
    }
  }
  if (effective === 'forEach') {
    if (step.tool)
      problems.push({ path: joinPath(path, 'tool'), message: "forEach step must not have 'tool' field" });
    if (step.message)
      problems.push({
        path: joinPath(path, 'message'),
        message: "forEach step must not have 'message' field",
      });
    if (!step.collection)
      problems.push({ path: joinPath(path, 'collection'), message: 'is required for forEach steps' });
    else checkTemplate(problems, joinPath(path, 'collection'), step.collection);
    if (!step.step || typeof step.step !== 'object') {
      problems.push({ path: joinPath(path, 'step'), message: 'is required for forEach steps' });
    } else {
      checkStep(problems, joinPath(path, 'step'), step.step as unknown as WorkflowStepConfig, ids, true);
    }
    if (step.itemVar) {
      if (!GO_IDENT.test(step.itemVar)) {
        problems.push({
          path: joinPath(path, 'itemVar'),
          message: `must be a valid Go identifier (got "${step.itemVar}")`,
        });
      } else if (step.itemVar === 'index') {
        problems.push({ path: joinPath(path, 'itemVar'), message: "cannot be 'index' (reserved)" });
      }
    }
    if (step.maxParallel !== undefined && (step.maxParallel < 0 || step.maxParallel > MAX_FOREACH_PARALLEL)) {
      problems.push({
        path: joinPath(path, 'maxParallel'),
        message: `must be between 0 and ${MAX_FOREACH_PARALLEL}`,
      });
    }
    if (
      step.maxIterations !== undefined &&
      (step.maxIterations < 0 || step.maxIterations > MAX_FOREACH_ITERATIONS)
    ) {
      problems.push({
        path: joinPath(path, 'maxIterations'),
        message: `must be between 0 and ${MAX_FOREACH_ITERATIONS}`,
      });
    }
  }
  checkArguments(problems, joinPath(path, 'arguments'), step.arguments);
  checkTemplate(problems, joinPath(path, 'condition'), step.condition);
  checkTemplate(problems, joinPath(path, 'message'), step.message);
  checkDuration(problems, joinPath(path, 'timeout'), step.timeout);
  if (step.onError) {
    const a = step.onError.action;
    if (a !== undefined && !['abort', 'continue', 'retry'].includes(a)) {
      problems.push({
        path: joinPath(joinPath(path, 'onError'), 'action'),
        message: 'must be one of: abort, continue, retry',
      });
    }
    if (a === 'retry' && !((step.onError.retryCount ?? 0) >= 1)) {
      problems.push({
        path: joinPath(joinPath(path, 'onError'), 'retryCount'),
        message: 'must be at least 1 when action is retry',
      });
    }
    checkDuration(problems, joinPath(joinPath(path, 'onError'), 'retryDelay'), step.onError.retryDelay);
  }
  if (!inner) {
    (step.dependsOn ?? []).forEach((dep, i) => {
      if (!ids.has(dep)) {
        problems.push({
          path: joinPath(joinPath(path, 'dependsOn'), i),
          message: `references unknown step "${dep}"`,
        });
      }
    });
  }
}

/** Finds one dependency cycle, as the list of step ids that form it. */
export function findCycle(steps: readonly WorkflowStepConfig[]): string[] | undefined {
  const deps = new Map<string, readonly string[]>();
  for (const s of steps) if (!deps.has(s.id)) deps.set(s.id, s.dependsOn ?? []);
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string): string[] | undefined => {
    const st = state.get(id);
    if (st === 'done') return undefined;
    if (st === 'visiting') return [...stack.slice(stack.indexOf(id)), id];
    state.set(id, 'visiting');
    stack.push(id);
    for (const d of deps.get(id) ?? []) {
      if (!deps.has(d)) continue;
      const c = visit(d);
      if (c) return c;
    }
    stack.pop();
    state.set(id, 'done');
    return undefined;
  };
  for (const s of steps) {
    const c = visit(s.id);
    if (c) return c;
  }
  return undefined;
}

interface FieldRef {
  readonly stepId: string;
  readonly field: string;
}

function stepFieldRefs(texts: readonly unknown[]): FieldRef[] {
  const out: FieldRef[] = [];
  for (const t of texts) {
    if (typeof t !== 'string' || !t.includes('{{')) continue;
    let refs: string[];
    try {
      refs = references(t);
    } catch {
      continue; // reported as an invalid template
    }
    for (const r of refs) {
      const parts = r.split('.');
      // ".steps.<id>.output.<field>…" splits into ['', 'steps', id, 'output', field, …]
      if (parts[1] === 'steps' && parts[3] === 'output' && parts[4] !== undefined) {
        out.push({ stepId: parts[2]!, field: parts[4] });
      }
    }
  }
  return out;
}

function stringsOf(v: unknown, out: unknown[] = []): unknown[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const e of v) stringsOf(e, out);
  else if (v !== null && typeof v === 'object') for (const e of Object.values(v)) stringsOf(e, out);
  return out;
}

function outputTemplates(props: Record<string, unknown> | undefined, out: unknown[] = []): unknown[] {
  for (const p of Object.values(props ?? {})) {
    if (p === null || typeof p !== 'object') continue;
    const prop = p as { value?: unknown; properties?: Record<string, unknown> };
    if (prop.value !== undefined) out.push(prop.value);
    if (prop.properties) outputTemplates(prop.properties, out);
  }
  return out;
}

export function validateCompositeTool(tool: CompositeToolConfig, path: string, problems: Problem[]): void {
  if (!tool.name) problems.push({ path: joinPath(path, 'name'), message: 'is required' });
  else if (tool.name.length > 64 || !NAME_PATTERN.test(tool.name)) {
    problems.push({
      path: joinPath(path, 'name'),
      message: `"${tool.name}" must match ^[a-z0-9]([a-z0-9_-]*[a-z0-9])?$ and be at most 64 characters`,
    });
  }
  checkDuration(problems, joinPath(path, 'timeout'), tool.timeout);
  checkJsonSchema(problems, joinPath(path, 'parameters'), tool.parameters, true);
  const steps = tool.steps ?? [];
  const stepsPath = joinPath(path, 'steps');
  if (steps.length === 0) {
    problems.push({ path: stepsPath, message: 'must have at least one step' });
    return;
  }
  if (steps.length > MAX_WORKFLOW_STEPS) {
    problems.push({
      path: stepsPath,
      message: `too many steps: ${steps.length} (max ${MAX_WORKFLOW_STEPS})`,
    });
  }
  const ids = new Set<string>();
  steps.forEach((s, i) => {
    const p = joinPath(joinPath(stepsPath, i), 'id');
    if (!s.id) problems.push({ path: p, message: 'is required' });
    else if (ids.has(s.id)) problems.push({ path: p, message: `"${s.id}" is duplicated` });
    else ids.add(s.id);
  });
  steps.forEach((s, i) => {
    checkStep(problems, joinPath(stepsPath, i), s, ids);
  });
  const cycle = findCycle(steps);
  if (cycle) {
    problems.push({
      path: stepsPath,
      message: `dependency cycle detected involving step "${cycle[0]}" (${cycle.join(' -> ')})`,
    });
  }
  // Output shaping: each property has a value template or nested properties (objects only).
  const checkOutput = (props: Record<string, unknown> | undefined, p: string): void => {
    for (const [k, raw] of Object.entries(props ?? {})) {
      const pp = joinPath(p, k);
      const prop = raw as { type?: string; value?: unknown; properties?: Record<string, unknown> };
      const hasValue = typeof prop.value === 'string' && prop.value !== '';
      const hasProps = prop.properties !== undefined && Object.keys(prop.properties).length > 0;
      if (hasValue && hasProps) problems.push({ path: pp, message: 'cannot have both value and properties' });
      if (!hasValue && !hasProps)
        problems.push({ path: pp, message: 'must have either value or properties' });
      if (hasProps && prop.type !== 'object')
        problems.push({ path: pp, message: "properties are only allowed when type is 'object'" });
      if (hasValue) checkTemplate(problems, joinPath(pp, 'value'), prop.value);
      if (hasProps) checkOutput(prop.properties, joinPath(pp, 'properties'));
    }
  };
  if (tool.output) {
    const outPath = joinPath(joinPath(path, 'output'), 'properties');
    checkOutput(tool.output.properties, outPath);
    (tool.output.required ?? []).forEach((r, i) => {
      if (!(r in (tool.output?.properties ?? {}))) {
        problems.push({
          path: joinPath(joinPath(joinPath(path, 'output'), 'required'), i),
          message: `names unknown property "${r}"`,
        });
      }
    });
  }
  // A step that may be skipped (condition, or onError continue) needs defaultResults for every
  // output field that later steps or the output read.
  const skippable = new Map<string, Set<string>>();
  for (const s of steps) {
    if (s.condition || s.onError?.action === 'continue') {
      const d = s.defaultResults;
      skippable.set(
        s.id,
        new Set(d !== null && typeof d === 'object' && !Array.isArray(d) ? Object.keys(d) : []),
      );
    }
  }
  if (skippable.size > 0) {
    const report = (ref: FieldRef, by: string): void => {
      const defaults = skippable.get(ref.stepId);
      if (!defaults || defaults.has(ref.field)) return;
      const idx = steps.findIndex((s) => s.id === ref.stepId);
      problems.push({
        path: joinPath(joinPath(joinPath(stepsPath, idx), 'defaultResults'), ref.field),
        message: `is required: step "${ref.stepId}" may be skipped and field "${ref.field}" is referenced by ${by}`,
      });
    };
    const seen = new Set<string>();
    for (const s of steps) {
      for (const ref of stepFieldRefs([
        s.condition,
        s.message,
        ...stringsOf(s.arguments),
        s.collection,
        ...stringsOf((s.step as { arguments?: unknown } | undefined)?.arguments),
      ])) {
        const key = `${ref.stepId}.${ref.field}`;
        if (seen.has(key)) continue;
        seen.add(key);
        report(ref, `step ${s.id}`);
      }
    }
    for (const ref of stepFieldRefs(outputTemplates(tool.output?.properties))) {
      const key = `${ref.stepId}.${ref.field}`;
      if (seen.has(key)) continue;
      seen.add(key);
      report(ref, 'output');
    }
  }
}
