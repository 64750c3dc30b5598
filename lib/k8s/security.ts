/**
 * ToolHive's `SecurityContextBuilder`: non-root uid/gid 1000, read-only root file system, every
 * capability dropped, seccomp RuntimeDefault. On OpenShift the uid, gid and fsGroup are left to
 * the platform's SCC, so they are omitted.
 */
import type { PodSecurityContext, SecurityContext } from './types.ts';

export interface PlatformOptions {
  /** OpenShift assigns uids from the namespace range; fixed ids would be rejected. */
  readonly openShift?: boolean;
}

export function podSecurityContext(opts: PlatformOptions = {}): PodSecurityContext {
  return opts.openShift
    ? { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } }
    : {
        runAsNonRoot: true,
        runAsUser: 1000,
        runAsGroup: 1000,
        fsGroup: 1000,
        seccompProfile: { type: 'RuntimeDefault' },
      };
}

export function containerSecurityContext(opts: PlatformOptions = {}): SecurityContext {
  const ids = opts.openShift ? {} : { runAsUser: 1000, runAsGroup: 1000 };
  return {
    privileged: false,
    runAsNonRoot: true,
    ...ids,
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    seccompProfile: { type: 'RuntimeDefault' },
    capabilities: { drop: ['ALL'] },
  };
}

/**
 * Fills the fields a user-supplied context leaves unset with the defaults, the way the proxy
 * runner does for the MCP container (`configureContainer`): user values win.
 */
export function withDefaults<T extends object>(user: T | undefined, defaults: T): T {
  return { ...defaults, ...(user ?? {}) };
}
