import type { CatalogSecret } from './catalog-entry.schema';
import { bcryptSecretKey } from './catalog-container-options';

/** Letters and digits only: survives env files, shells, URLs and config formats without quoting. */
export const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A source of cryptographically secure random bytes, e.g. `crypto.randomBytes` (injected so this stays pure). */
export type RandomBytes = (size: number) => Uint8Array;

/** One secret of `length` characters from SECRET_ALPHABET, unbiased (rejection sampling). */
export function generateSecret(length: number, randomBytes: RandomBytes): string {
  // 248 = 4 * 62: bytes at or above it would favour the first characters, so they are dropped.
  const limit = 256 - (256 % SECRET_ALPHABET.length);
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte >= limit) continue;
      out += SECRET_ALPHABET[byte % SECRET_ALPHABET.length];
      if (out.length === length) break;
    }
  }
  return out;
}

/** A bcrypt hash of a value (cost BCRYPT_SECRET_COST), e.g. from bcryptjs (injected: this library has no bcrypt). */
export type BcryptHash = (value: string) => string;

/**
 * Values for every secret an entry declares (generated at deploy, stored encrypted, shown once),
 * plus `<key>_bcrypt` for each `bcrypt: true` secret, for which `bcrypt` must be given.
 */
export function generateSecrets(
  entry: { secrets: readonly (Pick<CatalogSecret, 'key' | 'length'> & { bcrypt?: boolean })[] },
  randomBytes: RandomBytes,
  bcrypt?: BcryptHash,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const secret of entry.secrets) {
    const value = generateSecret(secret.length, randomBytes);
    out[secret.key] = value;
    if (!secret.bcrypt) continue;
    if (!bcrypt) throw new Error(`secret "${secret.key}" has bcrypt: true, but no bcrypt hash function was given`);
    out[bcryptSecretKey(secret.key)] = bcrypt(value);
  }
  return out;
}
