/** The chain engine: order, the head/body split, first rejection wins, sync answers stay sync. */
import { describe, expect, it } from 'vitest';
import { Chain } from '../../../proxyrunner/chain/chain.ts';
import type { Middleware, Rejection } from '../../../proxyrunner/middleware/types.ts';
import { requestContext } from '../policy/support/context.ts';

function hook(
  name: string,
  seen: string[],
  answer?: Rejection,
  opts: { async?: boolean; head?: boolean } = {},
) {
  const m: Middleware = {
    name,
    ...(opts.head ? { headersOnly: true } : {}),
    onRequest: () => {
      seen.push(name);
      return opts.async ? Promise.resolve(answer) : answer;
    },
  };
  return m;
}

const refused: Rejection = { status: 403, body: 'no' };

describe('Chain', () => {
  it('answers synchronously while every hook does, running them in order', () => {
    const seen: string[] = [];
    const chain = new Chain([hook('a', seen), hook('b', seen), hook('c', seen, refused), hook('d', seen)]);
    const answer = chain.before(requestContext({}));
    expect(answer).not.toBeInstanceOf(Promise);
    expect(answer).toEqual({ rejection: refused, by: 'c' });
    expect(seen).toEqual(['a', 'b', 'c']);
  });

  it('continues after an asynchronous hook and still stops at the first rejection', async () => {
    const seen: string[] = [];
    const chain = new Chain([
      hook('a', seen),
      hook('b', seen, undefined, { async: true }),
      hook('c', seen),
      hook('d', seen, refused, { async: true }),
      hook('e', seen),
    ]);
    const answer = chain.before(requestContext({}));
    expect(answer).toBeInstanceOf(Promise);
    expect(await answer).toEqual({ rejection: refused, by: 'd' });
    expect(seen).toEqual(['a', 'b', 'c', 'd']);
  });

  it('reports a rejection from an asynchronous hook under that hook', async () => {
    const seen: string[] = [];
    const chain = new Chain([hook('a', seen, refused, { async: true }), hook('b', seen)]);
    expect(await chain.before(requestContext({}))).toEqual({ rejection: refused, by: 'a' });
    expect(seen).toEqual(['a']);
  });

  it('runs the leading head-only hooks in beforeHead and the rest in before(ctx, true)', async () => {
    const seen: string[] = [];
    const chain = new Chain([
      hook('origin', seen, undefined, { head: true }),
      hook('auth', seen, undefined, { head: true, async: true }),
      hook('authz', seen),
      hook('late-head', seen, undefined, { head: true }),
    ]);
    expect(chain.headCount).toBe(2);
    const ctx = requestContext({});
    expect(await chain.beforeHead(ctx)).toBeUndefined();
    expect(seen).toEqual(['origin', 'auth']);
    expect(await chain.before(ctx, true)).toBeUndefined();
    expect(seen).toEqual(['origin', 'auth', 'authz', 'late-head']);
  });
});
