/**
 * The container network mode (Settings > defaults): DHCP, or addresses handed out by Proxdeck from
 * a static pool (`from`..`to`, both inclusive) in the subnet `gateway/prefix`.
 */
export type NetworkSettingsDto = { mode: 'dhcp' } | StaticPoolDto;

export interface StaticPoolDto {
  mode: 'static';
  from: string;
  to: string;
  /** CIDR prefix length of the containers' subnet, 8..30. */
  prefix: number;
  gateway: string;
}

export const DHCP_NETWORK: NetworkSettingsDto = { mode: 'dhcp' };
/** Bounds of a pool: large enough for any homelab, small enough to scan for the lowest free address. */
export const MAX_POOL_ADDRESSES = 4096;
export const MIN_POOL_PREFIX = 8;
export const MAX_POOL_PREFIX = 30;

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** `10.0.0.5` -> 167772165; null when it is not a dotted IPv4 address. */
export function ipv4ToNumber(ip: string): number | null {
  if (!IPV4.test(ip)) return null;
  return ip.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
}

export function numberToIpv4(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

/** The first address of the /prefix network that holds `n`. */
function networkOf(n: number, prefix: number): number {
  const size = 2 ** (32 - prefix);
  return Math.floor(n / size) * size;
}

/**
 * What is wrong with a static pool, by field (`from`, `to`, `prefix`, `gateway`); empty when it is
 * usable. The gateway and the console check the same rules.
 */
export function staticPoolProblems(pool: Omit<StaticPoolDto, 'mode'>): Partial<Record<'from' | 'to' | 'prefix' | 'gateway', string>> {
  const problems: Partial<Record<'from' | 'to' | 'prefix' | 'gateway', string>> = {};
  const from = ipv4ToNumber(pool.from);
  const to = ipv4ToNumber(pool.to);
  const gateway = ipv4ToNumber(pool.gateway);
  if (from === null) problems.from = 'must be an IPv4 address, e.g. 10.0.0.50';
  if (to === null) problems.to = 'must be an IPv4 address, e.g. 10.0.0.99';
  if (gateway === null) problems.gateway = 'must be an IPv4 address, e.g. 10.0.0.1';
  const prefix = pool.prefix;
  if (!Number.isInteger(prefix) || prefix < MIN_POOL_PREFIX || prefix > MAX_POOL_PREFIX) {
    problems.prefix = `must be a whole number from ${MIN_POOL_PREFIX} to ${MAX_POOL_PREFIX}`;
    return problems;
  }
  if (from === null || to === null || gateway === null) return problems;
  if (from > to) return { ...problems, to: `must not come before the first address ${pool.from}` };
  const subnet = networkOf(gateway, prefix);
  const where = `${numberToIpv4(subnet)}/${prefix}, the gateway's subnet`;
  if (networkOf(from, prefix) !== subnet) problems.from = `must be in ${where}`;
  if (networkOf(to, prefix) !== subnet) problems.to = `must be in ${where}`;
  if (problems.from || problems.to) return problems;
  const broadcast = subnet + 2 ** (32 - prefix) - 1;
  if (from === subnet) problems.from = `must not be the network address ${numberToIpv4(subnet)}`;
  if (to === broadcast) problems.to = `must not be the broadcast address ${numberToIpv4(broadcast)}`;
  if (to - from + 1 > MAX_POOL_ADDRESSES) problems.to = `the pool may hold at most ${MAX_POOL_ADDRESSES} addresses (this one holds ${to - from + 1})`;
  if (gateway >= from && gateway <= to) problems.gateway = `must lie outside the pool ${pool.from}-${pool.to}`;
  return problems;
}

/** `10.0.0.50-10.0.0.99`, as people read a pool. */
export function poolRange(pool: Pick<StaticPoolDto, 'from' | 'to'>): string {
  return `${pool.from}-${pool.to}`;
}
