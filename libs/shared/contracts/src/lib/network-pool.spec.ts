import { ipv4ToNumber, numberToIpv4, staticPoolProblems } from './network-pool';

describe('static pool rules', () => {
  const good = { from: '10.0.0.50', to: '10.0.0.99', prefix: 24, gateway: '10.0.0.1' };

  it('accepts a pool inside the gateway subnet', () => {
    expect(staticPoolProblems(good)).toEqual({});
  });

  it('converts addresses both ways', () => {
    expect(ipv4ToNumber('255.255.255.255')).toBe(4294967295);
    expect(numberToIpv4(4294967295)).toBe('255.255.255.255');
    expect(ipv4ToNumber('10.0.0.256')).toBeNull();
    expect(ipv4ToNumber('010.0.0.1')).toBeNull();
  });

  it('names each field that is not an IPv4 address', () => {
    expect(Object.keys(staticPoolProblems({ ...good, from: 'x', to: '1.2.3', gateway: '' })).sort()).toEqual(['from', 'gateway', 'to']);
  });

  it('refuses a prefix outside 8..30', () => {
    expect(staticPoolProblems({ ...good, prefix: 31 }).prefix).toMatch(/8 to 30/);
    expect(staticPoolProblems({ ...good, prefix: 7 }).prefix).toMatch(/8 to 30/);
  });

  it('refuses a pool whose end comes before its start', () => {
    expect(staticPoolProblems({ ...good, from: '10.0.0.99', to: '10.0.0.50' }).to).toMatch(/before the first address/);
  });

  it('refuses addresses outside the gateway subnet', () => {
    expect(staticPoolProblems({ ...good, to: '10.0.1.5' }).to).toMatch(/10\.0\.0\.0\/24/);
  });

  it('refuses more than 4096 addresses', () => {
    expect(staticPoolProblems({ from: '10.0.0.10', to: '10.0.16.10', prefix: 16, gateway: '10.0.0.1' }).to).toMatch(/at most 4096/);
  });

  it('refuses a gateway inside the pool and the network or broadcast address', () => {
    expect(staticPoolProblems({ ...good, gateway: '10.0.0.60' }).gateway).toMatch(/outside the pool/);
    expect(staticPoolProblems({ ...good, from: '10.0.0.0' }).from).toMatch(/network address/);
    expect(staticPoolProblems({ ...good, to: '10.0.0.255' }).to).toMatch(/broadcast/);
  });
});
