/** The content-hash annotations a pod template carries (content-hash rollouts). */
import { type ConsumedInputs, knownInputsHash } from '../../lib/resolve/resolve.ts';
import { ANNOTATIONS } from '../../lib/workload/names.ts';

/**
 * Annotations for the inputs a pod consumes: the referenced config resources' specs and the
 * known Secrets and ConfigMaps. Each is present only when there is something to hash, so a
 * workload without references renders exactly as ToolHive's would.
 */
export function inputHashAnnotations(
  inputs: ConsumedInputs | undefined,
  configRefsHash: string | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  if (configRefsHash) out[ANNOTATIONS.configRefsChecksum] = configRefsHash;
  if (inputs) {
    const secrets = knownInputsHash(inputs.secrets);
    if (secrets) out[ANNOTATIONS.secretsChecksum] = secrets;
    const configMaps = knownInputsHash(inputs.configMaps);
    if (configMaps) out[ANNOTATIONS.configMapsChecksum] = configMaps;
  }
  return out;
}
