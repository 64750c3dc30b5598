import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as root from '../../index.ts';
import { TOOLHIVE_TS_VERSION } from '../../lib/workload/images.ts';

describe('package root', () => {
  it('exports the charts, resource constructs, render entry points and resolution', () => {
    for (const name of [
      'McpServerChart',
      'McpRemoteProxyChart',
      'VirtualMcpChart',
      'RegistryChart',
      'EmbeddingServerChart',
      'OperatorChart',
      'OperatorCrdsChart',
      'McpServer',
      'McpRemoteProxy',
      'McpServerEntry',
      'McpGroup',
      'VirtualMcpServer',
      'VirtualMcpCompositeToolDefinition',
      'McpRegistry',
      'McpToolConfig',
      'McpExternalAuthConfig',
      'McpOidcConfig',
      'McpTelemetryConfig',
      'McpWebhookConfig',
      'McpAuthzConfig',
      'EmbeddingServer',
      'renderMcpServer',
      'renderWorkload',
      'renderAll',
      'resolveMcpServer',
      'resolveVirtualMcpServer',
      'buildMcpServerRunConfig',
      'buildVmcpConfig',
      'buildRegistryConfig',
      'ObjectIndex',
    ])
      expect(typeof (root as Record<string, unknown>)[name], name).toBe('function');
  });

  it('names the default image after the package version', () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8'));
    expect(TOOLHIVE_TS_VERSION).toBe(pkg.version);
    expect(root.DEFAULT_IMAGE).toBe(`ghcr.io/toolhive-ts/toolhive-ts:v${pkg.version}`);
  });
});
