/**
 * Counter, gauge and histogram families whose series are resolved once per label set and then
 * updated with plain arithmetic.
 *
 * prom-client validates and hashes the label object on every update, even through a bound
 * child, and a proxied request makes six updates: that was the largest share of the policy
 * chain's cost. These families keep their own series and register with a prom-client
 * `Registry`, which still renders the exposition (HELP and TYPE lines, escaping, the registry's
 * default labels), so `/metrics` reads exactly as it did with prom-client's own metric types.
 *
 * Each family holds at most `cardinalityLimit` series (2,000 by default, OpenTelemetry's SDK
 * default). Label values such as the tool name come from clients; past the limit, updates go to
 * one series labelled `otel_metric_overflow="true"`, as the OpenTelemetry metrics SDK does, so
 * memory stays bounded and totals stay right.
 */
import type { Registry } from 'prom-client';

/** Label values in the family's `labelNames` order; `undefined` leaves that label out. */
export type LabelValues = readonly (string | undefined)[];

const DEFAULT_CARDINALITY_LIMIT = 2_000;
const OVERFLOW_LABELS: Readonly<Record<string, string>> = { otel_metric_overflow: 'true' };

interface FamilyOptions {
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly string[];
  /** Registries that render this family; it is registered with each. */
  readonly registers: readonly Registry[];
  readonly cardinalityLimit?: number;
}

/** One exposed sample, as prom-client's registry reads it from `get()`. */
interface Sample {
  value: number;
  labels: Readonly<Record<string, string | number>>;
  /** Labels prom-client renders after `labels` (and after the registry's default labels). */
  sharedLabels?: Readonly<Record<string, string>>;
  metricName?: string;
}

type Exposition = { name: string; help: string; type: string; values: Sample[]; aggregator: 'sum' };

abstract class Family<S> {
  readonly name: string;
  readonly help: string;
  abstract readonly type: 'counter' | 'gauge' | 'histogram';
  private readonly labelNames: readonly string[];
  private readonly limit: number;
  private readonly byKey = new Map<string, S>();
  private readonly labelsOf = new Map<S, Readonly<Record<string, string>>>();
  private overflow: S | undefined;

  constructor(o: FamilyOptions) {
    this.name = o.name;
    this.help = o.help;
    this.labelNames = o.labelNames;
    this.limit = o.cardinalityLimit ?? DEFAULT_CARDINALITY_LIMIT;
    // The registry only reads name, help, type and get(); the cast is to its Metric class type.
    for (const r of o.registers)
      r.registerMetric(this as unknown as Parameters<Registry['registerMetric']>[0]);
  }

  protected abstract create(): S;
  protected abstract samples(series: S, labels: Readonly<Record<string, string>>): Sample[];

  /** The series for these label values, made on first use. Hold it to skip even the lookup. */
  series(values: LabelValues): S {
    // An absent label must not collide with an empty one: it is keyed as \u0001.
    let key = values[0] ?? '\u0001';
    for (let i = 1; i < values.length; i++) key += `\u0000${values[i] ?? '\u0001'}`;
    const hit = this.byKey.get(key);
    if (hit) return hit;
    if (this.byKey.size >= this.limit) {
      if (!this.overflow) {
        this.overflow = this.create();
        this.labelsOf.set(this.overflow, OVERFLOW_LABELS);
      }
      return this.overflow;
    }
    const labels: Record<string, string> = {};
    for (let i = 0; i < this.labelNames.length; i++) {
      const v = values[i];
      if (v !== undefined) labels[this.labelNames[i]!] = v;
    }
    const made = this.create();
    this.byKey.set(key, made);
    this.labelsOf.set(made, labels);
    return made;
  }

  /** How many series the family holds, the overflow series included. */
  get size(): number {
    return this.labelsOf.size;
  }

  /** What `Registry.metrics()` renders; the shape of prom-client's own `getForPromString()`. */
  getForPromString(): Exposition {
    const values: Sample[] = [];
    for (const [series, labels] of this.labelsOf) values.push(...this.samples(series, labels));
    return { name: this.name, help: this.help, type: this.type, values, aggregator: 'sum' };
  }

  /** prom-client's `Metric.get()`: every sample with all its labels in one object. */
  get(): Exposition {
    const data = this.getForPromString();
    data.values = data.values.map(({ sharedLabels, ...v }) => ({
      ...v,
      labels: { ...v.labels, ...sharedLabels },
    }));
    return data;
  }
}

export class CounterSeries {
  value = 0;
  inc(by = 1): void {
    this.value += by;
  }
}

export class CounterFamily extends Family<CounterSeries> {
  readonly type = 'counter';
  protected create(): CounterSeries {
    return new CounterSeries();
  }
  protected samples(s: CounterSeries, labels: Readonly<Record<string, string>>): Sample[] {
    return [{ value: s.value, labels }];
  }
  inc(values: LabelValues, by = 1): void {
    this.series(values).value += by;
  }
}

export class GaugeSeries {
  value = 0;
  inc(): void {
    this.value++;
  }
  dec(): void {
    this.value--;
  }
  set(v: number): void {
    this.value = v;
  }
}

export class GaugeFamily extends Family<GaugeSeries> {
  readonly type = 'gauge';
  private readonly collect: (() => void) | undefined;
  constructor(o: FamilyOptions & { collect?: () => void }) {
    super(o);
    this.collect = o.collect;
  }
  protected create(): GaugeSeries {
    return new GaugeSeries();
  }
  protected samples(s: GaugeSeries, labels: Readonly<Record<string, string>>): Sample[] {
    return [{ value: s.value, labels }];
  }
  override getForPromString(): Exposition {
    this.collect?.();
    return super.getForPromString();
  }
}

export class HistogramSeries {
  /** Per-bucket (not cumulative) counts; the last slot is past the highest bound. */
  readonly counts: Float64Array;
  sum = 0;
  count = 0;
  private readonly bounds: readonly number[];
  constructor(bounds: readonly number[]) {
    this.bounds = bounds;
    this.counts = new Float64Array(bounds.length + 1);
  }
  observe(v: number): void {
    if (!Number.isFinite(v)) return; // a clock step is not worth a thrown request
    const b = this.bounds;
    let i = 0;
    while (i < b.length && v > b[i]!) i++;
    this.counts[i]!++;
    this.sum += v;
    this.count++;
  }
}

export class HistogramFamily extends Family<HistogramSeries> {
  readonly type = 'histogram';
  private readonly buckets: readonly number[];
  constructor(o: FamilyOptions & { buckets: readonly number[] }) {
    super(o);
    this.buckets = [...o.buckets].sort((a, b) => a - b);
  }
  protected create(): HistogramSeries {
    return new HistogramSeries(this.buckets);
  }
  /** As prom-client renders them: cumulative buckets (`le` first), `+Inf`, sum, count. */
  protected samples(s: HistogramSeries, sharedLabels: Readonly<Record<string, string>>): Sample[] {
    const out: Sample[] = [];
    const bucket = `${this.name}_bucket`;
    let acc = 0;
    for (let i = 0; i < this.buckets.length; i++) {
      acc += s.counts[i]!;
      out.push({ value: acc, labels: { le: this.buckets[i]! }, sharedLabels, metricName: bucket });
    }
    out.push({ value: s.count, labels: { le: '+Inf' }, sharedLabels, metricName: bucket });
    out.push({ value: s.sum, labels: {}, sharedLabels, metricName: `${this.name}_sum` });
    out.push({ value: s.count, labels: {}, sharedLabels, metricName: `${this.name}_count` });
    return out;
  }
  observe(values: LabelValues, v: number): void {
    this.series(values).observe(v);
  }
}
