/**
 * `resourceOverrides` of the two kinds that run ToolHive's proxy runner (MCPServer,
 * MCPRemoteProxy): metadata for the proxy Deployment and Service, plus proxy-process env.
 */
import { describe, map, object, string } from '../../schema/dsl.ts';
import { envList, resourceMetadataOverrides } from './core.ts';
import { imagePullSecrets } from './image-pull-secrets.ts';

const proxyDeploymentOverrides = object(
  {
    annotations: map(string(), { description: 'Annotations to add or override on the proxy Deployment.' }),
    env: envList(
      'Environment variables of the proxy runner process itself (not of the MCP server), e.g. TOOLHIVE_DEBUG=true.',
    ),
    imagePullSecrets: imagePullSecrets(
      'Pull secrets for the proxy runner image, set on the Deployment and on the generated ServiceAccount.',
    ),
    labels: map(string(), { description: 'Labels to add or override on the proxy Deployment.' }),
    podTemplateMetadataOverrides: describe(
      resourceMetadataOverrides,
      'Labels and annotations for the pods of the proxy Deployment (e.g. sidecar-injector annotations).',
    ),
  },
  {
    name: 'ProxyDeploymentOverrides',
    description: 'Overrides for the proxy runner Deployment.',
  },
);

export const proxyResourceOverrides = object(
  {
    proxyDeployment: describe(proxyDeploymentOverrides, 'Overrides for the proxy runner Deployment.'),
    proxyService: describe(resourceMetadataOverrides, 'Labels and annotations for the proxy Service.'),
  },
  {
    name: 'ResourceOverrides',
    description: 'Labels, annotations and proxy settings merged into the objects the operator creates.',
  },
);
