/**
 * The vMCP runtime's view of its config: ToolHive's file format (`VirtualMCPConfig`, generated
 * from `lib`) with defaults filled in and durations turned into milliseconds, so the rest of the
 * runtime never re-parses strings or guesses defaults.
 */
import type {
  BackendAuthStrategy,
  CompositeToolConfig,
  OptimizerConfig,
  StaticBackendConfig,
  VirtualMCPAuditConfig,
  VirtualMCPAuthzConfig,
  VirtualMCPConfig,
  VirtualMCPOIDCConfig,
  WorkloadToolConfig,
} from '../../../lib/api/types.generated.ts';

export type ConflictStrategy = 'prefix' | 'priority' | 'manual';

export interface AggregationSettings {
  readonly strategy: ConflictStrategy;
  readonly prefixFormat: string;
  readonly priorityOrder: readonly string[];
  /** Per-backend filter and overrides, by backend name. */
  readonly tools: ReadonlyMap<string, WorkloadToolConfig>;
  readonly excludeAllTools: boolean;
  readonly defaultToolVisibility: 'allow' | 'deny';
}

export interface CircuitBreakerSettings {
  readonly enabled: boolean;
  readonly failureThreshold: number;
  readonly timeoutMs: number;
}

export interface OperationalSettings {
  readonly debug: boolean;
  readonly defaultTimeoutMs: number;
  readonly perWorkloadTimeoutMs: ReadonlyMap<string, number>;
  readonly healthCheckIntervalMs: number;
  readonly healthCheckTimeoutMs: number;
  readonly unhealthyThreshold: number;
  readonly statusReportingIntervalMs: number;
  readonly partialFailureMode: 'fail' | 'best_effort';
  readonly circuitBreaker: CircuitBreakerSettings;
}

export interface OptimizerSettings {
  readonly maxToolsToReturn: number;
  /** Share of result slots given to semantic search, 0..1. */
  readonly semanticRatio: number;
  /** Largest cosine distance kept, 0..2. */
  readonly distanceThreshold: number;
  readonly embeddingProvider: 'tei' | 'openai';
  readonly embeddingService?: string;
  readonly embeddingModel?: string;
  readonly embeddingHeaders: Readonly<Record<string, string>>;
  readonly embeddingTimeoutMs: number;
  readonly raw: OptimizerConfig;
}

export interface SessionSettings {
  readonly provider: 'memory' | 'redis';
  readonly address?: string;
  readonly db: number;
  readonly keyPrefix: string;
  /** Idle time after which a client session is dropped (ToolHive vMCP: 30 min). */
  readonly ttlMs: number;
  /** Most live client sessions on this replica. */
  readonly capacity: number;
}

export interface IncomingAuthSettings {
  readonly type: 'anonymous' | 'local' | 'oidc';
  readonly oidc?: VirtualMCPOIDCConfig;
  readonly authz?: VirtualMCPAuthzConfig;
}

export interface OutgoingAuthSettings {
  readonly source: 'inline' | 'discovered';
  readonly default?: BackendAuthStrategy;
  readonly backends: ReadonlyMap<string, BackendAuthStrategy>;
}

export interface VmcpSettings {
  readonly raw: VirtualMCPConfig;
  readonly name: string;
  readonly groupRef?: string;
  /** Backends from the config file; empty means discovered from the group. */
  readonly staticBackends: readonly StaticBackendConfig[];
  readonly aggregation: AggregationSettings;
  /** Inline composite tools, validated. */
  readonly compositeTools: readonly CompositeToolConfig[];
  /** VirtualMCPCompositeToolDefinition names to load from the cluster. */
  readonly compositeToolRefs: readonly string[];
  readonly operational: OperationalSettings;
  readonly optimizer?: OptimizerSettings;
  readonly sessions: SessionSettings;
  readonly incomingAuth: IncomingAuthSettings;
  readonly outgoingAuth: OutgoingAuthSettings;
  readonly passthroughHeaders: readonly string[];
  readonly audit?: VirtualMCPAuditConfig;
}
