/**
 * Reference resolution: a workload custom resource plus the config resources it references, and
 * the Secrets and ConfigMaps its pods consume when they are known, become one resolved spec. A
 * missing config resource is an error that names the field that refers to it; a Secret or
 * ConfigMap that is not known is not (GitOps repositories rarely hold Secrets), it just does not
 * contribute to the content hashes.
 */
import type { KubeObject } from '../api/meta.ts';
import { hashObject } from '../hash/canonical.ts';
import type {
  CompositeToolDefinitionResource,
  EmbeddingServerResource,
  MCPAuthzConfigResource,
  MCPExternalAuthConfigResource,
  MCPOIDCConfigResource,
  MCPRemoteProxyResource,
  MCPServerEntryResource,
  MCPServerResource,
  MCPTelemetryConfigResource,
  MCPToolConfigResource,
  MCPWebhookConfigResource,
  VirtualMCPServerResource,
} from '../workload/kinds.ts';
import type { ObjectSource } from './source.ts';

export interface ResolveProblem {
  /** Field path in the workload, e.g. `spec.toolConfigRef.name`. */
  readonly path: string;
  readonly message: string;
}

export class ResolveError extends Error {
  readonly problems: readonly ResolveProblem[];
  constructor(subject: string, problems: readonly ResolveProblem[]) {
    super(`${subject}: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
    this.name = 'ResolveError';
    this.problems = problems;
  }
}

/** What one pod consumes from Secrets and ConfigMaps, with content hashes of the known ones. */
export interface ConsumedInputs {
  /** Secret name → hash of its data, or null when the Secret is not known. */
  readonly secrets: Readonly<Record<string, string | null>>;
  readonly configMaps: Readonly<Record<string, string | null>>;
}

/** The config resources a workload references, by role. */
export interface ResolvedRefs {
  toolConfig?: MCPToolConfigResource;
  oidcConfig?: MCPOIDCConfigResource;
  telemetryConfig?: MCPTelemetryConfigResource;
  authzConfig?: MCPAuthzConfigResource;
  externalAuthConfig?: MCPExternalAuthConfigResource;
  authServerConfig?: MCPExternalAuthConfigResource;
  webhookConfig?: MCPWebhookConfigResource;
}

interface ResolvedBase<R> {
  readonly resource: R;
  readonly name: string;
  readonly namespace: string;
  readonly refs: ResolvedRefs;
  /** Hash of the specs of every referenced config resource; undefined when there are none. */
  readonly configRefsHash: string | undefined;
}

export interface ResolvedMcpServer extends ResolvedBase<MCPServerResource> {
  readonly kind: 'MCPServer';
  /** Inputs of the proxy runner pod. */
  readonly proxy: ConsumedInputs;
  /** Inputs of the MCP server pod (its `spec.secrets`). */
  readonly backend: ConsumedInputs;
}

export interface ResolvedMcpRemoteProxy extends ResolvedBase<MCPRemoteProxyResource> {
  readonly kind: 'MCPRemoteProxy';
  readonly proxy: ConsumedInputs;
}

export interface VmcpBackendMember {
  readonly kind: 'MCPServer' | 'MCPRemoteProxy' | 'MCPServerEntry';
  readonly resource: MCPServerResource | MCPRemoteProxyResource | MCPServerEntryResource;
  /** The member's own external auth config, when it references one and it exists. */
  readonly externalAuthConfig?: MCPExternalAuthConfigResource;
  /**
   * Set when the member references an MCPExternalAuthConfig that does not exist and the
   * VirtualMCPServer's outgoing auth is inline: the problem, as it would have been reported.
   * With discovered outgoing auth a missing one fails resolution instead.
   */
  readonly externalAuthConfigProblem?: string;
}

export interface ResolvedVirtualMcpServer extends ResolvedBase<VirtualMCPServerResource> {
  readonly kind: 'VirtualMCPServer';
  readonly groupName: string;
  /** Members of the group, sorted by kind then name. */
  readonly members: readonly VmcpBackendMember[];
  /** External auth configs named by `spec.outgoingAuth`, by name. */
  readonly outgoingAuthConfigs: Readonly<Record<string, MCPExternalAuthConfigResource>>;
  /** Tool configs named by `spec.config.aggregation.tools[].toolConfigRef`, by name. */
  readonly aggregationToolConfigs: Readonly<Record<string, MCPToolConfigResource>>;
  readonly compositeToolDefinitions: readonly CompositeToolDefinitionResource[];
  readonly embeddingServer?: EmbeddingServerResource;
  readonly vmcp: ConsumedInputs;
}

/**
 * Where a cache that keeps digests instead of values (the operator's, for Secrets and users'
 * ConfigMaps) records the content hash of the original, so pod-template hashes stay those the
 * synth path computes from the full object.
 */
export const CONTENT_HASH: unique symbol = Symbol.for('toolhive-ts.contentHash');

/** Hash of a Secret's or ConfigMap's content (data, stringData, binaryData). */
export function contentHash(obj: KubeObject): string {
  const known = (obj as { [CONTENT_HASH]?: string })[CONTENT_HASH];
  if (known !== undefined) return known;
  return hashObject({
    data: obj.data ?? {},
    stringData: obj.stringData ?? {},
    binaryData: obj.binaryData ?? {},
  });
}

/** Collects references, recording every missing one, so all problems are reported at once. */
export class RefCollector {
  readonly problems: ResolveProblem[] = [];
  readonly #source: ObjectSource;
  readonly #namespace: string;

  constructor(source: ObjectSource, namespace: string) {
    this.#source = source;
    this.#namespace = namespace;
  }

  /** A required config resource; records a problem and returns undefined when missing. */
  ref<T>(kind: string, name: string | undefined, path: string): T | undefined {
    if (name === undefined || name === '') {
      this.problems.push({ path, message: `a ${kind} name is required` });
      return undefined;
    }
    const obj = this.#source.get(kind, this.#namespace, name);
    if (!obj) {
      this.problems.push({ path, message: `${kind} "${name}" not found in namespace "${this.#namespace}"` });
      return undefined;
    }
    return obj as unknown as T;
  }

  list<T>(kind: string): T[] {
    return this.#source.list(kind, this.#namespace) as unknown as T[];
  }

  /** Records what a pod consumes; unknown Secrets and ConfigMaps map to null. */
  inputs(secretNames: Iterable<string>, configMapNames: Iterable<string>): ConsumedInputs {
    const look = (kind: string, names: Iterable<string>) => {
      const out: Record<string, string | null> = {};
      for (const n of [...new Set(names)].sort()) {
        const obj = this.#source.get(kind, this.#namespace, n);
        out[n] = obj ? contentHash(obj) : null;
      }
      return out;
    };
    return { secrets: look('Secret', secretNames), configMaps: look('ConfigMap', configMapNames) };
  }
}

/** Hash of the referenced config resources' specs (names included), or undefined if none. */
export function refsHash(
  refs: Record<string, { metadata: { name?: string }; spec?: unknown } | undefined>,
): string | undefined {
  const entries = Object.entries(refs).filter(([, v]) => v !== undefined) as Array<
    [string, { metadata: { name?: string }; spec?: unknown }]
  >;
  if (entries.length === 0) return undefined;
  return hashObject(entries.map(([role, o]) => ({ role, name: o.metadata.name, spec: o.spec ?? {} })));
}

/** Hash of the known entries of a `ConsumedInputs` map, or undefined when none is known. */
export function knownInputsHash(map: Readonly<Record<string, string | null>>): string | undefined {
  const known = Object.entries(map).filter(([, h]) => h !== null);
  return known.length === 0 ? undefined : hashObject(Object.fromEntries(known));
}
