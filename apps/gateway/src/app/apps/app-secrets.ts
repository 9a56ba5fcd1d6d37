import { randomInt } from 'node:crypto';
import { hashSync } from 'bcryptjs';
import { BCRYPT_SECRET_COST, bcryptSecretKey, type CatalogSecret } from '@proxdeck/shared-catalog';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/**
 * One random password per declared secret (letters and digits only: safe in env files and URLs).
 * A `bcrypt: true` secret also gets `<key>_bcrypt`, its bcrypt hash (cost 10), for apps that are
 * given the hash (e.g. wg-easy's PASSWORD_HASH) while the person logs in with the password itself.
 */
export function generateSecrets(entry: { secrets: readonly Pick<CatalogSecret, 'key' | 'length' | 'bcrypt'>[] }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const secret of entry.secrets) {
    let value = '';
    for (let i = 0; i < secret.length; i++) value += ALPHABET[randomInt(ALPHABET.length)];
    out[secret.key] = value;
    if (secret.bcrypt) out[bcryptSecretKey(secret.key)] = hashSync(value, BCRYPT_SECRET_COST);
  }
  return out;
}
