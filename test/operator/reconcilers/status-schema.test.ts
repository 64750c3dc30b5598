/**
 * The API server prunes status fields its CRD schema does not declare. A field the operator
 * writes but the schema lacks would be pruned and written again on every reconcile, breaking
 * the zero-write steady state: every status field written here must be in the kind's schema.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { kindByName } from '../../../lib/api/kinds.ts';
import { type Harness, startHarness } from '../support/harness.ts';

let h: Harness;
afterEach(() => h?.stop());

describe('status written by the operator', () => {
  it('only uses fields each kind declares', async () => {
    h = await startHarness();
    const docs = [
      { kind: 'MCPGroup', metadata: { name: 'g' }, spec: {} },
      { kind: 'MCPToolConfig', metadata: { name: 'tc' }, spec: { toolsFilter: ['a'] } },
      {
        kind: 'MCPOIDCConfig',
        metadata: { name: 'oidc' },
        spec: { type: 'inline', inline: { issuer: 'https://idp.example.com' } },
      },
      {
        kind: 'MCPTelemetryConfig',
        metadata: { name: 'otel' },
        spec: { openTelemetry: { endpoint: 'otel:4317', tracing: { enabled: true } } },
      },
      {
        kind: 'MCPAuthzConfig',
        metadata: { name: 'authz' },
        spec: { type: 'cedarv1', config: { policies: ['permit(principal, action, resource);'] } },
      },
      { kind: 'MCPExternalAuthConfig', metadata: { name: 'ext' }, spec: { type: 'unauthenticated' } },
      {
        kind: 'MCPServer',
        metadata: { name: 's' },
        spec: {
          image: 'x:1',
          transport: 'streamable-http',
          groupRef: { name: 'g' },
          toolConfigRef: { name: 'tc' },
          oidcConfigRef: { name: 'oidc', audience: 'a' },
          telemetryConfigRef: { name: 'otel' },
          authzConfigRef: { name: 'authz' },
          externalAuthConfigRef: { name: 'ext' },
        },
      },
      {
        kind: 'MCPServer',
        metadata: { name: 'broken' },
        spec: { image: 'x:1', toolConfigRef: { name: 'missing' } },
      },
      {
        kind: 'MCPRemoteProxy',
        metadata: { name: 'rp' },
        spec: {
          remoteUrl: 'https://example.com/mcp',
          groupRef: { name: 'g' },
          oidcConfigRef: { name: 'oidc', audience: 'a' },
        },
      },
      {
        kind: 'MCPServerEntry',
        metadata: { name: 'e' },
        spec: { remoteUrl: 'https://example.com/mcp', transport: 'sse', groupRef: { name: 'g' } },
      },
      {
        kind: 'VirtualMCPServer',
        metadata: { name: 'v' },
        spec: {
          groupRef: { name: 'g' },
          incomingAuth: { type: 'oidc', oidcConfigRef: { name: 'oidc', audience: 'a' } },
          telemetryConfigRef: { name: 'otel' },
          config: { compositeToolRefs: [{ name: 'ct' }] },
        },
      },
      {
        kind: 'VirtualMCPCompositeToolDefinition',
        metadata: { name: 'ct' },
        spec: { name: 'wf', steps: [{ id: 'a', tool: 'x.y' }] },
      },
      { kind: 'EmbeddingServer', metadata: { name: 'emb' }, spec: {} },
      { kind: 'MCPRegistry', metadata: { name: 'reg' }, spec: { configYAML: 'registryName: r\n' } },
    ];
    for (const d of docs) h.create({ apiVersion: 'toolhive.stacklok.dev/v1beta1', ...d } as never);
    await h.settle();
    await h.advance(1000);
    let checked = 0;
    for (const d of docs) {
      const status = (h.get(d.kind, d.metadata.name)?.status ?? {}) as Record<string, unknown>;
      const declared = Object.keys(kindByName(d.kind)!.status.properties ?? {});
      expect(Object.keys(status).length, `${d.kind}/${d.metadata.name} has a status`).toBeGreaterThan(0);
      for (const field of Object.keys(status)) {
        expect(declared, `${d.kind}.status.${field}`).toContain(field);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(30);
  });
});
