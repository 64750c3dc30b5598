/** Token-bucket rate limits (`rateLimiting`), enforced in Redis. */
import { array, describe, int32, object, req, rule, string } from '../../schema/dsl.ts';

export const rateLimitBucket = object(
  {
    maxTokens: req(
      int32({ minimum: 1, description: 'Bucket capacity: the most requests allowed in a burst.' }),
    ),
    refillPeriod: req(
      string({ description: 'Time to refill the bucket from empty, as a Go duration (e.g. "1m").' }),
    ),
  },
  { name: 'RateLimitBucket', description: 'A token bucket.' },
);

export const toolRateLimitConfig = object(
  {
    name: req(string({ minLength: 1, description: 'MCP tool name the limits apply to.' })),
    perUser: describe(rateLimitBucket, 'A bucket per authenticated user, for this tool.'),
    shared: describe(rateLimitBucket, 'One bucket shared by all users, for this tool.'),
  },
  {
    name: 'ToolRateLimitConfig',
    description: 'Rate limits of one tool, applied on top of the server-wide limits.',
    validations: [
      rule('has(self.shared) || has(self.perUser)', 'at least one of shared or perUser must be configured'),
    ],
  },
);

export const rateLimitConfig = object(
  {
    perUser: describe(rateLimitBucket, 'A bucket per authenticated user, for the whole server.'),
    shared: describe(rateLimitBucket, 'One bucket shared by all users, for the whole server.'),
    tools: array(toolRateLimitConfig, {
      listType: 'map',
      listMapKeys: ['name'],
      description: 'Per-tool limits; each applies in addition to the server-wide ones.',
    }),
  },
  {
    name: 'RateLimitConfig',
    description: 'Token-bucket rate limits. Needs sessionStorage with provider redis.',
    validations: [
      rule(
        'has(self.shared) || has(self.perUser) || (has(self.tools) && size(self.tools) > 0)',
        'at least one of shared, perUser, or tools must be configured',
      ),
    ],
  },
);
