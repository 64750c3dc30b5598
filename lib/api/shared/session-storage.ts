/** Where a horizontally scaled proxy keeps its sessions (`sessionStorage`). */
import { describe, int32, object, req, rule, string } from '../../schema/dsl.ts';
import { secretKeyRef } from './core.ts';

export const sessionStorageConfig = object(
  {
    address: string({
      minLength: 1,
      description: 'Redis address as host:port; required with provider redis.',
    }),
    db: int32({ default: 0, minimum: 0, description: 'Redis database number.' }),
    keyPrefix: string({ description: 'Prefix for every Redis key the proxy writes.' }),
    passwordRef: describe(secretKeyRef, 'Secret key holding the Redis password.'),
    provider: req(string({ enum: ['memory', 'redis'], description: 'Session store backend.' })),
  },
  {
    name: 'SessionStorageConfig',
    description:
      'Session storage shared by all replicas. With redis, any replica can serve any session, so ' +
      'sessions survive scaling and rollouts.',
    validations: [rule("self.provider == 'redis' ? has(self.address) : true", 'address is required')],
  },
);

/** The CEL rule a workload spec carries when rate limiting needs Redis session storage. */
export function rateLimitNeedsRedisRule(path: string, message: string) {
  return rule(
    `!has(self.${path}) || (has(self.sessionStorage) && self.sessionStorage.provider == 'redis')`,
    message,
  );
}
