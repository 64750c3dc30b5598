/**
 * VirtualMCPServer's checks of its embedded authorization server (`spec.authServerConfig`) and of
 * how Cedar picks the upstream whose claims it evaluates, as ToolHive's `runAuthValidations`
 * does them: `IdentitySynthesized`, `AuthServerConfigValidated` (with the authz reasons) and the
 * advisory `AuthzUpstreamSelectionWarning`.
 */
import type { EmbeddedAuthServerConfig } from '../../lib/api/types.generated.ts';
import {
  embeddedAuthServerProblem,
  VMCP_AUTH_SERVER_CONFIG,
} from '../../lib/runconfig/authserver-validation.ts';
import type { KubeObject } from '../kube/types.ts';
import type { Conditions } from '../status/conditions.ts';
import { IDENTITY_SYNTHESIZED, identitySynthesizedCondition } from './auth-server-conditions.ts';
import type { DeferredCondition } from './workload.ts';

export const AUTH_SERVER_CONFIG_VALIDATED = 'AuthServerConfigValidated';
export const AUTHZ_UPSTREAM_SELECTION_WARNING = 'AuthzUpstreamSelectionWarning';

type AuthServerConfig = Partial<EmbeddedAuthServerConfig>;

interface VmcpAuthSpec {
  authServerConfig?: AuthServerConfig;
  incomingAuth?: { authzConfig?: { inline?: { primaryUpstreamProvider?: string } } };
}

export interface VmcpAuthCheck {
  /** A spec problem the user has to fix: phase Failed, not retried. */
  error?: string;
  /** `AuthServerConfigValidated` True, settled once the render has built the server. */
  deferred: DeferredCondition[];
  /** The primary upstream came from the deprecated location (ToolHive warns about it). */
  deprecatedPrimary: boolean;
}

/** ToolHive's `ExplicitPrimaryUpstreamProvider`: the canonical field wins over the deprecated one. */
function explicitPrimaryUpstreamProvider(spec: VmcpAuthSpec): { name: string; deprecated: boolean } {
  const canonical = spec.authServerConfig?.primaryUpstreamProvider;
  if (canonical) return { name: canonical, deprecated: false };
  const deprecated = spec.incomingAuth?.authzConfig?.inline?.primaryUpstreamProvider;
  return deprecated ? { name: deprecated, deprecated: true } : { name: '', deprecated: false };
}

/** `authserver.ResolveUpstreamName`: an unnamed upstream is "default". */
const resolveUpstreamName = (name: string | undefined) => name || 'default';

/**
 * Runs the checks and sets their conditions. On a problem, `AuthServerConfigValidated` is False
 * with ToolHive's reason and `error` says what to report; otherwise its True condition is
 * deferred until the render has built the server.
 */
export function checkVmcpAuth(obj: KubeObject, c: Conditions): VmcpAuthCheck {
  const spec = (obj.spec ?? {}) as VmcpAuthSpec;
  const out: VmcpAuthCheck = { deferred: [], deprecatedPrimary: false };
  const reject = (reason: string, message: string): VmcpAuthCheck => {
    c.remove(AUTHZ_UPSTREAM_SELECTION_WARNING);
    c.set({ type: AUTH_SERVER_CONFIG_VALIDATED, status: false, reason, message });
    return { ...out, error: message };
  };

  const cfg = spec.authServerConfig;
  if (cfg) {
    // A pure function of the upstreams' shape, kept current even when validation fails.
    c.set(
      identitySynthesizedCondition(
        { upstreamProviders: cfg.upstreamProviders ?? [] },
        'spec.authServerConfig',
      ),
    );
    // ToolHive's `validateAuthServerConfig`, and the rest of what makes the server unbuildable.
    const problem = embeddedAuthServerProblem(cfg, VMCP_AUTH_SERVER_CONFIG);
    if (problem) {
      c.set({
        type: AUTH_SERVER_CONFIG_VALIDATED,
        status: false,
        reason: 'AuthServerConfigInvalid',
        message: problem,
      });
      return { ...out, error: problem };
    }
  } else {
    c.remove(AUTH_SERVER_CONFIG_VALIDATED);
    c.remove(IDENTITY_SYNTHESIZED);
  }

  // Cedar policies read the claims of an upstream's token; only with spec.incomingAuth.authzConfig.
  if (spec.incomingAuth?.authzConfig) {
    const explicit = explicitPrimaryUpstreamProvider(spec);
    out.deprecatedPrimary = explicit.deprecated;
    const upstreams = cfg?.upstreamProviders ?? [];
    if (!cfg) {
      if (explicit.name) {
        return reject(
          'AuthzPrimaryProviderRequiresAuthServer',
          `primaryUpstreamProvider=${JSON.stringify(explicit.name)} is set but spec.authServerConfig is not configured. ` +
            'The field names an upstream IDP on the embedded auth server, which is required for it to take effect. ' +
            'Remove primaryUpstreamProvider, or configure spec.authServerConfig with an upstream of that name.',
        );
      }
      c.remove(AUTHZ_UPSTREAM_SELECTION_WARNING);
    } else if (upstreams.length === 0) {
      // Unreachable while the check above requires an upstream; kept as ToolHive has it.
      return reject(
        'AuthzRequiresUpstream',
        'spec.authServerConfig is set but has no upstream providers, and spec.incomingAuth.authzConfig references claims. ' +
          'Cedar would evaluate against the ToolHive-issued AS token rather than the upstream IDP token. ' +
          'Configure spec.authServerConfig.upstreamProviders with at least one upstream IDP, or remove ' +
          'authServerConfig if clients will present IdP tokens directly.',
      );
    } else if (
      explicit.name &&
      !upstreams.some((u) => resolveUpstreamName(u.name) === resolveUpstreamName(explicit.name))
    ) {
      return reject(
        'AuthzUpstreamUnknown',
        `primaryUpstreamProvider=${JSON.stringify(explicit.name)} does not match any upstream declared on ` +
          'spec.authServerConfig.upstreamProviders. Set primaryUpstreamProvider to one of the configured upstream ' +
          `names, or leave it empty to default to the first upstream (configured: ${upstreams.map((u) => u.name).join(', ')}).`,
      );
    } else if (upstreams.length > 1 && !explicit.name) {
      c.set({
        type: AUTHZ_UPSTREAM_SELECTION_WARNING,
        status: true,
        reason: 'AuthzUpstreamAutoSelected',
        // ToolHive's text names the deprecated field; this names the one to use.
        message:
          'multiple upstreamProviders configured; Cedar policies will evaluate claims from the first upstream ' +
          `(${JSON.stringify(upstreams[0]?.name)}). If another upstream should be authoritative, set ` +
          'spec.authServerConfig.primaryUpstreamProvider explicitly, or remove or reorder the list.',
      });
    } else {
      c.remove(AUTHZ_UPSTREAM_SELECTION_WARNING);
    }
  } else {
    c.remove(AUTHZ_UPSTREAM_SELECTION_WARNING);
  }

  if (cfg) {
    out.deferred.push({
      source: 'authServerConfig',
      type: AUTH_SERVER_CONFIG_VALIDATED,
      invalidReason: 'AuthServerConfigInvalid',
      valid: {
        type: AUTH_SERVER_CONFIG_VALIDATED,
        status: true,
        reason: 'AuthServerConfigValid',
        message: 'AuthServerConfig is valid',
      },
    });
  }
  return out;
}
