import type { CatalogSecret } from './catalog-entry.schema';

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

/** Values for every secret an entry declares (generated at deploy, stored encrypted, shown once). */
export function generateSecrets(entry: { secrets: readonly Pick<CatalogSecret, 'key' | 'length'>[] }, randomBytes: RandomBytes): Record<string, string> {
  return Object.fromEntries(entry.secrets.map((s) => [s.key, generateSecret(s.length, randomBytes)]));
}
