/**
 * `synthesizeApp(app)` writes what `app.synth()` writes — the same file names and the same bytes
 * — for every output type, with nested charts, dependencies between charts and objects, charts
 * that override toJson(), and construct metadata; `synthYaml(app)` returns what
 * `app.synthYaml()` returns; validation errors are the same.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ApiObject, App, type AppProps, Chart, YamlOutputType } from 'cdk8s';
import { afterAll, describe, expect, it } from 'vitest';
import { McpRemoteProxyChart } from '../../constructs/mcp-remote-proxy-chart.ts';
import { McpServerChart } from '../../constructs/mcp-server-chart.ts';
import { OperatorChart, OperatorCrdsChart } from '../../constructs/operator-chart.ts';
import { synthesizeApp, synthYaml } from '../../constructs/synth.ts';
import { VirtualMcpChart } from '../../constructs/virtual-mcp-chart.ts';
import {
  FLEET,
  fetchServer,
  github,
  grafana,
  linear,
  platformToolsVmcp,
} from '../../examples/fleet/fleet.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Every file under `dir`, by path relative to it. */
function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out[relative(dir, full)] = readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return out;
}

class Overriding extends Chart {
  override toJson(): unknown[] {
    return [...super.toJson(), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'extra' } }];
  }
}

/** An app with our charts and plain cdk8s charts that depend on each other. */
function build(props: AppProps, variant: 'fleet' | 'dependencies'): App {
  const app = new App(props);
  if (variant === 'fleet') {
    const references = [...FLEET];
    for (const server of [grafana, github, fetchServer])
      new McpServerChart(app, `mcpserver-${server.metadata.name}`, { server, references });
    new McpRemoteProxyChart(app, 'mcpremoteproxy-linear', { proxy: linear, references });
    new VirtualMcpChart(app, 'vmcp', { server: platformToolsVmcp, references });
    new OperatorCrdsChart(app, 'crds');
    new OperatorChart(app, 'operator');
    return app;
  }
  const base = new Chart(app, 'base', { namespace: 'ns' });
  const config = new ApiObject(base, 'config', { apiVersion: 'v1', kind: 'ConfigMap', data: { on: 'yes' } });
  const web = new Chart(app, 'web');
  const deployment = new ApiObject(web, 'deployment', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    spec: { replicas: 2, template: { spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } },
  });
  const service = new ApiObject(web, 'service', {
    apiVersion: 'v1',
    kind: 'Service',
    spec: { ports: [{ port: 80 }] },
  });
  service.addDependency(deployment);
  deployment.addDependency(config);
  const nested = new Chart(web, 'nested');
  new ApiObject(nested, 'secret', { apiVersion: 'v1', kind: 'Secret', stringData: { token: 'x' } });
  const own = new Overriding(app, 'own');
  new ApiObject(own, 'sa', { apiVersion: 'v1', kind: 'ServiceAccount' });
  return app;
}

const OUTPUT_TYPES = [
  YamlOutputType.FILE_PER_CHART,
  YamlOutputType.FILE_PER_APP,
  YamlOutputType.FILE_PER_RESOURCE,
  YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE,
];

describe('synthesizeApp', () => {
  it.each(
    OUTPUT_TYPES.flatMap((yamlOutputType) =>
      (['fleet', 'dependencies'] as const).map(
        (variant) => [YamlOutputType[yamlOutputType], variant, yamlOutputType] as const,
      ),
    ),
  )('writes what app.synth() writes (%s, %s)', (_name, variant, yamlOutputType) => {
    const outdir = mkdtempSync(join(tmpdir(), 'synth-'));
    dirs.push(outdir);
    const props = { outdir, yamlOutputType, recordConstructMetadata: true };
    build(props, variant).synth();
    const files = synthesizeApp(build(props, variant));
    expect(Object.fromEntries(files.map((f) => [f.path, f.content]))).toEqual(readTree(outdir));
  });

  it('returns what app.synthYaml() returns', () => {
    for (const variant of ['fleet', 'dependencies'] as const)
      expect(synthYaml(build({ outdir: 'unused' }, variant))).toBe(
        build({ outdir: 'unused' }, variant).synthYaml(),
      );
  });

  it('fails with the errors app.synth() reports', () => {
    const failing = () => {
      const app = new App({ outdir: 'unused' });
      const chart = new Chart(app, 'chart');
      new ApiObject(chart, 'cm', { apiVersion: 'v1', kind: 'ConfigMap' });
      chart.node.addValidation({ validate: () => ['replicas must be positive'] });
      return app;
    };
    expect(() => failing().synthYaml()).toThrow(
      'Validation failed with the following errors:\n  [chart] replicas must be positive',
    );
    expect(() => synthesizeApp(failing())).toThrow(
      'Validation failed with the following errors:\n  [chart] replicas must be positive',
    );
  });
});
