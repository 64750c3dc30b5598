/**
 * Where the proxy and vMCP pods find mounted files. The RunConfig and vMCP config point at these
 * paths and the charts mount volumes at them, so both sides import the same constants.
 */
import { createHash } from 'node:crypto';

export const RUNCONFIG_MOUNT = '/etc/runconfig';
export const VMCP_CONFIG_MOUNT = '/etc/vmcp-config';
export const AUTHZ_MOUNT = '/etc/toolhive/authz';
export const AUTHZ_KEY = 'authz.json';
export const PERMISSION_PROFILE_MOUNT = '/etc/toolhive/profiles';
export const OIDC_CA_MOUNT = '/config/certs';
export const OTEL_CA_MOUNT = '/config/certs/otel';
export const WEBHOOK_MOUNT = '/etc/toolhive/webhooks';
export const CA_BUNDLES_MOUNT = '/etc/toolhive/ca-bundles';
export const DEFAULT_CA_KEY = 'ca.crt';

/** In-cluster service-account credentials the kubernetesServiceAccount OIDC type uses. */
export const K8S_SA_CA = '/var/run/secrets/kubernetes.io/serviceaccount/ca.crt';
export const K8S_SA_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';
export const K8S_DEFAULT_ISSUER = 'https://kubernetes.default.svc';

export function oidcCaPath(configMap: string, key = DEFAULT_CA_KEY): string {
  return `${OIDC_CA_MOUNT}/${configMap}/${key}`;
}

export function otelCaPath(configMap: string, key = DEFAULT_CA_KEY): string {
  return `${OTEL_CA_MOUNT}/${configMap}/${key}`;
}

const shortHash = (s: string, n: number) => createHash('sha256').update(s).digest('hex').slice(0, n);

export type WebhookSecretPurpose = 'hmac' | 'tls_ca' | 'tls_client_cert' | 'tls_client_key';
export const WEBHOOK_FILE: Record<WebhookSecretPurpose, string> = {
  hmac: 'hmac',
  tls_ca: 'ca.crt',
  tls_client_cert: 'tls.crt',
  tls_client_key: 'tls.key',
};

/**
 * ToolHive's webhook secret identifier, `WEBHOOK_<KIND>_<NAME>_<PURPOSE>_<hash of secret/key>`.
 * ToolHive hashes with FNV over a Go dump; we use a SHA-256 prefix (the value is opaque).
 */
export function webhookSecretIdentifier(
  kind: 'validating' | 'mutating',
  webhook: string,
  purpose: WebhookSecretPurpose,
  ref: { name: string; key: string },
): string {
  const raw = ['WEBHOOK', kind, webhook, purpose, shortHash(`${ref.name}/${ref.key}`, 8)].join('_');
  return raw
    .toUpperCase()
    .replace(/-/g, '_')
    .replace(/[^A-Z0-9_]/g, '_');
}

export function webhookSecretPath(identifier: string, purpose: WebhookSecretPurpose): string {
  return `${WEBHOOK_MOUNT}/${identifier.toLowerCase()}/${WEBHOOK_FILE[purpose]}`;
}

export function webhookVolumeName(identifier: string): string {
  return `whsec-${shortHash(identifier, 12)}`;
}
