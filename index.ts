/**
 * toolhive-ts: the public API for TypeScript users. Kind types and schemas, the offline
 * validator, and the cdk8s constructs.
 */
export * from './lib/index.ts';
