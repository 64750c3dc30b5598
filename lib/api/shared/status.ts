/** Status fields every kind reports in the same shape. */
import { int32, int64, object, string } from '../../schema/dsl.ts';
import { conditions } from './core.ts';

export function observedGeneration() {
  return int64({ description: 'The .metadata.generation this status was computed from.' });
}

/**
 * The status of a shared config kind (MCPToolConfig, MCPOIDCConfig, …): a Valid condition,
 * DeletionBlocked while workloads still reference it, and a hash that referencing workloads
 * copy into their own status to notice changes.
 */
export function configKindStatus(typeName: string, kind: string) {
  return object(
    {
      conditions: conditions(
        `Observations of the ${kind}: Valid, and DeletionBlocked while workloads reference it.`,
      ),
      configHash: string({ description: 'Hash of the spec; referencing workloads roll when it changes.' }),
      observedGeneration: observedGeneration(),
    },
    { name: typeName, description: `Observed state of an ${kind}.` },
  );
}

/**
 * The status of a kind that runs its own pods and serves an in-cluster URL (EmbeddingServer,
 * MCPRegistry): phase, message, URL and ready replica count.
 */
export function servingWorkloadStatus(opts: {
  typeName: string;
  kind: string;
  phases: readonly string[];
  phaseDescription: string;
  urlDescription: string;
}) {
  return object(
    {
      conditions: conditions(),
      message: string({ description: 'Human-readable detail of the current phase.' }),
      observedGeneration: observedGeneration(),
      phase: string({ enum: opts.phases, description: opts.phaseDescription }),
      readyReplicas: int32({ description: 'Number of ready pods.' }),
      url: string({ description: opts.urlDescription }),
    },
    { name: opts.typeName, description: `Observed state of an ${opts.kind}.` },
  );
}
