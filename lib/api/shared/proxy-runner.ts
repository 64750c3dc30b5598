/**
 * The spec and status fields that MCPServer and MCPRemoteProxy share because both run ToolHive's
 * proxy runner: client authentication and authorization, audit, tool config, telemetry, the
 * proxy Deployment's replicas and Service, and the hashes of referenced config objects.
 */
import { boolean, describe, type Prop, string } from '../../schema/dsl.ts';
import { authzConfig } from './authz.ts';
import { conditions, podTemplateSpec, resourceRequirements } from './core.ts';
import { proxyResourceOverrides } from './proxy-overrides.ts';
import {
  auditConfig,
  authServerRef,
  authzConfigRef,
  externalAuthConfigRef,
  groupRef,
  oidcConfigRef,
  telemetryConfigRef,
  toolConfigRef,
} from './refs.ts';
import { sessionStorageConfig } from './session-storage.ts';
import { observedGeneration } from './status.ts';
import { hashField, proxyPort, replicaCount, sessionAffinity } from './workload.ts';

export interface ProxyRunnerWording {
  /** What sits behind the proxy, e.g. "the MCP server" or "the remote MCP server". */
  backend: string;
  /** Container to name in podTemplateSpec to patch the main container. */
  containerName: string;
  /** Whose compute resources `resources` sets. */
  resourcesOf: string;
  /** Who runs under `serviceAccount`. */
  serviceAccountOf: string;
}

export function proxyRunnerSpecFields(w: ProxyRunnerWording): Record<string, Prop> {
  return {
    audit: describe(auditConfig, 'Audit logging of the MCP requests passing through the proxy.'),
    authServerRef: describe(
      authServerRef,
      'Embedded OAuth authorization server, run beside the proxy, that authenticates MCP clients.',
    ),
    authzConfig: describe(
      authzConfig,
      'Cedar authorization of client requests. Exclusive with authzConfigRef.',
    ),
    authzConfigRef: describe(
      authzConfigRef,
      'Shared MCPAuthzConfig that authorizes client requests. Exclusive with authzConfig.',
    ),
    endpointPrefix: string({
      description: 'Path prefix put in front of SSE endpoint URLs, for ingresses that strip a prefix.',
    }),
    externalAuthConfigRef: describe(
      externalAuthConfigRef,
      `MCPExternalAuthConfig describing how the proxy authenticates to ${w.backend} (e.g. token exchange).`,
    ),
    groupRef: describe(groupRef, 'MCPGroup this workload belongs to, for aggregation by a VirtualMCPServer.'),
    oidcConfigRef: describe(
      oidcConfigRef,
      'MCPOIDCConfig that validates client tokens. Without it (and without authServerRef) the proxy ' +
        'accepts every request unauthenticated.',
    ),
    podTemplateSpec: podTemplateSpec(w.containerName),
    proxyPort: proxyPort('Port the proxy listens on and its Service exposes.'),
    replicas: replicaCount('proxy pods'),
    resourceOverrides: describe(
      proxyResourceOverrides,
      'Labels, annotations and proxy settings merged into the generated objects.',
    ),
    resources: describe(resourceRequirements, `Compute resources of ${w.resourcesOf}.`),
    serviceAccount: string({
      description: `Existing ServiceAccount for ${w.serviceAccountOf}. Empty means one is created.`,
    }),
    sessionAffinity: sessionAffinity(),
    sessionStorage: describe(
      sessionStorageConfig,
      'Session store shared by the proxy replicas. Without it sessions live in one pod; with more than ' +
        'one replica use redis and sessionAffinity None.',
    ),
    telemetryConfigRef: describe(
      telemetryConfigRef,
      'MCPTelemetryConfig with the OpenTelemetry and Prometheus settings.',
    ),
    toolConfigRef: describe(
      toolConfigRef,
      `MCPToolConfig that filters and renames the tools of ${w.backend}.`,
    ),
    trustProxyHeaders: boolean({
      default: false,
      description:
        'Build endpoint URLs from X-Forwarded-* headers; enable only behind a trusted reverse proxy.',
    }),
  };
}

/** Status fields both proxy kinds report. */
export function proxyRunnerStatusFields(): Record<string, Prop> {
  return {
    authServerConfigHash: hashField('the referenced embedded auth server config'),
    authzConfigHash: hashField('the referenced MCPAuthzConfig'),
    conditions: conditions(),
    externalAuthConfigHash: hashField('the referenced MCPExternalAuthConfig'),
    message: string({ description: 'Human-readable detail of the current phase.' }),
    observedGeneration: observedGeneration(),
    oidcConfigHash: hashField('the referenced MCPOIDCConfig'),
    telemetryConfigHash: hashField('the referenced MCPTelemetryConfig'),
    toolConfigHash: hashField('the referenced MCPToolConfig'),
    url: string({ description: 'In-cluster URL clients use to reach the proxy.' }),
  };
}
