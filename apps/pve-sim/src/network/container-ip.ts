import { parsePropertyString } from '../params/property-string';

/** Second octet of the DHCP range; one simulator per process, so a process-wide setting. */
let dhcpOctet = 77;

/**
 * Moves this simulator's DHCP range to 127.<octet>.x.y (`--dhcp-octet`): several simulators on one
 * machine (parallel test suites) would otherwise hand VMID 100 the same address and collide.
 */
export function useDhcpOctet(octet: number): void {
  if (!Number.isInteger(octet) || octet < 1 || octet > 254) throw new Error(`--dhcp-octet must be 1-254, got ${octet}`);
  dhcpOctet = octet;
}

/**
 * The address a container gets with `ip=dhcp`: 127.77.(vmid>>8 & 255).(vmid & 255). All of 127/8
 * is local on Linux, so every container can listen on its own address without root networking.
 */
export function dhcpAddress(vmid: number): string {
  return `127.${dhcpOctet}.${(vmid >> 8) & 255}.${vmid & 255}`;
}

/** The IPv4 address of a `net0` value: static `ip=a.b.c.d/nn` honoured, `dhcp` mapped; else undefined. */
export function containerAddress(vmid: number, net0: string | undefined): string | undefined {
  if (!net0) return undefined;
  let ip: string | undefined;
  try {
    ip = parsePropertyString(net0, 'name').get('ip');
  } catch {
    return undefined;
  }
  if (ip === 'dhcp') return dhcpAddress(vmid);
  const m = ip ? /^(\d{1,3}(?:\.\d{1,3}){3})\/\d{1,2}$/.exec(ip) : null;
  return m ? m[1] : undefined;
}

/** Only loopback addresses can really be bound on the simulator's host. */
export function isLoopback(ip: string): boolean {
  return ip.startsWith('127.');
}
