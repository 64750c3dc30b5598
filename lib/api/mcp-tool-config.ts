/**
 * MCPToolConfig: a reusable tool policy (which tools to expose, and under what name,
 * description and annotations), referenced by MCPServers, MCPRemoteProxies and the
 * aggregation config of a VirtualMCPServer.
 */
import { array, map, object, string } from '../schema/dsl.ts';
import { AGE_COLUMN, betaWithAlphaAlias, type KindDefinition } from '../schema/kind.ts';
import { configKindStatus } from './shared/status.ts';
import { toolOverride } from './shared/tool-override.ts';
import { VALID_CONDITION_COLUMN } from './shared/workload.ts';

export const mcpToolConfigKind: KindDefinition = {
  kind: 'MCPToolConfig',
  listKind: 'MCPToolConfigList',
  plural: 'mcptoolconfigs',
  singular: 'mcptoolconfig',
  shortNames: ['tc', 'toolconfig'],
  categories: ['toolhive'],
  versions: betaWithAlphaAlias({
    kind: 'MCPToolConfig',
    description:
      'MCPToolConfig filters, renames and re-describes the tools of the workloads that reference it.',
  }),
  printerColumns: [VALID_CONDITION_COLUMN, AGE_COLUMN],
  spec: object(
    {
      toolsFilter: array(string(), {
        listType: 'set',
        description:
          'Names of the tools to expose (original names); every other tool is hidden. Empty exposes all.',
      }),
      toolsOverride: map(toolOverride, {
        description: 'Overrides keyed by the original tool name. Filtering applies to the original names.',
      }),
    },
    { name: 'MCPToolConfigSpec', description: 'Desired state of an MCPToolConfig.' },
  ),
  status: configKindStatus('MCPToolConfigStatus', 'MCPToolConfig'),
};
