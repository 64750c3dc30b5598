/**
 * MCPGroup: a named set of backends for a VirtualMCPServer. Membership is declared on the
 * members (`spec.groupRef`), never on the group; the group's status lists them.
 */
import { array, int32, int64, object, string } from '../schema/dsl.ts';
import { AGE_COLUMN, betaWithAlphaAlias, type KindDefinition } from '../schema/kind.ts';
import { conditions } from './shared/core.ts';

const memberNames = (what: string) =>
  array(string(), { listType: 'set', description: `Names of the ${what} in this group.` });

export const mcpGroupKind: KindDefinition = {
  kind: 'MCPGroup',
  listKind: 'MCPGroupList',
  plural: 'mcpgroups',
  singular: 'mcpgroup',
  shortNames: ['mcpg', 'mcpgroup'],
  categories: ['toolhive'],
  versions: betaWithAlphaAlias({
    kind: 'MCPGroup',
    description: 'MCPGroup groups MCP servers, remote proxies and server entries for a VirtualMCPServer.',
  }),
  printerColumns: [
    { name: 'Servers', type: 'integer', jsonPath: '.status.serverCount' },
    { name: 'Proxies', type: 'integer', jsonPath: '.status.remoteProxyCount' },
    { name: 'Phase', type: 'string', jsonPath: '.status.phase' },
    {
      name: 'Checked',
      type: 'string',
      jsonPath: ".status.conditions[?(@.type=='MCPServersChecked')].status",
    },
    AGE_COLUMN,
  ],
  spec: object(
    { description: string({ description: 'Human-readable purpose of the group.' }) },
    { name: 'MCPGroupSpec', description: 'Desired state of an MCPGroup.' },
  ),
  status: object(
    {
      conditions: conditions(),
      entries: memberNames('MCPServerEntries'),
      entryCount: int32({ description: 'Number of MCPServerEntries in this group.' }),
      observedGeneration: int64({ description: 'The .metadata.generation the status was computed from.' }),
      phase: string({
        default: 'Pending',
        enum: ['Ready', 'Pending', 'Failed'],
        description: 'Ready once the members have been listed; Failed when listing them failed.',
      }),
      remoteProxies: memberNames('MCPRemoteProxies'),
      remoteProxyCount: int32({ description: 'Number of MCPRemoteProxies in this group.' }),
      serverCount: int32({ description: 'Number of MCPServers in this group.' }),
      servers: memberNames('MCPServers'),
    },
    { name: 'MCPGroupStatus', description: 'Observed state of an MCPGroup.' },
  ),
};
