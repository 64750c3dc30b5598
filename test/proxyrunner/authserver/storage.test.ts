/** The storage contract, run against both backends: memory and a real Redis. */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisKeys } from '../../../proxyrunner/authserver/storage/keys.ts';
import { MemoryStorage } from '../../../proxyrunner/authserver/storage/memory.ts';
import { RedisStorage } from '../../../proxyrunner/authserver/storage/redis.ts';
import type {
  AuthServerStorage,
  GrantSession,
  UpstreamTokens,
} from '../../../proxyrunner/authserver/storage/types.ts';
import { startRedis, type TestRedis } from '../../support/redis.ts';

let redis: TestRedis;
let client: Redis;
let n = 0;

beforeAll(async () => {
  redis = await startRedis();
  client = new Redis({ port: redis.port, host: '127.0.0.1' });
});
afterAll(async () => {
  client?.disconnect();
  await redis?.stop();
});

const backends: Array<[string, () => AuthServerStorage]> = [
  ['memory', () => new MemoryStorage()],
  [
    'redis',
    () =>
      new RedisStorage(
        { call: (c, ...a) => client.call(c, ...a) },
        new RedisKeys(`thv:auth:{test:s${++n}}:`),
      ),
  ],
];

const session = (requestId: string): GrantSession => ({
  requestId,
  clientId: 'c1',
  subject: 'u1',
  sessionId: 'tsid-1',
  grantedScopes: ['openid'],
  grantedAudience: ['https://r'],
  authTime: Date.now(),
});

const row = (over: Partial<UpstreamTokens> = {}): UpstreamTokens => ({
  providerId: 'corp',
  accessToken: 'at',
  refreshToken: 'rt',
  idToken: '',
  expiresAt: Date.now() + 60_000,
  sessionExpiresAt: Date.now() + 3_600_000,
  userId: 'u1',
  upstreamSubject: 'sub-1',
  clientId: 'c1',
  ...over,
});

describe.each(backends)('%s storage', (_name, make) => {
  it('redeems a code once and recognises the replay', async () => {
    const s = make();
    await s.createAuthCode('sig', {
      session: session('r1'),
      redirectUri: 'http://127.0.0.1/cb',
      pkceChallenge: 'x',
      pkceMethod: 'S256',
      expiresAt: Date.now() + 60_000,
    });
    expect((await s.redeemAuthCode('sig', 60_000)).kind).toBe('ok');
    expect((await s.redeemAuthCode('sig', 60_000)).kind).toBe('replayed');
    expect((await s.redeemAuthCode('other', 60_000)).kind).toBe('unknown');
  });

  it('rotates refresh tokens once, reports reuse, and revokes a family', async () => {
    const s = make();
    const expiresAt = Date.now() + 60_000;
    await s.createRefreshToken('a', { session: session('fam'), expiresAt });
    await s.createRefreshToken('b', { session: session('fam'), expiresAt });
    expect((await s.rotateRefreshToken('a')).kind).toBe('ok');
    expect((await s.rotateRefreshToken('a')).kind).toBe('reused');
    await s.revokeRefreshFamily('fam');
    expect((await s.rotateRefreshToken('b')).kind).toBe('reused');
  });

  it('hands a pending login out once', async () => {
    const s = make();
    const pending = {
      clientId: 'c',
      redirectUri: 'http://127.0.0.1/cb',
      state: 'st',
      pkceChallenge: 'x',
      pkceMethod: 'S256',
      scopes: [],
      upstreamPkceVerifier: 'v',
      upstreamNonce: 'n',
      upstreamProviderName: 'corp',
      sessionId: 's',
      createdAt: Date.now(),
    };
    await s.storePending('state', pending, 60_000);
    const [a, b] = await Promise.all([s.takePending('state'), s.takePending('state')]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
  });

  it('keeps upstream rows per session, extends sessions and finds the latest for a user', async () => {
    const s = make();
    await s.storeUpstreamTokens('s1', row());
    await s.storeUpstreamTokens('s1', row({ providerId: 'github', upstreamSubject: 'octo' }));
    await s.storeUpstreamTokens('s2', row({ accessToken: 'later', expiresAt: Date.now() + 120_000 }));
    expect([...(await s.getAllUpstreamTokens('s1')).keys()].sort()).toEqual(['corp', 'github']);
    expect((await s.latestUpstreamTokensForUser('u1', 'corp'))?.accessToken).toBe('later');
    const until = Date.now() + 7_200_000;
    await s.extendUpstreamSession('s1', until);
    expect((await s.getUpstreamTokens('s1', 'corp'))?.sessionExpiresAt).toBe(until);
    await s.deleteUpstreamTokens('s1');
    expect((await s.getAllUpstreamTokens('s1')).size).toBe(0);
    expect(await s.getUpstreamTokens('s2', 'corp')).toBeDefined();
  });

  it('links an upstream identity to exactly one user when two logins race', async () => {
    const s = make();
    const now = Date.now();
    const link = (id: string) =>
      s.createUserWithIdentity(
        { id, createdAt: now },
        { userId: id, providerId: 'corp', providerSubject: 'sub-x', linkedAt: now, lastUsedAt: now },
      );
    const [a, b] = await Promise.all([link('user-a'), link('user-b')]);
    expect(a.userId).toBe(b.userId);
    expect((await s.getProviderIdentity('corp', 'sub-x'))?.userId).toBe(a.userId);
  });

  it('grants a lock to one holder, released only by that holder', async () => {
    const s = make();
    expect(await s.acquireLock('l', 'one', 10_000)).toBe(true);
    expect(await s.acquireLock('l', 'two', 10_000)).toBe(false);
    await s.releaseLock('l', 'two');
    expect(await s.acquireLock('l', 'two', 10_000)).toBe(false);
    await s.releaseLock('l', 'one');
    expect(await s.acquireLock('l', 'two', 10_000)).toBe(true);
  });

  it('keeps DCR clients alive on renewal and never gives static clients a TTL', async () => {
    const s = make();
    const base = {
      redirectUris: [],
      grantTypes: [],
      responseTypes: [],
      scopes: [],
      audiences: [],
      tokenEndpointAuthMethod: 'none' as const,
      createdAt: Date.now(),
    };
    await s.registerClient({ ...base, clientId: 'dcr', dcrIssued: true }, 60_000);
    await s.registerClient({ ...base, clientId: 'static', dcrIssued: false });
    await s.renewClient('static', 1);
    await new Promise((r) => setTimeout(r, 20));
    expect(await s.getClient('static')).toBeDefined();
    expect(await s.countDcrClients()).toBe(1);
  });
});
