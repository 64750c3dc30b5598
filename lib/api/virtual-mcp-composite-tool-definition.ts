/**
 * VirtualMCPCompositeToolDefinition: a composite tool workflow kept in its own resource, so
 * several VirtualMCPServers can reference it (`spec.config.compositeToolRefs`). The spec is the
 * same `CompositeToolConfig` as an inline `spec.config.compositeTools[]` entry.
 *
 * No controller writes the status today (as in ToolHive); the VirtualMCPServer controller reads
 * `status.validationStatus` and refuses a reference whose status is Invalid.
 */
import { array, describe, object, string } from '../schema/dsl.ts';
import { AGE_COLUMN, betaWithAlphaAlias, type KindDefinition } from '../schema/kind.ts';
import { compositeToolConfig } from './shared/composite-tool.ts';
import { conditions } from './shared/core.ts';
import { observedGeneration } from './shared/status.ts';
import { READY_CONDITION_COLUMN } from './shared/workload.ts';

export const virtualMcpCompositeToolDefinitionKind: KindDefinition = {
  kind: 'VirtualMCPCompositeToolDefinition',
  listKind: 'VirtualMCPCompositeToolDefinitionList',
  plural: 'virtualmcpcompositetooldefinitions',
  singular: 'virtualmcpcompositetooldefinition',
  shortNames: ['vmcpctd', 'compositetool'],
  categories: ['toolhive'],
  versions: betaWithAlphaAlias({
    kind: 'VirtualMCPCompositeToolDefinition',
    description:
      'VirtualMCPCompositeToolDefinition is a reusable composite tool workflow that VirtualMCPServers ' +
      'in the same namespace reference by name.',
  }),
  printerColumns: [
    { name: 'Workflow', type: 'string', jsonPath: '.spec.name', description: 'Name of the composite tool' },
    {
      name: 'Status',
      type: 'string',
      jsonPath: '.status.validationStatus',
      description: 'Result of the workflow validation',
    },
    { ...AGE_COLUMN, description: 'Time since creation' },
    READY_CONDITION_COLUMN,
  ],
  spec: describe(compositeToolConfig, 'The composite tool workflow.'),
  status: object(
    {
      conditions: conditions('WorkflowValidated and Ready conditions.'),
      observedGeneration: observedGeneration(),
      referencingVirtualServers: array(string(), {
        listType: 'set',
        description: 'Names of the VirtualMCPServers that reference this workflow.',
      }),
      validationErrors: array(string(), {
        listType: 'atomic',
        description: 'Problems found in the workflow when validationStatus is Invalid.',
      }),
      validationStatus: string({
        enum: ['Valid', 'Invalid', 'Unknown'],
        description:
          'Outcome of validating the workflow. Empty or Unknown is accepted by referencing servers.',
      }),
    },
    {
      name: 'VirtualMCPCompositeToolDefinitionStatus',
      description: 'Observed state of a VirtualMCPCompositeToolDefinition.',
    },
  ),
};
