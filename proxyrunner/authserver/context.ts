/** What every endpoint handler of the authorization server works with. */
import type { Logger } from '../middleware/shared/logger.ts';
import type { AuthServerSettings } from './config.ts';
import type { KeySet } from './keys.ts';
import type { OpaqueTokens } from './opaque-tokens.ts';
import type { AuthServerStorage } from './storage/types.ts';
import type { UpstreamProvider } from './upstream/types.ts';
import type { UpstreamTokenService } from './upstream-tokens.ts';

export interface AuthServerContext {
  readonly settings: AuthServerSettings;
  readonly storage: AuthServerStorage;
  readonly keys: KeySet;
  readonly opaque: OpaqueTokens;
  /** In configured order: the first one is the identity provider of every login. */
  readonly upstreams: readonly UpstreamProvider[];
  readonly upstreamTokens: UpstreamTokenService;
  readonly logger: Logger;
  readonly now: () => number;
}

export function upstreamByName(ctx: AuthServerContext, name: string): UpstreamProvider | undefined {
  return ctx.upstreams.find((u) => u.name === name);
}
