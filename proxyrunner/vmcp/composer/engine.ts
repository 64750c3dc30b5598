/**
 * Runs composite tool workflows (ToolHive's composer, dataplane §4.5): a DAG of steps where each
 * step starts as soon as the steps it depends on have finished, at most `maxParallel` at once;
 * tool calls with retry and exponential backoff, elicitations, forEach loops; conditions,
 * per-step and per-workflow timeouts, and output shaping. Templates see `.params`, `.steps`,
 * `.vars`, `.workflow` and, inside forEach, `.forEach`.
 */
import { randomUUID } from 'node:crypto';
import type {
  CompositeToolConfig,
  OutputProperty,
  WorkflowStepConfig,
} from '../../../lib/api/types.generated.ts';
import { MAX_FOREACH_ITERATIONS, MAX_FOREACH_PARALLEL, MAX_RETRY_COUNT } from '../config/composite.ts';
import { parseDuration } from '../config/duration.ts';
import { render } from '../template/index.ts';
import {
  applyParameterDefaults,
  coerce,
  coerceDefault,
  coerceOutput,
  errorMessageOf,
  type Json,
  outputOf,
} from './values.ts';

export const DEFAULT_WORKFLOW_TIMEOUT_MS = 30 * 60_000;
export const DEFAULT_STEP_TIMEOUT_MS = 5 * 60_000;
export const MAX_ELICITATION_TIMEOUT_MS = 10 * 60_000;
export const DEFAULT_MAX_PARALLEL = 10;

export type StepStatus = 'pending' | 'running' | 'completed' | 'failed' | 'skipped';
export type WorkflowStatus = 'completed' | 'failed' | 'timed_out' | 'cancelled';

/** What the engine needs from the server: calling a tool by reference, asking the user. */
export interface WorkflowHost {
  /** Calls a backend tool (`<backend>.<tool>` or an advertised name); resolves with the MCP result. */
  callTool(ref: string, args: Json, signal: AbortSignal): Promise<Json>;
  /** Input schema of the tool a reference points to, for argument coercion. */
  inputSchema(ref: string): Json | undefined;
  /** Asks the client (MCP elicitation). Rejects when the client cannot be asked. */
  elicit(message: string, schema: Json, signal: AbortSignal): Promise<{ action: string; content?: Json }>;
  /** Workflow and step events, for audit and logs. */
  onEvent?(event: WorkflowEvent): void;
}

export interface WorkflowEvent {
  readonly type:
    | 'workflow_started'
    | 'workflow_completed'
    | 'workflow_failed'
    | 'workflow_timed_out'
    | 'step_started'
    | 'step_completed'
    | 'step_failed'
    | 'step_skipped';
  readonly workflow: string;
  readonly workflowId: string;
  readonly step?: string;
  readonly error?: string;
  readonly retries?: number;
}

interface StepState {
  status: StepStatus;
  output?: unknown;
  content?: Json;
  error?: string;
  retries: number;
  endedAt?: number;
}

export interface WorkflowResult {
  readonly status: WorkflowStatus;
  readonly output?: Json;
  readonly error?: string;
  readonly steps: Readonly<Record<string, Readonly<StepState>>>;
}

class StepFailure extends Error {}

/** Resolves after `ms`, or rejects when `signal` aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(t);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Settles with `p`, or rejects as soon as `signal` aborts (the host may be slow to notice). */
function raceAbort<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/** Runs `tasks` with at most `limit` in flight; stops starting new ones once `signal` aborts. */
async function pool<T>(
  items: readonly T[],
  limit: number,
  signal: AbortSignal,
  run: (item: T, i: number) => Promise<void>,
) {
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length && !signal.aborted) {
      const i = next++;
      await run(items[i]!, i);
    }
  });
  await Promise.all(workers);
}

function durationOr(text: string | undefined, fallback: number): number {
  if (!text) return fallback;
  return parseDuration(text) ?? fallback;
}

export class WorkflowRun {
  private readonly def: CompositeToolConfig;
  private readonly host: WorkflowHost;
  private readonly id = randomUUID();
  private readonly startedAt = Date.now();
  private readonly steps = new Map<string, StepState>();
  private readonly params: Json;
  private stopRequested = false;

  constructor(def: CompositeToolConfig, host: WorkflowHost, params: Json) {
    this.def = def;
    this.host = host;
    this.params = applyParameterDefaults(def.parameters, params);
    for (const s of def.steps) this.steps.set(s.id, { status: 'pending', retries: 0 });
  }

  private emit(type: WorkflowEvent['type'], extra: Partial<WorkflowEvent> = {}): void {
    try {
      this.host.onEvent?.({ type, workflow: this.def.name, workflowId: this.id, ...extra });
    } catch {
      // Observers never break a workflow.
    }
  }

  /** The template context: ToolHive's params, steps, vars and workflow metadata. */
  private context(forEach?: Json): Json {
    const steps: Json = {};
    for (const [id, s] of this.steps) {
      // Like ToolHive, steps that have not started are absent; a step without output reads as
      // an empty map (Go's nil map), so `.steps.x.output.f` renders <no value> instead of failing.
      if (s.status === 'pending') continue;
      const entry: Json = { status: s.status, output: s.output ?? {}, content: s.content ?? {} };
      if (s.error !== undefined) entry.error = s.error;
      steps[id] = entry;
    }
    const ctx: Json = {
      params: this.params,
      steps,
      vars: {},
      workflow: {
        id: this.id,
        duration_ms: Date.now() - this.startedAt,
        step_count: this.def.steps.length,
        status: 'running',
        start_time: new Date(this.startedAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      },
    };
    if (forEach) ctx.forEach = forEach;
    return ctx;
  }

  private expand(value: unknown, forEach?: Json): unknown {
    if (typeof value === 'string') return render(value, this.context(forEach));
    if (Array.isArray(value)) return value.map((v) => this.expand(v, forEach));
    if (value !== null && typeof value === 'object') {
      const out: Json = {};
      for (const [k, v] of Object.entries(value)) out[k] = this.expand(v, forEach);
      return out;
    }
    return value;
  }

  async run(signal: AbortSignal): Promise<WorkflowResult> {
    const timeoutMs = durationOr(this.def.timeout, DEFAULT_WORKFLOW_TIMEOUT_MS);
    const timeout = AbortSignal.timeout(timeoutMs);
    const ctl = new AbortController();
    const all = AbortSignal.any([signal, timeout, ctl.signal]);
    this.emit('workflow_started');
    let failure: string | undefined;
    try {
      await this.schedule(all, (err) => {
        failure ??= err;
        ctl.abort(new StepFailure(err));
      });
    } catch (err) {
      failure ??= err instanceof Error ? err.message : String(err);
    }
    if (timeout.aborted && !signal.aborted) {
      const error = `workflow ${this.def.name} timed out after ${timeoutMs} ms`;
      this.emit('workflow_timed_out', { error });
      return { status: 'timed_out', error, steps: Object.fromEntries(this.steps) };
    }
    if (signal.aborted) {
      return { status: 'cancelled', error: 'workflow cancelled', steps: Object.fromEntries(this.steps) };
    }
    if (failure !== undefined) {
      this.emit('workflow_failed', { error: failure });
      return { status: 'failed', error: failure, steps: Object.fromEntries(this.steps) };
    }
    try {
      const output = this.def.output
        ? this.buildOutput(this.def.output.properties, this.def.output.required)
        : this.lastOutput();
      this.emit('workflow_completed');
      return { status: 'completed', output: output ?? {}, steps: Object.fromEntries(this.steps) };
    } catch (err) {
      const error = `output construction failed: ${err instanceof Error ? err.message : String(err)}`;
      this.emit('workflow_failed', { error });
      return { status: 'failed', error, steps: Object.fromEntries(this.steps) };
    }
  }

  /** Starts each step once its dependencies are done, at most DEFAULT_MAX_PARALLEL at once. */
  private schedule(signal: AbortSignal, fail: (err: string) => void): Promise<void> {
    const defs = this.def.steps;
    const remaining = new Map(defs.map((s) => [s.id, new Set(s.dependsOn ?? [])]));
    let running = 0;
    return new Promise<void>((resolve) => {
      const pump = (): void => {
        if (signal.aborted || this.stopRequested) {
          for (const [id] of remaining) {
            const st = this.steps.get(id)!;
            if (st.status === 'pending' && this.stopRequested && !signal.aborted) {
              st.status = 'skipped';
              this.emit('step_skipped', { step: id });
            }
          }
          remaining.clear();
        }
        for (const s of defs) {
          if (running >= DEFAULT_MAX_PARALLEL) break;
          const deps = remaining.get(s.id);
          if (!deps || deps.size > 0) continue;
          remaining.delete(s.id);
          running++;
          this.runStep(s, signal)
            .catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)))
            .finally(() => {
              running--;
              for (const d of remaining.values()) d.delete(s.id);
              pump();
            });
        }
        if (running === 0 && (remaining.size === 0 || signal.aborted)) resolve();
      };
      pump();
    });
  }

  private lastOutput(): Json | undefined {
    let last: StepState | undefined;
    for (const s of this.steps.values()) {
      if (s.status === 'completed' && s.endedAt !== undefined && (!last || s.endedAt >= (last.endedAt ?? 0)))
        last = s;
    }
    const o = last?.output;
    return o !== null && typeof o === 'object' && !Array.isArray(o) ? (o as Json) : undefined;
  }

  private finish(id: string, patch: Partial<StepState>): void {
    Object.assign(this.steps.get(id)!, patch, { endedAt: Date.now() });
  }

  private async runStep(step: WorkflowStepConfig, workflowSignal: AbortSignal): Promise<void> {
    const st = this.steps.get(step.id)!;
    st.status = 'running';
    this.emit('step_started', { step: step.id });
    if (step.condition) {
      let verdict: string;
      try {
        verdict = render(step.condition, this.context());
      } catch (err) {
        const msg = `step ${step.id}: failed to evaluate condition: ${(err as Error).message}`;
        this.finish(step.id, { status: 'failed', error: msg });
        this.emit('step_failed', { step: step.id, error: msg });
        throw new StepFailure(msg);
      }
      const v = verdict.trim();
      if (['false', 'False', 'FALSE'].includes(v)) {
        this.finish(step.id, { status: 'skipped', output: step.defaultResults ?? null });
        this.emit('step_skipped', { step: step.id });
        return;
      }
      if (!['true', 'True', 'TRUE'].includes(v)) {
        const msg = `step ${step.id}: condition must evaluate to 'true' or 'false', got: "${verdict}"`;
        this.finish(step.id, { status: 'failed', error: msg });
        this.emit('step_failed', { step: step.id, error: msg });
        throw new StepFailure(msg);
      }
    }
    const type = step.type ?? 'tool';
    const defaultStepTimeout = type === 'elicitation' ? DEFAULT_STEP_TIMEOUT_MS : DEFAULT_STEP_TIMEOUT_MS;
    let timeoutMs = durationOr(step.timeout, defaultStepTimeout);
    if (type === 'elicitation') timeoutMs = Math.min(timeoutMs, MAX_ELICITATION_TIMEOUT_MS);
    const stepSignal = AbortSignal.any([workflowSignal, AbortSignal.timeout(timeoutMs)]);
    try {
      if (type === 'tool') await this.toolStep(step, stepSignal);
      else if (type === 'forEach') await this.forEachStep(step, stepSignal);
      else await this.elicitationStep(step, stepSignal, timeoutMs);
      this.emit(this.steps.get(step.id)!.status === 'failed' ? 'step_failed' : 'step_completed', {
        step: step.id,
        retries: st.retries,
        ...(st.error ? { error: st.error } : {}),
      });
    } catch (err) {
      let msg = err instanceof Error ? err.message : String(err);
      if (stepSignal.aborted && !workflowSignal.aborted)
        msg = `step ${step.id} timed out after ${timeoutMs} ms`;
      if (st.status === 'running') this.finish(step.id, { status: 'failed', error: msg });
      this.emit('step_failed', { step: step.id, error: msg, retries: st.retries });
      if (step.onError?.action === 'continue' && !workflowSignal.aborted) {
        st.output = step.defaultResults ?? st.output ?? null;
        return;
      }
      throw new StepFailure(msg);
    }
  }

  /** One tool call with the step's retry policy; resolves with the (non-error) MCP result. */
  private async callWithRetry(step: WorkflowStepConfig, tool: string, args: Json, signal: AbortSignal) {
    const retry = step.onError?.action === 'retry';
    const maxRetries = retry ? Math.min(step.onError?.retryCount ?? 0, MAX_RETRY_COUNT) : 0;
    const initial = durationOr(step.onError?.retryDelay, 1000);
    let delay = initial;
    let attempt = 0;
    for (;;) {
      try {
        const result = await raceAbort(this.host.callTool(tool, args, signal), signal);
        if (result.isError === true) throw new Error(`tool execution failed: ${errorMessageOf(result)}`);
        return { result, retries: attempt };
      } catch (err) {
        if (signal.aborted || attempt >= maxRetries) {
          const e = err instanceof Error ? err : new Error(String(err));
          (e as Error & { retries?: number }).retries = attempt;
          throw e;
        }
        attempt++;
        await sleep(delay, signal);
        delay = Math.min(delay * 2, initial * 60);
      }
    }
  }

  private async toolStep(step: WorkflowStepConfig, signal: AbortSignal): Promise<void> {
    const tool = step.tool!;
    let args = this.expand(step.arguments ?? {}) as Json;
    args = coerce(this.host.inputSchema(tool), args) as Json;
    try {
      const { result, retries } = await this.callWithRetry(step, tool, args, signal);
      this.finish(step.id, {
        status: 'completed',
        output: outputOf(result),
        content: outputOf({ content: result.content }),
        retries,
      });
    } catch (err) {
      const retries = (err as { retries?: number }).retries ?? 0;
      const msg = `tool ${tool} in step ${step.id}: ${(err as Error).message}`;
      this.finish(step.id, { status: 'failed', error: msg, retries });
      throw new StepFailure(msg);
    }
  }

  private async forEachStep(step: WorkflowStepConfig, signal: AbortSignal): Promise<void> {
    const inner = step.step as unknown as WorkflowStepConfig;
    const rendered = render(step.collection ?? '', this.context());
    let items: unknown;
    try {
      items = JSON.parse(rendered) as unknown;
    } catch {
      items = undefined;
    }
    if (!Array.isArray(items)) {
      throw new StepFailure(
        `forEach step ${step.id}: collection must resolve to a JSON array, got: ${rendered.slice(0, 100)}`,
      );
    }
    const maxIter = Math.min(step.maxIterations || 100, MAX_FOREACH_ITERATIONS);
    if (items.length > maxIter) {
      throw new StepFailure(
        `forEach step ${step.id}: collection size ${items.length} exceeds maxIterations ${maxIter}`,
      );
    }
    const itemVar = step.itemVar || 'item';
    const maxPar = Math.min(step.maxParallel || DEFAULT_MAX_PARALLEL, MAX_FOREACH_PARALLEL);
    const keepGoing = step.onError?.action === 'continue';
    const ctl = new AbortController();
    const loopSignal = AbortSignal.any([signal, ctl.signal]);
    const iterations: Json[] = items.map((item, index) => ({ index, item, status: 'pending', output: null }));
    let firstError: string | undefined;
    await pool(items, maxPar, loopSignal, async (item, index) => {
      const it = iterations[index]!;
      try {
        const tool = inner.tool!;
        let args = this.expand(inner.arguments ?? {}, { [itemVar]: item, index }) as Json;
        args = coerce(this.host.inputSchema(tool), args) as Json;
        const { result } = await this.callWithRetry(inner, tool, args, loopSignal);
        it.status = 'completed';
        it.output = outputOf(result);
      } catch (err) {
        it.status = loopSignal.aborted && !signal.aborted ? 'cancelled' : 'failed';
        it.error = (err as Error).message;
        if (!keepGoing) {
          firstError ??= `forEach step ${step.id} iteration ${index}: ${(err as Error).message}`;
          ctl.abort(new StepFailure(firstError));
        }
      }
    });
    for (const it of iterations) if (it.status === 'pending') it.status = 'cancelled';
    const completed = iterations.filter((i) => i.status === 'completed').length;
    const output = { iterations, count: items.length, completed, failed: items.length - completed };
    if (firstError !== undefined) {
      this.finish(step.id, { status: 'failed', error: firstError, output });
      throw new StepFailure(firstError);
    }
    if (signal.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('aborted');
    this.finish(step.id, { status: 'completed', output });
  }

  private async elicitationStep(
    step: WorkflowStepConfig,
    signal: AbortSignal,
    timeoutMs: number,
  ): Promise<void> {
    const message = render(step.message ?? '', this.context());
    let answer: { action: string; content?: Json };
    try {
      answer = await raceAbort(
        this.host.elicit(message, step.schema ?? { type: 'object', properties: {} }, signal),
        signal,
      );
    } catch (err) {
      if (signal.aborted && !(signal.reason instanceof StepFailure)) {
        // No answer in time counts as a cancellation (ToolHive: onCancel handles timeouts).
        return this.elicitationOutcome(step, 'timeout', `elicitation timed out after ${timeoutMs} ms`);
      }
      throw new StepFailure(`elicitation request failed for step ${step.id}: ${(err as Error).message}`);
    }
    if (answer.action === 'accept') {
      this.finish(step.id, {
        status: 'completed',
        output: { action: 'accept', content: answer.content ?? {} },
      });
      return;
    }
    if (answer.action === 'decline' || answer.action === 'cancel') {
      return this.elicitationOutcome(
        step,
        answer.action,
        `user ${answer.action === 'decline' ? 'declined' : 'cancelled'} the elicitation in step ${step.id}`,
      );
    }
    throw new StepFailure(`invalid elicitation response action "${answer.action}" for step ${step.id}`);
  }

  private elicitationOutcome(
    step: WorkflowStepConfig,
    reason: 'decline' | 'cancel' | 'timeout',
    error: string,
  ): void {
    const handler = reason === 'decline' ? step.onDecline : step.onCancel;
    const action = handler?.action ?? 'abort';
    if (action === 'skip_remaining') {
      this.finish(step.id, { status: 'completed', output: { action: reason, skipped: true } });
      this.stopRequested = true;
      return;
    }
    if (action === 'continue') {
      this.finish(step.id, { status: 'completed', output: { action: reason } });
      return;
    }
    this.finish(step.id, { status: 'failed', error });
    throw new StepFailure(error);
  }

  private buildOutput(props: Record<string, OutputProperty>, required?: readonly string[]): Json {
    const out: Json = {};
    for (const [name, prop] of Object.entries(props)) out[name] = this.outputProperty(name, prop);
    for (const r of required ?? []) {
      if (out[r] === undefined || out[r] === null) throw new Error(`required output field "${r}" is missing`);
    }
    return out;
  }

  private outputProperty(name: string, prop: OutputProperty): unknown {
    const hasDefault = prop.default !== undefined && prop.default !== null;
    if (prop.value) {
      let text: string;
      try {
        text = render(prop.value, this.context());
      } catch (err) {
        if (hasDefault) return coerceDefault(prop.default, prop.type);
        throw new Error(`failed to expand template for property "${name}": ${(err as Error).message}`);
      }
      if (text === '<no value>' && hasDefault) return coerceDefault(prop.default, prop.type);
      try {
        return coerceOutput(text, prop.type);
      } catch (err) {
        if (hasDefault) return coerceDefault(prop.default, prop.type);
        throw new Error(`failed to coerce value for property "${name}": ${(err as Error).message}`);
      }
    }
    if (prop.properties) {
      const nested: Json = {};
      for (const [k, p] of Object.entries(prop.properties)) {
        nested[k] = this.outputProperty(`${name}.${k}`, p as OutputProperty);
      }
      return nested;
    }
    throw new Error(`property "${name}" has neither value nor properties`);
  }
}

/** Runs a workflow and turns the outcome into an MCP tool result. */
export async function runWorkflow(
  def: CompositeToolConfig,
  host: WorkflowHost,
  params: Json,
  signal: AbortSignal,
): Promise<Json> {
  const res = await new WorkflowRun(def, host, params).run(signal);
  if (res.status !== 'completed') {
    return { isError: true, content: [{ type: 'text', text: `workflow ${res.status}: ${res.error ?? ''}` }] };
  }
  const output = res.output ?? {};
  return { content: [{ type: 'text', text: JSON.stringify(output) }], structuredContent: output };
}
