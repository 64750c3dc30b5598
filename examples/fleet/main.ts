/**
 * `npm run synth`: the example fleet, both ways.
 *
 * - `dist/*.k8s.yaml`: every workload rendered GitOps-complete by its chart, ready for Argo CD
 *   (no operator needed).
 * - `dist/crs/platform-tools.k8s.yaml`: the same fleet as custom resources, for clusters that
 *   run the operator.
 * - `dist/install/`: the operator's CRDs and install bundle.
 *
 * `dist/` is committed; CI re-runs this and fails when it is stale.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { App, Chart, YamlOutputType } from 'cdk8s';
import { McpRemoteProxyChart } from '../../constructs/mcp-remote-proxy-chart.ts';
import { McpServerChart } from '../../constructs/mcp-server-chart.ts';
import { OperatorChart, OperatorCrdsChart } from '../../constructs/operator-chart.ts';
import {
  McpGroup,
  McpOidcConfig,
  McpRemoteProxy,
  McpServer,
  McpTelemetryConfig,
  McpToolConfig,
  VirtualMcpServer,
} from '../../constructs/resources.ts';
import { synthesizeApp } from '../../constructs/synth.ts';
import { VirtualMcpChart } from '../../constructs/virtual-mcp-chart.ts';
import {
  corporateIdp,
  FLEET,
  fetchServer,
  fetchTools,
  github,
  grafana,
  linear,
  platformTools,
  platformToolsVmcp,
  sharedOtel,
} from './fleet.ts';

const dist = join(import.meta.dirname, '..', '..', 'dist');
rmSync(dist, { recursive: true, force: true });

/** `app.synth()`, done once for the whole app with the fast YAML writer (same files, same bytes). */
function synth(app: App): void {
  for (const file of synthesizeApp(app)) {
    const path = join(app.outdir, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content);
  }
}

// GitOps: each workload's chart, resolving its references among the fleet's resources.
const app = new App({
  outdir: dist,
  outputFileExtension: '.k8s.yaml',
  yamlOutputType: YamlOutputType.FILE_PER_CHART,
});
const references = [...FLEET];
for (const server of [grafana, github, fetchServer])
  new McpServerChart(app, `mcpserver-${server.metadata.name}`, { server, references });
new McpRemoteProxyChart(app, `mcpremoteproxy-${linear.metadata.name}`, { proxy: linear, references });
new VirtualMcpChart(app, `virtualmcpserver-${platformToolsVmcp.metadata.name}`, {
  server: platformToolsVmcp,
  references,
});
synth(app);

// Operator path: the custom resources themselves, authored with the resource constructs.
const crs = new App({ outdir: join(dist, 'crs'), outputFileExtension: '.k8s.yaml' });
const fleet = new Chart(crs, 'platform-tools', { disableResourceNameHashes: true });
new McpGroup(fleet, 'group', platformTools);
new McpOidcConfig(fleet, 'corporate-idp', corporateIdp);
new McpTelemetryConfig(fleet, 'shared-otel', sharedOtel);
new McpToolConfig(fleet, 'fetch-tools', fetchTools);
for (const server of [grafana, github, fetchServer])
  new McpServer(fleet, `server-${server.metadata.name}`, server);
new McpRemoteProxy(fleet, 'linear', linear);
new VirtualMcpServer(fleet, 'vmcp', platformToolsVmcp);
synth(crs);

// The operator: CRDs separately, then the operator itself in cluster scope.
const install = new App({ outdir: join(dist, 'install'), outputFileExtension: '.k8s.yaml' });
new OperatorCrdsChart(install, 'crds');
new OperatorChart(install, 'operator');
synth(install);
