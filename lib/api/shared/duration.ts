/**
 * Go duration strings (`time.ParseDuration` syntax: "30s", "1m30s", "1.5h"). ToolHive's vMCP
 * config and embedded auth server validate them with this pattern at admission, so a typo such
 * as "30 seconds" is rejected by the API server rather than when the pod starts.
 */
import { type StringOpts, string } from '../../schema/dsl.ts';

export const GO_DURATION_PATTERN = '^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$';

/** A string field holding a Go duration, checked by `GO_DURATION_PATTERN`. */
export function duration(opts: Omit<StringOpts, 'pattern'>) {
  return string({ ...opts, pattern: GO_DURATION_PATTERN });
}
