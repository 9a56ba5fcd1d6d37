import { nextFreeAddress } from './ip-pool';

describe('nextFreeAddress', () => {
  const pool = { from: '10.0.0.50', to: '10.0.0.52' };

  it('hands out the first address of an empty pool', () => {
    expect(nextFreeAddress(pool, [])).toBe('10.0.0.50');
  });

  it('skips used addresses and fills a gap left by a freed one', () => {
    expect(nextFreeAddress(pool, ['10.0.0.50'])).toBe('10.0.0.51');
    expect(nextFreeAddress(pool, ['10.0.0.52', '10.0.0.50'])).toBe('10.0.0.51');
  });

  it('returns null when every address is used', () => {
    expect(nextFreeAddress(pool, ['10.0.0.50', '10.0.0.51', '10.0.0.52'])).toBeNull();
  });

  it('ignores used addresses outside the pool', () => {
    expect(nextFreeAddress(pool, ['10.0.0.49', '192.168.1.50'])).toBe('10.0.0.50');
  });

  it('counts across an octet boundary', () => {
    expect(nextFreeAddress({ from: '10.0.0.255', to: '10.0.1.1' }, ['10.0.0.255'])).toBe('10.0.1.0');
  });

  it('handles addresses above 128.0.0.0 without sign trouble', () => {
    expect(nextFreeAddress({ from: '192.168.255.254', to: '192.168.255.254' }, [])).toBe('192.168.255.254');
  });

  it('refuses a pool that is not made of IPv4 addresses', () => {
    expect(() => nextFreeAddress({ from: 'ten', to: '10.0.0.1' }, [])).toThrow('invalid pool');
  });
});
