/**
 * How the validator mirrors the API server beyond single field errors: defaulting, pruning,
 * strict decoding, status handling on create, deprecation warnings, list invariants, blocking
 * errors, metadata, and document-level problems. Expected messages are written out literally.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { validateDocuments, validateResource } from '../../../lib/validate/index.ts';

const server = (spec: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'toolhive.stacklok.dev/v1beta1',
  kind: 'MCPServer',
  metadata: { name: 'fetch', namespace: 'tools' },
  spec,
  ...extra,
});

describe('defaulting and pruning', () => {
  it('applies structural defaults as the API server does on decode', () => {
    const r = validateResource(server({ image: 'ghcr.io/example/fetch:1' }));
    expect(r.valid).toBe(true);
    expect(r.object?.spec).toEqual({
      image: 'ghcr.io/example/fetch:1',
      proxyMode: 'streamable-http',
      proxyPort: 8080,
      sessionAffinity: 'ClientIP',
      transport: 'stdio',
      trustProxyHeaders: false,
    });
  });

  it('defaults inside objects that are present (authzConfig.type, configMap.key)', () => {
    const r = validateResource(server({ image: 'i', authzConfig: { configMap: { name: 'policies' } } }));
    expect(r.valid).toBe(true);
    expect((r.object as { spec: Record<string, unknown> }).spec.authzConfig).toEqual({
      type: 'configMap',
      configMap: { name: 'policies', key: 'authz.json' },
    });
  });

  it('keeps everything under x-kubernetes-preserve-unknown-fields', () => {
    const podTemplateSpec = {
      spec: { containers: [{ name: 'mcp', resources: { limits: { cpu: '1' } } }], anything: { x: 1 } },
    };
    const r = validateResource(server({ image: 'i', podTemplateSpec }));
    expect(r.valid).toBe(true);
    expect((r.object as { spec: Record<string, unknown> }).spec.podTemplateSpec).toEqual(podTemplateSpec);
  });

  it('drops non-nullable nulls, so a null required field is missing', () => {
    const r = validateResource(server({ image: null }));
    expect(r.errors.map((e) => e.message)).toEqual([
      'spec.image: Required value',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ]);
  });

  it('drops status on create (the status subresource owns it) and sets generation 1', () => {
    const r = validateResource(server({ image: 'i' }, { status: { phase: 'Running' } }));
    expect(r.valid).toBe(true);
    expect(r.object?.status).toBeUndefined();
    expect((r.object as { metadata: Record<string, unknown> }).metadata.generation).toBe(1);
  });
});

describe('strict field validation', () => {
  it('reports unknown fields, sorted, as a BadRequest like kubectl --validate=strict', () => {
    const r = validateResource(
      server(
        {
          image: 'i',
          port: 8080,
          oidcConfig: {},
          rateLimiting: { shared: { maxTokens: 1, refillPeriod: '1m', burst: 2 } },
        },
        {
          status: { referenceCount: 1 },
        },
      ),
    );
    expect(r.valid).toBe(false);
    expect(r.reason).toBe('BadRequest');
    expect(r.message).toBe(
      'MCPServer in version "v1beta1" cannot be handled as a MCPServer: strict decoding error: ' +
        'unknown field "spec.oidcConfig", unknown field "spec.port", unknown field "spec.rateLimiting.shared.burst", unknown field "status.referenceCount"',
    );
    expect(r.errors.map((e) => e.field)).toEqual([
      'spec.oidcConfig',
      'spec.port',
      'spec.rateLimiting.shared.burst',
      'status.referenceCount',
    ]);
  });

  it('reports unknown metadata fields and duplicate keys', () => {
    const [doc] = validateDocuments(
      'apiVersion: toolhive.stacklok.dev/v1beta1\nkind: MCPServer\nmetadata:\n  name: a\n  labelz: {}\nspec:\n  image: a\n  image: b\n',
      'dup.yaml',
    );
    expect(doc?.message).toBe(
      'MCPServer in version "v1beta1" cannot be handled as a MCPServer: strict decoding error: duplicate field "spec.image", unknown field "metadata.labelz"',
    );
  });

  it('reports metadata of the wrong Go type as the JSON decoder does', () => {
    const r = validateResource(server({ image: 'i' }, { metadata: { name: 'a', labels: { app: 1 } } }));
    expect(r.message).toBe(
      'MCPServer in version "v1beta1" cannot be handled as a MCPServer: json: cannot unmarshal number into Go struct field ObjectMeta.labels of type string',
    );
  });

  it('rejects removed fields (string groupRef) by type, not silently', () => {
    const r = validateResource(server({ image: 'i', groupRef: 'tools' }));
    expect(r.errors.map((e) => e.message)).toEqual([
      'spec.groupRef: Invalid value: "string": spec.groupRef in body must be of type object: "string"',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ]);
  });
});

describe('versions', () => {
  it('accepts v1alpha1 with the API server deprecation warning', () => {
    const r = validateResource({ ...server({ image: 'i' }), apiVersion: 'toolhive.stacklok.dev/v1alpha1' });
    expect(r.valid).toBe(true);
    expect(r.warnings).toEqual(['toolhive.stacklok.dev/v1alpha1 is deprecated; use v1beta1']);
  });

  it('warns on both MCPRegistry versions with the registry deprecation text', () => {
    for (const v of ['v1alpha1', 'v1beta1']) {
      const r = validateResource({
        apiVersion: `toolhive.stacklok.dev/${v}`,
        kind: 'MCPRegistry',
        metadata: { name: 'r' },
        spec: { configYAML: 'sources: []' },
      });
      expect(r.valid).toBe(true);
      expect(r.warnings).toEqual([
        'MCPRegistry is deprecated and will be removed in a future release; install the ToolHive registry server via the toolhive-registry-server Helm chart (https://github.com/stacklok/toolhive-registry-server) instead',
      ]);
    }
  });

  it('serves MCPWebhookConfig only as v1alpha1, without a warning', () => {
    const spec = { validating: [{ name: 'w', url: 'https://hooks.example.com/v' }] };
    const ok = validateResource({
      apiVersion: 'toolhive.stacklok.dev/v1alpha1',
      kind: 'MCPWebhookConfig',
      metadata: { name: 'w' },
      spec,
    });
    expect(ok.warnings).toEqual([]);
    const missing = validateResource({
      apiVersion: 'toolhive.stacklok.dev/v1beta1',
      kind: 'MCPWebhookConfig',
      metadata: { name: 'w' },
      spec,
    });
    expect(missing.reason).toBe('NotFound');
    expect(missing.message).toBe(
      'no matches for kind "MCPWebhookConfig" in version "toolhive.stacklok.dev/v1beta1"',
    );
  });
});

describe('list types', () => {
  it('rejects duplicate keys of a list-map at the second occurrence', () => {
    const r = validateResource(
      server({
        image: 'i',
        env: [
          { name: 'A', value: '1' },
          { name: 'B', value: '2' },
          { name: 'A', value: '3' },
        ],
      }),
    );
    expect(r.message).toBe(
      'MCPServer.toolhive.stacklok.dev "fetch" is invalid: spec.env[2]: Duplicate value: map[string]interface {}{"name":"A"}',
    );
  });

  it('rejects duplicate items of a list-set', () => {
    const r = validateResource({
      apiVersion: 'toolhive.stacklok.dev/v1beta1',
      kind: 'MCPToolConfig',
      metadata: { name: 't' },
      spec: { toolsFilter: ['fetch', 'fetch'] },
    });
    expect(r.errors.map((e) => e.message)).toEqual(['spec.toolsFilter[1]: Duplicate value: "fetch"']);
  });
});

describe('CEL and blocking errors', () => {
  it('evaluates CEL rules and reports them on the node that carries them', () => {
    const r = validateResource(
      server({ image: 'i', rateLimiting: { shared: { maxTokens: 5, refillPeriod: '1m' } } }),
    );
    expect(r.message).toBe(
      `MCPServer.toolhive.stacklok.dev "fetch" is invalid: spec: Invalid value: "object": rateLimiting requires sessionStorage with provider 'redis'`,
    );
  });

  it('skips CEL when a type, required, too-long or too-many error blocks it', () => {
    const r = validateResource(server({ image: 'i', proxyPort: 'http', rateLimiting: {} }));
    expect(r.errors.map((e) => e.message)).toEqual([
      'spec.proxyPort: Invalid value: "string": spec.proxyPort in body must be of type integer: "string"',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ]);
  });

  it('still runs CEL after non-blocking errors (enum, bounds)', () => {
    const r = validateResource(server({ image: 'i', transport: 'pipe', rateLimiting: {} }));
    expect(r.errors.map((e) => e.message)).toEqual([
      'spec.transport: Unsupported value: "pipe": supported values: "stdio", "streamable-http", "sse"',
      `spec: Invalid value: "object": rateLimiting requires sessionStorage with provider 'redis'`,
      'spec.rateLimiting: Invalid value: "object": at least one of shared, perUser, or tools must be configured',
    ]);
  });
});

describe('metadata', () => {
  it('validates the name as a DNS subdomain', () => {
    const r = validateResource(server({ image: 'i' }, { metadata: { name: 'Fetch_1' } }));
    expect(r.errors.map((e) => e.message)).toEqual([
      `metadata.name: Invalid value: "Fetch_1": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    ]);
  });

  it('requires a name or generateName', () => {
    const r = validateResource(server({ image: 'i' }, { metadata: {} }));
    expect(r.errors.map((e) => e.message)).toEqual([
      'metadata.name: Required value: name or generateName is required',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ]);
  });

  it('validates label keys and values', () => {
    const r = validateResource(
      server({ image: 'i' }, { metadata: { name: 'a', labels: { 'bad key': 'ok', app: '-x' } } }),
    );
    expect(r.errors.map((e) => e.message)).toEqual([
      `metadata.labels: Invalid value: "-x": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
      `metadata.labels: Invalid value: "bad key": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
    ]);
  });
});

describe('documents', () => {
  it('skips kinds outside toolhive.stacklok.dev and reads every document', () => {
    const docs = validateDocuments(
      [
        'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: {token: x}',
        'apiVersion: toolhive.stacklok.dev/v1beta1\nkind: MCPGroup\nmetadata: {name: g}',
        '# only a comment',
      ].join('\n---\n'),
      'mixed.yaml',
    );
    expect(docs.map((d) => [d.index, d.status, d.kind])).toEqual([
      [0, 'skipped', 'Secret'],
      [1, 'valid', 'MCPGroup'],
    ]);
  });

  it('reports YAML syntax errors with line and column', () => {
    const [doc] = validateDocuments('apiVersion: v1\nkind: [\n', 'broken.yaml');
    expect(doc?.status).toBe('error');
    expect(doc?.message).toMatch(/^YAML syntax error at line \d+, column \d+: /);
  });

  it('reports non-object documents and missing apiVersion or kind', () => {
    const docs = validateDocuments('- a\n---\nmetadata: {name: x}\n---\n42\n', 'odd.yaml');
    expect(docs.map((d) => d.message)).toEqual([
      'document is not an object (found a list)',
      'error validating data: [apiVersion not set, kind not set]',
      'document is not an object (found number)',
    ]);
  });

  it('reads JSON, and YAML 1.1 scalars as kubectl does (yes/no are booleans)', () => {
    const json = JSON.stringify(server({ image: 'i', trustProxyHeaders: true }));
    expect(validateDocuments(json, 'a.json')[0]?.status).toBe('valid');
    const [doc] = validateDocuments(
      'apiVersion: toolhive.stacklok.dev/v1beta1\nkind: MCPServer\nmetadata: {name: a}\nspec: {image: i, endpointPrefix: yes}\n',
      'yes.yaml',
    );
    expect(doc?.errors.map((e) => e.message)).toEqual([
      'spec.endpointPrefix: Invalid value: "boolean": spec.endpointPrefix in body must be of type string: "boolean"',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ]);
  });

  it('reports an unknown kind of the group as not found', () => {
    const [doc] = validateDocuments(
      'apiVersion: toolhive.stacklok.dev/v1beta1\nkind: MCPServr\nmetadata: {name: a}\n',
      'typo.yaml',
    );
    expect(doc?.status).toBe('invalid');
    expect(doc?.message).toBe('no matches for kind "MCPServr" in version "toolhive.stacklok.dev/v1beta1"');
  });

  it('validates the items of a v1 List', () => {
    const list = { apiVersion: 'v1', kind: 'List', items: [server({ image: 'i' }), server({})] };
    const docs = validateDocuments(JSON.stringify(list), 'list.json');
    expect(docs.map((d) => d.status)).toEqual(['valid', 'invalid']);
  });

  it('parses the same object from YAML and JSON', () => {
    const yaml =
      'apiVersion: toolhive.stacklok.dev/v1beta1\nkind: MCPGroup\nmetadata: {name: g}\nspec: {description: d}\n';
    const a = validateDocuments(yaml, 'a.yaml')[0]?.result?.object;
    const b = validateDocuments(JSON.stringify(parse(yaml)), 'a.json')[0]?.result?.object;
    expect(a).toEqual(b);
  });
});
