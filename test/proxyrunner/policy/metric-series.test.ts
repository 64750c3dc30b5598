/**
 * The telemetry's own metric families must render exactly what prom-client's metric types
 * render for the same updates: `/metrics` is scraped by dashboards built for ToolHive.
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { MCP_HISTOGRAM_BUCKETS } from '../../../proxyrunner/middleware/telemetry/metrics.ts';
import {
  CounterFamily,
  GaugeFamily,
  HistogramFamily,
} from '../../../proxyrunner/middleware/telemetry/series.ts';

const LABELS = ['method', 'tool', 'error_type'] as const;
/** Label sets as positional values; `undefined` leaves the label out, as prom-client does. */
const SETS: (string | undefined)[][] = [
  ['tools/call', 'echo', undefined],
  ['tools/call', 'say "hi"\\\n', '-32602'],
  ['tools/list', undefined, undefined],
];
const asObject = (values: (string | undefined)[]) =>
  Object.fromEntries(LABELS.flatMap((n, i) => (values[i] === undefined ? [] : [[n, values[i]!]])));

/** prom-client's JSON carries `exemplar: null` on histogram samples; exemplars are not used here. */
async function json(r: Registry): Promise<unknown> {
  const metrics = await r.getMetricsAsJSON();
  return metrics.map((m) => ({
    ...m,
    values: m.values.map((v) => Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'exemplar'))),
  }));
}

function registries(defaults?: Record<string, string>): [Registry, Registry] {
  const a = new Registry();
  const b = new Registry();
  if (defaults) {
    a.setDefaultLabels(defaults);
    b.setDefaultLabels(defaults);
  }
  return [a, b];
}

describe('metric series families', () => {
  for (const defaults of [undefined, { pod: 'p-0' }]) {
    describe(defaults ? 'with registry default labels' : 'without default labels', () => {
      it('a counter renders as prom-client renders it, text and JSON', async () => {
        const [ref, ours] = registries(defaults);
        const c = new Counter({ name: 'x_total', help: 'X', labelNames: LABELS, registers: [ref] });
        const f = new CounterFamily({ name: 'x_total', help: 'X', labelNames: LABELS, registers: [ours] });
        SETS.forEach((set, i) => {
          for (let n = 0; n <= i; n++) {
            c.inc(asObject(set));
            f.inc(set);
          }
        });
        c.inc(asObject(SETS[0]!), 2.5);
        f.series(SETS[0]!).inc(2.5);
        expect(await ours.metrics()).toBe(await ref.metrics());
        expect(await json(ours)).toEqual(await json(ref));
      });

      it('a histogram renders its cumulative buckets, +Inf, sum and count as prom-client does', async () => {
        const [ref, ours] = registries(defaults);
        const opts = { name: 'd_seconds', help: 'D', labelNames: LABELS, buckets: MCP_HISTOGRAM_BUCKETS };
        const h = new Histogram({ ...opts, registers: [ref] });
        const f = new HistogramFamily({ ...opts, registers: [ours] });
        const samples = [0, 0.01, 0.0100001, 0.3, 2, 299.9, 300, 301, 1e6];
        SETS.forEach((set, i) => {
          for (const v of samples.slice(i)) {
            h.observe(asObject(set), v);
            f.observe(set, v);
          }
        });
        expect(await ours.metrics()).toBe(await ref.metrics());
        expect(await json(ours)).toEqual(await json(ref));
      });

      it('a gauge renders as prom-client renders it, collect hook included', async () => {
        const [ref, ours] = registries(defaults);
        let live = 7;
        const g = new Gauge({ name: 'g', help: 'G', labelNames: LABELS, registers: [ref] });
        new Gauge({
          name: 'sessions',
          help: 'S',
          labelNames: ['server'],
          registers: [ref],
          collect() {
            this.set({ server: 'a' }, live);
          },
        });
        const f = new GaugeFamily({ name: 'g', help: 'G', labelNames: LABELS, registers: [ours] });
        const sessions = new GaugeFamily({
          name: 'sessions',
          help: 'S',
          labelNames: ['server'],
          registers: [ours],
          collect: () => sessions.series(['a']).set(live),
        });
        g.inc(asObject(SETS[0]!));
        g.inc(asObject(SETS[0]!));
        g.dec(asObject(SETS[0]!));
        g.dec(asObject(SETS[1]!));
        f.series(SETS[0]!).inc();
        f.series(SETS[0]!).inc();
        f.series(SETS[0]!).dec();
        f.series(SETS[1]!).dec();
        expect(await ours.metrics()).toBe(await ref.metrics());
        live = 3;
        expect(await ours.metrics()).toBe(await ref.metrics());
        expect(await ours.metrics()).toContain('sessions{server="a"');
      });
    });
  }

  it('a family with no series renders only its HELP and TYPE lines, like prom-client', async () => {
    const [ref, ours] = registries();
    new Counter({ name: 'none_total', help: 'N', labelNames: ['a'], registers: [ref] });
    new CounterFamily({ name: 'none_total', help: 'N', labelNames: ['a'], registers: [ours] });
    expect(await ours.metrics()).toBe(await ref.metrics());
  });

  it('hands out the same series for the same label values, so callers can hold it', () => {
    const f = new CounterFamily({ name: 'c', help: 'C', labelNames: LABELS, registers: [] });
    expect(f.series(['a', 'b', undefined])).toBe(f.series(['a', 'b', undefined]));
    expect(f.series(['a', 'b', undefined])).not.toBe(f.series(['a', 'b', '']));
    expect(f.size).toBe(2);
  });

  it('past the cardinality limit, new label sets go to one overflow series and totals stay right', async () => {
    const registry = new Registry();
    const f = new CounterFamily({
      name: 'calls_total',
      help: 'C',
      labelNames: ['tool'],
      registers: [registry],
      cardinalityLimit: 3,
    });
    for (let i = 0; i < 100; i++) f.inc([`tool-${i}`]);
    f.inc(['tool-0']); // a series made before the limit keeps counting on its own
    expect(f.size).toBe(4);
    const text = await registry.metrics();
    expect(text).toContain('calls_total{tool="tool-0"} 2');
    expect(text).toContain('calls_total{tool="tool-2"} 1');
    expect(text).not.toContain('tool-3');
    expect(text).toContain('calls_total{otel_metric_overflow="true"} 97');
  });

  it('ignores a non-finite observation instead of throwing into the request', async () => {
    const registry = new Registry();
    const f = new HistogramFamily({
      name: 'h',
      help: 'H',
      labelNames: [],
      buckets: [1],
      registers: [registry],
    });
    f.observe([], Number.NaN);
    f.observe([], 0.5);
    expect(await registry.metrics()).toContain('h_count 1');
  });
});
