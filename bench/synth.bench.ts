/**
 * Synthesizing 1,000 McpServerCharts in one app, against a bare cdk8s chart with one Deployment
 * and one Service, in the same run. Each round builds a fresh App, adds the charts and synthesizes
 * the app (`app.synthYaml()`: what `cdk8s synth` does, without writing files); the median of the
 * rounds is reported as ms per chart. A third row renders each chart in its own App, as the
 * operator does on every reconcile. Goal: ≤ 5 ms per McpServerChart.
 *
 * (Calling `chart.toJson()` on each of 1,000 charts of one App is quadratic: cdk8s resolves the
 * dependencies of the whole App on every call. Synthesize the App once instead.)
 */
import { ApiObject, App, Chart } from 'cdk8s';
import { McpServerChart } from '../constructs/mcp-server-chart.ts';
import type { MCPServerResource } from '../lib/workload/kinds.ts';

const CHARTS = 1000;
const ROUNDS = 5;

function server(i: number): MCPServerResource {
  return {
    apiVersion: 'toolhive.stacklok.dev/v1beta1',
    kind: 'MCPServer',
    metadata: { name: `server-${i}`, namespace: 'bench' },
    spec: {
      image: `ghcr.io/example/server:${i}`,
      transport: i % 2 === 0 ? 'streamable-http' : 'stdio',
      mcpPort: 8000,
      env: [{ name: 'LOG_LEVEL', value: 'info' }],
      secrets: [{ name: `token-${i}`, key: 'token', targetEnvName: 'API_TOKEN' }],
      resources: { limits: { cpu: '200m', memory: '256Mi' }, requests: { cpu: '50m', memory: '128Mi' } },
    },
  };
}

function bareChart(app: App, i: number): Chart {
  const chart = new Chart(app, `bare-${i}`, { disableResourceNameHashes: true });
  const labels = { app: `bare-${i}` };
  new ApiObject(chart, 'deployment', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: `bare-${i}`, namespace: 'bench', labels },
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            { name: 'app', image: `ghcr.io/example/server:${i}`, ports: [{ containerPort: 8080 }] },
          ],
        },
      },
    },
  });
  new ApiObject(chart, 'service', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: `bare-${i}`, namespace: 'bench', labels },
    spec: { selector: labels, ports: [{ port: 8080, targetPort: 8080 }] },
  });
  return chart;
}

type Round = { ms: number; objects: number };

/** One app, every chart's objects rendered to JSON once (linear; no YAML). */
function synthesize(make: (app: App, i: number) => Chart): Round {
  const start = performance.now();
  const app = new App({ outdir: 'unused' });
  const charts: Chart[] = [];
  for (let i = 0; i < CHARTS; i++) charts.push(make(app, i));
  let objects = 0;
  for (const c of charts) for (const o of c.apiObjects) objects += o.toJson() ? 1 : 0;
  return { ms: performance.now() - start, objects };
}

/** One app, synthesized to YAML as `cdk8s synth` does (without writing files). */
function synthesizeYaml(make: (app: App, i: number) => Chart): Round {
  const start = performance.now();
  const app = new App({ outdir: 'unused' });
  for (let i = 0; i < CHARTS; i++) make(app, i);
  const yaml = app.synthYaml();
  return { ms: performance.now() - start, objects: yaml.split('\n---\n').length };
}

/** The operator's path: one fresh App per chart, rendered to JSON in memory. */
function renderEach(make: (app: App, i: number) => Chart): Round {
  const start = performance.now();
  let objects = 0;
  for (let i = 0; i < CHARTS; i++) objects += make(new App({ outdir: 'unused' }), i).toJson().length;
  return { ms: performance.now() - start, objects };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const mcpChart = (app: App, i: number) => new McpServerChart(app, `mcp-${i}`, { server: server(i) });
const CASES = [
  ['bare chart (Deployment + Service), one app, JSON', () => synthesize(bareChart)],
  ['McpServerChart, one app, JSON', () => synthesize(mcpChart)],
  ['bare chart (Deployment + Service), one app, YAML', () => synthesizeYaml(bareChart)],
  ['McpServerChart, one app, YAML', () => synthesizeYaml(mcpChart)],
  ['McpServerChart, one app per chart (operator), JSON', () => renderEach(mcpChart)],
] as const;
const times: number[][] = CASES.map(() => []);
const objects: number[] = CASES.map(() => 0);
// Warm up the JIT on every case, then interleave rounds so machine noise hits them alike.
for (const [, run] of CASES) run();
for (let r = 0; r < ROUNDS; r++) {
  CASES.forEach(([, run], i) => {
    globalThis.gc?.();
    const round = run();
    times[i]?.push(round.ms);
    objects[i] = round.objects;
  });
}

const perChart = (i: number) => median(times[i] ?? []) / CHARTS;
console.log(`${CHARTS} charts, median of ${ROUNDS} rounds\n`);
console.log('| synth | ms per chart | objects per chart |');
console.log('| --- | ---: | ---: |');
CASES.forEach(([name], i) => {
  console.log(`| ${name} | ${perChart(i).toFixed(3)} | ${((objects[i] ?? 0) / CHARTS).toFixed(1)} |`);
});
console.log(
  `\nMcpServerChart / bare chart: ${(perChart(1) / perChart(0)).toFixed(1)}x (JSON), ` +
    `${(perChart(3) / perChart(2)).toFixed(1)}x (YAML); goal ≤ 5 ms per chart (JSON): ` +
    `${perChart(1) <= 5 ? 'met' : 'NOT met'}`,
);
