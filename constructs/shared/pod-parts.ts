/**
 * Pieces of the proxy and vMCP pods that come from referenced config resources: the env vars
 * that carry their secrets (always `secretKeyRef`) and the volumes that carry their CA bundles,
 * policies and webhook keys. Each function returns env, volumes and mounts together so a chart
 * adds a feature in one line.
 */
import { headerEnvSuffix, secretEnv } from '../../lib/k8s/env.ts';
import type { EnvVar, Volume, VolumeMount } from '../../lib/k8s/types.ts';
import { usesDefaultRedis } from '../../lib/runconfig/build.ts';
import type {
  InlineAuthz,
  MCPExternalAuthConfigResource,
  MCPOIDCConfigResource,
  MCPTelemetryConfigResource,
  MCPWebhookConfigResource,
  SessionStorage,
  TelemetryConfigRef,
} from '../../lib/workload/kinds.ts';
import {
  AUTHZ_KEY,
  AUTHZ_MOUNT,
  DEFAULT_CA_KEY,
  OIDC_CA_MOUNT,
  OTEL_CA_MOUNT,
  PERMISSION_PROFILE_MOUNT,
  type WebhookSecretPurpose,
  webhookSecretIdentifier,
  webhookSecretPath,
  webhookVolumeName,
} from '../../lib/workload/paths.ts';
import type { RenderOptions } from './options.ts';

export interface PodParts {
  env: EnvVar[];
  volumes: Volume[];
  mounts: VolumeMount[];
}

export const emptyParts = (): PodParts => ({ env: [], volumes: [], mounts: [] });

export function joinParts(...parts: PodParts[]): PodParts {
  return {
    env: parts.flatMap((p) => p.env),
    volumes: parts.flatMap((p) => p.volumes),
    mounts: parts.flatMap((p) => p.mounts),
  };
}

function configMapVolume(
  volume: string,
  configMap: string,
  key: string,
  path: string,
  mountPath: string,
): PodParts {
  return {
    env: [],
    volumes: [{ name: volume, configMap: { name: configMap, items: [{ key, path }] } }],
    mounts: [{ name: volume, mountPath, readOnly: true }],
  };
}

/** OIDC: the inline config's client secret as env `envName`, its CA bundle under /config/certs. */
export function oidcParts(cfg: MCPOIDCConfigResource | undefined, envName: string): PodParts {
  const inline = cfg?.spec?.type === 'inline' ? cfg.spec.inline : undefined;
  if (!inline) return emptyParts();
  const parts = emptyParts();
  if (inline.clientSecretRef)
    parts.env.push(secretEnv(envName, inline.clientSecretRef.name, inline.clientSecretRef.key));
  const ca = inline.caBundleRef?.configMapRef;
  if (ca?.name) {
    const key = ca.key || DEFAULT_CA_KEY;
    return joinParts(
      parts,
      configMapVolume(`oidc-ca-bundle-${ca.name}`, ca.name, key, key, `${OIDC_CA_MOUNT}/${ca.name}`),
    );
  }
  return parts;
}

/** Telemetry: resource attributes, sensitive OTLP headers from Secrets, the collector's CA. */
export function telemetryParts(
  cfg: MCPTelemetryConfigResource | undefined,
  ref: TelemetryConfigRef | undefined,
  workloadName: string,
  namespace: string,
): PodParts {
  if (!cfg || !ref) return emptyParts();
  const parts = emptyParts();
  parts.env.push({
    name: 'OTEL_RESOURCE_ATTRIBUTES',
    value: `service.name=${ref.serviceName || workloadName},service.namespace=${namespace}`,
  });
  const otel = cfg.spec?.openTelemetry;
  for (const h of otel?.sensitiveHeaders ?? [])
    parts.env.push(
      secretEnv(`TOOLHIVE_OTEL_HEADER_${headerEnvSuffix(h.name)}`, h.secretKeyRef.name, h.secretKeyRef.key),
    );
  const ca = otel?.caBundleRef?.configMapRef;
  if (ca?.name) {
    const key = ca.key || DEFAULT_CA_KEY;
    return joinParts(
      parts,
      configMapVolume(`otel-ca-bundle-${ca.name}`, ca.name, key, key, `${OTEL_CA_MOUNT}/${ca.name}`),
    );
  }
  return parts;
}

/** Inline or ConfigMap authz policy, mounted at /etc/toolhive/authz/authz.json. */
export function authzParts(authz: InlineAuthz | undefined, inlineConfigMap: string): PodParts {
  if (authz?.type === 'inline' && authz.inline)
    return configMapVolume('authz-config', inlineConfigMap, AUTHZ_KEY, AUTHZ_KEY, AUTHZ_MOUNT);
  if (authz && (authz.type ?? 'configMap') === 'configMap' && authz.configMap)
    return configMapVolume(
      'authz-config',
      authz.configMap.name,
      authz.configMap.key || AUTHZ_KEY,
      AUTHZ_KEY,
      AUTHZ_MOUNT,
    );
  return emptyParts();
}

/** A ConfigMap permission profile, mounted at /etc/toolhive/profiles. */
export function permissionProfileParts(profile: { type?: string; name: string } | undefined): PodParts {
  if (profile?.type !== 'configmap') return emptyParts();
  return {
    env: [],
    volumes: [{ name: 'permission-profile', configMap: { name: profile.name } }],
    mounts: [{ name: 'permission-profile', mountPath: PERMISSION_PROFILE_MOUNT, readOnly: true }],
  };
}

/** Webhook HMAC keys and TLS material, each mounted as one file under /etc/toolhive/webhooks. */
export function webhookParts(cfg: MCPWebhookConfigResource | undefined): PodParts {
  if (!cfg) return emptyParts();
  const byId = new Map<string, { ref: { name: string; key: string }; purpose: WebhookSecretPurpose }>();
  for (const [kind, hooks] of [
    ['validating', cfg.spec?.validating ?? []],
    ['mutating', cfg.spec?.mutating ?? []],
  ] as const) {
    for (const w of hooks) {
      const put = (purpose: WebhookSecretPurpose, ref: { name: string; key: string } | undefined) => {
        if (ref) byId.set(webhookSecretIdentifier(kind, w.name, purpose, ref), { ref, purpose });
      };
      put('hmac', w.hmacSecretRef);
      put('tls_ca', w.tlsConfig?.caSecretRef);
      if (w.tlsConfig?.clientCertSecretRef && w.tlsConfig.clientKeySecretRef) {
        put('tls_client_cert', w.tlsConfig.clientCertSecretRef);
        put('tls_client_key', w.tlsConfig.clientKeySecretRef);
      }
    }
  }
  const parts = emptyParts();
  for (const id of [...byId.keys()].sort()) {
    const { ref, purpose } = byId.get(id) as {
      ref: { name: string; key: string };
      purpose: WebhookSecretPurpose;
    };
    const path = webhookSecretPath(id, purpose);
    const file = path.slice(path.lastIndexOf('/') + 1);
    const volume = webhookVolumeName(id);
    parts.volumes.push({
      name: volume,
      secret: { secretName: ref.name, items: [{ key: ref.key, path: file }] },
    });
    parts.mounts.push({ name: volume, mountPath: path, subPath: file, readOnly: true });
  }
  return parts;
}

/** Outgoing auth secrets the proxy reads from env. */
export function externalAuthParts(cfg: MCPExternalAuthConfigResource | undefined): PodParts {
  const parts = emptyParts();
  const spec = cfg?.spec;
  if (spec?.type === 'tokenExchange' && spec.tokenExchange?.clientSecretRef) {
    const r = spec.tokenExchange.clientSecretRef;
    parts.env.push(secretEnv('TOOLHIVE_TOKEN_EXCHANGE_CLIENT_SECRET', r.name, r.key));
  }
  if (spec?.type === 'bearerToken' && spec.bearerToken?.tokenSecretRef) {
    const r = spec.bearerToken.tokenSecretRef;
    parts.env.push(secretEnv(`TOOLHIVE_SECRET_${r.name}`, r.name, r.key));
  }
  return parts;
}

/**
 * The Redis session-store password: the workload's own `passwordRef`, or the cluster default's
 * Secret wherever the cluster default Redis serves the workload (`usesDefaultRedis`). ToolHive
 * passes the default's password to VirtualMCPServer only; we pass it wherever its address goes.
 */
export function redisPasswordParts(
  kind: 'MCPServer' | 'MCPRemoteProxy' | 'VirtualMCPServer',
  storage: SessionStorage | undefined,
  opts: RenderOptions,
): PodParts {
  const parts = emptyParts();
  if (storage?.provider === 'redis' && storage.passwordRef) {
    parts.env.push(
      secretEnv('THV_SESSION_REDIS_PASSWORD', storage.passwordRef.name, storage.passwordRef.key),
    );
  } else if (opts.defaultRedis?.secretName && usesDefaultRedis(kind, storage)) {
    parts.env.push(
      secretEnv(
        'THV_SESSION_REDIS_PASSWORD',
        opts.defaultRedis.secretName,
        opts.defaultRedis.secretKey ?? 'redis-password',
      ),
    );
  }
  return parts;
}
