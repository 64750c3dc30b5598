/**
 * MCPAuthzConfig: an authorization policy that several workloads share, for any registered
 * authorizer backend (cedarv1 or httpv1). The backend's own config is kept as given and checked
 * by that backend when the object is reconciled.
 */
import { object, preserved, req, string } from '../schema/dsl.ts';
import { AGE_COLUMN, betaWithAlphaAlias, type KindDefinition } from '../schema/kind.ts';
import { configKindStatus } from './shared/status.ts';
import { VALID_CONDITION_COLUMN } from './shared/workload.ts';

export const mcpAuthzConfigKind: KindDefinition = {
  kind: 'MCPAuthzConfig',
  listKind: 'MCPAuthzConfigList',
  plural: 'mcpauthzconfigs',
  singular: 'mcpauthzconfig',
  shortNames: ['authzcfg'],
  categories: ['toolhive'],
  versions: betaWithAlphaAlias({
    kind: 'MCPAuthzConfig',
    description: 'MCPAuthzConfig is an authorization policy that workloads share by reference.',
  }),
  printerColumns: [
    { name: 'Type', type: 'string', jsonPath: '.spec.type' },
    VALID_CONDITION_COLUMN,
    AGE_COLUMN,
  ],
  spec: object(
    {
      config: req(
        preserved({
          description:
            'Configuration of the authorizer backend, with snake_case keys. For cedarv1: policies, ' +
            'entities_json, group_claim_name, role_claim_name, group_entity_type. For httpv1: http, ' +
            'context, claim_mapping.',
        }),
      ),
      type: req(
        string({
          minLength: 1,
          description: 'Authorizer backend: cedarv1 or httpv1. VirtualMCPServer accepts only cedarv1.',
        }),
      ),
    },
    { name: 'MCPAuthzConfigSpec', description: 'Desired state of an MCPAuthzConfig.' },
  ),
  status: configKindStatus('MCPAuthzConfigStatus', 'MCPAuthzConfig'),
};
