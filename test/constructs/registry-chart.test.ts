import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderRegistry } from '../../constructs/render.ts';
import { buildRegistryConfig, type RegistryServerConfig } from '../../lib/registry-config/build.ts';
import type { MCPRegistryResource } from '../../lib/workload/kinds.ts';
import { apiVersion, expectValidK8s, find, type Json, kindsAndNames, yaml } from './helpers.ts';

const typed: RegistryServerConfig = {
  sources: [
    {
      name: 'toolhive',
      format: 'toolhive',
      git: {
        repository: 'https://git.example.com/catalog.git',
        branch: 'main',
        path: 'registry.json',
        auth: { username: 'oauth2', password: { secretName: 'git-credentials', key: 'token' } },
      },
      syncPolicy: { interval: '30m' },
      filter: {
        names: { include: ['official/*'], exclude: ['*/deprecated'] },
        tags: { exclude: ['experimental'] },
      },
    },
    {
      name: 'upstream',
      format: 'upstream',
      api: { endpoint: 'https://registry.example.com' },
      syncPolicy: { interval: '1h' },
    },
    {
      name: 'remote',
      url: { endpoint: 'https://example.com/registry.json', timeout: '30s' },
      syncPolicy: { interval: '1h' },
    },
    { name: 'cluster', kubernetes: { namespaces: ['platform-tools'] } },
  ],
  registries: [
    { name: 'default', sources: ['toolhive', 'upstream', 'remote', 'cluster'], claims: { org: 'acme' } },
  ],
  auth: {
    mode: 'oauth',
    oauth: {
      providers: [
        {
          name: 'idp',
          issuerUrl: 'https://idp.example.com',
          audience: 'registry',
          clientId: 'registry',
          clientSecret: { secretName: 'idp-client', key: 'secret' },
        },
      ],
    },
    authz: { roles: { superAdmin: [{ role: 'super-admin' }], manageEntries: [{ role: 'writer' }] } },
  },
  database: {
    host: 'postgres.example.svc',
    user: 'db_app',
    migrationUser: 'db_migrator',
    database: 'registry',
    sslMode: 'verify-full',
    pgpass: { secretName: 'registry-pgpass', key: '.pgpass' },
  },
};

describe('buildRegistryConfig', () => {
  const parts = buildRegistryConfig(typed);

  it('writes the registry server config with files for credentials', () => {
    const cfg = parse(parts.configYAML);
    expect(cfg.sources[0].git).toEqual({
      repository: 'https://git.example.com/catalog.git',
      branch: 'main',
      path: 'registry.json',
      auth: { username: 'oauth2', passwordFile: '/secrets/git-git-credentials/token' },
    });
    expect(cfg.sources[0].filter).toEqual({
      names: { include: ['official/*'], exclude: ['*/deprecated'] },
      tags: { exclude: ['experimental'] },
    });
    expect(cfg.sources[2].file).toEqual({ url: 'https://example.com/registry.json', timeout: '30s' });
    expect(cfg.sources[3]).toEqual({ name: 'cluster', kubernetes: { namespaces: ['platform-tools'] } });
    expect(cfg.auth.oauth.realm).toBe('mcp-registry');
    expect(cfg.auth.oauth.providers[0].clientSecretFile).toBe('/secrets/oauth-idp-client/secret');
    expect(cfg.database).toEqual({
      port: 5432,
      sslMode: 'verify-full',
      host: 'postgres.example.svc',
      user: 'db_app',
      migrationUser: 'db_migrator',
      database: 'registry',
    });
    expect(parts.pgpassSecretRef).toEqual({ name: 'registry-pgpass', key: '.pgpass' });
    expect(parts.volumes?.map((v) => v.name)).toEqual(['git-git-credentials', 'oauth-idp-client']);
  });

  it('rejects what the registry server would', () => {
    const bad = (c: Partial<RegistryServerConfig>) => () => buildRegistryConfig({ ...typed, ...c });
    expect(bad({ registries: [{ name: 'r', sources: ['nope'] }] })).toThrow(
      'registries[0].sources: unknown source "nope"',
    );
    expect(
      bad({
        sources: [
          { name: 'g', git: { repository: 'x', branch: 'a', tag: 'b' }, syncPolicy: { interval: '1m' } },
        ],
      }),
    ).toThrow('sources[0].git: branch, tag and commit are mutually exclusive');
    expect(bad({ sources: [{ name: 'a', api: { endpoint: 'x' } } as Json] })).toThrow(
      'sources[0].syncPolicy: required',
    );
    expect(bad({ auth: { mode: 'oauth' } })).toThrow('auth.oauth.providers');
  });
});

describe('RegistryChart', () => {
  const parts = buildRegistryConfig(typed);
  const registry: MCPRegistryResource = {
    apiVersion,
    kind: 'MCPRegistry',
    metadata: { name: 'catalog', namespace: 'toolhive-system' },
    spec: { ...parts, displayName: 'Catalog' },
  };
  const objects = renderRegistry({ registry });

  it('matches the snapshot', async () => {
    await expect(yaml(objects)).toMatchFileSnapshot('__snapshots__/registry.yaml');
  });

  it("renders ToolHive's registry objects", () => {
    expect(kindsAndNames(objects)).toEqual([
      'ConfigMap/catalog-registry-server-config',
      'ServiceAccount/catalog-registry-api',
      'Role/catalog-registry-api',
      'RoleBinding/catalog-registry-api',
      'Deployment/catalog-api',
      'Service/catalog-api',
    ]);
    expectValidK8s(objects);
    expect(find(objects, 'ConfigMap', 'catalog-registry-server-config').data['config.yaml']).toBe(
      parts.configYAML,
    );
    expect(find(objects, 'Service', 'catalog-api').spec.selector).toEqual({
      'app.kubernetes.io/name': 'catalog-api',
      'app.kubernetes.io/component': 'registry-api',
    });
  });

  it('wires pgpass through an init container and the credential files through volumes', () => {
    const pod = find(objects, 'Deployment', 'catalog-api').spec.template.spec;
    expect(pod.initContainers[0].name).toBe('setup-pgpass');
    const c = pod.containers[0];
    expect(c.env).toEqual([{ name: 'PGPASSFILE', value: '/home/appuser/.pgpass' }]);
    // ToolHive's order: the config, the user's mounts, then pgpass.
    expect(c.volumeMounts.map((m: Json) => m.mountPath)).toEqual([
      '/config',
      '/secrets/git-git-credentials',
      '/secrets/oauth-idp-client',
      '/home/appuser/.pgpass',
    ]);
    expect(c.livenessProbe.httpGet).toEqual({ path: '/health', port: 8081 });
    expect(c.readinessProbe.httpGet).toEqual({ path: '/readiness', port: 8081 });
  });

  it('rejects reserved volume names', () => {
    expect(() =>
      renderRegistry({
        registry: {
          ...registry,
          spec: { configYAML: 'x: 1', volumes: [{ name: 'registry-server-config', emptyDir: {} }] },
        },
      }),
    ).toThrow('spec.volumes[0].name: "registry-server-config" is reserved');
  });
});
