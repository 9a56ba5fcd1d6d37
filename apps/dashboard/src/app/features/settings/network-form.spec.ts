import { networkChanged, networkValues, toNetworkSettings, validateNetwork } from './network-form';

describe('network form', () => {
  const pool = { mode: 'static' as const, from: '10.0.0.50', to: '10.0.0.99', prefix: 24, gateway: '10.0.0.1' };

  it('round-trips a saved pool and DHCP', () => {
    expect(toNetworkSettings(networkValues(pool))).toEqual(pool);
    expect(toNetworkSettings(networkValues({ mode: 'dhcp' }))).toEqual({ mode: 'dhcp' });
  });

  it('checks nothing for DHCP, and refuses a prefix that is not a whole number', () => {
    expect(validateNetwork({ mode: 'dhcp', from: 'x', to: '', prefix: '', gateway: '' })).toEqual({});
    expect(validateNetwork({ ...networkValues(pool), prefix: '24.5' })).toEqual({ 'network.prefix': 'must be a whole number from 8 to 30' });
  });

  it('sees a change only when the mode or a pool field differs from the saved one', () => {
    expect(networkChanged(networkValues(pool), pool)).toBe(false);
    expect(networkChanged({ ...networkValues(pool), to: '10.0.0.98' }, pool)).toBe(true);
    expect(networkChanged(networkValues({ mode: 'dhcp' }), { mode: 'dhcp' })).toBe(false);
    expect(networkChanged(networkValues({ mode: 'dhcp' }), pool)).toBe(true);
  });
});
