import { randomInt } from 'node:crypto';
import type { CatalogEntry } from '@proxdeck/shared-catalog';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** One random password a declared secret (letters and digits only: safe in env files and URLs). */
export function generateSecrets(entry: Pick<CatalogEntry, 'secrets'>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const secret of entry.secrets) {
    let value = '';
    for (let i = 0; i < secret.length; i++) value += ALPHABET[randomInt(ALPHABET.length)];
    out[secret.key] = value;
  }
  return out;
}
