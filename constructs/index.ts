/** The cdk8s constructs: one chart per workload, the operator bundle, and resource constructs. */
export * from './embedding-server-chart.ts';
export * from './mcp-remote-proxy-chart.ts';
export * from './mcp-server-chart.ts';
export * from './operator-chart.ts';
export * from './registry-chart.ts';
export * from './render.ts';
export * from './resources.ts';
export type { RenderOptions } from './shared/options.ts';
export type { ReferencedObject } from './shared/references.ts';
export { InvalidResourceError, resourceProblems } from './shared/validation.ts';
export * from './synth.ts';
export * from './virtual-mcp-chart.ts';
