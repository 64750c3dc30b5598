/**
 * Authorization codes and refresh tokens are opaque to clients and only ever checked by this
 * server, so they are HMAC tokens rather than JWTs (as fosite's, which ToolHive uses):
 * `<prefix><random key>.<HMAC-SHA256(secret, key)>`. Storage is keyed by the signature, so a
 * copy of the store alone yields nothing that can be presented. The first configured secret
 * signs; rotated secrets still verify tokens minted before a rotation.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** ToolHive's `MinSecretLength`. */
export const MIN_HMAC_SECRET_BYTES = 32;

export const CODE_PREFIX = 'thv_ac_';
export const REFRESH_PREFIX = 'thv_rt_';

export interface MintedToken {
  readonly token: string;
  /** The storage key. */
  readonly signature: string;
}

export class OpaqueTokens {
  private readonly current: Buffer;
  private readonly all: readonly Buffer[];

  constructor(current: Buffer, rotated: readonly Buffer[] = []) {
    for (const s of [current, ...rotated])
      if (s.length < MIN_HMAC_SECRET_BYTES)
        throw new Error(`HMAC secret must be at least ${MIN_HMAC_SECRET_BYTES} bytes`);
    this.current = current;
    this.all = [current, ...rotated];
  }

  static random(): OpaqueTokens {
    return new OpaqueTokens(randomBytes(MIN_HMAC_SECRET_BYTES));
  }

  mint(prefix: string): MintedToken {
    const key = randomBytes(32).toString('base64url');
    const signature = createHmac('sha256', this.current).update(key).digest('base64url');
    return { token: `${prefix}${key}.${signature}`, signature };
  }

  /** The storage key of a well-formed token signed by one of our secrets, else undefined. */
  verify(token: string, prefix: string): string | undefined {
    if (typeof token !== 'string' || token.length > 512 || !token.startsWith(prefix)) return undefined;
    const body = token.slice(prefix.length);
    const dot = body.indexOf('.');
    if (dot <= 0 || dot !== body.lastIndexOf('.')) return undefined;
    const key = body.slice(0, dot);
    const signature = body.slice(dot + 1);
    if (!/^[A-Za-z0-9_-]+$/.test(key) || !/^[A-Za-z0-9_-]{43}$/.test(signature)) return undefined;
    // Compared as text: base64url has several spellings of the same bytes (the last character's
    // spare bits), and only the canonical one is the storage key.
    const presented = Buffer.from(signature, 'ascii');
    for (const secret of this.all) {
      const expected = Buffer.from(createHmac('sha256', secret).update(key).digest('base64url'), 'ascii');
      if (expected.length === presented.length && timingSafeEqual(expected, presented)) return signature;
    }
    return undefined;
  }
}
