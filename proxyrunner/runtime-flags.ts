/**
 * V8 settings the proxy runner and the Virtual MCP server set on themselves when they start,
 * for flags that Node does not accept in NODE_OPTIONS (the charts set the others there; see
 * lib/k8s/env.ts).
 *
 * `--no-allocation-site-pretenuring`: V8 watches which allocation sites produce objects that
 * survive young-generation collections, and allocates the objects of such sites straight in the
 * old generation from then on. In a proxy under load, per-request objects can look long-lived
 * while many requests are in flight, and once their sites are pretenured every request's garbage
 * goes to the old generation. Measured with the policy bench's processes: in about one start in
 * four, young collections took ~3× longer, major collections ran four times as often, and the
 * full chain cost ~10 µs more CPU per request. With pretenuring off, every start behaves like
 * the good ones; a proxy has few objects that live long enough to gain from it.
 */
import { setFlagsFromString } from 'node:v8';

const RUNTIME_V8_FLAGS = ['--no-allocation-site-pretenuring'] as const;

export function applyRuntimeFlags(): void {
  for (const flag of RUNTIME_V8_FLAGS) setFlagsFromString(flag);
}
