/**
 * Constructs for authoring ToolHive's custom resources themselves, for the operator path:
 * `new McpServer(scope, 'grafana', { metadata: { name: 'grafana' }, spec: { image: … } })`.
 * Each renders one object at the kind's storage version (v1beta1; MCPWebhookConfig v1alpha1) and
 * is validated when the construct is created, so a bad resource fails synth with its path.
 */
import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import type { ObjectMeta } from '../lib/api/meta.ts';
import { API_GROUP } from '../lib/schema/kind.ts';
import type {
  CompositeToolDefinitionSpec,
  EmbeddingServerSpec,
  MCPAuthzConfigSpec,
  MCPExternalAuthConfigSpec,
  MCPOIDCConfigSpec,
  MCPRegistrySpec,
  MCPRemoteProxySpec,
  MCPServerEntrySpec,
  MCPServerSpec,
  MCPTelemetryConfigSpec,
  MCPToolConfigSpec,
  MCPWebhookConfigSpec,
  VirtualMCPServerSpec,
} from '../lib/workload/kinds.ts';
import { validateResource } from './shared/validation.ts';

export interface ResourceProps<S> {
  readonly metadata: ObjectMeta;
  readonly spec?: S;
}

/** One ToolHive custom resource; `toJson()` gives the object as the API server will see it. */
export abstract class ToolhiveResource<S> extends ApiObject {
  /** The resource as plain JSON (what a chart's `references` take). */
  readonly resource: { apiVersion: string; kind: string; metadata: ObjectMeta; spec?: S };

  protected constructor(
    scope: Construct,
    id: string,
    kind: string,
    version: string,
    props: ResourceProps<S>,
  ) {
    const resource = {
      apiVersion: `${API_GROUP}/${version}`,
      kind,
      metadata: { ...props.metadata, name: props.metadata.name ?? id },
      ...(props.spec !== undefined ? { spec: props.spec } : {}),
    };
    super(scope, id, resource);
    this.resource = resource;
    validateResource(this, kind, resource);
  }
}

export class McpServer extends ToolhiveResource<MCPServerSpec> {
  constructor(scope: Construct, id: string, props: ResourceProps<MCPServerSpec>) {
    super(scope, id, 'MCPServer', 'v1beta1', props);
  }
}
export class McpRemoteProxy extends ToolhiveResource<MCPRemoteProxySpec> {
  constructor(scope: Construct, id: string, props: ResourceProps<MCPRemoteProxySpec>) {
    super(scope, id, 'MCPRemoteProxy', 'v1beta1', props);
  }
}
export class McpServerEntry extends ToolhiveResource<MCPServerEntrySpec> {
  constructor(scope: Construct, id: string, props: ResourceProps<MCPServerEntrySpec>) {
    super(scope, id, 'MCPServerEntry', 'v1beta1', props);
  }
}
export class McpGroup extends ToolhiveResource<{ description?: string }> {
  constructor(scope: Construct, id: string, props: ResourceProps<{ description?: string }>) {
    super(scope, id, 'MCPGroup', 'v1beta1', props);
  }
}
export class VirtualMcpServer extends ToolhiveResource<VirtualMCPServerSpec> {
  constructor(scope: Construct, id: string, props: ResourceProps<VirtualMCPServerSpec>) {
    super(scope, id, 'VirtualMCPServer', 'v1beta1', props);
  }
}
export class VirtualMcpCompositeToolDefinition extends ToolhiveResource<CompositeToolDefinitionSpec> {
  constructor(scope: Construct, id: string, props: ResourceProps<CompositeToolDefinitionSpec>) {
    super(scope, id, 'VirtualMCPCompositeToolDefinition', 'v1beta1', props);
  }
}
export class McpRegistry extends ToolhiveResource<MCPRegistrySpec> {
  constructor(scope: Construct, id: string, props: ResourceProps<MCPRegistrySpec>) {
    super(scope, id, 'MCPRegistry', 'v1beta1', props);
  }
}
export class McpToolConfig extends ToolhiveResource<MCPToolConfigSpec> {
  constructor(scope: Construct, id: string, props: ResourceProps<MCPToolConfigSpec>) {
    super(scope, id, 'MCPToolConfig', 'v1beta1', props);
  }
}
export class McpExternalAuthConfig extends ToolhiveResource<MCPExternalAuthConfigSpec> {
  constructor(scope: Construct, id: string, props: ResourceProps<MCPExternalAuthConfigSpec>) {
    super(scope, id, 'MCPExternalAuthConfig', 'v1beta1', props);
  }
}
export class McpOidcConfig extends ToolhiveResource<MCPOIDCConfigSpec> {
  constructor(scope: Construct, id: string, props: ResourceProps<MCPOIDCConfigSpec>) {
    super(scope, id, 'MCPOIDCConfig', 'v1beta1', props);
  }
}
export class McpTelemetryConfig extends ToolhiveResource<MCPTelemetryConfigSpec> {
  constructor(scope: Construct, id: string, props: ResourceProps<MCPTelemetryConfigSpec>) {
    super(scope, id, 'MCPTelemetryConfig', 'v1beta1', props);
  }
}
/** MCPWebhookConfig exists only as v1alpha1. */
export class McpWebhookConfig extends ToolhiveResource<MCPWebhookConfigSpec> {
  constructor(scope: Construct, id: string, props: ResourceProps<MCPWebhookConfigSpec>) {
    super(scope, id, 'MCPWebhookConfig', 'v1alpha1', props);
  }
}
export class McpAuthzConfig extends ToolhiveResource<MCPAuthzConfigSpec> {
  constructor(scope: Construct, id: string, props: ResourceProps<MCPAuthzConfigSpec>) {
    super(scope, id, 'MCPAuthzConfig', 'v1beta1', props);
  }
}
export class EmbeddingServer extends ToolhiveResource<EmbeddingServerSpec> {
  constructor(scope: Construct, id: string, props: ResourceProps<EmbeddingServerSpec>) {
    super(scope, id, 'EmbeddingServer', 'v1beta1', props);
  }
}
