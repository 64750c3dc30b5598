/**
 * The one place where chart props are validated before rendering. Invalid input fails synth with
 * the problem and the construct path. It checks what rendering relies on (API version, kind,
 * name, the fields each kind requires); the full schema and CEL check of `lib/validate` plugs in
 * here as well.
 */
import type { Construct } from 'constructs';
import { API_GROUP } from '../../lib/schema/kind.ts';

/** Spec fields each kind requires (reference/toolhive-crds.md §19.4). */
const REQUIRED: Readonly<Record<string, readonly string[]>> = {
  MCPServer: ['image'],
  MCPRemoteProxy: ['remoteUrl'],
  MCPServerEntry: ['remoteUrl', 'transport', 'groupRef'],
  VirtualMCPServer: ['groupRef', 'incomingAuth'],
  VirtualMCPCompositeToolDefinition: ['name', 'steps'],
  MCPRegistry: ['configYAML'],
  MCPExternalAuthConfig: ['type'],
  MCPOIDCConfig: ['type'],
  MCPAuthzConfig: ['type', 'config'],
};

const V1ALPHA1_ONLY = new Set(['MCPWebhookConfig']);
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export class InvalidResourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidResourceError';
  }
}

export interface ResourceLike {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string };
  spec?: unknown;
}

/** Problems with `resource` as a `kind`, each prefixed with its field path. */
export function resourceProblems(kind: string, resource: ResourceLike): string[] {
  const problems: string[] = [];
  const versions = V1ALPHA1_ONLY.has(kind) ? ['v1alpha1'] : ['v1beta1', 'v1alpha1'];
  const allowed = versions.map((v) => `${API_GROUP}/${v}`);
  if (!resource.apiVersion || !allowed.includes(resource.apiVersion))
    problems.push(`apiVersion: must be one of ${allowed.join(', ')}`);
  if (resource.kind !== kind) problems.push(`kind: must be ${kind}`);
  const name = resource.metadata?.name;
  if (!name) problems.push('metadata.name: Required value');
  else if (name.length > 63 || !DNS_LABEL.test(name))
    problems.push(
      `metadata.name: Invalid value: "${name}": must be a lowercase RFC 1123 label of at most 63 characters`,
    );
  const required = REQUIRED[kind] ?? [];
  if (required.length > 0) {
    const spec = resource.spec;
    if (spec === undefined || spec === null || typeof spec !== 'object')
      problems.push('spec: Required value');
    else
      for (const field of required)
        if ((spec as Record<string, unknown>)[field] === undefined)
          problems.push(`spec.${field}: Required value`);
  }
  return problems;
}

/** Throws an `InvalidResourceError` naming the construct path when `resource` is invalid. */
export function validateResource(scope: Construct, kind: string, resource: ResourceLike): void {
  const problems = resourceProblems(kind, resource);
  if (problems.length > 0)
    throw new InvalidResourceError(
      `${scope.node.path}: invalid ${kind} "${resource.metadata?.name ?? ''}": ${problems.join('; ')}`,
    );
}
