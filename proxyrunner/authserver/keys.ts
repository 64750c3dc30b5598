/**
 * The keys access tokens are signed with. Keys come from PEM files mounted from Secrets (PKCS#1,
 * SEC 1 or PKCS#8; RSA of at least 2048 bits, EC P-256/384/521 or Ed25519): the first signs,
 * the others only verify, so a rotation first adds the new key as a fallback, then promotes it.
 * Without files an ephemeral ES256 key is generated (tokens die with the process). The key id is
 * the RFC 7638 thumbprint, as ToolHive derives it, so it is stable across restarts and replicas.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { calculateJwkThumbprint, exportJWK, type JWK, type JWTPayload, SignJWT } from 'jose';
import type { LocalKeyProvider } from '../middleware/auth/embedded.ts';

export const DEFAULT_SIGNING_ALGORITHM = 'ES256';
const MIN_RSA_BITS = 2048;

export interface SigningKey {
  readonly kid: string;
  readonly alg: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly publicJwk: JWK;
}

function algorithmFor(key: KeyObject, source: string): string {
  switch (key.asymmetricKeyType) {
    case 'rsa': {
      const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
      if (bits < MIN_RSA_BITS)
        throw new Error(
          `${source}: RSA key size ${bits} bits is below minimum required ${MIN_RSA_BITS} bits`,
        );
      return 'RS256';
    }
    case 'ec':
      switch (key.asymmetricKeyDetails?.namedCurve) {
        case 'prime256v1':
          return 'ES256';
        case 'secp384r1':
          return 'ES384';
        case 'secp521r1':
          return 'ES512';
        default:
          throw new Error(`${source}: unsupported EC curve ${key.asymmetricKeyDetails?.namedCurve}`);
      }
    case 'ed25519':
      return 'EdDSA';
    default:
      throw new Error(`${source}: unsupported key type ${key.asymmetricKeyType}`);
  }
}

async function signingKey(privateKey: KeyObject, source: string): Promise<SigningKey> {
  const alg = algorithmFor(privateKey, source);
  const publicKey = createPublicKey(privateKey);
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk, 'sha256');
  return { kid, alg, privateKey, publicKey, publicJwk: { ...jwk, kid, alg, use: 'sig' } };
}

export class KeySet implements LocalKeyProvider {
  readonly signing: SigningKey;
  readonly all: readonly SigningKey[];
  /** Generated at startup rather than loaded: tokens do not survive a restart. */
  readonly ephemeral: boolean;
  private readonly byKid: Map<string, SigningKey>;

  private constructor(keys: SigningKey[], ephemeral: boolean) {
    this.signing = keys[0]!;
    this.all = keys;
    this.ephemeral = ephemeral;
    this.byKid = new Map(keys.map((k) => [k.kid, k]));
  }

  /** Loads `signingKeyFile` (signs) and `fallbackKeyFiles` (verify only) from `keyDir`. */
  static async fromFiles(
    keyDir: string,
    signingKeyFile: string,
    fallbackKeyFiles: readonly string[],
    readFile: (path: string) => string,
  ): Promise<KeySet> {
    const keys: SigningKey[] = [];
    for (const file of [signingKeyFile, ...fallbackKeyFiles]) {
      const path = keyDir ? join(keyDir, file) : file;
      let pem: string;
      try {
        pem = readFile(path);
      } catch (err) {
        throw new Error(
          `failed to read signing key ${path}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`,
        );
      }
      let key: KeyObject;
      try {
        key = createPrivateKey(pem);
      } catch {
        // The parser's message may quote the input; say only which file.
        throw new Error(`failed to parse signing key ${path}: not a PEM private key`);
      }
      const k = await signingKey(key, path);
      if (!keys.some((existing) => existing.kid === k.kid)) keys.push(k);
    }
    return new KeySet(keys, false);
  }

  static async generate(alg = DEFAULT_SIGNING_ALGORITHM): Promise<KeySet> {
    const curves: Record<string, string> = { ES256: 'prime256v1', ES384: 'secp384r1', ES512: 'secp521r1' };
    const curve = curves[alg];
    if (!curve) throw new Error(`unsupported algorithm for key generation: ${alg}`);
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: curve });
    return new KeySet([await signingKey(privateKey, 'generated key')], true);
  }

  /** The public JWKS: every key, signing and fallback, so tokens signed before a rotation verify. */
  jwks(): { keys: JWK[] } {
    return { keys: this.all.map((k) => ({ ...k.publicJwk })) };
  }

  /** Signing algorithms in use, for discovery. */
  algorithms(): string[] {
    return [...new Set(this.all.map((k) => k.alg))];
  }

  has(kid: string): boolean {
    return this.byKid.has(kid);
  }

  verificationKey(kid: string, alg: string): KeyObject | undefined {
    const k = this.byKid.get(kid);
    return k && k.alg === alg ? k.publicKey : undefined;
  }

  /** A JWS over `payload` with the signing key; `typ` per RFC 9068 for access tokens. */
  sign(payload: JWTPayload, typ = 'at+jwt'): Promise<string> {
    return new SignJWT(payload)
      .setProtectedHeader({ alg: this.signing.alg, kid: this.signing.kid, typ })
      .sign(this.signing.privateKey);
  }
}
