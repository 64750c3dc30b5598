/**
 * References from one ToolHive object to another. All resolve in the referencing object's own
 * namespace; ToolHive has no cross-namespace references.
 */
import { array, boolean, describe, object, req, string } from '../../schema/dsl.ts';
import { configMapKeySelector } from './core.ts';

function nameOnly(typeName: string, target: string, minLength: boolean) {
  return object(
    {
      name: req(
        string({
          description: `Name of the ${target} in the same namespace.`,
          ...(minLength ? { minLength: 1 } : {}),
        }),
      ),
    },
    { name: typeName, description: `A reference to an ${target} in the same namespace.` },
  );
}

export const groupRef = nameOnly('MCPGroupRef', 'MCPGroup', true);
export const authzConfigRef = nameOnly('MCPAuthzConfigReference', 'MCPAuthzConfig', true);
export const externalAuthConfigRef = nameOnly('ExternalAuthConfigRef', 'MCPExternalAuthConfig', false);
export const toolConfigRef = nameOnly('ToolConfigRef', 'MCPToolConfig', false);
export const webhookConfigRef = nameOnly('WebhookConfigRef', 'MCPWebhookConfig', false);
export const embeddingServerRef = nameOnly('EmbeddingServerRef', 'EmbeddingServer', false);

export const oidcConfigRef = object(
  {
    audience: req(
      string({
        minLength: 1,
        description:
          'Audience this server expects in tokens. Unique per server, so a token minted for one server ' +
          'is not accepted by another.',
      }),
    ),
    name: req(string({ minLength: 1, description: 'Name of the MCPOIDCConfig in the same namespace.' })),
    resourceUrl: string({
      description:
        'Public URL of this server, advertised in the OAuth protected resource metadata (RFC 9728). ' +
        'Empty means the in-cluster service URL.',
    }),
    scopes: array(string(), {
      listType: 'atomic',
      description: 'OAuth scopes advertised in the protected resource metadata. Empty means ["openid"].',
    }),
  },
  {
    name: 'MCPOIDCConfigReference',
    description: 'A reference to a shared MCPOIDCConfig plus the settings that differ per server.',
  },
);

export const telemetryConfigRef = object(
  {
    name: req(string({ minLength: 1, description: 'Name of the MCPTelemetryConfig in the same namespace.' })),
    serviceName: string({
      description: 'OpenTelemetry service name for this server. Empty means "thv-<server name>".',
    }),
  },
  {
    name: 'MCPTelemetryConfigReference',
    description: 'A reference to a shared MCPTelemetryConfig plus the service name of this server.',
  },
);

export const authServerRef = object(
  {
    kind: req(
      string({
        default: 'MCPExternalAuthConfig',
        enum: ['MCPExternalAuthConfig'],
        description: 'Kind of the referenced object. Only MCPExternalAuthConfig is supported.',
      }),
    ),
    name: req(string({ minLength: 1, description: 'Name of the referenced object in the same namespace.' })),
  },
  {
    name: 'AuthServerRef',
    description:
      'The embedded OAuth authorization server to run beside the proxy: an MCPExternalAuthConfig of ' +
      'type embeddedAuthServer.',
  },
);

export const caBundleSource = object(
  {
    configMapRef: describe(
      configMapKeySelector,
      'ConfigMap key holding PEM-encoded CA certificates (conventionally ca.crt).',
    ),
  },
  { name: 'CABundleSource', description: 'Where to read extra trusted CA certificates from.' },
);

/** Not a reference, but every workload with an audit switch uses this block. */
export const auditConfig = object(
  {
    enabled: boolean({ default: false, description: 'Whether to write one audit event per MCP request.' }),
  },
  { name: 'AuditConfig', description: 'Audit logging of MCP requests.' },
);
