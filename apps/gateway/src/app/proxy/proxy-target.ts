import { BlockList, isIP } from 'node:net';
import { networkInterfaces } from 'node:os';

/**
 * Addresses the app proxy never forwards to, whatever a container reports as its address: the
 * gateway's own host (loopback, its interfaces' addresses) and addresses that are not a host on a
 * bridge (unspecified, link-local, multicast, broadcast). An app's address comes from its
 * container's interfaces as Proxmox reports them, and the guest chooses those: a container that
 * claims 127.0.0.1 must not let a viewer reach the gateway's own local services.
 */
const NEVER = new BlockList();
NEVER.addSubnet('0.0.0.0', 8, 'ipv4');
NEVER.addSubnet('169.254.0.0', 16, 'ipv4');
NEVER.addSubnet('224.0.0.0', 4, 'ipv4');
NEVER.addAddress('255.255.255.255', 'ipv4');
NEVER.addAddress('::', 'ipv6');
NEVER.addSubnet('fe80::', 10, 'ipv6');
NEVER.addSubnet('ff00::', 8, 'ipv6');

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** The loopback addresses the gateway's own services listen on: refused even where apps may be on loopback. */
const HOST_LOOPBACK = new Set(['127.0.0.1', '::1']);

export interface ProxyTargetRules {
  /** PROXDECK_APPS_ON_LOOPBACK: pve-sim's containers live on 127.x.y.z (never with a real cluster). */
  appsOnLoopback: boolean;
  /** The gateway host's own addresses (its network interfaces). */
  ownAddresses: ReadonlySet<string>;
}

/** Why the proxy refuses `address` as an app's target, or null when it may forward there. Pure. */
export function proxyTargetRefusal(address: string, rules: ProxyTargetRules): string | null {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const ip = mapped ? mapped[1] : address;
  const family = isIP(ip);
  if (family === 0) return `${address} is not an IP address`;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (NEVER.check(ip, type)) return `${address} is not an address a container can be reached at`;
  if (rules.ownAddresses.has(ip) || HOST_LOOPBACK.has(ip)) return `${address} is the gateway's own host`;
  if (LOOPBACK.check(ip, type) && !rules.appsOnLoopback) return `${address} is a loopback address, the gateway's own host`;
  return null;
}

/** The addresses of this host's network interfaces, as the proxy compares them. */
export function hostAddresses(): Set<string> {
  const out = new Set<string>();
  for (const list of Object.values(networkInterfaces())) {
    for (const entry of list ?? []) out.add(entry.address.replace(/%.*$/, ''));
  }
  return out;
}
