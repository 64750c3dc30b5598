/**
 * The kind types rendering reads, named for their role. They are the generated kind types
 * (`lib/api/types.generated.ts`), so a resource typed for the API is accepted as is.
 */
import type * as G from '../api/types.generated.ts';

export type SecretKeyRef = G.SecretKeyRef;
export type NameRef = { name: string };
export type EnvVarSpec = G.EnvVar;
export type InlineAuthz = G.AuthzConfigRef;
export type OIDCConfigRef = G.MCPOIDCConfigReference;
export type TelemetryConfigRef = G.MCPTelemetryConfigReference;
export type AuthServerRef = G.AuthServerRef;
export type SessionStorage = G.SessionStorageConfig;
export type HeaderForward = G.HeaderForwardConfig;
export type WebhookSpec = G.WebhookSpec;

export type MCPServerSpec = G.MCPServerSpec;
export type MCPRemoteProxySpec = G.MCPRemoteProxySpec;
export type MCPServerEntrySpec = G.MCPServerEntrySpec;
export type MCPToolConfigSpec = G.MCPToolConfigSpec;
export type MCPOIDCConfigSpec = G.MCPOIDCConfigSpec;
export type MCPTelemetryConfigSpec = G.MCPTelemetryConfigSpec;
export type MCPAuthzConfigSpec = G.MCPAuthzConfigSpec;
export type MCPWebhookConfigSpec = G.MCPWebhookConfigSpec;
export type MCPExternalAuthConfigSpec = G.MCPExternalAuthConfigSpec;
export type VirtualMCPServerSpec = G.VirtualMCPServerSpec;
export type EmbeddingServerSpec = G.EmbeddingServerSpec;
export type MCPRegistrySpec = G.MCPRegistrySpec;
export type CompositeToolDefinitionSpec = G.CompositeToolConfig;
export type MCPGroupSpec = G.MCPGroupSpec;

export type MCPServerResource = G.MCPServer;
export type MCPRemoteProxyResource = G.MCPRemoteProxy;
export type MCPServerEntryResource = G.MCPServerEntry;
export type MCPGroupResource = G.MCPGroup;
export type MCPToolConfigResource = G.MCPToolConfig;
export type MCPOIDCConfigResource = G.MCPOIDCConfig;
export type MCPTelemetryConfigResource = G.MCPTelemetryConfig;
export type MCPAuthzConfigResource = G.MCPAuthzConfig;
export type MCPWebhookConfigResource = G.MCPWebhookConfig;
export type MCPExternalAuthConfigResource = G.MCPExternalAuthConfig;
export type VirtualMCPServerResource = G.VirtualMCPServer;
export type EmbeddingServerResource = G.EmbeddingServer;
export type MCPRegistryResource = G.MCPRegistry;
export type CompositeToolDefinitionResource = G.VirtualMCPCompositeToolDefinition;
