import { net0WithAddress } from './address-pool';

describe('net0WithAddress', () => {
  const address = { ip: '10.0.0.50/24', gw: '10.0.0.1' };

  it('builds net0 on the bridge when there is none yet', () => {
    expect(net0WithAddress(address, 'vmbr0')).toBe('name=eth0,bridge=vmbr0,ip=10.0.0.50/24,gw=10.0.0.1');
    expect(net0WithAddress({ ip: 'dhcp' }, 'vmbr0')).toBe('name=eth0,bridge=vmbr0,ip=dhcp');
  });

  it("replaces a copied container's address and gateway, keeping its bridge, MAC and VLAN", () => {
    const copied = 'name=eth0,bridge=vmbr1,gw=10.0.0.1,hwaddr=BC:24:11:00:00:01,ip=10.0.0.60/24,tag=20,type=veth';
    expect(net0WithAddress(address, 'vmbr0', copied)).toBe('name=eth0,bridge=vmbr1,hwaddr=BC:24:11:00:00:01,tag=20,type=veth,ip=10.0.0.50/24,gw=10.0.0.1');
  });
});
