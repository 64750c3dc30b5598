/**
 * MCPServerEntry: a catalog entry for a remote MCP server, with no pods of its own. It puts the
 * remote endpoint into an MCPGroup so a VirtualMCPServer can route to it directly, with the
 * outgoing auth, headers and CA bundle to use on the way.
 */
import { describe, object, req, string } from '../schema/dsl.ts';
import { AGE_COLUMN, betaWithAlphaAlias, type KindDefinition } from '../schema/kind.ts';
import { conditions } from './shared/core.ts';
import { headerForwardConfig } from './shared/header-forward.ts';
import { caBundleSource, externalAuthConfigRef, groupRef } from './shared/refs.ts';
import { allowPrivateEndpoint, remoteUrl } from './shared/remote-endpoint.ts';
import { observedGeneration } from './shared/status.ts';
import { phaseColumn } from './shared/workload.ts';

const spec = object(
  {
    allowPrivateEndpoint: allowPrivateEndpoint(),
    caBundleRef: describe(
      caBundleSource,
      'CA certificates to trust when connecting to the remote server over TLS, in addition to the system ones.',
    ),
    externalAuthConfigRef: describe(
      externalAuthConfigRef,
      'MCPExternalAuthConfig describing how the Virtual MCP server authenticates to the remote server.',
    ),
    groupRef: req(
      describe(groupRef, 'MCPGroup the entry belongs to; a Virtual MCP server of that group routes to it.'),
    ),
    headerForward: describe(headerForwardConfig, 'Headers added to every request sent to the remote server.'),
    remoteUrl: req(remoteUrl('URL of the remote MCP server, http:// or https://.')),
    transport: req(
      string({
        enum: ['sse', 'streamable-http'],
        description:
          'MCP transport the remote server speaks. No default: a wrong guess against a server you do not ' +
          'control fails silently.',
      }),
    ),
  },
  { name: 'MCPServerEntrySpec', description: 'Desired state of an MCPServerEntry.' },
);

const status = object(
  {
    conditions: conditions(),
    observedGeneration: observedGeneration(),
    phase: string({
      default: 'Pending',
      enum: ['Valid', 'Pending', 'Failed'],
      description:
        'Valid once every referenced object exists and checks out; a Virtual MCP server routes only to Valid entries.',
    }),
  },
  { name: 'MCPServerEntryStatus', description: 'Observed state of an MCPServerEntry.' },
);

export const mcpServerEntryKind: KindDefinition = {
  kind: 'MCPServerEntry',
  listKind: 'MCPServerEntryList',
  plural: 'mcpserverentries',
  singular: 'mcpserverentry',
  shortNames: ['mcpentry'],
  categories: ['toolhive'],
  versions: betaWithAlphaAlias({
    kind: 'MCPServerEntry',
    description:
      'MCPServerEntry declares a remote MCP server as a member of an MCPGroup, without running anything.',
  }),
  printerColumns: [
    phaseColumn('Phase'),
    { name: 'Transport', type: 'string', jsonPath: '.spec.transport' },
    { name: 'Remote URL', type: 'string', jsonPath: '.spec.remoteUrl' },
    { name: 'Group', type: 'string', jsonPath: '.spec.groupRef.name' },
    AGE_COLUMN,
  ],
  spec,
  status,
};
