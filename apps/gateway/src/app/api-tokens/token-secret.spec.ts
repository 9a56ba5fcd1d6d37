import { newTokenSecret, parseTokenSecret, secretMatches } from './token-secret';

describe('API token secrets', () => {
  const id = '3f2c1a9e-8b7d-4c6e-9f01-23456789abcd';

  it('carries the token id and a random part that matches only its own hash', () => {
    const { secret, hash } = newTokenSecret(id);
    expect(secret).toMatch(/^pdk_3f2c1a9e8b7d4c6e9f0123456789abcd_[A-Za-z0-9_-]{43}$/);
    const parsed = parseTokenSecret(secret);
    expect(parsed?.tokenId).toBe(id);
    expect(secretMatches(parsed?.random ?? '', hash)).toBe(true);
    expect(secretMatches(newTokenSecret(id).secret.split('_').pop() ?? '', hash)).toBe(false);
  });

  it('refuses anything not shaped like a Proxdeck token', () => {
    expect(parseTokenSecret('pdk_short')).toBeNull();
    expect(parseTokenSecret('eyJhbGciOi.a.b')).toBeNull();
  });
});
