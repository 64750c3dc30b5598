/**
 * Synthesizing 1,000 McpServerCharts in one app, against a bare cdk8s chart with one Deployment
 * and one Service, in the same run. Each round builds a fresh App, adds the charts and renders
 * every chart to JSON (what `cdk8s synth` and the operator both do); the median of the rounds is
 * reported as ms per chart. Goal: ≤ 5 ms per McpServerChart.
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

function synthesize(make: (app: App, i: number) => Chart): { ms: number; objects: number } {
  const start = performance.now();
  const app = new App({ outdir: 'unused' });
  const charts: Chart[] = [];
  for (let i = 0; i < CHARTS; i++) charts.push(make(app, i));
  let objects = 0;
  for (const c of charts) objects += c.toJson().length;
  return { ms: performance.now() - start, objects };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const bare: number[] = [];
const ours: number[] = [];
let bareObjects = 0;
let ourObjects = 0;
// Warm up the JIT on both, then interleave rounds so machine noise hits both alike.
synthesize(bareChart);
synthesize((app, i) => new McpServerChart(app, `mcp-${i}`, { server: server(i) }));
for (let r = 0; r < ROUNDS; r++) {
  globalThis.gc?.();
  const b = synthesize(bareChart);
  bare.push(b.ms);
  bareObjects = b.objects;
  globalThis.gc?.();
  const o = synthesize((app, i) => new McpServerChart(app, `mcp-${i}`, { server: server(i) }));
  ours.push(o.ms);
  ourObjects = o.objects;
}

const perChart = (ms: number) => ms / CHARTS;
const rows = [
  ['bare chart (Deployment + Service)', perChart(median(bare)), bareObjects / CHARTS],
  ['McpServerChart', perChart(median(ours)), ourObjects / CHARTS],
] as const;
console.log(`${CHARTS} charts per app, median of ${ROUNDS} rounds\n`);
console.log('| chart | ms per chart | objects per chart |');
console.log('| --- | ---: | ---: |');
for (const [name, ms, objs] of rows) console.log(`| ${name} | ${ms.toFixed(3)} | ${objs.toFixed(1)} |`);
const ratio = perChart(median(ours)) / perChart(median(bare));
console.log(
  `\nMcpServerChart / bare chart: ${ratio.toFixed(1)}x; goal ≤ 5 ms per chart: ${perChart(median(ours)) <= 5 ? 'met' : 'NOT met'}`,
);
