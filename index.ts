/**
 * toolhive-ts: the public API for TypeScript users. Kind types and schemas, the offline
 * validator, and the cdk8s constructs.
 */

export * from './constructs/index.ts';
// The EmbeddingServer construct wins over the kind type of the same name at the package root;
// the type is `import type { EmbeddingServer } from 'toolhive-ts/lib'`.
export { EmbeddingServer } from './constructs/resources.ts';
export * from './lib/index.ts';
