import { describe, expect, it } from 'vitest';
import { renderMcpServer } from '../../constructs/render.ts';
import type { MCPServerResource } from '../../lib/workload/kinds.ts';
import { apiVersion, find, type Json } from './helpers.ts';

const NS = 'tools';
const base: MCPServerResource = {
  apiVersion,
  kind: 'MCPServer',
  metadata: { name: 'fetch', namespace: NS },
  spec: {
    image: 'ghcr.io/example/fetch:1.0.0',
    transport: 'streamable-http',
    toolConfigRef: { name: 'tools' },
    secrets: [{ name: 'api-key', key: 'key' }],
    authzConfig: { type: 'configMap', configMap: { name: 'policy' } },
  },
};
const toolConfig = (filter: string[]) => ({
  apiVersion,
  kind: 'MCPToolConfig',
  metadata: { name: 'tools', namespace: NS },
  spec: { toolsFilter: filter },
});
const secret = (value: string) => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'api-key', namespace: NS },
  data: { key: Buffer.from(value).toString('base64') },
});
const policy = (text: string) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'policy', namespace: NS },
  data: { 'authz.json': text },
});
const unrelated = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'other', namespace: NS },
  data: { x: 'eA==' },
};

function annotations(
  refs: unknown[],
  server = base,
): { proxy: Record<string, string>; backend: Record<string, string> | undefined } {
  const objects = renderMcpServer({ server, references: refs as Json });
  return {
    proxy: find(objects, 'Deployment', 'fetch').spec.template.metadata.annotations,
    backend: find(objects, 'StatefulSet', 'fetch').spec.template.metadata.annotations,
  };
}

describe('content-hash rollouts', () => {
  const before = annotations([toolConfig(['fetch']), secret('one'), policy('{}')]);

  it('annotates the proxy with the RunConfig, config references and consumed ConfigMaps', () => {
    expect(Object.keys(before.proxy).sort()).toEqual([
      'toolhive.stacklok.dev/config-refs-checksum',
      'toolhive.stacklok.dev/configmaps-checksum',
      'toolhive.stacklok.dev/runconfig-checksum',
    ]);
    expect(Object.keys(before.backend ?? {})).toEqual(['toolhive.stacklok.dev/secrets-checksum']);
  });

  it('rolls the proxy, and only the proxy, when a referenced config resource changes', () => {
    const after = annotations([toolConfig(['fetch', 'head']), secret('one'), policy('{}')]);
    expect(after.proxy['toolhive.stacklok.dev/runconfig-checksum']).not.toBe(
      before.proxy['toolhive.stacklok.dev/runconfig-checksum'],
    );
    expect(after.proxy['toolhive.stacklok.dev/config-refs-checksum']).not.toBe(
      before.proxy['toolhive.stacklok.dev/config-refs-checksum'],
    );
    expect(after.backend).toEqual(before.backend);
  });

  it('rolls the MCP server, and only it, when its Secret changes', () => {
    const after = annotations([toolConfig(['fetch']), secret('two'), policy('{}')]);
    expect(after.backend).not.toEqual(before.backend);
    expect(after.proxy).toEqual(before.proxy);
  });

  it('rolls the proxy when a mounted ConfigMap changes', () => {
    const after = annotations([toolConfig(['fetch']), secret('one'), policy('{"x":1}')]);
    expect(after.proxy['toolhive.stacklok.dev/configmaps-checksum']).not.toBe(
      before.proxy['toolhive.stacklok.dev/configmaps-checksum'],
    );
    expect(after.proxy['toolhive.stacklok.dev/runconfig-checksum']).toBe(
      before.proxy['toolhive.stacklok.dev/runconfig-checksum'],
    );
    expect(after.backend).toEqual(before.backend);
  });

  it('changes nothing when an unrelated object changes or references are reordered', () => {
    expect(annotations([policy('{}'), unrelated, secret('one'), toolConfig(['fetch'])])).toEqual(before);
  });

  it('leaves the backend unannotated when its Secrets are not known', () => {
    expect(annotations([toolConfig(['fetch'])]).backend).toBeUndefined();
  });
});
