/**
 * A minimal Prometheus registry: counters, gauges and histograms with labels, rendered in the
 * text exposition format (version 0.0.4). Enough for the operator's own metrics without a
 * dependency.
 */
type Labels = Record<string, string>;

function labelKey(names: readonly string[], labels: Labels): string {
  return names.map((n) => labels[n] ?? '').join('\u0000');
}

function escapeValue(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function renderLabels(names: readonly string[], values: string[], extra?: [string, string]): string {
  const pairs = names.map((n, i) => `${n}="${escapeValue(values[i] ?? '')}"`);
  if (extra) pairs.push(`${extra[0]}="${escapeValue(extra[1])}"`);
  return pairs.length === 0 ? '' : `{${pairs.join(',')}}`;
}

function formatNumber(n: number): string {
  if (n === Number.POSITIVE_INFINITY) return '+Inf';
  return Number.isInteger(n) ? String(n) : n.toPrecision(6).replace(/\.?0+$/, '');
}

interface Metric {
  render(): string;
}

export class Counter implements Metric {
  private readonly values = new Map<string, { labels: string[]; value: number }>();
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly string[];

  constructor(name: string, help: string, labelNames: readonly string[] = []) {
    this.name = name;
    this.help = help;
    this.labelNames = labelNames;
  }

  inc(labels: Labels = {}, by = 1): void {
    const key = labelKey(this.labelNames, labels);
    const cur = this.values.get(key);
    if (cur) cur.value += by;
    else this.values.set(key, { labels: this.labelNames.map((n) => labels[n] ?? ''), value: by });
  }

  get(labels: Labels = {}): number {
    return this.values.get(labelKey(this.labelNames, labels))?.value ?? 0;
  }

  /** Sum over every label combination that matches `filter`. */
  sum(filter: (labels: Labels) => boolean = () => true): number {
    let total = 0;
    for (const { labels, value } of this.values.values()) {
      const l = Object.fromEntries(this.labelNames.map((n, i) => [n, labels[i] ?? '']));
      if (filter(l)) total += value;
    }
    return total;
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    for (const { labels, value } of this.values.values()) {
      lines.push(`${this.name}${renderLabels(this.labelNames, labels)} ${formatNumber(value)}`);
    }
    return lines.join('\n');
  }
}

export class Gauge implements Metric {
  private readonly values = new Map<string, { labels: string[]; value: number }>();
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly string[];

  constructor(name: string, help: string, labelNames: readonly string[] = []) {
    this.name = name;
    this.help = help;
    this.labelNames = labelNames;
  }

  set(labels: Labels, value: number): void {
    const key = labelKey(this.labelNames, labels);
    this.values.set(key, { labels: this.labelNames.map((n) => labels[n] ?? ''), value });
  }

  get(labels: Labels = {}): number {
    return this.values.get(labelKey(this.labelNames, labels))?.value ?? 0;
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} gauge`];
    for (const { labels, value } of this.values.values()) {
      lines.push(`${this.name}${renderLabels(this.labelNames, labels)} ${formatNumber(value)}`);
    }
    return lines.join('\n');
  }
}

/** Seconds buckets from 5 ms to 60 s, like controller-runtime's reconcile histogram. */
export const DEFAULT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

export class Histogram implements Metric {
  private readonly series = new Map<
    string,
    { labels: string[]; counts: number[]; sum: number; count: number }
  >();
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly string[];
  readonly buckets: readonly number[];

  constructor(
    name: string,
    help: string,
    labelNames: readonly string[] = [],
    buckets: readonly number[] = DEFAULT_BUCKETS,
  ) {
    this.name = name;
    this.help = help;
    this.labelNames = labelNames;
    this.buckets = buckets;
  }

  observe(labels: Labels, value: number): void {
    const key = labelKey(this.labelNames, labels);
    let s = this.series.get(key);
    if (!s) {
      s = {
        labels: this.labelNames.map((n) => labels[n] ?? ''),
        counts: this.buckets.map(() => 0),
        sum: 0,
        count: 0,
      };
      this.series.set(key, s);
    }
    for (let i = 0; i < this.buckets.length; i++) if (value <= this.buckets[i]!) s.counts[i]!++;
    s.sum += value;
    s.count++;
  }

  count(labels: Labels = {}): number {
    return this.series.get(labelKey(this.labelNames, labels))?.count ?? 0;
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const s of this.series.values()) {
      this.buckets.forEach((b, i) => {
        lines.push(
          `${this.name}_bucket${renderLabels(this.labelNames, s.labels, ['le', formatNumber(b)])} ${s.counts[i]}`,
        );
      });
      lines.push(`${this.name}_bucket${renderLabels(this.labelNames, s.labels, ['le', '+Inf'])} ${s.count}`);
      lines.push(`${this.name}_sum${renderLabels(this.labelNames, s.labels)} ${formatNumber(s.sum)}`);
      lines.push(`${this.name}_count${renderLabels(this.labelNames, s.labels)} ${s.count}`);
    }
    return lines.join('\n');
  }
}

export class Registry {
  private readonly metrics: Metric[] = [];

  counter(name: string, help: string, labelNames: readonly string[] = []): Counter {
    return this.add(new Counter(name, help, labelNames));
  }

  gauge(name: string, help: string, labelNames: readonly string[] = []): Gauge {
    return this.add(new Gauge(name, help, labelNames));
  }

  histogram(
    name: string,
    help: string,
    labelNames: readonly string[] = [],
    buckets?: readonly number[],
  ): Histogram {
    return this.add(new Histogram(name, help, labelNames, buckets));
  }

  render(): string {
    return `${this.metrics.map((m) => m.render()).join('\n')}\n`;
  }

  private add<T extends Metric>(m: T): T {
    this.metrics.push(m);
    return m;
  }
}

/** The operator's metrics, created once per process and handed to the parts that record them. */
export class OperatorMetrics {
  readonly registry = new Registry();
  readonly reconcileTotal = this.registry.counter(
    'controller_runtime_reconcile_total',
    'Total number of reconciliations per controller and result.',
    ['controller', 'result'],
  );
  readonly reconcileErrors = this.registry.counter(
    'controller_runtime_reconcile_errors_total',
    'Total number of reconciliation errors per controller.',
    ['controller'],
  );
  readonly reconcileDuration = this.registry.histogram(
    'controller_runtime_reconcile_time_seconds',
    'Length of time per reconciliation per controller.',
    ['controller'],
  );
  readonly queueDepth = this.registry.gauge('workqueue_depth', 'Current depth of the work queue.', ['name']);
  readonly queueAdds = this.registry.counter(
    'workqueue_adds_total',
    'Total number of adds to the work queue.',
    ['name'],
  );
  readonly queueLatency = this.registry.histogram(
    'workqueue_queue_duration_seconds',
    'How long an item stays in the work queue before being processed.',
    ['name'],
  );
  readonly queueRetries = this.registry.counter(
    'workqueue_retries_total',
    'Total number of rate-limited retries.',
    ['name'],
  );
  readonly apiRequests = this.registry.counter(
    'rest_client_requests_total',
    'Kubernetes API requests by verb, resource and HTTP status code.',
    ['verb', 'resource', 'code'],
  );
  readonly informerRestarts = this.registry.counter(
    'informer_watch_restarts_total',
    'Watch restarts per resource and cause (closed, error, gone, watchdog).',
    ['resource', 'cause'],
  );
  readonly leader = this.registry.gauge(
    'leader_election_master_status',
    'Whether this replica is the leader.',
    ['name'],
  );
}
