/** A minimal valid RunConfig for policy tests; `extra` adds the keys under test. */
import type { RunConfig } from '../../../../lib/runconfig/types.ts';

export function runConfig(extra: Partial<RunConfig> = {}): RunConfig {
  return {
    schema_version: 'v0.1.0',
    image: 'everything',
    name: 'everything',
    transport: 'streamable-http',
    host: '127.0.0.1',
    port: 8080,
    ...extra,
  };
}
