import { proxyTargetRefusal } from './proxy-target';

const strict = { appsOnLoopback: false, ownAddresses: new Set(['192.168.1.10']) };
const simulated = { ...strict, appsOnLoopback: true };

describe('proxyTargetRefusal', () => {
  it('forwards to addresses a container on a bridge has', () => {
    for (const ip of ['10.0.0.5', '192.168.1.20', '172.16.4.4', '203.0.113.9', 'fd00::5', '2001:db8::7']) {
      expect(proxyTargetRefusal(ip, strict)).toBeNull();
    }
  });

  it('refuses the gateway host: loopback, its own interfaces, also as IPv4-mapped IPv6', () => {
    expect(proxyTargetRefusal('127.0.0.1', strict)).toBe("127.0.0.1 is the gateway's own host");
    expect(proxyTargetRefusal('127.3.4.5', strict)).toBe("127.3.4.5 is a loopback address, the gateway's own host");
    expect(proxyTargetRefusal('::1', strict)).toBe("::1 is the gateway's own host");
    expect(proxyTargetRefusal('::ffff:127.0.0.1', strict)).toBe("::ffff:127.0.0.1 is the gateway's own host");
    expect(proxyTargetRefusal('192.168.1.10', strict)).toBe("192.168.1.10 is the gateway's own host");
  });

  it('refuses what is no host on a bridge: unspecified, link-local (cloud metadata), multicast, broadcast', () => {
    for (const ip of ['0.0.0.0', '169.254.169.254', '224.0.0.1', '255.255.255.255', '::', 'fe80::1', 'ff02::1']) {
      expect(proxyTargetRefusal(ip, strict)).toBe(`${ip} is not an address a container can be reached at`);
    }
    expect(proxyTargetRefusal('not-an-ip', strict)).toBe('not-an-ip is not an IP address');
  });

  it('lets simulated apps live on 127.x.y.z, but never on the addresses the gateway host listens on', () => {
    expect(proxyTargetRefusal('127.77.0.100', simulated)).toBeNull();
    expect(proxyTargetRefusal('127.0.0.1', simulated)).toBe("127.0.0.1 is the gateway's own host");
    expect(proxyTargetRefusal('192.168.1.10', simulated)).toBe("192.168.1.10 is the gateway's own host");
  });
});
