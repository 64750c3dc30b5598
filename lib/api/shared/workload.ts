/**
 * Fields and printer columns shared by the kinds that run pods (MCPServer, MCPRemoteProxy,
 * VirtualMCPServer, EmbeddingServer, MCPRegistry): ports, replica counts, Service affinity and
 * the change-detection hashes in their status.
 */
import { int32, type NumberOpts, string } from '../../schema/dsl.ts';
import type { PrinterColumn } from '../../schema/kind.ts';

/** A TCP port number, 1..65535. */
export function port(opts: Omit<NumberOpts, 'minimum' | 'maximum'>) {
  return int32({ ...opts, minimum: 1, maximum: 65535 });
}

/** The proxy's listening port, 8080 unless set. */
export function proxyPort(description: string) {
  return port({ default: 8080, description });
}

/**
 * An optional replica count. Left unset, the operator leaves Deployment.spec.replicas alone so an
 * HPA or another controller can own it.
 */
export function replicaCount(what: string) {
  return int32({
    minimum: 0,
    description: `Desired number of ${what}. Unset leaves the count to an autoscaler; 0 stops them.`,
  });
}

export function sessionAffinity() {
  return string({
    default: 'ClientIP',
    enum: ['ClientIP', 'None'],
    description:
      'Service session affinity. ClientIP keeps a client on one pod, which stateful MCP sessions need ' +
      'unless sessions live in Redis; None for stateless servers or external load balancers.',
  });
}

/** A status hash the operator uses to notice that a referenced object changed. */
export function hashField(what: string) {
  return string({ description: `Hash of ${what} last applied; changes roll the workload.` });
}

export function phaseColumn(name: string): PrinterColumn {
  return { name, type: 'string', jsonPath: '.status.phase' };
}

export function conditionColumn(name: string, conditionType: string): PrinterColumn {
  return { name, type: 'string', jsonPath: `.status.conditions[?(@.type=='${conditionType}')].status` };
}

export const READY_CONDITION_COLUMN = conditionColumn('Ready', 'Ready');

/** The `Valid` column of the shared config kinds. */
export const VALID_CONDITION_COLUMN = conditionColumn('Valid', 'Valid');
