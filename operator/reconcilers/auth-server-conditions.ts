/**
 * Conditions about an embedded authorization server's configuration that more than one kind
 * reports: `IdentitySynthesized` on MCPExternalAuthConfig (type embeddedAuthServer) and on
 * VirtualMCPServer (`spec.authServerConfig`), with ToolHive's reasons and text.
 */
import type { EmbeddedAuthServerConfig } from '../../lib/api/types.generated.ts';
import { syntheticIdentityUpstreams } from '../../lib/runconfig/authserver.ts';
import type { ConditionInput } from '../status/conditions.ts';

export const IDENTITY_SYNTHESIZED = 'IdentitySynthesized';

/**
 * ToolHive's `IdentitySynthesized` advisory: True (`OAuth2UpstreamWithoutUserInfo`) when an
 * OAuth2 upstream has neither `userInfo` nor `identityFromToken`, so users get a subject derived
 * from the access token and no name or email; False (`AllUpstreamsHaveUserInfo`) otherwise.
 * `field` is where the config lives (`spec.embeddedAuthServer`, `spec.authServerConfig`).
 */
export function identitySynthesizedCondition(
  cfg: Pick<EmbeddedAuthServerConfig, 'upstreamProviders'>,
  field: string,
): ConditionInput {
  const synthetic = syntheticIdentityUpstreams(cfg);
  if (synthetic.length === 0) {
    return {
      type: IDENTITY_SYNTHESIZED,
      status: false,
      reason: 'AllUpstreamsHaveUserInfo',
      message: 'All OAuth2 upstreams have userInfo configured; user identity is resolved from the upstream',
    };
  }
  const fields = synthetic.map((u) => `${field}.upstreamProviders[${u.index}].oauth2Config`).join(', ');
  return {
    type: IDENTITY_SYNTHESIZED,
    status: true,
    reason: 'OAuth2UpstreamWithoutUserInfo',
    // Go's %v of a []string: `[a b]`.
    message:
      `OAuth2 upstream(s) [${synthetic.map((u) => u.name).join(' ')}] have no userInfo configured; ` +
      'the embedded auth server will synthesize a non-PII subject from the access token (no Name/Email claims). ' +
      'If a userInfo endpoint exists for these upstreams, configure it to resolve real identity. ' +
      `Set userInfo (or identityFromToken, to read the subject from the token response) in ${fields}.`,
  };
}
