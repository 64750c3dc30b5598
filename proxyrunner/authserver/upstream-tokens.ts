/**
 * The upstream tokens of a token session (`tsid`), as the proxy's auth middleware needs them for
 * every request: read from storage, and refreshed at the upstream when the access token has
 * expired. Concurrent refreshes of one row share one call in this process and take a storage
 * lock across replicas — a provider that rotates refresh tokens would otherwise see the old one
 * twice and revoke the session. A replica that loses the race waits and reads the winner's row.
 */
import { randomUUID } from 'node:crypto';
import type {
  SessionCredentials,
  UpstreamCredential,
  UpstreamTokenReader,
} from '../middleware/auth/embedded.ts';
import type { Logger } from '../middleware/shared/logger.ts';
import { type AuthServerStorage, type UpstreamTokens, upstreamTokensExpired } from './storage/types.ts';
import type { UpstreamProvider } from './upstream/types.ts';

export type { SessionCredentials, UpstreamCredential, UpstreamTokenReader };

const LOCK_TTL_MS = 30_000;
const LOCK_WAIT_MS = 10_000;
const LOCK_POLL_MS = 100;
const STORE_ATTEMPTS = 3;

export class RefreshError extends Error {
  override name = 'RefreshError';
}

export class UpstreamTokenService implements UpstreamTokenReader {
  private readonly storage: AuthServerStorage;
  private readonly providers: ReadonlyMap<string, UpstreamProvider>;
  private readonly logger: Logger;
  private readonly now: () => number;
  private readonly inflight = new Map<string, Promise<UpstreamTokens>>();

  constructor(
    storage: AuthServerStorage,
    providers: ReadonlyMap<string, UpstreamProvider>,
    logger: Logger,
    now: () => number = Date.now,
  ) {
    this.storage = storage;
    this.providers = providers;
    this.logger = logger;
    this.now = now;
  }

  async credentials(sessionId: string): Promise<SessionCredentials> {
    const rows = await this.storage.getAllUpstreamTokens(sessionId);
    const credentials = new Map<string, UpstreamCredential>();
    const failed: string[] = [];
    await Promise.all(
      [...rows].map(async ([provider, row]) => {
        let live = row;
        if (upstreamTokensExpired(row, this.now())) {
          try {
            live = await this.refresh(sessionId, row);
          } catch (err) {
            this.logger.warn('upstream token refresh failed; provider will require re-authentication', {
              provider,
              reason: (err as Error).message,
            });
            failed.push(provider);
            return;
          }
        }
        credentials.set(provider, { accessToken: live.accessToken, idToken: live.idToken });
      }),
    );
    return { credentials, failed: failed.sort() };
  }

  /** A live row for an expired one: refreshed here, or by whoever refreshed it meanwhile. */
  refresh(sessionId: string, expired: UpstreamTokens): Promise<UpstreamTokens> {
    const key = `${sessionId}\u0000${expired.providerId}`;
    let p = this.inflight.get(key);
    if (!p) {
      p = this.refreshLocked(sessionId, expired).finally(() => this.inflight.delete(key));
      this.inflight.set(key, p);
    }
    return p;
  }

  private async refreshLocked(sessionId: string, expired: UpstreamTokens): Promise<UpstreamTokens> {
    if (!expired.refreshToken) throw new RefreshError('no refresh token available');
    const provider = this.providers.get(expired.providerId);
    if (!provider) throw new RefreshError(`no upstream provider configured for "${expired.providerId}"`);
    const lock = `upstream-refresh:${sessionId}:${expired.providerId}`;
    const token = randomUUID();
    const deadline = Date.now() + LOCK_WAIT_MS;
    while (!(await this.storage.acquireLock(lock, token, LOCK_TTL_MS))) {
      // Another replica is refreshing this row: its result lands in storage.
      const current = await this.storage.getUpstreamTokens(sessionId, expired.providerId);
      if (!current) throw new RefreshError('upstream token row disappeared during refresh');
      if (!upstreamTokensExpired(current, this.now())) return current;
      if (Date.now() > deadline) throw new RefreshError('timed out waiting for a concurrent refresh');
      await new Promise((r) => setTimeout(r, LOCK_POLL_MS));
    }
    try {
      // Re-read under the lock: the row may have been refreshed since it was read.
      const current = await this.storage.getUpstreamTokens(sessionId, expired.providerId);
      if (!current) throw new RefreshError('upstream token row disappeared during refresh');
      if (!upstreamTokensExpired(current, this.now())) return current;
      if (!current.refreshToken) throw new RefreshError('no refresh token available');
      const fresh = await provider.refresh(current.refreshToken, current.upstreamSubject);
      const updated: UpstreamTokens = {
        ...current,
        accessToken: fresh.accessToken,
        refreshToken: fresh.refreshToken || current.refreshToken,
        // OIDC Core §12.2: a refresh may omit the ID token; keep the login's one.
        idToken: fresh.idToken || current.idToken,
        expiresAt: fresh.expiresAt,
      };
      await this.storeWithRetry(sessionId, updated, current.refreshToken !== updated.refreshToken);
      return updated;
    } finally {
      await this.storage.releaseLock(lock, token).catch(() => undefined);
    }
  }

  /**
   * Persists a refreshed row. If it cannot be stored and the provider rotated the refresh token,
   * the stored (now revoked) one is useless: the row is dropped so the user logs in again rather
   * than failing on every request.
   */
  private async storeWithRetry(sessionId: string, updated: UpstreamTokens, rotated: boolean): Promise<void> {
    let last: unknown;
    for (let i = 0; i < STORE_ATTEMPTS; i++) {
      try {
        await this.storage.storeUpstreamTokens(sessionId, updated);
        return;
      } catch (err) {
        last = err;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    if (!rotated) {
      this.logger.warn('failed to persist refreshed upstream tokens; the old refresh token stays valid', {
        provider: updated.providerId,
      });
      return;
    }
    await this.storage.deleteUpstreamTokens(sessionId).catch(() => undefined);
    throw new RefreshError(`failed to persist rotated upstream refresh token: ${(last as Error)?.message}`);
  }
}
