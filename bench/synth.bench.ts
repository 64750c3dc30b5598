/**
 * Synthesizing 1,000 McpServerCharts in one app, against a bare cdk8s chart with one Deployment
 * and one Service built and synthesized the same way in the same run.
 *
 * - JSON: every chart's objects rendered once (`ApiObject.toJson()`), no YAML.
 * - cdk8s `app.synth()`: the YAML files `cdk8s synth` writes. cdk8s prepares the whole app again
 *   for every chart (so this grows with the square of the number of charts) and writes YAML with
 *   the `yaml` package.
 * - ours, `synthesizeApp(app)` + writing the files: the same files, byte for byte, with the app
 *   prepared once and the fast YAML writer (constructs/synth.ts). What `npm run synth` does.
 * - the operator's path: one fresh App per chart, rendered to JSON in memory.
 *
 * Each case runs once to warm up, then ROUNDS times interleaved with the others, each round in
 * fresh Apps (support/rounds.ts). The table shows medians per chart of wall time and of CPU time;
 * the goal, ≤ 5 ms per McpServerChart synthesized to YAML, is judged on our path's CPU time,
 * which holds when other processes load the machine.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ApiObject, App, Chart } from 'cdk8s';
import { McpServerChart } from '../constructs/mcp-server-chart.ts';
import { synthesizeApp } from '../constructs/synth.ts';
import type { MCPServerResource } from '../lib/workload/kinds.ts';
import { conditions, medians, runRounds } from './support/rounds.ts';

const CHARTS = 1000;
const ROUNDS = 3;
const GOAL_MS = 5;

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
const mcpChart = (app: App, i: number) => new McpServerChart(app, `mcp-${i}`, { server: server(i) });
type Make = (app: App, i: number) => Chart;

const outRoot = mkdtempSync(join(tmpdir(), 'toolhive-bench-'));
let outdirs = 0;
const freshApp = (n: number, make: Make): App => {
  const app = new App({ outdir: join(outRoot, String(outdirs++)) });
  for (let i = 0; i < n; i++) make(app, i);
  return app;
};

/** Synthesis approaches; each returns how many objects it rendered. */
const WAYS = {
  json: (n: number, make: Make) => {
    const app = freshApp(n, make);
    let objects = 0;
    for (const chart of app.charts) for (const o of chart.apiObjects) objects += o.toJson() ? 1 : 0;
    return objects;
  },
  cdk8s: (n: number, make: Make) => {
    const app = freshApp(n, make);
    app.synth();
    return app.charts.reduce((sum, c) => sum + c.apiObjects.length, 0);
  },
  ours: (n: number, make: Make) => {
    const app = freshApp(n, make);
    let objects = 0;
    for (const file of synthesizeApp(app)) {
      const path = join(app.outdir, file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.content);
      objects += file.content.split('\n---\n').length;
    }
    return objects;
  },
  operator: (n: number, make: Make) => {
    let objects = 0;
    for (let i = 0; i < n; i++) objects += make(new App({ outdir: 'unused' }), i).toJson().length;
    return objects;
  },
} as const;

const CASES: ReadonlyArray<readonly [string, keyof typeof WAYS, Make]> = [
  ['bare chart, one app, JSON', 'json', bareChart],
  ['McpServerChart, one app, JSON', 'json', mcpChart],
  ['bare chart, one app, cdk8s app.synth()', 'cdk8s', bareChart],
  ['McpServerChart, one app, cdk8s app.synth()', 'cdk8s', mcpChart],
  ['bare chart, one app, synthesizeApp (ours)', 'ours', bareChart],
  ['McpServerChart, one app, synthesizeApp (ours)', 'ours', mcpChart],
  ['McpServerChart, one app per chart (operator), JSON', 'operator', mcpChart],
];

// Warm up on fewer charts; every round then builds fresh Apps of CHARTS charts.
const rounds = runRounds(
  CASES.map(([, way, make]) => ({ run: () => WAYS[way](CHARTS, make), warmUp: () => WAYS[way](100, make) })),
  ROUNDS,
);
rmSync(outRoot, { recursive: true, force: true });

const perChart = (i: number, key: 'wall' | 'cpu') => medians(rounds[i] ?? [])[key] / CHARTS;
console.log(`${CHARTS} charts, ${conditions(ROUNDS)}\n`);
console.log('| synth | wall ms per chart | CPU ms per chart | objects per chart |');
console.log('| --- | ---: | ---: | ---: |');
CASES.forEach(([name], i) => {
  const objects = (rounds[i]?.[0]?.count ?? 0) / CHARTS;
  console.log(
    `| ${name} | ${perChart(i, 'wall').toFixed(3)} | ${perChart(i, 'cpu').toFixed(3)} | ${objects.toFixed(1)} |`,
  );
});
const ratio = (a: number, b: number) => (perChart(a, 'cpu') / perChart(b, 'cpu')).toFixed(1);
console.log(
  `\nMcpServerChart / bare chart (CPU): ${ratio(1, 0)}x JSON, ${ratio(3, 2)}x cdk8s app.synth(), ${ratio(5, 4)}x ours`,
);
console.log(`cdk8s app.synth() / ours for McpServerCharts (CPU): ${ratio(3, 5)}x`);
const ours = perChart(5, 'cpu');
console.log(
  `goal: ≤ ${GOAL_MS} ms per McpServerChart synthesized to YAML: ${ours.toFixed(2)} ms CPU ` +
    `(${perChart(5, 'wall').toFixed(2)} ms wall) with synthesizeApp; ${ours <= GOAL_MS ? 'met' : 'NOT met'} ` +
    `(cdk8s app.synth(): ${perChart(3, 'cpu').toFixed(2)} ms CPU)`,
);
