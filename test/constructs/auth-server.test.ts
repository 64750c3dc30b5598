/**
 * Rendering the embedded authorization server as ToolHive's operator does: the RunConfig's
 * `embedded_auth_server_config` for `authServerRef` (and an embeddedAuthServer
 * `externalAuthConfigRef`), signing keys and HMAC secrets mounted one file each from their
 * Secrets, client and Redis secrets as `secretKeyRef` env, and never a secret value in a
 * ConfigMap. VirtualMCPServer `authServerConfig` goes into `authserver-config.yaml`.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderMcpRemoteProxy, renderMcpServer, renderVirtualMcpServer } from '../../constructs/render.ts';
import type { ReferencedObject } from '../../constructs/shared/references.ts';
import type { EmbeddedAuthServerConfig } from '../../lib/api/types.generated.ts';
import { apiVersion, expectValidK8s, find, type Json } from './helpers.ts';

const AS: EmbeddedAuthServerConfig = {
  issuer: 'https://crm-mcp.example.com',
  signingKeySecretRefs: [
    { name: 'as-keys', key: 'new.pem' },
    { name: 'as-keys', key: 'old.pem' },
  ],
  hmacSecretRefs: [{ name: 'as-keys', key: 'hmac' }],
  tokenLifespans: { accessTokenLifespan: '30m' },
  upstreamProviders: [
    {
      name: 'corporate-idp',
      type: 'oidc',
      oidcConfig: {
        issuerUrl: 'https://login.example.com',
        clientId: 'crm',
        clientSecretRef: { name: 'idp', key: 'secret' },
      },
    },
  ],
  storage: {
    type: 'redis',
    redis: {
      sentinelConfig: { masterName: 'mymaster', sentinelService: { name: 'redis-sentinel' } },
      aclUserConfig: {
        usernameSecretRef: { name: 'redis-acl', key: 'user' },
        passwordSecretRef: { name: 'redis-acl', key: 'password' },
      },
      tls: { caCertSecretRef: { name: 'redis-ca', key: 'ca.crt' } },
    },
  },
};

const { storage: _storage, ...AS_MEMORY } = AS;

function refs(as: EmbeddedAuthServerConfig = AS): ReferencedObject[] {
  return [
    {
      apiVersion,
      kind: 'MCPExternalAuthConfig',
      metadata: { name: 'login', namespace: 'team' },
      spec: { type: 'embeddedAuthServer', embeddedAuthServer: as },
    },
    {
      apiVersion,
      kind: 'MCPOIDCConfig',
      metadata: { name: 'self', namespace: 'team' },
      spec: { type: 'inline', inline: { issuer: as.issuer } },
    },
    {
      apiVersion,
      kind: 'MCPExternalAuthConfig',
      metadata: { name: 'inject', namespace: 'team' },
      spec: { type: 'upstreamInject', upstreamInject: { providerName: 'corporate-idp' } },
    },
  ] as unknown as ReferencedObject[];
}

function proxy(over: Record<string, unknown> = {}): Json {
  // Through JSON so that an override of `undefined` removes the field.
  return JSON.parse(
    JSON.stringify({
      apiVersion,
      kind: 'MCPRemoteProxy',
      metadata: { name: 'crm', namespace: 'team' },
      spec: {
        remoteUrl: 'https://mcp.crm.example.com/mcp',
        authServerRef: { kind: 'MCPExternalAuthConfig', name: 'login' },
        oidcConfigRef: {
          name: 'self',
          audience: 'https://crm-mcp.example.com/mcp',
          resourceUrl: 'https://crm-mcp.example.com/mcp',
        },
        ...over,
      },
    }),
  );
}

describe('authServerRef on an MCPRemoteProxy', () => {
  const objects = renderMcpRemoteProxy({ proxy: proxy(), references: refs() });
  const rc = JSON.parse(find(objects, 'ConfigMap', 'crm-runconfig').data['runconfig.json']);
  const pod = find(objects, 'Deployment', 'crm').spec.template.spec;

  it("writes ToolHive's embedded_auth_server_config", () => {
    expectValidK8s(objects);
    expect(rc.embedded_auth_server_config).toEqual({
      schema_version: 'v0.1.0',
      issuer: 'https://crm-mcp.example.com',
      upstreams: [
        {
          name: 'corporate-idp',
          type: 'oidc',
          oidc_config: {
            issuer_url: 'https://login.example.com',
            client_id: 'crm',
            client_secret_env_var: 'TOOLHIVE_UPSTREAM_CLIENT_SECRET_CORPORATE_IDP',
            redirect_uri: 'https://crm-mcp.example.com/mcp/oauth/callback',
          },
        },
      ],
      allowed_audiences: ['https://crm-mcp.example.com/mcp'],
      signing_key_config: {
        key_dir: '/etc/toolhive/authserver/keys',
        signing_key_file: 'key-0.pem',
        fallback_key_files: ['key-1.pem'],
      },
      hmac_secret_files: ['/etc/toolhive/authserver/hmac/hmac-0'],
      token_lifespans: { access_token_lifespan: '30m' },
      storage: {
        type: 'redis',
        redis_config: {
          auth_type: 'aclUser',
          acl_user_config: {
            username_env_var: 'TOOLHIVE_AUTH_SERVER_REDIS_USERNAME',
            password_env_var: 'TOOLHIVE_AUTH_SERVER_REDIS_PASSWORD',
          },
          key_prefix: 'thv:auth:{team:crm}:',
          dial_timeout: '5s',
          read_timeout: '3s',
          write_timeout: '3s',
          tls: { ca_cert_file: '/etc/toolhive/authserver/redis-tls/ca.crt' },
          sentinel_config: {
            master_name: 'mymaster',
            sentinel_addrs: ['redis-sentinel.team.svc.cluster.local:26379'],
          },
        },
      },
    });
    // The protected resource metadata advertises the server's scopes.
    expect(rc.oidc_config.Scopes).toEqual(['openid', 'profile', 'email', 'offline_access']);
  });

  it('mounts keys, HMAC secret and Redis CA one read-only file each', () => {
    const mounts = pod.containers[0].volumeMounts.filter((m: Json) => m.name !== 'runconfig');
    expect(mounts).toEqual([
      {
        name: 'authserver-signing-key-0',
        mountPath: '/etc/toolhive/authserver/keys/key-0.pem',
        subPath: 'key-0.pem',
        readOnly: true,
      },
      {
        name: 'authserver-signing-key-1',
        mountPath: '/etc/toolhive/authserver/keys/key-1.pem',
        subPath: 'key-1.pem',
        readOnly: true,
      },
      {
        name: 'authserver-hmac-secret-0',
        mountPath: '/etc/toolhive/authserver/hmac/hmac-0',
        subPath: 'hmac-0',
        readOnly: true,
      },
      {
        name: 'redis-tls-ca-master',
        mountPath: '/etc/toolhive/authserver/redis-tls/ca.crt',
        subPath: 'ca.crt',
        readOnly: true,
      },
    ]);
    expect(pod.volumes.find((v: Json) => v.name === 'authserver-signing-key-1')).toEqual({
      name: 'authserver-signing-key-1',
      secret: { secretName: 'as-keys', items: [{ key: 'old.pem', path: 'key-1.pem' }], defaultMode: 256 },
    });
  });

  it('passes client and Redis secrets as secretKeyRef env, never as values', () => {
    const env = Object.fromEntries(pod.containers[0].env.map((e: Json) => [e.name, e]));
    expect(env.TOOLHIVE_UPSTREAM_CLIENT_SECRET_CORPORATE_IDP.valueFrom.secretKeyRef).toEqual({
      name: 'idp',
      key: 'secret',
    });
    expect(env.TOOLHIVE_AUTH_SERVER_REDIS_USERNAME.valueFrom.secretKeyRef).toEqual({
      name: 'redis-acl',
      key: 'user',
    });
    expect(env.TOOLHIVE_AUTH_SERVER_REDIS_PASSWORD.valueFrom.secretKeyRef).toEqual({
      name: 'redis-acl',
      key: 'password',
    });
    for (const e of pod.containers[0].env)
      if (e.name.includes('SECRET') || e.name.includes('REDIS')) expect(e.value).toBeUndefined();
  });

  it('rolls the pod when the auth server config changes', () => {
    const changed = renderMcpRemoteProxy({
      proxy: proxy(),
      references: refs({ ...AS, tokenLifespans: { accessTokenLifespan: '45m' } }),
    });
    const a = find(objects, 'Deployment', 'crm').spec.template.metadata.annotations;
    const b = find(changed, 'Deployment', 'crm').spec.template.metadata.annotations;
    expect(b['toolhive.stacklok.dev/runconfig-checksum']).not.toBe(
      a['toolhive.stacklok.dev/runconfig-checksum'],
    );
  });
});

describe('authServerRef errors, with ToolHive messages', () => {
  it.each([
    [
      'a non-embedded type',
      { authServerRef: { kind: 'MCPExternalAuthConfig', name: 'inject' } },
      refs(),
      'authServerRef must reference a MCPExternalAuthConfig with type "embeddedAuthServer", got "upstreamInject"',
    ],
    [
      'two upstreams',
      {},
      refs({
        ...AS,
        upstreamProviders: [AS.upstreamProviders[0]!, { ...AS.upstreamProviders[0]!, name: 'second' }],
      }),
      'embedded auth server has 2 upstream providers, but only 1 is supported; use VirtualMCPServer',
    ],
    [
      'an audience other than the resource URL',
      { oidcConfigRef: { name: 'self', audience: 'crm', resourceUrl: 'https://crm-mcp.example.com/mcp' } },
      refs(),
      'oidcConfigRef.audience "crm" must match resourceUrl "https://crm-mcp.example.com/mcp"',
    ],
    [
      'no oidcConfigRef',
      { oidcConfigRef: undefined },
      refs(),
      'OIDC config is required for embedded auth server: OIDCConfigRef must be set on the MCPRemoteProxy',
    ],
  ])('refuses %s', (_name, over, references, message) => {
    expect(() => renderMcpRemoteProxy({ proxy: proxy(over), references })).toThrow(message);
  });
});

describe('an embeddedAuthServer through externalAuthConfigRef on an MCPServer', () => {
  it('renders the same server (ToolHive’s older path)', () => {
    const server: Json = {
      apiVersion,
      kind: 'MCPServer',
      metadata: { name: 'crm', namespace: 'team' },
      spec: {
        image: 'ghcr.io/example/crm:1',
        transport: 'streamable-http',
        externalAuthConfigRef: { name: 'login' },
        oidcConfigRef: {
          name: 'self',
          audience: 'https://crm-mcp.example.com/mcp',
          resourceUrl: 'https://crm-mcp.example.com/mcp',
        },
      },
    };
    const objects = renderMcpServer({ server, references: refs(AS_MEMORY) });
    const rc = JSON.parse(find(objects, 'ConfigMap', 'crm-runconfig').data['runconfig.json']);
    expect(rc.embedded_auth_server_config.issuer).toBe('https://crm-mcp.example.com');
    expect(rc.embedded_auth_server_config.storage).toBeUndefined();
    expect(find(objects, 'Deployment', 'crm').spec.template.spec.volumes.map((v: Json) => v.name)).toContain(
      'authserver-hmac-secret-0',
    );
  });
});

describe('VirtualMCPServer authServerConfig', () => {
  const group: Json = { apiVersion, kind: 'MCPGroup', metadata: { name: 'g', namespace: 'team' }, spec: {} };
  const vmcp: Json = {
    apiVersion,
    kind: 'VirtualMCPServer',
    metadata: { name: 'gw', namespace: 'team' },
    spec: {
      groupRef: { name: 'g' },
      authServerConfig: {
        ...AS_MEMORY,
        upstreamProviders: [
          ...AS.upstreamProviders,
          {
            name: 'github',
            type: 'oauth2',
            oauth2Config: {
              authorizationEndpoint: 'https://github.example.com/authorize',
              tokenEndpoint: 'https://github.example.com/token',
              clientId: 'gh',
              clientSecretRef: { name: 'gh', key: 'secret' },
            },
          },
        ],
      },
      incomingAuth: {
        type: 'oidc',
        oidcConfigRef: {
          name: 'self',
          audience: 'https://gw.example.com/mcp',
          resourceUrl: 'https://gw.example.com/mcp',
        },
        authzConfig: { type: 'inline', inline: { policies: ['permit(principal, action, resource);'] } },
      },
    },
  };
  const objects = renderVirtualMcpServer({ server: vmcp, references: [group, ...refs().slice(1, 2)] });
  const cm = find(objects, 'ConfigMap', 'gw-vmcp-config');

  it('writes authserver-config.yaml beside config.yaml, for the incoming resource', () => {
    const as = parse(cm.data['authserver-config.yaml']);
    expect(as.allowed_audiences).toEqual(['https://gw.example.com/mcp']);
    expect(as.upstreams.map((u: Json) => u.name)).toEqual(['corporate-idp', 'github']);
    expect(as.upstreams[1].oauth2_config.client_secret_env_var).toBe(
      'TOOLHIVE_UPSTREAM_CLIENT_SECRET_GITHUB',
    );
    const config = parse(cm.data['config.yaml']);
    expect(config.incomingAuth.authz.primaryUpstreamProvider).toBe('corporate-idp');
  });

  it('mounts the keys and passes every upstream secret as env', () => {
    const c = find(objects, 'Deployment', 'gw').spec.template.spec.containers[0];
    expect(c.volumeMounts.map((m: Json) => m.mountPath)).toContain('/etc/toolhive/authserver/keys/key-0.pem');
    const names = c.env.map((e: Json) => e.name);
    expect(names).toContain('TOOLHIVE_UPSTREAM_CLIENT_SECRET_CORPORATE_IDP');
    expect(names).toContain('TOOLHIVE_UPSTREAM_CLIENT_SECRET_GITHUB');
    expectValidK8s(objects);
  });
});
