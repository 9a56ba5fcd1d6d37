import { containerAddress, dhcpAddress, useDhcpOctet } from './container-ip';
import { formatDiskSize, parseDiskSize, parsePropertyString, printPropertyString } from '../params/property-string';

describe('container addresses', () => {
  it('maps dhcp to a unique loopback address per vmid', () => {
    expect(dhcpAddress(100)).toBe('127.77.0.100');
    expect(dhcpAddress(1000)).toBe('127.77.3.232');
    expect(containerAddress(100, 'name=eth0,bridge=vmbr0,ip=dhcp')).toBe('127.77.0.100');
  });

  it('honours static addresses and ignores manual/absent ones', () => {
    expect(containerAddress(100, 'name=eth0,bridge=vmbr0,ip=127.77.9.9/8,gw=127.0.0.1')).toBe('127.77.9.9');
    expect(containerAddress(100, 'name=eth0,bridge=vmbr0,ip=manual')).toBeUndefined();
    expect(containerAddress(100, undefined)).toBeUndefined();
  });
});

describe('property strings', () => {
  it('parses a default key and key=value pairs', () => {
    expect([...parsePropertyString('local-lvm:2,mp=/data', 'volume')]).toEqual([
      ['volume', 'local-lvm:2'],
      ['mp', '/data'],
    ]);
    expect(() => parsePropertyString('a,b', 'volume')).toThrow();
  });

  it('prints with the default key first', () => {
    const map = new Map([
      ['size', '4G'],
      ['volume', 'local-lvm:vm-100-disk-0'],
    ]);
    expect(printPropertyString(map, 'volume')).toBe('local-lvm:vm-100-disk-0,size=4G');
  });

  it('converts disk sizes', () => {
    expect(parseDiskSize('4')).toBe(4 * 1024 ** 3);
    expect(parseDiskSize('512M')).toBe(512 * 1024 ** 2);
    expect(parseDiskSize('x')).toBeUndefined();
    expect(formatDiskSize(4 * 1024 ** 3)).toBe('4G');
    expect(formatDiskSize(1536 * 1024 ** 2)).toBe('1536M');
  });
});

describe('useDhcpOctet', () => {
  afterEach(() => useDhcpOctet(77));

  it('moves the DHCP range so parallel simulators do not collide', () => {
    useDhcpOctet(142);
    expect(dhcpAddress(100)).toBe('127.142.0.100');
    expect(containerAddress(1000, 'name=eth0,ip=dhcp')).toBe('127.142.3.232');
  });

  it('refuses an octet outside 1-254', () => {
    expect(() => useDhcpOctet(0)).toThrow('--dhcp-octet must be 1-254');
    expect(() => useDhcpOctet(255)).toThrow('--dhcp-octet must be 1-254');
  });
});
