/**
 * The one place where chart props and resource constructs are validated. A resource goes through
 * the offline validator (`lib/validate`: schema, defaults and CEL, with the API server's
 * messages) and two checks of our own that rendering relies on: it is of the kind the construct
 * expects, and a workload's name can be part of the Service names derived from it (an RFC 1123
 * label; how long it may be depends on the names derived from it, which the charts check). Other
 * kinds take any name the API server takes (an RFC 1123 subdomain), as in ToolHive.
 * Invalid input fails synth with the construct path and the problem.
 */
import type { Construct } from 'constructs';
import { validateResource as validateWithSchema } from '../../lib/validate/index.ts';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Kinds whose name becomes part of Service and other DNS-label names. */
const WORKLOAD_KINDS = new Set([
  'MCPServer',
  'MCPRemoteProxy',
  'VirtualMCPServer',
  'MCPRegistry',
  'EmbeddingServer',
]);

/** Kinds whose spec carries required fields: the API server accepts them without a spec at all,
 * but there is nothing to render from one. */
const SPEC_REQUIRED = new Set(['MCPServer', 'MCPRemoteProxy', 'VirtualMCPServer', 'MCPRegistry']);

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

export interface CheckedResource<T> {
  readonly problems: readonly string[];
  /** The resource as the API server would store it: pruned and defaulted. */
  readonly object: T | undefined;
}

/** Checks `resource` as a `kind`; problems carry the field path, as the API server words them. */
export function checkResource<T extends ResourceLike>(kind: string, resource: T): CheckedResource<T> {
  const problems: string[] = [];
  if (resource.kind !== kind) problems.push(`kind: Invalid value: "${resource.kind ?? ''}": must be ${kind}`);
  const name = resource.metadata?.name ?? '';
  if (WORKLOAD_KINDS.has(kind) && name !== '' && (name.length > 63 || !DNS_LABEL.test(name)))
    problems.push(
      `metadata.name: Invalid value: "${name}": must be a lowercase RFC 1123 label of at most 63 characters`,
    );
  if (SPEC_REQUIRED.has(kind) && (resource.spec === undefined || resource.spec === null))
    problems.push('spec: Required value');
  const result = validateWithSchema(resource);
  if (!result.valid) problems.push(...result.errors.map((e) => e.message));
  return { problems, object: result.valid ? (result.object as T | undefined) : undefined };
}

/** Problems with `resource` as a `kind` (empty when valid). */
export function resourceProblems(kind: string, resource: ResourceLike): string[] {
  return [...checkResource(kind, resource).problems];
}

/**
 * Throws an `InvalidResourceError` naming the construct path when `resource` is invalid;
 * otherwise returns it pruned and defaulted, as the cluster would hold it.
 */
export function validateResource<T extends ResourceLike>(scope: Construct, kind: string, resource: T): T {
  const { problems, object } = checkResource(kind, resource);
  if (problems.length > 0)
    throw new InvalidResourceError(
      `${scope.node.path}: invalid ${kind} "${resource.metadata?.name ?? ''}": ${problems.join('; ')}`,
    );
  return object ?? resource;
}
