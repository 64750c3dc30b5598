/**
 * MCPRemoteProxy: ToolHive's proxy runner in front of an MCP server that already runs elsewhere,
 * adding authentication, authorization, audit, tool filtering and telemetry. It runs no MCP
 * server of its own: one Deployment, one Service.
 */
import { describe, object, req, string } from '../schema/dsl.ts';
import { AGE_COLUMN, betaWithAlphaAlias, type KindDefinition } from '../schema/kind.ts';
import { AUTHZ_EXCLUSIVE_RULE } from './shared/authz.ts';
import { headerForwardConfig } from './shared/header-forward.ts';
import { proxyRunnerSpecFields, proxyRunnerStatusFields } from './shared/proxy-runner.ts';
import { allowPrivateEndpoint, remoteUrl } from './shared/remote-endpoint.ts';
import { phaseColumn, READY_CONDITION_COLUMN } from './shared/workload.ts';

const spec = object(
  {
    ...proxyRunnerSpecFields({
      backend: 'the remote MCP server',
      containerName: 'toolhive',
      resourcesOf: 'the proxy container',
      serviceAccountOf: 'the proxy',
    }),
    allowPrivateEndpoint: allowPrivateEndpoint(),
    headerForward: describe(headerForwardConfig, 'Headers added to every request sent to the remote server.'),
    remoteUrl: req(remoteUrl('URL of the remote MCP server, http:// or https://.')),
    transport: string({
      default: 'streamable-http',
      enum: ['sse', 'streamable-http'],
      description: 'MCP transport the remote server speaks.',
    }),
  },
  {
    name: 'MCPRemoteProxySpec',
    description: 'Desired state of an MCPRemoteProxy.',
    validations: [AUTHZ_EXCLUSIVE_RULE],
  },
);

const status = object(
  {
    ...proxyRunnerStatusFields(),
    externalUrl: string({ description: 'URL the proxy is reachable at from outside the cluster, if known.' }),
    phase: string({
      enum: ['Pending', 'Ready', 'Failed', 'Terminating'],
      description: 'Lifecycle phase of the proxy.',
    }),
  },
  { name: 'MCPRemoteProxyStatus', description: 'Observed state of an MCPRemoteProxy.' },
);

export const mcpRemoteProxyKind: KindDefinition = {
  kind: 'MCPRemoteProxy',
  listKind: 'MCPRemoteProxyList',
  plural: 'mcpremoteproxies',
  singular: 'mcpremoteproxy',
  shortNames: ['rp', 'mcprp'],
  categories: ['toolhive'],
  versions: betaWithAlphaAlias({
    kind: 'MCPRemoteProxy',
    description: 'MCPRemoteProxy puts the ToolHive proxy runner in front of a remote MCP server.',
  }),
  printerColumns: [
    phaseColumn('Phase'),
    { name: 'Remote URL', type: 'string', jsonPath: '.spec.remoteUrl' },
    { name: 'URL', type: 'string', jsonPath: '.status.url' },
    READY_CONDITION_COLUMN,
    AGE_COLUMN,
  ],
  spec,
  status,
};
