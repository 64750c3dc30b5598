import { Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { McpServer, McpWebhookConfig, VirtualMcpServer } from '../../constructs/resources.ts';
import type { Json } from './helpers.ts';

describe('resource constructs', () => {
  it('render the custom resource at its storage version', () => {
    const chart = Testing.chart();
    new McpServer(chart, 'fetch', {
      metadata: { name: 'fetch', namespace: 'tools' },
      spec: { image: 'x:1' },
    });
    new McpWebhookConfig(chart, 'hooks', {
      metadata: { name: 'hooks' },
      spec: { validating: [{ name: 'v', url: 'https://hooks.example.com' }] },
    });
    const [server, hooks] = Testing.synth(chart) as Json[];
    expect(server).toEqual({
      apiVersion: 'toolhive.stacklok.dev/v1beta1',
      kind: 'MCPServer',
      metadata: { name: 'fetch', namespace: 'tools' },
      spec: { image: 'x:1' },
    });
    expect(hooks.apiVersion).toBe('toolhive.stacklok.dev/v1alpha1');
  });

  it('fail synth with the construct path and the problem', () => {
    const chart = Testing.chart();
    expect(
      () =>
        new VirtualMcpServer(chart, 'vmcp', {
          metadata: { name: 'vmcp' },
          spec: { groupRef: { name: 'g' } } as Json,
        }),
    ).toThrow(/test\/vmcp: invalid VirtualMCPServer "vmcp": spec.incomingAuth: Required value/);
    expect(
      () => new McpServer(chart, 'Bad_Name', { metadata: { name: 'Bad_Name' }, spec: { image: 'x' } }),
    ).toThrow(/metadata.name: Invalid value: "Bad_Name"/);
  });
});
