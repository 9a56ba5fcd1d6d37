import { buildEnv, buildMountPoint, buildNet0, buildRootfs, overlayEnv, parseEnv, parsePropertyString } from './lxc-builders';

describe('buildNet0', () => {
  it('builds a DHCP interface on a bridge', () => {
    expect(buildNet0({ bridge: 'vmbr0', ip: 'dhcp' })).toBe('name=eth0,bridge=vmbr0,ip=dhcp');
  });

  it('builds a static interface with gateway, firewall and VLAN tag', () => {
    expect(buildNet0({ bridge: 'vmbr1', ip: '192.168.10.50/24', gw: '192.168.10.1', firewall: true, tag: 20 })).toBe(
      'name=eth0,bridge=vmbr1,ip=192.168.10.50/24,gw=192.168.10.1,firewall=1,tag=20',
    );
  });

  it('round-trips through parsePropertyString', () => {
    const spec = buildNet0({ bridge: 'vmbr0', ip: '10.0.0.2/8', gw: '10.0.0.1' });
    expect(parsePropertyString(spec)).toEqual({ name: 'eth0', bridge: 'vmbr0', ip: '10.0.0.2/8', gw: '10.0.0.1' });
  });

  it.each([
    [{ bridge: 'vmbr0', ip: '192.168.1.300/24' }, /CIDR/],
    [{ bridge: 'vmbr0', ip: '192.168.1.3' }, /CIDR/],
    [{ bridge: 'vmbr0', ip: '192.168.1.3/33' }, /CIDR/],
    [{ bridge: 'vmbr0', ip: 'dhcp', gw: '192.168.1.1' }, /gateway/],
    [{ bridge: 'vmbr0', ip: '192.168.1.3/24', gw: 'router' }, /gateway/],
    [{ bridge: 'vmbr0,ip=x', ip: 'dhcp' }, /bridge/],
    [{ bridge: 'vmbr0', ip: 'dhcp', tag: 5000 }, /VLAN/],
  ])('rejects %j', (spec, message) => {
    expect(() => buildNet0(spec)).toThrow(message);
  });
});

describe('buildMountPoint / buildRootfs', () => {
  it('allocates a new volume at a path', () => {
    expect(buildMountPoint('local-lvm', 8, '/var/lib/data')).toBe('local-lvm:8,mp=/var/lib/data');
    expect(buildMountPoint('tank', 2, '/data', { backup: true })).toBe('tank:2,mp=/data,backup=1');
    expect(buildRootfs('local-lvm', 4)).toBe('local-lvm:4');
  });

  it.each([
    ['local-lvm', 0, '/data', /size/],
    ['local-lvm', 1.5, '/data', /size/],
    ['local-lvm', 1, 'data', /path/],
    ['local-lvm', 1, '/data,mp=/etc', /path/],
    ['local-lvm', 1, '/data/../etc', /path/],
    ['bad storage!', 1, '/data', /storage/],
  ])('rejects storage %s size %s path %s', (storage, size, path, message) => {
    expect(() => buildMountPoint(storage, size, path)).toThrow(message);
  });
});

describe('buildEnv', () => {
  it('joins variables with NUL and parses back', () => {
    const env = buildEnv({ NGINX_PORT: '80', GREETING: 'hello world=1' });
    expect(env).toBe('NGINX_PORT=80\0GREETING=hello world=1');
    expect(parseEnv(env)).toEqual({ NGINX_PORT: '80', GREETING: 'hello world=1' });
  });

  it('rejects bad names and control characters', () => {
    expect(() => buildEnv({ 'BAD-NAME': 'x' })).toThrow(/name/);
    expect(() => buildEnv({ OK: 'a\u0001b' })).toThrow(/control/);
  });
});

describe('overlayEnv', () => {
  it('keeps the image variables, puts the app variables on top and drops the ones the app removed', () => {
    const image = { PATH: '/usr/local/bin:/usr/bin', GF_PATHS_DATA: '/var/lib/grafana', OLD: 'x' };
    expect(overlayEnv(image, { GF_PATHS_DATA: '/data', TZ: 'UTC' }, ['OLD'])).toEqual({ PATH: '/usr/local/bin:/usr/bin', GF_PATHS_DATA: '/data', TZ: 'UTC' });
  });
});

describe('buildMountPoint options', () => {
  it('adds backup=1 and keepattrs=1 when asked', () => {
    expect(buildMountPoint('local-lvm', 2, '/data', { backup: true, keepattrs: true })).toBe('local-lvm:2,mp=/data,backup=1,keepattrs=1');
    expect(buildMountPoint('local-lvm', 2, '/data', { backup: true })).toBe('local-lvm:2,mp=/data,backup=1');
  });
});
