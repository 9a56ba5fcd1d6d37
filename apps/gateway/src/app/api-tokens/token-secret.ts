import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * `pdk_<token id without dashes>_<43 chars of base64url randomness>`: the id finds the row, the
 * random part is compared by hash. The prefix makes leaked tokens easy to spot by secret scanners.
 */
const TOKEN_PATTERN = /^pdk_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;

export function newTokenSecret(tokenId: string): { secret: string; hash: string } {
  const random = randomBytes(32).toString('base64url');
  return { secret: `pdk_${tokenId.replace(/-/g, '')}_${random}`, hash: hashSecret(random) };
}

/** The token id and the random part, or null when `secret` is not shaped like one of ours. */
export function parseTokenSecret(secret: string): { tokenId: string; random: string } | null {
  const m = TOKEN_PATTERN.exec(secret);
  if (!m) return null;
  const hex = m[1];
  const tokenId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { tokenId, random: m[2] };
}

export function secretMatches(random: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(random), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

function hashSecret(random: string): string {
  return createHash('sha256').update(random).digest('hex');
}
