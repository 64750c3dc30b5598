/**
 * The embedded authorization server's part of a proxy or vMCP pod: signing keys, HMAC secrets
 * and Redis CA certificates mounted one file each from their Secrets (mode 0400), and upstream
 * client secrets, delegate client secrets and Redis ACL credentials as `secretKeyRef` env vars.
 * Names and paths come from lib/runconfig/authserver.ts, which the RunConfig points at.
 */

import type { EmbeddedAuthServerConfig } from '../../lib/api/types.generated.ts';
import { secretEnv } from '../../lib/k8s/env.ts';
import type { ResolvedRefs } from '../../lib/resolve/resolve.ts';
import { authServerSecretEnv, authServerSecretFiles } from '../../lib/runconfig/authserver.ts';
import { emptyParts, type PodParts } from './pod-parts.ts';

/** Owner read only, as ToolHive mounts them. */
const SECRET_FILE_MODE = 0o400;

export function authServerParts(cfg: EmbeddedAuthServerConfig | undefined): PodParts {
  if (!cfg) return emptyParts();
  const parts = emptyParts();
  for (const f of authServerSecretFiles(cfg)) {
    parts.volumes.push({
      name: f.volume,
      secret: {
        secretName: f.secret.name,
        items: [{ key: f.secret.key, path: f.file }],
        defaultMode: SECRET_FILE_MODE,
      },
    });
    parts.mounts.push({ name: f.volume, mountPath: f.mountPath, subPath: f.file, readOnly: true });
  }
  for (const e of authServerSecretEnv(cfg)) parts.env.push(secretEnv(e.env, e.secret.name, e.secret.key));
  return parts;
}

/**
 * The embedded server a proxy runs: `authServerRef` first, else an `externalAuthConfigRef` of
 * type embeddedAuthServer (ToolHive's `EmbeddedAuthServerConfigName` precedence).
 */
export function proxyAuthServerConfig(refs: ResolvedRefs): EmbeddedAuthServerConfig | undefined {
  for (const cfg of [refs.authServerConfig, refs.externalAuthConfig])
    if (cfg?.spec?.type === 'embeddedAuthServer' && cfg.spec.embeddedAuthServer)
      return cfg.spec.embeddedAuthServer;
  return undefined;
}
